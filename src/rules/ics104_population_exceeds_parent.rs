use crate::context::{count, people, Context, Entity};
use crate::rules::{Findings, Subjects};

declare_rule! {
    /// ### What it checks
    ///
    /// That the populations of the footprints within a footprint add up to no more than its
    /// own: the places of a system, the neighbourhoods of a place. Footprints without a
    /// population are left out of the sum.
    ///
    /// ### Why it matters
    ///
    /// Every person in a neighbourhood lives in its place, and every person in a place in its
    /// system. Children adding up to more than their parent means a figure is wrong or a
    /// footprint is counted under two parents (arithmetic on the tier nesting; DOMAIN
    /// invariant 6).
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "footprints": [
    ///     {"id": "lsc", "name": "Lancashire and South Cumbria", "tier": "system", "population": 500000},
    ///     {"id": "morecambe-bay", "name": "Morecambe Bay", "tier": "place", "within": "lsc", "population": 360000},
    ///     {"id": "fylde-coast", "name": "Fylde Coast", "tier": "place", "within": "lsc", "population": 352000}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Correct the parent's or the children's populations, or move a child that belongs
    /// elsewhere.
    pub static POPULATION_EXCEEDS_PARENT = {
        code: "ICS104",
        name: "population-exceeds-parent",
        severity: Error,
        basis: Structure("arithmetic on the tier nesting: DOMAIN invariant 6"),
        summary: "the populations within a footprint add up to no more than its own",
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
    let Some(pop) = f.population else { return };
    let children: Vec<u32> = ctx.children(i).collect();
    let sum: u128 = children
        .iter()
        .filter_map(|&c| ctx.footprint(c).population)
        .map(u128::from)
        .sum();
    if sum <= u128::from(pop) {
        return;
    }
    let counted = children
        .iter()
        .filter(|&&c| ctx.footprint(c).population.is_some())
        .count();
    out.push(
        ctx.path(subject),
        format!(
            "the {} within {} {} up to {} people, more than its population of {}",
            count(counted, "footprint", "footprints"),
            ctx.footprint_label(i),
            if counted == 1 { "adds" } else { "add" },
            people(sum),
            people(pop)
        ),
    )
    .related(
        std::iter::once(f.id.as_str())
            .chain(children.iter().map(|&c| ctx.footprint(c).id.as_str())),
    )
    .magnitude(u64::try_from(sum - u128::from(pop)).unwrap_or(u64::MAX))
    .help("correct the populations, or move a footprint that belongs elsewhere");
}
