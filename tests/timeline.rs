//! Time-aware validation: the structure as of a date, and the whole timeline.

mod common;

use std::collections::BTreeSet;

use common::{model, model_with_boards};
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

/// Places that each begin on a different day change their system's total on every one of
/// those days: the shortfall is one finding over one period, not one per day.
#[test]
fn a_shortfall_whose_figures_change_daily_is_one_finding_with_its_period() {
    let n = 400;
    let mut footprints = vec![serde_json::json!(
        {"id": "sys", "name": "S", "tier": "system", "population": 1_000_000}
    )];
    for i in 0..n {
        let from = Date::from_unix_days(10_957 + i).unwrap();
        footprints.push(serde_json::json!({
            "id": format!("p{i}"), "name": format!("P{i}"), "tier": "place",
            "within": "sys", "population": 100, "valid_from": from.to_string()
        }));
    }
    let m: Model = serde_json::from_value(serde_json::json!({ "footprints": footprints })).unwrap();
    let policy = Policy::default();
    let report = Validator::new(&policy).validate(&m);
    let shortfalls: Vec<_> = report.with_code("ICS105").collect();
    assert_eq!(shortfalls.len(), 1, "{shortfalls:#?}");
    let d = shortfalls[0];
    assert_eq!(d.period().unwrap().to_string(), "from 2000-01-01");
    assert_eq!(d.related(), ["sys"]);
    assert!(
        d.message().starts_with("the 1 footprint within system footprint sys (S) adds up to 100 people")
            && d.message().ends_with(
                "; these are the figures on 2000-01-01, and they change on 399 later dates in the period"
            ),
        "{}",
        d.message()
    );
    // On the last day, all 400 are counted.
    let last = Validator::new(&policy)
        .as_of(Date::from_unix_days(10_957 + n - 1).unwrap())
        .validate(&m);
    assert!(last.with_code("ICS105").any(|d| d.message().starts_with(
        "the 400 footprints within system footprint sys (S) add up to 40,000 people"
    )));
}

