//! Loading: what is accepted, and the errors for what is not, with their positions.

use icsgov::{ErrorKind, Format, Model};

fn json_err(text: &str) -> icsgov::Error {
    Model::from_json_str(text).unwrap_err()
}

fn yaml_err(text: &str) -> icsgov::Error {
    Model::from_yaml_str(text).unwrap_err()
}

#[test]
fn unknown_field_is_named_with_its_position_and_pointer() {
    let e = json_err("{\n  \"bodies\": [\n    {\"id\": \"QE1\", \"name\": \"x\", \"kind\": \"integrated_care_board\", \"colour\": \"blue\"}\n  ]\n}");
    assert_eq!(e.kind(), ErrorKind::Data);
    assert!(e.message().contains("unknown field `colour`"), "{e}");
    assert!(e.message().contains("expected one of"), "{e}");
    assert_eq!(e.line(), Some(3));
    assert_eq!(e.pointer(), Some("/bodies/0/colour"));
}

#[test]
fn wrong_enum_value_lists_what_was_expected() {
    let e = json_err(r#"{"footprints": [{"id": "a", "name": "A", "tier": "region"}]}"#);
    assert!(e.message().contains("unknown variant `region`"), "{e}");
    assert!(e.message().contains("`neighbourhood`"), "{e}");
    assert_eq!(e.pointer(), Some("/footprints/0/tier"));
    assert_eq!((e.line(), e.column()), (Some(1), Some(57)));
}

#[test]
fn missing_id_wrong_type_and_negative_population_are_data_errors() {
    let e = json_err(r#"{"bodies": [{"name": "NHS England", "kind": "nhs_england"}]}"#);
    assert!(e.message().contains("missing field `id`"), "{e}");
    let e = json_err(r#"{"bodies": {"id": "x"}}"#);
    assert!(e.message().contains("expected a sequence"), "{e}");
    let e = json_err(
        r#"{"footprints": [{"id": "a", "name": "A", "tier": "place", "population": -5}]}"#,
    );
    assert!(e.message().contains("-5"), "{e}");
    assert_eq!(e.pointer(), Some("/footprints/0/population"));
    let e = json_err(
        r#"{"footprints": [{"id": "a", "name": "A", "tier": "place", "population": 1.5}]}"#,
    );
    assert!(e.message().contains("1.5"), "{e}");
    let e = json_err(
        r#"{"footprints": [{"id": "a", "name": "A", "tier": "place", "population": 18446744073709551616}]}"#,
    );
    assert_eq!(e.kind(), ErrorKind::Data, "{e}");
}

#[test]
fn impossible_dates_and_malformed_ids_are_rejected() {
    let e = json_err(
        r#"{"bodies": [{"id": "a", "name": "A", "kind": "nhs_england", "valid_from": "2023-02-30"}]}"#,
    );
    assert!(e.message().contains("2023-02-30"), "{e}");
    assert!(e.message().contains("YYYY-MM-DD"), "{e}");
    assert_eq!(e.pointer(), Some("/bodies/0/valid_from"));
    let e = json_err(r#"{"bodies": [{"id": "has space", "name": "A", "kind": "nhs_england"}]}"#);
    assert!(e.message().contains("only ASCII letters, digits"), "{e}");
    assert!(e.message().contains("' ' (U+0020)"), "{e}");
}

#[test]
fn duplicate_keys_top_level_arrays_and_trailing_text_are_rejected() {
    let e = json_err(r#"{"bodies": [{"id": "a", "id": "b", "name": "A", "kind": "nhs_england"}]}"#);
    assert!(e.message().contains("duplicate field `id`"), "{e}");
    let e = json_err("[]");
    assert!(e.message().contains("invalid type: sequence"), "{e}");
    let e = json_err(r#"{"footprints": [["lsc", "Lancashire and South Cumbria", "system"]]}"#);
    assert!(e.message().contains("invalid type: sequence"), "{e}");
    assert_eq!(e.pointer(), Some("/footprints/0"));
    assert!(Model::from_yaml_str("footprints:\n  - [lsc, LSC, system]\n").is_err());
    assert!(icsgov::Policy::from_json_str(r#"{"population": {"place": [1, 2]}}"#).is_err());
    let e = json_err("{} {}");
    assert!(e.message().contains("after the end"), "{e}");
}

#[test]
fn truncated_json_says_line_and_column() {
    let e = json_err("{\n  \"bodies\": [\n    {\"id\": \"QE1\"");
    assert_eq!(e.kind(), ErrorKind::Syntax);
    assert_eq!(e.line(), Some(3));
    assert!(e.message().contains("ends before"), "{e}");
    let e = json_err("");
    assert_eq!(e.kind(), ErrorKind::Syntax);
}

#[test]
fn invalid_utf8_is_placed_and_a_byte_order_mark_is_accepted() {
    let e = Model::from_slice(b"{\n  \"name\": \"caf\xe9\"}", Format::Json).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Syntax);
    assert_eq!((e.line(), e.column()), (Some(2), Some(15)));
    assert!(e.message().contains("UTF-8"), "{e}");
    let m = Model::from_slice("\u{feff}{\"name\": \"x\"}".as_bytes(), Format::Json).unwrap();
    assert_eq!(m.name.as_deref(), Some("x"));
    let m = Model::from_slice("\u{feff}name: x\n".as_bytes(), Format::Yaml).unwrap();
    assert_eq!(m.name.as_deref(), Some("x"));
}

#[test]
fn yaml_errors_say_line_and_column() {
    let e = yaml_err("bodies:\n  - id: QE1\n    name: x\n    kind: integrated_care_bored\n");
    assert_eq!(e.line(), Some(4), "{e}");
    assert!(e.message().contains("integrated_care_bored"), "{e}");
    let e = yaml_err("bodies:\n  - id: QE1\n    colour: blue\n");
    assert!(e.message().contains("colour"), "{e}");
    assert_eq!(e.line(), Some(3), "{e}");
    let e = yaml_err("bodies: [\n  {id: QE1,\n");
    assert!(e.line().is_some(), "{e}");
}

#[test]
fn yaml_alias_bombs_are_refused() {
    let mut y = String::from("extensions:\n  l0: &L0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
    for i in 1..=9 {
        let refs = vec![format!("*L{}", i - 1); 9].join(", ");
        y.push_str(&format!("  l{i}: &L{i} [{refs}]\n"));
    }
    assert!(Model::from_yaml_str(&y).is_err());
}

#[test]
fn extensions_are_kept_verbatim_everywhere() {
    let text = r#"{
      "extensions": {"owner": {"team": "BI", "tags": [1, 2.5, null, true]}},
      "footprints": [{"id": "a", "name": "A", "tier": "system", "extensions": {"ons": "E54000048"}}],
      "bodies": [{"id": "b", "name": "B", "kind": "nhs_england", "extensions": {"x": {"y": []}}}],
      "relationships": [{"kind": "reviews", "from": "b", "to": "b", "extensions": {"z": "w"}}]
    }"#;
    let m = Model::from_json_str(text).unwrap();
    let before: serde_json::Value = serde_json::from_str(text).unwrap();
    let after: serde_json::Value = serde_json::from_str(&m.to_json_string()).unwrap();
    assert_eq!(before, after);
}

#[test]
fn path_loading_names_the_file_and_picks_the_format_by_extension() {
    let dir = std::env::temp_dir().join(format!("icsgov-load-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let y = dir.join("m.yml");
    std::fs::write(&y, "name: from yaml\n").unwrap();
    assert_eq!(
        Model::from_path(&y).unwrap().name.as_deref(),
        Some("from yaml")
    );
    let j = dir.join("bad.json");
    std::fs::write(&j, "{\"nam\": 1}").unwrap();
    let e = Model::from_path(&j).unwrap_err();
    assert_eq!(e.file(), Some(j.as_path()));
    assert!(
        e.to_string().starts_with(&format!("{}:1:", j.display())),
        "{e}"
    );
    let e = Model::from_path(dir.join("missing.json")).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Io);
    let r = Model::from_reader("{\"name\": \"r\"}".as_bytes(), Format::Json).unwrap();
    assert_eq!(r.name.as_deref(), Some("r"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn limits_refuse_input_beyond_them_with_a_clear_error() {
    use icsgov::Limits;
    let text = r#"{"bodies": [{"id": "a", "name": "A", "kind": "nhs_england"}, {"id": "b", "name": "B", "kind": "nhs_england"}]}"#;
    let small = Limits {
        max_bytes: 20,
        ..Limits::default()
    };
    let e = Model::from_slice_with(text.as_bytes(), Format::Json, &small).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Limit);
    assert!(e.message().contains("Limits::max_bytes"), "{e}");
    let e = Model::from_reader_with(text.as_bytes(), Format::Json, &small).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Limit, "{e}");
    let e = Model::from_reader_with(text.as_bytes(), Format::Yaml, &small).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Limit, "{e}");
    let few = Limits {
        max_entities: 1,
        ..Limits::default()
    };
    let e = Model::from_slice_with(text.as_bytes(), Format::Json, &few).unwrap_err();
    assert!(
        e.message().contains(
            "2 footprints, bodies, relationships, people and seats, more than the limit of 1"
        ),
        "{e}"
    );
    // Within the limits, the same text loads, read whole or streamed.
    let whole = Model::from_slice_with(text.as_bytes(), Format::Json, &Limits::default()).unwrap();
    let streamed =
        Model::from_reader_with(text.as_bytes(), Format::Json, &Limits::default()).unwrap();
    assert_eq!(whole, streamed);
    // Nesting is bounded by the readers.
    let deep = format!(
        "{{\"extensions\": {{\"x\": {}{}}}}}",
        "[".repeat(200),
        "]".repeat(200)
    );
    let e = Model::from_json_str(&deep).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Limit);
}

#[test]
fn large_yaml_datasets_load_within_the_budget() {
    // 20,000 bodies: well over the YAML reader's default budget of 250,000 nodes, which is
    // scaled with the input so that only expansion through aliases exhausts it.
    let m = icsgov::generate::generate(&icsgov::generate::GenerateOptions {
        bodies: 20_000,
        ..Default::default()
    });
    let yaml = m.to_yaml_string().unwrap();
    assert_eq!(Model::from_yaml_str(&yaml).unwrap(), m);
}
