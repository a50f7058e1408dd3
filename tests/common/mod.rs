//! Strategies shared by the property tests.
#![allow(dead_code)]

use icsgov::{
    BoardRecord, Body, BodyId, BodyKind, Date, Footprint, FootprintId, Function, Membership, Model,
    Person, PersonId, Relationship, RelationshipKind, Role, Tier,
};
use proptest::prelude::*;

fn kind() -> impl Strategy<Value = BodyKind> {
    proptest::sample::select(BodyKind::ALL.to_vec())
}

fn rel_kind() -> impl Strategy<Value = RelationshipKind> {
    proptest::sample::select(RelationshipKind::ALL.to_vec())
}

pub fn date() -> impl Strategy<Value = Option<Date>> {
    proptest::option::of(
        (2015u16..2030, 1u8..=12, 1u8..=28).prop_map(|(y, m, d)| Date::new(y, m, d).unwrap()),
    )
}

/// Any JSON value, a few levels deep.
pub fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1e9f64..1e9).prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::btree_map("[a-z$ ]{0,6}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Extensions: absent, or a small object of anything.
pub fn extensions() -> impl Strategy<Value = Option<icsgov::model::Extensions>> {
    proptest::option::of(proptest::collection::btree_map(
        "[a-z_]{1,8}",
        json_value(),
        0..3,
    ))
    .prop_map(|m| m.map(|m| Box::new(m.into_iter().collect())))
}

/// Models with ids drawn from a small pool, so references sometimes resolve, sometimes
/// collide and sometimes dangle.
pub fn model() -> impl Strategy<Value = Model> {
    let fp = (
        0u8..12,
        proptest::sample::select(Tier::ALL.to_vec()),
        proptest::option::of(0u64..700_000),
        proptest::option::of(0u8..14),
        date(),
        date(),
        extensions(),
    );
    let body = (
        0u8..30,
        kind(),
        proptest::option::of(0u8..14),
        date(),
        date(),
        extensions(),
    );
    let rel = (rel_kind(), 0u8..32, 0u8..32, date(), date(), extensions());
    (
        proptest::collection::vec(fp, 0..12),
        proptest::collection::vec(body, 0..20),
        proptest::collection::vec(rel, 0..40),
    )
        .prop_map(|(fps, bodies, rels)| Model {
            footprints: fps
                .into_iter()
                .map(|(id, tier, population, within, from, to, extensions)| {
                    let mut f = Footprint::new(
                        FootprintId::new(format!("f{id}")).unwrap(),
                        format!("Footprint {id}"),
                        tier,
                    );
                    f.population = population;
                    f.within = within.map(|w| FootprintId::new(format!("f{w}")).unwrap());
                    f.valid_from = from;
                    f.valid_to = to;
                    f.extensions = extensions;
                    f
                })
                .collect(),
            bodies: bodies
                .into_iter()
                .map(|(id, kind, footprint, from, to, extensions)| {
                    let mut b = Body::new(
                        BodyId::new(format!("b{id}")).unwrap(),
                        format!("Body {id}"),
                        kind,
                    );
                    b.footprint = footprint.map(|f| FootprintId::new(format!("f{f}")).unwrap());
                    b.valid_from = from;
                    b.valid_to = to;
                    b.extensions = extensions;
                    b
                })
                .collect(),
            relationships: rels
                .into_iter()
                .map(|(kind, from, to, vf, vt, extensions)| {
                    let mut r = Relationship::new(
                        kind,
                        BodyId::new(format!("b{from}")).unwrap(),
                        BodyId::new(format!("b{to}")).unwrap(),
                    );
                    r.valid_from = vf;
                    r.valid_to = vt;
                    r.extensions = extensions;
                    r
                })
                .collect(),
            ..Model::default()
        })
}

/// Models as [`model`] makes them, with boards: six people holding dated seats of any role on
/// bodies of the same pool, nominated and appointed by bodies of the pool (so that seats sit
/// on ICBs and on other bodies, and name bodies of every kind, or none); a named function on
/// some relationships; and some boards recorded in part.
pub fn model_with_boards() -> impl Strategy<Value = Model> {
    let seat = (
        0u8..6,
        proptest::sample::select(Role::ALL.to_vec()),
        0u8..32,
        proptest::collection::vec(0u8..32, 0..2),
        proptest::option::of(0u8..32),
        date(),
        date(),
    );
    (
        model(),
        proptest::collection::vec(seat, 0..16),
        proptest::collection::vec(
            proptest::option::of(proptest::sample::select(Function::ALL.to_vec())),
            40,
        ),
        proptest::collection::vec(any::<bool>(), 20),
    )
        .prop_map(|(mut m, seats, functions, partial)| {
            let body = |i: u8| BodyId::new(format!("b{i}")).unwrap();
            m.people = (0..6)
                .map(|i| Person {
                    id: PersonId::new(format!("p{i}")).unwrap(),
                    name: format!("Person {i}"),
                    extensions: None,
                })
                .collect();
            m.memberships = seats
                .into_iter()
                .map(|(p, role, on, nominated, appointed, from, to)| {
                    let mut s =
                        Membership::new(PersonId::new(format!("p{p}")).unwrap(), role, body(on));
                    s.nominated_by = nominated.into_iter().map(body).collect();
                    s.appointed_by = appointed.map(body);
                    s.valid_from = from;
                    s.valid_to = to;
                    s
                })
                .collect();
            for (r, f) in m.relationships.iter_mut().zip(functions) {
                r.function = f;
            }
            for (b, p) in m.bodies.iter_mut().zip(partial) {
                b.board_record = p.then_some(BoardRecord::Partial);
            }
            m
        })
}
