//! Scenario keys that no person typed: read from infrastructure code (`scan`) or a bill
//! (`calibrate`), each with where it came from. The one type `iac` and `bill` share, and the
//! one writer that prints such keys as a scenario file with each key's origin as a comment.
//!
//! Keys are dotted `section.key` (`traffic.requests_per_month`, `layout.architecture`); a key
//! with no dot (`region`, `name`) is a top-level key. Deeper sections work the same way
//! (`profiles.high.traffic.requests_per_month`).

use serde::Serialize;

/// One place a derived value was read from: a file, a line in it when the format has lines,
/// the resource (or bill rows) and its type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Origin {
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The resource's logical name or address (`ApiEndpoint`, `aws_vpc_endpoint.api`), or for
    /// a bill what was summed (`USE1-VpcEndpoint-Hours`).
    pub resource: String,
    /// The resource's type (`AWS::EC2::VPCEndpoint`), or for a bill the row count (`24 rows`).
    #[serde(rename = "type")]
    pub kind: String,
    /// What about the resource fixed the value (`3 subnets`), when it says more than the type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl Origin {
    pub fn new(file: impl Into<String>, line: Option<usize>, resource: &str, kind: &str) -> Self {
        Origin {
            file: file.into(),
            line,
            resource: resource.to_owned(),
            kind: kind.to_owned(),
            detail: None,
        }
    }

    /// The same origin with what fixed the value said.
    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }
}

impl std::fmt::Display for Origin {
    /// `infra/api.yaml:42, AWS::EC2::VPCEndpoint ApiEndpoint, 3 subnets`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ", {} {}", self.kind, self.resource)?;
        if let Some(detail) = &self.detail {
            write!(f, ", {detail}")?;
        }
        Ok(())
    }
}

/// A key whose value the input fixes, with every place that fixed it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Derived {
    pub key: String,
    pub value: toml::Value,
    pub from: Vec<Origin>,
}

/// A key the input cannot fix, written with a value every estimate warns about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assumed {
    pub key: String,
    pub value: toml::Value,
    pub why: String,
}

/// A key the input leaves open (a parameter with no default, a value unknown until apply):
/// never guessed, never written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unknown {
    pub key: String,
    pub why: String,
}

/// A resource the cost model does not price, listed so nothing is dropped silently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotModelled {
    pub resource: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub why: String,
}

/// One line of a written scenario: a key, its value and the comment that follows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    pub value: toml::Value,
    pub comment: Option<String>,
}

impl Entry {
    /// A key kept as the person wrote it: no comment.
    pub fn plain(key: &str, value: toml::Value) -> Self {
        Entry {
            key: key.to_owned(),
            value,
            comment: None,
        }
    }
}

impl From<&Derived> for Entry {
    fn from(d: &Derived) -> Self {
        let from: Vec<String> = d.from.iter().map(Origin::to_string).collect();
        Entry {
            key: d.key.clone(),
            value: d.value.clone(),
            comment: (!from.is_empty()).then(|| format!("from {}", from.join("; "))),
        }
    }
}

impl From<&Assumed> for Entry {
    fn from(a: &Assumed) -> Self {
        Entry {
            key: a.key.clone(),
            value: a.value.clone(),
            comment: Some(format!("assumed: {}", a.why)),
        }
    }
}

/// The scenario file holding `entries`, top-level keys first, then each section in the order
/// its first key came; within a section, keys in the order given. A later entry for the same
/// key replaces the earlier one in place. `header` lines are written first, as comments.
pub fn write_scenario(header: &[String], entries: &[Entry]) -> String {
    let mut sections: Vec<(&str, Vec<&Entry>)> = Vec::new();
    for entry in entries {
        let (section, _) = split_key(&entry.key);
        let at = match sections.iter().position(|(s, _)| *s == section) {
            Some(at) => at,
            None => {
                sections.push((section, Vec::new()));
                sections.len() - 1
            }
        };
        let keys = &mut sections[at].1;
        match keys.iter().position(|e| e.key == entry.key) {
            Some(old) => keys[old] = entry,
            None => keys.push(entry),
        }
    }
    // Top-level keys must come before the first table header.
    sections.sort_by_key(|(section, _)| !section.is_empty());
    let mut out = String::new();
    for line in header {
        out.push_str(&comment_line(line));
    }
    for (section, keys) in &sections {
        if !section.is_empty() {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&format!("[{section}]\n"));
        }
        for entry in keys {
            out.push_str(&key_line(entry));
        }
    }
    out
}

