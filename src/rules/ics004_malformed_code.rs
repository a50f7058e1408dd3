use crate::context::{Context, Entity};
use crate::model::BodyKind;
use crate::rules::{Check, Findings, Subjects};

declare_rule! {
    /// ### What it checks
    ///
    /// That an organisation code has the form its kind's code takes. A body's `id` written as
    /// a code (capital letters and digits only) is its ODS or ONS code, and is checked:
    ///
    /// | kind | form | example |
    /// |---|---|---|
    /// | integrated care board | `Q` and two letters or digits, or five letters or digits (the ICBs formed on 1 April 2026), or its ONS code, `E54` and six digits | `QE1`, `E54000048` |
    /// | sub-ICB location | three letters or digits, or five, or its ONS code, `E38` and six digits | `00Q`, `E38000014` |
    /// | NHS England region | `Y` and two digits, or its ONS code, `E40` and six digits | `Y62`, `E40000010` |
    /// | primary care network | `U` and five digits | `U19808` |
    /// | GP practice | a letter and five digits | `P81001` |
    /// | NHS trust, NHS foundation trust | `R` or `T` and two letters or digits, or five letters or digits (a newer code: North London NHS Foundation Trust, opened on 1 November 2024, is `G6V2S` in ODS's January 2025 etr) | `RXL`, `TAF`, `G6V2S` |
    /// | unitary authority, district, metropolitan district, London borough, county council | the ONS code of that kind of area: `E06`, `E07`, `E08`, `E09` or `E10` and six digits | `E06000009` |
    ///
    /// An id with a small letter or a hyphen (`lsc-hcp`) is a local name, not a code, and is
    /// not checked. An ICB's or sub-ICB location's `extensions.ons_code` is checked too: `E54`
    /// (ICB) or `E38` (sub-ICB location) and six digits.
    ///
    /// ### Why it matters
    ///
    /// Codes are how a dataset joins national data: the ODS publications, NHS England's list
    /// sizes and the ONS lookups. A code of the wrong form (a practice code typed into a PCN,
    /// a district's ONS code on a county council) matches nothing, or matches the wrong thing.
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "bodies": [
    ///     {"id": "U1980", "name": "Lancaster PCN", "kind": "primary_care_network"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Correct the code from the ODS or ONS publication, or, if the body has no national
    /// code, give it a local id in small letters (`lancaster-pcn`).
    pub static MALFORMED_CODE = {
        code: "ICS004",
        name: "malformed-code",
        severity: Error,
        basis: Structure("ODS organisation codes and the ONS Register of Geographic Codes"),
        summary: "an organisation code has the form of its kind's codes",
        subjects: Subjects::Once,
        check: Check::Model(check),
    };
}

fn upper_or_digit(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

fn digits(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|b| b.is_ascii_digit())
}

/// An ONS code: `prefix` and six digits.
fn ons(s: &str, prefix: &str) -> bool {
    s.strip_prefix(prefix).is_some_and(|rest| digits(rest, 6))
}

/// The form of a kind's codes, in words, and whether `code` has it; `None` for kinds with no
/// national code.
fn form(kind: BodyKind, code: &str) -> Option<(&'static str, bool)> {
    use BodyKind::*;
    let alnum = |n: usize| code.len() == n && upper_or_digit(code);
    Some(match kind {
        IntegratedCareBoard => (
            "`Q` and two letters or digits (QE1), five letters or digits, or the ONS code (E54 and six digits)",
            (alnum(3) && code.starts_with('Q')) || alnum(5) || ons(code, "E54"),
        ),
        SubIcbLocation => (
            "three letters or digits (00Q), five, or the ONS code (E38 and six digits)",
            alnum(3) || alnum(5) || ons(code, "E38"),
        ),
        NhsEnglandRegion => (
            "`Y` and two digits (Y62), or the ONS code (E40 and six digits)",
            code.strip_prefix('Y').is_some_and(|r| digits(r, 2)) || ons(code, "E40"),
        ),
        PrimaryCareNetwork => (
            "`U` and five digits (U19808)",
            code.strip_prefix('U').is_some_and(|r| digits(r, 5)),
        ),
        GpPractice => (
            "a capital letter and five digits (P81001)",
            code.len() == 6 && code.as_bytes()[0].is_ascii_uppercase() && digits(&code[1..], 5),
        ),
        NhsTrust | NhsFoundationTrust => (
            "`R` or `T` and two letters or digits (RXL), or five letters or digits (G6V2S)",
            (alnum(3) && (code.starts_with('R') || code.starts_with('T'))) || alnum(5),
        ),
        UnitaryAuthority => ("`E06` and six digits", ons(code, "E06")),
        DistrictCouncil => ("`E07` and six digits", ons(code, "E07")),
        MetropolitanDistrictCouncil => ("`E08` and six digits", ons(code, "E08")),
        LondonBoroughCouncil => ("`E09` and six digits", ons(code, "E09")),
        CountyCouncil => ("`E10` and six digits", ons(code, "E10")),
        _ => return None,
    })
}

/// The form of the ONS code an ICB or sub-ICB location carries in `extensions.ons_code`.
fn ons_form(kind: BodyKind, code: &str) -> Option<(&'static str, bool)> {
    match kind {
        BodyKind::IntegratedCareBoard => Some(("`E54` and six digits", ons(code, "E54"))),
        BodyKind::SubIcbLocation => Some(("`E38` and six digits", ons(code, "E38"))),
        _ => None,
    }
}

fn check(ctx: &Context<'_>, out: &mut Findings) {
    for (i, b) in ctx.model().bodies.iter().enumerate() {
        let i = i as u32;
        let id = b.id.as_str();
        if upper_or_digit(id) {
            if let Some((expected, false)) = form(b.kind, id) {
                out.push(
                    ctx.path(Entity::Body(i)).token("id"),
                    format!(
                        "{} has the code `{id}`, not of the form of {} codes: {expected}",
                        ctx.body_label(i),
                        b.kind
                    ),
                )
                .related([id])
                .help("correct the code from the ODS or ONS publication, or give a body with no national code a local id in small letters");
            }
        }
        let ons_code = b
            .extensions
            .as_ref()
            .and_then(|e| e.get("ons_code"))
            .and_then(|v| v.as_str());
        if let Some(code) = ons_code {
            if let Some((expected, false)) = ons_form(b.kind, code) {
                out.push(
                    ctx.path(Entity::Body(i))
                        .token("extensions")
                        .token("ons_code"),
                    format!(
                        "{} has the ONS code `{code}`, not of the form of {} ONS codes: {expected}",
                        ctx.body_label(i),
                        b.kind
                    ),
                )
                .related([id])
                .help("correct the code from the ONS lookup");
            }
        }
    }
}
