//! Scale: load, validate, the machine's floor, each rule alone, the timeline, and worst-case
//! shapes, on generated models of 1k to 1M bodies. `cargo bench --bench scale` (about ten
//! minutes); pass a filter, such as `cargo bench --bench scale -- validate/`, to run part of it.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use icsgov::generate::{generate, GenerateOptions};
use icsgov::{
    Body, BodyId, BodyKind, Date, Footprint, FootprintId, Level, Model, Policy, Relationship,
    RelationshipKind, Tier, Validator,
};

const SIZES: [usize; 4] = [1_000, 10_000, 100_000, 1_000_000];

fn model(bodies: usize) -> Model {
    generate(&GenerateOptions {
        bodies,
        violations: 0.01,
        seed: 1,
    })
}

fn group<'a>(
    c: &'a mut Criterion,
    name: &str,
) -> criterion::BenchmarkGroup<'a, criterion::measurement::WallTime> {
    let mut g = c.benchmark_group(name);
    // Ten samples over a few seconds: the 1M-body cases take a second or more per run.
    g.sample_size(10)
        .warm_up_time(std::time::Duration::from_millis(500))
        .measurement_time(std::time::Duration::from_secs(3));
    g
}

fn load(c: &mut Criterion) {
    let mut g = group(c, "load");
    for n in SIZES {
        let text = model(n).to_json_string();
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("serde_json Value", n), &text, |b, t| {
            b.iter(|| serde_json::from_str::<serde_json::Value>(t).unwrap())
        });
        g.bench_with_input(BenchmarkId::new("json", n), &text, |b, t| {
            b.iter(|| Model::from_json_str(t).unwrap())
        });
        g.bench_with_input(BenchmarkId::new("json and validate", n), &text, |b, t| {
            let policy = Policy::default();
            b.iter(|| Validator::new(&policy).validate(&Model::from_json_str(t).unwrap()))
        });
        let yaml = model(n).to_yaml_string().unwrap();
        g.throughput(Throughput::Bytes(yaml.len() as u64));
        g.bench_with_input(BenchmarkId::new("yaml", n), &yaml, |b, t| {
            b.iter(|| Model::from_yaml_str(t).unwrap())
        });
    }
    g.finish();
}

fn validate(c: &mut Criterion) {
    let mut g = group(c, "validate");
    let policy = Policy::default();
    for n in SIZES {
        let m = model(n);
        g.throughput(Throughput::Elements(m.bodies.len() as u64));
        g.bench_with_input(BenchmarkId::new("all rules", n), &m, |b, m| {
            b.iter(|| Validator::new(&policy).validate(m))
        });
    }
    g.finish();
}

/// The machine's floor: what the first step of any check costs at each size, with none of
/// this crate's code. Every id of the generated model goes into a hash table of entity
/// numbers that compares against the model's own ids (as the context's index does), and
/// every relationship's ends are looked up in it (its second end only when its first is
/// found, as the count of relationships with both ends asks), on one thread; beside it, one pass in
/// order over the same relationships, reading the length of both ends. How these grow with the model is
/// the machine's caches, not the rules (docs/performance.md, "The machine's floor").
fn floor(c: &mut Criterion) {
    use std::hash::BuildHasher;
    let mut g = group(c, "floor");
    for n in SIZES {
        let m = model(n);
        g.throughput(Throughput::Elements(m.bodies.len() as u64));
        g.bench_with_input(BenchmarkId::new("intern and resolve", n), &m, |b, m| {
            let id_of = |code: u32| {
                let code = code as usize;
                match code.checked_sub(m.footprints.len()) {
                    None => m.footprints[code].id.as_str(),
                    Some(i) => m.bodies[i].id.as_str(),
                }
            };
            b.iter(|| {
                let hasher = foldhash::fast::RandomState::default();
                let ids = m.footprints.len() + m.bodies.len();
                let mut table = hashbrown::HashTable::<u32>::with_capacity(ids);
                for code in 0..ids as u32 {
                    let id = id_of(code);
                    table
                        .entry(
                            hasher.hash_one(id),
                            |&c| id_of(c) == id,
                            |&c| hasher.hash_one(id_of(c)),
                        )
                        .or_insert(code);
                }
                let find = |id: &str| table.find(hasher.hash_one(id), |&c| id_of(c) == id);
                m.relationships
                    .iter()
                    .filter(|r| find(r.from.as_str()).is_some() && find(r.to.as_str()).is_some())
                    .count()
            })
        });
        g.bench_with_input(BenchmarkId::new("one pass in order", n), &m, |b, m| {
            b.iter(|| {
                m.relationships
                    .iter()
                    .map(|r| r.from.as_str().len() + r.to.as_str().len())
                    .sum::<usize>()
            })
        });
    }
    g.finish();
}

