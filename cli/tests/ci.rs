//! The CLI in a pipeline: output formats, policy files, waivers, baselines, inputs and exit
//! codes. Snapshots live in `cli/tests/snapshots/` (review changes with `cargo insta review`).

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// `icsgov` run from the repository root, so paths in output are relative and stable.
fn icsgov() -> Command {
    let mut c = Command::cargo_bin("icsgov").unwrap();
    c.current_dir(root())
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE");
    c
}

const FAULTY: &str = "tests/fixtures/datasets/lsc-with-faults.json";
/// A clean dataset: the worked example with every convener and no populations.
const EXAMPLE: &str = "tests/fixtures/datasets/lsc-clean.json";
const WAIVERS: &str = "tests/fixtures/policies/waivers.toml";

fn stdout(args: &[&str]) -> (i32, String) {
    let out = icsgov().args(args).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

#[test]
fn human_format_is_like_rustc() {
    let (code, out) = stdout(&["validate", FAULTY, "--color", "never"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("human", out);
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let (_, plain) = stdout(&["validate", FAULTY]);
    assert!(!plain.contains('\x1b'), "piped output is plain by default");
    let (_, coloured) = stdout(&["validate", FAULTY, "--color", "always"]);
    assert!(
        coloured.contains("\x1b[1m\x1b[31merror[ICS201]") || coloured.contains("\x1b[31m"),
        "{coloured}"
    );
    // `auto` colours where colour is forced (as a terminal would be), unless NO_COLOR is set.
    let auto = |no_color: bool| {
        let mut cmd = icsgov();
        cmd.args(["validate", FAULTY, "--color", "auto"])
            .env("CLICOLOR_FORCE", "1")
            .env_remove("NO_COLOR");
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        String::from_utf8(cmd.output().unwrap().stdout).unwrap()
    };
    assert!(auto(false).contains('\x1b'), "auto with colour forced");
    assert!(!auto(true).contains('\x1b'), "NO_COLOR wins");
    // Stripped of its escapes, coloured output is the plain output.
    let stripped: String = anstream::adapter::strip_str(&coloured).to_string();
    assert_eq!(stripped, plain);
}

#[test]
fn json_format_conforms_to_the_report_schema() {
    let (code, out) = stdout(&[
        "validate",
        FAULTY,
        "--format",
        "json",
        "--policy",
        WAIVERS,
        "--today",
        "2026-11-23",
    ]);
    assert_eq!(code, 1);
    let schema: Value =
        serde_json::from_slice(&std::fs::read(root().join("schemas/report.schema.json")).unwrap())
            .unwrap();
    let v = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let doc: Value = serde_json::from_str(&out).unwrap();
    let errors: Vec<String> = v
        .iter_errors(&doc)
        .map(|e| format!("{} {e}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    insta::assert_snapshot!("json-with-waivers", out);
}

#[test]
fn sarif_format_conforms_to_sarif_2_1_0() {
    let (code, out) = stdout(&[
        "validate",
        FAULTY,
        "--format",
        "sarif",
        "--policy",
        WAIVERS,
        "--today",
        "2026-11-23",
    ]);
    assert_eq!(code, 1);
    let schema_path = root().join("tests/external-schemas/sarif-schema-2.1.0.json");
    let schema: Value = serde_json::from_slice(&std::fs::read(schema_path).unwrap()).unwrap();
    let v = jsonschema::options().build(&schema).unwrap();
    let doc: Value = serde_json::from_str(&out).unwrap();
    let errors: Vec<String> = v
        .iter_errors(&doc)
        .map(|e| format!("{} {e}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let run = &doc["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), icsgov::rules::registry().len());
    for r in rules {
        for key in [
            "shortDescription",
            "fullDescription",
            "help",
            "helpUri",
            "defaultConfiguration",
        ] {
            assert!(!r[key].is_null(), "rule {} lacks {key}", r["id"]);
        }
        assert!(r["helpUri"].as_str().unwrap().contains("docs/rules.md#ics"));
    }
    let results = run["results"].as_array().unwrap();
    let approver = results.iter().find(|r| r["ruleId"] == "ICS201").unwrap();
    assert_eq!(
        approver["locations"][0]["physicalLocation"]["region"]["startLine"],
        788
    );
    assert_eq!(
        approver["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
        "/bodies/5"
    );
    let waived = results.iter().find(|r| r["ruleId"] == "ICS103").unwrap();
    assert_eq!(waived["suppressions"][0]["kind"], "external");
    insta::assert_snapshot!("sarif-with-waivers", out);
}

#[test]
fn github_format_writes_workflow_commands() {
    let (code, out) = stdout(&["validate", FAULTY, "--format", "github"]);
    assert_eq!(code, 1);
    assert!(
        out.starts_with(&format!(
            "::error file={FAULTY},line=788,col=7,title=ICS201 icb-constitution-approver::"
        )),
        "{out}"
    );
    // A literal % in a message is escaped, as the runner requires.
    assert!(out.contains("tolerance is 5%25"), "{out}");
    insta::assert_snapshot!("github", out);
}

/// JUnit, read back by a consumer's parser: a test case per finding with its file and line,
/// warnings visible as skipped cases, a passing case per rule that found nothing.
#[test]
fn junit_format_has_a_case_per_finding_and_per_clean_rule() {
    let (code, out) = stdout(&[
        "validate",
        FAULTY,
        EXAMPLE,
        "--format",
        "junit",
        "--today",
        "2025-10-01",
    ]);
    assert_eq!(code, 1);
    let report = junit_parser::from_reader(out.as_bytes()).unwrap();
    let dataset_rules = icsgov::rules::registry()
        .iter()
        .filter(|r| !r.is_about_policy() && !r.is_about_input())
        .count() as u64;
    assert_eq!(report.suites.len(), 2);
    let faulty = &report.suites[0];
    // FAULTY: one ICS201 error and two warnings (ICS103, ICS105), each a case; every other
    // dataset rule a passing case.
    assert_eq!(faulty.tests, dataset_rules - 3 + 3);
    assert_eq!((faulty.failures, faulty.skipped, faulty.errors), (1, 2, 0));
    let failing: Vec<_> = faulty
        .cases
        .iter()
        .filter(|c| c.status.is_failure())
        .collect();
    assert_eq!(failing.len(), 1);
    assert!(failing[0]
        .original_name
        .starts_with("ICS201 icb-constitution-approver: integrated care board QE1"));
    let warned: Vec<_> = faulty
        .cases
        .iter()
        .filter(|c| c.status.is_skipped())
        .collect();
    assert!(
        warned.iter().all(|c| c.original_name.starts_with("ICS10")),
        "{warned:?}"
    );
    assert!(
        out.contains(&format!(
            "classname=\"{FAULTY}.ICS201\" time=\"0.000\" file=\"{FAULTY}\" line=\"788\""
        )),
        "{out}"
    );
    let clean = &report.suites[1];
    assert_eq!(
        (clean.tests, clean.failures, clean.skipped),
        (dataset_rules, 0, 0)
    );
    // Under --deny-warnings, warnings fail their test cases too.
    let (_, strict) = stdout(&[
        "validate",
        FAULTY,
        "--format",
        "junit",
        "--deny-warnings",
        "--today",
        "2025-10-01",
    ]);
    let strict = junit_parser::from_reader(strict.as_bytes()).unwrap();
    assert_eq!(
        (strict.suites[0].failures, strict.suites[0].skipped),
        (3, 0)
    );
    insta::assert_snapshot!("junit", out);
}

/// The JUnit output against the Jenkins and Ant JUnit schemas (tests/fixtures/junit), with
/// `xmllint`: everything as written, except the attributes each schema does not declare
/// (a test case's `file` and `line`, which GitLab reads; the Ant schema's bare
/// `<testsuites>`; the Jenkins schema's `<testsuites>` without `skipped`).
#[test]
fn junit_passes_the_jenkins_and_ant_schemas() {
    if std::process::Command::new("xmllint")
        .arg("--version")
        .output()
        .is_err()
    {
        assert!(
            std::env::var_os("ICSGOV_REQUIRE_XMLLINT").is_none(),
            "xmllint is required (ICSGOV_REQUIRE_XMLLINT is set) but not installed"
        );
        eprintln!("skipped: xmllint is not installed (Debian: libxml2-utils)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.json");
    std::fs::write(
        &broken,
        "{\"footprints\": [{\"id\": \"lsc\", \"tier\": \"county\"}]}\n",
    )
    .unwrap();
    let runs: [&[&str]; 3] = [
        &[FAULTY, EXAMPLE],
        &[FAULTY, "--policy", WAIVERS],
        &[broken.to_str().unwrap(), EXAMPLE],
    ];
    for args in runs {
        let mut all = vec!["validate", "--format", "junit", "--today", "2025-10-01"];
        all.extend_from_slice(args);
        let (_, xml) = stdout(&all);
        let without_extensions = strip_attributes(&xml, "testcase", &["file", "line"]);
        for (schema, root_attributes) in [
            ("jenkins-junit-10.xsd", &["skipped"][..]),
            (
                "ant-junit.xsd",
                &["name", "tests", "skipped", "failures", "errors"][..],
            ),
        ] {
            let doc = strip_attributes(&without_extensions, "testsuites", root_attributes);
            let file = dir.path().join(format!("{schema}.xml"));
            std::fs::write(&file, &doc).unwrap();
            let out = std::process::Command::new("xmllint")
                .args(["--noout", "--schema"])
                .arg(root().join("tests/fixtures/junit").join(schema))
                .arg(&file)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{schema} rejects the JUnit of {args:?}:\n{}\n{doc}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

/// `xml` with the named attributes of every `<element ...>` start tag removed.
fn strip_attributes(xml: &str, element: &str, names: &[&str]) -> String {
    let open = format!("<{element} ");
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(i) = rest.find(&open) {
        out.push_str(&rest[..i]);
        let end = rest[i..].find('>').unwrap() + i;
        let mut tag = rest[i..end].to_owned();
        for name in names {
            let key = format!(" {name}=\"");
            if let Some(at) = tag.find(&key) {
                let close = tag[at + key.len()..].find('"').unwrap() + at + key.len();
                tag.replace_range(at..=close, "");
            }
        }
        out.push_str(&tag);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// SARIF stays within the 5,000 results code scanning keeps: errors first, and a
/// notification says how many were left out.
#[test]
fn sarif_keeps_at_most_5000_results_most_serious_first() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.json");
    icsgov()
        .args(["generate", "--bodies", "30000", "--violations", "1", "-o"])
        .arg(&big)
        .assert()
        .success();
    let (_, json) = stdout(&[
        "validate",
        big.to_str().unwrap(),
        "--format",
        "json",
        "--today",
        "2025-10-01",
    ]);
    let json: Value = serde_json::from_str(&json).unwrap();
    let total =
        json["summary"]["errors"].as_u64().unwrap() + json["summary"]["warnings"].as_u64().unwrap();
    assert!(total > 5_000, "{total}");
    let (code, out) = stdout(&[
        "validate",
        big.to_str().unwrap(),
        "--format",
        "sarif",
        "--today",
        "2025-10-01",
    ]);
    assert_eq!(code, 1);
    let sarif: Value = serde_json::from_str(&out).unwrap();
    let run = &sarif["runs"][0];
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 5_000);
    let errors = json["summary"]["errors"].as_u64().unwrap() as usize;
    assert!(results[..errors].iter().all(|r| r["level"] == "error"));
    assert!(results[errors..].iter().all(|r| r["level"] == "warning"));
    let note = run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]
        .as_str()
        .unwrap();
    assert!(
        note.starts_with(&format!(
            "{} of {total} results are not in this log",
            total - 5_000
        )),
        "{note}"
    );
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
}

/// A file that cannot be read is a finding (ICS000) at its line and column in every format,
/// beside the good file's findings, and the run exits 2.
#[test]
fn an_unusable_input_is_reported_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.json");
    std::fs::write(
        &broken,
        "{\"footprints\": [\n  {\"id\": \"lsc\", \"tier\": \"county\"}\n]}\n",
    )
    .unwrap();
    let b = broken.to_str().unwrap();
    let run = |format: &str| {
        let (code, out) = stdout(&[
            "validate",
            b,
            FAULTY,
            "--format",
            format,
            "--today",
            "2025-10-01",
        ]);
        assert_eq!(code, 2, "{format}");
        out
    };
    let human = run("human");
    assert!(
        human.contains(&format!(
            "{b}:2:32: error[ICS000]: unknown variant `county`"
        )),
        "{human}"
    );
    assert!(
        human.contains("1 file checked: 2 errors, 2 warnings, 0 infos; 1 input could not be used"),
        "{human}"
    );

    let json: Value = serde_json::from_str(&run("json")).unwrap();
    let unusable = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["file"] == b)
        .unwrap();
    let d = &unusable["report"]["diagnostics"][0];
    assert_eq!(
        (d["code"].as_str(), d["path"].as_str()),
        (Some("ICS000"), Some("/footprints/0/tier"))
    );
    assert_eq!(
        (
            d["position"]["line"].as_u64(),
            d["position"]["column"].as_u64()
        ),
        (Some(2), Some(32))
    );

    let sarif: Value = serde_json::from_str(&run("sarif")).unwrap();
    let runs = &sarif["runs"][0];
    assert_eq!(runs["invocations"][0]["executionSuccessful"], false);
    let note = &runs["invocations"][0]["toolExecutionNotifications"][0];
    assert_eq!(note["descriptor"]["id"], "ICS000");
    assert_eq!(
        note["locations"][0]["physicalLocation"]["region"]["startLine"],
        2
    );
    let result = runs["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "ICS000")
        .unwrap();
    assert_eq!(
        result["locations"][0]["physicalLocation"]["region"]["startColumn"],
        32
    );
    assert!(runs["results"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["ruleId"] == "ICS201"));

    let github = run("github");
    assert!(
        github.contains(&format!(
            "::error file={},line=2,col=32,title=ICS000 input-unusable::",
            b.replace(':', "%3A")
        )),
        "{github}"
    );

    let junit = junit_parser::from_reader(run("junit").as_bytes()).unwrap();
    let suite = junit.suites.iter().find(|s| s.name == b).unwrap();
    assert_eq!((suite.tests, suite.errors), (1, 1));

    let summary = run("summary");
    assert!(summary.contains("ICS000"), "{summary}");

    // A clean analysis is not claimed when nothing could be read.
    let (code, out) = stdout(&["validate", b, "--format", "sarif", "--today", "2025-10-01"]);
    assert_eq!(code, 2);
    let sarif: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 1);

    // A policy cannot turn ICS000 off or waive it.
    let policy = dir.path().join("icsgov.toml");
    std::fs::write(&policy, "[rules]\ninput-unusable = \"allow\"\n").unwrap();
    icsgov()
        .args(["validate", FAULTY, "--policy", policy.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "ICS000 input-unusable cannot be set or waived",
        ));
}

#[test]
fn exit_codes_and_deny_warnings() {
    icsgov().args(["validate", EXAMPLE]).assert().code(0);
    icsgov().args(["validate", FAULTY]).assert().code(1);
    icsgov().args(["validate", "missing.json"]).assert().code(2);
    // Warnings only: 0, or 1 under --deny-warnings.
    let only_warnings = "tests/fixtures/rules/ICS103-population-range/fail.json";
    icsgov().args(["validate", only_warnings]).assert().code(0);
    icsgov()
        .args(["validate", only_warnings, "--deny-warnings"])
        .assert()
        .code(1);
    // One unusable input among good ones still exits 2, and the good ones are reported.
    icsgov()
        .args(["validate", EXAMPLE, "missing.json"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("1 file checked"))
        .stdout(predicate::str::contains("1 input could not be used"));
}

#[test]
fn waivers_active_expired_and_unmatched() {
    let (code, out) = stdout(&[
        "validate",
        FAULTY,
        "--policy",
        WAIVERS,
        "--today",
        "2026-11-23",
        "--format",
        "json",
    ]);
    assert_eq!(code, 1);
    let doc: Value = serde_json::from_str(&out).unwrap();
    let dataset = &doc["files"][0]["report"];
    // Active waiver: the Millom finding is reported as waived, and not counted.
    let millom = dataset["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "ICS103")
        .unwrap();
    assert_eq!(millom["suppressed"]["by"], "waiver");
    assert_eq!(millom["suppressed"]["owner"], "ICB primary care team");
    assert_eq!(dataset["summary"]["waived"], 1);
    assert_eq!(dataset["summary"]["warnings"], 1);
    // The expired waiver no longer waives ICS201, and is itself an error; the unmatched one is
    // a warning. Both are reported against the policy file.
    assert_eq!(dataset["summary"]["errors"], 1);
    let policy = &doc["files"][1];
    assert_eq!(policy["file"], WAIVERS);
    let codes: Vec<(&str, &str, &str)> = policy["report"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap(),
                d["severity"].as_str().unwrap(),
                d["path"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        codes,
        [
            ("ICS901", "error", "/waivers/1"),
            ("ICS902", "warning", "/waivers/2")
        ]
    );
    // Before the expiry date the ICS201 waiver holds: no expired waiver, ICS201 waived.
    let (_, early) = stdout(&[
        "validate",
        FAULTY,
        "--policy",
        WAIVERS,
        "--today",
        "2024-01-01",
        "--format",
        "json",
    ]);
    let doc: Value = serde_json::from_str(&early).unwrap();
    assert_eq!(doc["summary"]["errors"], 0, "{early}");
    assert_eq!(doc["summary"]["waived"], 2);
    // The human summary counts waived findings apart.
    let (_, human) = stdout(&[
        "validate",
        FAULTY,
        "--policy",
        WAIVERS,
        "--today",
        "2026-11-23",
    ]);
    assert!(
        human.contains("2 files checked: 2 errors, 2 warnings, 0 infos; 1 waived"),
        "{human}"
    );
    assert!(
        human.contains(&format!("{WAIVERS}:16:1: error[ICS901]")),
        "{human}"
    );
}

#[test]
fn a_policy_file_sets_levels_and_thresholds() {
    let (code, out) = stdout(&[
        "validate",
        FAULTY,
        "--policy",
        "tests/fixtures/policies/strict.toml",
    ]);
    assert_eq!(code, 1);
    assert!(
        out.contains("error[ICS103]") && out.contains("error[ICS105]"),
        "{out}"
    );
    assert!(out.contains("the tolerance is 2%"), "{out}");
}

#[test]
fn icsgov_toml_in_the_current_directory_is_used() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root().join(FAULTY), dir.path().join("data.json")).unwrap();
    std::fs::write(
        dir.path().join("icsgov.toml"),
        "[rules]\nICS201 = \"warn\"\n",
    )
    .unwrap();
    let mut c = Command::cargo_bin("icsgov").unwrap();
    c.current_dir(dir.path())
        .args(["validate", "data.json"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("warning[ICS201]"));
}

#[test]
fn bad_policy_files_exit_2_with_line_and_column() {
    for (file, expect) in [
        ("bad-syntax.toml", ":1:7: unclosed table"),
        ("bad-level.toml", ":2:10: unknown variant `off`"),
        (
            "bad-unknown-rule.toml",
            ":3:1: no rule has the code or name `ICS999`",
        ),
        (
            "conflict-rule-twice.toml",
            ":3:1: rule ICS103 is set twice, to different levels: `ICS103` and `population-range`",
        ),
    ] {
        let path = format!("tests/fixtures/policies/{file}");
        icsgov()
            .args(["validate", EXAMPLE, "--policy", &path])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!("{path}{expect}")));
    }
    icsgov()
        .args(["validate", EXAMPLE, "--policy", "no-such-policy.toml"])
        .assert()
        .code(2);
}

#[test]
fn baselines_count_only_new_findings_and_report_fixed_ones() {
    let dir = tempfile::tempdir().unwrap();
    let baseline = dir.path().join("baseline.json");
    let b = baseline.to_str().unwrap();
    // Writing a baseline records today's findings and passes.
    icsgov()
        .args(["validate", FAULTY, "--write-baseline", b])
        .assert()
        .code(0);
    let recorded: Value = serde_json::from_slice(&std::fs::read(&baseline).unwrap()).unwrap();
    assert_eq!(recorded["entries"].as_array().unwrap().len(), 3);
    // The same findings again: nothing new, exit 0.
    icsgov()
        .args(["validate", FAULTY, "--baseline", b])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "baseline: 3 findings already recorded (not counted), 0 entries now fixed",
        ));
    // Fix one finding, break something new: the new one counts, the fixed one is reported.
    let mut m: Value =
        serde_json::from_slice(&std::fs::read(root().join(FAULTY)).unwrap()).unwrap();
    let fps = m["footprints"].as_array_mut().unwrap();
    fps.iter_mut()
        .find(|f| f["id"] == "nbh-invented-small")
        .unwrap()["population"] = 40_000.into();
    m["relationships"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"kind": "accountable_to", "from": "nhse", "to": "QE1"}));
    let changed = dir.path().join("changed.json");
    std::fs::write(&changed, serde_json::to_string_pretty(&m).unwrap()).unwrap();
    // Baseline entries are per file: record the original under the changed file's name.
    let rec = std::fs::read_to_string(&baseline)
        .unwrap()
        .replace(FAULTY, changed.to_str().unwrap());
    std::fs::write(&baseline, rec).unwrap();
    icsgov()
        .args(["validate"])
        .arg(&changed)
        .args(["--baseline", b])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error[ICS202]"))
        .stdout(predicate::str::contains(
            "baseline: 1 finding already recorded (not counted), 2 entries now fixed",
        ));
    // A path written another way names the same file: `./x` and `x` match.
    let dotted = dir.path().join("dotted.json");
    let d = dotted.to_str().unwrap();
    icsgov()
        .current_dir(root())
        .args(["validate", &format!("./{FAULTY}"), "--write-baseline", d])
        .assert()
        .code(0);
    let recorded = std::fs::read_to_string(&dotted).unwrap();
    assert!(!recorded.contains("\"./"), "{recorded}");
    icsgov()
        .current_dir(root())
        .args(["validate", FAULTY, "--baseline", d])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "baseline: 3 findings already recorded (not counted), 0 entries now fixed",
        ));
    // A file that is not a baseline cannot be used.
    icsgov()
        .args([
            "validate",
            "--baseline",
            "tests/fixtures/policies/bad-syntax.toml",
            EXAMPLE,
        ])
        .assert()
        .code(2);
}

#[test]
fn standard_input_and_directories() {
    let json = std::fs::read(root().join(EXAMPLE)).unwrap();
    icsgov()
        .args(["validate", "-"])
        .write_stdin(json)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("1 file checked"));
    // The YAML example reads from standard input too, with its four ICS204 errors.
    let yaml = std::fs::read(root().join("examples/lancashire-south-cumbria.yaml")).unwrap();
    icsgov()
        .args(["validate", "-"])
        .write_stdin(yaml)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("4 errors, 11 warnings"));
    let faulty = std::fs::read(root().join(FAULTY)).unwrap();
    icsgov()
        .args(["validate", "-"])
        .write_stdin(faulty)
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("-:788:7: error[ICS201]"));
    icsgov()
        .args(["validate", "-"])
        .write_stdin("{\"bodies\": [")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("-:1:"));
    // A directory is searched recursively for .json, .yaml and .yml files.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("a/b")).unwrap();
    std::fs::create_dir_all(dir.path().join(".hidden")).unwrap();
    std::fs::copy(root().join(EXAMPLE), dir.path().join("a/one.json")).unwrap();
    std::fs::copy(
        root().join("examples/lancashire-south-cumbria.yaml"),
        dir.path().join("a/b/two.yml"),
    )
    .unwrap();
    std::fs::write(dir.path().join("a/notes.txt"), "not a dataset").unwrap();
    std::fs::write(dir.path().join(".hidden/broken.json"), "{").unwrap();
    icsgov()
        .arg("validate")
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "2 files checked: 4 errors, 11 warnings",
        ));
    let empty = tempfile::tempdir().unwrap();
    icsgov()
        .arg("validate")
        .arg(empty.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no .json, .yaml or .yml files"));
}

