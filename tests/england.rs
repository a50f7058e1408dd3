//! The real test: NHS England's, ODS's and ONS's publications vendored in `data/nhs-england` (see its PROVENANCE.md).
//!
//! Every expected figure here is computed from the CSV files by this test, independently of
//! the importer, never pasted from the tool's output.
#![cfg(feature = "import")]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use icsgov::import::{import_paths, FileKind, ImportOptions};
use icsgov::{BodyKind, Date, Model, Policy, Report, Validator};

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/nhs-england")
}

fn all_files() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(data())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    v.sort();
    v
}

fn rows(file: &str, header: bool) -> Vec<csv::StringRecord> {
    let text = std::fs::read_to_string(data().join(file)).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let mut r = csv::ReaderBuilder::new()
        .has_headers(header)
        .from_reader(text.as_bytes());
    r.records().map(|x| x.unwrap()).collect()
}

fn headers(file: &str) -> Vec<String> {
    let text = std::fs::read_to_string(data().join(file)).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let mut r = csv::Reader::from_reader(text.as_bytes());
    r.headers().unwrap().iter().map(str::to_owned).collect()
}

fn col(file: &str, name: &str) -> usize {
    headers(file)
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("{file} has no {name}"))
}

/// The facts the validator should report, computed straight from the CSV files.
struct Expected {
    pcns_spanning_places: BTreeSet<String>,
    pcns_spanning_icbs: BTreeSet<String>,
    practices_without_pcn: usize,
    pcns_out_of_range: usize,
    places_exceeded: usize,
    places_short: usize,
    las_in_two_icbs: usize,
    icbs: usize,
    regions: usize,
}

const MAP: &str = "gp-reg-pat-prac-map_2025-10.csv";
const PATIENTS: &str = "gp-reg-pat-prac-all_2025-04.csv";

