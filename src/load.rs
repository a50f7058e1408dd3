//! Loading a [`Model`] from JSON or YAML text, keeping positions for errors.

use std::io::Read;
use std::path::Path;

use crate::error::{Error, ErrorKind};
use serde::Deserialize;

use crate::model::Model;
use crate::pointer::JsonPointer;

/// The text format of a dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// JSON (RFC 8259).
    Json,
    /// YAML 1.2.
    Yaml,
}

impl Format {
    /// The format a file's extension suggests: `.yaml` and `.yml` are YAML, anything else JSON.
    pub fn from_path(path: &Path) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml") => {
                Format::Yaml
            }
            _ => Format::Json,
        }
    }
}

/// The line and column (both from 1) of byte offset `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (u64, u64) {
    let offset = offset.min(text.len());
    let before = text.as_bytes().get(..offset).unwrap_or_default();
    let line = before.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count() as u64
        + 1;
    (line, column)
}

fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

fn utf8(bytes: &[u8]) -> Result<&str, Error> {
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        // The prefix is valid UTF-8 by construction.
        let (line, col) = line_col(std::str::from_utf8(valid).unwrap_or_default(), valid.len());
        Error::new(
            ErrorKind::Syntax,
            format!(
                "the file is not valid UTF-8 (byte {} cannot start or continue a character); save it as UTF-8",
                e.valid_up_to() + 1
            ),
        )
        .at(line, col)
    })
}

fn json_error(e: serde_path_to_error::Error<serde_json::Error>) -> Error {
    let pointer = JsonPointer::from_serde_path(e.path());
    let inner = e.into_inner();
    let kind = match inner.classify() {
        serde_json::error::Category::Data => ErrorKind::Data,
        _ => ErrorKind::Syntax,
    };
    let full = inner.to_string();
    let suffix = format!(" at line {} column {}", inner.line(), inner.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full);
    let message = match inner.classify() {
        serde_json::error::Category::Eof => {
            format!("{message}: the JSON ends before every object and array is closed")
        }
        _ => message.to_owned(),
    };
    let err = Error::new(kind, message).at(inner.line() as u64, inner.column() as u64);
    if pointer.is_root() {
        err
    } else {
        err.with_pointer(pointer.to_string())
    }
}

pub(crate) fn from_json_str(text: &str) -> Result<Model, Error> {
    let text = strip_bom(text);
    let mut de = serde_json::Deserializer::from_str(text);
    // The fast path: no path tracking. Only when the text is refused is it read again, with
    // the path tracked, to say where in the dataset the fault is.
    let model = match <Model as Deserialize>::deserialize(&mut de) {
        Ok(m) => m,
        Err(_) => {
            let mut again = serde_json::Deserializer::from_str(text);
            return Err(
                match serde_path_to_error::deserialize::<_, Model>(&mut again) {
                    Err(e) => json_error(e),
                    // Cannot happen: the same text is refused the same way.
                    Ok(_) => Error::new(ErrorKind::Syntax, "the JSON could not be read"),
                },
            );
        }
    };
    de.end().map_err(|e| {
        Error::new(
            ErrorKind::Syntax,
            "unexpected text after the end of the JSON document",
        )
        .at(e.line() as u64, e.column() as u64)
    })?;
    Ok(model)
}

pub(crate) fn from_yaml_str(text: &str) -> Result<Model, Error> {
    let text = strip_bom(text);
    serde_saphyr::from_str::<Model>(text).map_err(|e| {
        let location = e.location();
        let message = yaml_message(&e);
        let err = Error::new(ErrorKind::Data, message);
        match location {
            Some(l) if l.line() > 0 => err.at(l.line(), l.column()),
            _ => err,
        }
    })
}

fn yaml_message(e: &serde_saphyr::Error) -> String {
    let text = e.without_snippet().to_string();
    // The position is reported separately; keep the first line of the message.
    let first = text
        .lines()
        .next()
        .unwrap_or("the YAML could not be read")
        .trim();
    let first = match first.rfind(" at line ") {
        Some(i) => &first[..i],
        None => first,
    };
    // The YAML reader names Rust's integer types; say what the dataset needs instead.
    match first.strip_prefix("invalid ") {
        Some("u64" | "u32" | "u16" | "u8" | "usize") => {
            "invalid number: expected a non-negative whole number".to_owned()
        }
        _ => first.to_owned(),
    }
}

