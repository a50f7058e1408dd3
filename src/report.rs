//! The result of a validation: every diagnostic, in a deterministic order.

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Date;

/// How many diagnostics a report holds at each severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Summary {
    /// Number of error-severity diagnostics.
    pub errors: usize,
    /// Number of warning-severity diagnostics.
    pub warnings: usize,
    /// Number of info-severity diagnostics.
    pub infos: usize,
}

impl Summary {
    /// Counts the diagnostics of each severity.
    pub fn of<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> Self {
        let mut s = Summary::default();
        for d in diagnostics {
            match d.severity() {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }
}

/// The diagnostics of one validation, sorted by severity (most serious first), code and path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// The date the structure was checked as of, when one was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    as_of: Option<Date>,
    /// Counts by severity.
    summary: Summary,
    /// Every finding, most serious first, then by code and JSON Pointer.
    diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// A report of these diagnostics, sorted into report order.
    pub fn new(mut diagnostics: Vec<Diagnostic>, as_of: Option<Date>) -> Self {
        diagnostics.sort_by(Diagnostic::report_order);
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

    /// Whether any diagnostic has error severity.
    pub fn has_errors(&self) -> bool {
        self.summary.errors > 0
    }

    /// Whether there are no diagnostics at all.
    pub fn is_clean(&self) -> bool {
        self.diagnostics.is_empty()
    }

    /// The diagnostics of one rule, by code.
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

/// The reports of one run over several datasets, as `icsgov validate --format json` writes
/// them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Reports {
    /// Counts by severity over every file.
    pub summary: Summary,
    /// One entry per dataset, in the order given.
    pub files: Vec<FileReport>,
}

/// The report on one dataset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FileReport {
    /// The dataset's path as given, or `-` for standard input.
    pub file: String,
    /// What the validator found.
    pub report: Report,
}

impl Reports {
    /// Collects per-file reports, totalling their summaries.
    pub fn new(files: Vec<FileReport>) -> Self {
        let mut summary = Summary::default();
        for f in &files {
            let s = f.report.summary();
            summary.errors += s.errors;
            summary.warnings += s.warnings;
            summary.infos += s.infos;
        }
        Self { summary, files }
    }

    /// As pretty-printed JSON with a final newline.
    pub fn to_json_string(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
}
