//! Writing reports for people and for machines.

use std::fmt::Write;

use icsgov::{rules, FileReport, Format, Reports, Summary};

use crate::locate::Locator;
use crate::Checked;

/// The longest stretch of a source line shown under a diagnostic.
const SNIPPET_CHARS: usize = 100;

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn summary_text(s: Summary) -> String {
    format!(
        "{}, {}, {}",
        plural(s.errors, "error", "errors"),
        plural(s.warnings, "warning", "warnings"),
        plural(s.infos, "info", "infos")
    )
}

/// Diagnostics like rustc's: `file:line:col: error[ICS201]: message`, the source line with a
/// caret, a help line, and a summary.
pub fn human(checked: &[Checked], unusable: usize) -> String {
    let mut out = String::new();
    let mut total = Summary::default();
    for c in checked {
        let locator =
            (c.format == Format::Json && !c.report.is_clean()).then(|| Locator::json(&c.text));
        for d in c.report.diagnostics() {
            let place = locator.as_ref().and_then(|l| l.find(d.path()));
            match place {
                Some((line, col, _)) => {
                    let _ = write!(out, "{}:{line}:{col}: ", c.file);
                }
                None => {
                    let _ = write!(out, "{}: ", c.file);
                }
            }
            let _ = writeln!(out, "{}[{}]: {}", d.severity(), d.code(), d.message());
            match place {
                Some((line, col, source)) => {
                    let gutter = line.to_string().len();
                    let skip = col.saturating_sub(1).saturating_sub(SNIPPET_CHARS / 2);
                    let shown: String = source.chars().skip(skip).take(SNIPPET_CHARS).collect();
                    let ellipsis = if skip > 0 { "…" } else { "" };
                    let _ = writeln!(out, "{:gutter$} |", "");
                    let _ = writeln!(out, "{line} | {ellipsis}{shown}");
                    let caret_at = col - 1 - skip + ellipsis.chars().count();
                    let _ = writeln!(out, "{:gutter$} | {:caret_at$}^ {}", "", "", d.path());
                }
                None => {
                    let _ = writeln!(out, "  --> {}", d.path());
                }
            }
            if let Some(help) = d.help() {
                let _ = writeln!(out, "  = help: {help}");
            }
            out.push('\n');
        }
        let s = c.report.summary();
        total.errors += s.errors;
        total.warnings += s.warnings;
        total.infos += s.infos;
    }
    let _ = write!(
        out,
        "{} checked: {}",
        plural(checked.len(), "file", "files"),
        summary_text(total)
    );
    if unusable > 0 {
        let _ = write!(
            out,
            "; {} could not be used",
            plural(unusable, "file", "files")
        );
    }
    out.push('\n');
    out
}

/// The reports as one JSON document, conforming to `schemas/report.schema.json`.
pub fn json(checked: &[Checked]) -> String {
    let files = checked
        .iter()
        .map(|c| FileReport {
            file: c.file.clone(),
            report: c.report.clone(),
        })
        .collect();
    Reports::new(files).to_json_string()
}

/// `icsgov rules`: one line per rule.
pub fn rules_table() -> String {
    let mut out = String::new();
    for r in rules::registry() {
        let _ = writeln!(
            out,
            "{}  {:<38} {:<8} {}",
            r.code(),
            r.name(),
            r.default_severity(),
            r.basis()
        );
    }
    out
}