fn each_rule(c: &mut Criterion) {
    let mut g = group(c, "rule");
    let alone = |code: Option<&str>| {
        let mut policy = Policy::default();
        for other in icsgov::rules::registry() {
            if Some(other.code()) != code {
                policy.rules.insert(other.code().to_owned(), Level::Allow);
            }
        }
        policy
    };
    for n in SIZES {
        let m = model(n);
        g.throughput(Throughput::Elements(m.bodies.len() as u64));
        for rule in icsgov::rules::registry()
            .iter()
            .filter(|r| !r.is_about_policy())
        {
            let policy = alone(Some(rule.code()));
            g.bench_with_input(BenchmarkId::new(rule.code(), n), &m, |b, m| {
                b.iter(|| Validator::new(&policy).validate(m))
            });
        }
        let none = alone(None);
        g.bench_with_input(
            BenchmarkId::new("no rules (the context alone)", n),
            &m,
            |b, m| b.iter(|| Validator::new(&none).validate(m)),
        );
    }
    g.finish();
}

/// A generated model whose practices open on many different days, and whose memberships
/// change: the timeline has about as many change points as practices.
fn dated(n: usize) -> Model {
    let mut m = model(n);
    let base = Date::new(2019, 7, 1).unwrap();
    for (i, b) in m.bodies.iter_mut().enumerate() {
        if b.kind == BodyKind::GpPractice {
            let mut d = base;
            for _ in 0..(i * 7 % 1500) {
                d = d.succ().unwrap();
            }
            b.valid_from = Some(d);
        }
    }
    m
}

fn timeline(c: &mut Criterion) {
    let mut g = group(c, "timeline");
    let policy = Policy::default();
    let on = Date::new(2023, 4, 1).unwrap();
    for n in SIZES {
        let m = dated(n);
        g.bench_with_input(BenchmarkId::new("as of one date", n), &m, |b, m| {
            b.iter(|| Validator::new(&policy).as_of(on).validate(m))
        });
        g.bench_with_input(BenchmarkId::new("whole timeline", n), &m, |b, m| {
            b.iter(|| Validator::new(&policy).validate(m))
        });
    }
    g.finish();
}

/// `n` trusts, each with a well-formed five-character code (`00000`, `00001`, ...): ids such as
/// `T12345` would break ICS004 at some sizes and not others (every one of six or seven
/// characters, none of five), so the worst shapes would time the findings, not the shape.
fn trusts(n: usize) -> Vec<Body> {
    (0..n)
        .map(|i| {
            Body::new(
                BodyId::new(trust_code(i)).unwrap(),
                format!("Trust {i}"),
                BodyKind::NhsTrust,
            )
        })
        .collect()
}

/// `i` in base 36, in five digits and capital letters: a well-formed trust code for the first
/// 60 million.
fn trust_code(mut i: usize) -> String {
    const DIGITS: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut code = [b'0'; 5];
    for c in code.iter_mut().rev() {
        *c = DIGITS[i % 36];
        i /= 36;
    }
    String::from_utf8(code.to_vec()).unwrap()
}

fn chain(n: usize, close: bool) -> Model {
    let bodies = trusts(n);
    let mut relationships: Vec<Relationship> = bodies
        .windows(2)
        .map(|w| {
            Relationship::new(
                RelationshipKind::AccountableTo,
                w[0].id.clone(),
                w[1].id.clone(),
            )
        })
        .collect();
    if close {
        relationships.push(Relationship::new(
            RelationshipKind::AccountableTo,
            bodies[n - 1].id.clone(),
            bodies[0].id.clone(),
        ));
    }
    Model {
        bodies,
        relationships,
        ..Model::default()
    }
}

fn wide_place(n: usize) -> Model {
    let sys = FootprintId::new("sys").unwrap();
    let place = FootprintId::new("place").unwrap();
    let mut footprints = vec![
        Footprint::new(sys.clone(), "System", Tier::System),
        Footprint::new(place.clone(), "Place", Tier::Place),
    ];
    footprints[0].population = Some(10_000_000_000);
    footprints[1].within = Some(sys);
    footprints[1].population = Some(40_000 * n as u64);
    for i in 0..n {
        let mut f = Footprint::new(
            FootprintId::new(format!("n{i}")).unwrap(),
            format!("Neighbourhood {i}"),
            Tier::Neighbourhood,
        );
        f.within = Some(place.clone());
        f.population = Some(40_000);
        footprints.push(f);
    }
    Model {
        footprints,
        ..Model::default()
    }
}

