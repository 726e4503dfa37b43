//! Runs [`super::sql`]'s query over one bill file with Apache DataFusion: the file is only
//! registered (CSV with its header's names, every column text but the summed ones, which are
//! read as exact decimals; or Parquet as it is), and the engine streams it with column
//! projection. A tokio runtime of one worker per core (here only) drives DataFusion's async API.

use std::str::FromStr;
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{
    DataType, Decimal128Type, DecimalType, Field, Float64Type, Int64Type, Schema,
};
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::prelude::{CsvReadOptions, ParquetReadOptions, SessionConfig, SessionContext};
use rust_decimal::Decimal;

use super::sql::{Columns, query};

/// One group of the query's answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub period: String,
    pub region: String,
    pub product: String,
    pub usage_type: String,
    pub operation: String,
    pub rate_code: String,
    pub line_type: String,
    pub currency: String,
    pub quantity: Decimal,
    pub billed_cost: Decimal,
    pub list_cost: Option<Decimal>,
    pub rows: u64,
    pub from: String,
    pub to: String,
}

/// A bill file as the engine registers it.
pub enum Source<'a> {
    /// Delimited text: separator, whether the first line is the header, the column names (all
    /// read as text: see [`super::sql::for_text`]).
    Text {
        path: &'a str,
        sep: u8,
        has_header: bool,
        names: &'a [String],
    },
    Parquet {
        path: &'a str,
    },
}

/// The threads the query runs on: one per core, or `APIGW_COST_THREADS` (as for `sweep`).
fn threads() -> usize {
    crate::sweep::threads().unwrap_or(1)
}

/// Runs `f` on a runtime of [`threads`] workers: DataFusion runs each partition of the file
/// as a task, and a current-thread runtime would run them all on one core.
fn block_on<F: std::future::Future>(f: F) -> Result<F::Output, String> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(threads())
        .build()
        .map_err(|e| format!("cannot start the query engine: {e}"))?;
    Ok(rt.block_on(f))
}

/// A session whose plans are split into one partition per thread.
fn session() -> SessionContext {
    let config = SessionConfig::new().with_target_partitions(threads());
    SessionContext::new_with_config(config)
}

/// The columns of a Parquet file: names and types.
pub fn parquet_fields(path: &str) -> Result<Vec<(String, DataType)>, String> {
    block_on(async {
        let ctx = session();
        register(&ctx, &Source::Parquet { path }).await?;
        let df = ctx.table("bill").await.map_err(|e| e.to_string())?;
        Ok(df
            .schema()
            .fields()
            .iter()
            .map(|f| (f.name().clone(), f.data_type().clone()))
            .collect())
    })?
}

/// The query's answer over `source`.
pub fn aggregate(source: &Source<'_>, columns: &Columns) -> Result<Vec<Group>, String> {
    block_on(async {
        let ctx = session();
        register(&ctx, source).await?;
        let df = ctx
            .sql(&query(columns, "bill"))
            .await
            .map_err(|e| e.to_string())?;
        let batches = df.collect().await.map_err(|e| e.to_string())?;
        let mut out = Vec::new();
        for b in &batches {
            groups(b, &mut out)?;
        }
        Ok(out)
    })?
}

async fn register(ctx: &SessionContext, source: &Source<'_>) -> Result<(), String> {
    match source {
        Source::Parquet { path } => {
            let opts = ParquetReadOptions::default().file_extension("");
            ctx.register_parquet("bill", *path, opts).await
        }
        Source::Text {
            path,
            sep,
            has_header,
            names,
        } => {
            let fields: Vec<Field> = names
                .iter()
                .map(|n| Field::new(n, DataType::Utf8, true))
                .collect();
            let schema = Schema::new(fields);
            let hive = *sep == 0x01;
            let mut opts = CsvReadOptions::new()
                .has_header(*has_header)
                .delimiter(*sep)
                .schema(&schema)
                .file_extension("")
                .truncated_rows(true);
            if hive {
                opts = opts.quote(0);
            }
            ctx.register_csv("bill", *path, opts).await
        }
    }
    .map_err(|e| e.to_string())
}

fn groups(b: &RecordBatch, out: &mut Vec<Group>) -> Result<(), String> {
    let text: Vec<Vec<String>> = [0, 1, 2, 3, 4, 5, 6, 7, 12, 13]
        .iter()
        .map(|i| strings(b.column(*i)))
        .collect::<Result<_, _>>()?;
    let nums: Vec<Vec<Option<Decimal>>> = [8, 9, 10, 11]
        .iter()
        .map(|i| decimals(b.column(*i)))
        .collect::<Result<_, _>>()?;
    for r in 0..b.num_rows() {
        let t = |i: usize| text[i][r].clone();
        // A timestamp's month comes as its first instant: its first seven characters are it.
        let period = text[0][r].chars().take(7).collect();
        out.push(Group {
            period,
            region: t(1),
            product: t(2),
            usage_type: t(3),
            operation: t(4),
            rate_code: t(5),
            line_type: t(6),
            currency: t(7),
            quantity: nums[0][r].unwrap_or_default(),
            billed_cost: nums[1][r].unwrap_or_default(),
            list_cost: nums[2][r],
            rows: nums[3][r].and_then(|d| u64::try_from(d).ok()).unwrap_or(0),
            from: t(8),
            to: t(9),
        });
    }
    Ok(())
}

