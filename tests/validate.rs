//! `validate` against the real binary: every independent problem of a file is reported, and
//! every file gets its status line in every format.

use crate::support::cmd_in;

/// Writes each (name, text) into a fresh folder and runs `args` there: (exit code, stdout,
/// stderr).
fn validate_files(files: &[(&str, &str)], args: &[&str]) -> (i32, String, String) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let out = cmd_in(dir.path()).args(args).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The `error:` lines of a rendered report, in order.
fn errors(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .collect()
}

const FOUR_PROBLEMS: &str = "region = \"us-east-1\"\n\
[traffic]\nrequests_per_month = 1000\nrequest_kbb = 2\n\
[topology]\nconsumer_vpcs = 1\nconsumer_accounts = 3\n\
[layout]\narchitecture = \"R9\"\ncache_gb = 2\n";

#[test]
fn an_unknown_pattern_is_reported_beside_the_other_problems_of_the_file() {
    let (code, _, err) = validate_files(&[("s.toml", FOUR_PROBLEMS)], &["validate", "s.toml"]);
    assert_eq!(code, 1);
    let errors = errors(&err);
    assert_eq!(errors.len(), 4, "{err}");
    assert!(
        errors[0].starts_with("error: unknown key `request_kbb`"),
        "{err}"
    );
    assert!(
        errors[1].starts_with("error: `consumer_accounts` (3)"),
        "{err}"
    );
    assert_eq!(errors[2], "error: unknown architecture `R9`", "{err}");
    assert!(err.contains("  --> s.toml:9:16\n"), "{err}");
    assert!(errors[3].starts_with("error: `cache_gb`"), "{err}");
    assert!(err.ends_with("\n4 problems found\n"), "{err}");
}

#[test]
fn an_unknown_region_is_reported_beside_the_other_problems_of_the_file() {
    let mars_r9 = "region = \"mars-east-1\"\n[traffic]\nrequests_per_month = 1000\n\
                   [layout]\narchitecture = \"R9\"\n";
    let mars_typo = "region = \"mars-east-1\"\n[traffic]\nrequests_per_mont = 1000\n";
    // A valid file in an unknown Region whose layout cannot be built: both said.
    let mars_r7 = "region = \"mars-east-1\"\n[traffic]\nrequests_per_month = 1000\n\
                   [topology]\nbackend_accounts = 2\noverlapping_cidrs = true\n\
                   [layout]\narchitecture = \"R7\"\n";
    let files = [
        ("a.toml", mars_r9),
        ("b.toml", mars_typo),
        ("c.toml", mars_r7),
    ];
    let args = ["validate", "a.toml", "b.toml", "c.toml"];
    let (code, _, err) = validate_files(&files, &args);
    assert_eq!(code, 1);
    let errors = errors(&err);
    assert_eq!(errors.len(), 7, "{err}");
    for file in ["a.toml", "b.toml", "c.toml"] {
        assert!(
            err.contains(&format!("  --> {file}:1:10\n")),
            "{file}: {err}"
        );
    }
    assert!(err.contains("  --> a.toml:5:16\n"), "{err}");
    assert!(
        err.contains("error: unknown key `requests_per_mont`"),
        "{err}"
    );
    assert!(err.contains("error: missing `requests_per_month`"), "{err}");
    assert!(
        err.contains("error: architecture R7 does not apply to this scenario"),
        "{err}"
    );

    let (code, out, _) = validate_files(&files, &[&args[..], &["--format", "json"]].concat());
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let counts: Vec<usize> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["problems"].as_array().unwrap().len())
        .collect();
    assert_eq!(counts, [2, 3, 2], "{out}");
    let a = &v["files"][0]["problems"];
    assert!(
        a[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("no price table")
    );
    assert_eq!(a[1]["message"], "unknown architecture `R9`");
}

#[test]
fn every_file_gets_its_status_line_in_every_format_when_one_fails() {
    let args = ["validate", "orders.toml", "typo.toml", "low-volume.toml"];
    let (out, err) = crate::support::run(&args, 1);
    assert_eq!(
        out,
        "ok: orders.toml\nerror: typo.toml (5 problems)\nok: low-volume.toml\n"
    );
    assert!(err.ends_with("\n5 problems found\n"), "{err}");
    let (out, _) = crate::support::run(&[&args[..], &["--format", "markdown"]].concat(), 1);
    assert_eq!(
        out,
        "- ok: `orders.toml`\n- error: `typo.toml` (5 problems)\n- ok: `low-volume.toml`\n"
    );
    let (out, _) = crate::support::run(&[&args[..], &["--format", "json"]].concat(), 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let status: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["status"].as_str().unwrap())
        .collect();
    assert_eq!(status, ["ok", "error", "ok"]);
    let (out, _) = crate::support::run(&[&args[..], &["--format", "csv"]].concat(), 1);
    for file in ["orders.toml,ok,", "typo.toml,error,", "low-volume.toml,ok,"] {
        assert!(out.lines().any(|l| l.starts_with(file)), "{file}: {out}");
    }
}

#[test]
fn a_misspelt_table_is_an_unknown_table_with_the_section_it_resembles() {
    let files = [
        (
            "t.toml",
            "region = \"us-east-1\"\n[trafic]\nrequests_per_month = 1\n",
        ),
        (
            "f.toml",
            "region = \"us-east-1\"\n[traffic]\nrequests_per_month = 1\n[foo]\nx = 1\n",
        ),
    ];
    let (code, _, err) = validate_files(&files, &["validate", "t.toml", "f.toml"]);
    assert_eq!(code, 1);
    assert!(
        err.starts_with(
            "error: unknown table `[trafic]`\n  --> t.toml:2:2\n  |\n2 | [trafic]\n  |  ^^^^^^\n  \
             = help: did you mean `[traffic]`?\n"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "error: unknown table `[foo]`\n  --> f.toml:4:2\n  |\n4 | [foo]\n  |  ^^^\n  = help: \
             the tables of a scenario are [traffic], [topology], [requirements], [layout]\n"
        ),
        "{err}"
    );
}

#[test]
fn a_duplicate_key_or_table_points_at_its_first_definition() {
    let files = [
        (
            "k.toml",
            "region = \"us-east-1\"\n[traffic]\nrequests_per_month = 1\n[topology]\napis = 1\n  apis = 2\n",
        ),
        (
            "t.toml",
            "region = \"us-east-1\"\n[traffic]\nrequests_per_month = 1\n[traffic]\nx = 2\n",
        ),
        // The same key in another table is not its first definition.
        (
            "o.toml",
            "region = \"us-east-1\"\napis = 0\n[traffic]\nrequests_per_month = 1\n[topology]\napis = 1\napis = 2\n",
        ),
    ];
    let (code, _, err) = validate_files(&files, &["validate", "k.toml", "t.toml", "o.toml"]);
    assert_eq!(code, 1);
    for expected in [
        "error: invalid TOML: duplicate key\n  --> k.toml:6:3\n  |\n6 |   apis = 2\n  |   ^^^^\n  \
         = help: `apis` is first defined here: k.toml:5:1; keep one of the two\n",
        "error: invalid TOML: duplicate key\n  --> t.toml:4:2\n  |\n4 | [traffic]\n  |  ^^^^^^^\n  \
         = help: `traffic` is first defined here: t.toml:2:2; keep one of the two\n",
        "  --> o.toml:7:1\n  |\n7 | apis = 2\n  | ^^^^\n  \
         = help: `apis` is first defined here: o.toml:6:1; keep one of the two\n",
    ] {
        assert!(err.contains(expected), "{expected}\nin\n{err}");
    }
}
