//! The `icsgov` command end to end: exit codes, formats and error positions.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn example_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/lancashire-south-cumbria.json")
}

/// The worked example with every convener and no populations: a dataset with no findings.
fn clean_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/datasets/lsc-clean.json")
}

/// The dataset with NHS England's approval of the ICB's constitution taken out (ICS201).
fn without_approver(m: &mut Value) {
    m["relationships"]
        .as_array_mut()
        .unwrap()
        .retain(|r| r["kind"] != "approves_constitution");
}

fn clean() -> Value {
    serde_json::from_str(&std::fs::read_to_string(clean_path()).unwrap()).unwrap()
}

fn example() -> Value {
    serde_json::from_str(&std::fs::read_to_string(example_path()).unwrap()).unwrap()
}

fn icsgov() -> Command {
    Command::cargo_bin("icsgov").unwrap()
}

fn write(dir: &tempfile::TempDir, name: &str, v: &Value) -> PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, serde_json::to_string_pretty(v).unwrap()).unwrap();
    p
}

#[test]
fn the_example_reports_what_the_data_supports_with_exit_1() {
    icsgov()
        .args(["validate"])
        .arg(example_path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "1 file checked: 4 errors, 11 warnings, 0 infos",
        ));
    let yaml = example_path().with_extension("yaml");
    icsgov().arg("validate").arg(yaml).assert().code(1);
    icsgov()
        .args(["validate"])
        .arg(clean_path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "1 file checked: 0 errors, 0 warnings, 0 infos",
        ));
}

#[test]
fn removing_the_constitution_approval_exits_1_naming_qe1() {
    let dir = tempfile::tempdir().unwrap();
    let mut m = example();
    without_approver(&mut m);
    let p = write(&dir, "no-approver.json", &m);
    icsgov()
        .arg("validate")
        .arg(&p)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error[ICS201]"))
        .stdout(predicate::str::contains("integrated care board QE1"))
        .stdout(predicate::str::contains("has no constitution approver"))
        .stdout(predicate::str::contains(format!("{}:", p.display())));
}

#[test]
fn nhs_england_accountable_to_the_icb_is_a_cycle_naming_both() {
    let dir = tempfile::tempdir().unwrap();
    let mut m = example();
    m["relationships"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"kind": "accountable_to", "from": "nhse", "to": "QE1"}));
    let p = write(&dir, "cycle.json", &m);
    let out = icsgov()
        .args(["validate", "--format", "json"])
        .arg(&p)
        .assert()
        .code(1);
    let report: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let ds = report["files"][0]["report"]["diagnostics"]
        .as_array()
        .unwrap();
    let cycle: Vec<&Value> = ds.iter().filter(|d| d["code"] == "ICS202").collect();
    assert_eq!(cycle.len(), 1, "{ds:#?}");
    assert_eq!(cycle[0]["related"], serde_json::json!(["nhse", "QE1"]));
    assert!(cycle[0]["message"]
        .as_str()
        .unwrap()
        .contains("nhse → QE1 → nhse"));
}

#[test]
fn a_small_neighbourhood_is_a_warning_and_a_large_one_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut m = clean();
    // An invented neighbourhood below the Network DES minimum, and one far above 50,000,
    // which is typical, not a limit.
    let fps = m["footprints"].as_array_mut().unwrap();
    for (id, population) in [
        ("nbh-invented-small", 8_000),
        ("nbh-invented-large", 104_000),
    ] {
        fps.push(serde_json::json!({
            "id": id, "name": "An invented network", "tier": "neighbourhood",
            "within": "invented-place", "population": population
        }));
    }
    fps.push(serde_json::json!({
        "id": "invented-place", "name": "An invented place", "tier": "place",
        "within": "lsc", "population": 112_000
    }));
    let p = write(&dir, "networks.json", &m);
    icsgov()
        .arg("validate")
        .arg(&p)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("warning[ICS103]"))
        .stdout(predicate::str::contains(
            "nbh-invented-small (An invented network) has a population of 8,000, below the neighbourhood range of 30,000 or more",
        ))
        .stdout(predicate::str::contains("0 errors, 1 warning"));
}

#[test]
fn truncated_json_exits_2_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(example_path()).unwrap();
    let cut: String = text.lines().take(40).collect::<Vec<_>>().join("\n");
    let p = dir.path().join("truncated.json");
    std::fs::write(&p, cut).unwrap();
    icsgov()
        .arg("validate")
        .arg(&p)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("{}:40:", p.display())))
        .stderr(predicate::str::contains("ends before"));
}

#[test]
fn unusable_input_exits_2_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("typo.json");
    std::fs::write(&p, "{\n  \"bodys\": []\n}\n").unwrap();
    icsgov()
        .arg("validate")
        .arg(&p)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("{}:2:", p.display())))
        .stderr(predicate::str::contains("unknown field `bodys`"));
    icsgov()
        .args(["validate", "no-such-file.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-file.json"));
    let y = dir.path().join("wrong-type.yaml");
    std::fs::write(
        &y,
        "footprints:\n  - id: lsc\n    name: LSC\n    tier: system\n    population: many\n",
    )
    .unwrap();
    icsgov()
        .arg("validate")
        .arg(&y)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("{}:5:", y.display())))
        .stderr(predicate::str::contains(
            "expected a whole number of 0 or more",
        ));
    // Invocation errors are exit 2 as well.
    icsgov()
        .args(["validate", "--format", "xml", "x.json"])
        .assert()
        .code(2);
    icsgov().arg("validate").assert().code(2);
}

