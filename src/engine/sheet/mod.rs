//! The engine's rules as a spreadsheet: each meter's [`sheet`](super::meters::Meter::sheet)
//! states its line items as formulas over the workbook's named input and price cells, beside the
//! `bill` rule it mirrors. [`sheet`](fn@sheet) runs them into a [`PatternSheet`]: rows of
//! formulas with their words, the values the formulas compute (held against the bill in tests),
//! the engine's own figures as the cells' cached results, and the checks that say when an edited
//! input leaves the layout the sheet was exported for. Pure data: `report::xlsx` lays it out.

mod expr;
mod shared;
mod tiers;

use rust_decimal::Decimal;

pub use expr::Expr;

use super::{Context, EngineError, Estimate, LineItem, Options, meters};
use crate::architecture::Layout;
use crate::component::Component;
use crate::pricing::{PriceTable, Rate};
use crate::scenario::{Scenario, input};

/// The sheet row (0-based) of the first row a meter writes; the rows above hold the title,
/// status and total.
pub const FIRST_ROW: u32 = 6;
/// Columns of a pattern sheet (0-based): component, what, quantity, unit, unit price, monthly
/// cost, formula in words.
pub const QUANTITY_COLUMN: u16 = 2;
pub const COST_COLUMN: u16 = 5;

/// One row of a pattern sheet: a line item (with a cost) or a figure line items share.
#[derive(Debug, Clone)]
pub struct Row {
    /// The line item's component; `None` for a shared figure.
    pub component: Option<Component>,
    pub label: String,
    pub quantity: Expr,
    pub unit: &'static str,
    /// A flat price (a tiered one is shown on the Prices sheet).
    pub unit_price: Option<Expr>,
    /// How the cost is priced when there is no one unit price: tiers, or no price at all.
    pub pricing: Pricing,
    pub cost: Option<Expr>,
    /// The engine's own (quantity, monthly cost) of this line item: the cells' cached results.
    /// `None` when the bill has no such line item (its quantity is zero).
    pub engine: Option<(Decimal, Decimal)>,
}

/// How a row is priced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pricing {
    /// A shared figure: no price.
    Figure,
    /// One unit price.
    Flat,
    /// Marginal tiers (on the Prices sheet).
    Tiered,
    /// The table has no price for it: the quantity must stay zero.
    Missing,
}

/// A condition the sheet's formulas rely on: while it holds, the sheet prices the layout it was
/// exported for (the same shape as the architecture rules' conditions).
pub use crate::architecture::Condition as Check;

/// One priced layout as a sheet.
#[derive(Debug, Clone)]
pub struct PatternSheet {
    pub rows: Vec<Row>,
    pub checks: Vec<Check>,
    /// The price items the formulas read, in first-use order.
    pub prices: Vec<Component>,
    pub estimate: Estimate,
}

impl PatternSheet {
    /// The total of the rows' formulas, evaluated exactly (the tests hold it against the bill).
    pub fn formula_total(&self) -> Decimal {
        self.rows
            .iter()
            .filter_map(|r| r.cost.as_ref())
            .map(|c| c.value)
            .sum()
    }
}

/// The layout's estimate and its sheet: every meter's `sheet` over one shared context.
pub fn sheet(
    s: &Scenario,
    layout: &Layout,
    prices: &PriceTable,
    opts: Options,
) -> Result<PatternSheet, EngineError> {
    let opts = Options {
        lean: false,
        ..opts
    };
    let estimate = super::estimate(s, layout, prices, opts)?;
    let cx = Context::new(s, layout, prices, opts);
    let mut sh = Sheet::new(&cx, &estimate.line_items);
    for meter in meters::METERS {
        meter.sheet(&cx, &mut sh)?;
    }
    Ok(PatternSheet {
        rows: sh.rows,
        checks: sh.checks,
        prices: sh.prices,
        estimate,
    })
}

/// What a meter writes its formulas into.
pub struct Sheet<'c> {
    cx: &'c Context<'c>,
    items: &'c [LineItem],
    rows: Vec<Row>,
    checks: Vec<Check>,
    prices: Vec<Component>,
    shared: shared::Shared,
}

