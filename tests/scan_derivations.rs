//! What `scan` derives beyond the API and its integration: Terraform's `count` and `for_each`
//! instances and the plan line of each resource, VPC-enabled Lambda proxies (R5-lambda),
//! on-premises links, and cross-account consumers from resource policies. Each on a small
//! hand-written fixture in `tests/fixtures/iac/` (Terraform plans in the documented
//! `terraform show -json` schema), key by key, and every scanned scenario priced.

use serde_json::Value;

use crate::scan::{derived, derived_entry, has_derived, origin_line, prices, scan_json, unknown};

/// The origins of a derived key, as `file:line resource` strings.
fn origins(scan: &Value, key: &str) -> Vec<String> {
    derived_entry(scan, key)["from"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            format!(
                "{}:{} {}",
                o["file"].as_str().unwrap(),
                o["line"],
                o["resource"].as_str().unwrap()
            )
        })
        .collect()
}

fn assumed<'a>(scan: &'a Value, key: &str) -> Option<&'a Value> {
    scan["assumed"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["key"] == key)
}

/// The monthly cost of one component in `estimate`'s JSON of `path`.
fn component(path: &str, id: &str) -> Option<String> {
    let est = prices(path);
    est["scenarios"][0]["estimates"][0]["line_items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["component"] == id)
        .map(|i| i["monthly_cost"].as_str().unwrap().to_owned())
}

#[test]
fn terraform_count_and_for_each_instances_are_counted_and_linked() {
    let path = "tests/fixtures/iac/plan-count-for-each.json";
    let scan = scan_json(&[path]);
    assert_eq!(scan["layout"]["architecture"], "R5");
    assert_eq!(scan["layout"]["exact"], true, "{:#}", scan["layout"]);
    // Two endpoints made with for_each, each in the VPC of its own key (`aws_vpc.consumer`
    // with `each.key`): two consumer VPCs, one endpoint in each.
    assert_eq!(derived(&scan, "topology.consumer_vpcs"), 2);
    assert!(!has_derived(&scan, "layout.endpoints_per_vpc"));
    // Their subnet_ids are known only after apply, but name `aws_subnet.consumer` (count = 3).
    assert_eq!(derived(&scan, "topology.availability_zones"), 3);
    // The NLB is `aws_lb.nlb[0]` (count = 1): the listener and VPC link reach it by index.
    assert_eq!(derived(&scan, "layout.load_balancers"), 1);
    assert_eq!(derived(&scan, "layout.nlb_listener"), "tls");
    assert_eq!(derived(&scan, "region"), "eu-west-2");
    // Each resource's line is the line of its address in planned_values.
    assert_eq!(
        origins(&scan, "topology.consumer_vpcs"),
        [
            format!("{path}:103 aws_vpc_endpoint.execute_api[\"team-a\"]"),
            format!("{path}:118 aws_vpc_endpoint.execute_api[\"team-b\"]"),
        ]
    );
    assert_eq!(origin_line(&scan, "layout.nlb_listener"), 174);
    assert_eq!(origin_line(&scan, "layout.load_balancers"), 159);
    // Hand calculation, eu-west-2: 2 endpoints × 3 AZs × 730 h × $0.011 = 48.18.
    assert_eq!(component(path, "endpoint-hours").as_deref(), Some("48.18"));
}

#[test]
fn terraform_lines_of_the_real_one_line_plan_are_line_one() {
    // `terraform show -json` writes the whole plan on one line (T3 of the development subset).
    let Some(dir) = crate::scan::samples("t3_lines") else {
        return;
    };
    let path = crate::scan::sample(&dir, "T3-apigw-vpclink-pvt-alb-terraform/plan.json");
    let scan = scan_json(&[&path]);
    assert_eq!(origin_line(&scan, "layout.architecture"), 1);
    assert_eq!(origin_line(&scan, "topology.availability_zones"), 1);
}

#[test]
fn sam_vpc_lambda_calling_an_internal_alb_is_r5_lambda() {
    let path = "tests/fixtures/iac/sam-vpc-lambda-proxy.yaml";
    let scan = scan_json(&[path]);
    assert_eq!(scan["layout"]["architecture"], "R5-lambda");
    assert_eq!(scan["layout"]["exact"], true, "{:#}", scan["layout"]);
    assert_eq!(derived(&scan, "layout.lambda_memory_mb"), 512);
    // `Proxy:` is on line 21; its mapping starts on the `Type` line.
    assert_eq!(origin_line(&scan, "layout.lambda_memory_mb"), 22);
    // The backend the function calls (its environment names the ALB; ECS behind it).
    assert_eq!(derived(&scan, "topology.backend"), "ecs");
    let arch = origins(&scan, "layout.architecture");
    assert!(arch.iter().any(|o| o.ends_with(" Proxy")), "{arch:?}");
    assert!(arch.iter().any(|o| o.ends_with(" Backend")), "{arch:?}");
    assert_eq!(derived(&scan, "topology.availability_zones"), 2);
    // Its run time is not in the code: assumed, and said.
    let duration = assumed(&scan, "layout.lambda_duration_ms").expect("assumed duration");
    assert_eq!(duration["value"], 100);
    // Hand calculation, us-east-1, the assumed 1 M requests of 1 KB + 1 KB:
    // REST 3.5; endpoint 1 × 2 AZ × 730 h × $0.01 = 14.6; endpoint data 2 M KB / 1,048,576 ×
    // $0.01 = 0.019073486328125; Lambda 1 M × $0.20/M = 0.2; 1 M × 0.5 GB × 0.1 s = 50,000
    // GB-s × $0.0000166667 = 0.833335.
    assert_eq!(
        component(path, "lambda-duration").as_deref(),
        Some("0.833335")
    );
    let est = prices(path);
    let total = &est["scenarios"][0]["estimates"][0]["monthly_cost"];
    assert_eq!(total, "19.152408486328125");
}

#[test]
fn terraform_vpc_lambda_behind_a_regional_api_is_r5_lambda_regional() {
    let path = "tests/fixtures/iac/plan-r5-lambda-regional.json";
    let scan = scan_json(&[path]);
    assert_eq!(scan["layout"]["architecture"], "R5-lambda-regional");
    assert_eq!(scan["layout"]["exact"], true, "{:#}", scan["layout"]);
    assert_eq!(derived(&scan, "layout.lambda_memory_mb"), 1024);
    assert_eq!(
        origins(&scan, "layout.lambda_memory_mb"),
        [format!("{path}:39 aws_lambda_function.proxy")]
    );
    assert_eq!(derived(&scan, "topology.backend"), "ecs");
    // eu-west-2: 1 M × 1 GB × 0.1 s = 100,000 GB-s × $0.0000166667 = 1.66667.
    assert_eq!(
        component(path, "lambda-duration").as_deref(),
        Some("1.66667")
    );
    assert_eq!(component(path, "lambda-requests").as_deref(), Some("0.2"));
}

#[test]
fn terraform_vpn_and_resolver_inbound_endpoint_are_r3() {
    let path = "tests/fixtures/iac/plan-r3-vpn.json";
    let scan = scan_json(&[path]);
    assert_eq!(scan["layout"]["architecture"], "R3");
    assert_eq!(scan["layout"]["exact"], true, "{:#}", scan["layout"]);
    assert_eq!(derived(&scan, "topology.on_premises"), "vpn");
    // Two VPN connections made with count = 2; the gateways only show the link.
    assert_eq!(derived(&scan, "topology.on_premises_connections"), 2);
    assert_eq!(
        origins(&scan, "topology.on_premises_connections"),
        [
            format!("{path}:143 aws_vpn_connection.office[0]"),
            format!("{path}:157 aws_vpn_connection.office[1]"),
        ]
    );
    assert_eq!(origins(&scan, "topology.on_premises").len(), 4);
    // The inbound endpoint's three IPs; the outbound endpoint is not on-premises DNS.
    assert_eq!(derived(&scan, "layout.resolver_ips"), 3);
    assert_eq!(origin_line(&scan, "layout.resolver_ips"), 74);
    // The policy is known only after apply; it names the plan's own endpoint: one VPC.
    assert_eq!(derived(&scan, "topology.consumer_vpcs"), 1);
    let share = assumed(&scan, "traffic.on_premises_share").expect("assumed share");
    assert_eq!(share["value"], 0.5);
    assert!(share["why"].as_str().unwrap().contains("--usage"));
    // us-east-1: 2 connections × 730 h × $0.05 = 73; 3 IPs × 730 h × $0.125 = 273.75.
    assert_eq!(component(path, "vpn-hours").as_deref(), Some("73"));
    assert_eq!(component(path, "resolver-hours").as_deref(), Some("273.75"));
}

#[test]
fn resource_policy_accounts_and_endpoints_make_r2() {
    let path = "tests/fixtures/iac/rest-private-cross-account.yaml";
    let scan = scan_json(&[path, "--region", "us-east-1"]);
    assert_eq!(scan["layout"]["architecture"], "R2");
    assert_eq!(scan["layout"]["exact"], true, "{:#}", scan["layout"]);
    // Principals: 111122223333, 444455556666 and the template's own account.
    assert_eq!(derived(&scan, "topology.consumer_accounts"), 3);
    assert_eq!(origin_line(&scan, "topology.consumer_accounts"), 15);
    // aws:SourceVpce: the code's endpoint (vpc-0own) and two partners' endpoints.
    assert_eq!(derived(&scan, "topology.consumer_vpcs"), 3);
    // us-east-1: 3 VPCs × 2 AZs × 730 h × $0.01 = 43.8.
    assert_eq!(component(path, "endpoint-hours").as_deref(), Some("43.8"));
}

#[test]
fn sam_resource_policy_lists_accounts_endpoints_and_vpcs() {
    let path = "tests/fixtures/iac/sam-resource-policy.yaml";
    let scan = scan_json(&[path]);
    assert_eq!(scan["layout"]["architecture"], "R2");
    assert_eq!(derived(&scan, "topology.consumer_accounts"), 2);
    // vpc-0own (the template's endpoint, also whitelisted), vpce-0partner, vpc-0other.
    assert_eq!(derived(&scan, "topology.consumer_vpcs"), 3);
    assert_eq!(derived(&scan, "topology.availability_zones"), 3);
    // us-east-1 (assumed): 3 VPCs × 3 AZs × 730 h × $0.01 = 65.7.
    assert_eq!(component(path, "endpoint-hours").as_deref(), Some("65.7"));
}

#[test]
fn wildcard_principals_and_parameter_endpoints_are_unknown() {
    let path = "tests/fixtures/iac/rest-private-wildcard.yaml";
    let scan = scan_json(&[path]);
    assert!(unknown(&scan, "topology.consumer_accounts"), "{scan:#}");
    assert!(unknown(&scan, "topology.consumer_vpcs"), "{scan:#}");
    assert!(!has_derived(&scan, "topology.consumer_accounts"));
    prices(path);
    // The development subset's C1: `Principal: "*"` and an endpoint parameter.
    let Some(dir) = crate::scan::samples("c1_callers") else {
        return;
    };
    let c1 = crate::scan::sample(&dir, "C1-apigw-private-lambda/template.yaml");
    let scan = scan_json(&[&c1]);
    assert!(unknown(&scan, "topology.consumer_accounts"));
    assert!(unknown(&scan, "topology.consumer_vpcs"));
}

#[test]
fn direct_connect_beside_an_r5_plan_is_priced_and_said() {
    // Two plans make one estate: the R5 plan and the network team's Direct Connect plan.
    let r5 = "tests/fixtures/iac/plan-count-for-each.json";
    let dx = "tests/fixtures/iac/plan-dx.json";
    let scan = scan_json(&[r5, dx]);
    assert_eq!(scan["layout"]["architecture"], "R5");
    assert_eq!(scan["layout"]["exact"], false);
    let differs = scan["layout"]["differs"].to_string();
    assert!(
        differs.contains("on-premises link (direct-connect)"),
        "{differs}"
    );
    assert_eq!(derived(&scan, "topology.on_premises"), "direct-connect");
    // One connection; the gateway and the virtual interface only show the link.
    assert_eq!(
        origins(&scan, "topology.on_premises_connections"),
        [format!("{dx}:8 aws_dx_connection.office")]
    );
    assert_eq!(origins(&scan, "topology.on_premises").len(), 4);
    // Priced through the scanned scenario: eu-west-2, 1 port × 730 h × $0.30 = 219.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("estate.toml");
    let (toml, _) = crate::support::run_in(crate::support::root(), &["scan", r5, dx], 0);
    std::fs::write(&file, &toml).unwrap();
    let (out, _) = crate::support::run_in(
        crate::support::root(),
        &["estimate", file.to_str().unwrap(), "--format", "json"],
        0,
    );
    let est: Value = serde_json::from_str(&out).unwrap();
    let items = est["scenarios"][0]["estimates"][0]["line_items"]
        .as_array()
        .unwrap();
    let port = items.iter().find(|i| i["component"] == "dx-port-hours");
    assert_eq!(port.unwrap()["monthly_cost"], "219");
}

#[test]
fn usage_gives_what_the_code_cannot_say() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_owned()
    };
    let on_premises = write("on-premises.toml", "[traffic]\non_premises_share = 0.2\n");
    let lambda = write(
        "lambda.toml",
        "[traffic]\nrequests_per_month = 5_000_000\n\n[layout]\nlambda_duration_ms = 40\n",
    );
    let vpn = "tests/fixtures/iac/plan-r3-vpn.json";
    let scan = scan_json(&[vpn, "--usage", &on_premises]);
    assert!(assumed(&scan, "traffic.on_premises_share").is_none());
    assert_eq!(scan["scenario"]["traffic"]["on_premises_share"], 0.2);
    let proxy = "tests/fixtures/iac/sam-vpc-lambda-proxy.yaml";
    let scan = scan_json(&[proxy, "--usage", &lambda]);
    assert!(assumed(&scan, "layout.lambda_duration_ms").is_none());
    // The proxy: 5 M × 0.5 GB × 0.04 s = 100,000 GB-s × $0.0000166667 = 1.66667.
    let args = ["estimate", proxy, "--usage", &lambda, "--format", "json"];
    let (out, _) = crate::support::run_in(crate::support::root(), &args, 0);
    let est: Value = serde_json::from_str(&out).unwrap();
    let items = est["scenarios"][0]["estimates"][0]["line_items"]
        .as_array()
        .unwrap();
    let duration = items.iter().find(|i| i["component"] == "lambda-duration");
    assert_eq!(duration.unwrap()["monthly_cost"], "1.66667");
}

