use crate::context::{Context, Entity};
use crate::rules::{Check, Findings, Subjects};
use crate::words::{count, people};

declare_rule! {
    /// ### What it checks
    ///
    /// That the footprints within a footprint cover its population, to within the policy's
    /// coverage tolerance (5% by default). It is checked only when the parent and every child
    /// have a population, and the children do not already add up to more (ICS104 reports
    /// that).
    ///
    /// The finding names the footprint. Across a timeline it is one finding for as long as
    /// the shortfall lasts, however often the figures change, with the figures of its first
    /// day and the number of dates on which they change.
    ///
    /// ### Why it matters
    ///
    /// Every resident of a system should be in one of its places, and every registered patient
    /// of a place in one of its neighbourhoods. A shortfall means a place or neighbourhood is
    /// missing from the dataset, or people are left without one (arithmetic on the tier
    /// nesting; docs/domain.md invariant 6). Figures come from different sources and dates, so a small
    /// gap is normal: findings are warnings.
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "footprints": [
    ///     {"id": "lsc", "name": "Lancashire and South Cumbria", "tier": "system", "population": 1800000},
    ///     {"id": "morecambe-bay", "name": "Morecambe Bay", "tier": "place", "within": "lsc", "population": 360000}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Add the missing footprints, correct the populations, or widen `coverage_tolerance` in
    /// the policy when the figures come from sources that are known to differ.
    pub static POPULATION_COVERAGE = {
        code: "ICS105",
        name: "population-coverage",
        severity: Warning,
        basis: Structure("arithmetic on the tier nesting: docs/domain.md invariant 6"),
        summary: "the populations within a footprint cover its own, within the coverage tolerance",
        subjects: Subjects::Footprints,
        check: Check::Footprint(check),
        // The footprint and those within it: none of the bodies on it.
        reads: &[],
    };
}

/// A fraction as a percentage to at most two decimals, without trailing zeros: 0.05 → `5`,
/// 0.075 → `7.5`.
fn percent(fraction: f64) -> String {
    let s = format!("{:.2}", fraction * 100.0);
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn check(ctx: &Context<'_>, i: u32, out: &mut Findings) {
    let subject = Entity::Footprint(i);
    let tolerance = ctx.policy().coverage_tolerance;
    let f = ctx.footprint(i);
    let Some(pop) = f.population.filter(|&p| p > 0) else {
        return;
    };
    let within = ctx.child_totals(i);
    if within.count == 0 || within.missing > 0 {
        return;
    }
    let sum = within.sum;
    if sum > u128::from(pop) {
        return;
    }
    let short = u128::from(pop) - sum;
    let allowed = (pop as f64 * tolerance).floor() as u128;
    if short <= allowed {
        return;
    }
    out.push(
        ctx.path(subject),
        format!(
            "the {} within {} {} up to {} people, {} short of its population of {}; the tolerance is {}% ({} people)",
            count(within.count as usize, "footprint", "footprints"),
            ctx.footprint_label(i),
            if within.count == 1 { "adds" } else { "add" },
            people(sum),
            people(short),
            people(pop),
            percent(tolerance),
            people(allowed)
        ),
    )
    .related([f.id.as_str()])
    .figures_vary("short")
    .magnitude(u64::try_from(short).unwrap_or(u64::MAX))
    .help("add the missing footprints or correct the populations");
}