#[test]
fn figures_checked_again_unchanged_are_not_a_change() {
    // Place A's neighbourhoods add up to 120 people, over its 100; a third begins in 2024 and
    // they add up to 130; in 2025 a fourth begins with no population, and place A is checked
    // again with the same 130. The figures changed on one later date, not two. Invented ids.
    let m = Model::from_json_str(
        &serde_json::json!({
            "footprints": [
                {"id": "sys", "name": "S", "tier": "system"},
                {"id": "place-a", "name": "Place A", "tier": "place", "within": "sys", "population": 100},
                {"id": "nbh-1", "name": "N1", "tier": "neighbourhood", "within": "place-a", "population": 60},
                {"id": "nbh-2", "name": "N2", "tier": "neighbourhood", "within": "place-a", "population": 60},
                {"id": "nbh-3", "name": "N3", "tier": "neighbourhood", "within": "place-a", "population": 10, "valid_from": "2024-01-01"},
                {"id": "nbh-4", "name": "N4", "tier": "neighbourhood", "within": "place-a", "valid_from": "2025-01-01"}
            ]
        })
        .to_string(),
    )
    .unwrap();
    let report = Validator::new(&Policy::default()).validate(&m);
    let over: Vec<_> = report.with_code("ICS104").collect();
    assert_eq!(over.len(), 1, "{over:#?}");
    assert!(
        over[0].message().starts_with(
            "the 2 footprints within place footprint place-a (Place A) add up to 120 people"
        ) && over[0].message().ends_with(
            "; these are the figures at the start of the period, and they change on 1 later date in the period"
        ),
        "{}",
        over[0].message()
    );
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
    for s in &m.memberships {
        add(s.valid_from, s.valid_to);
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

/// The rules whose findings carry figures that can change while the finding holds: over a
/// timeline, each is one finding with the figures of its first day.
const FIGURES_VARY: [&str; 2] = ["ICS104", "ICS105"];

/// What a timeline finding says, without the note on when its figures are from.
fn figures_of(d: &icsgov::Diagnostic) -> &str {
    d.message()
        .split_once("; these are the figures ")
        .map_or(d.message(), |(m, _)| m)
}

fn key(d: &icsgov::Diagnostic) -> Key {
    let message = if FIGURES_VARY.contains(&d.code()) {
        String::new()
    } else {
        d.message().to_owned()
    };
    (
        d.code().to_owned(),
        d.path().to_string(),
        message,
        d.related().to_vec(),
    )
}

/// The timeline's findings on each change point are the findings of checking that date alone;
/// a finding whose figures vary gives those of its first day; and each finding is reported
/// once, in periods that neither overlap nor touch.
fn the_timeline_agrees_with_each_date(m: &Model) -> Result<(), TestCaseError> {
    let policy = Policy::default();
    let timeline = Validator::new(&policy).validate(m);
    for on in candidate_dates(m) {
        let mut expected: Vec<Key> = Validator::new(&policy)
            .as_of(on)
            .validate(m)
            .diagnostics()
            .iter()
            .map(key)
            .collect();
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
    // A finding whose figures vary gives those of the first day of its period.
    for d in timeline
        .diagnostics()
        .iter()
        .filter(|d| FIGURES_VARY.contains(&d.code()))
    {
        let Some(from) = d.period().and_then(|p| p.from) else {
            continue;
        };
        let first = Validator::new(&policy).as_of(from).validate(m);
        prop_assert!(
            first
                .diagnostics()
                .iter()
                .any(|e| key(e) == key(d) && e.message() == figures_of(d)),
            "{} on {}: {}",
            d.code(),
            from,
            d.message()
        );
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
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// The running totals of the footprints within each footprint agree, on every date, with
    /// adding up the footprints in force one by one.
    #[test]
    fn the_totals_within_a_footprint_are_its_children_added_up(m in model()) {
        let policy = Policy::default();
        let ctx = icsgov::Context::new(&m, &policy);
        // Each day a footprint begins or ends, and the days either side.
        let mut days: BTreeSet<Date> = BTreeSet::new();
        for f in &m.footprints {
            for d in [f.valid_from, f.valid_to].into_iter().flatten() {
                days.extend([d.pred(), Some(d), d.succ()].into_iter().flatten());
            }
        }
        let dates = days.into_iter().map(Some).chain([None]);
        for on in dates {
            ctx.set_date(on);
            for i in 0..m.footprints.len() as u32 {
                let mut naive = icsgov::WithinTotals::default();
                for c in ctx.children(i) {
                    let pop = m.footprints[c as usize].population;
                    naive.count += 1;
                    naive.missing += u32::from(pop.is_none());
                    naive.sum += u128::from(pop.unwrap_or(0));
                }
                prop_assert_eq!(ctx.child_totals(i), naive, "footprint {} on {:?}", i, on);
            }
        }
    }

    #[test]
    fn the_timeline_equals_the_as_of_checks_at_every_change_point(m in model()) {
        the_timeline_agrees_with_each_date(&m)?;
    }

    /// The same with boards: seats whose dates are change points of their own, and the rules
    /// about boards, committees and delegated functions.
    #[test]
    fn the_timeline_equals_the_as_of_checks_with_boards(m in model_with_boards()) {
        the_timeline_agrees_with_each_date(&m)?;
    }
}

/// The models with boards are not idle: across a sample of them, the rules about boards,
/// committees and delegated functions find something, so the property above compares them.
#[test]
fn models_with_boards_give_the_board_rules_something_to_find() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let policy = Policy::default();
    let mut codes: BTreeSet<String> = BTreeSet::new();
    for _ in 0..300 {
        let m = model_with_boards().new_tree(&mut runner).unwrap().current();
        for d in Validator::new(&policy).validate(&m).diagnostics() {
            codes.insert(d.code().to_owned());
        }
    }
    let boards: Vec<&String> = codes
        .iter()
        .filter(|c| ("ICS213".."ICS223").contains(&c.as_str()))
        .collect();
    assert!(boards.len() >= 5, "{boards:?}");
}

/// The model with its `i`th relationship starting on `day`, or ending the day before.
fn relationship_dated(m: &Model, i: usize, starts: bool, day: Date) -> Model {
    let mut m = m.clone();
    if starts {
        m.relationships[i].valid_from = Some(day);
    } else {
        m.relationships[i].valid_to = day.pred();
    }
    m
}

#[test]
fn each_relationship_starting_late_is_seen_on_the_day() {
    // Some rules read only some kinds of relationship at their subject, and are not checked
    // again when others change (an ICB commissions every practice in its area; a practice
    // that opens marks its commissioner). Each relationship of the worked example in turn
    // starts on 1 January 2024, or ends the day before: the timeline must still equal a check
    // of each date, so no rule may leave out a kind it reads.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/lancashire-south-cumbria.json"
    );
    // The worked example, with its board taken as recorded whole, an invented audit
    // committee, and an invented second ICB that its chair also chairs, clustered with it:
    // so that the board rules have findings that these relationships change.
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    for b in v["bodies"].as_array_mut().unwrap() {
        if b["id"] == "QE1" {
            b.as_object_mut().unwrap().remove("board_record");
        }
    }
    v["bodies"].as_array_mut().unwrap().extend([
        serde_json::json!({"id": "QE1-audit-invented", "name": "An invented audit committee", "kind": "committee", "remit": "audit"}),
        serde_json::json!({"id": "icb-invented", "name": "An invented ICB", "kind": "integrated_care_board", "footprint": "system-invented"}),
        serde_json::json!({"id": "icb-invented-2", "name": "A second invented ICB", "kind": "integrated_care_board", "footprint": "system-invented"}),
        serde_json::json!({"id": "trust-invented", "name": "An invented trust", "kind": "nhs_trust", "footprint": "system-invented"}),
        // A practice in two PCNs and a sub-ICB location in two ICBs at once (ICS303); and a
        // practice in one PCN and a sub-ICB location in one ICB, which ending that
        // relationship leaves in none (ICS108, ICS112).
        serde_json::json!({"id": "practice-invented", "name": "An invented practice", "kind": "gp_practice", "footprint": "nbh-U48502"}),
        serde_json::json!({"id": "sub-icb-invented", "name": "An invented sub-ICB location", "kind": "sub_icb_location", "footprint": "system-invented"}),
        serde_json::json!({"id": "practice-invented-2", "name": "A second invented practice", "kind": "gp_practice", "footprint": "nbh-U69841"}),
        serde_json::json!({"id": "sub-icb-invented-2", "name": "A second invented sub-ICB location", "kind": "sub_icb_location", "footprint": "system-invented"}),
    ]);
    v["footprints"].as_array_mut().unwrap().push(
        serde_json::json!({"id": "system-invented", "name": "An invented system", "tier": "system"}),
    );
    v["relationships"].as_array_mut().unwrap().extend([
        serde_json::json!({"kind": "committee_of", "from": "QE1-audit-invented", "to": "QE1"}),
        serde_json::json!({"kind": "clustered_with", "from": "QE1", "to": "icb-invented"}),
        serde_json::json!({"kind": "commissions", "from": "QE1", "to": "trust-invented"}),
        serde_json::json!({"kind": "member_of", "from": "practice-invented", "to": "U48502"}),
        serde_json::json!({"kind": "member_of", "from": "practice-invented", "to": "U69841"}),
        serde_json::json!({"kind": "part_of", "from": "sub-icb-invented", "to": "QE1"}),
        serde_json::json!({"kind": "part_of", "from": "sub-icb-invented", "to": "icb-invented"}),
        serde_json::json!({"kind": "member_of", "from": "practice-invented-2", "to": "U69841"}),
        serde_json::json!({"kind": "part_of", "from": "sub-icb-invented-2", "to": "QE1"}),
    ]);
    v["people"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"id": "person-invented", "name": "An invented partner member"}));
    v["memberships"].as_array_mut().unwrap().push(
        serde_json::json!({"person": "person-invented", "role": "partner_member_trusts", "body": "QE1", "nominated_by": ["trust-invented"], "valid_from": "2022-07-01"}),
    );
    v["memberships"].as_array_mut().unwrap().push(
        serde_json::json!({"person": "lsc-david-flory", "role": "chair", "body": "icb-invented", "appointed_by": "nhse", "valid_from": "2022-07-01"}),
    );
    let example = Model::from_json_str(&v.to_string()).unwrap();
    let whole = Validator::new(&Policy::default()).validate(&example);
    for code in ["ICS110", "ICS213", "ICS217", "ICS303"] {
        assert!(whole.with_code(code).count() > 0, "{code}");
    }
    assert_eq!(whole.with_code("ICS303").count(), 2);
    let day: Date = "2024-01-01".parse().unwrap();
    let mut tried = 0;
    for i in 0..example.relationships.len() {
        for starts in [true, false] {
            the_timeline_agrees_with_each_date(&relationship_dated(&example, i, starts, day))
                .unwrap();
            tried += 1;
        }
    }
    // Each invented body in turn starts on that day, or ends the day before, with the two
    // ICBs clustered or not: the chair's seat on the other ICB begins and ends with it, and
    // the chair's own ICB must be checked again then, with no relationship between them.
    let unclustered = Model {
        relationships: example
            .relationships
            .iter()
            .filter(|r| r.kind != RelationshipKind::ClusteredWith)
            .cloned()
            .collect(),
        ..example.clone()
    };
    assert!(
        Validator::new(&Policy::default())
            .validate(&unclustered)
            .with_code("ICS216")
            .count()
            > 0
    );
    // Every body in turn, too: a rule about footprints that reads none of the bodies on its
    // footprint is not checked again when one of them begins or ends, so the two ICBs on the
    // invented system (ICS110, and ICS111 while neither is in force) catch a rule about
    // systems that leaves its bodies out.
    let mut dated = |base: &Model, id: &str| {
        for starts in [true, false] {
            let mut m = base.clone();
            let b = m.bodies.iter_mut().find(|b| b.id.as_str() == id).unwrap();
            if starts {
                b.valid_from = Some(day);
            } else {
                b.valid_to = day.pred();
            }
            the_timeline_agrees_with_each_date(&m).unwrap();
            tried += 1;
        }
    };
    for b in &example.bodies {
        dated(&example, b.id.as_str());
    }
    for id in ["icb-invented", "QE1-audit-invented", "trust-invented"] {
        dated(&unclustered, id);
    }
    assert!(tried > 300, "{tried}");
}

