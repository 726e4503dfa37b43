//! CloudFormation resource types as the cost model sees them: one function per type, each from
//! the resource's properties to its [`Part`]s, and one table, [`RESOURCES`], that names them.

use rust_decimal::Decimal;

use super::cloudformation::integration_target;
use super::graph::{Link, Part, Target};
use super::intrinsics::Ctx;
use super::tree::Node;

/// One resource of a template, ready for its type's function.
pub struct Res<'a> {
    pub name: &'a str,
    pub kind: &'a str,
    pub props: &'a Node,
    pub ctx: &'a Ctx<'a>,
}

impl Res<'_> {
    /// A property as text, if known.
    pub fn text(&self, key: &str) -> Option<String> {
        self.props.get(key).and_then(|v| self.ctx.text(v).ok())
    }

    /// The resource a property refers to.
    pub fn target(&self, key: &str) -> Option<String> {
        self.props.get(key).and_then(|v| self.ctx.target(v))
    }

    pub fn count(&self, key: &str) -> Result<usize, String> {
        match self.props.get(key) {
            Some(v) => self.ctx.count(v),
            None => Err(format!("{} {} has no {key}", self.kind, self.name)),
        }
    }

    pub fn flag(&self, key: &str) -> Option<bool> {
        self.props.get(key).and_then(|v| self.ctx.boolean(v))
    }
}

pub type Reader = fn(&Res) -> Vec<Part>;

/// Every CloudFormation type the cost model reads (SAM's are in [`super::sam`]).
pub static RESOURCES: &[(&str, Reader)] = &[
    ("AWS::ApiGateway::RestApi", rest_api),
    ("AWS::ApiGatewayV2::Api", v2_api),
    ("AWS::ApiGateway::Method", method),
    ("AWS::ApiGatewayV2::Integration", v2_integration),
    ("AWS::ApiGateway::VpcLink", |r| vpc_link(r, false)),
    ("AWS::ApiGatewayV2::VpcLink", |r| vpc_link(r, true)),
    ("AWS::ApiGateway::Stage", stage),
    ("AWS::EC2::VPCEndpoint", endpoint),
    ("AWS::ElasticLoadBalancingV2::LoadBalancer", load_balancer),
    ("AWS::ElasticLoadBalancingV2::Listener", listener),
    ("AWS::ElasticLoadBalancingV2::TargetGroup", target_group),
    ("AWS::Lambda::Function", function),
    ("AWS::ServiceDiscovery::Service", |_| {
        vec![Part::CloudMapService]
    }),
    ("AWS::ServiceDiscovery::PrivateDnsNamespace", |_| {
        vec![Part::CloudMapNamespace]
    }),
    ("AWS::ServiceDiscovery::HttpNamespace", |_| {
        vec![Part::CloudMapNamespace]
    }),
    ("AWS::EC2::TransitGatewayAttachment", |_| {
        vec![Part::TgwAttachment]
    }),
    ("AWS::EC2::TransitGatewayVpcAttachment", |_| {
        vec![Part::TgwAttachment]
    }),
    ("AWS::Route53Resolver::ResolverEndpoint", resolver),
    ("AWS::EC2::VPNConnection", |r| {
        on_premises_via(Link::Vpn, true, r.props.get("TransitGatewayId").is_some())
    }),
    ("AWS::EC2::CustomerGateway", |_| {
        on_premises(Link::Vpn, false)
    }),
    ("AWS::EC2::VPNGateway", |_| on_premises(Link::Vpn, false)),
    ("AWS::EC2::NatGateway", |_| vec![Part::NatGateway]),
    ("AWS::WAFv2::WebACL", web_acl),
    ("AWS::WAFv2::WebACLAssociation", |_| {
        vec![Part::WafAssociation]
    }),
    ("AWS::Route53::HealthCheck", |_| vec![Part::HealthCheck]),
    ("AWS::Route53::HostedZone", |r| {
        vec![Part::HostedZone {
            private: r.props.get("VPCs").is_some(),
        }]
    }),
    ("AWS::ECS::Service", |_| vec![Part::Compute("ecs")]),
    ("AWS::AutoScaling::AutoScalingGroup", |_| {
        vec![Part::Compute("ec2")]
    }),
    ("AWS::EC2::Instance", |_| vec![Part::Compute("ec2")]),
    // Cross-account and multi-Region links (read in `links`).
    (
        "AWS::EC2::VPCEndpointService",
        super::links::cfn_endpoint_service,
    ),
    ("AWS::EC2::VPCPeeringConnection", |_| vec![Part::Peering]),
    ("AWS::Route53::RecordSet", super::links::cfn_record),
    (
        "AWS::Route53::RecordSetGroup",
        super::links::cfn_record_group,
    ),
    ("AWS::ApiGateway::DomainName", super::links::cfn_domain_name),
    (
        "AWS::ApiGateway::DomainNameV2",
        super::links::cfn_domain_name,
    ),
    (
        "AWS::ApiGatewayV2::DomainName",
        super::links::cfn_domain_name,
    ),
];

