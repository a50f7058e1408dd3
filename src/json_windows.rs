//! A large JSON dataset read in windows: the text streams in a few megabytes at a time, each
//! footprint, body, relationship, person and membership is cut out of the window by a scan that
//! knows strings and nesting, and the objects of a window are parsed on every core, each as
//! `serde_json` parses a slice. The whole text is never in memory, and parsing a slice is
//! several times faster than parsing from a reader a byte at a time.
//!
//! This is a fast path only. It reads datasets that are well formed; anything else (a fault, a
//! key written with escapes, a list given twice, nesting beyond the limit) makes it give up,
//! and the caller reads the input again the careful way, which says what is wrong and where.
//! So it never has to phrase an error, and it never accepts what the careful way refuses: the
//! top-level fields other than the five lists are parsed by the careful way itself.

use std::io::Read;

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use crate::file_places::EntityStarts;
use crate::model::Model;

/// How much text is read at a time; the objects cut out of half as much are parsed together.
const WINDOW: usize = 8 << 20;

/// Where a scan through a value stands: how deep, and whether in a string or just after a
/// backslash in one.
#[derive(Default)]
pub(crate) struct Scan {
    depth: usize,
    deepest: usize,
    in_string: bool,
    escaped: bool,
}

impl Scan {
    /// Scans `bytes` from `*pos` until the value closes, returning the offset just after it;
    /// `None` when the bytes run out first, with `*pos` at their end and the state kept for
    /// the rest. A byte at a time, in local variables: values are short, and most of their
    /// bytes are in short strings, where a search call would cost more than it saves.
    pub(crate) fn run(&mut self, bytes: &[u8], pos: &mut usize) -> Option<usize> {
        let (mut depth, mut in_string, mut escaped) = (self.depth, self.in_string, self.escaped);
        let mut deepest = self.deepest;
        let mut i = *pos;
        let mut end = None;
        while i < bytes.len() {
            let b = bytes[i];
            i += 1;
            if escaped {
                escaped = false;
            } else if in_string {
                match b {
                    b'\\' => escaped = true,
                    b'"' => {
                        in_string = false;
                        if depth == 0 {
                            end = Some(i);
                            break;
                        }
                    }
                    _ => {}
                }
            } else {
                match b {
                    b'"' => in_string = true,
                    b'{' | b'[' => {
                        depth += 1;
                        deepest = deepest.max(depth);
                    }
                    b'}' | b']' => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            end = Some(i);
                            break;
                        }
                    }
                    _ => {}
                }
            }
        }
        *pos = i;
        (self.depth, self.in_string, self.escaped, self.deepest) =
            (depth, in_string, escaped, deepest);
        end
    }
}

/// The text read so far and not yet let go.
struct Window<R> {
    reader: R,
    buf: Vec<u8>,
    /// The offset in the whole input of `buf[0]`.
    base: usize,
    /// The next byte to read, in `buf`.
    pos: usize,
    /// Bytes before this offset in the whole input are no longer needed.
    keep: usize,
    /// Bytes the input may still have.
    left: u64,
    eof: bool,
    /// How much is read at a time.
    window: usize,
}

impl<R: Read> Window<R> {
    /// Lets go of what is no longer needed and reads more; `None` at the end of the input, on
    /// a failure to read, or beyond the size limit.
    fn more(&mut self) -> Option<()> {
        if self.eof {
            return None;
        }
        let done = self.keep - self.base;
        self.buf.drain(..done);
        self.base += done;
        self.pos -= done;
        let n = (&mut self.reader)
            .take(self.window as u64)
            .read_to_end(&mut self.buf)
            .ok()?;
        if n == 0 {
            self.eof = true;
            return None;
        }
        self.left = self.left.checked_sub(n as u64)?;
        Some(())
    }

    /// The next byte, reading more when needed.
    fn peek(&mut self) -> Option<u8> {
        while self.pos >= self.buf.len() {
            self.more()?;
        }
        Some(self.buf[self.pos])
    }

