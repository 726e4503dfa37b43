//! The `[topology]` and `[layout]` keys the code fixes, each with the resources it came from:
//! AZs (the execute-api endpoints' subnets, else the load balancers'), consumer VPCs, private
//! DNS, the backend, load balancers and their listener, cache, WAF rules, Resolver IPs.

use crate::derived::Origin;
use crate::scenario::CACHE_SIZES;

use super::graph::{Estate, Known, Part, Resource};
use super::recognise::{ApiKind, Reach, Recognised, derived, is_api};

/// Adds the keys of `estate` to `r`: `api` is the API, `reach` its integration, `via` the
/// resources on the way to its backend.
pub fn derive(
    estate: &Estate,
    api: &Resource,
    kind: ApiKind,
    reach: Reach,
    via: &[&Resource],
    r: &mut Recognised,
) {
    apis(estate, r);
    let endpoints = execute_api_endpoints(estate);
    if kind == ApiKind::Private {
        super::consumers::derive(estate, api, &endpoints, r);
    }
    super::onprem::derive(estate, r);
    if reach == Reach::LambdaProxy {
        lambda(via, r);
    }
    zones(&endpoints, via, estate, r);
    backend(estate, reach, via, r);
    load_balancers(estate, reach, r);
    if matches!(kind, ApiKind::Private | ApiKind::Regional | ApiKind::Edge) {
        rest_extras(estate, api, r);
    }
    resolver(estate, r);
}

fn apis(estate: &Estate, r: &mut Recognised) {
    let apis: Vec<Origin> = estate.all(is_api).map(Resource::origin).collect();
    r.derived
        .push(derived("topology.apis", (apis.len() as i64).into(), apis));
}

/// The interface endpoints to `execute-api`.
fn execute_api_endpoints(estate: &Estate) -> Vec<&Resource> {
    estate
        .all(|p| matches!(p, Part::Endpoint { service: Ok(s), interface: true, .. } if s.ends_with(".execute-api")))
        .collect()
}

/// The VPC-enabled Lambda proxy's memory (Lambda's default when the code sets none); its run
/// time is not in the code (`Timeout` is only its limit), so it is assumed.
fn lambda(via: &[&Resource], r: &mut Recognised) {
    let Some((f, memory)) = via.iter().find_map(|v| match &v.part {
        Part::Function { memory_mb, .. } => Some((*v, *memory_mb)),
        _ => None,
    }) else {
        return;
    };
    let (mb, detail) = match memory {
        Some(mb) => (mb, format!("in a VPC, {mb} MB")),
        None => (
            128,
            "in a VPC, no memory size: Lambda's default 128 MB".into(),
        ),
    };
    r.derived.push(derived(
        "layout.lambda_memory_mb",
        i64::from(mb.clamp(128, 10240)).into(),
        vec![f.origin().with_detail(detail)],
    ));
    r.assumed.push(crate::derived::Assumed {
        key: "layout.lambda_duration_ms".into(),
        value: 100.into(),
        why: format!(
            "how long {} runs per request is not in the code (its timeout is only a limit); pass --usage with layout.lambda_duration_ms",
            f.name
        ),
    });
}

/// AZs: the execute-api endpoints' subnets, else the load balancers' on the way to the backend,
/// else any load balancer's.
fn zones(endpoints: &[&Resource], via: &[&Resource], estate: &Estate, r: &mut Recognised) {
    let subnets = |res: &Resource| -> Option<Known<usize>> {
        match &res.part {
            Part::Endpoint { subnets, .. } | Part::LoadBalancer { subnets, .. } => {
                Some(subnets.clone())
            }
            Part::VpcLink {
                v2: true, subnets, ..
            } => Some(subnets.clone()),
            _ => None,
        }
    };
    let lbs: Vec<&Resource> = estate
        .all(|p| matches!(p, Part::LoadBalancer { .. }))
        .collect();
    let source = [
        endpoints.to_vec(),
        via.iter()
            .copied()
            .filter(|v| subnets(v).is_some())
            .collect(),
        lbs,
    ]
    .into_iter()
    .find(|s| !s.is_empty());
    let Some(source) = source else {
        r.unknown.push((
            "topology.availability_zones".into(),
            "no endpoint or load balancer in the code says its subnets".into(),
        ));
        return;
    };
    let known = source.iter().filter_map(|res| match subnets(res) {
        Some(Ok(n)) => Some((n, *res)),
        _ => None,
    });
    if let Some((n, res)) = known.max_by_key(|(n, _)| *n) {
        let from = vec![res.origin().with_detail(format!("{n} subnets"))];
        r.derived.push(derived(
            "topology.availability_zones",
            (n as i64).into(),
            from,
        ));
    } else if let Some((res, Some(Err(why)))) = source.iter().map(|s| (s, subnets(s))).next() {
        let why = format!("{} {}: {why}", res.kind, res.name);
        r.unknown.push(("topology.availability_zones".into(), why));
    }
}

