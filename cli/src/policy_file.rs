//! Reading the policy file: TOML (`icsgov.toml`) or JSON, with positions in its errors.

use std::path::Path;

use icsgov::Policy;

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
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let (policy, format) = if is_json {
        (
            Policy::from_json_str(&text),
            SourceFormat::Dataset(icsgov::Format::Json),
        )
    } else {
        (Policy::from_toml_str(&text), SourceFormat::Toml)
    };
    let policy = policy.map_err(|e| e.with_file(path).to_string())?;
    Ok((
        policy,
        Some(Source {
            name: path.display().to_string(),
            text: Some(text),
            path: None,
            format,
        }),
    ))
}