    /// Skips JSON whitespace: space, tab, line feed and carriage return, nothing else.
    fn skip_space(&mut self) -> Option<u8> {
        loop {
            let b = self.peek()?;
            if !matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                return Some(b);
            }
            self.pos += 1;
        }
    }

    fn expect(&mut self, want: u8) -> Option<()> {
        (self.skip_space()? == want).then(|| self.pos += 1)
    }

    /// A key without escapes, its quotes included, as offsets in the whole input.
    fn key(&mut self) -> Option<(usize, usize)> {
        let start = self.base + self.pos;
        self.keep = start;
        if self.peek()? != b'"' {
            return None;
        }
        self.pos += 1;
        loop {
            if let Some(k) = memchr::memchr2(b'"', b'\\', &self.buf[self.pos..]) {
                if self.buf[self.pos + k] == b'\\' {
                    return None;
                }
                self.pos += k + 1;
                return Some((start, self.base + self.pos));
            }
            self.pos = self.buf.len();
            self.more()?;
        }
    }

    /// The extent of the value starting at the next byte, as offsets in the whole input, and
    /// the deepest it nests (0 for a string, number or literal).
    fn value(&mut self) -> Option<(usize, usize, usize)> {
        let start = self.base + self.pos;
        self.keep = self.keep.min(start);
        let first = self.peek()?;
        if !matches!(first, b'{' | b'[' | b'"') {
            // A number or a literal: up to the next comma, bracket or space. Whether it is
            // a valid one is for the parser to say.
            loop {
                let b = self.peek()?;
                if matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                    return Some((start, self.base + self.pos, 0));
                }
                self.pos += 1;
            }
        }
        let mut scan = Scan::default();
        loop {
            if let Some(end) = scan.run(&self.buf, &mut self.pos) {
                return Some((start, self.base + end, scan.deepest));
            }
            self.more()?;
        }
    }

    fn text(&self, (start, end): (usize, usize)) -> &[u8] {
        &self.buf[start - self.base..end - self.base]
    }

    /// The objects of a list, up to and including its closing bracket; where each starts is
    /// pushed on `starts`, when given.
    fn list<T: DeserializeOwned + Send>(
        &mut self,
        max_depth: usize,
        mut starts: Option<&mut Vec<u32>>,
    ) -> Option<Vec<T>> {
        self.expect(b'[')?;
        self.keep = self.base + self.pos;
        let mut items = Vec::new();
        let mut spans: Vec<(usize, usize)> = Vec::new();
        let mut pending = 0usize;
        if self.skip_space()? == b']' {
            self.pos += 1;
            return Some(items);
        }
        loop {
            if self.skip_space()? != b'{' {
                return None;
            }
            let (start, end, deepest) = self.value()?;
            // The dataset's object and the list hold each item: two levels.
            if deepest + 2 > max_depth {
                return None;
            }
            spans.push((start, end));
            if let Some(v) = starts.as_deref_mut() {
                // The caller records starts only for a file whose offsets fit.
                v.push(u32::try_from(start).unwrap_or(u32::MAX));
            }
            pending += end - start;
            let last = match self.skip_space()? {
                b',' => false,
                b']' => true,
                _ => return None,
            };
            self.pos += 1;
            if last || pending >= self.window / 2 {
                let (buf, base) = (&self.buf, self.base);
                let parsed: Option<Vec<T>> = spans
                    .par_iter()
                    .map(|&(s, e)| serde_json::from_slice::<T>(&buf[s - base..e - base]).ok())
                    .collect();
                items.extend(parsed?);
                spans.clear();
                pending = 0;
                self.keep = self.base + self.pos;
            }
            if last {
                return Some(items);
            }
        }
    }
}

/// Reads a JSON dataset in windows; `None` when it cannot (see the module's note), for the
/// caller to read it the careful way.
pub(crate) fn read(
    reader: impl Read,
    max_bytes: u64,
    max_depth: usize,
    starts: Option<&mut EntityStarts>,
) -> Option<Model> {
    read_in(reader, max_bytes, max_depth, WINDOW, starts)
}

