//! NHS England's successor: until a policy names one and its day, NHS England approves every
//! ICB's constitution (ICS201); from the day a policy names, the successor does.

use icsgov::{Check, Date, Model, Policy};

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

const HANDOVER: &str = r#"
[nhs_england_successor]
body = "dhsc"
from = "2027-04-01"
"#;

/// The ICB with the approvals given, NHS England until `nhse_to` and the department.
fn model(approvals: &str) -> Model {
    Model::from_json_str(&format!(
        r#"{{
        "bodies": [
            {{"id": "nhse", "name": "NHS England", "kind": "nhs_england", "valid_to": "2027-03-31"}},
            {{"id": "dhsc", "name": "Department of Health and Social Care", "kind": "department_of_health_and_social_care"}},
            {{"id": "QE1", "name": "NHS Lancashire and South Cumbria Integrated Care Board", "kind": "integrated_care_board", "valid_from": "2022-07-01"}}
        ],
        "relationships": [{approvals}]
    }}"#
    ))
    .unwrap()
}

/// ICS201's findings, each as its message.
fn ics201(model: &Model, policy: &Policy, as_of: Option<&str>) -> Vec<String> {
    let run = Check::new(policy, d("2026-11-26"))
        .as_of(as_of.map(d))
        .run([("lsc.json", model)], None);
    run.reports.files[0]
        .report
        .with_code("ICS201")
        .map(|x| x.message_with_period())
        .collect()
}

const BOTH: &str = r#"
    {"kind": "approves_constitution", "from": "nhse", "to": "QE1", "valid_from": "2022-07-01", "valid_to": "2027-03-31"},
    {"kind": "approves_constitution", "from": "dhsc", "to": "QE1", "valid_from": "2027-04-01"}"#;

#[test]
fn the_successor_approves_from_the_day_the_policy_names() {
    let policy = Policy::from_toml_str(HANDOVER).unwrap();
    assert_eq!(ics201(&model(BOTH), &policy, None), Vec::<String>::new());
    for day in ["2022-07-01", "2027-03-31", "2027-04-01", "2030-01-01"] {
        assert_eq!(
            ics201(&model(BOTH), &policy, Some(day)),
            Vec::<String>::new(),
            "{day}"
        );
    }
}

#[test]
fn without_a_named_successor_nhs_england_remains_the_approver() {
    // Today's law: the department approving is a finding from the day it starts.
    let found = ics201(&model(BOTH), &Policy::default(), None);
    assert_eq!(
        found,
        ["integrated care board QE1 (NHS Lancashire and South Cumbria Integrated Care Board) has its constitution approved by Department of Health and Social Care dhsc, not by NHS England, from 2027-04-01"]
    );
}

#[test]
fn after_the_day_nhs_england_no_longer_approves() {
    let policy = Policy::from_toml_str(HANDOVER).unwrap();
    // NHS England's approval runs on past the handover (and past NHS England itself, which
    // ICS301 reports); only the department's counts from the day.
    let late = r#"{"kind": "approves_constitution", "from": "nhse", "to": "QE1", "valid_from": "2022-07-01"}"#;
    let found = ics201(&model(late), &policy, None);
    assert_eq!(
        found,
        ["integrated care board QE1 (NHS Lancashire and South Cumbria Integrated Care Board) has no constitution approver, from 2027-04-01"]
    );
    let found = ics201(&model(late), &policy, Some("2028-01-01"));
    assert_eq!(found.len(), 1);
    assert!(found[0].contains("no constitution approver"), "{found:?}");
    // Before the day, NHS England's approval is the one that counts.
    assert!(ics201(&model(late), &policy, Some("2027-03-31")).is_empty());
}

#[test]
fn the_policy_setting_reads_back() {
    let policy = Policy::from_toml_str(HANDOVER).unwrap();
    let s = policy.nhs_england_successor.as_ref().unwrap();
    assert_eq!((s.body.as_str(), s.from), ("dhsc", d("2027-04-01")));
    let again = Policy::from_toml_str(&policy.to_toml_string().unwrap()).unwrap();
    assert_eq!(again, policy);
    let bad =
        Policy::from_toml_str("[nhs_england_successor]\nbody = \"dhsc\"\nfrom = \"April 2027\"\n")
            .unwrap_err();
    assert_eq!(bad.line(), Some(3), "{bad}");
}
