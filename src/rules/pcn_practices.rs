//! Shared by the rules about a PCN's practices: which practices it has, and where each is
//! commissioned from.

use crate::context::{Context, Entity};
use crate::model::{BodyKind, RelationshipKind, Tier};

/// The body that commissions a practice from a place or system footprint (a sub-ICB
/// location, an ICB, a CCG), with that footprint: of those in force, the first by id.
pub(crate) fn commissioner_area(ctx: &Context<'_>, practice: u32) -> Option<(u32, u32)> {
    commissioners(ctx, practice)
        // Of two commissioners, the one first by id, whatever the dataset's order.
        .min_by(|a, b| ctx.cmp_bodies_by_id(a.0, b.0))
}

/// Every body in force that commissions a practice from a place or system footprint, with
/// that footprint, in no particular order.
fn commissioners<'a>(ctx: &'a Context<'_>, practice: u32) -> impl Iterator<Item = (u32, u32)> + 'a {
    ctx.incoming(practice, RelationshipKind::Commissions)
        .filter_map(|e| {
            let f = ctx.body_footprint(e.from)?;
            matches!(ctx.footprint_tier(f), Tier::Place | Tier::System).then_some((e.from, f))
        })
}

/// The body commissioning a practice from a place other than `place`, when the commissioner
/// chosen by id ([`commissioner_area`]) is one. A PCN is checked again each time one of its
/// practices opens or closes, so most practices are settled without comparing ids: the one
/// chosen can be from another place only if one of them is.
pub(crate) fn commissioned_from_elsewhere(
    ctx: &Context<'_>,
    practice: u32,
    place: u32,
) -> Option<u32> {
    let elsewhere = |f: u32| f != place && ctx.footprint_tier(f) == Tier::Place;
    if !commissioners(ctx, practice).any(|(_, f)| elsewhere(f)) {
        return None;
    }
    commissioner_area(ctx, practice)
        .filter(|&(_, f)| elsewhere(f))
        .map(|(by, _)| by)
}

/// The system a practice is commissioned in: that of the commissioner chosen by id
/// ([`commissioner_area`]). When all its commissioners are in one system, that is the
/// answer whichever is first, found without comparing ids.
pub(crate) fn system_of_practice(ctx: &Context<'_>, practice: u32) -> Option<u32> {
    let mut systems = commissioners(ctx, practice).map(|(_, f)| system_of(ctx, f));
    let one = systems.next()?;
    if systems.all(|s| s == one) {
        return one;
    }
    commissioner_area(ctx, practice).and_then(|(_, f)| system_of(ctx, f))
}

/// Some practice that is ever a member of the PCN is ever commissioned from a place other
/// than the PCN's own (`bounds`).
const MAY_TAKE_FROM_ELSEWHERE: u8 = 1;
/// The practices ever members of the PCN are ever commissioned in two systems (`bounds`).
const MAY_SPAN_SYSTEMS: u8 = 2;

/// What each PCN's practices could show on some date, as `MAY_` bits by body, read from all
/// the memberships and commissionings the dataset records, whatever their dates. On any one
/// date a PCN has some of those practices, each with some of those commissioners, so a PCN
/// without a bit cannot have the finding it stands for on any date, and its checks end
/// there. A PCN is checked again each time one of its practices opens or closes; most can
/// never have either finding, and this is what spares reading their practices each time.
fn bounds(ctx: &Context<'_>) -> Vec<u8> {
    let mut bits = vec![0u8; ctx.model().bodies.len()];
    for &pcn in ctx.all_bodies_of(BodyKind::PrimaryCareNetwork) {
        let place = ctx.body_footprint(pcn).and_then(|n| ctx.parent(n));
        let mut system = None;
        let mut b = 0;
        let practices = ctx
            .all_incoming(pcn, RelationshipKind::MemberOf)
            .filter(|&p| ctx.body_kind(p) == BodyKind::GpPractice);
        for practice in practices {
            for by in ctx.all_incoming(practice, RelationshipKind::Commissions) {
                let Some(f) = ctx.body_footprint(by) else {
                    continue;
                };
                let tier = ctx.footprint_tier(f);
                if !matches!(tier, Tier::Place | Tier::System) {
                    continue;
                }
                if tier == Tier::Place && place.is_some_and(|own| own != f) {
                    b |= MAY_TAKE_FROM_ELSEWHERE;
                }
                if let Some(s) = system_of(ctx, f) {
                    if *system.get_or_insert(s) != s {
                        b |= MAY_SPAN_SYSTEMS;
                    }
                }
            }
        }
        bits[pcn as usize] = b;
    }
    bits
}

