//! What a policy means for the rules: the level each rule runs at, and checking that every
//! rule a policy names exists.

use std::collections::BTreeMap;

use crate::diagnostic::Severity;
use crate::error::{Error, ErrorKind};
use crate::policy::{Level, Policy};
use crate::rules::{self, Rule};

impl Policy {
    /// Sets the level of a rule named by code or name.
    ///
    /// # Errors
    /// When no rule has that code or name.
    pub fn set_level(&mut self, rule: &str, level: Level) -> Result<(), Error> {
        match rules::find(rule) {
            None => return Err(unknown_rule(rule)),
            Some(r) if r.is_about_input() => return Err(fixed_rule(r)),
            Some(_) => {}
        }
        self.rules.insert(rule.to_owned(), level);
        Ok(())
    }

    /// The severity the rule's findings get under this policy, or `None` when it is off.
    /// A setting by code wins over one by name.
    pub fn severity_of(&self, rule: &Rule) -> Option<Severity> {
        // Codes match in any case (`ics103`), as `rules::find` does; names exactly.
        let by_code = self
            .rules
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(rule.code()));
        match by_code.or_else(|| self.rules.get_key_value(rule.name())) {
            Some((_, level)) => level.severity(),
            None => Some(rule.default_severity()),
        }
    }

    /// Checks that every rule the policy sets a level for or waives exists, and that a rule
    /// set twice (by code and by name) is set to one level.
    pub(crate) fn check_rule_names(&self) -> Result<(), Error> {
        let mut seen: BTreeMap<&str, (&str, Level)> = BTreeMap::new();
        for (key, level) in &self.rules {
            let Some(rule) = rules::find(key) else {
                return Err(unknown_rule(key).with_pointer(format!("/rules/{key}")));
            };
            if rule.is_about_input() {
                return Err(fixed_rule(rule).with_pointer(format!("/rules/{key}")));
            }
            // One rule set twice (by code and by name, or in two cases) must agree, or which
            // level applies would depend on lookup order.
            if let Some((other, earlier)) = seen.insert(rule.code(), (key.as_str(), *level)) {
                if earlier != *level {
                    return Err(Error::new(
                        ErrorKind::Policy,
                        format!(
                            "rule {} is set twice, to different levels: `{other}` and `{key}`; keep one",
                            rule.code()
                        ),
                    )
                    .with_pointer(format!("/rules/{key}")));
                }
            }
        }
        for (i, w) in self.waivers.iter().enumerate() {
            match rules::find(&w.rule) {
                None => {
                    return Err(unknown_rule(&w.rule).with_pointer(format!("/waivers/{i}/rule")))
                }
                Some(r) if r.is_about_input() => {
                    return Err(fixed_rule(r).with_pointer(format!("/waivers/{i}/rule")))
                }
                Some(_) => {}
            }
        }
        Ok(())
    }
}

/// A rule no policy may turn off, lower or waive: an input that cannot be read was not checked.
fn fixed_rule(rule: &Rule) -> Error {
    Error::new(
        ErrorKind::Policy,
        format!(
            "rule {} {} cannot be set or waived: an input that cannot be read was not checked, so it always fails the run",
            rule.code(),
            rule.name()
        ),
    )
}

fn unknown_rule(rule: &str) -> Error {
    Error::new(
        ErrorKind::Policy,
        format!("no rule has the code or name `{rule}`; `icsgov rules` lists them"),
    )
}

/// Every rule's code (in capitals or lower case, as the loader takes it) and name, each described, for the schema's completion lists.
#[cfg(feature = "schemars")]
pub(crate) fn rule_keys() -> Vec<serde_json::Value> {
    rules::registry()
        .iter()
        .flat_map(|r| {
            let about = format!("{} {}: {}", r.code(), r.name(), r.summary());
            [
                serde_json::json!({"const": r.code(), "description": about}),
                serde_json::json!({"const": r.code().to_ascii_lowercase(), "description": about}),
                serde_json::json!({"const": r.name(), "description": about}),
            ]
        })
        .collect()
}
