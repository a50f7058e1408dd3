use crate::context::{Context, Entity};
use crate::rules::{Check, Findings, Subjects};
use crate::words::people;

declare_rule! {
    /// ### What it checks
    ///
    /// That a footprint's population lies within its tier's range in the policy. The default
    /// is the one that applies to all of England: a neighbourhood (a primary care network)
    /// has 30,000 people or more. Places and systems are not checked unless the policy sets a
    /// range.
    ///
    /// ### Why it matters
    ///
    /// What is contract, what is local and what is law:
    ///
    /// - **Contract.** The Network Contract DES sets a minimum list size of 30,000 for a
    ///   primary care network, which the commissioner may waive (rural and remote practices,
    ///   for example). 50,000 is typical, not a limit, so there is no default maximum.
    /// - **Local.** Places are defined by each system; a range such as Lancashire and South
    ///   Cumbria's 114,000 to 566,000 is that system's own and belongs in its policy
    ///   (`examples/icsgov.toml`).
    /// - **Law.** No statute sizes a place or a system.
    ///
    /// Because the minimum may be waived, findings are warnings; record an agreed waiver in
    /// the policy's `waivers`. See
    /// [the domain notes](https://github.com/icsgov/icsgov/blob/main/docs/domain.md#primary-care-networks).
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "footprints": [
    ///     {"id": "lsc", "name": "Lancashire and South Cumbria", "tier": "system"},
    ///     {"id": "morecambe-bay", "name": "Morecambe Bay", "tier": "place", "within": "lsc", "population": 360000},
    ///     {"id": "nbh-small", "name": "A small network", "tier": "neighbourhood", "within": "morecambe-bay", "population": 8000}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Check the population figure. Where the commissioner has waived the PCN minimum, record
    /// the waiver in the policy (`[[waivers]]`, with its reason, owner and expiry); where a
    /// system sizes its places, set the place range in its policy.
    pub static POPULATION_RANGE = {
        code: "ICS103",
        name: "population-range",
        severity: Warning,
        basis: Guidance("Network Contract DES: PCN minimum list size 30,000, waivable by the commissioner; place ranges are local policy"),
        summary: "a footprint's population lies within its tier's configured range",
        subjects: Subjects::Footprints,
        check: Check::Footprint(check),
        // The footprint's own population: none of the bodies on it.
        reads: &[],
    };
}

fn check(ctx: &Context<'_>, i: u32, out: &mut Findings) {
    let subject = Entity::Footprint(i);
    let f = ctx.footprint(i);
    let (Some(pop), Some(range)) = (f.population, ctx.policy().population.for_tier(f.tier)) else {
        return;
    };
    if range.contains(pop) {
        return;
    }
    let side = if range.min.is_some_and(|m| pop < m) {
        "below"
    } else {
        "above"
    };
    out.push(
        ctx.path(subject),
        format!(
            "{} has a population of {}, {side} the {} range of {}",
            ctx.footprint_label(i),
            people(pop),
            f.tier,
            range.describe()
        ),
    )
    .related([f.id.as_str()])
    .magnitude(range.distance(pop))
    .help(format!(
        "check the figure; if the commissioner has agreed this size, record a waiver in the policy, or change the {} range there",
        f.tier
    ));
}
