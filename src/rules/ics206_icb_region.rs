use crate::context::{Context, Entity};
use crate::model::{BodyKind, RelationshipKind};
use crate::rules::{Check, Findings, Subjects};

declare_rule! {
    /// ### What it checks
    ///
    /// When the dataset has NHS England regions, that every integrated care board is `part_of`
    /// exactly one of them.
    ///
    /// ### Why it matters
    ///
    /// NHS England oversees ICBs through its seven regions; in ODS each ICB "is a sub-division
    /// of" exactly one region (docs/domain.md invariant 9). An ICB in no region has no regional
    /// oversight; one in two has two.
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "bodies": [
    ///     {"id": "Y62", "name": "NHS England North West", "kind": "nhs_england_region"},
    ///     {"id": "Y60", "name": "NHS England Midlands", "kind": "nhs_england_region"},
    ///     {"id": "QE1", "name": "NHS Lancashire and South Cumbria ICB", "kind": "integrated_care_board"}
    ///   ],
    ///   "relationships": [
    ///     {"kind": "part_of", "from": "QE1", "to": "Y62"},
    ///     {"kind": "part_of", "from": "QE1", "to": "Y60"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Keep one `part_of` relationship from the ICB to its region.
    pub static ICB_REGION = {
        code: "ICS206",
        name: "icb-region",
        severity: Error,
        basis: Structure("ODS: an ICB is a sub-division of one NHS England region; docs/domain.md invariant 9"),
        summary: "every integrated care board sits in exactly one NHS England region",
        subjects: Subjects::Bodies(&[BodyKind::IntegratedCareBoard]),
        check: Check::Body(check),
        widen: widen,
        reads: &[RelationshipKind::PartOf],
    };
}

fn widen(ctx: &Context<'_>, changed: Entity, _: &mut dyn FnMut(Entity)) -> bool {
    // Whether regions are present at all decides whether the rule applies.
    matches!(changed, Entity::Body(b) if ctx.body_kind(b) == BodyKind::NhsEnglandRegion)
}

fn check(ctx: &Context<'_>, i: u32, out: &mut Findings) {
    let subject = Entity::Body(i);
    if ctx.bodies_of(BodyKind::NhsEnglandRegion).next().is_none() {
        return;
    }
    let mut mine: Vec<u32> = ctx
        .outgoing(i, RelationshipKind::PartOf)
        .filter(|e| ctx.body_kind(e.to) == BodyKind::NhsEnglandRegion)
        .map(|e| e.to)
        .collect();
    ctx.sort_bodies_by_id(&mut mine);
    let b = ctx.body(i);
    match mine.len() {
        1 => {}
        0 => {
            out.push(
                ctx.path(subject),
                format!("{} is in no NHS England region", ctx.label(subject)),
            )
            .related([b.id.as_str()])
            .help(format!(
                "add {{\"kind\": \"part_of\", \"from\": \"{}\", \"to\": \"<region id>\"}}",
                b.id
            ));
        }
        n => {
            let names: Vec<String> = mine.iter().map(|&r| ctx.body_label(r)).collect();
            out.push(
                ctx.path(subject),
                format!(
                    "{} is in {n} NHS England regions: {}",
                    ctx.label(subject),
                    names.join(", ")
                ),
            )
            .related(
                std::iter::once(b.id.as_str()).chain(mine.iter().map(|&r| ctx.body(r).id.as_str())),
            )
            .help("keep the one part_of relationship to the ICB's own region");
        }
    }
}
