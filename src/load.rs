//! Loading a [`Model`] from JSON or YAML text, keeping positions for errors.

use std::io::Read;
use std::path::Path;

use crate::error::{Error, ErrorKind};
use crate::file_places::EntityStarts;
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
    /// The format's name: `json` or `yaml`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Yaml => "yaml",
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
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

/// Bounds on what a load accepts, so that a service can refuse hostile input before it costs
/// much. The YAML reader also keeps a budget of nodes and alias expansion, so "billion
/// laughs" documents are refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Limits {
    /// The largest input accepted, in bytes. Default 1 GiB: a generated England of a million
    /// bodies is about 400 MB.
    pub max_bytes: u64,
    /// The most footprints, bodies and relationships, together. Default 20 million.
    pub max_entities: usize,
    /// The deepest nesting of objects and arrays (JSON) or of mappings and sequences (YAML).
    /// A dataset needs 4 levels, plus what its `extensions` hold. Default 128, which is also
    /// the most the JSON reader ever accepts.
    pub max_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_bytes: 1 << 30,
            max_entities: 20_000_000,
            max_depth: 128,
        }
    }
}

/// Tracks the nesting of JSON text as it is read, outside strings, in one pass.
#[derive(Debug, Default)]
struct Depth {
    depth: usize,
    in_string: bool,
    escaped: bool,
    /// Bytes seen so far.
    seen: usize,
}

impl Depth {
    /// Reads more text; `Err(offset)` at the first byte that opens a level beyond `max`.
    /// Within a string it jumps to the next quote or backslash (`memchr`), so that a dataset,
    /// mostly ids and names, is scanned at memory speed rather than a byte at a time.
    fn feed(&mut self, bytes: &[u8], max: usize) -> Result<(), usize> {
        let mut i = 0;
        while i < bytes.len() {
            if self.escaped {
                self.escaped = false;
                i += 1;
            } else if self.in_string {
                match memchr::memchr2(b'"', b'\\', &bytes[i..]) {
                    Some(k) => {
                        self.escaped = bytes[i + k] == b'\\';
                        self.in_string = self.escaped;
                        i += k + 1;
                    }
                    None => i = bytes.len(),
                }
            } else {
                match bytes[i] {
                    b'"' => self.in_string = true,
                    b'[' | b'{' => {
                        self.depth += 1;
                        if self.depth > max {
                            return Err(self.seen + i);
                        }
                    }
                    b']' | b'}' => self.depth = self.depth.saturating_sub(1),
                    _ => {}
                }
                i += 1;
            }
        }
        self.seen += bytes.len();
        Ok(())
    }
}

fn too_deep(limits: &Limits) -> Error {
    Error::new(
        ErrorKind::Limit,
        format!(
            "the dataset nests more than {} levels deep (Limits::max_depth); a dataset needs 4, plus what its extensions hold",
            limits.max_depth
        ),
    )
}

fn too_big(size: u64, limits: &Limits) -> Error {
    Error::new(
        ErrorKind::Limit,
        format!(
            "the input is {size} bytes, more than the limit of {} bytes (Limits::max_bytes)",
            limits.max_bytes
        ),
    )
}

fn check_entities(mut model: Model, limits: &Limits) -> Result<Model, Error> {
    let n = model.footprints.len()
        + model.bodies.len()
        + model.relationships.len()
        + model.people.len()
        + model.memberships.len();
    if n > limits.max_entities {
        return Err(Error::new(
            ErrorKind::Limit,
            format!(
                "the dataset has {n} footprints, bodies, relationships, people and seats, more than the limit of {} (Limits::max_entities)",
                limits.max_entities
            ),
        ));
    }
    // The lists grew by doubling as they were read: give back what they do not use (up to
    // 40% of a large list; a large block shrinks in place).
    model.footprints.shrink_to_fit();
    model.bodies.shrink_to_fit();
    model.relationships.shrink_to_fit();
    model.people.shrink_to_fit();
    model.memberships.shrink_to_fit();
    Ok(model)
}

