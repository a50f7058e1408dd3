//! Importing real NHS organisation data: ODS, NHS England and ONS CSV publications → [`Model`].
//!
//! Give any set of the standard files; each is recognised by its header or column layout
//! ([`FileKind`]), and together they make one model:
//!
//! | publication | becomes |
//! |---|---|
//! | GP practice mapping | NHS England regions, ICBs on system footprints, sub-ICB locations on place footprints, PCNs on neighbourhood footprints, GP practices, memberships |
//! | registered patients per practice | populations: a PCN's is the sum of its practices', a place's of the practices its sub-ICB location commissions, a system's of its places' |
//! | registered patients per organisation | populations from the publication's own totals (rows by ORG_TYPE), where per-practice counts are not given |
//! | ODS epraccur | GP practices (prescribing setting 4) with open and close dates and their commissioner |
//! | ODS etr | NHS trusts and foundation trusts, in their ICB, with open and close dates |
//! | ODS ePCN PCN details | PCNs with their sub-ICB location and dates |
//! | ODS ePCN memberships | dated practice → PCN memberships |
//! | ONS sub-ICB location → ICB | ONS codes of sub-ICB locations and ICBs |
//! | ONS local authority district × ICB | local authorities, each `lies_in` every ICB its area overlaps |
//!
//! **Tiers.** An ICB's area is a system footprint (`system-QE1`). A sub-ICB location (the old
//! CCG code and boundary, kept as a reporting geography) is the nearest national proxy for a
//! place: it gets a place footprint (`place-00Q`) within its ICB's system, and the sub-ICB
//! location body sits on it. A PCN gets a neighbourhood footprint (`nbh-U41591`) within its
//! own sub-ICB location's place; its practices sit on that footprint.
//!
//! **By statute.** The publications list ICBs but do not date them: an ICB with a 3-character
//! code is dated from 1 July 2022 (the establishment orders), one with a 5-character code from
//! 1 April 2026 (the mergers). The NHS Act 2006 says what every ICB is bound by. So each ICB gets NHS England approving its constitution (s14Z25), accountable
//! to NHS England and reviewed by it (s14Z59), and reviewed by the CQC from 1 April 2023
//! (HSCA 2008 s46B); each
//! trust is accountable to NHS England. These relationships carry
//! `"extensions": {"basis": ...}` so they can be told from published facts.
//!
//! **What is kept.** GP practices that are closed or dormant in epraccur, and prescribing
//! settings that are not GP practices, are left out unless [`ImportOptions::include_closed`]
//! is set; every such row is counted in the [`Imported::notes`], never silently dropped. PCN
//! code `U` in the mapping means "unallocated", not a PCN: such practices are members of no
//! PCN.

mod build;
mod counts;
mod epcn;
mod epraccur;
mod etr;
mod history;
mod mapping;
mod ons;
mod read;
pub(crate) mod succession;

use std::collections::{BTreeMap, BTreeSet};

pub use history::{fold, import_history, month_of, History, Month};
pub use read::FileKind;
use read::{parse_date, read_table, row_error, Table};
pub(crate) use succession::successions_by_location;
pub use succession::{link_previous, Succession};

use crate::error::Error;
use crate::model::{
    Body, BodyId, BodyKind, Date, Extensions, Footprint, FootprintId, Model, Relationship,
    RelationshipKind, Tier,
};

/// How to import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportOptions {
    /// Skip malformed rows with a note, instead of failing on the first one.
    pub lenient: bool,
    /// Keep closed and dormant GP practices (with their close dates as `valid_to`).
    pub include_closed: bool,
}

/// One input file: its name (for messages) and its bytes.
#[derive(Debug, Clone, Copy)]
pub struct Publication<'a> {
    /// The file's name or path, as messages should show it.
    pub name: &'a str,
    /// The file's contents.
    pub bytes: &'a [u8],
}

/// Something the import did that the user should know: a skipped row, or rows left out.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ImportNote {
    /// The file.
    pub file: String,
    /// The line, for a note about one row.
    pub line: Option<u64>,
    /// What happened.
    pub message: String,
}

/// The result of an import: the model, what each file was, and the notes.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The combined model.
    pub model: Model,
    /// The publication row each footprint, body and relationship of the model came from, so
    /// that a finding about it can point at the file and line.
    pub rows: SourceRows,
    /// Each file's name, what it was recognised as, and how many data rows it had.
    pub files: Vec<(String, FileKind, usize)>,
    /// Rows skipped or left out, with why.
    pub notes: Vec<ImportNote>,
}

