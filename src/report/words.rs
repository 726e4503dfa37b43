//! Words and figures for people that every human format shares (a layout's label, the sizing
//! lines, a saving in words, a price's rate, a price table's gaps): said once, so the formats
//! say them alike.

use rust_decimal::Decimal;

use crate::pricing::PriceTable;
pub use crate::pricing::price_items;

/// The ids of the price items a table lacks.
pub fn missing_items(t: &PriceTable) -> Vec<&'static str> {
    t.missing().into_iter().map(|c| c.id()).collect()
}

/// How many of a table's prices are marked unverified.
pub fn unverified_items(t: &PriceTable) -> usize {
    price_items()
        .filter(|c| t.get(*c).is_some_and(|p| p.unverified))
        .count()
}

/// A layout in a few words: `private REST · endpoint per VPC · NLB · 2 AZs`.
pub fn layout_label(l: &crate::architecture::Layout) -> String {
    use crate::architecture::{Api, Dns, Endpoints, Facade, Integration, Reach};
    let mut parts: Vec<String> = vec![
        match l.api {
            Api::PrivateRest => "private REST",
            Api::RegionalRest => "regional REST",
            Api::Http => "HTTP API",
            Api::WebSocket => "WebSocket API",
        }
        .into(),
    ];
    match l.endpoints {
        Endpoints::PerVpc if l.endpoints_per_vpc == 1 => parts.push("endpoint per VPC".into()),
        Endpoints::PerVpc => parts.push(format!("{} endpoints per VPC", l.endpoints_per_vpc)),
        Endpoints::SharedTgw => parts.push("shared endpoint over TGW".into()),
        Endpoints::None => {}
    }
    let lbs = if l.load_balancers > 1 {
        format!("{} × ", l.load_balancers)
    } else {
        String::new()
    };
    parts.push(match l.integration {
        Integration::Direct => "direct Lambda".into(),
        Integration::Nlb => format!("{lbs}NLB"),
        Integration::Alb => format!("{lbs}ALB (VPC link V2)"),
        Integration::NlbToAlb => format!("{lbs}NLB → ALB"),
        Integration::CloudMap => "Cloud Map".into(),
        Integration::LambdaProxy => "VPC Lambda".into(),
    });
    match l.reach {
        Reach::SameAccount => {}
        Reach::PrivateLink => parts.push("PrivateLink to accounts".into()),
        Reach::Peering => parts.push("peering to accounts".into()),
        Reach::TransitGateway => parts.push("TGW to accounts".into()),
    }
    match l.dns {
        Dns::None => {}
        Dns::Alias => parts.push("Route 53 alias".into()),
        Dns::PublicName => parts.push("endpoint public name".into()),
        Dns::Resolver => parts.push("Resolver endpoint".into()),
    }
    if l.has_resolver() && l.resolver_ips != 2 {
        parts.push(format!("{} Resolver IPs", l.resolver_ips));
    }
    match l.facade {
        Facade::None => {}
        Facade::Nlb => parts.push("NLB facade".into()),
        Facade::Alb => parts.push("ALB facade".into()),
        Facade::CustomDomain => parts.push("private custom domain".into()),
    }
    if let Some(gb) = l.cache_gb {
        parts.push(format!("{} GB cache", gb.normalize()));
    }
    if let Some(rules) = l.waf_rules {
        parts.push(format!(
            "WAF ({rules} rule{})",
            if rules == 1 { "" } else { "s" }
        ));
    }
    parts.push(format!("{} AZ{}", l.azs, if l.azs == 1 { "" } else { "s" }));
    parts.join(" · ")
}

/// A recommendation's name: its pattern id when it is one, else `custom`.
pub fn recommendation_name(r: &crate::recommend::Recommendation) -> &'static str {
    r.pattern.map_or("custom", |p| p.id)
}

/// The sizing section of an estimate, one line per figure, for the human formats.
pub fn sizing_lines(e: &crate::engine::Estimate) -> Vec<String> {
    use crate::money::{quantity, rate};
    let z = &e.sizing;
    let per_region = if e.layout.active_active {
        " per active Region"
    } else {
        ""
    };
    let capacity = |kind: &str, unit: &str, c: &crate::engine::CapacitySizing| {
        format!(
            "{kind}: {} per Region, {} {unit} per hour on average (set by {}), {} at peak",
            c.balancers,
            quantity(c.average.units),
            c.average.driver,
            quantity(c.peak.units)
        )
    };
    let mut lines = vec![format!(
        "requests: {} average, {} peak{per_region}",
        rate(z.average_rps),
        rate(z.peak_rps)
    )];
    if let Some(c) = &z.alb {
        lines.push(capacity("ALB", "LCU", c));
    }
    if let Some(c) = &z.nlb {
        lines.push(capacity("NLB", "NLCU", c));
    }
    if z.endpoints > 0 {
        lines.push(format!(
            "interface endpoints: {}, network interfaces: {}",
            z.endpoints, z.endpoint_enis
        ));
    }
    if z.resolver_ips > 0 {
        lines.push(format!("Resolver inbound endpoint IPs: {}", z.resolver_ips));
    }
    if z.vpc_links > 0 {
        lines.push(format!("VPC links: {}", z.vpc_links));
    }
    if z.tgw_attachments > 0 {
        lines.push(format!(
            "Transit Gateway attachments: {}",
            z.tgw_attachments
        ));
    }
    lines
}

