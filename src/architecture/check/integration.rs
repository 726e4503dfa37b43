//! How API Gateway reaches the backend: the integration a backend allows, and what each VPC
//! link version can target.

use super::Findings;
use crate::architecture::{Api, Integration, Layout};
use crate::scenario::{Backend, Scenario};

/// A Lambda backend is invoked directly; a backend in a VPC needs a private integration that
/// can reach it.
pub(super) fn backend(l: &Layout, s: &Scenario, r: &mut Findings) {
    match (s.topology.backend, l.integration) {
        (Backend::Lambda, Integration::Direct) => {}
        (Backend::Lambda, _) => r.add(|| {
            "the backend is Lambda: API Gateway invokes it directly (cross-account by \
             resource-based policy), with no VPC link or load balancer"
        }),
        (b, Integration::Direct) => r.add(|| {
            format!(
                "the backend ({}) runs in a VPC: API Gateway needs a private integration (VPC \
                 link) or a VPC-enabled Lambda to reach it",
                b.as_str()
            )
        }),
        (Backend::Alb, Integration::Nlb) => r.add(|| {
            "the backend is an ALB: put an NLB in front of it (R5-nlb-alb) or target it with VPC \
             link V2 (R5-alb)"
        }),
        (Backend::Alb, Integration::CloudMap) => {
            r.add(|| "Cloud Map registers task IPs, not an ALB: the backend is an ALB")
        }
        _ => {}
    }
}

/// What each API type's VPC link can target: Cloud Map only from HTTP APIs (V2), only an NLB
/// from WebSocket APIs (V1).
pub(super) fn vpc_link(l: &Layout, _: &Scenario, r: &mut Findings) {
    if l.integration == Integration::CloudMap && l.api != Api::Http {
        r.add(|| "VPC links of REST and WebSocket APIs never target Cloud Map (HTTP APIs only)");
    }
    if l.api == Api::WebSocket && matches!(l.integration, Integration::Alb | Integration::CloudMap)
    {
        r.add(|| "WebSocket private integrations use VPC link V1, which targets only an NLB");
    }
}
