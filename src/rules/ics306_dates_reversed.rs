use crate::context::{Context, Entity};
use crate::rules::{Check, Findings, Subjects};

declare_rule! {
    /// ### What it checks
    ///
    /// That no footprint, body, relationship or seat ends before it starts: `valid_to` is not
    /// earlier than `valid_from`.
    ///
    /// ### Why it matters
    ///
    /// An entity that ends before it starts is never in force, so every check silently
    /// ignores it; it is almost always two dates swapped or a mistyped year.
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "bodies": [
    ///     {"id": "QE1", "name": "NHS Lancashire and South Cumbria ICB", "kind": "integrated_care_board", "valid_from": "2022-07-01", "valid_to": "2022-06-30"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Correct the dates.
    pub static DATES_REVERSED = {
        code: "ICS306",
        name: "dates-reversed",
        severity: Error,
        basis: Structure("validity periods: a period ends on or after it starts"),
        summary: "nothing ends before it starts",
        subjects: Subjects::Once,
        check: Check::Model(check),
    };
}

fn check(ctx: &Context<'_>, out: &mut Findings) {
    let m = ctx.model();
    let entities = (0..m.footprints.len() as u32)
        .map(|i| (Entity::Footprint(i), m.footprints[i as usize].validity()))
        .chain(
            (0..m.bodies.len() as u32).map(|i| (Entity::Body(i), m.bodies[i as usize].validity())),
        )
        // A relationship without dates of its own has none to reverse: the compact tags say
        // so without reading it.
        .chain(
            (0..m.relationships.len() as u32)
                .filter(|&i| ctx.relationship_dated(i))
                .map(|i| {
                    (
                        Entity::Relationship(i),
                        m.relationships[i as usize].validity(),
                    )
                }),
        )
        .chain(
            (0..m.memberships.len() as u32)
                .map(|i| (Entity::Membership(i), m.memberships[i as usize].validity())),
        );
    for (e, v) in entities {
        if let (true, Some(from), Some(to)) = (v.is_reversed(), v.from, v.to) {
            let finding = out.push(
                ctx.path(e).token("valid_to"),
                format!("{} ends on {to}, before it starts on {from}", ctx.label(e)),
            );
            finding.help("correct the dates; valid_to is the last day in force");
            match e {
                Entity::Relationship(r) => {
                    let rel = ctx.relationship(r);
                    finding.related([rel.from.as_str(), rel.to.as_str()]);
                }
                Entity::Membership(i) => {
                    let seat = ctx.membership(i);
                    finding.related([seat.body.as_str(), seat.person.as_str()]);
                }
                _ => {
                    finding.related([ctx.id(e)]);
                }
            }
        }
    }
}
