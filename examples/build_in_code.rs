//! Build a model in code, as a service embedding icsgov would, and check it as of a date.
//!
//! Run with `cargo run --example build_in_code`.

use icsgov::{
    Body, BodyId, BodyKind, Date, Footprint, FootprintId, Model, Policy, Relationship,
    RelationshipKind, Tier, Validator,
};

/// Builds a small system in code and returns the report as of 1 January 2024.
pub fn run() -> Result<icsgov::Report, Box<dyn std::error::Error>> {
    let lsc = FootprintId::new("lsc")?;
    let nhse = BodyId::new("nhse")?;
    let icb = BodyId::new("QE1")?;

    let mut system = Footprint::new(lsc.clone(), "Lancashire and South Cumbria", Tier::System);
    system.population = Some(1_800_000);
    let mut board = Body::new(
        icb.clone(),
        "NHS Lancashire and South Cumbria ICB",
        BodyKind::IntegratedCareBoard,
    );
    board.footprint = Some(lsc);
    board.valid_from = Date::new(2022, 7, 1);

    let model = Model {
        footprints: vec![system],
        bodies: vec![
            Body::new(nhse.clone(), "NHS England", BodyKind::NhsEngland),
            board,
        ],
        relationships: vec![
            Relationship::new(
                RelationshipKind::ApprovesConstitution,
                nhse.clone(),
                icb.clone(),
            ),
            Relationship::new(RelationshipKind::AccountableTo, icb, nhse),
        ],
        ..Model::default()
    };

    let policy = Policy::default();
    let date = Date::new(2024, 1, 1).ok_or("bad date")?;
    let report = Validator::new(&policy).as_of(date).validate(&model);
    for d in report.diagnostics() {
        println!("{d}");
    }
    Ok(report)
}

#[allow(dead_code)]
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let report = run()?;
    println!("{} diagnostics", report.diagnostics().len());
    Ok(())
}
