//! `usage` and `calibrate` through the real binary on the bills written for the README
//! (`tests/fixtures/bill/`), and on bad input: each expected figure is the fixture's rows
//! added up by hand, as each test says.

use std::io::Write;
use std::os::unix::process::CommandExt;
use std::process::Stdio;
use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, BooleanArray, Int64Array};
use serde_json::Value;

use crate::bill_parquet::{cur2_columns, texts, write_parquet};
use crate::support::{d, root, run_in};

const BIN: &str = env!("CARGO_BIN_EXE_apigw-cost");

fn json(args: &[&str]) -> Value {
    let (out, _) = run_in(root(), args, 0);
    serde_json::from_str(&out).expect("JSON")
}

fn line<'a>(u: &'a Value, id: &str) -> &'a Value {
    u["usage"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["component"] == id)
        .unwrap_or_else(|| panic!("no {id} in {u}"))
}

/// focus.csv: 2 ALB hours at $0.0225, 0.5 LCU-hour at $0.008, 1 NAT hour at $0.045, 60 Lambda
/// requests ($0.000012), 2.5 GB between AZs at $0.01; a Classic LB hour is not modelled; a $0.01
/// tax is not usage.
#[test]
fn focus_fixture_maps_by_rate_code() {
    let u = json(&["usage", "tests/fixtures/bill/focus.csv", "--format", "json"]);
    let l = line(&u, "alb-hours");
    assert_eq!(
        (l["quantity"].as_str(), l["billed_cost"].as_str()),
        (Some("2"), Some("0.045"))
    );
    assert_eq!(
        l["book_cost"], "0.0450",
        "the book's us-east-1 price is $0.0225 too"
    );
    assert_eq!(l["mapped_by"], "rate code");
    assert_eq!(line(&u, "alb-capacity")["billed_cost"], "0.004");
    assert_eq!(line(&u, "nat-gateway-hours")["billed_cost"], "0.045");
    assert_eq!(line(&u, "lambda-requests")["quantity"], "0.00006");
    assert_eq!(line(&u, "inter-az-data")["quantity"], "2.5");
    assert_eq!(u["not_modelled"][0]["billed_cost"], "0.025");
    assert_eq!(u["adjustments"][0]["line_item_type"], "Tax");
    assert_eq!(u["adjustments"][0]["billed_cost"], "0.01");
}

/// cur-legacy.csv.gz: 24 hourly ALB rows at 1 hour and $0.0225; LCU-hours 20 + (hour mod 5)/4,
/// summing to 491.5 ($3.932); 4.2 GB in and out between AZs each hour (201.6 GB, $2.016).
#[test]
fn legacy_cur_fixture_sums_by_usage_type_and_operation() {
    let u = json(&[
        "usage",
        "tests/fixtures/bill/cur-legacy.csv.gz",
        "--format",
        "json",
    ]);
    assert_eq!(u["read"][0]["format"], "CUR (legacy) CSV.gz");
    assert_eq!(u["read"][0]["rows"], 123);
    assert_eq!(line(&u, "alb-hours")["quantity"], "24");
    assert_eq!(
        d(line(&u, "alb-capacity")["quantity"].as_str().unwrap()),
        d("491.5")
    );
    assert_eq!(
        d(line(&u, "alb-capacity")["billed_cost"].as_str().unwrap()),
        d("3.932")
    );
    let inter: Vec<&Value> = u["usage"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["component"] == "inter-az-data")
        .collect();
    assert_eq!(inter.len(), 2, "InterZone-In and InterZone-Out");
    assert_eq!(d(inter[0]["quantity"].as_str().unwrap()), d("100.8"));
    assert_eq!(u["adjustments"][0]["line_item_type"], "Credit");
    let (csv, _) = run_in(
        root(),
        &[
            "usage",
            "tests/fixtures/bill/cur-legacy.csv.gz",
            "--format",
            "csv",
        ],
        0,
    );
    assert!(
        csv.starts_with("period,region,component,usage_type,operation,quantity,unit,"),
        "{csv}"
    );
    let (table, _) = run_in(
        root(),
        &["usage", "tests/fixtures/bill/cur-legacy.csv.gz"],
        0,
    );
    assert!(
        table.contains("alb-capacity") && table.contains("$3.93"),
        "{table}"
    );
}

