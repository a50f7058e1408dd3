use crate::context::Context;
use crate::rules::{Check, Findings, Subjects};

declare_rule! {
    /// ### What it checks
    ///
    /// That no two entities share an id. Footprints and bodies share one namespace, so a body
    /// cannot reuse a footprint's id either.
    ///
    /// ### Why it matters
    ///
    /// Relationships and footprints refer to entities by id. With two entities under one id, a
    /// reference could mean either, and every check built on it would be guessing (data
    /// integrity; docs/domain.md invariant 15).
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "bodies": [
    ///     {"id": "QE1", "name": "NHS Lancashire and South Cumbria ICB", "kind": "integrated_care_board"},
    ///     {"id": "QE1", "name": "Lancashire and South Cumbria Health and Care Partnership", "kind": "integrated_care_partnership"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Give each footprint and body its own id. ODS codes make good body ids; footprints can
    /// use ONS codes or short names such as `morecambe-bay`.
    pub static DUPLICATE_ID = {
        code: "ICS001",
        name: "duplicate-id",
        severity: Error,
        basis: Structure("data integrity: docs/domain.md invariant 15"),
        summary: "every footprint, body and person has an id of its own",
        subjects: Subjects::Once,
        check: Check::Model(check),
    };
}

fn check(ctx: &Context<'_>, out: &mut Findings) {
    for &(first, repeat) in ctx.duplicates() {
        let id = ctx.id(repeat);
        out.push(
            ctx.path(repeat),
            format!(
                "id `{id}` of {} is already used by {} at {}",
                ctx.label(repeat),
                ctx.label(first),
                ctx.path(first)
            ),
        )
        .related([id])
        .help("give each footprint, body and person an id of its own");
    }
}
