//! Who may call a REST API, read from its resource policy (CloudFormation's `Policy`, OpenAPI's
//! `x-amazon-apigateway-policy`, SAM's `Auth.ResourcePolicy`, Terraform's `policy` JSON): the
//! accounts its principals name and the VPC endpoints and VPCs its `aws:SourceVpce` /
//! `aws:SourceVpc` conditions list. That is where the consumers of a private API are written
//! down when their endpoints live in other accounts' code.

use super::graph::{Callers, Known};
use super::intrinsics::Ctx;
use super::tree::{Node, Value};

/// The account a principal in this template's own account is written as.
pub const THIS_ACCOUNT: &str = "this account";

/// The callers a policy document allows: the principals of its `Allow` statements, and the
/// endpoints and VPCs of any statement's conditions (a `Deny` unless `aws:SourceVpce` lists the
/// endpoints as surely as an `Allow` if it does).
pub fn callers(ctx: &Ctx, doc: &Node) -> Callers {
    let mut c = Callers::default();
    for statement in items(doc.get("Statement")) {
        let deny = statement.get("Effect").and_then(Node::as_str) == Some("Deny");
        if let Some(p) = statement.get("Principal").filter(|_| !deny) {
            principals(ctx, p, &mut c);
        }
        for (_, test) in statement
            .get("Condition")
            .map(Node::entries)
            .unwrap_or_default()
        {
            for (key, values) in test.entries() {
                let slot = match key.to_ascii_lowercase().as_str() {
                    "aws:sourcevpce" => &mut c.endpoints,
                    "aws:sourcevpc" => &mut c.vpcs,
                    "aws:sourceaccount" | "aws:principalaccount" => &mut c.accounts,
                    _ => continue,
                };
                for v in items(Some(values)) {
                    add(slot, value(ctx, v, key));
                }
            }
        }
    }
    c
}

/// A list, or a single value as a list of one.
fn items(n: Option<&Node>) -> Vec<&Node> {
    match n.map(|n| &n.value) {
        Some(Value::List(v)) => v.iter().collect(),
        Some(_) => n.into_iter().collect(),
        None => vec![],
    }
}

fn principals(ctx: &Ctx, p: &Node, c: &mut Callers) {
    // `Principal: "*"` and `{AWS: "*"}` let any account call: how many do is not written.
    let aws = match p.get("AWS") {
        Some(a) => a,
        None if p.as_str() == Some("*") => p,
        None => return,
    };
    for v in items(Some(aws)) {
        let account = value(ctx, v, "Principal").and_then(|s| account_of(&s));
        add(&mut c.accounts, account);
    }
}

/// The account of a principal: an account id, or the id in an IAM ARN.
fn account_of(principal: &str) -> Known<String> {
    if principal == "*" {
        return Err(
            "the policy allows any principal (\"*\"): which accounts call is not in the code"
                .into(),
        );
    }
    if principal.contains("${AWS::AccountId}") {
        return Ok(THIS_ACCOUNT.into());
    }
    let id = match principal.strip_prefix("arn:") {
        Some(arn) => arn.split(':').nth(3).unwrap_or_default(),
        None => principal,
    };
    if id.len() == 12 && id.bytes().all(|b| b.is_ascii_digit()) {
        Ok(id.to_owned())
    } else {
        Err(format!(
            "the principal {principal} names no account the code fixes"
        ))
    }
}

/// One value of the policy: a resource of the code by name, a text, or why it is unknown.
fn value(ctx: &Ctx, v: &Node, key: &str) -> Known<String> {
    if let Some(r) = ctx.target(v).filter(|r| ctx.resources.contains(r)) {
        return Ok(r);
    }
    match ctx.text(v) {
        Ok(s) if s.contains('*') && s != "*" => Err(format!("{key} is the wildcard {s}")),
        Ok(s) => Ok(s),
        Err(why) if why.contains("AWS::AccountId") => Ok(THIS_ACCOUNT.into()),
        Err(why) => Err(format!("{key}: {why}")),
    }
}

/// Adds a value to a list, which turns unknown (and stays so) at the first value that is.
fn add(slot: &mut Option<Known<Vec<String>>>, v: Known<String>) {
    match (slot.get_or_insert_with(|| Ok(vec![])), v) {
        (Ok(list), Ok(v)) => {
            if !list.contains(&v) {
                list.push(v);
            }
        }
        (s @ Ok(_), Err(why)) => *s = Err(why),
        (Err(_), _) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn ctx(resources: &[&str]) -> Ctx<'static> {
        Ctx {
            params: HashMap::new(),
            conditions: None,
            mappings: None,
            region: None,
            resources: resources.iter().map(|r| r.to_string()).collect(),
            warnings: Default::default(),
            file: String::new(),
        }
    }

    #[test]
    fn accounts_endpoints_and_vpcs_are_read() {
        let doc = super::super::tree::parse_yaml(
            "p.yaml",
            r#"
Statement:
  - Effect: Allow
    Principal:
      AWS: ["111122223333", "arn:aws:iam::444455556666:root", !Sub "arn:aws:iam::${AWS::AccountId}:root"]
    Action: execute-api:Invoke
  - Effect: Deny
    Principal: "*"
    Condition:
      StringNotEquals:
        aws:sourceVpce: [vpce-0a, !Ref Endpoint]
        aws:SourceVpc: vpc-1
"#,
        )
        .unwrap();
        let c = callers(&ctx(&["Endpoint"]), &doc);
        // The Deny's `*` says nothing of who may call.
        assert_eq!(
            c.accounts,
            Some(Ok(vec![
                "111122223333".into(),
                "444455556666".into(),
                THIS_ACCOUNT.into()
            ]))
        );
        assert_eq!(
            c.endpoints,
            Some(Ok(vec!["vpce-0a".into(), "Endpoint".into()]))
        );
        assert_eq!(c.vpcs, Some(Ok(vec!["vpc-1".into()])));
    }

    #[test]
    fn named_accounts_are_counted_once() {
        let doc = super::super::tree::from_json(&serde_json::json!({
            "Statement": [{"Effect": "Allow",
              "Principal": {"AWS": ["arn:aws:iam::111122223333:role/x", "111122223333", "222233334444"]}}]
        }));
        let c = callers(&ctx(&[]), &doc);
        assert_eq!(c.accounts.unwrap().unwrap().len(), 2);
        assert!(c.endpoints.is_none());
    }
}