#[test]
fn human_output_shows_the_source_line_with_a_caret_and_help() {
    let dir = tempfile::tempdir().unwrap();
    let mut m = clean();
    without_approver(&mut m);
    let p = write(&dir, "no-approver.json", &m);
    let out = icsgov().arg("validate").arg(&p).assert().code(1);
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let first = text.lines().next().unwrap();
    // file:line:col: error[ICS201]: ...
    let prefix = format!("{}:", p.display());
    let rest = first.strip_prefix(&prefix).unwrap();
    let mut parts = rest.splitn(3, ':');
    let line: usize = parts.next().unwrap().parse().unwrap();
    let col: usize = parts.next().unwrap().parse().unwrap();
    let source = std::fs::read_to_string(&p).unwrap();
    let src_line = source.lines().nth(line - 1).unwrap();
    assert!(
        src_line[col - 1..].starts_with("\"id\": \"QE1\""),
        "{src_line}"
    );
    assert!(text.contains(&format!("{line} | {src_line}")), "{text}");
    assert!(text.contains("^ /bodies/5"), "{text}");
    assert!(text.contains("= help: add {\"kind\": \"approves_constitution\", \"from\": \"nhse\", \"to\": \"QE1\"}"), "{text}");
}

#[test]
fn output_is_byte_identical_across_runs() {
    let dir = tempfile::tempdir().unwrap();
    let mut m = example();
    m["relationships"].as_array_mut().unwrap().clear();
    let p = write(&dir, "bare.json", &m);
    let run = || {
        icsgov()
            .args(["validate", "--format", "json"])
            .arg(&p)
            .output()
            .unwrap()
            .stdout
    };
    let a = run();
    assert!(!a.is_empty());
    assert_eq!(a, run());
}

