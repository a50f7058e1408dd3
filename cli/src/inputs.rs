//! Reading the datasets named on the command line: files, directories and standard input.

use std::io::Read;
use std::path::{Path, PathBuf};

use icsgov::{Error, Format, Model};

use crate::{Source, SourceFormat};

fn is_dataset(path: &Path) -> bool {
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("json" | "yaml" | "yml")
    )
}

/// Every dataset file under `dir`, sorted: regular files only (no FIFOs or devices), each
/// once by its canonical path, following symbolic links but reporting a link that loops.
/// Hidden files and folders (`.git`), `target/` folders and whatever the `.gitignore`,
/// `.ignore` and git exclude files say to ignore are skipped, as git and ripgrep skip them.
fn walk(dir: &Path, out: &mut Vec<PathBuf>, problems: &mut Vec<Unusable>) {
    let walker = ignore::WalkBuilder::new(dir)
        .hidden(true)
        .follow_links(true)
        .require_git(false)
        .sort_by_file_path(|a, b| a.cmp(b))
        .filter_entry(|e| {
            !(e.depth() > 0
                && e.file_type().is_some_and(|t| t.is_dir())
                && e.file_name() == "target")
        })
        .build();
    let mut seen = std::collections::HashSet::new();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                problems.push(walk_problem(dir, &e));
                continue;
            }
        };
        let p = entry.path();
        if !entry.file_type().is_some_and(|t| t.is_file()) || !is_dataset(p) {
            continue;
        }
        let canonical = std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        if seen.insert(canonical) {
            out.push(p.to_path_buf());
        }
    }
}

/// A walk error in the user's words: which path, and what was wrong with it.
fn walk_problem(dir: &Path, e: &ignore::Error) -> Unusable {
    fn innermost(e: &ignore::Error) -> &ignore::Error {
        match e {
            ignore::Error::WithPath { err, .. }
            | ignore::Error::WithDepth { err, .. }
            | ignore::Error::WithLineNumber { err, .. } => innermost(err),
            other => other,
        }
    }
    fn path_of(e: &ignore::Error) -> Option<&Path> {
        match e {
            ignore::Error::WithPath { path, .. } => Some(path),
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                path_of(err)
            }
            _ => None,
        }
    }
    let (path, message) = match innermost(e) {
        ignore::Error::Loop { ancestor, child } => (
            child.as_path(),
            format!(
                "a symbolic link loops back to {}; it was not followed",
                ancestor.display()
            ),
        ),
        ignore::Error::Io(io) => (path_of(e).unwrap_or(dir), format!("cannot read: {io}")),
        other => (path_of(e).unwrap_or(dir), other.to_string()),
    };
    Unusable::new(Error::unusable(path, message), None)
}

/// An input that could not be used: the error (with its file, line and column) and, when
/// the file was read, its text, to show the line in question.
pub struct Unusable {
    /// The file, as reports name it.
    pub file: String,
    pub error: Error,
    pub text: Option<String>,
}

impl Unusable {
    fn new(error: Error, text: Option<String>) -> Self {
        let file = error.file().map_or_else(
            || "imported publications".to_owned(),
            |f| f.display().to_string(),
        );
        Self { file, error, text }
    }

    /// The file as a source to place the error in, when its text was read.
    pub fn source(&self) -> Option<Source> {
        let text = self.text.clone()?;
        let format = if self.file == "-" {
            sniff(text.as_bytes())
        } else {
            Format::from_path(Path::new(&self.file))
        };
        Some(Source {
            name: self.file.clone(),
            text: Some(text),
            path: None,
            format: SourceFormat::Dataset(format),
            rows: None,
            starts: None,
        })
    }
}

/// Reads and parses every dataset; returns those that loaded and those that could not be
/// used. CSV publications are imported together as one dataset. `placing`: whether findings
/// will be placed at a line and column, for which a large JSON dataset's entities' starts are
/// recorded as it is read.
pub fn read_all(paths: &[PathBuf], placing: bool) -> (Vec<(Source, Model)>, Vec<Unusable>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" || !p.is_dir() {
            files.push(p.clone());
        } else {
            let before = files.len();
            walk(p, &mut files, &mut problems);
            if files.len() == before {
                problems.push(Unusable::new(
                    Error::unusable(p, "no .json, .yaml or .yml files in the directory"),
                    None,
                ));
            }
        }
    }
    // CSV publications named directly are imported together as one dataset.
    let (csvs, files): (Vec<PathBuf>, Vec<PathBuf>) = files
        .into_iter()
        .partition(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")));
    let mut loaded = Vec::new();
    if !csvs.is_empty() {
        match icsgov::import::import_paths(&csvs, &icsgov::import::ImportOptions::default()) {
            Ok(imported) => {
                let name = match csvs.first().and_then(|p| p.parent()) {
                    Some(dir) if csvs.iter().all(|p| p.parent() == Some(dir)) => {
                        if dir.as_os_str().is_empty() {
                            "*.csv".to_owned()
                        } else {
                            format!("{}/*.csv", dir.display())
                        }
                    }
                    _ => "imported publications".to_owned(),
                };
                // Findings point at the publication row each entity came from.
                let source = Source {
                    name,
                    text: None,
                    path: None,
                    format: SourceFormat::Dataset(Format::Json),
                    rows: Some(imported.rows),
                    starts: None,
                };
                loaded.push((source, imported.model));
            }
            Err(e) => problems.push(Unusable::new(e, None)),
        }
    }
    for path in files {
        match read_one(&path, placing) {
            Ok(pair) => loaded.push(pair),
            Err(problem) => problems.push(problem),
        }
    }
    (loaded, problems)
}

