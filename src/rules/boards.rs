//! What the rules about boards, committees and delegated functions share.

use crate::context::Context;
use crate::model::{BoardRecord, BodyKind, RelationshipKind, Role};

/// Whether, at the context's date, the dataset records `icb`'s board whole: it records seats
/// on it around this date, and does not say the record is partial. Only then is an empty
/// seat a vacancy and a missing committee missing.
pub(crate) fn board_recorded_whole(ctx: &Context<'_>, icb: u32) -> bool {
    ctx.body(icb).board_record != Some(BoardRecord::Partial) && ctx.records_seats(icb)
}

/// A delegation in force that names its function: its delegator, delegate and function.
pub(crate) fn named_delegation(
    ctx: &Context<'_>,
    r: u32,
) -> Option<(u32, u32, crate::model::Function)> {
    let (from, to) = ctx.edge_in_force(crate::context::Entity::Relationship(r))?;
    Some((from, to, ctx.relationship(r).function?))
}

/// Whether `icb` is in force and its board recorded whole at the context's date: when an
/// empty seat or a missing committee is a finding.
pub(crate) fn whole_board_in_force(ctx: &Context<'_>, icb: u32) -> bool {
    ctx.in_force(crate::context::Entity::Body(icb)) && board_recorded_whole(ctx, icb)
}

/// Whether `b` holds NHS England's functions: NHS England itself, or the successor the
/// policy names.
pub(crate) fn is_nhs_england(ctx: &Context<'_>, b: u32) -> bool {
    ctx.body_kind(b) == BodyKind::NhsEngland
        || ctx
            .policy()
            .nhs_england_successor
            .as_ref()
            .is_some_and(|s| ctx.body(b).id.as_str() == s.body)
}

/// The people holding seats of `role` on `body` at the context's date, each once, in the
/// order of their first seat.
pub(crate) fn holders(ctx: &Context<'_>, body: u32, role: Role) -> Vec<(u32, u32)> {
    let mut v: Vec<(u32, u32)> = Vec::new();
    for (m, p) in ctx.seats(body) {
        if ctx.membership(m).role == role && !v.iter().any(|&(_, q)| q == p) {
            v.push((m, p));
        }
    }
    v
}

/// The names of people, joined for a message: `David Flory and Jane Doe`.
pub(crate) fn names(ctx: &Context<'_>, people: &[(u32, u32)]) -> String {
    // In the order of their ids, not of the seats in the dataset.
    let mut people = people.to_vec();
    people.sort_by(|a, b| ctx.person(a.1).id.cmp(&ctx.person(b.1).id));
    let names: Vec<String> = people
        .iter()
        .map(|&(_, p)| format!("{} ({})", ctx.person(p).name, ctx.person(p).id))
        .collect();
    crate::words::and_list(&names)
}

/// The committees of `body` in force at the context's date.
pub(crate) fn committees<'a>(ctx: &'a Context<'_>, body: u32) -> impl Iterator<Item = u32> + 'a {
    ctx.incoming(body, RelationshipKind::CommitteeOf)
        .map(|e| e.from)
        .filter(|&c| ctx.body_kind(c) == BodyKind::Committee)
}

/// Whether `b`'s area lies in `icb`'s area, as far as the dataset shows: it `lies_in` the
/// ICB or sits on its footprint or within it (as ICS204 reads a council's area), or the ICB
/// commissions it. `None` when the dataset cannot tell (either has no footprint, and no such
/// relationship).
pub(crate) fn in_area(ctx: &Context<'_>, b: u32, icb: u32) -> Option<bool> {
    // The commissioned body's few commissioners, not the ICB's many commissions: an ICB
    // commissions every practice in its area.
    if crate::rules::ics204_icp_conveners::lies_in_icb_area(ctx, b, icb)
        || ctx
            .incoming(b, RelationshipKind::Commissions)
            .any(|e| e.from == icb)
    {
        return Some(true);
    }
    (ctx.body_footprint(b).is_some() && ctx.body_footprint(icb).is_some()).then_some(false)
}
