//! JSON Schemas (draft 2020-12) of the dataset, policy and report formats, generated from the
//! Rust types and their doc comments.
//!
//! The committed copies in `schemas/` are checked against these by a test; set
//! `ICSGOV_BLESS=1` to rewrite them.

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};
use serde_json::{json, Value};

use crate::{Model, Policy, Reports};

/// Where the schemas of this version are published, each schema's `$id` being this plus its
/// file name: under the release's tag, so that a document's `$schema` keeps meaning the
/// format it was written for.
pub const BASE_URI: &str = concat!(
    "https://github.com/icsgov/icsgov/raw/v",
    env!("CARGO_PKG_VERSION"),
    "/schemas/"
);

/// One of the formats icsgov reads or writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A dataset: footprints, bodies and relationships.
    Model,
    /// A policy: rule levels, population ranges, coverage tolerance.
    Policy,
    /// The JSON report of `icsgov validate --format json`.
    Report,
    /// The JSON diff of `icsgov diff --format json`.
    Diff,
}

impl Kind {
    /// Every schema.
    pub const ALL: [Kind; 4] = [Kind::Model, Kind::Policy, Kind::Report, Kind::Diff];

    /// `model`, `policy` or `report`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Model => "model",
            Kind::Policy => "policy",
            Kind::Report => "report",
            Kind::Diff => "diff",
        }
    }

    /// The committed file name, such as `model.schema.json`.
    pub fn file_name(self) -> String {
        format!("{}.schema.json", self.as_str())
    }
}

fn generate<T: JsonSchema>(kind: Kind, title: &str, example: Value) -> Value {
    let generator = SchemaSettings::draft2020_12().into_generator();
    let schema: Schema = generator.into_root_schema_for::<T>();
    let mut v = schema.to_value();
    if let Some(obj) = v.as_object_mut() {
        // Keep `$schema` first and add `$id`, title and example next to it.
        let mut out = serde_json::Map::new();
        if let Some(s) = obj.remove("$schema") {
            out.insert("$schema".into(), s);
        }
        out.insert(
            "$id".into(),
            Value::String(format!("{BASE_URI}{}", kind.file_name())),
        );
        out.insert("title".into(), Value::String(title.to_owned()));
        obj.remove("title");
        out.extend(std::mem::take(obj));
        out.insert("examples".into(), Value::Array(vec![example]));
        *obj = out;
    }
    v
}

/// The schema as a JSON value.
pub fn schema(kind: Kind) -> Value {
    match kind {
        Kind::Model => generate::<Model>(
            kind,
            "icsgov dataset: the governance of NHS integrated care systems",
            json!({
                "name": "Lancashire and South Cumbria",
                "footprints": [
                    {"id": "lsc", "name": "Lancashire and South Cumbria", "tier": "system", "population": 1800000},
                    {"id": "morecambe-bay", "name": "Morecambe Bay", "tier": "place", "within": "lsc", "population": 360000}
                ],
                "bodies": [
                    {"id": "nhse", "name": "NHS England", "kind": "nhs_england"},
                    {"id": "QE1", "name": "NHS Lancashire and South Cumbria ICB", "kind": "integrated_care_board", "footprint": "lsc", "valid_from": "2022-07-01"}
                ],
                "relationships": [
                    {"kind": "approves_constitution", "from": "nhse", "to": "QE1"},
                    {"kind": "accountable_to", "from": "QE1", "to": "nhse"}
                ]
            }),
        ),
        Kind::Policy => {
            let mut v = generate::<Policy>(
                kind,
                "icsgov policy: rule levels, population ranges and coverage tolerance",
                json!({
                    "rules": {"population-range": "warn", "ICS205": "allow"},
                    "population": {"neighbourhood": {"min": 25000, "max": 60000}, "system": null},
                    "coverage_tolerance": 0.05
                }),
            );
            name_the_rules(&mut v);
            v
        }
        Kind::Report => generate::<Reports>(
            kind,
            "icsgov report: the diagnostics of a validation run",
            json!({
                "summary": {"errors": 1, "warnings": 0, "infos": 0},
                "files": [{
                    "file": "examples/lancashire-south-cumbria.json",
                    "report": {
                        "summary": {"errors": 1, "warnings": 0, "infos": 0},
                        "diagnostics": [{
                            "code": "ICS201",
                            "name": "icb-constitution-approver",
                            "severity": "error",
                            "message": "integrated care board QE1 (NHS Lancashire and South Cumbria ICB) has no constitution approver",
                            "path": "/bodies/3",
                            "related": ["QE1"],
                            "help": "add {\"kind\": \"approves_constitution\", \"from\": \"nhse\", \"to\": \"QE1\"}"
                        }]
                    }
                }]
            }),
        ),
        Kind::Diff => generate::<crate::diff::Diff>(
            kind,
            "icsgov diff: what changed between two datasets",
            json!({
                "added": [], "removed": [], "renamed": [],
                "moved": [{"id": "X00001", "by": "member_of", "before": ["U00001"], "after": ["U00002"]}],
                "population_changed": [], "relationships_added": [], "relationships_removed": [],
                "successions": [], "code_changes": [], "findings_appeared": [], "findings_resolved": []
            }),
        ),
    }
}

/// Lists every rule's code and name where a policy names a rule (the keys of `rules`, a
/// waiver's `rule`), so that an editor completes them; the policy types themselves know
/// nothing of the rule catalogue.
fn name_the_rules(policy: &mut Value) {
    let keys = Value::Array(crate::rules::rule_keys());
    // The descriptions come from the fields' doc comments.
    if let Some(rules) = policy.pointer_mut("/properties/rules") {
        let description = rules["description"].take();
        *rules = json!({
            "type": "object",
            "propertyNames": {"oneOf": keys.clone()},
            "additionalProperties": {"$ref": "#/$defs/Level"},
            "description": description,
            "default": {},
        });
    }
    if let Some(rule) = policy.pointer_mut("/$defs/Waiver/properties/rule") {
        let description = rule["description"].take();
        *rule = json!({
            "type": "string",
            "oneOf": keys,
            "description": description,
        });
    }
}

/// The schema as the committed file holds it: pretty-printed with a final newline.
pub fn schema_text(kind: Kind) -> String {
    let mut s = serde_json::to_string_pretty(&schema(kind)).unwrap_or_default();
    s.push('\n');
    s
}
