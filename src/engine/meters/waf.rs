//! AWS WAF in front of a REST API, when `rest_features` holds `waf` (or `[layout]` gives
//! `waf_rules`): one web ACL per Region (a web ACL protects every API of its Region), its rules
//! or rule groups each month, and every request it inspects. Bot Control, Fraud Control and
//! other paid rule groups, and inspection beyond the default body size, are not priced.

use rust_decimal::Decimal;

use super::Meter;
use crate::component::Component;
use crate::engine::units::PER_MILLION;
use crate::engine::{Bill, Context, EngineError, Formula};
use crate::scenario::WAF_RULES;

pub struct Waf;

impl Meter for Waf {
    fn name(&self) -> &'static str {
        "waf"
    }

    fn components(&self) -> &'static [Component] {
        &[
            Component::WafWebAcls,
            Component::WafRules,
            Component::WafRequests,
        ]
    }

    fn bill(&self, cx: &Context<'_>, bill: &mut Bill<'_>) -> Result<(), EngineError> {
        let Some(rules) = cx.layout.waf_rules else {
            return Ok(());
        };
        let regions = Decimal::from(cx.regions);
        let c = Component::WafWebAcls;
        let f = Formula::of(c)
            .times(cx.regions, "web ACL[s] (one per Region)")
            .billing(regions);
        bill.add(c, f)?;
        let c = Component::WafRules;
        let f = Formula::of(c)
            .times(rules, "rule[s] or rule group[s]")
            .times_if(cx.regions > 1, cx.regions, "Region[s]")
            .billing(Decimal::from(rules) * regions);
        bill.add(c, f)?;
        let c = Component::WafRequests;
        let f = Formula::of(c)
            .times(cx.requests, "requests inspected")
            .per_million()
            .billing(cx.requests * PER_MILLION);
        bill.add(c, f)?;
        let set = cx.scenario.layout.as_ref().and_then(|l| l.waf_rules);
        if set.is_none() {
            bill.warn(|| {
                format!(
                    "AWS WAF is priced with {WAF_RULES} rules, an assumption (AWS's core rule set, known bad inputs and IP reputation rule groups, and one rate-based rule): set layout.waf_rules"
                )
            });
        }
        Ok(())
    }
}