fn strings(col: &ArrayRef) -> Result<Vec<String>, String> {
    let col = cast(col, &DataType::Utf8).map_err(|e| e.to_string())?;
    let a = col.as_string::<i32>();
    Ok((0..a.len())
        .map(|i| {
            if a.is_null(i) {
                String::new()
            } else {
                a.value(i).to_owned()
            }
        })
        .collect())
}

/// A summed column as exact decimals: decimal sums exactly, floating-point sums (Parquet's
/// `double` amounts) by their shortest exact text.
fn decimals(col: &ArrayRef) -> Result<Vec<Option<Decimal>>, String> {
    let parse = |s: String| {
        Decimal::from_str(&s)
            .map(|d| d.normalize())
            .map_err(|e| format!("sum {s}: {e}"))
    };
    match col.data_type() {
        DataType::Decimal128(p, s) => {
            let (p, s) = (*p, *s);
            let a = col.as_primitive::<Decimal128Type>();
            (0..a.len())
                .map(|i| {
                    (!a.is_null(i))
                        .then(|| parse(Decimal128Type::format_decimal(a.value(i), p, s)))
                        .transpose()
                })
                .collect()
        }
        DataType::Int64 => {
            let a = col.as_primitive::<Int64Type>();
            Ok((0..a.len())
                .map(|i| (!a.is_null(i)).then(|| Decimal::from(a.value(i))))
                .collect())
        }
        _ => {
            let col: Arc<dyn Array> = cast(col, &DataType::Float64).map_err(|e| e.to_string())?;
            let a = col.as_primitive::<Float64Type>();
            (0..a.len())
                .map(|i| {
                    let v = a.value(i);
                    if a.is_null(i) {
                        Ok(None)
                    } else if v.is_finite() {
                        parse(format!("{v}")).map(Some)
                    } else {
                        Err(format!("a sum is not a number ({v})"))
                    }
                })
                .collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bill::sql::{Dates, cur2_columns};
    use datafusion::arrow::array::{Float64Array, StringArray, TimestampMillisecondArray};
    use datafusion::parquet::arrow::ArrowWriter;

    /// One row group of two hourly rows of LCU usage starting at `start_ms`.
    fn batch(start_ms: i64) -> RecordBatch {
        let text = |v: &str| Arc::new(StringArray::from(vec![v; 2])) as ArrayRef;
        let stamps = |at: i64| {
            let v = vec![at, at + 3_600_000];
            Arc::new(TimestampMillisecondArray::from(v).with_timezone("UTC")) as ArrayRef
        };
        let num = |v: f64| Arc::new(Float64Array::from(vec![v; 2])) as ArrayRef;
        let c = cur2_columns();
        let cols: Vec<(String, ArrayRef)> = vec![
            (c.start, stamps(start_ms)),
            (c.end, stamps(start_ms + 3_600_000)),
            (c.region, text("us-east-1")),
            (c.product, text("AmazonEC2")),
            (c.usage_type, text("LCUUsage")),
            (c.operation, text("LoadBalancing:Application")),
            (c.rate_code, text("")),
            (c.line_type, text("Usage")),
            (c.currency, text("USD")),
            (c.quantity, num(0.5)),
            (c.cost, num(0.004)),
            (c.list_cost, num(0.004)),
        ];
        RecordBatch::try_from_iter(cols).unwrap()
    }

    /// `--month` is a range on the start column in the query's WHERE: the Parquet reader skips
    /// the row group of another month by its statistics (EXPLAIN ANALYZE's metrics say so), and
    /// the month's rows alone are summed: 2 rows of 0.5 LCU-hours, 1 LCU-hour, $0.008.
    #[test]
    fn a_month_skips_the_row_groups_of_other_months() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("two-months.parquet");
        // 2024-09-13T18:00Z and 2024-10-13T18:00Z.
        let (sept, oct) = (1_726_250_400_000, 1_728_842_400_000);
        let first = batch(sept);
        let file = std::fs::File::create(&path).unwrap();
        let mut w = ArrowWriter::try_new(file, first.schema(), None).unwrap();
        w.write(&first).unwrap();
        w.flush().unwrap();
        w.write(&batch(oct)).unwrap();
        w.close().unwrap();
        let at = path.to_str().unwrap();
        let c = cur2_columns().in_month(Some("2024-09"), Dates::Timestamp);
        let groups = aggregate(&Source::Parquet { path: at }, &c).unwrap();
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].period, "2024-09");
        assert_eq!(groups[0].rows, 2);
        assert_eq!(groups[0].quantity, Decimal::ONE);
        assert_eq!(groups[0].billed_cost, Decimal::new(8, 3));
        let plan = block_on(async {
            let ctx = session();
            register(&ctx, &Source::Parquet { path: at }).await.unwrap();
            let sql = format!("EXPLAIN ANALYZE {}", query(&c, "bill"));
            let batches = ctx.sql(&sql).await.unwrap().collect().await.unwrap();
            datafusion::arrow::util::pretty::pretty_format_batches(&batches)
                .unwrap()
                .to_string()
        })
        .unwrap();
        assert!(
            plan.contains("row_groups_pruned_statistics=2 total → 1 matched"),
            "{plan}"
        );
    }
}
