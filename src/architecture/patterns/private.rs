//! The private REST API patterns: consumers reach the API only through interface endpoints
//! (R1 to R7 and their variants).

use super::{ENDPOINT_PARTS, Need, PRIVATE, Pattern, REST_PARTS, Shape};
use crate::architecture::{Dns, Endpoints, Facade, Integration, Reach};

pub const R1: Pattern = Pattern {
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
};

pub const R1_SHARED: Pattern = Pattern {
    id: "R1-shared",
    name: "shared-endpoint-over-tgw",
    title: "Private REST API, one shared endpoint reached over Transit Gateway",
    purpose: "Centralise the execute-api endpoint in a shared VPC: trades per-VPC endpoint hours for TGW attachment hours and per-GB processing",
    section: "Not in the whitepaper: our estate design",
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
};

pub const R2: Pattern = Pattern {
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
};

pub const R3: Pattern = Pattern {
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
};

pub const R3_ALIAS: Pattern = Pattern {
    id: "R3-alias",
    name: "on-premises-route53-alias",
    title: "Private REST API for on-premises clients, Route 53 alias",
    purpose: "A Route 53 alias to the endpoint-specific API name: publicly resolvable, no Host header; each endpoint must be associated with each API",
    section: "Sample architectures: on-premises access",
    parts: &[
        REST_PARTS,
        ENDPOINT_PARTS,
        "no hosted zone: API Gateway manages the alias records",
        "Direct Connect or VPN hours and GB out",
    ],
    shape: Shape {
        dns: Some(Dns::Alias),
        ..PRIVATE
    },
    needs: &[Need::OnPremises, Need::SingleRegion],
};

pub const R3_PUBLIC_NAME: Pattern = Pattern {
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
};

pub const R4: Pattern = Pattern {
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
};

pub const R4_ALB: Pattern = Pattern {
    id: "R4-alb",
    name: "multi-region-alb",
    title: "Multi-Region private REST API, ALB facade",
    purpose: "As R4 with an internal ALB (health check path /ping) in place of the NLB",
    section: "Sample architectures: multi-Region private API",
    parts: &[
        "everything × Regions",
        "ALB facade per Region: hours and LCU-hours",
        "private hosted zone, Resolver endpoint and Route 53 health check per Region",
    ],
    shape: Shape {
        facade: Some(Facade::Alb),
        ..PRIVATE
    },
    needs: &[Need::MultiRegion],
};

pub const R4_CUSTOM_DOMAIN: Pattern = Pattern {
    id: "R4-custom-domain",
    name: "multi-region-private-custom-domain",
    title: "Multi-Region private REST API, private custom domain name",
    purpose: "As R4, with a private custom domain name (2025) in place of the load balancer facade",
    section: "Cost optimization: private custom domain names",
    parts: &[
        "everything × Regions",
        "private hosted zone, Resolver endpoint and Route 53 health check per Region",
        "no facade load balancer",
    ],
    shape: Shape {
        facade: Some(Facade::CustomDomain),
        ..PRIVATE
    },
    needs: &[Need::MultiRegion],
};

pub const R5: Pattern = Pattern {
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
};

pub const R5_ALB: Pattern = Pattern {
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
};

pub const R5_NLB_ALB: Pattern = Pattern {
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
};

pub const R5_LAMBDA: Pattern = Pattern {
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
};

pub const R6: Pattern = Pattern {
    id: "R6",
    name: "cross-account-privatelink",
    title: "Cross-account backends through PrivateLink",
    purpose: "Central NLB targets the IPs of one interface endpoint per resource-account service; each resource account exposes an NLB-backed endpoint service. Works with overlapping CIDRs",
    section: "Sample architectures: cross-account private integration",
    parts: &[
        REST_PARTS,
        ENDPOINT_PARTS,
        "central NLB + one provider NLB per endpoint service: hours and NLCU-hours",
        "interface endpoint per backend service × AZs × hours; endpoint GB again",
    ],
    shape: Shape {
        integration: Some(Integration::Nlb),
        reach: Some(Reach::PrivateLink),
        ..PRIVATE
    },
    needs: &[Need::BackendInVpc, Need::CrossAccountBackends],
};

pub const R7: Pattern = Pattern {
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
};

pub const R7_TGW: Pattern = Pattern {
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
};
