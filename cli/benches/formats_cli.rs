//! Every output format against `--format json`, one `icsgov validate` process each, on a
//! generated dataset with 5% of its entities faulty: written pretty-printed, and the same data
//! written on one line. Placing thousands of findings at their line and column is one pass
//! over the text, shared by all of them, so no format should cost much more than JSON and a
//! dataset on one line no more than a pretty-printed one.
//!
//! `cargo bench -p icsgov-cli --bench formats_cli` (`ICSGOV_BENCH_BODIES` sets the size;
//! 100,000 by default).

use std::path::Path;
use std::process::{Command, Stdio};

use criterion::{criterion_group, criterion_main, Criterion};

fn formats(c: &mut Criterion) {
    let bodies: usize = std::env::var("ICSGOV_BENCH_BODIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().unwrap();
    let pretty = dir.path().join("pretty.json");
    let status = Command::new(env!("CARGO_BIN_EXE_icsgov"))
        .args([
            "generate",
            "--bodies",
            &bodies.to_string(),
            "--violations",
            "0.05",
            "-o",
        ])
        .arg(&pretty)
        .status()
        .unwrap();
    assert!(status.success());
    let one_line = dir.path().join("one-line.json");
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&pretty).unwrap()).unwrap();
    std::fs::write(&one_line, serde_json::to_string(&value).unwrap()).unwrap();

    let run = |file: &Path, format: &str| {
        let status = Command::new(env!("CARGO_BIN_EXE_icsgov"))
            .arg("validate")
            .arg(file)
            .args(["--format", format, "--isolated"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert_eq!(status.code(), Some(1));
    };
    let mut g = c.benchmark_group(format!("formats_{bodies}"));
    g.sample_size(10);
    for format in ["json", "human", "github", "sarif", "junit", "summary"] {
        g.bench_function(format, |b| b.iter(|| run(&pretty, format)));
    }
    for format in ["json", "human"] {
        g.bench_function(format!("{format} (one line)"), |b| {
            b.iter(|| run(&one_line, format))
        });
    }
    g.finish();
}

criterion_group!(benches, formats);
criterion_main!(benches);
