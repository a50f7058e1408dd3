//! Finding the line and column of a JSON Pointer in the text it points into.
//!
//! One linear pass over the text records where each entity of the top-level lists starts
//! (`/bodies/3`) and where each of its members' keys starts (`/bodies/3/footprint`), so every
//! diagnostic is placed in O(1) after O(n) work. JSON is scanned directly; YAML through the
//! parser's events, which carry positions.

use std::collections::HashMap;

use crate::load::Format;
use crate::pointer::JsonPointer;

/// A place in a text: line and column, both from 1, columns counted in characters.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Position {
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1, in characters.
    pub column: usize,
}

/// Where the entities and fields of a dataset's text are.
#[derive(Debug, Clone)]
pub struct SourceMap<'t> {
    text: std::borrow::Cow<'t, str>,
    positions: HashMap<String, Position>,
    /// The byte where each position starts within its line, where the index knows it (JSON),
    /// so a snippet is cut without counting characters from the line's start.
    bytes_in_line: HashMap<String, usize>,
    line_starts: Vec<usize>,
}

impl<'t> SourceMap<'t> {
    /// Indexes `text` in the given format. Malformed text gives an index of whatever was read
    /// before the fault.
    pub fn new(text: &'t str, format: Format) -> Self {
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(
                text.bytes()
                    .enumerate()
                    .filter(|(_, b)| *b == b'\n')
                    .map(|(i, _)| i + 1),
            )
            .collect();
        let (positions, bytes_in_line) = match format {
            Format::Json => positions_of(text, index_json(text.as_bytes())),
            Format::Yaml => (index_yaml(text), HashMap::new()),
        };
        Self {
            text: std::borrow::Cow::Borrowed(text),
            positions,
            bytes_in_line,
            line_starts,
        }
    }

    /// Indexes text the map keeps.
    pub fn owned(text: String, format: Format) -> SourceMap<'static> {
        let map = SourceMap::new(&text, format);
        let (positions, bytes_in_line, line_starts) =
            (map.positions, map.bytes_in_line, map.line_starts);
        SourceMap {
            text: std::borrow::Cow::Owned(text),
            positions,
            bytes_in_line,
            line_starts,
        }
    }

    /// Where the pointer's value (or key) starts, or its nearest indexed ancestor's. An entity
    /// is placed at its `id`, which names it, rather than at its opening brace.
    pub fn find(&self, pointer: &JsonPointer) -> Option<Position> {
        self.entry(pointer).map(|(_, pos)| pos)
    }

    /// The indexed key that places `pointer`, and its position.
    fn entry(&self, pointer: &JsonPointer) -> Option<(&str, Position)> {
        let with_id = format!("{pointer}/id");
        let mut p = if pointer.tokens().count() == 2 {
            with_id.as_str()
        } else {
            pointer.as_str()
        };
        loop {
            if let Some((k, pos)) = self.positions.get_key_value(p) {
                return Some((k.as_str(), *pos));
            }
            p = &p[..p.rfind('/')?];
        }
    }

    /// Where `pointer` is placed, the text of its line, and the byte of its column in that
    /// line: everything a snippet needs, in constant time for JSON however long the line.
    pub fn find_in_line(&self, pointer: &JsonPointer) -> Option<(Position, &str, usize)> {
        let (key, pos) = self.entry(pointer)?;
        let line = self.line(pos.line)?;
        let byte = match self.bytes_in_line.get(key) {
            Some(&b) => b.min(line.len()),
            None => line
                .char_indices()
                .nth(pos.column.saturating_sub(1))
                .map_or(line.len(), |(i, _)| i),
        };
        Some((pos, line, byte))
    }

    /// The text of line `line` (from 1), without its line break: found from the index of line
    /// starts, so that it costs the same on a dataset written on one line.
    pub fn line(&self, line: usize) -> Option<&str> {
        let start = *self.line_starts.get(line.checked_sub(1)?)?;
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |&next| next - 1);
        Some(self.text.get(start..end)?.trim_end_matches('\r'))
    }
}

