use crate::context::{Context, Entity};
use crate::model::{BodyKind, RelationshipKind};
use crate::rules::Findings;

declare_rule! {
    /// ### What it checks
    ///
    /// Whether a local authority's area lies in more than one integrated care board's area:
    /// a local authority with `lies_in` relationships to two or more ICBs.
    ///
    /// ### Why it matters
    ///
    /// ICB boundaries were drawn to be coterminous with upper-tier local authorities where
    /// possible, so that each council works with one ICB and one integrated care partnership
    /// (Health and Care Act 2022 boundary decisions). Where they are not, the council sits on
    /// two ICPs and its population is split between two systems. This is a known feature of
    /// the map, not an error: findings are information.
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "bodies": [
    ///     {"id": "E07000029", "name": "Copeland", "kind": "local_authority"},
    ///     {"id": "QE1", "name": "NHS Lancashire and South Cumbria ICB", "kind": "integrated_care_board"},
    ///     {"id": "QHM", "name": "NHS North East and North Cumbria ICB", "kind": "integrated_care_board"}
    ///   ],
    ///   "relationships": [
    ///     {"kind": "lies_in", "from": "E07000029", "to": "QE1"},
    ///     {"kind": "lies_in", "from": "E07000029", "to": "QHM"}
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
        basis: Guidance("ICB boundaries coterminous with upper-tier councils where possible: Health and Care Act 2022 boundary review"),
        summary: "a local authority's area lies in one integrated care board's area",
    };
}

fn check(ctx: &Context<'_>, out: &mut Findings) {
    let mut icbs: Vec<Vec<u32>> = vec![Vec::new(); ctx.model().bodies.len()];
    for e in ctx.edges(RelationshipKind::LiesIn) {
        if ctx.body(e.from).kind == BodyKind::LocalAuthority
            && ctx.body(e.to).kind == BodyKind::IntegratedCareBoard
        {
            icbs[e.from as usize].push(e.to);
        }
    }
    for (i, b) in ctx.bodies() {
        let mine = &mut icbs[i as usize];
        mine.sort_unstable();
        mine.dedup();
        if b.kind != BodyKind::LocalAuthority || mine.len() < 2 {
            continue;
        }
        let names: Vec<String> = mine.iter().map(|&c| ctx.body_label(c)).collect();
        out.push(
            ctx.path(Entity::Body(i)),
            format!(
                "{} lies in the areas of {} integrated care boards: {}",
                ctx.body_label(i),
                mine.len(),
                names.join(", ")
            ),
        )
        .related(
            std::iter::once(b.id.as_str()).chain(mine.iter().map(|&c| ctx.body(c).id.as_str())),
        )
        .magnitude(mine.len() as u64)
        .help(
            "make sure the council convenes the integrated care partnership of each of these ICBs",
        );
    }
}
