//! The resource graph every reader produces: each resource the cost model cares about as a
//! [`Part`] (what it is and what about it costs), with the place it was read from, and edges as
//! the names of the resources it refers to. Readers know formats; [`super::recognise`] knows
//! only this.

use rust_decimal::Decimal;

use crate::derived::{NotModelled, Origin};

/// A value the code may leave open: `Err` says why (a parameter with no default, a value
/// unknown until apply).
pub type Known<T> = Result<T, String>;

/// One resource of the estate.
#[derive(Debug, Clone)]
pub struct Resource {
    /// Logical id (`ApiEndpoint`) or address (`aws_vpc_endpoint.api`).
    pub name: String,
    /// `AWS::EC2::VPCEndpoint`, `aws_vpc_endpoint`.
    pub kind: String,
    pub file: String,
    pub line: Option<usize>,
    pub part: Part,
}

impl Resource {
    pub fn origin(&self) -> Origin {
        Origin::new(self.file.clone(), self.line, &self.name, &self.kind)
    }
}

/// What an API Gateway integration calls.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// A Lambda function invoked directly; the function's name when the code says it.
    Lambda(Option<String>),
    /// A public HTTP endpoint, no VPC link.
    Http,
    /// Through a VPC link (`link`), to `to` (a listener, load balancer or Cloud Map service).
    Private {
        link: Option<String>,
        to: Option<String>,
    },
    Unknown(String),
}

/// What a resource is, as far as cost goes.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    /// REST API; endpoint type `PRIVATE`, `REGIONAL` or `EDGE` (none given is EDGE).
    RestApi {
        endpoint: Known<String>,
    },
    HttpApi,
    WebSocketApi,
    /// A VPC endpoint: service name, VPC, subnets, private DNS; `interface` false is Gateway.
    Endpoint {
        service: Known<String>,
        vpc: Option<String>,
        subnets: Known<usize>,
        private_dns: bool,
        interface: bool,
    },
    /// A VPC link: V1 (REST, to NLBs) or V2 (subnets).
    VpcLink {
        v2: bool,
        targets: Vec<String>,
        subnets: Known<usize>,
    },
    LoadBalancer {
        network: bool,
        internal: bool,
        subnets: Known<usize>,
    },
    Listener {
        lb: Option<String>,
        protocol: Option<String>,
    },
    /// A target group; `alb` when its targets are Application Load Balancers.
    TargetGroup {
        alb: bool,
    },
    /// An integration of `api` (when the code says which).
    Integration {
        api: Option<String>,
        target: Target,
    },
    Stage {
        api: Option<String>,
        cache_gb: Option<Decimal>,
    },
    /// A Lambda function: in a VPC (`VpcConfig`), its memory when the code sets it, and the
    /// resources its environment names (what it calls).
    Function {
        in_vpc: bool,
        memory_mb: Option<u32>,
        calls: Vec<String>,
    },
    /// A link to on-premises: a VPN connection or a Direct Connect connection (`connection`
    /// true: billed per hour), or what only shows one exists (a customer gateway, a virtual
    /// private gateway, a Direct Connect gateway or virtual interface).
    OnPremises {
        link: Link,
        connection: bool,
        /// It attaches to a Transit Gateway (a TGW VPN or Direct Connect gateway attachment).
        tgw: bool,
    },
    /// A REST API's resource policy (on `api`, when the code says which): who may call it.
    ApiPolicy {
        api: Option<String>,
        callers: Callers,
    },
    CloudMapService,
    CloudMapNamespace,
    TgwAttachment,
    /// A Route 53 Resolver endpoint; `inbound` when on-premises DNS forwards to it.
    ResolverEndpoint {
        ips: Known<usize>,
        inbound: bool,
    },
    NatGateway,
    WebAcl {
        rules: usize,
    },
    WafAssociation,
    HealthCheck,
    HostedZone {
        private: bool,
    },
    /// Compute behind the API: `ecs` or `ec2`.
    Compute(&'static str),
    /// A PrivateLink endpoint service (the provider side of R6 and H3) and the NLBs behind it.
    EndpointService {
        lbs: Vec<String>,
    },
    /// A VPC peering connection (R7).
    Peering,
    /// A Route 53 record with a routing policy: how traffic is split between Regions (R4).
    Record {
        routing: Routing,
    },
    /// An API Gateway custom domain name; `private` for a private custom domain name (2025),
    /// which replaces R4's load balancer facade.
    DomainName {
        private: bool,
    },
}

