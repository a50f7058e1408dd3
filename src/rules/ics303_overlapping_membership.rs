use crate::context::{Context, Entity};
use crate::model::{BodyKind, RelationshipKind};
use crate::rules::{Check, Findings, Subjects};

declare_rule! {
    /// ### What it checks
    ///
    /// That memberships which are one at a time never overlap: a GP practice is a member of
    /// one primary care network at any date, and a sub-ICB location is part of one ICB. (An
    /// ICB in two regions is ICS206's.)
    ///
    /// ### Why it matters
    ///
    /// Why an error, when other rules about networks are warnings: this is not a norm with
    /// exceptions but a record that contradicts itself. ODS records one parent for each
    /// practice's PCN membership and for each sub-ICB location on any date: in the ePCN
    /// publication vendored in `data/nhs-england/`, no practice is in two active PCNs
    /// (docs/domain.md invariant 12). Two parents on the same day cannot both be true;
    /// usually a move was recorded without ending the old membership.
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "bodies": [
    ///     {"id": "U19808", "name": "Lancaster PCN", "kind": "primary_care_network"},
    ///     {"id": "U27624", "name": "Bay PCN", "kind": "primary_care_network"},
    ///     {"id": "P81001", "name": "A practice", "kind": "gp_practice"}
    ///   ],
    ///   "relationships": [
    ///     {"kind": "member_of", "from": "P81001", "to": "U19808", "valid_from": "2019-07-01"},
    ///     {"kind": "member_of", "from": "P81001", "to": "U27624", "valid_from": "2023-04-01"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// End the old membership the day before the new one starts.
    pub static OVERLAPPING_MEMBERSHIP = {
        code: "ICS303",
        name: "overlapping-membership",
        severity: Error,
        basis: Structure("ODS records one parent per practice and per sub-ICB location on any date: two at once is a contradiction, not an exception"),
        summary: "a practice is in one PCN at a time, and a sub-ICB location in one ICB",
        subjects: Subjects::Bodies(&[BodyKind::GpPractice, BodyKind::SubIcbLocation]),
        check: Check::Body(check),
        reads: &[RelationshipKind::MemberOf, RelationshipKind::PartOf],
    };
}

fn check(ctx: &Context<'_>, i: u32, out: &mut Findings) {
    let subject = Entity::Body(i);
    let (kind, target, what) = match ctx.body_kind(i) {
        BodyKind::GpPractice => (
            RelationshipKind::MemberOf,
            BodyKind::PrimaryCareNetwork,
            "primary care networks",
        ),
        _ => (
            RelationshipKind::PartOf,
            BodyKind::IntegratedCareBoard,
            "integrated care boards",
        ),
    };
    let mut targets: Vec<u32> = ctx
        .outgoing(i, kind)
        .filter(|e| ctx.body_kind(e.to) == target)
        .map(|e| e.to)
        .collect();
    ctx.sort_bodies_by_id(&mut targets);
    if targets.len() < 2 {
        return;
    }
    let names: Vec<String> = targets.iter().map(|&t| ctx.body_label(t)).collect();
    out.push(
        ctx.path(subject),
        format!(
            "{} is in {} {what} at once: {}",
            ctx.body_label(i),
            targets.len(),
            names.join(", ")
        ),
    )
    .related(
        std::iter::once(ctx.body(i).id.as_str())
            .chain(targets.iter().map(|&t| ctx.body(t).id.as_str())),
    )
    .help("end the old relationship the day before the new one starts");
}
