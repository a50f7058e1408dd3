//! The error for input that cannot be read or parsed.
//!
//! A rule violation is never an [`Error`]: it is a [`Diagnostic`](crate::Diagnostic) in a
//! [`Report`](crate::Report). An `Error` means the input could not be used at all, and says
//! where (file, line, column, JSON Pointer) and what was expected.

use std::fmt;
use std::path::{Path, PathBuf};

/// What went wrong, broadly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file could not be read.
    Io,
    /// The text is not well-formed JSON or YAML, or not UTF-8.
    Syntax,
    /// The text is well-formed but does not match the dataset format (a wrong type, a missing
    /// or unknown field, an impossible date, a malformed id).
    Data,
    /// The input is larger or deeper than the configured limits.
    Limit,
    /// A policy is not usable (an unknown rule, an empty range).
    Policy,
}

/// Input that could not be read or parsed, with where and what was expected.
#[derive(Debug)]
pub struct Error {
    inner: Box<Inner>,
}

#[derive(Debug)]
struct Inner {
    kind: ErrorKind,
    message: String,
    file: Option<PathBuf>,
    line: Option<u64>,
    column: Option<u64>,
    pointer: Option<String>,
    source: Option<std::io::Error>,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            inner: Box::new(Inner {
                kind,
                message: message.into(),
                file: None,
                line: None,
                column: None,
                pointer: None,
                source: None,
            }),
        }
    }

    /// An error reading the file at `path`.
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        let mut e = Self::new(ErrorKind::Io, format!("cannot read the file: {source}"));
        e.inner.file = Some(path.to_path_buf());
        e.inner.source = Some(source);
        e
    }

    /// An input at `file` that could not be used for a reason other than its contents (a
    /// symbolic link that loops, a folder with no datasets in it), as `message` says.
    pub fn unusable(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Io, message).with_file(file)
    }

    pub(crate) fn at(mut self, line: u64, column: u64) -> Self {
        // Readers say column 0 for the end of the text after a line break; lines and columns
        // count from 1 here.
        self.inner.line = Some(line.max(1));
        self.inner.column = Some(column.max(1));
        self
    }

    pub(crate) fn with_pointer(mut self, pointer: String) -> Self {
        self.inner.pointer = Some(pointer);
        self
    }

    /// The same error, naming the file it came from.
    pub fn with_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.inner.file = Some(file.into());
        self
    }

    /// What went wrong, broadly.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }

    /// What went wrong and what was expected, without the position.
    pub fn message(&self) -> &str {
        &self.inner.message
    }

    /// The file, when the input came from one.
    pub fn file(&self) -> Option<&Path> {
        self.inner.file.as_deref()
    }

    /// The line (from 1), when known.
    pub fn line(&self) -> Option<u64> {
        self.inner.line
    }

    /// The column (from 1), when known.
    pub fn column(&self) -> Option<u64> {
        self.inner.column
    }

    /// The JSON Pointer to the offending value (for example `/bodies/3/kind`), when known.
    pub fn pointer(&self) -> Option<&str> {
        self.inner.pointer.as_deref()
    }
}

/// A JSON reader's message without the " at line L column C" it ends with: the position is
/// kept apart, as line and column.
pub(crate) fn json_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    match full.strip_suffix(&suffix) {
        Some(m) => m.to_owned(),
        None => full,
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = &self.inner;
        match &i.file {
            Some(file) => write!(f, "{}", file.display())?,
            None => f.write_str("<input>")?,
        }
        if let (Some(line), Some(col)) = (i.line, i.column) {
            write!(f, ":{line}:{col}")?;
        }
        write!(f, ": {}", i.message)?;
        if let Some(p) = &i.pointer {
            if !p.is_empty() {
                write!(f, " (at {p})")?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.inner.source.as_ref().map(|e| e as _)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_line_column_and_pointer() {
        let e = Error::new(ErrorKind::Data, "unknown field `colour`")
            .at(3, 7)
            .with_pointer("/bodies/0".into())
            .with_file("x.json");
        assert_eq!(
            e.to_string(),
            "x.json:3:7: unknown field `colour` (at /bodies/0)"
        );
        fn assert_send_sync<T: Send + Sync + std::error::Error>() {}
        assert_send_sync::<Error>();
    }
}
