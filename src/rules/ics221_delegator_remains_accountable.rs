use crate::context::{Context, Entity};
use crate::model::RelationshipKind;
use crate::rules::boards::{is_nhs_england, named_delegation};
use crate::rules::{Check, Findings, Subjects};

declare_rule! {
    /// ### What it checks
    ///
    /// That while NHS England delegates a named function to a body (`delegates_to` with a
    /// `function`), the body is accountable to NHS England: an `accountable_to` relationship
    /// from it to NHS England, directly or through the bodies it answers to, in force on the
    /// same dates.
    ///
    /// ### Why it matters
    ///
    /// A delegation under NHS Act 2006 s65Z5 does not take the function, or the liability
    /// for it, away from NHS England: NHS England remains accountable for what it delegates
    /// and holds the delegate to account for it under the delegation agreement (and, for an
    /// ICB, s14Z59). A delegate the dataset shows answering to no one, or to someone else,
    /// has the accountability the wrong way round.
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
    ///     {"kind": "delegates_to", "from": "nhse", "to": "QE1", "function": "primary_medical_services"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Add `accountable_to` from the delegate to NHS England for the delegation's dates.
    pub static DELEGATOR_REMAINS_ACCOUNTABLE = {
        code: "ICS221",
        name: "delegator-remains-accountable",
        severity: Error,
        basis: Law("NHS Act 2006 s65Z5 (a delegation leaves the function with NHS England), s14Z59"),
        summary: "a body NHS England delegates a function to is accountable to NHS England while it holds it",
        subjects: Subjects::Relationships(&[RelationshipKind::DelegatesTo]),
        check: Check::Relationship(check),
        widen: widen,
    };
}

/// An accountability that begins or ends changes what the delegations to its body, and to
/// the bodies answering to it, see.
fn widen(ctx: &Context<'_>, changed: Entity, push: &mut dyn FnMut(Entity)) -> bool {
    let Entity::Relationship(r) = changed else {
        return false;
    };
    if ctx.relationship_kind(r) != RelationshipKind::AccountableTo {
        return false;
    }
    let Some((from, _)) = ctx.ends(r) else {
        return false;
    };
    let mut bodies = vec![from];
    bodies.extend(
        ctx.incoming(from, RelationshipKind::AccountableTo)
            .map(|e| e.from),
    );
    for b in bodies {
        for e in ctx.incoming(b, RelationshipKind::DelegatesTo) {
            push(Entity::Relationship(e.index));
        }
    }
    false
}

/// Whether `b` answers to `to` through at most four `accountable_to` steps.
fn answers_to(ctx: &Context<'_>, b: u32, to: u32) -> bool {
    let mut frontier = vec![b];
    for _ in 0..4 {
        let mut next = Vec::new();
        for x in frontier {
            for e in ctx.outgoing(x, RelationshipKind::AccountableTo) {
                if e.to == to {
                    return true;
                }
                next.push(e.to);
            }
        }
        next.sort_unstable();
        next.dedup();
        frontier = next;
    }
    false
}

fn check(ctx: &Context<'_>, r: u32, out: &mut Findings) {
    let Some((from, to, function)) = named_delegation(ctx, r) else {
        return;
    };
    if !is_nhs_england(ctx, from) || answers_to(ctx, to, from) {
        return;
    }
    out.push(
        ctx.relationship_path(r),
        format!(
            "{} delegates {function} to {}, which is not accountable to it; NHS England remains accountable for what it delegates",
            ctx.body_label(from),
            ctx.body_label(to)
        ),
    )
    .related([ctx.body(to).id.as_str(), ctx.body(from).id.as_str()])
    .help(format!(
        "add {{\"kind\": \"accountable_to\", \"from\": \"{}\", \"to\": \"{}\"}} for the delegation's dates",
        ctx.body(to).id,
        ctx.body(from).id
    ));
}