#[test]
fn calibrate_writes_a_scenario_that_validates_and_names_its_rows() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("calibrated.toml");
    let (report, _) = run_in(
        root(),
        &[
            "calibrate",
            "tests/fixtures/bill/orders-alb.toml",
            "--bill",
            "tests/fixtures/bill/cur-legacy.csv.gz",
            "--output",
            out.to_str().unwrap(),
        ],
        0,
    );
    assert!(report.contains("alb-capacity"), "{report}");
    let text = std::fs::read_to_string(&out).unwrap();
    // 491.5 LCU-hours over 24 hours.
    assert!(
        text.contains("processed_gb_per_hour = 20.479167  # from tests/fixtures/bill/cur-legacy.csv.gz, 24 rows LCUUsage LoadBalancing:Application"),
        "{text}"
    );
    run_in(root(), &["validate", out.to_str().unwrap()], 0);
}

#[test]
fn the_athena_query_is_printed_and_its_answer_reads_back() {
    let (q, _) = run_in(
        root(),
        &["usage", "--sql", "athena", "--month", "2024-09"],
        0,
    );
    // The partition (Athena scans only the month's files) and the usage dates, as `--month`
    // filters a local bill.
    assert!(
        q.contains("FROM cur2\nWHERE (billing_period = '2024-09') AND line_item_usage_start_date >= TIMESTAMP '2024-09-01 00:00:00' AND line_item_usage_start_date < TIMESTAMP '2024-10-01 00:00:00'\nGROUP BY"),
        "{q}"
    );
    // An answer of the query, as Athena's CSV writes it.
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("answer.csv");
    std::fs::write(
        &f,
        "\"period\",\"region\",\"product_code\",\"usage_type\",\"operation\",\"rate_code\",\"line_item_type\",\"currency\",\"quantity\",\"billed_cost\",\"list_cost\",\"rows\",\"from\",\"to\"\n\
         \"2024-09\",\"us-east-2\",\"AmazonVPC\",\"USE2-VpcEndpoint-Hours\",\"VpcEndpoint\",\"\",\"Usage\",\"USD\",\"1440.0\",\"14.4\",\"14.4\",\"1440\",\"2024-09-01 00:00:00.000\",\"2024-10-01 00:00:00.000\"\n",
    )
    .unwrap();
    let u = json(&["usage", f.to_str().unwrap(), "--format", "json"]);
    let l = line(&u, "endpoint-hours");
    assert_eq!(
        (l["region"].as_str(), l["rows"].as_u64()),
        (Some("us-east-2"), Some(1440))
    );
}

#[test]
fn a_headerless_athena_part_reads_with_header_from() {
    let dir = tempfile::tempdir().unwrap();
    let head = "line_item_line_item_type\x01line_item_usage_start_date\x01line_item_usage_end_date\x01line_item_product_code\x01line_item_usage_type\x01line_item_operation\x01line_item_usage_amount\x01line_item_unblended_cost\n";
    let row = "Usage\x012019-11-26 00:00:00\x012019-11-26 01:00:00\x01AmazonEC2\x01LoadBalancerUsage\x01LoadBalancing:Application\x011.0\x010.0225\n";
    let part1 = dir.path().join("part1");
    let part2 = dir.path().join("part2");
    std::fs::write(&part1, format!("{head}{row}")).unwrap();
    std::fs::write(&part2, row.replace("00:00:00\x01", "01:00:00\x01")).unwrap();
    let (p1, p2) = (part1.to_str().unwrap(), part2.to_str().unwrap());
    let (_, err) = run_in(root(), &["usage", p2], 1);
    assert!(err.contains("--header-from"), "{err}");
    let u = json(&["usage", p1, p2, "--header-from", p1, "--format", "json"]);
    assert_eq!(line(&u, "alb-hours")["quantity"], "2");
}

#[test]
fn bad_bills_are_named_with_what_was_expected() {
    let (_, err) = run_in(root(), &["usage", "tests/fixtures/orders.toml"], 1);
    assert!(
        err.contains("not a bill") && err.contains("FOCUS 1.0-1.2"),
        "{err}"
    );
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("partial.csv");
    std::fs::write(&f, "lineItem/UsageType,lineItem/UsageAmount\nLCUUsage,1\n").unwrap();
    let (_, err) = run_in(root(), &["usage", f.to_str().unwrap()], 1);
    assert!(
        err.contains("lineItem/UsageStartDate") && err.contains("lineItem/UnblendedCost"),
        "{err}"
    );
    let (_, err) = run_in(root(), &["usage", "x.csv", "--month", "2024-9"], 2);
    assert!(err.contains("YYYY-MM"), "{err}");
}

