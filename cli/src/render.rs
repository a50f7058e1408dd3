//! Writing reports for people (human), for GitHub Actions and for JUnit consumers.

use std::collections::HashMap;
use std::fmt::Write;

use anstyle::{AnsiColor, Style};
use icsgov::{rules, Diagnostic, JsonPointer, Reports, Severity, SourceMap, Summary, Suppression};

use crate::{Source, SourceFormat};

/// The longest stretch of a source line shown under a diagnostic.
const SNIPPET_CHARS: usize = 100;

/// Where a finding is in its file: line, column and the text of the line.
pub struct Place<'t> {
    /// The file the line is in, when it is not the report's own (a CSV publication that
    /// an imported dataset's entity came from).
    pub file: Option<&'t str>,
    pub line: usize,
    pub column: usize,
    pub text: &'t str,
    /// The byte of `column` in `text`.
    pub byte: usize,
}

/// A large dataset's findings, placed, and the file to read their lines' text from.
struct Excerpts<'s> {
    file: std::fs::File,
    by_pointer: HashMap<&'s str, icsgov::Excerpt>,
}

/// Places pointers in the sources of a run, indexing each source once, on first use; a
/// source whose text was not kept is read again from its file.
pub struct Placer<'s> {
    sources: HashMap<&'s str, &'s Source>,
    /// Publications read again to show the rows imported entities came from: each one's
    /// text and where its lines start.
    publications: HashMap<&'s str, Option<(String, Vec<usize>)>>,
    maps: HashMap<&'s str, Option<SourceMap<'static>>>,
    policies: HashMap<&'s str, icsgov::TomlIndex<'s>>,
    /// The findings of a large dataset whose text was not kept, placed together in one pass
    /// over its file on first use, by pointer.
    excerpts: HashMap<&'s str, Option<Excerpts<'s>>>,
    /// The text of the last excerpt read.
    excerpt_text: String,
    reports: &'s Reports,
    /// How many characters of a line either side of a place the output shows (0: none).
    around: usize,
}

impl<'s> Placer<'s> {
    /// Places the findings of `reports` in `sources`, for an output that shows `around`
    /// characters of a place's line either side of it (0 for an output of positions only).
    pub fn new(sources: &'s [Source], reports: &'s Reports, around: usize) -> Self {
        Self {
            sources: sources.iter().map(|s| (s.name.as_str(), s)).collect(),
            maps: HashMap::new(),
            publications: HashMap::new(),
            policies: HashMap::new(),
            excerpts: HashMap::new(),
            excerpt_text: String::new(),
            reports,
            around,
        }
    }

