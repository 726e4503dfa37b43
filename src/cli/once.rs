//! Warnings and notes said once per run: a line that several scenarios would each repeat
//! (`estimate scenarios/*.toml` saying one warning 15 times) is said once, with the files it
//! concerns. Every command that writes notes per scenario goes through [`once_per_run`].

/// One line a command would say about one scenario.
pub(super) struct Line<'a> {
    /// `warning` or `note`.
    pub kind: &'a str,
    /// What is said, without the scenario it concerns.
    pub text: String,
    /// The scenario's name, said when the line concerns one scenario only.
    pub name: &'a str,
    /// The scenario's file, said when the line concerns several.
    pub path: &'a str,
    /// What in the scenario it concerns (a pattern), if anything.
    pub detail: Option<&'a str>,
}

impl Line<'_> {
    /// `path (detail)`: this line's place in the list of the files a repeated line concerns.
    fn place(&self) -> String {
        match self.detail {
            Some(d) => format!("{} ({d})", self.path),
            None => self.path.to_owned(),
        }
    }
}

/// The lines to say: each `(kind, text)` once, in the order first met, naming its scenario
/// (and detail) when it concerns one, else the files (and details) it concerns.
pub(super) fn once_per_run<'a>(lines: impl IntoIterator<Item = Line<'a>>) -> Vec<String> {
    let mut said: Vec<Vec<Line<'a>>> = Vec::new();
    for line in lines {
        let same = said
            .iter_mut()
            .find(|g| g[0].kind == line.kind && g[0].text == line.text);
        match same {
            Some(group) => group.push(line),
            None => said.push(vec![line]),
        }
    }
    said.into_iter().map(|group| say(&group)).collect()
}

/// One group of identical lines as one line.
fn say(group: &[Line<'_>]) -> String {
    match group {
        [one] => match one.detail {
            Some(d) => format!("{}: {}: {d}: {}", one.kind, one.name, one.text),
            None => format!("{}: {}: {}", one.kind, one.name, one.text),
        },
        many => {
            let places: Vec<String> = many.iter().map(Line::place).collect();
            format!(
                "{}: {} (in {} files: {})",
                many[0].kind,
                many[0].text,
                many.len(),
                places.join(", ")
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line<'a>(text: &str, name: &'a str, path: &'a str, detail: Option<&'a str>) -> Line<'a> {
        Line {
            kind: "warning",
            text: text.to_owned(),
            name,
            path,
            detail,
        }
    }

    #[test]
    fn a_line_two_scenarios_share_is_said_once_with_both_files() {
        let said = once_per_run([
            line("w", "a", "a.toml", Some("R5")),
            line("other", "a", "a.toml", None),
            line("w", "b", "b.toml", Some("R5")),
        ]);
        assert_eq!(
            said,
            [
                "warning: w (in 2 files: a.toml (R5), b.toml (R5))",
                "warning: a: other",
            ]
        );
    }
}