#[test]
fn rest_api_through_a_vpc_link_v2_to_an_alb_listener_is_r5_alb() {
    // `IntegrationTarget: !Ref Listener` on a REST method with `ConnectionId` a VPC link V2
    // (REST APIs may use V2 links since 2025): the ALB behind that listener is the backend.
    let path = "tests/fixtures/iac/rest-vpclink-v2.yaml";
    let scan = scan_json(&[path]);
    assert_eq!(scan["layout"]["architecture"], "R5-alb-regional");
    assert_eq!(scan["layout"]["exact"], true, "{:#}", scan["layout"]);
    assert_eq!(derived(&scan, "topology.backend"), "alb");
    assert_eq!(derived(&scan, "layout.load_balancers"), 1);
    assert_eq!(derived(&scan, "topology.availability_zones"), 2);
    let from = origins(&scan, "topology.backend");
    assert_eq!(
        from,
        [
            format!("{path}:12 LinkV2"),
            format!("{path}:22 Listener"),
            format!("{path}:17 Alb"),
        ]
    );
    // Hand calculation, us-east-1: 1 ALB × 730 h × $0.0225 = 16.425.
    assert_eq!(component(path, "alb-hours").as_deref(), Some("16.425"));
}

#[test]
fn an_endpoint_without_a_type_is_a_gateway_not_an_execute_api_interface() {
    // CloudFormation makes a VPCEndpoint without VpcEndpointType a Gateway endpoint: its
    // execute-api service name and three subnets do not make it the API's interface endpoint.
    let path = "tests/fixtures/iac/endpoint-no-type.yaml";
    let scan = scan_json(&[path]);
    assert_eq!(scan["layout"]["architecture"], "R1");
    assert!(!has_derived(&scan, "topology.availability_zones"));
    assert!(!has_derived(&scan, "topology.consumer_vpcs"));
    assert!(!has_derived(&scan, "layout.private_dns"));
    assert!(unknown(&scan, "topology.consumer_vpcs"));
    assert!(unknown(&scan, "topology.availability_zones"));
}

