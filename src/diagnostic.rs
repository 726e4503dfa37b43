//! Errors about a place in an input file, printed the way rustc prints them, so a user can jump
//! straight to `file:line:column`, see the offending line and read a suggested fix.

use std::fmt;

/// One problem at one place in one input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file as the user named it.
    pub path: String,
    /// 1-based line; 0 when the problem is about the whole file.
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
    /// The one-line cause.
    pub message: String,
    /// The source line (or, for a long line, the part of it around the column) and the mark.
    pub snippet: Option<Snippet>,
    /// A suggested fix.
    pub help: Option<String>,
}

/// The text shown under a diagnostic: the offending line, cut down around the column when it
/// is long, so that a 10,000-character line is never echoed whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    /// Characters of `text` before the mark (at most the snippet's length, so small).
    pub caret: u32,
    /// Characters marked.
    pub width: u32,
}

/// A line longer than this (in characters) is shown only around the column.
const SNIPPET_CHARS: usize = 100;
/// Characters shown before the column in a cut line.
const SNIPPET_BEFORE: usize = 40;

impl Diagnostic {
    /// A problem at a byte span of `source`. Indexes the source on every call: a reader that
    /// reports many problems in one file keeps one [`Source`] instead.
    pub fn at(
        path: &str,
        source: &str,
        span: std::ops::Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        Source::new(source).at(path, span, message)
    }

    /// A problem with the whole file (unreadable, empty, not text).
    pub fn file(path: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.to_owned(),
            line: 0,
            column: 0,
            message: message.into(),
            snippet: None,
            help: None,
        }
    }

    /// The line that stands for `more` problems of a file that were not kept (`… and 2,900
    /// more problems in this file`): about the whole file (line 0), with the count where a
    /// column would be, which a whole-file problem never has.
    pub fn more(path: &str, more: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            column: more,
            ..Diagnostic::file(path, message)
        }
    }

    /// How many problems not kept this line stands for (0: it is a problem itself).
    pub fn stands_for(&self) -> usize {
        if self.line == 0 { self.column } else { 0 }
    }

    /// Adds a suggested fix.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// An input error at the same place as `self` (a scenario's `region` or `architecture`
    /// line), saying `message` with the suggested fix `help`.
    pub fn error(&self, message: impl Into<String>, help: impl Into<String>) -> crate::Error {
        let mut d = self.clone();
        d.message = message.into();
        crate::Error::Input(vec![d.with_help(help)])
    }
}

/// One input file's text, indexed once by line, so that locating many problems in it costs
/// time in proportion to the file, not to the file times the problems.
pub struct Source<'a> {
    text: &'a str,
    /// Byte offset where each line starts.
    starts: Vec<usize>,
    /// The last place located (byte offset, its column): a later place on the same line
    /// counts its column on from there.
    cursor: std::cell::Cell<(usize, usize)>,
}

impl<'a> Source<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Source {
            text,
            starts,
            cursor: std::cell::Cell::new((0, 1)),
        }
    }

    /// A problem at a byte span.
    pub fn at(
        &self,
        path: &str,
        span: std::ops::Range<usize>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let start = floor_char_boundary(self.text, span.start);
        let end = floor_char_boundary(self.text, span.end.max(start));
        let (line, column) = self.locate(start);
        let line_start = self.starts[line - 1];
        let line_end = self
            .starts
            .get(line)
            .map_or(self.text.len(), |next| next - 1);
        Diagnostic {
            path: path.to_owned(),
            line,
            column,
            message: message.into(),
            snippet: Some(self.snippet(line_start..line_end, start, end.min(line_end))),
            help: None,
        }
    }

    /// Line (1-based) and column (1-based, in characters) of a byte offset on a char boundary.
    fn locate(&self, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|s| *s <= offset);
        let line_start = self.starts[line - 1];
        let (last, last_column) = self.cursor.get();
        let (from, column) = if last >= line_start && last <= offset {
            (last, last_column)
        } else {
            (line_start, 1)
        };
        let column = column + self.text[from..offset].chars().count();
        self.cursor.set((offset, column));
        (line, column)
    }

    /// The line `line` (byte range, without its newline) marked from `start` to `end`, cut down
    /// around `start` when it is long.
    fn snippet(&self, line: std::ops::Range<usize>, start: usize, end: usize) -> Snippet {
        let text = self.text[line.clone()].trim_end_matches('\r');
        let marked = |s: &str| s.chars().count().max(1);
        // A short line is shown whole. Every count below is bounded by the snippet's size, not
        // the line's: a long line may hold many problems.
        if text.len() <= 4 * SNIPPET_CHARS && text.chars().count() <= SNIPPET_CHARS {
            let caret = text[..(start - line.start).min(text.len())].chars().count();
            let width = marked(&self.text[start..end]).min(text.chars().count() + 1 - caret);
            return Snippet {
                text: text.to_owned(),
                caret: small(caret),
                width: small(width),
            };
        }
        let before = &self.text[line.start..start];
        let cut = before
            .char_indices()
            .rev()
            .nth(SNIPPET_BEFORE - 1)
            .map_or(0, |(i, _)| i);
        let (skip, head) = (cut > 0, &before[cut..]);
        let after = &self.text[start..line.start + text.len()];
        let room = SNIPPET_CHARS - head.chars().count();
        let tail: String = after.chars().take(room).collect();
        let cut_tail = tail.len() < after.len();
        let lead = if skip { "…" } else { "" };
        Snippet {
            caret: small(head.chars().count() + usize::from(skip)),
            width: small(marked(&self.text[start..end]).min(tail.chars().count().max(1))),
            text: format!("{lead}{head}{tail}{}", if cut_tail { "…" } else { "" }),
        }
    }
}

