use crate::context::{Context, Entity};
use crate::model::{BodyKind, RelationshipKind};
use crate::rules::Findings;

declare_rule! {
    /// ### What it checks
    ///
    /// That every integrated care partnership is convened by its integrated care board (the
    /// ICB on the same footprint, when the ICP has one) and by at least one local authority,
    /// through `convenes` relationships to the ICP.
    ///
    /// ### Why it matters
    ///
    /// An ICP is a joint committee that the ICB and each responsible local authority of its
    /// area must establish together (Local Government and Public Involvement in Health Act
    /// 2007 s116ZA). Without both, it is not lawfully constituted and cannot produce the
    /// integrated care strategy (s116ZB).
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "bodies": [
    ///     {"id": "QE1", "name": "NHS Lancashire and South Cumbria ICB", "kind": "integrated_care_board"},
    ///     {"id": "lsc-hcp", "name": "Lancashire and South Cumbria Health and Care Partnership", "kind": "integrated_care_partnership"}
    ///   ],
    ///   "relationships": [
    ///     {"kind": "convenes", "from": "QE1", "to": "lsc-hcp"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Add `convenes` relationships to the ICP from its ICB and from each responsible local
    /// authority of its area.
    pub static ICP_CONVENERS = {
        code: "ICS204",
        name: "icp-conveners",
        severity: Error,
        basis: Law("Local Government and Public Involvement in Health Act 2007 s116ZA"),
        summary: "every integrated care partnership is convened by its ICB and at least one local authority",
    };
}

fn check(ctx: &Context<'_>, out: &mut Findings) {
    let n = ctx.model().bodies.len();
    let mut by_own_icb = vec![false; n];
    let mut by_other_icb: Vec<Option<u32>> = vec![None; n];
    let mut by_la = vec![false; n];
    for e in ctx.edges(RelationshipKind::Convenes) {
        let t = e.to as usize;
        match ctx.body(e.from).kind {
            BodyKind::IntegratedCareBoard => {
                let icp_area = ctx.body_footprint(e.to);
                if icp_area.is_none() || ctx.body_footprint(e.from) == icp_area {
                    by_own_icb[t] = true;
                } else if by_other_icb[t].is_none() {
                    by_other_icb[t] = Some(e.from);
                }
            }
            BodyKind::LocalAuthority => by_la[t] = true,
            _ => {}
        }
    }
    for (i, b) in ctx.bodies() {
        if b.kind != BodyKind::IntegratedCarePartnership {
            continue;
        }
        let me = Entity::Body(i);
        if !by_own_icb[i as usize] {
            let message = match by_other_icb[i as usize] {
                Some(o) => format!(
                    "{} is convened by {}, which covers another footprint, but not by its own integrated care board",
                    ctx.label(me),
                    ctx.body_label(o)
                ),
                None => format!("{} is not convened by its integrated care board", ctx.label(me)),
            };
            out.push(ctx.path(me), message)
                .related([b.id.as_str()])
                .help(format!(
                    "add {{\"kind\": \"convenes\", \"from\": \"<ICB id>\", \"to\": \"{}\"}}",
                    b.id
                ));
        }
        if !by_la[i as usize] {
            out.push(
                ctx.path(me),
                format!("{} is not convened by any local authority", ctx.label(me)),
            )
            .related([b.id.as_str()])
            .help(format!(
                "add {{\"kind\": \"convenes\", \"from\": \"<local authority id>\", \"to\": \"{}\"}} for each responsible local authority",
                b.id
            ));
        }
    }
}
