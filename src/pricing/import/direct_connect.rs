//! Region prices for Direct Connect, derived from AWS's Direct Connect pricing-page data
//! (`directconnect`, published 2020-09-25) only where the data itself settles them. AWS prices
//! Direct Connect per Direct Connect location, not per Region, so a Region gets a price only
//! when every location of it that the data prices quotes the same one:
//!
//! - `dx-port-hours`: the 1 Gbps dedicated port-hour ("Direct Connect 1G <location>"), when every
//!   1G key of the Region quotes the same price;
//! - `dx-data`: data out ("DataTransfer InterRegion Outbound to <location>") to the Region's own
//!   port locations, the names matched ignoring punctuation, spacing and case, when the
//!   locations that have such a key all quote the same price.
//!
//! Otherwise the item stays missing, with the reason. Every price says the data is of 2020.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::collect::{Collector, number};
use super::page::PageRate;
use super::{Missing, sources};
use crate::component::Component;
use crate::pricing::{Price, Rate};

/// The data set's name (`manifest.source`).
pub const DATA_SET: &str = "directconnect";

/// A dedicated 1 Gbps port at a location: the port the engine prices.
const PORT_1G: &str = "Direct Connect 1G ";
/// A dedicated 10 Gbps port: read only to know the key.
const PORT_10G: &str = "Direct Connect 10G ";
/// Data out from the Region to a location.
const OUT: &str = "DataTransfer InterRegion Outbound to ";

/// What every price and reason from this data says of it.
const CAVEAT: &str = "Direct Connect is priced per location and this data is of 2020: check your location's current price, or pass it with --prices";

/// Whether `key` is one of the data set's kinds of key.
pub fn is_known(key: &str) -> bool {
    [PORT_1G, PORT_10G, OUT].iter().any(|p| key.starts_with(p))
}

/// One quote of the data: its key, rate code and price.
#[derive(Clone, Copy)]
struct Quote<'a> {
    key: &'a str,
    rate_code: &'a str,
    price: Decimal,
}

/// Reads the keys of one location (a Region) and records, in the Region's bucket, each item's
/// price or the reason it has none.
pub fn read_location(
    c: &mut Collector,
    file: usize,
    (location, region): (&str, &str),
    rates: &BTreeMap<String, PageRate>,
) {
    let ports = quotes(c, file, location, rates, PORT_1G);
    let outbound = quotes(c, file, location, rates, OUT);
    let head = format!("{}, {location}:", sources::page_head(&c.files[file]));
    let date = c.files[file].date().to_owned();
    let results = [
        (Component::DxPortHours, port_hours(&head, &ports)),
        (Component::DxData, data_out(&head, &ports, &outbound)),
    ];
    let bucket = c.bucket(region);
    for (item, result) in results {
        match result {
            Ok((price, source)) => bucket.settled.push((
                item,
                Price {
                    rate: Rate::Flat(price.normalize()),
                    source,
                    effective_date: date.clone(),
                    unverified: false,
                },
            )),
            Err(reason) => bucket.missing.push(Missing {
                item,
                reason: format!("{reason}; {CAVEAT}"),
            }),
        }
    }
}

/// The quotes of the keys that start with `prefix`; a price that is not a number is a problem.
fn quotes<'r>(
    c: &mut Collector,
    file: usize,
    location: &str,
    rates: &'r BTreeMap<String, PageRate>,
    prefix: &str,
) -> Vec<Quote<'r>> {
    let mut out = Vec::new();
    for (key, rate) in rates.iter().filter(|(k, _)| k.starts_with(prefix)) {
        match number(&rate.price) {
            Some(price) => out.push(Quote {
                key,
                rate_code: &rate.rate_code,
                price,
            }),
            None => {
                let message = format!(
                    "{location}: the price \"{}\" of \"{key}\" is not a number",
                    rate.price
                );
                c.problem(file, 0, message);
            }
        }
    }
    out
}

