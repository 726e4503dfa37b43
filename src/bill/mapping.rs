//! Which bill rows are which component: the usage-type table (`pricing/global/usage-types.toml`, data
//! built from AWS's price lists) and the rate codes the price tables cite. One lookup serves
//! `usage` and `calibrate` (row → component) and `aws-usage` (component → usage type).

use std::collections::HashMap;

use rust_decimal::Decimal;
use serde::Deserialize;

use crate::component::Component;
use crate::pricing::PriceBook;
use crate::pricing::import::region_of_prefix;

/// The embedded usage-type table.
pub const EMBEDDED: &str = include_str!("../../pricing/global/usage-types.toml");

/// One usage type (after its Region prefix) that bills one component.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    #[serde(deserialize_with = "component")]
    pub component: Component,
    pub service_code: String,
    pub usage_type: String,
    #[serde(default)]
    pub operations: Vec<String>,
    #[serde(default)]
    pub products: Vec<String>,
    pub per: u64,
    #[serde(default)]
    pub prefix_required: bool,
    pub usage_type_prefix: Option<String>,
}

impl Rule {
    /// How many of the bill's units make one of the component's.
    pub fn per(&self) -> Decimal {
        Decimal::from(self.per)
    }

    fn usage_matches(&self, bare: &str) -> bool {
        match &self.usage_type_prefix {
            Some(p) => bare.starts_with(p.as_str()),
            None => bare == self.usage_type,
        }
    }

    /// Whether a row is this rule's. A row without a product code (Cost Explorer's) passes the
    /// product test when `alone` says the usage type names one rule's service by itself.
    fn matches(&self, row: &Row<'_>, alone: bool) -> bool {
        self.usage_matches(row.bare)
            && (row.prefixed || !self.prefix_required)
            && (self.operations.is_empty() || self.operations.iter().any(|o| o == row.operation))
            && (self.products.is_empty()
                || self.products.iter().any(|p| p == row.product)
                || row.product.is_empty() && alone)
    }
}

/// A bill row as the rules test it: its usage type split from its Region prefix.
struct Row<'a> {
    product: &'a str,
    bare: &'a str,
    prefixed: bool,
    operation: &'a str,
}

fn component<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Component, D::Error> {
    let id = String::deserialize(d)?;
    Component::from_id(&id).ok_or_else(|| serde::de::Error::custom(format!("no component `{id}`")))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    usage: Vec<Rule>,
}

/// The usage-type rules and the rate codes of the price book in use.
#[derive(Debug, Clone)]
pub struct Mapping {
    pub rules: Vec<Rule>,
    rate_codes: HashMap<String, Component>,
    /// For each rule, whether its usage type is no other service's among the rules, so that
    /// a row naming no product (Cost Explorer grouped by usage type) is still its.
    alone: Vec<bool>,
}

/// What a bill row is, once mapped.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mapped {
    pub component: Component,
    pub per: Decimal,
    /// Mapped by the row's rate code (`pricing/RateCode`, FOCUS `SkuPriceId`).
    pub by_rate_code: bool,
}

impl Mapping {
    /// The embedded table, with the rate codes every table of `book` cites.
    pub fn new(book: &PriceBook) -> Mapping {
        let file: File =
            toml::from_str(EMBEDDED).expect("pricing/global/usage-types.toml is valid");
        let mut rate_codes = HashMap::new();
        for table in book.tables.values() {
            for component in Component::ALL {
                if let Some(price) = table.get(*component)
                    && component.price_item() == *component
                {
                    for code in cited_rate_codes(&price.source) {
                        rate_codes.insert(code, *component);
                    }
                }
            }
        }
        let alone = unambiguous(&file.usage);
        Mapping {
            rules: file.usage,
            rate_codes,
            alone,
        }
    }

    /// The component a row bills, by its rate code where a price table cites it, else by its
    /// usage type and operation; `None` when the model has no such price.
    pub fn classify(
        &self,
        product: &str,
        usage_type: &str,
        operation: &str,
        rate_code: &str,
    ) -> Option<Mapped> {
        if let Some(c) = self.rate_codes.get(rate_code) {
            let per = self.rule_for(*c).map_or(Decimal::ONE, Rule::per);
            return Some(Mapped {
                component: *c,
                per,
                by_rate_code: true,
            });
        }
        let (region, bare) = split_prefix(usage_type);
        let row = Row {
            product,
            bare,
            prefixed: region.is_some(),
            operation,
        };
        self.rules
            .iter()
            .zip(&self.alone)
            .find(|(r, alone)| r.matches(&row, **alone))
            .map(|(r, _)| Mapped {
                component: r.component,
                per: r.per(),
                by_rate_code: false,
            })
    }

    /// The first rule of `component` (its usage type, unit and service code).
    pub fn rule_for(&self, component: Component) -> Option<&Rule> {
        self.rules.iter().find(|r| r.component == component)
    }
}

/// For each rule, whether no rule of another service bills the same usage type: `Request` and
/// `Lambda-GB-Second` are only Lambda's among the rules, so a Cost Explorer row of that usage
/// type (which names no service) is Lambda's. [`Mapping::classify`] says so in its notes.
fn unambiguous(rules: &[Rule]) -> Vec<bool> {
    rules
        .iter()
        .map(|r| {
            !rules
                .iter()
                .any(|o| o.service_code != r.service_code && o.usage_matches(&r.usage_type))
        })
        .collect()
}

