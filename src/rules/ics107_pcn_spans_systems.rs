use crate::context::{Context, Entity};
use crate::model::BodyKind;
use crate::rules::pcn_practices::{
    may_span_systems, members, practices_of, system_of_practice, widen,
};
use crate::rules::{Check, Findings, Subjects};

declare_rule! {
    /// ### What it checks
    ///
    /// That the GP practices of a primary care network are all commissioned within one
    /// system: the places (or systems) their commissioners sit on belong to a single
    /// integrated care board's area.
    ///
    /// ### Why it matters
    ///
    /// A neighbourhood nests in one place in one system (docs/domain.md invariant 4), and a
    /// PCN whose practices are commissioned by two ICBs answers to two commissioners with
    /// separate budgets and plans. But no statute governs PCN footprints (Schedule 1B of the
    /// NHS Act 2006 says nothing about PCNs; PCNs exist under the Network Contract DES), and
    /// real data has one such PCN: `U41591`, with practices in Devon (`QJK`) and in Cornwall
    /// and the Isles of Scilly (`QT6`), listed as an active PCN in the October 2025 NHS
    /// England publication. Findings are therefore warnings.
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "footprints": [
    ///     {"id": "system-QJK", "name": "Devon", "tier": "system"},
    ///     {"id": "system-QT6", "name": "Cornwall and the Isles of Scilly", "tier": "system"},
    ///     {"id": "place-15N", "name": "Devon", "tier": "place", "within": "system-QJK"},
    ///     {"id": "place-11N", "name": "Cornwall", "tier": "place", "within": "system-QT6"},
    ///     {"id": "nbh-U41591", "name": "A PCN", "tier": "neighbourhood", "within": "place-15N"}
    ///   ],
    ///   "bodies": [
    ///     {"id": "15N", "name": "Devon sub-ICB location", "kind": "sub_icb_location", "footprint": "place-15N"},
    ///     {"id": "11N", "name": "Cornwall sub-ICB location", "kind": "sub_icb_location", "footprint": "place-11N"},
    ///     {"id": "U41591", "name": "A PCN", "kind": "primary_care_network", "footprint": "nbh-U41591"},
    ///     {"id": "L82001", "name": "Practice one", "kind": "gp_practice"},
    ///     {"id": "L83001", "name": "Practice two", "kind": "gp_practice"}
    ///   ],
    ///   "relationships": [
    ///     {"kind": "member_of", "from": "L82001", "to": "U41591"},
    ///     {"kind": "member_of", "from": "L83001", "to": "U41591"},
    ///     {"kind": "commissions", "from": "15N", "to": "L83001"},
    ///     {"kind": "commissions", "from": "11N", "to": "L82001"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Confirm with both ICBs which one the PCN belongs to; move the odd practice to a PCN of
    /// its own ICB, or its commissioning to the PCN's ICB.
    pub static PCN_SPANS_SYSTEMS = {
        code: "ICS107",
        name: "pcn-spans-systems",
        severity: Warning,
        basis: Guidance("tiers of an integrated care system (docs/domain.md invariant 4); no statute governs PCN footprints"),
        summary: "a primary care network's practices are all commissioned within one system",
        subjects: Subjects::Bodies(&[BodyKind::PrimaryCareNetwork]),
        check: Check::Body(check),
        widen: widen,
    };
}

fn check(ctx: &Context<'_>, pcn: u32, out: &mut Findings) {
    let subject = Entity::Body(pcn);
    if !may_span_systems(ctx, pcn) {
        return;
    }
    let system = |p: u32| system_of_practice(ctx, p);
    // Most PCNs have every practice commissioned in one system, which is found without
    // listing them.
    let mut first = None;
    if !practices_of(ctx, pcn)
        .filter_map(system)
        .any(|s| *first.get_or_insert(s) != s)
    {
        return;
    }
    // (system, its practices); sorted by system id below.
    let mut systems: Vec<(u32, Vec<u32>)> = Vec::new();
    for p in members(ctx, pcn) {
        let Some(of_p) = system(p) else {
            continue;
        };
        match systems.iter_mut().find(|(s, _)| *s == of_p) {
            Some((_, v)) => v.push(p),
            None => systems.push((of_p, vec![p])),
        }
    }
    if systems.len() < 2 {
        return;
    }
    systems.sort_unstable_by(|a, b| ctx.cmp_footprints_by_id(a.0, b.0));
    for (_, ps) in &mut systems {
        ps.sort_unstable_by(|&a, &b| ctx.cmp_bodies_by_id(a, b));
    }
    let listed: Vec<String> = systems
        .iter()
        .map(|(s, ps)| {
            let ids: Vec<&str> = ps.iter().map(|&p| ctx.body(p).id.as_str()).collect();
            format!("{} ({})", ctx.footprint_label(*s), ids.join(", "))
        })
        .collect();
    out.push(
        ctx.path(subject),
        format!("{} has practices commissioned in {} systems: {}", ctx.label(subject), systems.len(), listed.join("; ")),
    )
    .related(
        std::iter::once(ctx.body(pcn).id.as_str())
            .chain(systems.iter().map(|(s, _)| ctx.footprint(*s).id.as_str()))
            .chain(systems.iter().flat_map(|(_, ps)| ps.iter().map(|&p| ctx.body(p).id.as_str()))),
    )
    .magnitude(systems.len() as u64)
    .help("agree with both ICBs which system the PCN belongs to, and move the practice or its commissioning");
}
