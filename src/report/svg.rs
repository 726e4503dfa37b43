//! The sweep chart: cost against the varied key, one line per pattern, log axes when asked,
//! break-even points marked. Plain SVG written by hand: a picture for a design document, with
//! no drawing library to build. Coordinates are floats; money stays exact everywhere else.
//!
//! Read across charts: each pattern keeps its colour from chart to chart (keyed by its place in
//! the pattern list), the current layout is always black and dashed; lines that coincide (one
//! layout several patterns build) are drawn with different dashes and named as `compare` names
//! them ("R1, same layout as R5"); every axis label is written
//! alike ($250, $1k, $1.5M); a linear cost axis spans the costs, not $0 to them; break-even
//! points are numbered above the plot and listed under it, so no label lies across a curve.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::fmt::Write as _;
use std::io::{self, Write};

use crate::architecture::{PATTERNS, Pattern};
use crate::sweep::{Column, Crossing, Sink};

const W: f64 = 1000.0;
const H: f64 = 620.0;
const LEFT: f64 = 90.0;
const RIGHT: f64 = 230.0;
const TOP: f64 = 60.0;
const BOTTOM: f64 = 70.0;
/// Height of one line of the break-even list under the chart.
const LIST_LINE: f64 = 18.0;
/// One colour per pattern, by its place in the pattern list (past the last, the colours come
/// round again, dashed).
const COLORS: [&str; 24] = [
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
    "#7f7f7f", "#bcbd22", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd",
    "#e6550d", "#31a354", "#756bb1", "#636363", "#6baed6", "#fd8d3c", "#74c476", "#9e9ac8",
];
/// The current layout, in every chart.
const CURRENT: &str = "#000000";
/// Dashes that tell coinciding lines apart (the first of a group is solid).
const DASHES: [&str; 4] = ["8 5", "2 4", "12 4 2 4", "4 2"];

/// How one series is drawn.
#[derive(Debug, Clone, PartialEq)]
struct Style {
    color: &'static str,
    dash: Option<&'static str>,
    label: String,
}

/// Collects (a sample of) the sweep and draws it.
pub struct Chart {
    title: String,
    key: String,
    log: bool,
    every: u64,
    seen: u64,
    columns: Vec<Column>,
    xs: Vec<f64>,
    ys: Vec<Vec<Option<f64>>>,
    crossings: Vec<(f64, f64, String)>,
    last: Option<(f64, Vec<Option<f64>>)>,
    /// Whether the rows coming belong to a usage profile other than the base: a chart draws
    /// the base profile's lines only.
    skip: bool,
}

