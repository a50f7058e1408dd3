use crate::context::{Context, Entity};
use crate::model::{BodyKind, RelationshipKind};
use crate::rules::Findings;

declare_rule! {
    /// ### What it checks
    ///
    /// That every GP practice is a member of a primary care network. In NHS England's
    /// mapping, PCN code `U` means "unallocated": such a practice is a member of no PCN.
    ///
    /// ### Why it matters
    ///
    /// Since 2019 the Network Contract DES expects every practice to be in a PCN, so that all
    /// registered patients get the services PCNs provide; commissioners must make
    /// arrangements for the patients of practices that opt out. An unallocated practice is
    /// usually an opt-out, a new practice, or a gap in the data (DOMAIN invariant 12:
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
        basis: Guidance("Network Contract DES: every practice in a PCN; DOMAIN invariant 12"),
        summary: "every GP practice is a member of a primary care network",
    };
}

fn check(ctx: &Context<'_>, out: &mut Findings) {
    let mut member = vec![false; ctx.model().bodies.len()];
    for e in ctx.edges(RelationshipKind::MemberOf) {
        if ctx.body(e.to).kind == BodyKind::PrimaryCareNetwork {
            member[e.from as usize] = true;
        }
    }
    for (i, b) in ctx.bodies() {
        if b.kind == BodyKind::GpPractice && !member[i as usize] {
            out.push(
                ctx.path(Entity::Body(i)),
                format!(
                    "{} is a member of no primary care network",
                    ctx.body_label(i)
                ),
            )
            .related([b.id.as_str()])
            .help("add a member_of relationship from the practice to its PCN");
        }
    }
}
