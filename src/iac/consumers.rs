//! The consumer side of a private API: its consumer VPCs and accounts, from the execute-api
//! endpoints in the code and from the API's resource policy (the accounts its principals name,
//! the endpoints and VPCs its `aws:SourceVpce` / `aws:SourceVpc` conditions list), and the
//! endpoints' private DNS. A list the code cannot know (a wildcard, a parameter) is unknown.

use std::collections::BTreeSet;

use crate::derived::Origin;

use super::graph::{Callers, Estate, Part, Resource};
use super::recognise::{Recognised, derived, is_api};

/// Adds the consumer keys of the private API `api`, whose execute-api endpoints in the code
/// are `endpoints`.
pub fn derive(estate: &Estate, api: &Resource, endpoints: &[&Resource], r: &mut Recognised) {
    let only = estate.all(is_api).count() == 1;
    let policies: Vec<(&Resource, &Callers)> = estate
        .resources
        .iter()
        .filter_map(|p| match &p.part {
            Part::ApiPolicy { api: a, callers }
                if a.as_deref() == Some(&api.name) || (a.is_none() && only) =>
            {
                Some((p, callers))
            }
            _ => None,
        })
        .collect();
    let accounts = accounts(&policies, r);
    vpcs(estate, endpoints, &policies, accounts, r);
    if !endpoints.is_empty() {
        per_vpc_and_dns(endpoints, r);
    }
}

/// `topology.consumer_accounts` from the principals the policies name, when they name any.
fn accounts(policies: &[(&Resource, &Callers)], r: &mut Recognised) -> Option<usize> {
    let mut all = BTreeSet::new();
    let mut from = Vec::new();
    for (p, c) in policies {
        match &c.accounts {
            Some(Ok(list)) => {
                all.extend(list.iter().cloned());
                let names = list.join(", ");
                from.push(
                    p.origin()
                        .with_detail(format!("resource policy allows {names}")),
                );
            }
            Some(Err(why)) => {
                let why = format!("the resource policy of {}: {why}", p.name);
                r.unknown.push(("topology.consumer_accounts".into(), why));
                return None;
            }
            None => {}
        }
    }
    if all.is_empty() {
        return None;
    }
    let n = all.len();
    r.derived.push(derived(
        "topology.consumer_accounts",
        (n as i64).into(),
        from,
    ));
    Some(n)
}

/// `topology.consumer_vpcs`: the VPCs of the code's endpoints, and each endpoint or VPC the
/// policies list that is not one of them (an endpoint of another VPC, likely another
/// account's); never fewer than the consumer accounts (each calls from a VPC of its own).
fn vpcs(
    estate: &Estate,
    endpoints: &[&Resource],
    policies: &[(&Resource, &Callers)],
    accounts: Option<usize>,
    r: &mut Recognised,
) {
    let vpc_of = |e: &Resource| match &e.part {
        Part::Endpoint { vpc, .. } => vpc.clone().unwrap_or_else(|| e.name.clone()),
        _ => e.name.clone(),
    };
    let mut keys: BTreeSet<String> = endpoints.iter().map(|e| vpc_of(e)).collect();
    let mut from: Vec<Origin> = endpoints.iter().map(|e| e.origin()).collect();
    for (p, c) in policies {
        for (list, what) in [(&c.endpoints, "aws:SourceVpce"), (&c.vpcs, "aws:SourceVpc")] {
            match list {
                Some(Ok(items)) => {
                    for item in items {
                        keys.insert(match estate.find(item) {
                            Some(e) => vpc_of(e),
                            None => item.clone(),
                        });
                    }
                    let detail = format!("{what} lists {}", items.len());
                    from.push(p.origin().with_detail(detail));
                }
                Some(Err(why)) => {
                    let why = format!("the resource policy of {}: {why}", p.name);
                    r.unknown.push(("topology.consumer_vpcs".into(), why));
                    return;
                }
                None => {}
            }
        }
    }
    if keys.is_empty() {
        r.unknown.push((
            "topology.consumer_vpcs".into(),
            "the code has no execute-api interface endpoint (it is made elsewhere): the consumer VPCs are not in it".into(),
        ));
        return;
    }
    let n = keys.len().max(accounts.unwrap_or(0));
    r.derived
        .push(derived("topology.consumer_vpcs", (n as i64).into(), from));
}

fn per_vpc_and_dns(endpoints: &[&Resource], r: &mut Recognised) {
    let mut per: std::collections::BTreeMap<String, usize> = Default::default();
    for e in endpoints {
        if let Part::Endpoint { vpc, .. } = &e.part {
            *per.entry(vpc.clone().unwrap_or_else(|| e.name.clone()))
                .or_default() += 1;
        }
    }
    let origins: Vec<Origin> = endpoints.iter().map(|e| e.origin()).collect();
    let per_vpc = per.values().copied().max().unwrap_or(1);
    if per_vpc > 1 {
        r.derived.push(derived(
            "layout.endpoints_per_vpc",
            (per_vpc as i64).into(),
            origins.clone(),
        ));
    }
    let dns = endpoints.iter().all(|e| {
        matches!(
            e.part,
            Part::Endpoint {
                private_dns: true,
                ..
            }
        )
    });
    r.derived
        .push(derived("layout.private_dns", dns.into(), origins));
}
