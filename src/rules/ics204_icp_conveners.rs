use crate::context::{Context, Entity};
use crate::model::{BodyKind, RelationshipKind};
use crate::rules::{Findings, Subjects};

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
        subjects: Subjects::Bodies(&[BodyKind::IntegratedCarePartnership]),
    };
}

fn check(ctx: &Context<'_>, subject: Entity, out: &mut Findings) {
    let Entity::Body(i) = subject else { return };
    if !ctx.in_force(subject) {
        return;
    }
    let (mut by_own_icb, mut by_other_icb, mut by_la) = (false, None, false);
    let area = ctx.body_footprint(i);
    for e in ctx.incoming(i, RelationshipKind::Convenes) {
        match ctx.body(e.from).kind {
            BodyKind::IntegratedCareBoard => {
                if area.is_none() || ctx.body_footprint(e.from) == area {
                    by_own_icb = true;
                } else {
                    by_other_icb.get_or_insert(e.from);
                }
            }
            BodyKind::LocalAuthority => by_la = true,
            _ => {}
        }
    }
    let b = ctx.body(i);
    if !by_own_icb {
        let message = match by_other_icb {
            Some(o) => format!(
                "{} is convened by {}, which {}, but not by its own integrated care board",
                ctx.label(subject),
                ctx.body_label(o),
                if ctx.body_footprint(o).is_none() {
                    "has no footprint to show it is this partnership's"
                } else {
                    "covers another footprint"
                }
            ),
            None => format!(
                "{} is not convened by its integrated care board",
                ctx.label(subject)
            ),
        };
        out.push(ctx.path(subject), message)
            .related([b.id.as_str()])
            .help(format!(
                "add {{\"kind\": \"convenes\", \"from\": \"<ICB id>\", \"to\": \"{}\"}}",
                b.id
            ));
    }
    if !by_la {
        out.push(ctx.path(subject), format!("{} is not convened by any local authority", ctx.label(subject)))
            .related([b.id.as_str()])
            .help(format!(
                "add {{\"kind\": \"convenes\", \"from\": \"<local authority id>\", \"to\": \"{}\"}} for each responsible local authority",
                b.id
            ));
    }
}