#[test]
fn quiet_prints_only_counted_findings() {
    let (_, out) = stdout(&["validate", EXAMPLE, "--quiet"]);
    assert_eq!(out, "");
    let (code, out) = stdout(&[
        "validate",
        FAULTY,
        "--quiet",
        "--policy",
        WAIVERS,
        "--today",
        "2026-11-23",
    ]);
    assert_eq!(code, 1);
    assert!(!out.contains("checked"), "{out}");
    assert!(!out.contains("waived:"), "{out}");
    assert_eq!(
        out.matches("error[").count() + out.matches("warning[").count(),
        4,
        "{out}"
    );
}

#[test]
fn explain_prints_the_full_docs() {
    for key in ["ICS201", "ics201", "icb-constitution-approver"] {
        icsgov()
            .args(["explain", key])
            .assert()
            .code(0)
            .stdout(predicate::str::starts_with(
                "ICS201 icb-constitution-approver: every integrated care board",
            ))
            .stdout(predicate::str::contains("### Why it matters"))
            .stdout(predicate::str::contains("```json"))
            .stdout(predicate::str::contains(
                "docs/rules.md#ics201-icb-constitution-approver",
            ));
    }
    icsgov()
        .args(["explain", "ICS999"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("icsgov rules"));
}

#[test]
fn help_documents_the_exit_codes() {
    let (_, out) = stdout(&["--help"]);
    assert!(
        out.contains("Exit codes:") && out.contains("1  at least one error-severity diagnostic")
    );
}

/// A directory walk skips what git skips: hidden folders, `target/`, and whatever
/// `.gitignore` names; it reads regular files only, each once, and says when a symbolic link
/// loops instead of following it.
#[test]
fn directory_walks_respect_gitignore_and_skip_target_hidden_and_special_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for sub in ["data", "target/debug", ".git", "scratch"] {
        std::fs::create_dir_all(d.join(sub)).unwrap();
    }
    std::fs::copy(root().join(EXAMPLE), d.join("data/lsc.json")).unwrap();
    // Each of these would be an unreadable dataset (exit 2) if the walk read it.
    for broken in [
        "target/.rustc_info.json",
        "target/debug/out.json",
        ".git/config.json",
        "scratch/draft.json",
    ] {
        std::fs::write(d.join(broken), "{").unwrap();
    }
    std::fs::write(d.join(".gitignore"), "/scratch/\n").unwrap();
    icsgov()
        .arg("validate")
        .arg(d)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("1 file checked: 0 errors"));
    #[cfg(unix)]
    {
        // A link to the same file is read once; a link back to a parent is a loop, reported
        // by name, not followed; a FIFO named *.json is not opened (it would never end).
        std::os::unix::fs::symlink(d.join("data/lsc.json"), d.join("data/again.json")).unwrap();
        std::os::unix::fs::symlink(d, d.join("data/loop")).unwrap();
        let status = std::process::Command::new("mkfifo")
            .arg(d.join("data/pipe.json"))
            .status()
            .unwrap();
        assert!(status.success());
        let out = icsgov().arg("validate").arg(d).output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        // The loop is a finding of its own (ICS000); the dataset is still checked.
        assert!(
            stdout.contains(
                "1 file checked: 1 error, 0 warnings, 0 infos; 1 input could not be used"
            ),
            "{stdout}{stderr}"
        );
        assert!(
            stdout.contains("loop: error[ICS000]: a symbolic link loops back"),
            "{stdout}"
        );
        assert!(stderr.contains("loop"), "{stderr}");
        assert_eq!(out.status.code(), Some(2), "{stderr}");
    }
}

