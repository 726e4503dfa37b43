//! One document tree for every template format: CloudFormation JSON and YAML (short tags such as
//! `!Ref` turned into their long form `{"Ref": ...}`) and Terraform's JSON, each node with the
//! line it starts on, so every derived key can say where it came from. Reading is bounded: a
//! file over [`MAX_BYTES`], nesting deeper than [`MAX_DEPTH`] or YAML aliases expanding past
//! saphyr's budget are refused with the place and the limit.

use saphyr::{LoadableYamlNode, MarkedYamlOwned, ScalarOwned, YamlDataOwned};

use crate::diagnostic::Diagnostic;

/// The largest template or plan read: 16 MiB (Terraform's plans of large estates are a few MB),
/// so that the parsed tree stays well under 100 MB of memory.
pub const MAX_BYTES: u64 = 16 * 1024 * 1024;
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

/// Reads YAML or JSON (JSON is YAML) into one tree, or the error at its line and column.
pub fn parse_yaml(path: &str, text: &str) -> Result<Node, Diagnostic> {
    let docs = MarkedYamlOwned::load_from_str(text).map_err(|e| {
        let m = e.marker();
        located(
            path,
            m.line(),
            m.col() + 1,
            format!("invalid YAML: {}", e.info()),
        )
    })?;
    let doc = docs
        .into_iter()
        .next()
        .ok_or_else(|| Diagnostic::file(path, "the template is empty"))?;
    convert(path, &doc, 0)
}

/// A diagnostic at a 1-based line and column.
pub fn located(path: &str, line: usize, column: usize, message: String) -> Diagnostic {
    Diagnostic {
        line,
        column,
        ..Diagnostic::file(path, message)
    }
}

fn convert(path: &str, y: &MarkedYamlOwned, depth: usize) -> Result<Node, Diagnostic> {
    let line = y.span.start.line();
    if depth > MAX_DEPTH {
        return Err(located(
            path,
            line,
            y.span.start.col() + 1,
            format!("nesting deeper than {MAX_DEPTH} levels: refused"),
        ));
    }
    let value = match &y.data {
        YamlDataOwned::Value(s) => scalar(s),
        YamlDataOwned::Representation(s, _, _) => Value::Str(s.clone()),
        YamlDataOwned::Sequence(items) => Value::List(
            items
                .iter()
                .map(|i| convert(path, i, depth + 1))
                .collect::<Result<_, _>>()?,
        ),
        YamlDataOwned::Mapping(map) => {
            let mut entries = Vec::with_capacity(map.len());
            for (k, v) in map {
                let key = convert(path, k, depth + 1)?.text().unwrap_or_default();
                entries.push((key, convert(path, v, depth + 1)?));
            }
            Value::Map(entries)
        }
        YamlDataOwned::Tagged(tag, inner) => {
            return tagged(path, line, &tag.suffix, inner, depth);
        }
        YamlDataOwned::Alias(_) | YamlDataOwned::BadValue => {
            return Err(located(
                path,
                line,
                y.span.start.col() + 1,
                "a YAML alias that expands past the reader's budget, or a bad value: refused"
                    .into(),
            ));
        }
    };
    Ok(Node::new(line, value))
}

/// `!Ref X` is `{"Ref": X}`, `!GetAtt A.B` is `{"Fn::GetAtt": ["A", "B"]}`, `!Sub s` is
/// `{"Fn::Sub": s}`; a standard tag (`!!str`) keeps its value.
fn tagged(
    path: &str,
    line: usize,
    tag: &str,
    inner: &MarkedYamlOwned,
    depth: usize,
) -> Result<Node, Diagnostic> {
    let line = line.max(inner.span.start.line());
    let mut value = convert(path, inner, depth + 1)?;
    let name = match tag {
        "Ref" => "Ref".to_owned(),
        "Condition" => "Condition".to_owned(),
        t if t.chars().next().is_some_and(char::is_alphabetic) => format!("Fn::{t}"),
        _ => return Ok(value),
    };
    if name == "Fn::GetAtt"
        && let Value::Str(s) = &value.value
        && let Some((res, att)) = s.split_once('.')
    {
        value = Node::new(
            line,
            Value::List(vec![
                Node::new(line, Value::Str(res.into())),
                Node::new(line, Value::Str(att.into())),
            ]),
        );
    }
    Ok(Node::new(line, Value::Map(vec![(name, value)])))
}

fn scalar(s: &ScalarOwned) -> Value {
    match s {
        ScalarOwned::Null => Value::Null,
        ScalarOwned::Boolean(b) => Value::Bool(*b),
        ScalarOwned::Integer(i) => Value::Num(i.to_string()),
        ScalarOwned::FloatingPoint(f) => Value::Num(f.to_string()),
        ScalarOwned::String(s) => Value::Str(s.clone()),
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
    fn deep_nesting_is_refused() {
        let text = format!("{}1{}", "[".repeat(5000), "]".repeat(5000));
        assert!(parse_yaml("deep.yaml", &text).is_err());
    }
}
