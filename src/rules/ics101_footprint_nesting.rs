use crate::context::{Context, Entity};
use crate::model::Tier;
use crate::rules::{Check, Findings, Subjects};

declare_rule! {
    /// ### What it checks
    ///
    /// That footprints nest by tier: a neighbourhood sits within exactly one place, a place
    /// within exactly one system, and a system within no other footprint.
    ///
    /// ### Why it matters
    ///
    /// Integrated care systems work at three tiers: system, place and neighbourhood. A place
    /// outside any system, or a neighbourhood hung directly off a system, breaks the roll-up
    /// of populations and of responsibility (docs/domain.md invariant 4; NHS England, *Thriving
    /// places*, 2021).
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "footprints": [
    ///     {"id": "lsc", "name": "Lancashire and South Cumbria", "tier": "system"},
    ///     {"id": "nbh-lancaster", "name": "Lancaster", "tier": "neighbourhood", "within": "lsc"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Set `within` to the footprint one tier up: a neighbourhood's place, a place's system.
    /// Remove `within` from a system.
    pub static FOOTPRINT_NESTING = {
        code: "ICS101",
        name: "footprint-nesting",
        severity: Error,
        basis: Structure("tiers of an integrated care system: docs/domain.md invariant 4"),
        summary: "a neighbourhood sits within one place, a place within one system, a system within nothing",
        subjects: Subjects::Footprints,
        check: Check::Footprint(check),
        // The footprint and the one it sits within: none of the bodies on it.
        reads: &[],
    };
}

fn check(ctx: &Context<'_>, i: u32, out: &mut Findings) {
    let subject = Entity::Footprint(i);
    let f = ctx.footprint(i);
    let me = subject;
    match (f.tier.parent(), &f.within, ctx.parent(i)) {
        (None, Some(_), Some(p)) => {
            out.push(
                ctx.path(me).token("within"),
                format!(
                    "{} sits within {}; a system sits within no other footprint",
                    ctx.label(me),
                    ctx.footprint_label(p)
                ),
            )
            .related([f.id.as_str(), ctx.footprint(p).id.as_str()])
            .help("remove `within` from the system, or correct its tier");
        }
        (Some(want), None, _) => {
            out.push(
                ctx.path(me),
                format!(
                    "{} sits within no {want}; a {} must sit within exactly one {want}",
                    ctx.label(me),
                    f.tier
                ),
            )
            .related([f.id.as_str()])
            .help(format!(
                "set `within` to the id of the {want} it belongs to"
            ));
        }
        (Some(want), Some(_), Some(p)) if ctx.footprint_tier(p) != want => {
            out.push(
                ctx.path(me).token("within"),
                format!(
                    "{} sits within {}; a {} must sit within a {want}",
                    ctx.label(me),
                    ctx.footprint_label(p),
                    f.tier
                ),
            )
            .related([f.id.as_str(), ctx.footprint(p).id.as_str()])
            .help(if want == Tier::Place {
                "put the neighbourhood within the place it belongs to"
            } else {
                "put the place within the system it belongs to"
            });
        }
        // Correct, or `within` names nothing, which ICS002 reports.
        _ => {}
    }
}
