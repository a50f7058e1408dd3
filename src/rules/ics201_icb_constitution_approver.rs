use crate::context::{Context, Entity};
use crate::model::{BodyKind, RelationshipKind};
use crate::rules::{Check, Findings, Subjects};

declare_rule! {
    /// ### What it checks
    ///
    /// That every integrated care board has NHS England approving its constitution: an
    /// `approves_constitution` relationship from an `nhs_england` body to the ICB.
    ///
    /// ### Why it matters
    ///
    /// An ICB's constitution is made, and can only be varied, with NHS England's approval
    /// (NHS Act 2006 s14Z25 and Schedule 1B). An ICB without that approval has no lawful
    /// constitution; approval by anyone else does not count.
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "footprints": [
    ///     {"id": "lsc", "name": "Lancashire and South Cumbria", "tier": "system"}
    ///   ],
    ///   "bodies": [
    ///     {"id": "nhse", "name": "NHS England", "kind": "nhs_england"},
    ///     {"id": "QE1", "name": "NHS Lancashire and South Cumbria ICB", "kind": "integrated_care_board", "footprint": "lsc"}
    ///   ],
    ///   "relationships": [
    ///     {"kind": "accountable_to", "from": "QE1", "to": "nhse"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Add `{"kind": "approves_constitution", "from": "<NHS England's id>", "to": "<ICB id>"}`.
    pub static ICB_CONSTITUTION_APPROVER = {
        code: "ICS201",
        name: "icb-constitution-approver",
        severity: Error,
        basis: Law("NHS Act 2006 s14Z25 and Schedule 1B"),
        summary: "every integrated care board has NHS England approving its constitution",
        subjects: Subjects::Bodies(&[BodyKind::IntegratedCareBoard]),
        check: Check::Body(check),
        widen: widen,
        reads: &[RelationshipKind::ApprovesConstitution],
    };
}

/// The help names the NHS England body in force to add as approver: when one begins or ends,
/// every ICB's finding says so again, not only those it approves.
fn widen(ctx: &Context<'_>, changed: Entity, _: &mut dyn FnMut(Entity)) -> bool {
    matches!(changed, Entity::Body(b) if ctx.body_kind(b) == BodyKind::NhsEngland)
}

fn check(ctx: &Context<'_>, i: u32, out: &mut Findings) {
    let subject = Entity::Body(i);
    // From the day the policy names, NHS England's successor approves in its place.
    let successor = ctx
        .policy()
        .nhs_england_successor
        .as_ref()
        .filter(|s| ctx.at().is_some_and(|at| at >= s.from));
    let approver = |b: u32| match successor {
        Some(s) => ctx.body(b).id.as_str() == s.body,
        None => ctx.body_kind(b) == BodyKind::NhsEngland,
    };
    let mut others = Vec::new();
    for e in ctx.incoming(i, RelationshipKind::ApprovesConstitution) {
        if approver(e.from) {
            return;
        }
        others.push(e.from);
    }
    let other = ctx.first_body_by_id(others);
    let b = ctx.body(i);
    let whom = match successor {
        Some(s) => format!(
            "{}, which the policy names as NHS England's successor from {}",
            s.body, s.from
        ),
        None => "NHS England".to_owned(),
    };
    let message = match other {
        Some(o) => format!(
            "{} has its constitution approved by {}, not by {whom}",
            ctx.label(subject),
            ctx.body_label(o)
        ),
        None => format!("{} has no constitution approver", ctx.label(subject)),
    };
    let expected = match successor {
        Some(s) => Some(s.body.clone()),
        None => ctx
            .first_body_by_id(ctx.bodies_of(BodyKind::NhsEngland))
            .map(|n| ctx.body(n).id.to_string()),
    };
    let help = match expected {
        Some(id) => format!(
            "add {{\"kind\": \"approves_constitution\", \"from\": \"{id}\", \"to\": \"{}\"}}",
            b.id
        ),
        None => format!(
            "add NHS England as a body, and an approves_constitution relationship from it to {}",
            b.id
        ),
    };
    let finding = out.push(ctx.path(subject), message);
    finding.related([b.id.as_str()]).help(help);
    if let Some(o) = other {
        finding.related([ctx.body(o).id.as_str()]);
    }
}
