//! Baselines: record today's findings so that only new ones fail a run.
//!
//! A finding matches a baseline entry by file, rule code, JSON Pointer and related ids, never
//! by its message, so rewording a message does not turn old findings into new ones.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Suppression;
use crate::error::{Error, ErrorKind};
use crate::pointer::JsonPointer;
use crate::report::{BaselineOutcome, Reports};

/// One recorded finding.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BaselineEntry {
    /// The dataset's path as given on the command line, without a leading `./` and with `/`
    /// between folders.
    pub file: String,
    /// The rule's code.
    pub code: String,
    /// The JSON Pointer of the offending entity.
    pub path: JsonPointer,
    /// The ids of the entities involved.
    #[serde(default)]
    pub related: Vec<String>,
}

/// The findings of a run, recorded so that a later run counts only new ones.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// The recorded findings, sorted.
    pub entries: Vec<BaselineEntry>,
}

/// A dataset's path as a baseline records and compares it: `./data/lsc.json`,
/// `data/lsc.json` and `data\lsc.json` name one file.
fn same_file(file: &str) -> String {
    let mut f = file.replace('\\', "/");
    while let Some(rest) = f.strip_prefix("./") {
        f = rest.to_owned();
    }
    f
}

/// The matching key of a finding: file, code, the shape of its pointer and the related ids;
/// never the message (whose figures change) and never a position in a list (which changes
/// when a body is added above it or the lists are sorted). Findings with equal keys are
/// matched by count.
fn key(file: &str, code: &str, path: &JsonPointer, related: &[String]) -> String {
    // NUL cannot occur in ids, codes or pointers read from a dataset, so it separates safely.
    let file = same_file(file);
    let mut k = format!("{file}\0{code}\0{}", path.shape());
    // As a set: the order a rule lists the ids in may follow the order of the lists.
    let mut ids: Vec<&str> = related.iter().map(String::as_str).collect();
    ids.sort_unstable();
    for r in ids {
        k.push('\0');
        k.push_str(r);
    }
    k
}

impl Baseline {
    /// Records every counted finding of a run (waived findings are left out).
    ///
    /// # Examples
    ///
    /// ```
    /// use icsgov::{Baseline, FileReport, Model, Policy, Reports, Validator};
    ///
    /// let m = Model::from_json_str(r#"{"bodies": [
    ///     {"id": "QE1", "name": "NHS Lancashire and South Cumbria ICB", "kind": "integrated_care_board"}
    /// ]}"#).unwrap();
    /// let run = || {
    ///     let report = Validator::new(&Policy::default()).validate(&m);
    ///     Reports::new(vec![FileReport { file: "lsc.json".into(), report }])
    /// };
    /// let baseline = Baseline::of(&run());
    /// // The next run's findings are all in the baseline: none counts.
    /// let mut next = run();
    /// let outcome = baseline.apply(&mut next);
    /// assert_eq!((outcome.fixed, next.summary.errors), (0, 0));
    /// assert!(outcome.matched > 0);
    /// ```
    pub fn of(reports: &Reports) -> Self {
        let mut entries: Vec<BaselineEntry> = reports
            .files
            .iter()
            .flat_map(|f| {
                f.report
                    .diagnostics()
                    .iter()
                    .filter(|d| d.counts())
                    .map(|d| BaselineEntry {
                        file: same_file(&f.file),
                        code: d.code().to_owned(),
                        path: d.path().clone(),
                        related: d.related().to_vec(),
                    })
            })
            .collect();
        entries.sort();
        Self { entries }
    }

    /// Marks the run's findings that are in the baseline as baselined (each entry matches at
    /// most one finding), and counts the entries no longer found.
    pub fn apply(&self, reports: &mut Reports) -> BaselineOutcome {
        let mut remaining: HashMap<String, usize> = HashMap::new();
        for e in &self.entries {
            *remaining
                .entry(key(&e.file, &e.code, &e.path, &e.related))
                .or_default() += 1;
        }
        let mut matched = 0;
        for f in &mut reports.files {
            let file = f.file.clone();
            f.report.suppress_where(|_, d| {
                match remaining.get_mut(&key(&file, d.code(), d.path(), d.related())) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        matched += 1;
                        Some(Suppression::Baseline)
                    }
                    _ => None,
                }
            });
        }
        let outcome = BaselineOutcome {
            matched,
            fixed: remaining.values().sum(),
        };
        reports.baseline = Some(outcome);
        reports.recount();
        outcome
    }

    /// Parses a baseline file.
    ///
    /// # Errors
    /// When the text is not a baseline, with line and column.
    pub fn from_json_str(text: &str) -> Result<Self, Error> {
        serde_json::from_str(text).map_err(|e| {
            let message = crate::error::json_message(&e);
            Error::new(ErrorKind::Data, format!("not a baseline: {message}"))
                .at(e.line() as u64, e.column() as u64)
        })
    }

    /// As pretty-printed JSON with a final newline.
    pub fn to_json_string(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
}
