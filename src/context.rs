//! The read-only view every rule runs over: ids interned once to dense indices, references
//! resolved, adjacency by relationship kind, and each entity's effective validity, so that
//! "is it in force on this date?" is one comparison.
//!
//! The context is built once per model, in O(V + E log E). The date it answers for is set by
//! the validator before each evaluation ([`Context::at`]); a rule checks one subject at that
//! date, reading only its neighbourhood, which is what lets the timeline re-check only what a
//! change touches.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock as OnceCell;

use crate::child_totals::{ChildTotals, WithinTotals};

use crate::model::{
    Body, BodyKind, Date, Footprint, FootprintId, Model, Relationship, RelationshipKind, Validity,
};
use crate::pointer::JsonPointer;
use crate::policy::Policy;

/// An entity of the model by list and index, or the model as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Entity {
    /// Index into [`Model::footprints`].
    Footprint(u32),
    /// Index into [`Model::bodies`].
    Body(u32),
    /// Index into [`Model::relationships`].
    Relationship(u32),
    /// Index into [`Model::people`].
    Person(u32),
    /// Index into [`Model::memberships`].
    Membership(u32),
    /// The model as a whole, for rules that look at all of it at once.
    Model,
}

/// A relationship whose two ends resolve to bodies.
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

/// A reference that does not name an entity of the kind it must: a footprint's `within` or a
/// body's `footprint` that is not a footprint, a relationship's end that is not a body.
#[derive(Debug, Clone, Copy)]
pub struct Unresolved<'m> {
    /// The footprint, body or relationship holding the reference.
    pub owner: Entity,
    /// The field holding it.
    pub field: Reference,
    /// The id it names.
    pub id: &'m str,
    /// What the id names instead, if anything.
    pub found: Option<Entity>,
}

/// A field that names another entity by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Reference {
    /// A footprint's `within`: the footprint it sits within.
    Within,
    /// A body's `footprint`: the footprint it covers.
    Footprint,
    /// A relationship's `from`.
    From,
    /// A relationship's `to`.
    To,
    /// A membership's `person`.
    Person,
    /// A membership's `body`: the board or committee.
    Board,
    /// One of a membership's `nominated_by`.
    NominatedBy,
    /// A membership's `appointed_by`.
    AppointedBy,
}

impl Reference {
    /// The field's name in the dataset format.
    pub fn as_str(self) -> &'static str {
        match self {
            Reference::Within => "within",
            Reference::Footprint => "footprint",
            Reference::From => "from",
            Reference::To => "to",
            Reference::Person => "person",
            Reference::Board => "body",
            Reference::NominatedBy => "nominated_by",
            Reference::AppointedBy => "appointed_by",
        }
    }

    /// Whether the field names a body (a relationship's ends, a membership's bodies) rather
    /// than a footprint or a person.
    pub fn names_a_body(self) -> bool {
        matches!(
            self,
            Reference::From
                | Reference::To
                | Reference::Board
                | Reference::NominatedBy
                | Reference::AppointedBy
        )
    }

    /// Whether the field names a person.
    pub fn names_a_person(self) -> bool {
        self == Reference::Person
    }
}

/// The size of model (footprints, bodies and relationships) from which building the context,
/// and checking it, use every core: below it, starting the threads costs more than they save.
const PARALLEL_FROM: usize = 50_000;

/// Whether a model is large enough for its context and checks to use every core.
pub(crate) fn on_every_core(model: &Model) -> bool {
    model.footprints.len() + model.bodies.len() + model.relationships.len() >= PARALLEL_FROM
}

/// The ids of footprints, bodies and people, by entity: hash tables of entity numbers (four
/// bytes each) that compare against the ids in the model itself, rather than a map keeping a
/// pointer and length per id. A million bodies take 10 MB here instead of 50.
///
/// The hash is seeded afresh for each index, so that a dataset cannot be written to make its
/// ids collide and the interning quadratic; nothing reported depends on the hash. A large model
/// is split into shards by bits of the hash that the tables themselves do not use, and the
/// shards are built on every core.
struct IdIndex {
    hasher: foldhash::fast::RandomState,
    shards: Vec<hashbrown::HashTable<u32>>,
}

/// One shard of the id index, and the repeats found filling it: (first, repeat) codes.
type Shard = (hashbrown::HashTable<u32>, Vec<(u32, u32)>);

/// The number of shards the id index of a large model is split into.
const SHARDS: usize = 16;

/// The shard of a hash among `count` (a power of two): bits 32 and up, which hashbrown uses
/// neither for the bucket (the low bits) nor for its tag (the top seven).
fn shard_of(hash: u64, count: usize) -> usize {
    (hash >> 32) as usize & (count - 1)
}

impl IdIndex {
    fn hash(&self, id: &str) -> u64 {
        use std::hash::BuildHasher;
        self.hasher.hash_one(id)
    }

    /// Entities as one number: footprints first, then bodies, then people.
    fn decode(model: &Model, code: u32) -> Entity {
        let (f, b) = (idx(model.footprints.len()), idx(model.bodies.len()));
        if code < f {
            Entity::Footprint(code)
        } else if code < f + b {
            Entity::Body(code - f)
        } else {
            Entity::Person(code - f - b)
        }
    }

    fn id_of(model: &Model, code: u32) -> &str {
        match Self::decode(model, code) {
            Entity::Footprint(i) => model.footprints[i as usize].id.as_str(),
            Entity::Body(i) => model.bodies[i as usize].id.as_str(),
            Entity::Person(i) => model.people[i as usize].id.as_str(),
            _ => "",
        }
    }

