//! A dated history from publications of different months: each month's publications are
//! imported together, and the snapshots folded in order, so that an entity or relationship
//! starts in the month it first appears and ends the day before the month it is gone.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use super::{import, ImportNote, ImportOptions, Imported, Publication};
use crate::error::{Error, ErrorKind};
use crate::model::{BodyKind, Date, Model, RelationshipKind};

/// The month a publication describes, from a `YYYY-MM` in its file name (as the vendored
/// files are named, `gp-reg-pat-prac-map_2025-10.csv`): its first day.
pub fn month_of(name: &str) -> Option<Date> {
    let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let b = file.as_bytes();
    (0..b.len().saturating_sub(6)).rev().find_map(|i| {
        let w = &b[i..i + 7];
        let digits = |r: std::ops::Range<usize>| w[r].iter().all(u8::is_ascii_digit);
        if digits(0..4)
            && w[4] == b'-'
            && digits(5..7)
            && (i + 7 == b.len() || !b[i + 7].is_ascii_digit())
        {
            let y: u16 = file[i..i + 4].parse().ok()?;
            let m: u8 = file[i + 5..i + 7].parse().ok()?;
            Date::new(y, m, 1)
        } else {
            None
        }
    })
}

/// One month's import, as folded into the history.
#[derive(Debug, Clone)]
pub struct Month {
    /// The month's first day.
    pub from: Date,
    /// The publications of that month (and those of no month, which every month reads).
    pub files: Vec<String>,
}

/// A history: the folded model, the months, and the notes of each month's import.
#[derive(Debug, Clone)]
pub struct History {
    /// The dataset, with the dates the months give.
    pub model: Model,
    /// The months, in order.
    pub months: Vec<Month>,
    /// What each import said, and what the history noticed (files given out of order).
    pub notes: Vec<ImportNote>,
}

/// Imports publications of different months (each named with its `YYYY-MM`) into one dated
/// history. A file with no month in its name (a lookup), and a publication of list sizes
/// (populations carry no dates in the model), are read with every month.
///
/// # Errors
/// As [`import`]; also when two publications of one kind are given for the same month
/// (naming both files), or fewer than two months are given.
pub fn import_history(paths: &[PathBuf], options: &ImportOptions) -> Result<History, Error> {
    let mut contents = Vec::with_capacity(paths.len());
    for p in paths {
        contents.push((
            p.display().to_string(),
            std::fs::read(p).map_err(|e| Error::io(p, e))?,
        ));
    }
    let mut months: BTreeMap<Date, Vec<usize>> = BTreeMap::new();
    let mut always = Vec::new();
    let mut notes = Vec::new();
    let mut last: Option<(Date, &str)> = None;
    // Each file's kind, recognised once.
    let mut kinds = Vec::with_capacity(contents.len());
    for (name, bytes) in &contents {
        kinds.push(super::read::read_table(name, bytes)?.kind);
    }
    for (i, (name, _)) in contents.iter().enumerate() {
        // List sizes are figures, not structure: the model's populations carry no dates, so
        // they are read with every month, as the lookups are.
        let kind = kinds[i];
        if matches!(
            kind,
            super::FileKind::PracticePatients | super::FileKind::OrganisationTotals
        ) {
            always.push(i);
            continue;
        }
        match month_of(name) {
            Some(m) => {
                if let Some((d, earlier)) = last.filter(|(d, _)| *d > m) {
                    notes.push(ImportNote {
                        file: name.clone(),
                        line: None,
                        message: format!(
                            "given after {earlier} ({}) but of an earlier month ({}); the months are read in order",
                            &d.to_string()[..7],
                            &m.to_string()[..7]
                        ),
                    });
                }
                last = Some((m, name.as_str()));
                months.entry(m).or_default().push(i);
            }
            None => always.push(i),
        }
    }
    // One publication of a kind per month.
    for (from, files) in &months {
        let mut of_kind: BTreeMap<super::FileKind, &str> = BTreeMap::new();
        for &i in files {
            if let Some(other) = of_kind.insert(kinds[i], &contents[i].0) {
                return Err(Error::new(
                    ErrorKind::Data,
                    format!(
                        "{other} and {} are both {} for {}; give one publication of a kind per month",
                        contents[i].0,
                        kinds[i].describe(),
                        &from.to_string()[..7]
                    ),
                )
                .with_file(&contents[i].0));
            }
        }
    }
    if months.len() < 2 {
        return Err(Error::new(
            ErrorKind::Data,
            "a history needs publications of at least two months, each named with its month (gp-reg-pat-prac-map_2025-10.csv)",
        ));
    }
    let mut snapshots = Vec::new();
    let mut out_months = Vec::new();
    for (from, files) in &months {
        let chosen: Vec<usize> = files.iter().chain(&always).copied().collect();
        let publications: Vec<Publication<'_>> = chosen
            .iter()
            .map(|&i| Publication {
                name: &contents[i].0,
                bytes: &contents[i].1,
            })
            .collect();
        let Imported {
            model,
            notes: month_notes,
            ..
        } = import(&publications, options)?;
        notes.extend(month_notes);
        out_months.push(Month {
            from: *from,
            files: chosen.iter().map(|&i| contents[i].0.clone()).collect(),
        });
        snapshots.push((*from, model));
    }
    let mut model = fold(&snapshots);
    // An ICB that took over the sub-ICB locations of ICBs gone by its month succeeds them.
    for pair in snapshots.windows(2) {
        for (new, moved) in super::successions_by_location(&pair[0].1, &pair[1].1) {
            let olds: BTreeSet<&str> = moved.iter().map(|(_, o)| o.as_str()).collect();
            for old in olds {
                model.relationships.push(crate::model::Relationship::new(
                    RelationshipKind::SucceededBy,
                    crate::model::BodyId::from_checked(old.to_owned()),
                    crate::model::BodyId::from_checked(new.clone()),
                ));
            }
        }
    }
    Ok(History {
        model,
        months: out_months,
        notes,
    })
}

