use crate::context::{Context, Entity};
use crate::model::{BodyKind, Role};
use crate::rules::boards::{holders, names, whole_board_in_force};
use crate::rules::{Check, Findings, Subjects};

declare_rule! {
    /// ### What it checks
    ///
    /// That on every date the dataset records an integrated care board's board (from the
    /// first recorded seat to the last), the board has exactly one chair, exactly one chief
    /// executive, and at least three ordinary members: people holding any other seat, each
    /// counted once however many seats they hold. A seat left empty between two
    /// appointments is reported as a vacancy with its dates. A board the dataset marks
    /// `"board_record": "partial"` is not checked for empty seats, and neither is an ICB
    /// with no recorded seats.
    ///
    /// ### Why it matters
    ///
    /// NHS Act 2006 Schedule 1B paragraph 3(1): an ICB's constitution "must provide for the
    /// integrated care board to consist of (a) a chair, (b) a chief executive, and (c) at
    /// least three other members". A board without one of them is not constituted as the
    /// Act requires, and its decisions may be open to challenge. An acting chair (the deputy
    /// chair) is recorded as a `deputy_chair` seat and does not fill the chair's.
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "bodies": [
    ///     {"id": "QE1", "name": "NHS Lancashire and South Cumbria ICB", "kind": "integrated_care_board"}
    ///   ],
    ///   "people": [
    ///     {"id": "p-chair", "name": "A Chair"},
    ///     {"id": "p-ceo", "name": "A Chief Executive"}
    ///   ],
    ///   "memberships": [
    ///     {"person": "p-chair", "role": "chair", "body": "QE1", "valid_from": "2022-07-01"},
    ///     {"person": "p-ceo", "role": "chief_executive", "body": "QE1", "valid_from": "2022-07-01"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Record the missing seats with their dates, or end the extra one when its holder left.
    /// If the dataset knows only some seats, say so with `"board_record": "partial"` on the
    /// ICB.
    pub static BOARD_COMPOSITION = {
        code: "ICS213",
        name: "board-composition",
        severity: Error,
        basis: Law("NHS Act 2006 Sch 1B para 3(1)"),
        summary: "an ICB's board has one chair, one chief executive and at least three ordinary members on every date",
        subjects: Subjects::Bodies(&[BodyKind::IntegratedCareBoard]),
        check: Check::Body(check),
        // Seats only: no relationship of the ICB.
        reads: &[],
    };
}

fn check(ctx: &Context<'_>, icb: u32, out: &mut Findings) {
    let subject = Entity::Body(icb);
    if !whole_board_in_force(ctx, icb) {
        return;
    }
    let id = ctx.body(icb).id.as_str();
    for (role, what) in [
        (Role::Chair, "chair"),
        (Role::ChiefExecutive, "chief executive"),
    ] {
        let held = holders(ctx, icb, role);
        match held.len() {
            1 => {}
            0 => {
                out.push(
                    ctx.path(subject),
                    format!(
                        "{} has no {what}: the seat is vacant; Schedule 1B requires one",
                        ctx.body_label(icb)
                    ),
                )
                .related([id])
                .help(format!(
                    "record the {what}'s seat (role `{}`) with the dates of each appointment, or end the board's other seats when the record stops",
                    role.key()
                ));
            }
            _ => {
                let mut related = vec![id.to_owned()];
                related.extend(held.iter().map(|&(_, p)| ctx.person(p).id.to_string()));
                out.push(
                    ctx.path(subject),
                    format!(
                        "{} has {} {what}s at once: {}; Schedule 1B provides for one",
                        ctx.body_label(icb),
                        held.len(),
                        names(ctx, &held)
                    ),
                )
                .related(related)
                .help(format!(
                    "end each earlier {what}'s seat (`valid_to`) the day before the next begins"
                ));
            }
        }
    }
    let mut ordinary: Vec<u32> = ctx
        .seats(icb)
        .filter(|&(m, _)| ctx.membership(m).role.is_ordinary())
        .map(|(_, p)| p)
        .collect();
    ordinary.sort_unstable();
    ordinary.dedup();
    if ordinary.len() < 3 {
        out.push(
            ctx.path(subject),
            format!(
                "{} has {} ordinary member{} besides the chair and chief executive; Schedule 1B requires at least three",
                ctx.body_label(icb),
                ordinary.len(),
                if ordinary.len() == 1 { "" } else { "s" }
            ),
        )
        .related([id])
        .help("record the partner members and the other members, with their dates");
    }
}
