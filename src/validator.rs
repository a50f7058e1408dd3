//! Runs every enabled rule over a model and collects a [`Report`].
//!
//! Three ways to check a model:
//!
//! - **as of a date** ([`Validator::as_of`]): the structure in force on that day;
//! - **undated**: a model without any date describes one moment, checked once;
//! - **the timeline**: a model with dates is checked at every date where anything in it
//!   changes (and where a rule's law comes into force), and each finding is reported once
//!   with the period in which it holds.
//!
//! The timeline does not re-validate the whole model at each change point. Rules check one
//! subject at a time, reading only its neighbourhood: a footprint with its parent and
//! children, a body with its relationships, a relationship with its ends. At each change
//! point only the subjects next to what changed are checked again; a rule that reads further
//! says which changes make it check everything again.

use rustc_hash::FxHashMap as HashMap;

use crate::context::{Context, Entity};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{BodyKind, Date, Model, RelationshipKind, Validity};
use crate::policy::Policy;
use crate::report::Report;
use crate::rules::{self, reason, Finding, Findings, Rule, Subjects};

/// Checks models against the rules under a [`Policy`].
#[derive(Debug, Clone)]
pub struct Validator<'p> {
    policy: &'p Policy,
    as_of: Option<Date>,
}

/// The findings currently holding for one (rule, subject), each with the date it has held
/// since (`None`: since before the first change point). Each finding is tracked on its own,
/// so that one finding ending does not split the period of another on the same subject.
type Open = Vec<Held>;

/// A finding that holds, since when, and on how many later dates its figures changed.
struct Held {
    since: Option<Date>,
    finding: Finding,
    changes: u32,
    /// The figures as last found, once they differ from the first day's.
    latest: Option<String>,
}

impl Held {
    fn new(since: Option<Date>, finding: Finding) -> Self {
        Self {
            since,
            finding,
            changes: 0,
            latest: None,
        }
    }

    /// The finding as it stands now. A finding whose figures vary keeps those of its first
    /// day and counts the dates they change on, against the figures as last found: a subject
    /// checked again on a date its figures stay as they were is no change, however often it
    /// is checked. Any other finding takes today's help, which may name other bodies.
    fn carry_on(mut self, now: Finding) -> Self {
        if self.finding.gist.is_some() {
            let last = self.latest.as_ref().unwrap_or(&self.finding.message);
            if *last != now.message {
                self.changes += 1;
                self.latest = Some(now.message);
            }
        } else {
            self.finding = now;
        }
        self
    }

    /// The finding to report, saying when its figures are from if they changed.
    fn into_finding(self) -> Finding {
        let mut f = self.finding;
        if self.changes > 0 {
            let first = match self.since {
                Some(d) => format!("on {d}"),
                None => "at the start of the period".to_owned(),
            };
            f.message = format!(
                "{}; these are the figures {first}, and they change on {} in the period",
                f.message,
                crate::words::count(self.changes as usize, "later date", "later dates")
            );
        }
        f
    }
}

impl<'p> Validator<'p> {
    /// A validator enforcing `policy`. Without [`Validator::as_of`], a model with dates is
    /// checked across its whole timeline.
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

