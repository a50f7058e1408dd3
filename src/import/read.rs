//! Reading the publications' CSV files: recognising each by its header or column layout,
//! and turning rows into typed records with file and line in every error.

use crate::error::{Error, ErrorKind};
use crate::model::Date;

/// Which publication a file is, recognised from its header or, for ODS files without a
/// header, from its column layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum FileKind {
    /// NHS England "Patients Registered at a GP Practice", mapping file: practice → PCN →
    /// sub-ICB location → ICB → commissioning region.
    PracticeMapping,
    /// The same publication, registered patients per practice (rows with SEX=ALL, AGE=ALL).
    PracticePatients,
    /// The same publication, totals per organisation (rows by ORG_TYPE, SEX=ALL, AGE=ALL).
    OrganisationTotals,
    /// ODS epraccur: GP practices and other prescribing settings, no header, 27 columns.
    Epraccur,
    /// ODS etr: NHS trusts, no header, 27 columns.
    Etr,
    /// ODS ePCN, sheet "PCNDetails": PCNs with their sub-ICB location and dates.
    PcnDetails,
    /// ODS ePCN, sheet "PCN Core Partner Details": practice → PCN memberships with dates.
    PcnMembers,
    /// ONS sub-ICB location → ICB lookup.
    OnsSubIcbToIcb,
    /// ONS local authority district × ICB lookup, with the number of LSOAs in each pair.
    OnsLadToIcb,
    /// ONS local authority district → county lookup: the county council above each district
    /// council of a two-tier area.
    OnsLadToCounty,
}

impl FileKind {
    /// A short description, as used in messages and the import summary.
    pub fn describe(self) -> &'static str {
        match self {
            FileKind::PracticeMapping => {
                "GP practice mapping (practice, PCN, sub-ICB location, ICB, region)"
            }
            FileKind::PracticePatients => "registered patients per GP practice",
            FileKind::OrganisationTotals => "registered patients per organisation",
            FileKind::Epraccur => "ODS epraccur (GP practices)",
            FileKind::Etr => "ODS etr (NHS trusts)",
            FileKind::PcnDetails => "ODS ePCN PCN details",
            FileKind::PcnMembers => "ODS ePCN practice memberships",
            FileKind::OnsSubIcbToIcb => "ONS sub-ICB location to ICB lookup",
            FileKind::OnsLadToIcb => "ONS local authority district to ICB lookup",
            FileKind::OnsLadToCounty => "ONS local authority district to county lookup",
        }
    }
}

/// A publication's columns: the name in the header (normalised) and whether it must be there.
struct Layout {
    kind: FileKind,
    /// Columns whose presence identifies the file.
    signature: &'static [&'static str],
    /// Columns the importer reads; all must be present.
    required: &'static [&'static str],
}

const LAYOUTS: &[Layout] = &[
    Layout {
        kind: FileKind::PracticeMapping,
        signature: &["PRACTICE_CODE", "PCN_CODE"],
        required: &[
            "PRACTICE_CODE",
            "PRACTICE_NAME",
            "PCN_CODE",
            "PCN_NAME",
            "SUB_ICB_LOCATION_CODE",
            "SUB_ICB_LOCATION_NAME",
            "ICB_CODE",
            "ICB_NAME",
            "COMM_REGION_CODE",
            "COMM_REGION_NAME",
        ],
    },
    Layout {
        kind: FileKind::OrganisationTotals,
        signature: &["ORG_TYPE", "NUMBER_OF_PATIENTS"],
        required: &["ORG_TYPE", "ORG_CODE", "SEX", "AGE", "NUMBER_OF_PATIENTS"],
    },
    Layout {
        kind: FileKind::PracticePatients,
        signature: &["NUMBER_OF_PATIENTS"],
        required: &["CODE", "SEX", "AGE", "NUMBER_OF_PATIENTS"],
    },
    Layout {
        kind: FileKind::PcnMembers,
        signature: &["PARTNER_ORGANISATION_CODE"],
        required: &[
            "PARTNER_ORGANISATION_CODE",
            "PCN_CODE",
            "PRACTICE_TO_PCN_RELATIONSHIP_START_DATE",
            "PRACTICE_TO_PCN_RELATIONSHIP_END_DATE",
        ],
    },
    Layout {
        kind: FileKind::PcnDetails,
        signature: &["PCN_CODE", "PCN_NAME"],
        required: &[
            "PCN_CODE",
            "PCN_NAME",
            "CURRENT_SUB_ICB_LOC_CODE",
            "OPEN_DATE",
            "CLOSE_DATE",
        ],
    },
    Layout {
        kind: FileKind::OnsSubIcbToIcb,
        signature: &["SICBL##CD"],
        required: &[
            "SICBL##CD",
            "SICBL##CDH",
            "SICBL##NM",
            "ICB##CD",
            "ICB##CDH",
            "ICB##NM",
        ],
    },
    Layout {
        kind: FileKind::OnsLadToCounty,
        signature: &["LAD##CD", "CTY##CD"],
        required: &["LAD##CD", "LAD##NM", "CTY##CD", "CTY##NM"],
    },
    Layout {
        kind: FileKind::OnsLadToIcb,
        signature: &["LAD##CD"],
        required: &["LAD##CD", "LAD##NM", "ICB##CD", "ICB##CDH", "ICB##NM"],
    },
];