/// Where the entities of an imported model came from: for each footprint, body and
/// relationship, the publication and line of the first row that named it. An entity the
/// import inferred from statute (NHS England approving an ICB's constitution) points at the
/// row of the organisation it is about; NHS England and the CQC themselves have no row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceRows {
    files: Vec<String>,
    footprints: Vec<Option<At>>,
    bodies: Vec<Option<At>>,
    relationships: Vec<Option<At>>,
}

/// A row of a publication: its file (an index into [`SourceRows`]'s files) and line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct At {
    file: u32,
    line: u64,
}

impl SourceRows {
    /// The file and line of the row that the entity at `pointer` (`/bodies/3`, or any
    /// pointer within it, such as `/footprints/2/population`) came from.
    ///
    /// ```
    /// use icsgov::import::{import, ImportOptions, Publication};
    /// use icsgov::JsonPointer;
    ///
    /// let mapping = "PRACTICE_CODE,PRACTICE_NAME,PCN_CODE,PCN_NAME,SUB_ICB_LOCATION_CODE,SUB_ICB_LOCATION_NAME,ICB_CODE,ICB_NAME,COMM_REGION_CODE,COMM_REGION_NAME\n\
    ///                P81001,A PRACTICE,U12345,A PCN,00Q,NHS LSC ICB - 00Q,QE1,NHS LSC ICB,Y62,North West\n\
    ///                P81002,B PRACTICE,U12345,A PCN,00Q,NHS LSC ICB - 00Q,QE1,NHS LSC ICB,Y62,North West\n";
    /// let imported = import(&[Publication { name: "mapping.csv", bytes: mapping.as_bytes() }], &ImportOptions::default()).unwrap();
    /// let b = imported.model.bodies.iter().position(|b| b.id.as_str() == "P81002").unwrap();
    /// let at = JsonPointer::entity("bodies", b).token("name");
    /// assert_eq!(imported.rows.row(&at), Some(("mapping.csv", 3)));
    /// ```
    pub fn row(&self, pointer: &crate::JsonPointer) -> Option<(&str, u64)> {
        let mut tokens = pointer.as_str().split('/').skip(1);
        let list = match tokens.next()? {
            "footprints" => &self.footprints,
            "bodies" => &self.bodies,
            "relationships" => &self.relationships,
            _ => return None,
        };
        let index: usize = tokens.next()?.parse().ok()?;
        let at = (*list.get(index)?)?;
        Some((self.files.get(at.file as usize)?.as_str(), at.line))
    }

    /// The publications' names, as rows name them.
    pub fn files(&self) -> &[String] {
        &self.files
    }
}

/// The longest organisation code accepted (ODS codes are 3 to 6 characters, ONS codes 9).
const MAX_CODE: usize = 32;

/// One row of a publication being read, with where it is and how to read it.
#[derive(Clone, Copy)]
struct Row<'t> {
    t: &'t Table,
    line: u64,
    row: &'t csv::StringRecord,
    o: &'t ImportOptions,
}

/// Rows left out of a publication on purpose, counted by why, for one note each.
type LeftOut = BTreeMap<&'static str, usize>;

/// ODS's placeholder for "no ICB" (used for Welsh and other non-English organisations).
const NO_ICB: &str = "Q99";

/// What a reader got from a row: `None` when the row was malformed and skipped (under
/// `lenient`, with a note).
type Kept<T> = Option<T>;

/// The open and close dates of an ODS row; either may be blank.
type OpenClose = (Option<Date>, Option<Date>);

fn valid_code(s: &str) -> bool {
    s.len() <= MAX_CODE && crate::model::check_id(s).is_ok() && s != NO_ICB
}

#[derive(Default)]
struct Org {
    name: String,
    ons: Option<String>,
    parent: Option<String>,
    from: Option<Date>,
    to: Option<Date>,
}

#[derive(Default)]
struct Practice {
    name: String,
    sub_icb: Option<String>,
    icb: Option<String>,
    region: Option<String>,
    from: Option<Date>,
    to: Option<Date>,
    /// The PCN in the mapping file (`None` for `U`, unallocated).
    mapped_pcn: Option<String>,
    in_mapping: bool,
    /// The mapping file's line for the practice, to name both when it is listed twice.
    mapped_line: u64,
}

