//! Reading price tables from TOML: serde for the shape (unknown keys refused), then checks a
//! serde schema cannot express (units match the component, tiers ascend, prices are exact
//! non-negative decimals), each reported at its place in the file.

use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;
use toml::Spanned;

use super::check;
use super::import::is_region_id;
use super::{FreeTier, Price, PriceBook, PriceTable, Rate, Tier, price_items};
use crate::component::{COUNT, Component};
use crate::diagnostic::{Diagnostic, suggest};
use crate::error::Error;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    region: Spanned<String>,
    currency: Spanned<String>,
    #[serde(default)]
    free_tier: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    #[serde(default)]
    prices: BTreeMap<Spanned<String>, Spanned<RawPrice>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPrice {
    unit: String,
    price: Option<Spanned<String>>,
    tiers: Option<Vec<Spanned<RawTier>>>,
    sizes: Option<Vec<Spanned<RawSize>>>,
    source: String,
    effective_date: Spanned<String>,
    status: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTier {
    up_to: Option<String>,
    price: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSize {
    gb: String,
    price: String,
}

/// Makes a diagnostic at a byte span of the table being read.
type At<'a> = dyn Fn(Range<usize>, String) -> Diagnostic + 'a;

/// Parses one price table. `origin` names it in messages.
pub fn parse_table(origin: &str, text: &str) -> Result<PriceTable, Vec<Diagnostic>> {
    if text.trim().is_empty() {
        return Err(vec![Diagnostic::file(origin, "the price table is empty")]);
    }
    let raw: RawTable = toml::from_str(text).map_err(|e| {
        vec![crate::diagnostic::toml_syntax(
            origin,
            text,
            &e,
            "invalid price table",
        )]
    })?;
    let mut errors = Vec::new();
    let source = crate::diagnostic::Source::new(text);
    let at = |span: Range<usize>, msg: String| source.at(origin, span, msg);
    if raw.currency.get_ref() != "USD" {
        errors.push(
            at(
                raw.currency.span(),
                format!(
                    "currency must be \"USD\", found \"{}\"",
                    raw.currency.get_ref()
                ),
            )
            .with_help("the engine prices in US dollars, as AWS's price lists do"),
        );
    }
    if !is_region_id(raw.region.get_ref()) {
        errors.push(
            at(
                raw.region.span(),
                format!(
                    "region must be an AWS Region identifier such as \"us-east-1\", found \"{}\"",
                    raw.region.get_ref().escape_debug()
                ),
            )
            .with_help(
                "Region identifiers are lower case: `^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\\d+$`",
            ),
        );
    }
    let today = check::today();
    let mut items: Box<[Option<Price>; COUNT]> = Box::new(std::array::from_fn(|_| None));
    for (key, value) in &raw.prices {
        match read_item(key, value, &at, today) {
            Ok((component, price)) => items[component.index()] = Some(price),
            Err(mut e) => errors.append(&mut e),
        }
    }
    let free_tier = read_free_tier(raw.free_tier.as_ref(), &at, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(PriceTable {
        region: raw.region.into_inner(),
        currency: raw.currency.into_inner(),
        origin: origin.to_owned(),
        items,
        free_tier,
        overlay: None,
    })
}

/// The component a `[prices.<id>]` key names, if it is a price item.
fn price_item(key: &Spanned<String>, at: &At<'_>) -> Result<Component, Diagnostic> {
    if let Some(c) = price_items().find(|c| c.id() == key.get_ref()) {
        return Ok(c);
    }
    let help = suggest(key.get_ref(), price_items().map(Component::id)).map_or_else(
        || "price items are named by component id, e.g. `endpoint-hours`".to_owned(),
        |s| format!("did you mean `{s}`?"),
    );
    Err(at(
        key.span(),
        format!("unknown price item `{}`", key.get_ref()),
    )
    .with_help(help))
}

/// One `[prices.<id>]` section, checked: every problem with it, or its price.
fn read_item(
    key: &Spanned<String>,
    value: &Spanned<RawPrice>,
    at: &At<'_>,
    today: i64,
) -> Result<(Component, Price), Vec<Diagnostic>> {
    let component = price_item(key, at).map_err(|d| vec![d])?;
    let p = value.get_ref();
    if p.unit != component.unit() {
        return Err(vec![at(
            value.span(),
            format!(
                "`{}` must be priced per \"{}\", found unit \"{}\"",
                component.id(),
                component.unit(),
                p.unit
            ),
        )]);
    }
    let mut errors = Vec::new();
    let unverified = match &p.status {
        None => false,
        Some(s) if s.get_ref() == "unverified" => true,
        Some(s) => {
            errors.push(
                at(s.span(), format!("unknown status \"{}\"", s.get_ref())).with_help(
                    "the only status is \"unverified\"; leave it out for a sourced price",
                ),
            );
            false
        }
    };
    if let Some(m) = check::date(p.effective_date.get_ref(), today) {
        errors.push(at(
            p.effective_date.span(),
            format!("effective_date of `{}`: {m}", component.id()),
        ));
    }
    match read_rate(component, p, value.span(), at) {
        Ok(rate) if errors.is_empty() => Ok((
            component,
            Price {
                rate,
                source: p.source.clone(),
                effective_date: p.effective_date.get_ref().clone(),
                unverified,
            },
        )),
        Ok(_) => Err(errors),
        Err(mut e) => {
            errors.append(&mut e);
            Err(errors)
        }
    }
}

/// The `price`, `tiers` or `sizes` of an item (exactly one of them).
fn read_rate(
    component: Component,
    p: &RawPrice,
    span: Range<usize>,
    at: &At<'_>,
) -> Result<Rate, Vec<Diagnostic>> {
    let id = component.id();
    match (&p.price, &p.tiers, &p.sizes) {
        (Some(price), None, None) => match unit_price(price.get_ref()) {
            Ok(d) => match check::flat(component, d) {
                None => Ok(Rate::Flat(d)),
                Some(m) => Err(vec![at(price.span(), m)]),
            },
            Err(m) => Err(vec![at(price.span(), format!("`price` of `{id}` {m}"))]),
        },
        (None, Some(tiers), None) => read_tiers(tiers)
            .and_then(|out| match check::tiers(component, &out) {
                Ok(()) => Ok(Rate::Tiered(out)),
                Err((i, m)) => Err((tiers[i].span(), m)),
            })
            .map_err(|(span, m)| vec![at(span, format!("tiers of `{id}`: {m}"))]),
        (None, None, Some(sizes)) => {
            let mut out = Vec::new();
            let mut errors = Vec::new();
            for s in sizes {
                match (amount(&s.get_ref().gb), unit_price(&s.get_ref().price)) {
                    (Ok(g), Ok(p)) => out.push((g, p)),
                    (Err(m), _) | (_, Err(m)) => {
                        errors.push(at(s.span(), format!("size of `{id}` {m}")))
                    }
                }
            }
            if let (true, Err((i, m))) = (errors.is_empty(), check::sizes(component, &out)) {
                errors.push(at(sizes[i].span(), format!("sizes of `{id}`: {m}")));
            }
            if errors.is_empty() {
                Ok(Rate::Sizes(out))
            } else {
                Err(errors)
            }
        }
        _ => Err(vec![at(
            span,
            format!("`{id}` needs exactly one of `price`, `tiers` or `sizes`"),
        )]),
    }
}

/// The `[free_tier]` allowances; problems are added to `errors`.
fn read_free_tier(
    raw: Option<&BTreeMap<Spanned<String>, Spanned<String>>>,
    at: &At<'_>,
    errors: &mut Vec<Diagnostic>,
) -> FreeTier {
    let mut free_tier = FreeTier::default();
    for (key, value) in raw.into_iter().flatten() {
        let (name, text) = (key.get_ref(), value.get_ref());
        if name == "source" {
            free_tier.source = text.clone();
            continue;
        }
        match (Component::from_id(name), amount(text)) {
            (Some(c), Ok(a)) => match check::free_tier(c, a) {
                None => free_tier.allowances.push((c, a)),
                Some(m) => errors.push(at(value.span(), m)),
            },
            (None, _) => errors.push(
                at(key.span(), format!("unknown free-tier item `{name}`"))
                    .with_help("free-tier items are named by component id, e.g. `rest-requests`"),
            ),
            (_, Err(m)) => errors.push(at(value.span(), format!("free-tier `{name}` {m}"))),
        }
    }
    free_tier
}

/// The largest tier edge or size a table may hold.
const LARGEST: Decimal = Decimal::from_parts(0xA4C6_8000, 0x38D7E, 0, false, 0); // 1e15
/// The largest unit price. The scenario reader's ranges bound every quantity (the largest,
/// Lambda GB-seconds, at 9e18), so no amount can come near `Decimal`'s limit (about 7.9e28):
/// no arithmetic can overflow.
const LARGEST_PRICE: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

/// A unit price: an amount of at most $1,000,000.
fn unit_price(s: &str) -> Result<Decimal, String> {
    let d = amount(s)?;
    if d > LARGEST_PRICE {
        return Err(format!(
            "must be at most 1,000,000 (dollars per unit), found \"{s}\""
        ));
    }
    Ok(d)
}

fn amount(s: &str) -> Result<Decimal, String> {
    if let Some(m) = check::too_precise(s) {
        return Err(m);
    }
    match s.trim().parse::<Decimal>() {
        Ok(d) if d.is_sign_negative() => Err(format!("must not be negative, found \"{s}\"")),
        Ok(d) if d > LARGEST => Err(format!(
            "must be at most 1,000,000,000,000,000, found \"{s}\""
        )),
        Ok(d) => Ok(d),
        Err(_) => Err(format!(
            "must be a decimal number in quotes, e.g. \"0.01\", found \"{s}\""
        )),
    }
}

fn read_tiers(tiers: &[Spanned<RawTier>]) -> Result<Vec<Tier>, (Range<usize>, String)> {
    if tiers.is_empty() {
        return Err((0..0, "at least one tier is needed".into()));
    }
    if tiers.len() > super::MAX_TIERS {
        return Err((
            tiers[super::MAX_TIERS].span(),
            format!("at most {} tiers, found {}", super::MAX_TIERS, tiers.len()),
        ));
    }
    let mut out: Vec<Tier> = Vec::with_capacity(tiers.len());
    for (i, t) in tiers.iter().enumerate() {
        let price = unit_price(&t.get_ref().price).map_err(|m| (t.span(), format!("price {m}")))?;
        let up_to = match &t.get_ref().up_to {
            None => None,
            Some(u) => Some(amount(u).map_err(|m| (t.span(), format!("up_to {m}")))?),
        };
        if let Some(prev) = out.last() {
            match (prev.up_to, up_to) {
                (None, _) => return Err((t.span(), "a tier follows the open (last) tier".into())),
                (Some(a), Some(b)) if b <= a => {
                    return Err((t.span(), format!("up_to must ascend: {b} after {a}")));
                }
                _ => {}
            }
        }
        if up_to.is_some_and(|u| u.is_zero()) {
            return Err((t.span(), format!("tier {} ends at 0", i + 1)));
        }
        out.push(Tier { up_to, price });
    }
    Ok(out)
}

/// Loads a price table file, or every `*.toml` in a folder.
pub fn load_path(path: &Path) -> Result<PriceBook, Error> {
    let mut files = Vec::new();
    let folder = path.is_dir();
    if folder {
        let entries = std::fs::read_dir(path).map_err(|e| Error::io(path, e))?;
        for entry in entries {
            let p = entry.map_err(|e| Error::io(path, e))?.path();
            if p.extension().is_some_and(|e| e == "toml") {
                files.push(p);
            }
        }
        files.sort();
        if files.is_empty() {
            return Err(Error::Input(vec![Diagnostic::file(
                &path.display().to_string(),
                "no price tables (*.toml) in this folder",
            )]));
        }
    } else {
        files.push(path.to_path_buf());
    }
    let mut book = PriceBook::default();
    let mut errors = Vec::new();
    for f in files {
        let name = f.display().to_string();
        let text = crate::input::read_text(&f)?;
        match parse_table(&name, &text) {
            Ok(t) => {
                if let Some(d) = misnamed(&f, &t.region, folder) {
                    errors.push(d);
                } else if let Some(prev) = book.tables.get(&t.region) {
                    errors.push(Diagnostic::file(
                        &name,
                        format!("Region {} is already priced by {}", t.region, prev.origin),
                    ));
                } else {
                    book.tables.insert(t.region.clone(), t);
                }
            }
            Err(mut e) => errors.append(&mut e),
        }
    }
    if errors.is_empty() {
        Ok(book)
    } else {
        Err(Error::Input(errors))
    }
}

/// A table whose file name says one Region and whose `region` says another: refused, for it
/// would silently replace the Region it holds (`eu-west-1.toml` holding us-east-1, or
/// `US-EAST-1.toml`). In a folder (a price book, as `prices import --all-regions` writes one)
/// every file is `<region>.toml`, exactly; a single file may have any other name
/// (`my-prices.toml`), but a name that is a Region identifier in any case must be its Region's.
fn misnamed(file: &Path, region: &str, folder: bool) -> Option<Diagnostic> {
    let stem = file.file_stem()?.to_string_lossy();
    if stem == region || (!folder && !is_region_id(&stem.to_ascii_lowercase())) {
        return None;
    }
    let name = file.display().to_string();
    Some(
        Diagnostic::file(
            &name,
            format!(
                "this file is named `{}` but holds the prices of Region `{region}`",
                stem.escape_debug()
            ),
        )
        .with_help(format!(
            "a price table is named after its Region, exactly: rename it `{region}.toml`, or fix its `region`"
        )),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errs(text: &str) -> String {
        parse_table("t.toml", text)
            .unwrap_err()
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn currency_and_free_tier_problems_are_located() {
        let text = "region = \"xx-test-1\"\ncurrency = \"EUR\"\n[free_tier]\nsource = \"s\"\nrest-request = \"1\"\nhttp-requests = \"lots\"\n";
        let d = parse_table("t.toml", text).unwrap_err();
        let at: Vec<(usize, usize, &str)> = d
            .iter()
            .map(|d| (d.line, d.column, d.message.as_str()))
            .collect();
        assert_eq!(at[0], (2, 12, "currency must be \"USD\", found \"EUR\""));
        assert_eq!(
            at[1],
            (
                6,
                17,
                "free-tier `http-requests` must be a decimal number in quotes, e.g. \"0.01\", found \"lots\""
            )
        );
        assert_eq!(at[2], (5, 1, "unknown free-tier item `rest-request`"));
    }

    #[test]
    fn rejects_wrong_unit_unknown_item_bad_tiers() {
        let text = r#"region = "xx-test-1"
currency = "USD"
[prices.endpoint-hours]
unit = "hour"
price = "0.01"
source = "s"
effective_date = "2025-01-01"
[prices.endpoint-hour]
unit = "AZ-hour"
price = "0.01"
source = "s"
effective_date = "2025-01-01"
[prices.endpoint-data]
unit = "GB"
tiers = [{ up_to = "10", price = "0.01" }, { up_to = "5", price = "0.006" }]
source = "s"
effective_date = "2025-01-01"
"#;
        let e = errs(text);
        assert!(
            e.contains("`endpoint-hours` must be priced per \"AZ-hour\", found unit \"hour\""),
            "{e}"
        );
        assert!(
            e.contains("unknown price item `endpoint-hour`")
                && e.contains("did you mean `endpoint-hours`?"),
            "{e}"
        );
        assert!(e.contains("up_to must ascend: 5 after 10"), "{e}");
    }

    #[test]
    fn the_largest_amount_is_1e15() {
        assert_eq!(LARGEST, Decimal::from(1_000_000_000_000_000u64));
        assert!(amount("1000000000000000").is_ok());
        assert!(
            amount("1000000000000000.1")
                .unwrap_err()
                .contains("at most")
        );
    }

    #[test]
    fn rejects_unquoted_and_negative_prices() {
        let base = "region = \"xx-test-1\"\ncurrency = \"USD\"\n[prices.tgw-data]\nunit = \"GB\"\nsource = \"s\"\neffective_date = \"2025-01-01\"\n";
        assert!(errs(&format!("{base}price = 0.02\n")).contains("invalid type"));
        assert!(errs(&format!("{base}price = \"-0.02\"\n")).contains("must not be negative"));
        assert!(
            errs(&format!("{base}price = \"abc\"\n"))
                .contains("must be a decimal number in quotes")
        );
    }
}
