//! YAML (and JSON, which is YAML) read straight from the parser's events into our [`Node`]
//! tree, so that a large template is never held twice (once as the parser's tree of spans and
//! once as ours): a 15 MB template used to peak over 300 MB. Short tags (`!Ref X`) become their
//! long forms (`{"Ref": X}`); nesting past [`MAX_DEPTH`] and aliases expanding past
//! [`ALIAS_BUDGET`] nodes are refused at their place, and a file of more than
//! [`MAX_VALUES`] values as a whole.

use std::borrow::Cow;
use std::collections::HashMap;

use saphyr::ScalarOwned;
use saphyr_parser::{Event, Parser, ScalarStyle, Span, Tag};

use super::tree::{MAX_DEPTH, MAX_VALUES, Node, Value, located, too_many_values};
use crate::diagnostic::Diagnostic;

/// How many nodes all of a template's aliases may expand to together (a "billion laughs"
/// bomb is refused long before it costs memory; templates use a handful of anchors, if any).
pub const ALIAS_BUDGET: usize = 100_000;

/// Reads YAML or JSON into one tree (the first document), or the error at its line and column.
pub fn parse_yaml(path: &str, text: &str) -> Result<Node, Diagnostic> {
    let mut b = Builder {
        path,
        stack: Vec::new(),
        anchors: HashMap::new(),
        budget: ALIAS_BUDGET,
        root: None,
        values: 0,
    };
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| {
            let m = e.marker();
            located(
                path,
                m.line(),
                m.col() + 1,
                format!("invalid YAML: {}", e.info()),
            )
        })?;
        if matches!(event, Event::DocumentEnd) {
            break;
        }
        b.event(event, span)?;
    }
    b.root
        .ok_or_else(|| Diagnostic::file(path, "the template is empty"))
}

/// A list or map being read, with where it started, its anchor and its tag.
struct Frame {
    open: Open,
    line: usize,
    anchor: usize,
    tag: Option<Tag>,
}

enum Open {
    List(Vec<Node>),
    /// The entries so far and the key read, waiting for its value.
    Map(Vec<(String, Node)>, Option<String>),
}

struct Builder<'a> {
    path: &'a str,
    stack: Vec<Frame>,
    anchors: HashMap<usize, Node>,
    budget: usize,
    root: Option<Node>,
    /// Values read so far (not counting keys), aliases' expansions included.
    values: usize,
}

