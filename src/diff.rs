//! What changed between two datasets: entities added, removed and renamed, bodies that moved
//! (a practice to another PCN, a sub-ICB location to another ICB, a body to another
//! footprint), populations that changed beyond a threshold, relationships added and removed,
//! ICBs that succeed others (found by where their sub-ICB locations went), and the findings
//! that appeared or were resolved.
//!
//! ```
//! use icsgov::diff::{diff, DiffOptions};
//! use icsgov::{Model, Policy};
//!
//! let old = Model::from_json_str(r#"{"bodies": [
//!     {"id": "U00001", "name": "First PCN", "kind": "primary_care_network"},
//!     {"id": "U00002", "name": "Second PCN", "kind": "primary_care_network"},
//!     {"id": "X00001", "name": "A practice", "kind": "gp_practice"}],
//!   "relationships": [{"kind": "member_of", "from": "X00001", "to": "U00001"}]}"#).unwrap();
//! let new = Model::from_json_str(r#"{"bodies": [
//!     {"id": "U00001", "name": "First PCN", "kind": "primary_care_network"},
//!     {"id": "U00002", "name": "Second PCN", "kind": "primary_care_network"},
//!     {"id": "X00001", "name": "A practice", "kind": "gp_practice"}],
//!   "relationships": [{"kind": "member_of", "from": "X00001", "to": "U00002"}]}"#).unwrap();
//! let d = diff(&old, &new, &Policy::default(), &DiffOptions::default());
//! assert_eq!(d.moved[0].id, "X00001");
//! assert_eq!((d.moved[0].before.as_slice(), d.moved[0].after.as_slice()), (&["U00001".to_owned()][..], &["U00002".to_owned()][..]));
//! ```

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::model::{Date, Model, RelationshipKind};
use crate::policy::Policy;
use crate::validator::Validator;

/// How to compare.
#[derive(Debug, Clone, PartialEq)]
pub struct DiffOptions {
    /// Compare the structure in force on this date in each dataset (`None`: every entity and
    /// relationship, whatever its dates).
    pub as_of: Option<Date>,
    /// A population change is reported when it is more than this fraction of the earlier
    /// figure (0.05 is 5%).
    pub population_threshold: f64,
}

impl Default for DiffOptions {
    fn default() -> Self {
        Self {
            as_of: None,
            population_threshold: 0.05,
        }
    }
}

/// A footprint or body, by id, kind and name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Entity {
    /// The id.
    pub id: String,
    /// `footprint` and its tier, or the body's kind (`gp_practice`).
    pub kind: String,
    /// The name.
    pub name: String,
}

/// An entity whose name changed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Renamed {
    /// The id.
    pub id: String,
    /// The name before.
    pub before: String,
    /// The name after.
    pub after: String,
}

/// A body that moved: what it is a member or part of, or the footprint it covers, changed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Moved {
    /// The body's (or footprint's) id.
    pub id: String,
    /// What moved: `member_of`, `part_of`, `footprint` (a body's) or `within` (a footprint's).
    pub by: String,
    /// The ids before.
    pub before: Vec<String>,
    /// The ids after.
    pub after: Vec<String>,
}

/// A population that changed beyond the threshold.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct PopulationChange {
    /// The footprint.
    pub id: String,
    /// Before.
    pub before: u64,
    /// After.
    pub after: u64,
}

/// A relationship, by kind and ends.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Link {
    /// The kind (`member_of`).
    pub kind: String,
    /// The `from` id.
    pub from: String,
    /// The `to` id.
    pub to: String,
}

/// A seat on a board or committee, by person, role and body.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Seat {
    /// The body whose board or committee it is.
    pub body: String,
    /// The role (`chair`).
    pub role: String,
    /// The person's id.
    pub person: String,
}

/// An ICB that is new and took over the sub-ICB locations of ICBs that are gone: the code
/// change or merger inferred from where the locations went.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Succession {
    /// The ICBs gone.
    pub before: Vec<String>,
    /// The ICB that took over their locations.
    pub after: String,
    /// The sub-ICB locations that moved.
    pub locations: Vec<String>,
}

/// A body whose code changed: the one gone and the one added have the same members.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct CodeChange {
    /// The body's kind.
    pub kind: String,
    /// The code gone.
    pub before: String,
    /// The code added.
    pub after: String,
    /// The members (or parts) that carried over.
    pub members: Vec<String>,
}

