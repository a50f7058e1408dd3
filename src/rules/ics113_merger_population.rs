use std::collections::BTreeMap;

use crate::context::{Context, Entity};
use crate::model::RelationshipKind;
use crate::rules::{Check, Findings, Subjects};
use crate::words::people;

declare_rule! {
    /// ### What it checks
    ///
    /// That a merger neither loses people nor counts them twice: when two or more bodies are
    /// `succeeded_by` one (ICBs merging on 1 April 2026, CCGs into an ICB on 1 July 2022), the
    /// population of the successor's footprint is the sum of its predecessors' footprints'
    /// populations, within the policy's coverage tolerance (5% by default). Checked when every
    /// one of them has a footprint with a population, and only when each predecessor went to
    /// this successor alone: a body split between successors (Frimley ICB in April 2026, its
    /// parts going to two new ICBs and to Hampshire and Isle of Wight) cannot be added up
    /// whole on either side, so such a merger is not checked.
    ///
    /// ### Why it matters
    ///
    /// A merged ICB's area is its predecessors' areas put together. A successor with fewer
    /// people than its predecessors had has lost part of an area (a sub-ICB location that went
    /// nowhere); one with more has gained an area from elsewhere, or counts people twice.
    /// Populations counted at different dates differ a little, hence a warning and a tolerance.
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "footprints": [
    ///     {"id": "system-a", "name": "Area A", "tier": "system", "population": 900000, "valid_to": "2026-03-31"},
    ///     {"id": "system-b", "name": "Area B", "tier": "system", "population": 600000, "valid_to": "2026-03-31"},
    ///     {"id": "system-ab", "name": "Areas A and B", "tier": "system", "population": 1200000, "valid_from": "2026-04-01"}
    ///   ],
    ///   "bodies": [
    ///     {"id": "icb-a", "name": "An invented ICB A", "kind": "integrated_care_board", "footprint": "system-a", "valid_from": "2022-07-01", "valid_to": "2026-03-31"},
    ///     {"id": "icb-b", "name": "An invented ICB B", "kind": "integrated_care_board", "footprint": "system-b", "valid_from": "2022-07-01", "valid_to": "2026-03-31"},
    ///     {"id": "icb-ab", "name": "An invented merged ICB", "kind": "integrated_care_board", "footprint": "system-ab", "valid_from": "2026-04-01"}
    ///   ],
    ///   "relationships": [
    ///     {"kind": "succeeded_by", "from": "icb-a", "to": "icb-ab"},
    ///     {"kind": "succeeded_by", "from": "icb-b", "to": "icb-ab"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Find the area that was lost or gained: a sub-ICB location left behind or moved in, or
    /// a population counted at another date; correct the footprints, or record the tolerance
    /// in the policy.
    pub static MERGER_POPULATION = {
        code: "ICS113",
        name: "merger-population",
        severity: Warning,
        basis: Structure("arithmetic across a merger: the successor's area is its predecessors' areas"),
        summary: "a merger's successor has its predecessors' population, within the coverage tolerance",
        subjects: Subjects::Once,
        check: Check::Model(check),
    };
}

/// The population of a body's footprint, when it has one with a population.
fn population(ctx: &Context<'_>, b: u32) -> Option<u64> {
    ctx.footprint(ctx.body_footprint(b)?).population
}

fn check(ctx: &Context<'_>, out: &mut Findings) {
    // Successor → its predecessors, over every date: a merger is a fact of history.
    let mut mergers: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for r in 0..ctx.model().relationships.len() as u32 {
        if ctx.relationship_kind(r) != RelationshipKind::SucceededBy {
            continue;
        }
        if let Some((old, new)) = ctx.ends(r) {
            mergers.entry(new).or_default().push(old);
        }
    }
    // How many successors each predecessor has: a split predecessor's people went to several.
    let mut successors: BTreeMap<u32, usize> = BTreeMap::new();
    for olds in mergers.values() {
        let mut seen = olds.clone();
        seen.sort_unstable();
        seen.dedup();
        for o in seen {
            *successors.entry(o).or_default() += 1;
        }
    }
    let tolerance = ctx.policy().coverage_tolerance;
    for (new, mut olds) in mergers {
        ctx.sort_bodies_by_id(&mut olds);
        if olds.len() < 2 || olds.iter().any(|o| successors.get(o) > Some(&1)) {
            continue;
        }
        let Some(after) = population(ctx, new) else {
            continue;
        };
        let Some(before) = olds
            .iter()
            .map(|&o| population(ctx, o))
            .sum::<Option<u64>>()
        else {
            continue;
        };
        let allowed = (before.max(after) as f64 * tolerance).round() as u64;
        let gap = before.abs_diff(after);
        if gap <= allowed {
            continue;
        }
        let names: Vec<String> = olds.iter().map(|&o| ctx.body_label(o)).collect();
        let change = if after < before {
            format!(
                "{} people fewer: part of their areas went elsewhere",
                people(gap)
            )
        } else {
            format!(
                "{} people more: an area came from elsewhere, or people are counted twice",
                people(gap)
            )
        };
        let mut related = vec![ctx.body(new).id.as_str()];
        related.extend(olds.iter().map(|&o| ctx.body(o).id.as_str()));
        out.push(
            ctx.path(Entity::Body(new)),
            format!(
                "{} succeeds {} with {} people in its area against their {}, {change}; the tolerance is {}% ({} people)",
                ctx.body_label(new),
                names.join(" and "),
                people(after),
                people(before),
                (tolerance * 100.0).round(),
                people(allowed)
            ),
        )
        .related(related)
        .magnitude(gap)
        .help("find the sub-ICB location or area that was left behind or moved in, and correct the footprints");
    }
}
