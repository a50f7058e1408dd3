//! The importers on small hand-made samples of each publication, including what real files
//! do: byte-order marks, quoted commas, files without a header, 5-character codes, and
//! malformed rows.
#![cfg(feature = "import")]

use icsgov::import::{import, FileKind, ImportOptions, Publication};
use icsgov::{BodyKind, Model, Policy, RelationshipKind, Tier, Validator};

const MAP: &str = "\u{feff}PUBLICATION,EXTRACT_DATE,PRACTICE_CODE,PRACTICE_NAME,PRACTICE_POSTCODE,PCN_CODE,PCN_NAME,ONS_SUB_ICB_LOCATION_CODE,SUB_ICB_LOCATION_CODE,SUB_ICB_LOCATION_NAME,ONS_ICB_CODE,ICB_CODE,ICB_NAME,ONS_COMM_REGION_CODE,COMM_REGION_CODE,COMM_REGION_NAME,SUPPLIER_NAME
GP_PRAC_PAT_LIST,01Apr2026,A00001,\"SURGERY ONE, THE\",AA1 1AA,U00001,FIRST PCN,E38000001,B1B2C,\"NHS Somewhere, Else ICB - B1B2C\",E54000099,S1Y5D,NHS Somewhere Integrated Care Board,E40000001,Y60,Midlands,TPP
GP_PRAC_PAT_LIST,01Apr2026,A00002,SURGERY TWO,AA1 1AB,U00001,FIRST PCN,E38000001,B1B2C,\"NHS Somewhere, Else ICB - B1B2C\",E54000099,S1Y5D,NHS Somewhere Integrated Care Board,E40000001,Y60,Midlands,TPP
GP_PRAC_PAT_LIST,01Apr2026,A00003,SURGERY THREE,AA1 1AC,U,Unallocated,E38000001,B1B2C,\"NHS Somewhere, Else ICB - B1B2C\",E54000099,S1Y5D,NHS Somewhere Integrated Care Board,E40000001,Y60,Midlands,EMIS
";

const PATIENTS: &str = "PUBLICATION,EXTRACT_DATE,TYPE,SUB_ICB_LOCATION_CODE,ONS_SUB_ICB_LOCATION_CODE,CODE,POSTCODE,SEX,AGE,NUMBER_OF_PATIENTS
GP_PRAC_PAT_LIST,2026-04-01,GP,B1B2C,E38000001,A00001,AA1 1AA,ALL,ALL,20000
GP_PRAC_PAT_LIST,2026-04-01,GP,B1B2C,E38000001,A00001,AA1 1AA,MALE,ALL,9000
GP_PRAC_PAT_LIST,2026-04-01,GP,B1B2C,E38000001,A00002,AA1 1AB,ALL,ALL,15000
GP_PRAC_PAT_LIST,2026-04-01,GP,B1B2C,E38000001,A00003,AA1 1AC,ALL,ALL,5000
";

const TOTALS: &str =
    "PUBLICATION,EXTRACT_DATE,ORG_TYPE,ORG_CODE,ONS_CODE,SEX,AGE,NUMBER_OF_PATIENTS
GP_PRAC_PAT_LIST,2026-04-01,Comm Region,Y60,E40000001,ALL,ALL,40000
GP_PRAC_PAT_LIST,2026-04-01,ICB,S1Y5D,E54000099,ALL,ALL,40000
GP_PRAC_PAT_LIST,2026-04-01,SUB_ICB_LOCATION,B1B2C,E38000001,ALL,ALL,40000
GP_PRAC_PAT_LIST,2026-04-01,PCN,U00001,,ALL,ALL,35000
GP_PRAC_PAT_LIST,2026-04-01,PCN,U00001,,MALE,ALL,17000
";

fn ods(fields: &[(usize, &str)]) -> String {
    let mut row = vec![String::new(); 27];
    for (i, v) in fields {
        row[i - 1] = (*v).to_owned();
    }
    row.iter()
        .map(|f| format!("\"{f}\""))
        .collect::<Vec<_>>()
        .join(",")
}

fn run(
    files: &[(&str, &str)],
    options: ImportOptions,
) -> Result<icsgov::import::Imported, icsgov::Error> {
    let sources: Vec<Publication<'_>> = files
        .iter()
        .map(|(n, t)| Publication {
            name: n,
            bytes: t.as_bytes(),
        })
        .collect();
    import(&sources, &options)
}

fn body<'m>(m: &'m Model, id: &str) -> &'m icsgov::Body {
    m.bodies
        .iter()
        .find(|b| b.id.as_str() == id)
        .unwrap_or_else(|| panic!("no body {id}"))
}

fn footprint<'m>(m: &'m Model, id: &str) -> &'m icsgov::Footprint {
    m.footprints
        .iter()
        .find(|f| f.id.as_str() == id)
        .unwrap_or_else(|| panic!("no footprint {id}"))
}

