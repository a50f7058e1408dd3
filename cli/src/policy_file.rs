//! Reading the policy file: TOML (`icsgov.toml`) or JSON, with positions in its errors.

use std::path::Path;

use icsgov::{line_col, Policy};

use crate::{Source, SourceFormat};

/// The policy file looked for in the current directory when `--policy` is not given.
pub const DEFAULT_POLICY: &str = "icsgov.toml";

/// Loads the policy named, or `icsgov.toml` if present, or the default policy.
pub fn load(path: Option<&Path>) -> Result<(Policy, Option<Source>), String> {
    let path = match path {
        Some(p) => p,
        None if Path::new(DEFAULT_POLICY).is_file() => Path::new(DEFAULT_POLICY),
        None => return Ok((Policy::default(), None)),
    };
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read the policy: {e}", path.display()))?;
    let name = path.display().to_string();
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let policy = if is_json {
        Policy::from_json_str(&text).map_err(|e| e.with_file(path).to_string())?
    } else {
        let policy: Policy = toml::from_str(&text).map_err(|e| {
            let (line, col) = e.span().map_or((1, 1), |s| line_col(&text, s.start));
            let message = e.message().trim_end_matches('.');
            format!("{name}:{line}:{col}: {message}")
        })?;
        policy.check().map_err(|e| {
            let place = e
                .pointer()
                .and_then(|p| toml_position(&text, p))
                .map_or(String::new(), |(l, c)| format!(":{l}:{c}"));
            format!("{name}{place}: {}", e.message())
        })?;
        policy
    };
    let format = if is_json {
        SourceFormat::Dataset(icsgov::Format::Json)
    } else {
        SourceFormat::Toml
    };
    Ok((
        policy,
        Some(Source {
            name,
            text: Some(text),
            path: None,
            format,
        }),
    ))
}

/// The line and column of a policy JSON Pointer in TOML text: `/rules/KEY`,
/// `/population/TIER`, `/coverage_tolerance`, `/waivers/N` and `/waivers/N/FIELD`.
pub fn toml_position(text: &str, pointer: &str) -> Option<(usize, usize)> {
    TomlIndex::new(text).position(pointer)
}

/// A policy file's lines and where each `[[waivers]]` table starts, made once, so that
/// placing thousands of findings about waivers costs one pass, not one pass each.
pub struct TomlIndex<'t> {
    lines: Vec<&'t str>,
    waivers: Vec<usize>,
}

impl<'t> TomlIndex<'t> {
    pub fn new(text: &'t str) -> Self {
        let lines: Vec<&str> = text.lines().collect();
        let waivers = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.trim() == "[[waivers]]")
            .map(|(i, _)| i)
            .collect();
        Self { lines, waivers }
    }

    /// The line (from 1), without its line break.
    pub fn line(&self, line: usize) -> Option<&'t str> {
        self.lines
            .get(line.checked_sub(1)?)
            .map(|l| l.trim_end_matches('\r'))
    }

    /// The line and column of a JSON Pointer into the policy.
    pub fn position(&self, pointer: &str) -> Option<(usize, usize)> {
        let tokens: Vec<&str> = pointer.trim_start_matches('/').split('/').collect();
        let key_at = |from: usize, to: usize, key: &str| {
            self.lines[from..to.min(self.lines.len())]
                .iter()
                .enumerate()
                .find_map(|(i, l)| {
                    let t = l.trim_start();
                    let k = t.split('=').next()?.trim().trim_matches('"');
                    (t.contains('=') && k == key).then(|| (from + i + 1, l.len() - t.len() + 1))
                })
        };
        match tokens.as_slice() {
            ["waivers", n, rest @ ..] => {
                let n: usize = n.parse().ok()?;
                let start = *self.waivers.get(n)?;
                let end = self.waivers.get(n + 1).copied().unwrap_or(self.lines.len());
                match rest.first() {
                    Some(field) => key_at(start, end, field),
                    None => Some((start + 1, 1)),
                }
            }
            [.., last] => key_at(0, self.lines.len(), last),
            [] => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::toml_position;

    #[test]
    fn places_policy_pointers_in_toml() {
        let text = "[rules]\nICS999 = \"allow\"\n\n[[waivers]]\nrule = \"a\"\n\n[[waivers]]\n  rule = \"b\"\n";
        assert_eq!(toml_position(text, "/rules/ICS999"), Some((2, 1)));
        assert_eq!(toml_position(text, "/waivers/1/rule"), Some((8, 3)));
        assert_eq!(toml_position(text, "/waivers/0"), Some((4, 1)));
        assert_eq!(toml_position(text, "/waivers/2"), None);
    }
}
