//! Price books for tests that need a price no AWS data gives per Region: Direct Connect. AWS
//! prices it per Direct Connect location, so the shipped tables leave it missing (README, "Where
//! prices come from"); the hand calculations and properties that cover the R3 patterns over
//! Direct Connect price it at the us-east-1 figures of pricing-facts.md instead (1 Gbps
//! dedicated port $0.30 an hour, data out $0.02 per GB), added here to the embedded us-east-1
//! table and nowhere else.

use apigw_cost::component::Component;
use apigw_cost::pricing::{Price, PriceBook, Rate};

fn price(amount: &str, source: &str) -> Price {
    Price {
        rate: Rate::Flat(amount.parse().expect("a decimal")),
        source: source.into(),
        effective_date: "2025-11-02".into(),
        unverified: false,
    }
}

/// The embedded book, its us-east-1 table with Direct Connect prices from pricing-facts.md.
pub fn book() -> PriceBook {
    let mut book = PriceBook::embedded();
    let mut us = book
        .region("us-east-1")
        .expect("us-east-1 is shipped")
        .clone();
    let facts = "pricing-facts.md (https://aws.amazon.com/directconnect/pricing/), for tests";
    us.items[Component::DxPortHours.index()] = Some(price("0.30", facts));
    us.items[Component::DxData.index()] = Some(price("0.02", facts));
    us.origin = "embedded:us-east-1.toml with test Direct Connect prices".into();
    book.tables.insert("us-east-1".into(), us);
    book
}
