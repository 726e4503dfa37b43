//! `validate` of infrastructure code: scanned, then the derived scenario checked as a file is;
//! each problem placed at the code that fixed the key, the scan's unknowns said (standard error,
//! and `unknown` in the JSON report), exit codes as for scenario files.

use serde_json::Value;

use crate::support::{root, run_in};

fn json(args: &[&str], code: i32) -> (Value, String) {
    let mut all = vec!["validate", "--format", "json"];
    all.extend_from_slice(args);
    let (out, err) = run_in(root(), &all, code);
    let v = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}:\n{out}"));
    (v, err)
}

#[test]
fn a_real_template_validates_with_its_unknowns_said() {
    let template = root().join("../shared/iac-samples/C1-apigw-private-lambda/template.yaml");
    if !template.is_file() {
        eprintln!(
            "a_real_template_validates_with_its_unknowns_said: skipped: {} is absent (../shared is kept outside the repository)",
            template.display()
        );
        return;
    }
    let t = template.to_str().unwrap();
    let (_, err) = run_in(root(), &["validate", t], 0);
    assert!(
        err.contains(
            "topology.consumer_vpcs is not in the code: the resource policy of PrivateApi: aws:sourceVpce: parameter VpcEndpoint has no default"
        ),
        "{err}"
    );
    assert!(err.contains("region = \"us-east-1\" is assumed"), "{err}");
    let (v, _) = json(&[t], 0);
    assert_eq!(v["valid"][0], t);
    let unknown: Vec<&str> = v["files"][0]["unknown"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        unknown,
        [
            "topology.consumer_accounts",
            "topology.consumer_vpcs",
            "topology.availability_zones"
        ]
    );
}

#[test]
fn a_problem_of_the_scanned_scenario_is_placed_at_the_code() {
    let t = "tests/fixtures/iac/seven-subnets.yaml";
    // Seven subnets make seven AZs; a scenario takes 1 to 6. The problem is at the endpoint
    // (line 7, its line shown), with the key the scan wrote and why.
    let (_, err) = run_in(root(), &["validate", t], 1);
    assert!(
        err.contains(
            "error: `availability_zones` in [topology] must be a number from 1 to 6, found 7\n  --> tests/fixtures/iac/seven-subnets.yaml:7:5\n  |\n7 |     Type: AWS::EC2::VPCEndpoint\n  |     ^^^^^^^^^^^^^^^^^^^^^^^^^^^\n  = help: the scan set `topology.availability_zones = 7` from tests/fixtures/iac/seven-subnets.yaml:7, AWS::EC2::VPCEndpoint ApiEndpoint, 7 subnets\n"
        ),
        "{err}"
    );
    let (v, _) = json(&[t, "scenarios/r1-basic-lambda.toml"], 1);
    assert_eq!(v["valid"][0], "scenarios/r1-basic-lambda.toml");
    let p = &v["files"][0]["problems"][0];
    assert_eq!(p["file"], t);
    assert_eq!(p["line"], 7);
    assert_eq!(v["files"][0]["status"], "error");
    assert_eq!(v["files"][1]["unknown"], serde_json::json!([]));
}

#[test]
fn a_template_that_does_not_parse_is_located() {
    let (v, _) = json(&["tests/fixtures/iac/broken.yaml"], 1);
    let p = &v["files"][0]["problems"][0];
    assert_eq!(p["file"], "tests/fixtures/iac/broken.yaml");
    assert!(p["line"].as_u64().unwrap() > 0, "{v:#}");
    assert!(
        p["message"].as_str().unwrap().contains("invalid YAML"),
        "{v:#}"
    );
    let (_, err) = run_in(root(), &["validate", "tests/fixtures/iac/broken.yaml"], 1);
    assert!(err.contains("--> tests/fixtures/iac/broken.yaml:"), "{err}");
}
