//! The result of a validation: every diagnostic, in a deterministic order.

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Severity, Suppression};
use crate::model::Date;

/// How many diagnostics a report holds at each severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Summary {
    /// Number of error-severity diagnostics.
    pub errors: usize,
    /// Number of warning-severity diagnostics.
    pub warnings: usize,
    /// Number of info-severity diagnostics.
    pub infos: usize,
    /// Number of diagnostics covered by a waiver, not counted above.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub waived: usize,
    /// Number of diagnostics already in the baseline, not counted above.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub baselined: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Summary {
    /// Counts the diagnostics of each severity that count, and those waived or baselined.
    pub fn of<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> Self {
        let mut s = Summary::default();
        for d in diagnostics {
            match (d.suppressed(), d.severity()) {
                (Some(Suppression::Waiver { .. }), _) => s.waived += 1,
                (Some(Suppression::Baseline), _) => s.baselined += 1,
                (None, Severity::Error) => s.errors += 1,
                (None, Severity::Warning) => s.warnings += 1,
                (None, Severity::Info) => s.infos += 1,
            }
        }
        s
    }

    /// Adds another summary's counts to this one.
    pub fn add(&mut self, other: Summary) {
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
        self.waived += other.waived;
        self.baselined += other.baselined;
    }
}

/// How a run compared with its baseline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct BaselineOutcome {
    /// Findings of this run already in the baseline; reported but not counted.
    pub matched: usize,
    /// Baseline entries this run no longer finds: fixed since the baseline was written.
    pub fixed: usize,
}

/// The diagnostics of one validation, sorted by severity (most serious first), code and path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Report {
    /// The date the structure was checked as of, when one was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    as_of: Option<Date>,
    /// Counts by severity.
    summary: Summary,
    /// Every finding, most serious first, then by code and JSON Pointer.
    diagnostics: Vec<Diagnostic>,
}

/// Sorts diagnostics into report order ([`Diagnostic::report_order`]), preparing each path's
/// tokens once instead of at every comparison.
fn sort(diagnostics: &mut Vec<Diagnostic>) {
    let mut keyed: Vec<(crate::pointer::SortKey<'_>, usize)> = diagnostics
        .iter()
        .enumerate()
        .map(|(i, d)| (d.path().sort_key(), i))
        .collect();
    keyed.sort_by(|(pa, a), (pb, b)| {
        diagnostics[*a].order_with_paths(&diagnostics[*b], || pa.cmp(pb))
    });
    let order: Vec<usize> = keyed.into_iter().map(|(_, i)| i).collect();
    let mut slots: Vec<Option<Diagnostic>> =
        std::mem::take(diagnostics).into_iter().map(Some).collect();
    diagnostics.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

impl Report {
    /// A report of these diagnostics, sorted into report order.
    pub fn new(mut diagnostics: Vec<Diagnostic>, as_of: Option<Date>) -> Self {
        sort(&mut diagnostics);
        let summary = Summary::of(&diagnostics);
        Self {
            as_of,
            summary,
            diagnostics,
        }
    }

    /// Every diagnostic, in report order.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// Counts by severity.
    pub fn summary(&self) -> Summary {
        self.summary
    }

    /// The date the structure was checked as of, if one was given.
    pub fn as_of(&self) -> Option<Date> {
        self.as_of
    }

    /// Whether any counted diagnostic has error severity.
    pub fn has_errors(&self) -> bool {
        self.summary.errors > 0
    }

    /// Marks the diagnostics `pick` selects as suppressed, and recounts.
    pub(crate) fn suppress_where(
        &mut self,
        mut pick: impl FnMut(usize, &Diagnostic) -> Option<Suppression>,
    ) {
        for (i, d) in self.diagnostics.iter_mut().enumerate() {
            if d.counts() {
                if let Some(why) = pick(i, d) {
                    d.suppress(why);
                }
            }
        }
        self.summary = Summary::of(&self.diagnostics);
    }

    /// Whether there are no diagnostics at all.
    pub fn is_clean(&self) -> bool {
        self.diagnostics.is_empty()
    }

    /// The diagnostics of one rule, by code.
    ///
    /// ```
    /// # use icsgov::{Model, Policy, Validator};
    /// let m = Model::from_json_str(r#"{"footprints": [{"id": "lsc", "name": "LSC", "tier": "system"}]}"#).unwrap();
    /// let report = Validator::new(&Policy::default()).validate(&m);
    /// // A system with no ICB on it (ICS111) is not reported without any ICB in the dataset.
    /// assert_eq!(report.with_code("ICS111").count(), 0);
    /// ```
    pub fn with_code<'a>(&'a self, code: &'a str) -> impl Iterator<Item = &'a Diagnostic> + 'a {
        self.diagnostics.iter().filter(move |d| d.code() == code)
    }

    /// The report as pretty-printed JSON with a final newline.
    pub fn to_json_string(&self) -> String {
        // A report holds only strings, integers and enums: serialising cannot fail.
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
}

/// The version of the JSON report format this library writes.
pub const REPORT_FORMAT_VERSION: u32 = 1;

fn format_version() -> u32 {
    REPORT_FORMAT_VERSION
}

/// The program that wrote a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Tool {
    /// Its name: `icsgov`.
    pub name: String,
    /// Its version, such as `0.1.0`.
    pub version: String,
}

impl Default for Tool {
    fn default() -> Self {
        Self {
            name: "icsgov".to_owned(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
        }
    }
}

/// The reports of one run over several datasets, as `icsgov validate --format json` writes
/// them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Reports {
    /// The version of this report format: it goes up only when a field changes meaning or
    /// goes away. Fields may be added within a version, so a reader ignores fields it does
    /// not know.
    #[serde(default = "format_version")]
    pub format_version: u32,
    /// The program that wrote the report.
    #[serde(default)]
    pub tool: Tool,
    /// Counts by severity over every file.
    pub summary: Summary,
    /// How the run compared with a baseline, when one was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<BaselineOutcome>,
    /// One entry per dataset (and one for the policy file when its waivers have findings), in
    /// the order given, then one per input that could not be used (an ICS000 finding each).
    pub files: Vec<FileReport>,
}

/// The report on one dataset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct FileReport {
    /// The dataset's path as given, or `-` for standard input.
    pub file: String,
    /// What the validator found.
    pub report: Report,
}

