//! The published dataset schema and the loader accept exactly the same JSON documents, except
//! for the limits the loader adds and the schema's description states (duplicate keys,
//! nesting depth, size): documents near the schema's edges (numbers in every JSON spelling,
//! strings with every escape, missing and extra fields, wrong types, ids and dates at their
//! edges) are checked by an independent validator (the `jsonschema` crate) and by
//! `Model::from_json_str`, and the two must agree on each.

use icsgov::Model;
use proptest::prelude::*;

fn validator() -> &'static jsonschema::Validator {
    static V: std::sync::OnceLock<jsonschema::Validator> = std::sync::OnceLock::new();
    V.get_or_init(build)
}

fn build() -> jsonschema::Validator {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/schemas/model.schema.json"
    ))
    .unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

/// Population spellings: whole numbers in every form, and what is not one.
const POPULATIONS: &[&str] = &[
    "1800000",
    "1.8e6",
    "1.8E6",
    "1.8e+6",
    "18e5",
    "1800000.0",
    "1800000.000",
    "0",
    "-0",
    "-0.0",
    "0.0",
    "1e0",
    "1.5",
    "1e-5",
    "0.1e1",
    "-1",
    "-1.0",
    "18446744073709551615",
    "18446744073709551616",
    "1e19",
    "1.8446744073709552e19",
    "1e20",
    "1e400",
    "9007199254740993",
    "\"1800000\"",
    "true",
    "null",
    "[]",
    "{}",
];

/// Names: escapes of every kind, and what is not text.
const NAMES: &[&str] = &[
    r#""Lancashire and South Cumbria""#,
    r#""Line\nbreak""#,
    r#""Tab\there""#,
    r#""quote \" and backslash \\ and slash \/""#,
    r#""\b\f\r""#,
    r#""nul \u0000 char""#,
    r#""\u001f unit separator""#,
    r#""\u00e9 and é""#,
    r#""\ud83d\ude00 pair""#,
    r#""\uD83D\uDE00 upper-case pair""#,
    r#""lone \ud800 leading""#,
    r#""lone \udc00 trailing""#,
    r#""reversed \ude00\ud83d""#,
    r#""\u""#,
    r#""\x41""#,
    r#""""#,
    "5",
    "null",
    "[\"a\"]",
];

/// Ids: the pattern's edges.
const IDS: &[&str] = &[
    r#""lsc""#,
    r#""a""#,
    r#""a.b_c-d""#,
    r#""-a""#,
    r#"".a""#,
    r#""a b""#,
    r#""é""#,
    r#""""#,
    r#""a\n""#,
    "7",
];

/// Dates: the calendar's edges and other spellings.
const DATES: &[&str] = &[
    r#""2024-02-29""#,
    r#""2023-02-29""#,
    r#""2024-04-31""#,
    r#""2024-13-01""#,
    r#""2024-00-10""#,
    r#""2024-01-00""#,
    r#""0000-01-01""#,
    r#""9999-12-31""#,
    r#""2024-1-1""#,
    r#""20240101""#,
    r#""2024-01-01T00:00:00Z""#,
    r#"" 2024-01-01""#,
    "20240101",
    "null",
];