/// A recommendation's saving as every format that rounds shows it: the difference of the two
/// monthly costs shown (`None` without a current layout), and each change's saving, adding up to
/// it (largest remainder).
pub fn shown_savings(
    current: Option<Decimal>,
    r: &crate::recommend::Recommendation,
) -> (Option<Decimal>, Vec<Decimal>) {
    use crate::money::{apportion, apportion_sum, round_cents};
    let changes: Vec<Decimal> = r.changes.iter().map(|c| c.saving).collect();
    match current {
        Some(c) => {
            let saving = round_cents(c) - round_cents(r.estimate.monthly_cost);
            (Some(saving), apportion(&changes, saving))
        }
        None => (None, apportion_sum(&changes)),
    }
}

/// A change's monthly effect in words: "saves $12.34", "costs $1.00 more", "no change in cost".
pub fn saving_phrase(d: Decimal) -> String {
    use crate::money::{money, round_cents};
    if round_cents(d).is_zero() {
        "no change in cost".to_owned()
    } else if d.is_sign_negative() {
        format!("costs {} more", money(-d))
    } else {
        format!("saves {}", money(d))
    }
}

/// The line items' costs as every format that rounds shows them: to the cent, adding up to the
/// total shown (largest remainder).
pub fn shown_costs(e: &crate::engine::Estimate) -> Vec<Decimal> {
    let costs: Vec<Decimal> = e.line_items.iter().map(|li| li.monthly_cost).collect();
    crate::money::apportion(&costs, crate::money::round_cents(e.monthly_cost))
}

/// The largest components of an estimate, most expensive first, with their costs as shown.
pub fn top_components(
    e: &crate::engine::Estimate,
    n: usize,
) -> Vec<(&crate::engine::LineItem, Decimal)> {
    let mut items: Vec<_> = e.line_items.iter().zip(shown_costs(e)).collect();
    items.sort_by_key(|(li, _)| std::cmp::Reverse(li.monthly_cost));
    items.truncate(n);
    items
}

/// `+$12.34`, `-$1.00`, or `-` for none.
pub fn signed_money(d: Option<Decimal>) -> String {
    match d {
        None => "-".into(),
        Some(d) if d.is_zero() => "$0.00".into(),
        Some(d) if d.is_sign_positive() => format!("+{}", crate::money::money(d)),
        Some(d) => crate::money::money(d),
    }
}

/// `25 items compared: 3 changed, 1 added, 0 removed, 21 unchanged`, and the Regions of two
/// folders that only one side has (`; not compared, only in pricing/: eu-west-1, us-west-2`).
pub fn diff_summary(d: &crate::pricing::diff::PriceDiff) -> String {
    let mut text = format!(
        "{} item{} compared: {} changed, {} added, {} removed, {} unchanged",
        d.compared,
        if d.compared == 1 { "" } else { "s" },
        d.changed,
        d.added,
        d.removed,
        d.unchanged
    );
    for (side, regions) in [(&d.old, &d.only_old), (&d.new, &d.only_new)] {
        if !regions.is_empty() {
            text.push_str(&format!(
                "; not compared, only in {side}: {}",
                regions.join(", ")
            ));
        }
    }
    text
}

/// A diff row's old and new price (or status) and difference, for people:
/// (`$0.0225`, `$0.0252`, `+$0.0027 (+12%)`).
pub fn diff_cells(r: &crate::pricing::diff::DiffRow) -> [String; 3] {
    use crate::money::price;
    use crate::pricing::diff::Change;
    let show = |p: Option<Decimal>| p.map_or_else(|| "-".to_owned(), price);
    match r.change {
        Change::Verified => ["unverified".into(), "sourced".into(), "-".into()],
        Change::Unverified => ["sourced".into(), "unverified".into(), "-".into()],
        _ => {
            let diff = match r.difference() {
                Some(d) => {
                    let sign = if d.is_sign_negative() && !d.is_zero() {
                        "-"
                    } else {
                        "+"
                    };
                    let pct = r.percent().map_or_else(String::new, |p| {
                        let s = if p.is_sign_negative() { "" } else { "+" };
                        format!(" ({s}{}%)", p.normalize())
                    });
                    format!("{sign}{}{pct}", price(d.abs()))
                }
                None => "-".into(),
            };
            [show(r.old), show(r.new), diff]
        }
    }
}

/// A price item's rate in words: `$0.01`, `$3.50 up to 333, $2.80 up to 1,000, then $1.51`.
pub fn rate_text(rate: &crate::pricing::Rate) -> String {
    use crate::money::{number, price};
    use crate::pricing::Rate;
    match rate {
        Rate::Flat(p) => price(*p),
        Rate::Tiered(tiers) => {
            let mut parts = Vec::new();
            for t in tiers {
                match t.up_to {
                    Some(u) => parts.push(format!("{} up to {}", price(t.price), number(u, 6))),
                    None => parts.push(format!("then {}", price(t.price))),
                }
            }
            if tiers.last().is_some_and(|t| t.up_to.is_some()) {
                parts.push("unknown beyond".into());
            }
            parts.join(", ")
        }
        Rate::Sizes(sizes) => sizes
            .iter()
            .map(|(gb, p)| format!("{} GB {}", number(*gb, 3), price(*p)))
            .collect::<Vec<_>>()
            .join(", "),
    }
}
