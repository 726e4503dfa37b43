//! The reader of AWS Price List bulk offer files in JSON (`index.json`). Streams with
//! `serde_json`'s `Deserializer` over a `BufReader`, driven by visitors that read one product or
//! one term at a time and drop it at once unless it maps to an engine item (`IgnoredAny` skips
//! the rest without building values). What is kept is a few dozen SKUs. AWS writes `products`
//! before `terms`; if a file has them the other way round, it is read a second time for its
//! terms rather than holding every term in memory. (A DOM parse would need several times the
//! file's size; an event-level tokenizer would need a new dependency for no gain, since serde's
//! visitors already give one-record-at-a-time reading.)

use std::cell::Cell;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io::{self, Read};
use std::path::Path;
use std::rc::Rc;

use serde::Deserialize;
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, Visitor};

use super::collect::{Collector, Row};
use super::locations::region_of;
use super::usage_types::{Mapping, Target, resolve};
use crate::error::Error;

/// Counts the lines the JSON parser has consumed, for messages about a rate's place.
struct Lines<R> {
    inner: R,
    line: Rc<Cell<u64>>,
}

impl<R: Read> Read for Lines<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let newlines = buf[..n].iter().filter(|b| **b == b'\n').count() as u64;
        if newlines > 0 {
            self.line.set(self.line.get() + newlines);
        }
        Ok(n)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pass {
    /// Products and terms, in one go.
    All,
    /// Terms only: the file had them before its products.
    Terms,
}

/// A product that maps to an engine item.
struct Kept {
    region: String,
    mapping: &'static Mapping,
    target: Target,
    usage: String,
}

struct JsonState<'c> {
    c: &'c mut Collector,
    file: usize,
    line: Rc<Cell<u64>>,
    pass: Pass,
    maps: Option<Vec<&'static Mapping>>,
    kept: HashMap<String, Kept>,
    seen: [bool; 6],
    terms_first: bool,
}

const JSON_KEYS: [&str; 6] = [
    "formatVersion",
    "offerCode",
    "version",
    "publicationDate",
    "products",
    "terms",
];

/// A visitor error that only stops reading (the problem is already recorded).
const STOP: &str = "\u{0}stop";

fn stop<E: serde::de::Error>() -> E {
    E::custom(STOP)
}

/// Reads one JSON offer file into the collector (`path` again if its terms come first).
pub fn read_json<R: Read>(
    c: &mut Collector,
    file: usize,
    path: &Path,
    reader: R,
) -> Result<(), Error> {
    let line = Rc::new(Cell::new(1));
    let mut st = JsonState {
        c,
        file,
        line: line.clone(),
        pass: Pass::All,
        maps: None,
        kept: HashMap::new(),
        seen: [false; 6],
        terms_first: false,
    };
    parse_json(
        &mut st,
        Lines {
            inner: reader,
            line,
        },
    );
    if st.terms_first && !st.c.hopeless(file) {
        // The terms came before the products: read the terms again, now that the products
        // that matter are known.
        let reader = super::open(path)?;
        st.pass = Pass::Terms;
        st.line = Rc::new(Cell::new(1));
        let line = st.line.clone();
        parse_json(
            &mut st,
            Lines {
                inner: reader,
                line,
            },
        );
    }
    Ok(())
}

fn parse_json<R: Read>(st: &mut JsonState<'_>, reader: R) {
    let file = st.file;
    let mut de = serde_json::Deserializer::from_reader(reader);
    let result =
        serde::Deserializer::deserialize_map(&mut de, Top(&mut *st)).and_then(|()| de.end());
    if let Err(e) = result {
        let text = e.to_string();
        if text.starts_with(STOP) {
            return;
        }
        let message = match text.rsplit_once(" at line ") {
            Some((m, _)) if e.line() > 0 => m.to_owned(),
            _ => text,
        };
        let (line, column) = (e.line() as u64, e.column());
        let message = match e.classify() {
            serde_json::error::Category::Eof => {
                format!("the file ends too early (truncated?): {message}")
            }
            serde_json::error::Category::Syntax => format!("invalid JSON: {message}"),
            serde_json::error::Category::Io => format!("cannot read the file: {message}"),
            serde_json::error::Category::Data => message,
        };
        let d = st.c.problem(file, line, message);
        d.column = column.max(usize::from(line > 0));
        return;
    }
    if st.pass == Pass::All {
        let missing: Vec<String> = JSON_KEYS
            .iter()
            .zip(st.seen)
            .filter(|(_, seen)| !seen)
            .map(|(k, _)| format!("`{k}`"))
            .collect();
        if !missing.is_empty() {
            st.c.problem(
                file,
                0,
                format!(
                    "not an AWS Price List offer file: no {}",
                    missing.join(", ")
                ),
            )
            .help = Some("pass an offer's index.json or index.csv, e.g. offers/v1.0/aws/AmazonVPC/current/us-east-1/index.json".into());
        }
    }
}

