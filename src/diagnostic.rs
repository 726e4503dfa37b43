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
    /// The source line and the marked width, when there is one.
    pub snippet: Option<(String, usize)>,
    /// A suggested fix.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A problem at a byte span of `source`.
    pub fn at(
        path: &str,
        source: &str,
        span: std::ops::Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        let start = span.start.min(source.len());
        let end = span.end.clamp(start, source.len());
        let (line, column, line_text, line_start) = locate(source, start);
        let line_end = line_start + line_text.len();
        let marked = source
            .get(start..end.min(line_end))
            .map_or(1, |s| s.chars().count())
            .max(1);
        Diagnostic {
            path: path.to_owned(),
            line,
            column,
            message: message.into(),
            snippet: Some((line_text.to_owned(), marked)),
            help: None,
        }
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

    /// Adds a suggested fix.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// Line (1-based), column (1-based, in characters), the line's text and its byte start.
fn locate(source: &str, offset: usize) -> (usize, usize, &str, usize) {
    let before = &source[..floor_char_boundary(source, offset)];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count() + 1;
    let column = before[line_start..].chars().count() + 1;
    let rest = &source[line_start..];
    let text = rest.split('\n').next().unwrap_or("").trim_end_matches('\r');
    (line, column, text, line_start)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "error: {}", self.message)?;
        if self.line == 0 {
            write!(f, "  --> {}", self.path)?;
        } else {
            write!(f, "  --> {}:{}:{}", self.path, self.line, self.column)?;
        }
        let gutter = self.line.to_string().len();
        if let Some((text, width)) = &self.snippet {
            let pad = " ".repeat(gutter);
            let text: String = text
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            write!(
                f,
                "\n{pad} |\n{} | {text}\n{pad} | {}{}",
                self.line,
                " ".repeat(self.column - 1),
                "^".repeat(*width)
            )?;
        }
        if let Some(help) = &self.help {
            let pad = " ".repeat(if self.snippet.is_some() { gutter } else { 2 });
            write!(f, "\n{pad} = help: {help}")?;
        }
        Ok(())
    }
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