/// What a snapshot can speak for: the kinds of body it holds, and the kinds of relationship
/// from each kind of body. A month whose publications hold no trusts says nothing about
/// trusts, so a trust it lacks has not ended.
struct Covers {
    bodies: BTreeSet<BodyKind>,
    footprints: bool,
    relationships: BTreeSet<(RelationshipKind, BodyKind)>,
}

fn covers(m: &Model) -> Covers {
    let kind: BTreeMap<&str, BodyKind> = m.bodies.iter().map(|b| (b.id.as_str(), b.kind)).collect();
    Covers {
        bodies: m.bodies.iter().map(|b| b.kind).collect(),
        footprints: !m.footprints.is_empty(),
        relationships: m
            .relationships
            .iter()
            .filter_map(|r| Some((r.kind, *kind.get(r.from.as_str())?)))
            .collect(),
    }
}

/// Extensions of an earlier month with a later month's on top: a figure one publication
/// gives (registered patients) is not lost in a month whose publications do not.
fn merged(
    earlier: Option<crate::model::Extensions>,
    later: Option<crate::model::Extensions>,
) -> Option<crate::model::Extensions> {
    match (earlier, later) {
        (Some(mut a), Some(b)) => {
            a.extend(*b);
            Some(a)
        }
        (a, b) => b.or(a),
    }
}

