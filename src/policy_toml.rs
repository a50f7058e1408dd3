//! Policy files written in TOML (`icsgov.toml`), with positions in their errors.

use crate::error::{Error, ErrorKind};
use crate::load::line_col;
use crate::policy::Policy;

impl Policy {
    /// The policy as TOML, every setting written out: what `icsgov policy --show` prints.
    ///
    /// # Errors
    /// Never for a policy that passed [`Policy::check`]; the TOML writer's error otherwise.
    pub fn to_toml_string(&self) -> Result<String, Error> {
        toml::to_string(self).map_err(|e| {
            Error::new(
                ErrorKind::Policy,
                format!("cannot write the policy as TOML: {e}"),
            )
        })
    }

    /// Parses and checks a policy written in TOML, as `icsgov.toml` is.
    ///
    /// # Errors
    /// When the text is not a policy, or [`Policy::check`] fails: with the line and column
    /// of the value at fault.
    ///
    /// # Examples
    ///
    /// ```
    /// let policy = icsgov::Policy::from_toml_str("coverage_tolerance = 0.1\n").unwrap();
    /// assert_eq!(policy.coverage_tolerance, 0.1);
    ///
    /// let err = icsgov::Policy::from_toml_str("\ncoverage_tolerance = 2\n").unwrap_err();
    /// assert_eq!((err.line(), err.column()), (Some(2), Some(1)));
    /// ```
    pub fn from_toml_str(text: &str) -> Result<Policy, Error> {
        let policy: Policy = toml::from_str(text).map_err(|e| {
            let (line, col) = e.span().map_or((1, 1), |s| line_col(text, s.start));
            let message = e.message().trim_end_matches('.');
            Error::new(ErrorKind::Policy, message).at(line, col)
        })?;
        policy.check().map_err(|e| {
            let place = e.pointer().and_then(|p| TomlIndex::new(text).position(p));
            let err = Error::new(ErrorKind::Policy, e.message());
            match (place, e.pointer()) {
                (Some((line, col)), _) => err.at(line as u64, col as u64),
                (None, Some(p)) => err.with_pointer(p.to_owned()),
                (None, None) => err,
            }
        })?;
        Ok(policy)
    }
}

/// Where the values of a TOML policy are: its lines and where each `[[waivers]]` table
/// starts, made once, so that placing thousands of findings about waivers costs one pass,
/// not one pass each.
pub struct TomlIndex<'t> {
    lines: Vec<&'t str>,
    waivers: Vec<usize>,
}

impl<'t> TomlIndex<'t> {
    /// Indexes `text` in one pass.
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
    use super::TomlIndex;

    #[test]
    fn places_policy_pointers_in_toml() {
        let text = "[rules]\nICS999 = \"allow\"\n\n[[waivers]]\nrule = \"a\"\n\n[[waivers]]\n  rule = \"b\"\n";
        let index = TomlIndex::new(text);
        assert_eq!(index.position("/rules/ICS999"), Some((2, 1)));
        assert_eq!(index.position("/waivers/1/rule"), Some((8, 3)));
        assert_eq!(index.position("/waivers/0"), Some((4, 1)));
        assert_eq!(index.position("/waivers/2"), None);
    }
}
