//! Reading `--vary KEY=FROM..TO`: the key named (with a suggestion for a typo), the two bounds,
//! and every check on them, as usage errors that say what to type instead.

use rust_decimal::Decimal;

use super::keys::{Key, keys, not_numeric};
use super::steps::Vary;
use crate::Error;
use crate::diagnostic::suggest;
use crate::scenario::parse_float;

/// Parses `KEY=FROM..TO` and makes `steps` values (fewer for whole-number keys over a short
/// range). Errors are usage errors.
pub fn parse_vary(spec: &str, steps: u32, log: bool) -> Result<Vary, Error> {
    let (name, range) = spec.split_once('=').ok_or_else(|| {
        Error::Usage(format!(
            "--vary takes KEY=FROM..TO, e.g. traffic.requests_per_month=1e5..1e9; found `{spec}`"
        ))
    })?;
    let key = find_key(name.trim())?;
    let (from, to) = bounds(&key, range)?;
    check_bounds(&key, from, to)?;
    if steps < 2 {
        return Err(Error::Usage(format!(
            "--steps must be at least 2, found {steps}"
        )));
    }
    if log && from <= Decimal::ZERO {
        return Err(Error::Usage(format!(
            "--log needs a range above 0; {} starts at {}",
            key.name,
            from.normalize()
        )));
    }
    Ok(Vary::new(key, from, to, steps, log))
}

/// The numeric key called `name`, or an error suggesting the nearest one.
fn find_key(name: &str) -> Result<Key, Error> {
    let all = keys();
    if let Some(key) = all.iter().find(|k| k.name == name) {
        return Ok(*key);
    }
    if not_numeric(name) {
        return Err(Error::Usage(format!(
            "`{name}` is not a numeric key: only numbers can be varied"
        )));
    }
    if let Some(why) = crate::scenario::input(name).and_then(|i| i.fixed_because()) {
        return Err(Error::Usage(format!("`{name}` cannot be varied: {why}")));
    }
    let names: Vec<&str> = all.iter().map(|k| k.name).collect();
    let help = suggest(name, names.iter().copied())
        .or_else(|| {
            names
                .iter()
                .copied()
                .find(|n| n.ends_with(&format!(".{name}")))
        })
        .map_or_else(
            || format!("numeric keys: {}", names.join(", ")),
            |s| format!("did you mean `{s}`?"),
        );
    Err(Error::Usage(format!(
        "unknown scenario key `{name}`\n  = help: {help}"
    )))
}

/// FROM and TO of `FROM..TO`, as numbers.
fn bounds(key: &Key, range: &str) -> Result<(Decimal, Decimal), Error> {
    let name = key.name;
    let (from, to) = range.split_once("..").ok_or_else(|| {
        Error::Usage(format!(
            "--vary {name}: the range must be FROM..TO, found `{range}`"
        ))
    })?;
    let (lo, hi) = (key.min.normalize(), key.max.normalize());
    let number = |t: &str| {
        if let Some(why) = crate::pricing::check::too_precise(t) {
            return Err(Error::Usage(format!("--vary {name}: `{}` {why}", t.trim())));
        }
        parse_float(t.trim()).map_err(|_| {
            Error::Usage(format!(
                "--vary {name}: `{}` is not a usable number; the range must lie within {lo}..{hi}",
                t.trim()
            ))
        })
    };
    Ok((number(from)?, number(to)?))
}

/// A range the key can take: whole numbers for a count, FROM below TO, within the key's bounds.
fn check_bounds(key: &Key, from: Decimal, to: Decimal) -> Result<(), Error> {
    let name = key.name;
    if key.whole && !(from.is_integer() && to.is_integer()) {
        return Err(Error::Usage(format!(
            "--vary {name}: this key counts in whole numbers, found {}..{}",
            from.normalize(),
            to.normalize()
        )));
    }
    if from >= to {
        return Err(Error::Usage(format!(
            "--vary {name}: FROM must be below TO, found {from}..{to}"
        )));
    }
    if from < key.min || to > key.max {
        return Err(Error::Usage(format!(
            "--vary {name}: the range must lie within {}..{}, found {}..{}",
            key.min.normalize(),
            key.max.normalize(),
            from.normalize(),
            to.normalize()
        )));
    }
    Ok(())
}
