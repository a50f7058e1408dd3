use crate::context::{Context, Entity};
use crate::model::{BodyKind, RelationshipKind};
use crate::rules::{Check, Findings, Subjects};

declare_rule! {
    /// ### What it checks
    ///
    /// That a trust is accountable to the regulator of its day: before 1 July 2022 an NHS
    /// trust to the NHS Trust Development Authority and a foundation trust to Monitor, not to
    /// NHS England; and never a foundation trust to the TDA or an NHS trust to Monitor. (The
    /// TDA or Monitor after 30 June 2022 is ICS302's.)
    ///
    /// ### Why it matters
    ///
    /// Until the Health and Care Act 2022 abolished them on 1 July 2022 (s33 Monitor, s36 the
    /// TDA) and passed their functions to NHS England, NHS trusts answered to the TDA and
    /// foundation trusts to Monitor (together operating as NHS Improvement). A history that
    /// makes a trust accountable to NHS England in 2020 describes an accountability that did
    /// not exist in law (see
    /// [the domain notes](https://github.com/icsgov/icsgov/blob/main/docs/domain.md#history)).
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "bodies": [
    ///     {"id": "nhse", "name": "NHS England", "kind": "nhs_england"},
    ///     {"id": "RXR", "name": "East Lancashire Hospitals NHS Trust", "kind": "nhs_trust"}
    ///   ],
    ///   "relationships": [
    ///     {"kind": "accountable_to", "from": "RXR", "to": "nhse", "valid_from": "2020-04-01"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Make the trust accountable to the NHS Trust Development Authority (an NHS trust) or to
    /// Monitor (a foundation trust) until 2022-06-30, and to NHS England from 2022-07-01.
    pub static TRUST_REGULATOR_ERA = {
        code: "ICS307",
        name: "trust-regulator-era",
        severity: Error,
        basis: Law("Health and Care Act 2022 ss33, 36: Monitor and the NHS TDA abolished, their functions passing to NHS England on 1 July 2022"),
        summary: "before 1 July 2022 trusts are accountable to the NHS TDA or Monitor, not to NHS England",
        subjects: Subjects::Relationships(&[RelationshipKind::AccountableTo]),
        check: Check::Relationship(check),
        dates: &[CHANGE],
    };
}

const CHANGE: (u16, u8, u8) = (2022, 7, 1);

fn check(ctx: &Context<'_>, r: u32, out: &mut Findings) {
    let subject = Entity::Relationship(r);
    let Some((from, to)) = ctx.edge_in_force(subject) else {
        return;
    };
    let (fk, tk) = (ctx.body_kind(from), ctx.body_kind(to));
    if !fk.is_trust() {
        return;
    }
    let before = ctx.is_before(CHANGE);
    let problem = match (fk, tk) {
        (_, BodyKind::NhsEngland) if before => {
            "before 1 July 2022 NHS trusts answered to the NHS Trust Development Authority and foundation trusts to Monitor, not to NHS England"
        }
        (BodyKind::NhsFoundationTrust, BodyKind::NhsTrustDevelopmentAuthority) => {
            "a foundation trust answered to Monitor, not to the NHS Trust Development Authority"
        }
        (BodyKind::NhsTrust, BodyKind::Monitor) => {
            "an NHS trust answered to the NHS Trust Development Authority, not to Monitor"
        }
        _ => return,
    };
    out.push(
        ctx.path(subject),
        format!(
            "{} is accountable to {}, but {problem}",
            ctx.body_label(from),
            ctx.body_label(to)
        ),
    )
    .related([ctx.body(from).id.as_str(), ctx.body(to).id.as_str()])
    .help("date accountability to NHS England from 2022-07-01, with the TDA (NHS trusts) or Monitor (foundation trusts) before");
}