/// The defined names of the REST cache's sizes (GB) and hourly prices, two columns of the
/// Prices sheet.
pub const CACHE_SIZES: &str = "cache_sizes_gb";
pub const CACHE_PRICES: &str = "cache_hourly_prices";

/// The defined-name stem of a price item: `rest_requests`.
pub fn price_stem(c: Component) -> String {
    c.price_item().id().replace('-', "_")
}

/// The defined name of a flat price, or of tier `tier` (1-based) of a tiered one.
pub fn price_name(c: Component, tier: Option<usize>) -> String {
    match tier {
        None => format!("price_{}", price_stem(c)),
        Some(i) => format!("price_{}_{i}", price_stem(c)),
    }
}

/// The defined name of the upper edge of tier `tier` (1-based).
pub fn edge_name(c: Component, tier: usize) -> String {
    format!("upto_{}_{tier}", price_stem(c))
}

/// The defined name of a free-tier allowance (`--free-tier`).
pub fn free_name(c: Component) -> String {
    format!("free_{}", price_stem(c))
}

/// The defined name of an always-free allowance (`--always-free`).
pub fn always_free_name(c: Component) -> String {
    format!("always_free_{}", price_stem(c))
}

impl<'c> Sheet<'c> {
    fn new(cx: &'c Context<'c>, items: &'c [LineItem]) -> Self {
        Sheet {
            cx,
            items,
            rows: Vec::with_capacity(24),
            checks: Vec::new(),
            prices: Vec::new(),
            shared: shared::Shared::default(),
        }
    }

    /// The input cell of scenario key `name` (`traffic.request_kb`). An optional key the
    /// scenario leaves derived is worth zero here: read it with [`Sheet::input_or`].
    pub fn input(&self, name: &str) -> Expr {
        let i = input(name).unwrap_or_else(|| panic!("`{name}` is not a numeric scenario key"));
        let value = (i.get)(self.cx.scenario).unwrap_or_default();
        Expr::name(i.cell_name(), i.key(), value)
    }

    /// An optional input: its cell when filled in, else `derived`.
    pub fn input_or(&self, name: &str, derived: Expr) -> Expr {
        let i = input(name).unwrap_or_else(|| panic!("`{name}` is not a numeric scenario key"));
        Expr::or_else(self.input(name), (i.get)(self.cx.scenario), derived)
    }

    /// A figure later rows share, as a row of its own; returns the reference to its cell.
    pub fn figure(&mut self, label: &str, unit: &'static str, quantity: Expr) -> Expr {
        let reference = self.next_cell(QUANTITY_COLUMN);
        let value = quantity.value;
        self.rows.push(Row {
            component: None,
            label: label.to_owned(),
            quantity,
            unit,
            unit_price: None,
            pricing: Pricing::Figure,
            cost: None,
            engine: None,
        });
        Expr::cell(reference, label, value)
    }

    /// The A1 reference of `column` in the row about to be written.
    fn next_cell(&self, column: u16) -> String {
        let row = FIRST_ROW + self.rows.len() as u32 + 1;
        format!("{}{row}", column_letter(column))
    }

    /// Records a condition the formulas rely on.
    pub fn check(&mut self, formula: String, holds: bool, reason: impl Into<String>) {
        self.checks.push(Check {
            formula,
            holds,
            reason: reason.into(),
            soft: false,
        });
    }

    /// `gross` less the component's free allowances (as [`Context::less_free`]): API Gateway's
    /// free tier with `--free-tier`, AWS's always-free allowance with `--always-free`.
    pub fn less_free(&mut self, c: Component, gross: Expr) -> Expr {
        let o = self.cx.options;
        let tier = self.cx.prices.free(c);
        let always = crate::pricing::always_free::allowance(c);
        let mut allowance: Option<Expr> = None;
        for (on, amount, name, words) in [
            (o.free_tier, tier, free_name(c), "free tier"),
            (
                self.cx.always_free(),
                always,
                always_free_name(c),
                "always free",
            ),
        ] {
            if on && !amount.is_zero() {
                let e = Expr::name(name, words, amount);
                allowance = Some(match allowance {
                    Some(a) => a + e,
                    None => e,
                });
            }
        }
        match allowance {
            Some(a) => gross.less(a),
            None => gross,
        }
    }

