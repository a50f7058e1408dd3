//! The words of the vocabulary, read back: `FromStr` for tiers, kinds of body and
//! relationship, severities, policy levels and dataset formats, with the error saying what
//! was expected. Each reads the word the dataset or policy format writes (`Tier::as_str`,
//! `BodyKind::key`, `RelationshipKind::key`, ...); the kinds' `Display` is their wording in
//! messages ("integrated care board", "is accountable to").

use std::fmt;
use std::str::FromStr;

use crate::diagnostic::Severity;
use crate::load::Format;
use crate::model::{BodyKind, RelationshipKind, Tier};
use crate::policy::Level;

/// A word that names none of a vocabulary's values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownName {
    what: &'static str,
    given: String,
    expected: Vec<&'static str>,
}

impl UnknownName {
    /// The word given.
    pub fn given(&self) -> &str {
        &self.given
    }

    /// The words that would have been accepted.
    pub fn expected(&self) -> &[&'static str] {
        &self.expected
    }
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a {}; expected one of {}",
            self.given.escape_debug(),
            self.what,
            self.expected.join(", ")
        )
    }
}

impl std::error::Error for UnknownName {}

fn parse<T: Copy>(
    s: &str,
    what: &'static str,
    all: &[T],
    name: impl Fn(T) -> &'static str,
) -> Result<T, UnknownName> {
    all.iter()
        .copied()
        .find(|&v| name(v) == s)
        .ok_or_else(|| UnknownName {
            what,
            given: s.to_owned(),
            expected: all.iter().map(|&v| name(v)).collect(),
        })
}

impl FromStr for Tier {
    type Err = UnknownName;

    /// `system`, `place` or `neighbourhood`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse(s, "tier", &Tier::ALL, Tier::as_str)
    }
}

impl FromStr for BodyKind {
    type Err = UnknownName;

    /// The kind as the dataset format writes it, such as `integrated_care_board`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse(s, "kind of body", &BodyKind::ALL, BodyKind::key)
    }
}

impl FromStr for RelationshipKind {
    type Err = UnknownName;

    /// The kind as the dataset format writes it, such as `accountable_to`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse(
            s,
            "kind of relationship",
            &RelationshipKind::ALL,
            RelationshipKind::key,
        )
    }
}

impl FromStr for Severity {
    type Err = UnknownName;

    /// `error`, `warning` or `info`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse(
            s,
            "severity",
            &[Severity::Error, Severity::Warning, Severity::Info],
            Severity::as_str,
        )
    }
}

impl FromStr for Level {
    type Err = UnknownName;

    /// `allow`, `info`, `warn` or `error`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse(s, "level", &Level::ALL, Level::as_str)
    }
}

impl FromStr for Format {
    type Err = UnknownName;

    /// `json` or `yaml`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse(
            s,
            "dataset format",
            &[Format::Json, Format::Yaml],
            Format::as_str,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every word reads back as the value that writes it, and as serde reads it.
    #[test]
    fn every_name_reads_back() {
        for t in Tier::ALL {
            assert_eq!(t.to_string().parse::<Tier>(), Ok(t));
        }
        for k in BodyKind::ALL {
            assert_eq!(k.key().parse::<BodyKind>(), Ok(k));
            assert_eq!(serde_json::to_value(k).unwrap(), k.key());
        }
        for k in RelationshipKind::ALL {
            assert_eq!(k.key().parse::<RelationshipKind>(), Ok(k));
            assert_eq!(serde_json::to_value(k).unwrap(), k.key());
        }
        for l in Level::ALL {
            assert_eq!(l.to_string().parse::<Level>(), Ok(l));
            assert_eq!(serde_json::to_value(l).unwrap(), l.as_str());
        }
        for s in [Severity::Error, Severity::Warning, Severity::Info] {
            assert_eq!(s.to_string().parse::<Severity>(), Ok(s));
        }
        for f in [Format::Json, Format::Yaml] {
            assert_eq!(f.to_string().parse::<Format>(), Ok(f));
        }
    }

    #[test]
    fn ids_read_back_and_say_what_is_wrong() {
        use crate::model::{BodyId, FootprintId};
        assert_eq!("QE1".parse::<BodyId>().unwrap().as_str(), "QE1");
        assert_eq!("lsc".parse::<FootprintId>().unwrap().to_string(), "lsc");
        let e = "has space".parse::<BodyId>().unwrap_err();
        assert!(e.to_string().contains("' '"), "{e}");
    }

    #[test]
    fn an_unknown_word_says_what_was_expected() {
        let e = "accountable-to".parse::<RelationshipKind>().unwrap_err();
        assert_eq!(e.given(), "accountable-to");
        let text = e.to_string();
        assert!(
            text.starts_with("`accountable-to` is not a kind of relationship; expected one of ")
                && text.contains(" accountable_to,")
                && text.ends_with(", committee_of"),
            "{text}"
        );
        assert_eq!(e.expected().len(), RelationshipKind::ALL.len());
    }
}