fn f(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

impl Chart {
    /// `steps` is the sweep's length: at most about 2,000 points per line are kept.
    pub fn new(scenario: &str, key: &str, log: bool, steps: usize) -> Chart {
        Chart {
            title: format!("{scenario}: monthly cost by {key}"),
            key: key.to_owned(),
            log,
            every: (steps as u64).div_ceil(2000).max(1),
            seen: 0,
            columns: Vec::new(),
            xs: Vec::new(),
            ys: Vec::new(),
            crossings: Vec::new(),
            last: None,
            skip: false,
        }
    }

    fn push(&mut self, x: f64, costs: &[Option<f64>]) {
        self.xs.push(x);
        for (series, c) in self.ys.iter_mut().zip(costs) {
            series.push(*c);
        }
    }

    /// Each series' colour, dash and legend label.
    fn styles(&self) -> Vec<Style> {
        let mut out: Vec<Style> = Vec::with_capacity(self.columns.len());
        for (i, col) in self.columns.iter().enumerate() {
            let mut style = match col {
                Column::Current(_) => Style {
                    color: CURRENT,
                    dash: Some("10 6"),
                    label: col.label(),
                },
                Column::Pattern(p) => {
                    let n = PATTERNS.iter().position(|q| q.id == p.id).unwrap_or(i);
                    Style {
                        color: COLORS[n % COLORS.len()],
                        dash: (n >= COLORS.len()).then_some("6 3"),
                        label: col.label(),
                    }
                }
            };
            if let Some((name, k)) = self.same_layout(i) {
                style.label = format!("{}, same layout as {}", style.label, name.id);
                style.dash = Some(DASHES[k % DASHES.len()]);
            }
            out.push(style);
        }
        out
    }

    /// For pattern column `i` whose line coincides with other patterns' (one layout, so one
    /// cost at every step): the pattern that names that layout, as `compare` names it
    /// ([`crate::architecture::naming`]: the current layout's pattern, else the most specific),
    /// and `i`'s place among the others. `None` for the naming pattern and for lines of their own.
    fn same_layout(&self, i: usize) -> Option<(&'static Pattern, usize)> {
        let Column::Pattern(me) = self.columns[i] else {
            return None;
        };
        let current = self.columns.iter().find_map(|c| match c {
            Column::Current(p) => Some(*p),
            Column::Pattern(_) => None,
        });
        let group: Vec<usize> = (0..self.columns.len())
            .filter(|j| matches!(self.columns[*j], Column::Pattern(_)) && self.ys[*j] == self.ys[i])
            .collect();
        let builders = group.iter().map(|j| self.columns[*j].pattern());
        let name = crate::architecture::naming(builders, current)?;
        if std::ptr::eq(name, me) {
            return None;
        }
        let mut others = group
            .iter()
            .filter(|j| !std::ptr::eq(self.columns[**j].pattern(), name));
        let k = others.position(|j| *j == i)?;
        Some((name, k))
    }

    /// The page's height: the chart, then one line per break-even point.
    fn height(&self) -> f64 {
        let list = if self.crossings.is_empty() {
            0.0
        } else {
            (self.crossings.len() + 1) as f64 * LIST_LINE
        };
        H + list
    }

    /// Writes the SVG.
    pub fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        let plot = Plot::new(self);
        let height = self.height();
        let mut svg = String::with_capacity(64 * 1024);
        let _ = write!(
            svg,
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{height}" viewBox="0 0 {W} {height}" font-family="Helvetica, Arial, sans-serif" font-size="13">
<rect width="100%" height="100%" fill="white"/>
<text x="{}" y="30" font-size="18" font-weight="bold">{}</text>
"##,
            LEFT,
            esc(&self.title)
        );
        plot.grid(&mut svg);
        self.axes(&mut svg, &plot);
        for (i, style) in self.styles().iter().enumerate() {
            line(&mut svg, &plot, &self.xs, &self.ys[i], style);
            markers(&mut svg, &plot, (&self.xs, &self.ys[i]), i, style);
            legend(&mut svg, i, style);
        }
        self.break_evens(&mut svg, &plot);
        svg.push_str("</svg>\n");
        out.write_all(svg.as_bytes())
    }

    /// The frame and the axis titles.
    fn axes(&self, svg: &mut String, plot: &Plot) {
        let _ = writeln!(
            svg,
            r##"<rect x="{LEFT}" y="{TOP}" width="{:.1}" height="{:.1}" fill="none" stroke="#333"/>"##,
            W - LEFT - RIGHT,
            H - TOP - BOTTOM
        );
        let _ = writeln!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="middle">{}{}</text>"##,
            LEFT + (W - LEFT - RIGHT) / 2.0,
            H - 25.0,
            esc(&self.key),
            if self.log { " (log scale)" } else { "" }
        );
        let scale = if plot.ylog {
            " (log scale)".to_owned()
        } else if plot.y0 > 0.0 {
            format!(" (from ${})", short(plot.y0))
        } else {
            String::new()
        };
        let _ = writeln!(
            svg,
            r##"<text transform="translate(22 {:.1}) rotate(-90)" text-anchor="middle">monthly cost, USD{scale}</text>"##,
            TOP + (H - TOP - BOTTOM) / 2.0,
        );
    }

    /// Each break-even point: a dashed rule, a ring on the curve, its number above the plot,
    /// and its words in the list under the chart.
    fn break_evens(&self, svg: &mut String, plot: &Plot) {
        if self.crossings.is_empty() {
            return;
        }
        let mut last_x = f64::NEG_INFINITY;
        let mut row = 0.0;
        for (n, (x, y, label)) in self.crossings.iter().enumerate() {
            let (cx, cy) = (plot.px(*x), plot.py(*y));
            // Numbers closer than a digit's width go one row up.
            row = if cx - last_x < 16.0 { 1.0 - row } else { 0.0 };
            last_x = cx;
            let _ = writeln!(
                svg,
                r##"<line x1="{cx:.1}" y1="{TOP}" x2="{cx:.1}" y2="{:.1}" stroke="#555" stroke-dasharray="4 4"/>
<circle cx="{cx:.1}" cy="{cy:.1}" r="5" fill="white" stroke="black" stroke-width="2"/>
<text x="{cx:.1}" y="{:.1}" font-size="12" font-weight="bold" text-anchor="middle">{}</text>"##,
                H - BOTTOM,
                TOP - 6.0 - row * 13.0,
                n + 1
            );
            let _ = writeln!(
                svg,
                r##"<text x="{LEFT}" y="{:.1}" font-size="12">{}. {}</text>"##,
                H + (n as f64 + 0.5) * LIST_LINE,
                n + 1,
                esc(label)
            );
        }
    }
}

