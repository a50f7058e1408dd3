//! The bundled examples: they report exactly what the real data supports, the main and the
//! history examples agree, JSON and YAML agree, and the API examples in `examples/*.rs` run.

#[path = "../examples/validate.rs"]
mod validate_example;

#[path = "../examples/build_in_code.rs"]
mod build_in_code_example;

use icsgov::{BodyKind, Model, Policy, Tier, Validator};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");

fn example(ext: &str) -> Model {
    Model::from_path(format!("{DIR}/lancashire-south-cumbria.{ext}")).unwrap()
}

/// The findings of a report, one line each: severity, code and the entity the finding names.
fn findings(report: &icsgov::Report) -> Vec<String> {
    let mut v: Vec<String> = report
        .diagnostics()
        .iter()
        .map(|d| format!("{} {} {}", d.severity(), d.code(), d.related().join(" ")))
        .collect();
    v.sort();
    v
}

/// What the real data supports, and nothing more: the four responsible authorities whose
/// areas lie partly in the ICB's area but are not recorded as convening its partnership, and
/// the eleven PCNs below the Network Contract DES minimum.
fn expected_findings() -> Vec<String> {
    let mut v: Vec<String> = [
        "error ICS204 lsc-hcp E10000023",
        "error ICS204 lsc-hcp E06000063",
        "error ICS204 lsc-hcp E06000064",
        "error ICS204 lsc-hcp E06000065",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain(
        [
            "U97645", "U82077", "U64436", "U10791", "U74229", "U42699", "U79546", "U49070",
            "U17837", "U16644", "U59980",
        ]
        .iter()
        .map(|c| format!("warning ICS103 nbh-{c}")),
    )
    .collect();
    v.sort();
    v
}

#[test]
fn lancashire_and_south_cumbria_reports_what_the_data_supports() {
    let report = Validator::new(&Policy::default()).validate(&example("json"));
    assert_eq!(findings(&report), expected_findings());
}

#[test]
fn the_history_is_the_same_dataset_from_july_2022_and_clean_before() {
    let main = example("json");
    let history = Model::from_path(format!("{DIR}/lancashire-south-cumbria-history.json")).unwrap();
    let policy = Policy::default();
    assert_eq!(
        findings(&Validator::new(&policy).validate(&history)),
        expected_findings()
    );
    for date in ["2019-06-01", "2021-06-01"] {
        let d = date.parse().unwrap();
        let report = Validator::new(&policy).as_of(d).validate(&history);
        assert!(
            findings(&report).is_empty(),
            "{date}: {:?}",
            findings(&report)
        );
    }
    // As of any date from the ICB's establishment, the two describe the same structure.
    let ids = |m: &Model| {
        let mut v: Vec<String> = m
            .footprints
            .iter()
            .map(|f| format!("f {}", f.id))
            .chain(m.bodies.iter().map(|b| format!("b {} {:?}", b.id, b.kind)))
            .chain(
                m.relationships
                    .iter()
                    .map(|r| format!("r {} {:?} {}", r.from, r.kind, r.to)),
            )
            .collect();
        v.sort();
        v
    };
    for date in [
        "2022-07-01",
        "2023-03-31",
        "2023-04-01",
        "2024-01-01",
        "2025-10-01",
    ] {
        let d = date.parse().unwrap();
        assert_eq!(ids(&main.snapshot(d)), ids(&history.snapshot(d)), "{date}");
    }
}

#[test]
fn the_example_holds_the_facts_of_the_domain_notes() {
    let m = example("json");
    let count = |k: BodyKind| m.bodies.iter().filter(|b| b.kind == k).count();
    assert_eq!(count(BodyKind::IntegratedCareBoard), 1);
    // Five places until 31 March 2023, four from 1 April 2023.
    assert_eq!(count(BodyKind::PlaceBasedPartnership), 9);
    assert_eq!(count(BodyKind::NhsEnglandRegion), 1);
    assert_eq!(count(BodyKind::CareQualityCommission), 1);
    assert_eq!(count(BodyKind::IntegratedCarePartnership), 1);
    assert_eq!(count(BodyKind::ProviderCollaborative), 1);
    assert_eq!(count(BodyKind::PrimaryCareNetwork), 45);
    // Cumbria County Council was succeeded by both Westmorland and Furness and Cumberland.
    let successors: Vec<&str> = m
        .relationships
        .iter()
        .filter(|r| {
            r.kind == icsgov::RelationshipKind::SucceededBy && r.from.as_str() == "E10000006"
        })
        .map(|r| r.to.as_str())
        .collect();
    assert_eq!(successors, ["E06000064", "E06000063"]);
    // No delegation to a partnership.
    assert!(!m.relationships.iter().any(|r| {
        r.kind == icsgov::RelationshipKind::DelegatesTo && r.to.as_str().ends_with("-pbp")
    }));
    let places = |from: bool| -> Vec<&icsgov::Footprint> {
        m.footprints
            .iter()
            .filter(|f| f.tier == Tier::Place && f.valid_from.is_some() == from)
            .collect()
    };
    assert_eq!(places(false).len(), 5);
    assert_eq!(places(true).len(), 4);
    // Each present place's population is the sum of its PCNs', and the system's theirs.
    let system = m
        .footprints
        .iter()
        .find(|f| f.tier == Tier::System)
        .unwrap();
    let mut total = 0;
    for p in places(true) {
        let sum: u64 = m
            .footprints
            .iter()
            .filter(|f| f.within.as_ref() == Some(&p.id))
            .map(|f| f.population.unwrap())
            .sum();
        assert_eq!(p.population, Some(sum), "{}", p.id);
        total += sum;
    }
    assert_eq!(system.population, Some(total));
    // The five trusts of the Provider Collaboration Board are its members.
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

#[cfg(feature = "import")]
/// Real codes carry real figures: every PCN of the ICB in the October 2025 mapping is in the
/// example, with the registered patients of its practices in April 2025, computed here from
/// the CSV files without the importer.
#[test]
fn every_real_pcn_carries_its_published_list_size() {
    use std::collections::BTreeMap;
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/data/nhs-england");
    let read = |name: &str| {
        let text = std::fs::read_to_string(format!("{data}/{name}")).unwrap();
        let text = text.trim_start_matches('\u{feff}').to_owned();
        let mut r = csv::Reader::from_reader(std::io::Cursor::new(text));
        let h = r.headers().unwrap().clone();
        r.records()
            .map(|x| {
                let x = x.unwrap();
                h.iter()
                    .zip(x.iter())
                    .map(|(a, b)| (a.to_owned(), b.to_owned()))
                    .collect::<BTreeMap<String, String>>()
            })
            .collect::<Vec<_>>()
    };
    let patients: BTreeMap<String, u64> = read("gp-reg-pat-prac-all_2025-04.csv")
        .into_iter()
        .map(|r| (r["CODE"].clone(), r["NUMBER_OF_PATIENTS"].parse().unwrap()))
        .collect();
    let mut pcns: BTreeMap<String, u64> = BTreeMap::new();
    for r in read("gp-reg-pat-prac-map_2025-10.csv") {
        if r["ICB_CODE"] == "QE1" && r["PCN_CODE"] != "U" {
            *pcns.entry(r["PCN_CODE"].clone()).or_default() += patients[&r["PRACTICE_CODE"]];
        }
    }
    let m = example("json");
    let in_example: BTreeMap<String, u64> = m
        .footprints
        .iter()
        .filter(|f| f.tier == Tier::Neighbourhood)
        .map(|f| (f.id.as_str()[4..].to_owned(), f.population.unwrap()))
        .collect();
    assert_eq!(in_example, pcns);
    assert_eq!(pcns.len(), 45);
    assert_eq!(pcns["U16644"], 7_928);
    assert_eq!(pcns["U19808"], 81_467);
}

#[test]
fn json_and_yaml_examples_are_the_same_dataset() {
    assert_eq!(example("json"), example("yaml"));
}

#[test]
fn the_validate_api_example_reports_the_examples_findings() {
    let report = validate_example::run(validate_example::EXAMPLE).unwrap();
    assert_eq!(findings(&report), expected_findings());
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

#[test]
fn the_examples_in_the_reverse_order_say_the_same() {
    // Paths name positions in the lists; what each finding says must not depend on them.
    let said = |m: &Model| {
        let mut v: Vec<(String, String)> = Validator::new(&Policy::default())
            .validate(m)
            .diagnostics()
            .iter()
            .map(|d| (d.code().to_owned(), d.message().to_owned()))
            .collect();
        v.sort();
        v
    };
    let history = Model::from_path(format!("{DIR}/lancashire-south-cumbria-history.json")).unwrap();
    for model in [example("json"), history] {
        let mut reversed = model.clone();
        reversed.footprints.reverse();
        reversed.bodies.reverse();
        reversed.relationships.reverse();
        reversed.people.reverse();
        reversed.memberships.reverse();
        let before = said(&model);
        assert!(!before.is_empty());
        assert_eq!(before, said(&reversed));
    }
}
