//! The read-only view every rule runs over: ids interned once to dense indices, references
//! resolved, footprint children and relationships grouped by kind.

use std::collections::HashMap;

use crate::model::{Body, Date, Footprint, Model, Relationship, RelationshipKind};
use crate::pointer::JsonPointer;
use crate::policy::Policy;

/// An entity of the model by list and index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Entity {
    /// Index into [`Model::footprints`].
    Footprint(u32),
    /// Index into [`Model::bodies`].
    Body(u32),
}

/// A relationship whose two ends resolve to bodies in force.
#[derive(Debug, Clone, Copy)]
pub struct Edge<'m> {
    /// Index into [`Model::relationships`].
    pub index: u32,
    /// The relationship itself.
    pub relationship: &'m Relationship,
    /// Index of the `from` body.
    pub from: u32,
    /// Index of the `to` body.
    pub to: u32,
}

/// The model with its ids interned and its references resolved, as the rules see it.
///
/// Building it is O(V + E); every accessor is O(1) or iterates only what it returns.
pub struct Context<'m> {
    model: &'m Model,
    policy: &'m Policy,
    as_of: Option<Date>,
    index: HashMap<&'m str, Entity>,
    duplicates: Vec<(Entity, Entity)>,
    footprint_in_force: Vec<bool>,
    body_in_force: Vec<bool>,
    footprint_parent: Vec<Option<u32>>,
    body_footprint: Vec<Option<u32>>,
    edge_ends: Vec<Option<(u32, u32)>>,
    children_start: Vec<u32>,
    children: Vec<u32>,
    edges_by_kind: Vec<Vec<u32>>,
}

fn idx(i: usize) -> u32 {
    // Models are bounded far below 4 billion entities by the load limits.
    u32::try_from(i).unwrap_or(u32::MAX)
}

impl<'m> Context<'m> {
    /// Interns the model's ids and resolves its references, keeping only what is in force on
    /// `as_of` when a date is given.
    pub fn new(model: &'m Model, policy: &'m Policy, as_of: Option<Date>) -> Self {
        let capacity = model.footprints.len() + model.bodies.len();
        let mut index: HashMap<&'m str, Entity> = HashMap::with_capacity(capacity);
        let mut duplicates = Vec::new();
        let entities = model
            .footprints
            .iter()
            .enumerate()
            .map(|(i, f)| (f.id.as_str(), Entity::Footprint(idx(i))))
            .chain(
                model
                    .bodies
                    .iter()
                    .enumerate()
                    .map(|(i, b)| (b.id.as_str(), Entity::Body(idx(i)))),
            );
        for (id, entity) in entities {
            match index.entry(id) {
                std::collections::hash_map::Entry::Occupied(first) => {
                    duplicates.push((*first.get(), entity))
                }
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(entity);
                }
            }
        }

        let in_force = |v: crate::model::Validity| as_of.is_none_or(|d| v.includes(d));
        let footprint_in_force: Vec<bool> = model
            .footprints
            .iter()
            .map(|f| in_force(f.validity()))
            .collect();
        let body_in_force: Vec<bool> = model
            .bodies
            .iter()
            .map(|b| in_force(b.validity()))
            .collect();

        let footprint_of = |id: Option<&str>| match id.and_then(|id| index.get(id)) {
            Some(Entity::Footprint(f)) => Some(*f),
            _ => None,
        };
        let body_of = |id: &str| match index.get(id) {
            Some(Entity::Body(b)) => Some(*b),
            _ => None,
        };
        let footprint_parent: Vec<Option<u32>> = model
            .footprints
            .iter()
            .map(|f| footprint_of(f.within.as_ref().map(|w| w.as_str())))
            .collect();
        let body_footprint: Vec<Option<u32>> = model
            .bodies
            .iter()
            .map(|b| footprint_of(b.footprint.as_ref().map(|w| w.as_str())))
            .collect();

        let mut edge_ends = Vec::with_capacity(model.relationships.len());
        let mut edges_by_kind = vec![Vec::new(); RelationshipKind::ALL.len()];
        for (i, r) in model.relationships.iter().enumerate() {
            let ends = match (body_of(r.from.as_str()), body_of(r.to.as_str())) {
                (Some(f), Some(t)) => Some((f, t)),
                _ => None,
            };
            edge_ends.push(ends);
            if let Some((f, t)) = ends {
                if in_force(r.validity()) && body_in_force[f as usize] && body_in_force[t as usize]
                {
                    edges_by_kind[r.kind as usize].push(idx(i));
                }
            }
        }

        // Children of each footprint in compressed form: counts, prefix sums, then fill.
        let n = model.footprints.len();
        let mut children_start = vec![0u32; n + 1];
        for (child, parent) in footprint_parent.iter().enumerate() {
            if let Some(p) = parent {
                if footprint_in_force[child] {
                    children_start[*p as usize + 1] += 1;
                }
            }
        }
        for i in 0..n {
            children_start[i + 1] += children_start[i];
        }
        let mut fill = children_start.clone();
        let mut children = vec![0u32; children_start[n] as usize];
        for (child, parent) in footprint_parent.iter().enumerate() {
            if let Some(p) = parent {
                if footprint_in_force[child] {
                    let slot = &mut fill[*p as usize];
                    children[*slot as usize] = idx(child);
                    *slot += 1;
                }
            }
        }