/// A finding, by rule, message and the ids it involves.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct FindingRef {
    /// The rule's code.
    pub code: String,
    /// The severity.
    pub severity: crate::Severity,
    /// The message, with its period.
    pub message: String,
    /// The ids involved.
    pub related: Vec<String>,
}

/// What changed from one dataset to another. Every list is sorted, so the same two datasets
/// give the same diff.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Diff {
    /// Footprints and bodies only in the later dataset.
    pub added: Vec<Entity>,
    /// Footprints and bodies only in the earlier dataset.
    pub removed: Vec<Entity>,
    /// Entities whose name changed (beyond letter case: publications differ in that).
    pub renamed: Vec<Renamed>,
    /// Bodies and footprints that moved.
    pub moved: Vec<Moved>,
    /// Populations that changed by more than the threshold.
    pub population_changed: Vec<PopulationChange>,
    /// Relationships only in the later dataset.
    pub relationships_added: Vec<Link>,
    /// Relationships only in the earlier dataset.
    pub relationships_removed: Vec<Link>,
    /// Seats on boards and committees only in the later dataset.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub seats_added: Vec<Seat>,
    /// Seats on boards and committees only in the earlier dataset.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub seats_removed: Vec<Seat>,
    /// New ICBs that took over the sub-ICB locations of ICBs that are gone.
    pub successions: Vec<Succession>,
    /// A body gone and one added of the same kind with exactly the same members (or parts):
    /// the same organisation under a new code (a PCN recoded, its practices all carried
    /// over).
    pub code_changes: Vec<CodeChange>,
    /// Findings of the later dataset that the earlier did not have.
    pub findings_appeared: Vec<FindingRef>,
    /// Findings of the earlier dataset that the later does not have.
    pub findings_resolved: Vec<FindingRef>,
}

/// A kind of change, for choosing which ones fail a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Change {
    /// [`Diff::added`].
    Added,
    /// [`Diff::removed`].
    Removed,
    /// [`Diff::renamed`].
    Renamed,
    /// [`Diff::moved`].
    Moved,
    /// [`Diff::population_changed`].
    Population,
    /// [`Diff::relationships_added`] and [`Diff::relationships_removed`].
    Relationships,
    /// [`Diff::successions`] and [`Diff::code_changes`].
    Successions,
    /// [`Diff::seats_added`] and [`Diff::seats_removed`].
    Seats,
    /// [`Diff::findings_appeared`].
    FindingsAppeared,
}

impl Change {
    /// Every kind, with the name the command line uses.
    pub const ALL: [(Change, &'static str); 9] = [
        (Change::Added, "added"),
        (Change::Removed, "removed"),
        (Change::Renamed, "renamed"),
        (Change::Moved, "moved"),
        (Change::Population, "population"),
        (Change::Relationships, "relationships"),
        (Change::Successions, "successions"),
        (Change::Seats, "seats"),
        (Change::FindingsAppeared, "findings-appeared"),
    ];
}

impl Diff {
    /// Whether the diff has any change of `kind`.
    pub fn has(&self, kind: Change) -> bool {
        match kind {
            Change::Added => !self.added.is_empty(),
            Change::Removed => !self.removed.is_empty(),
            Change::Renamed => !self.renamed.is_empty(),
            Change::Moved => !self.moved.is_empty(),
            Change::Population => !self.population_changed.is_empty(),
            Change::Relationships => {
                !self.relationships_added.is_empty() || !self.relationships_removed.is_empty()
            }
            Change::Successions => !self.successions.is_empty() || !self.code_changes.is_empty(),
            Change::Seats => !self.seats_added.is_empty() || !self.seats_removed.is_empty(),
            Change::FindingsAppeared => !self.findings_appeared.is_empty(),
        }
    }

    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        Change::ALL.iter().all(|(c, _)| !self.has(*c)) && self.findings_resolved.is_empty()
    }