/// Untrusted text is escaped for the medium it goes to: a name holding escape sequences, a
/// forged summary line, a Markdown heading and image, Mermaid directives, a right-to-left
/// override and a character XML forbids changes nothing but its own line.
#[test]
fn hostile_names_are_escaped_in_every_output() {
    const HOSTILE: &str = "tests/fixtures/datasets/hostile-names.json";
    let bidi = ['\u{202E}', '\u{2066}', '\u{200F}'];
    // Terminal: no escape character, no forged line, no override.
    let (_, human) = stdout(&["validate", HOSTILE, "-q", "--color", "never"]);
    assert!(
        !human.contains('\u{1b}') && !human.contains('\u{7}'),
        "{human}"
    );
    assert!(!human.contains(&bidi[..]), "{human}");
    assert!(
        !human.lines().any(|l| l.starts_with("1 file checked")),
        "{human}"
    );
    assert!(human.contains("\\u{1b}[2J"), "{human}");
    // Markdown: the name stays inside its list item, its punctuation literal.
    let (_, md) = stdout(&["validate", HOSTILE, "--format", "summary"]);
    assert!(!md.lines().any(|l| l.starts_with("# Heading")), "{md}");
    assert!(!md.contains("![x](") && md.contains("\\!\\[x\\]"), "{md}");
    assert!(!md.contains('\u{1b}') && !md.contains(&bidi[..]), "{md}");
    // Mermaid and DOT: one line per label, no directive, no raw override.
    for format in ["mermaid", "dot"] {
        let (_, g) = stdout(&["graph", HOSTILE, "--format", format]);
        assert!(
            !g.lines().any(|l| l.trim_start().starts_with("click ")),
            "{g}"
        );
        assert!(
            !g.lines()
                .any(|l| l.trim_start().starts_with("1 file checked")),
            "{g}"
        );
        // A Mermaid directive means nothing to Graphviz, so only Mermaid must not carry one.
        assert!(format == "dot" || !g.contains("%%{init"), "{g}");
        assert!(!g.contains('\u{1b}') && !g.contains(&bidi[..]), "{g}");
    }
    // JUnit: only characters XML 1.0 allows.
    let (_, xml) = stdout(&["validate", HOSTILE, "--format", "junit"]);
    let forbidden = |c: char| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    };
    assert!(!xml.chars().any(forbidden), "{xml}");
}

