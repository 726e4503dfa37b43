//! Importing AWS Price List bulk offer files (CSV or JSON) into a price table, so prices can be
//! refreshed from AWS's own published data instead of being copied by hand, with each price's
//! offer, version, publication date, SKU and rate codes kept as its `source`.
//!
//! The files are large (hundreds of MB for some offers), so both readers stream:
//!
//! - CSV: one `csv::Reader` over a `BufReader`, one reused `ByteRecord`; columns are found by
//!   header name; a row is turned into text only when it is an on-demand rate, for the Region
//!   asked for, of a usage type the engine prices. Memory does not grow with the file.
//! - JSON: `serde_json`'s streaming `Deserializer` over a `BufReader`, driven by visitors that
//!   read one product or one term at a time and drop it at once unless it maps to an engine
//!   item (`IgnoredAny` skips the rest without building values). What is kept is a few dozen
//!   SKUs. AWS writes `products` before `terms`; if a file has them the other way round, it is
//!   read a second time for its terms rather than holding every term in memory. (A DOM parse
//!   would need several times the file's size; an event-level tokenizer would need a new
//!   dependency for no gain, since serde's visitors already give one-record-at-a-time reading.)
//!
//! Items are matched by usage type with the Region prefix stripped (`USE1-ApiGatewayRequest`,
//! `EUC1-VpcEndpoint-Hours`; us-east-1's older services have none), and by operation where one
//! usage type serves several products (ELB, Transit Gateway). Only `OnDemand` terms in USD are
//! used; tiers are kept exactly as the file gives them, converted exactly (no rounding) to the
//! price table's unit. An item the files do not price is listed, never guessed.

use std::cell::Cell;
use std::collections::{BTreeMap, HashMap};
use std::fmt::{self, Write as _};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use rust_decimal::Decimal;
use serde::Deserialize;
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, Visitor};

use super::{FreeTier, Price, PriceTable, Rate, Tier, parse_table};
use crate::component::{COUNT, Component};
use crate::diagnostic::Diagnostic;
use crate::error::Error;

/// The offers whose prices the engine uses.
pub const OFFERS: &[&str] = &[
    "AmazonApiGateway",
    "AmazonVPC",
    "AWSELB",
    "AWSCloudMap",
    "AmazonRoute53",
    "AWSLambda",
    "AWSDataTransfer",
];

/// How AWS's unit relates to the price table's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Per {
    /// The same unit (hours, GB, GB-seconds, resources, zones).
    Unit,
    /// AWS prices one request, message, minute, query or call; the table prices a million.
    Million,
}

impl Per {
    fn factor(self) -> Decimal {
        match self {
            Per::Unit => Decimal::ONE,
            Per::Million => Decimal::from(1_000_000),
        }
    }
}

/// Whether an item is priced per Region or once for all Regions (Route 53 hosted zones).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Regional,
    Global,
}

/// One usage type (after the Region prefix) that prices one engine item.
#[derive(Debug)]
struct Mapping {
    offer: &'static str,
    usage: &'static str,
    /// Required `operation`, where the usage type alone is ambiguous.
    operation: Option<&'static str>,
    item: Component,
    per: Per,
    scope: Scope,
}

const fn m(
    offer: &'static str,
    usage: &'static str,
    operation: Option<&'static str>,
    item: Component,
    per: Per,
    scope: Scope,
) -> Mapping {
    Mapping {
        offer,
        usage,
        operation,
        item,
        per,
        scope,
    }
}

/// The REST API cache's usage types carry the size: `ApiGatewayCacheUsage:0.5GB`.
const CACHE_USAGE: &str = "ApiGatewayCacheUsage:";

/// Usage types, as AWS's price lists name them (see `pricing-facts.md`, "Refreshing prices").
const MAPPINGS: &[Mapping] = {
    use Component as C;
    use Per::{Million, Unit};
    use Scope::{Global, Regional};
    &[
        m(
            "AmazonApiGateway",
            "ApiGatewayRequest",
            None,
            C::RestRequests,
            Million,
            Regional,
        ),
        m(
            "AmazonApiGateway",
            "ApiGatewayHttpRequest",
            None,
            C::HttpRequests,
            Million,
            Regional,
        ),
        m(
            "AmazonApiGateway",
            "ApiGatewayMessage",
            None,
            C::WebsocketMessages,
            Million,
            Regional,
        ),
        m(
            "AmazonApiGateway",
            "ApiGatewayMinute",
            None,
            C::WebsocketMinutes,
            Million,
            Regional,
        ),
        m(
            "AmazonApiGateway",
            CACHE_USAGE,
            None,
            C::RestCache,
            Unit,
            Regional,
        ),
        m(
            "AmazonVPC",
            "VpcEndpoint-Hours",
            None,
            C::EndpointHours,
            Unit,
            Regional,
        ),
        m(
            "AmazonVPC",
            "VpcEndpoint-Bytes",
            None,
            C::EndpointData,
            Unit,
            Regional,
        ),
        m(
            "AmazonVPC",
            "TransitGateway-Hours",
            Some("TransitGatewayVPC"),
            C::TgwAttachmentHours,
            Unit,
            Regional,
        ),
        m(
            "AmazonVPC",
            "TransitGateway-Bytes",
            Some("TransitGatewayVPC"),
            C::TgwData,
            Unit,
            Regional,
        ),
        m(
            "AmazonVPC",
            "VPN-Usage-Hours:ipsec.1",
            None,
            C::VpnHours,
            Unit,
            Regional,
        ),
        m(
            "AWSELB",
            "LoadBalancerUsage",
            Some("LoadBalancing:Network"),
            C::NlbHours,
            Unit,
            Regional,
        ),
        m(
            "AWSELB",
            "LCUUsage",
            Some("LoadBalancing:Network"),
            C::NlbCapacity,
            Unit,
            Regional,
        ),
        m(
            "AWSELB",
            "LoadBalancerUsage",
            Some("LoadBalancing:Application"),
            C::AlbHours,
            Unit,
            Regional,
        ),
        m(
            "AWSELB",
            "LCUUsage",
            Some("LoadBalancing:Application"),
            C::AlbCapacity,
            Unit,
            Regional,
        ),
        m(
            "AWSCloudMap",
            "Cloud-Map-Resources",
            None,
            C::CloudMapResources,
            Unit,
            Regional,
        ),
        m(
            "AWSCloudMap",
            "Cloud-Map-API-Calls",
            None,
            C::CloudMapQueries,
            Million,
            Regional,
        ),
        m(
            "AmazonRoute53",
            "ResolverNetworkInterface",
            None,
            C::ResolverHours,
            Unit,
            Regional,
        ),
        // Region-prefixed `DNS-Queries` are Resolver queries; the unprefixed, Region-less
        // `DNS-Queries` are public hosted-zone queries, which the engine does not price.
        m(
            "AmazonRoute53",
            "DNS-Queries",
            None,
            C::ResolverQueries,
            Million,
            Regional,
        ),
        m(
            "AmazonRoute53",
            "HostedZone",
            None,
            C::HostedZones,
            Unit,
            Global,
        ),
        m(
            "AWSLambda",
            "Request",
            None,
            C::LambdaRequests,
            Million,
            Regional,
        ),
        m(
            "AWSLambda",
            "Lambda-GB-Second",
            None,
            C::LambdaDuration,
            Unit,
            Regional,
        ),
        m(
            "AWSDataTransfer",
            "DataTransfer-Out-Bytes",
            None,
            C::DataTransferOut,
            Unit,
            Regional,
        ),
        m(
            "AWSDataTransfer",
            "DataTransfer-Regional-Bytes",
            None,
            C::InterAzData,
            Unit,
            Regional,
        ),
    ]
};

