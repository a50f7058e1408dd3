//! Placing findings in a large JSON dataset without holding its text: where each entity
//! starts is recorded as the file is read in windows ([`EntityStarts`]), and the findings'
//! lines and columns are then found in one forward pass over the file, which keeps only a
//! window of it in memory. The results are those of a [`SourceMap`](crate::SourceMap) of the
//! whole text, with an excerpt of each finding's line instead of the whole line.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use crate::json_windows::Scan;
use crate::locate::{entity_and_key, is_continuation, key_offset, Position};
use crate::pointer::JsonPointer;

/// The dataset's lists, in the order of [`EntityStarts`]'s.
const LISTS: [&str; 5] = [
    "footprints",
    "bodies",
    "relationships",
    "people",
    "memberships",
];

/// How much of the file is read at a time.
const CHUNK: u64 = 8 << 20;

/// How many bytes are kept behind the point the pass has reached: room for the start of an
/// excerpt of [`MAX_AROUND`] characters.
const BEFORE: u64 = 4 * MAX_AROUND as u64 + 3;

/// The most characters an excerpt keeps either side of its place.
pub const MAX_AROUND: usize = 1000;

/// Where each entity of a JSON dataset's lists starts in its file, as byte offsets: four
/// bytes an entity, recorded as the file is read
/// ([`Model::from_json_file_keeping_starts`](crate::Model::from_json_file_keeping_starts)).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntityStarts {
    /// Footprints, bodies, relationships, people and memberships.
    pub(crate) lists: [Vec<u32>; 5],
}

/// A finding's place in a file: its line and column, and where in the file the text of its
/// line around it lies. The text is read when it is wanted ([`Excerpt::read`]), so that a
/// million findings on one long line do not each hold a copy of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    /// The line and column, as [`SourceMap::find`](crate::SourceMap::find) gives them.
    pub position: Position,
    /// The bytes of the file that hold the line, or the characters of it asked for either
    /// side of the place, without the line break; empty when no characters were asked for.
    pub text: std::ops::Range<u64>,
    /// The byte of the place in the text.
    pub byte: usize,
    /// Whether the text starts where the line starts.
    pub from_line_start: bool,
}

impl Excerpt {
    /// Reads the text from `file`, the file placed, with the byte of the place in it. A file
    /// changed since it was placed gives what of the text is still UTF-8 there, and the byte
    /// is kept within it.
    ///
    /// # Errors
    /// When the file cannot be read.
    pub fn read(&self, mut file: &File) -> std::io::Result<(String, usize)> {
        use std::io::{Seek, SeekFrom};
        file.seek(SeekFrom::Start(self.text.start))?;
        let mut bytes = Vec::new();
        file.take(self.text.end.saturating_sub(self.text.start))
            .read_to_end(&mut bytes)?;
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let valid = e.utf8_error().valid_up_to();
                let mut bytes = e.into_bytes();
                bytes.truncate(valid);
                String::from_utf8(bytes).unwrap_or_default()
            }
        };
        let mut byte = self.byte.min(text.len());
        while !text.is_char_boundary(byte) {
            byte -= 1;
        }
        Ok((text, byte))
    }
}

/// The bytes either side of a place that hold `around` characters of its line (or its line).
fn span(around: usize) -> (u64, u64) {
    let around = around.min(MAX_AROUND) as u64;
    (4 * around + 3, 4 * around)
}

impl EntityStarts {
    fn start(&self, list: &str, i: usize) -> Option<u64> {
        let l = LISTS.iter().position(|&n| n == list)?;
        self.lists[l].get(i).map(|&s| u64::from(s))
    }

