//! Terraform resource addresses as a plan writes them: instances of `count` and `for_each`
//! (`aws_subnet.a[0]`, `aws_subnet.a["x"]`, `module.m[1].aws_lb.y`), references in
//! `configuration` resolved to those instances (through child modules' outputs), and the line
//! of each address in the plan's text (serde keeps no positions, so one linear scan of the raw
//! text finds them).

use std::collections::{HashMap, HashSet};

use serde_json::Value as Json;

/// The dot-separated parts of an address or reference, with dots inside `[...]` (a
/// `for_each` key such as `["eu.west"]`) left alone.
pub fn segments(addr: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut quoted, mut escaped, mut start) = (0usize, false, false, 0);
    for (i, c) in addr.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            '[' if !quoted => depth += 1,
            ']' if !quoted => depth = depth.saturating_sub(1),
            '.' if !quoted && depth == 0 => {
                out.push(&addr[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&addr[start..]);
    out
}

/// The segment without its instance key: `a[0]` → (`a`, `Some("[0]")`).
fn split_key(segment: &str) -> (&str, Option<&str>) {
    match segment.find('[') {
        Some(at) if segment.ends_with(']') => (&segment[..at], Some(&segment[at..])),
        _ => (segment, None),
    }
}

/// The address without any instance key (`module.m[1].aws_lb.y[0]` → `module.m.aws_lb.y`): how
/// `configuration` names a resource, once whatever its count.
pub fn strip_indexes(addr: &str) -> String {
    segments(addr)
        .iter()
        .map(|s| split_key(s).0)
        .collect::<Vec<_>>()
        .join(".")
}

/// The module path of an address, with its dot (`module.m[1].`), empty at the root: the
/// configuration's references are relative to it.
fn module_prefix(addr: &str) -> String {
    let segs = segments(addr);
    let keep = segs.len().saturating_sub(2);
    segs[..keep].iter().map(|s| format!("{s}.")).collect()
}

/// Every resource address of a plan, and the instances of each counted resource.
#[derive(Debug, Default)]
pub struct Index {
    addresses: HashSet<String>,
    /// `aws_subnet.a` → `aws_subnet.a[0]`, `aws_subnet.a[1]`, in the plan's order.
    instances: HashMap<String, Vec<String>>,
}

impl Index {
    pub fn new<'a>(addresses: impl IntoIterator<Item = &'a str>) -> Self {
        let mut index = Index::default();
        for a in addresses {
            index.addresses.insert(a.to_owned());
            if let Some(base) = a.strip_suffix(']').and_then(|_| a.rfind('[')) {
                index
                    .instances
                    .entry(a[..base].to_owned())
                    .or_default()
                    .push(a.to_owned());
            }
        }
        index
    }

    /// The instances a reference made from `own` (an instance address) names: itself when it is
    /// an address; for a counted resource the instance with `own`'s key (`aws_vpc.x[each.key]`
    /// from `aws_vpc_endpoint.y["a"]` is `aws_vpc.x["a"]`), else every instance. A reference is
    /// relative to `own`'s module. Empty when it names no resource of the plan (a variable).
    pub fn resolve(&self, own: &str, reference: &str) -> Vec<String> {
        let segs = segments(reference);
        let prefix = module_prefix(own);
        let own_key = segments(own).last().and_then(|s| split_key(s).1);
        // `aws_lb.x.arn` names `aws_lb.x`: the longest leading part that is a resource.
        for n in (1..=segs.len()).rev() {
            let head = segs[..n].join(".");
            let prefixed = (!prefix.is_empty()).then(|| format!("{prefix}{head}"));
            for candidate in prefixed.into_iter().chain([head]) {
                if self.addresses.contains(&candidate) {
                    return vec![candidate];
                }
                if let Some(all) = self.instances.get(&candidate) {
                    let same = own_key.map(|k| format!("{candidate}{k}"));
                    return match same.filter(|s| self.addresses.contains(s)) {
                        Some(s) => vec![s],
                        None => all.clone(),
                    };
                }
            }
        }
        vec![]
    }

    /// The instances a list of references names: a reference to a whole counted resource
    /// (`aws_subnet.a`, which Terraform lists beside `aws_subnet.a[0]`) counts only when no
    /// reference names one of its instances.
    pub fn resolve_all<'r>(
        &self,
        own: &str,
        references: impl IntoIterator<Item = &'r str>,
    ) -> Vec<String> {
        let resolved: Vec<Vec<String>> = references
            .into_iter()
            .map(|r| self.resolve(own, r))
            .collect();
        let singles: Vec<&String> = resolved.iter().filter(|r| r.len() == 1).flatten().collect();
        let mut out: Vec<String> = Vec::new();
        for set in &resolved {
            let whole = set.len() > 1 && set.iter().any(|i| singles.contains(&i));
            if whole {
                continue;
            }
            for i in set {
                if !out.contains(i) {
                    out.push(i.clone());
                }
            }
        }
        out
    }
}

/// The line of each address's first `"address": "..."` in a plan's text (the resource's entry
/// in `planned_values`, which comes first): one pass, memory for the addresses only.
pub fn address_lines(text: &str) -> HashMap<String, usize> {
    const KEY: &str = "\"address\"";
    let mut out = HashMap::new();
    let (mut line, mut counted) = (1usize, 0usize);
    for (at, _) in text.match_indices(KEY) {
        line += text.as_bytes()[counted..at]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        counted = at;
        let rest = text[at + KEY.len()..].trim_start();
        let Some(rest) = rest.strip_prefix(':') else {
            continue;
        };
        if let Some(addr) = json_string(rest.trim_start()) {
            out.entry(addr).or_insert(line);
        }
    }
    out
}