/// A series' line, broken where its pattern does not apply.
fn line(svg: &mut String, plot: &Plot, xs: &[f64], series: &[Option<f64>], style: &Style) {
    let mut d = String::new();
    let mut pen_down = false;
    for (x, y) in xs.iter().zip(series) {
        match y {
            Some(y) => {
                let _ = write!(
                    d,
                    "{}{:.1},{:.1} ",
                    if pen_down { "L" } else { "M" },
                    plot.px(*x),
                    plot.py(*y)
                );
                pen_down = true;
            }
            None => pen_down = false,
        }
    }
    let _ = writeln!(
        svg,
        r##"<path d="{d}" fill="none" stroke="{}" stroke-width="2"{}/>"##,
        style.color,
        dash(style)
    );
}

/// The marker shapes, one per series in turn: with a line's own dash they keep every series
/// visible where two run together (R5-regional under R5-alb-regional).
const SHAPES: usize = 5;

/// Series `i`'s markers: its shape at about a dozen of its points, each series starting at
/// another point, so that marks of lines that run together fall side by side.
fn markers(
    svg: &mut String,
    plot: &Plot,
    (xs, series): (&[f64], &[Option<f64>]),
    i: usize,
    style: &Style,
) {
    let every = (xs.len() / 12).max(1);
    for (n, (x, y)) in xs.iter().zip(series).enumerate() {
        if let Some(y) = y
            && (n + i).is_multiple_of(every)
        {
            marker(svg, i, (plot.px(*x), plot.py(*y)), style.color);
        }
    }
}

