//! The JSON Schemas in `schemas/`: generated from the types, committed, and checked here by a
//! validator that is not schemars.
//!
//! `ICSGOV_BLESS=1 cargo test --all-features --test schemas` rewrites the committed files.
#![cfg(feature = "schemars")]

/// The schema and the loader accept the same documents .
#[path = "schemas/agreement.rs"]
mod agreement;

use std::path::{Path, PathBuf};

use icsgov::schema::{schema, schema_text, Kind};
use serde_json::{json, Value};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn committed(kind: Kind) -> Value {
    let path = root().join("schemas").join(kind.file_name());
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn validator(kind: Kind) -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(&committed(kind))
        .unwrap_or_else(|e| panic!("{} does not compile: {e}", kind.file_name()))
}

/// A unified diff of `expected` and `actual`, for a readable failure.
fn diff(expected: &str, actual: &str) -> String {
    similar::TextDiff::from_lines(expected, actual)
        .unified_diff()
        .context_radius(3)
        .header("committed", "generated")
        .to_string()
}

/// Fails with a diff when `path` differs from `generated`; rewrites it under ICSGOV_BLESS.
pub fn check_generated(path: &Path, generated: &str) {
    if std::env::var_os("ICSGOV_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        // Write then rename, so tests reading the file in parallel never see half of it.
        let tmp = path.with_extension("tmp");
        std::fs::write(&tmp, generated).unwrap();
        std::fs::rename(&tmp, path).unwrap();
        return;
    }
    let on_disk = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "{} is stale; run `ICSGOV_BLESS=1 cargo test --all-features` and commit the result\n{}",
        path.display(),
        diff(&on_disk, generated)
    );
}

#[test]
fn committed_schemas_match_the_types() {
    for kind in Kind::ALL {
        check_generated(
            &root().join("schemas").join(kind.file_name()),
            &schema_text(kind),
        );
    }
}

#[test]
fn schemas_are_valid_against_the_2020_12_meta_schema() {
    for kind in Kind::ALL {
        let s = committed(kind);
        assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
        assert!(s["$id"].as_str().unwrap().ends_with(&kind.file_name()));
        assert!(
            s["title"].is_string() && s["description"].is_string(),
            "{}",
            kind.file_name()
        );
        if let Err(e) = jsonschema::meta::validate(&s) {
            panic!("{} is not a valid schema: {e}", kind.file_name());
        }
        // The schema's own example passes it.
        let v = validator(kind);
        for example in s["examples"].as_array().unwrap() {
            assert!(
                v.is_valid(example),
                "{} rejects its own example",
                kind.file_name()
            );
        }
    }
}

/// Every property and every enum value in a schema has a description.
fn undocumented(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(obj) => {
            if let Some(Value::Object(props)) = obj.get("properties") {
                for (name, p) in props {
                    // A tag (`"by": {"const": "waiver"}`) is described by its variant.
                    let described = p.get("description").is_some()
                        || (p.get("$ref").is_some() || p.get("const").is_some())
                            && obj.get("description").is_some();
                    if !described {
                        out.push(format!("{at}/properties/{name}"));
                    }
                }
            }
            if let Some(Value::Array(variants)) = obj.get("oneOf") {
                for (i, variant) in variants.iter().enumerate() {
                    if variant.get("const").is_some() && variant.get("description").is_none() {
                        out.push(format!("{at}/oneOf/{i}"));
                    }
                }
            }
            if obj.get("enum").is_some() && obj.get("description").is_none() {
                out.push(format!("{at}/enum"));
            }
            for (k, child) in obj {
                undocumented(child, format!("{at}/{k}"), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                undocumented(child, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_property_and_enum_value_is_described() {
    for kind in Kind::ALL {
        let mut missing = Vec::new();
        let s = committed(kind);
        undocumented(&s["$defs"], "/$defs".into(), &mut missing);
        undocumented(
            &json!({"properties": s["properties"]}),
            String::new(),
            &mut missing,
        );
        assert!(
            missing.is_empty(),
            "{}: undescribed {missing:#?}",
            kind.file_name()
        );
    }
}

fn examples() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("json" | "yaml" | "yml")
            )
        })
        .collect();
    v.sort();
    assert!(!v.is_empty());
    v
}

fn as_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    if path.extension().is_some_and(|e| e == "json") {
        serde_json::from_str(&text).unwrap()
    } else {
        serde_saphyr::from_str(&text).unwrap()
    }
}