        Self {
            model,
            policy,
            as_of,
            index,
            duplicates,
            footprint_in_force,
            body_in_force,
            footprint_parent,
            body_footprint,
            edge_ends,
            children_start,
            children,
            edges_by_kind,
        }
    }

    /// The model.
    pub fn model(&self) -> &'m Model {
        self.model
    }

    /// The policy the run enforces.
    pub fn policy(&self) -> &'m Policy {
        self.policy
    }

    /// The date the structure is checked as of, if any.
    pub fn as_of(&self) -> Option<Date> {
        self.as_of
    }

    /// The entity an id names (its first occurrence, when duplicated).
    pub fn lookup(&self, id: &str) -> Option<Entity> {
        self.index.get(id).copied()
    }

    /// Each repeated id: the entity that used it first, and the one that repeats it.
    pub fn duplicates(&self) -> &[(Entity, Entity)] {
        &self.duplicates
    }

    /// The footprints in force, with their indices.
    pub fn footprints(&self) -> impl Iterator<Item = (u32, &'m Footprint)> + '_ {
        self.model
            .footprints
            .iter()
            .enumerate()
            .filter(|(i, _)| self.footprint_in_force[*i])
            .map(|(i, f)| (idx(i), f))
    }

    /// The bodies in force, with their indices.
    pub fn bodies(&self) -> impl Iterator<Item = (u32, &'m Body)> + '_ {
        self.model
            .bodies
            .iter()
            .enumerate()
            .filter(|(i, _)| self.body_in_force[*i])
            .map(|(i, b)| (idx(i), b))
    }

    /// The footprint at index `i`.
    pub fn footprint(&self, i: u32) -> &'m Footprint {
        &self.model.footprints[i as usize]
    }

    /// The body at index `i`.
    pub fn body(&self, i: u32) -> &'m Body {
        &self.model.bodies[i as usize]
    }

    /// Whether the footprint at index `i` is in force.
    pub fn footprint_in_force(&self, i: u32) -> bool {
        self.footprint_in_force[i as usize]
    }

    /// Whether the body at index `i` is in force.
    pub fn body_in_force(&self, i: u32) -> bool {
        self.body_in_force[i as usize]
    }

    /// The footprint a footprint sits within, when its `within` names a footprint.
    pub fn parent(&self, footprint: u32) -> Option<u32> {
        self.footprint_parent[footprint as usize]
    }

    /// The footprint a body covers, when its `footprint` names a footprint.
    pub fn body_footprint(&self, body: u32) -> Option<u32> {
        self.body_footprint[body as usize]
    }

    /// The footprints in force that sit within `footprint`.
    pub fn children(&self, footprint: u32) -> &[u32] {
        let s = self.children_start[footprint as usize] as usize;
        let e = self.children_start[footprint as usize + 1] as usize;
        &self.children[s..e]
    }

    /// The relationships of one kind in force whose ends are bodies in force.
    pub fn edges(&self, kind: RelationshipKind) -> impl Iterator<Item = Edge<'m>> + '_ {
        self.edges_by_kind[kind as usize]
            .iter()
            .filter_map(move |&i| {
                let (from, to) = self.edge_ends[i as usize]?;
                Some(Edge {
                    index: i,
                    relationship: &self.model.relationships[i as usize],
                    from,
                    to,
                })
            })
    }

    /// `integrated care board QE1 (NHS Lancashire and South Cumbria ICB)`.
    /// The name is left out when it only repeats the kind (`Care Quality Commission cqc`).
    pub fn body_label(&self, i: u32) -> String {
        let b = self.body(i);
        if b.name == b.kind.as_str() {
            format!("{} {}", b.kind, b.id)
        } else {
            format!("{} {} ({})", b.kind, b.id, b.name)
        }
    }

    /// `place footprint morecambe-bay (Morecambe Bay)`.
    pub fn footprint_label(&self, i: u32) -> String {
        let f = self.footprint(i);
        format!("{} footprint {} ({})", f.tier, f.id, f.name)
    }

    /// The label of any entity.
    pub fn label(&self, e: Entity) -> String {
        match e {
            Entity::Footprint(i) => self.footprint_label(i),
            Entity::Body(i) => self.body_label(i),
        }
    }

    /// The id of any entity.
    pub fn id(&self, e: Entity) -> &'m str {
        match e {
            Entity::Footprint(i) => self.footprint(i).id.as_str(),
            Entity::Body(i) => self.body(i).id.as_str(),
        }
    }

    /// The JSON Pointer of any entity (`/bodies/3`).
    pub fn path(&self, e: Entity) -> JsonPointer {
        match e {
            Entity::Footprint(i) => JsonPointer::entity("footprints", i as usize),
            Entity::Body(i) => JsonPointer::entity("bodies", i as usize),
        }
    }

    /// The JSON Pointer of the relationship at index `i`.
    pub fn relationship_path(&self, i: u32) -> JsonPointer {
        JsonPointer::entity("relationships", i as usize)
    }
}

/// `a` or `an`, whichever reads right before `word` ("an integrated care board", "an NHS
/// trust", "a GP practice").
pub fn article(word: &str) -> &'static str {
    let vowel = word.starts_with(['a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'U']);
    if vowel || word.starts_with("NHS") {
        "an"
    } else {
        "a"
    }
}

/// `1 footprint`, `2 footprints`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A population with thousands separators: `1,800,000`.
pub fn people(n: impl Into<u128>) -> String {
    let n: u128 = n.into();
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::people;

    #[test]
    fn people_groups_thousands() {
        assert_eq!(people(0u64), "0");
        assert_eq!(people(999u64), "999");
        assert_eq!(people(1000u64), "1,000");
        assert_eq!(people(1_800_000u64), "1,800,000");
        assert_eq!(
            people(2 * u128::from(u64::MAX)),
            "36,893,488,147,419,103,230"
        );
        assert_eq!(people(u64::MAX), "18,446,744,073,709,551,615");
    }
}
