//! `icsgov report`: one self-contained HTML page (no network, no external scripts or fonts)
//! with the counts, a table of findings that filters by severity and rule, the tier tree
//! with each footprint's population against its tier's range, and a drawing of the bodies
//! and their relationships.

use std::collections::BTreeMap;
use std::fmt::Write;

use icsgov::{Diagnostic, Model, Policy, Report, Tier};

/// Text made safe for HTML: the same escaping as the JUnit XML.
fn esc(s: &str) -> String {
    crate::render::xml(s)
}

fn thousands(n: u64) -> String {
    icsgov::people(n)
}

const STYLE: &str = r#"
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0;color:#111827;background:#f9fafb}
header{background:#005eb8;color:#fff;padding:16px 24px}header h1{margin:0;font-size:22px}header p{margin:4px 0 0;opacity:.9}
main{padding:16px 24px;max-width:1400px}section{background:#fff;border:1px solid #e5e7eb;border-radius:6px;padding:16px;margin-bottom:16px}
h2{margin-top:0;font-size:18px}.cards{display:flex;gap:12px;flex-wrap:wrap}.card{border-radius:6px;padding:10px 16px;min-width:120px;border:1px solid #e5e7eb}
.card b{display:block;font-size:28px}.error{background:#fee2e2}.warning{background:#fef3c7}.info{background:#e0f2fe}.other{background:#f3f4f6}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e5e7eb;vertical-align:top}
th{background:#f3f4f6;position:sticky;top:0}tr.sev-error td:first-child{color:#b91c1c;font-weight:600}tr.sev-warning td:first-child{color:#b45309;font-weight:600}
tr.sev-info td:first-child{color:#0369a1}.controls{display:flex;gap:12px;margin-bottom:8px;flex-wrap:wrap;align-items:center}
code{font-size:12px}.muted{color:#6b7280}details{margin-left:16px}summary{cursor:pointer;padding:2px 0}
.meter{display:inline-block;width:120px;height:8px;background:#e5e7eb;border-radius:4px;position:relative;vertical-align:middle;margin:0 6px}
.meter i{position:absolute;top:-2px;width:4px;height:12px;border-radius:2px;background:#15803d}.meter i.out{background:#b91c1c}
.out-text{color:#b91c1c;font-weight:600}.graph{overflow:auto;max-height:800px;border:1px solid #e5e7eb}
.legend span{display:inline-block;margin-right:12px;font-size:12px}.legend i{display:inline-block;width:18px;height:3px;vertical-align:middle;margin-right:4px}
"#;

const SCRIPT: &str = r#"
(function(){
  var sev=document.getElementById('severity'), rule=document.getElementById('rule'), q=document.getElementById('search');
  var rows=Array.prototype.slice.call(document.querySelectorAll('#findings tbody tr'));
  var shown=document.getElementById('shown');
  function apply(){
    var s=sev.value, r=rule.value, t=q.value.toLowerCase(), n=0;
    rows.forEach(function(row){
      var ok=(!s||row.getAttribute('data-severity')===s)&&(!r||row.getAttribute('data-rule')===r)&&(!t||row.textContent.toLowerCase().indexOf(t)>=0);
      row.style.display=ok?'':'none'; if(ok){n++;}
    });
    shown.textContent=n+' of '+rows.length+' shown';
  }
  sev.addEventListener('change',apply); rule.addEventListener('change',apply); q.addEventListener('input',apply); apply();
})();
"#;

/// One file's report as a page, with the findings about the policy's waivers when there are
/// any (they count towards the run's outcome as the dataset's own do).
pub fn page(
    file: &str,
    model: &Model,
    report: &Report,
    about_policy: Option<&Report>,
    policy: &Policy,
) -> String {
    let title = model.name.clone().unwrap_or_else(|| file.to_owned());
    let mut s = report.summary();
    if let Some(p) = about_policy {
        s.add(p.summary());
    }
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>icsgov: {}</title><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><style>{STYLE}</style></head><body>\n",
        esc(&title)
    );
    let when = match report.as_of() {
        Some(d) => format!("as of {d}"),
        None => "across its whole timeline".to_owned(),
    };
    let _ = writeln!(
        out,
        "<header><h1>{}</h1><p><code>{}</code>: {} footprints, {} bodies, {} relationships, checked {when}</p></header><main>",
        esc(&title),
        esc(file),
        model.footprints.len(),
        model.bodies.len(),
        model.relationships.len()
    );

    // Counts.
    let _ = writeln!(
        out,
        "<section id=\"summary\"><h2>Summary</h2><div class=\"cards\"><div class=\"card error\"><b id=\"count-error\">{}</b>errors</div><div class=\"card warning\"><b id=\"count-warning\">{}</b>warnings</div><div class=\"card info\"><b id=\"count-info\">{}</b>information</div><div class=\"card other\"><b id=\"count-waived\">{}</b>waived or in the baseline</div></div></section>",
        s.errors,
        s.warnings,
        s.infos,
        s.waived + s.baselined
    );

    findings_table(&mut out, report);
    if let Some(p) = about_policy.filter(|p| !p.diagnostics().is_empty()) {
        out.push_str("<section id=\"policy-findings\"><h2>Findings about the policy's waivers</h2><table><thead><tr><th>Severity</th><th>Rule</th><th>Where in the policy</th><th>Finding</th></tr></thead><tbody>\n");
        for d in p.diagnostics() {
            row(&mut out, d);
        }
        out.push_str("</tbody></table></section>\n");
    }
    tier_tree(&mut out, model, report, policy);
    boards(&mut out, model, report.as_of());
    drawing(&mut out, model, report);

    let _ = writeln!(out, "</main><script>{SCRIPT}</script></body></html>");
    out
}

/// A period as a reader says it: `from 2022-07-01`, `2022-07-01 to 2024-03-31`, `always`.
fn period(v: icsgov::Validity) -> String {
    match (v.from, v.to) {
        (Some(f), Some(t)) => format!("{f} to {t}"),
        (Some(f), None) => format!("from {f}"),
        (None, Some(t)) => format!("until {t}"),
        (None, None) => "undated".to_owned(),
    }
}

/// A panel per integrated care board whose board, committees or delegations the dataset
/// records: the seats (in force on the date checked, or all of them with their dates), the
/// committees and the functions delegated to it.
fn boards(out: &mut String, model: &Model, as_of: Option<icsgov::Date>) {
    use icsgov::{BodyKind, RelationshipKind, Role};
    let live = |v: icsgov::Validity| as_of.is_none_or(|d| v.includes(d));
    let names: BTreeMap<&str, &str> = model
        .bodies
        .iter()
        .map(|b| (b.id.as_str(), b.name.as_str()))
        .chain(
            model
                .people
                .iter()
                .map(|p| (p.id.as_str(), p.name.as_str())),
        )
        .collect();
    let name = |id: &str| -> String {
        match names.get(id) {
            Some(n) => format!("{} <code>{}</code>", esc(n), esc(id)),
            None => format!("<code>{}</code>", esc(id)),
        }
    };
    // Each list read once, grouped by the ICB it concerns, so the page costs the same
    // however many ICBs there are.
    let index: BTreeMap<&str, &icsgov::Body> =
        model.bodies.iter().map(|b| (b.id.as_str(), b)).collect();
    let mut seats_of: BTreeMap<&str, Vec<&icsgov::Membership>> = BTreeMap::new();
    for m in model.memberships.iter().filter(|m| live(m.validity())) {
        seats_of.entry(m.body.as_str()).or_default().push(m);
    }
    let mut committees_of: BTreeMap<&str, Vec<&icsgov::Body>> = BTreeMap::new();
    let mut delegations_to: BTreeMap<&str, Vec<&icsgov::Relationship>> = BTreeMap::new();
    for r in model.relationships.iter().filter(|r| live(r.validity())) {
        match r.kind {
            RelationshipKind::CommitteeOf => {
                if let Some(c) = index.get(r.from.as_str()).filter(|c| live(c.validity())) {
                    committees_of.entry(r.to.as_str()).or_default().push(c);
                }
            }
            RelationshipKind::DelegatesTo => {
                delegations_to.entry(r.to.as_str()).or_default().push(r);
            }
            _ => {}
        }
    }
    let mut panels = String::new();
    for icb in model
        .bodies
        .iter()
        .filter(|b| b.kind == BodyKind::IntegratedCareBoard)
    {
        let id = icb.id.as_str();
        let mut seats = seats_of.remove(id).unwrap_or_default();
        seats.sort_by_key(|m| {
            (
                Role::ALL.iter().position(|r| *r == m.role),
                m.valid_from,
                m.person.as_str(),
            )
        });
        let committees = committees_of.remove(id).unwrap_or_default();
        let delegations = delegations_to.remove(id).unwrap_or_default();
        if seats.is_empty() && committees.is_empty() && delegations.is_empty() {
            continue;
        }
        let _ = writeln!(
            panels,
            "<div class=\"board\" id=\"board-{}\"><h3>{}</h3>",
            esc(id),
            name(id)
        );
        if icb.board_record == Some(icsgov::BoardRecord::Partial) {
            panels.push_str("<p class=\"muted\">The dataset records this board in part: a seat or committee not shown may still exist.</p>\n");
        }
        if !seats.is_empty() {
            panels.push_str("<table class=\"seats\"><thead><tr><th>Seat</th><th>Held by</th><th>When</th><th>Nominated by</th><th>Appointed by</th></tr></thead><tbody>\n");
            for m in seats {
                let nominated: Vec<String> =
                    m.nominated_by.iter().map(|n| name(n.as_str())).collect();
                let _ = writeln!(
                    panels,
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    esc(m.role.as_str()),
                    name(m.person.as_str()),
                    period(m.validity()),
                    nominated.join(", "),
                    m.appointed_by
                        .as_ref()
                        .map(|a| name(a.as_str()))
                        .unwrap_or_default()
                );
            }
            panels.push_str("</tbody></table>\n");
        }
        if !committees.is_empty() {
            panels.push_str("<p><b>Committees:</b></p><ul class=\"committees\">\n");
            for c in committees {
                let remit = c
                    .remit
                    .map(|r| format!(" ({})", r.as_str()))
                    .unwrap_or_default();
                let _ = writeln!(
                    panels,
                    "<li>{}{remit}, {}</li>",
                    name(c.id.as_str()),
                    period(c.validity())
                );
            }
            panels.push_str("</ul>\n");
        }
        if !delegations.is_empty() {
            panels.push_str("<p><b>Functions delegated to it:</b></p><ul class=\"delegations\">\n");
            for r in delegations {
                let what = r
                    .function
                    .map(|f| esc(f.as_str()))
                    .unwrap_or_else(|| "functions not named".to_owned());
                let _ = writeln!(
                    panels,
                    "<li>{what}, by {}, {}</li>",
                    name(r.from.as_str()),
                    period(r.validity())
                );
            }
            panels.push_str("</ul>\n");
        }
        panels.push_str("</div>\n");
    }
    if panels.is_empty() {
        return;
    }
    let when = match as_of {
        Some(d) => format!(" on {d}"),
        None => String::new(),
    };
    let _ = writeln!(
        out,
        "<section id=\"boards\"><h2>Boards, committees and delegated functions{when}</h2>\n{panels}</section>"
    );
}

fn findings_table(out: &mut String, report: &Report) {
    let mut rules: BTreeMap<&str, &str> = BTreeMap::new();
    for d in report.diagnostics() {
        rules.insert(d.code(), d.name());
    }
    out.push_str("<section><h2>Findings</h2><div class=\"controls\"><label>Severity <select id=\"severity\"><option value=\"\">all</option><option value=\"error\">errors</option><option value=\"warning\">warnings</option><option value=\"info\">information</option></select></label>");
    out.push_str("<label>Rule <select id=\"rule\"><option value=\"\">all</option>");
    for (code, name) in &rules {
        let _ = write!(
            out,
            "<option value=\"{code}\">{code} {}</option>",
            esc(name)
        );
    }
    out.push_str("</select></label><label>Search <input id=\"search\" type=\"search\" placeholder=\"id, name or words\"></label><span id=\"shown\" class=\"muted\"></span></div>");
    if report.diagnostics().is_empty() {
        out.push_str(
            "<p id=\"no-findings\">No findings: the dataset breaks none of the rules.</p>",
        );
    }
    out.push_str("<table id=\"findings\"><thead><tr><th>Severity</th><th>Rule</th><th>Where</th><th>Finding</th></tr></thead><tbody>\n");
    for d in report.diagnostics() {
        row(out, d);
    }
    out.push_str("</tbody></table></section>\n");
}

fn row(out: &mut String, d: &Diagnostic) {
    let note = if d.counts() {
        ""
    } else {
        " <span class=\"muted\">(not counted)</span>"
    };
    let help = d
        .help()
        .map(|h| format!("<br><span class=\"muted\">help: {}</span>", esc(h)))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "<tr class=\"sev-{sev}\" data-severity=\"{sev}\" data-rule=\"{code}\"><td>{sev}{note}</td><td><code>{code}</code> {name}</td><td><code>{path}</code></td><td>{msg}{help}</td></tr>",
        sev = d.severity(),
        code = d.code(),
        name = esc(d.name()),
        path = esc(d.path().as_str()),
        msg = esc(&d.message_with_period())
    );
}

fn tier_tree(out: &mut String, model: &Model, report: &Report, policy: &Policy) {
    let flagged: std::collections::BTreeSet<usize> = report
        .diagnostics()
        .iter()
        .filter_map(|d| {
            let mut t = d.path().tokens();
            (t.next()? == "footprints")
                .then(|| t.next()?.parse().ok())
                .flatten()
        })
        .collect();
    let mut children: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let ids: std::collections::BTreeSet<&str> =
        model.footprints.iter().map(|f| f.id.as_str()).collect();
    let mut roots = Vec::new();
    for (i, f) in model.footprints.iter().enumerate() {
        match f
            .within
            .as_ref()
            .filter(|w| ids.contains(w.as_str()) && w.as_str() != f.id.as_str())
        {
            Some(w) => children.entry(w.as_str()).or_default().push(i),
            None => roots.push(i),
        }
    }
    out.push_str("<section id=\"tiers\"><h2>Footprints by tier</h2><p class=\"muted\">Each population against its tier's range in the policy; a red mark is outside it.</p>\n");
    // Iterative, so a deep or looping `within` cannot exhaust the stack.
    let mut stack: Vec<(usize, usize, bool)> = roots.iter().rev().map(|&i| (i, 0, false)).collect();
    let mut seen = vec![false; model.footprints.len()];
    while let Some((i, depth, closing)) = stack.pop() {
        if closing {
            out.push_str("</details>\n");
            continue;
        }
        if seen[i] || depth > 3 {
            continue;
        }
        seen[i] = true;
        let f = &model.footprints[i];
        let range = policy.population.for_tier(f.tier);
        let (meter, text) = match (f.population, range) {
            (Some(p), Some(r)) => {
                let out_of = !r.contains(p);
                // Position on a scale from 0 to twice the range's maximum (or its minimum).
                let top = r.max.or(r.min).unwrap_or(1).max(1);
                let pos = ((p as f64 / (2.0 * top as f64)) * 116.0).clamp(0.0, 116.0);
                let words = r.describe();
                (
                    format!("<span class=\"meter\" title=\"range {words}\"><i class=\"{}\" style=\"left:{pos:.0}px\"></i></span>", if out_of { "out" } else { "" }),
                    format!("<span class=\"{}\">{} people</span> <span class=\"muted\">(range {words})</span>", if out_of { "out-text" } else { "" }, thousands(p)),
                )
            }
            (Some(p), None) => (String::new(), format!("{} people", thousands(p))),
            (None, _) => (
                String::new(),
                "<span class=\"muted\">no population</span>".to_owned(),
            ),
        };
        let mark = if flagged.contains(&i) { " ⚠" } else { "" };
        let open = if f.tier == Tier::System { " open" } else { "" };
        let _ = writeln!(
            out,
            "<details{open} data-footprint=\"{}\"><summary><b>{}</b> <span class=\"muted\">{} <code>{}</code></span> {meter}{text}{mark}</summary>",
            esc(f.id.as_str()),
            esc(&f.name),
            f.tier,
            esc(f.id.as_str())
        );
        stack.push((i, depth, true));
        if let Some(kids) = children.get(f.id.as_str()) {
            for &c in kids.iter().rev() {
                stack.push((c, depth + 1, false));
            }
        }
    }
    // Nothing is lost: footprints the tree cannot reach (their `within` goes round in a
    // circle, or nests deeper than the three tiers) are listed on their own.
    let unplaced: Vec<usize> = (0..model.footprints.len()).filter(|&i| !seen[i]).collect();
    if !unplaced.is_empty() {
        let _ = writeln!(
            out,
            "<h3 id=\"unplaced\">Not in the tree ({})</h3><p class=\"muted\">Their <code>within</code> goes round in a circle, or nests deeper than system, place and neighbourhood.</p><ul>",
            unplaced.len()
        );
        for i in unplaced {
            let f = &model.footprints[i];
            let mark = if flagged.contains(&i) { " ⚠" } else { "" };
            let _ = writeln!(
                out,
                "<li data-footprint=\"{}\"><b>{}</b> <span class=\"muted\">{} <code>{}</code> within <code>{}</code></span>{mark}</li>",
                esc(f.id.as_str()),
                esc(&f.name),
                f.tier,
                esc(f.id.as_str()),
                esc(f.within.as_ref().map_or("", |w| w.as_str()))
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

/// The bodies in columns by tier (national and regional, system, place, neighbourhood), with
/// their relationships as coloured lines. GP practices are left out above 300 bodies, so that
/// England stays readable.
fn drawing(out: &mut String, model: &Model, report: &Report) {
    use icsgov::BodyKind;
    let tiers: BTreeMap<&str, Tier> = model
        .footprints
        .iter()
        .map(|f| (f.id.as_str(), f.tier))
        .collect();
    let many = model.bodies.len() > 300;
    let mut columns: [Vec<usize>; 4] = Default::default();
    for (i, b) in model.bodies.iter().enumerate() {
        if many && b.kind == BodyKind::GpPractice {
            continue;
        }
        let col = match b.footprint.as_ref().and_then(|f| tiers.get(f.as_str())) {
            None => 0,
            Some(Tier::System) => 1,
            Some(Tier::Place) => 2,
            Some(Tier::Neighbourhood) => 3,
        };
        columns[col].push(i);
    }
    let flagged: std::collections::BTreeSet<usize> = report
        .diagnostics()
        .iter()
        .filter_map(|d| {
            let mut t = d.path().tokens();
            (t.next()? == "bodies")
                .then(|| t.next()?.parse().ok())
                .flatten()
        })
        .collect();
    let (w, h, gap_x, gap_y, left, top) = (230.0, 22.0, 90.0, 8.0, 10.0, 30.0);
    let mut at: BTreeMap<usize, (f64, f64)> = BTreeMap::new();
    for (c, col) in columns.iter().enumerate() {
        for (r, &i) in col.iter().enumerate() {
            at.insert(
                i,
                (left + c as f64 * (w + gap_x), top + r as f64 * (h + gap_y)),
            );
        }
    }
    let rows = columns.iter().map(Vec::len).max().unwrap_or(0);
    let width = left * 2.0 + 4.0 * w + 3.0 * gap_x;
    let height = top + rows as f64 * (h + gap_y) + 10.0;
    let index: BTreeMap<&str, usize> = model
        .bodies
        .iter()
        .enumerate()
        .map(|(i, b)| (b.id.as_str(), i))
        .collect();
    out.push_str("<section id=\"graph\"><h2>Bodies and relationships</h2><div class=\"legend\">");
    for kind in icsgov::RelationshipKind::ALL {
        let _ = write!(
            out,
            "<span><i style=\"background:{}\"></i>{}</span>",
            icsgov::graph::colour(kind),
            kind.as_str()
        );
    }
    if many {
        out.push_str("<span class=\"muted\">GP practices are left out of the drawing.</span>");
    }
    let _ = write!(out, "</div><div class=\"graph\"><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" font-family=\"system-ui, sans-serif\" font-size=\"11\">");
    for (c, label) in ["national and regional", "system", "place", "neighbourhood"]
        .iter()
        .enumerate()
    {
        let _ = write!(
            out,
            "<text x=\"{:.0}\" y=\"18\" font-weight=\"bold\">{label}</text>",
            left + c as f64 * (w + gap_x)
        );
    }
    for r in &model.relationships {
        let (Some(&f), Some(&t)) = (index.get(r.from.as_str()), index.get(r.to.as_str())) else {
            continue;
        };
        let (Some(&(x1, y1)), Some(&(x2, y2))) = (at.get(&f), at.get(&t)) else {
            continue;
        };
        let (x1, x2) = if x1 <= x2 { (x1 + w, x2) } else { (x1, x2 + w) };
        let _ = write!(
            out,
            "<line x1=\"{x1:.0}\" y1=\"{:.0}\" x2=\"{x2:.0}\" y2=\"{:.0}\" stroke=\"{}\" stroke-opacity=\"0.55\"><title>{} {} {}</title></line>",
            y1 + h / 2.0,
            y2 + h / 2.0,
            icsgov::graph::colour(r.kind),
            esc(r.from.as_str()),
            r.kind.as_str(),
            esc(r.to.as_str())
        );
    }
    for (&i, &(x, y)) in &at {
        let b = &model.bodies[i];
        let fill = if flagged.contains(&i) {
            "#fee2e2"
        } else {
            "#ffffff"
        };
        let name: String = b.name.chars().take(34).collect();
        let _ = write!(
            out,
            "<g><title>{} ({}) {}</title><rect x=\"{x:.0}\" y=\"{y:.0}\" width=\"{w:.0}\" height=\"{h:.0}\" rx=\"4\" fill=\"{fill}\" stroke=\"#6b7280\"/><text x=\"{:.0}\" y=\"{:.0}\">{}</text></g>",
            esc(&b.name),
            b.kind,
            esc(b.id.as_str()),
            x + 6.0,
            y + 15.0,
            esc(&name)
        );
    }
    out.push_str("</svg></div></section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_in_names() {
        assert_eq!(
            esc("<b>\"A&B\"</b>"),
            "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;"
        );
        assert_eq!(esc("it's"), "it&apos;s");
        assert_eq!(thousands(1_800_000), "1,800,000");
    }

    #[test]
    fn a_page_is_self_contained() {
        let m = Model::from_json_str(r#"{"name": "<script>x</script>", "bodies": [{"id": "QE1", "name": "ICB", "kind": "integrated_care_board"}]}"#).unwrap();
        let policy = Policy::default();
        let r = icsgov::Validator::new(&policy).validate(&m);
        let html = page("x.json", &m, &r, None, &policy);
        assert!(!html.contains("<script>x</script>"));
        for external in ["http://", "https://", "src=", "<link"] {
            let stray = html.replace("http://www.w3.org/2000/svg", "");
            assert!(!stray.contains(external), "{external}");
        }
        assert!(html.contains("id=\"count-error\">1<"));
    }
}
