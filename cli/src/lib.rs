//! The parts of the `icsgov` command that read inputs and write reports: the command itself
//! is `src/main.rs`. Kept as a library so that the fuzz targets and benches can drive the
//! same renderers the command uses; not a stable API.

#![forbid(unsafe_code)]

use std::path::PathBuf;

use icsgov::Format;

pub mod html;
pub mod inputs;
pub mod junit;
pub mod output;
pub mod policy_file;
pub mod render;
pub mod sarif;

/// One file as read, with what is needed to place its findings.
pub struct Source {
    pub name: String,
    /// The text, when it is kept; a large dataset's text is read again only if needed.
    pub text: Option<String>,
    /// Where to read the text again from, when it was not kept.
    pub path: Option<PathBuf>,
    pub format: SourceFormat,
    /// For a dataset imported from CSV publications: the row each entity came from, so that
    /// findings point at the publication's file and line.
    pub rows: Option<icsgov::import::SourceRows>,
    /// For a large JSON dataset whose text was not kept: where each entity starts in it, so
    /// that findings are placed in one pass over the file, without reading its text whole.
    pub starts: Option<icsgov::EntityStarts>,
}

/// How to turn a JSON Pointer into a line and column in a source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceFormat {
    Dataset(Format),
    Toml,
}
