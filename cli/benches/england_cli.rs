//! The whole of England, imported and validated by one `icsgov` process end to end:
//! `icsgov validate data/nhs-england/*.csv --as-of 2025-10-01 --format json`.
//!
//! `cargo bench -p icsgov-cli --bench england_cli`.

use std::path::PathBuf;
use std::process::{Command, Stdio};

use criterion::{criterion_group, criterion_main, Criterion};

fn england_cli(c: &mut Criterion) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../data/nhs-england");
    let mut csvs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| {
            d.map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "csv"))
                .collect()
        })
        .unwrap_or_default();
    if csvs.is_empty() {
        eprintln!("{} not found: skipping", dir.display());
        return;
    }
    csvs.sort();
    let mut g = c.benchmark_group("england_cli");
    g.sample_size(20);
    g.bench_function("icsgov validate *.csv (one process)", |b| {
        b.iter(|| {
            let status = Command::new(env!("CARGO_BIN_EXE_icsgov"))
                .arg("validate")
                .args(&csvs)
                .args(["--as-of", "2025-10-01", "--format", "json"])
                .stdout(Stdio::null())
                .status()
                .unwrap();
            // England has warnings and infos, and no errors, as of 2025-10-01 (see
            // docs/england.md): exit 0. Exit 2 would mean the CSVs could not be read.
            assert_eq!(status.code(), Some(0));
        })
    });
    g.finish();
}

criterion_group!(benches, england_cli);
criterion_main!(benches);