impl Builder<'_> {
    fn event(&mut self, event: Event, span: Span) -> Result<(), Diagnostic> {
        let line = span.start.line();
        if self.values > MAX_VALUES {
            return Err(too_many_values(self.path));
        }
        match event {
            Event::Scalar(v, style, anchor, tag) => {
                let node = scalar(line, v, style, tag.as_deref());
                self.finish(node, anchor);
            }
            Event::SequenceStart(anchor, tag) => {
                self.open(Open::List(Vec::new()), anchor, tag, &span)?;
            }
            Event::MappingStart(anchor, tag) => {
                self.open(Open::Map(Vec::new(), None), anchor, tag, &span)?;
            }
            Event::SequenceEnd | Event::MappingEnd => self.close(),
            Event::Alias(id) => {
                let node = self.alias(id, &span)?;
                self.push(node);
            }
            _ => {}
        }
        Ok(())
    }

    fn open(
        &mut self,
        open: Open,
        anchor: usize,
        tag: Option<Cow<Tag>>,
        span: &Span,
    ) -> Result<(), Diagnostic> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(located(
                self.path,
                span.start.line(),
                span.start.col() + 1,
                format!("nesting deeper than {MAX_DEPTH} levels: refused"),
            ));
        }
        self.stack.push(Frame {
            open,
            line: span.start.line(),
            anchor,
            tag: tag.map(Cow::into_owned),
        });
        Ok(())
    }

    fn close(&mut self) {
        let Some(f) = self.stack.pop() else { return };
        let value = match f.open {
            Open::List(mut items) => {
                items.shrink_to_fit();
                Value::List(items)
            }
            Open::Map(mut entries, _) => {
                entries.shrink_to_fit();
                Value::Map(entries)
            }
        };
        let node = tagged(f.tag.as_ref(), Node::new(f.line, value));
        self.finish(node, f.anchor);
    }

    /// A whole node read: kept under its anchor, if any, and put in its parent.
    fn finish(&mut self, node: Node, anchor: usize) {
        if anchor > 0 {
            self.anchors.insert(anchor, node.clone());
        }
        self.push(node);
    }

    fn push(&mut self, node: Node) {
        match self.stack.last_mut().map(|f| &mut f.open) {
            None => {
                self.root.get_or_insert(node);
            }
            Some(Open::List(items)) => {
                items.push(node);
                self.values += 1;
            }
            Some(Open::Map(entries, key)) => match key.take() {
                None => *key = Some(node.text().unwrap_or_default()),
                Some(k) => {
                    entries.push((k, node));
                    self.values += 1;
                }
            },
        }
    }

    /// The anchored node an alias names, while the aliases' budget lasts.
    fn alias(&mut self, id: usize, span: &Span) -> Result<Node, Diagnostic> {
        let refuse =
            |what: String| located(self.path, span.start.line(), span.start.col() + 1, what);
        let Some(node) = self.anchors.get(&id) else {
            return Err(refuse("an alias to an anchor not defined before it".into()));
        };
        let size = size_within(node, self.budget + 1);
        if size > self.budget {
            return Err(refuse(format!(
                "YAML aliases expanding past {ALIAS_BUDGET} nodes: refused (an alias bomb?)"
            )));
        }
        self.budget -= size;
        self.values += size;
        Ok(node.clone())
    }
}

/// How many nodes `node` has, counting no further than `limit`.
fn size_within(node: &Node, limit: usize) -> usize {
    let mut n = 1;
    let children: Box<dyn Iterator<Item = &Node>> = match &node.value {
        Value::List(items) => Box::new(items.iter()),
        Value::Map(entries) => Box::new(entries.iter().map(|(_, v)| v)),
        _ => return 1,
    };
    for c in children {
        if n >= limit {
            break;
        }
        n += size_within(c, limit - n);
    }
    n
}

/// A scalar as the YAML core schema reads it (quoted is a string), tagged if it has a tag.
fn scalar(line: usize, v: Cow<str>, style: ScalarStyle, tag: Option<&Tag>) -> Node {
    let fallback = tag.map(|_| v.to_string());
    let cow_tag = tag.map(Cow::Borrowed);
    let value = match ScalarOwned::parse_from_cow_and_metadata(v, style, cow_tag.as_ref()) {
        Some(ScalarOwned::Null) => Value::Null,
        Some(ScalarOwned::Boolean(b)) => Value::Bool(b),
        Some(ScalarOwned::Integer(i)) => Value::Num(i.to_string()),
        Some(ScalarOwned::FloatingPoint(f)) => Value::Num(f.to_string()),
        Some(ScalarOwned::String(s)) => Value::Str(s),
        None => Value::Str(fallback.unwrap_or_default()),
    };
    tagged(tag, Node::new(line, value))
}

/// `!Ref X` is `{"Ref": X}`, `!GetAtt A.B` is `{"Fn::GetAtt": ["A", "B"]}`, `!Sub s` is
/// `{"Fn::Sub": s}`; a standard tag (`!!str`) keeps its value.
fn tagged(tag: Option<&Tag>, mut value: Node) -> Node {
    let Some(tag) = tag.filter(|t| !t.is_yaml_core_schema()) else {
        return value;
    };
    let line = value.line;
    let name = match tag.suffix.as_str() {
        "Ref" => "Ref".to_owned(),
        "Condition" => "Condition".to_owned(),
        t if t.chars().next().is_some_and(char::is_alphabetic) => format!("Fn::{t}"),
        _ => return value,
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
    Node::new(line, Value::Map(vec![(name, value)]))
}
