//! `recommend --totals` of a scenario with usage profiles: each row's `profile_saving` is the
//! layout's saving in that row's profile, as `recommend --profile NAME` gives it.

use std::collections::HashMap;

use crate::support::{root, run_in};

const FILE: &str = "scenarios/h1-inventory-ranges.toml";

/// The CSV rows of `recommend FILE --format csv --totals ARGS`, each as column → cell.
fn rows(args: &[&str]) -> Vec<HashMap<String, String>> {
    let mut all = vec!["recommend", FILE, "--format", "csv", "--totals"];
    all.extend_from_slice(args);
    let (out, _) = run_in(root(), &all, 0);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let head: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    reader
        .records()
        .map(|r| {
            head.iter()
                .cloned()
                .zip(r.unwrap().iter().map(str::to_owned))
                .collect()
        })
        .collect()
}

#[test]
fn each_profiles_saving_is_what_recommend_profile_says() {
    let every = rows(&[]);
    let mut checked = 0;
    for profile in ["base", "low", "high"] {
        for alone in rows(&["--profile", profile]) {
            let Some(row) = every
                .iter()
                .find(|r| r["profile"] == profile && r["layout"] == alone["layout"])
            else {
                continue; // a layout only that profile's own search finds
            };
            assert_eq!(row["profile_saving"], alone["saving"], "{profile}: {row:?}");
            assert_eq!(
                row["monthly_cost"], alone["monthly_cost"],
                "{profile}: {row:?}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 12, "{checked} rows compared");
    // By hand: in `high` the current H1 costs $1,068.23 and the NLB-fronted HTTP API $1,054.80.
    let nlb = every
        .iter()
        .find(|r| r["profile"] == "high" && r["layout"] == "HTTP API · NLB · 2 AZs")
        .unwrap();
    assert_eq!(nlb["profile_saving"], "13.43");
    assert_eq!(nlb["saving"], "1.11", "`saving` stays the base's");
}