    /// Every finding of `file` that has no position of its own, placed in one pass over its
    /// file from where its entities start; `None` when the file cannot be read again.
    fn excerpts(
        reports: &'s Reports,
        source: &'s Source,
        starts: &icsgov::EntityStarts,
        path: &std::path::Path,
        around: usize,
    ) -> Option<Excerpts<'s>> {
        let mut pointers: Vec<&'s JsonPointer> = reports
            .files
            .iter()
            .filter(|f| f.file == source.name)
            .flat_map(|f| f.report.diagnostics())
            .filter(|d| d.position().is_none())
            .map(Diagnostic::path)
            .collect();
        pointers.sort_unstable_by(|a, b| a.as_str().cmp(b.as_str()));
        pointers.dedup();
        let placed = starts.place(path, &pointers, around).ok()?;
        Some(Excerpts {
            file: std::fs::File::open(path).ok()?,
            by_pointer: pointers
                .into_iter()
                .zip(placed)
                .filter_map(|(p, e)| Some((p.as_str(), e?)))
                .collect(),
        })
    }

    /// Where `d` is in `file`: at its own line and column when it has them (an input that
    /// could not be read), otherwise where its JSON Pointer leads.
    pub fn place(&mut self, file: &str, d: &Diagnostic) -> Option<Place<'_>> {
        match d.position() {
            Some(at) => Some(self.at(file, at)),
            None => self.find(file, d.path()),
        }
    }

    /// A line and column given, with the line's text when the file's text was kept.
    fn at(&mut self, file: &str, at: icsgov::Position) -> Place<'_> {
        let text = self
            .sources
            .get(file)
            .and_then(|s| s.text.as_deref())
            .and_then(|t| t.lines().nth(at.line.saturating_sub(1)))
            .unwrap_or("");
        let byte = text
            .char_indices()
            .nth(at.column.saturating_sub(1))
            .map_or(text.len(), |(i, _)| i);
        Place {
            file: None,
            line: at.line,
            column: at.column,
            text,
            byte,
        }
    }

    fn find(&mut self, file: &str, pointer: &JsonPointer) -> Option<Place<'_>> {
        let source = *self.sources.get(file)?;
        if let Some(rows) = &source.rows {
            let (publication, line) = rows.row(pointer)?;
            let read = self.publications.entry(publication).or_insert_with(|| {
                let text = std::fs::read_to_string(publication).ok()?;
                let starts = std::iter::once(0)
                    .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                    .collect();
                Some((text, starts))
            });
            let line_text = read.as_ref().and_then(|(text, starts)| {
                let i = usize::try_from(line).ok()?.checked_sub(1)?;
                let start = *starts.get(i)?;
                let end = starts.get(i + 1).map_or(text.len(), |e| *e);
                Some(text[start..end].trim_end_matches(['\n', '\r']))
            });
            return Some(Place {
                file: Some(publication),
                line: usize::try_from(line).unwrap_or(usize::MAX),
                column: 1,
                text: line_text.unwrap_or(""),
                byte: 0,
            });
        }
        let format = match source.format {
            SourceFormat::Dataset(format) => format,
            // A policy file, indexed once: it may hold thousands of waivers.
            SourceFormat::Toml => {
                let text = source.text.as_deref()?;
                let index = self
                    .policies
                    .entry(source.name.as_str())
                    .or_insert_with(|| icsgov::TomlIndex::new(text));
                let (line, column) = index.position(pointer.as_str())?;
                let text = index.line(line).unwrap_or("");
                // Policy files are short lines: the byte is found by counting.
                let byte = text
                    .char_indices()
                    .nth(column.saturating_sub(1))
                    .map_or(text.len(), |(i, _)| i);
                return Some(Place {
                    file: None,
                    line,
                    column,
                    text,
                    byte,
                });
            }
        };
        if let (None, Some(starts), Some(path)) = (&source.text, &source.starts, &source.path) {
            let (reports, around) = (self.reports, self.around);
            let excerpts = self
                .excerpts
                .entry(source.name.as_str())
                .or_insert_with(|| Self::excerpts(reports, source, starts, path, around))
                .as_ref()?;
            let e = excerpts.by_pointer.get(pointer.as_str())?;
            // A line that can no longer be read is not shown; the place still is.
            let (text, byte) = if e.text.is_empty() {
                (String::new(), 0)
            } else {
                e.read(&excerpts.file).unwrap_or_default()
            };
            self.excerpt_text = text;
            return Some(Place {
                file: None,
                line: e.position.line,
                column: e.position.column,
                text: &self.excerpt_text,
                byte,
            });
        }
        let map = self
            .maps
            .entry(source.name.as_str())
            .or_insert_with(|| {
                let text = match (&source.text, &source.path) {
                    (Some(t), _) => t.clone(),
                    (None, Some(p)) => std::fs::read_to_string(p).ok()?,
                    (None, None) => return None,
                };
                Some(SourceMap::owned(text, format))
            })
            .as_ref()?;
        let (p, text, byte) = map.find_in_line(pointer)?;
        Some(Place {
            file: None,
            line: p.line,
            column: p.column,
            text,
            byte,
        })
    }
}

use icsgov::count as plural;

fn summary_text(s: Summary) -> String {
    let mut t = format!(
        "{}, {}, {}",
        plural(s.errors, "error", "errors"),
        plural(s.warnings, "warning", "warnings"),
        plural(s.infos, "info", "infos")
    );
    if s.waived > 0 {
        let _ = write!(t, "; {} waived", s.waived);
    }
    if s.baselined > 0 {
        let _ = write!(t, "; {} in the baseline", s.baselined);
    }
    t
}

