//! Terraform plan and state JSON (`terraform show -json`) read into the resource graph: the
//! planned (or current) values of the root and child modules, `configuration` for references
//! between resources and the provider's Region, `resource_changes` for what is deleted and what
//! is unknown until apply. A new resource type is one function and one line in [`RESOURCES`].

use std::collections::HashMap;

use serde_json::Value as Json;

use super::cloudformation::integration_target;
use super::graph::{Callers, Estate, Known, Link, Part, Resource};
use super::intrinsics::Ctx;
use super::tf_address::{
    Index, Outputs, address_lines, module_outputs, strip_indexes, through_outputs,
};
use crate::derived::Origin;

/// Whether a JSON document is a Terraform plan or state.
pub fn looks_like(doc: &Json) -> bool {
    doc.get("format_version").is_some()
        && (doc.get("planned_values").is_some() || doc.get("values").is_some())
}

/// One resource of the plan, ready for its type's function.
pub struct TfRes<'a> {
    pub values: &'a Json,
    /// The instance's address (`aws_vpc_endpoint.api["a"]`).
    own: &'a str,
    expressions: Option<&'a Json>,
    unknown: Option<&'a Json>,
    index: &'a Index,
    outputs: &'a Outputs,
}

impl TfRes<'_> {
    fn str(&self, key: &str) -> Option<&str> {
        self.values.get(key).and_then(Json::as_str)
    }

    fn flag(&self, key: &str) -> Option<bool> {
        self.values.get(key).and_then(Json::as_bool)
    }

    /// How many items a list attribute has, or why it is unknown. A list known only after
    /// apply that the configuration builds from subnets of the plan (`aws_subnet.a[*].id`,
    /// made with `count` or `for_each`) has as many items as those subnets.
    fn count(&self, key: &str) -> Known<usize> {
        if let Some(Json::Array(a)) = self.values.get(key) {
            return Ok(a.len());
        }
        let subnets: Vec<String> = self
            .targets(key)
            .into_iter()
            .filter(|t| strip_indexes(t).rsplit('.').nth(1) == Some("aws_subnet"))
            .collect();
        if !subnets.is_empty() {
            return Ok(subnets.len());
        }
        match self.unknown.and_then(|u| u.get(key)) {
            Some(u) if u != &Json::Bool(false) => Err(format!("{key} is known only after apply")),
            _ => Err(format!("no {key}")),
        }
    }

    /// Every resource instance an attribute refers to, from the configuration's references.
    fn targets(&self, key: &str) -> Vec<String> {
        let refs = self
            .expressions
            .and_then(|e| e.get(key))
            .and_then(|e| e.get("references"))
            .and_then(Json::as_array);
        let refs: Vec<String> = refs
            .into_iter()
            .flatten()
            .filter_map(Json::as_str)
            .flat_map(|r| through_outputs(self.outputs, self.own, r, 0))
            .collect();
        self.index
            .resolve_all(self.own, refs.iter().map(String::as_str))
    }

    /// Whether an attribute is set: a value, or a reference known only after apply.
    fn attached(&self, key: &str) -> bool {
        self.str(key).is_some_and(|v| !v.is_empty()) || !self.targets(key).is_empty()
    }

    /// The resource an attribute refers to (the first, when it names several).
    fn target(&self, key: &str) -> Option<String> {
        self.targets(key).into_iter().next()
    }
}

pub type Reader = fn(&TfRes) -> Vec<Part>;

