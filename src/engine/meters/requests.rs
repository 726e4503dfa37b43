//! API requests: the API Gateway request charge of each API type. REST (private or regional)
//! counts requests; HTTP meters each request in 512 KB increments; WebSocket meters messages in
//! 32 KB increments and adds connection minutes. Requests are tiered per active Region and take
//! the free tier.

use rust_decimal::Decimal;

use super::Meter;
use crate::architecture::Api;
use crate::component::Component;
use crate::engine::sheet::{Expr, Sheet};
use crate::engine::units::{PER_MILLION, ceil_units};
use crate::engine::{Bill, Context, EngineError};

pub struct Requests;

impl Meter for Requests {
    fn name(&self) -> &'static str {
        "requests"
    }

    fn components(&self) -> &'static [Component] {
        &[
            Component::RestRequests,
            Component::HttpRequests,
            Component::WebsocketMessages,
            Component::WebsocketMinutes,
        ]
    }

    fn bill(&self, cx: &Context<'_>, bill: &mut Bill<'_>) -> Result<(), EngineError> {
        match cx.layout.api {
            Api::PrivateRest | Api::RegionalRest => rest(cx, bill),
            Api::Http => http(cx, bill),
            Api::WebSocket => websocket(cx, bill),
        }
    }

    fn sheet(&self, cx: &Context<'_>, sh: &mut Sheet<'_>) -> Result<(), EngineError> {
        let requests = sh.requests();
        let (c, per_request) = match cx.layout.api {
            Api::PrivateRest | Api::RegionalRest => (Component::RestRequests, None),
            Api::Http => {
                let units = sh.input("traffic.request_kb").ceil_units(512);
                let units = sh.figure("512 KB metering units per request", "units", units);
                (Component::HttpRequests, Some(units))
            }
            Api::WebSocket => (Component::WebsocketMessages, Some(websocket_units(sh))),
        };
        let count = match per_request {
            Some(units) => requests * units,
            None => requests,
        };
        let q = sh.less_free(c, sh.millions(count));
        sh.item_tiered(c, q, true)?;
        if cx.layout.api == Api::WebSocket {
            let c = Component::WebsocketMinutes;
            let minutes = sh.millions(sh.input("traffic.connection_minutes_per_month"));
            let q = sh.less_free(c, minutes);
            sh.item(c, q)?;
        }
        Ok(())
    }
}

/// 32 KB units of a message in plus its reply (none when there is no reply), as a row.
fn websocket_units(sh: &mut Sheet<'_>) -> Expr {
    let response = sh.input("traffic.response_kb");
    let units_in = sh.input("traffic.request_kb").ceil_units(32);
    let units_out = Expr::if_zero(&response, Expr::num(0), response.clone().ceil_units(32));
    let label = "32 KB metering units per message in and its reply";
    sh.figure(label, "units", units_in + units_out)
}

fn rest(cx: &Context<'_>, bill: &mut Bill<'_>) -> Result<(), EngineError> {
    let c = Component::RestRequests;
    let f = cx
        .formula(c)
        .times(cx.requests, "requests")
        .per_million()
        .tiered_per_region(cx.per_region);
    bill.add(c, cx.less_free(f, c, cx.requests * PER_MILLION))
}

fn http(cx: &Context<'_>, bill: &mut Bill<'_>) -> Result<(), EngineError> {
    let c = Component::HttpRequests;
    let units = ceil_units(cx.traffic().request_kb, Decimal::from(512));
    let f = cx
        .formula(c)
        .times(cx.requests, "requests")
        .times(units, "× 512 KB units")
        .per_million()
        .tiered_per_region(cx.per_region);
    bill.add(c, cx.less_free(f, c, cx.requests * units * PER_MILLION))
}

fn websocket(cx: &Context<'_>, bill: &mut Bill<'_>) -> Result<(), EngineError> {
    let t = cx.traffic();
    let c = Component::WebsocketMessages;
    let units_in = ceil_units(t.request_kb, Decimal::from(32));
    let units_out = if t.response_kb.is_zero() {
        Decimal::ZERO
    } else {
        ceil_units(t.response_kb, Decimal::from(32))
    };
    let per = units_in + units_out;
    let f = cx
        .formula(c)
        .times(cx.requests, "messages in")
        .times(per, "32 KB units in and out")
        .per_million()
        .tiered_per_region(cx.per_region);
    bill.add(c, cx.less_free(f, c, cx.requests * per * PER_MILLION))?;
    // Connection minutes are one figure for the whole API, not split over Regions.
    let c = Component::WebsocketMinutes;
    let minutes = t.connection_minutes_per_month;
    let f = cx
        .formula(c)
        .times(minutes, "connection-minutes")
        .per_million();
    bill.add(c, cx.less_free(f, c, minutes * PER_MILLION))
}