    /// As pretty-printed JSON with a final newline (`schemas/diff.schema.json`).
    pub fn to_json_string(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
}

/// Every entity of `m`, by id.
fn entities(m: &Model) -> BTreeMap<&str, Entity> {
    let mut out = BTreeMap::new();
    for f in &m.footprints {
        out.insert(
            f.id.as_str(),
            Entity {
                id: f.id.to_string(),
                kind: format!("{}_footprint", f.tier.as_str()),
                name: f.name.to_string(),
            },
        );
    }
    for b in &m.bodies {
        out.insert(
            b.id.as_str(),
            Entity {
                id: b.id.to_string(),
                kind: b.kind.key().to_owned(),
                name: b.name.to_string(),
            },
        );
    }
    out
}

/// Every relationship of `m` by kind and ends, each once.
fn links(m: &Model) -> BTreeSet<Link> {
    m.relationships
        .iter()
        .map(|r| Link {
            kind: r.kind.key().to_owned(),
            from: r.from.to_string(),
            to: r.to.to_string(),
        })
        .collect()
}

/// For each body, the ids it is `member_of` or `part_of`, by kind.
fn parents(m: &Model) -> BTreeMap<(&str, RelationshipKind), BTreeSet<&str>> {
    let mut out: BTreeMap<(&str, RelationshipKind), BTreeSet<&str>> = BTreeMap::new();
    for r in &m.relationships {
        if matches!(
            r.kind,
            RelationshipKind::MemberOf | RelationshipKind::PartOf
        ) {
            out.entry((r.from.as_str(), r.kind))
                .or_default()
                .insert(r.to.as_str());
        }
    }
    out
}

/// The findings of `m` under `policy`, each once.
fn findings(m: &Model, policy: &Policy) -> BTreeSet<FindingRef> {
    Validator::new(policy)
        .validate(m)
        .diagnostics()
        .iter()
        .map(|d| {
            let mut related = d.related().to_vec();
            related.sort();
            FindingRef {
                code: d.code().to_owned(),
                severity: d.severity(),
                message: d.message_with_period(),
                related,
            }
        })
        .collect()
}

/// The bodies with `member_of` or `part_of` relationships to `id`, sorted.
fn members_of(m: &Model) -> BTreeMap<&str, Vec<&str>> {
    let mut out: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for r in &m.relationships {
        if matches!(
            r.kind,
            RelationshipKind::MemberOf | RelationshipKind::PartOf
        ) {
            out.entry(r.to.as_str()).or_default().push(r.from.as_str());
        }
    }
    for v in out.values_mut() {
        v.sort_unstable();
        v.dedup();
    }
    out
}

/// Removed and added bodies of one kind whose members are the same, non-empty set.
fn code_changes(old: &Model, new: &Model, d: &Diff) -> Vec<CodeChange> {
    let (ma, mb) = (members_of(old), members_of(new));
    let mut gone: BTreeMap<(&str, Vec<&str>), &str> = BTreeMap::new();
    for e in &d.removed {
        if let Some(m) = ma.get(e.id.as_str()).filter(|m| !m.is_empty()) {
            gone.insert((e.kind.as_str(), m.clone()), e.id.as_str());
        }
    }
    let mut out = Vec::new();
    for e in &d.added {
        let Some(m) = mb.get(e.id.as_str()).filter(|m| !m.is_empty()) else {
            continue;
        };
        if let Some(before) = gone.get(&(e.kind.as_str(), m.clone())) {
            out.push(CodeChange {
                kind: e.kind.clone(),
                before: (*before).to_owned(),
                after: e.id.clone(),
                members: m.iter().map(|s| (*s).to_owned()).collect(),
            });
        }
    }
    out.sort();
    out
}

/// What changed from `old` to `new`: matched by id; the findings under `policy`.
pub fn diff(old: &Model, new: &Model, policy: &Policy, options: &DiffOptions) -> Diff {
    let (old, new) = match options.as_of {
        Some(d) => (old.snapshot(d), new.snapshot(d)),
        None => (old.clone(), new.clone()),
    };
    let (a, b) = (entities(&old), entities(&new));
    let mut out = Diff {
        added: b
            .iter()
            .filter(|(id, _)| !a.contains_key(*id))
            .map(|(_, e)| e.clone())
            .collect(),
        removed: a
            .iter()
            .filter(|(id, _)| !b.contains_key(*id))
            .map(|(_, e)| e.clone())
            .collect(),
        renamed: a
            .iter()
            .filter_map(|(id, e)| {
                let after = b.get(id)?;
                // A change of letter case alone is how a publication writes names (ODS in
                // capitals), not a new name.
                (!after.name.eq_ignore_ascii_case(&e.name)).then(|| Renamed {
                    id: (*id).to_owned(),
                    before: e.name.clone(),
                    after: after.name.clone(),
                })
            })
            .collect(),
        ..Diff::default()
    };

    // Moves: memberships and parts, a body's footprint, a footprint's parent.
    let (pa, pb) = (parents(&old), parents(&new));
    let ids = |s: Option<&BTreeSet<&str>>| -> Vec<String> {
        s.map(|s| s.iter().map(|x| (*x).to_owned()).collect())
            .unwrap_or_default()
    };
    for key in pa.keys().chain(pb.keys()).collect::<BTreeSet<_>>() {
        let (id, kind) = *key;
        if !a.contains_key(id) || !b.contains_key(id) {
            continue;
        }
        let (before, after) = (ids(pa.get(key)), ids(pb.get(key)));
        if before != after {
            out.moved.push(Moved {
                id: id.to_owned(),
                by: kind.key().to_owned(),
                before,
                after,
            });
        }
    }
    let footprint_of: BTreeMap<&str, Option<&str>> = old
        .bodies
        .iter()
        .map(|x| (x.id.as_str(), x.footprint.as_ref().map(|f| f.as_str())))
        .collect();
    for x in &new.bodies {
        if let Some(before) = footprint_of.get(x.id.as_str()) {
            let after = x.footprint.as_ref().map(|f| f.as_str());
            if *before != after {
                out.moved.push(Moved {
                    id: x.id.to_string(),
                    by: "footprint".to_owned(),
                    before: before.iter().map(|s| (*s).to_owned()).collect(),
                    after: after.iter().map(|s| (*s).to_owned()).collect(),
                });
            }
        }
    }
    let within: BTreeMap<&str, (Option<&str>, Option<u64>)> = old
        .footprints
        .iter()
        .map(|f| {
            (
                f.id.as_str(),
                (f.within.as_ref().map(|w| w.as_str()), f.population),
            )
        })
        .collect();
    for f in &new.footprints {
        let Some((before, population)) = within.get(f.id.as_str()) else {
            continue;
        };
        let after = f.within.as_ref().map(|w| w.as_str());
        if *before != after {
            out.moved.push(Moved {
                id: f.id.to_string(),
                by: "within".to_owned(),
                before: before.iter().map(|s| (*s).to_owned()).collect(),
                after: after.iter().map(|s| (*s).to_owned()).collect(),
            });
        }
        if let (Some(p0), Some(p1)) = (*population, f.population) {
            if p0.abs_diff(p1) as f64 > p0 as f64 * options.population_threshold {
                out.population_changed.push(PopulationChange {
                    id: f.id.to_string(),
                    before: p0,
                    after: p1,
                });
            }
        }
    }
    out.moved.sort();

    let (la, lb) = (links(&old), links(&new));
    out.relationships_added = lb.difference(&la).cloned().collect();
    out.relationships_removed = la.difference(&lb).cloned().collect();
    let seats = |m: &Model| -> BTreeSet<Seat> {
        m.memberships
            .iter()
            .map(|x| Seat {
                body: x.body.to_string(),
                role: x.role.key().to_owned(),
                person: x.person.to_string(),
            })
            .collect()
    };
    let (sa, sb) = (seats(&old), seats(&new));
    out.seats_added = sb.difference(&sa).cloned().collect();
    out.seats_removed = sa.difference(&sb).cloned().collect();

    #[cfg(feature = "import")]
    {
        out.successions = crate::import::successions_by_location(&old, &new)
            .into_iter()
            .map(|(after, moved)| {
                let before: BTreeSet<String> = moved.iter().map(|(_, o)| o.clone()).collect();
                Succession {
                    before: before.into_iter().collect(),
                    after,
                    locations: moved.into_iter().map(|(l, _)| l).collect(),
                }
            })
            .collect();
    }

    out.code_changes = code_changes(&old, &new, &out);

    let (fa, fb) = (findings(&old, policy), findings(&new, policy));
    out.findings_appeared = fb.difference(&fa).cloned().collect();
    out.findings_resolved = fa.difference(&fb).cloned().collect();
    out
}

impl Diff {
    /// The diff as Markdown, for a pull-request comment: a count per kind of change, then a
    /// table for each kind that has any (at most `limit` rows each, saying how many more).
    pub fn to_markdown(&self, title: &str, limit: usize) -> String {
        use crate::summary::md;
        use std::fmt::Write;
        let mut out = format!("# {}\n\n", md(title));
        if self.is_empty() {
            out.push_str("No changes.\n");
            return out;
        }
        let counts = [
            ("added", self.added.len()),
            ("removed", self.removed.len()),
            ("renamed", self.renamed.len()),
            ("moved", self.moved.len()),
            ("population changed", self.population_changed.len()),
            ("relationships added", self.relationships_added.len()),
            ("relationships removed", self.relationships_removed.len()),
            ("seats added", self.seats_added.len()),
            ("seats removed", self.seats_removed.len()),
            ("successions", self.successions.len()),
            ("code changes", self.code_changes.len()),
            ("findings appeared", self.findings_appeared.len()),
            ("findings resolved", self.findings_resolved.len()),
        ];
        out.push_str("| change | count |\n|---|---|\n");
        for (what, n) in counts.iter().filter(|(_, n)| *n > 0) {
            let _ = writeln!(out, "| {what} | {n} |");
        }
        fn table<T>(
            out: &mut String,
            heading: &str,
            header: &str,
            rows: &[T],
            limit: usize,
            row: impl Fn(&T) -> String,
        ) {
            if rows.is_empty() {
                return;
            }
            let _ = write!(out, "\n## {heading}\n\n{header}\n");
            for r in rows.iter().take(limit) {
                out.push_str(&row(r));
                out.push('\n');
            }
            if rows.len() > limit {
                let _ = writeln!(out, "\n…and {} more.", rows.len() - limit);
            }
        }
        let ids = |v: &[String]| v.iter().map(|s| md(s)).collect::<Vec<_>>().join(", ");
        table(
            &mut out,
            "Added",
            "| id | kind | name |\n|---|---|---|",
            &self.added,
            limit,
            |e| format!("| {} | {} | {} |", md(&e.id), md(&e.kind), md(&e.name)),
        );
        table(
            &mut out,
            "Removed",
            "| id | kind | name |\n|---|---|---|",
            &self.removed,
            limit,
            |e| format!("| {} | {} | {} |", md(&e.id), md(&e.kind), md(&e.name)),
        );
        table(
            &mut out,
            "Renamed",
            "| id | before | after |\n|---|---|---|",
            &self.renamed,
            limit,
            |r| format!("| {} | {} | {} |", md(&r.id), md(&r.before), md(&r.after)),
        );
        table(
            &mut out,
            "Moved",
            "| id | by | before | after |\n|---|---|---|---|",
            &self.moved,
            limit,
            |m| {
                format!(
                    "| {} | {} | {} | {} |",
                    md(&m.id),
                    md(&m.by),
                    ids(&m.before),
                    ids(&m.after)
                )
            },
        );
        table(
            &mut out,
            "Population changed",
            "| footprint | before | after |\n|---|---|---|",
            &self.population_changed,
            limit,
            |p| {
                format!(
                    "| {} | {} | {} |",
                    md(&p.id),
                    crate::people(p.before),
                    crate::people(p.after)
                )
            },
        );
        let link = |l: &Link| format!("| {} | {} | {} |", md(&l.kind), md(&l.from), md(&l.to));
        table(
            &mut out,
            "Relationships added",
            "| kind | from | to |\n|---|---|---|",
            &self.relationships_added,
            limit,
            link,
        );
        table(
            &mut out,
            "Relationships removed",
            "| kind | from | to |\n|---|---|---|",
            &self.relationships_removed,
            limit,
            link,
        );
        let seat = |x: &Seat| format!("| {} | {} | {} |", md(&x.body), md(&x.role), md(&x.person));
        table(
            &mut out,
            "Seats added",
            "| body | role | person |\n|---|---|---|",
            &self.seats_added,
            limit,
            seat,
        );
        table(
            &mut out,
            "Seats removed",
            "| body | role | person |\n|---|---|---|",
            &self.seats_removed,
            limit,
            seat,
        );
        table(
            &mut out,
            "Successions",
            "| before | after | sub-ICB locations |\n|---|---|---|",
            &self.successions,
            limit,
            |s| {
                format!(
                    "| {} | {} | {} |",
                    ids(&s.before),
                    md(&s.after),
                    ids(&s.locations)
                )
            },
        );
        table(
            &mut out,
            "Code changes",
            "| kind | before | after | members |\n|---|---|---|---|",
            &self.code_changes,
            limit,
            |c| {
                format!(
                    "| {} | {} | {} | {} |",
                    md(&c.kind),
                    md(&c.before),
                    md(&c.after),
                    ids(&c.members)
                )
            },
        );
        let finding =
            |f: &FindingRef| format!("| {} | {} | {} |", md(&f.code), f.severity, md(&f.message));
        table(
            &mut out,
            "Findings appeared",
            "| rule | severity | finding |\n|---|---|---|",
            &self.findings_appeared,
            limit,
            finding,
        );
        table(
            &mut out,
            "Findings resolved",
            "| rule | severity | finding |\n|---|---|---|",
            &self.findings_resolved,
            limit,
            finding,
        );
        out
    }
}
