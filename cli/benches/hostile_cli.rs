//! Shapes a hostile or careless dataset author can send, at growing sizes, through one
//! `icsgov` process each: the cost must grow with the input, not with its square.
//!
//! - a generated dataset written on one line (as `jq -c` writes it), with human output,
//!   whose every finding is located by line and column;
//! - a policy with one waiver per generated body, with human output, whose waivers are each
//!   located in the policy file.
//!
//! `cargo bench -p icsgov-cli --bench hostile_cli`. Compare the time per size: 4x the input
//! should cost about 4x the time.

use std::path::Path;
use std::process::{Command, Stdio};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use icsgov::generate::{generate, GenerateOptions};

fn run(args: &[&str], dir: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_icsgov"))
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    // 0 or 1: the run finished, with or without findings.
    assert!(matches!(status.code(), Some(0 | 1)), "{status}");
}

fn hostile_cli(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut g = c.benchmark_group("hostile_cli");
    g.sample_size(10);
    for n in [2_000, 8_000, 32_000] {
        let model = generate(&GenerateOptions {
            bodies: n,
            violations: 0.05,
            seed: 1,
        });
        let pretty = model.to_json_string();
        let value: serde_json::Value = serde_json::from_str(&pretty).unwrap();
        let one_line = dir.path().join(format!("one-line-{n}.json"));
        std::fs::write(&one_line, serde_json::to_string(&value).unwrap()).unwrap();
        let file = one_line.to_str().unwrap().to_owned();
        g.bench_with_input(
            BenchmarkId::new("dataset on one line, human output", n),
            &file,
            |b, f| b.iter(|| run(&["validate", f, "--format", "human"], dir.path())),
        );

        let mut policy = String::new();
        for body in &model.bodies {
            policy.push_str(&format!(
                "[[waivers]]\nrule = \"ICS103\"\nentity = \"{}\"\nreason = \"bench\"\nowner = \"bench\"\nexpires = \"2099-01-01\"\n\n",
                body.id
            ));
        }
        let policy_file = dir.path().join(format!("waivers-{n}.toml"));
        std::fs::write(&policy_file, policy).unwrap();
        let args = [
            "validate".to_owned(),
            file.clone(),
            "--policy".to_owned(),
            policy_file.to_str().unwrap().to_owned(),
            "--format".to_owned(),
            "human".to_owned(),
        ];
        g.bench_with_input(
            BenchmarkId::new("a waiver per body, human output", n),
            &args,
            |b, a| {
                let a: Vec<&str> = a.iter().map(String::as_str).collect();
                b.iter(|| run(&a, dir.path()))
            },
        );
    }
    g.finish();
}

criterion_group!(benches, hostile_cli);
criterion_main!(benches);
