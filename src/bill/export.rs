//! `estimate --format aws-usage`: an estimate written as usage lines for AWS's Pricing
//! Calculator API (`BatchCreateWorkloadEstimateUsage`, `aws bcm-pricing-calculator
//! batch-create-workload-estimate-usage --cli-input-json file://FILE`): the usage-type table
//! read the other way round, each line item's monthly quantity in AWS's unit, with the Region's
//! usage-type prefix.

use serde_json::{Value, json};

use super::mapping::Mapping;
use crate::engine::Estimate;
use crate::pricing::PriceBook;

/// What the API needs that an estimate cannot know, written for the user to replace.
pub const ESTIMATE_ID: &str = "REPLACE-WITH-WORKLOAD-ESTIMATE-ID";
pub const ACCOUNT_ID: &str = "000000000000";

/// The usage-type prefix of `region` (none for us-east-1, where only API Gateway's usage
/// types carry `USE1-`).
fn prefix(region: &str, service: &str) -> String {
    match crate::pricing::import::prefix_of_region(region) {
        Some("USE1") if service != "AmazonApiGateway" => String::new(),
        Some(p) => format!("{p}-"),
        None => String::new(),
    }
}

/// The API's input for `estimate` in `region`, and the components it has no usage type for.
pub fn usage_lines(
    estimate: &Estimate,
    region: &str,
    book: &PriceBook,
) -> (Value, Vec<&'static str>) {
    let mapping = Mapping::new(book);
    let mut lines = Vec::new();
    let mut missing = Vec::new();
    for item in &estimate.line_items {
        let Some(rule) = mapping.rule_for(item.component) else {
            missing.push(item.component.id());
            continue;
        };
        let amount = (item.quantity * rule.per()).round_dp(6).normalize();
        lines.push(json!({
            "serviceCode": rule.service_code,
            "usageType": format!("{}{}", prefix(region, &rule.service_code), rule.usage_type),
            "operation": rule.operations.first().cloned().unwrap_or_default(),
            "key": format!("u{}", lines.len() + 1),
            "group": item.component.id(),
            "usageAccountId": ACCOUNT_ID,
            "amount": amount.to_string().parse::<f64>().unwrap_or(0.0),
        }));
    }
    (
        json!({"workloadEstimateId": ESTIMATE_ID, "usage": lines}),
        missing,
    )
}
