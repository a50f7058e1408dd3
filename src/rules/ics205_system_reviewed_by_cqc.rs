use crate::context::{Context, Entity};
use crate::model::{BodyKind, Date, RelationshipKind, Tier};
use crate::rules::{Findings, Subjects};

declare_rule! {
    /// ### What it checks
    ///
    /// That every system footprint is reviewed by the Care Quality Commission: a `reviews`
    /// relationship from a `care_quality_commission` body to a body on the system's footprint
    /// (normally its integrated care board).
    ///
    /// ### Why it matters
    ///
    /// The CQC has a duty to review and rate each integrated care system (Health and Social
    /// Care Act 2008 s46B, in force from April 2023). Assessments were paused in 2024–25, so a
    /// missing review is a warning rather than an error (DOMAIN invariant 8).
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
    ///     {"id": "QE1", "name": "NHS Lancashire and South Cumbria ICB", "kind": "integrated_care_board", "footprint": "lsc"}
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
        basis: Law("Health and Social Care Act 2008 s46B (assessments paused 2024-25)"),
        summary: "every system is reviewed by the Care Quality Commission",
        subjects: Subjects::Footprints,
        rerun_all: rerun,
        dates: &[DUTY_FROM],
    };
}

/// HSCA 2008 s46B, the CQC's duty to review integrated care systems, came into force on
/// 1 April 2023: before that, no review is required.
const DUTY_FROM: (u16, u8, u8) = (2023, 4, 1);

fn rerun(ctx: &Context<'_>, changed: Entity, _: &mut dyn FnMut(Entity)) -> bool {
    matches!(changed, Entity::Relationship(r) if ctx.relationship(r).kind == RelationshipKind::Reviews)
}

fn check(ctx: &Context<'_>, subject: Entity, out: &mut Findings) {
    let Entity::Footprint(i) = subject else {
        return;
    };
    let f = ctx.footprint(i);
    if f.tier != Tier::System || !ctx.in_force(subject) {
        return;
    }
    let (y, m, d) = DUTY_FROM;
    if ctx
        .at()
        .zip(Date::new(y, m, d))
        .is_some_and(|(at, from)| at < from)
    {
        return;
    }
    let reviewed = ctx.bodies_on(i).any(|b| {
        ctx.incoming(b, RelationshipKind::Reviews)
            .any(|e| ctx.body(e.from).kind == BodyKind::CareQualityCommission)
    });
    if !reviewed {
        out.push(
            ctx.path(subject),
            format!(
                "{} is not reviewed by the Care Quality Commission",
                ctx.footprint_label(i)
            ),
        )
        .related([f.id.as_str()])
        .help("add a reviews relationship from the CQC to the system's integrated care board");
    }
}