/// `icsgov report` runs the same checks as `icsgov validate`: waivers, a baseline and
/// `--deny-warnings` give both the same exit code.
#[test]
fn report_and_validate_agree_on_the_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let baseline = dir.path().join("baseline.json");
    let page = dir.path().join("report.html");
    let (b, p) = (baseline.to_str().unwrap(), page.to_str().unwrap());
    let code = |args: &[&str]| icsgov().args(args).output().unwrap().status.code().unwrap();
    let mut seen = std::collections::BTreeSet::new();
    for dataset in [FAULTY, EXAMPLE] {
        // The baseline records every finding of this dataset under the waivers' policy.
        assert_eq!(
            code(&[
                "validate",
                dataset,
                "--policy",
                WAIVERS,
                "--today",
                "2025-01-01",
                "--write-baseline",
                b
            ]),
            0
        );
        let runs: [&[&str]; 6] = [
            &[],
            &["--policy", WAIVERS, "--today", "2025-01-01"],
            &["--policy", WAIVERS, "--today", "2023-01-01"],
            &[
                "--policy",
                WAIVERS,
                "--today",
                "2025-01-01",
                "--baseline",
                b,
            ],
            &[
                "--policy",
                WAIVERS,
                "--today",
                "2023-01-01",
                "--deny-warnings",
            ],
            &["--deny-warnings", "--as-of", "2024-06-01"],
        ];
        for extra in runs {
            let validate = code(&[&["validate", dataset][..], extra].concat());
            let report = code(&[&["report", dataset, "-o", p][..], extra].concat());
            assert_eq!(validate, report, "{dataset} {extra:?}");
            seen.insert(validate);
        }
    }
    // The cases cover both outcomes: findings that count, and none.
    assert_eq!(seen, [0, 1].into_iter().collect());
}

