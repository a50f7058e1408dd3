use crate::context::{Context, Entity};
use crate::model::{BodyKind, RelationshipKind};
use crate::rules::{Check, Findings, Subjects};

declare_rule! {
    /// ### What it checks
    ///
    /// That each health and wellbeing board is a committee (`part_of`) of exactly one
    /// responsible local authority (a county council, unitary authority, metropolitan
    /// district or London borough council; not a district council in a two-tier area), and
    /// that no authority has two boards at once. A dataset may describe some authorities'
    /// boards and not others: an authority with no board recorded is not a finding.
    ///
    /// ### Why it matters
    ///
    /// The Health and Social Care Act 2012 s194(1) has each local authority establish a health
    /// and wellbeing board for its area; the authorities are those with social care and public
    /// health duties, so a district council has none. A board that belongs to no authority,
    /// to a district, or to two authorities cannot be the statutory board, and two boards for
    /// one authority are a duplicate.
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "bodies": [
    ///     {"id": "E07000117", "name": "Burnley Borough Council", "kind": "district_council"},
    ///     {"id": "burnley-hwb", "name": "A Burnley health and wellbeing board", "kind": "health_and_wellbeing_board"}
    ///   ],
    ///   "relationships": [
    ///     {"kind": "part_of", "from": "burnley-hwb", "to": "E07000117"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Give each board one `part_of` relationship, to the council that established it; end
    /// one of two boards of one authority. Boards acting jointly (s198) are still one per
    /// authority: record each, not a single board of two councils.
    pub static WELLBEING_BOARD_AUTHORITY = {
        code: "ICS212",
        name: "wellbeing-board-authority",
        severity: Error,
        basis: Law("Health and Social Care Act 2012 s194(1)"),
        summary: "a health and wellbeing board belongs to one responsible local authority, and an authority has one board at a time",
        subjects: Subjects::Bodies(&[
            BodyKind::HealthAndWellbeingBoard,
            BodyKind::CountyCouncil,
            BodyKind::UnitaryAuthority,
            BodyKind::MetropolitanDistrictCouncil,
            BodyKind::LondonBoroughCouncil,
        ]),
        check: Check::Body(check),
    };
}

fn check(ctx: &Context<'_>, b: u32, out: &mut Findings) {
    let body = ctx.body(b);
    if body.kind == BodyKind::HealthAndWellbeingBoard {
        let mut authorities: Vec<u32> = ctx
            .outgoing(b, RelationshipKind::PartOf)
            .map(|e| e.to)
            .filter(|&a| ctx.body_kind(a).is_local_authority())
            .collect();
        // Each council once, by id: a part_of written twice is not a second council.
        ctx.sort_bodies_by_id(&mut authorities);
        let problem = match authorities[..] {
            [] => Some("is a committee of no local authority (record its `part_of` the council that established it)".to_owned()),
            [a] if !ctx.body_kind(a).is_responsible_local_authority() => Some(format!(
                "is a committee of {}, which is not a responsible local authority; boards are established by county, unitary, metropolitan district and London borough councils",
                ctx.body_label(a)
            )),
            [_] => None,
            ref several => Some(format!(
                "is a committee of {} local authorities; a board belongs to one",
                several.len()
            )),
        };
        if let Some(problem) = problem {
            let mut related = vec![body.id.as_str()];
            related.extend(authorities.iter().map(|&a| ctx.body(a).id.as_str()));
            out.push(
                ctx.path(Entity::Body(b)),
                format!("{} {problem}", ctx.body_label(b)),
            )
            .related(related)
            .help("give the board one part_of relationship, to the council that established it (county, unitary, metropolitan district or London borough)");
        }
        return;
    }
    let mut boards: Vec<u32> = ctx
        .incoming(b, RelationshipKind::PartOf)
        .map(|e| e.from)
        .filter(|&h| ctx.body_kind(h) == BodyKind::HealthAndWellbeingBoard)
        .collect();
    ctx.sort_bodies_by_id(&mut boards);
    if boards.len() > 1 {
        let mut related = vec![body.id.as_str()];
        related.extend(boards.iter().map(|&h| ctx.body(h).id.as_str()));
        out.push(
            ctx.path(Entity::Body(b)),
            format!(
                "{} has {} health and wellbeing boards at once; an authority has one",
                ctx.body_label(b),
                boards.len()
            ),
        )
        .related(related)
        .help("end one of the boards, or correct its part_of relationship");
    }
}
