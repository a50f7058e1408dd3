//! The rule registry: every rule declared once, with its code, name, default severity, basis
//! and docs.
//!
//! Codes are grouped by concern and never reused:
//!
//! | range | concern |
//! |---|---|
//! | `ICS0xx` | data integrity: the input itself, ids and references |
//! | `ICS1xx` | footprints, tiers and populations |
//! | `ICS2xx` | accountability, approval, convening and review |
//! | `ICS3xx` | time: validity periods, successions, eras |
//! | `ICS9xx` | the policy itself: waivers |

use std::fmt;

use serde::Serialize;

use crate::context::{Context, Entity};
use crate::diagnostic::Severity;
pub use crate::diagnostic::{Finding, Findings};
use crate::model::RelationshipKind;

mod boards;
mod levels;
mod waivers;

#[cfg(feature = "schemars")]
pub(crate) use levels::rule_keys;

/// Declares one rule as a `static` [`Rule`], turning its doc comment into the rule's docs so
/// the two cannot drift. A dataset rule's module defines
/// `fn check(&Context, Entity, &mut Findings)`, checking one subject at the context's date;
/// a rule about the policy itself (`subjects: Subjects::Policy`) is applied by
/// [`crate::Policy::apply_waivers`].
macro_rules! declare_rule {
    // A rule with no check of its own: about the policy (`subjects: policy`), applied with
    // the waivers, or about the input (`subjects: input`), raised by the run.
    (
        $(#[doc = $doc:literal])+
        pub static $ident:ident = {
            code: $code:literal,
            name: $name:literal,
            severity: $severity:ident,
            basis: $basis:ident($citation:literal),
            summary: $summary:literal,
            subjects: $which:ident,
        };
    ) => {
        declare_rule!(@rule [$($doc)+] $ident $code $name $severity $basis $citation $summary
            declare_rule!(@subjects $which), None, None, &[], false, None);
    };
    (@subjects policy) => { $crate::rules::Subjects::Policy };
    (@subjects input) => { $crate::rules::Subjects::Input };
    (
        $(#[doc = $doc:literal])+
        pub static $ident:ident = {
            code: $code:literal,
            name: $name:literal,
            severity: $severity:ident,
            basis: $basis:ident($citation:literal),
            summary: $summary:literal,
            subjects: $subjects:expr,
            check: $check:expr,
            $(any_date: $any:literal,)?
            $(widen: $widen:expr,)?
            $(dates: $dates:expr,)?
            $(reads: $reads:expr,)?
        };
    ) => {
        declare_rule!(@rule [$($doc)+] $ident $code $name $severity $basis $citation $summary
            $subjects, Some($check), declare_rule!(@opt $($widen)?), declare_rule!(@dates $($dates)?),
            declare_rule!(@any $($any)?), declare_rule!(@opt $($reads)?));
    };
    (@any) => { false };
    (@any $b:literal) => { $b };
    (@opt) => { None };
    (@opt $e:expr) => { Some($e) };
    (@dates) => { &[] };
    (@dates $e:expr) => { $e };
    (@rule [$($doc:literal)+] $ident:ident $code:literal $name:literal $severity:ident
        $basis:ident $citation:literal $summary:literal
        $subjects:expr, $check:expr, $widen:expr, $dates:expr, $any:expr, $reads:expr) => {
        $(#[doc = $doc])+
        pub static $ident: $crate::rules::Rule = $crate::rules::Rule {
            code: $code,
            name: $name,
            default_severity: $crate::diagnostic::Severity::$severity,
            basis: $crate::rules::Basis {
                kind: $crate::rules::BasisKind::$basis,
                citation: $citation,
            },
            summary: $summary,
            docs: concat!($($doc, "\n"),+),
            subjects: $subjects,
            check: $check,
            widen: $widen,
            dates: $dates,
            any_date: $any,
            reads: $reads,
        };
    };
}

/// Why a body is checked again across a timeline: a bit for each kind of relationship whose
/// change at the body marks it, and one for every other reason.
pub(crate) mod reason {
    use crate::model::RelationshipKind;

    /// The body itself changed, or its footprint, or one of its seats; for a footprint,
    /// itself, the footprint it sits within, or one within it.
    pub(crate) const OTHER: u32 = 1 << 31;

    /// For a footprint: a body on it changed (began, ended, or one of its relationships did).
    pub(crate) const BODY_ON: u32 = 1 << 30;

    // Each kind of relationship has a bit below `BODY_ON`.
    const _: () = assert!(RelationshipKind::ALL.len() < 30);

    /// A relationship of this kind at the body changed.
    pub(crate) fn relationship(kind: RelationshipKind) -> u32 {
        1 << (kind as u32)
    }
}

/// Given a changed entity, pushes the further subjects a rule must check again, or returns
/// `true` when it must check them all.
pub type Widen = fn(&Context<'_>, Entity, &mut dyn FnMut(Entity)) -> bool;

/// Whether `changed` is a body of `kind` that starts or ends the span of dates the dataset
/// records that kind over: for rules that check only within the span
/// ([`Context::records_kind`]), every subject must then be checked again.
pub(crate) fn bounds_span(
    ctx: &Context<'_>,
    changed: Entity,
    kind: crate::model::BodyKind,
) -> bool {
    let Entity::Body(b) = changed else {
        return false;
    };
    if ctx.body_kind(b) != kind {
        return false;
    }
    let own = ctx.validity(changed);
    ctx.kind_span(kind)
        .is_some_and(|span| own.from == span.from || own.to == span.to)
}

/// Whether the context's date is before `day` (y, m, d), when a rule applies from that day.
/// An undated check (no timeline) is not before it.
pub(crate) fn before(ctx: &Context<'_>, (y, m, d): (u16, u8, u8)) -> bool {
    ctx.at()
        .zip(crate::model::Date::new(y, m, d))
        .is_some_and(|(at, from)| at < from)
}

/// A rule's check, typed by what it checks: a footprint, body or relationship by its index
/// in the model, or the model as a whole. The rule never sees another kind of subject.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Check {
    /// Checks one footprint (an index into `Model::footprints`).
    Footprint(fn(&Context<'_>, u32, &mut Findings)),
    /// Checks one body (an index into `Model::bodies`).
    Body(fn(&Context<'_>, u32, &mut Findings)),
    /// Checks one relationship (an index into `Model::relationships`).
    Relationship(fn(&Context<'_>, u32, &mut Findings)),
    /// Checks the model as a whole.
    Model(fn(&Context<'_>, &mut Findings)),
}

/// What a rule checks, one at a time.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Subjects {
    /// Every footprint in force.
    Footprints,
    /// Every body in force of these kinds (all kinds when empty).
    Bodies(&'static [crate::model::BodyKind]),
    /// Every relationship in force of these kinds (all kinds when empty).
    Relationships(&'static [crate::model::RelationshipKind]),
    /// The model as a whole, at each date.
    Model,
    /// The model as a whole, once: facts that do not change with time (ids, references,
    /// dates themselves).
    Once,
    /// The policy file, not the dataset.
    Policy,
    /// The input itself, which could not be read as a dataset (raised by the run, not by a
    /// check).
    Input,
}

impl Subjects {
    /// Whether `e` is one of these subjects (in force or not).
    pub(crate) fn covers(self, ctx: &Context<'_>, e: Entity) -> bool {
        match (self, e) {
            (Subjects::Footprints, Entity::Footprint(_)) => true,
            (Subjects::Bodies(kinds), Entity::Body(b)) => {
                kinds.is_empty() || kinds.contains(&ctx.body_kind(b))
            }
            (Subjects::Relationships(kinds), Entity::Relationship(r)) => {
                kinds.is_empty() || kinds.contains(&ctx.relationship_kind(r))
            }
            (Subjects::Model, Entity::Model) => true,
            _ => false,
        }
    }

    /// Every subject of the model: footprints and relationships in model order, bodies by
    /// kind.
    pub(crate) fn all(self, ctx: &Context<'_>) -> Vec<Entity> {
        let mut v = Vec::new();
        self.each(ctx, &mut |e| v.push(e));
        v
    }

    /// Gives every subject of the model in turn, in the order of [`Subjects::all`], without
    /// listing them first: a rule over a million relationships would otherwise fill a list
    /// of them before its first check. Relationships of given kinds are picked out by the
    /// context's compact list of kinds, not by reading each relationship.
    pub(crate) fn each(self, ctx: &Context<'_>, f: &mut dyn FnMut(Entity)) {
        let m = ctx.model();
        match self {
            Subjects::Footprints => (0..m.footprints.len() as u32)
                .map(Entity::Footprint)
                .for_each(f),
            Subjects::Bodies([]) => (0..m.bodies.len() as u32).map(Entity::Body).for_each(f),
            Subjects::Bodies(kinds) => kinds
                .iter()
                .flat_map(|k| ctx.all_bodies_of(*k))
                .map(|&b| Entity::Body(b))
                .for_each(f),
            Subjects::Relationships([]) => (0..m.relationships.len() as u32)
                .map(Entity::Relationship)
                .for_each(f),
            Subjects::Relationships(kinds) => (0..m.relationships.len() as u32)
                .filter(|&i| kinds.contains(&ctx.relationship_kind(i)))
                .map(Entity::Relationship)
                .for_each(f),
            Subjects::Model | Subjects::Once => f(Entity::Model),
            Subjects::Policy | Subjects::Input => {}
        }
    }
}

mod ics000_input_unusable;
mod ics001_duplicate_id;
mod ics002_unresolved_reference;
mod ics003_self_relationship;
mod ics004_malformed_code;
mod ics101_footprint_nesting;
mod ics102_body_footprint_tier;
mod ics103_population_range;
mod ics104_population_exceeds_parent;
mod ics105_population_coverage;
mod ics106_pcn_practices_outside_place;
mod ics107_pcn_spans_systems;
mod ics108_practice_without_pcn;
mod ics109_local_authority_not_coterminous;
mod ics110_icb_areas_overlap;
mod ics111_system_without_icb;
mod ics112_sub_icb_location_without_icb;
mod ics113_merger_population;
mod ics201_icb_constitution_approver;
mod ics202_accountability_cycle;
mod ics203_statutory_accountable_to_partnership;
mod ics204_icp_conveners;
mod ics205_system_reviewed_by_cqc;
mod ics206_icb_region;
mod ics207_icb_without_icp;
mod ics208_unlawful_delegation;
mod ics209_collaborative_has_two_trusts;
mod ics210_trust_outside_collaboratives;
mod ics211_wellbeing_board_members;
mod ics212_wellbeing_board_authority;
mod ics213_board_composition;
mod ics214_partner_members;
mod ics215_board_appointments;
mod ics216_chair_independence;
mod ics217_constitution_guidance;
mod ics218_committee_standing;
mod ics219_delegation_timing;
mod ics220_function_delegated_twice;
mod ics221_delegator_remains_accountable;
mod ics222_function_not_delegable;
mod ics301_relationship_outlives_its_ends;
mod ics302_body_outside_its_era;
mod ics303_overlapping_membership;
mod ics304_succession_gap;
mod ics305_accountability_gap;
mod ics306_dates_reversed;
mod ics307_trust_regulator_era;
mod ics901_expired_waiver;
mod ics902_unmatched_waiver;
mod pcn_practices;

pub(crate) use ics000_input_unusable::INPUT_UNUSABLE;
pub(crate) use ics901_expired_waiver::EXPIRED_WAIVER;
pub(crate) use ics902_unmatched_waiver::UNMATCHED_WAIVER;

static REGISTRY: [&Rule; 49] = [
    &ics000_input_unusable::INPUT_UNUSABLE,
    &ics001_duplicate_id::DUPLICATE_ID,
    &ics002_unresolved_reference::UNRESOLVED_REFERENCE,
    &ics003_self_relationship::SELF_RELATIONSHIP,
    &ics004_malformed_code::MALFORMED_CODE,
    &ics101_footprint_nesting::FOOTPRINT_NESTING,
    &ics102_body_footprint_tier::BODY_FOOTPRINT_TIER,
    &ics103_population_range::POPULATION_RANGE,
    &ics104_population_exceeds_parent::POPULATION_EXCEEDS_PARENT,
    &ics105_population_coverage::POPULATION_COVERAGE,
    &ics106_pcn_practices_outside_place::PCN_PRACTICES_OUTSIDE_PLACE,
    &ics107_pcn_spans_systems::PCN_SPANS_SYSTEMS,
    &ics108_practice_without_pcn::PRACTICE_WITHOUT_PCN,
    &ics109_local_authority_not_coterminous::LOCAL_AUTHORITY_NOT_COTERMINOUS,
    &ics110_icb_areas_overlap::ICB_AREAS_OVERLAP,
    &ics111_system_without_icb::SYSTEM_WITHOUT_ICB,
    &ics112_sub_icb_location_without_icb::SUB_ICB_LOCATION_WITHOUT_ICB,
    &ics113_merger_population::MERGER_POPULATION,
    &ics201_icb_constitution_approver::ICB_CONSTITUTION_APPROVER,
    &ics202_accountability_cycle::ACCOUNTABILITY_CYCLE,
    &ics203_statutory_accountable_to_partnership::STATUTORY_ACCOUNTABLE_TO_PARTNERSHIP,
    &ics204_icp_conveners::ICP_CONVENERS,
    &ics205_system_reviewed_by_cqc::SYSTEM_REVIEWED_BY_CQC,
    &ics206_icb_region::ICB_REGION,
    &ics207_icb_without_icp::ICB_WITHOUT_ICP,
    &ics208_unlawful_delegation::UNLAWFUL_DELEGATION,
    &ics209_collaborative_has_two_trusts::COLLABORATIVE_HAS_TWO_TRUSTS,
    &ics210_trust_outside_collaboratives::TRUST_OUTSIDE_COLLABORATIVES,
    &ics211_wellbeing_board_members::WELLBEING_BOARD_MEMBERS,
    &ics212_wellbeing_board_authority::WELLBEING_BOARD_AUTHORITY,
    &ics213_board_composition::BOARD_COMPOSITION,
    &ics214_partner_members::PARTNER_MEMBERS,
    &ics215_board_appointments::BOARD_APPOINTMENTS,
    &ics216_chair_independence::CHAIR_INDEPENDENCE,
    &ics217_constitution_guidance::CONSTITUTION_GUIDANCE,
    &ics218_committee_standing::COMMITTEE_STANDING,
    &ics219_delegation_timing::DELEGATION_TIMING,
    &ics220_function_delegated_twice::FUNCTION_DELEGATED_TWICE,
    &ics221_delegator_remains_accountable::DELEGATOR_REMAINS_ACCOUNTABLE,
    &ics222_function_not_delegable::FUNCTION_NOT_DELEGABLE,
    &ics301_relationship_outlives_its_ends::RELATIONSHIP_OUTLIVES_ITS_ENDS,
    &ics302_body_outside_its_era::BODY_OUTSIDE_ITS_ERA,
    &ics303_overlapping_membership::OVERLAPPING_MEMBERSHIP,
    &ics304_succession_gap::SUCCESSION_GAP,
    &ics305_accountability_gap::ACCOUNTABILITY_GAP,
    &ics306_dates_reversed::DATES_REVERSED,
    &ics307_trust_regulator_era::TRUST_REGULATOR_ERA,
    &ics901_expired_waiver::EXPIRED_WAIVER,
    &ics902_unmatched_waiver::UNMATCHED_WAIVER,
];

/// Every rule, in code order.
pub fn registry() -> &'static [&'static Rule] {
    &REGISTRY
}

/// The rule with this code (`ICS201` or `ics201`) or name (`icb-constitution-approver`).
pub fn find(code_or_name: &str) -> Option<&'static Rule> {
    REGISTRY.iter().copied().find(|r| {
        r.code == code_or_name
            || r.name == code_or_name
            || r.code.to_ascii_lowercase() == code_or_name
    })
}

/// The anchor of a rule's section in `docs/rules.md`, such as `ics201-icb-constitution-approver`.
pub fn anchor(rule: &Rule) -> String {
    format!("{}-{}", rule.code().to_ascii_lowercase(), rule.name())
}

/// `docs/rules.md`: every rule's code, name, severity, basis and docs, generated from the
/// declarations so the two cannot drift.
pub fn reference_markdown() -> String {
    let mut out = String::from(
        "# icsgov rules\n\n\
         <!-- Generated from the rule declarations in src/rules/ by `ICSGOV_BLESS=1 cargo test`; do not edit. -->\n\n\
         Codes are stable and never reused. Severities are the defaults; a policy can change them.\n\n\
         | code | name | default severity | basis |\n|---|---|---|---|\n",
    );
    for r in registry() {
        out.push_str(&format!(
            "| [{}](#{}) | {} | {} | {} |\n",
            r.code(),
            anchor(r),
            r.name(),
            r.default_severity(),
            r.basis()
        ));
    }
    for r in registry() {
        out.push_str(&format!(
            "\n## {} {}\n\n{}{}.\n\n- **Default severity:** {}\n- **Basis:** {}\n\n",
            r.code(),
            r.name(),
            r.summary()[..1].to_uppercase(),
            &r.summary()[1..],
            r.default_severity(),
            r.basis()
        ));
        // Rule docs use level-3 headings; keep them under this rule's level-2 heading.
        out.push_str(&r.docs());
    }
    out
}

/// What a rule rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum BasisKind {
    /// Primary legislation: error by default.
    Law,
    /// NHS England policy: error by default, configurable.
    Policy,
    /// Guidance with known exceptions: warning by default.
    Guidance,
    /// The structure of the model itself (tiers, references, arithmetic).
    Structure,
}

impl BasisKind {
    /// The kind in lower case.
    pub fn as_str(self) -> &'static str {
        match self {
            BasisKind::Law => "law",
            BasisKind::Policy => "policy",
            BasisKind::Guidance => "guidance",
            BasisKind::Structure => "structure",
        }
    }
}

/// A rule's basis: the kind of source and its citation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Basis {
    /// Law, policy, guidance or structure.
    pub kind: BasisKind,
    /// Where it comes from, such as `NHS Act 2006 s14Z25`.
    pub citation: &'static str,
}

impl fmt::Display for Basis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.as_str(), self.citation)
    }
}

/// One invariant of the domain, checked over a [`Context`].
pub struct Rule {
    code: &'static str,
    name: &'static str,
    default_severity: Severity,
    basis: Basis,
    summary: &'static str,
    docs: &'static str,
    subjects: Subjects,
    check: Option<Check>,
    /// For rules that read further than one step from their subject: given a changed entity,
    /// pushes the further subjects it affects, or returns `true` when every subject must be
    /// checked again.
    widen: Option<Widen>,
    /// Dates on which the rule itself changes (a law coming into force), as (y, m, d).
    dates: &'static [(u16, u8, u8)],
    /// Whether the rule checks its subjects on dates they are not in force (by default it
    /// sees only footprints, bodies and relationships in force on the date).
    any_date: bool,
    /// For a rule about bodies: the only kinds of relationship at its subject that its check
    /// reads. Across a timeline, a body is then checked again when one of these changes (or
    /// the body itself, its footprint or its seats), not when any of its relationships does:
    /// an ICB's board is not checked again each time a practice it commissions opens. For a
    /// rule about footprints, `Some(&[])` says that its check reads none of the bodies on its
    /// subject, so a footprint is not checked again each time a practice on it opens. `None`
    /// (the default) for every kind, and every body.
    reads: Option<&'static [RelationshipKind]>,
}

impl Rule {
    /// The stable code, such as `ICS201`.
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// The kebab-case name, such as `icb-constitution-approver`.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The severity of its findings unless a policy says otherwise.
    pub fn default_severity(&self) -> Severity {
        self.default_severity
    }

    /// What the rule rests on.
    pub fn basis(&self) -> Basis {
        self.basis
    }

    /// One line saying what the rule checks.
    pub fn summary(&self) -> &'static str {
        self.summary
    }

    /// The full docs in Markdown: *What it checks*, *Why it matters*, *Example*, *How to fix*.
    pub fn docs(&self) -> String {
        let mut out = String::with_capacity(self.docs.len());
        for line in self.docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out
    }

    /// The failing example from the docs: the first `json` code block.
    pub fn example(&self) -> Option<String> {
        let docs = self.docs();
        let start = docs.find("```json\n")? + "```json\n".len();
        let len = docs[start..].find("```")?;
        Some(docs[start..start + len].to_owned())
    }

    /// Whether the rule is about the input itself (ICS000: it could not be read), raised by
    /// the run rather than by checking a dataset.
    pub fn is_about_input(&self) -> bool {
        matches!(self.subjects, Subjects::Input)
    }

    /// Whether the rule checks datasets (it is neither about the policy nor about an
    /// input that could not be read).
    pub fn checks_datasets(&self) -> bool {
        !matches!(self.subjects, Subjects::Policy | Subjects::Input)
    }

    /// Whether the rule checks the policy (its waivers) rather than the dataset.
    pub fn is_about_policy(&self) -> bool {
        matches!(self.subjects, Subjects::Policy)
    }

    /// The first paragraph of the docs' "What it checks" section, on one line: the rule's
    /// full description for tools (SARIF) that want one paragraph.
    pub fn description(&self) -> String {
        let section = self
            .docs
            .split("### What it checks")
            .nth(1)
            .unwrap_or(self.docs);
        let para: Vec<&str> = section
            .trim_start()
            .lines()
            .take_while(|l| !l.trim().is_empty())
            .map(str::trim)
            .collect();
        para.join(" ")
    }

    /// What the rule checks, one at a time.
    pub fn subjects(&self) -> Subjects {
        self.subjects
    }

    /// Checks one subject at the context's date; rules about the policy find nothing here.
    /// A footprint, body or relationship not in force on the date is passed over, unless the
    /// rule asks to see every date.
    pub fn check(&self, ctx: &Context<'_>, subject: Entity, findings: &mut Findings) {
        if !self.any_date && subject != Entity::Model && !ctx.in_force(subject) {
            return;
        }
        match (self.check, subject) {
            (Some(Check::Footprint(f)), Entity::Footprint(i)) => f(ctx, i, findings),
            (Some(Check::Body(f)), Entity::Body(i)) => f(ctx, i, findings),
            (Some(Check::Relationship(f)), Entity::Relationship(i)) => f(ctx, i, findings),
            (Some(Check::Model(f)), Entity::Model) => f(ctx, findings),
            _ => {}
        }
    }

    /// Whether some changes make the rule check more than the subjects next to them.
    pub(crate) fn widens(&self) -> bool {
        self.widen.is_some()
    }

    /// Which subjects beyond the changed entity's neighbours a change affects: pushes them,
    /// or returns `true` when every subject must be checked again.
    pub(crate) fn widen(
        &self,
        ctx: &Context<'_>,
        changed: Entity,
        push: &mut dyn FnMut(Entity),
    ) -> bool {
        self.widen.is_some_and(|f| f(ctx, changed, push))
    }

    /// The reasons a changed neighbour gives this rule to check a body or footprint again, as
    /// a mask of [`reason`] bits: every reason, or only the kinds of relationship it reads and
    /// [`reason::OTHER`] (so not [`reason::BODY_ON`]).
    pub(crate) fn reasons(&self) -> u32 {
        match self.reads {
            None => u32::MAX,
            Some(kinds) => kinds
                .iter()
                .fold(reason::OTHER, |m, &k| m | reason::relationship(k)),
        }
    }

    /// Dates on which the rule itself changes, such as a law coming into force.
    pub fn dates(&self) -> impl Iterator<Item = crate::model::Date> + '_ {
        self.dates
            .iter()
            .filter_map(|&(y, m, d)| crate::model::Date::new(y, m, d))
    }
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rule")
            .field("code", &self.code)
            .field("name", &self.name)
            .field("default_severity", &self.default_severity)
            .field("basis", &self.basis)
            .finish_non_exhaustive()
    }
}
