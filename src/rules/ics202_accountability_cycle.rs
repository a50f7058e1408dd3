use petgraph::graph::{DiGraph, NodeIndex};

use crate::context::{Context, Entity};
use crate::model::RelationshipKind;
use crate::rules::{Check, Findings, Subjects};

declare_rule! {
    /// ### What it checks
    ///
    /// That the `accountable_to` relationships never loop back: no body is, through a chain of
    /// accountability, accountable to itself. Each loop is reported whole, `A → B → C → A`,
    /// with every id on it.
    ///
    /// ### Why it matters
    ///
    /// Accountability runs upwards, from ICBs and trusts to NHS England and on to the Secretary
    /// of State (NHS Act 2006 s14Z59). It must form a forest rooted at national statutory
    /// bodies: in a loop nobody is ultimately answerable (docs/domain.md invariant 2).
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
    ///     {"kind": "accountable_to", "from": "QE1", "to": "nhse"},
    ///     {"kind": "accountable_to", "from": "nhse", "to": "QE1"}
    ///   ]
    /// }
    /// ```
    ///
    /// ### How to fix
    ///
    /// Remove the relationship that points the wrong way: usually the one from the national
    /// body. Where the link is real but not accountability, use `reviews`, `influences` or
    /// `delegates_to` instead.
    pub static ACCOUNTABILITY_CYCLE = {
        code: "ICS202",
        name: "accountability-cycle",
        severity: Error,
        basis: Structure("accountability forms a forest rooted at national bodies: NHS Act 2006 s14Z59; docs/domain.md invariant 2"),
        summary: "the accountability graph has no cycles",
        subjects: Subjects::Model,
        check: Check::Model(check),
        widen: widen,
    };
}

/// The longest cycle written out in full in a message; every id is always in `related`.
const MESSAGE_IDS: usize = 50;

/// The whole graph is searched again only when an accountability that could lie on a cycle
/// begins or ends. One from a body nobody is ever accountable to (a trust), or to a body that
/// is never accountable to anyone (NHS England), can never close a cycle: without this, a
/// dataset of thousands of trusts each accountable from a different day would search the whole
/// graph once per day.
fn widen(ctx: &Context<'_>, changed: Entity, _: &mut dyn FnMut(Entity)) -> bool {
    let Entity::Relationship(r) = changed else {
        return false;
    };
    if ctx.relationship_kind(r) != RelationshipKind::AccountableTo {
        return false;
    }
    match ctx.ends(r) {
        Some((from, to)) => {
            ctx.has_any_incoming(from, RelationshipKind::AccountableTo)
                && ctx.has_any_outgoing(to, RelationshipKind::AccountableTo)
        }
        None => false,
    }
}

fn check(ctx: &Context<'_>, out: &mut Findings) {
    const NONE: u32 = u32::MAX;
    let mut node_of = vec![NONE; ctx.model().bodies.len()];
    let mut body_of: Vec<u32> = Vec::new();
    let mut graph: DiGraph<(), (), u32> = DiGraph::default();
    let mut node = |b: u32, graph: &mut DiGraph<(), (), u32>| {
        let slot = &mut node_of[b as usize];
        if *slot == NONE {
            *slot = graph.add_node(()).index() as u32;
            body_of.push(b);
        }
        NodeIndex::new(*slot as usize)
    };
    let mut edges: Vec<(u32, u32)> = Vec::new();
    for e in ctx.edges(RelationshipKind::AccountableTo) {
        let (f, t) = (node(e.from, &mut graph), node(e.to, &mut graph));
        graph.add_edge(f, t, ());
        edges.push((f.index() as u32, t.index() as u32));
    }
    if edges.is_empty() {
        return;
    }
    let n = graph.node_count();

    // Successors of each node, sorted by body index, so the cycle we walk is deterministic.
    edges.sort_unstable_by_key(|&(f, t)| (f, body_of[t as usize]));
    edges.dedup();
    let mut start = vec![0u32; n + 1];
    for &(f, _) in &edges {
        start[f as usize + 1] += 1;
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }

    // petgraph's Kosaraju is iterative, so a million-long chain cannot overflow the stack.
    let components = petgraph::algo::kosaraju_scc(&graph);
    let mut component = vec![u32::MAX; n];
    for (c, members) in components.iter().enumerate() {
        for m in members {
            component[m.index()] = c as u32;
        }
    }
    let mut position = vec![u32::MAX; n];
    for (c, members) in components.iter().enumerate() {
        let self_loop = members.len() == 1 && {
            let v = members[0].index();
            edges[start[v] as usize..start[v + 1] as usize]
                .iter()
                .any(|&(_, t)| t as usize == v)
        };
        if members.len() < 2 && !self_loop {
            continue;
        }
        // Walk from the member listed first in the dataset, always to the first successor in
        // the same component, until a node repeats: the repeat closes a simple cycle.
        let Some(first) = members
            .iter()
            .map(|m| m.index())
            .min_by_key(|&v| body_of[v])
        else {
            continue;
        };
        let mut walk: Vec<usize> = Vec::new();
        let mut v = first;
        while position[v] == u32::MAX {
            position[v] = walk.len() as u32;
            walk.push(v);
            let next = edges[start[v] as usize..start[v + 1] as usize]
                .iter()
                .map(|&(_, t)| t as usize)
                .find(|&t| component[t] == c as u32);
            match next {
                Some(t) => v = t,
                None => break,
            }
        }
        let cycle = &walk[position[v] as usize..];
        for &w in &walk {
            position[w] = u32::MAX;
        }
        report(ctx, out, cycle, members, &body_of);
    }
}

fn report(
    ctx: &Context<'_>,
    out: &mut Findings,
    cycle: &[usize],
    members: &[NodeIndex<u32>],
    body_of: &[u32],
) {
    let ids: Vec<&str> = cycle
        .iter()
        .map(|&v| ctx.body(body_of[v]).id.as_str())
        .collect();
    let mut text: Vec<&str> = ids.iter().copied().take(MESSAGE_IDS).collect();
    if ids.len() > MESSAGE_IDS {
        text.push("…");
    }
    text.push(ids[0]);
    let head = body_of[cycle[0]];
    let mut message = format!(
        "accountability runs in a cycle of {} {}: {}",
        crate::words::people(ids.len() as u64),
        if ids.len() == 1 { "body" } else { "bodies" },
        text.join(" → ")
    );
    let others = members.len().saturating_sub(cycle.len());
    if others > 0 {
        message.push_str(&format!(
            "; {} more caught in the same tangle of cycles",
            crate::words::count(others, "body is", "bodies are")
        ));
    }
    message.push_str(&format!(
        ", starting from {}",
        ctx.label(Entity::Body(head))
    ));
    let on_cycle: std::collections::HashSet<u32> = cycle.iter().map(|&v| body_of[v]).collect();
    let mut rest: Vec<u32> = members
        .iter()
        .map(|m| body_of[m.index()])
        .filter(|b| !on_cycle.contains(b))
        .collect();
    rest.sort_unstable();
    out.push(ctx.path(Entity::Body(head)), message)
        .related(ids.iter().copied())
        .related(rest.iter().map(|&b| ctx.body(b).id.as_str()))
        .help("remove the accountable_to relationship that points the wrong way; use reviews or influences for links that are not accountability");
}