fn compute_expected() -> Expected {
    let m = |n: &str| col(MAP, n);
    let (prac, pcn, sub, icb, region) = (
        m("PRACTICE_CODE"),
        m("PCN_CODE"),
        m("SUB_ICB_LOCATION_CODE"),
        m("ICB_CODE"),
        m("COMM_REGION_CODE"),
    );
    let map = rows(MAP, true);
    let p = |n: &str| col(PATIENTS, n);
    let mut patients: BTreeMap<String, u64> = BTreeMap::new();
    for r in rows(PATIENTS, true) {
        if &r[p("SEX")] == "ALL" && &r[p("AGE")] == "ALL" {
            patients.insert(
                r[p("CODE")].to_owned(),
                r[p("NUMBER_OF_PATIENTS")].parse().unwrap(),
            );
        }
    }
    // Active GP practices in epraccur (prescribing setting 4, not closed or dormant), in
    // England (national grouping W00 is Wales).
    let mut active: BTreeMap<String, String> = BTreeMap::new();
    for r in rows("epraccur_2025-09.csv", false) {
        if &r[25] == "4" && &r[12] != "C" && &r[12] != "D" && r[11].is_empty() && &r[2] != "W00" {
            active.insert(r[0].to_owned(), r[14].to_owned());
        }
    }
    let mapped: BTreeSet<&str> = map.iter().map(|r| &r[prac]).collect();

    let mut pcn_subs: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    let mut pcn_icbs: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut pcn_pop: BTreeMap<&str, u64> = BTreeMap::new();
    let mut unallocated = 0;
    for r in &map {
        if &r[pcn] == "U" {
            unallocated += 1;
            continue;
        }
        *pcn_subs
            .entry(&r[pcn])
            .or_default()
            .entry(&r[sub])
            .or_default() += 1;
        pcn_icbs.entry(&r[pcn]).or_default().insert(&r[icb]);
        *pcn_pop.entry(&r[pcn]).or_default() += patients.get(&r[prac]).copied().unwrap_or(0);
    }
    // A place's population: every practice it commissions (mapping, else epraccur).
    let mut place_pop: BTreeMap<String, u64> = BTreeMap::new();
    for r in &map {
        *place_pop.entry(r[sub].to_owned()).or_default() +=
            patients.get(&r[prac]).copied().unwrap_or(0);
    }
    for (code, s) in &active {
        if !mapped.contains(code.as_str()) {
            *place_pop.entry(s.clone()).or_default() += patients.get(code).copied().unwrap_or(0);
        }
    }
    // A PCN's place is the sub-ICB location most of its practices are in (ties: lower code).
    let mut children: BTreeMap<&str, u64> = BTreeMap::new();
    let mut child_count: BTreeMap<&str, usize> = BTreeMap::new();
    for (p, subs) in &pcn_subs {
        let place = subs
            .iter()
            .max_by_key(|(s, n)| (**n, std::cmp::Reverse(**s)))
            .unwrap()
            .0;
        *children.entry(place).or_default() += pcn_pop[p];
        *child_count.entry(place).or_default() += 1;
    }
    // Children against parents: a PCN with practices in more than one place is left out of
    // the sum against its parent (part of its population lies elsewhere; ICS106 reports it).
    let mut wholly_inside: BTreeMap<&str, u64> = BTreeMap::new();
    for (p, subs) in &pcn_subs {
        if subs.len() == 1 {
            *wholly_inside
                .entry(subs.keys().next().unwrap())
                .or_default() += pcn_pop[p];
        }
    }
    let (mut exceeded, mut short) = (0, 0);
    for (place, sum) in &children {
        let pop = place_pop[*place];
        if wholly_inside.get(place).copied().unwrap_or(0) > pop {
            exceeded += 1;
        } else if *sum <= pop && pop > 0 && (pop - sum) as f64 > pop as f64 * 0.05 {
            short += 1;
        }
    }
    // Responsible local authorities in two ICBs: unitary, metropolitan and London councils
    // from the district lookup, and county councils through their districts.
    let cty = "ons_lad21_cty21.csv";
    let county_of: BTreeMap<String, String> = rows(cty, true)
        .iter()
        .filter(|r| r[col(cty, "CTY21CD")].starts_with("E10"))
        .map(|r| {
            (
                r[col(cty, "LAD21CD")].to_owned(),
                r[col(cty, "CTY21CD")].to_owned(),
            )
        })
        .collect();
    let mut lad_icbs: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let lad = "ons_lad22_icb22.csv";
    for r in rows(lad, true) {
        let code = r[col(lad, "LAD22CD")].to_owned();
        let council = if code.starts_with("E07") {
            county_of[&code].clone()
        } else {
            code
        };
        lad_icbs
            .entry(council)
            .or_default()
            .insert(r[col(lad, "ICB22CDH")].to_owned());
    }
    Expected {
        pcns_spanning_places: pcn_subs
            .iter()
            .filter(|(_, s)| s.len() > 1)
            .map(|(p, _)| (*p).to_owned())
            .collect(),
        pcns_spanning_icbs: pcn_icbs
            .iter()
            .filter(|(_, s)| s.len() > 1)
            .map(|(p, _)| (*p).to_owned())
            .collect(),
        practices_without_pcn: unallocated
            + active
                .keys()
                .filter(|c| !mapped.contains(c.as_str()))
                .count(),
        pcns_out_of_range: pcn_pop.values().filter(|&&n| n < 30_000).count(),
        places_exceeded: exceeded,
        places_short: short,
        las_in_two_icbs: lad_icbs.values().filter(|s| s.len() > 1).count(),
        icbs: map.iter().map(|r| &r[icb]).collect::<BTreeSet<_>>().len(),
        regions: map
            .iter()
            .map(|r| &r[region])
            .collect::<BTreeSet<_>>()
            .len(),
    }
}

/// The date of the mapping file: the structure the current publications describe.
fn mapping_date() -> Date {
    "2025-10-01".parse().unwrap()
}

