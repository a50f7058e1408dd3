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
    index: Index,
    line_starts: Vec<usize>,
    /// How many characters come before each block of [`BLOCK`] bytes, counted the first time
    /// a column on a long line is asked for: a column is then counted from the nearest
    /// block, never from the start of the line.
    chars_before_block: std::sync::OnceLock<Vec<usize>>,
}

/// Bytes per block of [`SourceMap::chars_before_block`].
const BLOCK: usize = 4096;

/// What the map knows of where things are.
#[derive(Debug, Clone)]
enum Index {
    /// JSON: for each top-level list, the byte span of each of its elements. A member of an
    /// entity is found by scanning the entity's own text when it is asked for, so the index
    /// holds two numbers per entity and nothing per field.
    Json(HashMap<String, Vec<(u32, u32)>>),
    /// YAML: the position of each entity and of each of its members, from the parser's events.
    Yaml(HashMap<String, Position>),
}

impl<'t> SourceMap<'t> {
    /// Indexes `text` in the given format, in one pass. Malformed text gives an index of
    /// whatever was read before the fault.
    pub fn new(text: &'t str, format: Format) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
        let chars_before_block = std::sync::OnceLock::new();
        let index = match format {
            Format::Json => Index::Json(index_json(bytes)),
            Format::Yaml => Index::Yaml(index_yaml(text)),
        };
        Self {
            text: std::borrow::Cow::Borrowed(text),
            index,
            line_starts,
            chars_before_block,
        }
    }

