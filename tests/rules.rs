//! Per-rule fixtures: each rule has a directory under `tests/fixtures/rules/` named by code and
//! name, holding passing models (`pass*.json`: no finding of that rule) and failing models
//! (`fail*.json`) whose exact findings of that rule are in `fail*.expected`.
//!
//! `ICSGOV_BLESS=1 cargo test --test rules` rewrites the `.expected` files; review the diff.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use icsgov::{rules, Model, Policy, Validator};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules")
}

fn render(report: &icsgov::Report, code: &str) -> String {
    let mut out = String::new();
    for d in report.with_code(code) {
        let _ = writeln!(out, "{} {} {}", d.severity(), d.code(), d.path());
        if let Some(p) = d.period() {
            let _ = writeln!(out, "  period: {p}");
        }
        let _ = writeln!(out, "  message: {}", d.message());
        let _ = writeln!(out, "  related: {}", d.related().join(", "));
        if let Some(h) = d.help() {
            let _ = writeln!(out, "  help: {h}");
        }
    }
    out
}

fn files(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with(prefix) && name.ends_with(".json")
        })
        .collect();
    v.sort();
    v
}

#[test]
fn every_rule_has_passing_and_failing_fixtures_with_exact_findings() {
    let bless = std::env::var_os("ICSGOV_BLESS").is_some();
    let policy = Policy::default();
    let validator = Validator::new(&policy);
    let mut failures = Vec::new();
    for rule in rules::registry().iter().filter(|r| r.checks_datasets()) {
        let dir = fixtures().join(format!("{}-{}", rule.code(), rule.name()));
        assert!(dir.is_dir(), "no fixture directory {}", dir.display());
        let passing = files(&dir, "pass");
        let failing = files(&dir, "fail");
        assert!(
            !passing.is_empty(),
            "{} has no passing fixture",
            rule.code()
        );
        assert!(
            !failing.is_empty(),
            "{} has no failing fixture",
            rule.code()
        );
        for path in passing {
            let model = Model::from_path(&path).unwrap();
            let got = render(&validator.validate(&model), rule.code());
            if !got.is_empty() {
                failures.push(format!(
                    "{}: expected no {} finding, got\n{got}",
                    path.display(),
                    rule.code()
                ));
            }
        }
        for path in failing {
            let model = Model::from_path(&path).unwrap();
            let got = render(&validator.validate(&model), rule.code());
            if got.is_empty() {
                failures.push(format!(
                    "{}: expected {} findings, got none",
                    path.display(),
                    rule.code()
                ));
            }
            let expected_path = path.with_extension("expected");
            if bless {
                std::fs::write(&expected_path, &got).unwrap();
                continue;
            }
            let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
            if got != expected {
                failures.push(format!(
                    "{}: findings differ from {}\n--- expected\n{expected}--- got\n{got}",
                    path.display(),
                    expected_path.display()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn each_rules_documented_example_breaks_that_rule() {
    let policy = Policy::default();
    for rule in rules::registry() {
        if rule.is_about_input() {
            // The example is a file that does not read as a dataset.
            let docs = rule.docs();
            let start = docs.find("```text\n").expect("ICS000's example is text") + 8;
            let example = &docs[start..start + docs[start..].find("```").unwrap()];
            let e = icsgov::Model::from_json_str(example).unwrap_err();
            assert!(e.message().contains("county"), "{e}");
            continue;
        }
        if rule.is_about_policy() {
            // The example is a policy file; the waiver tests exercise it.
            let docs = rule.docs();
            let start = docs
                .find("```toml\n")
                .expect("a policy rule's example is TOML")
                + 8;
            let end = start + docs[start..].find("```").unwrap();
            let example: Policy = toml::from_str(&docs[start..end]).unwrap();
            assert_eq!(example.waivers.len(), 1, "{}", rule.code());
            continue;
        }
        let example = rule
            .example()
            .unwrap_or_else(|| panic!("{} has no json example", rule.code()));
        let model = Model::from_json_str(&example)
            .unwrap_or_else(|e| panic!("{} example does not load: {e}", rule.code()));
        let report = Validator::new(&policy).validate(&model);
        assert!(
            report.with_code(rule.code()).next().is_some(),
            "{}'s example does not trigger it: {:?}",
            rule.code(),
            report.diagnostics()
        );
    }
}

#[test]
fn rule_docs_have_the_house_sections_in_order() {
    for rule in rules::registry() {
        let docs = rule.docs();
        let mut at = 0;
        for section in [
            "### What it checks",
            "### Why it matters",
            "### Example",
            "### How to fix",
        ] {
            let found = docs[at..].find(section).unwrap_or_else(|| {
                panic!(
                    "{} docs lack `{section}` after byte {at}:\n{docs}",
                    rule.code()
                )
            });
            at += found + section.len();
        }
        assert!(!rule.summary().ends_with('.'), "{}", rule.code());
        assert!(!rule.basis().citation.is_empty(), "{}", rule.code());
    }
}

#[test]
fn codes_and_names_are_unique_well_formed_and_stable() {
    let mut codes = std::collections::BTreeSet::new();
    let mut names = std::collections::BTreeSet::new();
    let mut listing = String::new();
    for rule in rules::registry() {
        assert!(codes.insert(rule.code()), "duplicate code {}", rule.code());
        assert!(names.insert(rule.name()), "duplicate name {}", rule.name());
        let c = rule.code();
        assert!(
            c.len() == 6 && c.starts_with("ICS") && c[3..].bytes().all(|b| b.is_ascii_digit()),
            "{c}"
        );
        assert!(
            rule.name()
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'-'),
            "{}",
            rule.name()
        );
        let _ = writeln!(
            listing,
            "{} {} {}",
            rule.code(),
            rule.name(),
            rule.default_severity()
        );
        assert_eq!(
            rules::find(rule.code()).map(|r| r.code()),
            Some(rule.code())
        );
        assert_eq!(
            rules::find(rule.name()).map(|r| r.code()),
            Some(rule.code())
        );
    }
    // Codes are never reused or renumbered: a change to this list must be deliberate.
    assert_eq!(
        listing,
        "\
ICS000 input-unusable error
ICS001 duplicate-id error
ICS002 unresolved-reference error
ICS003 self-relationship error
ICS004 malformed-code error
ICS101 footprint-nesting error
ICS102 body-footprint-tier error
ICS103 population-range warning
ICS104 population-exceeds-parent error
ICS105 population-coverage warning
ICS106 pcn-practices-outside-place warning
ICS107 pcn-spans-systems warning
ICS108 practice-without-pcn warning
ICS109 local-authority-not-coterminous info
ICS110 icb-areas-overlap error
ICS111 system-without-icb error
ICS112 sub-icb-location-without-icb error
ICS113 merger-population warning
ICS201 icb-constitution-approver error
ICS202 accountability-cycle error
ICS203 statutory-accountable-to-partnership error
ICS204 icp-conveners error
ICS205 system-reviewed-by-cqc warning
ICS206 icb-region error
ICS207 icb-without-icp error
ICS208 unlawful-delegation error
ICS209 collaborative-has-two-trusts warning
ICS210 trust-outside-collaboratives warning
ICS211 wellbeing-board-members error
ICS212 wellbeing-board-authority error
ICS213 board-composition error
ICS214 partner-members error
ICS215 board-appointments error
ICS216 chair-independence warning
ICS217 constitution-guidance warning
ICS218 committee-standing error
ICS219 delegation-timing warning
ICS220 function-delegated-twice warning
ICS221 delegator-remains-accountable error
ICS222 function-not-delegable error
ICS301 relationship-outlives-its-ends error
ICS302 body-outside-its-era error
ICS303 overlapping-membership error
ICS304 succession-gap error
ICS305 accountability-gap error
ICS306 dates-reversed error
ICS307 trust-regulator-era error
ICS901 expired-waiver error
ICS902 unmatched-waiver warning
"
    );
}

#[test]
fn messages_are_lowercase_without_a_final_full_stop() {
    let policy = Policy::default();
    for rule in rules::registry().iter().filter(|r| r.checks_datasets()) {
        let dir = fixtures().join(format!("{}-{}", rule.code(), rule.name()));
        for path in files(&dir, "fail") {
            let report = Validator::new(&policy).validate(&Model::from_path(&path).unwrap());
            for d in report.diagnostics() {
                let first = d.message().chars().next().unwrap();
                // Messages start with a lower-case word, or with a proper name such as NHS England.
                assert!(
                    first.is_lowercase()
                        || ["NHS", "Care Quality", "GP ", "Monitor"]
                            .iter()
                            .any(|p| d.message().starts_with(p)),
                    "{}: {}",
                    d.code(),
                    d.message()
                );
                assert!(!d.message().ends_with('.'), "{}: {}", d.code(), d.message());
                if let Some(h) = d.help() {
                    assert!(!h.ends_with('.'), "{}: {h}", d.code());
                }
            }
        }
    }
}

#[test]
fn policy_turns_rules_off_and_changes_severity() {
    let model = Model::from_path(fixtures().join("ICS103-population-range/fail.json")).unwrap();
    let mut policy = Policy::default();
    policy
        .set_level("population-range", icsgov::Level::Allow)
        .unwrap();
    assert_eq!(
        Validator::new(&policy)
            .validate(&model)
            .with_code("ICS103")
            .count(),
        0
    );
    policy.set_level("ICS103", icsgov::Level::Error).unwrap();
    let report = Validator::new(&policy).validate(&model);
    assert!(report
        .with_code("ICS103")
        .all(|d| d.severity() == icsgov::Severity::Error));
    assert!(report.has_errors());
    assert!(policy.set_level("ICS999", icsgov::Level::Allow).is_err());
    // A range from the policy replaces the seed range.
    let mut wide = Policy::default();
    wide.population.neighbourhood = Some(icsgov::PopulationRange::between(1, 100_000));
    wide.population.place = None;
    wide.population.system = Some(icsgov::PopulationRange::between(0, 10_000_000));
    assert_eq!(
        Validator::new(&wide)
            .validate(&model)
            .with_code("ICS103")
            .count(),
        0
    );
}

#[test]
fn readme_rule_table_lists_every_rule_with_its_default_severity() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    for rule in rules::registry() {
        let row = format!(
            "| {} | {} | {} |",
            rule.code(),
            rule.name(),
            rule.default_severity()
        );
        assert!(readme.contains(&row), "README's rule table lacks `{row}`");
    }
}

#[test]
fn docs_rules_md_is_generated_from_the_declarations() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let generated = rules::reference_markdown();
    if std::env::var_os("ICSGOV_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    if on_disk != generated {
        let diff = similar::TextDiff::from_lines(&on_disk, &generated)
            .unified_diff()
            .header("docs/rules.md", "generated")
            .to_string();
        panic!(
            "docs/rules.md is stale; run `ICSGOV_BLESS=1 cargo test` and commit the result\n{diff}"
        );
    }
    for rule in rules::registry() {
        assert!(generated.contains(&format!("## {} {}", rule.code(), rule.name())));
    }
}

/// ICS301 covers every kind of relationship but a succession (which joins a body that ends
/// to one that begins): a kind added to the model is covered without a list to update.
#[test]
fn a_relationship_outliving_its_end_is_found_for_every_kind_but_succession() {
    for kind in icsgov::RelationshipKind::ALL {
        let m: icsgov::Model = serde_json::from_value(serde_json::json!({
            "bodies": [
                {"id": "a", "name": "A", "kind": "nhs_trust", "valid_to": "2020-03-31"},
                {"id": "b", "name": "B", "kind": "nhs_trust"}
            ],
            "relationships": [
                {"kind": kind.key(), "from": "a", "to": "b", "valid_from": "2019-04-01"}
            ]
        }))
        .unwrap();
        let policy = Policy::default();
        let on = "2021-01-01".parse().unwrap();
        let found = icsgov::Validator::new(&policy)
            .as_of(on)
            .validate(&m)
            .with_code("ICS301")
            .count();
        let expected = usize::from(kind != icsgov::RelationshipKind::SucceededBy);
        assert_eq!(found, expected, "{}", kind.key());
    }
}

/// A rule sees only what is in force on the date unless it asks for every date: with every
/// footprint, body and relationship of the faulty fixture ended in 1999, no rule finds
/// anything about them in 2025 (ICS301, which looks at every date, finds nothing either: no
/// relationship outlives its ends).
#[test]
fn rules_see_only_what_is_in_force_unless_they_ask() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/datasets/lsc-with-faults.json");
    let text = std::fs::read_to_string(path).unwrap();
    let mut m = Model::from_json_str(&text).unwrap();
    let ended: icsgov::Date = "1999-12-31".parse().unwrap();
    m.footprints
        .iter_mut()
        .for_each(|f| f.valid_to = Some(ended));
    m.bodies.iter_mut().for_each(|b| b.valid_to = Some(ended));
    m.relationships
        .iter_mut()
        .for_each(|r| r.valid_to = Some(ended));
    let policy = Policy::default();
    let ctx = icsgov::Context::new(&m, &policy);
    ctx.set_date(Some("2025-01-01".parse().unwrap()));
    let subjects = (0..m.footprints.len() as u32)
        .map(icsgov::Entity::Footprint)
        .chain((0..m.bodies.len() as u32).map(icsgov::Entity::Body))
        .chain((0..m.relationships.len() as u32).map(icsgov::Entity::Relationship));
    let subjects: Vec<icsgov::Entity> = subjects.collect();
    let mut checked = 0;
    for rule in rules::registry() {
        for &s in &subjects {
            let mut found = rules::Findings::default();
            rule.check(&ctx, s, &mut found);
            assert!(
                found.is_empty(),
                "{} found something about {s:?}",
                rule.code()
            );
            checked += 1;
        }
    }
    assert!(checked > 1_000, "{checked}");
}

/// Every rule has a one-paragraph description (from its "What it checks" section) that
/// tools such as SARIF viewers show: one line, no Markdown heading.
#[test]
fn every_rule_describes_itself_in_one_paragraph() {
    for rule in rules::registry() {
        let d = rule.description();
        assert!(d.len() > 40, "{}: {d:?}", rule.code());
        assert!(
            !d.contains('\n') && !d.starts_with('#'),
            "{}: {d:?}",
            rule.code()
        );
        assert!(
            rule.docs().contains(d.split(' ').next().unwrap()),
            "{}",
            rule.code()
        );
    }
}
