use crate::context::{Context, Entity};
use crate::model::{BodyKind, RelationshipKind};
use crate::rules::{Check, Findings, Subjects};

declare_rule! {
    /// ### What it checks
    ///
    /// That every sub-ICB location is part of an integrated care board (`part_of` to an ICB
    /// in force) on every date it exists, on the dates the dataset records ICBs at all. When
    /// ICBs merge (1 April 2026), each sub-ICB location of the old ICBs moves to the new one
    /// on the day: a location whose old ICB ends without a new `part_of` is left with none.
    /// (Two ICBs at once is ICS303.)
    ///
    /// ### Why it matters
    ///
    /// A sub-ICB location is a sub-division of one ICB in ODS: the old CCG area kept as a
    /// reporting geography of the ICB that took over the CCG. One with no ICB has its
    /// practices commissioned by nobody in the data, and its list sizes counted in no ICB.
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "bodies": [
    ///     {"id": "QE1", "name": "NHS Lancashire and South Cumbria ICB", "kind": "integrated_care_board"},
    ///     {"id": "00Q", "name": "NHS Lancashire and South Cumbria ICB - 00Q", "kind": "sub_icb_location"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Add the location's `part_of` relationship to its ICB, starting the day the ICB (or the
    /// merged ICB) takes it over.
    pub static SUB_ICB_LOCATION_WITHOUT_ICB = {
        code: "ICS112",
        name: "sub-icb-location-without-icb",
        severity: Error,
        basis: Structure("ODS: a sub-ICB location is a sub-division of one ICB"),
        summary: "every sub-ICB location is part of an integrated care board",
        subjects: Subjects::Bodies(&[BodyKind::SubIcbLocation]),
        check: Check::Body(check),
        widen: widen,
        reads: &[RelationshipKind::PartOf],
    };
}

/// An ICB that starts or ends the span of dates the dataset records ICBs over changes
/// whether every location is checked.
fn widen(ctx: &Context<'_>, changed: Entity, _: &mut dyn FnMut(Entity)) -> bool {
    super::bounds_span(ctx, changed, BodyKind::IntegratedCareBoard)
}

fn check(ctx: &Context<'_>, i: u32, out: &mut Findings) {
    if !ctx.records_kind(BodyKind::IntegratedCareBoard) {
        return;
    }
    let in_an_icb = ctx
        .outgoing(i, RelationshipKind::PartOf)
        .any(|e| ctx.body_kind(e.to) == BodyKind::IntegratedCareBoard);
    if !in_an_icb {
        let b = ctx.body(i);
        out.push(
            ctx.path(Entity::Body(i)),
            format!("{} is part of no integrated care board", ctx.body_label(i)),
        )
        .related([b.id.as_str()])
        .help(format!(
            "add {{\"kind\": \"part_of\", \"from\": \"{}\", \"to\": \"<ICB id>\"}}, from the day its ICB took it over",
            b.id
        ));
    }
}
