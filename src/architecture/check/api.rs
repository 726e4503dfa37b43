//! The API type against the workload and the requirements: WebSocket only for WebSocket
//! workloads, a private endpoint and the REST-only features only on private REST APIs.

use super::Findings;
use crate::architecture::{Api, Layout};
use crate::scenario::Scenario;

/// WebSocket APIs carry WebSocket workloads, and nothing else does.
pub(super) fn workload(l: &Layout, s: &Scenario, r: &mut Findings) {
    let websocket = s.traffic.is_websocket();
    match l.api {
        Api::WebSocket => r.require(
            websocket,
            "traffic_connection_minutes_per_month>0",
            "a WebSocket API needs WebSocket traffic (traffic.connection_minutes_per_month)",
            || {
                "WebSocket APIs are for WebSocket workloads; this scenario has no \
                 traffic.connection_minutes_per_month"
            },
        ),
        Api::PrivateRest | Api::Http => r.require(
            !websocket,
            "traffic_connection_minutes_per_month=0",
            "a WebSocket workload (traffic.connection_minutes_per_month) needs a WebSocket API",
            || {
                format!(
                    "this is a WebSocket workload (traffic.connection_minutes_per_month is set): {} \
                     APIs do not carry it",
                    l.api.name()
                )
            },
        ),
    }
}

/// `requirements.private_endpoint`: only REST APIs have the private endpoint type.
pub(super) fn private_endpoint(l: &Layout, s: &Scenario, r: &mut Findings) {
    if l.api != Api::PrivateRest && s.requirements.private_endpoint {
        r.add(|| {
            format!(
                "{} APIs have no private endpoint type, and requirements.private_endpoint is true",
                l.api.name()
            )
        });
    }
}

/// `requirements.rest_features`: HTTP APIs lack them.
pub(super) fn rest_features(l: &Layout, s: &Scenario, r: &mut Findings) {
    let features = &s.requirements.rest_features;
    if l.api == Api::Http && !features.is_empty() {
        r.add(|| {
            let quoted: Vec<String> = features.iter().map(|f| format!("`{f}`")).collect();
            format!(
                "HTTP APIs lack {} (requirements.rest_features)",
                quoted.join(", ")
            )
        });
    }
}

/// `layout.cache_gb`: only REST APIs have a cache.
pub(super) fn cache(l: &Layout, _: &Scenario, r: &mut Findings) {
    if l.api != Api::PrivateRest {
        r.require(
            l.cache_gb.is_none(),
            "ISBLANK(layout_cache_gb)",
            "only REST APIs have a cache (layout.cache_gb)",
            || "only REST APIs have a cache (layout.cache_gb)",
        );
    }
}
