//! The one integration test binary: every integration test module compiles into it.

mod applicability;
mod bill;
mod cli;
mod fuzz;
mod hand_calculated;
mod hostile;
mod import;
mod pipes;
mod properties;
mod provenance;
mod qa;
mod real_pricelist;
mod recommend;
mod rounding;
mod safety;
mod sheet_rules;
mod support;
mod sweep;
mod sweep_report;
mod terminal;
mod usage;
mod validate;
mod whole_bill;
mod workbook;
mod worked_examples;
