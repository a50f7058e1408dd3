use crate::context::{Context, Entity};
use crate::model::{BodyKind, RelationshipKind, Standing};
use crate::rules::{Check, Findings, Subjects};
use crate::words::article;

declare_rule! {
    /// ### What it checks
    ///
    /// That every `delegates_to` relationship in force joins two bodies that can delegate
    /// statutory functions to each other:
    ///
    /// - **who may delegate**: NHS England, an integrated care board, an NHS trust or an NHS
    ///   foundation trust (the "relevant bodies" of NHS Act 2006 s65Z5); a local authority of
    ///   any tier (through partnership arrangements under s75, or to another council under
    ///   the Local Government Act 1972 s101); a clinical commissioning group, before it was
    ///   abolished;
    /// - **who may receive**: any of those, or a joint committee through which they exercise
    ///   functions jointly (and, before 1 July 2022, a joint committee of CCGs).
    ///
    /// A place-based partnership, a primary care network, an integrated care partnership or
    /// a provider collaborative is not a legal person: it never receives a statutory
    /// delegation, and never makes one. Nor does a part of a body (an NHS England region, a
    /// sub-ICB location) or a GP practice. The rule checks the two parties, not which
    /// function is delegated or when the power to delegate it began.
    ///
    /// ### Why it matters
    ///
    /// A function exercised under a delegation the Act does not provide for is exercised
    /// without authority, and decisions taken under it can be challenged. The NHS Act 2006
    /// s65Z5 lets the relevant bodies arrange for their functions to be exercised by, or
    /// jointly with, another relevant body or a local authority, including through a joint
    /// committee; SI 2022/642 disapplies that power for some of NHS England's own functions
    /// (not checked by this rule). Partnerships work through the statutory bodies that belong
    /// to them, for example as a committee of the ICB. See
    /// [the domain notes](https://github.com/icsgov/icsgov/blob/main/docs/domain.md#delegation).
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "bodies": [
    ///     {"id": "QE1", "name": "NHS Lancashire and South Cumbria ICB", "kind": "integrated_care_board"},
    ///     {"id": "fylde-coast-pbp", "name": "Fylde Coast Place-Based Partnership", "kind": "place_based_partnership"}
    ///   ],
    ///   "relationships": [
    ///     {"kind": "delegates_to", "from": "QE1", "to": "fylde-coast-pbp"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Record the delegation to the statutory body that really holds it: a committee of the
    /// ICB, a joint committee (`joint_committee`) of the bodies that formed it, or a trust or
    /// council. Record a partnership's part as `influences` or `member_of`.
    pub static UNLAWFUL_DELEGATION = {
        code: "ICS208",
        name: "unlawful-delegation",
        severity: Error,
        basis: Law("NHS Act 2006 s65Z5 (relevant bodies and joint committees), s75 (partnership arrangements with councils)"),
        summary: "statutory functions are delegated only between bodies the NHS Act 2006 allows, never to or from a partnership",
        subjects: Subjects::Relationships(&[RelationshipKind::DelegatesTo]),
        check: Check::Relationship(check),
    };
}

/// Bodies that may delegate their functions (s65Z5 relevant bodies; councils of any tier
/// under s75 and the Local Government Act 1972 s101; CCGs while they existed).
fn may_delegate(kind: BodyKind) -> bool {
    use BodyKind::*;
    matches!(
        kind,
        NhsEngland
            | IntegratedCareBoard
            | NhsTrust
            | NhsFoundationTrust
            | ClinicalCommissioningGroup
    ) || kind.is_local_authority()
}

/// Bodies that may receive a delegation: the same, and joint committees.
fn may_receive(kind: BodyKind) -> bool {
    may_delegate(kind)
        || matches!(
            kind,
            BodyKind::JointCommittee | BodyKind::JointCommitteeOfCcgs
        )
}

/// Why a body of this kind cannot take part, in words.
fn why_not(kind: BodyKind) -> &'static str {
    match kind.standing() {
        Standing::Partnership => "a partnership, not a legal person",
        Standing::PartOfStatutoryBody => "part of a statutory body, not a body of its own",
        Standing::ContractedProvider => "a contracted provider, not a statutory body",
        _ => "not a body the NHS Act 2006 lets delegate or receive statutory functions",
    }
}

fn check(ctx: &Context<'_>, r: u32, out: &mut Findings) {
    let subject = Entity::Relationship(r);
    let Some((from, to)) = ctx.edge_in_force(subject) else {
        return;
    };
    let (fk, tk) = (ctx.body_kind(from), ctx.body_kind(to));
    // A body may arrange for its own committee to exercise its functions.
    let own_committee = tk == BodyKind::Committee
        && ctx
            .outgoing(to, RelationshipKind::CommitteeOf)
            .any(|e| e.to == from);
    let problem = if !may_delegate(fk) {
        Some((
            from,
            format!(
                "{} cannot delegate statutory functions: it is {}",
                ctx.body_label(from),
                why_not(fk)
            ),
        ))
    } else if !may_receive(tk) && !own_committee {
        Some((
            to,
            format!(
                "{} cannot receive a statutory delegation from {}: it is {}",
                ctx.body_label(to),
                ctx.body_label(from),
                why_not(tk)
            ),
        ))
    } else {
        None
    };
    let Some((culprit, message)) = problem else {
        return;
    };
    let kind = ctx.body_kind(culprit);
    out.push(ctx.path(subject), message)
        .related([ctx.body(from).id.as_str(), ctx.body(to).id.as_str()])
        .help(format!(
            "record the delegation to the statutory body that holds it (a committee of the ICB, a joint committee, a trust or a council); show {} {}'s part with influences or member_of",
            article(kind.as_str()),
            kind
        ));
}
