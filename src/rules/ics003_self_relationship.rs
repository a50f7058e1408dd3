use crate::context::Context;
use crate::rules::{Check, Findings, Subjects};

declare_rule! {
    /// ### What it checks
    ///
    /// That no relationship joins a body to itself: no body approves its own constitution,
    /// reviews or convenes itself, is a member or part of itself, or succeeds itself.
    ///
    /// ### Why it matters
    ///
    /// Every relationship in the domain is between two bodies (docs/domain.md relationship table). A
    /// relationship from a body to itself says nothing true and is almost always a copied row
    /// whose `to` was not changed. (A body accountable to itself is also a cycle, ICS202.)
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "bodies": [
    ///     {"id": "U19808", "name": "Lancaster PCN", "kind": "primary_care_network"}
    ///   ],
    ///   "relationships": [
    ///     {"kind": "member_of", "from": "U19808", "to": "U19808"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Correct the relationship's `to` (or `from`), or remove it.
    pub static SELF_RELATIONSHIP = {
        code: "ICS003",
        name: "self-relationship",
        severity: Error,
        basis: Structure("relationships join two bodies: docs/domain.md relationship table"),
        summary: "no relationship joins a body to itself",
        subjects: Subjects::Once,
        check: Check::Model(check),
    };
}

fn check(ctx: &Context<'_>, out: &mut Findings) {
    for (i, r) in ctx.model().relationships.iter().enumerate() {
        // Two ends that name bodies are the same id exactly when they are the same body, which
        // the context's list of ends says without reading the relationship's ids.
        let same = match ctx.ends(i as u32) {
            Some((from, to)) => from == to,
            None => r.from == r.to,
        };
        if same {
            out.push(
                ctx.relationship_path(i as u32),
                format!(
                    "{} joins `{}` to itself",
                    ctx.relationship_label(i as u32),
                    r.from
                ),
            )
            .related([r.from.as_str()])
            .help("correct the relationship's `to` or `from`, or remove it");
        }
    }
}
