use crate::context::{people, Context, Entity};
use crate::rules::{Findings, Subjects};

declare_rule! {
    /// ### What it checks
    ///
    /// That a footprint's population lies within its tier's range in the policy. The default
    /// ranges are the seed's: places 114,000 to 566,000, neighbourhoods 30,000 to 50,000;
    /// systems are not checked unless the policy sets a range.
    ///
    /// ### Why it matters
    ///
    /// Primary care networks normally serve 30,000 to 50,000 registered patients (Network
    /// Contract DES), and places are sized so that partners can plan together. These are
    /// guidance with known exceptions (commissioners may waive the PCN minimum), so findings
    /// are warnings (DOMAIN invariant 5).
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "footprints": [
    ///     {"id": "lsc", "name": "Lancashire and South Cumbria", "tier": "system"},
    ///     {"id": "morecambe-bay", "name": "Morecambe Bay", "tier": "place", "within": "lsc", "population": 360000},
    ///     {"id": "nbh-lancaster", "name": "Lancaster", "tier": "neighbourhood", "within": "morecambe-bay", "population": 60000}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Check the population figure. Where a size outside the range is agreed (a waiver of the
    /// PCN minimum, say), change the tier's range in the policy or set this rule to `allow`.
    pub static POPULATION_RANGE = {
        code: "ICS103",
        name: "population-range",
        severity: Warning,
        basis: Guidance("Network Contract DES (PCNs of 30,000 to 50,000); seed place sizes: DOMAIN invariant 5"),
        summary: "a footprint's population lies within its tier's configured range",
        subjects: Subjects::Footprints,
    };
}

fn check(ctx: &Context<'_>, subject: Entity, out: &mut Findings) {
    let Entity::Footprint(i) = subject else {
        return;
    };
    if !ctx.in_force(subject) {
        return;
    }
    let f = ctx.footprint(i);
    let (Some(pop), Some(range)) = (f.population, ctx.policy().population.for_tier(f.tier)) else {
        return;
    };
    if range.contains(pop) {
        return;
    }
    let side = if pop < range.min { "below" } else { "above" };
    out.push(
        ctx.path(subject),
        format!(
            "{} has a population of {}, {side} the {} range of {} to {}",
            ctx.footprint_label(i),
            people(pop),
            f.tier,
            people(range.min),
            people(range.max)
        ),
    )
    .related([f.id.as_str()])
    .magnitude(if pop < range.min {
        range.min - pop
    } else {
        pop - range.max
    })
    .help(format!(
        "check the figure; if this size is agreed, change the {} range in the policy",
        f.tier
    ));
}
