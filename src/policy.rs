//! What a run enforces: severity per rule, population ranges per tier, coverage tolerance.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Severity;
use crate::error::{Error, ErrorKind};
use crate::model::Tier;
use crate::object_only::object_only;

object_only!(PopulationRange, PopulationRanges, Policy);

/// The level a policy sets for a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// The rule does not run.
    Allow,
    /// Findings are reported as information.
    Info,
    /// Findings are reported as warnings.
    Warn,
    /// Findings are reported as errors and fail the run.
    Error,
}

impl Level {
    /// Every level, from off to the most serious.
    pub const ALL: [Level; 4] = [Level::Allow, Level::Info, Level::Warn, Level::Error];

    /// The level as a policy file writes it: `allow`, `info`, `warn` or `error`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Allow => "allow",
            Level::Info => "info",
            Level::Warn => "warn",
            Level::Error => "error",
        }
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Level {
    /// The severity findings get at this level, or `None` when the rule is off.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Allow => None,
            Level::Info => Some(Severity::Info),
            Level::Warn => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

/// An inclusive range of populations; either end may be open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct PopulationRange {
    /// The smallest population allowed; absent means no minimum.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::model::whole::option"
    )]
    pub min: Option<u64>,
    /// The largest population allowed; absent means no maximum.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::model::whole::option"
    )]
    pub max: Option<u64>,
}

impl PopulationRange {
    /// The range from `min` to `max`, both inclusive.
    pub fn between(min: u64, max: u64) -> Self {
        Self {
            min: Some(min),
            max: Some(max),
        }
    }

    /// The range of `min` people or more.
    pub fn at_least(min: u64) -> Self {
        Self {
            min: Some(min),
            max: None,
        }
    }

    /// Whether `population` lies in the range.
    pub fn contains(&self, population: u64) -> bool {
        self.min.is_none_or(|m| m <= population) && self.max.is_none_or(|m| population <= m)
    }

    /// How far `population` lies outside the range, in people (0 inside it).
    pub fn distance(&self, population: u64) -> u64 {
        match (self.min, self.max) {
            (Some(min), _) if population < min => min - population,
            (_, Some(max)) if population > max => population - max,
            _ => 0,
        }
    }

    /// The range in words: `30,000 or more`, `up to 50,000`, `114,000 to 566,000`.
    pub fn describe(&self) -> String {
        use crate::words::people;
        match (self.min, self.max) {
            (Some(a), Some(b)) => format!("{} to {}", people(a), people(b)),
            (Some(a), None) => format!("{} or more", people(a)),
            (None, Some(b)) => format!("up to {}", people(b)),
            (None, None) => "any size".to_owned(),
        }
    }
}

/// The population range of each tier; `null` (or `None`) means the tier is not checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(remote = "Self", default, deny_unknown_fields)]
pub struct PopulationRanges {
    /// Range for system footprints; unchecked by default.
    pub system: Option<PopulationRange>,
    /// Range for place footprints; unchecked by default, because places are defined locally
    /// and no law or national contract sizes them (a system may set its own, as the
    /// Lancashire and South Cumbria example policy does).
    pub place: Option<PopulationRange>,
    /// Range for neighbourhood footprints; 30,000 or more by default: the Network Contract
    /// DES minimum list size of a primary care network, which commissioners may waive. 50,000
    /// is typical, not a limit, so there is no default maximum.
    pub neighbourhood: Option<PopulationRange>,
}

impl Default for PopulationRanges {
    fn default() -> Self {
        Self {
            system: None,
            place: None,
            neighbourhood: Some(PopulationRange::at_least(30_000)),
        }
    }
}

impl PopulationRanges {
    /// The range for `tier`, if it is checked.
    pub fn for_tier(&self, tier: Tier) -> Option<PopulationRange> {
        match tier {
            Tier::System => self.system,
            Tier::Place => self.place,
            Tier::Neighbourhood => self.neighbourhood,
        }
    }
}

/// The default coverage tolerance: children may cover 5% less than their parent's population.
pub const DEFAULT_COVERAGE_TOLERANCE: f64 = 0.05;

fn default_coverage_tolerance() -> f64 {
    DEFAULT_COVERAGE_TOLERANCE
}

/// What a run enforces. The default is true for the whole of England: every rule at its
/// default severity, PCNs of 30,000 or more (the Network Contract DES minimum), no place or
/// system range, and a 5% coverage tolerance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Policy {
    /// Level per rule, keyed by code (`ICS103`) or name (`population-range`). A rule set
    /// twice, by code and by name, must be set to the same level.
    #[serde(default)]
    pub rules: BTreeMap<String, Level>,
    /// Population range per tier.
    #[serde(default)]
    pub population: PopulationRanges,
    /// How far below its parent's population the children of a footprint may add up to, as a
    /// fraction of the parent's (0.05 is 5%).
    #[serde(default = "default_coverage_tolerance")]
    #[cfg_attr(feature = "schemars", schemars(range(min = 0.0, max = 1.0)))]
    pub coverage_tolerance: f64,
    /// Findings accepted for a time: each names a rule and an entity, says why and who owns
    /// it, and expires.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub waivers: Vec<Waiver>,
    /// NHS England's successor and the day it takes over, once announced: from that day the
    /// successor approves ICB constitutions in NHS England's place (ICS201). The government
    /// announced in March 2025 that NHS England's functions are to move into the Department of
    /// Health and Social Care; no law sets the day yet, so by default NHS England remains.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nhs_england_successor: Option<Successor>,
    /// The fewest non-executive members (besides the chair) an ICB's board should have
    /// (ICS217). NHS England's constitution guidance asks for at least two; the Act sets no
    /// number.
    #[serde(default = "default_min_non_executive_members")]
    pub min_non_executive_members: u32,
}

