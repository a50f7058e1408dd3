//! Linking two imports of different months: which earlier ICBs each ICB formed since
//! succeeds, found by where their sub-ICB locations went.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{BodyId, BodyKind, Date, Model, Relationship, RelationshipKind};

/// An ICB formed from one or more earlier ICBs: the sub-ICB locations that moved to it from
/// each, and the day it took them over (its own first day).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Succession {
    /// The earlier ICBs, by code.
    pub predecessors: Vec<BodyId>,
    /// The ICB formed.
    pub successor: BodyId,
    /// The successor's first day: the predecessors' last is the day before.
    pub on: Date,
    /// The sub-ICB locations that moved, each with the ICB it came from.
    pub moved: Vec<(BodyId, BodyId)>,
}

/// Which ICB each sub-ICB location is part of in `m` (the latest `part_of` when there are
/// several).
fn icb_of_location(m: &Model) -> BTreeMap<&str, &str> {
    let kind: BTreeMap<&str, BodyKind> = m.bodies.iter().map(|b| (b.id.as_str(), b.kind)).collect();
    let mut out: BTreeMap<&str, (Option<Date>, &str)> = BTreeMap::new();
    for r in &m.relationships {
        if r.kind == RelationshipKind::PartOf
            && kind.get(r.from.as_str()) == Some(&BodyKind::SubIcbLocation)
            && kind.get(r.to.as_str()) == Some(&BodyKind::IntegratedCareBoard)
        {
            let e = out
                .entry(r.from.as_str())
                .or_insert((r.valid_from, r.to.as_str()));
            if r.valid_from >= e.0 {
                *e = (r.valid_from, r.to.as_str());
            }
        }
    }
    out.into_iter().map(|(k, (_, v))| (k, v)).collect()
}

/// The ICBs of `current` that `previous` does not have and that took over sub-ICB locations
/// from ICBs `current` no longer has: each with its (location, old ICB) pairs, by ICB.
pub(crate) fn successions_by_location(
    previous: &Model,
    current: &Model,
) -> BTreeMap<String, Vec<(String, String)>> {
    let before = icb_of_location(previous);
    let now = icb_of_location(current);
    let icbs = |m: &Model| -> BTreeSet<String> {
        m.bodies
            .iter()
            .filter(|b| b.kind == BodyKind::IntegratedCareBoard)
            .map(|b| b.id.to_string())
            .collect()
    };
    let (old_icbs, new_icbs) = (icbs(previous), icbs(current));
    let mut found: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for (location, icb) in &now {
        if old_icbs.contains(*icb) {
            continue;
        }
        if let Some(old) = before.get(location).filter(|o| !new_icbs.contains(**o)) {
            found
                .entry((*icb).to_owned())
                .or_default()
                .push(((*location).to_owned(), (*old).to_owned()));
        }
    }
    found
}

/// Finds the ICBs of `current` that `previous` does not have and that took over sub-ICB
/// locations from ICBs `current` no longer has, and writes the history into `current`: each
/// predecessor ICB (with its area's footprint and its relationships) ending the day before
/// its successor starts, a `succeeded_by` to the successor, and each moved location `part_of`
/// its old ICB until that day. Returns the successions, by successor.
///
/// ```
/// use icsgov::import::{import, link_previous, ImportOptions, Publication};
///
/// let head = "PRACTICE_CODE,PRACTICE_NAME,PCN_CODE,PCN_NAME,SUB_ICB_LOCATION_CODE,SUB_ICB_LOCATION_NAME,ICB_CODE,ICB_NAME,COMM_REGION_CODE,COMM_REGION_NAME\n";
/// let before = format!("{head}X00001,ONE,U00001,P1,01X,S1,Q0A,ICB A,Y62,NW\nX00003,THREE,U00003,P3,03X,S3,Q0B,ICB B,Y62,NW\n");
/// let after = format!("{head}X00001,ONE,U00001,P1,01X,S1,Q0AB1,MERGED ICB,Y62,NW\nX00003,THREE,U00003,P3,03X,S3,Q0AB1,MERGED ICB,Y62,NW\n");
/// let read = |text: &str| import(&[Publication { name: "mapping.csv", bytes: text.as_bytes() }], &ImportOptions::default()).unwrap().model;
/// let previous = read(&before);
/// let mut current = read(&after);
/// let found = link_previous(&previous, &mut current);
/// assert_eq!(found.len(), 1);
/// let ids: Vec<&str> = found[0].predecessors.iter().map(|b| b.as_str()).collect();
/// assert_eq!((ids, found[0].successor.as_str()), (vec!["Q0A", "Q0B"], "Q0AB1"));
/// ```
pub fn link_previous(previous: &Model, current: &mut Model) -> Vec<Succession> {
    let found = successions_by_location(previous, current);
    let mut out = Vec::new();
    let mut copied: BTreeSet<String> = BTreeSet::new();
    for (successor, moved) in found {
        let Some(on) = current
            .bodies
            .iter()
            .find(|b| b.id.as_str() == successor)
            .and_then(|b| b.valid_from)
        else {
            continue;
        };
        let Some(last) = on.pred() else { continue };
        let predecessors: BTreeSet<&str> = moved.iter().map(|(_, o)| o.as_str()).collect();
        for &old in &predecessors {
            if copied.insert(old.to_owned()) {
                copy_ended(previous, current, old, last);
            }
            current.relationships.push(Relationship::new(
                RelationshipKind::SucceededBy,
                BodyId::from_checked(old.to_owned()),
                BodyId::from_checked(successor.clone()),
            ));
        }
        for (location, old) in &moved {
            restore_start(previous, current, location);
            let mut part = Relationship::new(
                RelationshipKind::PartOf,
                BodyId::from_checked(location.clone()),
                BodyId::from_checked(old.clone()),
            );
            part.valid_from = later(start_of(previous, old), start_of(previous, location));
            part.valid_to = Some(last);
            current.relationships.push(part);
        }
        out.push(Succession {
            predecessors: predecessors
                .iter()
                .map(|p| BodyId::from_checked((*p).to_owned()))
                .collect(),
            successor: BodyId::from_checked(successor),
            on,
            moved: moved
                .into_iter()
                .map(|(l, o)| (BodyId::from_checked(l), BodyId::from_checked(o)))
                .collect(),
        });
    }
    out
}

