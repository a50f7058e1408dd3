use crate::context::{Context, Entity};
use crate::model::{BodyKind, Date, RelationshipKind};
use crate::rules::{Check, Findings, Subjects};

declare_rule! {
    /// ### What it checks
    ///
    /// That every GP practice is a member of a primary care network, from 1 July 2019 when
    /// PCNs began. In NHS England's mapping, PCN code `U` means "unallocated": such a practice
    /// is a member of no PCN.
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
    ///     {"id": "P81002", "name": "An unallocated practice", "kind": "gp_practice"}
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
        dates: &[NETWORK_DES],
    };
}

/// Primary care networks began on 1 July 2019 with the Network Contract DES: before that no
/// practice could be in one.
const NETWORK_DES: (u16, u8, u8) = (2019, 7, 1);

fn check(ctx: &Context<'_>, i: u32, out: &mut Findings) {
    let subject = Entity::Body(i);
    let (y, m, d) = NETWORK_DES;
    if ctx
        .at()
        .zip(Date::new(y, m, d))
        .is_some_and(|(at, start)| at < start)
    {
        return;
    }
    let member = ctx
        .outgoing(i, RelationshipKind::MemberOf)
        .any(|e| ctx.body(e.to).kind == BodyKind::PrimaryCareNetwork);
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
