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

fn resolve(
    ctx: &Context<'_>,
    out: &mut Findings,
    owner: String,
    path: crate::pointer::JsonPointer,
    field: &str,
    id: &str,
    want: Want,
) {
    let problem = match (ctx.lookup(id), want) {
        (Some(Entity::Footprint(_)), Want::Footprint) | (Some(Entity::Body(_)), Want::Body) => {
            return
        }
        (None, Want::Footprint) => "which is not the id of any footprint".to_owned(),
        (None, Want::Body) => "which is not the id of any body".to_owned(),
        (Some(e), Want::Footprint) => format!("which is {}, not a footprint", ctx.label(e)),
        (Some(e), Want::Body) => format!("which is {}, not a body", ctx.label(e)),
    };
    out.push(
        path.token(field),
        format!("{owner} names `{id}` as its `{field}`, {problem}"),
    )
    .related([id])
    .help("correct the id, or add the entity it should name");
}

fn check(ctx: &Context<'_>, _: Entity, out: &mut Findings) {
    let model = ctx.model();
    for (i, f) in model.footprints.iter().enumerate() {
        if let Some(w) = &f.within {
            let e = Entity::Footprint(i as u32);
            resolve(
                ctx,
                out,
                ctx.label(e),
                ctx.path(e),
                "within",
                w.as_str(),
                Want::Footprint,
            );
        }
    }
    for (i, b) in model.bodies.iter().enumerate() {
        if let Some(fp) = &b.footprint {
            let e = Entity::Body(i as u32);
            resolve(
                ctx,
                out,
                ctx.label(e),
                ctx.path(e),
                "footprint",
                fp.as_str(),
                Want::Footprint,
            );
        }
    }
    for (i, r) in model.relationships.iter().enumerate() {
        let owner = format!("relationship `{}` {} `{}`", r.from, r.kind, r.to);
        let path = ctx.relationship_path(i as u32);
        resolve(
            ctx,
            out,
            owner.clone(),
            path.clone(),
            "from",
            r.from.as_str(),
            Want::Body,
        );
        resolve(ctx, out, owner, path, "to", r.to.as_str(), Want::Body);
    }
}
