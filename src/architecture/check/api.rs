//! The API type against the workload and the requirements: WebSocket only for WebSocket
//! workloads, a private endpoint only on private REST APIs, the REST-only features only on REST
//! APIs (a required cache and web ACL present), a cache and a web ACL only where they exist.

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
        Api::PrivateRest | Api::RegionalRest | Api::Http => r.require(
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

/// `requirements.rest_features`: HTTP APIs lack them; a regional REST API lacks the private
/// endpoint, a private one the edge-optimized endpoint type; a REST layout must carry the cache and the web ACL the features require.
pub(super) fn rest_features(l: &Layout, s: &Scenario, r: &mut Findings) {
    let req = &s.requirements;
    let features = &req.rest_features;
    if l.api == Api::Http && !features.is_empty() {
        r.add(|| {
            let quoted: Vec<String> = features.iter().map(|f| format!("`{f}`")).collect();
            format!(
                "HTTP APIs lack {} (requirements.rest_features)",
                quoted.join(", ")
            )
        });
        return;
    }
    if l.api == Api::RegionalRest && req.needs("private-endpoint") {
        r.add(|| "a regional REST API has no private endpoint (requirements.rest_features holds `private-endpoint`)");
    }
    if l.api == Api::PrivateRest && req.needs("edge-optimized") {
        r.add(|| "a private REST API cannot be edge-optimized (requirements.rest_features holds `edge-optimized`)");
    }
    if l.api.is_rest() && req.needs("caching") {
        r.require(
            l.cache_gb.is_some(),
            "NOT(ISBLANK(layout_cache_gb))",
            "requirements.rest_features holds `caching`: the REST cache needs a size",
            || "requirements.rest_features holds `caching`, and this layout has no REST cache",
        );
    }
    if l.api.is_rest() && req.needs("waf") {
        r.require(
            l.waf_rules.is_some(),
            "NOT(ISBLANK(layout_waf_rules))",
            "requirements.rest_features holds `waf`: the web ACL needs its rules",
            || "requirements.rest_features holds `waf`, and this layout has no AWS WAF web ACL",
        );
    }
}

/// `layout.cache_gb`: only REST APIs have a cache.
pub(super) fn cache(l: &Layout, _: &Scenario, r: &mut Findings) {
    if !l.api.is_rest() {
        r.require(
            l.cache_gb.is_none(),
            "ISBLANK(layout_cache_gb)",
            "only REST APIs have a cache (layout.cache_gb)",
            || "only REST APIs have a cache (layout.cache_gb)",
        );
    }
}

/// `layout.waf_rules`: AWS WAF protects REST APIs; HTTP and WebSocket APIs cannot be associated
/// with a web ACL.
pub(super) fn waf(l: &Layout, _: &Scenario, r: &mut Findings) {
    if !l.api.is_rest() {
        r.require(
            l.waf_rules.is_none(),
            "ISBLANK(layout_waf_rules)",
            "AWS WAF web ACLs attach to REST APIs only (layout.waf_rules)",
            || {
                format!(
                    "AWS WAF web ACLs attach to REST APIs, not to {} APIs (layout.waf_rules)",
                    l.api.name()
                )
            },
        );
    }
}