fn backend(estate: &Estate, reach: Reach, via: &[&Resource], r: &mut Recognised) {
    let compute: Vec<&Resource> = estate.all(|p| matches!(p, Part::Compute(_))).collect();
    let (value, from): (&str, Vec<Origin>) = match reach {
        Reach::Direct | Reach::Http => ("lambda", via.iter().map(|v| v.origin()).collect()),
        Reach::NlbToAlb => ("alb", via.iter().map(|v| v.origin()).collect()),
        _ if !compute.is_empty() => {
            let ecs = compute.iter().any(|c| c.part == Part::Compute("ecs"));
            let kind = if ecs { "ecs" } else { "ec2" };
            (
                kind,
                compute
                    .iter()
                    .filter(|c| c.part == Part::Compute(kind))
                    .map(|c| c.origin())
                    .collect(),
            )
        }
        Reach::Alb => ("alb", via.iter().map(|v| v.origin()).collect()),
        _ => {
            r.unknown.push((
                "topology.backend".into(),
                "the code does not hold the compute behind the load balancer".into(),
            ));
            return;
        }
    };
    r.derived
        .push(derived("topology.backend", value.into(), from));
}

fn load_balancers(estate: &Estate, reach: Reach, r: &mut Recognised) {
    let network = matches!(reach, Reach::Nlb | Reach::NlbToAlb);
    if !matches!(reach, Reach::Nlb | Reach::NlbToAlb | Reach::Alb) {
        return;
    }
    // The NLBs behind PrivateLink endpoint services are the providers' (R6, H3): the pattern
    // prices one per backend service.
    let providers = super::families::provider_lbs(estate);
    let lbs: Vec<&Resource> = estate
        .all(|p| matches!(p, Part::LoadBalancer { network: n, .. } if *n == network))
        .filter(|l| !providers.contains(&l.name.as_str()))
        .collect();
    if lbs.is_empty() {
        return;
    }
    let from: Vec<Origin> = lbs.iter().map(|l| l.origin()).collect();
    r.derived.push(derived(
        "layout.load_balancers",
        (lbs.len() as i64).into(),
        from,
    ));
    if !network {
        return;
    }
    let names: Vec<&str> = lbs.iter().map(|l| l.name.as_str()).collect();
    let listeners: Vec<(&Resource, &str)> = estate
        .resources
        .iter()
        .filter_map(|l| match &l.part {
            Part::Listener {
                lb: Some(lb),
                protocol: Some(p),
            } if names.contains(&lb.as_str()) => Some((l, p.as_str())),
            _ => None,
        })
        .collect();
    if let Some((l, p)) = listeners
        .iter()
        .find(|(_, p)| p.eq_ignore_ascii_case("TLS"))
        .or(listeners.first())
    {
        let value = if p.eq_ignore_ascii_case("TLS") {
            "tls"
        } else {
            "tcp"
        };
        r.derived.push(derived(
            "layout.nlb_listener",
            value.into(),
            vec![l.origin().with_detail(format!("protocol {p}"))],
        ));
    }
}

/// The stage cache and the WAF web ACL of a REST API.
fn rest_extras(estate: &Estate, api: &Resource, r: &mut Recognised) {
    let stage = estate.resources.iter().find(|s| {
        matches!(&s.part, Part::Stage { api: a, cache_gb: Some(_) } if a.as_deref().is_none_or(|a| a == api.name))
    });
    if let Some(s) = stage
        && let Part::Stage {
            cache_gb: Some(gb), ..
        } = &s.part
    {
        let text = gb.normalize().to_string();
        if CACHE_SIZES.contains(&text.as_str()) {
            let value = toml::Value::Float(text.parse().unwrap_or(0.5));
            r.derived.push(derived(
                "layout.cache_gb",
                value,
                vec![s.origin().with_detail(format!("cache {text} GB"))],
            ));
        } else {
            r.unknown.push((
                "layout.cache_gb".into(),
                format!(
                    "{} {} has a cache of {text} GB, not a size API Gateway offers",
                    s.kind, s.name
                ),
            ));
        }
    }
    let associated = estate
        .all(|p| matches!(p, Part::WafAssociation))
        .next()
        .is_some();
    let acl = estate
        .resources
        .iter()
        .find(|a| matches!(a.part, Part::WebAcl { .. }));
    if let Some(a) = acl.filter(|_| associated)
        && let Part::WebAcl { rules } = a.part
        && rules > 0
    {
        r.derived.push(derived(
            "layout.waf_rules",
            (rules as i64).into(),
            vec![a.origin().with_detail(format!("{rules} rules"))],
        ));
    }
}

fn resolver(estate: &Estate, r: &mut Recognised) {
    let Some(e) = estate
        .resources
        .iter()
        .find(|e| matches!(e.part, Part::ResolverEndpoint { inbound: true, .. }))
    else {
        return;
    };
    if let Part::ResolverEndpoint { ips: Ok(n), .. } = &e.part
        && (2..=6).contains(n)
    {
        r.derived.push(derived(
            "layout.resolver_ips",
            (*n as i64).into(),
            vec![e.origin().with_detail(format!("{n} IP addresses"))],
        ));
    }
}