    /// Runs every rule the policy enables and returns the sorted report. Never panics.
    ///
    /// # Examples
    ///
    /// ```
    /// use icsgov::{Model, Policy, Validator};
    ///
    /// // An ICB whose constitution no one approves (ICS201).
    /// let m = Model::from_json_str(r#"{"bodies": [
    ///     {"id": "nhse", "name": "NHS England", "kind": "nhs_england"},
    ///     {"id": "QE1", "name": "NHS Lancashire and South Cumbria ICB", "kind": "integrated_care_board"}
    /// ]}"#).unwrap();
    /// let report = Validator::new(&Policy::default()).validate(&m);
    /// let d = report.with_code("ICS201").next().unwrap();
    /// assert_eq!(d.path().as_str(), "/bodies/1");
    /// assert_eq!(d.related(), ["QE1"]);
    /// ```
    pub fn validate(&self, model: &Model) -> Report {
        let ctx = Context::new(model, self.policy);
        let enabled: Vec<(&'static Rule, Severity)> = rules::registry()
            .iter()
            .filter(|r| r.checks_datasets())
            .filter_map(|r| self.policy.severity_of(r).map(|s| (*r, s)))
            .collect();
        let mut out = Vec::new();
        // Facts that do not change with time are checked once.
        ctx.set_date(None);
        for (rule, severity) in enabled
            .iter()
            .filter(|(r, _)| matches!(r.subjects(), Subjects::Once))
        {
            emit(
                &mut out,
                rule,
                *severity,
                check(&ctx, rule, Entity::Model),
                Validity::default(),
            );
        }
        let timed: Vec<(&'static Rule, Severity)> = enabled
            .into_iter()
            .filter(|(r, _)| !matches!(r.subjects(), Subjects::Once))
            .collect();
        match self.as_of {
            Some(date) => snapshot(&ctx, &timed, Some(date), &mut out),
            None => match change_points(&ctx, &timed) {
                Some(events) => timeline(&ctx, &timed, &events, &mut out),
                None => snapshot(&ctx, &timed, None, &mut out),
            },
        }
        Report::new(out, self.as_of)
    }
}

fn check(ctx: &Context<'_>, rule: &Rule, subject: Entity) -> Vec<Finding> {
    let mut f = Findings::default();
    rule.check(ctx, subject, &mut f);
    f.into_items()
}

fn emit(
    out: &mut Vec<Diagnostic>,
    rule: &Rule,
    severity: Severity,
    findings: Vec<Finding>,
    period: Validity,
) {
    out.extend(
        findings
            .into_iter()
            .map(|f| Diagnostic::new(rule.code(), rule.name(), severity, f).with_period(period)),
    );
}

thread_local! {
    /// Set by the tests to run the rules of a large model on one core, for comparison.
    static SEQUENTIAL: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether the rules of one date run on every core: on a large model, unless a test asks for
/// one core.
fn rules_on_every_core(ctx: &Context<'_>) -> bool {
    crate::context::on_every_core(ctx.model()) && !SEQUENTIAL.with(|s| s.get())
}

/// Every rule over every subject, on one date (or, with `None`, taking everything as in force).
fn snapshot(
    ctx: &Context<'_>,
    rules: &[(&'static Rule, Severity)],
    date: Option<Date>,
    out: &mut Vec<Diagnostic>,
) {
    use rayon::prelude::*;
    ctx.set_date(date);
    // The rules are independent and the date is fixed: each runs on whichever core is free,
    // and their findings are gathered in the rules' order, so the report is the same as one
    // core's.
    let one = |(rule, severity): &(&'static Rule, Severity)| {
        let mut found = Vec::new();
        rule.subjects().each(ctx, &mut |subject| {
            emit(
                &mut found,
                rule,
                *severity,
                check(ctx, rule, subject),
                Validity::default(),
            );
        });
        found
    };
    let per_rule: Vec<Vec<Diagnostic>> = if rules_on_every_core(ctx) {
        rules.par_iter().map(one).collect()
    } else {
        rules.iter().map(one).collect()
    };
    out.extend(per_rule.into_iter().flatten());
}

/// A change: on this date, this entity starts or stops being in force.
type Event = (Date, Entity);

/// The dated changes of the model, sorted; `None` when the model has no dates at all.
fn change_points(ctx: &Context<'_>, rules: &[(&'static Rule, Severity)]) -> Option<Vec<Event>> {
    let m = ctx.model();
    let mut events: Vec<Event> = Vec::new();
    let mut add = |v: Validity, e: Entity| {
        if let Some(from) = v.from {
            events.push((from, e));
        }
        if let Some(after) = v.to.and_then(Date::succ) {
            events.push((after, e));
        }
    };
    for i in 0..m.footprints.len() as u32 {
        add(ctx.validity(Entity::Footprint(i)), Entity::Footprint(i));
    }
    for i in 0..m.bodies.len() as u32 {
        add(ctx.validity(Entity::Body(i)), Entity::Body(i));
    }
    // A relationship's own dates. The dates its ends begin and end are their bodies' events,
    // which mark every relationship of the body for checking again.
    for (i, r) in m.relationships.iter().enumerate() {
        add(r.validity(), Entity::Relationship(i as u32));
    }
    // A seat's own dates: it marks its board for checking again.
    for (i, s) in m.memberships.iter().enumerate() {
        add(s.validity(), Entity::Membership(i as u32));
    }
    if events.is_empty() {
        return None;
    }
    for (rule, _) in rules {
        for d in rule.dates() {
            events.push((d, Entity::Model));
        }
    }
    // The day the policy hands NHS England's functions to its successor changes what the
    // rules expect.
    if let Some(s) = &ctx.policy().nhs_england_successor {
        events.push((s.from, Entity::Model));
    }
    // One integer per event sorts several times faster than the (date, entity) tuples, and
    // in the same order.
    events.sort_unstable_by_key(|&(d, e)| (u64::from(d.ordinal()) << 35) | entity_order(e));
    events.dedup();
    Some(events)
}

/// The entities that changed at one date, by what they are: footprints, bodies by kind,
/// relationships by kind.
#[derive(Default)]
struct Buckets {
    footprints: Vec<Entity>,
    bodies: Vec<Vec<Entity>>,
    relationships: Vec<Vec<Entity>>,
}

impl Buckets {
    fn fill(&mut self, ctx: &Context<'_>, dirty: &[Entity]) {
        self.footprints.clear();
        self.bodies.resize_with(BodyKind::ALL.len(), Vec::new);
        self.relationships
            .resize_with(RelationshipKind::ALL.len(), Vec::new);
        self.bodies.iter_mut().for_each(Vec::clear);
        self.relationships.iter_mut().for_each(Vec::clear);
        for &e in dirty {
            match e {
                Entity::Footprint(_) => self.footprints.push(e),
                Entity::Body(b) => self.bodies[ctx.body_kind(b) as usize].push(e),
                Entity::Relationship(r) => {
                    self.relationships[ctx.relationship_kind(r) as usize].push(e)
                }
                Entity::Person(_) | Entity::Membership(_) | Entity::Model => {}
            }
        }
    }

    /// Adds the changed entities a rule with these subjects checks: what `Subjects::covers`
    /// takes, and of the bodies and footprints those marked for one of the `reasons` the rule
    /// has ([`Rule::reasons`](crate::rules::Rule::reasons); `why_b` and `why_f` hold each
    /// body's and footprint's).
    fn extend_into(
        &self,
        subjects: Subjects,
        reasons: u32,
        why_b: &[u32],
        why_f: &[u32],
        v: &mut Vec<Entity>,
    ) {
        let marked = |from: &[Entity], v: &mut Vec<Entity>| {
            if reasons == u32::MAX {
                v.extend_from_slice(from);
            } else {
                v.extend(from.iter().copied().filter(|e| match e {
                    Entity::Body(b) => why_b[*b as usize] & reasons != 0,
                    Entity::Footprint(f) => why_f[*f as usize] & reasons != 0,
                    _ => true,
                }));
            }
        };
        match subjects {
            Subjects::Footprints => marked(&self.footprints, v),
            Subjects::Bodies([]) => self.bodies.iter().for_each(|b| marked(b, v)),
            Subjects::Bodies(kinds) => {
                for k in kinds {
                    marked(&self.bodies[*k as usize], v);
                }
            }
            Subjects::Relationships([]) => self
                .relationships
                .iter()
                .for_each(|r| v.extend_from_slice(r)),
            Subjects::Relationships(kinds) => {
                for k in kinds {
                    v.extend_from_slice(&self.relationships[*k as usize]);
                }
            }
            Subjects::Model | Subjects::Once | Subjects::Policy | Subjects::Input => {}
        }
    }
}

/// An entity's place in `Entity`'s own order, as one integer below 2^35.
fn entity_order(e: Entity) -> u64 {
    match e {
        Entity::Footprint(i) => u64::from(i),
        Entity::Body(i) => (1 << 32) | u64::from(i),
        Entity::Relationship(i) => (2 << 32) | u64::from(i),
        Entity::Person(i) => (3 << 32) | u64::from(i),
        Entity::Membership(i) => (4 << 32) | u64::from(i),
        Entity::Model => 5 << 32,
    }
}

/// Checks the model across its timeline, re-checking at each change point only the subjects
/// next to what changed, and reports each finding once with its period.
fn timeline(
    ctx: &Context<'_>,
    rules: &[(&'static Rule, Severity)],
    events: &[Event],
    out: &mut Vec<Diagnostic>,
) {
    use rayon::prelude::*;
    let m = ctx.model();
    // Each rule's state is its own (the findings holding for each of its subjects, and what it
    // has reported), so on a large model the rules of one date run on every core. A rule's
    // findings come out in the order they would on one core, and the report sorts them by
    // rule first, so the report is the same.
    let parallel = rules_on_every_core(ctx);
    let mut states: Vec<RuleState> = rules.iter().map(|_| RuleState::default()).collect();
    let each_rule = |states: &mut Vec<RuleState>, f: &(dyn Fn(usize, &mut RuleState) + Sync)| {
        if parallel {
            states.par_iter_mut().enumerate().for_each(|(r, s)| f(r, s));
        } else {
            states.iter_mut().enumerate().for_each(|(r, s)| f(r, s));
        }
    };
    let close = |out: &mut Vec<Diagnostic>, r: usize, held: Held, until| {
        let (rule, severity) = rules[r];
        let from = held.since;
        emit(
            out,
            rule,
            severity,
            vec![held.into_finding()],
            Validity { from, to: until },
        );
    };

    // Before the first change: the earliest stretch of time the dataset describes.
    let first = events[0].0;
    ctx.set_date(Some(first.pred().unwrap_or(first)));
    each_rule(&mut states, &|r, state| {
        let rule = rules[r].0;
        rule.subjects().each(ctx, &mut |subject| {
            let findings = check(ctx, rule, subject);
            if !findings.is_empty() {
                state.open.insert(
                    subject,
                    findings.into_iter().map(|f| Held::new(None, f)).collect(),
                );
            }
        });
    });

    let mut stamp_f = vec![0u32; m.footprints.len()];
    let mut stamp_b = vec![0u32; m.bodies.len()];
    let mut stamp_r = vec![0u32; m.relationships.len()];
    let mut stamp_m = vec![0u32; m.memberships.len()];
    // Why each body and footprint marked at this date is marked: `rules::reason` bits.
    let mut why_b = vec![0u32; m.bodies.len()];
    let mut why_f = vec![0u32; m.footprints.len()];
    let mut generation = 0u32;
    let mut buckets = Buckets::default();
    let mut moved: Vec<Entity> = Vec::new();
    let mut start = 0;
    while start < events.len() {
        let date = events[start].0;
        let end = start + events[start..].partition_point(|(d, _)| *d == date);
        let changed = &events[start..end];
        start = end;
        ctx.set_date(Some(date));

        // The changed entities and their neighbours, each once.
        generation += 1;
        let mut dirty: Vec<Entity> = Vec::new();
        let mut mark = |e: Entity, why: u32, dirty: &mut Vec<Entity>| {
            // A body's and a footprint's reasons gather over the date; others need none.
            let (slot, reasons) = match e {
                Entity::Footprint(i) => (&mut stamp_f[i as usize], Some(&mut why_f[i as usize])),
                Entity::Body(i) => (&mut stamp_b[i as usize], Some(&mut why_b[i as usize])),
                Entity::Relationship(i) => (&mut stamp_r[i as usize], None),
                Entity::Membership(i) => (&mut stamp_m[i as usize], None),
                Entity::Person(_) | Entity::Model => return,
            };
            if let Some(w) = reasons {
                *w = if *slot == generation { *w | why } else { why };
            }
            if *slot != generation {
                *slot = generation;
                dirty.push(e);
            }
        };
        // What changes: the entities whose own dates say so, and the relationships and seats
        // of a body that begins or ends, which begin or end with it.
        moved.clear();
        for &(_, e) in changed {
            moved.push(e);
            if let Entity::Body(b) = e {
                moved.extend(ctx.all_edges_of(b).map(Entity::Relationship));
                moved.extend(ctx.all_seats_of(b).map(Entity::Membership));
            }
        }
        for &e in &moved {
            mark(e, reason::OTHER, &mut dirty);
            // A body at either end of a changed relationship is marked for its kind; the
            // footprint of a changed body for that; every other neighbour for any reason.
            let why = match e {
                Entity::Relationship(r) => reason::relationship(ctx.relationship_kind(r)),
                Entity::Body(_) => reason::BODY_ON,
                _ => reason::OTHER,
            };
            ctx.neighbours(e, &mut |n| mark(n, why, &mut dirty));
        }
        // No need to sort: each subject is checked once, and the report sorts its findings.
        // Sorted into buckets once, so that each rule takes only its own kind of subject.
        buckets.fill(ctx, &dirty);

        let model_changed = changed.iter().any(|&(_, e)| e == Entity::Model);
        each_rule(&mut states, &|r, state| {
            let rule = rules[r].0;
            let mut extra: Vec<Entity> = Vec::new();
            let mut everything = model_changed
                && (rule.dates().any(|d| d == date)
                    || ctx
                        .policy()
                        .nhs_england_successor
                        .as_ref()
                        .is_some_and(|s| s.from == date));
            for &e in moved.iter().filter(|_| rule.widens()) {
                if everything {
                    break;
                }
                everything = rule.widen(ctx, e, &mut |s| extra.push(s));
            }
            let subjects: Vec<Entity> = if everything {
                rule.subjects().all(ctx)
            } else {
                let mut v: Vec<Entity> = Vec::new();
                buckets.extend_into(rule.subjects(), rule.reasons(), &why_b, &why_f, &mut v);
                if !extra.is_empty() {
                    v.extend(
                        extra
                            .iter()
                            .copied()
                            .filter(|&e| rule.subjects().covers(ctx, e)),
                    );
                    v.sort_unstable();
                    v.dedup();
                }
                v
            };
            for subject in subjects {
                let findings = check(ctx, rule, subject);
                let Some(held) = state.open.get_mut(&subject) else {
                    if !findings.is_empty() {
                        state.open.insert(
                            subject,
                            findings
                                .into_iter()
                                .map(|f| Held::new(Some(date), f))
                                .collect(),
                        );
                    }
                    continue;
                };
                // Findings that still hold keep their start; new ones start today.
                let mut now: Open = Vec::with_capacity(findings.len());
                for f in findings {
                    match held.iter().position(|h| h.finding.same_finding(&f)) {
                        Some(i) => now.push(held.swap_remove(i).carry_on(f)),
                        None => now.push(Held::new(Some(date), f)),
                    }
                }
                for ended in std::mem::replace(held, now) {
                    close(&mut state.out, r, ended, date.pred());
                }
                if held.is_empty() {
                    state.open.remove(&subject);
                }
            }
        });
    }
    for (r, mut state) in states.into_iter().enumerate() {
        for (_, held) in state.open {
            for h in held {
                close(&mut state.out, r, h, None);
            }
        }
        out.append(&mut state.out);
    }
}

/// One rule's part of the timeline: the findings holding for each of its subjects, and the
/// findings it has reported.
#[derive(Default)]
struct RuleState {
    open: HashMap<Entity, Open>,
    out: Vec<Diagnostic>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{generate, GenerateOptions};

    /// A model large enough for the rules to run on several cores gives the same report,
    /// byte for byte, as the rules run one after another on one.
    #[test]
    fn many_cores_and_one_give_the_same_report() {
        let m = generate(&GenerateOptions {
            bodies: 25_000,
            violations: 0.05,
            seed: 11,
        });
        assert!(crate::context::on_every_core(&m));
        let policy = Policy::default();
        let date = Date::new(2025, 10, 1).unwrap();
        let parallel = Validator::new(&policy).as_of(date).validate(&m);
        SEQUENTIAL.with(|s| s.set(true));
        let sequential = Validator::new(&policy).as_of(date).validate(&m);
        SEQUENTIAL.with(|s| s.set(false));
        assert!(!parallel.diagnostics().is_empty());
        assert_eq!(parallel.to_json_string(), sequential.to_json_string());
        let undated = Validator::new(&policy).validate(&m);
        SEQUENTIAL.with(|s| s.set(true));
        let undated_one = Validator::new(&policy).validate(&m);
        SEQUENTIAL.with(|s| s.set(false));
        assert_eq!(undated.to_json_string(), undated_one.to_json_string());
        // A timeline of hundreds of dates: practices opening on 400 different days, so that
        // the rules of each date run on every core.
        let mut dated = m.clone();
        for (i, b) in dated.bodies.iter_mut().enumerate() {
            if b.kind == BodyKind::GpPractice {
                // 18,078 days after 1970-01-01 is 2019-07-01.
                b.valid_from = Date::from_unix_days(18_078 + (i * 7 % 400) as i64);
            }
        }
        let many = Validator::new(&policy).validate(&dated);
        SEQUENTIAL.with(|s| s.set(true));
        let one = Validator::new(&policy).validate(&dated);
        SEQUENTIAL.with(|s| s.set(false));
        assert!(
            many.diagnostics()
                .iter()
                .filter(|d| d.period().is_some_and(|p| p.from.is_some()))
                .count()
                > 10
        );
        assert_eq!(many.to_json_string(), one.to_json_string());
    }
}