/// A PCN's `MAY_` bits (`bounds`), read once for the whole model on first use.
fn bits(ctx: &Context<'_>, pcn: u32) -> u8 {
    ctx.pcn_bounds(bounds)[pcn as usize]
}

/// Whether a PCN could, on some date, have a practice commissioned from a place other than
/// its own: when not, ICS104 and ICS106 need not read its practices.
pub(crate) fn may_take_from_elsewhere(ctx: &Context<'_>, pcn: u32) -> bool {
    bits(ctx, pcn) & MAY_TAKE_FROM_ELSEWHERE != 0
}

/// Whether a PCN could, on some date, have practices commissioned in two systems: when not,
/// ICS107 need not read its practices.
pub(crate) fn may_span_systems(ctx: &Context<'_>, pcn: u32) -> bool {
    bits(ctx, pcn) & MAY_SPAN_SYSTEMS != 0
}

/// Whether any practice of a PCN in force is commissioned from a place other than `place`
/// (the PCN's own): asked of every PCN checked by ICS104 and ICS106, most of which the
/// bound settles, and the rest without listing or sorting their practices.
pub(crate) fn takes_from_elsewhere(ctx: &Context<'_>, pcn: u32, place: u32) -> bool {
    may_take_from_elsewhere(ctx, pcn)
        && practices_of(ctx, pcn)
            .any(|practice| commissioned_from_elsewhere(ctx, practice, place).is_some())
}

/// The system a place or system footprint belongs to.
pub(crate) fn system_of(ctx: &Context<'_>, footprint: u32) -> Option<u32> {
    match ctx.footprint_tier(footprint) {
        Tier::System => Some(footprint),
        Tier::Place => ctx
            .parent(footprint)
            .filter(|&p| ctx.footprint_tier(p) == Tier::System),
        Tier::Neighbourhood => ctx
            .parent(footprint)
            .and_then(|p| ctx.parent(p))
            .filter(|&s| ctx.footprint_tier(s) == Tier::System),
    }
}

/// The GP practices in force that are members of a PCN, each once, in order of position in
/// the dataset: a rule sorts by id only the practices its message lists, since a PCN is
/// checked again each time one of its practices opens or closes.
pub(crate) fn members(ctx: &Context<'_>, pcn: u32) -> Vec<u32> {
    let mut v: Vec<u32> = practices_of(ctx, pcn).collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// The GP practices in force that are members of a PCN, a practice twice if it is a member
/// twice: for asking whether any practice is out of line before listing them.
pub(crate) fn practices_of<'a>(ctx: &'a Context<'_>, pcn: u32) -> impl Iterator<Item = u32> + 'a {
    ctx.incoming(pcn, RelationshipKind::MemberOf)
        .filter(|e| ctx.body_kind(e.from) == BodyKind::GpPractice)
        .map(|e| e.from)
}

/// The rules that follow practices to their commissioners read three steps from the PCN: a
/// change to a commissioning relationship affects the PCNs of the practice it commissions
/// (those that can have either finding on some date: the others are passed over whatever
/// their practices do); a change to a place or system, every PCN.
pub(crate) fn widen(ctx: &Context<'_>, changed: Entity, push: &mut dyn FnMut(Entity)) -> bool {
    match changed {
        Entity::Relationship(r) if ctx.relationship_kind(r) == RelationshipKind::Commissions => {
            if let Some((_, practice)) = ctx.ends(r) {
                for pcn in ctx.all_outgoing(practice, RelationshipKind::MemberOf) {
                    if bits(ctx, pcn) != 0 {
                        push(Entity::Body(pcn));
                    }
                }
            }
            false
        }
        Entity::Footprint(f) => ctx.footprint_tier(f) != Tier::Neighbourhood,
        _ => false,
    }
}