/// Every Terraform AWS resource type the cost model reads.
pub static RESOURCES: &[(&str, Reader)] = &[
    ("aws_api_gateway_rest_api", rest_api),
    ("aws_apigatewayv2_api", |r| match r.str("protocol_type") {
        Some("WEBSOCKET") => vec![Part::WebSocketApi],
        _ => vec![Part::HttpApi],
    }),
    ("aws_api_gateway_integration", |r| {
        integration(r, "rest_api_id", "type", "uri")
    }),
    ("aws_apigatewayv2_integration", |r| {
        integration(r, "api_id", "integration_type", "integration_uri")
    }),
    ("aws_api_gateway_vpc_link", vpc_link_v1),
    ("aws_apigatewayv2_vpc_link", |r| {
        vec![Part::VpcLink {
            v2: true,
            targets: vec![],
            subnets: r.count("subnet_ids"),
        }]
    }),
    ("aws_api_gateway_stage", stage),
    ("aws_vpc_endpoint", endpoint),
    ("aws_lb", load_balancer),
    ("aws_alb", load_balancer),
    ("aws_lb_listener", listener),
    ("aws_alb_listener", listener),
    ("aws_lb_target_group", |r| {
        vec![Part::TargetGroup {
            alb: r.str("target_type") == Some("alb"),
        }]
    }),
    ("aws_lambda_function", function),
    ("aws_api_gateway_rest_api_policy", |r| {
        policy(r, r.target("rest_api_id"))
    }),
    ("aws_vpn_connection", |r| {
        on_premises_via(Link::Vpn, true, r.attached("transit_gateway_id"))
    }),
    ("aws_customer_gateway", |_| on_premises(Link::Vpn, false)),
    ("aws_vpn_gateway", |_| on_premises(Link::Vpn, false)),
    ("aws_dx_connection", |_| {
        on_premises(Link::DirectConnect, true)
    }),
    ("aws_dx_hosted_connection", |_| {
        on_premises(Link::DirectConnect, true)
    }),
    ("aws_dx_gateway", |_| {
        on_premises(Link::DirectConnect, false)
    }),
    ("aws_dx_gateway_association", |r| {
        let tgw = r.str("associated_gateway_type") == Some("transitGateway")
            || r.targets("associated_gateway_id")
                .iter()
                .any(|t| strip_indexes(t).contains("aws_ec2_transit_gateway."));
        on_premises_via(Link::DirectConnect, false, tgw)
    }),
    ("aws_dx_private_virtual_interface", |_| {
        on_premises(Link::DirectConnect, false)
    }),
    ("aws_dx_transit_virtual_interface", |_| {
        on_premises(Link::DirectConnect, false)
    }),
    ("aws_service_discovery_service", |_| {
        vec![Part::CloudMapService]
    }),
    ("aws_service_discovery_private_dns_namespace", |_| {
        vec![Part::CloudMapNamespace]
    }),
    ("aws_service_discovery_http_namespace", |_| {
        vec![Part::CloudMapNamespace]
    }),
    ("aws_ec2_transit_gateway_vpc_attachment", |_| {
        vec![Part::TgwAttachment]
    }),
    ("aws_route53_resolver_endpoint", |r| {
        vec![Part::ResolverEndpoint {
            ips: r.count("ip_address"),
            inbound: r
                .str("direction")
                .is_some_and(|d| d.eq_ignore_ascii_case("INBOUND")),
        }]
    }),
    ("aws_nat_gateway", |_| vec![Part::NatGateway]),
    ("aws_wafv2_web_acl", |r| {
        vec![Part::WebAcl {
            rules: r.count("rule").unwrap_or(0),
        }]
    }),
    ("aws_wafv2_web_acl_association", |_| {
        vec![Part::WafAssociation]
    }),
    ("aws_route53_health_check", |_| vec![Part::HealthCheck]),
    ("aws_route53_zone", |r| {
        vec![Part::HostedZone {
            private: has_items(r.values.get("vpc")),
        }]
    }),
    ("aws_ecs_service", |_| vec![Part::Compute("ecs")]),
    ("aws_autoscaling_group", |_| vec![Part::Compute("ec2")]),
    ("aws_instance", |_| vec![Part::Compute("ec2")]),
    // Cross-account and multi-Region links (read in `links`).
    ("aws_vpc_endpoint_service", |r| {
        super::links::tf_endpoint_service(r.targets("network_load_balancer_arns"))
    }),
    ("aws_vpc_peering_connection", |_| vec![Part::Peering]),
    ("aws_route53_record", |r| super::links::tf_record(r.values)),
    ("aws_api_gateway_domain_name", |r| {
        super::links::tf_domain_name(r.values)
    }),
    ("aws_apigatewayv2_domain_name", |r| {
        super::links::tf_domain_name(r.values)
    }),
];