    /// Indexes text the map keeps.
    pub fn owned(text: String, format: Format) -> SourceMap<'static> {
        let map = SourceMap::new(&text, format);
        let (index, line_starts, chars_before_block) =
            (map.index, map.line_starts, map.chars_before_block);
        SourceMap {
            text: std::borrow::Cow::Owned(text),
            index,
            line_starts,
            chars_before_block,
        }
    }

    /// Where the pointer's value (or key) starts, or its nearest indexed ancestor's. An entity
    /// is placed at its `id`, which names it, rather than at its opening brace.
    pub fn find(&self, pointer: &JsonPointer) -> Option<Position> {
        self.find_in_line(pointer).map(|(pos, _, _)| pos)
    }

    /// The byte offset that places `pointer` in JSON text, from its entity's span.
    fn offset(
        &self,
        spans: &HashMap<String, Vec<(u32, u32)>>,
        pointer: &JsonPointer,
    ) -> Option<usize> {
        let (list, i, key) = entity_and_key(pointer)?;
        let &(start, end) = spans.get(&list)?.get(i)?;
        let (start, end) = (start as usize, end as usize);
        let entity = self.text.as_bytes().get(start..end)?;
        Some(start + key_offset(entity, &key))
    }

    /// Where `pointer` is placed, the text of its line, and the byte of its column in that
    /// line: everything a snippet needs, without reading the line from its start however long
    /// it is.
    pub fn find_in_line(&self, pointer: &JsonPointer) -> Option<(Position, &str, usize)> {
        match &self.index {
            Index::Json(spans) => {
                let offset = self.offset(spans, pointer)?;
                let line = self.line_starts.partition_point(|&s| s <= offset);
                let line_start = self.line_starts[line - 1];
                let column = self.column(line_start, offset);
                let text = self.line(line)?;
                Some((
                    Position { line, column },
                    text,
                    (offset - line_start).min(text.len()),
                ))
            }
            Index::Yaml(positions) => {
                let with_id = format!("{pointer}/id");
                let mut p = if pointer.tokens().count() == 2 {
                    with_id.as_str()
                } else {
                    pointer.as_str()
                };
                let pos = loop {
                    if let Some(pos) = positions.get(p) {
                        break *pos;
                    }
                    p = &p[..p.rfind('/')?];
                };
                let line = self.line(pos.line)?;
                let byte = line
                    .char_indices()
                    .nth(pos.column.saturating_sub(1))
                    .map_or(line.len(), |(i, _)| i);
                Some((pos, line, byte))
            }
        }
    }

    /// The column, in characters from 1, of byte `offset` on the line starting at byte
    /// `line_start`: counted directly on a short line, and from the nearest block on a long
    /// one, so that at most [`BLOCK`] bytes are read either way.
    fn column(&self, line_start: usize, offset: usize) -> usize {
        let b = self.text.as_bytes();
        let offset = offset.min(b.len());
        let chars = |s: &[u8]| s.iter().filter(|&&c| !is_continuation(c)).count();
        if offset - line_start <= BLOCK {
            return chars(&b[line_start..offset]) + 1;
        }
        let blocks = self.chars_before_block.get_or_init(|| {
            let mut v = Vec::with_capacity(b.len() / BLOCK + 1);
            let mut n = 0usize;
            for block in b.chunks(BLOCK) {
                v.push(n);
                n += chars(block);
            }
            v
        });
        let to = |x: usize| blocks[x / BLOCK] + chars(&b[x / BLOCK * BLOCK..x]);
        to(offset) - to(line_start) + 1
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

/// The list, the index in it and the key a pointer is placed at: an entity at its `id`, a
/// member of an entity (or anything within the member) at the member's key.
pub(crate) fn entity_and_key(pointer: &JsonPointer) -> Option<(String, usize, String)> {
    let mut tokens = pointer.tokens();
    let list = tokens.next()?;
    let i: usize = tokens.next()?.parse().ok()?;
    let key = tokens.next().unwrap_or_else(|| "id".to_owned());
    Some((list, i, key))
}

/// Where `key` is within an entity's text; a member not written, or an entity without an
/// `id`, is placed at the entity's opening brace.
pub(crate) fn key_offset(entity: &[u8], key: &str) -> usize {
    member_key(entity, key).unwrap_or(0)
}

/// Whether a byte continues a UTF-8 character rather than starting one.
pub(crate) fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

/// The offset, within an entity's text (an object), of the key `token` (a JSON Pointer token,
/// `~1` and `~0` unescaped) among the object's own members, not those of values nested in it.
fn member_key(entity: &[u8], token: &str) -> Option<usize> {
    let want = token.replace("~1", "/").replace("~0", "~");
    let mut depth = 0usize;
    let mut expect_key = false;
    let mut i = 0;
    while i < entity.len() {
        match entity[i] {
            b'{' | b'[' => {
                depth += 1;
                expect_key = entity[i] == b'{' && depth == 1;
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            b',' => expect_key = depth == 1,
            b'"' => {
                let start = i;
                i += 1;
                while i < entity.len() && entity[i] != b'"' {
                    i += if entity[i] == b'\\' { 2 } else { 1 };
                }
                if expect_key && depth == 1 {
                    let end = i.min(entity.len().saturating_sub(1));
                    let raw = &entity[start + 1..i.min(entity.len())];
                    let matches = if raw.contains(&b'\\') {
                        serde_json::from_slice::<String>(&entity[start..=end])
                            .is_ok_and(|k| k == want)
                    } else {
                        raw == want.as_bytes()
                    };
                    if matches {
                        return Some(start);
                    }
                    expect_key = false;
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
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

/// The index of the quote that closes the JSON string opening at `open`, or the text's
/// length: found with `memchr`, stepping over escaped characters.
fn string_end(b: &[u8], open: usize) -> usize {
    let mut i = open + 1;
    while let Some(k) = memchr::memchr2(b'"', b'\\', &b[i.min(b.len())..]) {
        i += k;
        if b[i] == b'"' {
            return i;
        }
        i += 2;
    }
    b.len()
}

/// For each top-level list of a JSON dataset, the byte span of each element: one pass that
/// tracks only nesting and strings, and allocates per list, not per entity or field.
pub(crate) fn index_json(b: &[u8]) -> HashMap<String, Vec<(u32, u32)>> {
    // Offsets stay those of the whole text: a byte-order mark is skipped, not removed.
    let skip = if b.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
    let mut out: HashMap<String, Vec<(u32, u32)>> = HashMap::new();
    let offset = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
    // Depth 1: inside the top-level object; 2: inside one of its lists; 3 and more: inside
    // an element of that list.
    let mut depth = 0usize;
    let mut key: Option<(usize, usize)> = None;
    let mut list: Option<&mut Vec<(u32, u32)>> = None;
    let mut element_start = 0usize;
    let mut i = skip;
    while i < b.len() {
        match b[i] {
            b'"' => {
                let start = i;
                i = string_end(b, i);
                if depth == 1 {
                    key = Some((start, i.min(b.len() - 1)));
                } else if depth == 2 {
                    // A string element of a top-level list: a span of its own.
                    if let Some(l) = list.as_deref_mut() {
                        l.push((offset(start), offset(i + 1)));
                    }
                }
            }
            b'{' | b'[' => {
                depth += 1;
                if depth == 2 {
                    let name = key.take().map(|(s, e)| {
                        serde_json::from_slice::<String>(&b[s..=e])
                            .unwrap_or_else(|_| String::from_utf8_lossy(&b[s + 1..e]).into_owned())
                    });
                    list = match (b[i], name) {
                        (b'[', Some(n)) => Some(out.entry(n).or_default()),
                        _ => None,
                    };
                } else if depth == 3 {
                    element_start = i;
                }
            }
            b'}' | b']' => {
                if depth == 3 {
                    if let Some(l) = list.as_deref_mut() {
                        l.push((offset(element_start), offset(i + 1)));
                    }
                } else if depth == 2 {
                    list = None;
                }
                depth = depth.saturating_sub(1);
            }
            c if depth == 2 && !matches!(c, b' ' | b'\t' | b'\r' | b'\n' | b',') => {
                // A number, `true`, `false` or `null` in a top-level list: a span of its own.
                let start = i;
                while i + 1 < b.len()
                    && !matches!(b[i + 1], b',' | b']' | b' ' | b'\t' | b'\r' | b'\n')
                {
                    i += 1;
                }
                if let Some(l) = list.as_deref_mut() {
                    l.push((offset(start), offset(i + 1)));
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
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

    /// The character at a position, counted the slow way from the start of the text.
    fn char_at(text: &str, pos: Position) -> String {
        let line = text.split('\n').nth(pos.line - 1).unwrap();
        line.chars().skip(pos.column - 1).take(4).collect()
    }

    #[test]
    fn one_line_and_pretty_printed_agree_with_counting_characters() {
        // Names with characters of two, three and four bytes, on lines far longer than a
        // block, so that columns are counted from the block index.
        let bodies: Vec<String> = (0..400)
            .map(|i| {
                format!(
                    r#"{{"id": "b{i}", "name": "Ysbyty Gwynedd – Zoë’s 🏥 {i}", "kind": "gp_practice", "extensions": {{"id": "inner", "list": [{{"to": 1}}]}}}}"#
                )
            })
            .collect();
        let rels: Vec<String> = (0..400)
            .map(|i| format!(r#"{{"kind": "member_of", "from": "b{i}", "to": "b0"}}"#))
            .collect();
        let one_line = format!(
            r#"{{"name": "x", "bodies": [{}], "relationships": [{}]}}"#,
            bodies.join(", "),
            rels.join(", ")
        );
        let value: serde_json::Value = serde_json::from_str(&one_line).unwrap();
        let pretty = serde_json::to_string_pretty(&value).unwrap();
        for text in [one_line.as_str(), pretty.as_str()] {
            let map = SourceMap::new(text, Format::Json);
            for i in [0usize, 1, 57, 399] {
                let at = map.find(&JsonPointer::entity("bodies", i)).unwrap();
                assert_eq!(char_at(text, at), "\"id\"", "body {i}");
                let at = map
                    .find(&JsonPointer::entity("relationships", i).token("to"))
                    .unwrap();
                assert_eq!(char_at(text, at), "\"to\"", "relationship {i}");
                // A member not written falls back to its entity's opening brace.
                let at = map
                    .find(&JsonPointer::entity("bodies", i).token("valid_to"))
                    .unwrap();
                assert_eq!(char_at(text, at).chars().next(), Some('{'));
                let (pos, line, byte) = map
                    .find_in_line(&JsonPointer::entity("bodies", i).token("name"))
                    .unwrap();
                assert!(line[byte..].starts_with("\"name\""));
                assert_eq!(line[..byte].chars().count() + 1, pos.column);
            }
            assert!(map.find(&JsonPointer::entity("bodies", 400)).is_none());
        }
    }
}