/// Header names compared upper-case with spaces and punctuation as `_`, and ONS two-digit
/// years as `##` (`LAD22CD` and `LAD23CD` are both `LAD##CD`).
fn normalise(name: &str) -> String {
    let upper: String = name
        .trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    for prefix in ["SICBL", "LAD", "ICB", "CTY"] {
        if let Some(rest) = upper.strip_prefix(prefix) {
            let b = rest.as_bytes();
            if b.len() >= 3 && b[0].is_ascii_digit() && b[1].is_ascii_digit() {
                return format!("{prefix}##{}", &rest[2..]);
            }
        }
    }
    upper
}

/// One parsed file: its kind, and its rows with their line numbers.
#[derive(Debug)]
pub(crate) struct Table {
    pub name: String,
    pub kind: FileKind,
    /// Column index of each required field, in `required` order; for headerless ODS files,
    /// empty (fields are read by position).
    columns: Vec<usize>,
    pub rows: Vec<(u64, csv::StringRecord)>,
    /// Number of fields every row must have, if fixed.
    width: Option<usize>,
    /// The normalised header, for optional columns.
    header: Vec<String>,
}

impl Table {
    /// The field of `row` in required column `which` (by its normalised name).
    pub fn get<'r>(&self, row: &'r csv::StringRecord, which: &str) -> &'r str {
        let layout = LAYOUTS.iter().find(|l| l.kind == self.kind);
        let pos = layout.and_then(|l| l.required.iter().position(|c| *c == which));
        pos.and_then(|p| self.columns.get(p))
            .and_then(|&c| row.get(c))
            .unwrap_or("")
            .trim()
    }

    /// The field of `row` in an optional column, by normalised name; empty when absent.
    pub fn opt<'r>(&self, row: &'r csv::StringRecord, name: &str) -> &'r str {
        self.header
            .iter()
            .position(|h| h == name)
            .and_then(|c| row.get(c))
            .unwrap_or("")
            .trim()
    }

    /// For headerless ODS files, the field at 1-based column `n`.
    pub fn col<'r>(&self, row: &'r csv::StringRecord, n: usize) -> &'r str {
        row.get(n - 1).unwrap_or("").trim()
    }

    /// The column count every row must have, if fixed.
    pub fn width(&self) -> Option<usize> {
        self.width
    }
}

pub(crate) fn row_error(file: &str, line: u64, message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Data, message)
        .at(line, 1)
        .with_file(file)
}

/// The character a Windows-1252 byte stands for (0x80 to 0x9F hold punctuation such as `’`;
/// the rest match Latin-1).
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// Parses a CSV file and recognises its publication.
pub(crate) fn read_table(name: &str, bytes: &[u8]) -> Result<Table, Error> {
    let mut rows = read_rows(name, bytes)?;
    let Some((_, first)) = rows.first() else {
        return Err(Error::new(
            ErrorKind::Data,
            "the file is empty; expected a CSV publication",
        )
        .with_file(name));
    };
    let header: Vec<String> = first.iter().map(normalise).collect();
    if let Some((kind, columns)) = recognise_header(name, &header)? {
        rows.remove(0);
        return Ok(Table {
            name: name.to_owned(),
            kind,
            columns,
            rows,
            width: Some(header.len()),
            header,
        });
    }
    // ODS files have no header: 27 columns, recognised by their contents.
    if first.len() == 27 {
        let sample = rows.iter().take(200);
        // epraccur lists prescribing settings (column 26: 4 is a GP practice); etr leaves it empty.
        let settings = sample
            .filter(|(_, r)| !r.get(25).unwrap_or("").trim().is_empty())
            .count();
        let kind = if settings > 0 {
            FileKind::Epraccur
        } else {
            FileKind::Etr
        };
        return Ok(Table {
            name: name.to_owned(),
            kind,
            columns: Vec::new(),
            rows,
            width: Some(27),
            header: Vec::new(),
        });
    }
    Err(Error::new(
        ErrorKind::Data,
        format!(
            "not a recognised publication: the first row has {} columns ({}); expected the header of an NHS England, ePCN or ONS file, or a 27-column ODS file (epraccur, etr)",
            first.len(),
            first.iter().take(6).collect::<Vec<_>>().join(", ")
        ),
    )
    .at(1, 1)
    .with_file(name))
}