/// A count of characters within one line, for a snippet.
fn small(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Control characters (newlines, tabs, ESC, BEL, DEL, C1) and the invisible formatting ones a
/// terminal or editor would act on (zero-width, bidirectional overrides, byte-order mark).
pub fn invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// `s` with each invisible character written as its escape (`\u{1b}`): the one rule for a file
/// name (or a name taken from one) in every output, so that `\e[31m` in a name colours
/// nothing and `\r` rewrites no line.
pub fn escaped(s: &str) -> String {
    s.chars()
        .map(|c| {
            if invisible(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "error: {}", self.message)?;
        let path = escaped(&self.path);
        if self.line == 0 {
            write!(f, "  --> {path}")?;
        } else {
            write!(f, "  --> {path}:{}:{}", self.line, self.column)?;
        }
        let gutter = self.line.to_string().len();
        if let Some(s) = &self.snippet {
            let pad = " ".repeat(gutter);
            let text: String = s
                .text
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            write!(
                f,
                "\n{pad} |\n{} | {text}\n{pad} | {}{}",
                self.line,
                " ".repeat(s.caret as usize),
                "^".repeat(s.width as usize)
            )?;
        }
        if let Some(help) = &self.help {
            let pad = " ".repeat(if self.snippet.is_some() { gutter } else { 2 });
            // A help of several lines (a list) is indented under its first line's text.
            let help = help.replace('\n', &format!("\n{pad}         "));
            write!(f, "\n{pad} = help: {help}")?;
        }
        Ok(())
    }
}

/// A TOML syntax error as a diagnostic: `what` names the file's kind (`invalid TOML`, `invalid
/// price table`). The parser gives no place for a dotted key nested too deep; the key is found
/// here instead, and failing that the error is about the whole file (never a made-up 1:1).
pub fn toml_syntax(path: &str, source: &str, e: &toml::de::Error, what: &str) -> Diagnostic {
    let message = format!("{what}: {}", e.message().trim_end());
    let src = Source::new(source);
    let mut d = match e.span().or_else(|| deep_dotted_key(source)) {
        Some(span) => src.at(path, span, message),
        None => Diagnostic::file(path, message),
    };
    if e.message().contains("recursion") {
        d = d.with_help(
            "nest tables and keys less deeply: scenario files and price tables need two levels",
        );
    }
    let first = e
        .span()
        .filter(|_| e.message().contains("duplicate key"))
        .and_then(|span| first_definition(source, span));
    if let Some((name, span)) = first {
        let at = src.at(path, span, "");
        d = d.with_help(format!(
            "`{name}` is first defined here: {path}:{}:{}; keep one of the two",
            at.line, at.column
        ));
    }
    d
}

/// Where the key (or table header) the parser calls a duplicate at `span` was first defined:
/// the same key earlier in the same table, or the same header anywhere earlier. The key's name
/// and its span; `None` when it is not found so simply (a quoted or dotted key, an inline table).
fn first_definition(
    source: &str,
    span: std::ops::Range<usize>,
) -> Option<(String, std::ops::Range<usize>)> {
    let name = source.get(span.clone())?.trim();
    let line_start = source[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let header = source[line_start..span.start].trim_start().starts_with('[');
    let (mut offset, mut found) = (0, None);
    for line in source[..line_start].split_inclusive('\n') {
        let text = line.trim_start();
        let at = offset + line.len() - text.len();
        offset += line.len();
        if text.starts_with('[') {
            let inner = text.trim_start_matches('[').split(']').next().unwrap_or("");
            if !header {
                found = None; // a new table: keys before it are in another
            } else if inner.trim() == name {
                found = Some(at + text.find(name)?);
            }
        } else if !header && text.split('=').next().map(str::trim) == Some(name) {
            found = Some(at);
        }
    }
    found.map(|start| (name.to_owned(), start..start + name.len()))
}

/// How many dots a TOML key may have before the parser refuses it (toml's own limit).
const DOTTED_LIMIT: usize = 80;

/// The dot of the first key with more dots than the parser allows, if there is one.
fn deep_dotted_key(source: &str) -> Option<std::ops::Range<usize>> {
    let mut line_start = 0;
    for line in source.split_inclusive('\n') {
        let key = line.split('=').next().unwrap_or("");
        let mut quoted = None;
        let mut dots = 0;
        for (i, c) in key.char_indices() {
            match (quoted, c) {
                (Some(q), c) if c == q => quoted = None,
                (None, '"' | '\'') => quoted = Some(c),
                (None, '.') => {
                    dots += 1;
                    if dots == DOTTED_LIMIT {
                        return Some(line_start + i..line_start + i + 1);
                    }
                }
                _ => {}
            }
        }
        line_start += line.len();
    }
    None
}

/// The closest known name to `unknown`, if one is close enough to be a likely typo.
pub fn suggest<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    known
        .into_iter()
        .map(|k| (strsim::jaro_winkler(unknown, k), k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_line_and_column_in_characters() {
        let src = "a = 1\nbé = 2\n  zz = 3\n";
        let d = Diagnostic::at("f.toml", src, 16..18, "unknown key `zz`");
        assert_eq!((d.line, d.column), (3, 3));
        assert_eq!(
            d.to_string(),
            "error: unknown key `zz`\n  --> f.toml:3:3\n  |\n3 |   zz = 3\n  |   ^^"
        );
        let eof = Diagnostic::at("f.toml", "a = ", 4..4, "expected a value");
        assert_eq!((eof.line, eof.column), (1, 5));
    }

    #[test]
    fn a_long_line_is_shown_only_around_the_column() {
        let line = format!("x = {}{}", "[".repeat(5_000), "]".repeat(5_000));
        let src = format!("region = \"us-east-1\"\n{line}\n");
        let at = 21 + 4 + 85;
        let d = Diagnostic::at("deep.toml", &src, at..at + 1, "too deep");
        assert_eq!((d.line, d.column), (2, 90));
        let s = d.snippet.as_ref().unwrap();
        assert_eq!(s.text.chars().count(), SNIPPET_CHARS + 2, "{}", s.text);
        assert!(s.text.starts_with('…') && s.text.ends_with('…'));
        assert_eq!(s.caret as usize, SNIPPET_BEFORE + 1);
        assert!(d.to_string().lines().all(|l| l.chars().count() < 120));
    }

    #[test]
    fn many_places_in_one_file_are_located_alike_in_any_order() {
        let src = "aé = 1\nb = 2\n\n  ccc = [1, 2]\n";
        let one = Source::new(src);
        let spans = [(26, 27), (0, 3), (21, 24), (9, 10), (21, 22)];
        for (a, b) in spans {
            assert_eq!(one.at("f", a..b, "m"), Diagnostic::at("f", src, a..b, "m"));
        }
    }

    #[test]
    fn a_key_dotted_too_deep_is_found_where_it_is() {
        let src = format!(
            "region = \"x\"\n[traffic]\n{} = 1\n",
            vec!["a"; 200].join(".")
        );
        let e = toml::de::DeTable::parse(&src).unwrap_err();
        let d = toml_syntax("f.toml", &src, &e, "invalid TOML");
        assert_eq!((d.line, d.column), (3, 160));
        assert!(d.help.is_some());
    }

    #[test]
    fn suggests_close_names_only() {
        let known = ["requests_per_month", "request_kb"];
        assert_eq!(
            suggest("request_per_month", known),
            Some("requests_per_month")
        );
        assert_eq!(suggest("colour", known), None);
    }
}
