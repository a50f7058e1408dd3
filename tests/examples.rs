//! The bundled examples: the datasets validate clean, JSON and YAML agree, and the API
//! examples in `examples/*.rs` run.

#[path = "../examples/validate.rs"]
mod validate_example;

#[path = "../examples/build_in_code.rs"]
mod build_in_code_example;

use icsgov::{BodyKind, Model, Policy, Severity, Tier, Validator};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");

fn example(ext: &str) -> Model {
    Model::from_path(format!("{DIR}/lancashire-south-cumbria.{ext}")).unwrap()
}

#[test]
fn lancashire_and_south_cumbria_validates_with_nothing_above_info() {
    let report = Validator::new(&Policy::default()).validate(&example("json"));
    let serious: Vec<_> = report
        .diagnostics()
        .iter()
        .filter(|d| d.severity() > Severity::Info)
        .collect();
    assert!(serious.is_empty(), "{serious:#?}");
}

#[test]
fn the_example_holds_the_facts_of_the_domain_notes() {
    let m = example("json");
    let count = |k: BodyKind| m.bodies.iter().filter(|b| b.kind == k).count();
    assert_eq!(count(BodyKind::IntegratedCareBoard), 1);
    assert_eq!(count(BodyKind::PlaceBasedPartnership), 5);
    assert_eq!(count(BodyKind::NhsEnglandRegion), 1);
    assert_eq!(count(BodyKind::CareQualityCommission), 1);
    assert_eq!(count(BodyKind::IntegratedCarePartnership), 1);
    assert_eq!(count(BodyKind::ProviderCollaborative), 1);
    assert!(m.bodies.iter().filter(|b| b.kind.is_responsible_local_authority()).count() >= 4);
    let places: Vec<_> = m
        .footprints
        .iter()
        .filter(|f| f.tier == Tier::Place)
        .collect();
    assert_eq!(places.len(), 5);
    let sum: u64 = places.iter().map(|p| p.population.unwrap()).sum();
    assert!(sum <= 1_800_000);
    assert!(places
        .iter()
        .all(|p| (114_000..=566_000).contains(&p.population.unwrap())));
    // Several neighbourhoods in every place.
    for p in &places {
        let n = m
            .footprints
            .iter()
            .filter(|f| f.within.as_ref() == Some(&p.id))
            .count();
        assert!(n >= 3, "{} has {n} neighbourhoods", p.id);
    }
    // The five trusts of the Provider Collaborative Board are its members.
    let members = m
        .relationships
        .iter()
        .filter(|r| r.kind == icsgov::RelationshipKind::MemberOf && r.to.as_str() == "lsc-pcb")
        .count();
    assert_eq!(members, 5);
    let icb = m.bodies.iter().find(|b| b.id.as_str() == "QE1").unwrap();
    assert_eq!(
        icb.valid_from.map(|d| d.to_string()).as_deref(),
        Some("2022-07-01")
    );
}

#[test]
fn json_and_yaml_examples_are_the_same_dataset() {
    assert_eq!(example("json"), example("yaml"));
}

#[test]
fn the_validate_api_example_runs_clean() {
    let report = validate_example::run(validate_example::EXAMPLE).unwrap();
    assert!(!report.has_errors());
    assert_eq!(report.summary().warnings, 0);
}

#[test]
fn the_build_in_code_api_example_runs_clean() {
    let report = build_in_code_example::run().unwrap();
    assert!(!report.has_errors(), "{:?}", report.diagnostics());
    assert_eq!(
        report.as_of().map(|d| d.to_string()).as_deref(),
        Some("2024-01-01")
    );
}

#[test]
fn json_round_trip_keeps_every_field_and_extensions() {
    let text = std::fs::read_to_string(format!("{DIR}/lancashire-south-cumbria.json")).unwrap();
    let model = Model::from_json_str(&text).unwrap();
    let original: serde_json::Value = serde_json::from_str(&text).unwrap();
    let again: serde_json::Value = serde_json::from_str(&model.to_json_string()).unwrap();
    assert_eq!(original, again);
    assert!(model.extensions.as_ref().unwrap().contains_key("note"));
}
