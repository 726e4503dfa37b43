//! A problem of a scanned scenario told where the user can fix it: the scanned file is never
//! written, so a problem at one of its lines is moved to the code that fixed that key (its
//! provenance), or to the input itself when the key was assumed or given by `--usage`.

use super::Scan;
use crate::derived::split_key;
use crate::diagnostic::Diagnostic;

impl Scan {
    /// `d`, found in the scanned text named `scanned`, placed in the code read from `input`.
    /// Problems located elsewhere (a price table) are kept as they are.
    pub fn locate(&self, d: Diagnostic, scanned: &str, input: &str) -> Diagnostic {
        if d.path != scanned {
            return d;
        }
        let mut out = Diagnostic {
            path: input.to_owned(),
            line: 0,
            column: 0,
            snippet: None,
            ..d.clone()
        };
        let Some(key) = key_at(&self.text, d.line) else {
            return out;
        };
        let said = if let Some(found) = self.derived.iter().find(|x| x.key == key) {
            let from: Vec<String> = found.from.iter().map(ToString::to_string).collect();
            if let Some(o) = found.from.first() {
                out.path.clone_from(&o.file);
                out.line = o.line.unwrap_or(0);
                out.column = usize::from(o.line.is_some());
            }
            format!(
                "the scan set `{key} = {}` from {}",
                found.value,
                from.join("; ")
            )
        } else if let Some(a) = self.assumed.iter().find(|a| a.key == key) {
            format!("the scan assumed `{key} = {}`: {}", a.value, a.why)
        } else {
            format!("the scan wrote `{key}` from --usage")
        };
        out.help = Some(match &d.help {
            Some(h) => format!("{said}; {h}"),
            None => said,
        });
        with_snippet(out)
    }
}

/// `d` with the line of its file it names shown under it (marked from its first non-blank
/// character), as every located error shows its line; unchanged when the file cannot be read.
fn with_snippet(d: Diagnostic) -> Diagnostic {
    if d.line == 0 {
        return d;
    }
    let Ok(text) = super::read_text(std::path::Path::new(&d.path)) else {
        return d;
    };
    let start: usize = text
        .split_inclusive('\n')
        .take(d.line - 1)
        .map(str::len)
        .sum();
    let Some(line) = text.get(start..).and_then(|t| t.lines().next()) else {
        return d;
    };
    let indent = line.len() - line.trim_start().len();
    let span = start + indent..start + line.trim_end().len();
    let at = Diagnostic::at(&d.path, &text, span, d.message.clone());
    Diagnostic {
        column: at.column,
        snippet: at.snippet,
        ..d
    }
}

/// The dotted key written on 1-based `line` of a scenario `text` that `write_scenario` wrote
/// (`section.key`, or a bare top-level key).
fn key_at(text: &str, line: usize) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let at = lines.get(line.checked_sub(1)?)?;
    let (bare, _) = at.split_once('=')?;
    let bare = bare.trim();
    let section = lines[..line - 1]
        .iter()
        .rev()
        .find_map(|l| l.strip_prefix('[').and_then(|l| l.strip_suffix(']')))
        .unwrap_or("");
    let key = if section.is_empty() {
        bare.to_owned()
    } else {
        format!("{section}.{bare}")
    };
    (split_key(&key).1 == bare).then_some(key)
}

#[cfg(test)]
mod tests {
    use super::key_at;

    #[test]
    fn the_key_of_a_line_is_its_section_and_name() {
        let text = "# head\nname = \"x\"\n\n[topology]\navailability_zones = 7  # from a\n";
        assert_eq!(key_at(text, 2).as_deref(), Some("name"));
        assert_eq!(
            key_at(text, 5).as_deref(),
            Some("topology.availability_zones")
        );
        assert_eq!(key_at(text, 4), None);
        assert_eq!(key_at(text, 0), None);
        assert_eq!(key_at(text, 9), None);
    }
}
