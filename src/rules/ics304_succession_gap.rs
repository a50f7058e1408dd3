use crate::context::Context;
use crate::model::RelationshipKind;
use crate::rules::{Check, Findings, Subjects};

declare_rule! {
    /// ### What it checks
    ///
    /// That each `succeeded_by` relationship hands over on one day: the predecessor's
    /// `valid_to` is the day before the successor's `valid_from`, with no gap and no overlap.
    /// Both dates must be given.
    ///
    /// ### Why it matters
    ///
    /// Statutory functions pass from one body to the next on the day the establishment or
    /// reorganisation order takes effect: CCGs to ICBs on 1 July 2022, Cumbria County Council
    /// to Westmorland and Furness Council on 1 April 2023. A gap leaves functions with nobody;
    /// an overlap gives them to two bodies at once.
    ///
    /// ### Example
    ///
    /// ```json
    /// {
    ///   "bodies": [
    ///     {"id": "E10000006", "name": "Cumbria County Council", "kind": "county_council", "valid_to": "2023-03-31"},
    ///     {"id": "E06000064", "name": "Westmorland and Furness Council", "kind": "unitary_authority", "valid_from": "2023-05-01"}
    ///   ],
    ///   "relationships": [
    ///     {"kind": "succeeded_by", "from": "E10000006", "to": "E06000064"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Set the predecessor's `valid_to` to the day before the successor's `valid_from`.
    pub static SUCCESSION_GAP = {
        code: "ICS304",
        name: "succession-gap",
        severity: Error,
        basis: Law("establishment and reorganisation orders: functions transfer on the day the order takes effect"),
        summary: "a succession hands over on one day, with no gap and no overlap",
        subjects: Subjects::Once,
        check: Check::Model(check),
    };
}

fn check(ctx: &Context<'_>, out: &mut Findings) {
    for (r, rel) in ctx.model().relationships.iter().enumerate() {
        if rel.kind != RelationshipKind::SucceededBy {
            continue;
        }
        let r = r as u32;
        let Some((a, b)) = ctx.ends(r) else { continue };
        let (old, new) = (ctx.body(a), ctx.body(b));
        let problem = match (old.valid_to, new.valid_from) {
            (None, _) => format!("{} has no valid_to", ctx.body_label(a)),
            (_, None) => format!("{} has no valid_from", ctx.body_label(b)),
            (Some(end), Some(start)) if end.succ() == Some(start) => continue,
            (Some(end), Some(start)) if end < start => {
                format!(
                    "nobody holds the functions from {} until {}",
                    end.succ().unwrap_or(end),
                    start.pred().unwrap_or(start)
                )
            }
            (Some(end), Some(start)) => {
                format!("both bodies hold the functions from {start} until {end}")
            }
        };
        out.push(
            ctx.relationship_path(r),
            format!(
                "{} is succeeded by {}, but {problem}",
                ctx.body_label(a),
                ctx.body_label(b)
            ),
        )
        .related([old.id.as_str(), new.id.as_str()])
        .help("set the predecessor's valid_to to the day before the successor's valid_from");
    }
}