/// Price items no offer above prices, with the reason.
const NOT_IMPORTED: &[(Component, &str)] = &[
    (
        Component::DxPortHours,
        "Direct Connect ports are priced per Direct Connect location in the AWSDirectConnect offer, which this importer does not read",
    ),
    (
        Component::DxData,
        "Direct Connect data out is priced per Direct Connect location in the AWSDirectConnect offer, which this importer does not read",
    ),
];

/// Price List display names of Regions, for files without a `Region Code` column.
const LOCATIONS: &[(&str, &str)] = &[
    ("US East (N. Virginia)", "us-east-1"),
    ("US East (Ohio)", "us-east-2"),
    ("US West (N. California)", "us-west-1"),
    ("US West (Oregon)", "us-west-2"),
    ("Canada (Central)", "ca-central-1"),
    ("EU (Frankfurt)", "eu-central-1"),
    ("EU (Ireland)", "eu-west-1"),
    ("EU (London)", "eu-west-2"),
    ("EU (Paris)", "eu-west-3"),
    ("EU (Milan)", "eu-south-1"),
    ("EU (Spain)", "eu-south-2"),
    ("EU (Stockholm)", "eu-north-1"),
    ("Asia Pacific (Hong Kong)", "ap-east-1"),
    ("Asia Pacific (Tokyo)", "ap-northeast-1"),
    ("Asia Pacific (Seoul)", "ap-northeast-2"),
    ("Asia Pacific (Osaka)", "ap-northeast-3"),
    ("Asia Pacific (Singapore)", "ap-southeast-1"),
    ("Asia Pacific (Sydney)", "ap-southeast-2"),
    ("Asia Pacific (Jakarta)", "ap-southeast-3"),
    ("Asia Pacific (Mumbai)", "ap-south-1"),
    ("Asia Pacific (Hyderabad)", "ap-south-2"),
    ("Middle East (Bahrain)", "me-south-1"),
    ("Middle East (UAE)", "me-central-1"),
    ("South America (Sao Paulo)", "sa-east-1"),
    ("Africa (Cape Town)", "af-south-1"),
];

/// Problems reported per file before reading stops.
const MAX_PROBLEMS: usize = 20;

/// What a row or product maps to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Target {
    Item(Component),
    CacheSize(Decimal),
}

/// A Region prefix of a usage type: `USE1`, `EUC1`, `EU`, `APN1`, `UGW1`.
fn is_region_prefix(p: &str) -> bool {
    (2..=6).contains(&p.len())
        && p.as_bytes()[0].is_ascii_uppercase()
        && p.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// The engine item a usage type prices, if any: the whole usage type first (us-east-1's
/// unprefixed `LoadBalancerUsage`, `VPN-Usage-Hours:ipsec.1`), then without its Region prefix.
fn resolve(
    maps: &[&'static Mapping],
    usage: &str,
    operation: &str,
) -> Option<(&'static Mapping, Target)> {
    let stripped = usage
        .split_once('-')
        .filter(|(p, _)| is_region_prefix(p))
        .map(|(_, rest)| rest);
    for name in std::iter::once(usage).chain(stripped) {
        for m in maps {
            if m.operation.is_some_and(|op| op != operation) {
                continue;
            }
            if m.item == Component::RestCache {
                let size = name
                    .strip_prefix(m.usage)
                    .and_then(|s| s.strip_suffix("GB"))
                    .and_then(|s| s.parse::<Decimal>().ok());
                if let Some(gb) = size {
                    return Some((m, Target::CacheSize(gb.normalize())));
                }
            } else if name == m.usage {
                return Some((m, Target::Item(m.item)));
            }
        }
    }
    None
}

/// The Region a row prices: its Region code, else the Region of its location; `""` for a
/// Region-less (global) product.
fn region_of<'a>(codes: [&'a str; 2], locations: [&'a str; 2]) -> &'a str {
    if let Some(code) = codes.into_iter().find(|c| !c.is_empty()) {
        return code;
    }
    locations
        .into_iter()
        .find_map(|l| {
            LOCATIONS
                .iter()
                .find(|(name, _)| *name == l)
                .map(|(_, r)| *r)
        })
        .unwrap_or("")
}

/// A decimal as the price list writes it (`0.0000035000`), never negative.
fn number(s: &str) -> Option<Decimal> {
    let s = s.trim();
    s.parse::<Decimal>()
        .ok()
        .or_else(|| Decimal::from_scientific(s).ok())
        .filter(|d| !d.is_sign_negative())
}

/// An offer file read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferFile {
    /// The path as the user gave it.
    pub path: String,
    pub offer: String,
    pub version: String,
    pub published: String,
}

/// A price item the files did not price, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    pub item: Component,
    pub reason: String,
}

/// The result of an import: a price table for one Region, where each price came from, and what
/// is missing.
#[derive(Debug, Clone)]
pub struct Imported {
    pub table: PriceTable,
    pub files: Vec<OfferFile>,
    pub missing: Vec<Missing>,
    /// Things a reviewer should know (e.g. a tier list that ends without an open tier).
    pub warnings: Vec<String>,
}

