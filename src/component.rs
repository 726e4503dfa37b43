//! The billable components of the contract (`product.md`): their ids, units and the price item
//! each is charged at. One enum so a typo in an id cannot compile.

use std::fmt;

macro_rules! components {
    ($($variant:ident => $id:literal, $unit:literal, $what:literal;)*) => {
        /// A line item's `component`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Component { $($variant),* }

        impl Component {
            /// Every component, in the order line items are listed.
            pub const ALL: &'static [Component] = &[$(Component::$variant),*];

            /// The contract id, e.g. `endpoint-hours`.
            pub fn id(self) -> &'static str {
                match self { $(Component::$variant => $id),* }
            }

            /// The unit a price table must quote this component's price in.
            pub fn unit(self) -> &'static str {
                match self { $(Component::$variant => $unit),* }
            }

            /// What it is, for descriptions and `prices show`.
            pub fn what(self) -> &'static str {
                match self { $(Component::$variant => $what),* }
            }
        }
    };
}

components! {
    RestRequests => "rest-requests", "million requests", "REST API requests";
    HttpRequests => "http-requests", "million requests", "HTTP API requests (512 KB metering)";
    WebsocketMessages => "websocket-messages", "million messages", "WebSocket messages (32 KB metering)";
    WebsocketMinutes => "websocket-minutes", "million connection-minutes", "WebSocket connection minutes";
    RestCache => "rest-cache", "cache-hour", "REST API cache";
    EndpointHours => "endpoint-hours", "AZ-hour", "interface endpoint AZ-hours";
    EndpointData => "endpoint-data", "GB", "data processed by interface endpoints";
    NlbHours => "nlb-hours", "LB-hour", "Network Load Balancer hours";
    NlbCapacity => "nlb-capacity", "NLCU-hour", "Network Load Balancer capacity units";
    AlbHours => "alb-hours", "LB-hour", "Application Load Balancer hours";
    AlbCapacity => "alb-capacity", "LCU-hour", "Application Load Balancer capacity units";
    CloudMapResources => "cloud-map-resources", "resource-month", "Cloud Map registered resources";
    CloudMapQueries => "cloud-map-queries", "million calls", "Cloud Map discovery calls";
    ResolverHours => "resolver-hours", "IP-hour", "Route 53 Resolver inbound endpoint IP-hours";
    ResolverQueries => "resolver-queries", "million queries", "Route 53 Resolver queries";
    HostedZones => "hosted-zones", "zone-month", "Route 53 hosted zones";
    TgwAttachmentHours => "tgw-attachment-hours", "attachment-hour", "Transit Gateway attachment hours";
    TgwData => "tgw-data", "GB", "Transit Gateway data processed";
    VpnHours => "vpn-hours", "connection-hour", "Site-to-Site VPN connection hours";
    VpnData => "vpn-data", "GB", "data out over Site-to-Site VPN";
    DxPortHours => "dx-port-hours", "port-hour", "Direct Connect port hours";
    DxData => "dx-data", "GB", "data out over Direct Connect";
    LambdaRequests => "lambda-requests", "million requests", "Lambda requests";
    LambdaDuration => "lambda-duration", "GB-second", "Lambda compute";
    InterAzData => "inter-az-data", "GB", "data transfer between Availability Zones";
    DataTransferOut => "data-transfer-out", "GB", "data transfer out to the internet";
    WafWebAcls => "waf-web-acls", "web-ACL-month", "AWS WAF web ACLs";
    WafRules => "waf-rules", "rule-month", "AWS WAF rules";
    WafRequests => "waf-requests", "million requests", "AWS WAF requests inspected";
    NatGatewayHours => "nat-gateway-hours", "gateway-hour", "NAT gateway hours";
    NatGatewayData => "nat-gateway-data", "GB", "data processed by NAT gateways";
    HealthChecks => "health-checks", "check-month", "Route 53 health checks";
    InterRegionData => "inter-region-data", "GB", "data transfer between Regions";
}

impl Component {
    /// The price item this component is charged at. VPN data out is billed as ordinary data
    /// transfer out; everything else has its own item.
    pub fn price_item(self) -> Component {
        match self {
            Component::VpnData => Component::DataTransferOut,
            c => c,
        }
    }

    /// Looks a component up by its contract id.
    pub fn from_id(id: &str) -> Option<Component> {
        Component::ALL.iter().copied().find(|c| c.id() == id)
    }

    /// Dense index for price-table arrays.
    pub fn index(self) -> usize {
        self as usize
    }
}

/// How many components there are.
pub const COUNT: usize = Component::ALL.len();

impl fmt::Display for Component {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}
