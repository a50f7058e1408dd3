//! JSON Pointers (RFC 6901) to entities of a dataset.

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A JSON Pointer (RFC 6901), such as `/bodies/3` or `/relationships/12/to`.
///
/// Pointers order token by token, numerically where both tokens are array indices, so
/// `/bodies/9` comes before `/bodies/10`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct JsonPointer(String);

impl JsonPointer {
    /// The pointer with its list positions left out: `/bodies/3/kind` → `/bodies/#/kind`.
    /// Baselines and fingerprints match findings by this shape and the ids involved, so that
    /// a body added above another, or lists sorted differently, change nothing.
    pub fn shape(&self) -> String {
        let mut out = String::with_capacity(self.as_str().len());
        for token in self.as_str().split('/').skip(1) {
            out.push('/');
            if !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit()) {
                out.push('#');
            } else {
                out.push_str(token);
            }
        }
        out
    }

    /// The pointer to the whole document (the empty string).
    pub fn root() -> Self {
        Self(String::new())
    }

    /// A pointer to element `index` of the top-level array `list` (`/bodies/3`).
    pub fn entity(list: &str, index: usize) -> Self {
        Self::root().token(list).index(index)
    }

    /// This pointer extended by one object member name, escaped as RFC 6901 requires.
    pub fn token(mut self, name: &str) -> Self {
        self.0.push('/');
        for c in name.chars() {
            match c {
                '~' => self.0.push_str("~0"),
                '/' => self.0.push_str("~1"),
                c => self.0.push(c),
            }
        }
        self
    }

    /// This pointer extended by one array index.
    pub fn index(mut self, index: usize) -> Self {
        use fmt::Write;
        let _ = write!(self.0, "/{index}");
        self
    }

    /// Whether this is the pointer to the whole document.
    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// The pointer as written (`/bodies/3`).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Parses a pointer, which must be empty or start with `/` and escape `~` as `~0`.
    pub fn parse(s: &str) -> Option<Self> {
        if !(s.is_empty() || s.starts_with('/')) {
            return None;
        }
        let bytes = s.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'~' && !matches!(bytes.get(i + 1), Some(b'0' | b'1')) {
                return None;
            }
        }
        Some(Self(s.to_owned()))
    }

    /// The reference tokens, unescaped (`/a~1b/0` gives `a/b`, `0`).
    pub fn tokens(&self) -> impl Iterator<Item = String> + '_ {
        self.0
            .split('/')
            .skip(1)
            .map(|t| t.replace("~1", "/").replace("~0", "~"))
    }

    pub(crate) fn from_serde_path(path: &serde_path_to_error::Path) -> Self {
        use serde_path_to_error::Segment;
        let mut p = Self::root();
        for segment in path.iter() {
            p = match segment {
                Segment::Seq { index } => p.index(*index),
                Segment::Map { key } => p.token(key),
                Segment::Enum { variant } => p.token(variant),
                Segment::Unknown => p,
            };
        }
        p
    }
}

impl fmt::Display for JsonPointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One token of a pointer, prepared for comparing: the token, and its digits without leading
/// zeros when it is an array index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Token<'a> {
    raw: &'a str,
    index: Option<&'a str>,
}

impl<'a> Token<'a> {
    fn new(raw: &'a str) -> Self {
        let digits = !raw.is_empty() && raw.bytes().all(|b| b.is_ascii_digit());
        Self {
            raw,
            index: digits.then(|| raw.trim_start_matches('0')),
        }
    }
}

impl Ord for Token<'_> {
    /// Array indices compare as numbers (shorter digits first, then by digit), without parsing;
    /// other tokens as text.
    fn cmp(&self, other: &Self) -> Ordering {
        match (self.index, other.index) {
            (Some(m), Some(n)) => m
                .len()
                .cmp(&n.len())
                .then_with(|| m.cmp(n))
                .then_with(|| self.raw.cmp(other.raw)),
            _ => self.raw.cmp(other.raw),
        }
    }
}

impl PartialOrd for Token<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// A pointer's tokens, prepared once so that sorting many pointers does not split and scan
/// them at every comparison. Orders exactly as [`JsonPointer`] does.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct SortKey<'a>(Vec<Token<'a>>);

impl JsonPointer {
    /// The pointer's key for sorting many pointers.
    pub(crate) fn sort_key(&self) -> SortKey<'_> {
        SortKey(self.0.split('/').map(Token::new).collect())
    }
}

impl Ord for JsonPointer {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0
            .split('/')
            .map(Token::new)
            .cmp(other.0.split('/').map(Token::new))
    }
}

impl PartialOrd for JsonPointer {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Serialize for JsonPointer {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for JsonPointer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Self::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{s}` is not a JSON Pointer; expected \"\" or a path such as \"/bodies/3\""
            ))
        })
    }
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for JsonPointer {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "JsonPointer".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "json-pointer",
            "description": "A JSON Pointer (RFC 6901) into the dataset, such as /bodies/3.",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_tilde_and_slash() {
        let p = JsonPointer::root().token("a/b").token("c~d").index(0);
        assert_eq!(p.as_str(), "/a~1b/c~0d/0");
        assert_eq!(p.tokens().collect::<Vec<_>>(), ["a/b", "c~d", "0"]);
        assert_eq!(JsonPointer::parse(p.as_str()), Some(p));
        assert_eq!(JsonPointer::parse("/a~2"), None);
        assert_eq!(JsonPointer::parse("a"), None);
    }

    #[test]
    fn orders_indices_numerically() {
        let nine = JsonPointer::entity("bodies", 9);
        let ten = JsonPointer::entity("bodies", 10);
        assert!(nine < ten);
        assert!(JsonPointer::entity("bodies", 10) < JsonPointer::entity("footprints", 0));
        assert!(JsonPointer::entity("bodies", 1) < JsonPointer::entity("bodies", 1).token("to"));
    }
}