fn severity_style(s: Severity) -> Style {
    let colour = match s {
        Severity::Error => AnsiColor::Red,
        Severity::Warning => AnsiColor::Yellow,
        Severity::Info => AnsiColor::Cyan,
    };
    Style::new().fg_color(Some(colour.into())).bold()
}

const BOLD: Style = Style::new().bold();
const GUTTER: Style = Style::new()
    .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Blue)))
    .bold();

/// Diagnostics like rustc's: `file:line:col: error[ICS201]: message`, the source line with a
/// caret under the entity, a help line, and a summary. Styled with ANSI codes, which the
/// output stream strips unless colour is wanted.
pub fn human(reports: &Reports, sources: &[Source], unusable: usize, quiet: bool) -> String {
    let mut out = String::new();
    let mut placer = Placer::new(sources, reports, SNIPPET_CHARS);
    for f in &reports.files {
        for d in f.report.diagnostics() {
            if quiet && (!d.counts() || d.severity() == Severity::Info) {
                continue;
            }
            let place = placer.place(&f.file, d);
            match &place {
                Some(p) => {
                    let _ = write!(
                        out,
                        "{BOLD}{}:{}:{}:{BOLD:#} ",
                        term(p.file.unwrap_or(&f.file)),
                        p.line,
                        p.column
                    );
                }
                None => {
                    let _ = write!(out, "{BOLD}{}:{BOLD:#} ", term(&f.file));
                }
            }
            let sev = severity_style(d.severity());
            let _ = write!(out, "{sev}{}[{}]{sev:#}", d.severity(), d.code());
            let _ = writeln!(out, "{BOLD}: {}{BOLD:#}", term(&d.message_with_period()));
            match &place {
                Some(p) if !p.text.is_empty() => {
                    let gutter = p.line.to_string().len();
                    // A window around the column, found by walking at most the window's width
                    // from the column's byte, so a dataset on one line costs no more per finding.
                    let at = p.byte;
                    let start = p.text[..at]
                        .char_indices()
                        .rev()
                        .take(SNIPPET_CHARS / 2)
                        .last()
                        .map_or(at, |(i, _)| i);
                    let before = &p.text[start..at];
                    let shown: String = p.text[start..].chars().take(SNIPPET_CHARS).collect();
                    let shown = term(&shown);
                    let ellipsis = if start > 0 { "…" } else { "" };
                    // Escapes widen the line: the caret goes under the escaped text.
                    let caret_at = term(before).chars().count() + ellipsis.chars().count();
                    let _ = writeln!(out, "{GUTTER}{:gutter$} |{GUTTER:#}", "");
                    let _ = writeln!(out, "{GUTTER}{} |{GUTTER:#} {ellipsis}{shown}", p.line);
                    let _ = writeln!(
                        out,
                        "{GUTTER}{:gutter$} |{GUTTER:#} {:caret_at$}{sev}^{sev:#} {}",
                        "",
                        "",
                        d.path()
                    );
                }
                _ if d.path().is_root() => {}
                _ => {
                    let _ = writeln!(out, "  {GUTTER}-->{GUTTER:#} {}", d.path());
                }
            }
            if let Some(help) = d.help() {
                let _ = writeln!(out, "  {BOLD}= help:{BOLD:#} {}", term(help));
            }
            match d.suppressed() {
                Some(Suppression::Waiver {
                    reason,
                    owner,
                    expires,
                }) => {
                    let _ = writeln!(
                        out,
                        "  {BOLD}= waived:{BOLD:#} {} (owner {}, until {expires}); not counted",
                        term(reason),
                        term(owner)
                    );
                }
                Some(Suppression::Baseline) => {
                    let _ = writeln!(out, "  {BOLD}= in the baseline:{BOLD:#} not counted");
                }
                None => {}
            }
            out.push('\n');
        }
    }
    if quiet {
        return out;
    }
    // An input that could not be used was not checked: it is counted on its own.
    let checked = reports
        .files
        .iter()
        .filter(|f| {
            !f.report
                .diagnostics()
                .iter()
                .any(|d| rules::find(d.code()).is_some_and(|r| r.is_about_input()))
        })
        .count();
    let _ = write!(
        out,
        "{} checked: {}",
        plural(checked, "file", "files"),
        summary_text(reports.summary)
    );
    if unusable > 0 {
        let _ = write!(
            out,
            "; {} could not be used",
            plural(unusable, "input", "inputs")
        );
    }
    out.push('\n');
    if let Some(b) = reports.baseline {
        let _ = writeln!(
            out,
            "baseline: {} already recorded (not counted), {} now fixed",
            plural(b.matched, "finding", "findings"),
            plural(b.fixed, "entry", "entries")
        );
    }
    out
}

