//! The reader of the derived internet data-transfer-out tiers
//! (`datatransfer-external-outbound-<date>.json`): a public price-watch project's reading of
//! AWS's data-transfer map, one price per tier and location, the tier edges (GB) in each entry's
//! name: `{"DataTransfer External Outbound Next 10 TB": {"US East (N. Virginia) (StartingRange:
//! 0, EndingRange: 10240)": "0.09"}}`. It has no rate codes and no date of its own: the date is
//! the one in its file name, and every price it gives says so.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use super::DataKind;
use super::collect::{Collector, Row};
use super::locations::{Place, place};
use super::usage_types::{Per, Scope, Target};
use crate::component::Component;

/// The data set's name (its file name without the date).
pub const DATA_SET: &str = "datatransfer-external-outbound";

/// The first words of every key of the data set.
pub const KEY_PREFIX: &str = "DataTransfer External Outbound";

/// What every price from this data set says of where it came from.
const NOTE: &str = "derived by a public price-watch project from AWS's data-transfer pricing map; no rate codes; date from the file name";

/// Reads the derived data-transfer file at `path` into the collector.
pub fn read_derived<R: Read>(c: &mut Collector, file: usize, path: &Path, reader: R) {
    let data: BTreeMap<String, BTreeMap<String, String>> = match serde_json::from_reader(reader) {
        Ok(d) => d,
        Err(e) => {
            let line = e.line() as u64;
            c.problem(
                file,
                line,
                format!("not the derived data-transfer data: {e}"),
            );
            return;
        }
    };
    let date = file_date(path);
    let f = &mut c.files[file];
    f.kind = DataKind::Derived;
    f.offer = DATA_SET.into();
    f.published = date.clone().unwrap_or_default();
    let Some(date) = date else {
        c.problem(
            file,
            0,
            "the file name has no date (`…-YYYY-MM-DD.json`): the data has no date of its own",
        );
        return;
    };
    for (key, entries) in &data {
        if !key.starts_with(KEY_PREFIX) {
            c.problem(
                file,
                0,
                format!("unexpected key \"{key}\": not a `{KEY_PREFIX}` tier"),
            );
            return;
        }
        for (name, price) in entries {
            read_entry(c, file, key, name, price, &date);
        }
    }
}

/// One tier of one location: `<location> (StartingRange: <a>, EndingRange: <b>)`.
fn read_entry(c: &mut Collector, file: usize, key: &str, name: &str, price: &str, date: &str) {
    let parsed = name.strip_suffix(')').and_then(|n| {
        let (location, range) = n.rsplit_once(" (StartingRange: ")?;
        let (begin, end) = range.split_once(", EndingRange: ")?;
        Some((location, begin, end))
    });
    let Some((location, begin, end)) = parsed else {
        c.problem(
            file,
            0,
            format!("\"{name}\" is not `<location> (StartingRange: <a>, EndingRange: <b>)`"),
        );
        return;
    };
    let region = match place(location) {
        Place::Region(code) => code,
        Place::Global | Place::NotRegion => return,
        Place::Unknown => {
            c.unknown_location(file, location);
            return;
        }
    };
    c.saw(region);
    if !c.wants(region) {
        return;
    }
    let row = Row {
        line: 0,
        region,
        location,
        target: Target::Item(Component::DataTransferOut),
        per: Per::Unit,
        scope: Scope::Regional,
        usage: key,
        sku: "",
        term: "",
        rate_code: "",
        effective: date,
        begin,
        end,
        unit: "GB",
        price: Some(price),
        currency: "USD",
        note: NOTE,
    };
    c.add(file, row);
}

/// The `YYYY-MM-DD` at the end of a file name (before `.json`).
fn file_date(path: &Path) -> Option<String> {
    let stem = path.file_stem()?.to_str()?;
    let date = stem.get(stem.len().checked_sub(10)?..)?;
    let ok = date.bytes().enumerate().all(|(i, b)| match i {
        4 | 7 => b == b'-',
        _ => b.is_ascii_digit(),
    });
    ok.then(|| date.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_date_is_the_file_names() {
        let p = Path::new("x/datatransfer-external-outbound-2025-06-05.json");
        assert_eq!(file_date(p).as_deref(), Some("2025-06-05"));
        assert_eq!(file_date(Path::new("index.json")), None);
    }

    #[test]
    fn tiers_come_from_each_entrys_range() {
        let text = r#"{
  "DataTransfer External Outbound Next 10 TB": {
    "EU (Ireland) (StartingRange: 0, EndingRange: 10240)": "0.0900000000",
    "US East (Verizon) - Boston (StartingRange: 0, EndingRange: 10240)": "0.1080000000"
  },
  "DataTransfer External Outbound Greater than 10 TB": {
    "EU (Ireland) (StartingRange: 10240, EndingRange: Inf)": "0.0850000000"
  }
}"#;
        let dir = tempfile::tempdir().unwrap();
        let path = dir
            .path()
            .join("datatransfer-external-outbound-2025-06-05.json");
        std::fs::write(&path, text).unwrap();
        let imported = crate::pricing::import::import_files(&[path], None).unwrap();
        assert_eq!(imported.table.region, "eu-west-1");
        let p = imported.table.get(Component::DataTransferOut).unwrap();
        let crate::pricing::Rate::Tiered(t) = &p.rate else {
            panic!("{:?}", p.rate)
        };
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].up_to, Some(10240.into()));
        assert_eq!(p.effective_date, "2025-06-05");
        assert!(p.source.contains("no rate codes"), "{}", p.source);
    }
}