/// Like ruff and cargo-deny: the nearest `icsgov.toml` at or above the current directory
/// applies (and the run says so), `--isolated` ignores it, and `icsgov policy --show` prints
/// the effective policy as TOML that reads back to the same policy.
#[test]
fn the_nearest_icsgov_toml_applies_from_a_subfolder() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("datasets/2025");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::copy(root().join(FAULTY), sub.join("data.json")).unwrap();
    std::fs::write(
        dir.path().join("icsgov.toml"),
        "[rules]\nICS201 = \"warn\"\n",
    )
    .unwrap();
    let run = |extra: &[&str]| {
        let mut c = Command::cargo_bin("icsgov").unwrap();
        c.current_dir(&sub)
            .args(["validate", "data.json"])
            .args(extra);
        c.output().unwrap()
    };
    let found = run(&[]);
    assert_eq!(
        found.status.code(),
        Some(0),
        "the policy's ICS201 = warn applies"
    );
    let stderr = String::from_utf8(found.stderr).unwrap();
    assert!(
        stderr.contains("note: using the policy in ../../icsgov.toml"),
        "{stderr}"
    );
    let isolated = run(&["--isolated"]);
    assert_eq!(
        isolated.status.code(),
        Some(1),
        "without it ICS201 is an error"
    );
    assert!(isolated.stderr.is_empty());

    let mut c = Command::cargo_bin("icsgov").unwrap();
    let out = c
        .current_dir(&sub)
        .args(["policy", "--show"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("#:schema https://"), "{text}");
    assert!(text.contains("the policy in ../../icsgov.toml"), "{text}");
    let shown = icsgov::Policy::from_toml_str(&text).unwrap();
    let file = icsgov::Policy::from_toml_str("[rules]\nICS201 = \"warn\"\n").unwrap();
    assert_eq!(shown, file);
}

