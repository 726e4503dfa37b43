//! Hostile price data (issue 22): files from outside (AWS's bulk files, mirrors, colleagues)
//! that try to write outside `--output`, or to be shown as data though they are tampered with.
//! Every case runs the real binary and checks what it wrote, not only what it said.

use std::path::Path;

use crate::support::{fixtures, run};

/// Every file under `dir`, relative, sorted.
fn tree(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p.clone());
            }
            out.push(p.strip_prefix(dir).unwrap().display().to_string());
        }
    }
    out.sort();
    out
}

/// The API Gateway offer fixture's us-east-1 rows, each with its Region code replaced by `code`.
fn csv_with_region_code(code: &str) -> String {
    let text = std::fs::read_to_string(fixtures().join("pricelist/AmazonApiGateway.csv")).unwrap();
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        if i < 6 {
            out.push_str(line);
        } else if line.contains("\"us-east-1\",\"Amazon API Gateway\"") {
            out.push_str(&line.replace("\"us-east-1\",\"Amazon", &format!("\"{code}\",\"Amazon")));
        } else {
            continue;
        }
        out.push('\n');
    }
    out
}

/// Runs `prices import FILE --all-regions --output <tmp>/a/b/out`; expects exit 1, an error at
/// a line of `FILE` naming the code, and nothing written anywhere in the temporary folder.
fn refused_writing_nothing(name: &str, text: &str, code: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("a/b/out");
    std::fs::create_dir_all(&out).unwrap();
    let input = tmp.path().join(name);
    std::fs::write(&input, text).unwrap();
    let before = tree(tmp.path());
    let (stdout, err) = run(
        &[
            "prices",
            "import",
            input.to_str().unwrap(),
            "--all-regions",
            "--output",
            out.to_str().unwrap(),
        ],
        1,
    );
    assert!(stdout.is_empty(), "{stdout}");
    assert!(
        err.contains(&format!(
            "the Region code `{code}` is not an AWS Region identifier"
        )),
        "{err}"
    );
    assert!(err.contains(&format!("{}:", input.display())), "{err}");
    assert_eq!(tree(tmp.path()), before, "nothing written: {err}");
    let victim = tmp.path().join("a/victim.toml");
    assert!(!victim.exists());
}

#[test]
fn a_region_code_that_climbs_out_of_the_output_folder_is_refused() {
    // Was: exit 0, "note: 1 price table: ../../victim", and <tmp>/a/victim.toml written.
    refused_writing_nothing(
        "evil.csv",
        &csv_with_region_code("../../victim"),
        "../../victim",
    );
}

#[test]
fn an_absolute_or_odd_region_code_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let abs = tmp.path().join("anywhere");
    let abs = abs.to_str().unwrap();
    refused_writing_nothing("abs.csv", &csv_with_region_code(abs), abs);
    // Upper case would be a second us-east-1 on a case-insensitive disk.
    refused_writing_nothing("upper.csv", &csv_with_region_code("US-EAST-1"), "US-EAST-1");
    refused_writing_nothing("dot.csv", &csv_with_region_code(".."), "..");
}

#[test]
fn a_json_region_code_is_checked_too() {
    let text = std::fs::read_to_string(fixtures().join("pricelist/AmazonVPC.json")).unwrap();
    let evil = text.replace(
        "\"regionCode\" : \"us-east-1\"",
        "\"regionCode\" : \"../../victim\"",
    );
    assert_ne!(evil, text);
    refused_writing_nothing("evil.json", &evil, "../../victim");
}

/// The shipped us-east-1 table with `from` replaced by `to` (once; it must be there).
fn tampered(from: &str, to: &str) -> String {
    let text = include_str!("../pricing/us-east-1.toml");
    assert!(text.contains(from), "{from}");
    text.replacen(from, to, 1)
}

/// `estimate orders.toml --prices <tmp>/<name>` with `text`: exit 1, the error text returned,
/// nothing on standard output.
fn refused_table(name: &str, text: &str) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join(name);
    std::fs::write(&file, text).unwrap();
    let (out, err) = run(
        &[
            "estimate",
            "orders.toml",
            "--prices",
            file.to_str().unwrap(),
        ],
        1,
    );
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains(&file.display().to_string()),
        "names the file: {err}"
    );
    err
}

#[test]
fn the_untampered_table_is_taken_under_its_own_name_or_another() {
    let text = include_str!("../pricing/us-east-1.toml");
    for name in ["us-east-1.toml", "my-prices.toml"] {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join(name);
        std::fs::write(&file, text).unwrap();
        run(
            &[
                "estimate",
                "orders.toml",
                "--prices",
                file.to_str().unwrap(),
            ],
            0,
        );
    }
}