    /// Places each pointer in the JSON file at `path`, which must be the file the starts were
    /// recorded from: at its entity's `id` or at the member it names, as a
    /// [`SourceMap`](crate::SourceMap) of the whole text does. `None` for a pointer that names
    /// no entity of the lists. Each excerpt keeps `around` characters of its line either side
    /// of the place (at most [`MAX_AROUND`]; none for 0, when only the positions are wanted).
    /// One forward pass, to the last entity named; a few megabytes of the file are in memory
    /// at a time.
    ///
    /// # Errors
    /// When the file cannot be read.
    pub fn place(
        &self,
        path: &Path,
        pointers: &[&JsonPointer],
        around: usize,
    ) -> std::io::Result<Vec<Option<Excerpt>>> {
        let mut out = vec![None; pointers.len()];
        // (where the entity starts, its key, which pointer), in file order.
        let mut wanted: Vec<(u64, String, usize)> = pointers
            .iter()
            .enumerate()
            .filter_map(|(n, p)| {
                let (list, i, key) = entity_and_key(p)?;
                Some((self.start(&list, i)?, key, n))
            })
            .collect();
        wanted.sort_unstable();
        let mut file = Forward {
            file: File::open(path)?,
            buf: Vec::new(),
            base: 0,
            eof: false,
        };
        let mut cursor = Cursor::default();
        let mut k = 0;
        while k < wanted.len() {
            let start = wanted[k].0;
            let same = wanted[k..].iter().take_while(|w| w.0 == start).count();
            k += same;
            // Count up to the entity first: reading it lets go of what lies before.
            if start < cursor.pos || !cursor.advance(&mut file, start)? {
                continue;
            }
            let entity = file.entity(start)?;
            let mut places: Vec<(u64, usize)> = wanted[k - same..k]
                .iter()
                .map(|(_, key, n)| (start + key_offset(entity, key) as u64, *n))
                .collect();
            places.sort_unstable();
            for (offset, n) in places {
                // Entities do not overlap, so the places come in file order; a file that
                // changed since it was read may break that, and is not placed.
                if offset < cursor.pos || !cursor.advance(&mut file, offset)? {
                    continue;
                }
                out[n] = Some(cursor.excerpt(&mut file, offset, around)?);
            }
        }
        Ok(out)
    }
}

/// The file read forwards, with a little kept behind the point reached.
struct Forward {
    file: File,
    buf: Vec<u8>,
    /// The offset in the file of `buf[0]`.
    base: u64,
    eof: bool,
}

impl Forward {
    /// The bytes from `from` up to `to`, fewer at the end of the file (none when `from` was
    /// let go). Reading on lets go of what lies more than [`BEFORE`] bytes before `from`.
    fn get(&mut self, from: u64, to: u64) -> std::io::Result<&[u8]> {
        while self.base + self.buf.len() as u64 <= to && !self.eof {
            let keep = from.saturating_sub(BEFORE).max(self.base);
            let drop = usize::try_from(keep - self.base).unwrap_or(usize::MAX);
            self.buf.drain(..drop.min(self.buf.len()));
            self.base = keep;
            let n = (&mut self.file).take(CHUNK).read_to_end(&mut self.buf)?;
            self.eof = n == 0;
        }
        let end = self.base + self.buf.len() as u64;
        if from < self.base || from >= end {
            return Ok(&[]);
        }
        let at = |x: u64| usize::try_from(x - self.base).unwrap_or(usize::MAX);
        Ok(&self.buf[at(from)..at(to.min(end))])
    }

    /// The text of the entity starting at `start`, read until it closes (or the file ends).
    fn entity(&mut self, start: u64) -> std::io::Result<&[u8]> {
        let mut want = 4096u64;
        let len = loop {
            let bytes = self.get(start, start + want)?;
            let mut pos = 0;
            if let Some(end) = Scan::default().run(bytes, &mut pos) {
                break end;
            }
            if (bytes.len() as u64) < want {
                break bytes.len();
            }
            want *= 2;
        };
        Ok(&self.get(start, start + len as u64)?[..len])
    }
}

/// How far the pass has counted: the line, where it starts, and the characters since.
#[derive(Default)]
struct Cursor {
    pos: u64,
    /// Line breaks before `pos`.
    breaks: usize,
    line_start: u64,
    /// Characters from `line_start` to `pos`.
    chars: usize,
}

impl Cursor {
    /// Counts on to `to`; false when the file ends first.
    fn advance(&mut self, file: &mut Forward, to: u64) -> std::io::Result<bool> {
        while self.pos < to {
            let seg = file.get(self.pos, to.min(self.pos + CHUNK))?;
            if seg.is_empty() {
                return Ok(false);
            }
            match memchr::memrchr(b'\n', seg) {
                Some(last) => {
                    self.breaks += memchr::memchr_iter(b'\n', &seg[..=last]).count();
                    self.line_start = self.pos + last as u64 + 1;
                    self.chars = chars(&seg[last + 1..]);
                }
                None => self.chars += chars(seg),
            }
            self.pos += seg.len() as u64;
        }
        Ok(true)
    }