    /// A line item priced at the price table's rate for `c`.
    pub fn item(&mut self, c: Component, quantity: Expr) -> Result<(), EngineError> {
        self.item_tiered(c, quantity, false)
    }

    /// A line item tiered per active Region when `per_region` (and the layout is active-active).
    pub fn item_tiered(
        &mut self,
        c: Component,
        quantity: Expr,
        per_region: bool,
    ) -> Result<(), EngineError> {
        let Some(price) = self.cx.prices.get(c) else {
            return self.unpriced(c, quantity);
        };
        self.use_price(c);
        let q = Expr::cell(self.next_cell(QUANTITY_COLUMN), c.id(), quantity.value);
        let (unit_price, cost) = match &price.rate {
            Rate::Flat(p) => {
                let p = Expr::name(price_name(c, None), "unit price", *p);
                (Some(p.clone()), q * p)
            }
            Rate::Tiered(tiers) => {
                let per_region = per_region && self.cx.layout.active_active;
                let (cost, share) = self.tiered_cost(c, tiers, q, per_region);
                self.push_item(c, quantity, (None, Pricing::Tiered), cost);
                if let Some(share) = share {
                    let label = format!("{} per active Region", c.id());
                    self.figure(&label, c.unit(), share);
                }
                return Ok(());
            }
            Rate::Sizes(_) => return Err(self.beyond(c, Decimal::ZERO, quantity.value)),
        };
        self.push_item(c, quantity, (unit_price, Pricing::Flat), cost);
        Ok(())
    }

    /// A line item at a price the meter chose itself (the REST cache's price for its size).
    pub fn item_at(&mut self, c: Component, quantity: Expr, unit_price: Expr) {
        self.use_price(c);
        let q = Expr::cell(self.next_cell(QUANTITY_COLUMN), c.id(), quantity.value);
        let cost = q * unit_price.clone();
        self.push_item(c, quantity, (Some(unit_price), Pricing::Flat), cost);
    }

    fn push_item(
        &mut self,
        c: Component,
        quantity: Expr,
        (unit_price, pricing): (Option<Expr>, Pricing),
        cost: Expr,
    ) {
        let engine = self
            .items
            .iter()
            .find(|i| i.component == c)
            .map(|i| (i.quantity, i.monthly_cost));
        self.rows.push(Row {
            component: Some(c),
            label: c.what().to_owned(),
            quantity,
            unit: c.unit(),
            unit_price,
            pricing,
            cost: Some(cost),
            engine,
        });
    }

    fn use_price(&mut self, c: Component) {
        let item = c.price_item();
        if !self.prices.contains(&item) {
            self.prices.push(item);
        }
    }

    /// No price for `c`: an error when it is billed (as the bill would say), else a row that
    /// must stay at zero, with a check that says so.
    fn unpriced(&mut self, c: Component, quantity: Expr) -> Result<(), EngineError> {
        if !quantity.value.is_zero() {
            return Err(EngineError::MissingPrice {
                component: c,
                region: self.cx.prices.region.clone(),
            });
        }
        let at = self.next_cell(QUANTITY_COLUMN);
        let reason = format!(
            "no {} price in {}: re-export with --prices",
            c.id(),
            self.cx.prices.region
        );
        self.check(format!("{at}=0"), true, reason);
        self.push_item(c, quantity, (None, Pricing::Missing), Expr::num(0));
        Ok(())
    }

    fn beyond(&self, c: Component, limit: Decimal, usage: Decimal) -> EngineError {
        EngineError::BeyondTiers {
            component: c,
            region: self.cx.prices.region.clone(),
            limit,
            usage,
        }
    }
}

/// A column's letters: 0 is `A`.
pub fn column_letter(column: u16) -> String {
    let mut n = u32::from(column) + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        out.push(char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}