#[test]
fn a_date_that_is_not_real_or_far_ahead_is_refused() {
    // Was shown as data: "data of 2016-06-01 to 2025-13-45".
    let err = refused_table(
        "us-east-1.toml",
        &tampered(
            "effective_date = \"2025-10-20\"",
            "effective_date = \"2025-13-45\"",
        ),
    );
    assert!(
        err.contains("effective_date of `rest-requests`: must be a real date, YYYY-MM-DD"),
        "{err}"
    );
    assert!(err.contains("us-east-1.toml:45:18"), "at the value: {err}");
    let err = refused_table(
        "us-east-1.toml",
        &tampered(
            "effective_date = \"2025-10-20\"",
            "effective_date = \"2099-01-01\"",
        ),
    );
    assert!(
        err.contains("\"2099-01-01\" is more than 366 days in the future"),
        "{err}"
    );
}

#[test]
fn a_cache_size_priced_twice_is_refused() {
    // Was: the first of the two prices used.
    let err = refused_table(
        "us-east-1.toml",
        &tampered(
            "{ gb = \"1.6\", price = \"0.038\" },",
            "{ gb = \"1.6\", price = \"0.038\" },\n  { gb = \"1.6\", price = \"0.01\" },",
        ),
    );
    assert!(
        err.contains("sizes of `rest-cache`: the 1.6 GB size is priced twice (sizes 2 and 3)"),
        "{err}"
    );
}

#[test]
fn a_tier_that_costs_more_than_the_one_before_is_refused() {
    // Was: a bill 6× too high.
    let err = refused_table(
        "us-east-1.toml",
        &tampered(
            "{ up_to = \"1000\", price = \"2.8\" }",
            "{ up_to = \"1000\", price = \"21\" }",
        ),
    );
    assert!(
        err.contains(
            "tiers of `rest-requests`: tier 2 costs 21 per million requests, more than tier 1's 3.5"
        ),
        "{err}"
    );
    // The health checks' free first 50 (AWS's data has that zero) then $0.50: taken, as shipped.
    assert!(
        include_str!("../pricing/us-east-1.toml").contains("{ up_to = \"50\", price = \"0\" }")
    );
}

#[test]
fn a_free_tier_larger_than_aws_is_refused() {
    let err = refused_table(
        "us-east-1.toml",
        &tampered("rest-requests = \"1\"", "rest-requests = \"1000\""),
    );
    assert!(
        err.contains("free-tier `rest-requests` is 1000 million requests, more than AWS's free tier of 1 million requests a month"),
        "{err}"
    );
}

#[test]
fn a_file_named_for_another_region_is_refused() {
    // Was: eu-west-1.toml holding us-east-1 silently replaced us-east-1's prices.
    let text = include_str!("../pricing/us-east-1.toml");
    for name in ["eu-west-1.toml", "US-EAST-1.toml"] {
        let err = refused_table(name, text);
        let stem = name.trim_end_matches(".toml");
        assert!(
            err.contains(&format!(
                "this file is named `{stem}` but holds the prices of Region `us-east-1`"
            )),
            "{err}"
        );
    }
    let err = refused_table(
        "us-east-1.toml",
        &text.replacen("region = \"us-east-1\"", "region = \"US-EAST-1\"", 1),
    );
    assert!(
        err.contains(
            "region must be an AWS Region identifier such as \"us-east-1\", found \"US-EAST-1\""
        ),
        "{err}"
    );
    // In a folder, every table is named after its Region, exactly.
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("mine.toml"), text).unwrap();
    let (_, err) = run(
        &[
            "estimate",
            "orders.toml",
            "--prices",
            tmp.path().to_str().unwrap(),
        ],
        1,
    );
    assert!(err.contains("this file is named `mine`"), "{err}");
}

#[test]
fn a_price_too_precise_to_keep_is_refused_not_cut() {
    let err = refused_table(
        "us-east-1.toml",
        &tampered(
            "price = \"0.01\"",
            "price = \"0.0123456789012345678901234567890123456789\"",
        ),
    );
    assert!(
        err.contains("is too precise: at most 28 significant digits"),
        "{err}"
    );
}

#[test]
fn a_zero_price_is_refused_where_aws_has_none() {
    let err = refused_table(
        "us-east-1.toml",
        &tampered("price = \"0.01\"", "price = \"0\""),
    );
    assert!(
        err.contains("the price of `endpoint-hours` is 0, and AWS's data has no zero price for it: a price of zero is allowed only in the first tier of"),
        "{err}"
    );
    assert!(
        err.contains("health-checks"),
        "says where zero is allowed: {err}"
    );
}

