//! Cost Explorer's `GetCostAndUsage` answer (`aws ce get-cost-and-usage --output json`), grouped
//! by `USAGE_TYPE` (and optionally `OPERATION` or `SERVICE`): already aggregated, so read
//! directly into the query's groups, one per time period and group.

use std::io::Read;
use std::path::Path;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde_json::Value;

use super::engine::Group;

/// The most a Cost Explorer answer may hold: 256 MiB. An answer grouped by usage type and
/// operation for a year of days in a large account is tens of MB; beyond this it is not one.
pub const MAX_JSON_BYTES: u64 = 256 * 1024 * 1024;

/// A Cost Explorer answer's text, at most [`MAX_JSON_BYTES`].
pub fn read_file(path: &Path) -> Result<String, String> {
    let mut bytes = Vec::new();
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    // A regular file's size refuses it before reading; the cap on reading bounds the rest.
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size <= MAX_JSON_BYTES {
        file.take(MAX_JSON_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| e.to_string())?;
    }
    if size > MAX_JSON_BYTES || bytes.len() as u64 > MAX_JSON_BYTES {
        return Err("larger than 256 MiB, the most a Cost Explorer answer may hold: a GetCostAndUsage answer is a few MB; for a bill this large read the Cost and Usage Report (CUR 2.0 Parquet) instead".into());
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "not UTF-8 text at byte {}: a Cost Explorer answer is JSON text",
            e.utf8_error().valid_up_to()
        )
    })
}

/// The groups of a Cost Explorer answer, or why it cannot be read as a bill.
pub fn read(text: &str) -> Result<Vec<Group>, String> {
    let json: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let results = json.get("ResultsByTime").and_then(Value::as_array).ok_or(
        "not a bill: JSON without `ResultsByTime` (expected Cost Explorer GetCostAndUsage)",
    )?;
    let keys: Vec<&str> = json
        .get("GroupDefinitions")
        .and_then(Value::as_array)
        .map(|d| d.iter().filter_map(|g| g.get("Key")?.as_str()).collect())
        .unwrap_or_default();
    let at = |k: &str| keys.iter().position(|x| *x == k);
    let usage_at = at("USAGE_TYPE").ok_or_else(|| {
        format!(
            "a Cost Explorer answer grouped by {} cannot be mapped to components: group by usage type (`--group-by Type=DIMENSION,Key=USAGE_TYPE Type=DIMENSION,Key=OPERATION`) with metrics UsageQuantity and UnblendedCost",
            if keys.is_empty() { "nothing".to_owned() } else { keys.join(" and ") }
        )
    })?;
    let op_at = at("OPERATION");
    let service_at = at("SERVICE");
    let mut out = Vec::new();
    for period in results {
        let from = str_at(period, &["TimePeriod", "Start"]);
        let to = str_at(period, &["TimePeriod", "End"]);
        for (key, v) in [("Start", &from), ("End", &to)] {
            if !super::check::is_date(v) {
                return Err(format!(
                    "TimePeriod {key} is `{v}`: expected a date (YYYY-MM-DD), as Cost Explorer writes it"
                ));
            }
        }
        for g in period
            .get("Groups")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let key = |i: Option<usize>| {
                i.and_then(|i| g.get("Keys")?.get(i)?.as_str())
                    .unwrap_or("")
                    .to_owned()
            };
            let metric = |m: &str| amount(g, m);
            let cost = metric("UnblendedCost")?.or(metric("BlendedCost")?);
            out.push(Group {
                period: from.chars().take(7).collect(),
                region: String::new(),
                product: product_code(&key(service_at)),
                usage_type: key(Some(usage_at)),
                operation: key(op_at),
                rate_code: String::new(),
                line_type: "Usage".into(),
                currency: str_at(g, &["Metrics", "UnblendedCost", "Unit"]),
                quantity: metric("UsageQuantity")?.unwrap_or_default(),
                billed_cost: cost.unwrap_or_default(),
                list_cost: None,
                rows: 1,
                from: from.clone(),
                to: to.clone(),
            });
        }
    }
    Ok(out)
}

/// The product code of a Cost Explorer service name, for the services whose usage types the
/// rules tell by product (`Request` is Lambda's only under AWS Lambda); any other name is kept
/// as it is, so that its rows stay apart from those services'. No SERVICE group: empty.
fn product_code(service: &str) -> String {
    match service {
        "AWS Lambda" => "AWSLambda",
        "Amazon Route 53" => "AmazonRoute53",
        other => other,
    }
    .to_owned()
}

fn str_at(v: &Value, path: &[&str]) -> String {
    path.iter()
        .try_fold(v, |v, k| v.get(*k))
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned()
}

fn amount(g: &Value, metric: &str) -> Result<Option<Decimal>, String> {
    match g.get("Metrics").and_then(|m| m.get(metric)) {
        None => Ok(None),
        Some(m) => {
            let a = m.get("Amount").and_then(Value::as_str).unwrap_or("0");
            Decimal::from_str(a)
                .or_else(|_| Decimal::from_scientific(a))
                .map(Some)
                .map_err(|_| format!("{metric} amount `{a}` is not a number"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_type_groups_are_read() {
        let text = r#"{"GroupDefinitions":[{"Type":"DIMENSION","Key":"USAGE_TYPE"}],
          "ResultsByTime":[{"TimePeriod":{"Start":"2025-01-01","End":"2025-02-01"},"Groups":[
          {"Keys":["USE2-VpcEndpoint-Hours"],"Metrics":{"UnblendedCost":{"Amount":"14.6","Unit":"USD"},
           "UsageQuantity":{"Amount":"1460","Unit":"Hrs"}}}]}]}"#;
        let g = read(text).unwrap();
        assert_eq!(g[0].usage_type, "USE2-VpcEndpoint-Hours");
        assert_eq!(g[0].quantity, Decimal::from(1460));
        assert_eq!(g[0].billed_cost.to_string(), "14.6");
        assert_eq!(g[0].period, "2025-01");
    }

    /// Grouped by SERVICE and USAGE_TYPE, a row names its service: Lambda's `Request` is
    /// AWSLambda's, another service's `Request` is kept under its own name.
    #[test]
    fn a_service_group_names_the_product() {
        let text = r#"{"GroupDefinitions":[{"Type":"DIMENSION","Key":"SERVICE"},{"Type":"DIMENSION","Key":"USAGE_TYPE"}],
          "ResultsByTime":[{"TimePeriod":{"Start":"2025-01-01","End":"2025-02-01"},"Groups":[
          {"Keys":["AWS Lambda","Request"],"Metrics":{"UsageQuantity":{"Amount":"10","Unit":"N/A"}}},
          {"Keys":["Amazon Example","Request"],"Metrics":{"UsageQuantity":{"Amount":"5","Unit":"N/A"}}}]}]}"#;
        let g = read(text).unwrap();
        assert_eq!(
            (g[0].product.as_str(), g[0].usage_type.as_str()),
            ("AWSLambda", "Request")
        );
        assert_eq!(g[1].product, "Amazon Example");
    }

    #[test]
    fn a_service_grouping_is_refused_with_the_fix() {
        let text =
            r#"{"GroupDefinitions":[{"Type":"DIMENSION","Key":"SERVICE"}],"ResultsByTime":[]}"#;
        let e = read(text).unwrap_err();
        assert!(
            e.contains("grouped by SERVICE") && e.contains("Key=USAGE_TYPE"),
            "{e}"
        );
    }
}
