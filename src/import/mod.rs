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

mod read;

use std::collections::{BTreeMap, BTreeSet};

pub use read::FileKind;
use read::{parse_date, read_table, row_error, Table};

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
pub struct Source<'a> {
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
    /// Each file's name, what it was recognised as, and how many data rows it had.
    pub files: Vec<(String, FileKind, usize)>,
    /// Rows skipped or left out, with why.
    pub notes: Vec<ImportNote>,
}

/// The longest organisation code accepted (ODS codes are 3 to 6 characters, ONS codes 9).
const MAX_CODE: usize = 32;

/// ODS's placeholder for "no ICB" (used for Welsh and other non-English organisations).
const NO_ICB: &str = "Q99";

/// A date column as read: blank (no date) or a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateCell {
    Blank,
    Date(Date),
}

impl DateCell {
    fn date(self) -> Option<Date> {
        match self {
            DateCell::Blank => None,
            DateCell::Date(d) => Some(d),
        }
    }
}

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
    ) -> Result<Option<DateCell>, Error> {
        if s.is_empty() {
            return Ok(Some(DateCell::Blank));
        }
        match parse_date(s) {
            Some(d) => Ok(Some(DateCell::Date(d))),
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
            other => other,
        };
        match checked {
            Ok(()) => Ok(true),
            Err(why) => self
                .bad_row(t, line, format!("{what}: {why}"), lenient)
                .map(|_| false),
        }
    }

    fn read(&mut self, t: &Table, o: &ImportOptions) -> Result<(), Error> {
        let lenient = o.lenient;
        let mut left_out: BTreeMap<&'static str, usize> = BTreeMap::new();
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
            match t.kind {
                FileKind::PracticeMapping => {
                    let g = |c: &str| t.get(row, c);
                    let (practice, pcn, sub, icb, region) = (
                        g("PRACTICE_CODE"),
                        g("PCN_CODE"),
                        g("SUB_ICB_LOCATION_CODE"),
                        g("ICB_CODE"),
                        g("COMM_REGION_CODE"),
                    );
                    if !(self.code(t, line, "PRACTICE_CODE", practice, lenient)?
                        && self.code(t, line, "SUB_ICB_LOCATION_CODE", sub, lenient)?
                        && self.code(t, line, "ICB_CODE", icb, lenient)?
                        && self.code(t, line, "COMM_REGION_CODE", region, lenient)?)
                    {
                        continue;
                    }
                    let unallocated = pcn.eq_ignore_ascii_case("U");
                    if !unallocated && !self.code(t, line, "PCN_CODE", pcn, lenient)? {
                        continue;
                    }
                    let mapped = (!unallocated).then(|| pcn.to_owned());
                    let earlier = self
                        .practices
                        .get(practice)
                        .filter(|p| p.in_mapping)
                        .map(|p| (p.mapped_line, p.mapped_pcn.clone(), p.sub_icb.clone()));
                    if let Some((first, first_pcn, first_sub)) = earlier {
                        // One practice, two rows: if they disagree, keeping the last would
                        // silently drop the first.
                        if first_pcn != mapped || first_sub.as_deref() != Some(sub) {
                            let message = format!(
                                "practice {practice} is listed again: line {first} puts it in PCN {} (sub-ICB location {}), this line in PCN {} (sub-ICB location {sub}); a practice is in one PCN at a time",
                                first_pcn.as_deref().unwrap_or("U"),
                                first_sub.as_deref().unwrap_or("?"),
                                mapped.as_deref().unwrap_or("U"),
                            );
                            if !self.bad_row(t, line, message, lenient)? {
                                continue;
                            }
                        }
                    }
                    set_name(org(&mut self.regions, region), g("COMM_REGION_NAME"));
                    let i = org(&mut self.icbs, icb);
                    set_name(i, g("ICB_NAME"));
                    i.parent = Some(region.to_owned());
                    if let Some(ons) = some(t.opt(row, "ONS_ICB_CODE")) {
                        i.ons = Some(ons);
                    }
                    let s = org(&mut self.sub_icbs, sub);
                    set_name(s, g("SUB_ICB_LOCATION_NAME"));
                    if let Some(ons) = some(t.opt(row, "ONS_SUB_ICB_LOCATION_CODE")) {
                        s.ons = Some(ons);
                    }
                    s.parent = Some(icb.to_owned());
                    if !unallocated {
                        let p = org(&mut self.pcns, pcn);
                        set_name(p, &tidy_name(g("PCN_NAME")));
                    }
                    let pr = self.practices.entry(practice.to_owned()).or_default();
                    pr.mapped_line = line;
                    pr.name = tidy_name(g("PRACTICE_NAME"));
                    pr.sub_icb = Some(sub.to_owned());
                    pr.icb = Some(icb.to_owned());
                    pr.region = Some(region.to_owned());
                    pr.mapped_pcn = mapped;
                    pr.in_mapping = true;
                }
                FileKind::PracticePatients | FileKind::OrganisationTotals => {
                    let g = |c: &str| t.get(row, c);
                    if !g("SEX").eq_ignore_ascii_case("ALL")
                        || !g("AGE").eq_ignore_ascii_case("ALL")
                    {
                        continue;
                    }
                    let n = match g("NUMBER_OF_PATIENTS").parse::<u64>() {
                        Ok(n) => n,
                        Err(_) => {
                            let v = g("NUMBER_OF_PATIENTS").to_owned();
                            self.bad_row(
                                t,
                                line,
                                format!("NUMBER_OF_PATIENTS `{v}` is not a whole number"),
                                lenient,
                            )?;
                            continue;
                        }
                    };
                    if t.kind == FileKind::PracticePatients {
                        let code = g("CODE");
                        if self.code(t, line, "CODE", code, lenient)? {
                            if let Some(&before) = self.patients.get(code).filter(|&&b| b != n) {
                                // Two different counts for one practice: keep the first, say so.
                                self.bad_row(
                                    t,
                                    line,
                                    format!("practice {code} has a second count of registered patients, {n}, where an earlier row gave {before}"),
                                    lenient,
                                )?;
                                continue;
                            }
                            self.patients.insert(code.to_owned(), n);
                        }
                    } else {
                        let kind = normalise_org_type(g("ORG_TYPE"));
                        let key = (kind, g("ORG_CODE").to_owned());
                        if let Some(&before) = self.totals.get(&key).filter(|&&b| b != n) {
                            let (kind, code) = (g("ORG_TYPE").to_owned(), g("ORG_CODE").to_owned());
                            self.bad_row(
                                t,
                                line,
                                format!("{kind} {code} has a second total of registered patients, {n}, where an earlier row gave {before}"),
                                lenient,
                            )?;
                            continue;
                        }
                        self.totals.insert(key, n);
                    }
                }
                FileKind::Epraccur => {
                    let code = t.col(row, 1);
                    if !self.code(t, line, "organisation code (column 1)", code, lenient)? {
                        continue;
                    }
                    if t.col(row, 26) != "4" {
                        *left_out
                            .entry("prescribing settings that are not GP practices")
                            .or_default() += 1;
                        continue;
                    }
                    // National grouping W00 is Wales, whose practices sit under Welsh health
                    // boards (ICB column Q99, "not applicable"), not in NHS England's systems.
                    if t.col(row, 3).starts_with('W') {
                        *left_out.entry("GP practices in Wales (national grouping W00), outside NHS England").or_default() += 1;
                        continue;
                    }
                    let status = t.col(row, 13);
                    let Some(from) = self
                        .date(t, line, "open date (column 11)", t.col(row, 11), lenient)?
                        .map(DateCell::date)
                    else {
                        continue;
                    };
                    let Some(to) = self
                        .date(t, line, "close date (column 12)", t.col(row, 12), lenient)?
                        .map(DateCell::date)
                    else {
                        continue;
                    };
                    if !o.include_closed && (status == "C" || status == "D" || to.is_some()) {
                        *left_out
                            .entry("closed or dormant GP practices")
                            .or_default() += 1;
                        continue;
                    }
                    let pr = self.practices.entry(code.to_owned()).or_default();
                    if pr.name.is_empty() {
                        pr.name = tidy_name(t.col(row, 2));
                    }
                    pr.from = from;
                    pr.to = to;
                    let (region, icb, sub) = (t.col(row, 3), t.col(row, 4), t.col(row, 15));
                    if !pr.in_mapping {
                        pr.region = some(region).filter(|c| valid_code(c));
                        pr.icb = some(icb).filter(|c| valid_code(c));
                        pr.sub_icb = some(sub).filter(|c| valid_code(c));
                    }
                    if !region.is_empty() && valid_code(region) {
                        org(&mut self.regions, region);
                    }
                    if !icb.is_empty() && valid_code(icb) {
                        let i = org(&mut self.icbs, icb);
                        if i.parent.is_none() && valid_code(region) {
                            i.parent = Some(region.to_owned());
                        }
                    }
                    if !sub.is_empty() && valid_code(sub) {
                        let s = org(&mut self.sub_icbs, sub);
                        if s.parent.is_none() && valid_code(icb) {
                            s.parent = Some(icb.to_owned());
                        }
                    }
                }
                FileKind::Etr => {
                    let code = t.col(row, 1);
                    if !self.code(t, line, "organisation code (column 1)", code, lenient)? {
                        continue;
                    }
                    let Some(from) = self
                        .date(t, line, "open date (column 11)", t.col(row, 11), lenient)?
                        .map(DateCell::date)
                    else {
                        continue;
                    };
                    let Some(to) = self
                        .date(t, line, "close date (column 12)", t.col(row, 12), lenient)?
                        .map(DateCell::date)
                    else {
                        continue;
                    };
                    let (region, icb) = (t.col(row, 3), t.col(row, 4));
                    let tr = org(&mut self.trusts, code);
                    set_name(tr, &tidy_name(t.col(row, 2)));
                    tr.parent = some(icb).filter(|c| valid_code(c));
                    tr.from = from;
                    tr.to = to;
                    if let Some(icb) = tr.parent.clone() {
                        let i = org(&mut self.icbs, &icb);
                        if i.parent.is_none() && valid_code(region) {
                            i.parent = Some(region.to_owned());
                            org(&mut self.regions, region);
                        }
                    }
                }
                FileKind::PcnDetails => {
                    let g = |c: &str| t.get(row, c);
                    let (code, sub) = (g("PCN_CODE"), g("CURRENT_SUB_ICB_LOC_CODE"));
                    if !(self.code(t, line, "PCN Code", code, lenient)?
                        && self.code(t, line, "Current Sub ICB Loc Code", sub, lenient)?)
                    {
                        continue;
                    }
                    let Some(from) = self
                        .date(t, line, "Open Date", g("OPEN_DATE"), lenient)?
                        .map(DateCell::date)
                    else {
                        continue;
                    };
                    let Some(to) = self
                        .date(t, line, "Close Date", g("CLOSE_DATE"), lenient)?
                        .map(DateCell::date)
                    else {
                        continue;
                    };
                    let p = org(&mut self.pcns, code);
                    if p.name == code {
                        set_name(p, &tidy_name(g("PCN_NAME")));
                    }
                    // Used when the mapping file does not place the PCN by its practices.
                    p.parent = Some(sub.to_owned());
                    p.from = from;
                    p.to = to;
                    org(&mut self.sub_icbs, sub);
                }
                FileKind::PcnMembers => {
                    let g = |c: &str| t.get(row, c);
                    let (practice, pcn) = (g("PARTNER_ORGANISATION_CODE"), g("PCN_CODE"));
                    if !(self.code(t, line, "Partner Organisation Code", practice, lenient)?
                        && self.code(t, line, "PCN Code", pcn, lenient)?)
                    {
                        continue;
                    }
                    let Some(from) = self
                        .date(
                            t,
                            line,
                            "relationship start date",
                            g("PRACTICE_TO_PCN_RELATIONSHIP_START_DATE"),
                            lenient,
                        )?
                        .map(DateCell::date)
                    else {
                        continue;
                    };
                    let Some(to) = self
                        .date(
                            t,
                            line,
                            "relationship end date",
                            g("PRACTICE_TO_PCN_RELATIONSHIP_END_DATE"),
                            lenient,
                        )?
                        .map(DateCell::date)
                    else {
                        continue;
                    };
                    self.memberships.push(Membership {
                        practice: practice.to_owned(),
                        pcn: pcn.to_owned(),
                        from,
                        to,
                    });
                }
                FileKind::OnsSubIcbToIcb => {
                    let g = |c: &str| t.get(row, c);
                    let (sub, icb) = (g("SICBL##CDH"), g("ICB##CDH"));
                    if !(self.code(t, line, "SICBL22CDH", sub, lenient)?
                        && self.code(t, line, "ICB22CDH", icb, lenient)?)
                    {
                        continue;
                    }
                    let s = org(&mut self.sub_icbs, sub);
                    s.ons = some(g("SICBL##CD"));
                    set_name(s, g("SICBL##NM"));
                    s.parent.get_or_insert_with(|| icb.to_owned());
                    let i = org(&mut self.icbs, icb);
                    i.ons = some(g("ICB##CD"));
                    set_name(i, g("ICB##NM"));
                }
                FileKind::OnsLadToCounty => {
                    let g = |c: &str| t.get(row, c);
                    let (lad, cty) = (g("LAD##CD"), g("CTY##CD"));
                    // Only the county councils of two-tier areas: metropolitan districts and
                    // London boroughs map to metropolitan counties and Inner or Outer
                    // London, which have no council.
                    if !(lad.starts_with("E07") && cty.starts_with("E10")) {
                        continue;
                    }
                    if !(self.code(t, line, "LAD21CD", lad, lenient)?
                        && self.code(t, line, "CTY21CD", cty, lenient)?)
                    {
                        continue;
                    }
                    let entry = self
                        .counties
                        .entry(cty.to_owned())
                        .or_insert_with(|| (g("CTY##NM").to_owned(), BTreeSet::new()));
                    entry.1.insert(lad.to_owned());
                }
                FileKind::OnsLadToIcb => {
                    let g = |c: &str| t.get(row, c);
                    let (lad, icb) = (g("LAD##CD"), g("ICB##CDH"));
                    if !(self.code(t, line, "LAD22CD", lad, lenient)?
                        && self.code(t, line, "ICB22CDH", icb, lenient)?)
                    {
                        continue;
                    }
                    let lsoas = row
                        .iter()
                        .next_back()
                        .and_then(|v| v.trim().parse::<u64>().ok())
                        .unwrap_or(0);
                    let i = org(&mut self.icbs, icb);
                    i.ons.get_or_insert_with(|| g("ICB##CD").to_owned());
                    set_name(i, g("ICB##NM"));
                    let entry = self
                        .lads
                        .entry(lad.to_owned())
                        .or_insert_with(|| (g("LAD##NM").to_owned(), Vec::new()));
                    entry.1.push((icb.to_owned(), lsoas));
                }
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

impl Builder {
    fn build(mut self) -> (Model, Vec<ImportNote>) {
        let mut m = Model {
            name: Some("NHS England: integrated care systems".to_owned()),
            ..Model::default()
        };
        let per_practice = !self.patients.is_empty();

        // Memberships: the mapping file is the current picture; ePCN adds dates and history.
        let mut members: Vec<Membership> = Vec::new();
        let mut open_epcn: BTreeMap<String, (String, Option<Date>)> = BTreeMap::new();
        for ms in std::mem::take(&mut self.memberships) {
            if ms.to.is_none() {
                open_epcn.insert(ms.practice.clone(), (ms.pcn.clone(), ms.from));
            }
            members.push(ms);
        }
        let mapping_given = self.practices.values().any(|p| p.in_mapping);
        if mapping_given {
            // By the mapping's extract date, an open ePCN membership the mapping does not show
            // had ended; the mapping's own membership starts then unless ePCN dates it.
            let since = self.mapping_date;
            let end = since.and_then(Date::pred);
            for ms in members.iter_mut().filter(|x| x.to.is_none()) {
                let now = self
                    .practices
                    .get(&ms.practice)
                    .filter(|p| p.in_mapping)
                    .and_then(|p| p.mapped_pcn.as_ref());
                if now != Some(&ms.pcn) {
                    ms.to = end;
                }
            }
            for (code, p) in &self.practices {
                let Some(pcn) = &p.mapped_pcn else { continue };
                match open_epcn.get(code) {
                    Some((e, _)) if e == pcn => {}
                    Some(_) => members.push(Membership {
                        practice: code.clone(),
                        pcn: pcn.clone(),
                        from: since,
                        to: None,
                    }),
                    None => members.push(Membership {
                        practice: code.clone(),
                        pcn: pcn.clone(),
                        from: None,
                        to: None,
                    }),
                }
            }
        }
        members.sort_by(|a, b| (&a.practice, a.from, &a.pcn).cmp(&(&b.practice, b.from, &b.pcn)));
        if mapping_given {
            // PCNs and sub-ICB locations that only ePCN knows had closed by the mapping's date.
            let end = self.mapping_date.and_then(Date::pred);
            let mapped_pcns: BTreeSet<&String> = self
                .practices
                .values()
                .filter_map(|p| p.mapped_pcn.as_ref())
                .collect();
            let mut live_subs: BTreeSet<String> = self
                .practices
                .values()
                .filter_map(|p| p.sub_icb.clone())
                .collect();
            live_subs.extend(
                self.sub_icbs
                    .iter()
                    .filter(|(_, s)| s.ons.is_some())
                    .map(|(c, _)| c.clone()),
            );
            for (code, p) in self.pcns.iter_mut() {
                if !mapped_pcns.contains(code) && p.to.is_none() {
                    p.to = end;
                }
            }
            for (code, s) in self.sub_icbs.iter_mut() {
                if !live_subs.contains(code) && s.to.is_none() {
                    s.to = end;
                }
            }
        }
        // A PCN seen only in memberships still needs a body.
        for ms in &members {
            self.pcns.entry(ms.pcn.clone()).or_insert_with(|| Org {
                name: ms.pcn.clone(),
                ..Org::default()
            });
        }
        // A practice known only from ePCN memberships (closed since, and left out of
        // epraccur) still needs a body; once all its memberships have ended, so has it.
        for ms in &members {
            let known = self.practices.contains_key(&ms.practice);
            let p = self
                .practices
                .entry(ms.practice.clone())
                .or_insert_with(|| Practice {
                    name: ms.practice.clone(),
                    from: ms.from,
                    to: ms.to,
                    ..Practice::default()
                });
            if !known || (p.name == ms.practice && !p.in_mapping) {
                p.from = match (p.from, ms.from) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
                p.to = match (p.to, ms.to) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    _ => None,
                };
            }
        }
        // A PCN sits in the sub-ICB location most of its current practices do (ties to the
        // lower code); failing that, the one ePCN gives.
        let current: BTreeMap<&str, &str> = members
            .iter()
            .filter(|x| x.to.is_none())
            .map(|x| (x.practice.as_str(), x.pcn.as_str()))
            .collect();
        let mut votes: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
        for (practice, pcn) in &current {
            if let Some(sub) = self
                .practices
                .get(*practice)
                .and_then(|p| p.sub_icb.as_deref())
            {
                *votes.entry(pcn).or_default().entry(sub).or_default() += 1;
            }
        }
        let mut pcn_sub: BTreeMap<String, String> = BTreeMap::new();
        for (code, p) in &self.pcns {
            let voted = votes.get(code.as_str()).and_then(|v| {
                v.iter()
                    .max_by_key(|(s, n)| (**n, std::cmp::Reverse(*s)))
                    .map(|(s, _)| (*s).to_owned())
            });
            if let Some(sub) = voted.or_else(|| p.parent.clone()) {
                pcn_sub.insert(code.clone(), sub);
            }
        }
        for sub in pcn_sub.values() {
            self.sub_icbs.entry(sub.clone()).or_insert_with(|| Org {
                name: sub.clone(),
                ..Org::default()
            });
        }
        for p in self.practices.values() {
            if let Some(s) = &p.sub_icb {
                self.sub_icbs.entry(s.clone()).or_insert_with(|| Org {
                    name: s.clone(),
                    parent: p.icb.clone(),
                    ..Org::default()
                });
            }
        }
        for s in self.sub_icbs.values() {
            if let Some(i) = &s.parent {
                self.icbs.entry(i.clone()).or_insert_with(|| Org {
                    name: i.clone(),
                    ..Org::default()
                });
            }
        }
        for i in self.icbs.values() {
            if let Some(r) = &i.parent {
                self.regions.entry(r.clone()).or_insert_with(|| Org {
                    name: r.clone(),
                    ..Org::default()
                });
            }
        }

        // Populations: summed from practices when per-practice counts are given, otherwise
        // the publication's own totals.
        let total = |kind: &str, code: &str| {
            self.totals
                .get(&(kind.to_owned(), code.to_owned()))
                .copied()
        };
        let mut pcn_pop: BTreeMap<&str, u64> = BTreeMap::new();
        let mut sub_pop: BTreeMap<&str, u64> = BTreeMap::new();
        if per_practice {
            for (code, p) in &self.practices {
                let n = self.patients.get(code).copied().unwrap_or(0);
                if let Some(pcn) = current.get(code.as_str()) {
                    let e = pcn_pop.entry(pcn).or_default();
                    *e = e.saturating_add(n);
                }
                if let Some(sub) = &p.sub_icb {
                    let e = sub_pop.entry(sub.as_str()).or_default();
                    *e = e.saturating_add(n);
                }
            }
        }
        let mut icb_pop: BTreeMap<&str, u64> = BTreeMap::new();
        for (code, s) in &self.sub_icbs {
            let pop = sub_pop
                .get(code.as_str())
                .copied()
                .or_else(|| total("SUB_ICB", code));
            if let (Some(pop), Some(icb)) = (pop, &s.parent) {
                let e = icb_pop.entry(icb.as_str()).or_default();
                *e = e.saturating_add(pop);
            }
        }

        let any_org = !self.regions.is_empty() || !self.icbs.is_empty();
        if any_org {
            m.bodies
                .push(Body::new(bid("nhse"), "NHS England", BodyKind::NhsEngland));
        }
        if !self.icbs.is_empty() {
            m.bodies.push(Body::new(
                bid("cqc"),
                "Care Quality Commission",
                BodyKind::CareQualityCommission,
            ));
        }
        for (code, r) in &self.regions {
            let mut b = Body::new(
                bid(code),
                format!("NHS England {}", r.name),
                BodyKind::NhsEnglandRegion,
            );
            if r.name == *code {
                b.name = format!("NHS England region {code}");
            }
            m.bodies.push(b);
            m.relationships
                .push(rel(RelationshipKind::PartOf, code, "nhse"));
        }
        for (code, i) in &self.icbs {
            let area = fid(format!("system-{code}"));
            let mut f = Footprint::new(area.clone(), area_name(&i.name), Tier::System);
            f.population = if per_practice {
                icb_pop.get(code.as_str()).copied()
            } else {
                total("ICB", code)
            };
            f.extensions = ext(&[(
                "ons_code",
                i.ons
                    .clone()
                    .map_or(serde_json::Value::Null, serde_json::Value::String),
            )]);
            // An ICB formed by the April 2026 mergers has an area that did not exist before: its
            // footprint starts with it. The 42 areas of July 2022 were the STPs' before.
            if code.len() != 3 {
                f.valid_from = Date::new(2026, 4, 1);
            }
            m.footprints.push(f);
            let mut b = Body::new(bid(code), i.name.clone(), BodyKind::IntegratedCareBoard);
            b.footprint = Some(area);
            // The publications do not date ICBs: the 42 were established on 1 July 2022
            // (3-character codes); those formed by the April 2026 mergers have 5-character codes.
            b.valid_from = if code.len() == 3 {
                Date::new(2022, 7, 1)
            } else {
                Date::new(2026, 4, 1)
            };
            b.extensions = ext(&[(
                "ons_code",
                i.ons
                    .clone()
                    .map_or(serde_json::Value::Null, serde_json::Value::String),
            )]);
            m.bodies.push(b);
            if let Some(r) = &i.parent {
                m.relationships.push(rel(RelationshipKind::PartOf, code, r));
            }
            // Every relationship inferred from statute starts no earlier than both its ends.
            let icb_from = m.bodies.last().and_then(|b| b.valid_from);
            let mut approves = rel(RelationshipKind::ApprovesConstitution, "nhse", code);
            approves.valid_from = icb_from;
            approves.extensions =
                statute("NHS Act 2006 s14Z25: NHS England approves every ICB's constitution");
            let mut accountable = rel(RelationshipKind::AccountableTo, code, "nhse");
            accountable.valid_from = icb_from;
            accountable.extensions = statute("NHS Act 2006 s14Z59: NHS England assesses every ICB");
            let mut cqc = rel(RelationshipKind::Reviews, "cqc", code);
            cqc.valid_from = icb_from.max(Date::new(2023, 4, 1));
            cqc.extensions = statute("Health and Social Care Act 2008 s46B: every integrated care system is subject to the CQC's review from 1 April 2023 (a duty, not a record that an assessment took place)");
            m.relationships.extend([approves, accountable, cqc]);
        }
        for (code, s) in &self.sub_icbs {
            let place = fid(format!("place-{code}"));
            let mut f = Footprint::new(place.clone(), s.name.clone(), Tier::Place);
            f.within = s.parent.as_ref().map(|i| fid(format!("system-{i}")));
            f.population = sub_pop
                .get(code.as_str())
                .copied()
                .or_else(|| total("SUB_ICB", code));
            f.extensions = ext(&[(
                "ons_code",
                s.ons
                    .clone()
                    .map_or(serde_json::Value::Null, serde_json::Value::String),
            )]);
            f.valid_to = s.to;
            m.footprints.push(f);
            let mut b = Body::new(bid(code), s.name.clone(), BodyKind::SubIcbLocation);
            b.footprint = Some(place);
            b.valid_to = s.to;
            m.bodies.push(b);
            if let Some(i) = &s.parent {
                m.relationships.push(rel(RelationshipKind::PartOf, code, i));
            }
        }
        for (code, p) in &self.pcns {
            let nbh = fid(format!("nbh-{code}"));
            let mut f = Footprint::new(nbh.clone(), p.name.clone(), Tier::Neighbourhood);
            f.within = pcn_sub.get(code).map(|s| fid(format!("place-{s}")));
            f.population = pcn_pop
                .get(code.as_str())
                .copied()
                .or_else(|| total("PCN", code));
            f.valid_from = p.from;
            f.valid_to = p.to;
            m.footprints.push(f);
            let mut b = Body::new(bid(code), p.name.clone(), BodyKind::PrimaryCareNetwork);
            b.footprint = Some(nbh);
            b.valid_from = p.from;
            b.valid_to = p.to;
            m.bodies.push(b);
        }
        for (code, p) in &self.practices {
            let mut b = Body::new(bid(code), p.name.clone(), BodyKind::GpPractice);
            b.footprint = current
                .get(code.as_str())
                .map(|pcn| fid(format!("nbh-{pcn}")));
            b.valid_from = p.from;
            b.valid_to = p.to;
            let patients = self
                .patients
                .get(code)
                .map_or(serde_json::Value::Null, |n| serde_json::Value::from(*n));
            b.extensions = ext(&[("registered_patients", patients)]);
            m.bodies.push(b);
            if let Some(sub) = &p.sub_icb {
                m.relationships
                    .push(rel(RelationshipKind::Commissions, sub, code));
            }
        }
        for ms in &members {
            let mut r = rel(RelationshipKind::MemberOf, &ms.practice, &ms.pcn);
            r.valid_from = ms.from;
            r.valid_to = ms.to;
            m.relationships.push(r);
        }
        let mut regulators = BTreeSet::new();
        for (code, t) in &self.trusts {
            let kind = if t.name.to_ascii_uppercase().contains("FOUNDATION TRUST") {
                BodyKind::NhsFoundationTrust
            } else {
                BodyKind::NhsTrust
            };
            let mut b = Body::new(bid(code), t.name.clone(), kind);
            b.footprint = t.parent.as_ref().map(|i| fid(format!("system-{i}")));
            b.valid_from = t.from;
            b.valid_to = t.to;
            m.bodies.push(b);
            // NHS England oversees trusts from 1 July 2022; before, NHS trusts answered to the
            // NHS Trust Development Authority and foundation trusts to Monitor (Health and Care
            // Act 2022 ss33, 36). A trust's kind is the publication's: one that became a
            // foundation trust later answered to the TDA before, which the files do not say.
            let change = Date::new(2022, 7, 1);
            let before = Date::new(2022, 6, 30);
            // (A trust whose own dates are reversed gets no inferred relationship: ICS306
            // reports the trust.)
            let starts = t.from.max(change);
            if t.to.is_none_or(|to| Some(to) >= starts) {
                let mut acc = rel(RelationshipKind::AccountableTo, code, "nhse");
                acc.valid_from = starts;
                acc.valid_to = t.to;
                acc.extensions = statute("Health and Care Act 2022: NHS England oversees every NHS trust and foundation trust from 1 July 2022");
                m.relationships.push(acc);
            }
            if t.from.is_none_or(|from| Some(from) < change)
                && t.from.is_none_or(|from| t.to.is_none_or(|to| from <= to))
            {
                let (regulator, name, why) = if kind == BodyKind::NhsFoundationTrust {
                    ("monitor", "Monitor", "Monitor regulated NHS foundation trusts until it was abolished on 1 July 2022 (Health and Care Act 2022 s33); the trust's kind is taken from the publication")
                } else {
                    ("nhs-tda", "NHS Trust Development Authority", "NHS trusts answered to the NHS Trust Development Authority until it was abolished on 1 July 2022 (Health and Care Act 2022 s36)")
                };
                regulators.insert((regulator, name));
                let mut acc = rel(RelationshipKind::AccountableTo, code, regulator);
                acc.valid_from = t.from;
                acc.valid_to = match (t.to, before) {
                    (Some(to), Some(b)) => Some(to.min(b)),
                    (_, b) => b,
                };
                acc.extensions = statute(why);
                m.relationships.push(acc);
            }
        }
        for (id, name) in regulators {
            let kind = if id == "monitor" {
                BodyKind::Monitor
            } else {
                BodyKind::NhsTrustDevelopmentAuthority
            };
            let mut b = Body::new(bid(id), name, kind);
            b.valid_to = Date::new(2022, 6, 30);
            m.bodies.push(b);
        }
        let mut unknown_tier = Vec::new();
        for (code, (name, icbs)) in &self.lads {
            let Some(kind) = local_authority_kind(code) else {
                unknown_tier.push(ImportNote {
                    file: "ONS local authority lookup".to_owned(),
                    line: None,
                    message: format!(
                        "local authority {code} ({name}) left out: its ONS code is not one of E06 (unitary), E07 (district), E08 (metropolitan district), E09 (London borough) or E10 (county), so its tier is unknown"
                    ),
                });
                continue;
            };
            let mut b = Body::new(bid(code), name.clone(), kind);
            b.extensions = ext(&[("ons_code", serde_json::Value::String(code.clone()))]);
            m.bodies.push(b);
            let mut seen = BTreeSet::new();
            for (icb, lsoas) in icbs {
                if seen.insert(icb) {
                    let mut r = rel(RelationshipKind::LiesIn, code, icb);
                    r.extensions = ext(&[("lsoas", serde_json::Value::from(*lsoas))]);
                    m.relationships.push(r);
                }
            }
        }
        // A county council's area is its districts': it lies in each ICB any of them lies in.
        for (code, (name, districts)) in &self.counties {
            let mut b = Body::new(
                bid(code),
                format!("{name} County Council"),
                BodyKind::CountyCouncil,
            );
            b.extensions = ext(&[
                ("ons_code", serde_json::Value::String(code.clone())),
                (
                    "districts",
                    serde_json::Value::from(districts.iter().cloned().collect::<Vec<_>>()),
                ),
            ]);
            m.bodies.push(b);
            let mut lsoas: BTreeMap<&str, u64> = BTreeMap::new();
            for d in districts {
                for (icb, n) in self.lads.get(d).map(|l| l.1.as_slice()).unwrap_or_default() {
                    *lsoas.entry(icb.as_str()).or_default() += n;
                }
            }
            for (icb, n) in lsoas {
                let mut r = rel(RelationshipKind::LiesIn, code, icb);
                r.extensions = ext(&[("lsoas", serde_json::Value::from(n))]);
                m.relationships.push(r);
            }
        }
        self.notes.extend(unknown_tier);
        (m, self.notes)
    }
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
pub fn import(sources: &[Source<'_>], options: &ImportOptions) -> Result<Imported, Error> {
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
    let (model, mut notes) = b.build();
    notes.sort();
    Ok(Imported {
        model,
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
    let sources: Vec<Source<'_>> = contents
        .iter()
        .map(|(n, b)| Source { name: n, bytes: b })
        .collect();
    import(&sources, options)
}
