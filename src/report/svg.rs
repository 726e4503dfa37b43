//! The sweep chart: cost against the varied key, one line per pattern, log axes when asked,
//! break-even points marked. Plain SVG written by hand: a picture for a design document, with
//! no drawing library to build. Coordinates are floats; money stays exact everywhere else.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::fmt::Write as _;
use std::io::{self, Write};

use crate::sweep::{Column, Crossing, Sink};

const W: f64 = 1000.0;
const H: f64 = 620.0;
const LEFT: f64 = 90.0;
const RIGHT: f64 = 230.0;
const TOP: f64 = 60.0;
const BOTTOM: f64 = 70.0;
const COLORS: [&str; 12] = [
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
    "#7f7f7f", "#bcbd22", "#393b79", "#637939",
];

/// Collects (a sample of) the sweep and draws it.
pub struct Chart {
    title: String,
    key: String,
    log: bool,
    every: u64,
    seen: u64,
    labels: Vec<String>,
    xs: Vec<f64>,
    ys: Vec<Vec<Option<f64>>>,
    crossings: Vec<(f64, f64, String)>,
    last: Option<(f64, Vec<Option<f64>>)>,
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
            labels: Vec::new(),
            xs: Vec::new(),
            ys: Vec::new(),
            crossings: Vec::new(),
            last: None,
        }
    }

    fn push(&mut self, x: f64, costs: &[Option<f64>]) {
        self.xs.push(x);
        for (series, c) in self.ys.iter_mut().zip(costs) {
            series.push(*c);
        }
    }

    /// Writes the SVG.
    pub fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        let plot = Plot::new(self);
        let mut svg = String::with_capacity(64 * 1024);
        let _ = write!(
            svg,
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" font-family="Helvetica, Arial, sans-serif" font-size="13">
<rect width="100%" height="100%" fill="white"/>
<text x="{}" y="30" font-size="18" font-weight="bold">{}</text>
"##,
            LEFT,
            esc(&self.title)
        );
        plot.grid(&mut svg);
        self.axes(&mut svg, &plot);
        for (i, (label, series)) in self.labels.iter().zip(&self.ys).enumerate() {
            self.line(&mut svg, &plot, i, label, series);
        }
        for (x, y, label) in &self.crossings {
            break_even(&mut svg, plot.px(*x), plot.py(*y), label);
        }
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
        let _ = writeln!(
            svg,
            r##"<text transform="translate(22 {:.1}) rotate(-90)" text-anchor="middle">monthly cost, USD{}</text>"##,
            TOP + (H - TOP - BOTTOM) / 2.0,
            if plot.ylog { " (log scale)" } else { "" }
        );
    }

    /// Series `i`: its line (broken where the pattern does not apply) and its legend entry.
    fn line(&self, svg: &mut String, plot: &Plot, i: usize, label: &str, series: &[Option<f64>]) {
        let color = COLORS[i % COLORS.len()];
        // The current layout repeats one of the patterns: dashed, so both stay visible.
        let dash = if label.starts_with("current") {
            r#" stroke-dasharray="10 6""#
        } else if i >= COLORS.len() {
            r#" stroke-dasharray="6 3""#
        } else {
            ""
        };
        let mut d = String::new();
        let mut pen_down = false;
        for (x, y) in self.xs.iter().zip(series) {
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
            r##"<path d="{d}" fill="none" stroke="{color}" stroke-width="2"{dash}/>"##
        );
        let ly = TOP + 10.0 + i as f64 * 20.0;
        let lx = W - RIGHT + 20.0;
        let _ = writeln!(
            svg,
            r##"<line x1="{lx}" y1="{ly}" x2="{}" y2="{ly}" stroke="{color}" stroke-width="3"{dash}/>"##,
            lx + 24.0
        );
        let _ = writeln!(
            svg,
            r##"<text x="{}" y="{:.1}">{}</text>"##,
            lx + 30.0,
            ly + 4.0,
            esc(label)
        );
    }
}

/// A break-even point at page coordinates (`cx`, `cy`): a dashed rule, a ring, its label.
fn break_even(svg: &mut String, cx: f64, cy: f64, label: &str) {
    let _ = writeln!(
        svg,
        r##"<line x1="{cx:.1}" y1="{TOP}" x2="{cx:.1}" y2="{:.1}" stroke="#555" stroke-dasharray="4 4"/>"##,
        H - BOTTOM
    );
    let _ = writeln!(
        svg,
        r##"<circle cx="{cx:.1}" cy="{cy:.1}" r="5" fill="white" stroke="black" stroke-width="2"/>"##
    );
    let _ = writeln!(
        svg,
        r##"<text x="{:.1}" y="{:.1}" font-size="12" fill="#000">{}</text>"##,
        cx + 7.0,
        cy - 8.0,
        esc(label)
    );
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
            (0.0, nice_ceiling(ymax.max(1.0)))
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
                r##"<line x1="{x:.1}" y1="{TOP}" x2="{x:.1}" y2="{:.1}" stroke="#e5e5e5"/>"##,
                H - BOTTOM
            );
            let _ = writeln!(
                svg,
                r##"<text x="{x:.1}" y="{:.1}" text-anchor="middle" fill="#333">{}</text>"##,
                H - BOTTOM + 20.0,
                esc(&label)
            );
        }
        for (v, label) in ticks(self.y0, self.y1, self.ylog) {
            let y = self.py(v);
            let _ = writeln!(
                svg,
                r##"<line x1="{LEFT}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#e5e5e5"/>"##,
                W - RIGHT
            );
            let _ = writeln!(
                svg,
                r##"<text x="{:.1}" y="{:.1}" text-anchor="end" fill="#333">${}</text>"##,
                LEFT - 8.0,
                y + 4.0,
                esc(&label)
            );
        }
    }
}

impl Sink for Chart {
    fn begin(&mut self, _: &[&str], columns: &[Column]) -> io::Result<()> {
        self.labels = columns.iter().map(Column::label).collect();
        self.ys = vec![Vec::new(); columns.len()];
        Ok(())
    }
    fn row(
        &mut self,
        values: &[Decimal],
        costs: &[Option<Decimal>],
        _: Option<&str>,
    ) -> io::Result<()> {
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
        // Marked on the line of the pattern that becomes cheaper, at its cost there.
        let i = self.labels.iter().position(|l| l == c.after).unwrap_or(0);
        let y = costs.get(i).copied().flatten().map_or(0.0, f);
        self.crossings.push((
            f(c.at),
            y,
            format!(
                "{} → {} at {}",
                c.before,
                c.after,
                crate::money::number(c.at, 4)
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

/// Compact number labels: 250, 1.5k, 20M, 3B.
fn short(v: f64) -> String {
    let (d, suffix) = match v.abs() {
        a if a >= 1e12 => (v / 1e12, "T"),
        a if a >= 1e9 => (v / 1e9, "B"),
        a if a >= 1e6 => (v / 1e6, "M"),
        a if a >= 1e4 => (v / 1e3, "k"),
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
