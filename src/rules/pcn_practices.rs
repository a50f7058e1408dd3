//! Shared by the rules about a PCN's practices: where each practice is commissioned from.

use crate::context::Context;
use crate::model::{BodyKind, RelationshipKind, Tier};

/// For each body, the footprint of the first body that commissions it from a place or
/// system footprint (a sub-ICB location, an ICB, a CCG), when there is one.
pub(crate) fn commissioner_area(ctx: &Context<'_>) -> Vec<Option<(u32, u32)>> {
    let mut area: Vec<Option<(u32, u32)>> = vec![None; ctx.model().bodies.len()];
    for e in ctx.edges(RelationshipKind::Commissions) {
        if ctx.body(e.to).kind != BodyKind::GpPractice || area[e.to as usize].is_some() {
            continue;
        }
        if let Some(f) = ctx.body_footprint(e.from) {
            if matches!(ctx.footprint(f).tier, Tier::Place | Tier::System) {
                area[e.to as usize] = Some((e.from, f));
            }
        }
    }
    area
}

/// The system a place or system footprint belongs to.
pub(crate) fn system_of(ctx: &Context<'_>, footprint: u32) -> Option<u32> {
    match ctx.footprint(footprint).tier {
        Tier::System => Some(footprint),
        Tier::Place => ctx
            .parent(footprint)
            .filter(|&p| ctx.footprint(p).tier == Tier::System),
        Tier::Neighbourhood => ctx
            .parent(footprint)
            .and_then(|p| ctx.parent(p))
            .filter(|&s| ctx.footprint(s).tier == Tier::System),
    }
}

/// Each PCN's member practices (in force), in relationship order: (PCN, [practice]).
pub(crate) fn members_by_pcn(ctx: &Context<'_>) -> Vec<(u32, Vec<u32>)> {
    let mut by_pcn: Vec<Vec<u32>> = vec![Vec::new(); ctx.model().bodies.len()];
    for e in ctx.edges(RelationshipKind::MemberOf) {
        if ctx.body(e.to).kind == BodyKind::PrimaryCareNetwork
            && ctx.body(e.from).kind == BodyKind::GpPractice
        {
            by_pcn[e.to as usize].push(e.from);
        }
    }
    by_pcn
        .into_iter()
        .enumerate()
        .filter(|(_, v)| !v.is_empty())
        .map(|(i, mut v)| {
            v.sort_unstable();
            v.dedup();
            (i as u32, v)
        })
        .collect()
}
