//! The ways into a pipeline: the GitHub Action, the GitLab CI template, the pre-commit hooks,
//! shell completions and manual pages, each run here as far as this machine allows.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn binary() -> PathBuf {
    assert_cmd::cargo::cargo_bin("icsgov")
}

fn yaml(path: &str) -> Value {
    let text = std::fs::read_to_string(root().join(path)).unwrap();
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{path} is not YAML: {e}"))
}

/// `PATH` with the built `icsgov` first.
fn path_with_icsgov() -> std::ffi::OsString {
    let dir = binary().parent().unwrap().to_path_buf();
    let mut paths = vec![dir];
    paths.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(paths).unwrap()
}

const FAULTY: &str = "tests/fixtures/datasets/lsc-with-faults.json";

/// Replaces `${{ inputs.NAME }}` and `${{ steps.check.outputs.NAME }}` as Actions would.
fn expand(
    text: &str,
    inputs: &Value,
    outputs: &std::collections::BTreeMap<String, String>,
) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("${{") {
        out.push_str(&rest[..i]);
        let end = rest[i..].find("}}").unwrap() + i;
        let expr = rest[i + 3..end].trim();
        let value = if let Some(name) = expr.strip_prefix("inputs.") {
            inputs[name]
                .as_str()
                .unwrap_or_else(|| panic!("undeclared input {name}"))
                .to_owned()
        } else if let Some(name) = expr.strip_prefix("steps.check.outputs.") {
            outputs.get(name).cloned().unwrap_or_default()
        } else {
            panic!("unexpected expression {expr}")
        };
        out.push_str(&value);
        rest = &rest[end + 2..];
    }
    out.push_str(rest);
    out
}

/// The Action's bash steps, run in order as the runner would run them (the install step
/// only says what it would download: it needs a published release), with the upload step
/// left to GitHub: annotations, a SARIF file, the outputs, and the exit code of icsgov.
#[test]
fn the_github_action_runs_its_steps() {
    let action = yaml("action.yml");
    assert_eq!(action["runs"]["using"], "composite");
    let declared = &action["inputs"];
    let dir = tempfile::tempdir().unwrap();
    for (dataset, expected) in [
        (FAULTY, "1"),
        ("tests/fixtures/datasets/lsc-clean.json", "0"),
    ] {
        let mut inputs = serde_json::Map::new();
        for (name, spec) in declared.as_object().unwrap() {
            inputs.insert(name.clone(), spec["default"].clone());
        }
        inputs.insert("paths".into(), Value::String(dataset.into()));
        inputs.insert("args".into(), Value::String("--today 2025-10-01".into()));
        let sarif = dir.path().join("icsgov.sarif");
        inputs.insert(
            "sarif-file".into(),
            Value::String(sarif.display().to_string()),
        );
        let inputs = Value::Object(inputs);
        let github_output = dir.path().join("output");
        std::fs::write(&github_output, "").unwrap();
        let mut outputs = std::collections::BTreeMap::new();
        let mut last_code = None;
        for step in action["runs"]["steps"].as_array().unwrap() {
            let Some(run) = step["run"].as_str() else {
                // The upload step is GitHub's own action.
                assert!(step["uses"]
                    .as_str()
                    .unwrap()
                    .starts_with("github/codeql-action/upload-sarif@"));
                continue;
            };
            assert_eq!(step["shell"], "bash");
            let mut cmd = Command::new("bash");
            cmd.arg("-c")
                .arg(expand(run, &inputs, &outputs))
                .current_dir(root())
                .env("GITHUB_ACTION_PATH", root())
                .env("GITHUB_OUTPUT", &github_output)
                .env("ICSGOV", binary());
            if let Some(env) = step["env"].as_object() {
                for (k, v) in env {
                    cmd.env(k, expand(v.as_str().unwrap(), &inputs, &outputs));
                }
            }
            if run.contains("install.sh") {
                // No release is published from here: the step installs from a mirror of one
                // (ICSGOV_RELEASES_URL), an archive of the built binary made as the release
                // script makes it.
                let mirror = dir.path().join("mirror");
                cmd.env(
                    "ICSGOV_RELEASES_URL",
                    format!("file://{}", mirror.display()),
                )
                .env("RUNNER_TEMP", dir.path())
                .env("GITHUB_PATH", dir.path().join("path"));
                make_mirror(&mirror);
                let out = cmd.output().unwrap();
                assert!(
                    out.status.success(),
                    "{}",
                    String::from_utf8_lossy(&out.stderr)
                );
                assert!(String::from_utf8_lossy(&out.stdout).starts_with("icsgov "));
                let installed = dir.path().join("icsgov/bin");
                assert!(installed.join("icsgov").is_file());
                let path = std::fs::read_to_string(dir.path().join("path")).unwrap();
                assert_eq!(
                    path.lines().last(),
                    Some(installed.display().to_string().as_str())
                );
                continue;
            }
            let out = cmd.output().unwrap();
            let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
            for line in std::fs::read_to_string(&github_output).unwrap().lines() {
                let (k, v) = line.split_once('=').unwrap();
                outputs.insert(k.to_owned(), v.to_owned());
            }
            if step["id"] == "check" {
                assert_eq!(
                    out.status.code(),
                    Some(0),
                    "the check step records the code instead of failing"
                );
                if expected == "1" {
                    assert!(
                        stdout.contains(
                            "::error file=tests/fixtures/datasets/lsc-with-faults.json,line=788"
                        ),
                        "{stdout}"
                    );
                }
                let log: Value =
                    serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
                assert_eq!(log["version"], "2.1.0");
            }
            last_code = out.status.code();
        }
        assert_eq!(outputs.get("exit-code").map(String::as_str), Some(expected));
        // The last step fails the job as icsgov did.
        assert_eq!(last_code.map(|c| c.to_string()).as_deref(), Some(expected));
    }
}

