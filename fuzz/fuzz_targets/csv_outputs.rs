//! Any bytes as a CSV publication, imported, validated and written in every output format
//! the command has: human (plain and quiet), JSON, SARIF, GitHub, JUnit, the Markdown
//! summary, the HTML report and both drawings. Nothing panics; the JSON and SARIF are JSON;
//! no untrusted text reaches a terminal with a control character; the JUnit is XML whose
//! characters XML allows.
#![no_main]

use icsgov::graph::{GraphFormat, GraphOptions};
use icsgov::import::{import, ImportOptions, Publication};
use icsgov::{FileReport, Format, Policy, Reports, Validator};
use icsgov_cli::{html, junit, render, sarif, Source, SourceFormat};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let publications = [Publication {
        name: "fuzz.csv",
        bytes: data,
    }];
    let options = ImportOptions {
        lenient: true,
        include_closed: true,
    };
    let Ok(imported) = import(&publications, &options) else {
        return;
    };
    let (model, rows) = (imported.model, imported.rows);
    let policy = Policy::default();
    let report = Validator::new(&policy).validate(&model);
    let page = html::page("fuzz.csv", &model, &report, None, &policy);
    assert!(page.starts_with("<!DOCTYPE html>"));
    for format in [GraphFormat::Mermaid, GraphFormat::Dot] {
        let _ = icsgov::graph::render(&model, Some(&report), format, &GraphOptions::default());
    }
    let reports = Reports::new(vec![FileReport {
        file: "fuzz.csv".to_owned(),
        report,
    }]);
    let sources = [Source {
        name: "fuzz.csv".to_owned(),
        text: None,
        path: None,
        format: SourceFormat::Dataset(Format::Json),
        rows: Some(rows),
    }];
    for quiet in [false, true] {
        // The renderer's own colours (SGR sequences) are taken out; anything else that a
        // terminal would act on must have come from the data.
        let human = without_colours(&render::human(&reports, &sources, 0, quiet));
        let raw = |c: char| c.is_control() && c != '\n' || icsgov::is_bidi_control(c);
        if let Some(line) = human.lines().find(|l| l.chars().any(raw)) {
            panic!("a control character reached the terminal: {line:?}");
        }
    }
    let json: serde_json::Value =
        serde_json::from_str(&reports.to_json_string()).expect("the JSON report is JSON");
    assert!(json.is_object());
    let sarif: serde_json::Value =
        serde_json::from_str(&sarif::sarif(&reports, &sources, 0)).expect("SARIF is JSON");
    assert_eq!(sarif["version"], "2.1.0");
    let github = render::github(&reports, &sources);
    assert!(github.lines().all(|l| l.starts_with("::")));
    let junit = junit::junit(&reports, &sources, false, icsgov::Date::new(2025, 10, 1).unwrap());
    assert!(!junit.chars().any(|c| {
        matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
    }));
    let _ = icsgov::summary::markdown(&reports, "fuzz", 5);
});

/// The text without `ESC [ digits ; ... m` colour sequences.
fn without_colours(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('\u{1b}') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let body = after.strip_prefix('[').map(|b| {
            b.find(|c: char| !(c.is_ascii_digit() || c == ';'))
                .filter(|&j| b[j..].starts_with('m'))
                .map(|j| &b[j + 1..])
        });
        match body.flatten() {
            Some(next) => rest = next,
            None => {
                out.push('\u{1b}');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
