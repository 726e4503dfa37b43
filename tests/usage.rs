//! Command lines refused before anything is read or written: exit 2 and a message that says
//! what to give instead.

use crate::support::{cmd_in, fixtures};

#[test]
fn a_chart_file_named_for_another_format_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = fixtures().join("orders.toml");
    let sweep = |chart: &str| {
        cmd_in(dir.path())
            .args(["sweep", scenario.to_str().unwrap()])
            .args(["--vary", "topology.apis=1..3", "--steps", "3"])
            .args(["--format", "csv", "--output", "o.csv", "--chart", chart])
            .output()
            .unwrap()
    };
    for chart in ["c.png", "c.svg.pdf", "c.jpeg"] {
        let out = sweep(chart);
        assert_eq!(out.status.code(), Some(2), "{chart}");
        let err = String::from_utf8(out.stderr).unwrap();
        let ext = chart.rsplit('.').next().unwrap();
        assert!(
            err.starts_with(&format!(
                "error: --chart draws an SVG image, so its file must end in .svg, not .{ext}"
            )),
            "{err}"
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "{chart}");
    }
    // .svg in any case, and a name with no extension, are drawn.
    for chart in ["c.svg", "C.SVG", "chart"] {
        let out = sweep(chart);
        assert_eq!(out.status.code(), Some(0), "{chart}");
        let svg = std::fs::read_to_string(dir.path().join(chart)).unwrap();
        assert!(
            svg.starts_with("<svg") || svg.starts_with("<?xml"),
            "{chart}"
        );
    }
}
