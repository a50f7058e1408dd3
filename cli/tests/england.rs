//! England end to end through the command line: import every vendored publication, validate,
//! and regenerate `docs/england.md` (`ICSGOV_BLESS=1` rewrites it).

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn icsgov() -> Command {
    let mut c = Command::cargo_bin("icsgov").unwrap();
    c.current_dir(root());
    c
}

/// The commands that write `docs/england.md`, as README gives them.
#[test]
fn docs_england_md_is_regenerated_by_the_import_and_validate_commands() {
    let dir = tempfile::tempdir().unwrap();
    let england = dir.path().join("england.json");
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("data/nhs-england"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    files.sort();
    let out = icsgov()
        .arg("import")
        .args(&files)
        .arg("-o")
        .arg(&england)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("rows left out: closed or dormant GP practices"),
        "{stderr}"
    );
    // Relative paths in the summary keep the page the same on every machine.
    // `target/` is not there when CARGO_TARGET_DIR puts the build elsewhere.
    std::fs::create_dir_all(root().join("target")).unwrap();
    std::fs::copy(&england, root().join("target/england.json")).unwrap();
    let out = icsgov()
        .args([
            "validate",
            "target/england.json",
            "--as-of",
            "2025-10-01",
            "--format",
            "summary",
        ])
        .args([
            "--title",
            "England: findings in the vendored ODS, NHS England and ONS publications",
        ])
        .output()
        .unwrap();
    // As of the mapping's date England has no error: what real data breaks is contract or
    // guidance (warnings) or information.
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(
            "| [ICS107](rules.md#ics107-pcn-spans-systems) | pcn-spans-systems | warning | 1 |"
        ),
        "{text}"
    );
    let path = root().join("docs/england.md");
    if std::env::var_os("ICSGOV_BLESS").is_some() {
        std::fs::write(&path, &text).unwrap();
        return;
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == text,
        "docs/england.md is stale; run `ICSGOV_BLESS=1 cargo test -p icsgov-cli --test england`"
    );
}

#[test]
fn import_errors_name_the_file_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "PUBLICATION,CODE,SEX,NUMBER_OF_PATIENTS\nX,A81001,ALL,12\n",
    )
    .unwrap();
    let out = dir.path().join("out.json");
    icsgov()
        .arg("import")
        .arg(&bad)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(format!(
            "{}:1:1: column AGE is missing",
            bad.display()
        )));
    let rows = dir.path().join("rows.csv");
    std::fs::write(
        &rows,
        "PUBLICATION,CODE,SEX,AGE,NUMBER_OF_PATIENTS\nX,A81001,ALL,ALL,12\nX,A81002,ALL,ALL,many\n",
    )
    .unwrap();
    icsgov()
        .arg("import")
        .arg(&rows)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(format!(
            "{}:3:1: NUMBER_OF_PATIENTS `many` is not a whole number",
            rows.display()
        )));
    icsgov()
        .arg("import")
        .arg(&rows)
        .arg("--lenient")
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0)
        .stderr(predicates::str::contains(format!(
            "warning: {}:3: row skipped: NUMBER_OF_PATIENTS `many`",
            rows.display()
        )));
}

/// England from the CSV publications in SARIF, across the whole timeline: every result
/// points at the publication file and row its entity came from (never at a glob), and the
/// run says it completed.
#[test]
fn england_sarif_points_each_result_at_its_publication_row() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("data/nhs-england"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .map(|p| p.strip_prefix(root()).unwrap().to_path_buf())
        .collect();
    files.sort();
    let out = icsgov()
        .arg("validate")
        .args(&files)
        .args(["--format", "sarif", "--today", "2025-10-01"])
        .output()
        .unwrap();
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let run = &sarif["runs"][0];
    let results = run["results"].as_array().unwrap();
    assert!(results.len() > 400, "{}", results.len());
    let levels: Vec<&str> = results
        .iter()
        .map(|r| r["level"].as_str().unwrap())
        .collect();
    assert!(levels
        .windows(2)
        .all(|w| (w[0] == "error") >= (w[1] == "error")));
    for r in results {
        let location = &r["locations"][0]["physicalLocation"];
        let uri = location["artifactLocation"]["uri"].as_str().unwrap();
        assert!(
            uri.starts_with("data/nhs-england/") && uri.ends_with(".csv"),
            "{r}"
        );
        assert!(
            location["region"]["startLine"].as_u64().unwrap() >= 2,
            "{r}"
        );
    }
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
    assert_eq!(
        run["invocations"][0]["toolExecutionNotifications"],
        serde_json::json!([])
    );

    // Practice C82112 is in two PCNs at once: the finding is at its row of the mapping.
    let c82112 = results
        .iter()
        .find(|r| {
            r["ruleId"] == "ICS303" && r["message"]["text"].as_str().unwrap().contains("C82112")
        })
        .unwrap();
    let location = &c82112["locations"][0]["physicalLocation"];
    let uri = location["artifactLocation"]["uri"].as_str().unwrap();
    let line = location["region"]["startLine"].as_u64().unwrap() as usize;
    let text = std::fs::read_to_string(root().join(uri)).unwrap();
    let row = text.lines().nth(line - 1).unwrap();
    assert!(row.contains("C82112"), "{uri}:{line}: {row}");
}

/// England in GitHub annotations: at most 10 errors, 10 warnings and 10 notices (what GitHub
/// shows for a step), errors first, each at its publication row; a last notice says how many
/// were not annotated, and the step summary counts every finding.
#[test]
fn england_github_annotations_stay_within_what_github_shows() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let out = icsgov()
        .args(["validate", "--format", "github", "--today", "2025-10-01"])
        .args(
            std::fs::read_dir(root().join("data/nhs-england"))
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "csv"))
                .map(|p| p.strip_prefix(root()).unwrap().to_path_buf()),
        )
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let count = |level: &str| {
        text.lines()
            .filter(|l| l.starts_with(&format!("::{level} ")))
            .count()
    };
    assert_eq!((count("error"), count("warning")), (10, 10), "{text}");
    assert!(count("notice") <= 10, "{text}");
    let first_warning = text
        .lines()
        .position(|l| l.starts_with("::warning"))
        .unwrap();
    assert!(text
        .lines()
        .take(first_warning)
        .all(|l| l.starts_with("::error")));
    assert!(text
        .lines()
        .filter(|l| l.starts_with("::error"))
        .all(|l| l.contains(".csv,line=")));
    let last = text.lines().last().unwrap();
    assert!(
        last.starts_with("::notice title=icsgov::") && last.contains("not annotated"),
        "{last}"
    );
    let written = std::fs::read_to_string(&summary).unwrap();
    assert!(
        written.starts_with("earlier step\n# icsgov findings"),
        "{written}"
    );
    assert!(written.contains("| [ICS303](rules.md#ics303-overlapping-membership) | overlapping-membership | error | 18 |"), "{written}");
}
