use crate::context::{Context, Entity};
use crate::model::{BodyKind, RelationshipKind};
use crate::rules::{Check, Findings, Subjects};
use crate::words::article;

declare_rule! {
    /// ### What it checks
    ///
    /// That a committee (kind `committee`) is a `committee_of` exactly one body on each
    /// date it is in force and is `accountable_to` that body, and that every recorded member
    /// (`member_of`) of a joint committee is a body that may form one: NHS England, an ICB,
    /// an NHS trust or foundation trust, or a local authority.
    ///
    /// ### Why it matters
    ///
    /// A committee exercises its body's functions on the body's behalf (NHS Act 2006 Sch 1B
    /// for an ICB); it has no standing of its own and answers to the body that appointed it.
    /// A joint committee is formed under s65Z6 by bodies that may exercise functions jointly:
    /// NHS England, ICBs, trusts and local authorities (SI 2022/642). A partnership, a
    /// practice or another committee cannot be one of its members.
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "bodies": [
    ///     {"id": "QE1", "name": "NHS Lancashire and South Cumbria ICB", "kind": "integrated_care_board"},
    ///     {"id": "QE1-audit", "name": "Audit Committee", "kind": "committee", "remit": "audit"}
    ///   ],
    ///   "relationships": [
    ///     {"kind": "committee_of", "from": "QE1-audit", "to": "QE1"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Add the `committee_of` and `accountable_to` relationships from the committee to its
    /// body; record a joint committee's members as the bodies that formed it.
    pub static COMMITTEE_STANDING = {
        code: "ICS218",
        name: "committee-standing",
        severity: Error,
        basis: Law("NHS Act 2006 Sch 1B, s65Z6; SI 2022/642"),
        summary: "a committee belongs to one body and is accountable to it; a joint committee's members are bodies s65Z6 allows",
        subjects: Subjects::Bodies(&[BodyKind::Committee, BodyKind::JointCommittee]),
        check: Check::Body(check),
    };
}

/// Kinds of body that may form a joint committee under s65Z6.
fn may_join(kind: BodyKind) -> bool {
    matches!(kind, BodyKind::NhsEngland | BodyKind::IntegratedCareBoard)
        || kind.is_trust()
        || kind.is_local_authority()
}

fn check(ctx: &Context<'_>, c: u32, out: &mut Findings) {
    let subject = Entity::Body(c);
    if !ctx.in_force(subject) {
        return;
    }
    let id = ctx.body(c).id.as_str();
    if ctx.body_kind(c) == BodyKind::JointCommittee {
        for e in ctx.incoming(c, RelationshipKind::MemberOf) {
            let kind = ctx.body_kind(e.from);
            if !may_join(kind) {
                out.push(
                    ctx.relationship_path(e.index),
                    format!(
                        "{} is recorded as a member of {}, but {} {kind} cannot form a joint committee under s65Z6",
                        ctx.body_label(e.from),
                        ctx.body_label(c),
                        article(kind.as_str())
                    ),
                )
                .related([id, ctx.body(e.from).id.as_str()])
                .help("record as members the ICBs, NHS England, trusts or councils that formed the joint committee; show others' part with `influences`");
            }
        }
        return;
    }
    let mut parents: Vec<u32> = ctx
        .outgoing(c, RelationshipKind::CommitteeOf)
        .map(|e| e.to)
        .collect();
    // Each parent once, by id: a committee_of written twice is not a second parent.
    ctx.sort_bodies_by_id(&mut parents);
    match parents[..] {
        [] => {
            out.push(
                ctx.path(subject),
                format!("{} is the committee of no body", ctx.body_label(c)),
            )
            .related([id])
            .help(format!(
                "add {{\"kind\": \"committee_of\", \"from\": \"{id}\", \"to\": <its body>}}"
            ));
        }
        [p] => {
            if !ctx
                .outgoing(c, RelationshipKind::AccountableTo)
                .any(|e| e.to == p)
            {
                let pid = ctx.body(p).id.as_str();
                out.push(
                    ctx.path(subject),
                    format!(
                        "{} is a committee of {} but is not accountable to it",
                        ctx.body_label(c),
                        ctx.body_label(p)
                    ),
                )
                .related([id, pid])
                .help(format!(
                    "add {{\"kind\": \"accountable_to\", \"from\": \"{id}\", \"to\": \"{pid}\"}}"
                ));
            }
        }
        _ => {
            let mut related = vec![id.to_owned()];
            related.extend(parents.iter().map(|&p| ctx.body(p).id.to_string()));
            out.push(
                ctx.path(subject),
                format!(
                    "{} is a committee of {} bodies at once; a committee of several bodies is a joint committee (kind `joint_committee`)",
                    ctx.body_label(c),
                    parents.len()
                ),
            )
            .related(related)
            .help("keep one `committee_of`, or record the body as a joint committee with its members");
        }
    }
}
