//! CloudFormation's intrinsic functions evaluated far enough to count things: parameter
//! defaults, pseudo parameters, `Conditions`, mappings, `Sub` and `Join` to text, `Split` and
//! `Select` of known text, `Select` of `GetAZs` as one AZ, and `Ref` /
//! `GetAtt` as edges to other resources. What cannot be known before deployment (a parameter
//! with no default, an account id, an imported value) is said as unknown, never guessed; an
//! intrinsic this reader does not know is a warning.

use std::cell::RefCell;
use std::collections::HashMap;

use super::tree::{Node, Value};

/// The evaluation of a template value.
#[derive(Debug, Clone, PartialEq)]
pub enum Eval {
    Val(Node),
    /// A reference to another resource of the template (`Ref`, `GetAtt`).
    Res(String),
    Unknown(String),
}

/// What a template's values are evaluated against.
pub struct Ctx<'t> {
    pub params: HashMap<String, Result<Node, String>>,
    pub conditions: Option<&'t Node>,
    pub mappings: Option<&'t Node>,
    pub region: Option<String>,
    pub resources: Vec<String>,
    pub warnings: RefCell<Vec<String>>,
    pub file: String,
}

/// The intrinsics this reader leaves unknown on purpose (their value exists only in AWS).
const OPAQUE: &[&str] = &[
    "Fn::GetAZs",
    "Fn::ImportValue",
    "Fn::Base64",
    "Fn::Cidr",
    "Fn::ToJsonString",
    "Fn::Length",
    "Fn::Transform",
];