    /// Interns the id of every footprint, body and person. Returns the index, and each
    /// repeated id as the entity that used it first and the one that repeats it, in the order
    /// of the repeats.
    fn build(model: &Model, parallel: bool) -> (Self, Vec<(Entity, Entity)>) {
        use rayon::prelude::*;
        let n = idx(model.footprints.len() + model.bodies.len() + model.people.len());
        let shards = if parallel { SHARDS } else { 1 };
        let hasher = foldhash::fast::RandomState::default();
        let hash_of = |code: u32| {
            use std::hash::BuildHasher;
            hasher.hash_one(Self::id_of(model, code))
        };
        let hashes: Vec<u64> = if parallel {
            (0..n).into_par_iter().map(hash_of).collect()
        } else {
            (0..n).map(hash_of).collect()
        };
        let mut groups: Vec<Vec<u32>> = vec![Vec::new(); shards];
        for (code, &h) in hashes.iter().enumerate() {
            groups[shard_of(h, shards)].push(idx(code));
        }
        // Each shard takes its entities in order, so the first of a repeated id is the one
        // kept, as one table filled in order would keep it.
        let fill = |codes: Vec<u32>| {
            let mut table = hashbrown::HashTable::with_capacity(codes.len());
            let mut repeats = Vec::new();
            for code in codes {
                let id = Self::id_of(model, code);
                match table.entry(
                    hashes[code as usize],
                    |&c| Self::id_of(model, c) == id,
                    |&c| hashes[c as usize],
                ) {
                    hashbrown::hash_table::Entry::Occupied(first) => {
                        repeats.push((*first.get(), code));
                    }
                    hashbrown::hash_table::Entry::Vacant(slot) => {
                        slot.insert(code);
                    }
                }
            }
            (table, repeats)
        };
        let filled: Vec<Shard> = if parallel {
            groups.into_par_iter().map(fill).collect()
        } else {
            groups.into_iter().map(fill).collect()
        };
        let (tables, repeats): (Vec<_>, Vec<_>) = filled.into_iter().unzip();
        let mut repeats: Vec<(u32, u32)> = repeats.into_iter().flatten().collect();
        repeats.sort_unstable_by_key(|&(_, code)| code);
        let duplicates = repeats
            .into_iter()
            .map(|(first, code)| (Self::decode(model, first), Self::decode(model, code)))
            .collect();
        let index = Self {
            hasher,
            shards: tables,
        };
        (index, duplicates)
    }

    fn get(&self, model: &Model, id: &str) -> Option<Entity> {
        let h = self.hash(id);
        self.shards[shard_of(h, self.shards.len())]
            .find(h, |&c| Self::id_of(model, c) == id)
            .map(|&c| Self::decode(model, c))
    }
}

/// A relationship's kind, and whether it has dates of its own, in one byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct EdgeTag(u8);

impl EdgeTag {
    const DATED: u8 = 0x80;

    fn new(r: &Relationship) -> Self {
        let dated = r.valid_from.is_some() || r.valid_to.is_some();
        Self(r.kind as u8 | if dated { Self::DATED } else { 0 })
    }

    fn kind(self) -> RelationshipKind {
        // `ALL` lists the kinds in the order of their discriminants (a test checks).
        RelationshipKind::ALL[usize::from(self.0 & !Self::DATED)]
    }

    fn dated(self) -> bool {
        self.0 & Self::DATED != 0
    }
}

/// Edges of one end, sorted by (body, kind, relationship index), with each body's range: the
/// kinds and the relationship indices in two lists, five bytes an edge rather than eight.
struct Adjacency {
    start: Vec<u32>,
    kinds: Vec<u8>,
    edges: Vec<u32>,
}

impl Adjacency {
    /// Groups relationships by one end's body, then kind, then index: one counting sort by
    /// body over the relationships in order, then each body's few edges put in order of kind.
    /// O(V + E log d) for d the most edges of one body; most bodies' edges are in order
    /// already and are only checked.
    fn build(
        n: usize,
        ends: &[Option<(u32, u32)>],
        kinds: &[EdgeTag],
        end: fn((u32, u32)) -> u32,
    ) -> Self {
        let mut start = vec![0u32; n + 1];
        for e in ends.iter().flatten() {
            start[end(*e) as usize + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut edge_kinds = vec![0u8; start[n] as usize];
        let mut edges = vec![0u32; start[n] as usize];
        for (i, (e, &k)) in ends.iter().zip(kinds).enumerate() {
            if let Some(e) = e {
                let slot = &mut fill[end(*e) as usize];
                edge_kinds[*slot as usize] = k.kind() as u8;
                edges[*slot as usize] = idx(i);
                *slot += 1;
            }
        }
        drop(fill);
        // Each body's edges are in order of index; put them in order of kind where they are
        // not already (indices are distinct, so the pairs are, and an unstable sort gives the
        // one order).
        let mut pairs: Vec<(u8, u32)> = Vec::new();
        for w in start.windows(2) {
            let (s, e) = (w[0] as usize, w[1] as usize);
            if !edge_kinds[s..e].is_sorted() {
                pairs.clear();
                pairs.extend(
                    edge_kinds[s..e]
                        .iter()
                        .copied()
                        .zip(edges[s..e].iter().copied()),
                );
                pairs.sort_unstable();
                for (j, (k, i)) in pairs.iter().enumerate() {
                    edge_kinds[s + j] = *k;
                    edges[s + j] = *i;
                }
            }
        }
        Self {
            start,
            kinds: edge_kinds,
            edges,
        }
    }

    /// The range of a body's edges.
    fn range(&self, body: u32) -> std::ops::Range<usize> {
        self.start[body as usize] as usize..self.start[body as usize + 1] as usize
    }

    /// The relationship indices of a body's edges, in order of kind, then index.
    fn of(&self, body: u32) -> &[u32] {
        &self.edges[self.range(body)]
    }

    /// The relationship indices of a body's edges of one kind, in order of index.
    fn of_kind(&self, body: u32, kind: RelationshipKind) -> &[u32] {
        let r = self.range(body);
        let kinds = &self.kinds[r.clone()];
        let k = kind as u8;
        let s = kinds.partition_point(|&x| x < k);
        let e = kinds.partition_point(|&x| x <= k);
        &self.edges[r.start + s..r.start + e]
    }
}

/// A compressed list of children per parent.
struct Children {
    start: Vec<u32>,
    items: Vec<u32>,
}

impl Children {
    fn build(n: usize, parent_of: impl Iterator<Item = (u32, Option<u32>)> + Clone) -> Self {
        let mut start = vec![0u32; n + 1];
        for (_, p) in parent_of.clone() {
            if let Some(p) = p {
                start[p as usize + 1] += 1;
            }
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut items = vec![0u32; start[n] as usize];
        for (child, p) in parent_of {
            if let Some(p) = p {
                items[fill[p as usize] as usize] = child;
                fill[p as usize] += 1;
            }
        }
        Self { start, items }
    }

    fn of(&self, parent: u32) -> &[u32] {
        &self.items[self.start[parent as usize] as usize..self.start[parent as usize + 1] as usize]
    }
}

/// `f` of each item, in order: on every core when `parallel`.
fn map_all<T: Sync, U: Send>(
    items: &[T],
    parallel: bool,
    f: impl Fn(&T) -> U + Sync + Send,
) -> Vec<U> {
    use rayon::prelude::*;
    if parallel {
        items.par_iter().map(f).collect()
    } else {
        items.iter().map(f).collect()
    }
}

fn idx(i: usize) -> u32 {
    // Models are bounded far below 4 billion entities by the load limits.
    u32::try_from(i).unwrap_or(u32::MAX)
}

fn intersect(a: Validity, b: Validity) -> Validity {
    let from = match (a.from, b.from) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, y) => x.or(y),
    };
    let to = match (a.to, b.to) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    };
    Validity { from, to }
}

