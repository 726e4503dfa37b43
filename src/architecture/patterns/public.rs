//! The public API patterns: regional REST APIs with private integrations (the `-regional`
//! variant of each private-integration pattern), WebSocket, and HTTP APIs. None has an interface
//! endpoint; all send responses out as data transfer out, and their VPC clients leave through NAT
//! gateways.

use super::{HTTP, Need, Pattern, Shape, shape};
use crate::architecture::{Api, Integration, Reach};

/// A regional (public) REST API.
const REGIONAL: Shape = shape(Api::RegionalRest);

const REGIONAL_PARTS: &str =
    "REST requests (tiered per account and Region); no interface endpoint; data transfer out";
const NAT_PARTS: &str = "VPC clients: a NAT gateway per AZ per consumer VPC × hours, NAT GB";
const REGIONAL_SECTION: &str = "REST API: publicly exposed REST APIs with private integration";

pub const R1_REGIONAL: Pattern = Pattern {
    id: "R1-regional",
    name: "public-rest-direct",
    title: "Public REST API invoking Lambda (or an HTTP endpoint) directly",
    purpose: "A regional (or edge-optimised) REST API reachable from the internet that invokes Lambda directly: no VPC link, load balancer or interface endpoint",
    section: "Not in the whitepaper: the most common public design in real templates",
    parts: &[REGIONAL_PARTS, NAT_PARTS],
    shape: Shape {
        integration: Some(Integration::Direct),
        ..REGIONAL
    },
    needs: &[Need::SameAccountBackends],
};

pub const R5_REGIONAL: Pattern = Pattern {
    id: "R5-regional",
    name: "public-rest-private-integration-nlb",
    title: "Public REST API, private integration through an NLB",
    purpose: "A regional REST API reachable from the internet → VPC link V1 → NLB → ECS: R5 without the interface endpoint",
    section: REGIONAL_SECTION,
    parts: &[
        REGIONAL_PARTS,
        "NLB: hours and NLCU-hours; VPC link free",
        NAT_PARTS,
    ],
    shape: Shape {
        integration: Some(Integration::Nlb),
        ..REGIONAL
    },
    needs: &[Need::BackendInVpc, Need::SameAccountBackends],
};

pub const R5_ALB_REGIONAL: Pattern = Pattern {
    id: "R5-alb-regional",
    name: "public-rest-private-integration-alb-vpc-link-v2",
    title: "Public REST API, private integration straight to an ALB with VPC link V2",
    purpose: "R5-alb with a regional REST API: no interface endpoint",
    section: REGIONAL_SECTION,
    parts: &[
        REGIONAL_PARTS,
        "ALB: hours and LCU-hours (2+ AZs)",
        NAT_PARTS,
    ],
    shape: Shape {
        integration: Some(Integration::Alb),
        ..REGIONAL
    },
    needs: &[Need::BackendInVpc, Need::SameAccountBackends],
};

pub const R5_NLB_ALB_REGIONAL: Pattern = Pattern {
    id: "R5-nlb-alb-regional",
    name: "public-rest-private-integration-nlb-to-alb",
    title: "Public REST API, private integration through an NLB in front of an ALB",
    purpose: "R5-nlb-alb with a regional REST API: no interface endpoint",
    section: REGIONAL_SECTION,
    parts: &[
        REGIONAL_PARTS,
        "NLB and ALB: hours and capacity units each",
        NAT_PARTS,
    ],
    shape: Shape {
        integration: Some(Integration::NlbToAlb),
        ..REGIONAL
    },
    needs: &[Need::BackendInVpc, Need::SameAccountBackends],
};

pub const R5_LAMBDA_REGIONAL: Pattern = Pattern {
    id: "R5-lambda-regional",
    name: "public-rest-vpc-lambda",
    title: "Public REST API, VPC-enabled Lambda in place of a load balancer",
    purpose: "R5-lambda with a regional REST API: no interface endpoint, nothing billed while idle",
    section: REGIONAL_SECTION,
    parts: &[REGIONAL_PARTS, "Lambda requests and GB-seconds", NAT_PARTS],
    shape: Shape {
        integration: Some(Integration::LambdaProxy),
        ..REGIONAL
    },
    needs: &[Need::BackendInVpc, Need::SameAccountBackends],
};

pub const R6_REGIONAL: Pattern = Pattern {
    id: "R6-regional",
    name: "public-rest-cross-account-privatelink",
    title: "Public REST API, cross-account backends through PrivateLink",
    purpose: "R6 with a regional REST API: the central NLB targets one interface endpoint per resource-account service; no execute-api endpoint",
    section: REGIONAL_SECTION,
    parts: &[
        REGIONAL_PARTS,
        "central NLB + one provider NLB per endpoint service: hours and NLCU-hours",
        "interface endpoint per backend service × AZs × hours; endpoint GB",
        NAT_PARTS,
    ],
    shape: Shape {
        integration: Some(Integration::Nlb),
        reach: Some(Reach::PrivateLink),
        ..REGIONAL
    },
    needs: &[Need::BackendInVpc, Need::CrossAccountBackends],
};