fn has_items(v: Option<&Json>) -> bool {
    v.and_then(Json::as_array).is_some_and(|a| !a.is_empty())
}

use super::resources::{on_premises, on_premises_via};

/// A Lambda function: `vpc_config`, `memory_size`, and what its `environment` refers to.
fn function(r: &TfRes) -> Vec<Part> {
    let mut refs = Vec::new();
    if let Some(env) = r.expressions.and_then(|e| e.get("environment")) {
        references(env, &mut refs, 0);
    }
    vec![Part::Function {
        in_vpc: has_items(r.values.get("vpc_config")),
        memory_mb: r
            .values
            .get("memory_size")
            .and_then(Json::as_u64)
            .and_then(|m| u32::try_from(m).ok()),
        calls: r.index.resolve_all(r.own, refs.iter().map(String::as_str)),
    }]
}

/// Every reference in an expression block, however deep.
fn references(v: &Json, out: &mut Vec<String>, depth: usize) {
    if depth > 16 {
        return;
    }
    match v {
        Json::Object(map) => {
            let refs = map.get("references").and_then(Json::as_array);
            out.extend(
                refs.into_iter()
                    .flatten()
                    .filter_map(Json::as_str)
                    .map(str::to_owned),
            );
            map.values().for_each(|x| references(x, out, depth + 1));
        }
        Json::Array(items) => items.iter().for_each(|x| references(x, out, depth + 1)),
        _ => {}
    }
}

/// A REST API's resource policy (the JSON text of `policy`). Known only after apply when it
/// names resources of the plan: then the VPC endpoints it refers to are its callers.
fn policy(r: &TfRes, api: Option<String>) -> Vec<Part> {
    let callers = match r.str("policy").filter(|p| !p.trim().is_empty()) {
        Some(text) => match serde_json::from_str::<Json>(text) {
            Ok(doc) => super::policy::callers(&empty_ctx(), &super::tree::from_json(&doc)),
            Err(_) => return vec![],
        },
        None => {
            let endpoints: Vec<String> = r
                .targets("policy")
                .into_iter()
                .filter(|t| strip_indexes(t).starts_with("aws_vpc_endpoint."))
                .collect();
            if endpoints.is_empty() {
                return vec![];
            }
            Callers {
                endpoints: Some(Ok(endpoints)),
                ..Callers::default()
            }
        }
    };
    vec![Part::ApiPolicy { api, callers }]
}

fn rest_api(r: &TfRes) -> Vec<Part> {
    let types = r
        .values
        .get("endpoint_configuration")
        .and_then(|c| c.get(0))
        .and_then(|c| c.get("types"));
    let endpoint = match types.and_then(|t| t.get(0)).and_then(Json::as_str) {
        Some(t) => Ok(t.to_owned()),
        None => Ok("EDGE".to_owned()),
    };
    let mut parts = vec![Part::RestApi { endpoint }];
    parts.extend(policy(r, Some(r.own.to_owned())));
    parts
}

fn integration(r: &TfRes, api: &str, kind: &str, uri: &str) -> Vec<Part> {
    let ctx = empty_ctx();
    let text =
        |s: Option<&str>| s.map(|s| super::tree::Node::new(0, super::tree::Value::Str(s.into())));
    let uri_node = text(r.str(uri)).or_else(|| {
        r.target(uri)
            .map(|t| text(Some(&format!("{t} lambda"))).unwrap())
    });
    let target = integration_target(
        &ctx,
        r.str(kind).unwrap_or(""),
        r.str("connection_type").unwrap_or(""),
        uri_node.as_ref(),
        None,
        None,
    );
    let target = match target {
        Some(super::graph::Target::Private { .. }) => Some(super::graph::Target::Private {
            link: r.target("connection_id"),
            to: r.target(uri).or_else(|| r.target("integration_target")),
        }),
        Some(super::graph::Target::Lambda(_)) => Some(super::graph::Target::Lambda(r.target(uri))),
        other => other,
    };
    target
        .map(|target| Part::Integration {
            api: r.target(api),
            target,
        })
        .into_iter()
        .collect()
}

