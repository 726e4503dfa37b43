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

#[test]
fn a_flag_given_to_a_command_it_does_not_apply_to_is_refused_naming_where_it_applies() {
    let pricing = "estimate, compare, recommend, sweep, diff and calibrate";
    let book = "estimate, compare, recommend, sweep, diff, validate, prices list, prices show, \
                usage and calibrate";
    let cases: [(&[&str], String); 8] = [
        (
            &["validate", "orders.toml", "--free-tier"],
            format!("--free-tier applies to {pricing}, not to validate"),
        ),
        (
            // Before the command, as a global flag, alike.
            &["--free-tier", "validate", "orders.toml"],
            format!("--free-tier applies to {pricing}, not to validate"),
        ),
        (
            &["architectures", "--always-free"],
            format!("--always-free applies to {pricing}, not to architectures"),
        ),
        (
            &["prices", "import", "x.json", "--format", "json"],
            "--format applies to estimate, compare, recommend, sweep, diff, architectures, prices \
             list, prices show, prices diff, validate, scan, usage and calibrate, not to prices \
             import"
                .into(),
        ),
        (
            &["validate", "orders.toml", "--usage", "orders.toml"],
            "--usage applies to estimate, compare, recommend, sweep, scan and diff, not to validate"
                .into(),
        ),
        (
            &[
                "sweep",
                "orders.toml",
                "--vary",
                "topology.apis=1..3",
                "--totals",
            ],
            "--totals applies to estimate, compare and recommend, not to sweep".into(),
        ),
        (
            &["architectures", "--prices", "orders.toml"],
            format!("--prices applies to {book}, not to architectures"),
        ),
        (
            &["prices", "diff", "a.toml", "b.toml", "--prices", "c.toml"],
            format!("--prices applies to {book}, not to prices diff"),
        ),
    ];
    for (args, message) in cases {
        let (out, err) = crate::support::run(args, 2);
        assert!(out.is_empty(), "{args:?}");
        assert_eq!(err, format!("error: {message}\n"), "{args:?}");
    }
    // Where they apply, they are taken.
    for args in [
        &["estimate", "orders.toml", "--free-tier", "--always-free"][..],
        &[
            "validate",
            "orders.toml",
            "--format",
            "json",
            "--prices",
            "../../pricing",
        ],
        &["prices", "show", "us-east-1", "--format", "csv"],
        &["compare", "orders.toml", "--format", "csv", "--totals"],
    ] {
        crate::support::run(args, 0);
    }
}
