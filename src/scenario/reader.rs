//! A reader over a spanned TOML table that collects every problem instead of stopping at the
//! first: each typed getter records a located error and hands back a default, and `finish`
//! reports the keys nobody asked for, with a "did you mean" from every section's known keys.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::collections::BinaryHeap;
use std::ops::Range;
use toml::de::{DeTable, DeValue};

use super::numbers::{parse_float, parse_int};
use crate::diagnostic::{Diagnostic, Source, suggest};

/// The file being read and the problems found so far. Problems are kept as byte spans and
/// located only once reading is over, in file order, against one index of the file: many
/// problems cost time in proportion to the file, not the file times the problems.
pub struct Ctx<'s> {
    pub path: &'s str,
    source: Source<'s>,
    /// The first [`KEPT_PROBLEMS`] problems in file order (the largest on top, to drop when a
    /// problem earlier in the file comes), so memory does not grow with the problems.
    problems: BinaryHeap<Problem>,
    /// How many problems were found beyond those kept.
    pub omitted: usize,
    /// The order problems were found in, to keep that order among problems at one place.
    found: usize,
    /// The numeric keys the file writes (the rest took their defaults).
    pub given: Vec<&'static str>,
    /// `region` as written, even when other keys are wrong (checked against the price book).
    pub region: Option<(String, Range<usize>)>,
    /// `[layout]` as written, even when other keys are wrong (its pattern must exist).
    pub layout: Option<super::LayoutSpec>,
}

/// The most problems kept per file: past this many a file is rarely worth reading problem by
/// problem, and a file of 100,000 unknown keys would otherwise hold them all (159 MB).
pub const KEPT_PROBLEMS: usize = 100;

/// A problem found, not yet located.
struct Problem {
    /// Where it sorts: its span's start, `usize::MAX` for the whole file; then the order found.
    key: (usize, usize),
    /// `None`: about the whole file (something required is missing).
    span: Option<Range<usize>>,
    message: String,
    help: Option<String>,
}

impl PartialEq for Problem {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}
impl Eq for Problem {}
impl PartialOrd for Problem {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Problem {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key.cmp(&other.key)
    }
}

impl<'s> Ctx<'s> {
    pub fn new(path: &'s str, source: &'s str) -> Self {
        Ctx {
            path,
            source: Source::new(source),
            problems: BinaryHeap::new(),
            omitted: 0,
            found: 0,
            given: Vec::new(),
            region: None,
            layout: None,
        }
    }

    pub fn error(&mut self, span: Range<usize>, message: impl Into<String>, help: Option<String>) {
        self.keep(Some(span), message.into(), help);
    }

    /// Keeps a problem if it is among the first [`KEPT_PROBLEMS`] in file order; counts it.
    fn keep(&mut self, span: Option<Range<usize>>, message: String, help: Option<String>) {
        let key = (span.as_ref().map_or(usize::MAX, |s| s.start), self.found);
        self.found += 1;
        if self.problems.len() == KEPT_PROBLEMS {
            self.omitted += 1;
            if self.problems.peek().is_some_and(|last| last.key < key) {
                return;
            }
            self.problems.pop();
        }
        self.problems.push(Problem {
            key,
            span,
            message,
            help,
        });
    }

    /// The place of `span`, to report later (e.g. "no price table for this Region").
    pub fn spot(&self, span: Range<usize>) -> Diagnostic {
        self.source.at(self.path, span, "")
    }

    /// A problem with the whole file: something required is not there at all.
    pub fn missing(&mut self, message: &str, help: &str) {
        self.keep(None, message.to_owned(), Some(help.to_owned()));
    }

    /// Takes the problems the reading of profile `name` found, each once (a problem in the
    /// scenario's own lines is found again in every profile), the profile's own named as such.
    pub fn absorb(&mut self, other: Ctx<'_>, name: &str) {
        for p in other.problems.into_sorted_vec() {
            let known = self
                .problems
                .iter()
                .any(|q| q.span == p.span && q.message == p.message);
            if !known {
                let message = format!("profile `{name}`: {}", p.message);
                self.keep(p.span, message, p.help);
            }
        }
    }

