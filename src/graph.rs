//! Pictures of a model: the footprint tree and the relationships between bodies, as Mermaid
//! (rendered inline by GitHub) or Graphviz DOT, with the entities that have findings
//! highlighted and their rule codes shown.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::model::{Model, RelationshipKind};
use crate::report::Report;
use crate::words::people;

/// The picture's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GraphFormat {
    /// Mermaid flowchart, for Markdown (GitHub renders it inline).
    Mermaid,
    /// Graphviz DOT, for `dot -Tsvg`.
    Dot,
}

/// What to draw.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GraphOptions {
    /// Draw only this footprint (a system or a place) and what sits within it, with the
    /// bodies on them and the bodies they relate to.
    pub root: Option<String>,
    /// Draw only these kinds of relationship (all when `None`).
    pub relationships: Option<Vec<RelationshipKind>>,
    /// Draw the people holding seats on the boards and committees drawn, each seat an edge
    /// from the person to the body labelled with the role.
    pub seats: bool,
}

/// The colour a seat on a board or committee is drawn in.
pub const SEAT_COLOUR: &str = "#9333ea";

/// The colour a kind of relationship is drawn in, in every picture.
pub fn colour(kind: RelationshipKind) -> &'static str {
    style(kind).1
}

/// How each kind of relationship is drawn: Mermaid arrow, colour, DOT style.
fn style(kind: RelationshipKind) -> (&'static str, &'static str, &'static str) {
    use RelationshipKind::*;
    match kind {
        AccountableTo => ("==>", "#b91c1c", "bold"),
        ApprovesConstitution => ("-.->", "#1d4ed8", "dashed"),
        Reviews => ("-.->", "#7c3aed", "dotted"),
        Convenes => ("-->", "#15803d", "solid"),
        MemberOf => ("-->", "#6b7280", "solid"),
        Influences => ("-.->", "#c2410c", "dashed"),
        DelegatesTo => ("-->", "#0e7490", "solid"),
        Commissions => ("-->", "#a16207", "solid"),
        PartOf => ("-->", "#374151", "solid"),
        RefersDecisionsTo => ("-.->", "#9d174d", "dashed"),
        SucceededBy => ("==>", "#111827", "bold"),
        LiesIn => ("-.->", "#4b5563", "dotted"),
        ClusteredWith => ("---", "#0f766e", "dashed"),
        CommitteeOf => ("-->", "#1e3a8a", "solid"),
    }
}

/// Which entities (by id) have findings, and their codes.
fn findings(report: Option<&Report>, model: &Model) -> BTreeMap<String, Vec<String>> {
    let mut by_id: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let Some(report) = report else { return by_id };
    for d in report.diagnostics().iter().filter(|d| d.counts()) {
        let mut tokens = d.path().tokens();
        let (Some(list), Some(index)) = (
            tokens.next(),
            tokens.next().and_then(|i| i.parse::<usize>().ok()),
        ) else {
            continue;
        };
        let id = match list.as_str() {
            "footprints" => model.footprints.get(index).map(|f| f.id.to_string()),
            "bodies" => model.bodies.get(index).map(|b| b.id.to_string()),
            "relationships" => model.relationships.get(index).map(|r| r.from.to_string()),
            _ => None,
        };
        if let Some(id) = id {
            let codes = by_id.entry(id).or_default();
            if !codes.contains(&d.code().to_owned()) {
                codes.push(d.code().to_owned());
            }
        }
    }
    by_id
}

/// The footprints and bodies to draw, by id, for a root (or everything).
fn selection(model: &Model, options: &GraphOptions) -> (Vec<usize>, Vec<usize>, Vec<usize>) {
    let Some(root) = &options.root else {
        let rels = (0..model.relationships.len())
            .filter(|&i| wanted(model, options, i))
            .collect();
        return (
            (0..model.footprints.len()).collect(),
            (0..model.bodies.len()).collect(),
            rels,
        );
    };
    // The root's subtree: footprints whose chain of `within` reaches the root (three tiers).
    let parent: BTreeMap<&str, &str> = model
        .footprints
        .iter()
        .filter_map(|f| f.within.as_ref().map(|w| (f.id.as_str(), w.as_str())))
        .collect();
    let under = |id: &str| {
        let mut at = id;
        for _ in 0..4 {
            if at == root {
                return true;
            }
            match parent.get(at) {
                Some(p) => at = p,
                None => return false,
            }
        }
        false
    };
    let fps: Vec<usize> = (0..model.footprints.len())
        .filter(|&i| under(model.footprints[i].id.as_str()))
        .collect();
    let on: Vec<bool> = model
        .bodies
        .iter()
        .map(|b| b.footprint.as_ref().is_some_and(|f| under(f.as_str())))
        .collect();
    let index: BTreeMap<&str, usize> = model
        .bodies
        .iter()
        .enumerate()
        .map(|(i, b)| (b.id.as_str(), i))
        .collect();
    let mut keep = on.clone();
    let mut rels = Vec::new();
    for (i, r) in model.relationships.iter().enumerate() {
        let (Some(&f), Some(&t)) = (index.get(r.from.as_str()), index.get(r.to.as_str())) else {
            continue;
        };
        if (on[f] || on[t]) && wanted(model, options, i) {
            keep[f] = true;
            keep[t] = true;
            rels.push(i);
        }
    }
    let bodies = (0..model.bodies.len()).filter(|&i| keep[i]).collect();
    (fps, bodies, rels)
}

