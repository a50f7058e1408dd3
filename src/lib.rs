//! # icsgov
//!
//! A typed model of how NHS integrated care systems (ICSs) in England are governed, and the
//! checks that say whether a dataset describing one is sound.
//!
//! A dataset has three flat lists:
//!
//! - **footprints** at system, place and neighbourhood tiers, with their populations, each
//!   sitting `within` the one above;
//! - **bodies**: NHS England and its regions, the CQC, integrated care boards and
//!   partnerships, local authorities, trusts, provider collaboratives, place-based
//!   partnerships, primary care networks, GP practices, and the historical CCGs; each body's
//!   [`Standing`] (statutory body, statutory committee, partnership) follows from its
//!   [`BodyKind`];
//! - **relationships**: typed, directed and optionally dated ([`RelationshipKind`]): accountable
//!   to, approves the constitution of, reviews, convenes, member of, influences, ...
//!
//! The flow runs one way: text → [`Model`] → [`Validator::validate`] → [`Report`] of
//! [`Diagnostic`]s, each with a stable code (`ICS201`), a severity, a message naming the
//! entities, and the JSON Pointer of the offending entity.
//!
//! ## Example
//!
//! ```
//! use icsgov::{Model, Policy, Validator};
//!
//! let model = Model::from_json_str(r#"{
//!   "footprints": [{"id": "lsc", "name": "Lancashire and South Cumbria", "tier": "system"}],
//!   "bodies": [
//!     {"id": "nhse", "name": "NHS England", "kind": "nhs_england"},
//!     {"id": "QE1", "name": "NHS Lancashire and South Cumbria ICB",
//!      "kind": "integrated_care_board", "footprint": "lsc"}
//!   ],
//!   "relationships": [{"kind": "accountable_to", "from": "QE1", "to": "nhse"}]
//! }"#)?;
//!
//! let policy = Policy::default();
//! let report = Validator::new(&policy).validate(&model);
//!
//! // NHS England does not approve the ICB's constitution: ICS201, an error.
//! let d = report.with_code("ICS201").next().expect("ICS201 fires");
//! assert_eq!(d.path().as_str(), "/bodies/1");
//! assert!(d.message().contains("QE1"));
//! assert!(report.has_errors());
//! # Ok::<(), icsgov::Error>(())
//! ```
//!
//! ## Rules
//!
//! [`rules::registry`] lists every rule with its code, name, default severity, basis and docs.
//! A [`Policy`] turns rules off or changes their severity, and sets the population range of
//! each tier.
//!
//! ## Errors
//!
//! A rule violation is a [`Diagnostic`], never an [`Error`]. An `Error` means the input could
//! not be read: it says where (file, line, column, JSON Pointer) and what was expected.

#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]

mod baseline;
mod child_totals;
mod context;
mod diagnostic;
pub mod diff;
mod error;
mod file_places;
pub mod generate;
pub mod graph;
#[cfg(feature = "import")]
#[cfg_attr(docsrs, doc(cfg(feature = "import")))]
pub mod import;
mod json_windows;
mod load;
mod locate;
pub mod model;
mod names;
mod object_only;
mod pointer;
mod policy;
mod policy_toml;
mod report;
pub mod rules;
mod run;
#[cfg(feature = "schemars")]
#[cfg_attr(docsrs, doc(cfg(feature = "schemars")))]
pub mod schema;
pub mod summary;
mod validator;
mod words;

pub use baseline::{Baseline, BaselineEntry};
pub use child_totals::WithinTotals;
pub use context::{Context, Edge, Entity, Reference, Unresolved};
pub use diagnostic::{Diagnostic, RuleCode, RuleName, Severity, Suppression};
pub use error::{Error, ErrorKind};
pub use file_places::{EntityStarts, Excerpt};
pub use load::{line_col, Format, Limits};
pub use locate::{Position, SourceMap};
pub use model::{
    BoardRecord, Body, BodyId, BodyKind, Date, Footprint, FootprintId, Function, InvalidId,
    Membership, Model, Person, PersonId, Relationship, RelationshipKind, Remit, Role, Service,
    Standing, Tier, Validity,
};
pub use names::UnknownName;
pub use pointer::JsonPointer;
pub use policy::{Level, Policy, PopulationRange, PopulationRanges, Successor, Waiver};
pub use policy_toml::TomlIndex;
pub use report::{
    BaselineOutcome, FileReport, Report, Reports, Summary, Tool, REPORT_FORMAT_VERSION,
};
pub use run::{Check, Outcome, Run, POLICY_REPORT_NAME};
pub use validator::Validator;
pub use words::{count, people};

/// Whether a character reorders the text around it when displayed (bidirectional marks,
/// embeddings, overrides and isolates): shown raw, a name holding one can make a line read
/// backwards, so every renderer replaces it.
///
/// ```
/// assert!(icsgov::is_bidi_control('\u{202E}'));
/// assert!(!icsgov::is_bidi_control('a'));
/// ```
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

#[cfg(doctest)]
#[doc = include_str!("../docs/cli.md")]
struct CliDocDoctests;

#[cfg(doctest)]
#[doc = include_str!("../docs/format.md")]
struct FormatDocDoctests;
