use crate::context::{Context, Entity};
use crate::model::{BodyKind, Role};
use crate::pointer::JsonPointer;
use crate::rules::boards::is_nhs_england;
use crate::rules::{Check, Findings, Subjects};

declare_rule! {
    /// ### What it checks
    ///
    /// For each seat on an integrated care board whose `appointed_by` is recorded: that the
    /// chair was appointed by NHS England (or by the successor a policy names for NHS
    /// England's functions), and the chief executive by the ICB itself, through its chair.
    /// A seat with no `appointed_by` is not checked: the dataset does not say.
    ///
    /// ### Why it matters
    ///
    /// NHS Act 2006 Schedule 1B paragraph 5: the constitution "must provide for the chair to
    /// be appointed by NHS England, with the approval of the Secretary of State"; paragraph
    /// 7(1): "for the chief executive to be appointed by the chair, with the approval of NHS
    /// England". An appointment made by anyone else is not one the Act allows.
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "bodies": [
    ///     {"id": "QE1", "name": "NHS Lancashire and South Cumbria ICB", "kind": "integrated_care_board"},
    ///     {"id": "lsc-icp", "name": "Lancashire and South Cumbria Health and Care Partnership", "kind": "integrated_care_partnership"}
    ///   ],
    ///   "people": [{"id": "p-chair", "name": "A Chair"}],
    ///   "memberships": [
    ///     {"person": "p-chair", "role": "chair", "body": "QE1", "appointed_by": "lsc-icp"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Record who made the appointment: NHS England for the chair; the ICB for its chief
    /// executive.
    pub static BOARD_APPOINTMENTS = {
        code: "ICS215",
        name: "board-appointments",
        severity: Error,
        basis: Law("NHS Act 2006 Sch 1B paras 5, 7(1)"),
        summary: "an ICB's chair is appointed by NHS England, and its chief executive by the ICB's chair",
        subjects: Subjects::Bodies(&[BodyKind::IntegratedCareBoard]),
        check: Check::Body(check),
        // Seats only: no relationship of the ICB.
        reads: &[],
    };
}

fn check(ctx: &Context<'_>, icb: u32, out: &mut Findings) {
    if !ctx.in_force(Entity::Body(icb)) {
        return;
    }
    let id = ctx.body(icb).id.as_str();
    for (m, p) in ctx.seats(icb) {
        let seat = ctx.membership(m);
        let Some(by) = seat.appointed_by.as_ref() else {
            continue;
        };
        let Some(a) = ctx.body_named(by.as_str()) else {
            continue;
        };
        let (ok, expected) = match seat.role {
            Role::Chair => (
                is_nhs_england(ctx, a),
                "NHS England, with the Secretary of State's approval (Sch 1B para 5)".to_owned(),
            ),
            Role::ChiefExecutive => (
                a == icb,
                format!("{id} itself, by its chair with NHS England's approval (Sch 1B para 7)"),
            ),
            _ => continue,
        };
        if ok {
            continue;
        }
        out.push(
            JsonPointer::entity("memberships", m as usize).token("appointed_by"),
            format!(
                "the {} of {id}, {}, was appointed by {}; the appointment is made by {expected}",
                seat.role,
                ctx.person_label(p),
                ctx.body_label(a)
            ),
        )
        .related(
            [id, ctx.person(p).id.as_str(), ctx.body(a).id.as_str()]
                .into_iter()
                .take(if a == icb { 2 } else { 3 }),
        )
        .help("correct `appointed_by` to the body that made the appointment");
    }
}
