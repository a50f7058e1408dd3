use crate::context::{Context, Entity};
use crate::model::{BodyKind, RelationshipKind, Role};
use crate::pointer::JsonPointer;
use crate::rules::boards::{board_recorded_whole, holders, in_area};
use crate::rules::{Check, Findings, Subjects};
use crate::words::article;

declare_rule! {
    /// ### What it checks
    ///
    /// That an integrated care board whose board is recorded whole (see ICS213) has the
    /// three partner members Schedule 1B provides for, and that every body a partner member
    /// names in `nominated_by` is of the kind that nominates for the seat and in the ICB's
    /// area.
    ///
    /// The seats are `partner_member_trusts` (nominated by the NHS trusts and foundation
    /// trusts that provide services in the area), `partner_member_primary_medical_services`
    /// (by GP practices) and `partner_member_local_authorities` (by county councils, unitary
    /// authorities, metropolitan district or London borough councils). A nominating body is
    /// in the area when it sits on the ICB's footprint or within it, `lies_in` the ICB, or
    /// is commissioned by it; where the dataset does not show where it is, the area is not
    /// checked. Nominating bodies are checked on partial records too.
    ///
    /// ### Why it matters
    ///
    /// NHS Act 2006 Schedule 1B paragraph 8 has the constitution provide for ordinary members
    /// nominated by the trusts and foundation trusts that provide services for the purposes of
    /// the health service in the ICB's area, by the providers of primary medical services in
    /// the area, and by the local authorities whose areas coincide with or include any part
    /// of it. A partner member put forward by anyone else does not hold the seat the Act
    /// means. In a two-tier area the county council, which has the social care functions,
    /// nominates; a district council does not.
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "bodies": [
    ///     {"id": "QE1", "name": "NHS Lancashire and South Cumbria ICB", "kind": "integrated_care_board"},
    ///     {"id": "E07000117", "name": "Burnley Borough Council", "kind": "district_council"}
    ///   ],
    ///   "people": [{"id": "p-la", "name": "A Partner Member"}],
    ///   "memberships": [
    ///     {"person": "p-la", "role": "partner_member_local_authorities", "body": "QE1",
    ///      "nominated_by": ["E07000117"], "valid_from": "2022-07-01"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Record each partner member with the bodies that nominated them, and correct a
    /// nominating body's kind or area if the dataset has it wrong.
    pub static PARTNER_MEMBERS = {
        code: "ICS214",
        name: "partner-members",
        severity: Error,
        basis: Law("NHS Act 2006 Sch 1B para 8"),
        summary: "an ICB's board has partner members nominated by the area's trusts, primary medical services providers and local authorities",
        subjects: Subjects::Bodies(&[BodyKind::IntegratedCareBoard]),
        check: Check::Body(check),
        widen: widen,
        // Seats, the councils that lie in the ICB's area, and (through `widen`) the
        // commissioning of the bodies its seats name.
        reads: &[RelationshipKind::LiesIn],
    };
}

/// A commissioning relationship matters to the board of the ICB that commissions only when
/// a seat names the commissioned body as nominating: an ICB commissions every practice in
/// its area, and a practice opening does not change its board.
fn widen(ctx: &Context<'_>, changed: Entity, push: &mut dyn FnMut(Entity)) -> bool {
    if let Entity::Relationship(r) = changed {
        if ctx.relationship_kind(r) == RelationshipKind::Commissions {
            if let Some((icb, b)) = ctx.ends(r) {
                if ctx.is_nominator(b) {
                    push(Entity::Body(icb));
                }
            }
        }
    }
    false
}

const SEATS: [(Role, &str); 3] = [
    (
        Role::PartnerMemberTrusts,
        "NHS trusts and foundation trusts",
    ),
    (
        Role::PartnerMemberPrimaryMedicalServices,
        "providers of primary medical services",
    ),
    (Role::PartnerMemberLocalAuthorities, "local authorities"),
];

/// Whether a body of `kind` nominates for the partner seat `role`.
fn nominates(role: Role, kind: BodyKind) -> bool {
    match role {
        Role::PartnerMemberTrusts => kind.is_trust(),
        Role::PartnerMemberPrimaryMedicalServices => kind == BodyKind::GpPractice,
        Role::PartnerMemberLocalAuthorities => kind.is_responsible_local_authority(),
        _ => true,
    }
}

fn check(ctx: &Context<'_>, icb: u32, out: &mut Findings) {
    let subject = Entity::Body(icb);
    if !ctx.in_force(subject) {
        return;
    }
    let id = ctx.body(icb).id.as_str();
    if board_recorded_whole(ctx, icb) {
        for (role, who) in SEATS {
            if holders(ctx, icb, role).is_empty() {
                out.push(
                    ctx.path(subject),
                    format!(
                        "{} has no partner member nominated by the {who} of its area (role `{}`); Schedule 1B provides for one",
                        ctx.body_label(icb),
                        role.key()
                    ),
                )
                .related([id])
                .help(format!(
                    "record the {} with `nominated_by` naming the nominating bodies",
                    role
                ));
            }
        }
    }
    for (m, p) in ctx.seats(icb) {
        let seat = ctx.membership(m);
        let Some(&(_, who)) = SEATS.iter().find(|(r, _)| *r == seat.role) else {
            continue;
        };
        for (k, n) in seat.nominated_by.iter().enumerate() {
            // A name that is no body is ICS002's finding.
            let Some(b) = ctx.body_named(n.as_str()) else {
                continue;
            };
            let kind = ctx.body_kind(b);
            let problem = if !nominates(seat.role, kind) {
                format!(
                    "is {} {kind}, not one of the {who} that nominate this seat",
                    article(kind.as_str())
                )
            } else if in_area(ctx, b, icb) == Some(false) {
                format!("is not in {id}'s area as the dataset records it")
            } else {
                continue;
            };
            out.push(
                JsonPointer::entity("memberships", m as usize)
                    .token("nominated_by")
                    .index(k),
                format!(
                    "the {} {} on {}'s board names {} as nominating them, which {problem}",
                    seat.role,
                    ctx.person_label(p),
                    id,
                    ctx.body_label(b)
                ),
            )
            .related([id, ctx.person(p).id.as_str(), ctx.body(b).id.as_str()])
            .help(format!(
                "name the {who} of {id}'s area that nominated the {}",
                seat.role
            ));
        }
    }
}