impl Ctx<'_> {
    /// Evaluates `n` one level: an intrinsic is applied, anything else is its own value.
    pub fn eval(&self, n: &Node) -> Eval {
        let [(name, arg)] = n.entries() else {
            return Eval::Val(n.clone());
        };
        match name.as_str() {
            "Ref" => self.reference(arg),
            "Fn::GetAtt" => match &arg.value {
                Value::List(items) if !items.is_empty() => {
                    Eval::Res(items[0].text().unwrap_or_default())
                }
                Value::Str(s) => Eval::Res(s.split('.').next().unwrap_or_default().to_owned()),
                _ => Eval::Unknown("a malformed Fn::GetAtt".into()),
            },
            "Fn::Sub" | "Fn::Join" => match self.text(n) {
                Ok(s) => Eval::Val(Node::new(n.line, Value::Str(s))),
                Err(why) => Eval::Unknown(why),
            },
            "Fn::If" => self.if_(arg),
            "Fn::Select" => self.select(arg),
            "Fn::Split" => self.split(arg),
            "Fn::GetAZs" => Eval::Unknown(format!(
                "the Availability Zones of {}, a list of unknown length",
                self.region_of(arg)
            )),
            "Fn::FindInMap" => self.find_in_map(arg),
            f if OPAQUE.contains(&f) => Eval::Unknown(format!("{f} is known only in AWS")),
            f if f.starts_with("Fn::") => {
                self.warn(format!("{}:{}: unknown intrinsic {f}", self.file, n.line));
                Eval::Unknown(format!("unknown intrinsic {f}"))
            }
            _ => Eval::Val(n.clone()),
        }
    }

    pub fn warn(&self, w: String) {
        self.warnings.borrow_mut().push(w);
    }

    fn reference(&self, arg: &Node) -> Eval {
        let name = arg.text().unwrap_or_default();
        match name.as_str() {
            "AWS::Region" => match &self.region {
                Some(r) => Eval::Val(Node::new(arg.line, Value::Str(r.clone()))),
                None => Eval::Unknown("AWS::Region is set at deployment; pass --region".into()),
            },
            "AWS::URLSuffix" => Eval::Val(Node::new(arg.line, Value::Str("amazonaws.com".into()))),
            "AWS::Partition" => Eval::Val(Node::new(arg.line, Value::Str("aws".into()))),
            "AWS::NoValue" => Eval::Val(Node::new(arg.line, Value::Null)),
            p if p.starts_with("AWS::") => Eval::Unknown(format!("{p} is set at deployment")),
            p => match self.params.get(p) {
                // Literal by CloudFormation's rules: never evaluated again, so a default that
                // names itself cannot loop.
                Some(Ok(default)) => Eval::Val(default.clone()),
                Some(Err(why)) => Eval::Unknown(why.clone()),
                None if self.resources.iter().any(|r| r == p) => Eval::Res(p.to_owned()),
                None => Eval::Unknown(format!("Ref to {p}, which the template does not define")),
            },
        }
    }

    fn if_(&self, arg: &Node) -> Eval {
        let Value::List(items) = &arg.value else {
            return Eval::Unknown("a malformed Fn::If".into());
        };
        let [cond, yes, no] = items.as_slice() else {
            return Eval::Unknown("a malformed Fn::If".into());
        };
        match self.condition(&cond.text().unwrap_or_default(), 0) {
            Some(true) => self.eval(yes),
            Some(false) => self.eval(no),
            None => Eval::Unknown(format!(
                "condition {} rests on a value known only at deployment",
                cond.text().unwrap_or_default()
            )),
        }
    }

    fn select(&self, arg: &Node) -> Eval {
        let Value::List(items) = &arg.value else {
            return Eval::Unknown("a malformed Fn::Select".into());
        };
        let [index, list] = items.as_slice() else {
            return Eval::Unknown("a malformed Fn::Select".into());
        };
        let i: Option<usize> = self.text(index).ok().and_then(|t| t.parse().ok());
        if let (Some(i), [(f, region)]) = (i, list.entries())
            && f == "Fn::GetAZs"
        {
            // One AZ, the same for the same index: subnets in `!Select [0, !GetAZs '']` and
            // `!Select [1, !GetAZs '']` are in two AZs, whichever they are.
            let text = format!("Availability Zone {} of {}", i + 1, self.region_of(region));
            return Eval::Val(Node::new(list.line, Value::Str(text)));
        }
        match (i, self.eval(list)) {
            (
                Some(i),
                Eval::Val(Node {
                    value: Value::List(v),
                    ..
                }),
            ) if i < v.len() => self.eval(&v[i]),
            (_, Eval::Unknown(why)) => Eval::Unknown(why),
            _ => Eval::Unknown("an Fn::Select out of its list".into()),
        }
    }

    /// `Fn::Split [delimiter, text]`: the list of a text known before deployment.
    fn split(&self, arg: &Node) -> Eval {
        let Value::List(items) = &arg.value else {
            return Eval::Unknown("a malformed Fn::Split".into());
        };
        let [delimiter, source] = items.as_slice() else {
            return Eval::Unknown("a malformed Fn::Split".into());
        };
        let delimiter = match self.text(delimiter) {
            Ok(d) if !d.is_empty() => d,
            _ => return Eval::Unknown("an Fn::Split delimiter known only at deployment".into()),
        };
        match self.text(source) {
            Ok(text) => Eval::Val(Node::new(
                arg.line,
                Value::List(
                    text.split(delimiter.as_str())
                        .map(|p| Node::new(source.line, Value::Str(p.to_owned())))
                        .collect(),
                ),
            )),
            Err(why) => Eval::Unknown(why),
        }
    }

    /// The Region `Fn::GetAZs` names: its argument, else the stack's (`""` and
    /// `!Ref AWS::Region` both mean the stack's).
    fn region_of(&self, arg: &Node) -> String {
        match self.text(arg) {
            Ok(r) if !r.is_empty() => r,
            _ => self
                .region
                .clone()
                .unwrap_or_else(|| "the stack's Region".to_owned()),
        }
    }

    /// How many distinct Availability Zones the subnets' `AvailabilityZone` values name (each
    /// `!Select [i, !GetAZs '']` of a distinct `i` is one more), or why that is unknown.
    pub fn distinct_azs<'n>(
        &self,
        azs: impl IntoIterator<Item = &'n Node>,
    ) -> Result<usize, String> {
        let mut seen = std::collections::BTreeSet::new();
        for az in azs {
            seen.insert(self.text(az)?);
        }
        Ok(seen.len())
    }

    fn find_in_map(&self, arg: &Node) -> Eval {
        let Value::List(items) = &arg.value else {
            return Eval::Unknown("a malformed Fn::FindInMap".into());
        };
        let mut at = self.mappings;
        for key in items.iter().take(3) {
            let Ok(k) = self.text(key) else {
                return Eval::Unknown("an Fn::FindInMap key known only at deployment".into());
            };
            at = at.and_then(|m| m.get(&k));
        }
        match at {
            Some(v) => Eval::Val(v.clone()),
            None => Eval::Unknown("an Fn::FindInMap entry the template lacks".into()),
        }
    }

    /// Whether the named condition holds; `None` when it rests on what only deployment knows.
    pub fn condition(&self, name: &str, depth: usize) -> Option<bool> {
        let c = self.conditions?.get(name)?;
        self.truth(c, depth + 1)
    }

    fn truth(&self, n: &Node, depth: usize) -> Option<bool> {
        if depth > 32 {
            return None;
        }
        let [(f, arg)] = n.entries() else {
            return None;
        };
        let items: &[Node] = match &arg.value {
            Value::List(v) => v,
            _ => std::slice::from_ref(arg),
        };
        match f.as_str() {
            "Fn::Equals" => match items {
                [a, b] => Some(self.text(a).ok()? == self.text(b).ok()?),
                _ => None,
            },
            "Fn::Not" => self.truth(items.first()?, depth + 1).map(|b| !b),
            "Fn::And" => all(items.iter().map(|i| self.truth(i, depth + 1))),
            "Fn::Or" => all(items.iter().map(|i| self.truth(i, depth + 1).map(|b| !b))).map(|b| !b),
            "Condition" => self.condition(&arg.text()?, depth + 1),
            _ => None,
        }
    }

    /// A value as text: `Sub` and `Join` written out.
    pub fn text(&self, n: &Node) -> Result<String, String> {
        if let [(f, arg)] = n.entries() {
            match f.as_str() {
                "Fn::Sub" => return self.sub(arg),
                "Fn::Join" => return self.join(arg),
                _ => {}
            }
        }
        match self.eval(n) {
            Eval::Val(v) => v.text().ok_or_else(|| "not a text value".to_owned()),
            Eval::Res(r) => Err(format!("the id of {r}, known only at deployment")),
            Eval::Unknown(why) => Err(why),
        }
    }

    /// `Fn::Sub`: each `${X}` replaced by its value, or kept as written when unknown (the rest
    /// of the text, such as a service name's `.execute-api` ending, still counts).
    fn sub(&self, arg: &Node) -> Result<String, String> {
        let (template, vars) = match &arg.value {
            Value::List(items) if !items.is_empty() => (items[0].text(), items.get(1)),
            _ => (arg.text(), None),
        };
        let template = template.ok_or("a malformed Fn::Sub")?;
        let mut out = String::new();
        let mut rest = template.as_str();
        while let Some(start) = rest.find("${") {
            out.push_str(&rest[..start]);
            let Some(end) = rest[start..].find('}') else {
                break;
            };
            let name = &rest[start + 2..start + end];
            let value = match vars.and_then(|v| v.get(name)) {
                Some(v) => self.text(v).ok(),
                None if name.contains('.') => None,
                None => self.text(&ref_node(name)).ok(),
            };
            out.push_str(&value.unwrap_or_else(|| format!("${{{name}}}")));
            rest = &rest[start + end + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }

    fn join(&self, arg: &Node) -> Result<String, String> {
        let Value::List(items) = &arg.value else {
            return Err("a malformed Fn::Join".into());
        };
        let [sep, list] = items.as_slice() else {
            return Err("a malformed Fn::Join".into());
        };
        let sep = sep.text().unwrap_or_default();
        let parts = match self.eval(list) {
            Eval::Val(Node {
                value: Value::List(v),
                ..
            }) => v,
            // A `CommaDelimitedList` parameter's default is its items joined by commas.
            Eval::Val(Node {
                value: Value::Str(s),
                line,
            }) => s
                .split(',')
                .map(|p| Node::new(line, Value::Str(p.to_owned())))
                .collect(),
            _ => return Err("an Fn::Join of a list known only at deployment".into()),
        };
        let texts: Vec<String> = parts
            .iter()
            .map(|p| self.text(p).unwrap_or_else(|_| "?".into()))
            .collect();
        Ok(texts.join(&sep))
    }

    /// How many items a list value has (a comma-delimited parameter default counts too).
    pub fn count(&self, n: &Node) -> Result<usize, String> {
        match self.eval(n) {
            Eval::Val(Node {
                value: Value::List(v),
                ..
            }) => Ok(v.len()),
            Eval::Val(Node {
                value: Value::Str(s),
                ..
            }) => Ok(s.split(',').count()),
            Eval::Val(_) => Err("not a list".into()),
            Eval::Res(r) => Err(format!("the list {r} gives, known only at deployment")),
            Eval::Unknown(why) => Err(why),
        }
    }

    /// The resource a value refers to, if it is a `Ref` or `GetAtt` of one (also inside a
    /// `Sub` such as `${Lb.DNSName}`).
    pub fn target(&self, n: &Node) -> Option<String> {
        match self.eval(n) {
            Eval::Res(r) => Some(r),
            _ => {
                let mut found = None;
                n.walk(&mut |x| {
                    if found.is_some() {
                        return;
                    }
                    if let [(f, _)] = x.entries()
                        && (f == "Ref" || f == "Fn::GetAtt")
                        && let Eval::Res(r) = self.eval(x)
                    {
                        found = Some(r);
                    } else if let Some(s) = x.as_str() {
                        found = self.resources.iter().find(|r| mentions(s, r)).cloned();
                    }
                });
                found
            }
        }
    }

    /// A boolean value (`true`, `"true"`), if known.
    pub fn boolean(&self, n: &Node) -> Option<bool> {
        self.text(n).ok().map(|t| t.eq_ignore_ascii_case("true"))
    }
}

/// `${Name}` or `${Name.Attr}` in a `Sub` string.
fn mentions(s: &str, name: &str) -> bool {
    s.contains(&format!("${{{name}}}")) || s.contains(&format!("${{{name}."))
}

fn ref_node(name: &str) -> Node {
    Node::new(
        0,
        Value::Map(vec![("Ref".into(), Node::new(0, Value::Str(name.into())))]),
    )
}

fn all(mut it: impl Iterator<Item = Option<bool>>) -> Option<bool> {
    it.try_fold(true, |acc, b| b.map(|b| acc && b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::iac::tree::parse_yaml;

    fn ctx(params: &str, region: Option<&str>) -> Ctx<'static> {
        let doc = parse_yaml("t.yaml", params).unwrap();
        Ctx {
            params: doc
                .entries()
                .iter()
                .map(|(k, v)| (k.clone(), Ok(v.clone())))
                .collect(),
            conditions: None,
            mappings: None,
            region: region.map(str::to_owned),
            resources: vec!["Vpc".into()],
            warnings: RefCell::default(),
            file: "t.yaml".into(),
        }
    }

    fn node(yaml: &str) -> Node {
        parse_yaml("t.yaml", yaml)
            .unwrap()
            .get("v")
            .unwrap()
            .clone()
    }

    #[test]
    fn split_of_known_text_is_a_list_and_select_picks_from_it() {
        let c = ctx("Subnets: subnet-a,subnet-b,subnet-c\n", None);
        assert_eq!(c.count(&node("v: !Split [',', !Ref Subnets]")), Ok(3));
        assert_eq!(
            c.text(&node("v: !Select [1, !Split [',', !Ref Subnets]]")),
            Ok("subnet-b".to_owned())
        );
        assert_eq!(
            c.text(&node("v: !Select [0, !Split ['.', !Sub 'a.${Subnets}']]")),
            Ok("a".to_owned())
        );
        // Out of the list, or of text known only at deployment: unknown, never guessed.
        assert!(
            c.text(&node("v: !Select [3, !Split [',', !Ref Subnets]]"))
                .is_err()
        );
        // A comma-delimited list parameter joined and split again is its items.
        let rejoined = node("v: !Split [',', !Join [',', !Ref Subnets]]");
        assert_eq!(c.count(&rejoined), Ok(3));
        let unknown = c.count(&node("v: !Split [',', !GetAtt Vpc.CidrBlockAssociations]"));
        assert!(unknown.unwrap_err().contains("Vpc"));
        assert!(c.warnings.borrow().is_empty());
    }

    #[test]
    fn get_azs_is_a_list_of_unknown_length_but_select_of_it_is_one_az() {
        let c = ctx("{}", Some("eu-west-1"));
        let why = c.count(&node("v: !GetAZs ''")).unwrap_err();
        assert_eq!(
            why,
            "the Availability Zones of eu-west-1, a list of unknown length"
        );
        assert_eq!(
            c.text(&node("v: !Select [0, !GetAZs '']")),
            Ok("Availability Zone 1 of eu-west-1".to_owned())
        );
        // `!Ref AWS::Region` is the stack's Region too.
        assert_eq!(
            c.text(&node("v: !Select [0, {'Fn::GetAZs': !Ref AWS::Region}]")),
            c.text(&node("v: !Select [0, !GetAZs '']"))
        );
        // Three subnets in AZs 0, 1 and 0 again: two distinct AZs.
        let azs = [0, 1, 0].map(|i| node(&format!("v: !Select [{i}, !GetAZs '']")));
        assert_eq!(c.distinct_azs(&azs), Ok(2));
        let azs = [0, 1, 2].map(|i| node(&format!("v: !Select [{i}, !GetAZs '']")));
        assert_eq!(c.distinct_azs(&azs), Ok(3));
        // An AZ known only at deployment leaves the count unknown.
        let mixed = [node("v: !Select [0, !GetAZs '']"), node("v: !Ref Missing")];
        assert!(c.distinct_azs(&mixed).is_err());
        assert!(c.warnings.borrow().is_empty());
    }
}
