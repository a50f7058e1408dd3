//! Finding the line and column of a JSON Pointer in the text it points into.
//!
//! One linear pass over the JSON text records where each entity of the top-level lists starts
//! (`/bodies/3`) and where each of its members' keys starts (`/bodies/3/footprint`), so every
//! diagnostic is placed in O(1) after O(n) work.

use std::collections::HashMap;

use icsgov::JsonPointer;

/// Byte offsets of the entities and fields of a JSON dataset.
pub struct Locator<'t> {
    text: &'t str,
    offsets: HashMap<String, usize>,
    line_starts: Vec<usize>,
}

impl<'t> Locator<'t> {
    /// Indexes `text` (JSON). Malformed text gives an index of whatever was seen before it.
    pub fn json(text: &'t str) -> Self {
        let offsets = index_json(text.as_bytes());
        let line_starts = std::iter::once(0)
            .chain(
                text.bytes()
                    .enumerate()
                    .filter(|(_, b)| *b == b'\n')
                    .map(|(i, _)| i + 1),
            )
            .collect();
        Self {
            text,
            offsets,
            line_starts,
        }
    }

    /// Line, column (both from 1) and the text of the line, for the pointer or its nearest
    /// indexed ancestor.
    pub fn find(&self, pointer: &JsonPointer) -> Option<(usize, usize, &'t str)> {
        // An entity is shown by its `id` line, which names it, rather than its opening brace.
        let with_id = format!("{pointer}/id");
        let mut p = if pointer.tokens().count() == 2 {
            with_id.as_str()
        } else {
            pointer.as_str()
        };
        let offset = loop {
            if let Some(o) = self.offsets.get(p) {
                break *o;
            }
            p = &p[..p.rfind('/')?];
        };
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line - 1];
        let end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |e| start + e);
        let column = self.text[start..offset].chars().count() + 1;
        Some((line, column, self.text[start..end].trim_end_matches('\r')))
    }
}

enum Frame {
    Array { next: usize, named: bool },
    Object { key: Option<String>, named: bool },
}

fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

fn index_json(b: &[u8]) -> HashMap<String, usize> {
    let mut offsets = HashMap::new();
    let mut path: Vec<String> = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let record = |path: &[String], offsets: &mut HashMap<String, usize>, at: usize| {
        if (2..=3).contains(&path.len()) {
            offsets.entry(format!("/{}", path.join("/"))).or_insert(at);
        }
    };
    let mut i = 0;
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

    #[test]
    fn finds_entities_and_fields() {
        let text = "{\n  \"bodies\": [\n    {\"id\": \"a\"},\n    {\"id\": \"b\", \"footprint\": \"x\"}\n  ],\n  \"relationships\": []\n}\n";
        let loc = Locator::json(text);
        let (line, col, src) = loc.find(&JsonPointer::entity("bodies", 1)).unwrap();
        assert_eq!((line, col), (4, 6));
        assert_eq!(src, "    {\"id\": \"b\", \"footprint\": \"x\"}");
        let (line, col, _) = loc
            .find(&JsonPointer::entity("bodies", 1).token("footprint"))
            .unwrap();
        assert_eq!((line, col), (4, 17));
        let (line, col, _) = loc.find(&JsonPointer::entity("bodies", 0)).unwrap();
        assert_eq!((line, col), (3, 6));
        // A member that is not written falls back to its entity.
        let (line, _, _) = loc
            .find(&JsonPointer::entity("bodies", 0).token("footprint"))
            .unwrap();
        assert_eq!(line, 3);
        assert!(loc.find(&JsonPointer::entity("footprints", 0)).is_none());
    }

    #[test]
    fn nested_values_do_not_shift_indices() {
        let text = r#"{"bodies": [{"id": "a", "extensions": {"k": [1, {"x": "}"}], "s": "[{"}}, {"id": "b"}]}"#;
        let loc = Locator::json(text);
        let (_, col, _) = loc.find(&JsonPointer::entity("bodies", 1)).unwrap();
        assert_eq!(&text[col - 1..col + 7], r#""id": "b"#);
    }
}
