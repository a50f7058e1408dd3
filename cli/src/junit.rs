//! JUnit XML, written with `quick-junit`: one test suite per file, one test case per finding
//! and one passing test case per rule that found nothing there.
//!
//! | finding | test case |
//! |---|---|
//! | counted error (or warning, under `--deny-warnings`) | `<failure>` |
//! | an input that could not be used (ICS000) | `<error>`: nothing in it was checked |
//! | counted warning | `<skipped>` with the warning as its message: visible, not failing |
//! | waived or in the baseline | `<skipped>` saying why it does not count |
//! | info | passes |
//!
//! Each finding's test case carries `file` and `line` attributes (GitLab's test report reads
//! them); the report is otherwise within the Jenkins and Ant JUnit schemas, with every
//! element those ask for. Times are `0.000` and the timestamp is the day checked, so that
//! the same input gives the same file.

use std::time::Duration;

use icsgov::{rules, Diagnostic, Reports, Severity, Suppression};
use quick_junit::{NonSuccessKind, Property, Report, TestCase, TestCaseStatus, TestSuite};

use crate::render::{term, Placer};
use crate::{Source, SourceFormat};

/// Text from a dataset as XML can hold it: control and bidirectional characters shown as
/// `\u{…}` escapes (so nothing is silently dropped), and the two non-characters XML forbids
/// replaced.
fn text(s: &str) -> String {
    term(s).replace(['\u{FFFE}', '\u{FFFF}'], "\u{FFFD}")
}

/// A block of text (a failure's detail): as [`text`], line by line, keeping its line breaks.
fn block(s: &str) -> String {
    s.split('\n').map(text).collect::<Vec<_>>().join("\n")
}

/// What a finding makes of its test case.
fn status(d: &Diagnostic, deny_warnings: bool) -> TestCaseStatus {
    let about_input = rules::find(d.code()).is_some_and(|r| r.is_about_input());
    let mut status = match d.suppressed() {
        Some(why) => {
            let mut s = TestCaseStatus::skipped();
            s.set_message(text(&match why {
                Suppression::Waiver {
                    reason,
                    owner,
                    expires,
                } => format!("waived: {reason} (owner {owner}, until {expires}); not counted"),
                Suppression::Baseline => "in the baseline; not counted".to_owned(),
            }));
            s
        }
        None if about_input => TestCaseStatus::non_success(NonSuccessKind::Error),
        None if d.severity() == Severity::Error
            || (deny_warnings && d.severity() == Severity::Warning) =>
        {
            TestCaseStatus::non_success(NonSuccessKind::Failure)
        }
        None if d.severity() == Severity::Warning => {
            let mut s = TestCaseStatus::skipped();
            s.set_message(text(&format!(
                "warning: {} (fails the run only under --deny-warnings)",
                d.message_with_period()
            )));
            s
        }
        None => TestCaseStatus::success(),
    };
    if let TestCaseStatus::NonSuccess { .. } = status {
        status.set_type(d.code());
        status.set_message(text(&d.message_with_period()));
    }
    status
}

/// The run as JUnit XML.
pub fn junit(
    reports: &Reports,
    sources: &[Source],
    deny_warnings: bool,
    day: icsgov::Date,
) -> String {
    let mut placer = Placer::new(sources, reports, 0);
    let mut report = Report::new("icsgov");
    for (i, f) in reports.files.iter().enumerate() {
        let file = text(&f.file);
        let mut suite = TestSuite::new(file.clone());
        suite.set_time(Duration::ZERO);
        suite.extra.insert("id".into(), i.to_string().into());
        suite.extra.insert("package".into(), "icsgov".into());
        suite.extra.insert("hostname".into(), "localhost".into());
        suite
            .extra
            .insert("timestamp".into(), format!("{day}T00:00:00").into());
        suite.add_property(Property::new("icsgov.version", env!("CARGO_PKG_VERSION")));
        if let Some(d) = f.report.as_of() {
            suite.add_property(Property::new("as_of", d.to_string()));
        }
        let diagnostics = f.report.diagnostics();
        let unusable = diagnostics
            .iter()
            .any(|d| rules::find(d.code()).is_some_and(|r| r.is_about_input()));
        let about_policy = sources
            .iter()
            .any(|s| s.name == f.file && s.format == SourceFormat::Toml)
            || diagnostics
                .iter()
                .any(|d| rules::find(d.code()).is_some_and(|r| r.is_about_policy()));
        for d in diagnostics {
            let (at_file, line) = match placer.place(&f.file, d) {
                Some(p) => (p.file.unwrap_or(&f.file).to_owned(), Some(p.line)),
                None => (f.file.clone(), None),
            };
            let mut detail = format!("{} (at {})", d.message_with_period(), d.path());
            if let Some(h) = d.help() {
                detail.push_str("\nhelp: ");
                detail.push_str(h);
            }
            if let Some(line) = line {
                detail = format!("{at_file}:{line}: {detail}");
            }
            let mut status = status(d, deny_warnings);
            if let TestCaseStatus::NonSuccess { .. } = status {
                status.set_description(block(&detail));
            }
            let mut case = TestCase::new(
                text(&format!(
                    "{} {}: {}",
                    d.code(),
                    d.name(),
                    d.message_with_period()
                )),
                status,
            );
            case.set_classname(format!("{file}.{}", d.code()));
            case.set_time(Duration::ZERO);
            case.extra.insert("file".into(), text(&at_file).into());
            if let Some(line) = line {
                case.extra.insert("line".into(), line.to_string().into());
            }
            suite.add_test_case(case);
        }
        // Nothing in an unusable input was checked: no rule passed there.
        if !unusable {
            for rule in rules::registry()
                .iter()
                .filter(|r| r.is_about_policy() == about_policy && !r.is_about_input())
                .filter(|r| !diagnostics.iter().any(|d| d.code() == r.code()))
            {
                let mut case = TestCase::new(
                    format!("{} {}", rule.code(), rule.name()),
                    TestCaseStatus::success(),
                );
                case.set_classname(format!("{file}.{}", rule.code()));
                case.set_time(Duration::ZERO);
                suite.add_test_case(case);
            }
        }
        suite.set_system_out("");
        suite.set_system_err("");
        report.add_test_suite(suite);
    }
    report
        .to_string()
        .map(|mut s| {
            if !s.ends_with('\n') {
                s.push('\n');
            }
            s
        })
        .unwrap_or_default()
}