struct Top<'a, 'c>(&'a mut JsonState<'c>);

impl<'de> Visitor<'de> for Top<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an AWS Price List offer (a JSON object)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let st = self.0;
        let file = st.file;
        while let Some(key) = map.next_key::<String>()? {
            if let Some(i) = JSON_KEYS.iter().position(|k| *k == key) {
                st.seen[i] = true;
            }
            let pass = st.pass;
            match key.as_str() {
                "offerCode" | "version" | "publicationDate" if pass == Pass::All => {
                    let value: String = map.next_value()?;
                    let f = &mut st.c.files[file];
                    match key.as_str() {
                        "offerCode" => f.offer = value,
                        "version" => f.version = value,
                        _ => f.published = value,
                    }
                }
                "products" if pass == Pass::All => {
                    let line = st.line.get();
                    if !st.seen[1] {
                        st.c.problem(
                            file,
                            line,
                            "`products` comes before `offerCode`: not an AWS Price List offer file",
                        );
                        return Err(stop());
                    }
                    let Some(maps) = st.c.mappings(file, line) else {
                        return Err(stop());
                    };
                    st.maps = Some(maps);
                    map.next_value_seed(Products(&mut *st))?;
                }
                "terms" if pass == Pass::Terms || st.seen[4] => {
                    map.next_value_seed(Terms(&mut *st))?;
                }
                "terms" => {
                    st.terms_first = true;
                    map.next_value::<IgnoredAny>()?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// The product attributes the importer reads; the others are skipped unread.
#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Attributes {
    usagetype: String,
    operation: String,
    region_code: String,
    from_region_code: String,
    location: String,
    from_location: String,
}

#[derive(Deserialize)]
struct RawProduct {
    #[serde(default)]
    attributes: Attributes,
}

macro_rules! map_seed {
    ($name:ident, $expecting:literal) => {
        impl<'de> DeserializeSeed<'de> for $name<'_, '_> {
            type Value = ();
            fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
                d.deserialize_map(self)
            }
        }
        impl $name<'_, '_> {
            fn expecting_text(f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str($expecting)
            }
        }
    };
}

struct Products<'a, 'c>(&'a mut JsonState<'c>);
map_seed!(Products, "`products`: an object of products by SKU");

impl<'de> Visitor<'de> for Products<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Self::expecting_text(f)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let st = self.0;
        let maps = st.maps.take().unwrap_or_default();
        while let Some(sku) = map.next_key::<String>()? {
            let p: RawProduct = map.next_value()?;
            let a = &p.attributes;
            let region = region_of(
                [a.region_code.as_str(), a.from_region_code.as_str()],
                [a.location.as_str(), a.from_location.as_str()],
            );
            st.c.saw(region);
            if !st.c.wants(region) {
                continue;
            }
            if let Some((mapping, target)) = resolve(&maps, &a.usagetype, &a.operation) {
                st.kept.insert(
                    sku,
                    Kept {
                        region: region.to_owned(),
                        mapping,
                        target,
                        usage: a.usagetype.clone(),
                    },
                );
            }
        }
        st.maps = Some(maps);
        Ok(())
    }
}

struct Terms<'a, 'c>(&'a mut JsonState<'c>);
map_seed!(Terms, "`terms`: an object of term types");

