//! Findings of the rules: [`Diagnostic`] and [`Severity`].

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::locate::Position;
use crate::pointer::JsonPointer;

/// How serious a diagnostic is.
///
/// Ordered from least to most serious, so `Severity::Error > Severity::Warning`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run.
    Info,
    /// A departure from guidance with known exceptions; fails a run only under
    /// `--deny-warnings`.
    Warning,
    /// A breach of law, NHS England policy or data integrity; fails the run.
    Error,
}

impl Severity {
    /// The severity in lower case (`error`, `warning`, `info`).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Text that names a rule, typed so that a code is never taken for a name or a message: the
/// library's own diagnostics borrow the rule's static text, and a report read back checks
/// each one's form.
macro_rules! rule_word {
    ($(#[$meta:meta])* $name:ident, $valid:expr, $expected:literal, $pattern:literal) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(transparent)]
        pub struct $name(Cow<'static, str>);

        impl $name {
            /// The text, as written in reports.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                let valid: fn(&str) -> bool = $valid;
                if valid(&s) {
                    Ok(Self(Cow::Owned(s)))
                } else {
                    Err(serde::de::Error::custom(format!(
                        "`{}` is not {}",
                        s.escape_debug(),
                        $expected
                    )))
                }
            }
        }

        #[cfg(feature = "schemars")]
        impl schemars::JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "type": "string",
                    "pattern": $pattern,
                    "description": $expected,
                })
            }
        }
    };
}

rule_word!(
    /// A rule's stable code: `ICS` and three digits, such as `ICS201`.
    RuleCode,
    |s| s.len() == 6 && s.starts_with("ICS") && s[3..].bytes().all(|b| b.is_ascii_digit()),
    "a rule code: ICS and three digits, such as ICS201",
    "^ICS[0-9]{3}$"
);

rule_word!(
    /// A rule's kebab-case name, such as `icb-constitution-approver`.
    RuleName,
    |s| !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
    "a rule name in lower-case words joined by hyphens, such as icb-constitution-approver",
    "^[a-z0-9]+(-[a-z0-9]+)*$"
);

/// One finding of one rule about one entity of a dataset.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Diagnostic {
    /// The rule's stable code, such as `ICS201`.
    code: RuleCode,
    /// The rule's kebab-case name, such as `icb-constitution-approver`.
    name: RuleName,
    /// How serious the finding is, after the policy's overrides.
    severity: Severity,
    /// What is wrong, naming the entities by id and name.
    message: String,
    /// JSON Pointer to the offending entity in the dataset, such as `/bodies/3`.
    path: JsonPointer,
    /// The ids of every entity the finding involves (for a cycle, every id on it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    related: Vec<String>,
    /// How to put it right, when there is a usual fix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    help: Option<String>,
    /// Why the finding does not count towards the result, when it does not: a waiver in the
    /// policy, or the baseline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    suppressed: Option<Suppression>,
    /// When the finding holds, for a dataset checked across its whole timeline; absent when it
    /// holds at all times, or when the dataset was checked as of one date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    period: Option<crate::model::Validity>,
    /// The line and column in the file, when the finding is about the text itself rather than
    /// an entity (an input that could not be read: ICS000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    position: Option<Position>,
    /// How far out the finding is, for ranking; not part of the report format.
    #[serde(skip)]
    #[cfg_attr(feature = "schemars", schemars(skip))]
    magnitude: Option<u64>,
}

/// Why a diagnostic is reported but not counted.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum Suppression {
    /// A waiver in the policy covers the finding until it expires.
    Waiver {
        /// Why the finding is accepted for now.
        reason: String,
        /// Who answers for the waiver.
        owner: String,
        /// The last day the waiver applies.
        expires: crate::model::Date,
    },
    /// The finding was already recorded in the baseline, so only new findings count.
    Baseline,
}

impl Diagnostic {
    pub(crate) fn new(
        code: &'static str,
        name: &'static str,
        severity: Severity,
        finding: Finding,
    ) -> Self {
        Self {
            code: RuleCode(Cow::Borrowed(code)),
            name: RuleName(Cow::Borrowed(name)),
            severity,
            message: finding.message,
            path: finding.path,
            related: finding.related,
            help: finding.help,
            suppressed: None,
            period: None,
            position: None,
            magnitude: finding.magnitude,
        }
    }