fn wanted(model: &Model, options: &GraphOptions, i: usize) -> bool {
    options
        .relationships
        .as_ref()
        .is_none_or(|k| k.contains(&model.relationships[i].kind))
}

/// Text for a quoted Mermaid label: on one line (so no directive such as `click` or
/// `%%{init}%%` can start), with quotes, angle brackets and `%` as entity codes.
fn mermaid_text(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => o.push_str("#quot;"),
            '<' => o.push_str("#lt;"),
            '>' => o.push_str("#gt;"),
            '%' => o.push_str("#37;"),
            '#' => o.push_str("#35;"),
            c if c.is_control() || crate::is_bidi_control(c) => o.push(' '),
            c => o.push(c),
        }
    }
    o
}

/// Text for a quoted DOT label: backslashes and quotes escaped, a line break as DOT's `\n`.
fn dot_text(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => o.push_str("\\\\"),
            '"' => o.push_str("\\\""),
            '\n' => o.push_str("\\n"),
            c if c.is_control() || crate::is_bidi_control(c) => o.push(' '),
            c => o.push(c),
        }
    }
    o
}

/// Draws the model. `report`, when given, highlights the entities with findings that count.
///
/// # Errors
/// When `options.root` names no footprint of the model.
///
/// # Examples
///
/// ```
/// use icsgov::graph::{render, GraphFormat, GraphOptions};
///
/// let m = icsgov::Model::from_json_str(r#"{"bodies": [
///     {"id": "nhse", "name": "NHS England", "kind": "nhs_england"},
///     {"id": "QE1", "name": "NHS Lancashire and South Cumbria ICB", "kind": "integrated_care_board"}
/// ], "relationships": [{"kind": "accountable_to", "from": "QE1", "to": "nhse"}]}"#).unwrap();
/// let mermaid = render(&m, None, GraphFormat::Mermaid, &GraphOptions::default()).unwrap();
/// assert!(mermaid.starts_with("flowchart"));
/// ```
pub fn render(
    model: &Model,
    report: Option<&Report>,
    format: GraphFormat,
    options: &GraphOptions,
) -> Result<String, crate::Error> {
    if let Some(root) = &options.root {
        if !model.footprints.iter().any(|f| f.id.as_str() == root) {
            return Err(crate::Error::new(
                crate::ErrorKind::Data,
                format!(
                    "`{}` is not the id of a footprint; the root of a drawing is a system or place",
                    root.escape_debug()
                ),
            ));
        }
    }
    let flagged = findings(report, model);
    let (fps, bodies, rels) = selection(model, options);
    let mut node: BTreeMap<&str, String> = BTreeMap::new();
    for (n, &i) in fps.iter().enumerate() {
        node.insert(model.footprints[i].id.as_str(), format!("f{n}"));
    }
    for (n, &i) in bodies.iter().enumerate() {
        node.insert(model.bodies[i].id.as_str(), format!("b{n}"));
    }
    let codes = |id: &str| flagged.get(id).map(|c| c.join(" "));
    // Seats on the bodies drawn, and their people, each person once.
    let seats: Vec<&crate::model::Membership> = if options.seats {
        model
            .memberships
            .iter()
            .filter(|m| node.contains_key(m.body.as_str()))
            .collect()
    } else {
        Vec::new()
    };
    let mut person_node: BTreeMap<&str, String> = BTreeMap::new();
    for m in &seats {
        let n = person_node.len();
        person_node
            .entry(m.person.as_str())
            .or_insert_with(|| format!("p{n}"));
    }
    let person_names: BTreeMap<&str, &str> = model
        .people
        .iter()
        .map(|p| (p.id.as_str(), p.name.as_str()))
        .collect();
    let person_name = |id: &str| person_names.get(id).copied().unwrap_or(id).to_owned();
    let mut out = String::new();
    match format {
        GraphFormat::Mermaid => {
            out.push_str("flowchart TD\n");
            out.push_str("  classDef footprint fill:#eef2ff,stroke:#4f46e5;\n");
            out.push_str("  classDef body fill:#ffffff,stroke:#374151;\n");
            out.push_str("  classDef finding fill:#fee2e2,stroke:#b91c1c,stroke-width:2px;\n");
            for &i in &fps {
                let f = &model.footprints[i];
                let pop = f
                    .population
                    .map(|p| format!("<br/>{} people", people(p)))
                    .unwrap_or_default();
                let flag = codes(f.id.as_str())
                    .map(|c| format!("<br/>⚠ {c}"))
                    .unwrap_or_default();
                let class = if flag.is_empty() {
                    "footprint"
                } else {
                    "finding"
                };
                let _ = writeln!(
                    out,
                    "  {}([\"{} {}{}{}\"]):::{class}",
                    node[f.id.as_str()],
                    f.tier,
                    mermaid_text(&f.name),
                    pop,
                    flag
                );
            }
            for &i in &bodies {
                let b = &model.bodies[i];
                let flag = codes(b.id.as_str())
                    .map(|c| format!("<br/>⚠ {c}"))
                    .unwrap_or_default();
                let class = if flag.is_empty() { "body" } else { "finding" };
                let _ = writeln!(
                    out,
                    "  {}[\"{}<br/>({}){}\"]:::{class}",
                    node[b.id.as_str()],
                    mermaid_text(&b.name),
                    b.kind,
                    flag
                );
            }
            for (id, p) in &person_node {
                let _ = writeln!(
                    out,
                    "  {p}([\"{}<br/>(person)\"]):::body",
                    mermaid_text(&person_name(id))
                );
            }
            let mut links: BTreeMap<&'static str, Vec<usize>> = BTreeMap::new();
            let mut n = 0;
            for &i in &fps {
                let f = &model.footprints[i];
                if let Some(p) = f.within.as_ref().and_then(|w| node.get(w.as_str())) {
                    let _ = writeln!(out, "  {p} --- {}", node[f.id.as_str()]);
                    links.entry("#a5b4fc").or_default().push(n);
                    n += 1;
                }
            }
            for &i in &rels {
                let r = &model.relationships[i];
                let (Some(a), Some(b)) = (node.get(r.from.as_str()), node.get(r.to.as_str()))
                else {
                    continue;
                };
                let (arrow, colour, _) = style(r.kind);
                let _ = writeln!(out, "  {a} {arrow}|{}| {b}", r.kind.as_str());
                links.entry(colour).or_default().push(n);
                n += 1;
            }
            for m in &seats {
                let _ = writeln!(
                    out,
                    "  {} -->|{}| {}",
                    person_node[m.person.as_str()],
                    m.role.as_str(),
                    node[m.body.as_str()]
                );
                links.entry(SEAT_COLOUR).or_default().push(n);
                n += 1;
            }
            for (colour, ids) in links {
                let ids: Vec<String> = ids.iter().map(usize::to_string).collect();
                let _ = writeln!(out, "  linkStyle {} stroke:{colour}", ids.join(","));
            }
        }
        GraphFormat::Dot => {
            out.push_str("digraph icsgov {\n  rankdir=TB;\n  node [fontname=\"Helvetica\", fontsize=10];\n  edge [fontname=\"Helvetica\", fontsize=8];\n");
            for &i in &fps {
                let f = &model.footprints[i];
                let pop = f
                    .population
                    .map(|p| format!("\\n{} people", people(p)))
                    .unwrap_or_default();
                let flag = codes(f.id.as_str())
                    .map(|c| format!("\\n⚠ {c}"))
                    .unwrap_or_default();
                let fill = if flag.is_empty() {
                    "#eef2ff"
                } else {
                    "#fee2e2"
                };
                let _ = writeln!(
                    out,
                    "  {} [shape=folder, style=filled, fillcolor=\"{fill}\", label=\"{} {}{}{}\"];",
                    node[f.id.as_str()],
                    f.tier,
                    dot_text(&f.name),
                    pop,
                    flag
                );
            }
            for &i in &bodies {
                let b = &model.bodies[i];
                let flag = codes(b.id.as_str())
                    .map(|c| format!("\\n⚠ {c}"))
                    .unwrap_or_default();
                let fill = if flag.is_empty() {
                    "#ffffff"
                } else {
                    "#fee2e2"
                };
                let _ = writeln!(
                    out,
                    "  {} [shape=box, style=filled, fillcolor=\"{fill}\", label=\"{}\\n({}){}\"];",
                    node[b.id.as_str()],
                    dot_text(&b.name),
                    b.kind,
                    flag
                );
            }
            for &i in &fps {
                let f = &model.footprints[i];
                if let Some(p) = f.within.as_ref().and_then(|w| node.get(w.as_str())) {
                    let _ = writeln!(
                        out,
                        "  {p} -> {} [arrowhead=none, color=\"#a5b4fc\"];",
                        node[f.id.as_str()]
                    );
                }
            }
            for &i in &rels {
                let r = &model.relationships[i];
                let (Some(a), Some(b)) = (node.get(r.from.as_str()), node.get(r.to.as_str()))
                else {
                    continue;
                };
                let (_, colour, line) = style(r.kind);
                let _ = writeln!(
                    out,
                    "  {a} -> {b} [label=\"{}\", color=\"{colour}\", style={line}];",
                    r.kind.as_str()
                );
            }
            for (id, p) in &person_node {
                let _ = writeln!(
                    out,
                    "  {p} [shape=ellipse, label=\"{}\\n(person)\"];",
                    dot_text(&person_name(id))
                );
            }
            for m in &seats {
                let _ = writeln!(
                    out,
                    "  {} -> {} [label=\"{}\", color=\"{SEAT_COLOUR}\"];",
                    person_node[m.person.as_str()],
                    node[m.body.as_str()],
                    m.role.as_str()
                );
            }
            out.push_str("}\n");
        }
    }
    Ok(out)
}
