//! Identifier newtypes for footprints, bodies and people.

use std::borrow::Borrow;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

/// The longest identifier accepted, in bytes.
pub const MAX_ID_LEN: usize = 128;

/// The pattern every identifier matches, as published in the model schema. It ends with
/// `(?![\s\S])` rather than `$` because in some regular-expression engines (Python's, which
/// Python's `jsonschema` uses) `$` also matches before a final newline, so `"a\n"` would pass.
pub const ID_PATTERN: &str = "^[A-Za-z0-9][A-Za-z0-9._-]{0,127}(?![\\s\\S])";

/// An identifier that does not match [`ID_PATTERN`], with what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidId {
    reason: String,
}

impl std::fmt::Display for InvalidId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.reason)
    }
}

impl std::error::Error for InvalidId {}

/// Checks `s` against [`ID_PATTERN`], saying what is wrong when it does not match.
pub fn check_id(s: &str) -> Result<(), InvalidId> {
    why_not_an_id(s).map_err(|reason| InvalidId { reason })
}

fn why_not_an_id(s: &str) -> Result<(), String> {
    // The usual case, decided byte by byte; the explanations below are for the rest.
    let ok = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-');
    if (1..=MAX_ID_LEN).contains(&s.len())
        && s.as_bytes()[0].is_ascii_alphanumeric()
        && s.as_bytes().iter().all(ok)
    {
        return Ok(());
    }
    let Some(first) = s.chars().next() else {
        return Err("an identifier cannot be empty".to_owned());
    };
    if s.len() > MAX_ID_LEN {
        return Err(format!(
            "identifier is {} bytes long; at most {MAX_ID_LEN} are allowed",
            s.len()
        ));
    }
    if !first.is_ascii_alphanumeric() {
        return Err(format!(
            "identifier `{}` must start with a letter or digit, not {}",
            s.escape_debug(),
            describe(first)
        ));
    }
    if let Some(bad) = s
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
    {
        return Err(format!(
            "identifier `{}` contains {}; only ASCII letters, digits, '.', '_' and '-' are allowed",
            s.escape_debug(),
            describe(bad)
        ));
    }
    Ok(())
}

/// A character as a reader can tell it apart: shown escaped where it would not print or would
/// reorder the line, with its code point, so that a Cyrillic `А` is not taken for a Latin `A`.
fn describe(c: char) -> String {
    format!("{:?} (U+{:04X})", c, u32::from(c))
}

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident, $what:literal) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(transparent)]
        pub struct $name(compact_str::CompactString);

        impl std::str::FromStr for $name {
            type Err = InvalidId;

            /// Reads an identifier, checking it against [`ID_PATTERN`].
            fn from_str(s: &str) -> Result<Self, InvalidId> {
                Self::new(s)
            }
        }

        impl $name {
            /// Makes an identifier, checking it against [`ID_PATTERN`].
            pub fn new(id: impl Into<String>) -> Result<Self, InvalidId> {
                let id = id.into();
                check_id(&id)?;
                Ok(Self(id.into()))
            }

            /// An identifier the caller has already checked against [`ID_PATTERN`].
            #[allow(dead_code)]
            pub(crate) fn from_checked(id: String) -> Self {
                debug_assert!(check_id(&id).is_ok(), "{id}");
                Self(id.into())
            }

            /// The identifier as written in the dataset.
            pub fn as_str(&self) -> &str {
                self.0.as_str()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.0.as_str()
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                self.0.as_str()
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                // Read in place: an id of up to 24 bytes (every ODS and ONS code) is kept
                // inline, with no allocation of its own.
                let s = compact_str::CompactString::deserialize(deserializer)?;
                check_id(&s).map_err(serde::de::Error::custom)?;
                Ok(Self(s))
            }
        }

        #[cfg(feature = "schemars")]
        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "type": "string",
                    "pattern": ID_PATTERN,
                    "description": $what,
                })
            }
        }
    };
}

id_type!(
    /// The identifier of a footprint, unique among all footprints and bodies of a model
    /// (for example `lsc` or the ONS code `E54000048`).
    FootprintId,
    "Identifier of a footprint: a letter or digit, then letters, digits, '.', '_' or '-' (at most 128)."
);

id_type!(
    /// The identifier of a body, unique among all footprints and bodies of a model
    /// (for example the ODS code `QE1`).
    BodyId,
    "Identifier of a body: a letter or digit, then letters, digits, '.', '_' or '-' (at most 128)."
);

id_type!(
    /// The identifier of a person who sits on a board or committee, unique among all
    /// footprints, bodies and people of a model (for example `lsc-chair-2022`).
    PersonId,
    "Identifier of a person: a letter or digit, then letters, digits, '.', '_' or '-' (at most 128)."
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ods_codes_and_slugs() {
        for ok in [
            "QE1",
            "S1Y5D",
            "U41591",
            "lsc",
            "morecambe-bay",
            "E54000048",
            "a.b_c",
        ] {
            assert!(check_id(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn rejects_empty_spaces_and_leading_punctuation() {
        assert!(check_id("").is_err());
        assert!(check_id("has space")
            .unwrap_err()
            .to_string()
            .contains("' '"));
        assert!(check_id("-lead")
            .unwrap_err()
            .to_string()
            .contains("must start"));
        assert!(check_id(&"x".repeat(129))
            .unwrap_err()
            .to_string()
            .contains("129 bytes"));
        assert!(check_id(&"x".repeat(128)).is_ok());
    }
}