/// Lines and columns of many byte offsets in one pass over the text: sorted by offset, each
/// column is counted on from the one before, so a dataset written on one line costs no more
/// than a pretty-printed one (counting from the line's start for each would be quadratic).
/// Also gives the byte of each offset within its line.
fn positions_of(
    text: &str,
    offsets: HashMap<String, usize>,
) -> (HashMap<String, Position>, HashMap<String, usize>) {
    let mut by_offset: Vec<(usize, String)> = offsets.into_iter().map(|(k, o)| (o, k)).collect();
    by_offset.sort_unstable();
    let mut out = HashMap::with_capacity(by_offset.len());
    let mut bytes = HashMap::with_capacity(by_offset.len());
    let (mut at, mut line, mut column, mut line_start) = (0usize, 1usize, 1usize, 0usize);
    for (offset, key) in by_offset {
        let offset = offset.min(text.len());
        if let Some(between) = text.get(at..offset) {
            for (i, c) in between.char_indices() {
                if c == '\n' {
                    line += 1;
                    column = 1;
                    line_start = at + i + 1;
                } else {
                    column += 1;
                }
            }
            at = offset;
        }
        bytes.insert(key.clone(), offset - line_start);
        out.insert(key, Position { line, column });
    }
    (out, bytes)
}

fn index_yaml(text: &str) -> HashMap<String, Position> {
    use serde_saphyr::granit_parser::{Event, Parser};
    let mut positions = HashMap::new();
    let mut path: Vec<String> = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    for item in Parser::new_from_str(text) {
        let Ok((event, span)) = item else { break };
        let at = Position {
            line: span.start.line(),
            column: span.start.col() + 1,
        };
        let container = match event {
            Event::SequenceStart(..) => Some(true),
            Event::MappingStart(..) => Some(false),
            Event::Scalar(..) | Event::Alias(..) => None,
            Event::SequenceEnd | Event::MappingEnd => {
                let named = match stack.pop() {
                    Some(Frame::Array { named, .. } | Frame::Object { named, .. }) => named,
                    None => false,
                };
                if named {
                    path.pop();
                }
                if let Some(Frame::Array { next, .. }) = stack.last_mut() {
                    *next += 1;
                }
                continue;
            }
            _ => continue,
        };
        if let (
            Event::Scalar(value, ..),
            Some(Frame::Object {
                key: key @ None, ..
            }),
        ) = (&event, stack.last_mut())
        {
            let k = escape(value);
            path.push(k.clone());
            if (2..=3).contains(&path.len()) {
                positions
                    .entry(format!("/{}", path.join("/")))
                    .or_insert(at);
            }
            path.pop();
            *key = Some(k);
            continue;
        }
        let segment = match stack.last_mut() {
            Some(Frame::Array { next, .. }) => Some(next.to_string()),
            Some(Frame::Object { key, .. }) => key.take(),
            None => None,
        };
        let named = segment.is_some();
        if let Some(s) = segment {
            path.push(s);
            if (2..=3).contains(&path.len()) {
                positions
                    .entry(format!("/{}", path.join("/")))
                    .or_insert(at);
            }
        }
        match container {
            Some(is_seq) => stack.push(if is_seq {
                Frame::Array { next: 0, named }
            } else {
                Frame::Object { key: None, named }
            }),
            None => {
                if named {
                    path.pop();
                }
                if let Some(Frame::Array { next, .. }) = stack.last_mut() {
                    *next += 1;
                }
            }
        }
    }
    positions
}

enum Frame {
    Array { next: usize, named: bool },
    Object { key: Option<String>, named: bool },
}

fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