/// Series `i`'s marker at (`x`, `y`): circle, square, triangle, diamond or cross.
fn marker(svg: &mut String, i: usize, (x, y): (f64, f64), color: &str) {
    let r = 4.0;
    let shape = match i % SHAPES {
        0 => format!(r#"<circle cx="{x:.1}" cy="{y:.1}" r="{r}""#),
        1 => format!(
            r#"<rect x="{:.1}" y="{:.1}" width="{}" height="{}""#,
            x - r,
            y - r,
            2.0 * r,
            2.0 * r
        ),
        2 => format!(
            r#"<path d="M{x:.1},{:.1} L{:.1},{:.1} L{:.1},{:.1} Z""#,
            y - r,
            x + r,
            y + r,
            x - r,
            y + r
        ),
        3 => format!(
            r#"<path d="M{x:.1},{:.1} L{:.1},{y:.1} L{x:.1},{:.1} L{:.1},{y:.1} Z""#,
            y - r,
            x + r,
            y + r,
            x - r
        ),
        _ => format!(
            r#"<path d="M{:.1},{:.1} L{:.1},{:.1} M{:.1},{:.1} L{:.1},{:.1}""#,
            x - r,
            y - r,
            x + r,
            y + r,
            x - r,
            y + r,
            x + r,
            y - r
        ),
    };
    let _ = writeln!(
        svg,
        r#"{shape} fill="white" stroke="{color}" stroke-width="1.5"/>"#
    );
}

/// Series `i`'s legend entry, right of the plot.
fn legend(svg: &mut String, i: usize, style: &Style) {
    let ly = TOP + 10.0 + i as f64 * 20.0;
    let lx = W - RIGHT + 20.0;
    let _ = writeln!(
        svg,
        r##"<line x1="{lx}" y1="{ly}" x2="{}" y2="{ly}" stroke="{}" stroke-width="3"{}/>
<text x="{}" y="{:.1}">{}</text>"##,
        lx + 24.0,
        style.color,
        dash(style),
        lx + 30.0,
        ly + 4.0,
        esc(&style.label)
    );
    marker(svg, i, (lx + 12.0, ly), style.color);
}

fn dash(style: &Style) -> String {
    style
        .dash
        .map(|d| format!(r#" stroke-dasharray="{d}""#))
        .unwrap_or_default()
}

/// The data's ranges and how they map onto the page.
struct Plot {
    x0: f64,
    x1: f64,
    xlog: bool,
    y0: f64,
    y1: f64,
    ylog: bool,
}

impl Plot {
    fn new(c: &Chart) -> Plot {
        let all_y: Vec<f64> = c.ys.iter().flatten().flatten().copied().collect();
        let (x0, x1) = (
            c.xs.first().copied().unwrap_or(0.0),
            c.xs.last().copied().unwrap_or(1.0),
        );
        let ymin = all_y.iter().copied().fold(f64::INFINITY, f64::min);
        let ymax = all_y.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let ylog = c.log && ymin > 0.0;
        let (y0, y1) = if ylog {
            (
                10f64.powf(ymin.log10().floor()),
                10f64.powf(ymax.log10().ceil()),
            )
        } else {
            linear_range(ymin, ymax)
        };
        Plot {
            x0,
            x1,
            xlog: c.log,
            y0,
            y1,
            ylog,
        }
    }

    fn px(&self, x: f64) -> f64 {
        let (x0, x1) = (self.x0, self.x1);
        let t = if self.xlog {
            (x.log10() - x0.log10()) / (x1.log10() - x0.log10())
        } else {
            (x - x0) / (x1 - x0)
        };
        LEFT + t * (W - LEFT - RIGHT)
    }

    fn py(&self, y: f64) -> f64 {
        let (y0, y1) = (self.y0, self.y1);
        let t = if self.ylog {
            (y.max(y0).log10() - y0.log10()) / (y1.log10() - y0.log10())
        } else {
            (y - y0) / (y1 - y0)
        };
        H - BOTTOM - t * (H - TOP - BOTTOM)
    }

    /// Grid lines and tick labels on both axes.
    fn grid(&self, svg: &mut String) {
        for (v, label) in ticks(self.x0, self.x1, self.xlog) {
            let x = self.px(v);
            let _ = writeln!(
                svg,
                r##"<line x1="{x:.1}" y1="{TOP}" x2="{x:.1}" y2="{:.1}" stroke="#e5e5e5"/>
<text x="{x:.1}" y="{:.1}" text-anchor="middle" fill="#333">{}</text>"##,
                H - BOTTOM,
                H - BOTTOM + 20.0,
                esc(&label)
            );
        }
        for (v, label) in ticks(self.y0, self.y1, self.ylog) {
            let y = self.py(v);
            let _ = writeln!(
                svg,
                r##"<line x1="{LEFT}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#e5e5e5"/>
<text x="{:.1}" y="{:.1}" text-anchor="end" fill="#333">${}</text>"##,
                W - RIGHT,
                LEFT - 8.0,
                y + 4.0,
                esc(&label)
            );
        }
    }
}

/// A linear cost axis around the costs: from a round figure below the cheapest to one above
/// the dearest (never forced down to $0, which would flatten the differences).
fn linear_range(ymin: f64, ymax: f64) -> (f64, f64) {
    if !ymin.is_finite() || !ymax.is_finite() {
        return (0.0, 1.0);
    }
    let span = (ymax - ymin).max(ymax.abs() * 0.02).max(1.0);
    let step = nice_ceiling(span / 6.0);
    let lo = ((ymin - span * 0.05) / step).floor() * step;
    let hi = ((ymax + span * 0.05) / step).ceil() * step;
    (lo.max(0.0), hi.max(lo + step))
}

impl Sink for Chart {
    fn profile(&mut self, name: &str) -> io::Result<()> {
        self.skip = name != crate::scenario::BASE;
        if !self.skip {
            self.title.push_str(" (base profile)");
        }
        Ok(())
    }
    fn begin(&mut self, _: &[&str], columns: &[Column]) -> io::Result<()> {
        self.columns = columns.to_vec();
        self.ys = vec![Vec::new(); columns.len()];
        Ok(())
    }
    fn row(
        &mut self,
        values: &[Decimal],
        costs: &[Option<Decimal>],
        _: Option<&str>,
    ) -> io::Result<()> {
        if self.skip {
            return Ok(());
        }
        let x = f(*values.last().unwrap_or(&Decimal::ZERO));
        let ys: Vec<Option<f64>> = costs.iter().map(|c| c.map(f)).collect();
        if self.seen.is_multiple_of(self.every) {
            self.push(x, &ys);
            self.last = None;
        } else {
            self.last = Some((x, ys));
        }
        self.seen += 1;
        Ok(())
    }
    fn crossing(&mut self, _: &[&str], c: &Crossing, costs: &[Option<Decimal>]) -> io::Result<()> {
        if self.skip {
            return Ok(());
        }
        // Marked on the line of the pattern that becomes cheaper, at its cost there.
        let i = self
            .columns
            .iter()
            .position(|col| col.pattern().id == c.after)
            .unwrap_or(0);
        let y = costs.get(i).copied().flatten().map_or(0.0, f);
        self.crossings.push((
            f(c.at),
            y,
            format!(
                "{} → {} at {} = {}",
                c.before,
                c.after,
                self.key,
                crate::money::figure(c.at)
            ),
        ));
        Ok(())
    }
    fn end(&mut self, _: &[&str], _: &[Crossing]) -> io::Result<()> {
        if let Some((x, ys)) = self.last.take() {
            self.push(x, &ys);
        }
        Ok(())
    }
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn nice_ceiling(v: f64) -> f64 {
    let p = 10f64.powf(v.log10().floor());
    for m in [1.0, 2.0, 2.5, 5.0, 10.0] {
        if m * p >= v {
            return m * p;
        }
    }
    10.0 * p
}

/// Compact number labels, alike on both axes: 250, 1k, 1.5k, 20M, 3B.
fn short(v: f64) -> String {
    let (d, suffix) = match v.abs() {
        a if a >= 1e12 => (v / 1e12, "T"),
        a if a >= 1e9 => (v / 1e9, "B"),
        a if a >= 1e6 => (v / 1e6, "M"),
        a if a >= 1e3 => (v / 1e3, "k"),
        _ => (v, ""),
    };
    let s = format!("{d:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    format!("{s}{suffix}")
}

fn ticks(lo: f64, hi: f64, log: bool) -> Vec<(f64, String)> {
    if log && lo > 0.0 {
        let (a, b) = (lo.log10().floor() as i32, hi.log10().ceil() as i32);
        let stride = ((b - a) / 8).max(1);
        (a..=b)
            .step_by(stride as usize)
            .map(|e| 10f64.powi(e))
            .filter(|v| *v >= lo * 0.999 && *v <= hi * 1.001)
            .map(|v| (v, short(v)))
            .collect()
    } else {
        let span = hi - lo;
        let step = nice_ceiling(span / 6.0);
        let mut v = (lo / step).ceil() * step;
        let mut out = Vec::new();
        while v <= hi + step * 1e-9 {
            out.push((v, short(v)));
            v += step;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_alike_on_both_axes() {
        assert_eq!(short(250.0), "250");
        assert_eq!(short(1000.0), "1k");
        assert_eq!(short(1500.0), "1.5k");
        assert_eq!(short(10_000.0), "10k");
        assert_eq!(short(2_500_000.0), "2.5M");
    }

    #[test]
    fn a_linear_cost_axis_spans_the_costs_not_zero_to_them() {
        let (lo, hi) = linear_range(1126.8, 1290.0);
        assert!(lo > 1000.0 && lo <= 1126.8, "{lo}");
        assert!((1290.0..1400.0).contains(&hi), "{hi}");
        let (lo, hi) = linear_range(5.0, 5.0);
        assert!(lo <= 5.0 && hi > 5.0 && lo >= 0.0);
    }
}
