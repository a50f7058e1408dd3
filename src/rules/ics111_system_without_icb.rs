use crate::context::{Context, Entity};
use crate::model::BodyKind;
use crate::rules::{Check, Findings, Subjects};

declare_rule! {
    /// ### What it checks
    ///
    /// When the dataset has integrated care boards, that from 1 July 2022 every system
    /// footprint in force is the area of an ICB in force: an ICB sits on it. Before that date
    /// systems were sustainability and transformation partnerships or shadow ICSs, with no
    /// statutory body, and are not checked. A dataset with no ICB at all (one that describes
    /// only places and networks, say) is not checked either.
    ///
    /// ### Why it matters
    ///
    /// The NHS Act 2006 s14Z25(4) has NHS England ensure that "at all times on and after the
    /// appointed day" (1 July 2022) the areas of ICBs together cover the whole of England. A
    /// system footprint with no ICB is an area outside every ICB's area, or an ICB that is
    /// missing from the data (see
    /// [the domain notes](https://github.com/icsgov/icsgov/blob/main/docs/domain.md#integrated-care-boards)).
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "footprints": [
    ///     {"id": "system-a", "name": "An invented system", "tier": "system", "valid_from": "2022-07-01"}
    ///   ],
    ///   "bodies": [
    ///     {"id": "icb-a", "name": "An invented ICB that ends", "kind": "integrated_care_board", "footprint": "system-a", "valid_from": "2022-07-01", "valid_to": "2026-03-31"},
    ///     {"id": "icb-b", "name": "Another invented ICB", "kind": "integrated_care_board", "valid_from": "2022-07-01"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Add the ICB whose area the footprint is (with `footprint` naming it), or end the
    /// footprint when its ICB ends.
    pub static SYSTEM_WITHOUT_ICB = {
        code: "ICS111",
        name: "system-without-icb",
        severity: Error,
        basis: Law("NHS Act 2006 s14Z25: the areas of ICBs together cover England, from 1 July 2022"),
        summary: "from 1 July 2022 every system footprint is the area of an integrated care board",
        subjects: Subjects::Footprints,
        check: Check::Footprint(check),
        widen: widen,
        dates: &[ICBS_FROM],
    };
}

fn widen(ctx: &Context<'_>, changed: Entity, _: &mut dyn FnMut(Entity)) -> bool {
    // Whether the dataset has ICBs at all decides whether the rule applies.
    matches!(changed, Entity::Body(b) if ctx.body_kind(b) == BodyKind::IntegratedCareBoard)
}

const ICBS_FROM: (u16, u8, u8) = (2022, 7, 1);

fn check(ctx: &Context<'_>, f: u32, out: &mut Findings) {
    let subject = Entity::Footprint(f);
    let Some(i) = ctx.system_in_force(subject) else {
        return;
    };
    if ctx.all_bodies_of(BodyKind::IntegratedCareBoard).is_empty()
        || ctx.is_before(ICBS_FROM)
        || ctx
            .bodies_of_kind_on(i, BodyKind::IntegratedCareBoard)
            .next()
            .is_some()
    {
        return;
    }
    let f = ctx.footprint(i);
    out.push(
        ctx.path(subject),
        format!(
            "{} is not the area of any integrated care board",
            ctx.footprint_label(i)
        ),
    )
    .related([f.id.as_str()])
    .help("add the integrated care board whose area this is, with \"footprint\" naming it");
}
