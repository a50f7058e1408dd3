use crate::context::Context;
use crate::model::{RelationshipKind, Standing};
use crate::rules::{Check, Findings, Subjects};

declare_rule! {
    /// ### What it checks
    ///
    /// That no statutory body or statutory committee is `accountable_to` a partnership (a
    /// provider collaborative, a place-based partnership, a primary care network).
    ///
    /// ### Why it matters
    ///
    /// Partnerships have no standing in law: they influence statutory bodies but cannot hold
    /// them to account. An ICB is accountable to NHS England (NHS Act 2006 s14Z59); the
    /// integrated care partnership and place-based partnerships *influence* it (docs/domain.md
    /// invariant 3).
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "bodies": [
    ///     {"id": "QE1", "name": "NHS Lancashire and South Cumbria ICB", "kind": "integrated_care_board"},
    ///     {"id": "morecambe-bay-pbp", "name": "Bay Health and Care Partners", "kind": "place_based_partnership"}
    ///   ],
    ///   "relationships": [
    ///     {"kind": "accountable_to", "from": "QE1", "to": "morecambe-bay-pbp"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Replace it with an `influences` relationship from the partnership to the statutory
    /// body, and make the statutory body accountable to the body that really holds it to
    /// account.
    pub static STATUTORY_ACCOUNTABLE_TO_PARTNERSHIP = {
        code: "ICS203",
        name: "statutory-accountable-to-partnership",
        severity: Error,
        basis: Structure("partnerships influence, statutory bodies are accountable: NHS Act 2006 s14Z59; docs/domain.md invariant 3"),
        summary: "no statutory body is accountable to a partnership",
        subjects: Subjects::Relationships(&[RelationshipKind::AccountableTo]),
        check: Check::Relationship(check),
    };
}

fn check(ctx: &Context<'_>, r: u32, out: &mut Findings) {
    let Some((f, t)) = ctx.ends(r) else { return };
    let (from, to) = (ctx.body(f), ctx.body(t));
    if !from.standing().is_statutory() || to.standing() != Standing::Partnership {
        return;
    }
    out.push(
        ctx.relationship_path(r),
        format!(
            "{}, a {}, is accountable to {}, a partnership; a partnership can influence a statutory body but not hold it to account",
            ctx.body_label(f),
            from.standing(),
            ctx.body_label(t)
        ),
    )
    .related([from.id.as_str(), to.id.as_str()])
    .help(format!("replace it with {{\"kind\": \"influences\", \"from\": \"{}\", \"to\": \"{}\"}}", to.id, from.id));
}
