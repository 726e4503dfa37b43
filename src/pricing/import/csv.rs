//! The reader of AWS Price List bulk offer files in CSV (`index.csv`): five metadata rows, a
//! header, then one row per rate. Streams with one reused `ByteRecord` so memory does not grow
//! with the file; columns are found by header name; a row becomes text only when it is an
//! on-demand rate, for a wanted Region, of a usage type the engine prices.

use std::io::{self, Read};

use super::collect::{Collector, Row};
use super::locations::region_of;
use super::usage_types::{Mapping, Target, resolve};

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

type Reader<R> = csv::Reader<Tail<R>>;

/// CSV column indexes, found by header name, and the file's usage types.
struct Header {
    line: u64,
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
    maps: Vec<&'static Mapping>,
}

const CSV_METADATA: [&str; 5] = [
    "FormatVersion",
    "Disclaimer",
    "Publication Date",
    "Version",
    "OfferCode",
];

/// The leading columns of every offer file, read by name.
const REQUIRED: [&str; 12] = [
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

const NOT_PRICE_LIST: &str = "not an AWS Price List offer file";
const HELP: &str = "pass an offer's index.csv or index.json, e.g. offers/v1.0/aws/AmazonApiGateway/current/us-east-1/index.csv";

/// What to do after a row.
enum Flow {
    Next,
    Stop,
}

/// Reads one CSV offer file into the collector.
pub fn read_csv<R: Read>(c: &mut Collector, file: usize, reader: R) {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_reader(Tail {
            inner: reader,
            last: b'\n',
        });
    let mut rec = csv::ByteRecord::new();
    if read_metadata(c, file, &mut rdr, &mut rec).is_none() {
        return;
    }
    let Some(header) = read_header(c, file, &mut rdr, &mut rec) else {
        return;
    };
    let Some(last_line) = read_rows(c, file, &mut rdr, &mut rec, &header) else {
        return;
    };
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

#[inline]
fn line_of(rec: &csv::ByteRecord) -> u64 {
    rec.position().map_or(0, |p| p.line())
}

/// The next record: `Ok(false)` at the end, `Err((line, message))` when it cannot be read.
fn next<R: Read>(rdr: &mut Reader<R>, rec: &mut csv::ByteRecord) -> Result<bool, (u64, String)> {
    rdr.read_byte_record(rec).map_err(|e| {
        let line = e.position().map_or(0, |p| p.line());
        (line, format!("cannot read the file: {e}"))
    })
}

/// The five metadata rows (`"FormatVersion","v1.0"` and so on), kept in the file's record.
fn read_metadata<R: Read>(
    c: &mut Collector,
    file: usize,
    rdr: &mut Reader<R>,
    rec: &mut csv::ByteRecord,
) -> Option<()> {
    let mut meta: [String; 5] = Default::default();
    for (i, name) in CSV_METADATA.iter().enumerate() {
        match next(rdr, rec) {
            Err((line, m)) => {
                c.problem(file, line, m);
                return None;
            }
            Ok(false) => {
                c.problem(
                    file,
                    0,
                    format!("{NOT_PRICE_LIST}: the file ends before its `{name}` row"),
                )
                .help = Some(HELP.into());
                return None;
            }
            Ok(true) => {}
        }
        let key = String::from_utf8_lossy(rec.get(0).unwrap_or_default());
        if key != *name || rec.len() < 2 {
            let found: String = key.chars().take(40).collect();
            c.problem(
                file,
                line_of(rec),
                format!(
                    "{NOT_PRICE_LIST}: row {} should be \"{name}\" and its value, found \"{found}\"",
                    i + 1
                ),
            )
            .help = Some(HELP.into());
            return None;
        }
        meta[i] = String::from_utf8_lossy(&rec[1]).into_owned();
    }
    let [_, _, published, version, offer] = meta;
    let f = &mut c.files[file];
    (f.offer, f.version, f.published) = (offer, version, published);
    Some(())
}

/// The header row: the columns by name, checked, and the usage types of the file's offer.
fn read_header<R: Read>(
    c: &mut Collector,
    file: usize,
    rdr: &mut Reader<R>,
    rec: &mut csv::ByteRecord,
) -> Option<Header> {
    match next(rdr, rec) {
        Err((line, m)) => {
            c.problem(file, line, m);
            return None;
        }
        Ok(false) => {
            c.problem(file, 0, "the file ends before its header row (truncated?)");
            return None;
        }
        Ok(true) => {}
    }
    let line = line_of(rec);
    let maps = c.mappings(file, 5)?;
    let names: Vec<String> = rec
        .iter()
        .map(|f| String::from_utf8_lossy(f).trim().to_ascii_lowercase())
        .collect();
    match columns(&names, line, maps) {
        Ok(h) => Some(h),
        Err((message, help)) => {
            c.problem(file, line, message).help = help;
            None
        }
    }
}

/// The columns the importer reads, by name; a problem is (message, help).
fn columns(
    names: &[String],
    line: u64,
    maps: Vec<&'static Mapping>,
) -> Result<Header, (String, Option<String>)> {
    let find = |name: &str| names.iter().position(|n| *n == name.to_ascii_lowercase());
    let found: Vec<Option<usize>> = REQUIRED.iter().map(|n| find(n)).collect();
    let missing: Vec<String> = REQUIRED
        .iter()
        .zip(&found)
        .filter(|(_, f)| f.is_none())
        .map(|(n, _)| format!("`{n}`"))
        .collect();
    let region_codes = [find("Region Code"), find("From Region Code")];
    let locations = [find("Location"), find("From Location")];
    if !missing.is_empty() {
        return Err((
            format!("the header has no column {}", missing.join(", ")),
            Some(format!(
                "an AWS Price List CSV has the columns {}, then product attributes; they are read by name",
                REQUIRED.join(", ")
            )),
        ));
    }
    if region_codes.iter().chain(&locations).all(Option::is_none) {
        return Err((
            "the header has no column `Region Code`, `From Region Code`, `Location` or `From Location`: cannot tell which Region a row prices".into(),
            None,
        ));
    }
    let col = |i: usize| found[i].expect("checked above");
    Ok(Header {
        line,
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
        maps,
    })
}

/// Every row after the header; the line of the last one, or `None` when reading stopped early.
fn read_rows<R: Read>(
    c: &mut Collector,
    file: usize,
    rdr: &mut Reader<R>,
    rec: &mut csv::ByteRecord,
    h: &Header,
) -> Option<u64> {
    let mut last_line = h.line;
    loop {
        match next(rdr, rec) {
            Err((line, m)) => {
                c.problem(file, line, m);
                return None;
            }
            Ok(false) => return Some(last_line),
            Ok(true) => last_line = line_of(rec),
        }
        if let Flow::Stop = read_row(c, file, rec, h) {
            return None;
        }
    }
}

/// A row that is not text: reported; reading stops once the file is hopeless.
#[inline]
fn not_text(c: &mut Collector, file: usize, line: u64) -> Flow {
    c.problem(file, line, "this row is not UTF-8 text");
    if c.hopeless(file) {
        Flow::Stop
    } else {
        Flow::Next
    }
}

/// One row: skipped unless it is an on-demand rate of a wanted Region and a mapped usage type.
#[inline]
fn read_row(c: &mut Collector, file: usize, rec: &csv::ByteRecord, h: &Header) -> Flow {
    if rec.len() != h.len {
        if rec.len() == 1 && rec[0].is_empty() {
            return Flow::Next; // a blank line
        }
        c.problem(
            file,
            line_of(rec),
            format!(
                "this row has {} fields but the header has {}: the file looks truncated or damaged",
                rec.len(),
                h.len
            ),
        );
        return Flow::Stop;
    }
    if &rec[h.term_type] != b"OnDemand".as_slice() {
        return Flow::Next; // Reserved and other terms
    }
    let opt = |i: Option<usize>| i.map_or(Some(""), |i| text(rec, i));
    let region = match (
        opt(h.region_codes[0]),
        opt(h.region_codes[1]),
        opt(h.locations[0]),
        opt(h.locations[1]),
    ) {
        (Some(a), Some(b), Some(l), Some(fl)) => region_of([a, b], [l, fl]),
        _ => return not_text(c, file, line_of(rec)),
    };
    c.saw(region);
    if !c.wants(region) {
        return Flow::Next;
    }
    let (Some(usage), Some(operation)) = (text(rec, h.usage), text(rec, h.operation)) else {
        return not_text(c, file, line_of(rec));
    };
    match resolve(&h.maps, usage, operation) {
        Some((mapping, target)) => add_row(c, file, rec, h, region, usage, (mapping, target)),
        None => Flow::Next,
    }
}

#[inline]
fn text(rec: &csv::ByteRecord, i: usize) -> Option<&str> {
    std::str::from_utf8(&rec[i]).ok()
}

/// Hands a mapped row to the collector.
fn add_row(
    c: &mut Collector,
    file: usize,
    rec: &csv::ByteRecord,
    h: &Header,
    region: &str,
    usage: &str,
    (mapping, target): (&'static Mapping, Target),
) -> Flow {
    let line = line_of(rec);
    let fields = [h.sku, h.term_code, h.rate_code, h.effective, h.begin];
    let (Some([sku, term, rate_code, effective, begin]), Some([end, unit, price, currency])) = (
        texts(rec, fields),
        texts(rec, [h.end, h.unit, h.price, h.currency]),
    ) else {
        return not_text(c, file, line);
    };
    let row = Row {
        line,
        region,
        location: "",
        target,
        per: mapping.per,
        scope: mapping.scope,
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
        note: "",
    };
    c.add(file, row);
    if c.hopeless(file) {
        Flow::Stop
    } else {
        Flow::Next
    }
}

/// Several fields as text, or `None` when one is not UTF-8.
fn texts<const N: usize>(rec: &csv::ByteRecord, fields: [usize; N]) -> Option<[&str; N]> {
    let mut out = [""; N];
    for (o, i) in out.iter_mut().zip(fields) {
        *o = text(rec, i)?;
    }
    Some(out)
}