#[test]
fn rules_lists_every_rule_and_help_documents_exit_codes() {
    icsgov()
        .arg("rules")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "ICS201  icb-constitution-approver",
        ))
        .stdout(predicate::str::contains("law: NHS Act 2006 s14Z25"));
    icsgov()
        .args(["validate", "--help"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Exit codes:"))
        .stdout(predicate::str::contains(
            "2  the input or the invocation could not be used",
        ));
}

fn schema_file(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../schemas")
        .join(name)
}

#[test]
fn schema_prints_each_committed_schema_byte_for_byte() {
    for which in ["model", "policy", "report"] {
        let committed = std::fs::read(schema_file(&format!("{which}.schema.json"))).unwrap();
        icsgov()
            .args(["schema", which])
            .assert()
            .code(0)
            .stdout(committed);
    }
    icsgov().args(["schema", "dataset"]).assert().code(2);
}

#[test]
fn every_json_report_the_cli_writes_conforms_to_the_report_schema() {
    let schema: Value =
        serde_json::from_slice(&std::fs::read(schema_file("report.schema.json")).unwrap()).unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/rules");
    let mut files: Vec<PathBuf> = vec![example_path(), example_path().with_extension("yaml")];
    for dir in std::fs::read_dir(&fixtures).unwrap() {
        for f in std::fs::read_dir(dir.unwrap().path()).unwrap() {
            let p = f.unwrap().path();
            if p.extension().is_some_and(|e| e == "json") {
                files.push(p);
            }
        }
    }
    files.sort();
    let out = icsgov()
        .args(["validate", "--format", "json"])
        .args(&files)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["files"].as_array().unwrap().len(), files.len());
    let errors: Vec<String> = validator
        .iter_errors(&doc)
        .map(|e| format!("{} {e}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

/// A reader that stops early ends the program quietly with the status a shell gives for
/// SIGPIPE, never a panic; a full disk is a clear error, exit 2.
#[test]
fn a_closed_pipe_is_quiet_and_a_full_disk_is_an_error() {
    let bin = assert_cmd::cargo::cargo_bin("icsgov");
    for args in [
        "rules",
        "schema model",
        "explain ICS204",
        "graph ../examples/lancashire-south-cumbria.json",
    ] {
        // The reader (`true`) has gone before the program starts writing.
        let script = format!(
            "(sleep 0.3; exec '{}' {args}) | true; echo \"status ${{PIPESTATUS[0]}}\"",
            bin.display()
        );
        let out = std::process::Command::new("bash")
            .arg("-c")
            .arg(&script)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stdout.trim(), "status 141", "{args}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args}: {stderr}");
    }
    #[cfg(target_os = "linux")]
    {
        let full = std::fs::File::create("/dev/full").unwrap();
        let out = std::process::Command::new(&bin)
            .arg("rules")
            .stdout(full)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains("cannot write to standard output"),
            "{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

/// No command writes over one of its inputs, and a baseline is never written from a run that
/// could not read every input.
#[test]
fn outputs_never_replace_an_input_and_baselines_need_a_complete_run() {
    let dir = tempfile::tempdir().unwrap();
    let lsc = dir.path().join("lsc.json");
    std::fs::copy(clean_path(), &lsc).unwrap();
    let before = std::fs::read(&lsc).unwrap();
    let refused = |args: &[&std::ffi::OsStr]| {
        let out = icsgov().args(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("one of this command's inputs"), "{stderr}");
    };
    let os = |s: &str| std::ffi::OsString::from(s);
    refused(&[&os("report"), lsc.as_os_str(), &os("-o"), lsc.as_os_str()]);
    refused(&[
        &os("validate"),
        lsc.as_os_str(),
        &os("--write-baseline"),
        lsc.as_os_str(),
    ]);
    assert_eq!(
        std::fs::read(&lsc).unwrap(),
        before,
        "the dataset was changed"
    );
    let csv = dir.path().join("lad.csv");
    let lookup = "LAD22CD,LAD22NM,ICB22CD,ICB22CDH,ICB22NM,N_LSOA11\nE06000009,Blackpool,E54000048,QE1,NHS Lancashire and South Cumbria Integrated Care Board,94\n";
    std::fs::write(&csv, lookup).unwrap();
    refused(&[&os("import"), csv.as_os_str(), &os("-o"), csv.as_os_str()]);
    assert_eq!(std::fs::read_to_string(&csv).unwrap(), lookup);
    // One input unreadable: no baseline, and the run says why.
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{").unwrap();
    let baseline = dir.path().join("baseline.json");
    let out = icsgov()
        .arg("validate")
        .arg(&lsc)
        .arg(&broken)
        .arg("--write-baseline")
        .arg(&baseline)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("the baseline was not written"));
    assert!(!baseline.exists());
    // A complete run writes it, atomically, leaving no temporary file behind.
    icsgov()
        .arg("validate")
        .arg(&lsc)
        .arg("--write-baseline")
        .arg(&baseline)
        .assert()
        .code(0);
    assert!(baseline.exists());
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// A dataset written on one line (as `jq -c` writes it) is placed exactly as the same dataset
/// pretty-printed: the same findings, columns counted in characters, and a snippet around
/// each column rather than the whole line.
#[test]
fn a_dataset_on_one_line_is_placed_like_a_pretty_printed_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut m = clean();
    without_approver(&mut m);
    // A multi-byte name before the finding, so that bytes and characters differ.
    m["name"] = "Lancashire and South Cumbria — é".into();
    let one = dir.path().join("one.json");
    std::fs::write(&one, serde_json::to_string(&m).unwrap()).unwrap();
    let out = icsgov().arg("validate").arg(&one).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let first = text.lines().next().unwrap();
    let rest = first
        .strip_prefix(&format!("{}:1:", one.display()))
        .unwrap();
    let column: usize = rest.split(':').next().unwrap().parse().unwrap();
    let source = std::fs::read_to_string(&one).unwrap();
    let at: String = source.chars().skip(column - 1).take(10).collect();
    assert_eq!(at, "\"id\":\"QE1\"", "{first}");
    // The snippet line is a window, not the whole 1-line dataset.
    let snippet = text.lines().nth(2).unwrap();
    assert!(snippet.chars().count() < 130, "{snippet}");
    assert!(snippet.contains("\"id\":\"QE1\""), "{snippet}");
}

#[test]
fn a_large_dataset_is_placed_from_its_file_as_a_small_one_is_from_its_text() {
    // A dataset over the streaming threshold is read in windows and its findings placed in
    // one more pass over the file; every format must say exactly what it says when the text
    // is held whole. The threshold is lowered so that the example counts as large.
    let dir = tempfile::tempdir().unwrap();
    let mut v = example();
    without_approver(&mut v);
    v["bodies"][3]["name"] = Value::from(format!("Ærø 北 ✓ {}", "é".repeat(400)));
    let pretty = serde_json::to_string_pretty(&v).unwrap();
    let layouts = [
        ("pretty.json", pretty.clone()),
        ("one-line.json", serde_json::to_string(&v).unwrap()),
        (
            "crlf.json",
            format!("\u{feff}{}", pretty.replace('\n', "\r\n")),
        ),
    ];
    for (name, text) in layouts {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        for format in ["human", "github", "sarif", "junit"] {
            let run = |stream_above: &str| {
                let out = icsgov()
                    .env("ICSGOV_STREAM_ABOVE", stream_above)
                    .args(["validate", "--format", format])
                    .arg(&path)
                    .output()
                    .unwrap();
                assert_eq!(out.status.code(), Some(1), "{name} {format}");
                String::from_utf8(out.stdout).unwrap()
            };
            let whole = run("1000000000");
            assert!(whole.contains("ICS201"), "{name} {format}");
            assert_eq!(run("0"), whole, "{name} {format}");
        }
    }
}
