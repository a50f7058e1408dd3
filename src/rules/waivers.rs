//! Waivers: marking the findings a policy's unexpired waivers cover, and the findings about
//! the waivers themselves (ICS901 expired, ICS902 unmatched), which the policy's level
//! settings do not run as ordinary rules.

use crate::diagnostic::{Finding, Suppression};
use crate::model::Date;
use crate::policy::Policy;
use crate::rules;

impl Policy {
    /// Applies the waivers to the reports of a run: findings an unexpired waiver covers are
    /// marked waived and no longer counted. Returns the findings about the waivers themselves,
    /// with JSON Pointers into the policy: ICS901 for a waiver that has expired by `today`,
    /// ICS902 for one that matches nothing.
    pub fn apply_waivers(&self, reports: &mut [&mut crate::Report], today: Date) -> crate::Report {
        use std::collections::HashMap;
        // Each counted finding, keyed by rule code and each entity it names.
        let mut index: HashMap<(&'static str, String), Vec<(usize, usize)>> = HashMap::new();
        for (r, report) in reports.iter().enumerate() {
            for (d, diag) in report.diagnostics().iter().enumerate() {
                let Some(rule) = rules::find(diag.code()) else {
                    continue;
                };
                if !diag.counts() {
                    continue;
                }
                for id in diag.related() {
                    index
                        .entry((rule.code(), id.clone()))
                        .or_default()
                        .push((r, d));
                }
            }
        }
        let mut waive: Vec<Vec<Option<usize>>> = reports
            .iter()
            .map(|r| vec![None; r.diagnostics().len()])
            .collect();
        let mut findings = Vec::new();
        for (i, w) in self.waivers.iter().enumerate() {
            let Some(rule) = rules::find(&w.rule) else {
                continue;
            };
            let path = crate::JsonPointer::root().token("waivers").index(i);
            let what = format!(
                "waiver of {} ({}) for `{}`, owned by {}",
                rule.code(),
                rule.name(),
                w.entity,
                w.owner
            );
            if w.expires < today {
                findings.push((
                    &rules::EXPIRED_WAIVER,
                    Finding::new(path, format!("{what}, expired after {}", w.expires))
                        .with_related([w.entity.clone()])
                        .with_help("fix the finding, or renew the waiver with a new expiry date if it is still accepted"),
                ));
                continue;
            }
            let hits = index.get(&(rule.code(), w.entity.clone()));
            match hits {
                Some(hits) if !hits.is_empty() => {
                    for &(r, d) in hits {
                        waive[r][d].get_or_insert(i);
                    }
                }
                _ => findings.push((
                    &rules::UNMATCHED_WAIVER,
                    Finding::new(path, format!("{what}, matches no finding"))
                        .with_related([w.entity.clone()])
                        .with_help("the finding may be fixed: remove the waiver, or correct its rule or entity"),
                )),
            }
        }
        for (r, report) in reports.iter_mut().enumerate() {
            let marks = &waive[r];
            report.suppress_where(|d, _| {
                marks[d].map(|i| {
                    let w = &self.waivers[i];
                    Suppression::Waiver {
                        reason: w.reason.clone(),
                        owner: w.owner.clone(),
                        expires: w.expires,
                    }
                })
            });
        }
        let diagnostics = findings
            .into_iter()
            .filter_map(|(rule, f)| {
                self.severity_of(rule)
                    .map(|sev| crate::Diagnostic::new(rule.code(), rule.name(), sev, f))
            })
            .collect();
        crate::Report::new(diagnostics, None)
    }
}