#[test]
fn mapping_and_patients_build_the_tiers_with_summed_populations() {
    let imported = run(
        &[("map.csv", MAP), ("patients.csv", PATIENTS)],
        ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(imported.files[0].1, FileKind::PracticeMapping);
    assert_eq!(imported.files[1].1, FileKind::PracticePatients);
    let m = &imported.model;
    // 5-character ICB and sub-ICB codes, as used since April 2026.
    assert_eq!(body(m, "S1Y5D").kind, BodyKind::IntegratedCareBoard);
    assert_eq!(footprint(m, "system-S1Y5D").tier, Tier::System);
    assert_eq!(
        footprint(m, "place-B1B2C")
            .within
            .as_ref()
            .unwrap()
            .as_str(),
        "system-S1Y5D"
    );
    assert_eq!(
        footprint(m, "nbh-U00001").within.as_ref().unwrap().as_str(),
        "place-B1B2C"
    );
    // Quoted fields with commas are one field.
    assert_eq!(body(m, "A00001").name, "Surgery One, The");
    assert_eq!(body(m, "B1B2C").name, "NHS Somewhere, Else ICB - B1B2C");
    // Populations: the PCN sums its practices (SEX=ALL rows only); the place every practice.
    assert_eq!(footprint(m, "nbh-U00001").population, Some(35_000));
    assert_eq!(footprint(m, "place-B1B2C").population, Some(40_000));
    assert_eq!(footprint(m, "system-S1Y5D").population, Some(40_000));
    // `U` is not a PCN: the practice is a member of none.
    assert!(!m.bodies.iter().any(|b| b.id.as_str() == "U"));
    let memberships: Vec<&str> = m
        .relationships
        .iter()
        .filter(|r| r.kind == RelationshipKind::MemberOf)
        .map(|r| r.from.as_str())
        .collect();
    assert_eq!(memberships, ["A00001", "A00002"]);
    let report = Validator::new(&Policy::default()).validate(m);
    let without: Vec<&str> = report
        .with_code("ICS108")
        .map(|d| d.related()[0].as_str())
        .collect();
    assert_eq!(without, ["A00003"]);
    // ONS codes are kept as extensions.
    assert_eq!(
        footprint(m, "system-S1Y5D").extensions.as_ref().unwrap()["ons_code"],
        "E54000099"
    );
}

#[test]
fn organisation_totals_give_populations_without_per_practice_counts() {
    let imported = run(
        &[("map.csv", MAP), ("totals.csv", TOTALS)],
        ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(imported.files[1].1, FileKind::OrganisationTotals);
    let m = &imported.model;
    assert_eq!(footprint(m, "nbh-U00001").population, Some(35_000));
    assert_eq!(footprint(m, "place-B1B2C").population, Some(40_000));
    assert_eq!(footprint(m, "system-S1Y5D").population, Some(40_000));
}

#[test]
fn headerless_ods_files_are_recognised_by_layout() {
    let epraccur = [
        ods(&[
            (1, "A00001"),
            (2, "SURGERY ONE"),
            (3, "Y60"),
            (4, "S1Y5D"),
            (11, "19740401"),
            (13, "A"),
            (15, "B1B2C"),
            (26, "4"),
        ]),
        ods(&[
            (1, "A00009"),
            (2, "CLOSED SURGERY"),
            (3, "Y60"),
            (4, "S1Y5D"),
            (11, "19740401"),
            (12, "20200331"),
            (13, "C"),
            (15, "B1B2C"),
            (26, "4"),
        ]),
        ods(&[
            (1, "Y00001"),
            (2, "A PHARMACY"),
            (3, "Y60"),
            (4, "S1Y5D"),
            (13, "A"),
            (15, "B1B2C"),
            (26, "0"),
        ]),
        ods(&[
            (1, "W00005"),
            (2, "ABER MEDICAL CENTRE"),
            (3, "W00"),
            (4, "Q99"),
            (13, "A"),
            (15, "7A1"),
            (26, "4"),
        ]),
    ]
    .join("\n");
    let etr = [
        ods(&[
            (1, "RXL"),
            (2, "BLACKPOOL TEACHING HOSPITALS NHS FOUNDATION TRUST"),
            (3, "Y62"),
            (4, "QE1"),
            (11, "20020401"),
        ]),
        ods(&[
            (1, "G6V2S"),
            (2, "NORTH LONDON NHS FOUNDATION TRUST"),
            (3, "Y56"),
            (4, "QMJ"),
            (11, "20241101"),
        ]),
    ]
    .join("\n");
    let imported = run(
        &[("epraccur.csv", &epraccur), ("etr.csv", &etr)],
        ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(imported.files[0].1, FileKind::Epraccur);
    assert_eq!(imported.files[1].1, FileKind::Etr);
    let m = &imported.model;
    let practice = body(m, "A00001");
    assert_eq!(
        practice.valid_from.map(|d| d.to_string()).as_deref(),
        Some("1974-04-01")
    );
    assert!(!m.bodies.iter().any(|b| b.id.as_str() == "A00009"
        || b.id.as_str() == "Y00001"
        || b.id.as_str() == "W00005"));
    // Every row left out is counted in a note.
    let notes: Vec<&str> = imported.notes.iter().map(|n| n.message.as_str()).collect();
    assert!(
        notes.contains(&"1 rows left out: closed or dormant GP practices"),
        "{notes:?}"
    );
    assert!(
        notes.contains(&"1 rows left out: prescribing settings that are not GP practices"),
        "{notes:?}"
    );
    assert!(
        notes.iter().any(|n| n.contains("GP practices in Wales")),
        "{notes:?}"
    );
    assert!(!m.bodies.iter().any(|b| b.id.as_str() == "Q99"));
    assert_eq!(body(m, "RXL").kind, BodyKind::NhsFoundationTrust);
    assert_eq!(
        body(m, "RXL").footprint.as_ref().unwrap().as_str(),
        "system-QE1"
    );
    assert_eq!(
        body(m, "G6V2S")
            .valid_from
            .map(|d| d.to_string())
            .as_deref(),
        Some("2024-11-01")
    );
    // Closed practices are kept when asked, with their close dates.
    let all = run(
        &[("epraccur.csv", &epraccur)],
        ImportOptions {
            include_closed: true,
            ..ImportOptions::default()
        },
    )
    .unwrap();
    assert_eq!(
        body(&all.model, "A00009")
            .valid_to
            .map(|d| d.to_string())
            .as_deref(),
        Some("2020-03-31")
    );
}

#[test]
fn epcn_memberships_carry_their_dates() {
    let details = "PCN Code,PCN Name,Current Sub ICB Loc Code,Sub ICB Location,Open Date,Close Date,Address Line 1,Address Line 2,Address Line 3,Address Line 4,Address Line 5,Postcode
U00001,FIRST PCN,B1B2C,\"NHS SOMEWHERE, ELSE ICB - B1B2C\",20190701,,A,B,,C,,AA1 1AA
U00002,SECOND PCN,B1B2C,\"NHS SOMEWHERE, ELSE ICB - B1B2C\",20190701,20220331,A,B,,C,,AA1 1AA
";
    let members = "Partner Organisation Code,Partner Name,Practice Parent Sub ICB Loc Code,Practice Parent Sub ICB Loc Name,PCN Code,PCN Name,PCN Parent Sub ICB Loc Code,PCN Parent Sub ICB Loc Name,Practice to PCN Relationship Start Date,Practice to PCN Relationship End Date,Practice Sub ICB Loc and PCN Sub ICB Loc Match
A00001,SURGERY ONE,B1B2C,X,U00002,SECOND PCN,B1B2C,X,20190701,20220331,True
A00001,SURGERY ONE,B1B2C,X,U00001,FIRST PCN,B1B2C,X,20220401,,True
";
    let imported = run(
        &[("members.csv", members), ("details.csv", details)],
        ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(imported.files[0].1, FileKind::PcnMembers);
    assert_eq!(imported.files[1].1, FileKind::PcnDetails);
    let m = &imported.model;
    let dated: Vec<(String, String, Option<String>)> = m
        .relationships
        .iter()
        .filter(|r| r.kind == RelationshipKind::MemberOf)
        .map(|r| {
            (
                r.to.to_string(),
                r.valid_from.unwrap().to_string(),
                r.valid_to.map(|d| d.to_string()),
            )
        })
        .collect();
    assert_eq!(
        dated,
        [
            (
                "U00002".into(),
                "2019-07-01".into(),
                Some("2022-03-31".into())
            ),
            ("U00001".into(), "2022-04-01".into(), None)
        ]
    );
    assert_eq!(
        body(m, "U00002").valid_to.map(|d| d.to_string()).as_deref(),
        Some("2022-03-31")
    );
}

#[test]
fn ons_lookups_give_codes_and_councils_in_two_icbs() {
    let sub = "SICBL22CD,SICBL22CDH,SICBL22NM,ICB22CD,ICB22CDH,ICB22NM\nE38000001,B1B2C,Somewhere ICB - B1B2C,E54000099,S1Y5D,NHS Somewhere Integrated Care Board\n";
    let lad = "LAD22CD,LAD22NM,ICB22CD,ICB22CDH,ICB22NM,N_LSOA11\nE07000029,Copeland,E54000048,QE1,NHS Lancashire and South Cumbria Integrated Care Board,4\nE07000029,Copeland,E54000050,QHM,NHS North East and North Cumbria Integrated Care Board,42\nE06000009,Blackpool,E54000048,QE1,NHS Lancashire and South Cumbria Integrated Care Board,94\n";
    let cty = "FID,LAD21CD,LAD21NM,CTY21CD,CTY21NM\n1,E07000029,Copeland,E10000006,Cumbria\n2,E08000003,Manchester,E11000001,Greater Manchester\n";
    let imported = run(
        &[("sub.csv", sub), ("lad.csv", lad), ("cty.csv", cty)],
        ImportOptions::default(),
    )
    .unwrap();
    let m = &imported.model;
    assert_eq!(
        footprint(m, "place-B1B2C").extensions.as_ref().unwrap()["ons_code"],
        "E38000001"
    );
    // Each council of its tier; the county council above the district, in both ICBs, and no
    // council for a metropolitan county.
    assert_eq!(body(m, "E07000029").kind, BodyKind::DistrictCouncil);
    assert_eq!(body(m, "E06000009").kind, BodyKind::UnitaryAuthority);
    assert_eq!(body(m, "E10000006").kind, BodyKind::CountyCouncil);
    assert_eq!(body(m, "E10000006").name, "Cumbria County Council");
    assert!(!m.bodies.iter().any(|b| b.id.as_str() == "E11000001"));
    // Only responsible authorities are reported in two ICBs: the county, not its district.
    let report = Validator::new(&Policy::default()).validate(m);
    let split: Vec<&[String]> = report.with_code("ICS109").map(|d| d.related()).collect();
    assert_eq!(
        split,
        [&["E10000006".to_owned(), "QE1".to_owned(), "QHM".to_owned()][..]]
    );
    let lies_in = m
        .relationships
        .iter()
        .find(|r| r.kind == RelationshipKind::LiesIn && r.to.as_str() == "QHM")
        .unwrap();
    assert_eq!(lies_in.extensions.as_ref().unwrap()["lsoas"], 42);
}

#[test]
fn malformed_rows_are_errors_with_file_and_line_or_skipped_when_lenient() {
    let bad = PATIENTS.replace("15000", "fifteen thousand");
    let e = run(&[("patients.csv", &bad)], ImportOptions::default()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "patients.csv:4:1: NUMBER_OF_PATIENTS `fifteen thousand` is not a whole number"
    );
    let lenient = run(
        &[("patients.csv", &bad)],
        ImportOptions {
            lenient: true,
            ..ImportOptions::default()
        },
    )
    .unwrap();
    assert_eq!(lenient.notes.len(), 1);
    assert_eq!(lenient.notes[0].line, Some(4));
    // The other rows survive the skipped one.
    let with_map = run(
        &[("map.csv", MAP), ("patients.csv", &bad)],
        ImportOptions {
            lenient: true,
            ..ImportOptions::default()
        },
    )
    .unwrap();
    let pcn = with_map
        .model
        .footprints
        .iter()
        .find(|f| f.tier == Tier::Neighbourhood)
        .unwrap();
    // A00001's 20,000 still count; the skipped row's 15,000 do not.
    assert_eq!(pcn.population, Some(20_000));
    assert!(with_map
        .model
        .bodies
        .iter()
        .any(|b| b.id.as_str() == "A00002"));
    // Two different counts for one practice: an error, never the later one silently.
    let twice = format!(
        "{PATIENTS}GP_PRAC_PAT_LIST,2026-04-01,GP,B1B2C,E38000001,A00001,AA1 1AA,ALL,ALL,21000\n"
    );
    let e = run(&[("patients.csv", &twice)], ImportOptions::default()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "patients.csv:6:1: practice A00001 has a second count of registered patients, 21000, where an earlier row gave 20000"
    );
    let twice = format!("{TOTALS}GP_PRAC_PAT_LIST,2026-04-01,PCN,U00001,,ALL,ALL,36000\n");
    let e = run(&[("totals.csv", &twice)], ImportOptions::default()).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("totals.csv:7:1: PCN U00001 has a second total"),
        "{e}"
    );
    // A short row in a fixed-width file.
    let short = format!(
        "{}\n\"A1\",\"X\"\n",
        ods(&[
            (1, "A00001"),
            (3, "Y60"),
            (4, "S1Y5D"),
            (13, "A"),
            (15, "B1B2C"),
            (26, "4")
        ])
    );
    let e = run(&[("epraccur.csv", &short)], ImportOptions::default()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "epraccur.csv:2:1: expected 27 fields, found 2"
    );
    // An impossible ODS date.
    let date = ods(&[
        (1, "A00001"),
        (3, "Y60"),
        (4, "S1Y5D"),
        (11, "20230230"),
        (13, "A"),
        (15, "B1B2C"),
        (26, "4"),
    ]);
    let e = run(&[("epraccur.csv", &date)], ImportOptions::default()).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("epraccur.csv:1:1: open date (column 11) `20230230` is not a date"),
        "{e}"
    );
    // A code that cannot be an id.
    let code = MAP.replace("A00002", "A 0002");
    let e = run(&[("map.csv", &code)], ImportOptions::default()).unwrap_err();
    assert!(
        e.to_string().starts_with("map.csv:3:1: PRACTICE_CODE"),
        "{e}"
    );
    // An unterminated quote.
    let e = run(
        &[("map.csv", "PRACTICE_CODE,PCN_CODE\n\"A1,U1\n")],
        ImportOptions::default(),
    )
    .unwrap_err();
    assert!(e.to_string().contains("map.csv"), "{e}");
}

#[test]
fn missing_columns_and_unknown_files_are_named() {
    let e = run(
        &[("map.csv", &MAP.replace("ICB_NAME", "ICB_TITLE"))],
        ImportOptions::default(),
    )
    .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("map.csv:1:1: column ICB_NAME is missing"),
        "{e}"
    );
    let e = run(
        &[("notes.csv", "Name,Colour\nx,blue\n")],
        ImportOptions::default(),
    )
    .unwrap_err();
    assert!(
        e.to_string().contains("not a recognised publication"),
        "{e}"
    );
    let e = run(&[("empty.csv", "")], ImportOptions::default()).unwrap_err();
    assert!(
        e.to_string().starts_with("empty.csv: the file is empty"),
        "{e}"
    );
}

#[test]
fn file_order_does_not_change_the_model() {
    let a = run(
        &[
            ("map.csv", MAP),
            ("patients.csv", PATIENTS),
            ("totals.csv", TOTALS),
        ],
        ImportOptions::default(),
    )
    .unwrap();
    let b = run(
        &[
            ("totals.csv", TOTALS),
            ("patients.csv", PATIENTS),
            ("map.csv", MAP),
        ],
        ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(a.model, b.model);
}

/// The importer never contradicts itself: what it infers from statute (NHS England approving,
/// assessing and reviewing every ICB; the CQC's review from 1 April 2023; each trust's
/// regulator before and after 1 July 2022) starts no earlier than both its ends and ends
/// with them, so no finding comes from a relationship the importer made up.
mod inferred {
    use super::*;
    use proptest::prelude::*;

    const MAP_HEADER: &str = "PUBLICATION,EXTRACT_DATE,PRACTICE_CODE,PRACTICE_NAME,PRACTICE_POSTCODE,PCN_CODE,PCN_NAME,ONS_SUB_ICB_LOCATION_CODE,SUB_ICB_LOCATION_CODE,SUB_ICB_LOCATION_NAME,ONS_ICB_CODE,ICB_CODE,ICB_NAME,ONS_COMM_REGION_CODE,COMM_REGION_CODE,COMM_REGION_NAME,SUPPLIER_NAME";
    /// Three-character ICBs of July 2022 and five-character ones of the April 2026 mergers.
    const ICBS: [&str; 4] = ["QE1", "QHM", "S1Y5D", "A2B3C"];
    const DATES: [&str; 6] = [
        "", "19910401", "20120601", "20220701", "20230101", "20260401",
    ];
    const ENDS: [&str; 4] = ["", "20220131", "20240930", "20270331"];

    fn publications(
        practices: &[(usize, usize)],
        trusts: &[(usize, usize, usize, bool)],
    ) -> (String, String) {
        let mut map = String::from(MAP_HEADER);
        for (n, &(icb, pcn)) in practices.iter().enumerate() {
            let icb = ICBS[icb];
            map.push_str(&format!(
                "\nGP_PRAC_PAT_LIST,01Oct2025,P{n:05},PRACTICE {n},AA1 1AA,U{pcn:05},PCN {pcn},E3800000{},S{icb},{icb} SUB,E5400000{},{icb},NHS {icb} ICB,E40000001,Y60,Midlands,TPP",
                icb.len(),
                icb.len()
            ));
        }
        let etr: Vec<String> = trusts
            .iter()
            .enumerate()
            .map(|(n, &(icb, from, to, ft))| {
                let name = if ft {
                    format!("TRUST {n} NHS FOUNDATION TRUST")
                } else {
                    format!("TRUST {n} NHS TRUST")
                };
                ods(&[
                    (1, &format!("R{n:02}")),
                    (2, &name),
                    (3, "Y60"),
                    (4, ICBS[icb]),
                    (11, DATES[from]),
                    (12, ENDS[to]),
                ])
            })
            .collect();
        (map, etr.join("\n"))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
        #[test]
        fn no_finding_comes_from_a_relationship_the_importer_made_up(
            practices in proptest::collection::vec((0..4usize, 0..6usize), 1..30),
            trusts in proptest::collection::vec((0..4usize, 1..6usize, 0..4usize, any::<bool>()), 0..8),
        ) {
            let (map, etr) = publications(&practices, &trusts);
            let mut files = vec![("map.csv", map.as_str())];
            if !trusts.is_empty() {
                files.push(("etr.csv", etr.as_str()));
            }
            let imported = run(&files, ImportOptions::default()).unwrap();
            let m = &imported.model;
            let inferred: Vec<bool> = m
                .relationships
                .iter()
                .map(|r| r.extensions.as_ref().is_some_and(|e| e.contains_key("basis")))
                .collect();
            prop_assert!(inferred.iter().any(|&x| x));
            let policy = Policy::default();
            let mut reports = vec![Validator::new(&policy).validate(m)];
            for on in ["2021-06-01", "2022-07-01", "2023-04-01", "2025-10-01", "2026-04-01"] {
                reports.push(Validator::new(&policy).as_of(on.parse().unwrap()).validate(m));
            }
            for report in &reports {
                for d in report.diagnostics() {
                    let mut tokens = d.path().tokens();
                    let on_inferred = tokens.next().as_deref() == Some("relationships")
                        && tokens
                            .next()
                            .and_then(|i| i.parse::<usize>().ok())
                            .is_some_and(|i| inferred[i]);
                    prop_assert!(
                        !on_inferred
                            && !["ICS201", "ICS205", "ICS301", "ICS302", "ICS305", "ICS307"]
                                .contains(&d.code()),
                        "{} {} {}",
                        d.code(),
                        d.path(),
                        d.message()
                    );
                }
            }
        }
    }
}

/// A mapping that lists one practice twice with different PCNs is refused, naming both lines,
/// rather than keeping the last row; with `--lenient` the later row is skipped with a note.
#[test]
fn a_practice_listed_twice_in_the_mapping_is_an_error_naming_both_lines() {
    let twice = format!(
        "{MAP}GP_PRAC_PAT_LIST,01Apr2026,A00001,SURGERY ONE,AA1 1AA,U00009,OTHER PCN,E38000001,B1B2C,NHS Somewhere ICB - B1B2C,E54000099,S1Y5D,NHS Somewhere Integrated Care Board,E40000001,Y60,Midlands,TPP\n"
    );
    let e = run(&[("map.csv", &twice)], ImportOptions::default()).unwrap_err();
    let message = e.to_string();
    assert!(message.contains("map.csv:5:1"), "{message}");
    assert!(
        message.contains("practice A00001 is listed again: line 2 puts it in PCN U00001"),
        "{message}"
    );
    assert!(message.contains("this line in PCN U00009"), "{message}");
    let lenient = run(
        &[("map.csv", &twice)],
        ImportOptions {
            lenient: true,
            ..ImportOptions::default()
        },
    )
    .unwrap();
    assert!(lenient
        .notes
        .iter()
        .any(|n| n.line == Some(5) && n.message.contains("listed again")));
    let member_of: Vec<&str> = lenient
        .model
        .relationships
        .iter()
        .filter(|r| r.kind == RelationshipKind::MemberOf && r.from.as_str() == "A00001")
        .map(|r| r.to.as_str())
        .collect();
    assert_eq!(member_of, ["U00001"]);
    // The same practice twice with the same PCN is only a repeat, not a contradiction.
    let repeat = format!(
        "{MAP}GP_PRAC_PAT_LIST,01Apr2026,A00001,\"SURGERY ONE, THE\",AA1 1AA,U00001,FIRST PCN,E38000001,B1B2C,\"NHS Somewhere, Else ICB - B1B2C\",E54000099,S1Y5D,NHS Somewhere Integrated Care Board,E40000001,Y60,Midlands,TPP\n"
    );
    assert!(run(&[("map.csv", &repeat)], ImportOptions::default()).is_ok());
}

/// Found by fuzzing: a county code that is not a valid id (here with a byte that is not
/// ASCII) stopped the import with a panic. It is a bad row like any other.
#[test]
fn a_county_code_that_is_not_an_id_is_a_bad_row() {
    let lookup = "FID,LAD21CD,LAD21NM,CTY21CD,CTY21NM\n\
                  1,E07000008,Cambridge,E10000003,Cambridgeshire\n\
                  2,E07000009,East Cambridgeshire,E10\u{88}00020,Cambridgeshire\n";
    let e = run(&[("counties.csv", lookup)], ImportOptions::default()).unwrap_err();
    assert!(
        e.to_string().starts_with("counties.csv:3:1: CTY21CD: "),
        "{e}"
    );
    let lenient = run(
        &[("counties.csv", lookup)],
        ImportOptions {
            lenient: true,
            ..ImportOptions::default()
        },
    )
    .unwrap();
    assert_eq!(lenient.notes.len(), 1, "{:?}", lenient.notes);
    assert_eq!(lenient.notes[0].line, Some(3));
}

/// Two publications of different months: in the later one two ICBs have merged into one
/// with a five-character code. Linking the later import to the earlier finds the succession
/// by where the sub-ICB locations went (computed here from the rows), keeps the old ICBs
/// ending the day before, and the result validates clean; a population lost across the
/// merger is ICS113's finding.
#[test]
fn a_later_publication_links_merged_icbs_to_their_predecessors() {
    use icsgov::import::link_previous;
    let head = "PRACTICE_CODE,PRACTICE_NAME,PCN_CODE,PCN_NAME,SUB_ICB_LOCATION_CODE,SUB_ICB_LOCATION_NAME,ICB_CODE,ICB_NAME,COMM_REGION_CODE,COMM_REGION_NAME,EXTRACT_DATE\n";
    // Invented codes: practice, location, old ICB, new ICB.
    let rows = [
        ("X00001", "01X", "Q0A", "Q0AB1"),
        ("X00002", "02X", "Q0A", "Q0AB1"),
        ("X00003", "03X", "Q0B", "Q0AB1"),
        ("X00004", "04X", "Q0C", "Q0C"),
    ];
    let mapping = |later: bool| {
        let mut s = head.to_owned();
        for (n, (practice, location, old, new)) in rows.iter().enumerate() {
            let icb = if later { new } else { old };
            let date = if later { "20260401" } else { "20250901" };
            s.push_str(&format!(
                "{practice},PRACTICE {n},U0000{n},PCN {n},{location},LOCATION {location},{icb},ICB {icb},Y62,NORTH WEST,{date}\n"
            ));
        }
        s
    };
    let patients = |lost: u64| {
        let mut s = "PUBLICATION,EXTRACT_DATE,TYPE,SUB_ICB_LOCATION_CODE,ONS_SUB_ICB_LOCATION_CODE,CODE,POSTCODE,SEX,AGE,NUMBER_OF_PATIENTS\n".to_owned();
        for (n, (practice, location, _, _)) in rows.iter().enumerate() {
            let count = 40_000 + 1_000 * n as u64 - if n == 2 { lost } else { 0 };
            s.push_str(&format!("GP_PRAC_PAT_LIST,2025-04-01,GP,{location},E38000001,{practice},AA1 1AA,ALL,ALL,{count}\n"));
        }
        s
    };
    let read = |later: bool, lost: u64| {
        let (m, p) = (mapping(later), patients(lost));
        import(
            &[
                Publication {
                    name: "mapping.csv",
                    bytes: m.as_bytes(),
                },
                Publication {
                    name: "patients.csv",
                    bytes: p.as_bytes(),
                },
            ],
            &ImportOptions::default(),
        )
        .unwrap()
        .model
    };
    // The expected successions, from the rows alone: each new ICB not seen before succeeds
    // the old ICBs of its locations.
    let mut expected: std::collections::BTreeMap<&str, std::collections::BTreeSet<&str>> =
        Default::default();
    for (_, _, old, new) in rows {
        if old != new {
            expected.entry(new).or_default().insert(old);
        }
    }

    let previous = read(false, 0);
    let mut current = read(true, 0);
    // The later import alone starts the merged ICB's locations with it: it cannot say where
    // they were before, and says nothing false.
    let alone = Validator::new(&Policy::default()).validate(&current);
    assert!(alone.diagnostics().is_empty(), "{:?}", alone.diagnostics());
    let found = link_previous(&previous, &mut current);
    let got: std::collections::BTreeMap<&str, std::collections::BTreeSet<&str>> = found
        .iter()
        .map(|s| {
            (
                s.successor.as_str(),
                s.predecessors.iter().map(|p| p.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(got, expected);
    assert_eq!(found[0].on.to_string(), "2026-04-01");
    assert_eq!(found[0].moved.len(), 3);
    let old = body(&current, "Q0A");
    assert_eq!(
        old.valid_to.map(|d| d.to_string()).as_deref(),
        Some("2026-03-31")
    );
    assert!(current
        .relationships
        .iter()
        .any(|r| r.kind == RelationshipKind::SucceededBy
            && r.from.as_str() == "Q0B"
            && r.to.as_str() == "Q0AB1"));
    let report = Validator::new(&Policy::default()).validate(&current);
    assert!(
        report.diagnostics().is_empty(),
        "{:?}",
        report.diagnostics()
    );

    // 30,000 patients of location 03X lost between the two: the merged area has fewer people
    // than its predecessors had.
    let mut lossy = read(true, 30_000);
    link_previous(&previous, &mut lossy);
    let report = Validator::new(&Policy::default()).validate(&lossy);
    let ics113: Vec<_> = report.with_code("ICS113").collect();
    assert_eq!(ics113.len(), 1, "{:?}", report.diagnostics());
    assert!(
        ics113[0].message().contains("30,000 people fewer"),
        "{}",
        ics113[0].message()
    );
}

/// Three months of the mapping: a practice moves PCN, two ICBs merge, a practice closes.
/// The history dates each change from the month it appears, ending what it replaces the day
/// before; the same month twice is refused, naming both files.
#[test]
fn a_history_of_monthly_publications_dates_each_change() {
    let dir = tempfile::tempdir().unwrap();
    let head = "PRACTICE_CODE,PRACTICE_NAME,PCN_CODE,PCN_NAME,SUB_ICB_LOCATION_CODE,SUB_ICB_LOCATION_NAME,ICB_CODE,ICB_NAME,COMM_REGION_CODE,COMM_REGION_NAME\n";
    // (month, rows of practice, PCN, location, ICB): invented codes.
    let months = [
        (
            "2025-09",
            vec![
                ("X00001", "U00001", "01X", "Q0A"),
                ("X00002", "U00001", "01X", "Q0A"),
                ("X00003", "U00003", "03X", "Q0B"),
            ],
        ),
        (
            "2025-12",
            vec![
                ("X00001", "U00002", "01X", "Q0A"),
                ("X00002", "U00001", "01X", "Q0A"),
                ("X00003", "U00003", "03X", "Q0B"),
            ],
        ),
        (
            "2026-04",
            vec![
                ("X00001", "U00002", "01X", "Q0AB1"),
                ("X00003", "U00003", "03X", "Q0AB1"),
            ],
        ),
    ];
    let mut paths = Vec::new();
    for (month, rows) in &months {
        let mut s = head.to_owned();
        for (practice, pcn, location, icb) in rows {
            s.push_str(&format!("{practice},P {practice},{pcn},PCN {pcn},{location},L {location},{icb},ICB {icb},Y62,NW\n"));
        }
        let p = dir.path().join(format!("mapping_{month}.csv"));
        std::fs::write(&p, s).unwrap();
        paths.push(p);
    }
    paths.reverse(); // given out of order: read in order, with a note
    let h = icsgov::import::import_history(&paths, &ImportOptions::default()).unwrap();
    assert_eq!(h.months.len(), 3);
    assert!(
        h.notes
            .iter()
            .any(|n| n.message.contains("of an earlier month")),
        "{:?}",
        h.notes
    );
    let m = &h.model;
    let date = |s: &str| Some(s.parse::<icsgov::Date>().unwrap());
    let membership = |practice: &str, pcn: &str| {
        m.relationships
            .iter()
            .find(|r| {
                r.kind == RelationshipKind::MemberOf
                    && r.from.as_str() == practice
                    && r.to.as_str() == pcn
            })
            .map(|r| (r.valid_from, r.valid_to))
            .unwrap()
    };
    // X00001 moves from U00001 to U00002 in December: one ends the day before the other.
    assert_eq!(membership("X00001", "U00001"), (None, date("2025-11-30")));
    assert_eq!(membership("X00001", "U00002"), (date("2025-12-01"), None));
    // X00002 is gone in April 2026.
    assert_eq!(body(m, "X00002").valid_to, date("2026-03-31"));
    // The merger: Q0A and Q0B end, Q0AB1 succeeds both.
    assert_eq!(body(m, "Q0A").valid_to, date("2026-03-31"));
    for old in ["Q0A", "Q0B"] {
        assert!(m
            .relationships
            .iter()
            .any(|r| r.kind == RelationshipKind::SucceededBy
                && r.from.as_str() == old
                && r.to.as_str() == "Q0AB1"));
    }
    let report = Validator::new(&Policy::default()).validate(m);
    assert!(
        report.diagnostics().is_empty(),
        "{:?}",
        report.diagnostics()
    );
    // As of each month, the history is that month's picture.
    let dec = m.snapshot("2025-12-15".parse().unwrap());
    assert!(dec
        .relationships
        .iter()
        .any(|r| r.from.as_str() == "X00001" && r.to.as_str() == "U00002"));
    assert!(!dec
        .relationships
        .iter()
        .any(|r| r.from.as_str() == "X00001" && r.to.as_str() == "U00001"));

    // The same month twice is refused, naming both files.
    let twice = [paths[2].clone(), paths[2].clone(), paths[0].clone()];
    let e = icsgov::import::import_history(&twice, &ImportOptions::default()).unwrap_err();
    assert!(
        e.to_string().contains("are both GP practice mapping")
            && e.to_string().contains("for 2025-09"),
        "{e}"
    );
}
