use crate::context::{Context, Entity};
use crate::rules::{Findings, Subjects};

declare_rule! {
    /// ### What it checks
    ///
    /// That every id a footprint, body or relationship names exists, and is the right kind of
    /// entity: a footprint's `within` and a body's `footprint` name footprints; a
    /// relationship's `from` and `to` name bodies.
    ///
    /// ### Why it matters
    ///
    /// A reference to nothing is usually a typo or a body left out of the dataset. Every check
    /// that follows the reference would silently skip it (data integrity; DOMAIN invariant 15).
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "bodies": [
    ///     {"id": "nhse", "name": "NHS England", "kind": "nhs_england"}
    ///   ],
    ///   "relationships": [
    ///     {"kind": "approves_constitution", "from": "nhse", "to": "QE2"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Correct the id, or add the footprint or body it names.
    pub static UNRESOLVED_REFERENCE = {
        code: "ICS002",
        name: "unresolved-reference",
        severity: Error,
        basis: Structure("data integrity: DOMAIN invariant 15"),
        summary: "every id a footprint, body or relationship names exists and is of the right kind",
        subjects: Subjects::Once,
    };
}

enum Want {
    Footprint,
    Body,
}

/// One reference: who makes it (label and ids, for the waiver that names it), where, and to
/// what.
struct Reference<'a> {
    owner: String,
    owner_ids: Vec<&'a str>,
    path: crate::pointer::JsonPointer,
    field: &'static str,
    id: &'a str,
    want: Want,
}

fn resolve(ctx: &Context<'_>, out: &mut Findings, r: Reference<'_>) {
    let problem = match (ctx.lookup(r.id), r.want) {
        (Some(Entity::Footprint(_)), Want::Footprint) | (Some(Entity::Body(_)), Want::Body) => {
            return
        }
        (None, Want::Footprint) => "which is not the id of any footprint".to_owned(),
        (None, Want::Body) => "which is not the id of any body".to_owned(),
        (Some(e), Want::Footprint) => format!("which is {}, not a footprint", ctx.label(e)),
        (Some(e), Want::Body) => format!("which is {}, not a body", ctx.label(e)),
    };
    let (owner, id, field) = (&r.owner, r.id, r.field);
    out.push(
        r.path.token(field),
        format!("{owner} names `{id}` as its `{field}`, {problem}"),
    )
    .related(r.owner_ids.iter().copied().chain(std::iter::once(id)))
    .help("correct the id, or add the entity it should name");
}

fn check(ctx: &Context<'_>, _: Entity, out: &mut Findings) {
    let model = ctx.model();
    for (i, f) in model.footprints.iter().enumerate() {
        if let Some(w) = &f.within {
            let e = Entity::Footprint(i as u32);
            let owner_ids = vec![f.id.as_str()];
            resolve(
                ctx,
                out,
                Reference {
                    owner: ctx.label(e),
                    owner_ids,
                    path: ctx.path(e),
                    field: "within",
                    id: w.as_str(),
                    want: Want::Footprint,
                },
            );
        }
    }
    for (i, b) in model.bodies.iter().enumerate() {
        if let Some(fp) = &b.footprint {
            let e = Entity::Body(i as u32);
            let owner_ids = vec![b.id.as_str()];
            resolve(
                ctx,
                out,
                Reference {
                    owner: ctx.label(e),
                    owner_ids,
                    path: ctx.path(e),
                    field: "footprint",
                    id: fp.as_str(),
                    want: Want::Footprint,
                },
            );
        }
    }
    for (i, r) in model.relationships.iter().enumerate() {
        let owner = format!("relationship `{}` {} `{}`", r.from, r.kind, r.to);
        let path = ctx.relationship_path(i as u32);
        let (from, to) = (r.from.as_str(), r.to.as_str());
        resolve(
            ctx,
            out,
            Reference {
                owner: owner.clone(),
                owner_ids: vec![to],
                path: path.clone(),
                field: "from",
                id: from,
                want: Want::Body,
            },
        );
        resolve(
            ctx,
            out,
            Reference {
                owner,
                owner_ids: vec![from],
                path,
                field: "to",
                id: to,
                want: Want::Body,
            },
        );
    }
}
