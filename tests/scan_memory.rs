//! `scan` reads the largest plan and template it accepts in under 100 MB of memory (issue 20),
//! and refuses larger ones, or ones of too many values, at once with the limit and why. The
//! files are generated here, just under the limits: a Terraform plan of an interface endpoint
//! and a private REST API among 12,000 IAM roles, and a template of the same among 25,000 SNS
//! topics. Peak memory is the binary's own, measured by `/usr/bin/time` (as tests/streaming.rs
//! explains).

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_apigw-cost");
/// `scan`'s size limit (`tree::MAX_BYTES`), 4 MiB.
const LIMIT: usize = 4 * 1024 * 1024;

/// A plan of a private REST API and its endpoint in two subnets, then IAM roles until `size`.
fn plan(size: usize) -> String {
    let mut s = String::from(
        r#"{"format_version": "1.2", "planned_values": {"root_module": {"resources": [
{"address": "aws_api_gateway_rest_api.api", "mode": "managed", "type": "aws_api_gateway_rest_api", "name": "api", "values": {"endpoint_configuration": [{"types": ["PRIVATE"]}]}},
{"address": "aws_vpc_endpoint.api", "mode": "managed", "type": "aws_vpc_endpoint", "name": "api", "values": {"service_name": "com.amazonaws.eu-west-1.execute-api", "vpc_endpoint_type": "Interface", "private_dns_enabled": true, "subnet_ids": ["subnet-a", "subnet-b"]}}"#,
    );
    let mut i = 0;
    while s.len() + 400 < size {
        write!(
            s,
            r#",
{{"address": "aws_iam_role.r{i}", "mode": "managed", "type": "aws_iam_role", "name": "r{i}", "values": {{"name": "r{i}", "assume_role_policy": "{}", "tags": {{"team": "{}"}}}}}}"#,
            "x".repeat(150),
            "t".repeat(40)
        )
        .unwrap();
        i += 1;
    }
    s.push_str("]}}}\n");
    s
}

/// A template of a private REST API and its endpoint, then SNS topics until `size`.
fn template(size: usize) -> String {
    let mut s = String::from(
        "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Api:\n    Type: AWS::ApiGateway::RestApi\n    Properties:\n      EndpointConfiguration:\n        Types: [PRIVATE]\n  Endpoint:\n    Type: AWS::EC2::VPCEndpoint\n    Properties:\n      ServiceName: !Sub com.amazonaws.${AWS::Region}.execute-api\n      VpcEndpointType: Interface\n      VpcId: vpc-1\n      SubnetIds: [subnet-a, subnet-b]\n",
    );
    let mut i = 0;
    while s.len() + 200 < size {
        write!(
            s,
            "  T{i}:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Sub \"${{AWS::StackName}}-{i}-{}\"\n",
            "x".repeat(60)
        )
        .unwrap();
        i += 1;
    }
    s
}

/// `scan FILE`'s exit code, standard output and error, and peak memory in MB (`None`, said,
/// without `/usr/bin/time`).
fn scan_measured(file: &Path) -> Option<(i32, String, String, u64)> {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        eprintln!("skipped: no /usr/bin/time to measure the peak memory of scan {file:?}");
        return None;
    }
    let peak = file.with_extension("rss");
    let out = Command::new(time)
        .args(["-f", "%M", "-o"])
        .arg(&peak)
        .args([BIN, "scan", "--region", "eu-west-1"])
        .arg(file)
        .output()
        .unwrap();
    let kb: u64 = std::fs::read_to_string(&peak)
        .unwrap()
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .expect("the peak in KB");
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    Some((
        out.status.code().unwrap(),
        text(out.stdout),
        text(out.stderr),
        kb / 1024,
    ))
}

#[test]
fn the_largest_plan_and_template_scan_in_under_100_mb() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("plan.json", plan(LIMIT - 1024)),
        ("template.yaml", template(LIMIT - 1024)),
    ] {
        assert!(text.len() > LIMIT - 2048 && text.len() < LIMIT, "{name}");
        let path = dir.path().join(name);
        std::fs::write(&path, &text).unwrap();
        let Some((code, out, err, mb)) = scan_measured(&path) else {
            return;
        };
        eprintln!("scan of a {} byte {name}: {mb} MB at its peak", text.len());
        assert_eq!(code, 0, "{name}: {err}");
        // The API and its endpoint were found among the filler, both subnets as AZs.
        assert!(out.contains("architecture = \"R1\""), "{name}: {out}");
        assert!(out.contains("availability_zones = 2"), "{name}: {out}");
        assert!(mb < 100, "{name}: scan peaked at {mb} MB");
    }
}

#[test]
fn larger_files_and_too_many_values_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.json");
    std::fs::write(&big, plan(LIMIT + 4096)).unwrap();
    let many = dir.path().join("many.yaml");
    std::fs::write(&many, format!("Resources: [{}0]\n", "0,".repeat(200_000))).unwrap();
    for (path, says) in [
        (
            &big,
            "larger than 4 MiB: refused (reading it would take over 100 MB",
        ),
        (&many, "more than 200000 values: refused"),
    ] {
        let Some((code, _, err, mb)) = scan_measured(path) else {
            return;
        };
        assert_eq!(code, 1, "{err}");
        assert!(err.contains(says), "{err}");
        assert!(
            err.contains("scan the plan of one stack or module at a time"),
            "{err}"
        );
        assert!(mb < 100, "{path:?}: peaked at {mb} MB");
    }
}
