use crate::context::{Context, Entity};
use crate::model::{BodyKind, RelationshipKind, Tier};
use crate::rules::Findings;

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
    };
}

fn check(ctx: &Context<'_>, out: &mut Findings) {
    let mut reviewed = vec![false; ctx.model().footprints.len()];
    for e in ctx.edges(RelationshipKind::Reviews) {
        if ctx.body(e.from).kind == BodyKind::CareQualityCommission {
            if let Some(f) = ctx.body_footprint(e.to) {
                reviewed[f as usize] = true;
            }
        }
    }
    for (i, f) in ctx.footprints() {
        if f.tier != Tier::System || reviewed[i as usize] {
            continue;
        }
        out.push(
            ctx.path(Entity::Footprint(i)),
            format!(
                "{} is not reviewed by the Care Quality Commission",
                ctx.footprint_label(i)
            ),
        )
        .related([f.id.as_str()])
        .help("add a reviews relationship from the CQC to the system's integrated care board");
    }
}