impl<'de> Visitor<'de> for Terms<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Self::expecting_text(f)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let st = self.0;
        while let Some(kind) = map.next_key::<String>()? {
            if kind == "OnDemand" {
                map.next_value_seed(OnDemand(&mut *st))?;
            } else {
                map.next_value::<IgnoredAny>()?; // Reserved and other terms
            }
        }
        Ok(())
    }
}

struct OnDemand<'a, 'c>(&'a mut JsonState<'c>);
map_seed!(OnDemand, "`terms.OnDemand`: an object of terms by SKU");

impl<'de> Visitor<'de> for OnDemand<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Self::expecting_text(f)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let st = self.0;
        while let Some(sku) = map.next_key::<String>()? {
            if st.kept.contains_key(&sku) {
                map.next_value_seed(SkuTerms {
                    st: &mut *st,
                    sku: &sku,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

struct SkuTerms<'a, 'c> {
    st: &'a mut JsonState<'c>,
    sku: &'a str,
}

impl<'de> DeserializeSeed<'de> for SkuTerms<'_, '_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for SkuTerms<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the on-demand terms of one SKU")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(_key) = map.next_key::<IgnoredAny>()? {
            let term: RawTerm = map.next_value_seed(TermSeed {
                line: &self.st.line,
            })?;
            let st = &mut *self.st;
            let kept = &st.kept[self.sku];
            for dim in &term.dimensions {
                let (price, currency) = match dim.price_per_unit.get("USD") {
                    Some(p) => (Some(p.as_str()), "USD"),
                    None => (
                        None,
                        dim.price_per_unit.keys().next().map_or("", String::as_str),
                    ),
                };
                let row = Row {
                    line: dim.line,
                    region: &kept.region,
                    location: "",
                    per: kept.mapping.per,
                    scope: kept.mapping.scope,
                    target: kept.target,
                    usage: &kept.usage,
                    sku: self.sku,
                    term: &term.offer_term_code,
                    rate_code: &dim.rate_code,
                    effective: &term.effective_date,
                    begin: dim.begin_range.as_deref().unwrap_or(""),
                    end: dim.end_range.as_deref().unwrap_or(""),
                    unit: &dim.unit,
                    price,
                    currency,
                    note: "",
                };
                st.c.add(st.file, row);
            }
            if st.c.hopeless(st.file) {
                return Err(stop());
            }
        }
        Ok(())
    }
}

/// One term with its price dimensions, each with the line it starts on.
#[derive(Default)]
struct RawTerm {
    offer_term_code: String,
    effective_date: String,
    dimensions: Vec<RawDimension>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawDimension {
    #[serde(default)]
    rate_code: String,
    #[serde(default)]
    begin_range: Option<String>,
    #[serde(default)]
    end_range: Option<String>,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    price_per_unit: BTreeMap<String, String>,
    #[serde(skip)]
    line: u64,
}

struct TermSeed<'a> {
    line: &'a Rc<Cell<u64>>,
}

impl<'de> DeserializeSeed<'de> for TermSeed<'_> {
    type Value = RawTerm;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<RawTerm, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TermSeed<'_> {
    type Value = RawTerm;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a term: offerTermCode, effectiveDate, priceDimensions")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawTerm, A::Error> {
        let mut term = RawTerm::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "offerTermCode" => term.offer_term_code = map.next_value()?,
                "effectiveDate" => term.effective_date = map.next_value()?,
                "priceDimensions" => {
                    term.dimensions = map.next_value_seed(DimensionsSeed { line: self.line })?
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(term)
    }
}

struct DimensionsSeed<'a> {
    line: &'a Rc<Cell<u64>>,
}

impl<'de> DeserializeSeed<'de> for DimensionsSeed<'_> {
    type Value = Vec<RawDimension>;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for DimensionsSeed<'_> {
    type Value = Vec<RawDimension>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("`priceDimensions`: an object of rates by rate code")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let line = self.line.get();
            let mut d: RawDimension = map.next_value()?;
            d.line = line;
            if d.rate_code.is_empty() {
                d.rate_code = key;
            }
            out.push(d);
        }
        Ok(out)
    }
}