fn empty_ctx() -> Ctx<'static> {
    Ctx {
        params: HashMap::new(),
        conditions: None,
        mappings: None,
        region: None,
        resources: vec![],
        warnings: Default::default(),
        file: String::new(),
    }
}

fn vpc_link_v1(r: &TfRes) -> Vec<Part> {
    vec![Part::VpcLink {
        v2: false,
        targets: r.target("target_arns").into_iter().collect(),
        subnets: Err("a VPC link V1 has no subnets".into()),
    }]
}

fn stage(r: &TfRes) -> Vec<Part> {
    let cache_gb = match r.flag("cache_cluster_enabled") {
        Some(true) => r.str("cache_cluster_size").unwrap_or("0.5").parse().ok(),
        _ => None,
    };
    vec![Part::Stage {
        api: r.target("rest_api_id"),
        cache_gb,
    }]
}

fn endpoint(r: &TfRes) -> Vec<Part> {
    vec![Part::Endpoint {
        service: r
            .str("service_name")
            .map(str::to_owned)
            .ok_or_else(|| "service_name unknown".to_owned()),
        vpc: r
            .target("vpc_id")
            .or_else(|| r.str("vpc_id").map(str::to_owned)),
        subnets: r.count("subnet_ids"),
        private_dns: r.flag("private_dns_enabled").unwrap_or(false),
        interface: r
            .str("vpc_endpoint_type")
            .is_some_and(|t| t.eq_ignore_ascii_case("Interface")),
    }]
}

fn load_balancer(r: &TfRes) -> Vec<Part> {
    vec![Part::LoadBalancer {
        network: r.str("load_balancer_type") == Some("network"),
        internal: r.flag("internal").unwrap_or(false),
        subnets: r.count("subnets").or_else(|_| r.count("subnet_mapping")),
    }]
}

fn listener(r: &TfRes) -> Vec<Part> {
    vec![Part::Listener {
        lb: r.target("load_balancer_arn"),
        protocol: r.str("protocol").map(str::to_owned),
    }]
}

/// Reads a plan or state (`doc`, parsed from `text`) into `estate`; each resource keeps the
/// line of its address in `text`.
pub fn read(file: &str, text: &str, doc: &Json, estate: &mut Estate) {
    let values = doc.get("planned_values").or_else(|| doc.get("values"));
    let mut found = Vec::new();
    if let Some(root) = values.and_then(|v| v.get("root_module")) {
        modules(root, &mut found);
    }
    let deleted = deleted(doc);
    found.retain(|r| !deleted.contains(&address(r)));
    let config = configuration(doc);
    let outputs = module_outputs(doc);
    let unknowns = after_unknown(doc);
    let addresses: Vec<String> = found.iter().map(|r| address(r)).collect();
    let index = Index::new(addresses.iter().map(String::as_str));
    let lines = address_lines(text);
    for r in &found {
        let kind = r.get("type").and_then(Json::as_str).unwrap_or_default();
        let addr = address(r);
        if r.get("mode").and_then(Json::as_str) == Some("data") {
            continue;
        }
        let Some(f) = RESOURCES.iter().find(|(k, _)| *k == kind).map(|(_, f)| f) else {
            estate.not_modelled(&addr, kind, super::graph::not_modelled_why(kind));
            continue;
        };
        let tf = TfRes {
            values: r.get("values").unwrap_or(&Json::Null),
            own: &addr,
            expressions: config.get(&strip_indexes(&addr)).copied(),
            unknown: unknowns.get(addr.as_str()).copied(),
            index: &index,
            outputs: &outputs,
        };
        for part in f(&tf) {
            estate.resources.push(Resource {
                name: addr.clone(),
                kind: kind.to_owned(),
                file: file.to_owned(),
                line: lines.get(&addr).copied(),
                part,
            });
        }
    }
    region(file, doc, estate);
    if estate.regions.is_empty() {
        arn_region(file, &found, estate);
    }
}

