//! `icsgov::diff` on the vendored publications: the practices that changed PCN between
//! ODS's ePCN (January 2023) and NHS England's mapping (October 2025), counted here from the
//! CSV files, not by the importer or the diff.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use icsgov::diff::{diff, Change, DiffOptions};
use icsgov::import::{import_paths, ImportOptions};
use icsgov::{Date, Policy};

fn data(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/nhs-england")
        .join(file)
}

fn records(file: &str) -> (Vec<String>, Vec<csv::StringRecord>) {
    let text = std::fs::read_to_string(data(file)).unwrap();
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = r.headers().unwrap().iter().map(str::to_owned).collect();
    (headers, r.records().map(|x| x.unwrap()).collect())
}

fn col(headers: &[String], name: &str) -> usize {
    headers.iter().position(|h| h == name).unwrap()
}

#[test]
fn practices_that_changed_pcn_between_two_publications() {
    let day = "20230101";
    // The earlier picture: each practice's PCNs in force on 1 January 2023 in ePCN, and
    // whether the practice itself is (its first membership started by then, and one is
    // open or ends on or after that day).
    let (h, rows) = records("epcn_core_partner_details_2023-01.csv");
    let (p, n, s, e) = (
        col(&h, "Partner Organisation Code"),
        col(&h, "PCN Code"),
        col(&h, "Practice to PCN Relationship Start Date"),
        col(&h, "Practice to PCN Relationship End Date"),
    );
    let mut before: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut first: BTreeMap<String, String> = BTreeMap::new();
    let mut live: BTreeSet<String> = BTreeSet::new();
    for r in &rows {
        let (practice, start, end) = (r[p].to_owned(), &r[s], &r[e]);
        let f = first
            .entry(practice.clone())
            .or_insert_with(|| start.to_owned());
        if start < f.as_str() {
            *f = start.to_owned();
        }
        if end.is_empty() || end >= day {
            live.insert(practice.clone());
        }
        if start <= day && (end.is_empty() || end >= day) {
            before.entry(practice).or_default().insert(r[n].to_owned());
        }
    }
    let in_force_then: BTreeSet<&String> = first
        .iter()
        .filter(|(pr, f)| f.as_str() <= day && live.contains(*pr))
        .map(|(pr, _)| pr)
        .collect();
    // The later picture: the mapping's PCN per practice (`U`: none).
    let (h, rows) = records("gp-reg-pat-prac-map_2025-10.csv");
    let (p, n) = (col(&h, "PRACTICE_CODE"), col(&h, "PCN_CODE"));
    let after: BTreeMap<String, BTreeSet<String>> = rows
        .iter()
        .map(|r| {
            let pcns = if &r[n] == "U" {
                BTreeSet::new()
            } else {
                BTreeSet::from([r[n].to_owned()])
            };
            (r[p].to_owned(), pcns)
        })
        .collect();
    let empty = BTreeSet::new();
    let expected: BTreeSet<&str> = after
        .iter()
        .filter(|(pr, now)| in_force_then.contains(pr) && before.get(*pr).unwrap_or(&empty) != *now)
        .map(|(pr, _)| pr.as_str())
        .collect();
    assert!(expected.len() > 100, "{}", expected.len());

    let options = ImportOptions::default();
    let old = import_paths(
        &[
            data("epcn_pcn_details_2023-01.csv"),
            data("epcn_core_partner_details_2023-01.csv"),
        ],
        &options,
    )
    .unwrap()
    .model
    .snapshot(Date::new(2023, 1, 1).unwrap());
    let new = import_paths(&[data("gp-reg-pat-prac-map_2025-10.csv")], &options)
        .unwrap()
        .model;
    let d = diff(&old, &new, &Policy::default(), &DiffOptions::default());
    let practices: BTreeSet<&str> = new
        .bodies
        .iter()
        .filter(|b| b.kind == icsgov::BodyKind::GpPractice)
        .map(|b| b.id.as_str())
        .collect();
    let moved: BTreeSet<&str> = d
        .moved
        .iter()
        .filter(|m| m.by == "member_of" && practices.contains(m.id.as_str()))
        .map(|m| m.id.as_str())
        .collect();
    assert_eq!(moved.len(), expected.len());
    assert_eq!(moved, expected);
    assert!(d.has(Change::Moved));
    // The same two datasets give the same diff, and JSON that reads back.
    let again = diff(&old, &new, &Policy::default(), &DiffOptions::default());
    assert_eq!(again.to_json_string(), d.to_json_string());
    let back: icsgov::diff::Diff = serde_json::from_str(&d.to_json_string()).unwrap();
    assert_eq!(back, d);
}

/// A PCN recoded with all its practices carried over is a code change; one that loses a
/// practice on the way is not.
#[test]
fn a_recoded_pcn_is_a_code_change() {
    let model = |pcn: &str, members: &[&str]| {
        let bodies: Vec<String> = members
            .iter()
            .map(|p| format!(r#"{{"id": "{p}", "name": "A practice", "kind": "gp_practice"}}"#))
            .collect();
        let rels: Vec<String> = members
            .iter()
            .map(|p| format!(r#"{{"kind": "member_of", "from": "{p}", "to": "{pcn}"}}"#))
            .collect();
        icsgov::Model::from_json_str(&format!(
            r#"{{"bodies": [{{"id": "{pcn}", "name": "A PCN", "kind": "primary_care_network"}}, {}], "relationships": [{}]}}"#,
            bodies.join(","),
            rels.join(",")
        ))
        .unwrap()
    };
    let old = model("U00001", &["X00001", "X00002"]);
    let d = diff(
        &old,
        &model("U00009", &["X00001", "X00002"]),
        &Policy::default(),
        &DiffOptions::default(),
    );
    assert_eq!(d.code_changes.len(), 1);
    assert_eq!(
        (
            d.code_changes[0].before.as_str(),
            d.code_changes[0].after.as_str()
        ),
        ("U00001", "U00009")
    );
    assert!(d.has(Change::Successions));
    let d = diff(
        &old,
        &model("U00009", &["X00001"]),
        &Policy::default(),
        &DiffOptions::default(),
    );
    assert!(d.code_changes.is_empty());
}

#[test]
fn a_change_of_chair_is_a_seat_removed_and_a_seat_added() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/lancashire-south-cumbria.json");
    let old = icsgov::Model::from_path(&path).unwrap();
    let mut new = old.clone();
    // An invented successor in the chair's seat.
    let chair = new
        .memberships
        .iter_mut()
        .find(|m| m.role == icsgov::Role::Chair)
        .unwrap();
    let before = chair.person.to_string();
    chair.person = icsgov::PersonId::new("invented-chair").unwrap();
    new.people.push(icsgov::Person {
        id: icsgov::PersonId::new("invented-chair").unwrap(),
        name: "An invented chair".into(),
        extensions: None,
    });
    let d = diff(&old, &new, &Policy::default(), &DiffOptions::default());
    assert!(d.has(Change::Seats));
    assert_eq!(d.seats_added.len(), 1);
    assert_eq!(d.seats_added[0].person, "invented-chair");
    assert_eq!(d.seats_added[0].role, "chair");
    assert_eq!(d.seats_added[0].body, "QE1");
    assert_eq!(d.seats_removed.len(), 1);
    assert_eq!(d.seats_removed[0].person, before);
    assert!(!d.has(Change::Relationships));
    let md = d.to_markdown("LSC", 10);
    assert!(md.contains("| seats added | 1 |"), "{md}");
    assert!(md.contains("| QE1 | chair | invented-chair |"), "{md}");
}