pub fn lookup(kind: &str) -> Option<Reader> {
    if kind.starts_with("AWS::DirectConnect::") {
        return Some(|r| on_premises(Link::DirectConnect, r.kind.ends_with("::Connection")));
    }
    RESOURCES.iter().find(|(k, _)| *k == kind).map(|(_, f)| *f)
}

/// A link to on-premises; `connection` when it is the billed connection itself.
pub fn on_premises(link: Link, connection: bool) -> Vec<Part> {
    on_premises_via(link, connection, false)
}

/// A link to on-premises that attaches to a Transit Gateway when `tgw`.
pub fn on_premises_via(link: Link, connection: bool, tgw: bool) -> Vec<Part> {
    vec![Part::OnPremises {
        link,
        connection,
        tgw,
    }]
}

/// A REST API's resource policy (`Policy`, a document or its JSON text) and the one in its
/// OpenAPI body (`x-amazon-apigateway-policy`).
pub fn api_policies(r: &Res, body: Option<&Node>) -> Vec<Part> {
    let docs = [
        r.props.get("Policy"),
        body.and_then(|b| b.get("x-amazon-apigateway-policy")),
    ];
    docs.into_iter()
        .flatten()
        .map(|doc| {
            let parsed = doc
                .as_str()
                .and_then(|t| serde_json::from_str::<serde_json::Value>(t).ok())
                .map(|j| super::tree::from_json(&j));
            Part::ApiPolicy {
                api: Some(r.name.to_owned()),
                callers: super::policy::callers(r.ctx, parsed.as_ref().unwrap_or(doc)),
            }
        })
        .collect()
}

/// The endpoint type of `EndpointConfiguration` (`{Types: [PRIVATE]}`, SAM's `{Type: ...}` or a
/// bare string); none is EDGE.
pub fn endpoint_type(r: &Res, config: Option<&Node>) -> Result<String, String> {
    let Some(c) = config else {
        return Ok("EDGE".into());
    };
    if let Some(types) = c.get("Types") {
        return match r.ctx.eval(types) {
            super::intrinsics::Eval::Val(Node {
                value: super::tree::Value::List(v),
                ..
            }) => v
                .first()
                .map(|t| r.ctx.text(t))
                .unwrap_or_else(|| Ok("EDGE".into())),
            _ => Err("the endpoint type is known only at deployment".into()),
        };
    }
    let t = c.get("Type").unwrap_or(c);
    r.ctx.text(t).map(|s| s.to_ascii_uppercase())
}

fn rest_api(r: &Res) -> Vec<Part> {
    let mut parts = vec![Part::RestApi {
        endpoint: endpoint_type(r, r.props.get("EndpointConfiguration")),
    }];
    if let Some(body) = r.props.get("Body") {
        parts.extend(super::cloudformation::openapi_integrations(
            r.ctx, r.name, body,
        ));
    }
    parts.extend(api_policies(r, r.props.get("Body")));
    parts
}

fn v2_api(r: &Res) -> Vec<Part> {
    match r.text("ProtocolType").as_deref() {
        Some("WEBSOCKET") => vec![Part::WebSocketApi],
        _ => vec![Part::HttpApi],
    }
}

fn method(r: &Res) -> Vec<Part> {
    let Some(i) = r.props.get("Integration") else {
        return vec![];
    };
    let get = |k: &str| {
        i.get(k)
            .and_then(|v| r.ctx.text(v).ok())
            .unwrap_or_default()
    };
    let target = integration_target(
        r.ctx,
        &get("Type"),
        &get("ConnectionType"),
        i.get("Uri"),
        i.get("ConnectionId"),
        i.get("IntegrationTarget"),
    );
    target
        .map(|target| Part::Integration {
            api: r.target("RestApiId"),
            target,
        })
        .into_iter()
        .collect()
}

