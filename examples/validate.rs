//! Load the Lancashire and South Cumbria example, validate it, and print the diagnostics.
//!
//! Run with `cargo run --example validate [FILE]`.

use icsgov::{Model, Policy, Validator};

/// The bundled worked example.
pub const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/lancashire-south-cumbria.json"
);

/// Loads and validates `path`, printing one line per diagnostic; returns the report.
pub fn run(path: &str) -> Result<icsgov::Report, icsgov::Error> {
    let model = Model::from_path(path)?;
    let policy = Policy::default();
    let report = Validator::new(&policy).validate(&model);
    println!(
        "{}: {} footprints, {} bodies, {} relationships",
        model.name.as_deref().unwrap_or(path),
        model.footprints.len(),
        model.bodies.len(),
        model.relationships.len()
    );
    for d in report.diagnostics() {
        println!(
            "{} {} {}: {}",
            d.severity(),
            d.code(),
            d.path(),
            d.message()
        );
    }
    let s = report.summary();
    println!(
        "{} errors, {} warnings, {} infos",
        s.errors, s.warnings, s.infos
    );
    Ok(report)
}

#[allow(dead_code)]
fn main() -> Result<(), icsgov::Error> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| EXAMPLE.to_owned());
    let report = run(&path)?;
    if report.has_errors() {
        std::process::exit(1);
    }
    Ok(())
}
