//! One document tree for every template format: CloudFormation JSON and YAML (short tags such as
//! `!Ref` turned into their long form `{"Ref": ...}`) and Terraform's JSON, each node with the
//! line it starts on, so every derived key can say where it came from. Reading is bounded: a
//! file over [`MAX_BYTES`], nesting deeper than [`MAX_DEPTH`] or YAML aliases expanding past
//! [`super::yaml::ALIAS_BUDGET`] nodes are refused with the place and the limit.

pub use super::yaml::parse_yaml;
use crate::diagnostic::Diagnostic;

/// The largest template or plan read: 4 MiB, about 13,000 resources of a Terraform plan (a plan
/// of 1,000 resources is 0.3 MB) or a template ten times CloudFormation's own limit of 1 MB.
/// A parsed plan takes about ten times its size in memory, so that a scan of any file under
/// this stays under 100 MB (issue 20; a 16 MiB plan took 210 MB).
pub const MAX_BYTES: u64 = 4 * 1024 * 1024;
/// The most values (scalars, lists and maps) a file may hold: 200,000, about 14,000 resources
/// of a Terraform plan (a plan of 1,000 resources holds 14,000). Each value parsed takes
/// about 100 bytes, so this, not the size, bounds the memory of a file of many tiny values.
pub const MAX_VALUES: usize = 200_000;

/// The error for a file of more than [`MAX_VALUES`] values.
pub fn too_many_values(path: &str) -> Diagnostic {
    Diagnostic::file(
        path,
        format!(
            "more than {MAX_VALUES} values: refused (reading them would take over 100 MB of memory)"
        ),
    )
    .with_help("scan the plan of one stack or module at a time, or each nested template")
}

/// About how many values a JSON text holds (one per `,`, `[` and `{` outside strings, plus
/// one), counted without parsing it.
pub fn json_values(text: &str) -> usize {
    let (mut n, mut in_str, mut escaped) = (1, false, false);
    for b in text.bytes() {
        if in_str {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_str = false,
                _ => {}
            }
        } else {
            match b {
                b'"' => in_str = true,
                b',' | b'[' | b'{' => n += 1,
                _ => {}
            }
        }
    }
    n
}

/// The deepest nesting read; templates nest a dozen levels.
pub const MAX_DEPTH: usize = 256;

/// A value of a template, with the 1-based line it starts on (0 when the format has none).
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub line: usize,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// A number as written (never a float: `0.5` stays exact).
    Num(String),
    Str(String),
    List(Vec<Node>),
    Map(Vec<(String, Node)>),
}

impl Node {
    pub fn new(line: usize, value: Value) -> Self {
        Node { line, value }
    }

    /// The value under `key` of a map.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The entries of a map (none for anything else).
    pub fn entries(&self) -> &[(String, Node)] {
        match &self.value {
            Value::Map(entries) => entries,
            _ => &[],
        }
    }

    /// The text of a string, number or boolean.
    pub fn text(&self) -> Option<String> {
        match &self.value {
            Value::Str(s) | Value::Num(s) => Some(s.clone()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// Every node of the tree, depth first (the node itself first).
    pub fn walk(&self, f: &mut dyn FnMut(&Node)) {
        f(self);
        match &self.value {
            Value::List(items) => items.iter().for_each(|n| n.walk(f)),
            Value::Map(entries) => entries.iter().for_each(|(_, n)| n.walk(f)),
            _ => {}
        }
    }
}

/// A diagnostic at a 1-based line and column.
pub fn located(path: &str, line: usize, column: usize, message: String) -> Diagnostic {
    Diagnostic {
        line,
        column,
        ..Diagnostic::file(path, message)
    }
}

/// A JSON value (Terraform's plan) as a tree without lines.
pub fn from_json(v: &serde_json::Value) -> Node {
    let value = match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => Value::Num(n.to_string()),
        serde_json::Value::String(s) => Value::Str(s.clone()),
        serde_json::Value::Array(items) => Value::List(items.iter().map(from_json).collect()),
        serde_json::Value::Object(map) => {
            Value::Map(map.iter().map(|(k, v)| (k.clone(), from_json(v))).collect())
        }
    };
    Node::new(0, value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_tags_become_long_forms_with_lines() {
        let n = parse_yaml("t.yaml", "a: 1\nb: !Ref X\nc: !GetAtt Lb.Arn\nd: 0.5\n").unwrap();
        assert_eq!(n.get("b").unwrap().get("Ref").unwrap().as_str(), Some("X"));
        assert_eq!(n.get("b").unwrap().line, 2);
        let att = n.get("c").unwrap().get("Fn::GetAtt").unwrap();
        assert!(matches!(&att.value, Value::List(v) if v.len() == 2));
        assert_eq!(n.get("d").unwrap().text().as_deref(), Some("0.5"));
    }

    #[test]
    fn bad_yaml_is_located() {
        let e = parse_yaml("t.yaml", "a: 1\nb: [1, 2\n").unwrap_err();
        assert_eq!(e.path, "t.yaml");
        assert!(e.line >= 2, "{e:?}");
        assert!(e.message.starts_with("invalid YAML"), "{}", e.message);
    }

    #[test]
    fn alias_bomb_is_refused_quickly() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let started = std::time::Instant::now();
        assert!(parse_yaml("bomb.yaml", &text).is_err());
        assert!(started.elapsed().as_secs() < 5);
    }

    #[test]
    fn json_values_are_counted_outside_strings() {
        assert_eq!(json_values(r#"{"a": [1, 2, {"b": "x,[{\",}"}]}"#), 6);
        assert_eq!(json_values("0"), 1);
    }

    #[test]
    fn many_tiny_values_are_refused() {
        let text = format!("[{}0]", "0,".repeat(MAX_VALUES));
        let e = parse_yaml("many.json", &text).unwrap_err();
        assert!(e.message.starts_with("more than 200000 values"), "{e:?}");
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = format!("{}1{}", "[".repeat(5000), "]".repeat(5000));
        assert!(parse_yaml("deep.yaml", &text).is_err());
    }
}