/// `section` and bare key of a dotted key: `traffic.request_kb` → (`traffic`, `request_kb`).
pub fn split_key(key: &str) -> (&str, &str) {
    key.rsplit_once('.').unwrap_or(("", key))
}

fn key_line(entry: &Entry) -> String {
    let (_, bare) = split_key(&entry.key);
    let value = value_text(&entry.value);
    match &entry.comment {
        Some(c) => format!("{bare} = {value}  # {}\n", one_line(c)),
        None => format!("{bare} = {value}\n"),
    }
}

fn comment_line(text: &str) -> String {
    if text.is_empty() {
        "#\n".to_owned()
    } else {
        format!("# {}\n", one_line(text))
    }
}

/// A comment never ends the line early: control characters (a newline in a resource name)
/// are written as spaces.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// A value as TOML writes it inline.
fn value_text(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => toml::Value::String(s.clone()).to_string(),
        toml::Value::Array(items) => {
            let parts: Vec<String> = items.iter().map(value_text).collect();
            format!("[{}]", parts.join(", "))
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin() -> Origin {
        Origin::new(
            "infra/api.yaml",
            Some(42),
            "ApiEndpoint",
            "AWS::EC2::VPCEndpoint",
        )
        .with_detail("3 subnets")
    }

    #[test]
    fn origin_reads_as_the_contract_shows() {
        assert_eq!(
            origin().to_string(),
            "infra/api.yaml:42, AWS::EC2::VPCEndpoint ApiEndpoint, 3 subnets"
        );
    }

    #[test]
    fn written_scenario_parses_back_with_top_level_keys_first() {
        let derived = Derived {
            key: "topology.availability_zones".into(),
            value: toml::Value::Integer(3),
            from: vec![origin()],
        };
        let assumed = Assumed {
            key: "traffic.requests_per_month".into(),
            value: toml::Value::Integer(1_000_000),
            why: "traffic is not in the code; pass --usage FILE".into(),
        };
        let entries = vec![
            Entry::from(&derived),
            Entry::from(&assumed),
            Entry::plain("region", toml::Value::String("eu-west-1".into())),
            Entry::plain("layout.architecture", toml::Value::String("R1".into())),
            Entry::plain("topology.availability_zones", toml::Value::Integer(2)),
        ];
        let text = write_scenario(&["scanned by apigw-cost".into()], &entries);
        assert!(text.starts_with("# scanned by apigw-cost\nregion = \"eu-west-1\"\n"));
        assert!(text.contains("[traffic]\nrequests_per_month = 1000000  # assumed: traffic"));
        let doc: toml::Table = toml::from_str(&text).expect(&text);
        assert_eq!(doc["topology"]["availability_zones"].as_integer(), Some(2));
        assert_eq!(doc["layout"]["architecture"].as_str(), Some("R1"));
    }

    #[test]
    fn a_comment_cannot_break_the_line() {
        let entry = Entry {
            key: "name".into(),
            value: toml::Value::String("x\"y".into()),
            comment: Some("from a\nb = 1".into()),
        };
        let text = write_scenario(&[], &[entry]);
        let doc: toml::Table = toml::from_str(&text).expect(&text);
        assert_eq!(doc.len(), 1);
        assert_eq!(doc["name"].as_str(), Some("x\"y"));
    }

    #[test]
    fn json_names_match_the_contract() {
        let d = Derived {
            key: "region".into(),
            value: toml::Value::String("us-east-1".into()),
            from: vec![origin()],
        };
        let json = serde_json::to_value(&d).unwrap();
        assert_eq!(json["from"][0]["type"], "AWS::EC2::VPCEndpoint");
        assert_eq!(json["from"][0]["line"], 42);
        assert_eq!(json["value"], "us-east-1");
    }
}