/// The non-blank records of a CSV file, each with its line; text that is not UTF-8 is read
/// as Windows-1252.
fn read_rows(name: &str, bytes: &[u8]) -> Result<Vec<(u64, csv::StringRecord)>, Error> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes)
        .map(std::borrow::Cow::Borrowed)
        .unwrap_or_else(|_| {
            // ODS files are sometimes Windows-1252; keep every byte as the character it most
            // likely is rather than failing the whole file.
            std::borrow::Cow::Owned(bytes.iter().map(|&b| windows_1252(b)).collect())
        });
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {
                let line = record.position().map_or(0, |p| p.line());
                if record.iter().all(|f| f.trim().is_empty()) {
                    continue;
                }
                rows.push((line, record.clone()));
            }
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                return Err(row_error(
                    name,
                    line,
                    format!("the CSV cannot be read: {e}"),
                ));
            }
        }
    }
    Ok(rows)
}

/// The publication a header names, with the position of each column it needs; `None` when
/// no layout's signature matches; an error when one matches but lacks a column.
fn recognise_header(
    name: &str,
    header: &[String],
) -> Result<Option<(FileKind, Vec<usize>)>, Error> {
    for layout in LAYOUTS {
        if !layout
            .signature
            .iter()
            .all(|s| header.iter().any(|h| h == s))
        {
            continue;
        }
        let mut columns = Vec::with_capacity(layout.required.len());
        for want in layout.required {
            match header.iter().position(|h| h == want) {
                Some(i) => columns.push(i),
                None => {
                    return Err(Error::new(
                        ErrorKind::Data,
                        format!(
                            "column {} is missing; a {} file needs columns {}",
                            want.replace("##", "22"),
                            layout.kind.describe(),
                            layout.required.join(", ").replace("##", "22")
                        ),
                    )
                    .at(1, 1)
                    .with_file(name));
                }
            }
        }
        return Ok(Some((layout.kind, columns)));
    }
    Ok(None)
}

/// Parses an ODS `YYYYMMDD` date, an ISO date, or the `01Oct2025` form of extract dates.
pub(crate) fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if let Some(d) = Date::parse_compact(s) {
        return Some(d);
    }
    if let Ok(d) = s.parse::<Date>() {
        return Some(d);
    }
    if s.len() == 9 && s.is_ascii() {
        let month = match s[2..5].to_ascii_lowercase().as_str() {
            "jan" => 1,
            "feb" => 2,
            "mar" => 3,
            "apr" => 4,
            "may" => 5,
            "jun" => 6,
            "jul" => 7,
            "aug" => 8,
            "sep" => 9,
            "oct" => 10,
            "nov" => 11,
            "dec" => 12,
            _ => return None,
        };
        return Date::new(s[5..].parse().ok()?, month, s[..2].parse().ok()?);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_headers_and_ons_years() {
        assert_eq!(
            normalise(" Practice to PCN Relationship Start Date"),
            "PRACTICE_TO_PCN_RELATIONSHIP_START_DATE"
        );
        assert_eq!(normalise("LAD23CD"), "LAD##CD");
        assert_eq!(normalise("ICB22CDH"), "ICB##CDH");
        assert_eq!(normalise("ICB_CODE"), "ICB_CODE");
    }

    #[test]
    fn parses_the_publications_date_forms() {
        assert_eq!(parse_date("20220701"), Date::new(2022, 7, 1));
        assert_eq!(parse_date("2025-04-01"), Date::new(2025, 4, 1));
        assert_eq!(parse_date("01Oct2025"), Date::new(2025, 10, 1));
        assert_eq!(parse_date("31Feb2025"), None);
        assert_eq!(parse_date("01Août25"), None);
        assert_eq!(parse_date(""), None);
    }

    #[test]
    fn recognises_layouts_and_names_missing_columns() {
        let t = read_table("m.csv", b"\xEF\xBB\xBFPRACTICE_CODE,PRACTICE_NAME,PCN_CODE,PCN_NAME,SUB_ICB_LOCATION_CODE,SUB_ICB_LOCATION_NAME,ICB_CODE,ICB_NAME,COMM_REGION_CODE,COMM_REGION_NAME\nA1,\"Name, with comma\",U1,P,00Q,S,QE1,I,Y62,R\n").unwrap();
        assert_eq!(t.kind, FileKind::PracticeMapping);
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.get(&t.rows[0].1, "PRACTICE_NAME"), "Name, with comma");
        let e = read_table(
            "p.csv",
            b"PUBLICATION,CODE,SEX,NUMBER_OF_PATIENTS\nX,A1,ALL,5\n",
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("p.csv:1:1: column AGE is missing"),
            "{e}"
        );
        let e = read_table("x.csv", b"a,b\n1,2\n").unwrap_err();
        assert!(e.message().contains("not a recognised publication"), "{e}");
        assert!(read_table("e.csv", b"").is_err());
    }
}
