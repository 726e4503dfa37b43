//! AWS WAF in front of a REST API, when `rest_features` holds `waf` (or `[layout]` gives
//! `waf_rules`): one web ACL per Region (a web ACL protects every API of its Region), its rules
//! or rule groups each month, and every request it inspects. Bot Control, Fraud Control and
//! other paid rule groups, and inspection beyond the default body size, are not priced.

use rust_decimal::Decimal;

use super::Meter;
use crate::component::Component;
use crate::engine::sheet::{Expr, Sheet};
use crate::engine::units::PER_MILLION;
use crate::engine::{Bill, Context, EngineError};
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
        let f = cx
            .formula(c)
            .times(cx.regions, "web ACL[s] (one per Region)")
            .billing(regions);
        bill.add(c, f)?;
        let c = Component::WafRules;
        let f = cx
            .formula(c)
            .times(rules, "rule[s] or rule group[s]")
            .times_if(cx.regions > 1, cx.regions, "Region[s]")
            .billing(Decimal::from(rules) * regions);
        bill.add(c, f)?;
        let c = Component::WafRequests;
        let f = cx
            .formula(c)
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

    /// Live on a REST API: a blank `layout_waf_rules` is no web ACL, a number of rules is one
    /// in every Region.
    fn sheet(&self, cx: &Context<'_>, sh: &mut Sheet<'_>) -> Result<(), EngineError> {
        if !cx.layout.api.is_rest() {
            return Ok(());
        }
        let rules = sh.input("layout.waf_rules");
        let none = cx.layout.waf_rules.is_none();
        let acls = Expr::unless_blank(&rules, none, sh.regions());
        sh.item(Component::WafWebAcls, acls)?;
        let q = Expr::unless_blank(&rules, none, rules.clone() * sh.regions());
        sh.item(Component::WafRules, q)?;
        let q = Expr::unless_blank(&rules, none, sh.millions(sh.requests()));
        sh.item(Component::WafRequests, q)
    }
}
