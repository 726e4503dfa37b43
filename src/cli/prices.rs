//! `apigw-cost prices` and `apigw-cost architectures`: the reference data the tool prices with
//! (the price book, a Region's prices, tables imported from AWS Price List files and the
//! differences between two books) and the patterns it knows.

use std::path::{Path, PathBuf};

use super::atomic::Staged;
use super::request::Context;
use crate::Error;
use crate::error::collect_all;
use crate::pricing::diff::diff as diff_books;
use crate::pricing::import::{all_region_tables, import_files};
use crate::pricing::load_path;
use crate::report::{Document, Format};

/// `architectures`: the whitepaper patterns and their variants.
pub fn architectures(ctx: &Context) -> Result<(), Error> {
    ctx.out.document(&Document::Architectures)
}

/// `prices list`: the Regions in the book and how complete each is.
pub fn list(ctx: &Context) -> Result<(), Error> {
    ctx.out.document(&Document::PriceList(&ctx.book))
}

/// `prices show REGION`: every price of one Region (with `--format toml`, as a price table file).
pub fn show(ctx: &Context, region: &str) -> Result<(), Error> {
    let Some(table) = ctx.book.region(region) else {
        let have: Vec<&str> = ctx.book.regions().collect();
        return Err(Error::Usage(format!(
            "no price table for Region `{region}`; priced Regions:\n  {}",
            crate::word_lines(&have).replace('\n', "\n  ")
        )));
    };
    if ctx.out.format == Format::Toml {
        return ctx.out.text(&table.to_checked_toml()?);
    }
    ctx.out.document(&Document::PriceShow(&ctx.book, region))
}

/// `prices import FILE...`: a price table (TOML) from AWS Price List offer files, then what the
/// files lacked (on standard output when the table went to `--output`, else standard error).
pub fn import(ctx: &Context, files: &[PathBuf], region: Option<&str>) -> Result<(), Error> {
    let imported = import_files(files, region)?;
    let text = imported.to_checked_toml()?;
    ctx.out.text(&text)?;
    ctx.out.summary(imported.notes())
}

/// `prices import FILE... --all-regions`: one table per Region the files price, into the
/// `--output` folder, each written as any report is (atomically, removed on Ctrl-C, an ordinary
/// file's mode), all written before any is put in place; then, on standard output, what was
/// written and what the files lacked.
pub fn import_all(ctx: &Context, files: &[PathBuf]) -> Result<(), Error> {
    let (tables, notes) = all_region_tables(files, ctx.out.path())?;
    let mut staged = Vec::with_capacity(tables.len());
    for (path, text) in &tables {
        let mut file = Staged::open(path)?;
        file.write(|w| w.write_all(text.as_bytes()))?;
        staged.push(file);
    }
    for file in staged {
        file.commit()?;
    }
    ctx.out.summary(notes)
}

/// `prices diff OLD NEW`: what changed between two price books; the problems of both files
/// reported together.
pub fn diff(ctx: &Context, old: &Path, new: &Path) -> Result<(), Error> {
    let books = collect_all([old, new], load_path)?;
    let changes = diff_books(
        &books[0],
        &books[1],
        &old.display().to_string(),
        &new.display().to_string(),
    );
    ctx.out.document(&Document::PriceDiff(&changes))
}
