//! One run of the checks, as `icsgov validate` and `icsgov report` run it and as a service
//! embedding the library can: validate each dataset, apply the policy's waivers across all
//! of them, set aside what a baseline already records, and decide the outcome.
//!
//! ```
//! use icsgov::{Check, Date, Model, Outcome, Policy};
//!
//! let model = Model::from_json_str(r#"{"footprints": [
//!     {"id": "lsc", "name": "Lancashire and South Cumbria", "tier": "system"}
//! ]}"#).unwrap();
//! let policy = Policy::from_toml_str(r#"
//!     [rules]
//!     system-reviewed-by-cqc = "allow"
//! "#).unwrap();
//! let today = Date::new(2025, 10, 1).unwrap();
//! let run = Check::new(&policy, today).run([("lsc.json", &model)], None);
//! assert_eq!(run.outcome(), Outcome::Clean);
//! assert_eq!(run.outcome().exit_code(), 0);
//! ```

use crate::baseline::Baseline;
use crate::model::{Date, Model};
use crate::policy::Policy;
use crate::report::{FileReport, Reports};
use crate::validator::Validator;

/// The name findings about the policy's waivers are reported under when the policy did not
/// come from a named file.
pub const POLICY_REPORT_NAME: &str = "policy";

/// How to run the checks: the policy, the date to check as of (or the whole timeline), the
/// date waivers expire against, a baseline, and whether warnings fail the run.
#[derive(Debug, Clone)]
pub struct Check<'a> {
    policy: &'a Policy,
    as_of: Option<Date>,
    today: Date,
    baseline: Option<&'a Baseline>,
    deny_warnings: bool,
}

/// What a run found: a report per file (and one for the policy, when its waivers have
/// findings), with what the baseline set aside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// The reports, with waived and baselined findings marked, and what the baseline
    /// matched ([`Reports::baseline`]).
    pub reports: Reports,
    /// How many inputs could not be used (read or loaded) before the run.
    pub unusable: usize,
    deny_warnings: bool,
}

/// How a run ends, and the exit code the command gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Outcome {
    /// No finding that counts (no error, and no warning under `deny_warnings`): exit 0.
    Clean,
    /// Findings that count: exit 1.
    Findings,
    /// An input could not be used, so the run is incomplete: exit 2.
    InputUnusable,
}

impl Outcome {
    /// 0, 1 or 2, as documented for `icsgov validate`.
    pub fn exit_code(self) -> u8 {
        match self {
            Outcome::Clean => 0,
            Outcome::Findings => 1,
            Outcome::InputUnusable => 2,
        }
    }
}

impl<'a> Check<'a> {
    /// Checks under `policy`, with waivers expiring against `today`, across the whole
    /// timeline, with no baseline, failing on errors only.
    pub fn new(policy: &'a Policy, today: Date) -> Self {
        Self {
            policy,
            as_of: None,
            today,
            baseline: None,
            deny_warnings: false,
        }
    }

    /// Checks only the structure in force on `date` (`None`: the whole timeline).
    pub fn as_of(mut self, date: Option<Date>) -> Self {
        self.as_of = date;
        self
    }

    /// Sets aside the findings `baseline` records: they no longer count.
    pub fn baseline(mut self, baseline: Option<&'a Baseline>) -> Self {
        self.baseline = baseline;
        self
    }

    /// Makes warnings that count fail the run as errors do.
    pub fn deny_warnings(mut self, deny: bool) -> Self {
        self.deny_warnings = deny;
        self
    }

    /// The validator this check uses for one dataset.
    fn validator(&self) -> Validator<'a> {
        let v = Validator::new(self.policy);
        match self.as_of {
            Some(d) => v.as_of(d),
            None => v,
        }
    }

    /// Validates each `(file name, dataset)`, applies the waivers across all of them
    /// (findings about the waivers go in a report named `policy_file`, or
    /// [`POLICY_REPORT_NAME`]), then the baseline.
    pub fn run<'m, N: Into<String>>(
        &self,
        datasets: impl IntoIterator<Item = (N, &'m Model)>,
        policy_file: Option<&str>,
    ) -> Run {
        let validator = self.validator();
        let mut files: Vec<FileReport> = datasets
            .into_iter()
            .map(|(file, model)| FileReport {
                file: file.into(),
                report: validator.validate(model),
            })
            .collect();
        if !self.policy.waivers.is_empty() {
            let mut reports: Vec<&mut crate::Report> =
                files.iter_mut().map(|f| &mut f.report).collect();
            let about_policy = self.policy.apply_waivers(&mut reports, self.today);
            if !about_policy.is_clean() {
                files.push(FileReport {
                    file: policy_file.unwrap_or(POLICY_REPORT_NAME).to_owned(),
                    report: about_policy,
                });
            }
        }
        let mut reports = Reports::new(files);
        if let Some(b) = self.baseline {
            b.apply(&mut reports);
        }
        Run {
            reports,
            unusable: 0,
            deny_warnings: self.deny_warnings,
        }
    }
}

impl Run {
    /// The same run, knowing that `n` inputs could not be used: its outcome is then
    /// [`Outcome::InputUnusable`].
    pub fn with_unusable(mut self, n: usize) -> Self {
        self.unusable += n;
        self
    }

    /// The same run, with `file` reported as unusable: a report of its own holding one
    /// ICS000 finding at the error's line and column, which no policy or baseline sets
    /// aside, so every output format shows it. The outcome is then
    /// [`Outcome::InputUnusable`].
    ///
    /// ```
    /// use icsgov::{Check, Date, Model, Outcome, Policy};
    ///
    /// let policy = Policy::default();
    /// let today = Date::new(2025, 10, 1).unwrap();
    /// let error = Model::from_json_str(r#"{"footprints": [{"id": "lsc", "tier": "county"}]}"#)
    ///     .unwrap_err();
    /// let no_datasets: [(&str, &Model); 0] = [];
    /// let run = Check::new(&policy, today)
    ///     .run(no_datasets, None)
    ///     .with_unusable_input("lsc.json", &error);
    /// let d = &run.reports.files[0].report.diagnostics()[0];
    /// assert_eq!((d.code(), d.position().unwrap().line), ("ICS000", 1));
    /// assert_eq!(run.outcome(), Outcome::InputUnusable);
    /// ```
    pub fn with_unusable_input(mut self, file: impl Into<String>, error: &crate::Error) -> Self {
        let report = crate::Report::new(
            vec![crate::diagnostic::Diagnostic::unusable_input(error)],
            None,
        );
        self.reports.files.push(FileReport {
            file: file.into(),
            report,
        });
        self.reports.recount();
        self.unusable += 1;
        self
    }

    /// How the run ends: an unusable input first, then findings that count.
    pub fn outcome(&self) -> Outcome {
        let s = self.reports.summary;
        if self.unusable > 0 {
            Outcome::InputUnusable
        } else if s.errors > 0 || (self.deny_warnings && s.warnings > 0) {
            Outcome::Findings
        } else {
            Outcome::Clean
        }
    }
}
