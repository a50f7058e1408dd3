use crate::context::{Context, Entity};
use crate::model::{BodyKind, RelationshipKind};
use crate::rules::{Check, Findings, Subjects};

declare_rule! {
    /// ### What it checks
    ///
    /// Whether a responsible local authority's area (a county council, unitary authority,
    /// metropolitan district or London borough council) lies in more than one integrated care
    /// board's area: a `lies_in` relationship to two or more ICBs. District councils of
    /// two-tier areas are not checked: their county council is the responsible authority.
    ///
    /// ### Why it matters
    ///
    /// NHS England's guidance on drawing ICS boundaries preferred areas coterminous with
    /// upper-tier councils where possible, but no law requires it, and several councils do
    /// lie in two ICBs. Each such council must then convene the integrated care partnership of
    /// every ICB its area touches (LGPIHA 2007 s116ZA(1); see ICS204), and its population is
    /// split between two systems. This is a known feature of the map, not an error: findings
    /// are information.
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "bodies": [
    ///     {"id": "E06000063", "name": "Cumberland Council", "kind": "unitary_authority"},
    ///     {"id": "QE1", "name": "NHS Lancashire and South Cumbria ICB", "kind": "integrated_care_board"},
    ///     {"id": "QHM", "name": "NHS North East and North Cumbria ICB", "kind": "integrated_care_board"}
    ///   ],
    ///   "relationships": [
    ///     {"kind": "lies_in", "from": "E06000063", "to": "QE1"},
    ///     {"kind": "lies_in", "from": "E06000063", "to": "QHM"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Nothing to fix in the data. Make sure the council convenes, and is a member of, the
    /// integrated care partnership of each ICB it lies in.
    pub static LOCAL_AUTHORITY_NOT_COTERMINOUS = {
        code: "ICS109",
        name: "local-authority-not-coterminous",
        severity: Info,
        basis: Guidance("NHS England: ICS boundaries coterminous with upper-tier councils where possible; not a legal requirement"),
        summary: "a responsible local authority's area lies in one integrated care board's area",
        subjects: Subjects::Bodies(&[
            BodyKind::CountyCouncil,
            BodyKind::UnitaryAuthority,
            BodyKind::MetropolitanDistrictCouncil,
            BodyKind::LondonBoroughCouncil,
        ]),
        check: Check::Body(check),
    };
}

fn check(ctx: &Context<'_>, i: u32, out: &mut Findings) {
    let subject = Entity::Body(i);
    let mut icbs: Vec<u32> = ctx
        .outgoing(i, RelationshipKind::LiesIn)
        .filter(|e| ctx.body_kind(e.to) == BodyKind::IntegratedCareBoard)
        .map(|e| e.to)
        .collect();
    ctx.sort_bodies_by_id(&mut icbs);
    if icbs.len() < 2 {
        return;
    }
    let names: Vec<String> = icbs.iter().map(|&c| ctx.body_label(c)).collect();
    out.push(
        ctx.path(subject),
        format!(
            "{} lies in the areas of {} integrated care boards: {}",
            ctx.body_label(i),
            icbs.len(),
            names.join(", ")
        ),
    )
    .related(
        std::iter::once(ctx.body(i).id.as_str())
            .chain(icbs.iter().map(|&c| ctx.body(c).id.as_str())),
    )
    .magnitude(icbs.len() as u64)
    .help("make sure the council convenes the integrated care partnership of each of these ICBs");
}