fn index_json(b: &[u8]) -> HashMap<String, usize> {
    // Offsets stay those of the whole text: a byte-order mark is skipped, not removed.
    let skip = if b.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
    let mut offsets = HashMap::new();
    let mut path: Vec<String> = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let record = |path: &[String], offsets: &mut HashMap<String, usize>, at: usize| {
        if (2..=3).contains(&path.len()) {
            offsets.entry(format!("/{}", path.join("/"))).or_insert(at);
        }
    };
    let mut i = skip;
    while i < b.len() {
        let c = b[i];
        let start = i;
        let container = matches!(c, b'{' | b'[');
        match c {
            b' ' | b'\t' | b'\r' | b'\n' | b',' | b':' => {
                i += 1;
                continue;
            }
            b'}' | b']' => {
                let named = match stack.pop() {
                    Some(Frame::Array { named, .. } | Frame::Object { named, .. }) => named,
                    None => false,
                };
                if named {
                    path.pop();
                }
                if let Some(Frame::Array { next, .. }) = stack.last_mut() {
                    *next += 1;
                }
                i += 1;
                continue;
            }
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                if let Some(Frame::Object {
                    key: key @ None, ..
                }) = stack.last_mut()
                {
                    let k = escape(&String::from_utf8_lossy(&b[start + 1..i.min(b.len())]));
                    path.push(k.clone());
                    record(&path, &mut offsets, start);
                    path.pop();
                    *key = Some(k);
                    i += 1;
                    continue;
                }
            }
            b'{' | b'[' => {}
            _ => {
                while i + 1 < b.len()
                    && !matches!(b[i + 1], b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t')
                {
                    i += 1;
                }
            }
        }
        // A value starts at `start`: name it from its container and record it.
        let segment = match stack.last_mut() {
            Some(Frame::Array { next, .. }) => Some(next.to_string()),
            Some(Frame::Object { key, .. }) => key.take(),
            None => None,
        };
        let named = segment.is_some();
        if let Some(s) = segment {
            path.push(s);
            record(&path, &mut offsets, start);
        }
        if container {
            stack.push(if c == b'[' {
                Frame::Array { next: 0, named }
            } else {
                Frame::Object { key: None, named }
            });
        } else {
            if named {
                path.pop();
            }
            if let Some(Frame::Array { next, .. }) = stack.last_mut() {
                *next += 1;
            }
        }
        i += 1;
    }
    offsets
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(map: &SourceMap<'_>, p: JsonPointer) -> (usize, usize) {
        let pos = map.find(&p).unwrap();
        (pos.line, pos.column)
    }

    #[test]
    fn finds_entities_and_fields_in_json() {
        let text = "{\n  \"bodies\": [\n    {\"id\": \"a\"},\n    {\"id\": \"b\", \"footprint\": \"x\"}\n  ],\n  \"relationships\": []\n}\n";
        let map = SourceMap::new(text, Format::Json);
        assert_eq!(at(&map, JsonPointer::entity("bodies", 1)), (4, 6));
        assert_eq!(
            map.line(4),
            Some("    {\"id\": \"b\", \"footprint\": \"x\"}")
        );
        assert_eq!(
            at(&map, JsonPointer::entity("bodies", 1).token("footprint")),
            (4, 17)
        );
        assert_eq!(at(&map, JsonPointer::entity("bodies", 0)), (3, 6));
        // A member that is not written falls back to its entity.
        assert_eq!(
            at(&map, JsonPointer::entity("bodies", 0).token("footprint")).0,
            3
        );
        assert!(map.find(&JsonPointer::entity("footprints", 0)).is_none());
    }

    #[test]
    fn a_byte_order_mark_does_not_hide_positions() {
        let text = "\u{feff}{\n  \"bodies\": [\n    {\"id\": \"a\"}\n  ]\n}\n";
        let map = SourceMap::new(text, Format::Json);
        assert_eq!(at(&map, JsonPointer::entity("bodies", 0)), (3, 6));
    }

    #[test]
    fn nested_values_do_not_shift_indices() {
        let text = r#"{"bodies": [{"id": "a", "extensions": {"k": [1, {"x": "}"}], "s": "[{"}}, {"id": "b"}]}"#;
        let map = SourceMap::new(text, Format::Json);
        let (_, col) = at(&map, JsonPointer::entity("bodies", 1));
        assert_eq!(&text[col - 1..col + 7], r#""id": "b"#);
    }

    #[test]
    fn finds_entities_and_fields_in_yaml() {
        let text = "bodies:\n  - id: a\n    extensions:\n      k: [1, {x: y}]\n  - id: b\n    footprint: x\nrelationships: []\n";
        let map = SourceMap::new(text, Format::Yaml);
        assert_eq!(at(&map, JsonPointer::entity("bodies", 0)), (2, 5));
        assert_eq!(at(&map, JsonPointer::entity("bodies", 1)), (5, 5));
        assert_eq!(
            at(&map, JsonPointer::entity("bodies", 1).token("footprint")),
            (6, 5)
        );
        assert_eq!(map.line(6), Some("    footprint: x"));
    }
}
