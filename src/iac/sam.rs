//! AWS SAM's resource types: `AWS::Serverless::Api` (endpoint configuration as a string or an
//! object, its OpenAPI `DefinitionBody`), `HttpApi`, and `Function` (its `VpcConfig`, and the
//! `Api`/`HttpApi` events that integrate it, on a named API or SAM's implicit one).

use super::cloudformation::openapi_integrations;
use super::graph::{Estate, Known, Part, Resource};
use super::resources::{Reader, Res, api_policies, cache, endpoint_type, function_part, lambda_on};
use super::tree::{Node, Value};

/// The SAM types, as [`super::resources::RESOURCES`] lists CloudFormation's.
pub static SAM: &[(&str, Reader)] = &[
    ("AWS::Serverless::Api", api),
    ("AWS::Serverless::HttpApi", |_| vec![Part::HttpApi]),
    ("AWS::Serverless::Function", function),
];

/// SAM's implicit APIs, made for events that name no API.
const IMPLICIT_REST: &str = "ServerlessRestApi";
const IMPLICIT_HTTP: &str = "ServerlessHttpApi";

pub fn lookup(kind: &str) -> Option<Reader> {
    SAM.iter().find(|(k, _)| *k == kind).map(|(_, f)| *f)
}

fn api(r: &Res) -> Vec<Part> {
    let mut parts = vec![Part::RestApi {
        endpoint: endpoint_type(r, r.props.get("EndpointConfiguration")),
    }];
    if let Some(body) = r.props.get("DefinitionBody") {
        parts.extend(openapi_integrations(r.ctx, r.name, body));
    }
    parts.extend(api_policies(r, r.props.get("DefinitionBody")));
    if let Some(rp) = r.props.get("Auth").and_then(|a| a.get("ResourcePolicy")) {
        parts.push(Part::ApiPolicy {
            api: Some(r.name.to_owned()),
            callers: super::policy::callers(r.ctx, &resource_policy(r, rp)),
        });
    }
    if cache(r).is_some() {
        parts.push(Part::Stage {
            api: Some(r.name.to_owned()),
            cache_gb: cache(r),
        });
    }
    parts
}

fn function(r: &Res) -> Vec<Part> {
    let mut parts = vec![function_part(r)];
    for (_, event) in r
        .props
        .get("Events")
        .map(|e| e.entries())
        .unwrap_or_default()
    {
        let kind = event.get("Type").and_then(|t| t.text()).unwrap_or_default();
        let props = event.get("Properties");
        let named = |key: &str| props.and_then(|p| p.get(key)).and_then(|v| r.ctx.target(v));
        match kind.as_str() {
            "Api" => parts.push(lambda_on(
                named("RestApiId").or(Some(IMPLICIT_REST.into())),
                r.name,
            )),
            "HttpApi" => parts.push(lambda_on(
                named("ApiId").or(Some(IMPLICIT_HTTP.into())),
                r.name,
            )),
            _ => {}
        }
    }
    parts
}

/// SAM's `Auth.ResourcePolicy` written as the policy document SAM makes of it: accounts
/// (`AwsAccountWhitelist`), endpoints and VPCs (`IntrinsicVpceWhitelist`,
/// `IntrinsicVpcWhitelist`, `SourceVpcWhitelist` by their `vpce-`/`vpc-` prefix), and
/// `CustomStatements` as they are.
fn resource_policy(r: &Res, rp: &Node) -> Node {
    let node = |v: Value| Node::new(rp.line, v);
    let map = |entries: Vec<(&str, Node)>| {
        node(Value::Map(
            entries
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
        ))
    };
    let list = |key: &str| match rp.get(key).map(|n| &n.value) {
        Some(Value::List(v)) => v.clone(),
        Some(_) => rp.get(key).cloned().into_iter().collect(),
        None => vec![],
    };
    let (mut vpces, mut vpcs) = (
        list("IntrinsicVpceWhitelist"),
        list("IntrinsicVpcWhitelist"),
    );
    for v in list("SourceVpcWhitelist") {
        let endpoint = r.ctx.text(&v).is_ok_and(|t| t.starts_with("vpce-"));
        if endpoint {
            vpces.push(v)
        } else {
            vpcs.push(v)
        }
    }
    let accounts = list("AwsAccountWhitelist");
    let mut statements = Vec::new();
    if !accounts.is_empty() {
        statements.push(map(vec![
            ("Effect", node(Value::Str("Allow".into()))),
            ("Principal", map(vec![("AWS", node(Value::List(accounts)))])),
        ]));
    }
    if !vpces.is_empty() || !vpcs.is_empty() {
        let mut test = Vec::new();
        if !vpces.is_empty() {
            test.push(("aws:SourceVpce", node(Value::List(vpces))));
        }
        if !vpcs.is_empty() {
            test.push(("aws:SourceVpc", node(Value::List(vpcs))));
        }
        statements.push(map(vec![(
            "Condition",
            map(vec![("StringEquals", map(test))]),
        )]));
    }
    statements.extend(list("CustomStatements"));
    map(vec![("Statement", node(Value::List(statements)))])
}

/// Adds SAM's implicit REST or HTTP API when an event integrates with it: a REST API of
/// `rest_endpoint` (`Globals.Api`'s, else EDGE, SAM's default), or an HTTP API.
pub fn add_implicit_apis(estate: &mut Estate, rest_endpoint: Known<String>) {
    for (name, part) in [
        (
            IMPLICIT_REST,
            Part::RestApi {
                endpoint: rest_endpoint.clone(),
            },
        ),
        (IMPLICIT_HTTP, Part::HttpApi),
    ] {
        let used = estate
            .resources
            .iter()
            .find(|r| matches!(&r.part, Part::Integration { api: Some(a), .. } if a == name));
        if let Some(user) = used.cloned()
            && estate.find(name).is_none()
        {
            estate.resources.push(Resource {
                name: name.to_owned(),
                kind: "AWS::Serverless (implicit API)".to_owned(),
                part,
                ..user
            });
        }
    }
}
