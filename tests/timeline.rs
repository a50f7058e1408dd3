//! Time-aware validation: the structure as of a date, and the whole timeline.

mod common;

use std::collections::BTreeSet;

use common::model;
use icsgov::{BodyId, Date, Model, Policy, Relationship, RelationshipKind, Validator};
use proptest::prelude::*;

const HISTORY: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/lancashire-south-cumbria-history.json"
);

fn date(s: &str) -> Date {
    s.parse().unwrap()
}

fn bodies_in_force(m: &Model, on: &str) -> BTreeSet<String> {
    m.snapshot(date(on))
        .bodies
        .iter()
        .map(|b| b.id.to_string())
        .collect()
}

/// Each finding as `code id…`, for comparing the timeline with as-of checks.
fn keys(report: &icsgov::Report) -> BTreeSet<String> {
    report
        .diagnostics()
        .iter()
        .map(|d| format!("{} {}", d.code(), d.related().join(" ")))
        .collect()
}

#[test]
fn the_history_is_clean_before_the_icb_and_reports_only_what_the_data_supports_after() {
    let m = Model::from_path(HISTORY).unwrap();
    let policy = Policy::default();
    let report = Validator::new(&policy).validate(&m);
    // The only errors: councils whose areas lie partly in the ICB's area (ONS) but are not
    // recorded as convening its partnership; the only warnings: PCNs below 30,000.
    assert!(report
        .diagnostics()
        .iter()
        .all(|d| d.code() == "ICS204" || d.code() == "ICS103"));
    let conveners: BTreeSet<(String, String)> = report
        .with_code("ICS204")
        .map(|d| (d.related()[1].clone(), d.period().unwrap().to_string()))
        .collect();
    let expected: BTreeSet<(String, String)> = [
        ("E10000023", "from 2022-07-01 until 2023-03-31"),
        ("E06000063", "from 2023-04-01"),
        ("E06000064", "from 2023-04-01"),
        ("E06000065", "from 2023-04-01"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(conveners, expected);
    for on in ["2015-01-01", "2018-06-01", "2021-06-01", "2022-06-30"] {
        let r = Validator::new(&policy).as_of(date(on)).validate(&m);
        assert!(r.is_clean(), "{on}: {:#?}", r.diagnostics());
    }
    // The timeline's findings at each date are the as-of findings of that date.
    for on in ["2022-07-01", "2023-03-31", "2023-04-01", "2024-01-01"] {
        let r = Validator::new(&policy).as_of(date(on)).validate(&m);
        let d = date(on);
        let in_period: BTreeSet<String> = report
            .diagnostics()
            .iter()
            .filter(|x| x.period().is_none_or(|p| p.includes(d)))
            .map(|x| format!("{} {}", x.code(), x.related().join(" ")))
            .collect();
        assert_eq!(keys(&r), in_period, "{on}");
    }
}

#[test]
fn in_2021_the_ccgs_and_their_joint_committee_govern() {
    let m = Model::from_path(HISTORY).unwrap();
    let ids = bodies_in_force(&m, "2021-06-01");
    for id in [
        "00Q",
        "00R",
        "00X",
        "01A",
        "01E",
        "01K",
        "02G",
        "02M",
        "lsc-jcccg",
        "healthier-lsc",
        "E10000006",
        "morecambe-bay-pbp",
        "nhse",
        "cqc",
        "RTX",
    ] {
        assert!(ids.contains(id), "{id} should be in force on 2021-06-01");
    }
    for id in [
        "QE1",
        "lsc-hcp",
        "E06000064",
        "lancashire-pbp",
        "south-cumbria-pbp",
    ] {
        assert!(
            !ids.contains(id),
            "{id} should not be in force on 2021-06-01"
        );
    }
    let places: Vec<String> = m
        .snapshot(date("2021-06-01"))
        .footprints
        .iter()
        .filter(|f| f.tier == icsgov::Tier::Place)
        .map(|f| f.id.to_string())
        .collect();
    assert_eq!(places.len(), 5, "{places:?}");
}

#[test]
fn in_2024_the_icb_four_places_and_westmorland_and_furness() {
    let m = Model::from_path(HISTORY).unwrap();
    let ids = bodies_in_force(&m, "2024-01-01");
    for id in [
        "QE1",
        "lsc-hcp",
        "E06000064",
        "lancashire-pbp",
        "blackpool-pbp",
        "blackburn-with-darwen-pbp",
        "south-cumbria-pbp",
        "nhse",
        "Y62",
    ] {
        assert!(ids.contains(id), "{id} should be in force on 2024-01-01");
    }
    for id in [
        "00Q",
        "01K",
        "lsc-jcccg",
        "healthier-lsc",
        "E10000006",
        "morecambe-bay-pbp",
        "pennine-lancashire-pbp",
    ] {
        assert!(
            !ids.contains(id),
            "{id} should not be in force on 2024-01-01"
        );
    }
    let snap = m.snapshot(date("2024-01-01"));
    let places = snap
        .footprints
        .iter()
        .filter(|f| f.tier == icsgov::Tier::Place)
        .count();
    assert_eq!(places, 4);
    // Relationships last only while both ends exist: the CCGs' succession and referrals are gone.
    assert!(snap
        .relationships
        .iter()
        .all(|r| ids.contains(r.from.as_str()) && ids.contains(r.to.as_str())));
}

#[test]
fn breaking_the_history_reports_each_finding_once_with_its_period() {
    let mut m = Model::from_path(HISTORY).unwrap();
    // Morecambe Bay CCG lingers three months past abolition.
    let ccg = m
        .bodies
        .iter_mut()
        .find(|b| b.id.as_str() == "01K")
        .unwrap();
    ccg.valid_to = Some(date("2022-09-30"));
    let report = Validator::new(&Policy::default()).validate(&m);
    let era: Vec<_> = report.with_code("ICS302").collect();
    assert_eq!(era.len(), 1, "{:#?}", report.diagnostics());
    assert_eq!(
        era[0].period().unwrap().to_string(),
        "from 2022-07-01 until 2022-09-30"
    );
    assert!(era[0]
        .message_with_period()
        .ends_with("from 2022-07-01 until 2022-09-30"));
    let gap: Vec<_> = report.with_code("ICS304").collect();
    assert_eq!(gap.len(), 1);
    assert!(
        gap[0]
            .message()
            .contains("both bodies hold the functions from 2022-07-01 until 2022-09-30"),
        "{}",
        gap[0].message()
    );
}

#[test]
fn in_2018_the_stp_became_a_shadow_integrated_care_system() {
    let m = Model::from_path(HISTORY).unwrap();
    let before = bodies_in_force(&m, "2017-06-01");
    assert!(before.contains("lsc-stp") && !before.contains("healthier-lsc"));
    let after = bodies_in_force(&m, "2018-06-01");
    assert!(after.contains("healthier-lsc") && !after.contains("lsc-stp"));
    assert!(!after.contains("QE1") && after.contains("01K") && after.contains("lsc-jcccg"));
}

#[test]
fn two_findings_on_one_subject_keep_their_own_periods() {
    // The ICB stops convening its partnership; Blackpool Council convenes it only from
    // 2023-06-01.
    let mut m = Model::from_path(HISTORY).unwrap();
    m.relationships.retain(|r| {
        !(r.kind == RelationshipKind::Convenes
            && r.to.as_str() == "lsc-hcp"
            && ["QE1", "E06000009"].contains(&r.from.as_str()))
    });
    let mut again = Relationship::new(
        RelationshipKind::Convenes,
        BodyId::new("E06000009").unwrap(),
        BodyId::new("lsc-hcp").unwrap(),
    );
    again.valid_from = Some(date("2023-06-01"));
    m.relationships.push(again);
    let report = Validator::new(&Policy::default()).validate(&m);
    let mut periods: Vec<(String, String)> = report
        .with_code("ICS204")
        .filter(|d| {
            d.message().contains("Blackpool Council")
                || d.message().contains("its integrated care board")
        })
        .map(|d| (d.message().to_owned(), d.period().unwrap().to_string()))
        .collect();
    periods.sort();
    assert_eq!(periods.len(), 2, "{periods:#?}");
    assert!(
        periods[0]
            .0
            .contains("is not convened by its integrated care board"),
        "{periods:#?}"
    );
    assert_eq!(periods[0].1, "from 2022-07-01");
    assert!(
        periods[1]
            .0
            .contains("not convened by unitary authority E06000009 (Blackpool Council)"),
        "{periods:#?}"
    );
    assert_eq!(periods[1].1, "from 2022-07-01 until 2023-05-31");
}

/// Every date where the model could change: starts, days after ends, and the rules' dates.
fn candidate_dates(m: &Model) -> Vec<Date> {
    let mut v: BTreeSet<Date> = BTreeSet::new();
    let mut add = |from: Option<Date>, to: Option<Date>| {
        v.extend(from);
        v.extend(to.and_then(Date::succ));
    };
    for f in &m.footprints {
        add(f.valid_from, f.valid_to);
    }
    for b in &m.bodies {
        add(b.valid_from, b.valid_to);
    }
    for r in &m.relationships {
        add(r.valid_from, r.valid_to);
    }
    if v.is_empty() {
        return Vec::new();
    }
    v.insert(date("2019-07-01"));
    v.insert(date("2022-07-01"));
    v.insert(date("2023-04-01"));
    let first = *v.iter().next().unwrap();
    v.extend(first.pred());
    v.into_iter().collect()
}

type Key = (String, String, String, Vec<String>);

fn key(d: &icsgov::Diagnostic) -> Key {
    (
        d.code().to_owned(),
        d.path().to_string(),
        d.message().to_owned(),
        d.related().to_vec(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn the_timeline_equals_the_as_of_checks_at_every_change_point(m in model()) {
        let policy = Policy::default();
        let timeline = Validator::new(&policy).validate(&m);
        for on in candidate_dates(&m) {
            let mut expected: Vec<Key> = Validator::new(&policy).as_of(on).validate(&m).diagnostics().iter().map(key).collect();
            let mut got: Vec<Key> = timeline
                .diagnostics()
                .iter()
                .filter(|d| d.period().is_none_or(|p| p.includes(on)))
                .map(key)
                .collect();
            expected.sort();
            got.sort();
            prop_assert_eq!(got, expected, "on {}", on);
        }
        // Each finding once: the periods of one finding neither overlap nor touch.
        let mut spans: Vec<(Key, Option<Date>, Option<Date>)> = timeline
            .diagnostics()
            .iter()
            .map(|d| {
                let p = d.period().unwrap_or_default();
                (key(d), p.from, p.to)
            })
            .collect();
        spans.sort();
        for w in spans.windows(2) {
            if w[0].0 == w[1].0 {
                let touches = match (w[0].2, w[1].1) {
                    (Some(end), Some(start)) => end.succ().is_none_or(|next| next >= start),
                    _ => true,
                };
                prop_assert!(!touches, "{:?} reported in touching periods", w[0].0);
            }
        }
    }
}
