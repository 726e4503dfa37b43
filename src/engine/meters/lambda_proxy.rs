//! A VPC-enabled Lambda function between API Gateway and the backend (R5-lambda): one invocation
//! per request, and its compute in GB-seconds, in Lambda's three duration tiers (tiered per
//! active Region), less the always-free allowances with `--always-free`. Nothing is billed while
//! it is idle.

use rust_decimal::Decimal;

use super::Meter;
use crate::architecture::Integration;
use crate::component::Component;
use crate::engine::sheet::{Expr, Sheet};
use crate::engine::units::PER_MILLION;
use crate::engine::{Bill, Context, EngineError};

pub struct LambdaProxy;

impl Meter for LambdaProxy {
    fn name(&self) -> &'static str {
        "lambda_proxy"
    }

    fn components(&self) -> &'static [Component] {
        &[Component::LambdaRequests, Component::LambdaDuration]
    }

    fn bill(&self, cx: &Context<'_>, bill: &mut Bill<'_>) -> Result<(), EngineError> {
        let l = cx.layout;
        if l.integration != Integration::LambdaProxy {
            return Ok(());
        }
        let c = Component::LambdaRequests;
        let f = cx
            .formula(c)
            .times(cx.requests, "invocations")
            .per_million();
        bill.add(c, cx.less_free(f, c, cx.requests * PER_MILLION))?;
        let c = Component::LambdaDuration;
        let gb = Decimal::from(l.lambda_memory_mb) / Decimal::from(1024);
        let secs = Decimal::from(l.lambda_duration_ms) / Decimal::from(1000);
        let f = cx
            .formula(c)
            .times(cx.requests, "invocations")
            .times(gb, "GB")
            .times(secs, "s")
            .tiered_per_region(cx.per_region);
        bill.add(c, cx.less_free(f, c, cx.requests * gb * secs))?;
        // Only the defaults are assumptions: the scenario's own figures are not.
        let memory = !cx.scenario.gives("layout.lambda_memory_mb");
        let duration = !cx.scenario.gives("layout.lambda_duration_ms");
        if memory || duration {
            bill.warn(|| assumed_defaults(cx, memory, duration));
        }
        Ok(())
    }

    fn sheet(&self, cx: &Context<'_>, sh: &mut Sheet<'_>) -> Result<(), EngineError> {
        if cx.layout.integration != Integration::LambdaProxy {
            return Ok(());
        }
        let c = Component::LambdaRequests;
        let q = sh.less_free(c, sh.millions(sh.requests()));
        sh.item(c, q)?;
        let c = Component::LambdaDuration;
        let gb = sh.input("layout.lambda_memory_mb") / Expr::num(1024);
        let secs = sh.input("layout.lambda_duration_ms") / Expr::num(1000);
        let q = sh.less_free(c, sh.requests() * gb * secs);
        sh.item_tiered(c, q, true)
    }
}

/// The warning that Lambda compute rests on assumed defaults (`memory`, `duration`: which ones):
/// built only when the estimate is wanted in detail, never in a sweep's lean steps.
fn assumed_defaults(cx: &Context<'_>, memory: bool, duration: bool) -> String {
    let l = cx.layout;
    let assumed: Vec<String> = [
        (
            memory,
            "layout.lambda_memory_mb",
            format!("{} MB", l.lambda_memory_mb),
        ),
        (
            duration,
            "layout.lambda_duration_ms",
            format!("{} ms per call", l.lambda_duration_ms),
        ),
    ]
    .into_iter()
    .filter(|(assumed, _, _)| *assumed)
    .map(|(_, key, figure)| format!("{figure} ({key})"))
    .collect();
    format!(
        "Lambda compute assumes the defaults {}: set your function's own",
        assumed.join(" and ")
    )
}
