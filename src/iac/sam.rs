//! AWS SAM's resource types: `AWS::Serverless::Api` (endpoint configuration as a string or an
//! object, its OpenAPI `DefinitionBody`), `HttpApi`, and `Function` (its `VpcConfig`, and the
//! `Api`/`HttpApi` events that integrate it, on a named API or SAM's implicit one).

use super::cloudformation::openapi_integrations;
use super::graph::{Estate, Known, Part, Resource};
use super::resources::{Reader, Res, cache, endpoint_type, lambda_on};

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
    if cache(r).is_some() {
        parts.push(Part::Stage {
            api: Some(r.name.to_owned()),
            cache_gb: cache(r),
        });
    }
    parts
}

fn function(r: &Res) -> Vec<Part> {
    let mut parts = vec![Part::Function {
        in_vpc: r.props.get("VpcConfig").is_some(),
    }];
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