    /// The place at `offset`, which the cursor has reached.
    fn excerpt(&self, file: &mut Forward, offset: u64, around: usize) -> std::io::Result<Excerpt> {
        let position = Position {
            line: self.breaks + 1,
            column: self.chars + 1,
        };
        if around == 0 {
            return Ok(Excerpt {
                position,
                text: offset..offset,
                byte: 0,
                from_line_start: false,
            });
        }
        let (before, after) = span(around);
        let from = self.line_start.max(offset.saturating_sub(before));
        // One byte more than the excerpt holds: a line break there ends the line, and a
        // carriage return before it is not part of the line.
        let limit = offset + after;
        let bytes = file.get(from, limit + 1)?;
        let file_ended = from + (bytes.len() as u64) <= limit;
        // Start on a character, end at the line's end or on a character.
        let skip = if from > self.line_start {
            bytes.iter().take_while(|&&b| is_continuation(b)).count()
        } else {
            0
        };
        let bytes = &bytes[skip.min(bytes.len())..];
        let at = usize::try_from(offset - from)
            .unwrap_or(usize::MAX)
            .saturating_sub(skip);
        let (bytes, whole_end) = match memchr::memchr(b'\n', bytes.get(at..).unwrap_or(&[])) {
            Some(k) => (&bytes[..at + k], true),
            None => {
                let within = usize::try_from(limit - from)
                    .unwrap_or(usize::MAX)
                    .saturating_sub(skip);
                (&bytes[..within.min(bytes.len())], file_ended)
            }
        };
        let text = match std::str::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or(""),
        };
        let text = if whole_end {
            text.trim_end_matches('\r')
        } else {
            text
        };
        let mut byte = at.min(text.len());
        while !text.is_char_boundary(byte) {
            byte -= 1;
        }
        let start = from + skip as u64;
        Ok(Excerpt {
            position,
            text: start..start + text.len() as u64,
            byte,
            from_line_start: skip == 0 && from == self.line_start,
        })
    }
}