/// `icsgov diff`: the changes between two datasets in each format, the JSON against its
/// schema, untrusted names escaped, and exit 1 only for the kinds named by --fail-on.
#[test]
fn diff_says_what_changed_and_fails_on_chosen_kinds() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.json");
    let new = dir.path().join("new.json");
    std::fs::write(
        &old,
        r#"{"bodies": [
        {"id": "U00001", "name": "First PCN", "kind": "primary_care_network"},
        {"id": "U00002", "name": "Second PCN", "kind": "primary_care_network"},
        {"id": "X00001", "name": "A practice", "kind": "gp_practice"}],
      "relationships": [{"kind": "member_of", "from": "X00001", "to": "U00001"}]}"#,
    )
    .unwrap();
    std::fs::write(
        &new,
        r#"{"bodies": [
        {"id": "U00001", "name": "First PCN | renamed\n# heading", "kind": "primary_care_network"},
        {"id": "U00002", "name": "Second PCN", "kind": "primary_care_network"},
        {"id": "X00001", "name": "A practice", "kind": "gp_practice"},
        {"id": "X00002", "name": "A new practice", "kind": "gp_practice"}],
      "relationships": [{"kind": "member_of", "from": "X00001", "to": "U00002"},
                        {"kind": "member_of", "from": "X00002", "to": "U00002"}]}"#,
    )
    .unwrap();
    let (o, n) = (old.to_str().unwrap(), new.to_str().unwrap());
    let (code, human) = stdout(&["diff", o, n]);
    assert_eq!(code, 0);
    assert!(
        human.contains("moved: X00001 member_of: U00001 → U00002"),
        "{human}"
    );
    assert!(
        human.contains("added: gp_practice X00002 (A new practice)"),
        "{human}"
    );
    assert!(
        human.contains("renamed: U00001: First PCN → First PCN | renamed\\u{a}# heading"),
        "{human}"
    );
    let (code, json) = stdout(&["diff", o, n, "--format", "json", "--fail-on", "moved"]);
    assert_eq!(code, 1);
    let doc: Value = serde_json::from_str(&json).unwrap();
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("schemas/diff.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    assert!(validator.is_valid(&doc), "{json}");
    assert_eq!(doc["added"][0]["id"], "X00002");
    let (code, md) = stdout(&[
        "diff",
        o,
        n,
        "--format",
        "markdown",
        "--fail-on",
        "removed,successions",
    ]);
    assert_eq!(code, 0);
    assert!(
        md.contains("| U00001 | First PCN | First PCN \\| renamed \\# heading |"),
        "{md}"
    );
    let (code, _) = stdout(&["diff", o, o, "--fail-on", "added,moved,renamed"]);
    assert_eq!(code, 0);
    icsgov()
        .args(["diff", o, n, "--fail-on", "everything"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "`everything` is not a kind of change",
        ));
    icsgov().args(["diff", o, "missing.json"]).assert().code(2);
}