fn read_in(
    reader: impl Read,
    max_bytes: u64,
    max_depth: usize,
    window: usize,
    mut starts: Option<&mut EntityStarts>,
) -> Option<Model> {
    let mut w = Window {
        window,
        reader,
        buf: Vec::new(),
        base: 0,
        pos: 0,
        keep: 0,
        left: max_bytes,
        eof: false,
    };
    while w.buf.len() < 3 && w.more().is_some() {}
    if w.buf.starts_with(b"\xEF\xBB\xBF") {
        w.pos = 3;
    }
    w.expect(b'{')?;
    let mut model = Model::default();
    let mut seen = [false; 5];
    // The other fields, written out again as an object of their own.
    let mut rest = b"{".to_vec();
    if w.skip_space()? == b'}' {
        w.pos += 1;
    } else {
        loop {
            let key = w.key()?;
            w.expect(b':')?;
            w.skip_space()?;
            let list = match w.text(key) {
                b"\"footprints\"" => Some(0),
                b"\"bodies\"" => Some(1),
                b"\"relationships\"" => Some(2),
                b"\"people\"" => Some(3),
                b"\"memberships\"" => Some(4),
                _ => None,
            };
            match list {
                Some(i) if std::mem::replace(&mut seen[i], true) => return None,
                Some(i) => {
                    let starts = starts.as_deref_mut().map(|s| &mut s.lists[i]);
                    match i {
                        0 => model.footprints = w.list(max_depth, starts)?,
                        1 => model.bodies = w.list(max_depth, starts)?,
                        2 => model.relationships = w.list(max_depth, starts)?,
                        3 => model.people = w.list(max_depth, starts)?,
                        _ => model.memberships = w.list(max_depth, starts)?,
                    }
                }
                None => {
                    let key_text = w.text(key).to_vec();
                    let (start, end, deepest) = w.value()?;
                    if deepest + 1 > max_depth {
                        return None;
                    }
                    if rest.len() > 1 {
                        rest.push(b',');
                    }
                    rest.extend_from_slice(&key_text);
                    rest.push(b':');
                    rest.extend_from_slice(w.text((start, end)));
                }
            }
            w.keep = w.base + w.pos;
            match w.skip_space()? {
                b',' => w.pos += 1,
                b'}' => {
                    w.pos += 1;
                    break;
                }
                _ => return None,
            }
            w.skip_space()?;
        }
    }
    // Nothing but space after the dataset.
    w.keep = w.base + w.pos;
    if w.skip_space().is_some() {
        return None;
    }
    rest.push(b'}');
    let others = Model::from_json_str(std::str::from_utf8(&rest).ok()?).ok()?;
    model.schema = others.schema;
    model.name = others.name;
    model.extensions = others.extensions;
    Some(model)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{generate, GenerateOptions};
    use crate::load::{from_slice, Format, Limits};
    use proptest::prelude::*;

    /// What the careful way makes of the text: the model, or `None` for a fault.
    fn careful(text: &[u8]) -> Option<Model> {
        from_slice(text, Format::Json, &Limits::default()).ok()
    }

    fn fast(text: &[u8], window: usize) -> Option<Model> {
        read_in(
            text,
            Limits::default().max_bytes,
            Limits::default().max_depth,
            window,
            None,
        )
    }

    fn dataset(compact: bool) -> Vec<u8> {
        let mut m = generate(&GenerateOptions {
            bodies: 120,
            violations: 0.05,
            seed: 3,
        });
        m.name = Some("A \"quoted\" name, with \\ and é".into());
        m.schema = Some("https://example.org/schema.json".into());
        m.bodies[4].name = "Back\\slash \"and\" {brackets} [too]".into();
        if compact {
            serde_json::to_vec(&m).unwrap()
        } else {
            m.to_json_string().into_bytes()
        }
    }

    #[test]
    fn a_well_formed_dataset_reads_as_the_careful_way_reads_it() {
        for compact in [false, true] {
            let text = dataset(compact);
            let want = careful(&text).unwrap();
            assert!(want.bodies.len() > 100 && !want.relationships.is_empty());
            // Windows from one byte up, so that every value is cut somewhere.
            for window in [1, 2, 3, 7, 64, 1000, WINDOW] {
                assert_eq!(fast(&text, window).as_ref(), Some(&want), "window {window}");
            }
        }
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend(dataset(false));
        assert_eq!(fast(&bom, 1), careful(&bom));
        assert_eq!(fast(b" {} ", 1), careful(b" {} "));
        assert_eq!(fast(br#"{"bodies": []}"#, 2), careful(br#"{"bodies": []}"#));
    }

    #[test]
    fn it_gives_up_where_the_careful_way_says_what_is_wrong() {
        for text in [
            &br#"{"bodies": [], "bodies": []}"#[..],
            br#"{"bodies": [], "name": "a", "name": "b"}"#,
            br#"{"bodies": [{"id": "a"}], "unknown": 1}"#,
            br#"{"bodies": [1]}"#,
            br#"{"bodies": [],}"#,
            br#"{"bodies": null}"#,
            br#"{"bodies": []} x"#,
            br#"{"bodies": [], "extensions": {"a": 1, "a": 2}}"#,
            b"{\"name\": \"a\nb\"}",
            b"",
        ] {
            assert!(careful(text).is_none(), "{}", String::from_utf8_lossy(text));
            assert_eq!(fast(text, 3), None, "{}", String::from_utf8_lossy(text));
        }
        // Nesting beyond the limit, in a list and elsewhere, is left to the careful way.
        let deep = format!(
            r#"{{"bodies": [{{"id": "a", "name": "A", "kind": "nhs_trust", "extensions": {{"x": {}1{}}}}}]}}"#,
            "[".repeat(130),
            "]".repeat(130)
        );
        assert!(careful(deep.as_bytes()).is_none());
        assert_eq!(fast(deep.as_bytes(), 5), None);
        // A key written with escapes means the same key: left to the careful way.
        let escaped = br#"{"bodi\u0065s": []}"#;
        assert!(careful(escaped).is_some());
        assert_eq!(fast(escaped, 4), None);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Bytes that matter to the scan, and bytes that are not UTF-8, put in, taken out or
        /// replaced anywhere: whatever the window, the fast way reads the text as the careful
        /// way does or gives up, and never reads what the careful way refuses.
        #[test]
        fn a_damaged_dataset_is_never_read_differently(
            compact in any::<bool>(),
            edits in proptest::collection::vec(
                (any::<proptest::sample::Index>(), 0u8..3, proptest::sample::select(b"{}[]\",:\\ a1\n\xC3\xFF".to_vec())),
                1..4,
            ),
            window in 1usize..200,
        ) {
            let mut text = dataset(compact);
            for (at, op, byte) in edits {
                let i = at.index(text.len());
                match op {
                    0 => text.insert(i, byte),
                    1 => { text.remove(i); }
                    _ => text[i] = byte,
                }
            }
            let want = careful(&text);
            let got = fast(&text, window);
            if want.is_none() {
                prop_assert!(got.is_none());
            } else if got.is_some() {
                prop_assert_eq!(got, want);
            }
        }
    }
}
