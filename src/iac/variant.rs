//! The consumer-side variant of a recognised pattern, once the keys are known: a basic
//! private API (R1) with an on-premises link is R3 (on-premises DNS through a Resolver inbound
//! endpoint; R3-alias, the closest, when the code has none), one called from several accounts
//! is R2. Other patterns keep their id and say what the code has that they do not draw.

use super::graph::Estate;
use super::recognise::{ApiKind, Recognised};

/// Rewrites `r`'s pattern for its consumers: on premises, other accounts.
pub fn refine(estate: &Estate, kind: ApiKind, r: &mut Recognised) {
    let value = |key: &str| {
        r.derived
            .iter()
            .find(|d| d.key == key)
            .map(|d| d.value.clone())
    };
    let on_premises = value("topology.on_premises").and_then(|v| v.as_str().map(str::to_owned));
    let accounts = value("topology.consumer_accounts")
        .and_then(|v| v.as_integer())
        .unwrap_or(1);
    let id = r.architecture;
    let resolver = super::onprem::inbound_resolver(estate);
    let new_id = match (kind, id, &on_premises) {
        (ApiKind::Private, "R1", Some(_)) if resolver.is_some() => "R3",
        (ApiKind::Private, "R1", Some(_)) => {
            r.differs.push("the code has no Route 53 Resolver inbound endpoint: on-premises DNS is by a Route 53 alias or the endpoint's public name, which cost alike".into());
            "R3-alias"
        }
        (ApiKind::Private, "R1", None) if accounts > 1 => "R2",
        // R4 and its variants draw on-premises clients in several Regions.
        (ApiKind::Private, r4, Some(_)) if r4.starts_with("R4") => id,
        (ApiKind::Private, _, Some(link)) => {
            r.differs.push(format!("an on-premises link ({link}), which {id} does not draw: priced through topology.on_premises, with on-premises DNS through a Resolver inbound endpoint"));
            id
        }
        (_, _, Some(link)) => {
            r.differs.push(format!("an on-premises link ({link}): on-premises clients reach this public API over the internet, so the link is not priced"));
            id
        }
        _ => id,
    };
    if new_id == "R3" && accounts > 1 {
        r.differs.push(format!(
            "consumers in {accounts} accounts (R2) as well as on premises"
        ));
    }
    r.exact = r.exact && r.differs.is_empty();
    if new_id == id {
        return;
    }
    r.architecture = new_id;
    let extra: Vec<_> = r
        .derived
        .iter()
        .filter(|d| {
            ["topology.on_premises", "topology.consumer_accounts"].contains(&d.key.as_str())
        })
        .flat_map(|d| d.from.clone())
        .chain(resolver.map(|res| res.origin()))
        .collect();
    if let Some(d) = r
        .derived
        .iter_mut()
        .find(|d| d.key == "layout.architecture")
    {
        d.value = new_id.into();
        for o in extra {
            if !d.from.contains(&o) {
                d.from.push(o);
            }
        }
    }
}