struct Membership {
    practice: String,
    pcn: String,
    from: Option<Date>,
    to: Option<Date>,
}

#[derive(Default)]
struct Builder {
    regions: BTreeMap<String, Org>,
    icbs: BTreeMap<String, Org>,
    sub_icbs: BTreeMap<String, Org>,
    pcns: BTreeMap<String, Org>,
    practices: BTreeMap<String, Practice>,
    trusts: BTreeMap<String, Org>,
    memberships: Vec<Membership>,
    /// Local authority district → (name, [(ICB ODS code, LSOAs)]).
    lads: BTreeMap<String, (String, Vec<(String, u64)>)>,
    /// County council code → (county name, its district councils' codes).
    counties: BTreeMap<String, (String, BTreeSet<String>)>,
    patients: BTreeMap<String, u64>,
    totals: BTreeMap<(String, String), u64>,
    mapping_date: Option<Date>,
    notes: Vec<ImportNote>,
    /// Names of practices and PCNs as the ePCN memberships give them.
    member_names: BTreeMap<String, String>,
    /// The file being read (an index into `files`).
    file: u32,
    files: Vec<String>,
    /// The first row that named each code (and each practice>PCN membership).
    first_rows: std::collections::HashMap<String, At>,
}

fn org<'m>(map: &'m mut BTreeMap<String, Org>, code: &str) -> &'m mut Org {
    map.entry(code.to_owned()).or_insert_with(|| Org {
        name: code.to_owned(),
        ..Org::default()
    })
}

fn set_name(o: &mut Org, name: &str) {
    if !name.is_empty() {
        o.name = name.to_owned();
    }
}

fn some(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_owned())
}

