//! Importing the vendored England publications and validating them, as the CLI does end to end.
//!
//! `cargo bench --bench england`. Reads the publications vendored in `data/nhs-england`.

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion};
use icsgov::import::{import, ImportOptions, Publication};
use icsgov::{
    Body, BodyId, BodyKind, Date, Function, Membership, Model, Person, PersonId, Policy,
    Relationship, RelationshipKind, Remit, Role, Validator,
};

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

/// England with a board for every ICB: invented people (`bench-…` ids) in the ten seats the
/// rules look at, the chair changing on 1 April 2024, audit and remuneration committees, and
/// NHS England's delegation of primary medical services: what a dataset with memberships
/// costs against the same dataset without.
fn with_boards(m: &Model) -> Model {
    let mut m = m.clone();
    let icbs: Vec<BodyId> = m
        .bodies
        .iter()
        .filter(|b| b.kind == BodyKind::IntegratedCareBoard)
        .map(|b| b.id.clone())
        .collect();
    let nhse = m
        .bodies
        .iter()
        .find(|b| b.kind == BodyKind::NhsEngland)
        .map(|b| b.id.clone());
    let seats = [
        Role::Chair,
        Role::ChiefExecutive,
        Role::PartnerMemberTrusts,
        Role::PartnerMemberPrimaryMedicalServices,
        Role::PartnerMemberLocalAuthorities,
        Role::NonExecutiveMember,
        Role::NonExecutiveMember,
        Role::DirectorOfFinance,
        Role::MedicalDirector,
        Role::DirectorOfNursing,
    ];
    for icb in icbs {
        for (k, role) in seats.into_iter().enumerate() {
            for term in 0..if role == Role::Chair { 2 } else { 1 } {
                let id = PersonId::new(format!("bench-{icb}-{k}-{term}")).unwrap();
                m.people.push(Person {
                    id: id.clone(),
                    name: format!("Board member {k}"),
                    extensions: None,
                });
                let mut seat = Membership::new(id, role, icb.clone());
                if role == Role::Chair {
                    seat.appointed_by = nhse.clone();
                    if term == 0 {
                        seat.valid_to = Date::new(2024, 3, 31);
                    } else {
                        seat.valid_from = Date::new(2024, 4, 1);
                    }
                }
                m.memberships.push(seat);
            }
        }
        for remit in [Remit::Audit, Remit::Remuneration] {
            let id = BodyId::new(format!("bench-{icb}-{}", remit.key())).unwrap();
            let mut c = Body::new(id.clone(), "Committee", BodyKind::Committee);
            c.remit = Some(remit);
            m.bodies.push(c);
            m.relationships.push(Relationship::new(
                RelationshipKind::CommitteeOf,
                id.clone(),
                icb.clone(),
            ));
            m.relationships.push(Relationship::new(
                RelationshipKind::AccountableTo,
                id,
                icb.clone(),
            ));
        }
        if let Some(nhse) = &nhse {
            let mut r = Relationship::new(RelationshipKind::DelegatesTo, nhse.clone(), icb.clone());
            r.function = Some(Function::PrimaryMedicalServices);
            m.relationships.push(r);
        }
    }
    m
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
    let boards = with_boards(&model);
    g.bench_function("validate with boards as of 2025-10-01", |b| {
        b.iter(|| Validator::new(&policy).as_of(date).validate(&boards))
    });
    g.bench_function("validate with boards without a date", |b| {
        b.iter(|| Validator::new(&policy).validate(&boards))
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
