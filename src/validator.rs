//! Runs every enabled rule over a model and collects a [`Report`].

use crate::context::Context;
use crate::diagnostic::Diagnostic;
use crate::model::{Date, Model};
use crate::policy::Policy;
use crate::report::Report;
use crate::rules::{self, Findings};

/// Checks models against the rules under a [`Policy`].
#[derive(Debug, Clone)]
pub struct Validator<'p> {
    policy: &'p Policy,
    as_of: Option<Date>,
}

impl<'p> Validator<'p> {
    /// A validator enforcing `policy`, over every entity regardless of its dates.
    pub fn new(policy: &'p Policy) -> Self {
        Self {
            policy,
            as_of: None,
        }
    }

    /// Checks only the structure in force on `date`: footprints, bodies and relationships
    /// whose validity period includes it.
    pub fn as_of(mut self, date: Date) -> Self {
        self.as_of = Some(date);
        self
    }

    /// Runs every rule the policy enables and returns the sorted report. Never panics; cost is
    /// linear in the size of the model.
    pub fn validate(&self, model: &Model) -> Report {
        let ctx = Context::new(model, self.policy, self.as_of);
        let mut diagnostics = Vec::new();
        for rule in rules::registry() {
            let Some(severity) = self.policy.severity_of(rule) else {
                continue;
            };
            let mut findings = Findings::default();
            rule.check(&ctx, &mut findings);
            diagnostics.extend(
                findings
                    .into_items()
                    .into_iter()
                    .map(|f| Diagnostic::new(rule.code(), rule.name(), severity, f)),
            );
        }
        Report::new(diagnostics, self.as_of)
    }
}