#[test]
fn mixed_currencies_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("eur.csv");
    let text = std::fs::read_to_string(root().join("tests/fixtures/bill/focus.csv")).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    lines[1] = lines[1].replacen("\"USD\"", "\"EUR\"", 1);
    std::fs::write(&f, lines.join("\n")).unwrap();
    let (_, err) = run_in(root(), &["usage", f.to_str().unwrap()], 1);
    assert!(err.contains("mixes currencies (EUR, USD)"), "{err}");
}

/// The estimate as the Pricing Calculator API's usage lines: the mapping read the other way.
/// orders-alb.toml (H1, us-east-1): one ALB for the month's 730 hours; 2,000,000 HTTP API
/// requests, whose usage type carries `USE1-` even in us-east-1.
#[test]
fn estimate_writes_aws_usage_lines() {
    let j = json(&[
        "estimate",
        "tests/fixtures/bill/orders-alb.toml",
        "--format",
        "aws-usage",
    ]);
    let usage = j["usage"].as_array().unwrap();
    let find = |ut: &str| {
        usage
            .iter()
            .find(|u| u["usageType"] == ut)
            .unwrap_or_else(|| panic!("{ut} in {j}"))
    };
    let alb = find("LoadBalancerUsage");
    assert_eq!(alb["serviceCode"], "AWSELB");
    assert_eq!(alb["operation"], "LoadBalancing:Application");
    assert_eq!(alb["amount"], 730.0);
    assert_eq!(find("USE1-ApiGatewayHttpRequest")["amount"], 2_000_000.0);
    assert!(usage.iter().all(|u| u["key"].as_str().unwrap().len() <= 10));
    let (_, err) = run_in(
        root(),
        &[
            "compare",
            "tests/fixtures/bill/orders-alb.toml",
            "--format",
            "aws-usage",
        ],
        2,
    );
    // compare's --format offers only the formats compare writes.
    assert!(err.contains("invalid value 'aws-usage'"), "{err}");
}

/// A Cost Explorer answer grouped by USAGE_TYPE, written by hand in the shape of
/// `aws ce get-cost-and-usage --group-by Type=DIMENSION,Key=USAGE_TYPE`: its rows carry no product
/// code, so Lambda's and Route 53's usage types (only theirs among the rules) map by usage type
/// alone. 3,000,000 Lambda requests at $0.20 a million are 3 million requests, $0.60; 125,000
/// GB-seconds in us-east-2, $2.083335; 2 hosted zones; 4,000,000 Resolver queries in Frankfurt
/// (EUC1-), 4 million; 48 Resolver interface hours. ARM duration stays not modelled. Padded past
/// 1 MiB with whitespace: a Cost Explorer answer has its own cap, not a scenario file's.
#[test]
fn cost_explorer_rows_map_without_a_product_code() {
    let group = |ut: &str, qty: &str, cost: &str| {
        format!(
            r#"{{"Keys":["{ut}"],"Metrics":{{"UnblendedCost":{{"Amount":"{cost}","Unit":"USD"}},"UsageQuantity":{{"Amount":"{qty}","Unit":"N/A"}}}}}}"#
        )
    };
    let groups = [
        group("Request", "3000000", "0.6"),
        group("USE2-Lambda-GB-Second", "125000", "2.083335"),
        group("HostedZone", "2", "1"),
        group("EUC1-DNS-Queries", "4000000", "1.6"),
        group("USE1-ResolverNetworkInterface", "48", "6"),
        group("USE2-Lambda-GB-Second-ARM", "1000", "0.0133334"),
    ];
    let text = format!(
        r#"{{"GroupDefinitions":[{{"Type":"DIMENSION","Key":"USAGE_TYPE"}}],"ResultsByTime":[{{"TimePeriod":{{"Start":"2025-01-01","End":"2025-02-01"}},"Groups":[{}]}}]}}{}"#,
        groups.join(","),
        " ".repeat(2 << 20)
    );
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("ce.json");
    std::fs::write(&f, text).unwrap();
    let u = json(&["usage", f.to_str().unwrap(), "--format", "json"]);
    let q = |id: &str| {
        let l = line(&u, id);
        (
            l["quantity"].as_str().unwrap().to_owned(),
            l["billed_cost"].as_str().unwrap().to_owned(),
            l["region"].as_str().unwrap().to_owned(),
        )
    };
    let own = |a: &str, b: &str, c: &str| (a.to_owned(), b.to_owned(), c.to_owned());
    assert_eq!(q("lambda-requests"), own("3", "0.6", "us-east-1"));
    assert_eq!(q("lambda-duration"), own("125000", "2.083335", "us-east-2"));
    assert_eq!(q("hosted-zones"), own("2", "1", "us-east-1"));
    assert_eq!(q("resolver-queries"), own("4", "1.6", "eu-central-1"));
    assert_eq!(q("resolver-hours"), own("48", "6", "us-east-1"));
    let not = u["not_modelled"].as_array().unwrap();
    assert_eq!(not.len(), 1, "{u}");
    assert_eq!(not[0]["usage_type"], "USE2-Lambda-GB-Second-ARM");
    let notes = u["notes"].to_string();
    assert!(
        notes.contains("mapped by usage type alone: EUC1-DNS-Queries, HostedZone, Request"),
        "{notes}"
    );
}