pub(crate) fn from_slice(bytes: &[u8], format: Format) -> Result<Model, Error> {
    let text = utf8(bytes)?;
    match format {
        Format::Json => from_json_str(text),
        Format::Yaml => from_yaml_str(text),
    }
}

/// Reads JSON as it streams in, never holding the whole text: for datasets of hundreds of
/// megabytes. A fault is reported with its line and column, but without the JSON Pointer
/// (which needs a second read).
fn from_json_stream(reader: impl Read) -> Result<Model, Error> {
    let mut reader = std::io::BufReader::with_capacity(1 << 20, reader);
    // Skip a byte-order mark.
    let start = std::io::BufRead::fill_buf(&mut reader)
        .map_err(|e| Error::new(ErrorKind::Io, format!("cannot read the input: {e}")))?;
    if start.starts_with(b"\xEF\xBB\xBF") {
        std::io::BufRead::consume(&mut reader, 3);
    }
    let mut de = serde_json::Deserializer::from_reader(reader);
    let model = <Model as Deserialize>::deserialize(&mut de).map_err(|e| {
        let full = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        let message = full.strip_suffix(&suffix).unwrap_or(&full).to_owned();
        let kind = match e.classify() {
            serde_json::error::Category::Data => ErrorKind::Data,
            serde_json::error::Category::Io => ErrorKind::Io,
            _ => ErrorKind::Syntax,
        };
        Error::new(kind, message).at(e.line() as u64, e.column() as u64)
    })?;
    de.end().map_err(|e| {
        Error::new(
            ErrorKind::Syntax,
            "unexpected text after the end of the JSON document",
        )
        .at(e.line() as u64, e.column() as u64)
    })?;
    Ok(model)
}

pub(crate) fn from_reader(mut reader: impl Read, format: Format) -> Result<Model, Error> {
    if format == Format::Json {
        return from_json_stream(reader);
    }
    let mut bytes = Vec::new();
    reader
        .read_to_end(&mut bytes)
        .map_err(|e| Error::new(ErrorKind::Io, format!("cannot read the input: {e}")))?;
    from_slice(&bytes, format)
}

pub(crate) fn from_path(path: &Path) -> Result<Model, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    from_slice(&bytes, Format::from_path(path)).map_err(|e| e.with_file(path))
}

impl Model {
    /// Parses a dataset from JSON text.
    ///
    /// # Errors
    /// When the text is not JSON, or does not match the format: the error gives the line,
    /// column and JSON Pointer, and what was expected.
    pub fn from_json_str(text: &str) -> Result<Model, Error> {
        from_json_str(text)
    }

    /// Parses a dataset from YAML text.
    ///
    /// # Errors
    /// As [`Model::from_json_str`], for YAML.
    pub fn from_yaml_str(text: &str) -> Result<Model, Error> {
        from_yaml_str(text)
    }

    /// Parses a dataset from bytes in the given format; the bytes must be UTF-8 (a leading
    /// byte-order mark is allowed).
    ///
    /// # Errors
    /// As [`Model::from_json_str`]; also when the bytes are not UTF-8.
    pub fn from_slice(bytes: &[u8], format: Format) -> Result<Model, Error> {
        from_slice(bytes, format)
    }

    /// Reads a dataset from a reader in the given format. JSON is read as it streams in,
    /// without holding the whole text, and a fault says its line and column but not its JSON
    /// Pointer (read the text into memory and use [`Model::from_slice`] for that).
    ///
    /// # Errors
    /// As [`Model::from_slice`]; also when the reader fails.
    pub fn from_reader(reader: impl Read, format: Format) -> Result<Model, Error> {
        from_reader(reader, format)
    }

    /// Reads a dataset from a file; `.yaml` and `.yml` files are YAML, others JSON. Errors name
    /// the file.
    ///
    /// # Errors
    /// As [`Model::from_slice`]; also when the file cannot be read.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Model, Error> {
        from_path(path.as_ref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_from_one_in_characters() {
        assert_eq!(line_col("ab\ncd", 0), (1, 1));
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
        assert_eq!(line_col("é\nx", 3), (2, 1));
        assert_eq!(line_col("éa", 2), (1, 2));
    }
}
