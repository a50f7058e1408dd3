use crate::context::Context;
use crate::model::{BodyKind, RelationshipKind};
use crate::rules::boards::{is_nhs_england, named_delegation};
use crate::rules::{Check, Findings, Subjects};

declare_rule! {
    /// ### What it checks
    ///
    /// That NHS England's delegation of a commissioning function to an integrated care
    /// board (a `delegates_to` relationship naming its `function`) is not in force before
    /// the day NHS England's programme delegated that function to ICBs:
    ///
    /// | function | delegated to ICBs from |
    /// |---|---|
    /// | `primary_medical_services` | 1 July 2022, to every ICB |
    /// | `pharmaceutical_services`, `general_ophthalmic_services`, `dental_services` | 1 April 2023 (a few early adopters from 1 July 2022) |
    /// | `specialised_services` | 1 April 2024 in three regions (North West, Midlands, East of England), 1 April 2025 in the rest; joint committees from 1 April 2023 |
    ///
    /// ### Why it matters
    ///
    /// The Act let NHS England delegate from 1 July 2022 (s65Z5, with SI 2022/642); the
    /// dates above are NHS England's decisions, so a delegation dated earlier is more likely
    /// a wrong date than a real one, but not unlawful: a warning. The early adopters of
    /// pharmacy, optometry and dental delegation in July 2022 and the regions of 2024 are
    /// not told apart; waive the finding for them.
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "bodies": [
    ///     {"id": "nhse", "name": "NHS England", "kind": "nhs_england"},
    ///     {"id": "QE1", "name": "NHS Lancashire and South Cumbria ICB", "kind": "integrated_care_board"}
    ///   ],
    ///   "relationships": [
    ///     {"kind": "delegates_to", "from": "nhse", "to": "QE1", "function": "dental_services", "valid_from": "2022-10-01"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Correct the delegation's `valid_from`, or waive the finding for an early adopter.
    pub static DELEGATION_TIMING = {
        code: "ICS219",
        name: "delegation-timing",
        severity: Warning,
        basis: Guidance("NHS England's delegation programme: primary medical services from 1 July 2022; pharmacy, optometry and dental from 1 April 2023; specialised services from April 2024"),
        summary: "NHS England's delegation of a function to an ICB starts no earlier than its programme did",
        subjects: Subjects::Relationships(&[RelationshipKind::DelegatesTo]),
        check: Check::Relationship(check),
        dates: &[(2022, 7, 1), (2023, 4, 1), (2024, 4, 1)],
    };
}

fn check(ctx: &Context<'_>, r: u32, out: &mut Findings) {
    let Some((from, to, function)) = named_delegation(ctx, r) else {
        return;
    };
    let Some(day) = function.delegated_from() else {
        return;
    };
    if !is_nhs_england(ctx, from)
        || ctx.body_kind(to) != BodyKind::IntegratedCareBoard
        || !ctx.is_before(day)
    {
        return;
    }
    let (y, m, d) = day;
    out.push(
        ctx.relationship_path(r),
        format!(
            "{} delegates {function} to {} before {y}-{m:02}-{d:02}, the day NHS England's programme delegated it to ICBs",
            ctx.body_label(from),
            ctx.body_label(to)
        ),
    )
    .related([ctx.body(to).id.as_str(), ctx.body(from).id.as_str()])
    .help("correct the delegation's `valid_from`, or waive the finding if the ICB was an early adopter");
}