/// The Region of the first ARN in the resources' values (`arn:aws:lambda:eu-west-1:...`), for
/// a plan or state whose provider does not say it.
fn arn_region(file: &str, found: &[&Json], estate: &mut Estate) {
    for r in found {
        let mut hit = None;
        find_arn(r.get("values").unwrap_or(&Json::Null), &mut hit, 0);
        if let Some(region) = hit {
            let origin =
                Origin::new(file, None, &address(r), "ARN").with_detail("the Region in an ARN");
            estate.regions.push((region, origin));
            return;
        }
    }
}

fn find_arn(v: &Json, hit: &mut Option<String>, depth: usize) {
    if hit.is_some() || depth > 32 {
        return;
    }
    match v {
        Json::String(s) => *hit = s.find("arn:aws:").and_then(|at| arn_part(&s[at..])),
        Json::Array(items) => items.iter().for_each(|i| find_arn(i, hit, depth + 1)),
        Json::Object(map) => map.values().for_each(|i| find_arn(i, hit, depth + 1)),
        _ => {}
    }
}

/// The Region field of an ARN (`arn:aws:SERVICE:REGION:...`), when it looks like one.
fn arn_part(arn: &str) -> Option<String> {
    let region = arn.split(':').nth(3)?;
    let parts: Vec<&str> = region.split('-').collect();
    let ok = parts.len() >= 3
        && parts
            .last()
            .is_some_and(|d| d.chars().all(|c| c.is_ascii_digit()));
    ok.then(|| region.to_owned())
}

fn address(r: &Json) -> String {
    r.get("address")
        .and_then(Json::as_str)
        .unwrap_or_default()
        .to_owned()
}

fn modules<'a>(m: &'a Json, out: &mut Vec<&'a Json>) {
    if let Some(rs) = m.get("resources").and_then(Json::as_array) {
        out.extend(rs);
    }
    for c in m
        .get("child_modules")
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
    {
        modules(c, out);
    }
}

fn deleted(doc: &Json) -> Vec<String> {
    changes(doc)
        .filter(|c| {
            let actions = c.pointer("/change/actions").and_then(Json::as_array);
            actions.is_some_and(|a| a.len() == 1 && a[0] == "delete")
        })
        .map(address)
        .collect()
}

fn changes(doc: &Json) -> impl Iterator<Item = &Json> {
    doc.get("resource_changes")
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
}

fn after_unknown(doc: &Json) -> HashMap<&str, &Json> {
    changes(doc)
        .filter_map(|c| {
            Some((
                c.get("address")?.as_str()?,
                c.pointer("/change/after_unknown")?,
            ))
        })
        .collect()
}

/// Each configured resource's expressions, by address (child modules prefixed `module.NAME.`).
fn configuration(doc: &Json) -> HashMap<String, &Json> {
    let mut out = HashMap::new();
    if let Some(root) = doc.pointer("/configuration/root_module") {
        config_module(root, "", &mut out);
    }
    out
}

fn config_module<'a>(m: &'a Json, prefix: &str, out: &mut HashMap<String, &'a Json>) {
    for r in m
        .get("resources")
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
    {
        if let (Some(a), Some(e)) = (
            r.get("address").and_then(Json::as_str),
            r.get("expressions"),
        ) {
            out.insert(format!("{prefix}{a}"), e);
        }
    }
    for (name, call) in m
        .get("module_calls")
        .and_then(Json::as_object)
        .into_iter()
        .flatten()
    {
        if let Some(child) = call.get("module") {
            config_module(child, &format!("{prefix}module.{name}."), out);
        }
    }
}

/// The provider's Region (a constant in its configuration).
fn region(file: &str, doc: &Json, estate: &mut Estate) {
    let providers = doc
        .pointer("/configuration/provider_config")
        .and_then(Json::as_object);
    for (key, p) in providers.into_iter().flatten() {
        if p.get("name").and_then(Json::as_str) != Some("aws") {
            continue;
        }
        match p
            .pointer("/expressions/region/constant_value")
            .and_then(Json::as_str)
        {
            Some(r) => estate.regions.push((
                r.to_owned(),
                Origin::new(file, None, &format!("provider.{key}"), "provider"),
            )),
            None => estate.unknown.push((
                "region".into(),
                format!("the provider {key} takes its Region from a variable or the environment"),
            )),
        }
    }
}
