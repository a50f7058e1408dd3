use crate::context::Context;
use crate::model::RelationshipKind;
use crate::rules::boards::named_delegation;
use crate::rules::{Check, Findings, Subjects};

declare_rule! {
    /// ### What it checks
    ///
    /// That no `delegates_to` relationship names a function SI 2022/642 regulation 2 keeps
    /// with NHS England: its functions under NHS Act 2006 ss14Z25, 14Z26, 14Z28, 14Z59,
    /// 14Z60, 14Z61, 14Z62, 27B, 27C, 27D and 33 (`s14z25` ... `s33` in the
    /// catalogue). The regulation lists more; icsgov's catalogue holds the part it has
    /// checked against the regulation's text.
    ///
    /// ### Why it matters
    ///
    /// The National Health Service (Joint Working and Delegation Arrangements) (England)
    /// Regulations 2022 (SI 2022/642), regulation 2, say which of NHS England's functions it
    /// may not delegate under s65Z5: among them its functions over ICBs themselves
    /// (establishing them, approving their constitutions, assessing their performance). A
    /// delegation of one of them has no effect in law.
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "bodies": [
    ///     {"id": "nhse", "name": "NHS England", "kind": "nhs_england"},
    ///     {"id": "QE1", "name": "NHS Lancashire and South Cumbria ICB", "kind": "integrated_care_board"}
    ///   ],
    ///   "relationships": [
    ///     {"kind": "delegates_to", "from": "nhse", "to": "QE1", "function": "s14z59"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Remove the delegation: NHS England exercises the function itself.
    pub static FUNCTION_NOT_DELEGABLE = {
        code: "ICS222",
        name: "function-not-delegable",
        severity: Error,
        basis: Law("SI 2022/642 reg 2; NHS Act 2006 s65Z5"),
        summary: "no one delegates a function SI 2022/642 keeps with NHS England",
        subjects: Subjects::Relationships(&[RelationshipKind::DelegatesTo]),
        check: Check::Relationship(check),
    };
}

fn check(ctx: &Context<'_>, r: u32, out: &mut Findings) {
    let Some((from, to, function)) = named_delegation(ctx, r).filter(|d| d.2.is_reserved()) else {
        return;
    };
    out.push(
        ctx.relationship_path(r),
        format!(
            "{} delegates {function} to {}; SI 2022/642 reg 2 keeps this function with NHS England",
            ctx.body_label(from),
            ctx.body_label(to)
        ),
    )
    .related([ctx.body(to).id.as_str(), ctx.body(from).id.as_str()])
    .help("remove the delegation: NHS England exercises the function itself");
}
