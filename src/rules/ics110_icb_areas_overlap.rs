use crate::context::{Context, Entity};
use crate::model::BodyKind;
use crate::rules::{Check, Findings, Subjects};

declare_rule! {
    /// ### What it checks
    ///
    /// That no two integrated care boards cover the same area on the same date: at most one
    /// ICB in force on each system footprint. (A sub-ICB location `part_of` two ICBs at once
    /// is ICS303's.)
    ///
    /// ### Why it matters
    ///
    /// The NHS Act 2006 s14Z25(3) says the area of an ICB "must not coincide or overlap with
    /// the area of any other integrated care board". Two ICBs on one footprint on one day
    /// usually mean a merger was recorded without ending the old boards (see
    /// [the domain notes](https://github.com/icsgov/icsgov/blob/main/docs/domain.md#integrated-care-boards)).
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "footprints": [
    ///     {"id": "system-a", "name": "An invented system", "tier": "system"}
    ///   ],
    ///   "bodies": [
    ///     {"id": "icb-old", "name": "An invented ICB", "kind": "integrated_care_board", "footprint": "system-a", "valid_from": "2022-07-01"},
    ///     {"id": "icb-new", "name": "Its invented successor", "kind": "integrated_care_board", "footprint": "system-a", "valid_from": "2026-04-01"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// End the old board the day before the new one starts (`valid_to`), with a
    /// `succeeded_by` relationship from each old board to the new one; or put each board on
    /// its own system footprint.
    pub static ICB_AREAS_OVERLAP = {
        code: "ICS110",
        name: "icb-areas-overlap",
        severity: Error,
        basis: Law("NHS Act 2006 s14Z25: ICB areas together cover England and do not overlap"),
        summary: "no two integrated care boards cover the same system footprint on the same date",
        subjects: Subjects::Footprints,
        check: Check::Footprint(check),
    };
}

fn check(ctx: &Context<'_>, f: u32, out: &mut Findings) {
    let subject = Entity::Footprint(f);
    let Some(i) = ctx.system_in_force(subject) else {
        return;
    };
    let f = ctx.footprint(i);
    let mut icbs: Vec<u32> = ctx
        .bodies_of_kind_on(i, BodyKind::IntegratedCareBoard)
        .collect();
    ctx.sort_bodies_by_id(&mut icbs);
    if icbs.len() < 2 {
        return;
    }
    let names: Vec<String> = icbs.iter().map(|&b| ctx.body_label(b)).collect();
    out.push(
        ctx.path(subject),
        format!(
            "{} is the area of {} integrated care boards at once: {}",
            ctx.footprint_label(i),
            icbs.len(),
            names.join(", ")
        ),
    )
    .related(std::iter::once(f.id.as_str()).chain(icbs.iter().map(|&b| ctx.body(b).id.as_str())))
    .help(
        "end the old board the day before its successor starts, with succeeded_by from old to new",
    );
}
