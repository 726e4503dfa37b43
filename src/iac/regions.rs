//! The multi-Region family of a private API (R4, R4-alb, R4-custom-domain): the code spans two
//! or more Regions (Terraform providers, Route 53 latency records naming Regions, a primary and a
//! secondary failover record); its facade (an NLB or ALB the integration does not reach, or a
//! private custom domain name) picks the variant, and its records the failover mode.

use std::collections::BTreeSet;

use crate::derived::{Assumed, Origin};
use crate::scenario::multi_region;

use super::graph::{Estate, Part, Resource, Routing};
use super::recognise::{ApiKind, Recognised, derived};

/// How many Regions the code spans, the resources that say so, and whether the providers say
/// it (then the scan's Region step derives `topology.regions` itself).
struct Spread {
    regions: usize,
    from: Vec<Origin>,
    providers: bool,
}

/// The records with a routing policy.
fn records(estate: &Estate) -> Vec<(&Resource, &Routing)> {
    estate
        .resources
        .iter()
        .filter_map(|r| match &r.part {
            Part::Record { routing } if *routing != Routing::Simple => Some((r, routing)),
            _ => None,
        })
        .collect()
}

fn spread(estate: &Estate) -> Option<Spread> {
    let providers: BTreeSet<&str> = estate.regions.iter().map(|(r, _)| r.as_str()).collect();
    if providers.len() >= 2 {
        let from = estate.regions.iter().map(|(_, o)| o.clone()).collect();
        return Some(Spread {
            regions: providers.len(),
            from,
            providers: true,
        });
    }
    let records = records(estate);
    let latency: BTreeSet<&str> = records
        .iter()
        .filter_map(|(_, r)| match r {
            Routing::Latency(Some(region)) => Some(region.as_str()),
            _ => None,
        })
        .collect();
    let failover = |p: bool| records.iter().any(|(_, r)| **r == Routing::Failover(p));
    let regions = match latency.len() {
        n if n >= 2 => n,
        _ if failover(true) && failover(false) => 2,
        _ => return None,
    };
    let from = records
        .iter()
        .filter(|(_, r)| matches!(r, Routing::Latency(Some(_)) | Routing::Failover(_)))
        .map(|(res, r)| res.origin().with_detail(routing_name(r)))
        .collect();
    Some(Spread {
        regions,
        from,
        providers: false,
    })
}

fn routing_name(r: &Routing) -> String {
    match r {
        Routing::Failover(true) => "failover record, PRIMARY".into(),
        Routing::Failover(false) => "failover record, SECONDARY".into(),
        Routing::Latency(Some(region)) => format!("latency record for {region}"),
        Routing::Latency(None) => "latency record".into(),
        Routing::Weighted => "weighted record".into(),
        Routing::Simple => "simple record".into(),
    }
}

/// The multi-Region variant of the private API pattern `id` (R1 and its consumer variants),
/// when the code spans several Regions; `via` are the resources on the API's integration.
pub fn family(
    estate: &Estate,
    kind: ApiKind,
    id: &'static str,
    via: &[&Resource],
    differs: &mut Vec<String>,
) -> (&'static str, Vec<Origin>) {
    if kind != ApiKind::Private {
        return (id, vec![]);
    }
    let Some(spread) = spread(estate) else {
        return (id, vec![]);
    };
    if id != "R1" {
        differs.push(format!("the API is in {} Regions: R4 and its variants draw a private API invoking Lambda, so this is priced as {id} in each Region, without R4's facade, DNS and health checks", spread.regions));
        return (id, vec![]);
    }
    let mut from = spread.from;
    let facade = |network: bool| {
        estate.resources.iter().find(|r| {
            matches!(r.part, Part::LoadBalancer { network: n, .. } if n == network)
                && !via.iter().any(|v| v.name == r.name)
        })
    };
    let domain = estate
        .resources
        .iter()
        .find(|r| r.part == Part::DomainName { private: true });
    let (f, by) = match (domain, facade(true), facade(false)) {
        (Some(d), _, _) => ("R4-custom-domain", Some(d)),
        (_, Some(nlb), _) => ("R4", Some(nlb)),
        (_, _, Some(alb)) => ("R4-alb", Some(alb)),
        _ => {
            differs.push("no facade load balancer and no private custom domain name in the code: the closest is R4-custom-domain, which has neither".into());
            ("R4-custom-domain", None)
        }
    };
    let role = match f {
        "R4-custom-domain" => "a private custom domain name, in place of a facade",
        _ => "the facade: a load balancer the integration does not reach",
    };
    from.extend(by.map(|b| b.origin().with_detail(role)));
    (f, from)
}

/// The keys an R4 variant adds: the Regions (when no provider says them), the failover mode
/// from the records, and the APIs and consumer VPCs per Region.
pub fn derive(estate: &Estate, r: &mut Recognised) {
    if !r.architecture.starts_with("R4") {
        return;
    }
    let Some(spread) = spread(estate) else {
        return;
    };
    if !spread.providers {
        r.derived.push(derived(
            "topology.regions",
            (spread.regions as i64).into(),
            spread.from.clone(),
        ));
    }
    mode(estate, r);
    for key in ["topology.apis", "topology.consumer_vpcs"] {
        per_region(key, spread.regions, r);
    }
}

/// `layout.multi_region`: latency or weighted records are active-active, failover records
/// active-passive; with none, active-passive (the default) is assumed.
fn mode(estate: &Estate, r: &mut Recognised) {
    let records = records(estate);
    let active = records
        .iter()
        .filter(|(_, k)| matches!(k, Routing::Latency(_) | Routing::Weighted))
        .collect::<Vec<_>>();
    let chosen: Vec<_> = if active.is_empty() {
        records.iter().collect()
    } else {
        active
    };
    if chosen.is_empty() {
        r.assumed.push(Assumed {
            key: "layout.multi_region".into(),
            value: multi_region(false).into(),
            why: "no Route 53 failover, latency or weighted record in the code says how traffic is split between Regions: active-passive, the default".into(),
        });
        return;
    }
    let from = chosen
        .iter()
        .map(|(res, k)| res.origin().with_detail(routing_name(k)))
        .collect();
    let active_active = chosen
        .iter()
        .any(|(_, k)| !matches!(k, Routing::Failover(_)));
    r.derived.push(derived(
        "layout.multi_region",
        multi_region(active_active).into(),
        from,
    ));
}

/// A count of the whole estate, divided by the Regions when each Region has as many: the
/// same API (and its consumers) in every Region.
fn per_region(key: &str, regions: usize, r: &mut Recognised) {
    let Some(d) = r.derived.iter_mut().find(|d| d.key == key) else {
        return;
    };
    let Some(n) = d.value.as_integer() else {
        return;
    };
    let regions = regions as i64;
    if n >= regions && n % regions == 0 {
        d.value = (n / regions).into();
        for o in &mut d.from {
            o.detail
                .get_or_insert_with(|| format!("one of {n} across {regions} Regions"));
        }
    }
}