/// The rate codes (`SKU.TERM.RATE`) a price's source names after `rate code `.
pub fn cited_rate_codes(source: &str) -> Vec<String> {
    source
        .split("rate code ")
        .skip(1)
        .filter_map(|rest| {
            let code: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '.')
                .collect();
            let code = code.trim_end_matches('.');
            (code.matches('.').count() == 2).then(|| code.to_owned())
        })
        .collect()
}

/// A usage type's Region (from its prefix) and the rest: `USE2-LCUUsage` → (`us-east-2`,
/// `LCUUsage`); `LCUUsage` → (None, `LCUUsage`): us-east-1 has no prefix.
pub fn split_prefix(usage_type: &str) -> (Option<&'static str>, &str) {
    match usage_type.split_once('-') {
        Some((p, rest)) => match region_of_prefix(p) {
            Some(region) => (Some(region), rest),
            None => (None, usage_type),
        },
        None => (None, usage_type),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mapping() -> Mapping {
        Mapping::new(&PriceBook::embedded())
    }

    #[test]
    fn alb_rows_under_ec2_map_by_operation() {
        let m = mapping();
        let c = |p, u, o| m.classify(p, u, o, "").map(|x| x.component);
        assert_eq!(
            c("AmazonEC2", "LCUUsage", "LoadBalancing:Application"),
            Some(Component::AlbCapacity)
        );
        assert_eq!(
            c(
                "AmazonEC2",
                "USE2-LoadBalancerUsage",
                "LoadBalancing:Network"
            ),
            Some(Component::NlbHours)
        );
        let inter = "DataTransfer-Regional-Bytes";
        assert_eq!(
            c("AmazonEC2", inter, "InterZone-In"),
            Some(Component::InterAzData)
        );
        assert_eq!(c("AmazonEC2", inter, "LoadBalancing-PublicIP-Out"), None);
        assert_eq!(c("AmazonRoute53", "DNS-Queries", ""), None);
        assert_eq!(
            c("AmazonRoute53", "EUC1-DNS-Queries", ""),
            Some(Component::ResolverQueries)
        );
        assert_eq!(c("AWSLambda", "Lambda-GB-Second-ARM", "Invoke"), None);
        assert_eq!(c("AmazonEC2", "TS-LoadBalancerUsage", "x"), None);
    }

    /// Cost Explorer rows carry no product code: a usage type only one service's rules bill
    /// (Lambda's `Request`, Route 53's `HostedZone`) is that service's; one another product's
    /// row names is not.
    #[test]
    fn rows_without_a_product_map_by_an_unambiguous_usage_type() {
        let m = mapping();
        let c = |p, u, o| m.classify(p, u, o, "").map(|x| x.component);
        assert_eq!(c("", "Request", ""), Some(Component::LambdaRequests));
        assert_eq!(
            c("", "USE2-Lambda-GB-Second", "Invoke"),
            Some(Component::LambdaDuration)
        );
        assert_eq!(
            c("", "EUC1-DNS-Queries", ""),
            Some(Component::ResolverQueries)
        );
        assert_eq!(
            c("", "USE1-ResolverNetworkInterface", ""),
            Some(Component::ResolverHours)
        );
        assert_eq!(c("", "HostedZone", ""), Some(Component::HostedZones));
        assert_eq!(c("", "DNS-Queries", ""), None, "public queries stay apart");
        assert_eq!(c("AmazonS3", "Request", ""), None);
        assert_eq!(c("", "Lambda-GB-Second-ARM", "Invoke"), None);
        // LoadBalancerUsage is ALB's and NLB's alike: only the operation tells them apart.
        assert_eq!(c("", "LoadBalancerUsage", ""), None);
    }

    #[test]
    fn rate_codes_are_read_from_sources() {
        let s = "\"x\" rate code DHXB9WUHWNENAYDJ.JRTCKXETXF.QS4VQ8N7FD; \"y\" rate code A.B.C (per unit)";
        assert_eq!(
            cited_rate_codes(s),
            vec!["DHXB9WUHWNENAYDJ.JRTCKXETXF.QS4VQ8N7FD", "A.B.C"]
        );
    }

    /// The table agrees with its sources: every usage type and operation is one AWS's Price List
    /// lists for that service (bare for us-east-1 or behind a Region prefix), and the importer's
    /// own usage-type table maps it to the same component.
    #[test]
    fn table_equals_aws_price_data_and_the_importer() {
        let dir = std::path::Path::new("../shared/real-pricelist/get-attribute-values-20220929");
        let m = mapping();
        for r in &m.rules {
            if r.service_code != "AmazonEC2" && r.usage_type_prefix.is_none() {
                let op = r.operations.first().map_or("", String::as_str);
                let item =
                    crate::pricing::import::item_of_usage_type(&r.service_code, &r.usage_type, op);
                assert_eq!(item.map(|i| i.0), Some(r.component), "{}", r.usage_type);
            }
            let file = dir.join(format!("{}--usagetype.json", r.service_code));
            let Ok(text) = std::fs::read_to_string(&file) else {
                eprintln!(
                    "skipped: {} not found (no attribute list for {}, or ../shared absent)",
                    file.display(),
                    r.service_code
                );
                continue;
            };
            let json: serde_json::Value = serde_json::from_str(&text).unwrap();
            let values = json["attribute_values"].as_array().unwrap();
            let listed = values.iter().filter_map(|v| v.as_str()).any(|v| {
                v == r.usage_type
                    || split_prefix(v).1 == r.usage_type && split_prefix(v).0.is_some()
            });
            assert!(listed, "{} not in {}", r.usage_type, file.display());
        }
    }
}