/// The characters in UTF-8 bytes.
fn chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| !is_continuation(b)).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{generate, GenerateOptions};
    use crate::load::{Format, Limits};
    use crate::locate::SourceMap;
    use proptest::prelude::*;

    /// A generated dataset with long names in several scripts, as text: pretty, compact (one
    /// line), or with a byte-order mark and carriage returns.
    fn text(bodies: usize, seed: u64, layout: u8) -> String {
        let mut m = generate(&GenerateOptions {
            bodies,
            violations: 0.1,
            seed,
        });
        for (i, b) in m.bodies.iter_mut().enumerate().step_by(7) {
            b.name = format!("{} – Ærø 北 ✓ {}", b.name, "é".repeat(i % 300)).into();
        }
        match layout {
            0 => m.to_json_string(),
            1 => serde_json::to_string(&m).unwrap(),
            _ => format!("\u{feff}{}", m.to_json_string().replace('\n', "\r\n")),
        }
    }

    /// Pointers of every kind: entities, members written and not, deeper paths, indices past
    /// the end, lists that are not there, the root.
    fn pointers(m: &crate::Model, picks: &[(u8, usize, u8)]) -> Vec<JsonPointer> {
        let lens = [
            m.footprints.len(),
            m.bodies.len(),
            m.relationships.len(),
            m.people.len(),
            m.memberships.len(),
        ];
        let mut v = vec![JsonPointer::root(), JsonPointer::entity("nothing", 0)];
        for &(list, i, member) in picks {
            let l = usize::from(list) % 5;
            let i = if lens[l] == 0 { i } else { i % (lens[l] + 1) };
            let p = JsonPointer::entity(LISTS[l], i);
            v.push(match member % 6 {
                0 => p,
                1 => p.token("name"),
                2 => p.token("footprint"),
                3 => p.token("valid_from"),
                4 => p.token("services").index(0),
                _ => p.token("to"),
            });
        }
        v
    }

    /// What a report shows of a line: 100 characters from 50 before the place.
    fn shown(text: &str, byte: usize) -> (String, bool) {
        let start = text[..byte]
            .char_indices()
            .rev()
            .take(50)
            .last()
            .map_or(byte, |(i, _)| i);
        (text[start..].chars().take(100).collect(), start > 0)
    }

    fn agree(text: &str, picks: &[(u8, usize, u8)]) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.json");
        std::fs::write(&path, text).unwrap();
        let (model, starts) =
            crate::Model::from_json_file_keeping_starts(&path, &Limits::default()).unwrap();
        let starts = starts.expect("a well-formed dataset is read in windows");
        let map = SourceMap::new(text, Format::Json);
        let pointers = pointers(&model, picks);
        let refs: Vec<&JsonPointer> = pointers.iter().collect();
        let placed = starts.place(&path, &refs, 100).unwrap();
        let positions = starts.place(&path, &refs, 0).unwrap();
        let file = File::open(&path).unwrap();
        for (p, (got, only)) in pointers.iter().zip(placed.into_iter().zip(positions)) {
            assert_eq!(
                got.as_ref().map(|e| e.position),
                only.map(|e| e.position),
                "{p}"
            );
            let want = map.find_in_line(p);
            match (want, got) {
                (None, None) => {}
                (Some((position, line, byte)), Some(e)) => {
                    assert_eq!(position, e.position, "{p}");
                    let (excerpt, at) = e.read(&file).unwrap();
                    assert_eq!(at, e.byte, "{p}");
                    assert_eq!(shown(line, byte), shown(&excerpt, at), "{p}");
                    assert!(line.contains(&excerpt), "{p}");
                    if e.from_line_start {
                        assert!(line.starts_with(&excerpt), "{p}");
                    }
                }
                (want, got) => panic!("{p}: {want:?} against {got:?}"),
            }
        }
    }

    #[test]
    fn places_agree_with_a_map_of_the_whole_text() {
        let picks: Vec<(u8, usize, u8)> = (0..400)
            .map(|n| ((n % 5) as u8, n * 37, (n % 6) as u8))
            .collect();
        for layout in 0..3 {
            agree(&text(150, 7, layout), &picks);
        }
    }

    #[test]
    fn a_line_cut_just_before_its_carriage_return_does_not_keep_it() {
        // The excerpt's window ends at every byte around the line's end in turn.
        let picks = [(1, 0, 0), (1, 0, 1), (1, 0, 2)];
        for n in 300..420 {
            let text = format!(
                "{{\"bodies\": [\r\n{{\"id\": \"a\", \"kind\": \"gp_practice\", \"name\": \"{}\"}}\r\n]}}\r\n",
                "x".repeat(n)
            );
            agree(&text, &picks);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn places_agree_with_a_map_in_any_layout(
            bodies in 1usize..80,
            seed in 0u64..1000,
            layout in 0u8..3,
            picks in proptest::collection::vec((0u8..5, 0usize..500, 0u8..6), 0..60),
        ) {
            agree(&text(bodies, seed, layout), &picks);
        }
    }

    #[test]
    fn a_file_that_changed_since_it_was_read_is_placed_without_panicking() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.json");
        std::fs::write(&path, text(60, 1, 0)).unwrap();
        let (model, starts) =
            crate::Model::from_json_file_keeping_starts(&path, &Limits::default()).unwrap();
        let starts = starts.unwrap();
        let pointers = pointers(&model, &[(1, 5, 1), (2, 9, 0), (1, 50, 2)]);
        let refs: Vec<&JsonPointer> = pointers.iter().collect();
        let before = starts.place(&path, &refs, 100).unwrap();
        assert!(before.iter().flatten().count() >= 3);
        for shorter in [String::new(), "{\"bodies\": [".into(), "é".repeat(3000)] {
            std::fs::write(&path, &shorter).unwrap();
            let placed = starts.place(&path, &refs, 100).unwrap();
            assert_eq!(placed.len(), refs.len());
            let file = File::open(&path).unwrap();
            // Placed in the old file, read from the new one; and placed in the new one.
            for e in before.iter().chain(&placed).flatten() {
                let (text, byte) = e.read(&file).unwrap();
                assert!(text.is_char_boundary(byte));
            }
        }
        std::fs::remove_file(&path).unwrap();
        assert!(starts.place(&path, &refs, 100).is_err());
    }
}
