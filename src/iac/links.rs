//! Resources that join VPCs, accounts and Regions, read from CloudFormation and Terraform:
//! PrivateLink endpoint services (R6, H3), VPC peering (R7), Route 53 records with a routing
//! policy (R4's failover or latency split) and custom domain names (R4-custom-domain). The
//! cross-account and multi-Region patterns are told apart by these.

use serde_json::Value as Json;

use super::graph::{Estate, Part, Routing};
use super::resources::Res;
use super::tree::Node;

/// `AWS::EC2::VPCEndpointService`: the NLBs of `NetworkLoadBalancerArns`.
pub fn cfn_endpoint_service(r: &Res) -> Vec<Part> {
    let mut lbs = Vec::new();
    if let Some(list) = r.props.get("NetworkLoadBalancerArns") {
        list.walk(&mut |n| {
            if let [(f, _)] = n.entries()
                && (f == "Ref" || f == "Fn::GetAtt")
                && let Some(name) = r.ctx.target(n)
                && !lbs.contains(&name)
            {
                lbs.push(name);
            }
        });
    }
    vec![Part::EndpointService { lbs }]
}

/// `AWS::Route53::RecordSet`: its routing policy.
pub fn cfn_record(r: &Res) -> Vec<Part> {
    cfn_routing(r, r.props).into_iter().collect()
}

/// `AWS::Route53::RecordSetGroup`: the routing policy of each of its `RecordSets`.
pub fn cfn_record_group(r: &Res) -> Vec<Part> {
    let mut parts = Vec::new();
    if let Some(Node {
        value: super::tree::Value::List(sets),
        ..
    }) = r.props.get("RecordSets")
    {
        parts.extend(sets.iter().filter_map(|s| cfn_routing(r, s)));
    }
    parts
}

fn cfn_routing(r: &Res, set: &Node) -> Option<Part> {
    let text = |k: &str| set.get(k).and_then(|v| r.ctx.text(v).ok());
    let routing = if let Some(f) = text("Failover") {
        Routing::Failover(f.eq_ignore_ascii_case("PRIMARY"))
    } else if set.get("Region").is_some() {
        Routing::Latency(text("Region"))
    } else if set.get("Weight").is_some() {
        Routing::Weighted
    } else {
        Routing::Simple
    };
    Some(Part::Record { routing })
}

/// `AWS::ApiGateway::DomainName`, `DomainNameV2` (private since 2025) and
/// `AWS::ApiGatewayV2::DomainName`.
pub fn cfn_domain_name(r: &Res) -> Vec<Part> {
    let private = r.kind.ends_with("DomainNameV2")
        && super::resources::endpoint_type(r, r.props.get("EndpointConfiguration"))
            .is_ok_and(|t| t == "PRIVATE");
    vec![Part::DomainName { private }]
}

/// `aws_vpc_endpoint_service`; `lbs` are the load balancers its
/// `network_load_balancer_arns` refer to.
pub fn tf_endpoint_service(lbs: Vec<String>) -> Vec<Part> {
    vec![Part::EndpointService { lbs }]
}

/// `aws_route53_record`: its `failover_routing_policy`, `latency_routing_policy` or
/// `weighted_routing_policy`, else simple.
pub fn tf_record(values: &Json) -> Vec<Part> {
    let block = |k: &str| values.get(k).and_then(|b| b.get(0));
    let routing = if let Some(f) = block("failover_routing_policy") {
        let primary = f.get("type").and_then(Json::as_str) == Some("PRIMARY");
        Routing::Failover(primary)
    } else if let Some(l) = block("latency_routing_policy") {
        Routing::Latency(l.get("region").and_then(Json::as_str).map(str::to_owned))
    } else if block("weighted_routing_policy").is_some() {
        Routing::Weighted
    } else {
        Routing::Simple
    };
    vec![Part::Record { routing }]
}

/// `aws_api_gateway_domain_name` (private when its endpoint type is `PRIVATE`) and
/// `aws_apigatewayv2_domain_name`.
pub fn tf_domain_name(values: &Json) -> Vec<Part> {
    let private = values
        .pointer("/endpoint_configuration/0/types/0")
        .and_then(Json::as_str)
        == Some("PRIVATE");
    vec![Part::DomainName { private }]
}

/// Lists the records and custom domain names, which are read only to tell the pattern (its
/// Regions, failover mode and facade) and cost nothing of their own, among what is not modelled.
pub fn list_unpriced(estate: &mut Estate) {
    let listed: Vec<(String, String)> = estate
        .resources
        .iter()
        .filter(|r| matches!(r.part, Part::Record { .. } | Part::DomainName { .. }))
        .map(|r| (r.name.clone(), r.kind.clone()))
        .collect();
    let mut seen = std::collections::HashSet::new();
    for (name, kind) in listed {
        if seen.insert(name.clone()) {
            estate.not_modelled(&name, &kind, UNPRICED);
        }
    }
}

const UNPRICED: &str =
    "no charge of its own: read only to tell the pattern (its Regions, failover mode, facade)";
