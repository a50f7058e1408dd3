use crate::context::{Context, Entity};
use crate::model::{BodyKind, RelationshipKind};
use crate::rules::{Check, Findings, Subjects};

declare_rule! {
    /// ### What it checks
    ///
    /// That every integrated care partnership is convened, through `convenes` relationships to
    /// it, by its integrated care board (the ICB on the same footprint, when the ICP has one)
    /// and by **each** responsible local authority whose area lies wholly or partly in the
    /// ICB's area, and by no one else. A council's area lies in the ICB's area when it has a
    /// `lies_in` relationship to the ICB, or sits on the ICB's footprint or a place within it.
    /// Responsible local authorities are county councils, unitary authorities, metropolitan
    /// district councils and London borough councils; a district council in a two-tier area is
    /// not one. Each missing council is named in a finding of its own.
    ///
    /// ### Why it matters
    ///
    /// The Local Government and Public Involvement in Health Act 2007 s116ZA(1) says that an
    /// ICB and each responsible local authority whose area coincides with, or falls wholly or
    /// partly within, the ICB's area must establish the integrated care partnership jointly;
    /// s103 says which councils are responsible authorities. A partnership missing one of
    /// them, or convened by a council from elsewhere, is not the joint committee the Act
    /// requires, and its integrated care strategy (s116ZB) is not the statutory one. See
    /// [the domain notes](https://github.com/icsgov/icsgov/blob/main/docs/domain.md#integrated-care-partnerships).
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "bodies": [
    ///     {"id": "QE1", "name": "NHS Lancashire and South Cumbria ICB", "kind": "integrated_care_board"},
    ///     {"id": "lsc-hcp", "name": "Lancashire and South Cumbria Health and Care Partnership", "kind": "integrated_care_partnership"},
    ///     {"id": "E10000017", "name": "Lancashire County Council", "kind": "county_council"},
    ///     {"id": "E06000009", "name": "Blackpool Council", "kind": "unitary_authority"},
    ///     {"id": "E08000003", "name": "Manchester City Council", "kind": "metropolitan_district_council"}
    ///   ],
    ///   "relationships": [
    ///     {"kind": "lies_in", "from": "E10000017", "to": "QE1"},
    ///     {"kind": "lies_in", "from": "E06000009", "to": "QE1"},
    ///     {"kind": "convenes", "from": "QE1", "to": "lsc-hcp"},
    ///     {"kind": "convenes", "from": "E10000017", "to": "lsc-hcp"},
    ///     {"kind": "convenes", "from": "E08000003", "to": "lsc-hcp"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Add a `convenes` relationship to the ICP from its ICB and from each responsible local
    /// authority whose area lies in the ICB's area; remove those from anyone else. Where a
    /// council's area does lie in the ICB's area, record it with a `lies_in` relationship from
    /// the council to the ICB (the ONS lookups of local authorities to ICBs say which).
    pub static ICP_CONVENERS = {
        code: "ICS204",
        name: "icp-conveners",
        severity: Error,
        basis: Law("Local Government and Public Involvement in Health Act 2007 s116ZA(1), s103"),
        summary: "every integrated care partnership is convened by its ICB and each responsible local authority of the ICB's area, and by no one else",
        subjects: Subjects::Bodies(&[BodyKind::IntegratedCarePartnership]),
        check: Check::Body(check),
        widen: widen,
    };
}

pub(crate) fn widen(ctx: &Context<'_>, changed: Entity, _: &mut dyn FnMut(Entity)) -> bool {
    match changed {
        Entity::Relationship(r) => ctx.relationship_kind(r) == RelationshipKind::LiesIn,
        Entity::Body(b) => ctx.body_kind(b).is_local_authority(),
        _ => false,
    }
}

/// Whether the local authority's area is recorded as lying, wholly or partly, in the ICB's
/// area at the context's date: a `lies_in` relationship to the ICB, or the authority's
/// footprint being the ICB's footprint or within it.
pub(crate) fn lies_in_icb_area(ctx: &Context<'_>, la: u32, icb: u32) -> bool {
    if ctx
        .outgoing(la, RelationshipKind::LiesIn)
        .any(|e| e.to == icb)
    {
        return true;
    }
    match (ctx.body_footprint(la), ctx.body_footprint(icb)) {
        (Some(f), Some(area)) => ctx.footprint_chain(f).any(|x| x == area),
        _ => false,
    }
}

fn check(ctx: &Context<'_>, i: u32, out: &mut Findings) {
    let subject = Entity::Body(i);
    let b = ctx.body(i);
    let area = ctx.body_footprint(i);
    let mut own_icbs = Vec::new();
    let mut other_icb = None;
    let mut conveners = Vec::new();
    for e in ctx.incoming(i, RelationshipKind::Convenes) {
        let kind = ctx.body_kind(e.from);
        if kind == BodyKind::IntegratedCareBoard {
            if area.is_none() || ctx.body_footprint(e.from) == area {
                own_icbs.push(e.from);
            } else {
                // The first by id, whatever the dataset's order.
                other_icb = ctx.first_body_by_id(other_icb.into_iter().chain([e.from]));
            }
        } else {
            conveners.push((e.from, e.index));
        }
    }
    ctx.sort_bodies_by_id(&mut own_icbs);
    conveners.sort_unstable();
    conveners.dedup_by_key(|c| c.0);
    if own_icbs.is_empty() {
        let message = match other_icb {
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
    // Each responsible local authority whose area lies wholly or partly in the ICB's area
    // must convene the partnership (s116ZA(1)). When its ICB does not convene it, the ICB is
    // the one on the partnership's footprint.
    let area_icbs: Vec<u32> = if own_icbs.is_empty() {
        let mut on_area: Vec<u32> = area
            .map(|f| {
                ctx.bodies_of_kind_on(f, BodyKind::IntegratedCareBoard)
                    .collect()
            })
            .unwrap_or_default();
        ctx.sort_bodies_by_id(&mut on_area);
        on_area
    } else {
        own_icbs.clone()
    };
    let mut required: Vec<(u32, u32)> = Vec::new();
    for &icb in &area_icbs {
        let mut candidates: Vec<u32> = ctx
            .incoming(icb, RelationshipKind::LiesIn)
            .map(|e| e.from)
            .collect();
        if let Some(f) = ctx.body_footprint(icb) {
            candidates.extend(ctx.bodies_on(f));
            for place in ctx.children(f) {
                candidates.extend(ctx.bodies_on(place));
            }
        }
        for la in candidates {
            if ctx.body_kind(la).is_responsible_local_authority() && lies_in_icb_area(ctx, la, icb)
            {
                required.push((la, icb));
            }
        }
    }
    // One finding for each council, naming the first of its ICBs by id.
    required.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| ctx.cmp_bodies_by_id(a.1, b.1)));
    required.dedup_by_key(|r| r.0);
    for &(la, icb) in &required {
        if conveners.iter().any(|&(c, _)| c == la) {
            continue;
        }
        out.push(
            ctx.path(subject),
            format!(
                "{} is not convened by {}, a responsible local authority whose area lies wholly or partly in the area of {}",
                ctx.label(subject),
                ctx.body_label(la),
                ctx.body_label(icb)
            ),
        )
        .related([b.id.as_str(), ctx.body(la).id.as_str()])
        .help(format!(
            "add {{\"kind\": \"convenes\", \"from\": \"{}\", \"to\": \"{}\"}}",
            ctx.body(la).id,
            b.id
        ));
    }
    let mut any_responsible = false;
    for &(c, r) in &conveners {
        let kind = ctx.body_kind(c);
        let problem = if kind == BodyKind::DistrictCouncil {
            Some(format!(
                "{} is convened by {}, which is not a responsible local authority: in a two-tier area the county council convenes",
                ctx.label(subject),
                ctx.body_label(c)
            ))
        } else if kind.is_responsible_local_authority() {
            any_responsible = true;
            if area_icbs.is_empty() || required.iter().any(|&(la, _)| la == c) {
                None
            } else {
                Some(format!(
                    "{} is convened by {}, whose area is not recorded as lying in the area of {}",
                    ctx.label(subject),
                    ctx.body_label(c),
                    area_icbs
                        .iter()
                        .map(|&x| ctx.body_label(x))
                        .collect::<Vec<_>>()
                        .join(" or ")
                ))
            }
        } else {
            Some(format!(
                "{} is convened by {}, which cannot establish an integrated care partnership: only the ICB and the responsible local authorities of its area do",
                ctx.label(subject),
                ctx.body_label(c)
            ))
        };
        if let Some(message) = problem {
            out.push(ctx.relationship_path(r), message)
                .related([b.id.as_str(), ctx.body(c).id.as_str()])
                .help("remove the convenes relationship, or add the lies_in relationship that places the council's area in the ICB's area");
        }
    }
    if !any_responsible && required.is_empty() {
        out.push(
            ctx.path(subject),
            format!(
                "{} is not convened by any responsible local authority",
                ctx.label(subject)
            ),
        )
        .related([b.id.as_str()])
        .help(format!(
            "add {{\"kind\": \"convenes\", \"from\": \"<council id>\", \"to\": \"{}\"}} for each responsible local authority whose area lies in the ICB's area, with a lies_in relationship from the council to the ICB",
            b.id
        ));
    }
}