#[test]
fn an_icbs_missing_approver_names_the_nhs_england_in_force_when_it_ends() {
    // ICS201 reads only its ICB's approvals, but its help names the NHS England body to add:
    // when that body ends, the help of an ICB it does not approve (here, one accountable to
    // it) must say so too, as a check of a later date does. Invented ids.
    let m = Model::from_json_str(
        r#"{"bodies": [
            {"id": "nhse-invented", "name": "An invented NHS England", "kind": "nhs_england", "valid_to": "2026-03-31"},
            {"id": "icb-invented", "name": "An invented ICB", "kind": "integrated_care_board", "valid_from": "2022-07-01"}
        ], "relationships": [
            {"kind": "accountable_to", "from": "icb-invented", "to": "nhse-invented"}
        ]}"#,
    )
    .unwrap();
    let policy = Policy::default();
    let later = Validator::new(&policy)
        .as_of(date("2026-06-01"))
        .validate(&m);
    let expected = later.with_code("ICS201").next().unwrap().help();
    assert!(
        expected.is_some_and(|h| h.starts_with("add NHS England as a body")),
        "{expected:?}"
    );
    let timeline = Validator::new(&policy).validate(&m);
    let found: Vec<_> = timeline.with_code("ICS201").collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].help(), expected);
}