    /// The finding that an input could not be used (ICS000), at the error's line and column
    /// (and JSON Pointer, when known), with what was expected.
    pub(crate) fn unusable_input(error: &crate::Error) -> Self {
        let rule = &crate::rules::INPUT_UNUSABLE;
        let path = error
            .pointer()
            .and_then(JsonPointer::parse)
            .unwrap_or_else(JsonPointer::root);
        let mut d = Self::new(
            rule.code(),
            rule.name(),
            Severity::Error,
            Finding::new(path, error.message()),
        );
        d.help = Some(
            "fix the file so that it reads as a dataset; nothing in it was checked".to_owned(),
        );
        d.position = match (error.line(), error.column()) {
            (Some(line), column) => Some(Position {
                line: usize::try_from(line).unwrap_or(usize::MAX),
                column: column.map_or(1, |c| usize::try_from(c).unwrap_or(usize::MAX)),
            }),
            _ => None,
        };
        d
    }

    /// The line and column the finding is at, when it is about the text itself (ICS000)
    /// rather than an entity found by its JSON Pointer.
    pub fn position(&self) -> Option<Position> {
        self.position
    }

    /// How far out the finding is (people beyond a range, practices outside a place), when
    /// the rule measures it; summaries show the largest first.
    pub fn magnitude(&self) -> Option<u64> {
        self.magnitude
    }

    /// The message, followed by the period when the finding does not hold at all times:
    /// `... is accountable to nobody, from 2022-07-01 until 2023-03-31`.
    pub fn message_with_period(&self) -> String {
        match self.period {
            Some(p) => format!("{}, {p}", self.message),
            None => self.message.clone(),
        }
    }

    /// When the finding holds, if not at all times.
    pub fn period(&self) -> Option<crate::model::Validity> {
        self.period
    }

    pub(crate) fn with_period(mut self, period: crate::model::Validity) -> Self {
        self.period = (period != crate::model::Validity::default()).then_some(period);
        self
    }

    /// Why the finding does not count, if it does not.
    pub fn suppressed(&self) -> Option<&Suppression> {
        self.suppressed.as_ref()
    }

    /// Whether the finding counts towards the result (it is neither waived nor baselined).
    pub fn counts(&self) -> bool {
        self.suppressed.is_none()
    }

    pub(crate) fn suppress(&mut self, why: Suppression) {
        self.suppressed = Some(why);
    }

    /// The rule's stable code, such as `ICS201`.
    pub fn code(&self) -> &str {
        self.code.as_str()
    }

    /// The rule's kebab-case name.
    pub fn name(&self) -> &str {
        self.name.as_str()
    }

    /// How serious the finding is, after the policy's overrides.
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// What is wrong, in lower case without a final full stop.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The JSON Pointer to the offending entity.
    pub fn path(&self) -> &JsonPointer {
        &self.path
    }

    /// The ids of every entity involved.
    pub fn related(&self) -> &[String] {
        &self.related
    }

    /// How to put it right, if there is a usual fix.
    pub fn help(&self) -> Option<&str> {
        self.help.as_deref()
    }

    /// The order reports list diagnostics in: most serious first, then by code, path, message
    /// and related ids, so equal inputs give byte-identical reports.
    pub fn report_order(&self, other: &Self) -> std::cmp::Ordering {
        self.order_with_paths(other, || self.path.cmp(&other.path))
    }

    /// [`Diagnostic::report_order`], with the paths compared by `paths` (for sorting many
    /// diagnostics on path keys prepared once).
    pub(crate) fn order_with_paths(
        &self,
        other: &Self,
        paths: impl FnOnce() -> std::cmp::Ordering,
    ) -> std::cmp::Ordering {
        other
            .severity
            .cmp(&self.severity)
            .then_with(|| self.code.cmp(&other.code))
            .then_with(paths)
            .then_with(|| self.period.cmp(&other.period))
            .then_with(|| self.message.cmp(&other.message))
            .then_with(|| self.related.cmp(&other.related))
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]: {}", self.severity, self.code, self.message)?;
        if let Some(p) = self.period {
            write!(f, ", {p}")?;
        }
        write!(f, " (at {})", self.path)
    }
}