impl Reports {
    /// Collects per-file reports, totalling their summaries.
    pub fn new(files: Vec<FileReport>) -> Self {
        let mut r = Self {
            format_version: REPORT_FORMAT_VERSION,
            tool: Tool::default(),
            summary: Summary::default(),
            baseline: None,
            files,
        };
        r.recount();
        r
    }

    /// Totals the files' summaries again, after suppressions.
    pub(crate) fn recount(&mut self) {
        let mut summary = Summary::default();
        for f in &self.files {
            summary.add(f.report.summary());
        }
        self.summary = summary;
    }

    /// Whether any counted diagnostic of any file has error severity.
    pub fn has_errors(&self) -> bool {
        self.summary.errors > 0
    }

    /// As pretty-printed JSON with a final newline.
    pub fn to_json_string(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
}

#[cfg(test)]
mod evolution_tests {
    use super::*;

    /// A report from a later version, with fields this one does not know, still reads; one
    /// from before the version fields existed reads as this format.
    #[test]
    fn a_reader_ignores_fields_it_does_not_know() {
        let later = r#"{"format_version": 1, "tool": {"name": "icsgov", "version": "9.9.9", "commit": "abc"},
            "summary": {"errors": 0, "warnings": 0, "infos": 0, "skipped": 3},
            "files": [{"file": "a.json", "checked_at": "2026-11-26",
                "report": {"summary": {"errors": 0, "warnings": 0, "infos": 0}, "diagnostics": []}}],
            "invocation": {"ok": true}}"#;
        let r: Reports = serde_json::from_str(later).unwrap();
        assert_eq!(r.tool.version, "9.9.9");
        let earlier = r#"{"summary": {"errors": 0, "warnings": 0, "infos": 0}, "files": []}"#;
        let r: Reports = serde_json::from_str(earlier).unwrap();
        assert_eq!(r.format_version, REPORT_FORMAT_VERSION);
        let written: serde_json::Value =
            serde_json::from_str(&Reports::new(vec![]).to_json_string()).unwrap();
        assert_eq!(written["tool"]["name"], "icsgov");
        assert_eq!(written["format_version"], 1);
    }
}