/// Folds dated snapshots, earliest first, into one model: the latest snapshot's facts, each
/// entity and relationship starting when it first appears (its own date, if it gives one,
/// else the month, if an earlier month covered its kind without it) and ending the day
/// before the first later month that covers its kind and lacks it (unless it gives its own
/// end); every relationship within both its ends' lives.
pub fn fold(snapshots: &[(Date, Model)]) -> Model {
    // Latest facts by key, with the months each key was seen in.
    let mut footprints: BTreeMap<String, (crate::model::Footprint, Vec<usize>)> = BTreeMap::new();
    let mut bodies: BTreeMap<String, (crate::model::Body, Vec<usize>)> = BTreeMap::new();
    type RelKey = (RelationshipKind, String, String);
    let mut relationships: BTreeMap<RelKey, (crate::model::Relationship, Vec<usize>)> =
        BTreeMap::new();
    for (n, (_, m)) in snapshots.iter().enumerate() {
        for f in &m.footprints {
            let e = footprints
                .entry(f.id.to_string())
                .or_insert_with(|| (f.clone(), Vec::new()));
            let (first, population, extensions) =
                (e.0.valid_from, e.0.population, e.0.extensions.take());
            e.0 = f.clone();
            e.0.valid_from = first;
            // A month without list sizes keeps the last month's figure.
            e.0.population = f.population.or(population);
            e.0.extensions = merged(extensions, f.extensions.clone());
            e.1.push(n);
        }
        for b in &m.bodies {
            let e = bodies
                .entry(b.id.to_string())
                .or_insert_with(|| (b.clone(), Vec::new()));
            let (first, extensions) = (e.0.valid_from, e.0.extensions.take());
            e.0 = b.clone();
            e.0.valid_from = first;
            e.0.extensions = merged(extensions, b.extensions.clone());
            e.1.push(n);
        }
        for r in &m.relationships {
            let key = (r.kind, r.from.to_string(), r.to.to_string());
            let e = relationships
                .entry(key)
                .or_insert_with(|| (r.clone(), Vec::new()));
            let first = e.0.valid_from;
            e.0 = r.clone();
            e.0.valid_from = first;
            e.1.push(n);
        }
    }
    let cover: Vec<Covers> = snapshots.iter().map(|(_, m)| covers(m)).collect();
    let dates: Vec<Date> = snapshots.iter().map(|(d, _)| *d).collect();
    // It starts in the first month it appears in, if an earlier month covered its kind and
    // lacked it (otherwise it was there before the history says anything); it ends the day
    // before the first month after its last appearance that covers its kind (a month between
    // two appearances that lacks it is a gap in that publication, not an end and a start).
    let span = |seen: &[usize], covered: &dyn Fn(usize) -> bool| -> (Option<Date>, Option<Date>) {
        let first = seen[0];
        let start = (0..first).any(covered).then(|| dates[first]);
        let last = seen[seen.len() - 1];
        let gone = (last + 1..dates.len()).find(|&k| covered(k));
        (start, gone.and_then(|k| dates[k].pred()))
    };
    let body_kind: BTreeMap<String, BodyKind> = bodies
        .iter()
        .map(|(id, (b, _))| (id.clone(), b.kind))
        .collect();
    let mut out = snapshots.last().map(|(_, m)| m.clone()).unwrap_or_default();
    out.footprints = footprints
        .into_values()
        .map(|(mut f, seen)| {
            let (start, end) = span(&seen, &|k| cover[k].footprints);
            f.valid_from = f.valid_from.or(start);
            f.valid_to = f.valid_to.or(end);
            f
        })
        .collect();
    out.bodies = bodies
        .into_values()
        .map(|(mut b, seen)| {
            let kind = b.kind;
            let (start, end) = span(&seen, &|k| cover[k].bodies.contains(&kind));
            b.valid_from = b.valid_from.or(start);
            b.valid_to = b.valid_to.or(end);
            b
        })
        .collect();
    let lives: BTreeMap<String, (Option<Date>, Option<Date>)> = out
        .bodies
        .iter()
        .map(|b| (b.id.to_string(), (b.valid_from, b.valid_to)))
        .collect();
    out.relationships = relationships
        .into_values()
        .map(|(mut r, seen)| {
            let from_kind = body_kind.get(r.from.as_str()).copied();
            let (start, end) = span(&seen, &|k| {
                from_kind.is_some_and(|fk| cover[k].relationships.contains(&(r.kind, fk)))
            });
            r.valid_from = r.valid_from.or(start);
            r.valid_to = r.valid_to.or(end);
            // Within both ends' lives, as the importer keeps every relationship.
            for end in [r.from.as_str(), r.to.as_str()] {
                if let Some((from, to)) = lives.get(end) {
                    r.valid_from = r.valid_from.max(*from);
                    r.valid_to = match (r.valid_to, *to) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    };
                }
            }
            r
        })
        .collect();
    out
}