/// The routing policy of a Route 53 record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Routing {
    /// Failover: `true` for the `PRIMARY` record, `false` for `SECONDARY`.
    Failover(bool),
    /// Latency-based, to the Region it names (when the code says it).
    Latency(Option<String>),
    Weighted,
    /// No routing policy: one answer.
    Simple,
}

/// The kind of an on-premises link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    Vpn,
    DirectConnect,
}

/// Who a resource policy lets call an API: the accounts its principals name, and the VPC
/// endpoints and VPCs its `aws:SourceVpce` / `aws:SourceVpc` conditions list (a value that is
/// a resource of the code is its name). `Err` says why a list cannot be known (a wildcard, a
/// parameter with no default).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Callers {
    pub accounts: Option<Known<Vec<String>>>,
    pub endpoints: Option<Known<Vec<String>>>,
    pub vpcs: Option<Known<Vec<String>>>,
}

/// Everything read from the inputs: the resources, what is not modelled, what the code leaves
/// open, warnings, and the Region when the code fixes it.
#[derive(Debug, Default, Clone)]
pub struct Estate {
    pub resources: Vec<Resource>,
    pub not_modelled: Vec<NotModelled>,
    /// Keys the code leaves open, with why.
    pub unknown: Vec<(String, String)>,
    pub warnings: Vec<String>,
    pub regions: Vec<(String, Origin)>,
}

impl Estate {
    /// Resources of one part, by a test on the part.
    pub fn all<'a>(&'a self, f: impl Fn(&Part) -> bool + 'a) -> impl Iterator<Item = &'a Resource> {
        self.resources.iter().filter(move |r| f(&r.part))
    }

    pub fn find(&self, name: &str) -> Option<&Resource> {
        self.resources.iter().find(|r| r.name == name)
    }

    /// Records a resource no reader models.
    pub fn not_modelled(&mut self, name: &str, kind: &str, why: &str) {
        self.not_modelled.push(NotModelled {
            resource: name.to_owned(),
            kind: kind.to_owned(),
            why: why.to_owned(),
        });
    }
}

/// Whether a type left out deserves a warning: neither free, nor the backend's own service.
pub fn is_unexpected(kind: &str) -> bool {
    not_modelled_why(kind) == UNMODELLED
}

const UNMODELLED: &str = "not in the cost model: no API Gateway, endpoint or load balancer charge";

/// Why a resource type is left out of the estimate: the few that cost but are not API
/// Gateway's (compute, storage), the many that are free.
pub fn not_modelled_why(kind: &str) -> &'static str {
    let k = kind.to_ascii_lowercase();
    let free = [
        "iam",
        "securitygroup",
        "security_group",
        "route",
        "subnet",
        "::vpc",
        "aws_vpc",
        "permission",
        "deployment",
        "method",
        "resource",
        "route_table",
        "internet_gateway",
        "internetgateway",
        "logs",
        "log_group",
        "loggroup",
        "model",
        "authorizer",
        "ssm",
        "stage",
        "mapping",
        "eip",
        "gatewayattachment",
        "cloudwatch",
        "kms",
        "secret",
        "sns",
        "sqs",
        "output",
        "metadata",
        "waitcondition",
    ];
    let compute = [
        "ecs",
        "lambda",
        "ec2::instance",
        "aws_instance",
        "autoscaling",
        "launch",
        "dynamodb",
        "s3",
        "rds",
        "ecr",
        "cognito",
        "acm",
        "certificate",
    ];
    if compute.iter().any(|c| k.contains(c)) {
        "the backend's own service: priced by that service, not by this estimate"
    } else if free.iter().any(|c| k.contains(c)) {
        "no charge of its own, or none this estimate models"
    } else {
        UNMODELLED
    }
}