/// The later start of `a` and `b` (`None` is no start).
fn later(a: Option<Date>, b: Option<Date>) -> Option<Date> {
    a.max(b)
}

/// The first day of body `id` in `m`.
fn start_of(m: &Model, id: &str) -> Option<Date> {
    m.bodies
        .iter()
        .find(|b| b.id.as_str() == id)
        .and_then(|b| b.valid_from)
}

/// The earlier end of `a` and `b` (`None` is no end).
fn earlier(a: Option<Date>, b: Date) -> Option<Date> {
    Some(a.map_or(b, |a| a.min(b)))
}

/// Copies ICB `old` from `previous` into `current`, with its area's footprint and every
/// relationship to or from it whose other end `current` has, all ending on `last`.
fn copy_ended(previous: &Model, current: &mut Model, old: &str, last: Date) {
    let Some(body) = previous.bodies.iter().find(|b| b.id.as_str() == old) else {
        return;
    };
    let mut body = body.clone();
    body.valid_to = earlier(body.valid_to, last);
    if let Some(f) = &body.footprint {
        if !current.footprints.iter().any(|x| x.id == *f) {
            if let Some(fp) = previous.footprints.iter().find(|x| x.id == *f) {
                let mut fp = fp.clone();
                fp.valid_to = earlier(fp.valid_to, last);
                current.footprints.push(fp);
            }
        }
    }
    let old_from = body.valid_from;
    current.bodies.push(body);
    let present: BTreeSet<&str> = current.bodies.iter().map(|b| b.id.as_str()).collect();
    let mut add = Vec::new();
    for r in &previous.relationships {
        let other = if r.from.as_str() == old {
            r.to.as_str()
        } else if r.to.as_str() == old {
            r.from.as_str()
        } else {
            continue;
        };
        // Locations' part_of are written by the caller, with the move.
        let location_of_old = r.kind == RelationshipKind::PartOf && r.to.as_str() == old;
        if present.contains(other) && !location_of_old {
            // Within both ends' lives: from the later start, until the earlier end.
            let mut r = r.clone();
            r.valid_from = later(r.valid_from, later(old_from, start_of(current, other)));
            r.valid_to = earlier(r.valid_to, last);
            add.push(r);
        }
    }
    current.relationships.extend(add);
}

/// A moved location existed before its new ICB: it starts as it did in `previous`, and so
/// does its place.
fn restore_start(previous: &Model, current: &mut Model, location: &str) {
    let Some(before) = previous.bodies.iter().find(|b| b.id.as_str() == location) else {
        return;
    };
    let place = before.footprint.clone();
    let from = before.valid_from;
    if let Some(b) = current
        .bodies
        .iter_mut()
        .find(|b| b.id.as_str() == location)
    {
        b.valid_from = from;
    }
    if let Some(place) = place {
        let from = previous
            .footprints
            .iter()
            .find(|f| f.id == place)
            .and_then(|f| f.valid_from);
        if let Some(f) = current.footprints.iter_mut().find(|f| f.id == place) {
            f.valid_from = from;
        }
    }
}