/// Tiers and kinds: the enums and what is not in them.
const TIERS: &[&str] = &[r#""system""#, r#""System""#, r#""town""#, "1", "null"];

/// Whole-document shapes: fields missing, fields added, lists of the wrong type.
const SHAPES: &[&str] = &[
    "as is",
    "no footprint id",
    "no footprint name",
    "no footprint tier",
    "no body kind",
    "no relationship to",
    "unknown top-level field",
    "unknown footprint field",
    "unknown relationship field",
    "extensions hold anything",
    "extensions are not an object",
    "footprints is an object",
    "bodies is null",
    "no lists at all",
    "a list of arrays",
];

fn long_ids() -> [String; 2] {
    [
        format!("\"{}\"", "x".repeat(128)),
        format!("\"{}\"", "x".repeat(129)),
    ]
}

/// One document: the base with each slot filled as given.
fn document(pop: &str, name: &str, id: &str, date: &str, tier: &str, shape: &str) -> String {
    let mut footprint = vec![
        format!("\"id\": {id}"),
        format!("\"name\": {name}"),
        format!("\"tier\": {tier}"),
        format!("\"population\": {pop}"),
        format!("\"valid_from\": {date}"),
    ];
    match shape {
        "no footprint id" => drop(footprint.remove(0)),
        "no footprint name" => drop(footprint.remove(1)),
        "no footprint tier" => drop(footprint.remove(2)),
        "unknown footprint field" => footprint.push("\"populaton\": 5".to_owned()),
        "extensions hold anything" => footprint.push(
            r#""extensions": {"a": [1, 2.5, null, {"b": "\u00e9"}], "a b": true}"#.to_owned(),
        ),
        "extensions are not an object" => footprint.push(r#""extensions": [1]"#.to_owned()),
        _ => {}
    }
    let mut body = vec![
        r#""id": "QE1""#.to_owned(),
        r#""name": "NHS Lancashire and South Cumbria ICB""#.to_owned(),
        r#""kind": "integrated_care_board""#.to_owned(),
    ];
    if shape == "no body kind" {
        body.pop();
    }
    let mut rel = vec![
        r#""kind": "reviews""#.to_owned(),
        r#""from": "cqc""#.to_owned(),
        r#""to": "QE1""#.to_owned(),
    ];
    match shape {
        "no relationship to" => drop(rel.pop()),
        "unknown relationship field" => rel.push(r#""since": "2023-04-01""#.to_owned()),
        _ => {}
    }
    let footprints = format!("[{{{}}}]", footprint.join(", "));
    let bodies = format!(
        r#"[{{{}}}, {{"id": "cqc", "name": "Care Quality Commission", "kind": "care_quality_commission"}}]"#,
        body.join(", ")
    );
    let relationships = format!("[{{{}}}]", rel.join(", "));
    let mut top = vec![
        r#""name": "edge""#.to_owned(),
        format!("\"footprints\": {footprints}"),
        format!("\"bodies\": {bodies}"),
        format!("\"relationships\": {relationships}"),
    ];
    match shape {
        "unknown top-level field" => top.push(r#""version": 2"#.to_owned()),
        "footprints is an object" => top[1] = r#""footprints": {}"#.to_owned(),
        "bodies is null" => top[2] = r#""bodies": null"#.to_owned(),
        "no lists at all" => top.truncate(1),
        "a list of arrays" => top[1] = r#""footprints": [["lsc", "x", "system"]]"#.to_owned(),
        _ => {}
    }
    format!("{{{}}}", top.join(", "))
}

/// Whether the schema accepts the text: it must parse as JSON and validate.
fn schema_accepts(v: &jsonschema::Validator, text: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(text).is_ok_and(|doc| v.is_valid(&doc))
}

fn loader_accepts(text: &str) -> bool {
    Model::from_json_str(text).is_ok()
}

/// Every slot's every value, the others at their plain value.
fn one_at_a_time() -> Vec<(String, String)> {
    let [l128, l129] = long_ids();
    let ids: Vec<&str> = IDS
        .iter()
        .copied()
        .chain([l128.as_str(), l129.as_str()])
        .collect();
    let (p, n, i, d, t, s) = (
        POPULATIONS[0],
        NAMES[0],
        IDS[0],
        DATES[0],
        TIERS[0],
        SHAPES[0],
    );
    let mut cases = Vec::new();
    for x in POPULATIONS {
        cases.push((format!("population {x}"), document(x, n, i, d, t, s)));
    }
    for x in NAMES {
        cases.push((format!("name {x}"), document(p, x, i, d, t, s)));
    }
    for x in &ids {
        cases.push((format!("id {x}"), document(p, n, x, d, t, s)));
    }
    for x in DATES {
        cases.push((format!("valid_from {x}"), document(p, n, i, x, t, s)));
    }
    for x in TIERS {
        cases.push((format!("tier {x}"), document(p, n, i, d, x, s)));
    }
    for x in SHAPES {
        cases.push((format!("shape: {x}"), document(p, n, i, d, t, x)));
    }
    cases
}

#[test]
fn schema_and_loader_agree_on_every_edge_one_at_a_time() {
    let v = validator();
    let cases = one_at_a_time();
    let mut differences = Vec::new();
    for (what, text) in &cases {
        let (schema, loader) = (schema_accepts(v, text), loader_accepts(text));
        if schema != loader {
            let why = Model::from_json_str(text).err().map(|e| e.to_string());
            differences.push(format!("{what}: schema {schema}, loader {loader} {why:?}"));
        }
    }
    eprintln!(
        "{} one-at-a-time cases, {} differences",
        cases.len(),
        differences.len()
    );
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

/// The limits the loader adds, which the schema's description states: the schema accepts
/// these documents and the loader refuses them, saying why.
#[test]
fn the_documented_limits_are_the_only_differences() {
    let v = validator();
    let duplicate = r#"{"name": "a", "name": "b"}"#;
    assert!(schema_accepts(v, duplicate));
    let e = Model::from_json_str(duplicate).unwrap_err().to_string();
    assert!(e.contains("duplicate"), "{e}");
    // 130 levels: the JSON reader of Rust's validators stops at 128 too, so the document is
    // built as a value to show that the schema itself sets no depth.
    let mut deep = serde_json::json!(1);
    for _ in 0..130 {
        deep = serde_json::Value::Array(vec![deep]);
    }
    let doc = serde_json::json!({"extensions": {"a": deep}});
    assert!(v.is_valid(&doc));
    let text = format!(
        r#"{{"extensions": {{"a": {}1{}}}}}"#,
        "[".repeat(130),
        "]".repeat(130)
    );
    let e = Model::from_json_str(&text).unwrap_err().to_string();
    assert!(e.contains("128 levels"), "{e}");
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/schemas/model.schema.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let description = schema["description"].as_str().unwrap();
    for limit in ["duplicate key", "128 levels", "1 GiB", "surrogate"] {
        assert!(description.contains(limit), "{description}");
    }
}

fn slot(values: &'static [&'static str]) -> impl Strategy<Value = &'static str> {
    proptest::sample::select(values)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]
    /// Any combination of the edges at once.
    #[test]
    fn schema_and_loader_agree_on_combinations(
        p in slot(POPULATIONS),
        n in slot(NAMES),
        i in slot(IDS),
        d in slot(DATES),
        t in slot(TIERS),
        s in slot(SHAPES),
    ) {
        let text = document(p, n, i, d, t, s);
        let v = validator();
        prop_assert_eq!(schema_accepts(v, &text), loader_accepts(&text), "{}", text);
    }
}
