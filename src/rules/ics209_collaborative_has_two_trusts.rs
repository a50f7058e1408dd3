use crate::context::{Context, Entity};
use crate::model::{BodyKind, RelationshipKind};
use crate::rules::{Check, Findings, Subjects};

declare_rule! {
    /// ### What it checks
    ///
    /// That a provider collaborative has at least two trusts as members (`member_of` from an
    /// NHS trust or NHS foundation trust), on every date it exists.
    ///
    /// ### Why it matters
    ///
    /// NHS England's guidance defines a provider collaborative as a partnership of at least two
    /// trusts working at scale across places (docs/domain.md invariant 11). A "collaborative"
    /// of one trust is a trust, and usually means the other members were not recorded.
    /// Guidance, hence a warning.
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "bodies": [
    ///     {"id": "lsc-pcb", "name": "Provider Collaboration Board", "kind": "provider_collaborative"},
    ///     {"id": "RXL", "name": "Blackpool Teaching Hospitals NHS Foundation Trust", "kind": "nhs_foundation_trust"}
    ///   ],
    ///   "relationships": [
    ///     {"kind": "member_of", "from": "RXL", "to": "lsc-pcb"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Record every member trust's `member_of` relationship to the collaborative.
    pub static COLLABORATIVE_HAS_TWO_TRUSTS = {
        code: "ICS209",
        name: "collaborative-has-two-trusts",
        severity: Warning,
        basis: Guidance("NHS England, Working together at scale: guidance on provider collaboratives (August 2021); docs/domain.md invariant 11"),
        summary: "a provider collaborative has at least two trusts as members",
        subjects: Subjects::Bodies(&[BodyKind::ProviderCollaborative]),
        check: Check::Body(check),
    };
}

fn check(ctx: &Context<'_>, i: u32, out: &mut Findings) {
    let mut trusts: Vec<&str> = ctx
        .incoming(i, RelationshipKind::MemberOf)
        .filter(|e| {
            matches!(
                ctx.body_kind(e.from),
                BodyKind::NhsTrust | BodyKind::NhsFoundationTrust
            )
        })
        .map(|e| ctx.body(e.from).id.as_str())
        .collect();
    trusts.sort_unstable();
    trusts.dedup();
    if trusts.len() < 2 {
        let what = match trusts.first() {
            Some(t) => format!("has one trust as a member ({t})"),
            None => "has no trust as a member".to_owned(),
        };
        let mut related = vec![ctx.body(i).id.as_str()];
        related.extend(trusts);
        out.push(
            ctx.path(Entity::Body(i)),
            format!(
                "{} {what}; a provider collaborative is a partnership of at least two trusts",
                ctx.body_label(i)
            ),
        )
        .related(related)
        .help("record each member trust's member_of relationship to the collaborative");
    }
}
