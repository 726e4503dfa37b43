//! The one integration test binary: every integration test module compiles into it.

mod applicability;
mod cli;
mod fuzz;
mod hand_calculated;
mod import;
mod pipes;
mod properties;
mod real_pricelist;
mod recommend;
mod rounding;
mod safety;
mod support;
mod sweep;
mod terminal;
mod worked_examples;
