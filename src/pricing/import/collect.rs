//! The collector every reader feeds: one call per on-demand rate that maps to an engine item,
//! whatever the file format. It sorts rates by Region and item, groups the tiers of one SKU
//! together, and keeps each problem at its file and line, so that the readers only parse and
//! `settle` only decides.

use std::collections::{BTreeMap, HashMap, HashSet};

use rust_decimal::Decimal;

use super::locations::is_region_id;
use super::usage_types::{self, Mapping, OFFERS, Per, Scope, Target};
use super::{DataKind, Missing, OfferFile};
use crate::component::Component;
use crate::diagnostic::Diagnostic;
use crate::pricing::{MAX_TIERS, Price};

/// Problems reported per file before reading stops.
const MAX_PROBLEMS: usize = 20;

/// The most Regions named in a message: AWS has about 40; a file naming thousands is damaged.
const MAX_REGIONS: usize = 1000;

/// The most SKUs that may price one item in one Region. AWS's files have one, or a few where
/// one usage type serves several operations; thousands are a damaged or hostile file, whose
/// rows would otherwise all be kept.
const MAX_CANDIDATES: usize = 1000;

/// One rate (tier) of a candidate.
#[derive(Debug, Clone)]
pub struct RateRow {
    pub begin: Decimal,
    pub end: Option<Decimal>,
    pub price: Decimal,
    pub rate_code: String,
    /// The data's own label for this rate, where each tier has one (pricing-page keys).
    pub label: String,
    pub line: u64,
}

/// The on-demand rates of one SKU in one file for one item.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub file: usize,
    pub sku: String,
    pub term: String,
    pub effective: String,
    pub unit: String,
    pub usage: String,
    /// AWS's name of the place priced, where the data names it (pricing-page data).
    pub location: String,
    pub per: Per,
    /// What a reader of the price should know of where it came from, beyond the data.
    pub note: &'static str,
    pub line: u64,
    pub rates: Vec<RateRow>,
}

impl Candidate {
    /// The rates, lowest tier first.
    pub fn tiers(&self) -> Vec<&RateRow> {
        let mut rates: Vec<&RateRow> = self.rates.iter().collect();
        rates.sort_by_key(|r| r.begin);
        rates
    }
}

/// Everything found for one Region (or, under `""`, for Region-less products).
#[derive(Debug, Default)]
pub struct Bucket {
    pub targets: BTreeMap<Target, Vec<Candidate>>,
    pub errors: Vec<Diagnostic>,
    /// Prices a reader settled itself (Direct Connect's, derived from several locations).
    pub settled: Vec<(Component, Price)>,
    /// Items a reader found the Region has no price for, with the reason.
    pub missing: Vec<Missing>,
    /// Where each (item, file)'s SKUs are in `targets`, so that a row finds its candidate in
    /// constant time however many rows price the item (a search was quadratic in them).
    index: HashMap<(Target, usize), HashMap<String, Slot>>,
}

/// One candidate's place in its item's list, and where each of its tiers is (by where the
/// tier begins) in its rates.
#[derive(Debug)]
struct Slot {
    at: usize,
    begins: HashMap<Decimal, usize>,
}

impl Bucket {
    /// Whether anything in the bucket prices an item.
    pub fn prices_something(&self) -> bool {
        !self.targets.is_empty() || !self.settled.is_empty()
    }
}

/// One on-demand rate that maps to an engine item, as read from any format.
pub struct Row<'a> {
    pub line: u64,
    pub region: &'a str,
    /// AWS's name of the place, where the data names it (else `""`).
    pub location: &'a str,
    pub target: Target,
    pub per: Per,
    pub scope: Scope,
    /// The usage type (or the data's own label for the rate).
    pub usage: &'a str,
    pub sku: &'a str,
    pub term: &'a str,
    pub rate_code: &'a str,
    pub effective: &'a str,
    pub begin: &'a str,
    pub end: &'a str,
    pub unit: &'a str,
    /// The USD price, or `None` when the row is priced in another currency.
    pub price: Option<&'a str>,
    pub currency: &'a str,
    pub note: &'static str,
}

/// A diagnostic at a line of a file (column 1, or none for the whole file).
pub fn at(path: &str, line: u64, message: impl Into<String>) -> Diagnostic {
    Diagnostic {
        path: path.to_owned(),
        line: line as usize,
        column: if line == 0 { 0 } else { 1 },
        message: message.into(),
        snippet: None,
        help: None,
    }
}

/// A decimal as the price list writes it (`0.0000035000`), never negative.
pub fn number(s: &str) -> Option<Decimal> {
    let s = s.trim();
    s.parse::<Decimal>()
        .ok()
        .or_else(|| Decimal::from_scientific(s).ok())
        .filter(|d| !d.is_sign_negative())
}

