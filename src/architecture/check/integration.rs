//! How API Gateway reaches the backend: the integration a backend allows, and what each VPC
//! link version can target.

use crate::architecture::{Api, Integration, Layout, Reasons};
use crate::scenario::{Backend, Scenario};

/// A Lambda backend is invoked directly; a backend in a VPC needs a private integration that
/// can reach it.
pub(super) fn backend(l: &Layout, s: &Scenario, r: &mut Reasons) {
    match (s.topology.backend, l.integration) {
        (Backend::Lambda, Integration::Direct) => {}
        (Backend::Lambda, _) => r.push(
            "the backend is Lambda: API Gateway invokes it directly (cross-account by resource-based \
             policy), with no VPC link or load balancer"
                .to_owned(),
        ),
        (b, Integration::Direct) => r.push(format!(
            "the backend ({}) runs in a VPC: API Gateway needs a private integration (VPC link) or a \
             VPC-enabled Lambda to reach it",
            b.as_str()
        )),
        (Backend::Alb, Integration::Nlb) => r.push(
            "the backend is an ALB: put an NLB in front of it (R5-nlb-alb) or target it with VPC link V2 \
             (R5-alb)"
                .to_owned(),
        ),
        (Backend::Alb, Integration::CloudMap) => {
            r.push("Cloud Map registers task IPs, not an ALB: the backend is an ALB".to_owned())
        }
        _ => {}
    }
}

/// What each API type's VPC link can target: Cloud Map only from HTTP APIs (V2), only an NLB
/// from WebSocket APIs (V1).
pub(super) fn vpc_link(l: &Layout, _: &Scenario, r: &mut Reasons) {
    if l.integration == Integration::CloudMap && l.api != Api::Http {
        r.push(
            "VPC links of REST and WebSocket APIs never target Cloud Map (HTTP APIs only)"
                .to_owned(),
        );
    }
    if l.api == Api::WebSocket && matches!(l.integration, Integration::Alb | Integration::CloudMap)
    {
        r.push(
            "WebSocket private integrations use VPC link V1, which targets only an NLB".to_owned(),
        );
    }
}