/// The model with its ids interned and its references resolved, as the rules see it.
pub struct Context<'m> {
    model: &'m Model,
    policy: &'m Policy,
    /// The date checked, as [`Date::ordinal`]; 0 for none. Atomic so that rules can run on
    /// several threads over one date.
    at: AtomicU32,
    index: IdIndex,
    duplicates: Vec<(Entity, Entity)>,
    unresolved: Vec<Unresolved<'m>>,
    footprint_parent: Vec<Option<u32>>,
    body_footprint: Vec<Option<u32>>,
    edge_ends: Vec<Option<(u32, u32)>>,
    /// Effective validity: a footprint's own within its parent's; a relationship's own within
    /// both its ends'; a body's own.
    footprint_validity: Vec<Validity>,
    body_validity: Vec<Validity>,
    edge_validity: Vec<Validity>,
    /// Each body's kind and each relationship's, in lists of their own: the rules and the
    /// timeline ask them of many bodies and relationships, and reading them from the model
    /// would bring each whole body or relationship into the cache.
    body_kinds: Vec<BodyKind>,
    edge_kinds: Vec<EdgeTag>,
    /// Each footprint's tier, likewise.
    footprint_tiers: Vec<crate::model::Tier>,
    children: Children,
    bodies_on: Children,
    out: Adjacency,
    inc: Adjacency,
    by_kind: Vec<Vec<u32>>,
    /// For each kind, the span of dates the dataset records bodies of that kind over: from
    /// the earliest start to the latest end (`None` when there are none).
    kind_spans: Vec<Option<Validity>>,
    /// Built on first use: the rules that add up children need them.
    child_totals: OnceCell<ChildTotals>,
    /// Built on first use: whether any footprint within each one has a PCN on it.
    pcns_below: OnceCell<Vec<bool>>,
    nominators: OnceCell<Vec<bool>>,
    /// Built on first use by the rules about a PCN's practices: what each body's practices
    /// could show on some date (`rules::pcn_practices::bounds`).
    pcn_bounds: OnceCell<Vec<u8>>,
    /// Each membership's person and body, when both resolve.
    membership_ends: Vec<Option<(u32, u32)>>,
    /// A membership's own validity within its body's.
    membership_validity: Vec<Validity>,
    /// Memberships by the body whose board or committee they are on.
    seats_of_body: Children,
    /// Memberships by person.
    seats_of_person: Children,
}

impl<'m> Context<'m> {
    /// Interns the model's ids, resolves its references and indexes its relationships.
    pub fn new(model: &'m Model, policy: &'m Policy) -> Self {
        Self::build(model, policy, on_every_core(model))
    }