/// Gathers rates from every file, by Region and item.
pub struct Collector {
    pub region: Option<String>,
    pub files: Vec<OfferFile>,
    pub buckets: HashMap<String, Bucket>,
    /// Problems with the files themselves (format, structure): always reported.
    pub problems: Vec<Diagnostic>,
    /// Problems per file, to stop reading a hopeless file early.
    counts: Vec<usize>,
    /// Every Region with on-demand rows, wanted or not (for a helpful message).
    pub seen: Vec<String>,
    /// `seen` as a set, so noting a Region is constant time however many the file names.
    seen_set: HashSet<String>,
    /// Things a reviewer should know that are not errors (e.g. a location no table knows).
    pub warnings: Vec<String>,
}

impl Collector {
    /// A collector for `region`, or for whichever Region the files price.
    pub fn new(region: Option<&str>) -> Collector {
        Collector {
            region: region.map(str::to_owned),
            files: Vec::new(),
            buckets: HashMap::new(),
            problems: Vec::new(),
            counts: Vec::new(),
            seen: Vec::new(),
            seen_set: HashSet::new(),
            warnings: Vec::new(),
        }
    }

    /// Registers a file about to be read; returns its index.
    pub fn open(&mut self, path: String) -> usize {
        self.files.push(OfferFile {
            path,
            kind: DataKind::PriceList,
            offer: String::new(),
            version: String::new(),
            published: String::new(),
        });
        self.counts.push(0);
        self.files.len() - 1
    }

    pub fn problem(
        &mut self,
        file: usize,
        line: u64,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.counts[file] += 1;
        self.problems
            .push(at(&self.files[file].path, line, message));
        self.problems.last_mut().expect("just pushed")
    }

    /// Notes a Region with on-demand rows. Rows come grouped by Region, so this is almost
    /// always one string comparison.
    #[inline]
    pub fn saw(&mut self, region: &str) {
        if !region.is_empty()
            && self.seen.last().is_none_or(|r| r != region)
            && self.seen.len() < MAX_REGIONS
            && is_region_id(region)
            && self.seen_set.insert(region.to_owned())
        {
            self.seen.push(region.to_owned());
        }
    }

    /// Warns that a location named in `file` is a place `locations` does not know (not read).
    pub fn unknown_location(&mut self, file: usize, location: &str) {
        self.warnings.push(format!(
            "{}: location \"{location}\" is not a Region this tool knows: not read (add it to src/pricing/import/locations.rs)",
            self.files[file].path
        ));
    }

    /// The usage types of the file's offer (read into `files[file].offer`), or a problem at
    /// `line` when the engine uses nothing of that offer.
    pub fn mappings(&mut self, file: usize, line: u64) -> Option<Vec<&'static Mapping>> {
        let offer = self.files[file].offer.clone();
        let maps = usage_types::of_offer(&offer);
        if maps.is_none() {
            self.problem(
                file,
                line,
                format!("the offer `{offer}` has no prices this tool uses"),
            )
            .help = Some(format!("import the offers {}", OFFERS.join(", ")));
        }
        maps
    }

    #[inline]
    pub fn hopeless(&self, file: usize) -> bool {
        self.counts[file] >= MAX_PROBLEMS
    }

    /// Whether a row of `region` is of interest (global rows always are).
    #[inline]
    pub fn wants(&self, region: &str) -> bool {
        region.is_empty() || self.region.as_deref().is_none_or(|r| r == region)
    }

    /// The bucket of `region` (`""`: Region-less), made empty if there is none yet.
    pub fn bucket(&mut self, region: &str) -> &mut Bucket {
        if !self.buckets.contains_key(region) {
            self.buckets.insert(region.to_owned(), Bucket::default());
        }
        self.buckets.get_mut(region).expect("inserted above")
    }

    /// Refuses a Region code that is not a plain Region identifier: it would name the file
    /// `--all-regions` writes (`../../victim` one outside `--output`).
    fn not_a_region(&mut self, file: usize, line: u64, code: &str) {
        self.problem(
            file,
            line,
            format!(
                "the Region code `{}` is not an AWS Region identifier (like `us-east-1` or `us-gov-west-1`)",
                code.escape_debug()
            ),
        )
        .help = Some("the file is damaged or was altered: download the offer file from AWS again".into());
    }

    pub fn add(&mut self, file: usize, row: Row<'_>) {
        let key = match (row.scope, row.region.is_empty()) {
            (Scope::Global, true) => "",
            (Scope::Regional, false) => row.region,
            // A Region-less row of a Regional usage type (public `DNS-Queries`), or the reverse.
            _ => return,
        };
        if !self.wants(key) {
            return;
        }
        if !key.is_empty() && !is_region_id(key) {
            self.not_a_region(file, row.line, key);
            return;
        }
        self.bucket(key);
        let bucket = self.buckets.get_mut(key).expect("made above");
        if let Err((message, help)) = add_rate(bucket, file, &row) {
            let mut d = at(&self.files[file].path, row.line, message);
            d.help = help;
            bucket.errors.push(d);
            self.counts[file] += 1;
        }
    }
}

