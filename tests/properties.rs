//! Property tests over generated models.

use icsgov::{
    Body, BodyId, BodyKind, Date, Footprint, FootprintId, Model, Policy, Relationship,
    RelationshipKind, Tier, Validator,
};
use proptest::prelude::*;

fn kind() -> impl Strategy<Value = BodyKind> {
    proptest::sample::select(BodyKind::ALL.to_vec())
}

fn rel_kind() -> impl Strategy<Value = RelationshipKind> {
    proptest::sample::select(RelationshipKind::ALL.to_vec())
}

fn date() -> impl Strategy<Value = Option<Date>> {
    proptest::option::of(
        (2015u16..2030, 1u8..=12, 1u8..=28).prop_map(|(y, m, d)| Date::new(y, m, d).unwrap()),
    )
}

/// Models with ids drawn from a small pool, so references sometimes resolve, sometimes
/// collide and sometimes dangle.
fn model() -> impl Strategy<Value = Model> {
    let fp = (
        0u8..12,
        proptest::sample::select(Tier::ALL.to_vec()),
        proptest::option::of(0u64..700_000),
        proptest::option::of(0u8..14),
        date(),
        date(),
    );
    let body = (
        0u8..30,
        kind(),
        proptest::option::of(0u8..14),
        date(),
        date(),
    );
    let rel = (rel_kind(), 0u8..32, 0u8..32, date(), date());
    (
        proptest::collection::vec(fp, 0..12),
        proptest::collection::vec(body, 0..20),
        proptest::collection::vec(rel, 0..40),
    )
        .prop_map(|(fps, bodies, rels)| Model {
            footprints: fps
                .into_iter()
                .map(|(id, tier, population, within, from, to)| {
                    let mut f = Footprint::new(
                        FootprintId::new(format!("f{id}")).unwrap(),
                        format!("Footprint {id}"),
                        tier,
                    );
                    f.population = population;
                    f.within = within.map(|w| FootprintId::new(format!("f{w}")).unwrap());
                    f.valid_from = from;
                    f.valid_to = to;
                    f
                })
                .collect(),
            bodies: bodies
                .into_iter()
                .map(|(id, kind, footprint, from, to)| {
                    let mut b = Body::new(
                        BodyId::new(format!("b{id}")).unwrap(),
                        format!("Body {id}"),
                        kind,
                    );
                    b.footprint = footprint.map(|f| FootprintId::new(format!("f{f}")).unwrap());
                    b.valid_from = from;
                    b.valid_to = to;
                    b
                })
                .collect(),
            relationships: rels
                .into_iter()
                .map(|(kind, from, to, vf, vt)| {
                    let mut r = Relationship::new(
                        kind,
                        BodyId::new(format!("b{from}")).unwrap(),
                        BodyId::new(format!("b{to}")).unwrap(),
                    );
                    r.valid_from = vf;
                    r.valid_to = vt;
                    r
                })
                .collect(),
            ..Model::default()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn validation_is_deterministic_and_sorted(m in model(), as_of in date()) {
        let policy = Policy::default();
        let mut v = Validator::new(&policy);
        if let Some(d) = as_of {
            v = v.as_of(d);
        }
        let a = v.validate(&m);
        let b = v.validate(&m);
        prop_assert_eq!(a.to_json_string(), b.to_json_string());
        for w in a.diagnostics().windows(2) {
            prop_assert!(w[0].report_order(&w[1]) != std::cmp::Ordering::Greater);
        }
        let s = a.summary();
        prop_assert_eq!(s.errors + s.warnings + s.infos, a.diagnostics().len());
    }

    #[test]
    fn json_round_trip_is_lossless(m in model()) {
        let back = Model::from_json_str(&m.to_json_string()).unwrap();
        prop_assert_eq!(back, m);
    }

    #[test]
    fn yaml_round_trip_is_lossless(m in model()) {
        let text = serde_saphyr::to_string(&m).unwrap();
        let back = Model::from_yaml_str(&text).unwrap();
        prop_assert_eq!(back, m);
    }

    #[test]
    fn reversing_the_lists_changes_only_the_paths(m in model()) {
        // With unique ids, the multiset of (code, message) does not depend on list order.
        let mut seen = std::collections::HashSet::new();
        let mut m = m;
        m.footprints.retain(|f| seen.insert(f.id.to_string()));
        m.bodies.retain(|b| seen.insert(b.id.to_string()));
        let policy = Policy::default();
        let key = |m: &Model| {
            let mut v: Vec<(String, String)> = Validator::new(&policy)
                .validate(m)
                .diagnostics()
                .iter()
                .filter(|d| d.code() != "ICS202" && d.code() != "ICS201")
                .map(|d| (d.code().to_owned(), d.message().to_owned()))
                .collect();
            v.sort();
            v
        };
        let before = key(&m);
        let mut r = m.clone();
        r.footprints.reverse();
        r.bodies.reverse();
        r.relationships.reverse();
        prop_assert_eq!(before, key(&r));
    }

    #[test]
    fn loading_arbitrary_text_never_panics(s in ".{0,200}") {
        let _ = Model::from_json_str(&s);
        let _ = Model::from_yaml_str(&s);
    }
}