const VPC_HEAD: &str = "\"FormatVersion\",\"v1.0\"\n\"Disclaimer\",\"x\"\n\"Publication Date\",\"2025-10-30T18:45:21Z\"\n\"Version\",\"20251030184521\"\n\"OfferCode\",\"AmazonVPC\"\n\"SKU\",\"OfferTermCode\",\"RateCode\",\"TermType\",\"PriceDescription\",\"EffectiveDate\",\"StartingRange\",\"EndingRange\",\"Unit\",\"PricePerUnit\",\"Currency\",\"Location\",\"usageType\",\"operation\",\"Region Code\"\n";

/// A row of us-east-1's `usage` for SKU `sku`, rate `rate`, from `begin` to `end`.
fn vpc_row(sku: &str, rate: usize, begin: &str, end: &str, usage: &str) -> String {
    format!(
        "\"{sku}\",\"JRTCKXETXF\",\"{sku}.JRTCKXETXF.R{rate}\",\"OnDemand\",\"d\",\"2025-10-01\",\"{begin}\",\"{end}\",\"Hrs\",\"0.0100000000\",\"USD\",\"US East (N. Virginia)\",\"USE1-{usage}\",\"VpcEndpoint\",\"us-east-1\"\n"
    )
}

/// `prices import FILE` of `text`: (exit code, stdout, stderr).
fn import_text(text: &str) -> (i32, String, String) {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("index.csv");
    std::fs::write(&file, text).unwrap();
    let out = crate::support::cmd()
        .args(["prices", "import", file.to_str().unwrap()])
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn rows_repeated_many_times_import_once() {
    // 1,000 SKUs of one item, the rows repeated 20 times (a mirror that concatenates
    // snapshots): one price, the $0.01 an hour every row says.
    let mut text = String::from(VPC_HEAD);
    for _ in 0..20 {
        for n in 0..1000 {
            text.push_str(&vpc_row(
                &format!("S{n:05}"),
                0,
                "0",
                "Inf",
                "VpcEndpoint-Hours",
            ));
        }
    }
    let (code, out, err) = import_text(&text);
    assert_eq!(code, 0, "{err}");
    let table = apigw_cost::pricing::parse_table("t.toml", &out).unwrap();
    let p = table
        .get(apigw_cost::component::Component::EndpointHours)
        .unwrap();
    assert_eq!(
        p.rate,
        apigw_cost::pricing::Rate::Flat(crate::support::d("0.01"))
    );
}

#[test]
fn thousands_of_skus_for_one_item_are_refused_at_the_first_too_many() {
    // Was: every one kept and each row compared with all before it (quadratic: 32 s for a
    // JSON file of 80,000 SKUs).
    let mut text = String::from(VPC_HEAD);
    for n in 0..5000 {
        text.push_str(&vpc_row(
            &format!("S{n:05}"),
            0,
            "0",
            "Inf",
            "VpcEndpoint-Hours",
        ));
    }
    let (code, out, err) = import_text(&text);
    assert_eq!(code, 1, "{err}");
    assert!(out.is_empty());
    assert!(
        err.contains("error: more than 1000 SKUs price `endpoint-hours` in one Region: not the shape of an AWS price list"),
        "{err}"
    );
    assert!(
        err.contains("index.csv:1007:1"),
        "at the 1,001st SKU's row: {err}"
    );
}

#[test]
fn a_sku_with_more_tiers_than_a_table_holds_is_an_input_error() {
    // Was: "error: internal error, please report it: tiers of `endpoint-data`: at most 8
    // tiers, found 20".
    let mut text = String::from(VPC_HEAD);
    for i in 0..20 {
        let (b, e) = (i.to_string(), (i + 1).to_string());
        text.push_str(&vpc_row("T1", i, &b, &e, "VpcEndpoint-Bytes"));
    }
    let (code, _, err) = import_text(&text);
    assert_eq!(code, 1, "{err}");
    assert!(!err.contains("internal error"), "{err}");
    assert!(
        err.contains(
            "SKU T1 has more than 8 tiers for `endpoint-data`: a price table holds at most 8"
        ),
        "{err}"
    );
    assert!(err.contains("index.csv:15:1"), "{err}");
}

/// A scenario with `n` unknown keys in [traffic], one a line.
fn unknown_keys(n: usize) -> String {
    let mut s = String::from("region = \"us-east-1\"\n[traffic]\nrequests_per_month = 1000\n");
    for i in 0..n {
        s.push_str(&format!("k{i} = 1\n"));
    }
    s
}

#[test]
fn validate_keeps_the_first_100_problems_of_a_file_and_counts_the_rest() {
    // Was: every problem kept, for every file, until the end (one 1 MB file of 111,111
    // unknown keys: 159 MB; 392 MB with --format json).
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("keys.toml");
    std::fs::write(&file, unknown_keys(3000)).unwrap();
    let f = file.to_str().unwrap();
    let (out, err) = run(&["validate", f, f, "--format", "json"], 1);
    assert_eq!(
        err,
        "error: 6000 problems in 2 of 2 files (listed in the report)\n"
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    for file in v["files"].as_array().unwrap() {
        let problems = file["problems"].as_array().unwrap();
        assert_eq!(problems.len(), 100);
        // The first in file order: k0 is on line 4.
        assert_eq!(problems[0]["line"], 4);
        assert_eq!(problems[99]["line"], 103);
        assert_eq!(file["more_problems"], 2900);
    }
    let (out, err) = run(&["validate", f], 1);
    assert_eq!(out, format!("error: {f} (3,000 problems)\n"));
    assert!(
        err.contains(&format!(
            "error: … and 2,900 more problems in this file, not listed (the first 100 are)\n  --> {f}"
        )),
        "{err}"
    );
    let (out, _) = run(&["validate", f, "--format", "csv"], 1);
    assert_eq!(
        out.lines().count(),
        1 + 100 + 1,
        "header, 100 problems, the count"
    );
    assert!(
        out.contains("… and 2,900 more problems in this file"),
        "{out}"
    );
    // estimate says the same: 20 problems shown, the line for those not kept, how many kept
    // were not shown, and the total.
    let (_, err) = run(&["estimate", f], 1);
    assert!(
        err.ends_with("\n\n… and 80 more problems\n\n3,000 problems found\n"),
        "{err}"
    );
    assert!(
        err.contains("error: … and 2,900 more problems in this file"),
        "{err}"
    );
}

#[test]
fn control_characters_in_a_file_name_are_escaped_in_every_output() {
    // Was: validate printed the raw escape (`\e[31m` coloured the terminal), estimate a `?`.
    let tmp = tempfile::tempdir().unwrap();
    let name = "a\u{1b}[31mb\rc.toml";
    std::fs::write(
        tmp.path().join(name),
        "region = \"us-east-1\"\n[traffic]\nrequests_per_month = 1000\n[layout]\narchitecture = \"R5\"\n",
    )
    .unwrap();
    std::fs::write(tmp.path().join("bad\u{1b}.toml"), "region = 1\n").unwrap();
    let shown = "a\\u{1b}[31mb\\u{d}c.toml";
    let (out, _) = crate::support::run_in(tmp.path(), &["validate", name], 0);
    assert_eq!(out, format!("ok: {shown}\n"));
    let (out, _) = crate::support::run_in(tmp.path(), &["validate", name, "--format", "json"], 0);
    assert!(out.contains("a\\\\u{1b}[31mb\\\\u{d}c.toml"), "{out}");
    let (_, err) = crate::support::run_in(tmp.path(), &["validate", "bad\u{1b}.toml"], 1);
    assert!(err.contains("  --> bad\\u{1b}.toml:1:10"), "{err}");
    for args in [
        vec!["validate", name, "bad\u{1b}.toml"],
        vec!["estimate", name, "--format", "json"],
        vec!["estimate", name],
    ] {
        let out = crate::support::cmd_in(tmp.path())
            .args(&args)
            .output()
            .unwrap();
        let all = [out.stdout, out.stderr].concat();
        assert!(
            !all.contains(&0x1b) && !all.contains(&b'\r'),
            "{args:?}: {}",
            String::from_utf8_lossy(&all)
        );
    }
    let (out, _) = crate::support::run_in(tmp.path(), &["estimate", name, "--format", "json"], 0);
    assert!(
        out.contains("\"a\\\\u{1b}[31mb\\\\u{d}c\""),
        "the name, escaped: {out}"
    );
}

#[cfg(unix)]
#[test]
fn output_to_dev_stdout_into_a_reader_that_stops_early_is_success() {
    // Was: exit 1, "cannot write `/dev/stdout`: Broken pipe (os error 32)", where `--output -`
    // exits 0: a closed reader is success whatever the path to it.
    let bin = assert_cmd::cargo::cargo_bin!("apigw-cost");
    for output in ["-", "/dev/stdout"] {
        let mut child = std::process::Command::new(bin)
            .current_dir(fixtures())
            .args([
                "sweep",
                "orders.toml",
                "--vary",
                "traffic.requests_per_month=1..1000000000",
                "--steps",
                "200000",
                "--format",
                "csv",
                "--output",
                output,
            ])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 10];
        use std::io::Read;
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        // The reader goes away (its end of the pipe dropped above).
        let out = child.wait_with_output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{output}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
