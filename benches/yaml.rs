//! YAML readers for this shape of data: serde-saphyr (what icsgov uses) against serde_norway
//! (the maintained fork of serde_yaml, on libyaml), reading the same generated dataset into
//! the same `Model`. icsgov would switch only for a reader at least twice as fast and as
//! strict (a budget on aliases and size, duplicate keys refused, no tags).
//!
//! `cargo bench --bench yaml`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use icsgov::generate::{generate, GenerateOptions};
use icsgov::Model;

fn yaml(c: &mut Criterion) {
    let mut g = c.benchmark_group("yaml");
    g.sample_size(10);
    for n in [1_000usize, 10_000] {
        let m = generate(&GenerateOptions {
            bodies: n,
            violations: 0.0,
            seed: 7,
        });
        let text = m.to_yaml_string().unwrap();
        // Both readers give the same model.
        let norway: Model = serde_norway::from_str(&text).unwrap();
        assert_eq!(norway, Model::from_yaml_str(&text).unwrap());
        g.bench_with_input(BenchmarkId::new("serde-saphyr", n), &text, |b, t| {
            b.iter(|| Model::from_yaml_str(t).unwrap())
        });
        g.bench_with_input(BenchmarkId::new("serde_norway", n), &text, |b, t| {
            b.iter(|| serde_norway::from_str::<Model>(t).unwrap())
        });
        g.bench_with_input(
            BenchmarkId::new("json (for scale)", n),
            &m.to_json_string(),
            |b, t| b.iter(|| Model::from_json_str(t).unwrap()),
        );
    }
    g.finish();
}

criterion_group!(benches, yaml);
criterion_main!(benches);