/// `n` trusts accountable to NHS England, each from a different day: a timeline of `n` change
/// points around one hub, which must not cost a search of the whole graph per change point.
fn star_of_dates(n: usize) -> Model {
    let mut bodies = trusts(n);
    bodies.push(Body::new(
        BodyId::new("nhse").unwrap(),
        "NHS England",
        BodyKind::NhsEngland,
    ));
    // Day 10,957 after 1970-01-01 is 2000-01-01.
    let relationships = (0..n)
        .map(|i| {
            let mut r = Relationship::new(
                RelationshipKind::AccountableTo,
                bodies[i].id.clone(),
                BodyId::new("nhse").unwrap(),
            );
            r.valid_from = Date::from_unix_days(10_957 + i as i64);
            r
        })
        .collect();
    Model {
        bodies,
        relationships,
        ..Model::default()
    }
}

/// `n` footprints within one, each from a different day, adding up to far less than it: the
/// parent's total changes on every one of those days.
fn footprints_of_dates(n: usize, tier: Tier) -> Model {
    let mut m = wide_place(n);
    if tier == Tier::Place {
        // The places sit in the system directly; the place of `wide_place` goes.
        m.footprints.remove(1);
    }
    let parent = if tier == Tier::Place { 0 } else { 1 };
    m.footprints[parent].population = Some(1_000_000_000_000);
    let within = m.footprints[parent].id.clone();
    for (i, f) in m.footprints.iter_mut().skip(parent + 1).enumerate() {
        f.tier = tier;
        f.within = Some(within.clone());
        f.valid_from = Date::from_unix_days(10_957 + i as i64);
    }
    m
}

fn hostile(c: &mut Criterion) {
    let mut g = group(c, "hostile");
    let policy = Policy::default();
    for n in [1_000, 4_000, 16_000] {
        let m = star_of_dates(n);
        g.bench_with_input(
            BenchmarkId::new("trusts accountable from n different days", n),
            &m,
            |b, m| b.iter(|| Validator::new(&policy).validate(m)),
        );
        let m = footprints_of_dates(n, Tier::Place);
        g.bench_with_input(
            BenchmarkId::new("places in one system from n different days", n),
            &m,
            |b, m| b.iter(|| Validator::new(&policy).validate(m)),
        );
        let m = footprints_of_dates(n, Tier::Neighbourhood);
        g.bench_with_input(
            BenchmarkId::new("neighbourhoods in one place from n different days", n),
            &m,
            |b, m| b.iter(|| Validator::new(&policy).validate(m)),
        );
    }
    g.finish();
}

fn worst_cases(c: &mut Criterion) {
    let mut g = group(c, "worst");
    let policy = Policy::default();
    for n in [10_000, 100_000, 1_000_000] {
        let m = chain(n, false);
        g.bench_with_input(BenchmarkId::new("accountability chain", n), &m, |b, m| {
            b.iter(|| Validator::new(&policy).validate(m))
        });
        let m = chain(n, true);
        g.bench_with_input(BenchmarkId::new("accountability cycle", n), &m, |b, m| {
            b.iter(|| Validator::new(&policy).validate(m))
        });
        let m = wide_place(n);
        g.bench_with_input(
            BenchmarkId::new("one place, n neighbourhoods", n),
            &m,
            |b, m| b.iter(|| Validator::new(&policy).validate(m)),
        );
    }
    g.finish();
}

/// `icsgov::diff` and the history fold at growing sizes: two generated models of the same
/// shape whose violations differ (so bodies, relationships and findings change between them).
fn changes(c: &mut Criterion) {
    let mut g = group(c, "changes");
    let policy = Policy::default();
    for n in [1_000, 10_000, 100_000] {
        let old = model(n);
        let new = generate(&GenerateOptions {
            bodies: n,
            violations: 0.05,
            seed: 2,
        });
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::new("diff", n), &(&old, &new), |b, (o, m)| {
            b.iter(|| icsgov::diff::diff(o, m, &policy, &icsgov::diff::DiffOptions::default()))
        });
        #[cfg(feature = "import")]
        {
            let months = [
                (Date::new(2025, 1, 1).unwrap(), old.clone()),
                (Date::new(2025, 4, 1).unwrap(), new.clone()),
                (Date::new(2025, 7, 1).unwrap(), old.clone()),
            ];
            g.bench_with_input(
                BenchmarkId::new("history of 3 months", n),
                &months,
                |b, s| b.iter(|| icsgov::import::fold(s)),
            );
        }
    }
    g.finish();
}

criterion_group!(
    benches,
    changes,
    load,
    validate,
    floor,
    each_rule,
    timeline,
    worst_cases,
    hostile
);
criterion_main!(benches);
