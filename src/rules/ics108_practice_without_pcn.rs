use crate::context::{Context, Entity};
use crate::model::{BodyKind, RelationshipKind};
use crate::rules::{Check, Findings, Subjects};

declare_rule! {
    /// ### What it checks
    ///
    /// That every GP practice is a member of a primary care network, from 1 July 2019 when
    /// PCNs began, on the dates the dataset records PCNs at all (from the earliest start of
    /// one to the latest end of one): a dataset that holds no PCN on a date says nothing about
    /// membership then. ODS's record of PCNs starts on 1 October 2019, so an import of the
    /// ODS publications is checked from then. In NHS England's mapping, PCN code `U` means
    /// "unallocated": such a practice is a member of no PCN.
    ///
    /// ### Why it matters
    ///
    /// Since 2019 the Network Contract DES expects every practice to be in a PCN, so that all
    /// registered patients get the services PCNs provide; commissioners must make
    /// arrangements for the patients of practices that opt out. An unallocated practice is
    /// usually an opt-out, a new practice, or a gap in the data (docs/domain.md invariant 12:
    /// guidance, hence a warning).
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "bodies": [
    ///     {"id": "U12345", "name": "A PCN", "kind": "primary_care_network"},
    ///     {"id": "P81001", "name": "A member practice", "kind": "gp_practice"},
    ///     {"id": "P81002", "name": "An unallocated practice", "kind": "gp_practice"}
    ///   ],
    ///   "relationships": [
    ///     {"kind": "member_of", "from": "P81001", "to": "U12345"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Add the practice's `member_of` relationship to its PCN, or record in a waiver how its
    /// patients are covered.
    pub static PRACTICE_WITHOUT_PCN = {
        code: "ICS108",
        name: "practice-without-pcn",
        severity: Warning,
        basis: Guidance("Network Contract DES: every practice in a PCN; docs/domain.md invariant 12"),
        summary: "every GP practice is a member of a primary care network",
        subjects: Subjects::Bodies(&[BodyKind::GpPractice]),
        check: Check::Body(check),
        widen: widen,
        dates: &[NETWORK_DES],
        reads: &[RelationshipKind::MemberOf],
    };
}

/// Primary care networks began on 1 July 2019 with the Network Contract DES: before that no
/// practice could be in one.
const NETWORK_DES: (u16, u8, u8) = (2019, 7, 1);

/// A PCN that starts or ends the span the dataset records PCNs over changes every practice's
/// finding; any other PCN changes none (its members' memberships are their own subjects).
fn widen(ctx: &Context<'_>, changed: Entity, _: &mut dyn FnMut(Entity)) -> bool {
    super::bounds_span(ctx, changed, BodyKind::PrimaryCareNetwork)
}

fn check(ctx: &Context<'_>, i: u32, out: &mut Findings) {
    let subject = Entity::Body(i);
    if super::before(ctx, NETWORK_DES) {
        return;
    }
    // On a date the dataset records no PCN at all (ODS's record of PCNs starts on 1 October
    // 2019, three months after the DES), it says nothing about membership either.
    if !ctx.records_kind(BodyKind::PrimaryCareNetwork) {
        return;
    }
    let member = ctx
        .outgoing(i, RelationshipKind::MemberOf)
        .any(|e| ctx.body_kind(e.to) == BodyKind::PrimaryCareNetwork);
    if !member {
        out.push(
            ctx.path(subject),
            format!(
                "{} is a member of no primary care network",
                ctx.body_label(i)
            ),
        )
        .related([ctx.body(i).id.as_str()])
        .help("add a member_of relationship from the practice to its PCN");
    }
}