#[test]
fn a_pcns_practice_from_elsewhere_is_seen_from_the_day_it_begins() {
    // ICS104, ICS106 and ICS107 pass over a PCN whose practices, whatever the date, are never
    // commissioned from another place or in two systems. That bound must take in the
    // memberships, commissionings and practices that begin or end after the first date
    // checked: each of them in turn starts on 1 January 2024, or ends the day before, and
    // the timeline must equal a check of each date. The datasets are the failing examples of
    // ICS106 and ICS107, and for ICS104 an invented place whose neighbourhoods add up to more
    // than it, one of them left out of the sum while its PCN takes a practice from another
    // place.
    let day: Date = "2024-01-01".parse().unwrap();
    let fixture = |dir: &str| {
        let path = format!(
            "{}/tests/fixtures/rules/{dir}/fail.json",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read_to_string(path).unwrap()
    };
    let straddling = serde_json::json!({
        "footprints": [
            {"id": "system-invented", "name": "An invented system", "tier": "system"},
            {"id": "place-a", "name": "Place A", "tier": "place", "within": "system-invented", "population": 100},
            {"id": "place-b", "name": "Place B", "tier": "place", "within": "system-invented", "population": 100},
            {"id": "nbh-1", "name": "Neighbourhood 1", "tier": "neighbourhood", "within": "place-a", "population": 60},
            {"id": "nbh-2", "name": "Neighbourhood 2", "tier": "neighbourhood", "within": "place-a", "population": 60}
        ],
        "bodies": [
            {"id": "sub-icb-a", "name": "Sub-ICB location A", "kind": "sub_icb_location", "footprint": "place-a"},
            {"id": "sub-icb-b", "name": "Sub-ICB location B", "kind": "sub_icb_location", "footprint": "place-b"},
            {"id": "pcn-2", "name": "PCN 2", "kind": "primary_care_network", "footprint": "nbh-2"},
            {"id": "practice-2", "name": "Practice 2", "kind": "gp_practice", "footprint": "nbh-2"}
        ],
        "relationships": [
            {"kind": "member_of", "from": "practice-2", "to": "pcn-2"},
            {"kind": "commissions", "from": "sub-icb-b", "to": "practice-2"}
        ]
    });
    for (code, text) in [
        ("ICS104", straddling.to_string()),
        ("ICS106", fixture("ICS106-pcn-practices-outside-place")),
        ("ICS107", fixture("ICS107-pcn-spans-systems")),
    ] {
        let base = Model::from_json_str(&text).unwrap();
        let mut variants = Vec::new();
        for i in 0..base.relationships.len() {
            for starts in [true, false] {
                variants.push(relationship_dated(&base, i, starts, day));
            }
        }
        for i in 0..base.bodies.len() {
            let mut m = base.clone();
            m.bodies[i].valid_from = Some(day);
            variants.push(m);
        }
        // Some variants have the finding begin or end on that day: the case the bound must
        // see.
        let mut on_the_day = 0;
        for m in &variants {
            the_timeline_agrees_with_each_date(m).unwrap();
            on_the_day += Validator::new(&Policy::default())
                .validate(m)
                .with_code(code)
                .filter(|d| {
                    d.period()
                        .is_some_and(|p| p.from == Some(day) || p.to == day.pred())
                })
                .count();
        }
        assert!(on_the_day >= 2, "{code}: {on_the_day}");
    }
}