/// The facts of one finding, before the policy gives it a severity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub(crate) path: JsonPointer,
    pub(crate) message: String,
    pub(crate) related: Vec<String>,
    pub(crate) help: Option<String>,
    pub(crate) magnitude: Option<u64>,
    /// Set when the message carries figures that can change while the finding holds.
    pub(crate) gist: Option<&'static str>,
}

impl Finding {
    /// Whether two findings say the same thing of the same entities, whatever their help
    /// (and, for findings whose figures vary, whatever their figures).
    pub(crate) fn same_finding(&self, other: &Finding) -> bool {
        self.path == other.path
            && self.related == other.related
            && match (self.gist, other.gist) {
                (Some(a), Some(b)) => a == b,
                _ => self.message == other.message,
            }
    }

    /// A finding about the value at `path`.
    pub fn new(path: JsonPointer, message: impl Into<String>) -> Self {
        Self {
            path,
            message: message.into(),
            related: Vec::new(),
            help: None,
            magnitude: None,
            gist: None,
        }
    }

    /// The finding, naming the entities involved.
    pub fn with_related(mut self, ids: impl IntoIterator<Item = String>) -> Self {
        self.related.extend(ids);
        self
    }

    /// The finding, saying how to put it right.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Names the entities involved, by id.
    pub fn related<I, S>(&mut self, ids: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.related.extend(ids.into_iter().map(Into::into));
        self
    }

    /// Says how to put it right.
    pub fn help(&mut self, help: impl Into<String>) -> &mut Self {
        self.help = Some(help.into());
        self
    }

    /// Says that the message carries figures (a sum, a shortfall) that can change from one
    /// date to the next while the finding itself holds: over a timeline, the finding is
    /// reported once for the period it holds, with the figures of its first day and the
    /// number of dates on which they change. `gist` names what the finding is about, to tell
    /// it from another finding of the same rule on the same entity.
    pub fn figures_vary(&mut self, gist: &'static str) -> &mut Self {
        self.gist = Some(gist);
        self
    }

    /// Says how far out the finding is (people beyond a range, practices outside a place),
    /// so summaries can show the worst first.
    pub fn magnitude(&mut self, n: u64) -> &mut Self {
        self.magnitude = Some(n);
        self
    }
}

/// Where a rule's check puts its findings.
#[derive(Debug, Default)]
pub struct Findings {
    items: Vec<Finding>,
}

impl Findings {
    /// Records a finding about the entity at `path`.
    pub fn push(&mut self, path: JsonPointer, message: impl Into<String>) -> &mut Finding {
        self.items.push(Finding::new(path, message));
        let last = self.items.len() - 1;
        &mut self.items[last]
    }

    /// Whether nothing has been found.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub(crate) fn into_items(self) -> Vec<Finding> {
        self.items
    }
}

#[cfg(test)]
mod rule_word_tests {
    use super::*;

    #[test]
    fn a_report_read_back_checks_its_codes_and_names() {
        let good = r#"{"code": "ICS201", "name": "icb-constitution-approver", "severity": "error",
            "message": "m", "path": "/bodies/0"}"#;
        let d: Diagnostic = serde_json::from_str(good).unwrap();
        assert_eq!(
            (d.code(), d.name()),
            ("ICS201", "icb-constitution-approver")
        );
        for (code, name) in [
            ("icb-constitution-approver", "ICS201"),
            ("ICS20", "x"),
            ("ICS201", "Two Words"),
            ("ICS201", "a--b"),
        ] {
            let bad = good
                .replace("\"ICS201\"", &format!("{code:?}"))
                .replace("\"icb-constitution-approver\"", &format!("{name:?}"));
            let e = serde_json::from_str::<Diagnostic>(&bad)
                .unwrap_err()
                .to_string();
            assert!(e.contains("is not a rule"), "{code} {name}: {e}");
        }
    }
}
