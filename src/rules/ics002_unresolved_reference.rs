use crate::context::Reference;
use crate::context::{Context, Entity};
use crate::rules::{Check, Findings, Subjects};

declare_rule! {
    /// ### What it checks
    ///
    /// That every id a footprint, body or relationship names exists, and is the right kind of
    /// entity: a footprint's `within` and a body's `footprint` name footprints; a
    /// relationship's `from` and `to` name bodies.
    ///
    /// ### Why it matters
    ///
    /// A reference to nothing is usually a typo or a body left out of the dataset. Every check
    /// that follows the reference would silently skip it (data integrity; docs/domain.md invariant 15).
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "bodies": [
    ///     {"id": "nhse", "name": "NHS England", "kind": "nhs_england"}
    ///   ],
    ///   "relationships": [
    ///     {"kind": "approves_constitution", "from": "nhse", "to": "QE2"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Correct the id, or add the footprint or body it names.
    pub static UNRESOLVED_REFERENCE = {
        code: "ICS002",
        name: "unresolved-reference",
        severity: Error,
        basis: Structure("data integrity: docs/domain.md invariant 15"),
        summary: "every id a footprint, body, relationship or seat names exists and is of the right kind",
        subjects: Subjects::Once,
        check: Check::Model(check),
    };
}

fn check(ctx: &Context<'_>, out: &mut Findings) {
    for u in ctx.unresolved() {
        let wanted = if u.field.names_a_person() {
            "person"
        } else if u.field.names_a_body() {
            "body"
        } else {
            "footprint"
        };
        let problem = match u.found {
            None => format!("which is not the id of any {wanted}"),
            Some(e) => format!("which is {}, not a {wanted}", ctx.label(e)),
        };
        // The id a waiver would name: the footprint or body holding the reference, or a
        // relationship's other end.
        let owner_id = match u.owner {
            Entity::Relationship(r) => {
                let rel = ctx.relationship(r);
                if u.field == Reference::From {
                    rel.to.as_str()
                } else {
                    rel.from.as_str()
                }
            }
            Entity::Membership(m) => {
                let seat = ctx.membership(m);
                if u.field == Reference::Board {
                    seat.person.as_str()
                } else {
                    seat.body.as_str()
                }
            }
            e => ctx.id(e),
        };
        let (id, field) = (u.id, u.field.as_str());
        let mut path = ctx.path(u.owner).token(field);
        if let (Entity::Membership(m), Reference::NominatedBy) = (u.owner, u.field) {
            if let Some(k) = ctx
                .membership(m)
                .nominated_by
                .iter()
                .position(|n| n.as_str() == id)
            {
                path = path.index(k);
            }
        }
        out.push(
            path,
            format!(
                "{} names `{id}` as its `{field}`, {problem}",
                ctx.label(u.owner)
            ),
        )
        .related([owner_id, id])
        .help("correct the id, or add the entity it should name");
    }
}