/// Title case for ODS's upper-case names: `THE DENSHAM SURGERY` → `The Densham Surgery`,
/// keeping `NHS`, `PCN`, `ICB`, `GP` and the like in capitals.
fn tidy_name(s: &str) -> String {
    if s.chars().any(|c| c.is_ascii_lowercase()) {
        return s.trim().to_owned();
    }
    const KEEP: [&str; 10] = [
        "NHS", "PCN", "ICB", "GP", "CCG", "UK", "LLP", "LTD", "CIC", "PMS",
    ];
    s.split_whitespace()
        .map(|w| {
            if KEEP.contains(&w) || w.chars().any(|c| c.is_ascii_digit()) {
                w.to_owned()
            } else {
                let mut c = w.chars();
                match c.next() {
                    Some(f) => f
                        .to_uppercase()
                        .chain(c.flat_map(char::to_lowercase))
                        .collect(),
                    None => String::new(),
                }
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

impl Builder {
    /// Records that the row at `line` of the file being read names `code`, unless an
    /// earlier row did.
    fn seen(&mut self, code: &str, line: u64) {
        if !self.first_rows.contains_key(code) {
            let at = At {
                file: self.file,
                line,
            };
            self.first_rows.insert(code.to_owned(), at);
        }
    }

    /// The row a membership of `practice` in `pcn` was first read from.
    fn seen_membership(&mut self, practice: &str, pcn: &str, line: u64) {
        self.seen(&format!("{practice}>{pcn}"), line);
    }

    /// Reports a malformed row: an error, or under `lenient` a note and `Ok(false)`.
    fn bad_row(
        &mut self,
        t: &Table,
        line: u64,
        message: String,
        lenient: bool,
    ) -> Result<bool, Error> {
        if lenient {
            self.notes.push(ImportNote {
                file: t.name.clone(),
                line: Some(line),
                message: format!("row skipped: {message}"),
            });
            Ok(false)
        } else {
            Err(row_error(&t.name, line, message))
        }
    }

    /// Reads a date column (`YYYYMMDD`, or blank for none). `Ok(None)` when the date is
    /// malformed and the row is skipped under `lenient` (with a note); an error otherwise.
    fn date(
        &mut self,
        t: &Table,
        line: u64,
        what: &str,
        s: &str,
        lenient: bool,
    ) -> Result<Kept<Option<Date>>, Error> {
        if s.is_empty() {
            return Ok(Some(None));
        }
        match parse_date(s) {
            Some(d) => Ok(Some(Some(d))),
            None => {
                self.bad_row(
                    t,
                    line,
                    format!("{what} `{s}` is not a date; expected YYYYMMDD"),
                    lenient,
                )?;
                Ok(None)
            }
        }
    }

    /// Checks an organisation code: the id pattern, and at most 32 characters so that the
    /// prefixed footprint ids made from it stay valid.
    fn code(
        &mut self,
        t: &Table,
        line: u64,
        what: &str,
        s: &str,
        lenient: bool,
    ) -> Result<bool, Error> {
        let checked = match crate::model::check_id(s) {
            Ok(()) if s.len() > MAX_CODE => {
                Err(format!("`{s}` is longer than {MAX_CODE} characters"))
            }
            other => other.map_err(|e| e.to_string()),
        };
        match checked {
            Ok(()) => Ok(true),
            Err(why) => self
                .bad_row(t, line, format!("{what}: {why}"), lenient)
                .map(|_| false),
        }
    }

    /// The open and close dates of an ODS row (columns 11 and 12); `None` when one is
    /// malformed and the row is skipped.
    fn ods_dates(&mut self, r: Row<'_>) -> Result<Kept<OpenClose>, Error> {
        let Row { t, line, row, o } = r;
        let open = self.date(t, line, "open date (column 11)", t.col(row, 11), o.lenient)?;
        let Some(open) = open else { return Ok(None) };
        let close = self.date(t, line, "close date (column 12)", t.col(row, 12), o.lenient)?;
        Ok(close.map(|close| (open, close)))
    }

    /// Checks several codes of one row, as [`Builder::code`] does each: `false` (the row
    /// skipped) at the first that fails.
    fn codes(
        &mut self,
        t: &Table,
        line: u64,
        lenient: bool,
        codes: &[(&str, &str)],
    ) -> Result<bool, Error> {
        for &(what, code) in codes {
            if !self.code(t, line, what, code, lenient)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    fn read(&mut self, t: &Table, o: &ImportOptions) -> Result<(), Error> {
        let lenient = o.lenient;
        self.file = u32::try_from(self.files.len()).unwrap_or(u32::MAX);
        self.files.push(t.name.clone());
        let mut left_out = LeftOut::new();
        for (line, row) in &t.rows {
            let line = *line;
            if let Some(w) = t.width() {
                if row.len() != w {
                    self.bad_row(
                        t,
                        line,
                        format!("expected {w} fields, found {}", row.len()),
                        lenient,
                    )?;
                    continue;
                }
            }
            let r = Row { t, line, row, o };
            match t.kind {
                FileKind::PracticeMapping => self.read_mapping(r)?,
                FileKind::PracticePatients | FileKind::OrganisationTotals => self.read_counts(r)?,
                FileKind::Epraccur => self.read_epraccur(r, &mut left_out)?,
                FileKind::Etr => self.read_etr(r)?,
                FileKind::PcnDetails => self.read_pcn_details(r)?,
                FileKind::PcnMembers => self.read_pcn_members(r)?,
                FileKind::OnsSubIcbToIcb => self.read_sub_icb_to_icb(r)?,
                FileKind::OnsLadToCounty => self.read_lad_to_county(r)?,
                FileKind::OnsLadToIcb => self.read_lad_to_icb(r)?,
            }
        }
        if t.kind == FileKind::PracticeMapping {
            let first = t.rows.first().map(|(_, r)| r);
            self.mapping_date = first.and_then(|r| parse_date(t.opt(r, "EXTRACT_DATE")));
        }
        for (what, n) in left_out {
            self.notes.push(ImportNote {
                file: t.name.clone(),
                line: None,
                message: format!("{n} rows left out: {what}"),
            });
        }
        Ok(())
    }
}

fn normalise_org_type(s: &str) -> String {
    let t: String = s
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_uppercase();
    match t.as_str() {
        "COMMREGION" | "REGION" | "NHSREGION" => "REGION",
        "ICB" => "ICB",
        "SUBICBLOCATION" | "SUBICB" | "SICBL" => "SUB_ICB",
        "PCN" => "PCN",
        "GP" | "PRACTICE" | "GPPRACTICE" => "GP",
        _ => return t,
    }
    .to_owned()
}

fn fid(s: String) -> FootprintId {
    // Built from codes checked by `valid_code`, with a short prefix: always a valid id.
    FootprintId::from_checked(s)
}

fn bid(s: &str) -> BodyId {
    BodyId::from_checked(s.to_owned())
}

fn ext(pairs: &[(&str, serde_json::Value)]) -> Option<Extensions> {
    let m: serde_json::Map<String, serde_json::Value> = pairs
        .iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect();
    (!m.is_empty()).then(|| Box::new(m))
}

fn statute(basis: &str) -> Option<Extensions> {
    ext(&[("basis", serde_json::Value::String(basis.to_owned()))])
}

fn rel(kind: RelationshipKind, from: &str, to: &str) -> Relationship {
    Relationship::new(kind, bid(from), bid(to))
}

/// Strips `NHS ` and ` Integrated Care Board` from an ICB's name for its area's name.
fn area_name(icb_name: &str) -> String {
    let n = icb_name.trim();
    let n = n.strip_prefix("NHS ").unwrap_or(n);
    let n = n
        .strip_suffix(" Integrated Care Board")
        .or_else(|| n.strip_suffix(" ICB"))
        .unwrap_or(n);
    n.to_owned()
}

/// The kind of local authority an ONS local authority code names, by its entity prefix.
fn local_authority_kind(code: &str) -> Option<BodyKind> {
    Some(match code.get(..3)? {
        "E06" => BodyKind::UnitaryAuthority,
        "E07" => BodyKind::DistrictCouncil,
        "E08" => BodyKind::MetropolitanDistrictCouncil,
        "E09" => BodyKind::LondonBoroughCouncil,
        "E10" => BodyKind::CountyCouncil,
        _ => return None,
    })
}

/// Reads the given publications and combines them into one model.
///
/// # Errors
/// A file that is not a recognised publication, lacks a required column (named), or has a
/// malformed row (with file and line) unless [`ImportOptions::lenient`] is set.
///
/// # Examples
///
/// ```
/// use icsgov::import::{import, ImportOptions, Publication};
///
/// let mapping = "PRACTICE_CODE,PRACTICE_NAME,PCN_CODE,PCN_NAME,SUB_ICB_LOCATION_CODE,SUB_ICB_LOCATION_NAME,ICB_CODE,ICB_NAME,COMM_REGION_CODE,COMM_REGION_NAME\n\
///                P81001,A PRACTICE,U12345,A PCN,00Q,NHS LSC ICB - 00Q,QE1,NHS LSC ICB,Y62,North West\n";
/// let publications = [Publication { name: "mapping.csv", bytes: mapping.as_bytes() }];
/// let imported = import(&publications, &ImportOptions::default()).unwrap();
/// assert!(imported.model.bodies.iter().any(|b| b.id.as_str() == "P81001"));
/// ```
pub fn import(sources: &[Publication<'_>], options: &ImportOptions) -> Result<Imported, Error> {
    let mut tables = Vec::with_capacity(sources.len());
    for s in sources {
        tables.push(read_table(s.name, s.bytes)?);
    }
    // Read in a fixed order of kinds so that which source wins does not depend on the order
    // the files were named in: the mapping first, ODS refinements after.
    tables.sort_by_key(|t| t.kind);
    let mut b = Builder::default();
    let mut files = Vec::new();
    for t in &tables {
        b.read(t, options)?;
        files.push((t.name.clone(), t.kind, t.rows.len()));
    }
    let order: BTreeMap<&str, usize> = sources
        .iter()
        .enumerate()
        .map(|(i, s)| (s.name, i))
        .collect();
    files.sort_by_key(|(n, _, _)| order.get(n.as_str()).copied());
    let (model, rows, mut notes) = b.build();
    notes.sort();
    Ok(Imported {
        model,
        rows,
        files,
        notes,
    })
}

/// Reads the files at `paths` and imports them.
///
/// # Errors
/// As [`import`]; also when a file cannot be read.
pub fn import_paths(
    paths: &[std::path::PathBuf],
    options: &ImportOptions,
) -> Result<Imported, Error> {
    let mut contents = Vec::with_capacity(paths.len());
    for p in paths {
        contents.push((
            p.display().to_string(),
            std::fs::read(p).map_err(|e| Error::io(p, e))?,
        ));
    }
    let sources: Vec<Publication<'_>> = contents
        .iter()
        .map(|(n, b)| Publication { name: n, bytes: b })
        .collect();
    import(&sources, options)
}
