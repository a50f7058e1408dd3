use crate::context::{Context, Entity};
use crate::model::RelationshipKind;
use crate::rules::{Check, Findings, Subjects};

declare_rule! {
    /// ### What it checks
    ///
    /// That a dated relationship is in force only while both the bodies it joins exist: its
    /// own `valid_from` and `valid_to` must not put it in force on a day when its `from` or
    /// `to` body has not yet been established or has been abolished. An undated relationship
    /// simply lasts as long as both its ends, and is never reported; nor is `succeeded_by`,
    /// which joins a body that ends to one that begins.
    ///
    /// ### Why it matters
    ///
    /// A relationship is only in force while both its ends exist (docs/domain.md invariant 13). A
    /// membership dated from 2019 to an ICB established on 1 July 2022, or a council convening
    /// a partnership after the council was abolished, records something that cannot have
    /// happened, and usually means a date was mistyped or a successor body is missing.
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "bodies": [
    ///     {"id": "nhse", "name": "NHS England", "kind": "nhs_england"},
    ///     {"id": "QE1", "name": "NHS Lancashire and South Cumbria ICB", "kind": "integrated_care_board", "valid_from": "2022-07-01"}
    ///   ],
    ///   "relationships": [
    ///     {"kind": "approves_constitution", "from": "nhse", "to": "QE1", "valid_from": "2022-04-01"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Correct the relationship's dates to lie within both bodies' lifetimes, or the bodies'
    /// dates; where a body was succeeded, point the later part of the relationship at its
    /// successor.
    pub static RELATIONSHIP_OUTLIVES_ITS_ENDS = {
        code: "ICS301",
        name: "relationship-outlives-its-ends",
        severity: Error,
        basis: Structure("a relationship is in force only while both its ends exist: docs/domain.md invariant 13"),
        summary: "a dated relationship is in force only while both its bodies exist",
        // Every kind of relationship; a succession, which joins a body that ends to one
        // that begins, is passed over in the check.
        subjects: Subjects::Relationships(&[]),
        check: Check::Relationship(check),
        // A relationship whose ends have gone is not in force: it must be seen anyway.
        any_date: true,
    };
}

fn check(ctx: &Context<'_>, r: u32, out: &mut Findings) {
    // Only a relationship with dates of its own can outlive its ends: most have none, and
    // the compact tags say so without reading the relationship.
    if !ctx.relationship_dated(r) || ctx.relationship_kind(r) == RelationshipKind::SucceededBy {
        return;
    }
    let rel = ctx.relationship(r);
    let (Some(at), Some((f, t))) = (ctx.at(), ctx.ends(r)) else {
        return;
    };
    let own = rel.validity();
    if own == Default::default() || !own.includes(at) {
        return;
    }
    let missing: Vec<u32> = [f, t]
        .into_iter()
        .filter(|&b| !ctx.in_force(Entity::Body(b)))
        .collect();
    let Some(&first) = missing.first() else {
        return;
    };
    let b = ctx.body(first);
    out.push(
        ctx.relationship_path(r),
        format!(
            "{} is dated {own}, but {} does not exist for all of that time (it exists {})",
            ctx.relationship_label(r),
            ctx.body_label(first),
            b.validity()
        ),
    )
    .related(std::iter::once(rel.from.as_str()).chain(std::iter::once(rel.to.as_str())))
    .help("bring the relationship's dates within both bodies' lifetimes, or point it at the successor body");
}
