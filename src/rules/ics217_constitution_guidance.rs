use crate::context::{Context, Entity};
use crate::model::{BodyKind, Remit, Role};
use crate::rules::boards::{committees, holders, whole_board_in_force};
use crate::rules::{Check, Findings, Subjects};

declare_rule! {
    /// ### What it checks
    ///
    /// That an integrated care board whose board is recorded whole (see ICS213) has what NHS
    /// England's constitution guidance asks of every ICB: an audit and a remuneration
    /// committee, at least two non-executive members, and directors of finance, medicine
    /// and nursing.
    ///
    /// In detail:
    ///
    /// - an audit committee and a remuneration committee in force (bodies of kind
    ///   `committee`, each `committee_of` the ICB, with `remit` `audit` and `remuneration`);
    /// - at least two non-executive members besides the chair (`non_executive_member`
    ///   seats; the number is the policy's `min_non_executive_members`);
    /// - a director of finance, a medical director and a director of nursing among its
    ///   executive members.
    ///
    /// ### Why it matters
    ///
    /// These are NHS England policy, set in its guidance on ICB constitutions and governance
    /// and the model constitution it approves constitutions against, rather than the Act
    /// itself, which asks only for a chair, a chief executive and three ordinary members
    /// (ICS213) and the partner members (ICS214). ICBs describe the audit and remuneration
    /// committees as statutory; icsgov has not found the provision that makes them so, and
    /// reports their absence as a warning. A policy can ask for a different number of
    /// non-executives, or turn the rule off.
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "bodies": [
    ///     {"id": "QE1", "name": "NHS Lancashire and South Cumbria ICB", "kind": "integrated_care_board"}
    ///   ],
    ///   "people": [{"id": "p-chair", "name": "A Chair"}],
    ///   "memberships": [
    ///     {"person": "p-chair", "role": "chair", "body": "QE1"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Record the committees and seats, or mark the ICB `"board_record": "partial"` if the
    /// dataset knows only some of them.
    pub static CONSTITUTION_GUIDANCE = {
        code: "ICS217",
        name: "constitution-guidance",
        severity: Warning,
        basis: Guidance("NHS England, Guidance on integrated care board constitutions and governance, and its model constitution"),
        summary: "an ICB has audit and remuneration committees, two non-executive members and directors of finance, medicine and nursing",
        subjects: Subjects::Bodies(&[BodyKind::IntegratedCareBoard]),
        check: Check::Body(check),
        // Seats, and the committees of the ICB.
        reads: &[crate::model::RelationshipKind::CommitteeOf],
    };
}

fn check(ctx: &Context<'_>, icb: u32, out: &mut Findings) {
    let subject = Entity::Body(icb);
    if !whole_board_in_force(ctx, icb) {
        return;
    }
    let id = ctx.body(icb).id.as_str();
    let label = ctx.body_label(icb);
    for remit in [Remit::Audit, Remit::Remuneration] {
        if !committees(ctx, icb).any(|c| ctx.body(c).remit == Some(remit)) {
            out.push(
                ctx.path(subject),
                format!("{label} has no {remit} committee in force"),
            )
            .related([id])
            .help(format!(
                "record the committee as a body of kind `committee` with `\"remit\": \"{}\"`, `committee_of` and `accountable_to` {id}",
                remit.key()
            ));
        }
    }
    let want = ctx.policy().min_non_executive_members as usize;
    let have = holders(ctx, icb, Role::NonExecutiveMember).len();
    if have < want {
        out.push(
            ctx.path(subject),
            format!(
                "{label} has {have} non-executive member{} besides the chair; NHS England's guidance asks for at least {want}",
                if have == 1 { "" } else { "s" }
            ),
        )
        .related([id])
        .help("record the non-executive members' seats (role `non_executive_member`)");
    }
    for role in [
        Role::DirectorOfFinance,
        Role::MedicalDirector,
        Role::DirectorOfNursing,
    ] {
        if holders(ctx, icb, role).is_empty() {
            out.push(
                ctx.path(subject),
                format!("{label} has no {role} on its board"),
            )
            .related([id])
            .help(format!("record the {role}'s seat (role `{}`)", role.key()));
        }
    }
}
