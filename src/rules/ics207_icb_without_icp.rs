use crate::context::{Context, Entity};
use crate::model::{BodyKind, RelationshipKind};
use crate::rules::{Check, Findings, Subjects};

declare_rule! {
    /// ### What it checks
    ///
    /// When the dataset has integrated care partnerships, that from 1 July 2022 (when s116ZA
    /// came into force) every integrated care board in force convenes one: a `convenes`
    /// relationship from the ICB to an ICP in force. A
    /// dataset with no ICP at all (an import of the ODS publications, which do not list
    /// partnerships) is not checked.
    ///
    /// ### Why it matters
    ///
    /// The Local Government and Public Involvement in Health Act 2007 s116ZA(1) requires every
    /// ICB, with the responsible local authorities of its area, to establish an integrated
    /// care partnership for its area; the partnership prepares the integrated care strategy
    /// (s116ZB), which the ICB must have regard to in exercising its functions (s116B(1)(b)).
    /// An ICB with no ICP has no statutory strategy (see
    /// [the domain notes](https://github.com/icsgov/icsgov/blob/main/docs/domain.md#integrated-care-partnerships)).
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "bodies": [
    ///     {"id": "QE1", "name": "NHS Lancashire and South Cumbria ICB", "kind": "integrated_care_board"},
    ///     {"id": "QYG", "name": "NHS Cheshire and Merseyside ICB", "kind": "integrated_care_board"},
    ///     {"id": "lsc-hcp", "name": "Lancashire and South Cumbria Health and Care Partnership", "kind": "integrated_care_partnership"}
    ///   ],
    ///   "relationships": [
    ///     {"kind": "convenes", "from": "QE1", "to": "lsc-hcp"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Add the ICB's integrated care partnership and a `convenes` relationship from the ICB
    /// to it (and from each responsible local authority of its area: see ICS204).
    pub static ICB_WITHOUT_ICP = {
        code: "ICS207",
        name: "icb-without-icp",
        severity: Error,
        basis: Law("Local Government and Public Involvement in Health Act 2007 s116ZA(1)"),
        summary: "every integrated care board convenes an integrated care partnership",
        subjects: Subjects::Bodies(&[BodyKind::IntegratedCareBoard]),
        check: Check::Body(check),
        widen: widen,
        dates: &[IN_FORCE],
        reads: &[RelationshipKind::Convenes],
    };
}

/// LGPIHA 2007 s116ZA came into force with the ICBs on 1 July 2022.
const IN_FORCE: (u16, u8, u8) = (2022, 7, 1);

fn widen(ctx: &Context<'_>, changed: Entity, _: &mut dyn FnMut(Entity)) -> bool {
    // Whether the dataset has partnerships at all decides whether the rule applies.
    matches!(changed, Entity::Body(b) if ctx.body_kind(b) == BodyKind::IntegratedCarePartnership)
}

fn check(ctx: &Context<'_>, i: u32, out: &mut Findings) {
    let subject = Entity::Body(i);
    if ctx
        .all_bodies_of(BodyKind::IntegratedCarePartnership)
        .is_empty()
    {
        return;
    }
    if ctx.is_before(IN_FORCE) {
        return;
    }
    if ctx
        .outgoing(i, RelationshipKind::Convenes)
        .any(|e| ctx.body_kind(e.to) == BodyKind::IntegratedCarePartnership)
    {
        return;
    }
    let b = ctx.body(i);
    out.push(
        ctx.path(subject),
        format!(
            "{} does not convene an integrated care partnership",
            ctx.body_label(i)
        ),
    )
    .related([b.id.as_str()])
    .help(format!(
        "add {{\"kind\": \"convenes\", \"from\": \"{}\", \"to\": \"<ICP id>\"}}",
        b.id
    ));
}