/// A Cost Explorer answer past 256 MiB is refused with its own limit named (a sparse file: no
/// disk is written).
#[test]
fn an_oversized_cost_explorer_answer_names_its_own_cap() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("big.json");
    let file = std::fs::File::create(&f).unwrap();
    std::io::Write::write_all(&mut &file, b"{\"ResultsByTime\":[]}").unwrap();
    file.set_len((256 << 20) + 1).unwrap();
    let (_, err) = run_in(root(), &["usage", f.to_str().unwrap()], 1);
    assert!(
        err.contains("larger than 256 MiB, the most a Cost Explorer answer may hold"),
        "{err}"
    );
    assert!(!err.contains("scenario file"), "{err}");
}

/// A CUR 2.0 Parquet file (bill_parquet's hand-built rows) with one column swapped for `a`.
fn cur2_parquet_with(dir: &std::path::Path, name: &str, a: ArrayRef) -> String {
    let cols = cur2_columns(true)
        .into_iter()
        .map(|(n, x)| if n == name { (n, a.clone()) } else { (n, x) })
        .collect();
    let f = dir.join(format!("{name}.parquet"));
    write_parquet(&f, cols);
    f.to_str().unwrap().to_owned()
}

/// Parquet columns the query cannot read as it needs are named with their type and what was
/// expected (not the engine's "likely caused by a bug in DataFusion"); dates that are no dates
/// are an error naming the column and the value.
#[test]
fn wrong_typed_parquet_columns_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let text = cur2_parquet_with(
        dir.path(),
        "line_item_usage_amount",
        texts(|_| "five".into()),
    );
    let (_, err) = run_in(root(), &["usage", &text], 1);
    assert!(
        err.contains(
            "column `line_item_usage_amount` is text; expected a number (double or decimal"
        ) && err.contains("line_item_usage_amount.parquet"),
        "{err}"
    );
    assert!(!err.contains("bug"), "{err}");
    let flags = Arc::new(BooleanArray::from(vec![true; 11]));
    let f = cur2_parquet_with(dir.path(), "line_item_usage_type", flags);
    let (_, err) = run_in(root(), &["usage", &f], 1);
    assert!(
        err.contains("column `line_item_usage_type` is of type Boolean; expected text"),
        "{err}"
    );
    let numbers = Arc::new(Int64Array::from(vec![5i64; 11]));
    let f = cur2_parquet_with(dir.path(), "line_item_usage_start_date", numbers);
    let (_, err) = run_in(root(), &["usage", &f], 1);
    assert!(
        err.contains(
            "column `line_item_usage_start_date` is of type Int64; expected a timestamp or a date"
        ),
        "{err}"
    );
    let words = texts(|_| "garbage".into());
    let f = cur2_parquet_with(dir.path(), "line_item_usage_end_date", words);
    let (_, err) = run_in(root(), &["usage", &f], 1);
    assert!(
        err.contains("`line_item_usage_end_date` holds `garbage`: expected a date and time"),
        "{err}"
    );
}

const CUR_HEADER: &str = "lineItem/LineItemType,lineItem/UsageStartDate,lineItem/UsageEndDate,lineItem/ProductCode,lineItem/UsageType,lineItem/Operation,lineItem/UsageAmount,lineItem/UnblendedCost,lineItem/CurrencyCode";
const GOOD_ROW: &str = "Usage,2024-09-01T00:00:00Z,2024-09-02T00:00:00Z,AmazonApiGateway,ApiGatewayRequest,ApiGatewayRequest,5,0.0000175,USD";

