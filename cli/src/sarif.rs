//! SARIF 2.1.0 output, for code scanning (GitHub, Azure DevOps, and other SARIF viewers).

use icsgov::{rules, Reports, Severity, Suppression};
use serde_json::{json, Value};

use crate::render::Placer;
use crate::Source;

/// Where each rule's docs are published: `docs/rules.md` in the repository.
const RULES_DOC: &str = "https://github.com/icsgov/icsgov/blob/main/docs/rules.md";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A file name as a SARIF artifact URI reference: forward slashes, with characters that are
/// not allowed in a URI percent-encoded.
fn uri(file: &str) -> String {
    let mut out = String::new();
    for b in file.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:@!$&'()*+,;=".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The most results one run keeps: GitHub code scanning keeps the first 5,000 of a run,
/// ranked by severity, and drops the rest.
pub const MAX_RESULTS: usize = 5_000;

fn rank(level: &str) -> u8 {
    match level {
        "error" => 0,
        "warning" => 1,
        _ => 2,
    }
}

/// The run as a SARIF 2.1.0 log: one rule per code, one result per diagnostic, most serious
/// first and at most [`MAX_RESULTS`] of them; an input that could not be used is a result
/// (ICS000) and a tool execution notification, and makes the invocation unsuccessful.
pub fn sarif(reports: &Reports, sources: &[Source], unusable: usize) -> String {
    let registry = rules::registry();
    let rule_entries: Vec<Value> = registry
        .iter()
        .map(|r| {
            json!({
                "id": r.code(),
                "name": r.name(),
                "shortDescription": {"text": r.summary()},
                "fullDescription": {"text": &r.description()},
                "help": {"text": r.docs(), "markdown": r.docs()},
                "helpUri": format!("{RULES_DOC}#{}", rules::anchor(r)),
                "defaultConfiguration": {"level": level(r.default_severity())},
                "properties": {"tags": [r.basis().kind.as_str()], "basis": r.basis().to_string()}
            })
        })
        .collect();
    let mut placer = Placer::new(sources, reports, 0);
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for f in &reports.files {
        for d in f.report.diagnostics() {
            let mut physical = json!({"artifactLocation": {"uri": uri(&f.file)}});
            if let Some(p) = placer.place(&f.file, d) {
                // An imported entity is placed in the publication row it came from.
                if let Some(publication) = p.file {
                    physical["artifactLocation"]["uri"] = json!(uri(publication));
                }
                physical["region"] = json!({"startLine": p.line, "startColumn": p.column});
            }
            if rules::find(d.code()).is_some_and(|r| r.is_about_input()) {
                notifications.push(json!({
                    "level": "error",
                    "message": {"text": format!("{} could not be used: {}", f.file, d.message())},
                    "locations": [{"physicalLocation": physical.clone()}],
                    "descriptor": {"id": d.code()}
                }));
            }
            let mut result = json!({
                "ruleId": d.code(),
                "ruleIndex": registry.iter().position(|r| r.code() == d.code()).unwrap_or(0),
                "level": level(d.severity()),
                "message": {"text": match d.help() {
                    Some(h) => format!("{}\nhelp: {h}", d.message_with_period()),
                    None => d.message_with_period(),
                }},
                "locations": [{
                    "physicalLocation": physical,
                    "logicalLocations": [{"fullyQualifiedName": d.path().as_str(), "kind": "element"}]
                }],
                "partialFingerprints": {
                    "icsgov/v2": format!("{}:{}:{}", d.code(), d.path().shape(), d.related().join(","))
                }
            });
            if !d.related().is_empty() {
                result["properties"] = json!({"related": d.related()});
            }
            match d.suppressed() {
                Some(Suppression::Waiver {
                    reason,
                    owner,
                    expires,
                }) => {
                    result["suppressions"] = json!([{
                        "kind": "external",
                        "status": "accepted",
                        "justification": format!("{reason} (owner {owner}, until {expires})")
                    }]);
                }
                Some(Suppression::Baseline) => {
                    result["suppressions"] = json!([{"kind": "external", "status": "accepted", "justification": "in the baseline"}]);
                    result["baselineState"] = json!("unchanged");
                }
                None => {}
            }
            results.push(result);
        }
    }
    if notifications.len() < unusable {
        notifications.push(json!({
            "level": "error",
            "message": {"text": "the run did not complete: an output it was asked for (a baseline) could not be written"}
        }));
    }
    // Most serious first, so that a cut keeps the errors; the sort is stable, so the order
    // within a level is the reports' own.
    results.sort_by_key(|r| rank(r["level"].as_str().unwrap_or("")));
    if results.len() > MAX_RESULTS {
        let cut = results.len() - MAX_RESULTS;
        results.truncate(MAX_RESULTS);
        notifications.push(json!({
            "level": "warning",
            "message": {"text": format!(
                "{} of {} results are not in this log: code scanning keeps {MAX_RESULTS} per run, so the least serious were left out; `icsgov validate --format json` lists every finding",
                cut, cut + MAX_RESULTS
            )}
        }));
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "icsgov",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/icsgov/icsgov",
                "rules": rule_entries
            }},
            "invocations": [{
                "executionSuccessful": unusable == 0,
                "toolExecutionNotifications": notifications
            }],
            "columnKind": "unicodeCodePoints",
            "results": results
        }]
    });
    let mut s = serde_json::to_string_pretty(&log).unwrap_or_default();
    s.push('\n');
    s
}
