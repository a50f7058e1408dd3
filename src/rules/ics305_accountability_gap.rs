use crate::context::{Context, Entity};
use crate::model::RelationshipKind;
use crate::rules::{Check, Findings, Subjects};

declare_rule! {
    /// ### What it checks
    ///
    /// That a statutory body whose accountability the dataset records is accountable to
    /// someone on every day of its life: if it has any `accountable_to` relationship, one is
    /// in force on each day the body exists.
    ///
    /// ### Why it matters
    ///
    /// Accountability cannot lapse: an ICB is accountable to NHS England throughout
    /// (NHS Act 2006 s14Z59), a trust to its regulator. A gap usually means the relationship
    /// to a predecessor regulator ended without the new one starting.
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "bodies": [
    ///     {"id": "nhse", "name": "NHS England", "kind": "nhs_england"},
    ///     {"id": "QE1", "name": "NHS Lancashire and South Cumbria ICB", "kind": "integrated_care_board", "valid_from": "2022-07-01"}
    ///   ],
    ///   "relationships": [
    ///     {"kind": "accountable_to", "from": "QE1", "to": "nhse", "valid_from": "2023-04-01"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Date the accountability from the body's establishment, or add the relationship that
    /// covers the gap.
    pub static ACCOUNTABILITY_GAP = {
        code: "ICS305",
        name: "accountability-gap",
        severity: Error,
        basis: Law("NHS Act 2006 s14Z59: NHS England holds every ICB to account"),
        summary: "a statutory body with recorded accountability is accountable on every day it exists",
        subjects: Subjects::Bodies(&[]),
        check: Check::Body(check),
        reads: &[RelationshipKind::AccountableTo],
    };
}

fn check(ctx: &Context<'_>, i: u32, out: &mut Findings) {
    let subject = Entity::Body(i);
    if !ctx.body_kind(i).standing().is_statutory()
        || !ctx.has_any_outgoing(i, RelationshipKind::AccountableTo)
        || ctx
            .outgoing(i, RelationshipKind::AccountableTo)
            .next()
            .is_some()
    {
        return;
    }
    out.push(ctx.path(subject), format!("{} is accountable to nobody", ctx.body_label(i)))
        .related([ctx.body(i).id.as_str()])
        .help("date its accountable_to relationship from the body's establishment, or add one for the gap");
}