/// One rate (tier) of a candidate.
#[derive(Debug, Clone)]
struct RateRow {
    begin: Decimal,
    end: Option<Decimal>,
    price: Decimal,
    rate_code: String,
    line: u64,
}

/// The on-demand rates of one SKU in one file for one item.
#[derive(Debug, Clone)]
struct Candidate {
    file: usize,
    sku: String,
    term: String,
    effective: String,
    unit: String,
    usage: String,
    mapping: &'static Mapping,
    line: u64,
    rates: Vec<RateRow>,
}

/// Everything found for one Region (or, under `""`, for Region-less products).
#[derive(Debug, Default)]
struct Bucket {
    targets: BTreeMap<Target, Vec<Candidate>>,
    errors: Vec<Diagnostic>,
}

/// One on-demand rate that maps to an engine item, as read from either format.
struct Row<'a> {
    line: u64,
    region: &'a str,
    mapping: &'static Mapping,
    target: Target,
    usage: &'a str,
    sku: &'a str,
    term: &'a str,
    rate_code: &'a str,
    effective: &'a str,
    begin: &'a str,
    end: &'a str,
    unit: &'a str,
    /// The USD price, or `None` when the row is priced in another currency.
    price: Option<&'a str>,
    currency: &'a str,
}

fn at(path: &str, line: u64, message: impl Into<String>) -> Diagnostic {
    Diagnostic {
        path: path.to_owned(),
        line: line as usize,
        column: if line == 0 { 0 } else { 1 },
        message: message.into(),
        snippet: None,
        help: None,
    }
}

/// Gathers rates from every file, by Region and item.
struct Collector {
    region: Option<String>,
    files: Vec<OfferFile>,
    buckets: HashMap<String, Bucket>,
    /// Problems with the files themselves (format, structure): always reported.
    problems: Vec<Diagnostic>,
    /// Problems per file, to stop reading a hopeless file early.
    counts: Vec<usize>,
    /// Every Region with on-demand rows, wanted or not (for a helpful message).
    seen: Vec<String>,
}

impl Collector {
    fn problem(&mut self, file: usize, line: u64, message: impl Into<String>) -> &mut Diagnostic {
        self.counts[file] += 1;
        self.problems
            .push(at(&self.files[file].path, line, message));
        self.problems.last_mut().expect("just pushed")
    }

    /// Notes a Region with on-demand rows. Rows come grouped by Region, so this is almost
    /// always one string comparison.
    fn saw(&mut self, region: &str) {
        if !region.is_empty()
            && self.seen.last().is_none_or(|r| r != region)
            && !self.seen.iter().any(|r| r == region)
        {
            self.seen.push(region.to_owned());
        }
    }

    fn hopeless(&self, file: usize) -> bool {
        self.counts[file] >= MAX_PROBLEMS
    }

    /// Whether a row of `region` is of interest (global rows always are).
    fn wants(&self, region: &str) -> bool {
        region.is_empty() || self.region.as_deref().is_none_or(|r| r == region)
    }

    fn add(&mut self, file: usize, row: Row<'_>) {
        let key = match (row.mapping.scope, row.region.is_empty()) {
            (Scope::Global, true) => "",
            (Scope::Regional, false) => row.region,
            // A Region-less row of a Regional usage type (public `DNS-Queries`), or the reverse.
            _ => return,
        };
        if !self.wants(key) {
            return;
        }
        if !self.buckets.contains_key(key) {
            self.buckets.insert(key.to_owned(), Bucket::default());
        }
        let bucket = self.buckets.get_mut(key).expect("inserted above");
        if let Err((message, help)) = add_rate(bucket, file, &row) {
            let mut d = at(&self.files[file].path, row.line, message);
            d.help = help;
            bucket.errors.push(d);
            self.counts[file] += 1;
        }
    }
}

/// Adds one rate to its item's candidates; a problem is (message, help).
fn add_rate(
    bucket: &mut Bucket,
    file: usize,
    row: &Row<'_>,
) -> Result<(), (String, Option<String>)> {
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
    let rate = RateRow {
        begin,
        end,
        price,
        rate_code: row.rate_code.to_owned(),
        line: row.line,
    };
    let candidates = bucket.targets.entry(row.target).or_default();
    let Some(c) = candidates
        .iter_mut()
        .find(|c| c.file == file && c.sku == row.sku)
    else {
        candidates.push(Candidate {
            file,
            sku: row.sku.to_owned(),
            term: row.term.to_owned(),
            effective: row.effective.to_owned(),
            unit: row.unit.to_owned(),
            usage: row.usage.to_owned(),
            mapping: row.mapping,
            line: row.line,
            rates: vec![rate],
        });
        return Ok(());
    };
    if c.term != row.term {
        return Err((
            format!(
                "two conflicting rates for `{}`: SKU {} has a second on-demand term {} (the first, {}, is at line {})",
                row.mapping.item, row.sku, row.term, c.term, c.line
            ),
            Some("a price list has one on-demand term per SKU; check the file".into()),
        ));
    }
    if let Some(same) = c.rates.iter().find(|r| r.begin == begin) {
        if same.end != end || same.price != price {
            return Err((
                format!(
                    "two conflicting rates for `{}`: SKU {} prices the tier from {begin} twice (the first is at line {})",
                    row.mapping.item, row.sku, same.line
                ),
                Some("a price list has one rate per tier; check the file".into()),
            ));
        }
        return Ok(()); // the same rate repeated
    }
    c.rates.push(rate);
    Ok(())
}

/// Reads AWS Price List offer files (CSV or JSON, told apart by content) and builds the price
/// table of `region`, or of the one Region the files price when `region` is `None`.
pub fn import_files(paths: &[PathBuf], region: Option<&str>) -> Result<Imported, Error> {
    let mut c = Collector {
        region: region.map(str::to_owned),
        files: Vec::new(),
        buckets: HashMap::new(),
        problems: Vec::new(),
        counts: Vec::new(),
        seen: Vec::new(),
    };
    for path in paths {
        let file = c.files.len();
        c.files.push(OfferFile {
            path: path.display().to_string(),
            offer: String::new(),
            version: String::new(),
            published: String::new(),
        });
        c.counts.push(0);
        read_file(&mut c, file, path)?;
    }
    finish(c)
}

