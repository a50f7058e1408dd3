use crate::context::{Context, Entity};
use crate::model::{BodyKind, RelationshipKind};
use crate::rules::Findings;

declare_rule! {
    /// ### What it checks
    ///
    /// That every integrated care board has NHS England approving its constitution: an
    /// `approves_constitution` relationship from an `nhs_england` body to the ICB.
    ///
    /// ### Why it matters
    ///
    /// An ICB's constitution is made, and can only be varied, with NHS England's approval
    /// (NHS Act 2006 s14Z25 and Schedule 1B). An ICB without that approval has no lawful
    /// constitution; approval by anyone else does not count.
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "footprints": [
    ///     {"id": "lsc", "name": "Lancashire and South Cumbria", "tier": "system"}
    ///   ],
    ///   "bodies": [
    ///     {"id": "nhse", "name": "NHS England", "kind": "nhs_england"},
    ///     {"id": "QE1", "name": "NHS Lancashire and South Cumbria ICB", "kind": "integrated_care_board", "footprint": "lsc"}
    ///   ],
    ///   "relationships": [
    ///     {"kind": "accountable_to", "from": "QE1", "to": "nhse"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Add `{"kind": "approves_constitution", "from": "<NHS England's id>", "to": "<ICB id>"}`.
    pub static ICB_CONSTITUTION_APPROVER = {
        code: "ICS201",
        name: "icb-constitution-approver",
        severity: Error,
        basis: Law("NHS Act 2006 s14Z25 and Schedule 1B"),
        summary: "every integrated care board has NHS England approving its constitution",
    };
}

fn check(ctx: &Context<'_>, out: &mut Findings) {
    let n = ctx.model().bodies.len();
    // For each ICB: approved by NHS England, and the first other approver seen.
    let mut by_nhse = vec![false; n];
    let mut other: Vec<Option<u32>> = vec![None; n];
    for e in ctx.edges(RelationshipKind::ApprovesConstitution) {
        if ctx.body(e.from).kind == BodyKind::NhsEngland {
            by_nhse[e.to as usize] = true;
        } else if other[e.to as usize].is_none() {
            other[e.to as usize] = Some(e.from);
        }
    }
    let nhse = ctx
        .bodies()
        .find(|(_, b)| b.kind == BodyKind::NhsEngland)
        .map(|(_, b)| b);
    for (i, b) in ctx.bodies() {
        if b.kind != BodyKind::IntegratedCareBoard || by_nhse[i as usize] {
            continue;
        }
        let me = Entity::Body(i);
        let message = match other[i as usize] {
            Some(o) => format!(
                "{} has its constitution approved by {}, not by NHS England",
                ctx.label(me),
                ctx.body_label(o)
            ),
            None => format!("{} has no constitution approver", ctx.label(me)),
        };
        let help = match nhse {
            Some(nhse) => format!(
                "add {{\"kind\": \"approves_constitution\", \"from\": \"{}\", \"to\": \"{}\"}}",
                nhse.id, b.id
            ),
            None => format!(
                "add NHS England as a body, and an approves_constitution relationship from it to {}",
                b.id
            ),
        };
        let finding = out.push(ctx.path(me), message);
        finding.related([b.id.as_str()]).help(help);
        if let Some(o) = other[i as usize] {
            finding.related([ctx.body(o).id.as_str()]);
        }
    }
}