/// A problem with one rate: (message, help).
type Problem = (String, Option<String>);

/// Adds one rate to its item's candidates.
fn add_rate(bucket: &mut Bucket, file: usize, row: &Row<'_>) -> Result<(), Problem> {
    let rate = read_rate(row)?;
    let candidates = bucket.targets.entry(row.target).or_default();
    let skus = bucket.index.entry((row.target, file)).or_default();
    if let Some(slot) = skus.get_mut(row.sku) {
        return merge(&mut candidates[slot.at], &mut slot.begins, row, rate);
    }
    if candidates.len() >= MAX_CANDIDATES {
        return Err((
            format!(
                "more than {MAX_CANDIDATES} SKUs price `{}` in one Region: not the shape of an AWS price list",
                row.target.item()
            ),
            Some(
                "the file is damaged or was altered: download the offer file from AWS again".into(),
            ),
        ));
    }
    skus.insert(
        row.sku.to_owned(),
        Slot {
            at: candidates.len(),
            begins: HashMap::from([(rate.begin, 0)]),
        },
    );
    candidates.push(Candidate {
        file,
        sku: row.sku.to_owned(),
        term: row.term.to_owned(),
        effective: row.effective.to_owned(),
        unit: row.unit.to_owned(),
        usage: row.usage.to_owned(),
        location: row.location.to_owned(),
        per: row.per,
        note: row.note,
        line: row.line,
        rates: vec![rate],
    });
    Ok(())
}

/// The price and range of a row, checked.
fn read_rate(row: &Row<'_>) -> Result<RateRow, Problem> {
    let what = format!(
        "`{}` (SKU {}, rate code {})",
        row.usage, row.sku, row.rate_code
    );
    let Some(price) = row.price else {
        let currency = if row.currency.is_empty() {
            "no currency"
        } else {
            row.currency
        };
        return Err((
            format!("{what} is priced in {currency}, not USD"),
            Some("price tables are in USD; import a Region whose price list is in USD".into()),
        ));
    };
    let Some(price) = number(price) else {
        return Err((
            format!("the price \"{price}\" of {what} is not a number"),
            Some("a price is a non-negative decimal, e.g. \"0.0000035000\"".into()),
        ));
    };
    let (begin, end) = read_range(row, &what)?;
    Ok(RateRow {
        begin,
        end,
        price,
        rate_code: row.rate_code.to_owned(),
        label: row.usage.to_owned(),
        line: row.line,
    })
}

/// A row's `begin` to `end` (`None`: open), checked to be a non-empty range.
fn read_range(row: &Row<'_>, what: &str) -> Result<(Decimal, Option<Decimal>), Problem> {
    let begin = if row.begin.trim().is_empty() {
        Some(Decimal::ZERO)
    } else {
        number(row.begin)
    };
    let end = match row.end.trim() {
        "" | "Inf" => Ok(None),
        e => number(e).map(Some).ok_or(()),
    };
    let (Some(begin), Ok(end)) = (begin, end) else {
        return Err((
            format!(
                "the range \"{}\" to \"{}\" of {what} is not a number range",
                row.begin, row.end
            ),
            Some("ranges are decimals; an open end is \"Inf\"".into()),
        ));
    };
    if let Some(e) = end
        && e <= begin
    {
        return Err((format!("the range {begin} to {e} of {what} is empty"), None));
    }
    Ok((begin, end))
}

/// Adds a further rate of a SKU already seen: another tier, or the same rate repeated.
fn merge(
    c: &mut Candidate,
    begins: &mut HashMap<Decimal, usize>,
    row: &Row<'_>,
    rate: RateRow,
) -> Result<(), Problem> {
    let item = row.target.item();
    if c.term != row.term {
        return Err((
            format!(
                "two conflicting rates for `{item}`: SKU {} has a second on-demand term {} (the first, {}, is at line {})",
                row.sku, row.term, c.term, c.line
            ),
            Some("a price list has one on-demand term per SKU; check the file".into()),
        ));
    }
    if let Some(same) = begins.get(&rate.begin).map(|&i| &c.rates[i]) {
        if same.end != rate.end || same.price != rate.price {
            return Err((
                format!(
                    "two conflicting rates for `{item}`: SKU {} prices the tier from {} twice (the first is at line {})",
                    row.sku, rate.begin, same.line
                ),
                Some("a price list has one rate per tier; check the file".into()),
            ));
        }
        return Ok(()); // the same rate repeated
    }
    if c.rates.len() >= MAX_TIERS {
        return Err((
            format!(
                "SKU {} has more than {MAX_TIERS} tiers for `{item}`: a price table holds at most {MAX_TIERS}",
                row.sku
            ),
            Some(
                "the file is damaged or was altered: download the offer file from AWS again".into(),
            ),
        ));
    }
    begins.insert(rate.begin, c.rates.len());
    c.rates.push(rate);
    Ok(())
}
