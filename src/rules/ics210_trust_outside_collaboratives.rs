use crate::context::{Context, Entity};
use crate::model::{BodyKind, RelationshipKind, Service};
use crate::rules::{Check, Findings, Subjects};

declare_rule! {
    /// ### What it checks
    ///
    /// That every NHS trust and NHS foundation trust recorded as providing acute, mental health
    /// or specialist services (`services`) is a member of at least one provider collaborative, from
    /// 1 July 2022. A trust whose services are not recorded is not checked: the dataset does
    /// not say what it provides.
    ///
    /// ### Why it matters
    ///
    /// NHS England's guidance on provider collaboratives expects every trust providing acute
    /// or mental health services, specialist trusts included, to be part of one or more
    /// collaboratives, from the establishment of integrated care boards (set for April 2022 in
    /// the guidance, 1 July 2022 in law). Community and ambulance trusts should take part
    /// where it would benefit patients and makes sense, a conditional expectation this rule
    /// does not check (docs/domain.md invariant 11). Guidance, hence a warning.
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "bodies": [
    ///     {"id": "RXR", "name": "East Lancashire Hospitals NHS Trust", "kind": "nhs_trust",
    ///      "valid_from": "2003-04-01", "services": ["acute"]}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Record the trust's `member_of` relationship to its collaborative, or correct its
    /// `services`.
    pub static TRUST_OUTSIDE_COLLABORATIVES = {
        code: "ICS210",
        name: "trust-outside-collaboratives",
        severity: Warning,
        basis: Guidance("NHS England, Working together at scale: guidance on provider collaboratives (August 2021): acute and mental health trusts in one or more; docs/domain.md invariant 11"),
        summary: "every acute, mental health or specialist trust is a member of a provider collaborative, from 1 July 2022",
        subjects: Subjects::Bodies(&[BodyKind::NhsTrust, BodyKind::NhsFoundationTrust]),
        check: Check::Body(check),
        dates: &[EXPECTED_FROM],
    };
}

/// When integrated care boards were established, and with them the expectation.
const EXPECTED_FROM: (u16, u8, u8) = (2022, 7, 1);

fn check(ctx: &Context<'_>, i: u32, out: &mut Findings) {
    // A dataset with no dates at all is checked as it stands, as ICS108 does.
    if super::before(ctx, EXPECTED_FROM) {
        return;
    }
    let b = ctx.body(i);
    let expected: Vec<&str> = b
        .services
        .iter()
        .filter(|s| {
            matches!(
                s,
                Service::Acute | Service::MentalHealth | Service::Specialist
            )
        })
        .map(|s| s.as_str())
        .collect();
    if expected.is_empty() {
        return;
    }
    let member = ctx
        .outgoing(i, RelationshipKind::MemberOf)
        .any(|e| ctx.body_kind(e.to) == BodyKind::ProviderCollaborative);
    if !member {
        out.push(
            ctx.path(Entity::Body(i)),
            format!(
                "{} provides {} services but is a member of no provider collaborative",
                ctx.body_label(i),
                expected.join(" and ")
            ),
        )
        .related([b.id.as_str()])
        .help("record the trust's member_of relationship to its provider collaborative");
    }
}