pub const R7_REGIONAL: Pattern = Pattern {
    id: "R7-regional",
    name: "public-rest-cross-account-peering",
    title: "Public REST API, cross-account backends through VPC peering",
    purpose: "R7 with a regional REST API: central NLB over peering, no endpoints at all",
    section: REGIONAL_SECTION,
    parts: &[
        REGIONAL_PARTS,
        "central NLB: hours and NLCU-hours",
        "inter-AZ GB for traffic.cross_az_share",
        NAT_PARTS,
    ],
    shape: Shape {
        integration: Some(Integration::Nlb),
        reach: Some(Reach::Peering),
        ..REGIONAL
    },
    needs: &[Need::BackendInVpc, Need::CrossAccountBackends],
};

pub const R7_TGW_REGIONAL: Pattern = Pattern {
    id: "R7-tgw-regional",
    name: "public-rest-cross-account-transit-gateway",
    title: "Public REST API, cross-account backends through Transit Gateway",
    purpose: "R7-tgw with a regional REST API: central NLB over Transit Gateway, no endpoints",
    section: REGIONAL_SECTION,
    parts: &[
        REGIONAL_PARTS,
        "central NLB",
        "TGW attachment per backend account + 1 × hours; TGW GB",
        NAT_PARTS,
    ],
    shape: Shape {
        integration: Some(Integration::Nlb),
        reach: Some(Reach::TransitGateway),
        ..REGIONAL
    },
    needs: &[Need::BackendInVpc, Need::CrossAccountBackends],
};

pub const W1: Pattern = Pattern {
    id: "W1",
    name: "websocket-nlb",
    title: "WebSocket API with an NLB private integration",
    purpose: "Internet clients → regional WebSocket API → VPC link → NLB (TLS on the NLB or passed through) → EC2 or VPC resources",
    section: "Sample architectures: WebSocket",
    parts: &[
        "messages (32 KB metering) and connection minutes",
        "NLB: hours and NLCU-hours",
        "data transfer out",
        NAT_PARTS,
    ],
    shape: Shape {
        integration: Some(Integration::Nlb),
        ..shape(Api::WebSocket)
    },
    needs: &[Need::BackendInVpc, Need::SameAccountBackends],
};

pub const H1: Pattern = Pattern {
    id: "H1",
    name: "http-api-alb",
    title: "HTTP API to an internal ALB",
    purpose: "HTTP API → VPC link V2 → internal ALB with path rules → several ECS services",
    section: "Sample architectures: HTTP API private integration",
    parts: &[
        "HTTP requests (512 KB metering)",
        "ALB: hours and LCU-hours",
        "data transfer out",
        NAT_PARTS,
    ],
    shape: Shape {
        integration: Some(Integration::Alb),
        ..HTTP
    },
    needs: &[Need::BackendInVpc, Need::SameAccountBackends],
};

pub const H2: Pattern = Pattern {
    id: "H2",
    name: "http-api-cloud-map",
    title: "HTTP API to Cloud Map",
    purpose: "HTTP API → VPC link V2 → Cloud Map service → task IPs: no load balancer",
    section: "Sample architectures: HTTP API private integration",
    parts: &[
        "HTTP requests",
        "Cloud Map registered resources and discovery calls",
        "data transfer out",
        NAT_PARTS,
    ],
    shape: Shape {
        integration: Some(Integration::CloudMap),
        ..HTTP
    },
    needs: &[Need::BackendInVpc, Need::SameAccountBackends],
};

pub const H3: Pattern = Pattern {
    id: "H3",
    name: "http-api-cross-account-privatelink",
    title: "HTTP API to cross-account backends through PrivateLink",
    purpose: "HTTP API → VPC link V2 → central ALB whose targets are interface endpoints (one per provider service) → provider NLBs",
    section: "Sample architectures: HTTP API cross-account",
    parts: &[
        "HTTP requests",
        "central ALB; one provider NLB per endpoint service",
        "interface endpoint per provider service × AZs × hours; endpoint GB",
        "data transfer out",
        NAT_PARTS,
    ],
    shape: Shape {
        integration: Some(Integration::Alb),
        reach: Some(Reach::PrivateLink),
        ..HTTP
    },
    needs: &[Need::BackendInVpc, Need::CrossAccountBackends],
};

pub const H4: Pattern = Pattern {
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
        NAT_PARTS,
    ],
    shape: Shape {
        integration: Some(Integration::CloudMap),
        reach: Some(Reach::TransitGateway),
        ..HTTP
    },
    needs: &[Need::BackendInVpc, Need::CrossAccountBackends],
};
