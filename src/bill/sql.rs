//! The one SQL query that turns a bill into usage: rows grouped by month, Region, product,
//! usage type, operation, rate code, line item type and currency, with their quantity, cost and
//! list cost summed. Run locally by the embedded engine over any format (each format only names
//! its columns), and printed by `usage --sql athena` for Amazon Athena over a CUR 2.0 table,
//! whose answer, saved as CSV, is itself a bill `usage` reads.

/// What the query needs of a bill, each an SQL expression over its columns (`NULL` where the
/// format has no such column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    pub start: String,
    pub end: String,
    pub region: String,
    pub product: String,
    pub usage_type: String,
    pub operation: String,
    pub rate_code: String,
    pub line_type: String,
    pub currency: String,
    pub quantity: String,
    pub cost: String,
    pub list_cost: String,
    /// `COUNT(*)`, or the sum of a `rows` column when the input is itself this query's answer.
    pub rows: String,
    /// Rows kept (FOCUS: only AWS's).
    pub filter: Option<String>,
    /// How the start column holds its dates: a timestamp's month is truncated as a number, not
    /// by formatting ten million dates as text (set by [`Columns::in_month`]).
    pub dates: Dates,
}

/// The answer's columns, in order: also the header of the CSV Athena returns.
pub const OUTPUT: [&str; 14] = [
    "period",
    "region",
    "product_code",
    "usage_type",
    "operation",
    "rate_code",
    "line_item_type",
    "currency",
    "quantity",
    "billed_cost",
    "list_cost",
    "rows",
    "from",
    "to",
];

/// A column name as an SQL identifier: `"lineItem/UsageType"`.
pub fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The aggregation over `table`.
pub fn query(c: &Columns, table: &str) -> String {
    let text = |e: &str| format!("CAST({e} AS VARCHAR)");
    // The month: a timestamp truncated to it (its first seven characters once the answer is
    // read), text cut to its first seven characters.
    let month = match c.dates {
        Dates::Text => format!("substr({}, 1, 7)", text(&c.start)),
        Dates::Timestamp => format!("date_trunc('month', CAST({} AS TIMESTAMP))", c.start),
    };
    let keys = [
        month,
        format!("COALESCE({}, '')", text(&c.region)),
        format!("COALESCE({}, '')", text(&c.product)),
        format!("COALESCE({}, '')", text(&c.usage_type)),
        format!("COALESCE({}, '')", text(&c.operation)),
        format!("COALESCE({}, '')", text(&c.rate_code)),
        format!("COALESCE({}, '')", text(&c.line_type)),
        format!("COALESCE({}, '')", text(&c.currency)),
    ];
    // A column the format lacks is a typed null: SUM takes no untyped NULL.
    let sum = |e: &str| match e {
        "NULL" => "SUM(CAST(NULL AS DOUBLE))".to_owned(),
        e => format!("SUM({e})"),
    };
    let sums = [
        sum(&c.quantity),
        sum(&c.cost),
        sum(&c.list_cost),
        c.rows.clone(),
        // Dates compared as they are, made text once summed (ISO text orders as its dates do).
        format!("MIN({})", c.start),
        format!("MAX({})", c.end),
    ];
    let select: Vec<String> = keys
        .iter()
        .chain(sums.iter())
        .zip(OUTPUT)
        .map(|(e, name)| format!("  {e} AS {}", ident(name)))
        .collect();
    let filter = c
        .filter
        .as_ref()
        .map(|f| format!("WHERE {f}\n"))
        .unwrap_or_default();
    format!(
        "SELECT\n{}\nFROM {table}\n{filter}GROUP BY\n  {}\n",
        select.join(",\n"),
        keys.join(",\n  ")
    )
}

/// How the start column holds its dates, so that the month's bounds are written to compare with
/// it as it is (never casting the column: a Parquet reader then skips the row groups whose
/// statistics fall outside the month).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dates {
    /// ISO 8601 text (CSV, Athena text tables): compared as text, `2024-09-01` ≤ `2024-09-13T…`.
    #[default]
    Text,
    /// A timestamp or date column (Parquet, Athena over CUR 2.0).
    Timestamp,
}

/// The first day of `month` (`YYYY-MM`) and of the month after.
fn bounds(month: &str) -> Option<(String, String)> {
    let (y, m) = month.split_once('-')?;
    let (y, m): (u32, u32) = (y.parse().ok()?, m.parse().ok()?);
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    Some((format!("{y:04}-{m:02}-01"), format!("{ny:04}-{nm:02}-01")))
}

impl Columns {
    /// Only the rows whose usage starts in `month` (`YYYY-MM`): the rows whose period (the start's
    /// first seven characters) is the month, as a range on the start column itself, so that the
    /// engine filters while it reads rather than after it has summed.
    pub fn in_month(mut self, month: Option<&str>, dates: Dates) -> Columns {
        self.dates = dates;
        let Some((from, to)) = month.and_then(bounds) else {
            return self;
        };
        let lit = |d: &str| match dates {
            Dates::Text => format!("'{d}'"),
            Dates::Timestamp => format!("TIMESTAMP '{d} 00:00:00'"),
        };
        let range = format!(
            "{s} >= {} AND {s} < {}",
            lit(&from),
            lit(&to),
            s = self.start
        );
        self.filter = Some(match self.filter {
            Some(f) => format!("({f}) AND {range}"),
            None => range,
        });
        self
    }
}