fn default_min_non_executive_members() -> u32 {
    2
}

/// The body that takes over NHS England's functions, and from when.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Successor {
    /// The successor's id in the dataset, such as `dhsc`.
    pub body: String,
    /// The first day the successor holds NHS England's functions.
    pub from: crate::model::Date,
}

/// A finding accepted for a time: a rule's findings about one entity are reported as waived,
/// not counted, until the waiver expires.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    /// The rule, by code (`ICS103`) or name (`population-range`).
    pub rule: String,
    /// The id of the footprint or body whose findings are waived.
    pub entity: String,
    /// Why the finding is accepted, for the people who read the report.
    pub reason: String,
    /// Who answers for the waiver (a person or team).
    pub owner: String,
    /// The last day the waiver applies (YYYY-MM-DD); after it, the waiver is itself an error.
    pub expires: crate::model::Date,
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            rules: BTreeMap::new(),
            population: PopulationRanges::default(),
            coverage_tolerance: DEFAULT_COVERAGE_TOLERANCE,
            waivers: Vec::new(),
            nhs_england_successor: None,
            min_non_executive_members: default_min_non_executive_members(),
        }
    }
}

impl Policy {
    /// Checks that every rule named exists, every range is the right way round and the
    /// tolerance is a fraction.
    ///
    /// # Errors
    /// An [`ErrorKind::Policy`] error naming the first problem, with its JSON Pointer.
    pub fn check(&self) -> Result<(), Error> {
        self.check_rule_names()?;
        for tier in Tier::ALL {
            if let Some(r) = self.population.for_tier(tier) {
                if let (Some(min), Some(max)) = (r.min, r.max) {
                    if min > max {
                        return Err(Error::new(
                            ErrorKind::Policy,
                            format!("the {tier} population range has min {min} above max {max}"),
                        )
                        .with_pointer(format!("/population/{tier}")));
                    }
                }
            }
        }
        if !(0.0..=1.0).contains(&self.coverage_tolerance) {
            return Err(Error::new(
                ErrorKind::Policy,
                format!(
                    "coverage_tolerance is {}; expected a fraction from 0 to 1, such as 0.05",
                    self.coverage_tolerance
                ),
            )
            .with_pointer("/coverage_tolerance".to_owned()));
        }
        Ok(())
    }

    /// Parses and checks a policy written as JSON.
    ///
    /// # Errors
    /// When the text is not a policy (with line and column), or [`Policy::check`] fails.
    pub fn from_json_str(text: &str) -> Result<Policy, Error> {
        let policy: Policy = serde_json::from_str(text).map_err(|e| {
            let message = crate::error::json_message(&e);
            Error::new(ErrorKind::Policy, message).at(e.line() as u64, e.column() as u64)
        })?;
        policy.check()?;
        Ok(policy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_true_for_england() {
        let p = Policy::default();
        assert_eq!(
            p.population.for_tier(Tier::Neighbourhood),
            Some(PopulationRange::at_least(30_000))
        );
        assert_eq!(p.population.for_tier(Tier::Place), None);
        assert_eq!(p.population.for_tier(Tier::System), None);
        assert!(p.check().is_ok());
    }

    #[test]
    fn partial_population_keeps_other_defaults_and_null_disables() {
        let p = Policy::from_json_str(r#"{"population": {"place": null}}"#).unwrap();
        assert_eq!(p.population.place, None);
        assert_eq!(
            p.population.neighbourhood,
            PopulationRanges::default().neighbourhood
        );
    }

    #[test]
    fn rejects_unknown_rules_bad_ranges_and_tolerances() {
        let e = Policy::from_json_str(r#"{"rules": {"ICS999": "allow"}}"#).unwrap_err();
        assert!(e.message().contains("ICS999"), "{e}");
        assert_eq!(e.pointer(), Some("/rules/ICS999"));
        let e = Policy::from_json_str(r#"{"population": {"place": {"min": 5, "max": 1}}}"#)
            .unwrap_err();
        assert!(e.message().contains("min 5 above max 1"), "{e}");
        assert!(Policy::from_json_str(r#"{"coverage_tolerance": 2}"#).is_err());
        let e = Policy::from_json_str("{\n \"rulez\": {}}").unwrap_err();
        assert_eq!((e.line(), e.column()), (Some(2), Some(8)));
        assert!(e.message().contains("unknown field `rulez`"), "{e}");
    }
}