/// Escapes a workflow command's message.
fn gh_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value.
fn gh_property(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// How many annotations of each level GitHub shows for one step: the rest are dropped.
pub const GITHUB_SHOWN_PER_LEVEL: usize = 10;

/// GitHub Actions workflow commands: each counted finding annotates its line of the dataset,
/// most serious first, as many of each level as GitHub shows for a step (10 errors, 10
/// warnings, 9 notices); a last notice says how many were not annotated.
pub fn github(reports: &Reports, sources: &[Source]) -> String {
    let mut out = String::new();
    let mut placer = Placer::new(sources, reports, 0);
    let mut counted: Vec<(&str, &Diagnostic)> = reports
        .files
        .iter()
        .flat_map(|f| {
            f.report
                .diagnostics()
                .iter()
                .filter(|d| d.counts())
                .map(move |d| (f.file.as_str(), d))
        })
        .collect();
    counted.sort_by_key(|(_, d)| std::cmp::Reverse(d.severity()));
    let mut shown = [0usize; 3];
    let mut not_shown = 0;
    for (file, d) in counted {
        let (command, slot, cap) = match d.severity() {
            Severity::Error => ("error", 0, GITHUB_SHOWN_PER_LEVEL),
            Severity::Warning => ("warning", 1, GITHUB_SHOWN_PER_LEVEL),
            // One notice is kept for saying what was not shown.
            Severity::Info => ("notice", 2, GITHUB_SHOWN_PER_LEVEL - 1),
        };
        if shown[slot] == cap {
            not_shown += 1;
            continue;
        }
        shown[slot] += 1;
        let mut props = String::new();
        match placer.place(file, d) {
            Some(p) => {
                let _ = write!(
                    props,
                    "file={},line={},col={}",
                    gh_property(p.file.unwrap_or(file)),
                    p.line,
                    p.column
                );
            }
            None => {
                let _ = write!(props, "file={}", gh_property(file));
            }
        }
        let title = format!("{} {}", d.code(), d.name());
        let _ = write!(props, ",title={}", gh_property(&title));
        let mut message = format!("{} (at {})", d.message_with_period(), d.path());
        if let Some(h) = d.help() {
            let _ = write!(message, "\nhelp: {h}");
        }
        let _ = writeln!(out, "::{command} {props}::{}", gh_data(&message));
    }
    if not_shown > 0 {
        let _ = writeln!(
            out,
            "::notice title=icsgov::{}",
            gh_data(&format!(
                "{} not annotated: GitHub shows {GITHUB_SHOWN_PER_LEVEL} errors and {GITHUB_SHOWN_PER_LEVEL} warnings per step, so the most serious are shown; the step summary and --format json list every one",
                plural(not_shown, "finding was", "findings were")
            ))
        );
    }
    out
}

/// Text from a dataset made safe for a terminal: control characters (escape sequences, a
/// newline that could forge a line of output) and the characters that reorder a line
/// (bidirectional overrides and isolates) are shown as `\u{…}` escapes instead.
pub fn term(s: &str) -> std::borrow::Cow<'_, str> {
    fn unsafe_char(c: char) -> bool {
        c.is_control() || icsgov::is_bidi_control(c)
    }
    if !s.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut o = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if unsafe_char(c) {
            let _ = write!(o, "\\u{{{:x}}}", u32::from(c));
        } else {
            o.push(c);
        }
    }
    std::borrow::Cow::Owned(o)
}

/// Text made safe for XML and HTML.
pub fn xml(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            // Characters XML 1.0 cannot hold at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => o.push('\u{FFFD}'),
            '\u{FFFE}' | '\u{FFFF}' => o.push('\u{FFFD}'),
            c => o.push(c),
        }
    }
    o
}