/// The columns of a text file (CSV, Athena text), where every value is text: `NULL` and `\N`
/// are nulls, and the summed columns are read as exact decimals (through a double only when
/// written with an exponent, `1.8e-05`, which the decimal cast does not take).
pub fn for_text(c: Columns) -> Columns {
    let null = |e: String| {
        if e == "NULL" {
            e
        } else {
            format!("(CASE WHEN {e} IN ('', 'NULL', '\\N') THEN NULL ELSE {e} END)")
        }
    };
    let num = |e: String| {
        if e == "NULL" {
            return e;
        }
        let e = null(e);
        format!(
            "(CASE WHEN {e} LIKE '%e%' OR {e} LIKE '%E%' THEN CAST(CAST({e} AS DOUBLE) AS DECIMAL(38, 18)) ELSE CAST({e} AS DECIMAL(38, 18)) END)"
        )
    };
    let rows = match c
        .rows
        .strip_prefix("SUM(")
        .and_then(|r| r.strip_suffix(')'))
    {
        Some(col) => format!("SUM({})", num(col.to_owned())),
        None => c.rows,
    };
    Columns {
        start: null(c.start),
        end: null(c.end),
        region: null(c.region),
        product: null(c.product),
        usage_type: null(c.usage_type),
        operation: null(c.operation),
        rate_code: null(c.rate_code),
        line_type: null(c.line_type),
        currency: null(c.currency),
        quantity: num(c.quantity),
        cost: num(c.cost),
        list_cost: num(c.list_cost),
        rows,
        filter: c.filter,
        dates: c.dates,
    }
}

/// The columns of a CUR 2.0 table as Athena sees it (Data Exports, `line_item_*`,
/// `pricing_*`, `product_region_code`).
pub fn cur2_columns() -> Columns {
    Columns {
        start: "line_item_usage_start_date".into(),
        end: "line_item_usage_end_date".into(),
        region: "product_region_code".into(),
        product: "line_item_product_code".into(),
        usage_type: "line_item_usage_type".into(),
        operation: "line_item_operation".into(),
        rate_code: "pricing_rate_code".into(),
        line_type: "line_item_line_item_type".into(),
        currency: "line_item_currency_code".into(),
        quantity: "line_item_usage_amount".into(),
        cost: "line_item_unblended_cost".into(),
        list_cost: "pricing_public_on_demand_cost".into(),
        rows: "COUNT(*)".into(),
        filter: None,
        dates: Dates::default(),
    }
}

/// The query for Amazon Athena (Trino SQL) over the CUR 2.0 table `table`, restricted to
/// `month` (`YYYY-MM`) when given: by the export's `billing_period` partition (so Athena scans
/// only that month's files) and by the usage start dates, as `usage --month` filters locally.
pub fn athena(table: &str, month: Option<&str>) -> String {
    let mut c = cur2_columns();
    if let Some(m) = month {
        c.filter = Some(format!("billing_period = '{m}'"));
    }
    let c = c.in_month(month, Dates::Timestamp);
    format!(
        "-- apigw-cost usage: billed usage by month, Region and usage type, for Amazon Athena over\n\
         -- a CUR 2.0 table. Save the result as CSV and read it with `apigw-cost usage FILE.csv`.\n{}",
        query(&c, table)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_athena_query_groups_by_every_key_and_names_the_contract_columns() {
        let q = athena("cur2", Some("2024-09"));
        assert!(q.contains("FROM cur2\nWHERE (billing_period = '2024-09') AND line_item_usage_start_date >= TIMESTAMP '2024-09-01 00:00:00' AND line_item_usage_start_date < TIMESTAMP '2024-10-01 00:00:00'\nGROUP BY"), "{q}");
        for name in OUTPUT {
            assert!(q.contains(&format!("AS \"{name}\"")), "{name}");
        }
        assert!(q.contains("SUM(line_item_usage_amount) AS \"quantity\""));
        assert_eq!(q.matches("COALESCE").count(), 14);
        assert!(!athena("cur2", None).contains("WHERE"));
    }

    #[test]
    fn a_month_is_a_range_on_the_start_column_december_into_the_next_year() {
        let mut c = cur2_columns();
        c.start = "\"s\"".into();
        let text = c.clone().in_month(Some("2024-12"), Dates::Text);
        assert_eq!(
            text.filter.as_deref(),
            Some("\"s\" >= '2024-12-01' AND \"s\" < '2025-01-01'")
        );
        c.filter = Some("p = 'AWS'".into());
        let both = c.in_month(Some("2024-09"), Dates::Timestamp);
        assert_eq!(
            both.filter.as_deref(),
            Some(
                "(p = 'AWS') AND \"s\" >= TIMESTAMP '2024-09-01 00:00:00' AND \"s\" < TIMESTAMP '2024-10-01 00:00:00'"
            )
        );
    }
}
