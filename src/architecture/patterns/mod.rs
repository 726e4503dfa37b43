//! The whitepaper's sample architectures (ids from `architectures.md`) and their variants, as
//! data: what each fixes of a [`Layout`](super::Layout), what it needs of a scenario, and its
//! billable parts. The patterns themselves are in two files: [`private`] (private REST APIs) and
//! [`public`] (regional REST variants of the private integrations, WebSocket, HTTP). A new
//! pattern is one entry in its file and one line in [`PATTERNS`].

mod private;
mod public;

use super::{Api, Dns, Endpoints, Facade, Integration, Reach};
use crate::scenario::{OnPremises, Scenario};

/// The choices a pattern fixes; `None` takes what the scenario needs.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub api: Api,
    pub endpoints: Option<Endpoints>,
    pub integration: Option<Integration>,
    pub reach: Option<Reach>,
    pub dns: Option<Dns>,
    pub facade: Option<Facade>,
}

/// A fact of the scenario a pattern is drawn for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    ConsumerAccounts,
    OnPremises,
    MultiRegion,
    BackendInVpc,
    SameAccountBackends,
    CrossAccountBackends,
    SingleRegion,
}

impl Need {
    /// `Some(reason)` when the scenario lacks the fact.
    pub fn unmet(self, s: &Scenario) -> Option<String> {
        let t = &s.topology;
        match self {
            Need::ConsumerAccounts if t.consumer_accounts < 2 => {
                Some("it is for consumers in other accounts; topology.consumer_accounts is 1".into())
            }
            Need::OnPremises if t.on_premises == OnPremises::None => {
                Some("it is for on-premises clients; topology.on_premises is \"none\"".into())
            }
            Need::MultiRegion if t.regions < 2 => Some("it is for two or more Regions; topology.regions is 1".into()),
            Need::BackendInVpc if !t.backend.in_vpc() => Some(
                "the backend is Lambda, which API Gateway invokes directly: no VPC link or load balancer is needed"
                    .into(),
            ),
            Need::SameAccountBackends if t.backend_accounts > 1 && t.backend.in_vpc() => Some(format!(
                "backends are in {} accounts (topology.backend_accounts): a VPC link reaches only its own \
                 account (see R6, R7, H3, H4)",
                t.backend_accounts
            )),
            Need::SingleRegion if t.regions > 1 => Some(format!(
                "it is drawn for one Region; topology.regions is {}: R4 and its variants cover on-premises access in several Regions",
                t.regions
            )),
            Need::CrossAccountBackends if t.backend_accounts < 2 => {
                Some("it is for backends in other accounts; topology.backend_accounts is 1".into())
            }
            _ => None,
        }
    }
}

impl Need {
    /// The need as a spreadsheet condition over the workbook's input names, with what breaking
    /// it means; `None` when it does not rest on a number (the workbook fixes those at export).
    pub fn condition(self, s: &Scenario) -> Option<(&'static str, &'static str)> {
        Some(match self {
            Need::ConsumerAccounts => (
                "topology_consumer_accounts>=2",
                "it is for consumers in other accounts (topology.consumer_accounts of 2 or more)",
            ),
            Need::MultiRegion => (
                "topology_regions>=2",
                "it is for two or more Regions (topology.regions)",
            ),
            Need::SingleRegion => (
                "topology_regions=1",
                "it is drawn for one Region (topology.regions)",
            ),
            Need::SameAccountBackends if s.topology.backend.in_vpc() => (
                "topology_backend_accounts=1",
                "a VPC link reaches backends in its own account only (topology.backend_accounts)",
            ),
            Need::CrossAccountBackends => (
                "topology_backend_accounts>=2",
                "it is for backends in other accounts (topology.backend_accounts of 2 or more)",
            ),
            _ => return None,
        })
    }
}

/// A named whitepaper pattern or variant.
#[derive(Debug)]
pub struct Pattern {
    pub id: &'static str,
    pub name: &'static str,
    pub title: &'static str,
    /// What it is for.
    pub purpose: &'static str,
    /// Where the whitepaper draws it.
    pub section: &'static str,
    /// The billable parts it adds and how they multiply.
    pub parts: &'static [&'static str],
    pub shape: Shape,
    pub needs: &'static [Need],
}