/// England imported and validated once for all the tests here.
fn england() -> &'static (Model, Report) {
    static ENGLAND: std::sync::OnceLock<(Model, Report)> = std::sync::OnceLock::new();
    ENGLAND.get_or_init(|| {
        let imported = import_paths(&all_files(), &ImportOptions::default()).unwrap();
        let policy = Policy::default();
        let report = Validator::new(&policy)
            .as_of(mapping_date())
            .validate(&imported.model);
        (imported.model, report)
    })
}

fn expected() -> &'static Expected {
    static EXPECTED: std::sync::OnceLock<Expected> = std::sync::OnceLock::new();
    EXPECTED.get_or_init(compute_expected)
}

fn ids_with(report: &Report, code: &str) -> BTreeSet<String> {
    report
        .with_code(code)
        .map(|d| d.related()[0].clone())
        .collect()
}

#[test]
fn every_vendored_file_is_recognised() {
    let imported = import_paths(&all_files(), &ImportOptions::default()).unwrap();
    let kinds: BTreeSet<FileKind> = imported.files.iter().map(|(_, k, _)| *k).collect();
    assert_eq!(kinds.len(), 9, "{:?}", imported.files);
    // Rows left out are counted, never dropped silently.
    let left_out: usize = imported
        .notes
        .iter()
        .filter_map(|n| n.message.split(' ').next()?.parse::<usize>().ok())
        .sum();
    let epraccur = rows("epraccur_2025-09.csv", false);
    let kept = epraccur
        .iter()
        .filter(|r| {
            &r[25] == "4" && &r[12] != "C" && &r[12] != "D" && r[11].is_empty() && &r[2] != "W00"
        })
        .count();
    assert_eq!(left_out + kept, epraccur.len());
}

#[test]
fn england_has_the_published_organisations() {
    let e = expected();
    let (model, _) = england();
    let date = mapping_date();
    let count = |k: BodyKind| {
        model
            .bodies
            .iter()
            .filter(|b| b.kind == k && b.validity().includes(date))
            .count()
    };
    assert_eq!(count(BodyKind::IntegratedCareBoard), e.icbs);
    assert_eq!(count(BodyKind::NhsEnglandRegion), e.regions);
    assert_eq!((e.icbs, e.regions), (42, 7));
    let trusts = rows("etr_2025-01.csv", false)
        .iter()
        .filter(|r| r[11].is_empty())
        .count();
    assert_eq!(
        count(BodyKind::NhsTrust) + count(BodyKind::NhsFoundationTrust),
        trusts
    );
}

#[test]
fn pcns_spanning_places_and_systems_are_reported() {
    let e = expected();
    let (_, report) = england();
    assert_eq!(ids_with(report, "ICS106"), e.pcns_spanning_places);
    assert_eq!(ids_with(report, "ICS107"), e.pcns_spanning_icbs);
    assert_eq!(e.pcns_spanning_icbs.iter().collect::<Vec<_>>(), ["U41591"]);
    let d = report.with_code("ICS107").next().unwrap();
    // Real and tolerated by its commissioners: a warning, not an error.
    assert_eq!(d.severity(), icsgov::Severity::Warning);
    assert!(
        d.message().contains("system-QJK") && d.message().contains("system-QT6"),
        "{}",
        d.message()
    );
}

#[test]
fn unallocated_practices_and_population_ranges_are_warnings() {
    let e = expected();
    let (model, report) = england();
    assert_eq!(report.with_code("ICS108").count(), e.practices_without_pcn);
    assert!(report
        .with_code("ICS108")
        .all(|d| d.severity() == icsgov::Severity::Warning));
    let ranges: Vec<_> = report.with_code("ICS103").collect();
    let tier_of = |d: &&icsgov::Diagnostic| {
        let i: usize = d.path().tokens().nth(1).unwrap().parse().unwrap();
        model.footprints[i].tier
    };
    assert_eq!(
        ranges
            .iter()
            .filter(|d| tier_of(d) == icsgov::Tier::Neighbourhood)
            .count(),
        e.pcns_out_of_range
    );
    // No national range for places: they are defined by each system.
    assert_eq!(
        ranges
            .iter()
            .filter(|d| tier_of(d) != icsgov::Tier::Neighbourhood)
            .count(),
        0
    );
    assert!(ranges
        .iter()
        .all(|d| d.severity() == icsgov::Severity::Warning));
    // Fewer than one PCN in five is below the 30,000 minimum (the rest of the "about half
    // outside 30,000-50,000" are above 50,000, which is no limit).
    let pcns = model
        .bodies
        .iter()
        .filter(|b| b.kind == BodyKind::PrimaryCareNetwork && b.validity().includes(mapping_date()))
        .count();
    assert!(
        e.pcns_out_of_range > 0 && e.pcns_out_of_range * 5 < pcns,
        "{} of {pcns}",
        e.pcns_out_of_range
    );
}