/// The JSON string `text` opens with, unescaped.
fn json_string(text: &str) -> Option<String> {
    let body = text.strip_prefix('"')?;
    let mut escaped = false;
    let end = body.char_indices().find_map(|(i, c)| match c {
        _ if escaped => {
            escaped = false;
            None
        }
        '\\' => {
            escaped = true;
            None
        }
        '"' => Some(i),
        _ => None,
    })?;
    serde_json::from_str(&text[..end + 2]).ok()
}

/// Each child module's outputs (`module.vpc.private_subnets`, nested modules prefixed) and
/// the references of its expression, made absolute (`module.vpc.aws_subnet.private`).
pub type Outputs = HashMap<String, Vec<String>>;

pub fn module_outputs(doc: &Json) -> Outputs {
    let mut out = HashMap::new();
    if let Some(root) = doc.pointer("/configuration/root_module") {
        outputs_of(root, "", &mut out, 0);
    }
    out
}

fn outputs_of(m: &Json, prefix: &str, out: &mut Outputs, depth: usize) {
    if depth > 16 {
        return;
    }
    let calls = m.get("module_calls").and_then(Json::as_object);
    for (name, call) in calls.into_iter().flatten() {
        let Some(child) = call.get("module") else {
            continue;
        };
        let inner = format!("{prefix}module.{name}.");
        let outputs = child.get("outputs").and_then(Json::as_object);
        for (output, o) in outputs.into_iter().flatten() {
            // The schema's `expression`; `expressions` too, as some writers spell it.
            let expr = o.get("expression").or_else(|| o.get("expressions"));
            let refs = expr
                .and_then(|e| e.get("references"))
                .and_then(Json::as_array);
            let refs = refs.into_iter().flatten().filter_map(Json::as_str);
            out.insert(
                format!("{inner}{output}"),
                refs.map(|r| format!("{inner}{r}")).collect(),
            );
        }
        outputs_of(child, &inner, out, depth + 1);
    }
}

/// A reference made from `own`, followed through a child module's output
/// (`module.vpc.private_subnets` is what that output's expression refers to, however many
/// modules deep); any other reference as it is.
pub fn through_outputs(outputs: &Outputs, own: &str, reference: &str, depth: usize) -> Vec<String> {
    if depth > 16 || !reference.contains("module.") {
        return vec![reference.to_owned()];
    }
    let own = strip_indexes(own);
    let own_module = module_path(&own);
    let bare = strip_indexes(reference);
    let segs: Vec<&str> = bare.split('.').collect();
    // `module.vpc.private_subnets[0]` and `module.vpc.private_subnets.x` name the output too.
    for n in (3..=segs.len()).rev() {
        let head = segs[..n].join(".");
        let found = outputs
            .get(&format!("{own_module}{head}"))
            .or_else(|| outputs.get(&head));
        if let Some(refs) = found {
            return refs
                .iter()
                .flat_map(|r| through_outputs(outputs, "", r, depth + 1))
                .collect();
        }
    }
    vec![reference.to_owned()]
}

/// The module path of an address with its dot (`module.a.module.b.`), indexes removed.
fn module_path(addr: &str) -> &str {
    let mut end = 0;
    let mut rest = addr;
    while let Some(after) = rest.strip_prefix("module.") {
        let Some(dot) = after.find('.') else { break };
        end += "module.".len() + dot + 1;
        rest = &after[dot + 1..];
    }
    &addr[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_split_and_strip_with_keys_kept_whole() {
        let a = r#"module.net["eu.west"].aws_subnet.a[0]"#;
        assert_eq!(
            segments(a),
            ["module", r#"net["eu.west"]"#, "aws_subnet", "a[0]"]
        );
        assert_eq!(strip_indexes(a), "module.net.aws_subnet.a");
        assert_eq!(module_prefix(a), r#"module.net["eu.west"]."#);
        assert_eq!(module_prefix("aws_lb.x"), "");
    }

    #[test]
    fn references_resolve_to_instances() {
        let index = Index::new([
            "aws_subnet.a[0]",
            "aws_subnet.a[1]",
            "aws_subnet.a[2]",
            r#"aws_vpc.c["x"]"#,
            r#"aws_vpc.c["y"]"#,
            "module.m.aws_lb.y",
        ]);
        // A splat names every instance; an index one.
        assert_eq!(index.resolve("aws_vpc_endpoint.e", "aws_subnet.a").len(), 3);
        assert_eq!(
            index.resolve_all(
                "e",
                ["aws_subnet.a[1].id", "aws_subnet.a[1]", "aws_subnet.a"]
            ),
            ["aws_subnet.a[1]"]
        );
        // `each.key`: the instance with the same key.
        assert_eq!(
            index.resolve(r#"aws_vpc_endpoint.e["y"]"#, "aws_vpc.c"),
            [r#"aws_vpc.c["y"]"#]
        );
        // Relative to the module.
        assert_eq!(
            index.resolve("module.m.aws_lb_listener.l", "aws_lb.y.arn"),
            ["module.m.aws_lb.y"]
        );
        assert!(index.resolve("e", "var.subnets").is_empty());
    }

    #[test]
    fn address_lines_are_found_in_one_pass() {
        let text = "{\n \"planned_values\": [\n  {\"address\": \"aws_lb.x\"},\n  {\"address\" :\n \"aws_subnet.a[\\\"k\\\"]\"}\n ],\n \"resource_changes\": [{\"address\": \"aws_lb.x\"}]\n}";
        let lines = address_lines(text);
        assert_eq!(lines["aws_lb.x"], 3);
        assert_eq!(lines[r#"aws_subnet.a["k"]"#], 4);
        assert_eq!(lines.len(), 2);
    }
}
