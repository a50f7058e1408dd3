use crate::context::{Context, Entity};
use crate::model::{BodyKind, RelationshipKind, Role};
use crate::rules::{Check, Findings, Subjects};

declare_rule! {
    /// ### What it checks
    ///
    /// That the chair of an integrated care board does not, on the same date, hold an
    /// executive seat on the same board (chief executive or an executive director), and does
    /// not chair another ICB, unless the two ICBs are `clustered_with` each other on that
    /// date.
    ///
    /// ### Why it matters
    ///
    /// NHS England's guidance on ICB constitutions and governance has the chair a
    /// non-executive, independent of the executive the board holds to account; the chief
    /// executive must be an employee of the ICB (NHS Act 2006 Sch 1B para 7(2)), the chair is
    /// appointed by NHS England (para 5). The Act itself does not forbid one person chairing
    /// two ICBs, and joint chairs are common where ICBs are clustered (sharing a chair, a
    /// chief executive and a leadership team while each remains a body in law): record the
    /// cluster with `clustered_with` and the rule accepts it. A policy that allows joint chairs
    /// more widely can turn the rule off (`[rules] ICS216 = "allow"`).
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "bodies": [
    ///     {"id": "QE1", "name": "NHS Lancashire and South Cumbria ICB", "kind": "integrated_care_board"},
    ///     {"id": "QOP", "name": "NHS Greater Manchester ICB", "kind": "integrated_care_board"}
    ///   ],
    ///   "people": [{"id": "p-chair", "name": "A Chair"}],
    ///   "memberships": [
    ///     {"person": "p-chair", "role": "chair", "body": "QE1"},
    ///     {"person": "p-chair", "role": "chair", "body": "QOP"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// End one of the seats when its holder left it; record a cluster with `clustered_with`;
    /// or allow the rule in the policy where joint chairs are agreed with NHS England.
    pub static CHAIR_INDEPENDENCE = {
        code: "ICS216",
        name: "chair-independence",
        severity: Warning,
        basis: Guidance("NHS England, Guidance on integrated care board constitutions and governance; NHS Act 2006 Sch 1B paras 5, 7(2)"),
        summary: "an ICB's chair holds no executive seat on its board and chairs no other ICB that is not clustered with it",
        subjects: Subjects::Bodies(&[BodyKind::IntegratedCareBoard]),
        check: Check::Body(check),
        widen: widen,
        reads: &[RelationshipKind::ClusteredWith],
    };
}

/// A seat that begins or ends changes what its holder's other boards see.
fn widen(ctx: &Context<'_>, changed: Entity, push: &mut dyn FnMut(Entity)) -> bool {
    if let Entity::Membership(m) = changed {
        if let Some((p, _)) = ctx.membership_ends(m) {
            for (_, b) in ctx.seats_of_person(p) {
                push(Entity::Body(b));
            }
        }
    }
    false
}

fn clustered(ctx: &Context<'_>, a: u32, b: u32) -> bool {
    ctx.outgoing(a, RelationshipKind::ClusteredWith)
        .any(|e| e.to == b)
        || ctx
            .outgoing(b, RelationshipKind::ClusteredWith)
            .any(|e| e.to == a)
}

fn check(ctx: &Context<'_>, icb: u32, out: &mut Findings) {
    let subject = Entity::Body(icb);
    if !ctx.in_force(subject) {
        return;
    }
    let id = ctx.body(icb).id.as_str();
    let mut seen: Vec<(u32, u32)> = Vec::new();
    for (m, p) in ctx.seats(icb) {
        if ctx.membership(m).role != Role::Chair {
            continue;
        }
        // By body id and role, so that of two executive seats the message names the same one
        // whatever the order of the memberships.
        let mut seats: Vec<(u32, u32)> = ctx.seats_of_person(p).collect();
        seats.sort_unstable_by(|&(m1, b1), &(m2, b2)| {
            ctx.cmp_bodies_by_id(b1, b2)
                .then(ctx.membership(m1).role.cmp(&ctx.membership(m2).role))
                .then(m1.cmp(&m2))
        });
        for (other, b) in seats {
            let role = ctx.membership(other).role;
            let (problem, related) = if b == icb && role.is_executive() {
                (
                    format!(
                        "the chair {} of {} also holds its {role} seat; the chair is a non-executive",
                        ctx.person_label(p),
                        ctx.body_label(icb)
                    ),
                    id,
                )
            } else if b != icb
                && role == Role::Chair
                && ctx.body_kind(b) == BodyKind::IntegratedCareBoard
                && !clustered(ctx, icb, b)
            {
                (
                    format!(
                        "the chair {} chairs both {} and {}, which are not clustered with each other",
                        ctx.person_label(p),
                        ctx.body_label(icb),
                        ctx.body_label(b)
                    ),
                    ctx.body(b).id.as_str(),
                )
            } else {
                continue;
            };
            if seen.contains(&(p, b)) {
                continue;
            }
            seen.push((p, b));
            out.push(ctx.path(subject), problem)
                .related(
                    [id, ctx.person(p).id.as_str(), related]
                        .into_iter()
                        .take(if b == icb { 2 } else { 3 }),
                )
                .help(
                    "end the seat its holder has left; record `clustered_with` between ICBs that share a chair; or allow ICS216 in the policy",
                );
        }
    }
}