#[test]
fn every_example_dataset_validates_against_the_model_schema() {
    let v = validator(Kind::Model);
    for path in examples() {
        let doc = as_json(&path);
        let errors: Vec<String> = v
            .iter_errors(&doc)
            .map(|e| format!("{} {e}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
        assert_eq!(
            doc["$schema"],
            "../schemas/model.schema.json",
            "{}",
            path.display()
        );
    }
}

/// Broken datasets, each rejected by the schema and by the loader alike.
fn invalid_datasets() -> Vec<(&'static str, Value)> {
    let fp = |extra: Value| {
        let mut f = json!({"id": "lsc", "name": "Lancashire and South Cumbria", "tier": "system"});
        f.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        json!({"footprints": [f]})
    };
    vec![
        ("wrong tier", fp(json!({"tier": "region"}))),
        ("negative population", fp(json!({"population": -1}))),
        ("fractional population", fp(json!({"population": 1.5}))),
        ("population as text", fp(json!({"population": "1,800,000"}))),
        ("impossible date", fp(json!({"valid_from": "2023-02-30"}))),
        (
            "date in another format",
            fp(json!({"valid_from": "01/07/2022"})),
        ),
        ("unknown field", fp(json!({"colour": "blue"}))),
        (
            "id with a space",
            fp(json!({"id": "lancashire and south cumbria"})),
        ),
        ("empty id", fp(json!({"id": ""}))),
        (
            "missing id",
            json!({"bodies": [{"name": "NHS England", "kind": "nhs_england"}]}),
        ),
        (
            "wrong body kind",
            json!({"bodies": [{"id": "x", "name": "X", "kind": "quango"}]}),
        ),
        (
            "wrong relationship kind",
            json!({"relationships": [{"kind": "likes", "from": "a", "to": "b"}]}),
        ),
        (
            "missing relationship end",
            json!({"relationships": [{"kind": "reviews", "from": "a"}]}),
        ),
        ("bodies not a list", json!({"bodies": {"id": "x"}})),
        ("unknown top-level field", json!({"bodys": []})),
        (
            "footprint as an array",
            json!({"footprints": [["lsc", "LSC", "system"]]}),
        ),
        ("top-level array", json!([])),
        ("extensions not an object", json!({"extensions": [1]})),
    ]
}

#[test]
fn invalid_datasets_are_rejected_by_the_schema_and_the_loader_alike() {
    let v = validator(Kind::Model);
    for (what, doc) in invalid_datasets() {
        assert!(
            !v.is_valid(&doc),
            "the schema accepts a dataset with {what}: {doc}"
        );
        assert!(
            icsgov::Model::from_json_str(&doc.to_string()).is_err(),
            "the loader accepts a dataset with {what}: {doc}"
        );
    }
}

#[test]
fn policies_validate_against_the_policy_schema() {
    let v = validator(Kind::Policy);
    let good = [
        json!({}),
        json!({"rules": {"ICS103": "allow", "icp-conveners": "warn"}}),
        json!({"rules": {"ics103": "allow"}, "waivers": [{"rule": "ics204", "entity": "lsc-hcp", "reason": "r", "owner": "o", "expires": "2030-01-01"}]}),
        json!({"population": {"place": null, "neighbourhood": {"min": 1, "max": 2}}, "coverage_tolerance": 0.1}),
        serde_json::to_value(icsgov::Policy::default()).unwrap(),
    ];
    for p in &good {
        assert!(v.is_valid(p), "{p}");
        assert!(icsgov::Policy::from_json_str(&p.to_string()).is_ok(), "{p}");
    }
    // The policy files the tests use, read as TOML.
    let dir = root().join("tests/fixtures/policies");
    let mut checked = 0;
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.push(root().join("examples/icsgov.toml"));
    for path in paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let Ok(doc) = toml::from_str::<Value>(&text) else {
            assert!(name.starts_with("bad-"), "{name} is not TOML");
            continue;
        };
        checked += 1;
        let loads = toml::from_str::<icsgov::Policy>(&text)
            .ok()
            .filter(|p| p.check().is_ok())
            .is_some();
        // `conflict-` files are what JSON Schema cannot see: one rule set twice, by code and by
        // name, to different levels. The schema's description says so; the loader refuses them.
        let (bad, conflict) = (name.starts_with("bad-"), name.starts_with("conflict-"));
        assert_eq!(v.is_valid(&doc), !bad, "schema on {name}");
        assert_eq!(loads, !(bad || conflict), "loader on {name}");
    }
    assert!(checked >= 3);
    let bad = [
        json!({"rules": {"ICS999": "allow"}}),
        json!({"waivers": [{"rule": "ICS999", "entity": "x", "reason": "r", "owner": "o", "expires": "2030-01-01"}]}),
        json!({"waivers": [{"rule": "ICS103", "entity": "x", "reason": "r", "owner": "o", "expires": "2030-02-30"}]}),
        json!({"waivers": [{"rule": "ICS103", "entity": "x", "reason": "r", "expires": "2030-01-01"}]}),
        json!({"rules": {"ICS103": "off"}}),
        json!({"population": {"region": {"min": 1, "max": 2}}}),
        json!({"population": {"place": {"min": -1, "max": 2}}}),
        json!({"coverage_tolerance": "5%"}),
        json!({"coverage_tolerance": 2}),
        json!({"coverage_tolerance": -0.1}),
        json!({"rules": {"Ics103": "allow"}}),
        json!({"colour": 1}),
    ];
    for p in &bad {
        assert!(!v.is_valid(p), "{p}");
        assert!(
            icsgov::Policy::from_json_str(&p.to_string()).is_err(),
            "{p}"
        );
    }
}

#[test]
fn reports_validate_against_the_report_schema() {
    let v = validator(Kind::Report);
    let policy = icsgov::Policy::default();
    for dir in std::fs::read_dir(root().join("tests/fixtures/rules")).unwrap() {
        for f in std::fs::read_dir(dir.unwrap().path()).unwrap() {
            let path = f.unwrap().path();
            if path.extension().is_some_and(|e| e == "json") {
                let model = icsgov::Model::from_path(&path).unwrap();
                let report = icsgov::Validator::new(&policy).validate(&model);
                let reports = icsgov::Reports::new(vec![icsgov::FileReport {
                    file: path.display().to_string(),
                    report,
                }]);
                let doc: Value = serde_json::from_str(&reports.to_json_string()).unwrap();
                let errors: Vec<String> = v
                    .iter_errors(&doc)
                    .map(|e| format!("{} {e}", e.instance_path()))
                    .collect();
                assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
            }
        }
    }
}

#[test]
fn generated_schema_value_matches_text() {
    for kind in Kind::ALL {
        assert_eq!(
            serde_json::from_str::<Value>(&schema_text(kind)).unwrap(),
            schema(kind)
        );
    }
}

mod common;

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(128))]

    #[test]
    fn any_model_the_library_can_represent_is_accepted_by_the_model_schema(m in common::model()) {
        let v = validator(Kind::Model);
        let doc: Value = serde_json::from_str(&m.to_json_string()).unwrap();
        let errors: Vec<String> = v.iter_errors(&doc).map(|e| format!("{} {e}", e.instance_path())).collect();
        proptest::prop_assert!(errors.is_empty(), "{:?}", errors);
    }
}