/// A folder holding a release archive of the built binary, with its checksum, named as
/// `integrations/release.sh` names them for this machine.
fn make_mirror(mirror: &Path) {
    let url = Command::new("bash")
        .arg(root().join("integrations/github/install.sh"))
        .arg("--print-url")
        .env(
            "ICSGOV_RELEASES_URL",
            format!("file://{}", mirror.display()),
        )
        .output()
        .unwrap();
    let url = String::from_utf8(url.stdout).unwrap();
    let archive = url.trim_end().rsplit('/').next().unwrap().to_owned();
    assert!(
        archive.starts_with("icsgov-") && archive.ends_with(".tar.gz"),
        "{url}"
    );
    let folder = mirror.join("icsgov-0.1.0-host");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::copy(binary(), folder.join("icsgov")).unwrap();
    let script =
        format!("tar -czf {archive} icsgov-0.1.0-host && sha256sum {archive} > {archive}.sha256");
    let out = Command::new("sh")
        .arg("-c")
        .arg(script)
        .current_dir(mirror)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A damaged download is refused: the checksum does not match.
#[test]
fn the_installer_refuses_a_damaged_archive() {
    let dir = tempfile::tempdir().unwrap();
    let mirror = dir.path().join("mirror");
    make_mirror(&mirror);
    let archive = std::fs::read_dir(&mirror)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "gz"))
        .unwrap();
    let mut bytes = std::fs::read(&archive).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff;
    std::fs::write(&archive, bytes).unwrap();
    let out = Command::new("bash")
        .arg(root().join("integrations/github/install.sh"))
        .env(
            "ICSGOV_RELEASES_URL",
            format!("file://{}", mirror.display()),
        )
        .env("ICSGOV_INSTALL_DIR", dir.path().join("bin"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(!dir.path().join("bin/icsgov").exists());
}

/// The GitLab template's script, run by `sh` as a runner would (stopping at the first
/// failing command), with the image's `icsgov` on PATH: a JUnit report for GitLab, a
/// summary, and the job's exit code.
#[test]
fn the_gitlab_template_runs_its_script() {
    let template = yaml("integrations/gitlab/icsgov.gitlab-ci.yml");
    let job = &template["icsgov"];
    assert_eq!(job["artifacts"]["reports"]["junit"], "icsgov-junit.xml");
    let script: Vec<&str> = job["script"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    let dir = tempfile::tempdir().unwrap();
    for (dataset, code) in [(FAULTY, 1), ("tests/fixtures/datasets/lsc-clean.json", 0)] {
        let out = Command::new("sh")
            .arg("-ec")
            .arg(script.join("\n"))
            .current_dir(dir.path())
            .env("PATH", path_with_icsgov())
            .env("ICSGOV_PATHS", root().join(dataset))
            .env("ICSGOV_ARGS", "--today 2025-10-01")
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(code),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let junit = std::fs::read_to_string(dir.path().join("icsgov-junit.xml")).unwrap();
        let report = junit_parser::from_reader(junit.as_bytes()).unwrap();
        assert_eq!(report.suites[0].failures, code as u64);
        assert!(
            std::fs::read_to_string(dir.path().join("icsgov-summary.md"))
                .unwrap()
                .starts_with("# icsgov findings")
        );
    }
}

/// The pre-commit hooks are well formed; when pre-commit is installed, `pre-commit try-repo`
/// runs the `icsgov` hook on a dataset in a scratch repository.
#[test]
fn the_pre_commit_hook_runs_under_try_repo() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let hooks = hooks.as_array().unwrap();
    assert!(hooks
        .iter()
        .any(|h| h["id"] == "icsgov" && h["entry"] == "icsgov validate"));
    assert!(hooks
        .iter()
        .any(|h| h["id"] == "icsgov-docker" && h["language"] == "docker_image"));
    if Command::new("pre-commit")
        .arg("--version")
        .output()
        .is_err()
    {
        assert!(
            std::env::var_os("ICSGOV_REQUIRE_PRECOMMIT").is_none(),
            "pre-commit is required (ICSGOV_REQUIRE_PRECOMMIT is set) but not installed"
        );
        eprintln!("skipped: pre-commit is not installed (pip install pre-commit)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .args(args)
            .current_dir(repo)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    git(&["init", "-q"]);
    std::fs::copy(root().join(FAULTY), repo.join("faulty.json")).unwrap();
    std::fs::copy(
        root().join("tests/fixtures/datasets/lsc-clean.json"),
        repo.join("clean.json"),
    )
    .unwrap();
    git(&["add", "."]);
    let run = |file: &str| {
        Command::new("pre-commit")
            .args(["try-repo"])
            .arg(root())
            .args(["icsgov", "--files", file])
            .current_dir(repo)
            .env("PATH", path_with_icsgov())
            .env("PRE_COMMIT_HOME", dir.path().join(".cache"))
            .output()
            .unwrap()
    };
    let failing = run("faulty.json");
    let text = String::from_utf8_lossy(&failing.stdout);
    assert_eq!(failing.status.code(), Some(1), "{text}");
    assert!(text.contains("error[ICS201]"), "{text}");
    let passing = run("clean.json");
    assert_eq!(
        passing.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&passing.stdout)
    );
}

/// Completion scripts load in bash and name the commands; the manual pages are roff with a
/// page per command.
#[test]
fn completions_and_manual_pages() {
    let run = |args: &[&str]| {
        let out = Command::new(binary()).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = run(&["completions", shell]);
        assert!(
            script.contains("validate") && script.contains("deny-warnings"),
            "{shell}"
        );
    }
    let script = run(&["completions", "bash"]);
    let out = Command::new("bash")
        .arg("-c")
        .arg(format!("{script}\ncomplete -p icsgov"))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("-F _icsgov icsgov"));
    let page = run(&["man"]);
    assert!(page.contains(".TH icsgov 1"), "{page}");
    let validate = run(&["man", "validate"]);
    assert!(
        validate.contains(".TH icsgov-validate 1") && validate.contains("deny\\-warnings"),
        "{validate}"
    );
    let out = Command::new(binary())
        .args(["man", "nothing"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