/// A non-numeric amount and a date that is no date, in a legacy CUR CSV: each an error at its
/// line and column (line 3: the header, a good row, then the bad one), naming the column, the
/// value and what was expected.
#[test]
fn bad_amounts_and_dates_are_errors_at_their_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("amount.csv");
    let bad = GOOD_ROW.replace(",5,", ",five,");
    std::fs::write(&f, format!("{CUR_HEADER}\n{GOOD_ROW}\n{bad}\n")).unwrap();
    let (_, err) = run_in(root(), &["usage", f.to_str().unwrap()], 1);
    // Column 102: the six fields before the amount and their commas are 101 characters.
    let at = bad.find("five").unwrap() + 1;
    assert_eq!(at, 102);
    assert!(err.contains(&format!("amount.csv:3:{at}")), "{err}");
    assert!(
        err.contains("`lineItem/UsageAmount` is `five`: expected a number"),
        "{err}"
    );
    assert!(!err.contains("Arrow error"), "{err}");
    let f = dir.path().join("date.csv");
    let bad = GOOD_ROW.replace("2024-09-01T00:00:00Z", "garbage");
    std::fs::write(&f, format!("{CUR_HEADER}\n{GOOD_ROW}\n{bad}\n")).unwrap();
    let (_, err) = run_in(root(), &["usage", f.to_str().unwrap()], 1);
    assert!(err.contains("date.csv:3:7"), "{err}");
    assert!(
        err.contains("`lineItem/UsageStartDate` is `garbage`: expected a date"),
        "{err}"
    );
    let f = dir.path().join("ce.json");
    let ce = r#"{"GroupDefinitions":[{"Type":"DIMENSION","Key":"USAGE_TYPE"}],"ResultsByTime":[{"TimePeriod":{"Start":"garbag","End":"2025-02-01"},"Groups":[]}]}"#;
    std::fs::write(&f, ce).unwrap();
    let (_, err) = run_in(root(), &["usage", f.to_str().unwrap()], 1);
    assert!(err.contains("TimePeriod Start is `garbag`"), "{err}");
}

/// `-` reads the bill from standard input, gzip or not, as the same file read by name.
#[test]
fn a_bill_on_standard_input_reads_as_the_file() {
    let by_name = json(&[
        "usage",
        "tests/fixtures/bill/cur-legacy.csv.gz",
        "--format",
        "json",
    ]);
    let bytes = std::fs::read(root().join("tests/fixtures/bill/cur-legacy.csv.gz")).unwrap();
    let mut child = std::process::Command::new(BIN)
        .current_dir(root())
        .args(["usage", "-", "--format", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&bytes).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let piped: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(piped["read"][0]["file"], "<stdin>");
    assert_eq!(piped["read"][0]["format"], "CUR (legacy) CSV.gz");
    assert_eq!(piped["usage"], by_name["usage"]);
    assert_eq!(line(&piped, "alb-hours")["quantity"], "24");
}

/// A gzip bomb through the binary: 200 MiB of zeros compress to some 200 KB, whose 200-fold
/// allowance plus 64 MiB is about 104 MiB. With its data segment limited to 48 MiB the binary
/// still refuses it cleanly (exit 1, the limit named): it streams, it never holds the output.
#[test]
fn a_gzip_bomb_is_refused_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("bomb.csv.gz");
    let mut gz = flate2::write::GzEncoder::new(
        std::fs::File::create(&f).unwrap(),
        flate2::Compression::best(),
    );
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..200 {
        gz.write_all(&zeros).unwrap();
    }
    gz.finish().unwrap();
    let mut cmd = std::process::Command::new(BIN);
    cmd.current_dir(root()).args(["usage", f.to_str().unwrap()]);
    // SAFETY: setrlimit(2) is async-signal-safe; nothing else runs between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: 48 << 20,
                rlim_max: 48 << 20,
            };
            libc::setrlimit(libc::RLIMIT_DATA, &limit);
            Ok(())
        });
    }
    let out = cmd.output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("refused as a possible gzip bomb"), "{err}");
    assert!(err.contains("bomb.csv.gz"), "{err}");
}

