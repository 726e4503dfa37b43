//! A usage profile whose layout cannot be built (tests/fixtures/profiles/split-backends.toml:
//! its `split` profile puts H2's Cloud Map backends in a second account) is shown as `-` with
//! a warning; the other profiles are still priced, each as the scenario with its values
//! written in.

use serde_json::Value;

use crate::support::{root, run_in};

const FILE: &str = "tests/fixtures/profiles/split-backends.toml";
const WHY: &str = "architecture H2 does not apply to this scenario: backends are in 2 accounts (topology.backend_accounts)";

/// The base's monthly cost of `estimate` of the scenario text `toml`.
fn priced_as_written(toml: &str) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.toml");
    std::fs::write(&file, toml).unwrap();
    let args = ["estimate", "--format", "json", file.to_str().unwrap()];
    let (out, _) = run_in(root(), &args, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    v["scenarios"][0]["estimates"][0]["monthly_cost"].clone()
}

#[test]
fn an_unbuildable_profile_is_a_dash_and_the_others_are_priced() {
    let (out, err) = run_in(root(), &["estimate", FILE, "--format", "json"], 0);
    assert!(
        err.contains(&format!(
            "warning: split-backends: profile `split` is not priced (shown as -): {WHY}"
        )),
        "{err}"
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    let profiles = &v["scenarios"][0]["estimates"][0]["profiles"];
    assert_eq!(profiles["split"]["monthly_cost"], Value::Null);
    assert!(
        profiles["split"]["reason"]
            .as_str()
            .unwrap()
            .starts_with(WHY),
        "{profiles:#}"
    );
    // `low` and `high` equal the scenario with their values written in.
    let text = std::fs::read_to_string(root().join(FILE)).unwrap();
    let base = text.split("[profiles.").next().unwrap();
    for (name, requests) in [("low", "1_000_000"), ("high", "100_000_000")] {
        let written = base.replace("10_000_000", requests);
        assert_eq!(profiles[name]["monthly_cost"], priced_as_written(&written));
    }
    // Table and Markdown: a `-` in the profile's column.
    let (md, _) = run_in(root(), &["estimate", FILE, "--format", "markdown"], 0);
    assert!(
        md.contains("| Profile | base | low | split | high |\n|---|---:|---:|---:|---:|\n| Monthly | $91.68 | $68.66 | - | $321.89 |"),
        "{md}"
    );
    let (table, _) = run_in(root(), &["estimate", FILE], 0);
    assert!(table.contains("┆ split ┆"), "{table}");
    // CSV totals: a `-` row in the profile's place.
    let (csv, _) = run_in(
        root(),
        &["estimate", FILE, "--format", "csv", "--totals"],
        0,
    );
    assert_eq!(
        csv.replace("\r\n", "\n"),
        "scenario,architecture,monthly_cost,profile\nsplit-backends,H2,91.68,base\nsplit-backends,H2,68.66,low\nsplit-backends,H2,-,split\nsplit-backends,H2,321.89,high\n"
    );
    // validate: a warning, not a problem.
    let (_, err) = run_in(root(), &["validate", FILE], 0);
    assert!(err.contains("profile `split` is not priced"), "{err}");
}

#[test]
fn an_unknown_pattern_in_a_profile_stays_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.toml");
    let text = std::fs::read_to_string(root().join(FILE)).unwrap();
    std::fs::write(
        &file,
        format!("{text}\n[profiles.odd.layout]\narchitecture = \"R9\"\n"),
    )
    .unwrap();
    let (_, err) = run_in(root(), &["estimate", file.to_str().unwrap()], 1);
    assert!(
        err.contains("profile `odd`: unknown architecture `R9`"),
        "{err}"
    );
}