impl Pattern {
    /// How much of a layout the pattern says: the choices its shape fixes, and the situation it
    /// is drawn for (consumers in other accounts, on premises, several Regions). Where several
    /// patterns build one layout, [`naming`] names it by the most specific: R4 rather than R1
    /// or R5 in two Regions, R5 rather than R1 for an NLB, R3 rather than R1 on premises.
    pub fn specificity(&self) -> usize {
        let s = &self.shape;
        let fixed = [
            s.endpoints.is_some(),
            s.integration.is_some(),
            s.reach.is_some(),
            s.dns.is_some(),
            s.facade.is_some(),
        ];
        let situation = self.needs.iter().filter(|n| {
            matches!(
                n,
                Need::ConsumerAccounts | Need::OnPremises | Need::MultiRegion
            )
        });
        fixed.iter().filter(|f| **f).count() + situation.count()
    }
}

/// The pattern that names a layout which each of `builders` (in listed order) builds, as
/// `compare`, `recommend` and `sweep` all name it: the scenario's `current` pattern if it is
/// one of them, else the most specific ([`Pattern::specificity`]), the first listed among
/// equals.
pub fn naming<'a>(
    builders: impl IntoIterator<Item = &'a Pattern>,
    current: Option<&Pattern>,
) -> Option<&'a Pattern> {
    let mut best: Option<&Pattern> = None;
    for p in builders {
        if current.is_some_and(|c| std::ptr::eq(c, p)) {
            return Some(p);
        }
        if best.is_none_or(|b| p.specificity() > b.specificity()) {
            best = Some(p);
        }
    }
    best
}

pub(super) const fn shape(api: Api) -> Shape {
    Shape {
        api,
        endpoints: None,
        integration: None,
        reach: None,
        dns: None,
        facade: None,
    }
}

pub(super) const PRIVATE: Shape = shape(Api::PrivateRest);
pub(super) const HTTP: Shape = shape(Api::Http);

pub(super) const REST_PARTS: &str = "REST requests (tiered per account and Region)";
pub(super) const ENDPOINT_PARTS: &str =
    "interface endpoint × AZs × hours, per consumer VPC; endpoint GB both directions";

/// Every pattern, in the order `architectures` lists them.
pub static PATTERNS: &[Pattern] = &[
    private::R1,
    private::R1_SHARED,
    private::R2,
    private::R3,
    private::R3_ALIAS,
    private::R3_PUBLIC_NAME,
    private::R4,
    private::R4_ALB,
    private::R4_CUSTOM_DOMAIN,
    private::R5,
    private::R5_ALB,
    private::R5_NLB_ALB,
    private::R5_LAMBDA,
    private::R6,
    private::R7,
    private::R7_TGW,
    public::R1_REGIONAL,
    public::R5_REGIONAL,
    public::R5_ALB_REGIONAL,
    public::R5_NLB_ALB_REGIONAL,
    public::R5_LAMBDA_REGIONAL,
    public::R6_REGIONAL,
    public::R7_REGIONAL,
    public::R7_TGW_REGIONAL,
    public::W1,
    public::H1,
    public::H2,
    public::H3,
    public::H4,
];

/// Finds a pattern by id or descriptive name, case-insensitively.
pub fn find(id_or_name: &str) -> Option<&'static Pattern> {
    PATTERNS
        .iter()
        .find(|p| p.id.eq_ignore_ascii_case(id_or_name) || p.name.eq_ignore_ascii_case(id_or_name))
}

/// The help for a pattern id or name that does not exist: the closest one, or every id.
pub fn unknown_help(name: &str) -> String {
    let names = PATTERNS.iter().flat_map(|p| [p.id, p.name]);
    crate::diagnostic::suggest(name, names).map_or_else(
        || {
            let ids: Vec<&str> = PATTERNS.iter().map(|p| p.id).collect();
            format!(
                "pattern ids: {} (`apigw-cost architectures` describes them)",
                ids.join(", ")
            )
        },
        |s| format!("did you mean `{s}`?"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_names_are_unique_and_cover_the_contract() {
        let mut seen = std::collections::HashSet::new();
        for p in PATTERNS {
            assert!(seen.insert(p.id.to_ascii_lowercase()), "{}", p.id);
            assert!(seen.insert(p.name.to_owned()), "{}", p.name);
        }
        for id in [
            "R1", "R2", "R3", "R4", "R5", "R6", "R7", "W1", "H1", "H2", "H3", "H4",
        ] {
            assert!(find(id).is_some(), "{id}");
        }
        assert_eq!(find("private-integration-nlb").unwrap().id, "R5");
        assert_eq!(find("r5-ALB").unwrap().id, "R5-alb");
    }
}