fn v2_integration(r: &Res) -> Vec<Part> {
    let target = integration_target(
        r.ctx,
        &r.text("IntegrationType").unwrap_or_default(),
        &r.text("ConnectionType").unwrap_or_default(),
        r.props.get("IntegrationUri"),
        r.props.get("ConnectionId"),
        None,
    );
    target
        .map(|target| Part::Integration {
            api: r.target("ApiId"),
            target,
        })
        .into_iter()
        .collect()
}

fn vpc_link(r: &Res, v2: bool) -> Vec<Part> {
    let mut targets = Vec::new();
    if let Some(t) = r.props.get("TargetArns") {
        t.walk(&mut |n| {
            if let [(f, _)] = n.entries()
                && (f == "Ref" || f == "Fn::GetAtt")
                && let Some(name) = r.ctx.target(n)
            {
                targets.push(name);
            }
        });
    }
    let subnets = if v2 {
        r.count("SubnetIds")
    } else {
        Err("a VPC link V1 has no subnets".into())
    };
    vec![Part::VpcLink {
        v2,
        targets,
        subnets,
    }]
}

fn stage(r: &Res) -> Vec<Part> {
    vec![Part::Stage {
        api: r.target("RestApiId"),
        cache_gb: cache(r),
    }]
}

/// The stage cache size when the cache is enabled.
pub fn cache(r: &Res) -> Option<Decimal> {
    if r.flag("CacheClusterEnabled") != Some(true) {
        return None;
    }
    let size = r.text("CacheClusterSize").unwrap_or_else(|| "0.5".into());
    size.parse().ok()
}

fn endpoint(r: &Res) -> Vec<Part> {
    let kind = r
        .text("VpcEndpointType")
        .unwrap_or_else(|| "Gateway".into());
    vec![Part::Endpoint {
        service: r
            .props
            .get("ServiceName")
            .ok_or_else(|| "no ServiceName".to_owned())
            .and_then(|s| r.ctx.text(s)),
        vpc: r.target("VpcId").or_else(|| r.text("VpcId")),
        subnets: r.count("SubnetIds"),
        private_dns: r.flag("PrivateDnsEnabled").unwrap_or(false),
        interface: kind.eq_ignore_ascii_case("Interface"),
    }]
}

fn load_balancer(r: &Res) -> Vec<Part> {
    let subnets = match r.props.get("Subnets") {
        Some(_) => r.count("Subnets"),
        None => r.count("SubnetMappings"),
    };
    vec![Part::LoadBalancer {
        network: r
            .text("Type")
            .is_some_and(|t| t.eq_ignore_ascii_case("network")),
        internal: r.text("Scheme").is_some_and(|s| s == "internal"),
        subnets,
    }]
}

fn listener(r: &Res) -> Vec<Part> {
    vec![Part::Listener {
        lb: r.target("LoadBalancerArn"),
        protocol: r.text("Protocol"),
    }]
}

fn target_group(r: &Res) -> Vec<Part> {
    vec![Part::TargetGroup {
        alb: r.text("TargetType").is_some_and(|t| t == "alb"),
    }]
}

fn function(r: &Res) -> Vec<Part> {
    vec![function_part(r)]
}

/// A Lambda function (CloudFormation's or SAM's): its `VpcConfig`, `MemorySize`, and the
/// resources its `Environment` names (`!Ref`, `!GetAtt`, `${X.Y}` in a `!Sub`).
pub fn function_part(r: &Res) -> Part {
    let mut calls = Vec::new();
    if let Some(env) = r.props.get("Environment") {
        env.walk(&mut |n| {
            if let [(f, _)] = n.entries()
                && ["Ref", "Fn::GetAtt", "Fn::Sub"].contains(&f.as_str())
                && let Some(t) = r.ctx.target(n)
                && !calls.contains(&t)
            {
                calls.push(t);
            }
        });
    }
    Part::Function {
        in_vpc: r.props.get("VpcConfig").is_some(),
        memory_mb: r.text("MemorySize").and_then(|m| m.parse().ok()),
        calls,
    }
}

fn resolver(r: &Res) -> Vec<Part> {
    vec![Part::ResolverEndpoint {
        ips: r.count("IpAddresses"),
        inbound: r
            .text("Direction")
            .is_some_and(|d| d.eq_ignore_ascii_case("INBOUND")),
    }]
}

fn web_acl(r: &Res) -> Vec<Part> {
    vec![Part::WebAcl {
        rules: r.count("Rules").unwrap_or(0),
    }]
}

/// A Lambda integration of the function `name` on `api`.
pub fn lambda_on(api: Option<String>, name: &str) -> Part {
    Part::Integration {
        api,
        target: Target::Lambda(Some(name.to_owned())),
    }
}
