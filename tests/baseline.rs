//! Baselines survive what does not change the findings: lists in another order, and an
//! unrelated entity added above the others.

use icsgov::generate::{generate, GenerateOptions};
use icsgov::{Baseline, Body, BodyId, BodyKind, FileReport, Model, Policy, Reports, Validator};
use proptest::prelude::*;

fn run(m: &Model) -> Reports {
    let report = Validator::new(&Policy::default()).validate(m);
    Reports::new(vec![FileReport {
        file: "data/system.json".to_owned(),
        report,
    }])
}

/// The lists of `m` in an order drawn from `seed` (Fisher-Yates with a small LCG).
fn shuffled(mut m: Model, seed: u64) -> Model {
    let mut x = seed | 1;
    let mut next = move |n: usize| {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (x >> 33) as usize % n
    };
    for i in (1..m.footprints.len()).rev() {
        m.footprints.swap(i, next(i + 1));
    }
    for i in (1..m.bodies.len()).rev() {
        m.bodies.swap(i, next(i + 1));
    }
    for i in (1..m.relationships.len()).rev() {
        m.relationships.swap(i, next(i + 1));
    }
    m
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn a_baseline_survives_reordering_and_an_unrelated_insertion(
        seed in any::<u64>(),
        order in any::<u64>(),
        bodies in 50usize..400,
    ) {
        let original = generate(&GenerateOptions { bodies, violations: 0.05, seed });
        let before = run(&original);
        let recorded = before.summary.errors + before.summary.warnings + before.summary.infos;
        prop_assume!(recorded > 0);
        let baseline = Baseline::of(&before);

        let mut changed = shuffled(original, order);
        // A practice added at the top: it moves every body's position by one, and is itself
        // a new finding (a practice in no PCN).
        changed.bodies.insert(
            0,
            Body::new(BodyId::new("ZZ-INSERTED").unwrap(), "An added practice", BodyKind::GpPractice),
        );
        let mut after = run(&changed);
        let outcome = baseline.apply(&mut after);
        prop_assert_eq!(outcome.fixed, 0, "entries reported as fixed though nothing was");
        prop_assert_eq!(outcome.matched, recorded);
        for d in after.files[0].report.diagnostics().iter().filter(|d| d.counts()) {
            prop_assert!(
                d.related().iter().any(|r| r == "ZZ-INSERTED"),
                "{} {} reported as new: {}", d.code(), d.path(), d.message()
            );
        }
    }
}