/// Datasets larger than this are read as they stream in, and their text is never in memory
/// whole: findings are placed in one more pass over the file, from where each entity starts.
/// From a few megabytes that is quicker than indexing the whole text, as well as smaller: on
/// 100,000 generated bodies (40 MB) with 5% faults, human output took 0.25–0.28 s streamed
/// against 0.31–0.34 s with the whole text (json 0.21–0.25 s), in 63 MB against 112 MB.
const STREAM_ABOVE: u64 = 8 << 20;

/// [`STREAM_ABOVE`], or the number of bytes in `ICSGOV_STREAM_ABOVE`, which tests set to
/// read small datasets the way large ones are read.
fn stream_above() -> u64 {
    std::env::var("ICSGOV_STREAM_ABOVE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(STREAM_ABOVE)
}

fn read_one(path: &Path, placing: bool) -> Result<(Source, Model), Unusable> {
    if path.as_os_str() != "-" && Format::from_path(path) == Format::Json {
        let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        if size > stream_above() {
            let name = path.display().to_string();
            let read = if placing {
                Model::from_json_file_keeping_starts(path, &icsgov::Limits::default())
            } else {
                Model::from_json_file(path).map(|m| (m, None))
            };
            return match read {
                Ok((model, starts)) => {
                    let source = Source {
                        name,
                        text: None,
                        path: Some(path.to_path_buf()),
                        format: SourceFormat::Dataset(Format::Json),
                        rows: None,
                        starts,
                    };
                    Ok((source, model))
                }
                // Read again, whole, for the JSON Pointer of the fault.
                Err(_) => read_whole(path),
            };
        }
    }
    read_whole(path)
}

/// Reads at most one byte more than the input limit, so that an endless source (a link to
/// `/dev/zero`, a stream that never ends) is refused at the limit instead of filling memory.
fn read_bounded(mut reader: impl Read, name: &str) -> Result<Vec<u8>, Unusable> {
    let max = icsgov::Limits::default().max_bytes;
    let mut bytes = Vec::new();
    reader
        .by_ref()
        .take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Unusable::new(Error::unusable(name, format!("cannot read: {e}")), None))?;
    if bytes.len() as u64 > max {
        return Err(Unusable::new(
            Error::unusable(
                name,
                format!("the input is larger than the limit of {max} bytes; a dataset of a million bodies is about 400 MB"),
            ),
            None,
        ));
    }
    Ok(bytes)
}

/// Refuses a path that names a device rather than a file or a stream.
fn not_a_device(path: &Path) -> Result<(), Unusable> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if let Ok(meta) = std::fs::metadata(path) {
            let t = meta.file_type();
            if t.is_char_device() || t.is_block_device() || t.is_socket() {
                return Err(Unusable::new(
                    Error::unusable(path, "is a device or socket, not a dataset file"),
                    None,
                ));
            }
        }
    }
    let _ = path;
    Ok(())
}

/// How standard input is read: JSON datasets are objects; anything else is read as YAML.
fn sniff(bytes: &[u8]) -> Format {
    let first = bytes
        .iter()
        .copied()
        .find(|b| !b.is_ascii_whitespace() && *b != 0xEF && *b != 0xBB && *b != 0xBF);
    if first == Some(b'{') {
        Format::Json
    } else {
        Format::Yaml
    }
}

fn read_whole(path: &Path) -> Result<(Source, Model), Unusable> {
    let (name, bytes) = if path.as_os_str() == "-" {
        ("-".to_owned(), read_bounded(std::io::stdin().lock(), "-")?)
    } else {
        let name = path.display().to_string();
        not_a_device(path)?;
        let file =
            std::fs::File::open(path).map_err(|e| Unusable::new(Error::io(path, e), None))?;
        let bytes = read_bounded(file, &name)?;
        (name, bytes)
    };
    let format = if name == "-" {
        sniff(&bytes)
    } else {
        Format::from_path(path)
    };
    let model = match Model::from_slice(&bytes, format) {
        Ok(model) => model,
        // The text, when it is text, shows the line where reading stopped.
        Err(e) => {
            return Err(Unusable::new(
                e.with_file(&name),
                String::from_utf8(bytes).ok(),
            ))
        }
    };
    // The bytes loaded, so they are UTF-8: keep them as the text without copying.
    let text = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    Ok((
        Source {
            name,
            text: Some(text),
            path: None,
            format: SourceFormat::Dataset(format),
            rows: None,
            starts: None,
        },
        model,
    ))
}