    /// As [`Context::new`], on every core or on one.
    fn build(model: &'m Model, policy: &'m Policy, parallel: bool) -> Self {
        use rayon::prelude::*;
        let (index, duplicates) = IdIndex::build(model, parallel);
        // Each reference resolved once; the ones that fail are kept for ICS002. The lists with
        // most references are looked up on every core first (the index is read-only by now),
        // and only the few that fail are resolved again here, in model order, so that ICS002
        // lists them in the same order either way.
        let mut unresolved: Vec<Unresolved<'m>> = Vec::new();
        let mut resolve = |owner: Entity, field: Reference, id: &'m str, want_body: bool| {
            let found = index.get(model, id);
            match (found, want_body, field.names_a_person()) {
                (Some(Entity::Footprint(f)), false, false)
                | (Some(Entity::Body(f)), true, false)
                | (Some(Entity::Person(f)), _, true) => Some(f),
                _ => {
                    unresolved.push(Unresolved {
                        owner,
                        field,
                        id,
                        found,
                    });
                    None
                }
            }
        };
        let footprint_of = |id: Option<&FootprintId>| match index.get(model, id?.as_str()) {
            Some(Entity::Footprint(f)) => Some(f),
            _ => None,
        };
        let body_of = |id: &str| match index.get(model, id) {
            Some(Entity::Body(b)) => Some(b),
            _ => None,
        };
        let footprint_parent: Vec<Option<u32>> = map_all(&model.footprints, parallel, |f| {
            footprint_of(f.within.as_ref())
        });
        for (i, (p, f)) in footprint_parent.iter().zip(&model.footprints).enumerate() {
            if let (None, Some(w)) = (p, &f.within) {
                resolve(
                    Entity::Footprint(idx(i)),
                    Reference::Within,
                    w.as_str(),
                    false,
                );
            }
        }
        let body_footprint: Vec<Option<u32>> = map_all(&model.bodies, parallel, |b| {
            footprint_of(b.footprint.as_ref())
        });
        for (i, (on, b)) in body_footprint.iter().zip(&model.bodies).enumerate() {
            if let (None, Some(f)) = (on, &b.footprint) {
                resolve(
                    Entity::Body(idx(i)),
                    Reference::Footprint,
                    f.as_str(),
                    false,
                );
            }
        }
        let ends_of = |r: &Relationship| {
            let ends = body_of(r.from.as_str()).zip(body_of(r.to.as_str()));
            (ends, EdgeTag::new(r))
        };
        let (edge_ends, edge_kinds): (Vec<Option<(u32, u32)>>, Vec<EdgeTag>) = if parallel {
            model.relationships.par_iter().map(ends_of).unzip()
        } else {
            model.relationships.iter().map(ends_of).unzip()
        };
        for (i, ends) in edge_ends.iter().enumerate() {
            if ends.is_none() {
                let (e, r) = (Entity::Relationship(idx(i)), &model.relationships[i]);
                resolve(e, Reference::From, r.from.as_str(), true);
                resolve(e, Reference::To, r.to.as_str(), true);
            }
        }
        let membership_ends: Vec<Option<(u32, u32)>> = model
            .memberships
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let e = Entity::Membership(idx(i));
                let person = resolve(e, Reference::Person, m.person.as_str(), false);
                let body = resolve(e, Reference::Board, m.body.as_str(), true);
                for n in &m.nominated_by {
                    resolve(e, Reference::NominatedBy, n.as_str(), true);
                }
                if let Some(a) = &m.appointed_by {
                    resolve(e, Reference::AppointedBy, a.as_str(), true);
                }
                person.zip(body)
            })
            .collect();

        // A footprint is in force while it and the footprints above it are: three tiers, so
        // three passes settle any well-formed tree, and a malformed loop cannot run away.
        let own: Vec<Validity> = model.footprints.iter().map(Footprint::validity).collect();
        let mut footprint_validity = own.clone();
        for _ in 0..3 {
            let prev = footprint_validity.clone();
            for (i, p) in footprint_parent.iter().enumerate() {
                if let Some(p) = p {
                    if *p as usize != i {
                        footprint_validity[i] = intersect(own[i], prev[*p as usize]);
                    }
                }
            }
        }
        let body_validity: Vec<Validity> = model.bodies.iter().map(Body::validity).collect();
        let edge_validity_of = |(r, ends): (&Relationship, &Option<(u32, u32)>)| match ends {
            Some((f, t)) => intersect(
                r.validity(),
                intersect(body_validity[*f as usize], body_validity[*t as usize]),
            ),
            None => r.validity(),
        };
        let edge_validity: Vec<Validity> = if parallel {
            model
                .relationships
                .par_iter()
                .zip(&edge_ends)
                .map(edge_validity_of)
                .collect()
        } else {
            model
                .relationships
                .iter()
                .zip(&edge_ends)
                .map(edge_validity_of)
                .collect()
        };

        let membership_validity: Vec<Validity> = model
            .memberships
            .iter()
            .zip(&membership_ends)
            .map(|(m, ends)| match ends {
                Some((_, b)) => intersect(m.validity(), body_validity[*b as usize]),
                None => m.validity(),
            })
            .collect();
        let seats_of_body = Children::build(
            model.bodies.len(),
            membership_ends
                .iter()
                .enumerate()
                .map(|(i, e)| (idx(i), e.map(|(_, b)| b))),
        );
        let seats_of_person = Children::build(
            model.people.len(),
            membership_ends
                .iter()
                .enumerate()
                .map(|(i, e)| (idx(i), e.map(|(p, _)| p))),
        );

        let n_fp = model.footprints.len();
        let n_b = model.bodies.len();
        let children = Children::build(
            n_fp,
            footprint_parent
                .iter()
                .enumerate()
                .map(|(i, p)| (idx(i), *p)),
        );
        let bodies_on = Children::build(
            n_fp,
            body_footprint.iter().enumerate().map(|(i, f)| (idx(i), *f)),
        );
        // The two ends' adjacency are independent: built side by side on a large model.
        let build_out = || Adjacency::build(n_b, &edge_ends, &edge_kinds, |(f, _)| f);
        let build_inc = || Adjacency::build(n_b, &edge_ends, &edge_kinds, |(_, t)| t);
        let (out, inc) = if parallel {
            rayon::join(build_out, build_inc)
        } else {
            (build_out(), build_inc())
        };

        let mut by_kind = vec![Vec::new(); BodyKind::ALL.len()];
        let mut body_kinds = Vec::with_capacity(model.bodies.len());
        let mut kind_spans: Vec<Option<Validity>> = vec![None; BodyKind::ALL.len()];
        for (i, b) in model.bodies.iter().enumerate() {
            by_kind[b.kind as usize].push(idx(i));
            body_kinds.push(b.kind);
            let v = body_validity[i];
            let span = kind_spans[b.kind as usize].get_or_insert(v);
            // An open end is the widest: it stays open.
            span.from = span.from.zip(v.from).map(|(a, b)| a.min(b));
            span.to = span.to.zip(v.to).map(|(a, b)| a.max(b));
        }

        Self {
            model,
            policy,
            at: AtomicU32::new(0),
            index,
            duplicates,
            unresolved,
            footprint_parent,
            body_footprint,
            edge_ends,
            footprint_validity,
            body_validity,
            edge_validity,
            body_kinds,
            edge_kinds,
            footprint_tiers: model.footprints.iter().map(|f| f.tier).collect(),
            children,
            bodies_on,
            out,
            inc,
            by_kind,
            kind_spans,
            child_totals: OnceCell::new(),
            pcns_below: OnceCell::new(),
            nominators: OnceCell::new(),
            pcn_bounds: OnceCell::new(),
            membership_ends,
            membership_validity,
            seats_of_body,
            seats_of_person,
        }
    }

    /// Sets the date the context answers for; `None` takes every entity as in force.
    pub fn set_date(&self, date: Option<Date>) {
        self.at
            .store(date.map_or(0, Date::ordinal), Ordering::Relaxed);
    }

    /// The date the context answers for, if any.
    pub fn at(&self) -> Option<Date> {
        match self.at.load(Ordering::Relaxed) {
            0 => None,
            n => Some(Date::from_ordinal(n)),
        }
    }

    fn live(&self, v: Validity) -> bool {
        self.at().is_none_or(|d| v.includes(d))
    }

    /// The model.
    pub fn model(&self) -> &'m Model {
        self.model
    }

    /// The policy the run enforces.
    pub fn policy(&self) -> &'m Policy {
        self.policy
    }

    /// The entity an id names (its first occurrence, when duplicated).
    pub fn lookup(&self, id: &str) -> Option<Entity> {
        self.index.get(self.model, id)
    }

    /// Each repeated id: the entity that used it first, and the one that repeats it.
    pub fn duplicates(&self) -> &[(Entity, Entity)] {
        &self.duplicates
    }

    /// Every reference that does not name an entity of the right kind, in model order.
    pub fn unresolved(&self) -> &[Unresolved<'m>] {
        &self.unresolved
    }

    /// The footprint at index `i`.
    pub fn footprint(&self, i: u32) -> &'m Footprint {
        &self.model.footprints[i as usize]
    }

    /// The body at index `i`.
    pub fn body(&self, i: u32) -> &'m Body {
        &self.model.bodies[i as usize]
    }

    /// The relationship at index `i`.
    pub fn relationship(&self, i: u32) -> &'m Relationship {
        &self.model.relationships[i as usize]
    }

    /// The kind of the body at index `i` (as `body(i).kind`, read from a compact list).
    pub fn body_kind(&self, i: u32) -> BodyKind {
        self.body_kinds[i as usize]
    }

    /// The kind of the relationship at index `i` (as `relationship(i).kind`, read from a
    /// compact list).
    pub fn relationship_kind(&self, i: u32) -> RelationshipKind {
        self.edge_kinds[i as usize].kind()
    }

    /// Whether the relationship at index `i` has dates of its own (`valid_from` or
    /// `valid_to`), read from the same compact list.
    pub fn relationship_dated(&self, i: u32) -> bool {
        self.edge_kinds[i as usize].dated()
    }

    /// The tier of the footprint at index `i` (as `footprint(i).tier`, read from a compact
    /// list).
    pub fn footprint_tier(&self, i: u32) -> crate::model::Tier {
        self.footprint_tiers[i as usize]
    }

    /// The bodies a relationship joins, when both its ids name bodies.
    pub fn ends(&self, relationship: u32) -> Option<(u32, u32)> {
        self.edge_ends[relationship as usize]
    }

    /// The effective validity of an entity: a footprint's within its parents', a
    /// relationship's within both its ends'.
    pub fn validity(&self, e: Entity) -> Validity {
        match e {
            Entity::Footprint(i) => self.footprint_validity[i as usize],
            Entity::Body(i) => self.body_validity[i as usize],
            Entity::Relationship(i) => self.edge_validity[i as usize],
            Entity::Membership(i) => self.membership_validity[i as usize],
            Entity::Person(_) | Entity::Model => Validity::default(),
        }
    }

    /// Whether the context's date falls before `(year, month, day)`, such as the day a law
    /// came into force. An undated check is never before anything.
    pub fn is_before(&self, (year, month, day): (u16, u8, u8)) -> bool {
        self.at()
            .zip(Date::new(year, month, day))
            .is_some_and(|(at, from)| at < from)
    }

    /// The two bodies of a relationship subject in force at the context's date, when both
    /// resolve: the common start of a rule about relationships.
    pub fn edge_in_force(&self, e: Entity) -> Option<(u32, u32)> {
        let Entity::Relationship(r) = e else {
            return None;
        };
        self.ends(r).filter(|_| self.in_force(e))
    }

    /// The index of a system footprint subject in force at the context's date: the common
    /// start of a rule about systems.
    pub fn system_in_force(&self, e: Entity) -> Option<u32> {
        let Entity::Footprint(i) = e else {
            return None;
        };
        (self.footprint_tier(i) == crate::model::Tier::System && self.in_force(e)).then_some(i)
    }

    /// The bodies of one kind in force on `footprint`.
    pub fn bodies_of_kind_on(
        &self,
        footprint: u32,
        kind: BodyKind,
    ) -> impl Iterator<Item = u32> + '_ {
        self.bodies_on(footprint)
            .filter(move |&b| self.body_kind(b) == kind)
    }

    /// Whether the entity is in force at the context's date.
    pub fn in_force(&self, e: Entity) -> bool {
        self.live(self.validity(e))
    }

    /// A footprint and the footprints above it, nearest first. Three tiers make a chain of at
    /// most three; a longer one is a loop of `within` in malformed data (ICS101), which is not
    /// followed round.
    pub fn footprint_chain(&self, footprint: u32) -> impl Iterator<Item = u32> + '_ {
        std::iter::successors(Some(footprint), |&f| self.parent(f))
            .take(crate::model::Tier::ALL.len() + 1)
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
    pub fn children(&self, footprint: u32) -> impl Iterator<Item = u32> + '_ {
        self.children
            .of(footprint)
            .iter()
            .copied()
            .filter(|&c| self.live(self.footprint_validity[c as usize]))
    }

    /// What the footprints within `footprint` that are in force add up to, without reading
    /// each of them: logarithmic in their number.
    pub fn child_totals(&self, footprint: u32) -> WithinTotals {
        self.child_totals
            .get_or_init(|| {
                ChildTotals::build(self.model, &self.footprint_validity, |p| {
                    self.children.of(p)
                })
            })
            .on(footprint, self.at())
    }

    /// Whether any seat, on any date, names `body` among those that nominated its holder.
    pub fn is_nominator(&self, body: u32) -> bool {
        self.nominators.get_or_init(|| {
            let mut v = vec![false; self.model.bodies.len()];
            for s in &self.model.memberships {
                for n in &s.nominated_by {
                    if let Some(b) = self.body_named(n.as_str()) {
                        v[b as usize] = true;
                    }
                }
            }
            v
        })[body as usize]
    }

    /// Whether any footprint within `footprint`, on any date, has a primary care network on
    /// it.
    pub fn pcns_below(&self, footprint: u32) -> bool {
        self.pcns_below.get_or_init(|| {
            let n = self.model.footprints.len();
            let mut below = vec![false; n];
            for c in 0..n as u32 {
                let has_pcn = self
                    .bodies_on
                    .of(c)
                    .iter()
                    .any(|&b| self.body_kinds[b as usize] == BodyKind::PrimaryCareNetwork);
                if let (true, Some(p)) = (has_pcn, self.footprint_parent[c as usize]) {
                    below[p as usize] = true;
                }
            }
            below
        })[footprint as usize]
    }

    /// A byte for each body, built by `build` the first time it is asked for and kept: what
    /// the rules about a PCN's practices know of each PCN whatever the date.
    pub(crate) fn pcn_bounds(&self, build: impl FnOnce(&Self) -> Vec<u8>) -> &[u8] {
        self.pcn_bounds.get_or_init(|| build(self))
    }

    /// The bodies in force on `footprint`.
    pub fn bodies_on(&self, footprint: u32) -> impl Iterator<Item = u32> + '_ {
        self.bodies_on
            .of(footprint)
            .iter()
            .copied()
            .filter(|&b| self.live(self.body_validity[b as usize]))
    }

    fn edge(&self, i: u32) -> Option<Edge<'m>> {
        let (from, to) = self.edge_ends[i as usize]?;
        Some(Edge {
            index: i,
            relationship: &self.model.relationships[i as usize],
            from,
            to,
        })
    }

    /// The relationships of one kind from `body` that are in force (with both ends).
    pub fn outgoing(
        &self,
        body: u32,
        kind: RelationshipKind,
    ) -> impl Iterator<Item = Edge<'m>> + '_ {
        self.out
            .of_kind(body, kind)
            .iter()
            .filter(|&&i| self.live(self.edge_validity[i as usize]))
            .filter_map(|&i| self.edge(i))
    }

    /// The relationships of one kind to `body` that are in force (with both ends).
    pub fn incoming(
        &self,
        body: u32,
        kind: RelationshipKind,
    ) -> impl Iterator<Item = Edge<'m>> + '_ {
        self.inc
            .of_kind(body, kind)
            .iter()
            .filter(|&&i| self.live(self.edge_validity[i as usize]))
            .filter_map(|&i| self.edge(i))
    }

    /// The bodies `body` has a relationship of this kind to, whatever the dates.
    pub fn all_outgoing(
        &self,
        body: u32,
        kind: RelationshipKind,
    ) -> impl Iterator<Item = u32> + '_ {
        self.out
            .of_kind(body, kind)
            .iter()
            .filter_map(|&i| self.edge_ends[i as usize].map(|(_, t)| t))
    }

    /// The bodies with a relationship of this kind to `body`, whatever the dates.
    pub fn all_incoming(
        &self,
        body: u32,
        kind: RelationshipKind,
    ) -> impl Iterator<Item = u32> + '_ {
        self.inc
            .of_kind(body, kind)
            .iter()
            .filter_map(|&i| self.edge_ends[i as usize].map(|(f, _)| f))
    }

    /// Whether `body` has any relationship of this kind from it, whatever the dates.
    pub fn has_any_outgoing(&self, body: u32, kind: RelationshipKind) -> bool {
        !self.out.of_kind(body, kind).is_empty()
    }

    /// Whether `body` has any relationship of this kind to it, whatever the dates.
    pub fn has_any_incoming(&self, body: u32, kind: RelationshipKind) -> bool {
        !self.inc.of_kind(body, kind).is_empty()
    }

    /// Every relationship index touching `body`, either way, whatever the dates.
    pub fn all_edges_of(&self, body: u32) -> impl Iterator<Item = u32> + '_ {
        self.out.of(body).iter().chain(self.inc.of(body)).copied()
    }

    /// The relationships of one kind in force, across the model.
    pub fn edges(&self, kind: RelationshipKind) -> impl Iterator<Item = Edge<'m>> + '_ {
        (0..self.model.bodies.len() as u32).flat_map(move |b| self.outgoing(b, kind))
    }

    /// Every body of one kind, whatever its dates, in model order.
    pub fn all_bodies_of(&self, kind: BodyKind) -> &[u32] {
        &self.by_kind[kind as usize]
    }

    /// The span of dates the dataset records bodies of `kind` over, from the earliest start
    /// of one to the latest end of one (`None` when it has none).
    pub fn kind_span(&self, kind: BodyKind) -> Option<Validity> {
        self.kind_spans[kind as usize]
    }

    /// Whether the context's date lies within the span the dataset records bodies of `kind`
    /// over (from the earliest start of one to the latest end of one). Outside it, the
    /// dataset says nothing about that kind, so nothing can be missing from it.
    pub fn records_kind(&self, kind: BodyKind) -> bool {
        self.kind_spans[kind as usize].is_some_and(|span| self.live(span))
    }

    /// The bodies in force of one kind.
    pub fn bodies_of(&self, kind: BodyKind) -> impl Iterator<Item = u32> + '_ {
        self.by_kind[kind as usize]
            .iter()
            .copied()
            .filter(|&b| self.live(self.body_validity[b as usize]))
    }

    /// Puts bodies in order of their ids and drops repeats, so that a message listing them
    /// reads the same whichever order the dataset lists them in. (Bodies sharing an id, which
    /// ICS001 reports, keep the dataset's order among themselves.)
    pub fn sort_bodies_by_id(&self, v: &mut Vec<u32>) {
        v.sort_unstable_by(|&a, &b| self.cmp_bodies_by_id(a, b));
        v.dedup();
    }

    /// The order of two bodies by id, then by position in the dataset.
    pub fn cmp_bodies_by_id(&self, a: u32, b: u32) -> std::cmp::Ordering {
        self.body(a)
            .id
            .as_str()
            .cmp(self.body(b).id.as_str())
            .then(a.cmp(&b))
    }

    /// Of some bodies, the first by id (then by position, for repeated ids): the one a message
    /// names when it names one of several, whatever the dataset's order.
    pub fn first_body_by_id(&self, bodies: impl IntoIterator<Item = u32>) -> Option<u32> {
        bodies
            .into_iter()
            .min_by(|&a, &b| self.cmp_bodies_by_id(a, b))
    }

    /// The order of two footprints by id, then by position in the dataset.
    pub fn cmp_footprints_by_id(&self, a: u32, b: u32) -> std::cmp::Ordering {
        self.footprint(a)
            .id
            .as_str()
            .cmp(self.footprint(b).id.as_str())
            .then(a.cmp(&b))
    }

    /// `integrated care board QE1 (NHS Lancashire and South Cumbria ICB)`. The name is left
    /// out when it only repeats the kind (`Care Quality Commission cqc`).
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

    /// `relationship /relationships/4 (QE1 is accountable to nhse)`.
    pub fn relationship_label(&self, i: u32) -> String {
        let r = self.relationship(i);
        format!("relationship `{}` {} `{}`", r.from, r.kind, r.to)
    }

    /// The label of any entity.
    pub fn label(&self, e: Entity) -> String {
        match e {
            Entity::Footprint(i) => self.footprint_label(i),
            Entity::Body(i) => self.body_label(i),
            Entity::Relationship(i) => self.relationship_label(i),
            Entity::Person(i) => self.person_label(i),
            Entity::Membership(i) => self.membership_label(i),
            Entity::Model => "the dataset".to_owned(),
        }
    }

    /// The id of a footprint or body; a relationship's pointer; empty for the model.
    pub fn id(&self, e: Entity) -> &'m str {
        match e {
            Entity::Footprint(i) => self.footprint(i).id.as_str(),
            Entity::Body(i) => self.body(i).id.as_str(),
            Entity::Person(i) => self.model.people[i as usize].id.as_str(),
            Entity::Relationship(_) | Entity::Membership(_) | Entity::Model => "",
        }
    }

    /// The JSON Pointer of any entity (`/bodies/3`).
    pub fn path(&self, e: Entity) -> JsonPointer {
        match e {
            Entity::Footprint(i) => JsonPointer::entity("footprints", i as usize),
            Entity::Body(i) => JsonPointer::entity("bodies", i as usize),
            Entity::Relationship(i) => JsonPointer::entity("relationships", i as usize),
            Entity::Person(i) => JsonPointer::entity("people", i as usize),
            Entity::Membership(i) => JsonPointer::entity("memberships", i as usize),
            Entity::Model => JsonPointer::root(),
        }
    }

    /// `David Flory (person lsc-chair)`.
    pub fn person_label(&self, i: u32) -> String {
        let p = &self.model.people[i as usize];
        format!("{} (person {})", p.name, p.id)
    }

    /// `the chair's seat of David Flory on QE1`.
    pub fn membership_label(&self, i: u32) -> String {
        let m = &self.model.memberships[i as usize];
        format!("the {} seat of `{}` on `{}`", m.role, m.person, m.body)
    }

    /// The membership at index `i`.
    pub fn membership(&self, i: u32) -> &'m crate::model::Membership {
        &self.model.memberships[i as usize]
    }

    /// The person and body of a membership, when both resolve.
    pub fn membership_ends(&self, i: u32) -> Option<(u32, u32)> {
        self.membership_ends[i as usize]
    }

    /// The person at index `i`.
    pub fn person(&self, i: u32) -> &'m crate::model::Person {
        &self.model.people[i as usize]
    }

    /// The body an id names, if it names a body.
    pub fn body_named(&self, id: &str) -> Option<u32> {
        match self.lookup(id) {
            Some(Entity::Body(b)) => Some(b),
            _ => None,
        }
    }

    /// The seats on `body`'s board (or committee) in force at the context's date, with
    /// their people, in model order.
    pub fn seats(&self, body: u32) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.seats_of_body
            .of(body)
            .iter()
            .copied()
            .filter(|&m| self.live(self.membership_validity[m as usize]))
            .filter_map(|m| self.membership_ends[m as usize].map(|(p, _)| (m, p)))
    }

    /// Every seat on `body`'s board, whatever the dates: their memberships.
    pub(crate) fn all_seats_of(&self, body: u32) -> impl Iterator<Item = u32> + '_ {
        self.seats_of_body.of(body).iter().copied()
    }

    /// Whether the dataset records any seat on `body`'s board, whatever the dates.
    pub fn has_any_seats(&self, body: u32) -> bool {
        !self.seats_of_body.of(body).is_empty()
    }

    /// The span of dates the dataset records seats on `body` over, from the earliest start
    /// to the latest end (`None` when it records none).
    pub fn seats_span(&self, body: u32) -> Option<Validity> {
        let mut span: Option<Validity> = None;
        for &m in self.seats_of_body.of(body) {
            let v = self.membership_validity[m as usize];
            let s = span.get_or_insert(v);
            s.from = s.from.zip(v.from).map(|(a, b)| a.min(b));
            s.to = s.to.zip(v.to).map(|(a, b)| a.max(b));
        }
        span
    }

    /// Whether the context's date lies within [`Context::seats_span`] of `body`.
    pub fn records_seats(&self, body: u32) -> bool {
        self.seats_span(body).is_some_and(|s| self.live(s))
    }

    /// The seats a person holds in force at the context's date, with their bodies.
    pub fn seats_of_person(&self, person: u32) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.seats_of_person
            .of(person)
            .iter()
            .copied()
            .filter(|&m| self.live(self.membership_validity[m as usize]))
            .filter_map(|m| self.membership_ends[m as usize].map(|(_, b)| (m, b)))
    }

    /// The JSON Pointer of the relationship at index `i`.
    pub fn relationship_path(&self, i: u32) -> JsonPointer {
        JsonPointer::entity("relationships", i as usize)
    }

    /// The entities next to `e`: a relationship's ends; a body's footprint and every
    /// relationship touching it; a footprint's parent, children and the bodies on it.
    pub(crate) fn neighbours(&self, e: Entity, push: &mut impl FnMut(Entity)) {
        match e {
            Entity::Relationship(i) => {
                if let Some((f, t)) = self.edge_ends[i as usize] {
                    push(Entity::Body(f));
                    push(Entity::Body(t));
                }
            }
            Entity::Membership(i) => {
                if let Some((_, b)) = self.membership_ends[i as usize] {
                    push(Entity::Body(b));
                }
            }
            Entity::Person(_) => {}
            Entity::Body(b) => {
                if let Some(f) = self.body_footprint[b as usize] {
                    push(Entity::Footprint(f));
                }
                for r in self.all_edges_of(b) {
                    push(Entity::Relationship(r));
                }
            }
            Entity::Footprint(f) => {
                if let Some(p) = self.footprint_parent[f as usize] {
                    push(Entity::Footprint(p));
                }
                for &c in self.children.of(f) {
                    push(Entity::Footprint(c));
                }
                for &b in self.bodies_on.of(f) {
                    push(Entity::Body(b));
                }
            }
            Entity::Model => {}
        }
    }
}

