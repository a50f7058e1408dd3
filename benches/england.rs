//! Importing the vendored England publications and validating them, as the CLI does end to end.
//!
//! `cargo bench --bench england`. Reads the publications vendored in `data/nhs-england`.

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion};
use icsgov::import::{import, ImportOptions, Publication};
use icsgov::{Date, Model, Policy, Validator};

fn files() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/nhs-england");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| {
            d.map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "csv"))
                .collect()
        })
        .unwrap_or_default();
    paths.sort();
    paths
        .into_iter()
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect()
}

fn england(c: &mut Criterion) {
    let files = files();
    if files.is_empty() {
        eprintln!("data/nhs-england not found: skipping the England benches");
        return;
    }
    let sources: Vec<Publication<'_>> = files
        .iter()
        .map(|(n, b)| Publication { name: n, bytes: b })
        .collect();
    let policy = Policy::default();
    let date: Date = "2025-10-01".parse().unwrap();
    let model = import(&sources, &ImportOptions::default()).unwrap().model;
    let json = model.to_json_string();

    let mut g = c.benchmark_group("england");
    g.sample_size(20);
    g.bench_function("import all publications", |b| {
        b.iter(|| import(&sources, &ImportOptions::default()).unwrap())
    });
    g.bench_function("load england.json", |b| {
        b.iter(|| Model::from_json_str(&json).unwrap())
    });
    g.bench_function("validate as of 2025-10-01", |b| {
        b.iter(|| Validator::new(&policy).as_of(date).validate(&model))
    });
    g.bench_function("validate without a date", |b| {
        b.iter(|| Validator::new(&policy).validate(&model))
    });
    g.bench_function("import, write, load and validate", |b| {
        b.iter(|| {
            let m = import(&sources, &ImportOptions::default()).unwrap().model;
            let text = m.to_json_string();
            let back = Model::from_json_str(&text).unwrap();
            Validator::new(&policy).as_of(date).validate(&back)
        })
    });
    g.finish();
}

criterion_group!(benches, england);
criterion_main!(benches);