fn read_file(c: &mut Collector, file: usize, path: &Path) -> Result<(), Error> {
    let f = File::open(path).map_err(|e| Error::io(path, e))?;
    let mut r = BufReader::with_capacity(1 << 16, f);
    let buf = r.fill_buf().map_err(|e| Error::io(path, e))?;
    let bom = if buf.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let first = buf[bom..]
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .copied();
    r.consume(bom);
    match first {
        None => {
            c.problem(
                file,
                0,
                "the file is empty: not an AWS Price List offer file",
            );
        }
        Some(b'{') => read_json(c, file, path, r, Pass::All)?,
        Some(_) => read_csv(c, file, r),
    }
    Ok(())
}

fn check_offer(c: &mut Collector, file: usize, line: u64) -> Option<Vec<&'static Mapping>> {
    let offer = c.files[file].offer.clone();
    if !OFFERS.contains(&offer.as_str()) {
        c.problem(
            file,
            line,
            format!("the offer `{offer}` has no prices this tool uses"),
        )
        .help = Some(format!("import the offers {}", OFFERS.join(", ")));
        return None;
    }
    Some(MAPPINGS.iter().filter(|m| m.offer == offer).collect())
}

/// Remembers the last byte read, to tell a file cut short from one that ends with its line.
struct Tail<R> {
    inner: R,
    last: u8,
}

impl<R: Read> Read for Tail<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n > 0 {
            self.last = buf[n - 1];
        }
        Ok(n)
    }
}

/// CSV column indexes, found by header name.
struct Columns {
    len: usize,
    sku: usize,
    term_code: usize,
    rate_code: usize,
    term_type: usize,
    effective: usize,
    begin: usize,
    end: usize,
    unit: usize,
    price: usize,
    currency: usize,
    usage: usize,
    operation: usize,
    region_codes: [Option<usize>; 2],
    locations: [Option<usize>; 2],
}

const CSV_METADATA: [&str; 5] = [
    "FormatVersion",
    "Disclaimer",
    "Publication Date",
    "Version",
    "OfferCode",
];

fn read_csv<R: Read>(c: &mut Collector, file: usize, reader: R) {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_reader(Tail {
            inner: reader,
            last: b'\n',
        });
    let mut rec = csv::ByteRecord::new();
    let not_price_list = "not an AWS Price List offer file";
    let help = "pass an offer's index.csv or index.json, e.g. offers/v1.0/aws/AmazonApiGateway/current/us-east-1/index.csv";
    let line_of = |rec: &csv::ByteRecord| rec.position().map_or(0, |p| p.line());
    let read = |rdr: &mut csv::Reader<Tail<R>>, rec: &mut csv::ByteRecord| {
        rdr.read_byte_record(rec).map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            (line, format!("cannot read the file: {e}"))
        })
    };
    // Five metadata rows: "FormatVersion","v1.0" and so on.
    let mut meta: [String; 5] = Default::default();
    for (i, name) in CSV_METADATA.iter().enumerate() {
        match read(&mut rdr, &mut rec) {
            Err((line, m)) => {
                c.problem(file, line, m);
                return;
            }
            Ok(false) => {
                c.problem(
                    file,
                    0,
                    format!("{not_price_list}: the file ends before its `{name}` row"),
                )
                .help = Some(help.into());
                return;
            }
            Ok(true) => {}
        }
        let key = String::from_utf8_lossy(rec.get(0).unwrap_or_default());
        if key != *name || rec.len() < 2 {
            let found: String = key.chars().take(40).collect();
            c.problem(
                file,
                line_of(&rec),
                format!(
                    "{not_price_list}: row {} should be \"{name}\" and its value, found \"{found}\"",
                    i + 1
                ),
            )
            .help = Some(help.into());
            return;
        }
        meta[i] = String::from_utf8_lossy(&rec[1]).into_owned();
    }
    let [_, _, published, version, offer] = meta;
    c.files[file].offer = offer;
    c.files[file].version = version;
    c.files[file].published = published;
    // The header.
    match read(&mut rdr, &mut rec) {
        Err((line, m)) => {
            c.problem(file, line, m);
            return;
        }
        Ok(false) => {
            c.problem(file, 0, "the file ends before its header row (truncated?)");
            return;
        }
        Ok(true) => {}
    }
    let header_line = line_of(&rec);
    let Some(maps) = check_offer(c, file, 5) else {
        return;
    };
    let names: Vec<String> = rec
        .iter()
        .map(|f| String::from_utf8_lossy(f).trim().to_ascii_lowercase())
        .collect();
    let find = |name: &str| names.iter().position(|n| *n == name.to_ascii_lowercase());
    let required = [
        "SKU",
        "OfferTermCode",
        "RateCode",
        "TermType",
        "EffectiveDate",
        "StartingRange",
        "EndingRange",
        "Unit",
        "PricePerUnit",
        "Currency",
        "usageType",
        "operation",
    ];
    let found: Vec<Option<usize>> = required.iter().map(|n| find(n)).collect();
    let missing: Vec<String> = required
        .iter()
        .zip(&found)
        .filter(|(_, f)| f.is_none())
        .map(|(n, _)| format!("`{n}`"))
        .collect();
    let region_codes = [find("Region Code"), find("From Region Code")];
    let locations = [find("Location"), find("From Location")];
    if !missing.is_empty() {
        c.problem(
            file,
            header_line,
            format!("the header has no column {}", missing.join(", ")),
        )
        .help = Some(format!(
            "an AWS Price List CSV has the columns {}, then product attributes; they are read by name",
            required.join(", ")
        ));
        return;
    }
    if region_codes.iter().chain(&locations).all(Option::is_none) {
        c.problem(
            file,
            header_line,
            "the header has no column `Region Code`, `From Region Code`, `Location` or `From Location`: cannot tell which Region a row prices",
        );
        return;
    }
    let col = |i: usize| found[i].expect("checked above");
    let cols = Columns {
        len: names.len(),
        sku: col(0),
        term_code: col(1),
        rate_code: col(2),
        term_type: col(3),
        effective: col(4),
        begin: col(5),
        end: col(6),
        unit: col(7),
        price: col(8),
        currency: col(9),
        usage: col(10),
        operation: col(11),
        region_codes,
        locations,
    };
    let mut last_line = header_line;
    loop {
        match read(&mut rdr, &mut rec) {
            Err((line, m)) => {
                c.problem(file, line, m);
                return;
            }
            Ok(false) => break,
            Ok(true) => last_line = line_of(&rec),
        }
        if rec.len() != cols.len {
            if rec.len() == 1 && rec[0].is_empty() {
                continue; // a blank line
            }
            c.problem(
                file,
                line_of(&rec),
                format!(
                    "this row has {} fields but the header has {}: the file looks truncated or damaged",
                    rec.len(),
                    cols.len
                ),
            );
            return;
        }
        if &rec[cols.term_type] != b"OnDemand".as_slice() {
            continue; // Reserved and other terms
        }
        let text = |i: usize| std::str::from_utf8(&rec[i]);
        let opt = |i: Option<usize>| i.map_or(Ok(""), text);
        let row_region = match (
            opt(cols.region_codes[0]),
            opt(cols.region_codes[1]),
            opt(cols.locations[0]),
            opt(cols.locations[1]),
        ) {
            (Ok(a), Ok(b), Ok(l), Ok(fl)) => region_of([a, b], [l, fl]),
            _ => {
                c.problem(file, line_of(&rec), "this row is not UTF-8 text");
                if c.hopeless(file) {
                    return;
                }
                continue;
            }
        };
        c.saw(row_region);
        if !c.wants(row_region) {
            continue;
        }
        let (Ok(usage), Ok(operation)) = (text(cols.usage), text(cols.operation)) else {
            c.problem(file, line_of(&rec), "this row is not UTF-8 text");
            if c.hopeless(file) {
                return;
            }
            continue;
        };
        let Some((mapping, target)) = resolve(&maps, usage, operation) else {
            continue;
        };
        let line = line_of(&rec);
        let fields = [
            cols.sku,
            cols.term_code,
            cols.rate_code,
            cols.effective,
            cols.begin,
            cols.end,
            cols.unit,
            cols.price,
            cols.currency,
        ]
        .map(text);
        let [
            Ok(sku),
            Ok(term),
            Ok(rate_code),
            Ok(effective),
            Ok(begin),
            Ok(end),
            Ok(unit),
            Ok(price),
            Ok(currency),
        ] = fields
        else {
            c.problem(file, line, "this row is not UTF-8 text");
            if c.hopeless(file) {
                return;
            }
            continue;
        };
        c.add(
            file,
            Row {
                line,
                region: row_region,
                mapping,
                target,
                usage,
                sku,
                term,
                rate_code,
                effective,
                begin,
                end,
                unit,
                price: (currency == "USD").then_some(price),
                currency,
            },
        );
        if c.hopeless(file) {
            return;
        }
    }
    let last = rdr.into_inner().last;
    if last != b'\n' && last != b'"' {
        c.problem(
            file,
            last_line,
            "the file ends in the middle of a row: it looks truncated",
        )
        .help = Some("download the offer file again".into());
    }
}

