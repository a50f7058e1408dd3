//! Property tests over generated models.

mod common;

use common::{date, model, model_with_boards};
use icsgov::{Model, Policy, Validator};
use proptest::prelude::*;

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
        reversed_says_the_same(m)?;
    }

    #[test]
    fn reversing_the_lists_with_boards_changes_only_the_paths(m in model_with_boards()) {
        reversed_says_the_same(m)?;
    }

    #[test]
    fn loading_arbitrary_text_never_panics(s in ".{0,200}") {
        let _ = Model::from_json_str(&s);
        let _ = Model::from_yaml_str(&s);
    }

    #[test]
    fn arbitrary_bytes_never_panic_as_json_or_yaml(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        for format in [icsgov::Format::Json, icsgov::Format::Yaml] {
            if let Ok(m) = Model::from_slice(&bytes, format) {
                let _ = Validator::new(&Policy::default()).validate(&m);
            }
        }
    }

    #[test]
    #[cfg(feature = "import")]
    fn arbitrary_csv_rows_import_or_fail_cleanly(
        header in prop::sample::select(vec![
            "PRACTICE_CODE,PCN_CODE,PCN_NAME,SUB_ICB_LOCATION_CODE,SUB_ICB_LOCATION_NAME,ICB_CODE,ICB_NAME,COMM_REGION_CODE,COMM_REGION_NAME,PRACTICE_NAME",
            "PUBLICATION,EXTRACT_DATE,TYPE,SUB_ICB_LOCATION_CODE,ONS_SUB_ICB_LOCATION_CODE,CODE,POSTCODE,SEX,AGE,NUMBER_OF_PATIENTS",
            "PUBLICATION,EXTRACT_DATE,ORG_TYPE,ORG_CODE,ONS_CODE,SEX,AGE,NUMBER_OF_PATIENTS",
            "",
        ]),
        rows in proptest::collection::vec("[A-Z0-9U,\" ]{0,80}", 0..8),
        lenient in any::<bool>(),
    ) {
        use icsgov::import::{import, ImportOptions, Publication};
        let text = std::iter::once(header.to_owned()).chain(rows).collect::<Vec<_>>().join("\n");
        let sources = [Publication { name: "any.csv", bytes: text.as_bytes() }];
        let options = ImportOptions { lenient, ..ImportOptions::default() };
        match import(&sources, &options) {
            Ok(imported) => {
                let _ = Validator::new(&Policy::default()).validate(&imported.model);
            }
            // A refusal names the file.
            Err(e) => prop_assert!(e.to_string().starts_with("any.csv"), "{}", e),
        }
    }

    #[test]
    fn arbitrary_json_values_load_or_fail_cleanly_and_validate(v in common::json_value(), in_bodies in any::<bool>()) {
        // Anywhere in a dataset: the whole document, or one body.
        let doc = if in_bodies { serde_json::json!({"bodies": [v]}) } else { v };
        if let Ok(m) = Model::from_json_str(&doc.to_string()) {
            let _ = Validator::new(&Policy::default()).validate(&m);
        }
    }
}

/// With unique ids, the multiset of (code, message) does not depend on the order of the lists.
fn reversed_says_the_same(m: Model) -> Result<(), TestCaseError> {
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
    r.people.reverse();
    r.memberships.reverse();
    prop_assert_eq!(before, key(&r));
    Ok(())
}
