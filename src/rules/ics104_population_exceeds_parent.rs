use crate::context::{Context, Entity};
use crate::model::{BodyKind, RelationshipKind, Tier};
use crate::rules::pcn_practices::{may_take_from_elsewhere, takes_from_elsewhere};
use crate::rules::{Check, Findings, Subjects};
use crate::words::{count, people};

declare_rule! {
    /// ### What it checks
    ///
    /// That the populations of the footprints within a footprint add up to no more than its
    /// own: the places of a system, the neighbourhoods of a place. Footprints without a
    /// population are left out of the sum, and so is a neighbourhood whose primary care
    /// network has member practices commissioned from another place: part of its population
    /// lies outside this place, which ICS106 reports.
    ///
    /// The finding names the footprint. Across a timeline it is one finding for as long as
    /// the surplus lasts, however often the figures change, with the figures of its first
    /// day and the number of dates on which they change.
    ///
    /// ### Why it matters
    ///
    /// A neighbourhood lies within its place, and a place within its system, so counted on the
    /// same basis (registered patients throughout, or residents throughout) the children
    /// cannot add up to more than their parent. When they do, a figure is wrong, the figures
    /// are on different bases, or a footprint is counted under two parents (arithmetic on the
    /// tier nesting; docs/domain.md invariant 6).
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
        basis: Structure("arithmetic on the tier nesting: docs/domain.md invariant 6"),
        summary: "the populations within a footprint add up to no more than its own",
        subjects: Subjects::Footprints,
        check: Check::Footprint(check),
        widen: widen,
        // The footprints within, and (through `widen`) the PCNs and practices on those: none
        // of the bodies on the footprint itself.
        reads: &[],
    };
}

/// The sum reads the practices of each neighbourhood's PCN and where they are commissioned
/// from: a change to a membership, a commissioning or a PCN affects the place above it,
/// unless that PCN can never take a practice from another place (it never counts then).
fn widen(ctx: &Context<'_>, changed: Entity, push: &mut dyn FnMut(Entity)) -> bool {
    fn place_of(ctx: &Context<'_>, pcn: u32, push: &mut dyn FnMut(Entity)) {
        if !may_take_from_elsewhere(ctx, pcn) {
            return;
        }
        if let Some(p) = ctx.body_footprint(pcn).and_then(|n| ctx.parent(n)) {
            push(Entity::Footprint(p));
        }
    }
    match changed {
        Entity::Relationship(r) => {
            let Some((_, to)) = ctx.ends(r) else {
                return false;
            };
            match ctx.relationship_kind(r) {
                RelationshipKind::MemberOf => place_of(ctx, to, push),
                RelationshipKind::Commissions => {
                    for pcn in ctx.all_outgoing(to, RelationshipKind::MemberOf) {
                        place_of(ctx, pcn, push);
                    }
                }
                _ => {}
            }
            false
        }
        Entity::Body(b) => match ctx.body_kind(b) {
            BodyKind::PrimaryCareNetwork => {
                place_of(ctx, b, push);
                false
            }
            BodyKind::GpPractice => {
                for pcn in ctx.all_outgoing(b, RelationshipKind::MemberOf) {
                    place_of(ctx, pcn, push);
                }
                false
            }
            // A commissioner moving changes where every practice it commissions is.
            kind => matches!(
                kind,
                BodyKind::SubIcbLocation
                    | BodyKind::IntegratedCareBoard
                    | BodyKind::ClinicalCommissioningGroup
            ),
        },
        _ => false,
    }
}

/// Whether a neighbourhood's primary care network has a member practice commissioned from a
/// place other than `place`.
fn takes_practices_from_elsewhere(ctx: &Context<'_>, neighbourhood: u32, place: u32) -> bool {
    ctx.bodies_on(neighbourhood)
        .filter(|&b| ctx.body_kind(b) == BodyKind::PrimaryCareNetwork)
        // The PCN's place is `place`, as its neighbourhood is within it.
        .any(|pcn| takes_from_elsewhere(ctx, pcn, place))
}

fn check(ctx: &Context<'_>, i: u32, out: &mut Findings) {
    let subject = Entity::Footprint(i);
    let f = ctx.footprint(i);
    let Some(pop) = f.population else { return };
    // What all the footprints within add up to, read without visiting each of them. Leaving
    // some out only lowers the sum, so within the population nothing is over.
    let within = ctx.child_totals(i);
    if within.sum <= u128::from(pop) {
        return;
    }
    // Only a place can have neighbourhoods whose PCNs take practices from other places; they
    // are left out, which means visiting each neighbourhood's practices.
    let (counted, sum, straddling) = if f.tier == Tier::Place && ctx.pcns_below(i) {
        let (children, straddling): (Vec<u32>, Vec<u32>) = ctx
            .children(i)
            .partition(|&c| !takes_practices_from_elsewhere(ctx, c, i));
        let pops = || children.iter().filter_map(|&c| ctx.footprint(c).population);
        (
            pops().count(),
            pops().map(u128::from).sum::<u128>(),
            straddling.len(),
        )
    } else {
        ((within.count - within.missing) as usize, within.sum, 0)
    };
    if sum <= u128::from(pop) {
        return;
    }
    let left_out = if straddling == 0 {
        String::new()
    } else {
        format!(
            " ({} whose PCNs take practices from other places left out)",
            count(straddling, "neighbourhood", "neighbourhoods")
        )
    };
    out.push(
        ctx.path(subject),
        format!(
            "the {} within {} {} up to {} people, more than its population of {}{left_out}",
            count(counted, "footprint", "footprints"),
            ctx.footprint_label(i),
            if counted == 1 { "adds" } else { "add" },
            people(sum),
            people(pop)
        ),
    )
    .related([f.id.as_str()])
    .figures_vary("over")
    .magnitude(u64::try_from(sum - u128::from(pop)).unwrap_or(u64::MAX))
    .help("correct the populations, or move a footprint that belongs elsewhere");
}
