//! The families the chain API → integration → load balancer cannot tell apart on its own, told
//! by what joins the VPCs: backends in other accounts through PrivateLink (R6, R6-regional,
//! H3), VPC peering (R7, R7-regional) or a Transit Gateway (R7-tgw, R7-tgw-regional, H4), and
//! an execute-api endpoint shared over a Transit Gateway (R1-shared). Each family rewrites the
//! pattern the chain found and derives the counts it adds, with the resources they came from.

use crate::derived::{Assumed, Origin};

use super::graph::{Estate, Part, Resource};
use super::recognise::{Recognised, derived};

/// What joins the estate's VPCs: the PrivateLink services its backends sit behind (the
/// interface endpoints to endpoint services, else the endpoint services), the VPC peering
/// connections and the Transit Gateway VPC attachments.
pub struct Links<'e> {
    pub services: Vec<&'e Resource>,
    pub peering: Vec<&'e Resource>,
    pub tgw: Vec<&'e Resource>,
}

impl<'e> Links<'e> {
    pub fn of(estate: &'e Estate) -> Self {
        let endpoints: Vec<&Resource> = estate
            .all(|p| matches!(p, Part::Endpoint { service: Ok(s), interface: true, .. } if s.contains("vpce-svc")))
            .collect();
        let services = if endpoints.is_empty() {
            estate
                .all(|p| matches!(p, Part::EndpointService { .. }))
                .collect()
        } else {
            endpoints
        };
        Links {
            services,
            peering: estate.all(|p| matches!(p, Part::Peering)).collect(),
            tgw: estate.all(|p| matches!(p, Part::TgwAttachment)).collect(),
        }
    }

    /// The backend accounts (or consumer VPCs) the Transit Gateway attachments reach: one
    /// attachment is the VPC link's (or the shared endpoint's) own VPC.
    fn tgw_reached(&self) -> usize {
        self.tgw.len().saturating_sub(1)
    }
}

/// The family of the pattern `id` the chain found, or `id` with what differs; the resources
/// that told the family.
pub fn family(
    estate: &Estate,
    id: &'static str,
    differs: &mut Vec<String>,
) -> (&'static str, Vec<Origin>) {
    let links = Links::of(estate);
    let on_premises_tgw = estate
        .all(|p| matches!(p, Part::OnPremises { tgw: true, .. }))
        .next()
        .is_some();
    let privatelink = [("R5", "R6"), ("R5-regional", "R6-regional"), ("H1", "H3")];
    let tgw = [
        ("R5", "R7-tgw"),
        ("R5-regional", "R7-tgw-regional"),
        ("H2", "H4"),
        ("R1", "R1-shared"),
    ];
    let peering = [("R5", "R7"), ("R5-regional", "R7-regional")];
    let pick = |table: &[(&str, &'static str)]| table.iter().find(|(b, _)| *b == id).map(|t| t.1);
    if !links.services.is_empty() {
        let n = links.services.len();
        match pick(&privatelink) {
            Some(f) if n >= 2 => return (f, origins(&links.services)),
            Some(f) => differs.push(format!("one PrivateLink service ({}): {f} is for backends in two or more accounts, so this is priced as {id}, without the service's endpoint and provider NLB", links.services[0].name)),
            None => differs.push(format!("{n} PrivateLink endpoint(s) or endpoint service(s), which {id} does not draw")),
        }
    }
    if !links.tgw.is_empty() && !on_premises_tgw {
        let n = links.tgw_reached();
        let least = if id == "R1" { 1 } else { 2 };
        match pick(&tgw) {
            Some(f) if n >= least => return (f, origins(&links.tgw)),
            Some(f) => differs.push(format!(
                "{} Transit Gateway attachment(s): {f} needs the hub's and {least} more",
                links.tgw.len()
            )),
            None => {}
        }
    }
    if !links.peering.is_empty() {
        let n = links.peering.len();
        match pick(&peering) {
            Some(f) if n >= 2 => return (f, origins(&links.peering)),
            Some(f) => differs.push(format!("one VPC peering connection ({}): {f} is for backends in two or more accounts, so this is priced as {id}", links.peering[0].name)),
            None => differs.push(format!("{n} VPC peering connection(s), which {id} does not draw: peering has no hourly charge")),
        }
    }
    (id, vec![])
}

fn origins(rs: &[&Resource]) -> Vec<Origin> {
    rs.iter().map(|r| r.origin()).collect()
}

/// The counts the family `r.architecture` adds: backend services and accounts (R6, H3),
/// backend accounts (R7 over peering, R7-tgw and H4 over a Transit Gateway), consumer VPCs
/// (R1-shared).
pub fn derive(estate: &Estate, r: &mut Recognised) {
    let links = Links::of(estate);
    match r.architecture {
        "R6" | "R6-regional" | "H3" => privatelink(&links, r),
        "R7" | "R7-regional" => {
            let n = links.peering.len();
            let from = detailed(
                &links.peering,
                "a VPC peering connection to one backend account",
            );
            r.derived.push(derived(
                "topology.backend_accounts",
                (n as i64).into(),
                from,
            ));
        }
        "R7-tgw" | "R7-tgw-regional" | "H4" => {
            let n = links.tgw_reached();
            let from = detailed(&links.tgw, &tgw_detail(n, "backend account"));
            r.derived.push(derived(
                "topology.backend_accounts",
                (n as i64).into(),
                from,
            ));
        }
        "R1-shared" => {
            let n = links.tgw_reached();
            let from = detailed(&links.tgw, &tgw_detail(n, "consumer VPC"));
            r.derived.retain(|d| d.key != "topology.consumer_vpcs");
            r.derived
                .push(derived("topology.consumer_vpcs", (n as i64).into(), from));
        }
        _ => {}
    }
}

fn tgw_detail(n: usize, what: &str) -> String {
    format!(
        "{} VPC attachments: the hub VPC's and one per {what} ({n})",
        n + 1
    )
}

fn detailed(rs: &[&Resource], detail: &str) -> Vec<Origin> {
    rs.iter()
        .map(|r| r.origin().with_detail(detail.to_owned()))
        .collect()
}

/// R6 and H3: one backend service per PrivateLink service; which account owns each is not in
/// the code, so one account per service is assumed (the whitepaper's drawing).
fn privatelink(links: &Links, r: &mut Recognised) {
    let n = links.services.len();
    let from = links
        .services
        .iter()
        .map(|s| match &s.part {
            Part::Endpoint {
                service: Ok(name), ..
            } => s
                .origin()
                .with_detail(format!("interface endpoint to {name}")),
            _ => s.origin().with_detail("PrivateLink endpoint service"),
        })
        .collect();
    r.derived.push(derived(
        "topology.backend_services",
        (n as i64).into(),
        from,
    ));
    r.assumed.push(Assumed {
        key: "topology.backend_accounts".into(),
        value: (n as i64).into(),
        why: format!(
            "which account owns each of the {n} PrivateLink services is not in the code: one account per service, as the whitepaper draws R6; pass --usage with topology.backend_accounts"
        ),
    });
}

/// The load balancers behind endpoint services: the provider side, which the pattern prices
/// per backend service, not as the API's own load balancers.
pub fn provider_lbs(estate: &Estate) -> Vec<&str> {
    estate
        .resources
        .iter()
        .filter_map(|r| match &r.part {
            Part::EndpointService { lbs } => Some(lbs.iter().map(String::as_str)),
            _ => None,
        })
        .flatten()
        .collect()
}
