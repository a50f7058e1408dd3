use crate::context::{Context, Entity};
use crate::model::RelationshipKind;
use crate::rules::boards::named_delegation;
use crate::rules::{Check, Findings, Subjects};

declare_rule! {
    /// ### What it checks
    ///
    /// That no body delegates one `function` to two different bodies whose areas overlap
    /// (the same footprint, or one within the other) on the same date. Delegations to bodies
    /// without a footprint are not compared: the dataset does not say where they act.
    ///
    /// ### Why it matters
    ///
    /// NHS England's delegation agreements (NHS Act 2006 s65Z5) give each ICB a function
    /// for its own area; two delegations of one function for one area leave it unclear who
    /// commissions the service and who answers for it. The Act does not forbid it in terms,
    /// so this is a warning. Where two bodies really do exercise a function together, that
    /// is a joint committee (s65Z6): record the delegation to it.
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "footprints": [{"id": "lsc", "name": "Lancashire and South Cumbria", "tier": "system"}],
    ///   "bodies": [
    ///     {"id": "nhse", "name": "NHS England", "kind": "nhs_england"},
    ///     {"id": "QE1", "name": "NHS Lancashire and South Cumbria ICB", "kind": "integrated_care_board", "footprint": "lsc"},
    ///     {"id": "lsc-jc", "name": "Joint committee", "kind": "joint_committee", "footprint": "lsc"}
    ///   ],
    ///   "relationships": [
    ///     {"kind": "delegates_to", "from": "nhse", "to": "QE1", "function": "primary_medical_services"},
    ///     {"kind": "delegates_to", "from": "nhse", "to": "lsc-jc", "function": "primary_medical_services"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// End one delegation when the other begins, or record the function as delegated to the
    /// joint committee alone.
    pub static FUNCTION_DELEGATED_TWICE = {
        code: "ICS220",
        name: "function-delegated-twice",
        severity: Warning,
        basis: Guidance("NHS England's delegation agreements under NHS Act 2006 s65Z5: each ICB holds a delegated function for its own area"),
        summary: "a function is delegated to one body for an area at a time",
        subjects: Subjects::Relationships(&[RelationshipKind::DelegatesTo]),
        check: Check::Relationship(check),
        widen: widen,
    };
}

/// A delegation that begins or ends changes what its delegator's other delegations see.
fn widen(ctx: &Context<'_>, changed: Entity, push: &mut dyn FnMut(Entity)) -> bool {
    if let Entity::Relationship(r) = changed {
        if ctx.relationship_kind(r) == RelationshipKind::DelegatesTo {
            if let Some((from, _)) = ctx.ends(r) {
                for e in ctx.outgoing(from, RelationshipKind::DelegatesTo) {
                    push(Entity::Relationship(e.index));
                }
            }
        }
    }
    false
}

fn check(ctx: &Context<'_>, r: u32, out: &mut Findings) {
    let Some((from, to, function)) = named_delegation(ctx, r) else {
        return;
    };
    let Some(area) = ctx.body_footprint(to) else {
        return;
    };
    // Each overlapping pair is found from the delegate whose area is the smaller, by
    // looking up its chain of footprints: a few footprints, not every delegation. Two
    // delegations for the same area are reported once, on the later in model order.
    for f in ctx.footprint_chain(area) {
        for other in ctx.bodies_on(f) {
            if other == to {
                continue;
            }
            for e in ctx.incoming(other, RelationshipKind::DelegatesTo) {
                if e.from != from
                    || e.relationship.function != Some(function)
                    || (f == area && e.index >= r)
                {
                    continue;
                }
                // Named in the order of their ids, so that the message does not depend on
                // the order of the lists.
                let (a, b) = if ctx.body(other).id <= ctx.body(to).id {
                    (other, to)
                } else {
                    (to, other)
                };
                out.push(
                    ctx.relationship_path(r),
                    format!(
                        "{} delegates {function} to both {} and {}, whose areas overlap",
                        ctx.body_label(from),
                        ctx.body_label(a),
                        ctx.body_label(b)
                    ),
                )
                .related([
                    ctx.body(to).id.as_str(),
                    ctx.body(other).id.as_str(),
                    ctx.body(from).id.as_str(),
                ])
                .help("end one delegation when the other begins, or delegate to a joint committee of the two");
            }
        }
    }
}