/// `icsgov diff` for people: a line per change, grouped by kind, and a count of each.
pub fn diff(d: &icsgov::diff::Diff) -> String {
    let mut out = String::new();
    let ids = |v: &[String]| {
        if v.is_empty() {
            "nothing".to_owned()
        } else {
            term(&v.join(", ")).into_owned()
        }
    };
    for e in &d.added {
        let _ = writeln!(out, "added: {} {} ({})", e.kind, term(&e.id), term(&e.name));
    }
    for e in &d.removed {
        let _ = writeln!(
            out,
            "removed: {} {} ({})",
            e.kind,
            term(&e.id),
            term(&e.name)
        );
    }
    for r in &d.renamed {
        let _ = writeln!(
            out,
            "renamed: {}: {} → {}",
            term(&r.id),
            term(&r.before),
            term(&r.after)
        );
    }
    for m in &d.moved {
        let _ = writeln!(
            out,
            "moved: {} {}: {} → {}",
            term(&m.id),
            m.by,
            ids(&m.before),
            ids(&m.after)
        );
    }
    for p in &d.population_changed {
        let _ = writeln!(
            out,
            "population: {}: {} → {}",
            term(&p.id),
            icsgov::people(p.before),
            icsgov::people(p.after)
        );
    }
    for l in &d.relationships_added {
        let _ = writeln!(
            out,
            "relationship added: {} {} {}",
            term(&l.from),
            l.kind,
            term(&l.to)
        );
    }
    for l in &d.relationships_removed {
        let _ = writeln!(
            out,
            "relationship removed: {} {} {}",
            term(&l.from),
            l.kind,
            term(&l.to)
        );
    }
    for x in &d.seats_added {
        let _ = writeln!(
            out,
            "seat added: {} {} of {}",
            term(&x.person),
            x.role,
            term(&x.body)
        );
    }
    for x in &d.seats_removed {
        let _ = writeln!(
            out,
            "seat removed: {} {} of {}",
            term(&x.person),
            x.role,
            term(&x.body)
        );
    }
    for s in &d.successions {
        let _ = writeln!(
            out,
            "succession: {} → {} (sub-ICB locations {})",
            ids(&s.before),
            term(&s.after),
            ids(&s.locations)
        );
    }
    for c in &d.code_changes {
        let _ = writeln!(
            out,
            "code change: {} {} → {} (members {})",
            c.kind,
            term(&c.before),
            term(&c.after),
            ids(&c.members)
        );
    }
    for f in &d.findings_appeared {
        let _ = writeln!(
            out,
            "finding appeared: {}[{}]: {}",
            f.severity,
            f.code,
            term(&f.message)
        );
    }
    for f in &d.findings_resolved {
        let _ = writeln!(
            out,
            "finding resolved: {}[{}]: {}",
            f.severity,
            f.code,
            term(&f.message)
        );
    }
    let _ = writeln!(
        out,
        "{} added, {} removed, {} renamed, {} moved, {} population changes, {} relationships added, {} removed, {} successions, {} code changes; findings: {} appeared, {} resolved",
        d.added.len(),
        d.removed.len(),
        d.renamed.len(),
        d.moved.len(),
        d.population_changed.len(),
        d.relationships_added.len(),
        d.relationships_removed.len(),
        d.successions.len(),
        d.code_changes.len(),
        d.findings_appeared.len(),
        d.findings_resolved.len()
    );
    out
}

/// `icsgov rules`: one line per rule.
pub fn rules_table() -> String {
    let mut out = String::new();
    for r in rules::registry() {
        let _ = writeln!(
            out,
            "{}  {:<38} {:<8} {}",
            r.code(),
            r.name(),
            r.default_severity().as_str(),
            r.basis()
        );
    }
    out
}

/// `icsgov explain`: the rule's full docs.
pub fn explain(r: &rules::Rule) -> String {
    format!(
        "{} {}: {}\n\ndefault severity: {}\nbasis: {}\ndocs: docs/rules.md#{}\n\n{}",
        r.code(),
        r.name(),
        r.summary(),
        r.default_severity(),
        r.basis(),
        rules::anchor(r),
        r.docs()
    )
}