    /// The problems kept, located, in file order; problems with the whole file last. (How
    /// many more there were is [`Ctx::omitted`].)
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.problems
            .into_sorted_vec()
            .into_iter()
            .map(|p| {
                let d = match p.span {
                    Some(span) => self.source.at(self.path, span, p.message),
                    None => Diagnostic::file(self.path, p.message),
                };
                Diagnostic { help: p.help, ..d }
            })
            .collect()
    }
}

/// Every section's known keys, to suggest the right section for a key in the wrong one.
pub type Sections = &'static [(&'static str, &'static [&'static str])];

/// Reads one table.
pub struct Table<'t, 'i> {
    table: &'t DeTable<'i>,
    /// How the table is named in messages: `[traffic]`, or `the top level`.
    pub label: &'static str,
    section: &'static str,
    used: Vec<&'static str>,
    sections: Sections,
}

impl<'t, 'i> Table<'t, 'i> {
    pub fn new(
        table: &'t DeTable<'i>,
        section: &'static str,
        label: &'static str,
        sections: Sections,
    ) -> Self {
        Table {
            table,
            label,
            section,
            used: Vec::new(),
            sections,
        }
    }

    fn known(&self) -> &'static [&'static str] {
        self.sections
            .iter()
            .find(|(s, _)| *s == self.section)
            .map_or(&[][..], |(_, k)| *k)
    }

    /// The raw value of `key`, marking it as read.
    pub fn raw(&mut self, key: &'static str) -> Option<&'t toml::Spanned<DeValue<'i>>> {
        self.used.push(key);
        self.table
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == key)
            .map(|(_, v)| v)
    }

    /// The span of `key`'s value, if present.
    pub fn span_of(&self, key: &str) -> Option<Range<usize>> {
        self.table
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == key)
            .map(|(_, v)| v.span())
    }

    /// The span of `key` itself (the name in a `[key]` header), if present.
    pub fn key_span(&self, key: &str) -> Option<Range<usize>> {
        self.table
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == key)
            .map(|(k, _)| k.span())
    }

    /// A sub-table, if present and a table.
    pub fn table(&mut self, ctx: &mut Ctx<'_>, key: &'static str) -> Option<&'t DeTable<'i>> {
        let v = self.raw(key)?;
        match v.get_ref() {
            DeValue::Table(t) => Some(t),
            other => {
                ctx.error(
                    v.span(),
                    format!("`{key}` must be a table `[{key}]`, found {}", kind(other)),
                    None,
                );
                None
            }
        }
    }

    pub fn string(
        &mut self,
        ctx: &mut Ctx<'_>,
        key: &'static str,
    ) -> Option<(String, Range<usize>)> {
        let v = self.raw(key)?;
        match v.get_ref() {
            DeValue::String(s) => Some((s.to_string(), v.span())),
            other => {
                ctx.error(
                    v.span(),
                    format!(
                        "`{key}` in {} must be a string, found {}",
                        self.label,
                        kind(other)
                    ),
                    None,
                );
                None
            }
        }
    }

    pub fn boolean(&mut self, ctx: &mut Ctx<'_>, key: &'static str, default: bool) -> bool {
        let Some(v) = self.raw(key) else {
            return default;
        };
        match v.get_ref() {
            DeValue::Boolean(b) => *b,
            other => {
                ctx.error(
                    v.span(),
                    format!(
                        "`{key}` in {} must be true or false, found {}",
                        self.label,
                        kind(other)
                    ),
                    None,
                );
                default
            }
        }
    }

    /// One of a fixed set of words.
    pub fn choice<T: Copy>(
        &mut self,
        ctx: &mut Ctx<'_>,
        key: &'static str,
        options: &[(&'static str, T)],
        default: T,
    ) -> T {
        let label = self.label;
        let Some((s, span)) = self.string(ctx, key) else {
            return default;
        };
        if let Some((_, t)) = options.iter().find(|(name, _)| *name == s) {
            return *t;
        }
        let names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
        let help = suggest(&s, names.iter().copied()).map(|n| format!("did you mean `{n}`?"));
        ctx.error(
            span,
            format!(
                "`{key}` in {label} must be one of {}, found \"{s}\"",
                quoted_list(&names)
            ),
            help,
        );
        default
    }

    /// A number (integer or float literal, read exactly from its text) within `min..=max`.
    pub fn number(
        &mut self,
        ctx: &mut Ctx<'_>,
        key: &'static str,
        min: Decimal,
        max: Decimal,
    ) -> Option<Decimal> {
        let v = self.raw(key)?;
        let label = self.label;
        let expected = format!("a number from {} to {}", show(min), show(max));
        let text = match v.get_ref() {
            DeValue::Integer(i) if i.radix() == 10 => Some(i.as_str()),
            DeValue::Float(f) => Some(f.as_str()),
            _ => None,
        };
        if let Some(why) = text.and_then(crate::pricing::check::too_precise) {
            ctx.error(v.span(), format!("`{key}` in {label} {why}"), None);
            return None;
        }
        let value = match v.get_ref() {
            DeValue::Integer(i) => parse_int(i.as_str(), i.radix()),
            DeValue::Float(f) => parse_float(f.as_str()),
            DeValue::String(s) if parse_float(s).is_ok() => {
                ctx.error(
                    v.span(),
                    format!("`{key}` in {label} must be {expected}, found a string"),
                    Some(format!("write the number without quotes: `{key} = {s}`")),
                );
                return None;
            }
            other => {
                ctx.error(
                    v.span(),
                    format!(
                        "`{key}` in {label} must be {expected}, found {}",
                        kind(other)
                    ),
                    None,
                );
                return None;
            }
        };
        match value {
            Ok(d) if d >= min && d <= max => Some(d),
            Ok(d) => {
                ctx.error(
                    v.span(),
                    format!("`{key}` in {label} must be {expected}, found {}", show(d)),
                    None,
                );
                None
            }
            Err(why) => {
                ctx.error(
                    v.span(),
                    format!("`{key}` in {label} must be {expected}, found {why}"),
                    None,
                );
                None
            }
        }
    }

    /// A numeric key within the range [`super::inputs`] gives it.
    /// Counts of things (requests, messages, minutes, queries) are whole numbers, as `sweep` steps
    /// them: one rule, [`super::inputs::Input::whole`].
    pub fn input(&mut self, ctx: &mut Ctx<'_>, key: &'static str) -> Option<Decimal> {
        let input = self.input_range(ctx, key);
        let n = self.number(ctx, key, input.min, input.max)?;
        if input.whole() && !n.is_integer() {
            let label = self.label;
            ctx.error(
                self.span_of(key).unwrap_or(0..0),
                format!(
                    "`{key}` in {label} must be a whole number of {}, found {}",
                    input.unit,
                    show(n)
                ),
                Some(format!(
                    "round it: `{key} = {}`",
                    n.round_dp_with_strategy(
                        0,
                        rust_decimal::RoundingStrategy::MidpointAwayFromZero
                    )
                )),
            );
            return None;
        }
        Some(n)
    }

    /// The range [`super::inputs`] gives `key`, noting the key as given when the file writes it.
    fn input_range(&self, ctx: &mut Ctx<'_>, key: &'static str) -> &'static super::inputs::Input {
        let input = super::inputs::of(self.section, key);
        if self.span_of(key).is_some() {
            ctx.given.push(input.name);
        }
        input
    }

    /// A numeric key within its range, or `default` when it is absent or wrong.
    pub fn input_or(&mut self, ctx: &mut Ctx<'_>, key: &'static str, default: Decimal) -> Decimal {
        self.input(ctx, key).unwrap_or(default)
    }

    /// A whole-number key within its range, or `default` when it is absent or wrong.
    pub fn input_count(&mut self, ctx: &mut Ctx<'_>, key: &'static str, default: u32) -> u32 {
        self.input_count_opt(ctx, key).unwrap_or(default)
    }

    /// An optional whole-number key within the range [`super::inputs`] gives it.
    pub fn input_count_opt(&mut self, ctx: &mut Ctx<'_>, key: &'static str) -> Option<u32> {
        let input = self.input_range(ctx, key);
        let whole = |d: Decimal| d.to_u32().unwrap_or(u32::MAX);
        self.count_opt(ctx, key, whole(input.min), whole(input.max))
    }

    /// A whole number within `min..=max`, if present and right (wrong is reported).
    fn count_opt(
        &mut self,
        ctx: &mut Ctx<'_>,
        key: &'static str,
        min: u32,
        max: u32,
    ) -> Option<u32> {
        let label = self.label;
        let span = self.span_of(key);
        let n = self.number(ctx, key, Decimal::from(min), Decimal::from(max))?;
        if !n.is_integer() {
            let span = span.unwrap_or(0..0);
            ctx.error(
                span,
                format!(
                    "`{key}` in {label} must be a whole number, found {}",
                    show(n)
                ),
                None,
            );
            return None;
        }
        u32::try_from(n.mantissa() / 10i128.pow(n.scale())).ok()
    }

    /// A list of words from a fixed set.
    pub fn words(
        &mut self,
        ctx: &mut Ctx<'_>,
        key: &'static str,
        allowed: &[&'static str],
    ) -> Vec<&'static str> {
        let label = self.label;
        let Some(v) = self.raw(key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = v.get_ref() else {
            ctx.error(
                v.span(),
                format!(
                    "`{key}` in {label} must be a list of strings, found {}",
                    kind(v.get_ref())
                ),
                Some(format!("for example `{key} = [\"{}\"]`", allowed[0])),
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => match allowed.iter().find(|a| **a == s.as_ref()) {
                    Some(a) => out.push(*a),
                    None => {
                        let help = suggest(s, allowed.iter().copied())
                            .map(|n| format!("did you mean `{n}`?"));
                        ctx.error(
                            item.span(),
                            format!(
                                "unknown entry \"{s}\" in `{key}`: expected one of {}",
                                quoted_list(allowed)
                            ),
                            help,
                        );
                    }
                },
                other => ctx.error(
                    item.span(),
                    format!("entries of `{key}` must be strings, found {}", kind(other)),
                    None,
                ),
            }
        }
        out
    }

    /// Reports every key that was not read, with a suggestion.
    pub fn finish(self, ctx: &mut Ctx<'_>) {
        let known = self.known();
        debug_assert!(
            self.used.iter().all(|k| known.contains(k)),
            "a key read from {} is missing from its section's known keys",
            self.label
        );
        for (k, v) in self.table.iter() {
            let name = k.get_ref().as_ref();
            if self.used.contains(&name) || known.contains(&name) {
                continue;
            }
            if self.section.is_empty() && matches!(v.get_ref(), DeValue::Table(_)) {
                let (message, help) = self.unknown_table(name);
                ctx.error(k.span(), message, Some(help));
                continue;
            }
            let help = suggest(name, known.iter().copied())
                .map(|s| format!("did you mean `{s}`?"))
                .or_else(|| {
                    self.sections.iter().find_map(|(section, keys)| {
                        keys.contains(&name).then(|| {
                            if section.is_empty() {
                                format!("`{name}` belongs at the top level, before any [section]")
                            } else {
                                format!("`{name}` belongs in [{section}]")
                            }
                        })
                    })
                })
                .or_else(|| {
                    Some(format!(
                        "known keys in {}: {}",
                        self.label,
                        known.join(", ")
                    ))
                });
            ctx.error(
                k.span(),
                format!("unknown key `{name}` in {}", self.label),
                help,
            );
        }
    }
}

impl Table<'_, '_> {
    /// A table at the top level that is not a section (`[trafic]`): its message and help, a
    /// section of a similar name or the list of them.
    fn unknown_table(&self, name: &str) -> (String, String) {
        let sections = self
            .sections
            .iter()
            .map(|(s, _)| *s)
            .filter(|s| !s.is_empty());
        let help = match suggest(name, sections.clone()) {
            Some(s) => format!("did you mean `[{s}]`?"),
            None => {
                let all: Vec<String> = sections.map(|s| format!("[{s}]")).collect();
                format!("the tables of a scenario are {}", all.join(", "))
            }
        };
        (format!("unknown table `[{name}]`"), help)
    }
}

fn kind(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

/// A number for messages: no exponent, no trailing zeros, thousands grouped.
pub fn show(d: Decimal) -> String {
    crate::money::number(d, 28)
}

pub fn quoted_list(names: &[&str]) -> String {
    let q: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    match q.len() {
        0 => String::new(),
        1 => q[0].clone(),
        _ => format!("{} or {}", q[..q.len() - 1].join(", "), q[q.len() - 1]),
    }
}