impl Model {
    /// The structure in force on `date`: the footprints, bodies and relationships whose
    /// validity includes it (a footprint only while the footprints above it are in force; a
    /// relationship only while both its ends are). Ids and order are kept.
    ///
    /// # Examples
    ///
    /// ```
    /// let m = icsgov::Model::from_json_str(r#"{"bodies": [
    ///     {"id": "00Q", "name": "NHS Blackburn with Darwen CCG", "kind": "clinical_commissioning_group", "valid_to": "2022-06-30"},
    ///     {"id": "QE1", "name": "NHS Lancashire and South Cumbria ICB", "kind": "integrated_care_board", "valid_from": "2022-07-01"}
    /// ]}"#).unwrap();
    /// let in_2021 = m.snapshot("2021-06-01".parse().unwrap());
    /// assert_eq!(in_2021.bodies.len(), 1);
    /// assert_eq!(in_2021.bodies[0].id.as_str(), "00Q");
    /// ```
    pub fn snapshot(&self, date: Date) -> Model {
        let policy = Policy::default();
        let ctx = Context::new(self, &policy);
        ctx.set_date(Some(date));
        let keep = |e: Entity| ctx.in_force(e);
        // A footprint not in force on the date is not in the picture, and neither is a
        // reference to one: a body on it, or a footprint within it, has none that day.
        let kept: std::collections::HashSet<&str> = (0..self.footprints.len() as u32)
            .filter(|&i| keep(Entity::Footprint(i)))
            .map(|i| self.footprints[i as usize].id.as_str())
            .collect();
        let in_picture = |f: &Option<crate::model::FootprintId>| {
            f.as_ref().filter(|f| kept.contains(f.as_str())).cloned()
        };
        Model {
            schema: self.schema.clone(),
            name: self.name.clone(),
            footprints: (0..self.footprints.len() as u32)
                .filter(|&i| keep(Entity::Footprint(i)))
                .map(|i| {
                    let mut f = self.footprints[i as usize].clone();
                    f.within = in_picture(&f.within);
                    f
                })
                .collect(),
            bodies: (0..self.bodies.len() as u32)
                .filter(|&i| keep(Entity::Body(i)))
                .map(|i| {
                    let mut b = self.bodies[i as usize].clone();
                    b.footprint = in_picture(&b.footprint);
                    b
                })
                .collect(),
            relationships: (0..self.relationships.len() as u32)
                .filter(|&i| keep(Entity::Relationship(i)))
                .map(|i| self.relationships[i as usize].clone())
                .collect(),
            people: self.people.clone(),
            memberships: (0..self.memberships.len() as u32)
                .filter(|&i| keep(Entity::Membership(i)))
                .map(|i| self.memberships[i as usize].clone())
                .collect(),
            extensions: self.extensions.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{generate, GenerateOptions};
    use crate::model::{Body, BodyId, Person, PersonId};

    /// The one-byte tag gives back each kind of relationship, dated or not.
    #[test]
    fn an_edge_tag_keeps_the_kind_and_whether_it_is_dated() {
        for (i, &kind) in RelationshipKind::ALL.iter().enumerate() {
            assert_eq!(kind as usize, i, "{kind}");
            for dated in [false, true] {
                let mut r =
                    Relationship::new(kind, BodyId::new("a").unwrap(), BodyId::new("b").unwrap());
                if dated {
                    r.valid_to = crate::model::Date::new(2022, 6, 30);
                }
                let tag = EdgeTag::new(&r);
                assert_eq!((tag.kind(), tag.dated()), (kind, dated));
            }
        }
    }

    /// Interning on every core, in shards, and resolving references on every core find the
    /// same repeated ids, the same unresolved references in the same order, and the same
    /// adjacency as one core does.
    #[test]
    fn many_cores_and_one_build_the_same_context() {
        let mut m = generate(&GenerateOptions {
            bodies: 5_000,
            violations: 0.05,
            seed: 7,
        });
        // Ids repeated across and within lists, three times over.
        let again: Vec<Body> = m.bodies.iter().step_by(97).cloned().collect();
        m.bodies.extend(again.iter().cloned());
        m.bodies.extend(again);
        let fp = m.footprints[3].id.as_str().to_owned();
        m.bodies.push(Body::new(
            BodyId::new(fp).unwrap(),
            "Named as a footprint",
            BodyKind::NhsTrust,
        ));
        m.people.push(Person {
            id: PersonId::new(m.bodies[5].id.as_str()).unwrap(),
            name: "Named as a body".into(),
            extensions: None,
        });
        // References to nothing, and to an entity of the wrong kind.
        for (i, r) in m.relationships.iter_mut().enumerate().step_by(101) {
            if i % 2 == 0 {
                r.to = BodyId::new(format!("missing-{i}")).unwrap();
            } else {
                r.from = BodyId::new(m.footprints[0].id.as_str()).unwrap();
            }
        }
        let body_id = m.bodies[0].id.as_str().to_owned();
        for b in m.bodies.iter_mut().step_by(89) {
            b.footprint = Some(crate::model::FootprintId::new(body_id.as_str()).unwrap());
        }
        m.footprints[1].within = Some(crate::model::FootprintId::new("nowhere").unwrap());
        let policy = Policy::default();
        let one = Context::build(&m, &policy, false);
        let many = Context::build(&m, &policy, true);
        assert!(one.duplicates().len() > 100, "{}", one.duplicates().len());
        assert_eq!(one.duplicates(), many.duplicates());
        assert!(!one.unresolved().is_empty());
        fn show<'a>(c: &Context<'a>) -> Vec<(Entity, &'static str, &'a str, Option<Entity>)> {
            c.unresolved()
                .iter()
                .map(|u| (u.owner, u.field.as_str(), u.id, u.found))
                .collect()
        }
        assert_eq!(show(&one), show(&many));
        for i in 0..idx(m.relationships.len()) {
            assert_eq!(one.ends(i), many.ends(i));
            assert_eq!(
                one.validity(Entity::Relationship(i)),
                many.validity(Entity::Relationship(i))
            );
        }
        assert_eq!(one.out.kinds, many.out.kinds);
        assert_eq!(one.inc.kinds, many.inc.kinds);
        for b in 0..idx(m.bodies.len()) {
            assert_eq!(one.out.of(b), many.out.of(b));
            assert_eq!(one.inc.of(b), many.inc.of(b));
            assert_eq!(one.body_footprint(b), many.body_footprint(b));
            assert_eq!(
                one.lookup(m.bodies[b as usize].id.as_str()),
                many.lookup(m.bodies[b as usize].id.as_str())
            );
        }
    }
}
