//! The whitepaper's sample architectures (ids from `architectures.md`) and their variants, as
//! data: what each fixes of a [`Layout`](super::Layout), what it needs of a scenario, and its
//! billable parts. A new pattern is a new entry here and nothing else.

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

const fn shape(api: Api) -> Shape {
    Shape {
        api,
        endpoints: None,
        integration: None,
        reach: None,
        dns: None,
        facade: None,
    }
}

const PRIVATE: Shape = shape(Api::PrivateRest);
const HTTP: Shape = shape(Api::Http);

const REST_PARTS: &str = "REST requests (tiered per account and Region)";
const ENDPOINT_PARTS: &str =
    "interface endpoint × AZs × hours, per consumer VPC; endpoint GB both directions";

/// Every pattern, in the order `architectures` lists them.
pub static PATTERNS: &[Pattern] = &[
    Pattern {
        id: "R1",
        name: "basic-private-rest",
        title: "Basic private REST API",
        purpose: "Clients in a VPC call a private REST API through an execute-api interface endpoint; one endpoint serves every private API in the Region",
        section: "Sample architectures: basic private API",
        parts: &[
            REST_PARTS,
            ENDPOINT_PARTS,
            "integration the backend needs (Lambda: none)",
        ],
        shape: PRIVATE,
        needs: &[Need::SameAccountBackends],
    },
    Pattern {
        id: "R1-shared",
        name: "shared-endpoint-over-tgw",
        title: "Private REST API, one shared endpoint reached over Transit Gateway",
        purpose: "Centralise the execute-api endpoint in a shared VPC: trades per-VPC endpoint hours for TGW attachment hours and per-GB processing",
        section: "Cost optimization: share endpoints",
        parts: &[
            REST_PARTS,
            "one interface endpoint × AZs × hours in the shared VPC",
            "TGW attachment per consumer VPC + 1 × hours; TGW GB",
        ],
        shape: Shape {
            endpoints: Some(Endpoints::SharedTgw),
            ..PRIVATE
        },
        needs: &[Need::SameAccountBackends],
    },
    Pattern {
        id: "R2",
        name: "cross-account-consumers",
        title: "Private REST API called from other accounts",
        purpose: "Each consumer account owns an execute-api endpoint in its VPCs; the API's resource policy allows those endpoints",
        section: "Sample architectures: cross-account private API",
        parts: &[
            REST_PARTS,
            "interface endpoint × AZs × hours per consumer VPC, paid by the consumer accounts",
            "endpoint GB",
        ],
        shape: PRIVATE,
        needs: &[Need::ConsumerAccounts],
    },
    Pattern {
        id: "R3",
        name: "on-premises-resolver",
        title: "Private REST API for on-premises clients, Resolver inbound endpoint",
        purpose: "On-premises DNS forwards the API's name to a Route 53 Resolver inbound endpoint; clients reach the endpoint over Direct Connect or VPN",
        section: "Sample architectures: on-premises access",
        parts: &[
            REST_PARTS,
            ENDPOINT_PARTS,
            "Resolver inbound endpoint: 2+ IPs × hours; queries",
            "Direct Connect port hours and GB out, or VPN connection hours and GB out",
        ],
        shape: Shape {
            dns: Some(Dns::Resolver),
            ..PRIVATE
        },
        needs: &[Need::OnPremises, Need::SingleRegion],
    },
    Pattern {
        id: "R3-alias",
        name: "on-premises-route53-alias",
        title: "Private REST API for on-premises clients, Route 53 alias",
        purpose: "A Route 53 alias to the endpoint-specific API name: publicly resolvable, no Host header; each endpoint must be associated with each API",
        section: "Sample architectures: on-premises access",
        parts: &[
            REST_PARTS,
            ENDPOINT_PARTS,
            "one hosted zone",
            "Direct Connect or VPN hours and GB out",
        ],
        shape: Shape {
            dns: Some(Dns::Alias),
            ..PRIVATE
        },
        needs: &[Need::OnPremises, Need::SingleRegion],
    },
    Pattern {
        id: "R3-public-name",
        name: "on-premises-endpoint-public-name",
        title: "Private REST API for on-premises clients, endpoint public DNS name",
        purpose: "Clients call the endpoint's public DNS name with a Host or x-apigw-api-id header: no DNS cost, but browser CORS breaks",
        section: "Sample architectures: on-premises access",
        parts: &[
            REST_PARTS,
            ENDPOINT_PARTS,
            "Direct Connect or VPN hours and GB out",
        ],
        shape: Shape {
            dns: Some(Dns::PublicName),
            ..PRIVATE
        },
        needs: &[Need::OnPremises, Need::SingleRegion],
    },
    Pattern {
        id: "R4",
        name: "multi-region-nlb",
        title: "Multi-Region private REST API, NLB facade",
        purpose: "The same private API in two or more Regions for failover or weighted routing; per Region an internal TLS NLB targets the endpoint's IPs",
        section: "Sample architectures: multi-Region private API",
        parts: &[
            "everything × Regions",
            REST_PARTS,
            ENDPOINT_PARTS,
            "NLB facade per Region: hours and NLCU-hours",
            "private hosted zone per Region",
            "Resolver inbound endpoint per Region: 2+ IPs × hours",
        ],
        shape: Shape {
            facade: Some(Facade::Nlb),
            ..PRIVATE
        },
        needs: &[Need::MultiRegion],
    },
    Pattern {
        id: "R4-alb",
        name: "multi-region-alb",
        title: "Multi-Region private REST API, ALB facade",
        purpose: "As R4 with an internal ALB (health check path /ping) in place of the NLB",
        section: "Sample architectures: multi-Region private API",
        parts: &[
            "everything × Regions",
            "ALB facade per Region: hours and LCU-hours",
            "private hosted zone and Resolver endpoint per Region",
        ],
        shape: Shape {
            facade: Some(Facade::Alb),
            ..PRIVATE
        },
        needs: &[Need::MultiRegion],
    },
    Pattern {
        id: "R4-custom-domain",
        name: "multi-region-private-custom-domain",
        title: "Multi-Region private REST API, private custom domain name",
        purpose: "As R4, with a private custom domain name (2025) in place of the load balancer facade",
        section: "Cost optimization: private custom domain names",
        parts: &[
            "everything × Regions",
            "private hosted zone and Resolver endpoint per Region",
            "no facade load balancer",
        ],
        shape: Shape {
            facade: Some(Facade::CustomDomain),
            ..PRIVATE
        },
        needs: &[Need::MultiRegion],
    },
    Pattern {
        id: "R5",
        name: "private-integration-nlb",
        title: "Private integration to ECS in another VPC through an NLB",
        purpose: "Private REST API → VPC link V1 → NLB in the backend VPC → ECS tasks",
        section: "Sample architectures: private integration",
        parts: &[
            REST_PARTS,
            ENDPOINT_PARTS,
            "NLB: hours and NLCU-hours (one per separate load balancer); VPC link free",
        ],
        shape: Shape {
            integration: Some(Integration::Nlb),
            ..PRIVATE
        },
        needs: &[Need::BackendInVpc, Need::SameAccountBackends],
    },
    Pattern {
        id: "R5-alb",
        name: "private-integration-alb-vpc-link-v2",
        title: "Private integration straight to an ALB with VPC link V2",
        purpose: "Since November 2025 a REST VPC link V2 targets an ALB directly: path routing without an NLB",
        section: "Private integration (VPC link V2 to ALB, Nov 2025 revision)",
        parts: &[
            REST_PARTS,
            ENDPOINT_PARTS,
            "ALB: hours and LCU-hours (2+ AZs)",
        ],
        shape: Shape {
            integration: Some(Integration::Alb),
            ..PRIVATE
        },
        needs: &[Need::BackendInVpc, Need::SameAccountBackends],
    },
    Pattern {
        id: "R5-nlb-alb",
        name: "private-integration-nlb-to-alb",
        title: "Private integration through an NLB in front of an ALB",
        purpose: "The 2022 way to reach an ALB from a REST API: VPC link V1 → NLB → ALB target; two load balancers",
        section: "Sample architectures: private integration",
        parts: &[
            REST_PARTS,
            ENDPOINT_PARTS,
            "NLB and ALB: hours and capacity units each",
        ],
        shape: Shape {
            integration: Some(Integration::NlbToAlb),
            ..PRIVATE
        },
        needs: &[Need::BackendInVpc, Need::SameAccountBackends],
    },
    Pattern {
        id: "R5-lambda",
        name: "private-integration-vpc-lambda",
        title: "VPC-enabled Lambda in place of a load balancer",
        purpose: "A VPC-enabled Lambda function calls the backend: nothing is billed while idle, so it beats an always-on NLB at very low volume",
        section: "Cost optimization: NLB versus Lambda",
        parts: &[REST_PARTS, ENDPOINT_PARTS, "Lambda requests and GB-seconds"],
        shape: Shape {
            integration: Some(Integration::LambdaProxy),
            ..PRIVATE
        },
        needs: &[Need::BackendInVpc, Need::SameAccountBackends],
    },
    Pattern {
        id: "R6",
        name: "cross-account-privatelink",
        title: "Cross-account backends through PrivateLink",
        purpose: "Central NLB targets the IPs of one interface endpoint per resource-account service; each resource account exposes an NLB-backed endpoint service. Works with overlapping CIDRs",
        section: "Sample architectures: cross-account private integration",
        parts: &[
            REST_PARTS,
            ENDPOINT_PARTS,
            "central NLB + one NLB per resource account: hours and NLCU-hours",
            "interface endpoint per backend service × AZs × hours; endpoint GB again",
        ],
        shape: Shape {
            integration: Some(Integration::Nlb),
            reach: Some(Reach::PrivateLink),
            ..PRIVATE
        },
        needs: &[Need::BackendInVpc, Need::CrossAccountBackends],
    },
    Pattern {
        id: "R7",
        name: "cross-account-peering",
        title: "Cross-account backends through VPC peering",
        purpose: "Central NLB targets backend IPs in other accounts over peering: no endpoints, no second load balancer; needs non-overlapping CIDRs",
        section: "Sample architectures: cross-account private integration",
        parts: &[
            REST_PARTS,
            ENDPOINT_PARTS,
            "central NLB: hours and NLCU-hours",
            "inter-AZ GB for traffic.cross_az_share",
        ],
        shape: Shape {
            integration: Some(Integration::Nlb),
            reach: Some(Reach::Peering),
            ..PRIVATE
        },
        needs: &[Need::BackendInVpc, Need::CrossAccountBackends],
    },
    Pattern {
        id: "R7-tgw",
        name: "cross-account-transit-gateway",
        title: "Cross-account backends through Transit Gateway",
        purpose: "As R7 over a Transit Gateway: attachment hours and per-GB processing instead of peering",
        section: "Sample architectures: cross-account private integration",
        parts: &[
            REST_PARTS,
            ENDPOINT_PARTS,
            "central NLB",
            "TGW attachment per backend account + 1 × hours; TGW GB",
        ],
        shape: Shape {
            integration: Some(Integration::Nlb),
            reach: Some(Reach::TransitGateway),
            ..PRIVATE
        },
        needs: &[Need::BackendInVpc, Need::CrossAccountBackends],
    },
    Pattern {
        id: "W1",
        name: "websocket-nlb",
        title: "WebSocket API with an NLB private integration",
        purpose: "Internet clients → regional WebSocket API → VPC link → NLB (TLS on the NLB or passed through) → EC2 or VPC resources",
        section: "Sample architectures: WebSocket",
        parts: &[
            "messages (32 KB metering) and connection minutes",
            "NLB: hours and NLCU-hours",
            "data transfer out",
        ],
        shape: Shape {
            integration: Some(Integration::Nlb),
            ..shape(Api::WebSocket)
        },
        needs: &[Need::BackendInVpc, Need::SameAccountBackends],
    },
    Pattern {
        id: "H1",
        name: "http-api-alb",
        title: "HTTP API to an internal ALB",
        purpose: "HTTP API → VPC link V2 → internal ALB with path rules → several ECS services",
        section: "Sample architectures: HTTP API private integration",
        parts: &[
            "HTTP requests (512 KB metering)",
            "ALB: hours and LCU-hours",
            "data transfer out",
        ],
        shape: Shape {
            integration: Some(Integration::Alb),
            ..HTTP
        },
        needs: &[Need::BackendInVpc, Need::SameAccountBackends],
    },
    Pattern {
        id: "H2",
        name: "http-api-cloud-map",
        title: "HTTP API to Cloud Map",
        purpose: "HTTP API → VPC link V2 → Cloud Map service → task IPs: no load balancer",
        section: "Sample architectures: HTTP API private integration",
        parts: &[
            "HTTP requests",
            "Cloud Map registered resources and discovery calls",
            "data transfer out",
        ],
        shape: Shape {
            integration: Some(Integration::CloudMap),
            ..HTTP
        },
        needs: &[Need::BackendInVpc, Need::SameAccountBackends],
    },
    Pattern {
        id: "H3",
        name: "http-api-cross-account-privatelink",
        title: "HTTP API to cross-account backends through PrivateLink",
        purpose: "HTTP API → VPC link V2 → central ALB whose targets are interface endpoints (one per provider service) → provider NLBs",
        section: "Sample architectures: HTTP API cross-account",
        parts: &[
            "HTTP requests",
            "central ALB; one NLB per provider account",
            "interface endpoint per provider service × AZs × hours; endpoint GB",
            "data transfer out",
        ],
        shape: Shape {
            integration: Some(Integration::Alb),
            reach: Some(Reach::PrivateLink),
            ..HTTP
        },
        needs: &[Need::BackendInVpc, Need::CrossAccountBackends],
    },
    Pattern {
        id: "H4",
        name: "http-api-cross-account-cloud-map-tgw",
        title: "HTTP API to cross-account backends through Cloud Map and Transit Gateway",
        purpose: "HTTP API → VPC link V2 → Cloud Map (cross-account IPs registered by hand) → TGW attachments → backends",
        section: "Sample architectures: HTTP API cross-account",
        parts: &[
            "HTTP requests",
            "Cloud Map resources and calls",
            "TGW attachment per backend account + 1 × hours; TGW GB",
            "data transfer out",
        ],
        shape: Shape {
            integration: Some(Integration::CloudMap),
            reach: Some(Reach::TransitGateway),
            ..HTTP
        },
        needs: &[Need::BackendInVpc, Need::CrossAccountBackends],
    },
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