// ---------------------------------------------------------------------------------------------
// JSON

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

fn read_json<R: Read>(
    c: &mut Collector,
    file: usize,
    path: &Path,
    reader: R,
    pass: Pass,
) -> Result<(), Error> {
    let line = Rc::new(Cell::new(1));
    let mut st = JsonState {
        c,
        file,
        line: line.clone(),
        pass,
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
        let f = File::open(path).map_err(|e| Error::io(path, e))?;
        st.pass = Pass::Terms;
        st.line = Rc::new(Cell::new(1));
        let line = st.line.clone();
        parse_json(
            &mut st,
            Lines {
                inner: BufReader::with_capacity(1 << 16, f),
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
                    let Some(maps) = check_offer(st.c, file, line) else {
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
                    mapping: kept.mapping,
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

// ---------------------------------------------------------------------------------------------
// From candidates to prices

/// Chooses the Region and turns its candidates into prices.
fn finish(c: Collector) -> Result<Imported, Error> {
    let Collector {
        region,
        files,
        mut buckets,
        mut problems,
        mut seen,
        ..
    } = c;
    seen.sort_unstable();
    let global = buckets.remove("").unwrap_or_default();
    let priced: Vec<&str> = {
        let mut r: Vec<&str> = buckets
            .iter()
            .filter(|(_, b)| !b.targets.is_empty())
            .map(|(k, _)| k.as_str())
            .collect();
        r.sort_unstable();
        r
    };
    let chosen = match &region {
        Some(r) => {
            if !seen.contains(r) && !seen.is_empty() && problems.is_empty() {
                return Err(Error::Usage(format!(
                    "the files have no prices for Region `{r}`; they have prices for {}",
                    seen.join(", ")
                )));
            }
            r.clone()
        }
        None => match priced.as_slice() {
            [one] => (*one).to_owned(),
            _ if !problems.is_empty() => String::new(),
            [] if global.targets.is_empty() => {
                return Err(Error::Input(vec![Diagnostic::file(
                    &files
                        .iter()
                        .map(|f| f.path.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                    format!(
                        "these files price nothing this tool uses (usage types of {})",
                        OFFERS.join(", ")
                    ),
                )]));
            }
            [] => {
                return Err(Error::Usage(
                    "these files price no Region, only Region-less products: name the table's Region with --region".into(),
                ));
            }
            many => {
                return Err(Error::Usage(format!(
                    "the files price several Regions ({}): choose one with --region",
                    many.join(", ")
                )));
            }
        },
    };
    let mut bucket = buckets.remove(&chosen).unwrap_or_default();
    problems.append(&mut bucket.errors);
    let mut global = global;
    problems.append(&mut global.errors);
    let mut items: Box<[Option<Price>; COUNT]> = Box::new(std::array::from_fn(|_| None));
    let mut warnings = Vec::new();
    let mut sizes: Vec<(Decimal, Decimal, &Candidate)> = Vec::new();
    let all: Vec<(&Target, &Vec<Candidate>)> =
        bucket.targets.iter().chain(global.targets.iter()).collect();
    for (target, candidates) in all {
        let Some((rate, chosen)) =
            settle(*target, candidates, &files, &mut problems, &mut warnings)
        else {
            continue;
        };
        match *target {
            Target::Item(item) => {
                items[item.index()] = Some(Price {
                    rate,
                    source: source(&files[chosen.file], chosen),
                    effective_date: chosen.effective.clone(),
                    unverified: false,
                });
            }
            Target::CacheSize(gb) => match rate {
                Rate::Flat(p) => sizes.push((gb, p, chosen)),
                _ => problems.push(
                    at(
                        &files[chosen.file].path,
                        chosen.line,
                        format!(
                            "the {gb} GB cache (`{}`, SKU {}) has tiered prices; a cache size has one price per hour",
                            chosen.usage, chosen.sku
                        ),
                    ),
                ),
            },
        }
    }
    if !sizes.is_empty() {
        sizes.sort_by_key(|(gb, _, _)| *gb);
        let first = sizes[0].2;
        let f = &files[first.file];
        let mut text = format!(
            "AWS Price List {} version {} (published {}), usage types {}<size>GB:",
            f.offer, f.version, f.published, CACHE_USAGE
        );
        for (i, (gb, _, c)) in sizes.iter().enumerate() {
            let sep = if i == 0 { " " } else { "; " };
            let _ = write!(
                text,
                "{sep}{gb} GB SKU {} rate code {}",
                c.sku,
                c.rates
                    .iter()
                    .map(|r| r.rate_code.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        let _ = write!(text, "; AWS unit: {}", first.unit);
        let effective = sizes
            .iter()
            .map(|(_, _, c)| c.effective.clone())
            .max()
            .unwrap_or_default();
        items[Component::RestCache.index()] = Some(Price {
            rate: Rate::Sizes(sizes.iter().map(|(g, p, _)| (*g, *p)).collect()),
            source: text,
            effective_date: effective,
            unverified: false,
        });
    }
    if !problems.is_empty() {
        problems.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
        return Err(Error::Input(problems));
    }
    if items.iter().all(Option::is_none) {
        return Err(Error::Input(vec![Diagnostic::file(
            &files
                .iter()
                .map(|f| f.path.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            format!("these files price nothing this tool uses for Region `{chosen}`"),
        )]));
    }
    let offers: Vec<&str> = files.iter().map(|f| f.offer.as_str()).collect();
    let missing = Component::ALL
        .iter()
        .copied()
        .filter(|c| c.price_item() == *c && items[c.index()].is_none())
        .map(|item| Missing {
            item,
            reason: missing_reason(item, &offers),
        })
        .collect();
    Ok(Imported {
        table: PriceTable {
            region: chosen,
            currency: "USD".into(),
            origin: "imported".into(),
            items,
            free_tier: FreeTier::default(),
        },
        files,
        missing,
        warnings,
    })
}

fn missing_reason(item: Component, offers: &[&str]) -> String {
    if let Some((_, why)) = NOT_IMPORTED.iter().find(|(c, _)| *c == item) {
        return (*why).to_owned();
    }
    let ms: Vec<&Mapping> = MAPPINGS.iter().filter(|m| m.item == item).collect();
    let Some(first) = ms.first() else {
        return "no Price List usage type is known for it".into();
    };
    let usage = if item == Component::RestCache {
        format!("{CACHE_USAGE}<size>GB")
    } else {
        first.usage.to_owned()
    };
    let op = first
        .operation
        .map_or_else(String::new, |o| format!(", operation {o}"));
    if offers.contains(&first.offer) {
        format!(
            "not in these files (expected in {} as usage type {usage}{op})",
            first.offer
        )
    } else {
        format!(
            "its offer {} is not among the files (usage type {usage}{op})",
            first.offer
        )
    }
}

/// The price of one target from its candidates: one SKU's tiers, converted; several SKUs must
/// agree, else they conflict.
fn settle<'c>(
    target: Target,
    candidates: &'c [Candidate],
    files: &[OfferFile],
    problems: &mut Vec<Diagnostic>,
    warnings: &mut Vec<String>,
) -> Option<(Rate, &'c Candidate)> {
    let mut converted: Vec<(Vec<Tier>, &Candidate)> = Vec::with_capacity(candidates.len());
    for c in candidates {
        match convert(c, &files[c.file].path) {
            Ok(t) => converted.push((t, c)),
            Err(d) => {
                problems.push(d);
                return None;
            }
        }
    }
    let (first, chosen) = converted.first()?;
    if let Some((_, other)) = converted.iter().find(|(t, _)| t != first) {
        let what = match target {
            Target::Item(i) => format!("`{i}`"),
            Target::CacheSize(gb) => format!("the {gb} GB REST cache"),
        };
        let mut d = at(
            &files[other.file].path,
            other.line,
            format!(
                "two conflicting rates for {what}: SKU {} (`{}`) prices it differently from SKU {} (`{}`) at {}:{}",
                other.sku,
                other.usage,
                chosen.sku,
                chosen.usage,
                files[chosen.file].path,
                chosen.line
            ),
        );
        d.help = Some(
            "a Region has one on-demand rate per item; import one version of each offer".into(),
        );
        problems.push(d);
        return None;
    }
    if let (Target::Item(item), Some(last)) = (target, first.last())
        && last.up_to.is_some()
    {
        warnings.push(format!(
            "the tiers of `{item}` (SKU {}) end at {} with no open tier: usage beyond it will be refused",
            chosen.sku,
            last.up_to.unwrap_or_default()
        ));
    }
    let rate = match first.as_slice() {
        [Tier { up_to: None, price }] => Rate::Flat(*price),
        tiers => Rate::Tiered(tiers.to_vec()),
    };
    Some((rate, *chosen))
}

/// A candidate's rates as price-table tiers: contiguous from 0, each edge and price converted
/// exactly to the table's unit.
fn convert(c: &Candidate, path: &str) -> Result<Vec<Tier>, Diagnostic> {
    let factor = c.mapping.per.factor();
    let mut rates: Vec<&RateRow> = c.rates.iter().collect();
    rates.sort_by_key(|r| r.begin);
    let mut expect = Some(Decimal::ZERO);
    let mut out = Vec::with_capacity(rates.len());
    let inexact = |r: &RateRow, what: &str| {
        at(
            path,
            r.line,
            format!(
                "the {what} of `{}` (SKU {}, rate code {}) cannot be converted to the table's unit exactly",
                c.usage, c.sku, r.rate_code
            ),
        )
    };
    for r in rates {
        match expect {
            Some(e) if e == r.begin => {}
            Some(e) => {
                let mut d = at(
                    path,
                    r.line,
                    format!(
                        "the tiers of `{}` (SKU {}) are not contiguous: a tier starts at {} where {}",
                        c.usage,
                        c.sku,
                        r.begin,
                        if e.is_zero() {
                            "the first should start at 0".to_owned()
                        } else {
                            format!("the one before ends at {e}")
                        }
                    ),
                );
                d.help =
                    Some("is the file complete? Each tier starts where the one before ends".into());
                return Err(d);
            }
            None => {
                return Err(at(
                    path,
                    r.line,
                    format!(
                        "the tiers of `{}` (SKU {}) go on after an open (Inf) tier",
                        c.usage, c.sku
                    ),
                ));
            }
        }
        let price = r
            .price
            .checked_mul(factor)
            .ok_or_else(|| inexact(r, "price"))?;
        let up_to = match r.end {
            None => None,
            Some(e) => {
                let u = e.checked_div(factor).ok_or_else(|| inexact(r, "range"))?;
                if u.checked_mul(factor) != Some(e) {
                    return Err(inexact(r, "range"));
                }
                Some(u.normalize())
            }
        };
        expect = r.end;
        out.push(Tier {
            up_to,
            price: price.normalize(),
        });
    }
    Ok(out)
}

fn source(f: &OfferFile, c: &Candidate) -> String {
    let codes: Vec<&str> = c.rates.iter().map(|r| r.rate_code.as_str()).collect();
    let conversion = match c.mapping.per {
        Per::Unit => "",
        Per::Million => " (per unit; here per million: price × 1,000,000, tier edges ÷ 1,000,000)",
    };
    format!(
        "AWS Price List {} version {} (published {}), usage type {}, SKU {}, rate code{} {}; AWS unit: {}{conversion}",
        f.offer,
        f.version,
        f.published,
        c.usage,
        c.sku,
        if codes.len() == 1 { "" } else { "s" },
        codes.join(", "),
        c.unit,
    )
}

// ---------------------------------------------------------------------------------------------
// Writing the table

/// A TOML basic string.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text for a comment line: no line breaks or control characters.
fn comment(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn dec(d: Decimal) -> String {
    quoted(&d.normalize().to_string())
}

impl Imported {
    /// The price table as TOML, in the format of the shipped tables (`pricing/*.toml`).
    pub fn to_toml(&self) -> String {
        let t = &self.table;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# Price table for {}, imported by `apigw-cost prices import` from AWS Price List bulk",
            comment(&t.region)
        );
        out.push_str(
            "# offer files. USD, on-demand list prices. Each item's `source` names the offer, its version and\n\
             # publication date, the usage type, SKU and rate codes it came from; `effective_date` is the\n\
             # rate's EffectiveDate. AWS prices requests, messages, minutes, queries and calls per unit; this\n\
             # table prices them per million (price × 1,000,000, tier edges ÷ 1,000,000, exactly).\n\
             #\n# Files:\n",
        );
        for f in &self.files {
            let _ = writeln!(
                out,
                "#   {} version {}, published {} ({})",
                comment(&f.offer),
                comment(&f.version),
                comment(&f.published),
                comment(&f.path)
            );
        }
        if !self.missing.is_empty() {
            out.push_str(
                "#\n# Not in these files, so not imported (the engine reports them missing; never guessed):\n",
            );
            for m in &self.missing {
                let _ = writeln!(out, "#   {}: {}", m.item, comment(&m.reason));
            }
        }
        out.push_str(
            "#\n# No [free_tier]: the Price List files do not state API Gateway's free tier (see the shipped\n\
             # tables and the API Gateway pricing page).\n\n",
        );
        let _ = writeln!(out, "region = {}", quoted(&t.region));
        let _ = writeln!(out, "currency = {}", quoted(&t.currency));
        for c in Component::ALL.iter().filter(|c| c.price_item() == **c) {
            let Some(p) = t.get(*c) else { continue };
            let _ = writeln!(out, "\n[prices.{}]", c.id());
            let _ = writeln!(out, "unit = {}", quoted(c.unit()));
            match &p.rate {
                Rate::Flat(price) => {
                    let _ = writeln!(out, "price = {}", dec(*price));
                }
                Rate::Tiered(tiers) => {
                    out.push_str("tiers = [\n");
                    for tier in tiers {
                        match tier.up_to {
                            Some(u) => {
                                let _ = writeln!(
                                    out,
                                    "  {{ up_to = {}, price = {} }},",
                                    dec(u),
                                    dec(tier.price)
                                );
                            }
                            None => {
                                let _ = writeln!(out, "  {{ price = {} }},", dec(tier.price));
                            }
                        }
                    }
                    out.push_str("]\n");
                }
                Rate::Sizes(sizes) => {
                    out.push_str("sizes = [\n");
                    for (gb, price) in sizes {
                        let _ =
                            writeln!(out, "  {{ gb = {}, price = {} }},", dec(*gb), dec(*price));
                    }
                    out.push_str("]\n");
                }
            }
            let _ = writeln!(out, "source = {}", quoted(&p.source));
            let _ = writeln!(out, "effective_date = {}", quoted(&p.effective_date));
        }
        out
    }

    /// The table as TOML, checked by reading it back the way `--prices` will.
    pub fn to_checked_toml(&self) -> Result<String, Error> {
        let text = self.to_toml();
        match parse_table("imported table", &text) {
            Ok(back) if back.items == self.table.items => Ok(text),
            Ok(_) => Err(Error::Input(vec![Diagnostic::file(
                "imported table",
                "internal error: the imported table does not read back the same; please report it",
            )])),
            Err(mut d) => {
                for x in &mut d {
                    x.message = format!("internal error, please report it: {}", x.message);
                }
                Err(Error::Input(d))
            }
        }
    }

    /// Lines for standard error: what was not imported and anything to review.
    pub fn notes(&self) -> Vec<String> {
        let mut out = Vec::new();
        let (have, all) = self.table.completeness();
        out.push(format!(
            "note: imported {have} of {all} price items for {} from {} file{}",
            self.table.region,
            self.files.len(),
            if self.files.len() == 1 { "" } else { "s" }
        ));
        if !self.missing.is_empty() {
            out.push(format!(
                "note: not in these files, so not imported (never guessed): {}",
                self.missing
                    .iter()
                    .map(|m| m.item.id())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            for m in &self.missing {
                out.push(format!("  {}: {}", m.item, m.reason));
            }
        }
        for w in &self.warnings {
            out.push(format!("warning: {w}"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn maps(offer: &str) -> Vec<&'static Mapping> {
        MAPPINGS.iter().filter(|m| m.offer == offer).collect()
    }

    #[test]
    fn strips_region_prefixes_and_tells_elb_apart_by_operation() {
        let api = maps("AmazonApiGateway");
        let t = |u: &str, op: &str, ms: &[&'static Mapping]| resolve(ms, u, op).map(|(_, t)| t);
        use Component as C;
        assert_eq!(
            t("USE1-ApiGatewayRequest", "", &api),
            Some(Target::Item(C::RestRequests))
        );
        assert_eq!(
            t("EU-ApiGatewayHttpRequest", "", &api),
            Some(Target::Item(C::HttpRequests))
        );
        assert_eq!(
            t("APN1-ApiGatewayCacheUsage:0.5GB", "", &api),
            Some(Target::CacheSize(d("0.5")))
        );
        assert_eq!(t("USE1-ApiGatewayRequestX", "", &api), None);
        let elb = maps("AWSELB");
        assert_eq!(
            t("LoadBalancerUsage", "LoadBalancing:Application", &elb),
            Some(Target::Item(C::AlbHours))
        );
        assert_eq!(
            t("EUC1-LCUUsage", "LoadBalancing:Network", &elb),
            Some(Target::Item(C::NlbCapacity))
        );
        assert_eq!(t("LCUUsage", "LoadBalancing:Gateway", &elb), None);
        let vpc = maps("AmazonVPC");
        assert_eq!(
            t("VPN-Usage-Hours:ipsec.1", "CreateVpnConnection", &vpc),
            Some(Target::Item(C::VpnHours))
        );
        assert_eq!(
            t("USE1-TransitGateway-Hours", "TransitGatewayVPN", &vpc),
            None
        );
        // A usage type with two prefixes (a Local Zone) is not the Region's.
        let lambda = maps("AWSLambda");
        assert_eq!(t("USW2-LAX1-Request", "", &lambda), None);
        assert_eq!(t("USE1-Lambda-Edge-Request", "", &lambda), None);
    }

    #[test]
    fn regions_from_codes_then_locations() {
        assert_eq!(region_of(["us-east-1", ""], ["", ""]), "us-east-1");
        assert_eq!(region_of(["", "eu-west-1"], ["", ""]), "eu-west-1");
        assert_eq!(region_of(["", ""], ["EU (Frankfurt)", ""]), "eu-central-1");
        assert_eq!(region_of(["", ""], ["Any", ""]), "");
    }

    #[test]
    fn converts_per_request_prices_exactly() {
        let rates = [
            ("0", Some("333000000"), "0.0000035000"),
            ("333000000", Some("1000000000"), "0.0000028000"),
            ("1000000000", Some("20000000000"), "0.0000023800"),
            ("20000000000", None, "0.0000015100"),
        ];
        let c = Candidate {
            file: 0,
            sku: "S".into(),
            term: "T".into(),
            effective: "2025-10-01".into(),
            unit: "Requests".into(),
            usage: "USE1-ApiGatewayRequest".into(),
            mapping: &MAPPINGS[0],
            line: 7,
            rates: rates
                .iter()
                .enumerate()
                .map(|(i, (b, e, p))| RateRow {
                    begin: d(b),
                    end: e.map(d),
                    price: d(p),
                    rate_code: format!("R{i}"),
                    line: 7 + i as u64,
                })
                .collect(),
        };
        let tiers = convert(&c, "f.csv").unwrap();
        let shown: Vec<(Option<String>, String)> = tiers
            .iter()
            .map(|t| (t.up_to.map(|u| u.to_string()), t.price.to_string()))
            .collect();
        assert_eq!(
            shown,
            [
                (Some("333".into()), "3.5".into()),
                (Some("1000".into()), "2.8".into()),
                (Some("20000".into()), "2.38".into()),
                (None, "1.51".into()),
            ]
        );
        // A tier edge that is not a whole number of the table's units is refused, not rounded.
        let mut odd = c.clone();
        odd.rates[0].end = Some(d("1.0000000000000000000000001"));
        odd.rates[1].begin = d("1.0000000000000000000000001");
        assert!(
            convert(&odd, "f.csv")
                .unwrap_err()
                .message
                .contains("cannot be converted")
        );
        // A gap is an error at the rate's line.
        let mut gap = c.clone();
        gap.rates[1].begin = d("334000000");
        let e = convert(&gap, "f.csv").unwrap_err();
        assert_eq!(e.line, 8);
        assert!(e.message.contains("not contiguous"), "{}", e.message);
    }

    #[test]
    fn json_with_terms_before_products_is_read_in_two_passes() {
        let text = r#"{
  "formatVersion" : "v1.0",
  "offerCode" : "AWSCloudMap",
  "version" : "20251027110932",
  "publicationDate" : "2025-10-27T11:09:32Z",
  "terms" : {
    "Reserved" : { "Q2XK7WZ4MT9RJCHN" : { } },
    "OnDemand" : {
      "Q2XK7WZ4MT9RJCHN" : {
        "Q2XK7WZ4MT9RJCHN.JRTCKXETXF" : {
          "offerTermCode" : "JRTCKXETXF",
          "effectiveDate" : "2025-10-01T00:00:00Z",
          "priceDimensions" : {
            "Q2XK7WZ4MT9RJCHN.JRTCKXETXF.6YS6EN2CT7" : {
              "beginRange" : "0", "endRange" : "Inf", "unit" : "Resources",
              "pricePerUnit" : { "USD" : "0.1000000000" }
            }
          }
        }
      }
    }
  },
  "products" : {
    "Q2XK7WZ4MT9RJCHN" : {
      "sku" : "Q2XK7WZ4MT9RJCHN",
      "attributes" : { "usagetype" : "EUC1-Cloud-Map-Resources", "regionCode" : "eu-central-1" }
    }
  }
}"#;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("index.json");
        std::fs::write(&path, text).unwrap();
        let imported = import_files(&[path], None).unwrap();
        assert_eq!(imported.table.region, "eu-central-1");
        let p = imported.table.get(Component::CloudMapResources).unwrap();
        assert_eq!(p.rate, Rate::Flat(d("0.1")));
        assert!(
            p.source
                .contains("rate code Q2XK7WZ4MT9RJCHN.JRTCKXETXF.6YS6EN2CT7"),
            "{}",
            p.source
        );
    }

    #[test]
    fn toml_strings_are_escaped() {
        assert_eq!(quoted("a \"b\" \\ c\n"), "\"a \\\"b\\\" \\\\ c\\u000A\"");
    }
}
