//! The catalogue of bad input in `tests/bad_input/`: each file with its `.expect` (exit code
//! and a piece of the output), plus the cases too large to keep, generated here. Nothing may
//! panic, hang or be silently accepted; the slowest case is printed (`--nocapture`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use assert_cmd::Command;

fn catalogue() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/bad_input")
}

struct Expect {
    exit: i32,
    stream: String,
    text: String,
}

fn parse_expect(text: &str) -> Expect {
    let mut exit = None;
    let mut out = None;
    for line in text.lines() {
        if let Some(v) = line.strip_prefix("exit: ") {
            exit = v.trim().parse().ok();
        } else if let Some((stream, t)) = line.split_once(": ") {
            out = Some((stream.to_owned(), t.to_owned()));
        }
    }
    let (stream, text) = out.expect("an .expect file names stdout or stderr");
    Expect {
        exit: exit.expect("an .expect file has an exit line"),
        stream,
        text,
    }
}

/// Runs `icsgov validate` on one file from `dir`, checks the expectation, returns the time.
fn run(dir: &Path, file: &str, e: &Expect) -> Duration {
    let start = Instant::now();
    let out = Command::cargo_bin("icsgov")
        .unwrap()
        .current_dir(dir)
        .args(["validate", file, "--color", "never"])
        .timeout(Duration::from_secs(300))
        .output()
        .unwrap();
    let took = start.elapsed();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{file} panicked:\n{stderr}");
    assert_eq!(
        out.status.code(),
        Some(e.exit),
        "{file}: exit code\nstdout:\n{stdout}\nstderr:\n{stderr}"
    );
    let haystack = if e.stream == "stdout" {
        &stdout
    } else {
        &stderr
    };
    assert!(
        haystack.contains(&e.text),
        "{file}: {} lacks {:?}\nstdout:\n{stdout}\nstderr:\n{stderr}",
        e.stream,
        e.text
    );
    took
}

#[test]
fn every_catalogued_case_gives_its_error_or_diagnostic_and_exit_code() {
    let dir = catalogue();
    let mut cases: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".expect"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 30, "only {} cases", cases.len());
    let mut slowest = (Duration::ZERO, String::new());
    for expect in &cases {
        let file = expect.trim_end_matches(".expect");
        let e = parse_expect(&std::fs::read_to_string(dir.join(expect)).unwrap());
        let took = run(&dir, file, &e);
        if took > slowest.0 {
            slowest = (took, file.to_owned());
        }
    }
    eprintln!(
        "{} catalogued cases; slowest: {} in {:?}",
        cases.len(),
        slowest.1,
        slowest.0
    );
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::File::create(dir.join(name))
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
}

fn trust(i: usize) -> String {
    format!("{{\"id\": \"trust-{i}\", \"name\": \"Trust {i}\", \"kind\": \"nhs_trust\"}}")
}

fn accountability(n: usize, close: bool) -> String {
    let mut s = String::with_capacity(n * 120);
    s.push_str("{\"bodies\": [\n");
    for i in 0..n {
        s.push_str(&trust(i));
        s.push_str(if i + 1 < n { ",\n" } else { "\n" });
    }
    s.push_str("], \"relationships\": [\n");
    for i in 0..n - 1 {
        s.push_str(&format!(
            "{{\"kind\": \"accountable_to\", \"from\": \"trust-{i}\", \"to\": \"trust-{}\"}},\n",
            i + 1
        ));
    }
    if close {
        s.push_str(&format!(
            "{{\"kind\": \"accountable_to\", \"from\": \"trust-{}\", \"to\": \"trust-0\"}},\n",
            n - 1
        ));
    }
    s.push_str("{\"kind\": \"reviews\", \"from\": \"trust-0\", \"to\": \"trust-1\"}\n]}\n");
    s
}

#[test]
fn generated_cases_too_large_to_keep() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut timings = Vec::new();
    let mut case = |name: &str, text: String, e: Expect| {
        write(d, name, &text);
        drop(text);
        timings.push((run(d, name, &e), name.to_owned()));
    };
    let deep = 10_000;
    case(
        "deep-10000.json",
        format!(
            "{{\"extensions\": {{\"x\": {}{}}}}}",
            "[".repeat(deep),
            "]".repeat(deep)
        ),
        Expect {
            exit: 2,
            stream: "stderr".into(),
            text: "nests more than 128 levels deep".into(),
        },
    );
    case(
        "deep-10000.yaml",
        format!(
            "extensions:\n  x: {}{}\n",
            "[".repeat(deep),
            "]".repeat(deep)
        ),
        Expect {
            exit: 2,
            stream: "stderr".into(),
            text: "the YAML nests too deeply".into(),
        },
    );
    case(
        "chain-1000000.json",
        accountability(1_000_000, false),
        Expect {
            exit: 0,
            stream: "stdout".into(),
            text: "1 file checked: 0 errors".into(),
        },
    );
    case(
        "cycle-100000.json",
        accountability(100_000, true),
        Expect {
            exit: 1,
            stream: "stdout".into(),
            text: "accountability runs in a cycle of 100,000 bodies: trust-0 → trust-1 → trust-2"
                .into(),
        },
    );
    // 100 MB: a realistic system, and a large block of extensions, as exported spreadsheets
    // sometimes carry; above the streaming threshold, so read without holding the text.
    let mut big = String::with_capacity(105 << 20);
    big.push_str("{\"extensions\": {\"notes\": [");
    let note = format!("\"{}\"", "x".repeat(1000));
    for i in 0..100_000 {
        if i > 0 {
            big.push(',');
        }
        big.push_str(&note);
    }
    big.push_str("]}, \"bodies\": [");
    for i in 0..1000 {
        if i > 0 {
            big.push(',');
        }
        big.push_str(&trust(i));
    }
    big.push_str("]}\n");
    assert!(big.len() >= 100_000_000);
    case(
        "big-100mb.json",
        big,
        Expect {
            exit: 0,
            stream: "stdout".into(),
            text: "1 file checked: 0 errors".into(),
        },
    );
    timings.sort();
    if let Some((t, name)) = timings.last() {
        eprintln!("generated cases; slowest: {name} in {t:?}");
    }
}