/// The 1 Gbps port-hour price, with its source, when every 1G port of the Region agrees.
fn port_hours(head: &str, ports: &[Quote<'_>]) -> Result<(Decimal, String), String> {
    if ports.is_empty() {
        return Err(format!(
            "AWS's Direct Connect data ({DATA_SET}) prices no 1 Gbps port at a location of this Region"
        ));
    }
    let price = agreed(ports).map_err(|prices| {
        format!("the 1 Gbps ports of this Region's Direct Connect locations are priced differently in AWS's Direct Connect data ({DATA_SET}): {prices}")
    })?;
    let agree = match ports.len() {
        1 => "the only 1G port of this Region".to_owned(),
        n => format!("all {n} 1G ports of this Region agree"),
    };
    let mut source = format!("{head} a dedicated 1 Gbps port-hour; {agree}:");
    cite(&mut source, ports);
    let _ = write!(source, "; {CAVEAT}");
    Ok((price, source))
}

/// The data-out price to the Region's own port locations, with its source, when the ones the
/// data prices agree.
fn data_out(
    head: &str,
    ports: &[Quote<'_>],
    outbound: &[Quote<'_>],
) -> Result<(Decimal, String), String> {
    let own: Vec<Quote<'_>> = outbound
        .iter()
        .filter(|o| {
            let to = name(&o.key[OUT.len()..]);
            ports.iter().any(|p| name(&p.key[PORT_1G.len()..]) == to)
        })
        .copied()
        .collect();
    if own.is_empty() {
        return Err(format!(
            "none of this Region's {} Direct Connect port locations has a \"{OUT}<location>\" price in AWS's Direct Connect data ({DATA_SET})",
            ports.len()
        ));
    }
    let price = agreed(&own).map_err(|prices| {
        format!("data out to this Region's own Direct Connect port locations is priced differently in AWS's Direct Connect data ({DATA_SET}): {prices}")
    })?;
    let agree = match own.len() {
        1 => "the only one".to_owned(),
        n => format!("all {n} agree"),
    };
    let mut source = format!(
        "{head} data out to this Region's own Direct Connect port locations ({} of its {} have a price in the data; names matched ignoring punctuation, spacing and case); {agree}:",
        own.len(),
        ports.len()
    );
    cite(&mut source, &own);
    let _ = write!(source, "; {CAVEAT}");
    Ok((price, source))
}

/// The one price every quote gives, or the prices they give (`$0.285 at 3 locations, ...`).
fn agreed(quotes: &[Quote<'_>]) -> Result<Decimal, String> {
    let mut prices: Vec<(Decimal, usize)> = Vec::new();
    for q in quotes {
        match prices.iter_mut().find(|(p, _)| *p == q.price) {
            Some((_, n)) => *n += 1,
            None => prices.push((q.price, 1)),
        }
    }
    match prices.as_slice() {
        [(price, _)] => Ok(*price),
        many => Err(many
            .iter()
            .map(|(p, n)| {
                let at = if *n == 1 { "location" } else { "locations" };
                format!("${} at {n} {at}", p.normalize())
            })
            .collect::<Vec<_>>()
            .join(", ")),
    }
}

/// `"<key>" rate code <code>; ...`, appended to `source`.
fn cite(source: &mut String, quotes: &[Quote<'_>]) {
    for (i, q) in quotes.iter().enumerate() {
        let sep = if i == 0 { " " } else { "; " };
        let _ = write!(source, "{sep}\"{}\" rate code {}", q.key, q.rate_code);
    }
}

/// A location's name for matching: letters and digits only, lower case, single spaces.
fn name(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Why a Direct Connect item is missing for a Region the data names no location of.
pub fn not_in_data() -> String {
    format!(
        "AWS's Direct Connect data ({DATA_SET}) names no Direct Connect location of this Region; {CAVEAT}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::import::{Imported, import_files};

    fn import(regions: &str) -> Imported {
        let text = format!(
            r#"{{"manifest": {{"source": "directconnect", "esIndex": "plc-directconnect-usd-1", "hawkFilePublicationDate": "2020-09-25T17:21:57Z", "currencyCode": "USD"}}, "regions": {{{regions}}}}}"#
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("directconnect-2020-09-25.json");
        std::fs::write(&path, text).unwrap();
        import_files(&[path], Some("eu-west-1")).unwrap()
    }

    fn rate(key: &str, code: &str, price: &str) -> String {
        format!(r#""{key}": {{"rateCode": "{code}.T.R", "price": "{price}"}}"#)
    }

    #[test]
    fn a_region_gets_the_prices_its_locations_agree_on() {
        let keys = [
            rate("Direct Connect 1G Equinix LD4 LD6", "P1", "0.3000000000"),
            rate("Direct Connect 1G Interxion Dublin", "P2", "0.3000000000"),
            rate("Direct Connect 10G Interxion Dublin", "P3", "2.25"),
            rate(
                "DataTransfer InterRegion Outbound to Interxion, Dublin",
                "D1",
                "0.02",
            ),
            rate(
                "DataTransfer InterRegion Outbound to Equinix SG2",
                "D2",
                "0.09",
            ),
        ];
        let imported = import(&format!(r#""EU (Ireland)": {{{}}}"#, keys.join(", ")));
        let t = &imported.table;
        let port = t.get(Component::DxPortHours).unwrap();
        assert_eq!(port.rate, Rate::Flat("0.3".parse().unwrap()));
        assert_eq!(port.effective_date, "2020-09-25");
        assert!(
            port.source.contains("directconnect-2020-09-25.json")
                && port.source.contains("all 2 1G ports of this Region agree")
                && port.source.contains("rate code P1.T.R")
                && port.source.contains("rate code P2.T.R"),
            "{}",
            port.source
        );
        // Only the Region's own location (punctuation aside) counts, not Singapore's.
        let data = t.get(Component::DxData).unwrap();
        assert_eq!(data.rate, Rate::Flat("0.02".parse().unwrap()));
        assert!(
            data.source.contains("1 of its 2") && data.source.contains("D1.T.R"),
            "{}",
            data.source
        );
        assert!(!data.source.contains("D2.T.R"), "{}", data.source);
    }

    #[test]
    fn locations_that_disagree_leave_the_item_missing_with_the_reason() {
        let reason = |imported: &Imported, item| {
            let m = imported.missing.iter().find(|m| m.item == item).unwrap();
            m.reason.clone()
        };
        // Ports that disagree; data out to two of the three port locations agrees.
        let keys = [
            rate("Direct Connect 1G A", "P1", "0.285"),
            rate("Direct Connect 1G B", "P2", "0.3"),
            rate("Direct Connect 1G C", "P3", "0.285"),
            rate("DataTransfer InterRegion Outbound to A", "D1", "0.02"),
            rate("DataTransfer InterRegion Outbound to B", "D2", "0.02"),
        ];
        let imported = import(&format!(r#""EU (Ireland)": {{{}}}"#, keys.join(", ")));
        assert!(imported.table.get(Component::DxPortHours).is_none());
        let port = reason(&imported, Component::DxPortHours);
        assert!(
            port.contains("priced differently")
                && port.contains("$0.285 at 2 locations, $0.3 at 1 location")
                && port.contains("of 2020"),
            "{port}"
        );
        let data = imported.table.get(Component::DxData).unwrap();
        assert!(data.source.contains("all 2 agree"), "{}", data.source);
        // Ports that agree; data out to their locations does not, or is not in the data.
        let keys = [
            rate("Direct Connect 1G A", "P1", "0.3"),
            rate("Direct Connect 1G B", "P2", "0.3"),
            rate("DataTransfer InterRegion Outbound to A", "D1", "0.02"),
            rate("DataTransfer InterRegion Outbound to B", "D2", "0.1"),
        ];
        let imported = import(&format!(r#""EU (Ireland)": {{{}}}"#, keys.join(", ")));
        let data = reason(&imported, Component::DxData);
        assert!(
            data.contains("$0.02 at 1 location, $0.1 at 1 location"),
            "{data}"
        );
        let imported = import(&format!(r#""EU (Ireland)": {{{}}}"#, keys[..2].join(", ")));
        let data = reason(&imported, Component::DxData);
        assert!(data.contains("none of this Region's 2"), "{data}");
    }

    #[test]
    fn names_match_ignoring_punctuation_spacing_and_case() {
        assert_eq!(name("CoreSite  VA1 & VA2"), name("Coresite VA1 VA2"));
        assert_eq!(name("LG U+ Pyeong-Chon"), "lg u pyeong chon");
        assert_ne!(
            name("Equinix SV1 SV5"),
            name("Equinix SV1 SV5 AWS Gov Cloud")
        );
    }
}
