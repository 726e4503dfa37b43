//! The `source` text of each imported price: which data set (and its version and publication
//! date), which usage type or keys, which SKU and rate codes, and how AWS's unit was converted,
//! so that a reviewer can find every number in AWS's own data.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::collect::{Candidate, RateRow};
use super::usage_types::{CACHE_USAGE, Per};
use super::{DataKind, OfferFile};

const PER_MILLION: &str =
    " (per unit; here per million: price × 1,000,000, tier edges ÷ 1,000,000)";

fn conversion(per: Per) -> &'static str {
    match per {
        Per::Unit => "",
        Per::Million => PER_MILLION,
    }
}

/// The source of one price.
pub fn source(f: &OfferFile, c: &Candidate) -> String {
    match f.kind {
        DataKind::PriceList => price_list_source(f, c),
        DataKind::PricingPage => page_source(f, c),
        DataKind::Derived => derived_source(f, c),
    }
}

fn price_list_source(f: &OfferFile, c: &Candidate) -> String {
    let codes: Vec<&str> = c.rates.iter().map(|r| r.rate_code.as_str()).collect();
    format!(
        "AWS Price List {} version {} (published {}), usage type {}, SKU {}, rate code{} {}; AWS unit: {}{}",
        f.offer,
        f.version,
        f.published,
        c.usage,
        c.sku,
        if codes.len() == 1 { "" } else { "s" },
        codes.join(", "),
        c.unit,
        conversion(c.per),
    )
}

/// `AWS pricing-page data lambda (lambda-2025-10-30.json, published …), US East (N.
/// Virginia): "Lambda Duration" rate code …; "Lambda Duration Tier2" rate code …`.
fn page_source(f: &OfferFile, c: &Candidate) -> String {
    listed(page_head(f), c, conversion(c.per), |r| {
        format!("\"{}\" rate code {}", r.label, r.rate_code)
    })
}

/// `AWS pricing-page data lambda (lambda-2025-10-30.json, published …)`: how every source from
/// a pricing page's data begins.
pub fn page_head(f: &OfferFile) -> String {
    format!(
        "AWS pricing-page data {} ({}, published {})",
        f.offer,
        f.name(),
        f.published
    )
}

/// `derived data set datatransfer-external-outbound (…json, 2025-06-05), US East (N.
/// Virginia): "… Next 10 TB" 0 to 10240 GB; …; derived by …`.
fn derived_source(f: &OfferFile, c: &Candidate) -> String {
    let head = format!(
        "derived data set {} ({}, {})",
        f.offer,
        f.name(),
        f.published
    );
    listed(head, c, "", |r| {
        let end = r.end.map_or("Inf".into(), |e| e.to_string());
        format!("\"{}\" {} to {end} GB", r.label, r.begin)
    })
}

/// `<head>, <place>: <tier>; <tier><conversion>; <note>`, the tiers lowest first.
fn listed(
    head: String,
    c: &Candidate,
    conversion: &str,
    tier: impl Fn(&RateRow) -> String,
) -> String {
    let mut text = format!("{head}, {}:", place(c));
    for (i, r) in c.tiers().iter().enumerate() {
        let sep = if i == 0 { " " } else { "; " };
        let _ = write!(text, "{sep}{}", tier(r));
    }
    text.push_str(conversion);
    if !c.note.is_empty() {
        let _ = write!(text, "; {}", c.note);
    }
    text
}

/// AWS's name of the place a candidate prices, or "all Regions" for a global price.
fn place(c: &Candidate) -> &str {
    match c.location.as_str() {
        "" | "Any" => "all Regions",
        l => l,
    }
}

/// The source of the REST cache's sizes (one SKU per size).
pub fn cache_source(files: &[OfferFile], sizes: &[(Decimal, &Candidate)]) -> String {
    let first = sizes[0].1;
    let f = &files[first.file];
    let mut text = match f.kind {
        DataKind::PricingPage => format!(
            "{}, {}, keys \"Caching Memory Size <size>\":",
            page_head(f),
            place(first)
        ),
        _ => format!(
            "AWS Price List {} version {} (published {}), usage types {}<size>GB:",
            f.offer, f.version, f.published, CACHE_USAGE
        ),
    };
    for (i, (gb, c)) in sizes.iter().enumerate() {
        let sep = if i == 0 { " " } else { "; " };
        let codes: Vec<&str> = c.rates.iter().map(|r| r.rate_code.as_str()).collect();
        let sku = if f.kind == DataKind::PricingPage {
            String::new()
        } else {
            format!(" SKU {}", c.sku)
        };
        let _ = write!(text, "{sep}{gb} GB{sku} rate code {}", codes.join(", "));
    }
    if f.kind != DataKind::PricingPage {
        let _ = write!(text, "; AWS unit: {}", first.unit);
    }
    text
}
