//! Criterion bench of `scan`: a generated Terraform plan of 1,000 resources (an HTTP API with
//! 200 integrations through one VPC link to an ALB listener, and the IAM roles, security groups,
//! ECS services and load balancers around them) read, recognised and written as a scenario.
//! Budget in `benches/budgets.toml`.

use std::hint::black_box;
use std::path::PathBuf;

use apigw_cost::iac::{ScanOptions, scan};
use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::{Value, json};

/// One resource: its planned values, and its configuration with `refs` as references.
fn resource(kind: &str, name: &str, values: Value, refs: &[(&str, &str)]) -> (Value, Value) {
    let address = format!("{kind}.{name}");
    let planned = json!({"address": address, "mode": "managed", "type": kind, "name": name, "values": values});
    let expressions: serde_json::Map<String, Value> = refs
        .iter()
        .map(|(attr, to)| {
            (
                (*attr).to_owned(),
                json!({"references": [format!("{to}.id"), to]}),
            )
        })
        .collect();
    (
        planned,
        json!({"address": address, "expressions": expressions}),
    )
}

/// A plan of `n` resources in Terraform's documented JSON schema.
fn plan(n: usize) -> String {
    let mut all = vec![
        resource(
            "aws_apigatewayv2_api",
            "api",
            json!({"protocol_type": "HTTP"}),
            &[],
        ),
        resource(
            "aws_apigatewayv2_vpc_link",
            "link",
            json!({"subnet_ids": ["s-1", "s-2", "s-3"]}),
            &[],
        ),
        resource(
            "aws_lb",
            "alb",
            json!({"load_balancer_type": "application", "internal": true, "subnets": ["s-1", "s-2", "s-3"]}),
            &[],
        ),
        resource(
            "aws_lb_listener",
            "http",
            json!({"protocol": "HTTP"}),
            &[("load_balancer_arn", "aws_lb.alb")],
        ),
    ];
    let kinds = [
        "aws_apigatewayv2_integration",
        "aws_iam_role",
        "aws_security_group",
        "aws_ecs_service",
        "aws_lb_target_group",
    ];
    for i in all.len()..n {
        let kind = kinds[i % kinds.len()];
        let values = json!({"integration_type": "HTTP_PROXY", "connection_type": "VPC_LINK", "name": format!("r{i}")});
        let refs: &[(&str, &str)] = &[
            ("api_id", "aws_apigatewayv2_api.api"),
            ("connection_id", "aws_apigatewayv2_vpc_link.link"),
            ("integration_uri", "aws_lb_listener.http"),
        ];
        let refs = if kind == "aws_apigatewayv2_integration" {
            refs
        } else {
            &[]
        };
        all.push(resource(kind, &format!("r{i}"), values, refs));
    }
    let (planned, config): (Vec<Value>, Vec<Value>) = all.into_iter().unzip();
    json!({
        "format_version": "1.2",
        "planned_values": {"root_module": {"resources": planned}},
        "configuration": {
            "provider_config": {"aws": {"name": "aws", "expressions": {"region": {"constant_value": "eu-west-1"}}}},
            "root_module": {"resources": config}
        }
    })
    .to_string()
}

fn bench_scan(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path: PathBuf = dir.path().join("plan.json");
    std::fs::write(&path, plan(1_000)).expect("plan written");
    let paths = [path];
    let found = scan(&paths, None, &ScanOptions::default()).expect("scans");
    assert_eq!(
        found.layout.as_ref().map(|l| l.architecture.as_str()),
        Some("H1")
    );
    let mut g = c.benchmark_group("scan");
    g.sample_size(10);
    g.bench_function("terraform plan, 1,000 resources", |b| {
        b.iter(|| scan(black_box(&paths), None, &ScanOptions::default()).expect("scans"))
    });
    g.finish();
}

criterion_group!(benches, bench_scan);
criterion_main!(benches);