#[test]
fn waf_rules_count_when_the_acl_is_associated_with_the_api() {
    let path = "tests/fixtures/iac/waf-rest-nlb.yaml";
    let scan = scan_json(&[path]);
    assert_eq!(scan["layout"]["architecture"], "R5-regional");
    assert_eq!(derived(&scan, "layout.waf_rules"), 3);
    assert_eq!(origin_line(&scan, "layout.waf_rules"), 40);
    // The NLB's subnets: a comma-delimited parameter joined and split again, three of them.
    assert_eq!(derived(&scan, "topology.availability_zones"), 3);
    // Hand calculation, us-east-1: 3 rules × $1.00 = 3, the web ACL $5.00.
    assert_eq!(component(path, "waf-rules").as_deref(), Some("3"));
    assert_eq!(component(path, "waf-web-acls").as_deref(), Some("5"));
    // The same ACL with no association protects nothing of the API: no rules priced.
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(crate::support::root().join(path)).unwrap();
    let cut = text.find("  AclAssociation:").unwrap();
    let alone = dir.path().join("acl-alone.yaml");
    std::fs::write(&alone, &text[..cut]).unwrap();
    let scan = scan_json(&[alone.to_str().unwrap()]);
    assert!(!has_derived(&scan, "layout.waf_rules"), "{scan:#}");
}

#[test]
fn regions_come_from_two_providers_or_from_an_arn() {
    let path = "tests/fixtures/iac/plan-two-regions.json";
    let scan = scan_json(&[path]);
    assert_eq!(derived(&scan, "region"), "eu-west-1");
    assert_eq!(derived(&scan, "topology.regions"), 2);
    assert_eq!(
        origins(&scan, "topology.regions"),
        [
            format!("{path}:null provider.aws"),
            format!("{path}:null provider.aws.us"),
        ]
    );
    assert_eq!(derived(&scan, "topology.apis"), 2);
    // Hand calculation, eu-west-1: 1 VPC × 2 AZs × 2 Regions × 730 h × $0.048 = 140.16.
    assert_eq!(
        component(path, "nat-gateway-hours").as_deref(),
        Some("140.16")
    );
    // A state with no provider configuration: the Region of the first ARN in its values.
    let state = "tests/fixtures/iac/state-arn-region.json";
    let scan = scan_json(&[state]);
    assert_eq!(derived(&scan, "region"), "ap-southeast-2");
    assert!(!has_derived(&scan, "topology.regions"));
    assert_eq!(
        origins(&scan, "region"),
        [format!("{state}:null aws_lambda_function.orders")]
    );
    prices(state);
}
