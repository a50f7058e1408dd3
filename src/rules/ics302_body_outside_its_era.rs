use crate::context::{Context, Entity};
use crate::model::{BodyKind, Date};
use crate::rules::{Check, Findings, Subjects};

declare_rule! {
    /// ### What it checks
    ///
    /// That no integrated care board exists before 1 July 2022, and no clinical commissioning
    /// group, NHS Trust Development Authority or Monitor after 30 June 2022. An ICB without a `valid_from` in a dated dataset claims to
    /// have existed before 1 July 2022, and is reported for that time.
    ///
    /// ### Why it matters
    ///
    /// The Health and Care Act 2022 abolished CCGs and established ICBs on 1 July 2022 (s19
    /// and the establishment orders; the Bill expected 1 April 2022, but commencement moved
    /// it), and on the same day abolished Monitor and the NHS Trust Development Authority,
    /// whose functions passed to NHS England (ss33 and 36). A CCG after that date or an ICB before
    /// it mixes two legal structures. See
    /// [the domain notes](https://github.com/icsgov/icsgov/blob/main/docs/domain.md#history).
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "bodies": [
    ///     {"id": "01K", "name": "NHS Morecambe Bay CCG", "kind": "clinical_commissioning_group", "valid_from": "2013-04-01", "valid_to": "2022-09-30"},
    ///     {"id": "QE1", "name": "NHS Lancashire and South Cumbria ICB", "kind": "integrated_care_board", "valid_from": "2022-04-01"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// End CCGs on 2022-06-30 and start ICBs on 2022-07-01, with a `succeeded_by`
    /// relationship from each CCG to its ICB.
    pub static BODY_OUTSIDE_ITS_ERA = {
        code: "ICS302",
        name: "body-outside-its-era",
        severity: Error,
        basis: Law("Health and Care Act 2022 ss19, 33, 36 and the ICB establishment orders: CCGs, Monitor and the NHS TDA abolished, ICBs established, 1 July 2022"),
        summary: "no integrated care board before 1 July 2022; no CCG, Monitor or NHS TDA after 30 June 2022",
        subjects: Subjects::Bodies(&[
            BodyKind::IntegratedCareBoard,
            BodyKind::ClinicalCommissioningGroup,
            BodyKind::NhsTrustDevelopmentAuthority,
            BodyKind::Monitor,
        ]),
        check: Check::Body(check),
        dates: &[(2022, 7, 1)],
        // The body's kind and dates only: no relationship.
        reads: &[],
    };
}

fn check(ctx: &Context<'_>, i: u32, out: &mut Findings) {
    let subject = Entity::Body(i);
    let (Some(at), Some(change)) = (ctx.at(), Date::new(2022, 7, 1)) else {
        return;
    };
    let b = ctx.body(i);
    let problem = match b.kind {
        BodyKind::IntegratedCareBoard if at < change => {
            "integrated care boards were established on 2022-07-01"
        }
        BodyKind::ClinicalCommissioningGroup if at >= change => {
            "clinical commissioning groups were abolished on 2022-07-01 (their last day was 2022-06-30)"
        }
        BodyKind::NhsTrustDevelopmentAuthority | BodyKind::Monitor if at >= change => {
            "Monitor and the NHS Trust Development Authority were abolished on 2022-07-01 (their last day was 2022-06-30), their functions passing to NHS England"
        }
        _ => return,
    };
    let life = match b.valid_from {
        None => "it has no valid_from".to_owned(),
        Some(_) => format!("it exists {}", b.validity()),
    };
    out.push(
        ctx.path(subject),
        format!("{} is in force ({life}), but {problem}", ctx.body_label(i)),
    )
    .related([b.id.as_str()])
    .help(match b.kind {
        BodyKind::IntegratedCareBoard => "set the ICB's valid_from to 2022-07-01 (or later)",
        BodyKind::NhsTrustDevelopmentAuthority | BodyKind::Monitor => {
            "set its valid_to to 2022-06-30, and make trusts accountable to NHS England from 2022-07-01"
        }
        _ => "set the CCG's valid_to to 2022-06-30, and add succeeded_by to its ICB",
    });
}