/// `--month` filters in the query: cur-legacy.csv.gz (one day of 2019-11) with a copy of every
/// row moved to 2019-12 gives, for `--month 2019-11`, the usage and calibration of the fixture
/// alone (24 ALB hours), and for `--month 2019-12` the copy's; the files' rows are the month's.
#[test]
fn a_month_of_a_two_month_bill_is_that_month_alone() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = root().join("tests/fixtures/bill/cur-legacy.csv.gz");
    let mut text = String::new();
    std::io::Read::read_to_string(
        &mut flate2::read::GzDecoder::new(std::fs::File::open(&fixture).unwrap()),
        &mut text,
    )
    .unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let rows: Vec<&str> = lines.collect();
    let moved: Vec<String> = rows
        .iter()
        .map(|r| r.replace("2019-11-", "2019-12-"))
        .collect();
    let both = dir.path().join("two-months.csv");
    let body = format!("{header}\n{}\n{}\n", rows.join("\n"), moved.join("\n"));
    std::fs::write(&both, body).unwrap();
    let both = both.to_str().unwrap();
    let alone = json(&["usage", fixture.to_str().unwrap(), "--format", "json"]);
    let nov = json(&["usage", both, "--month", "2019-11", "--format", "json"]);
    assert_eq!(nov["usage"], alone["usage"]);
    assert_eq!(nov["adjustments"], alone["adjustments"]);
    assert_eq!(nov["read"][0]["rows"], alone["read"][0]["rows"]);
    assert_eq!(line(&nov, "alb-hours")["quantity"], "24");
    let dec = json(&["usage", both, "--month", "2019-12", "--format", "json"]);
    assert_eq!(line(&dec, "alb-hours")["period"], "2019-12");
    assert_eq!(line(&dec, "alb-capacity")["quantity"], "491.5");
    let cal = |bill: &str, month: Option<&str>| {
        let mut args = vec![
            "calibrate",
            "tests/fixtures/bill/orders-alb.toml",
            "--bill",
            bill,
        ];
        args.extend(month.map(|m| ["--month", m]).into_iter().flatten());
        args.extend(["--format", "json"]);
        json(&args)
    };
    let (one, of_two) = (
        cal(fixture.to_str().unwrap(), None),
        cal(both, Some("2019-11")),
    );
    assert_eq!(of_two["calibrated"], one["calibrated"]);
    assert_eq!(of_two["period"]["hours"], "24");
}

/// FOCUS 1.1 and 1.2: the provider column is `ServiceProviderName`, and AWS's `x_UsageType`,
/// `x_Operation` and `x_ServiceCode` name the usage type, operation and product, so a row without a price id still maps (here
/// the NAT hour, whose `SkuPriceId` is emptied): by usage type, to the same component and
/// figures.
#[test]
fn focus_1_2_maps_by_x_usage_type_where_a_row_has_no_price_id() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("focus-1.2.csv");
    let text = std::fs::read_to_string(root().join("tests/fixtures/bill/focus.csv")).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    lines[0] = lines[0].replace("\"ProviderName\"", "\"ServiceProviderName\"")
        + ",\"x_UsageType\",\"x_Operation\",\"x_ServiceCode\"";
    let extensions = [
        ("LoadBalancerUsage", "LoadBalancing:Application", "AWSELB"),
        ("LoadBalancerUsage", "LoadBalancing:Application", "AWSELB"),
        ("LCUUsage", "LoadBalancing:Application", "AWSELB"),
        ("NatGateway-Hours", "NatGateway", "AmazonEC2"),
        ("Request", "Invoke", "AWSLambda"),
        ("DataTransfer-Regional-Bytes", "InterZone-In", "AmazonEC2"),
        ("LoadBalancerUsage", "LoadBalancing", "AWSELB"),
        ("", "", "AWSELB"),
    ];
    for (line, (ut, op, code)) in lines[1..].iter_mut().zip(extensions) {
        line.push_str(&format!(",\"{ut}\",\"{op}\",\"{code}\""));
    }
    lines[4] = lines[4].replace("\"M2YSHUBETB3JX4M4.JRTCKXETXF.6YS6EN2CT7\"", "NULL");
    std::fs::write(&f, lines.join("\n")).unwrap();
    let u = json(&["usage", f.to_str().unwrap(), "--format", "json"]);
    let nat = line(&u, "nat-gateway-hours");
    assert_eq!(nat["billed_cost"], "0.045", "{u:#}");
    assert_eq!(nat["quantity"], "1");
    assert_eq!(nat["mapped_by"], "usage type", "{nat:#}");
    // The rows with a price id still map by it, as in FOCUS 1.0.
    assert_eq!(line(&u, "alb-hours")["mapped_by"], "rate code");
    assert_eq!(line(&u, "alb-hours")["billed_cost"], "0.045");
}
