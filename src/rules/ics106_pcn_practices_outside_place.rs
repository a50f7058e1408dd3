use crate::context::{Context, Entity};
use crate::model::BodyKind;
use crate::rules::pcn_practices::{
    commissioned_from_elsewhere, members, takes_from_elsewhere, widen,
};
use crate::rules::{Check, Findings, Subjects};
use crate::words::count;

declare_rule! {
    /// ### What it checks
    ///
    /// That the GP practices of a primary care network are commissioned from the PCN's own
    /// place: for each member practice commissioned by a body on a place footprint (a sub-ICB
    /// location), that place is the one the PCN's neighbourhood sits within.
    ///
    /// ### Why it matters
    ///
    /// A PCN is meant to serve one contiguous neighbourhood within one place, so that its
    /// population, funding and plans roll up to one commissioner (Network Contract DES;
    /// docs/domain.md invariant 12). Real data breaks this: some PCNs take practices from a
    /// neighbouring sub-ICB location, so their patients are counted under two places. Known
    /// and tolerated, hence a warning.
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "footprints": [
    ///     {"id": "lsc", "name": "Lancashire and South Cumbria", "tier": "system"},
    ///     {"id": "place-00R", "name": "Blackpool", "tier": "place", "within": "lsc"},
    ///     {"id": "place-02M", "name": "Fylde and Wyre", "tier": "place", "within": "lsc"},
    ///     {"id": "nbh-U87975", "name": "Torentum", "tier": "neighbourhood", "within": "place-00R"}
    ///   ],
    ///   "bodies": [
    ///     {"id": "00R", "name": "Blackpool sub-ICB location", "kind": "sub_icb_location", "footprint": "place-00R"},
    ///     {"id": "02M", "name": "Fylde and Wyre sub-ICB location", "kind": "sub_icb_location", "footprint": "place-02M"},
    ///     {"id": "U87975", "name": "Torentum PCN", "kind": "primary_care_network", "footprint": "nbh-U87975"},
    ///     {"id": "P81001", "name": "A practice", "kind": "gp_practice", "footprint": "nbh-U87975"}
    ///   ],
    ///   "relationships": [
    ///     {"kind": "member_of", "from": "P81001", "to": "U87975"},
    ///     {"kind": "commissions", "from": "02M", "to": "P81001"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Check the practice's commissioner and the PCN's place. Where the arrangement is real,
    /// record it in a waiver so that it is reviewed; otherwise correct the data.
    pub static PCN_PRACTICES_OUTSIDE_PLACE = {
        code: "ICS106",
        name: "pcn-practices-outside-place",
        severity: Warning,
        basis: Guidance("Network Contract DES: a PCN serves one neighbourhood; docs/domain.md invariant 12"),
        summary: "a primary care network's practices are commissioned from the PCN's own place",
        subjects: Subjects::Bodies(&[BodyKind::PrimaryCareNetwork]),
        check: Check::Body(check),
        widen: widen,
    };
}

fn check(ctx: &Context<'_>, pcn: u32, out: &mut Findings) {
    let subject = Entity::Body(pcn);
    let Some(place) = ctx.body_footprint(pcn).and_then(|n| ctx.parent(n)) else {
        return;
    };
    if !takes_from_elsewhere(ctx, pcn, place) {
        return;
    }
    let from_elsewhere = |p: u32| commissioned_from_elsewhere(ctx, p, place);
    let practices = members(ctx, pcn);
    let mut outside: Vec<(u32, u32)> = practices
        .iter()
        .filter_map(|&p| from_elsewhere(p).map(|by| (p, by)))
        .collect();
    // Each practice once (`members`), listed in order of id.
    outside.sort_unstable_by(|a, b| ctx.cmp_bodies_by_id(a.0, b.0));
    let listed: Vec<String> = outside
        .iter()
        .map(|&(p, by)| {
            format!(
                "{} (by {} {})",
                ctx.body(p).id,
                ctx.body_kind(by),
                ctx.body(by).id
            )
        })
        .collect();
    let mut commissioners: Vec<&str> = outside
        .iter()
        .map(|&(_, by)| ctx.body(by).id.as_str())
        .collect();
    commissioners.sort_unstable();
    commissioners.dedup();
    out.push(
        ctx.path(subject),
        format!(
            "{} sits within {}, but {} of its {} {} commissioned from other places: {}",
            ctx.label(subject),
            ctx.footprint_label(place),
            outside.len(),
            count(practices.len(), "practice", "practices"),
            if outside.len() == 1 { "is" } else { "are" },
            listed.join(", ")
        ),
    )
    .related(
        std::iter::once(ctx.body(pcn).id.as_str())
            .chain(outside.iter().map(|&(p, _)| ctx.body(p).id.as_str()))
            .chain(commissioners),
    )
    .magnitude(outside.len() as u64)
    .help("check the practices' commissioner and the PCN's place; if the arrangement is agreed, record a waiver");
}
