use crate::context::{Context, Entity};
use crate::model::{BodyKind, RelationshipKind};
use crate::rules::{Check, Findings, Subjects};

declare_rule! {
    /// ### What it checks
    ///
    /// That every system footprint is reviewed by the Care Quality Commission from 1 April
    /// 2023: a `reviews` relationship from a `care_quality_commission` body to the integrated
    /// care board on the system's footprint. A CQC `reviews` of a trust, a provider
    /// collaborative or any other provider on the footprint is an inspection of that provider,
    /// not a review of the system, and does not count.
    ///
    /// ### Why it matters
    ///
    /// The Health and Social Care Act 2008 s46B (in force from 1 April 2023) gives the CQC a
    /// duty to review integrated care systems: the exercise of the ICB's functions and the
    /// councils' adult social care functions in the ICB's area. Inspecting the providers of a
    /// system is a different duty. A `reviews` relationship records that the system is under
    /// that duty, not that an assessment has taken place: the statute sets no date by which
    /// each system must be assessed, the reviews depend on objectives the Secretary of State
    /// sets, and after two pilot assessments they were paused from 2024. So a missing review
    /// is a warning, not an error. See
    /// [the domain notes](https://github.com/icsgov/icsgov/blob/main/docs/domain.md#care-quality-commission).
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "footprints": [
    ///     {"id": "lsc", "name": "Lancashire and South Cumbria", "tier": "system"}
    ///   ],
    ///   "bodies": [
    ///     {"id": "cqc", "name": "Care Quality Commission", "kind": "care_quality_commission"},
    ///     {"id": "QE1", "name": "NHS Lancashire and South Cumbria ICB", "kind": "integrated_care_board", "footprint": "lsc"},
    ///     {"id": "RXN", "name": "Lancashire Teaching Hospitals NHS Foundation Trust", "kind": "nhs_foundation_trust", "footprint": "lsc"}
    ///   ],
    ///   "relationships": [
    ///     {"kind": "reviews", "from": "cqc", "to": "RXN"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Add `{"kind": "reviews", "from": "<CQC id>", "to": "<ICB id>"}`.
    pub static SYSTEM_REVIEWED_BY_CQC = {
        code: "ICS205",
        name: "system-reviewed-by-cqc",
        severity: Warning,
        basis: Law("Health and Social Care Act 2008 s46B, from 1 April 2023 (assessments paused from 2024)"),
        summary: "every system is reviewed by the Care Quality Commission through its ICB, from 1 April 2023",
        subjects: Subjects::Footprints,
        check: Check::Footprint(check),
        widen: widen,
        dates: &[DUTY_FROM],
    };
}

/// HSCA 2008 s46B, the CQC's duty to review integrated care systems, came into force on
/// 1 April 2023: before that, no review is required.
const DUTY_FROM: (u16, u8, u8) = (2023, 4, 1);

fn widen(ctx: &Context<'_>, changed: Entity, _: &mut dyn FnMut(Entity)) -> bool {
    matches!(changed, Entity::Relationship(r) if ctx.relationship_kind(r) == RelationshipKind::Reviews)
}

fn check(ctx: &Context<'_>, f: u32, out: &mut Findings) {
    let subject = Entity::Footprint(f);
    let Some(i) = ctx.system_in_force(subject) else {
        return;
    };
    let f = ctx.footprint(i);
    if ctx.is_before(DUTY_FROM) {
        return;
    }
    let mut inspected = Vec::new();
    let mut reviewed = false;
    for b in ctx.bodies_on(i) {
        let by_cqc = ctx
            .incoming(b, RelationshipKind::Reviews)
            .any(|e| ctx.body_kind(e.from) == BodyKind::CareQualityCommission);
        if by_cqc {
            if ctx.body_kind(b) == BodyKind::IntegratedCareBoard {
                reviewed = true;
                break;
            }
            inspected.push(b);
        }
    }
    if reviewed {
        return;
    }
    let mut message = format!(
        "{} is not reviewed by the Care Quality Commission",
        ctx.footprint_label(i)
    );
    if let Some(p) = ctx.first_body_by_id(inspected) {
        message.push_str(&format!(
            ": the CQC reviews {}, an inspection of one provider, not a review of the system's integrated care board",
            ctx.body_label(p)
        ));
    }
    out.push(ctx.path(subject), message)
        .related([f.id.as_str()])
        .help("add a reviews relationship from the CQC to the system's integrated care board");
}
