use crate::context::{Context, Entity};
use crate::model::Placement;
use crate::rules::{Check, Findings, Subjects};
use crate::words::article;

declare_rule! {
    /// ### What it checks
    ///
    /// That a body sits on a footprint of the tier its kind works at: an integrated care
    /// board, integrated care partnership, provider collaborative or trust on a system; a
    /// place-based partnership or health and wellbeing board on a place; a primary care
    /// network or GP practice on a neighbourhood. NHS England, its regions and the CQC have no
    /// footprint. A local authority may sit on any tier.
    ///
    /// ### Why it matters
    ///
    /// The kind of a body fixes the tier it works at (NHS Act 2006 Sch 1B for ICBs; the
    /// Network DES for primary care networks; docs/domain.md invariant 4). A primary care network
    /// placed on a whole system would count its population against the wrong range and hide
    /// the neighbourhood it serves.
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "footprints": [
    ///     {"id": "lsc", "name": "Lancashire and South Cumbria", "tier": "system"}
    ///   ],
    ///   "bodies": [
    ///     {"id": "U19808", "name": "Lancaster PCN", "kind": "primary_care_network", "footprint": "lsc"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Put the body on a footprint of the right tier, or correct its kind.
    pub static BODY_FOOTPRINT_TIER = {
        code: "ICS102",
        name: "body-footprint-tier",
        severity: Error,
        basis: Structure("body kinds and tiers: docs/domain.md body table and invariant 4"),
        summary: "a body sits on a footprint of the tier its kind works at",
        subjects: Subjects::Bodies(&[]),
        check: Check::Body(check),
        // The body and its footprint only: no relationship.
        reads: &[],
    };
}

fn tiers_text(tiers: &[crate::model::Tier]) -> String {
    let names: Vec<&str> = tiers.iter().map(|t| t.as_str()).collect();
    names.join(" or ")
}

fn check(ctx: &Context<'_>, i: u32, out: &mut Findings) {
    let subject = Entity::Body(i);
    let Some(f) = ctx.body_footprint(i) else {
        return;
    };
    let kind = ctx.body_kind(i);
    let problem = match kind.placement() {
        Placement::Any => return,
        Placement::NoFootprint => format!("{kind} has no footprint of its own"),
        Placement::Tiers(tiers) if tiers.contains(&ctx.footprint_tier(f)) => return,
        Placement::Tiers(tiers) => {
            format!(
                "{} {} sits on a {} footprint",
                article(kind.as_str()),
                kind,
                tiers_text(tiers)
            )
        }
    };
    out.push(
        ctx.path(subject).token("footprint"),
        format!(
            "{} is on {}; {problem}",
            ctx.label(subject),
            ctx.footprint_label(f)
        ),
    )
    .related([ctx.body(i).id.as_str(), ctx.footprint(f).id.as_str()])
    .help(match kind.placement() {
        Placement::NoFootprint => "remove the body's `footprint`".to_owned(),
        _ => "put the body on a footprint of the right tier, or correct its kind".to_owned(),
    });
}