/// Which limit a bounded reader stopped at: carried inside the `io::Error` it returns, so
/// that the error is told apart by type, not by its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LimitHit {
    Bytes,
    Depth,
}

impl LimitHit {
    fn of(e: &std::io::Error) -> Option<LimitHit> {
        e.get_ref()
            .and_then(|inner| inner.downcast_ref::<LimitHit>())
            .copied()
    }
}

impl std::fmt::Display for LimitHit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            LimitHit::Bytes => "the input is larger than Limits::max_bytes",
            LimitHit::Depth => "the input nests deeper than Limits::max_depth",
        })
    }
}

impl std::error::Error for LimitHit {}

/// A reader that fails once more than `left` bytes have been read, or, for JSON, once the
/// text nests deeper than `max_depth`.
struct Bounded<R> {
    inner: R,
    left: u64,
    depth: Option<(Depth, usize)>,
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n as u64 > self.left {
            return Err(std::io::Error::other(LimitHit::Bytes));
        }
        self.left -= n as u64;
        if let Some((depth, max)) = &mut self.depth {
            if depth.feed(&buf[..n], *max).is_err() {
                return Err(std::io::Error::other(LimitHit::Depth));
            }
        }
        Ok(n)
    }
}

/// The byte offset of a line and column (both from 1, the column in characters) in `text`.
fn offset_of(text: &str, line: u64, column: u64) -> usize {
    let start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line as usize - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    text[start..]
        .char_indices()
        .nth(column.saturating_sub(1) as usize)
        .map_or(text.len(), |(i, _)| start + i)
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

/// The `\uXXXX` escape of a UTF-16 surrogate nearest before byte `end` of `text`, with its
/// byte offset: what the JSON reader means by "hex escape" and "surrogate" errors.
fn surrogate_escape_before(text: &str, end: usize) -> Option<(usize, &str)> {
    // The reader may stop inside the escape: look a little past `end` for its digits.
    let before = text.get(..end.min(text.len()))?;
    let mut search = before.len();
    while let Some(i) = before[..search].rfind("\\u") {
        if let Some(escape) = text.get(i..i + 6) {
            if let Ok(unit) = u16::from_str_radix(&escape[2..], 16) {
                if (0xD800..=0xDFFF).contains(&unit) {
                    return Some((i, escape));
                }
            }
        }
        search = i;
    }
    None
}

fn json_error(e: serde_path_to_error::Error<serde_json::Error>, text: &str) -> Error {
    let pointer = JsonPointer::from_serde_path(e.path());
    let inner = e.into_inner();
    let kind = match inner.classify() {
        serde_json::error::Category::Data => ErrorKind::Data,
        _ => ErrorKind::Syntax,
    };
    let message = crate::error::json_message(&inner);
    let (kind, message) = match inner.classify() {
        serde_json::error::Category::Eof => (
            kind,
            format!("{message}: the JSON ends before every object and array is closed"),
        ),
        _ if message.starts_with("recursion limit exceeded") => (
            ErrorKind::Limit,
            "the JSON nests more than 128 levels deep; a dataset needs 4, plus what its extensions hold".to_owned(),
        ),
        _ => (kind, message.to_owned()),
    };
    let (mut line, mut column) = (inner.line() as u64, inner.column() as u64);
    let mut message = message;
    if message.contains("surrogate") || message == "unexpected end of hex escape" {
        // The reader stops after the escape; point at the escape and say what it is.
        let offset = offset_of(text, line, column);
        if let Some((at, escape)) = surrogate_escape_before(text, offset) {
            (line, column) = line_col(text, at);
            message = format!(
                "the text holds an unpaired UTF-16 surrogate escape `{escape}`: a surrogate (\\uD800 to \\uDFFF) is only text as half of a pair, such as \\uD83D\\uDE00; write the character itself or the whole pair"
            );
        }
    }
    let err = Error::new(kind, message).at(line, column);
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
                    Err(e) => json_error(e, text),
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

pub(crate) fn from_yaml_str(text: &str, limits: &Limits) -> Result<Model, Error> {
    let text = strip_bom(text);
    serde_saphyr::from_str_with_options::<Model>(text, yaml_options(text.len(), limits)).map_err(
        |e| {
            let location = e.location();
            let message = yaml_message(&e);
            let kind = if message.contains("budget")
                || message.contains("recursion")
                || message.contains("depth")
            {
                ErrorKind::Limit
            } else {
                ErrorKind::Data
            };
            let err = Error::new(kind, message);
            match location {
                Some(l) if l.line() > 0 => err.at(l.line(), l.column()),
                _ => err,
            }
        },
    )
}

/// The YAML reader's budget, scaled to the text: a real dataset has at most a node or two per
/// byte, so the budget grows with the input, while anchors and aliases that expand a short
/// text into millions of nodes ("billion laughs") still exhaust it.
fn yaml_options(len: usize, limits: &Limits) -> serde_saphyr::Options {
    let mut budget = serde_saphyr::budget::Budget::default();
    budget.max_nodes = budget.max_nodes.max(len);
    budget.max_events = budget.max_events.max(len.saturating_mul(2));
    budget.max_total_scalar_bytes = budget.max_total_scalar_bytes.max(len);
    budget.max_reader_input_bytes = None;
    budget.max_depth = limits.max_depth;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    // A tag the reader does not know (`!!python/object`, `!local`) is refused rather than
    // dropped, and `!!binary` text is kept as written rather than decoded into an id or a
    // name that appears nowhere in the file.
    options.reject_unsupported_tags = true;
    options.ignore_binary_tag_for_string = true;
    options
}

fn yaml_message(e: &serde_saphyr::Error) -> String {
    let text = e.without_snippet().to_string();
    // The position is reported separately; keep the first line of the message.
    let first = text
        .lines()
        .next()
        .unwrap_or("the YAML could not be read")
        .trim();
    if let Some(detail) = first.strip_prefix("budget breached: ") {
        let detail = detail.split(" at line ").next().unwrap_or(detail);
        if detail.starts_with("Depth ") {
            return "the YAML nests too deeply, beyond Limits::max_depth; a dataset needs 4 levels, plus what its extensions hold".to_owned();
        }
        return format!(
            "the YAML is too large, or expands too far through anchors and aliases (as a \"billion laughs\" document does): the reader's budget was exceeded ({detail})"
        );
    }
    // The YAML reader suggests a function of its own API; say what the dataset needs instead.
    if first.contains("from_str_multiple") || first.contains("multiple documents") {
        return "the YAML holds more than one document (separated by `---`); a dataset is one document: split it into files".to_owned();
    }
    if first.starts_with("recursion limit exceeded") {
        return "the YAML nests too deeply; a dataset needs 4 levels, plus what its extensions hold"
            .to_owned();
    }
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

pub(crate) fn from_slice(bytes: &[u8], format: Format, limits: &Limits) -> Result<Model, Error> {
    if bytes.len() as u64 > limits.max_bytes {
        return Err(too_big(bytes.len() as u64, limits));
    }
    let text = utf8(bytes)?;
    if strip_bom(text).trim().is_empty() {
        return Err(Error::new(ErrorKind::Syntax, "the file is empty; expected a dataset: an object with footprints, bodies and relationships").at(1, 1));
    }
    let model = match format {
        Format::Json => {
            if let Err(offset) = Depth::default().feed(text.as_bytes(), limits.max_depth) {
                let (line, column) = line_col(text, offset);
                return Err(too_deep(limits).at(line, column));
            }
            from_json_str(text)
        }
        Format::Yaml => from_yaml_str(text, limits),
    }?;
    check_entities(model, limits)
}

/// Reads JSON as it streams in, never holding the whole text: for datasets of hundreds of
/// megabytes. A fault is reported with its line and column, but without the JSON Pointer
/// (which needs a second read).
fn from_json_stream(reader: impl Read, limits: &Limits) -> Result<Model, Error> {
    let bounded = Bounded {
        inner: reader,
        left: limits.max_bytes,
        depth: Some((Depth::default(), limits.max_depth)),
    };
    let mut reader = std::io::BufReader::with_capacity(1 << 20, bounded);
    // Skip a byte-order mark.
    let start = std::io::BufRead::fill_buf(&mut reader).map_err(|e| match LimitHit::of(&e) {
        Some(LimitHit::Bytes) => too_big(limits.max_bytes + 1, limits),
        Some(LimitHit::Depth) => too_deep(limits),
        None => Error::new(ErrorKind::Io, format!("cannot read the input: {e}")),
    })?;
    if start.starts_with(b"\xEF\xBB\xBF") {
        std::io::BufRead::consume(&mut reader, 3);
    }
    let mut de = serde_json::Deserializer::from_reader(reader);
    let model = <Model as Deserialize>::deserialize(&mut de).map_err(|e| {
        let message = crate::error::json_message(&e);
        let kind = match e.classify() {
            serde_json::error::Category::Data => ErrorKind::Data,
            serde_json::error::Category::Io
                if std::error::Error::source(&e)
                    .and_then(|s| s.downcast_ref::<std::io::Error>())
                    .and_then(LimitHit::of)
                    .is_some() =>
            {
                ErrorKind::Limit
            }
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
    check_entities(model, limits)
}

pub(crate) fn from_reader(
    reader: impl Read,
    format: Format,
    limits: &Limits,
) -> Result<Model, Error> {
    if format == Format::Json {
        return from_json_stream(reader, limits);
    }
    let mut bytes = Vec::new();
    let mut bounded = Bounded {
        inner: reader,
        left: limits.max_bytes,
        depth: None,
    };
    bounded
        .read_to_end(&mut bytes)
        .map_err(|e| match LimitHit::of(&e) {
            Some(LimitHit::Bytes) => too_big(limits.max_bytes + 1, limits),
            _ => Error::new(ErrorKind::Io, format!("cannot read the input: {e}")),
        })?;
    from_slice(&bytes, format, limits)
}

/// Reads a JSON file without holding its whole text: in windows, parsed on every core, when
/// it is well formed; otherwise streamed again the careful way, for the fault's line and column.
pub(crate) fn from_json_file(path: &Path, limits: &Limits) -> Result<Model, Error> {
    Ok(from_json_file_starts(path, limits, false)?.0)
}

/// Reads a JSON file in windows, recording where its entities start when asked (and when its
/// offsets fit in four bytes); the careful reader when the windows give up, which records
/// nothing.
pub(crate) fn from_json_file_starts(
    path: &Path,
    limits: &Limits,
    record: bool,
) -> Result<(Model, Option<EntityStarts>), Error> {
    let open = || std::fs::File::open(path).map_err(|e| Error::io(path, e));
    let file = open()?;
    let fits = file
        .metadata()
        .is_ok_and(|m| m.len() <= u64::from(u32::MAX));
    let mut starts = (record && fits).then(EntityStarts::default);
    if let Some(model) =
        crate::json_windows::read(file, limits.max_bytes, limits.max_depth, starts.as_mut())
    {
        let model = check_entities(model, limits).map_err(|e| e.with_file(path))?;
        return Ok((model, starts));
    }
    let model = from_json_stream(open()?, limits).map_err(|e| e.with_file(path))?;
    Ok((model, None))
}

pub(crate) fn from_path(path: &Path, limits: &Limits) -> Result<Model, Error> {
    let size = std::fs::metadata(path)
        .map_err(|e| Error::io(path, e))?
        .len();
    if size > limits.max_bytes {
        return Err(too_big(size, limits).with_file(path));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    from_slice(&bytes, Format::from_path(path), limits).map_err(|e| e.with_file(path))
}

impl Model {
    /// Parses a dataset from JSON text.
    ///
    /// # Errors
    /// When the text is not JSON, or does not match the format: the error gives the line,
    /// column and JSON Pointer, and what was expected.
    ///
    /// # Examples
    ///
    /// ```
    /// let m = icsgov::Model::from_json_str(r#"{"bodies": [
    ///     {"id": "QE1", "name": "NHS Lancashire and South Cumbria ICB", "kind": "integrated_care_board"}
    /// ]}"#).unwrap();
    /// assert_eq!(m.bodies[0].kind, icsgov::BodyKind::IntegratedCareBoard);
    ///
    /// let e = icsgov::Model::from_json_str(r#"{"bodies": [{"id": "QE1", "name": "x", "kind": "icb"}]}"#)
    ///     .unwrap_err();
    /// assert_eq!(e.pointer(), Some("/bodies/0/kind"));
    /// assert!(e.message().contains("integrated_care_board"));
    /// ```
    pub fn from_json_str(text: &str) -> Result<Model, Error> {
        from_json_str(text)
    }

    /// Parses a dataset from YAML text.
    ///
    /// # Errors
    /// As [`Model::from_json_str`], for YAML.
    pub fn from_yaml_str(text: &str) -> Result<Model, Error> {
        from_yaml_str(text, &Limits::default())
    }

    /// Parses a dataset from bytes in the given format; the bytes must be UTF-8 (a leading
    /// byte-order mark is allowed).
    ///
    /// # Errors
    /// As [`Model::from_json_str`]; also when the bytes are not UTF-8.
    pub fn from_slice(bytes: &[u8], format: Format) -> Result<Model, Error> {
        from_slice(bytes, format, &Limits::default())
    }

    /// As [`Model::from_slice`], within the given [`Limits`].
    ///
    /// # Errors
    /// As [`Model::from_slice`]; an [`ErrorKind::Limit`] error when the input is larger than
    /// the limits allow.
    pub fn from_slice_with(bytes: &[u8], format: Format, limits: &Limits) -> Result<Model, Error> {
        from_slice(bytes, format, limits)
    }

    /// Reads a dataset from a reader in the given format. JSON is read as it streams in,
    /// without holding the whole text, and a fault says its line and column but not its JSON
    /// Pointer (read the text into memory and use [`Model::from_slice`] for that).
    ///
    /// # Errors
    /// As [`Model::from_slice`]; also when the reader fails.
    pub fn from_reader(reader: impl Read, format: Format) -> Result<Model, Error> {
        from_reader(reader, format, &Limits::default())
    }

    /// As [`Model::from_reader`], within the given [`Limits`].
    ///
    /// # Errors
    /// As [`Model::from_reader`]; an [`ErrorKind::Limit`] error beyond the limits.
    pub fn from_reader_with(
        reader: impl Read,
        format: Format,
        limits: &Limits,
    ) -> Result<Model, Error> {
        from_reader(reader, format, limits)
    }

    /// Reads a dataset from a file; `.yaml` and `.yml` files are YAML, others JSON. Errors name
    /// the file.
    ///
    /// # Errors
    /// As [`Model::from_slice`]; also when the file cannot be read.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Model, Error> {
        from_path(path.as_ref(), &Limits::default())
    }

    /// Reads a JSON dataset file too large to hold whole in memory beside its model: the text
    /// is read a few megabytes at a time, and the footprints, bodies and relationships of each
    /// part are parsed on every core. A faulty file is read again as [`Model::from_reader`]
    /// reads it, and the fault says its line and column but not its JSON Pointer (use
    /// [`Model::from_path`] for that).
    ///
    /// # Errors
    /// As [`Model::from_reader`]; also when the file cannot be read. Errors name the file.
    pub fn from_json_file(path: impl AsRef<Path>) -> Result<Model, Error> {
        from_json_file(path.as_ref(), &Limits::default())
    }

    /// As [`Model::from_json_file_with`], also recording where each entity starts in the
    /// file, so that findings can later be placed in it by [`EntityStarts::place`] without
    /// reading its text into memory. The starts are `None` when the file was not well formed
    /// enough to read in windows, or is larger than 4 GiB: place findings with a
    /// [`SourceMap`](crate::SourceMap) of its text then.
    ///
    /// # Errors
    /// As [`Model::from_json_file_with`].
    pub fn from_json_file_keeping_starts(
        path: impl AsRef<Path>,
        limits: &Limits,
    ) -> Result<(Model, Option<EntityStarts>), Error> {
        from_json_file_starts(path.as_ref(), limits, true)
    }

    /// As [`Model::from_json_file`], within the given [`Limits`].
    ///
    /// # Errors
    /// As [`Model::from_json_file`]; an [`ErrorKind::Limit`] error beyond the limits.
    pub fn from_json_file_with(path: impl AsRef<Path>, limits: &Limits) -> Result<Model, Error> {
        from_json_file(path.as_ref(), limits)
    }

    /// As [`Model::from_path`], within the given [`Limits`].
    ///
    /// # Errors
    /// As [`Model::from_path`]; an [`ErrorKind::Limit`] error beyond the limits.
    pub fn from_path_with(path: impl AsRef<Path>, limits: &Limits) -> Result<Model, Error> {
        from_path(path.as_ref(), limits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_is_counted_outside_strings() {
        let max = 2;
        assert!(Depth::default()
            .feed(br#"{"a": [1, "[[[{{"]}"#, max)
            .is_ok());
        assert_eq!(Depth::default().feed(br#"{"a": [[1]]}"#, max), Err(7));
        assert!(Depth::default().feed(br#"{"a\"[[": ["x"]}"#, max).is_ok());
        // Fed in pieces, the offset counts from the start.
        let mut d = Depth::default();
        assert!(d.feed(b"[[", max).is_ok());
        assert_eq!(d.feed(b"[", max), Err(2));
    }

    /// The depth a byte at a time, as the scan was first written: the reference.
    fn depth_byte_by_byte(bytes: &[u8], max: usize) -> Result<(), usize> {
        let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
        for (i, &b) in bytes.iter().enumerate() {
            if in_string {
                match b {
                    _ if escaped => escaped = false,
                    b'\\' => escaped = true,
                    b'"' => in_string = false,
                    _ => {}
                }
                continue;
            }
            match b {
                b'"' => in_string = true,
                b'[' | b'{' => {
                    depth += 1;
                    if depth > max {
                        return Err(i);
                    }
                }
                b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        Ok(())
    }

    proptest::proptest! {
        /// Text made of the bytes that matter (quotes, backslashes, brackets), fed whole or in
        /// two pieces split anywhere, even between a backslash and what it escapes.
        #[test]
        fn depth_in_jumps_agrees_with_a_byte_at_a_time(
            text in proptest::collection::vec(proptest::sample::select(b"\"\\[]{}a ".to_vec()), 0..200),
            split in 0usize..200,
            max in 0usize..6,
        ) {
            let split = split.min(text.len());
            let whole = Depth::default().feed(&text, max);
            proptest::prop_assert_eq!(whole, depth_byte_by_byte(&text, max));
            let mut d = Depth::default();
            let pieces = d.feed(&text[..split], max).and_then(|()| d.feed(&text[split..], max));
            proptest::prop_assert_eq!(pieces, whole);
        }
    }

    #[test]
    fn max_depth_is_the_embedders_to_set() {
        let limits = Limits {
            max_depth: 4,
            ..Limits::default()
        };
        let deep = r#"{"footprints": [], "extensions": {"a": {"b": {"c": {"d": 1}}}}}"#;
        assert!(from_slice(deep.as_bytes(), Format::Json, &Limits::default()).is_ok());
        let e = from_slice(deep.as_bytes(), Format::Json, &limits).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Limit);
        assert!(e.to_string().contains("more than 4 levels"), "{e}");
        assert!(e.to_string().starts_with("<input>:1:52:"), "{e}");
        let e = from_reader(deep.as_bytes(), Format::Json, &limits).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Limit, "{e}");
        let yaml = "extensions:\n  a:\n    b:\n      c:\n        d:\n          e: 1\n";
        assert!(from_slice(yaml.as_bytes(), Format::Yaml, &Limits::default()).is_ok());
        let e = from_slice(yaml.as_bytes(), Format::Yaml, &limits).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Limit, "{e}");
    }

    #[test]
    fn line_col_counts_from_one_in_characters() {
        assert_eq!(line_col("ab\ncd", 0), (1, 1));
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
        assert_eq!(line_col("é\nx", 3), (2, 1));
        assert_eq!(line_col("éa", 2), (1, 2));
    }
}