#[test]
fn children_against_parents_and_councils_in_two_icbs() {
    let e = expected();
    let (_, report) = england();
    assert_eq!(report.with_code("ICS104").count(), e.places_exceeded);
    assert_eq!(report.with_code("ICS105").count(), e.places_short);
    assert_eq!(report.with_code("ICS109").count(), e.las_in_two_icbs);
    assert!(e.las_in_two_icbs >= 9, "{}", e.las_in_two_icbs);
    assert!(report
        .with_code("ICS109")
        .all(|d| d.severity() == icsgov::Severity::Info));
    // Copeland is a district: its county, Cumbria, is the council in two ICBs.
    let cumbria = report
        .with_code("ICS109")
        .find(|d| d.related()[0] == "E10000006")
        .unwrap();
    assert_eq!(&cumbria.related()[1..], ["QE1", "QHM"]);
    assert!(!report
        .with_code("ICS109")
        .any(|d| d.related()[0] == "E07000029"));
}

#[test]
fn lancashire_and_south_cumbria_matches_its_registered_patients() {
    let (model, _) = england();
    let lsc = model
        .footprints
        .iter()
        .find(|f| f.id.as_str() == "system-QE1")
        .unwrap();
    let m = |n: &str| col(MAP, n);
    let practices: BTreeSet<String> = rows(MAP, true)
        .iter()
        .filter(|r| &r[m("ICB_CODE")] == "QE1")
        .map(|r| r[m("PRACTICE_CODE")].to_owned())
        .collect();
    let p = |n: &str| col(PATIENTS, n);
    let sum: u64 = rows(PATIENTS, true)
        .iter()
        .filter(|r| {
            practices.contains(&r[p("CODE")]) && &r[p("SEX")] == "ALL" && &r[p("AGE")] == "ALL"
        })
        .map(|r| r[p("NUMBER_OF_PATIENTS")].parse::<u64>().unwrap())
        .sum();
    // The system's population counts every practice its places commission, including any in
    // epraccur but not in the mapping; the mapping's own practices are the floor.
    assert!(
        lsc.population.unwrap() >= sum,
        "{} < {sum}",
        lsc.population.unwrap()
    );
    assert_eq!(lsc.extensions.as_ref().unwrap()["ons_code"], "E54000048");
}

/// What a report says, as a sorted list of (code, message): what a reader sees, without the
/// paths, which name positions in the lists.
fn said(report: &Report) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = report
        .diagnostics()
        .iter()
        .map(|d| (d.code().to_owned(), d.message().to_owned()))
        .collect();
    v.sort();
    v
}

#[test]
fn england_in_the_reverse_order_gives_the_same_findings() {
    // A message that lists several bodies, or names one of several, must not depend on the
    // order of the dataset's lists (ICS107 and ICS109 list bodies in England).
    let (model, report) = england();
    let mut reversed = model.clone();
    reversed.footprints.reverse();
    reversed.bodies.reverse();
    reversed.relationships.reverse();
    let policy = Policy::default();
    let again = Validator::new(&policy)
        .as_of(mapping_date())
        .validate(&reversed);
    assert!(report.with_code("ICS109").count() > 0);
    assert_eq!(said(report), said(&again));
}
