use crate::context::{Context, Entity};
use crate::model::{BodyKind, RelationshipKind};
use crate::rules::ics204_icp_conveners::lies_in_icb_area;
use crate::rules::{Check, Findings, Subjects};

declare_rule! {
    /// ### What it checks
    ///
    /// That each integrated care board whose area includes any part of a local authority's
    /// area is a member (`member_of`) of the authority's health and wellbeing board. The board
    /// belongs to its authority by a `part_of` relationship (board → authority); the
    /// authority's area lies in an ICB's area when it has a `lies_in` relationship to the ICB,
    /// or sits on the ICB's footprint or a place within it. A council split between two ICBs
    /// (Cumbria, until 2023) has both on its board. Each missing ICB is named in a finding of
    /// its own.
    ///
    /// ### Why it matters
    ///
    /// The Health and Social Care Act 2012 s194(2) says who a health and wellbeing board
    /// consists of; since the Health and Care Act 2022, paragraph (f) is "a representative of
    /// each relevant integrated care board", and s194(6) has each relevant ICB appoint one
    /// (s194(7): one person may represent several ICBs, with the board's agreement; record each
    /// ICB's membership all the same). icsgov reads "relevant" as an ICB whose area includes
    /// any part of the authority's area (the definition is not checked against the statute
    /// text). A board without one of them is not constituted as the Act requires. Before
    /// 1 July 2022 the members were CCGs, which this rule does not check.
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "bodies": [
    ///     {"id": "QE1", "name": "NHS Lancashire and South Cumbria ICB", "kind": "integrated_care_board"},
    ///     {"id": "QHM", "name": "NHS North East and North Cumbria ICB", "kind": "integrated_care_board"},
    ///     {"id": "E10000006", "name": "Cumbria County Council", "kind": "county_council"},
    ///     {"id": "cumbria-hwb", "name": "Cumbria Health and Wellbeing Board", "kind": "health_and_wellbeing_board"}
    ///   ],
    ///   "relationships": [
    ///     {"kind": "lies_in", "from": "E10000006", "to": "QE1"},
    ///     {"kind": "lies_in", "from": "E10000006", "to": "QHM"},
    ///     {"kind": "part_of", "from": "cumbria-hwb", "to": "E10000006"},
    ///     {"kind": "member_of", "from": "QHM", "to": "cumbria-hwb"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Add a `member_of` relationship from each ICB whose area includes part of the
    /// authority's area to the board, or correct the `lies_in` relationships.
    pub static WELLBEING_BOARD_MEMBERS = {
        code: "ICS211",
        name: "wellbeing-board-members",
        severity: Error,
        basis: Law("Health and Social Care Act 2012 s194(2)(f), (6), as amended by the Health and Care Act 2022"),
        summary: "each ICB whose area includes part of a local authority's area is a member of its health and wellbeing board",
        subjects: Subjects::Bodies(&[BodyKind::HealthAndWellbeingBoard]),
        check: Check::Body(check),
        widen: super::ics204_icp_conveners::widen,
    };
}

/// The ICBs in force whose areas include part of `la`'s area, each once, in model order.
fn icbs_of_area(ctx: &Context<'_>, la: u32) -> Vec<u32> {
    let mut icbs: Vec<u32> = ctx
        .outgoing(la, RelationshipKind::LiesIn)
        .map(|e| e.to)
        .filter(|&i| ctx.body_kind(i) == BodyKind::IntegratedCareBoard)
        .collect();
    if let Some(f) = ctx.body_footprint(la) {
        for f in ctx.footprint_chain(f) {
            icbs.extend(ctx.bodies_of_kind_on(f, BodyKind::IntegratedCareBoard));
        }
    }
    icbs.sort_unstable();
    icbs.dedup();
    icbs.retain(|&i| lies_in_icb_area(ctx, la, i));
    icbs
}

fn check(ctx: &Context<'_>, hwb: u32, out: &mut Findings) {
    let authorities: Vec<u32> = ctx
        .outgoing(hwb, RelationshipKind::PartOf)
        .map(|e| e.to)
        .filter(|&b| ctx.body_kind(b).is_local_authority())
        .collect();
    // A board of no authority, or of several, is ICS212's finding.
    let [la] = authorities[..] else {
        return;
    };
    for icb in icbs_of_area(ctx, la) {
        let member = ctx
            .incoming(hwb, RelationshipKind::MemberOf)
            .any(|e| e.from == icb);
        if !member {
            out.push(
                ctx.path(Entity::Body(hwb)),
                format!(
                    "{} lacks {}, whose area includes part of {}'s area; each such ICB is a member of the board",
                    ctx.body_label(hwb),
                    ctx.body_label(icb),
                    ctx.body(la).name
                ),
            )
            .related([
                ctx.body(hwb).id.as_str(),
                ctx.body(icb).id.as_str(),
                ctx.body(la).id.as_str(),
            ])
            .help(format!(
                "add {{\"kind\": \"member_of\", \"from\": \"{}\", \"to\": \"{}\"}}",
                ctx.body(icb).id,
                ctx.body(hwb).id
            ));
        }
    }
}
