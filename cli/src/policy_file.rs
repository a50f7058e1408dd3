//! Reading the policy file: TOML (`icsgov.toml`) or JSON, with positions in its errors.

use std::path::{Path, PathBuf};

use icsgov::Policy;

use crate::{Source, SourceFormat};

/// The policy file looked for in the current directory when `--policy` is not given.
pub const DEFAULT_POLICY: &str = "icsgov.toml";

/// The `icsgov.toml` that applies in the current directory: there, or in the nearest folder
/// above it that has one, as a path relative to the current directory (`../icsgov.toml`).
pub fn discover() -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    for (up, dir) in cwd.ancestors().enumerate() {
        if dir.join(DEFAULT_POLICY).is_file() {
            let mut rel = PathBuf::new();
            for _ in 0..up {
                rel.push("..");
            }
            return Some(rel.join(DEFAULT_POLICY));
        }
    }
    None
}

/// Which policy applies: the one named, else (unless `isolated`) the nearest `icsgov.toml`
/// at or above the current directory, else none (the defaults).
pub fn choose(named: Option<&Path>, isolated: bool) -> Option<PathBuf> {
    match named {
        Some(p) => Some(p.to_path_buf()),
        None if isolated => None,
        None => discover(),
    }
}

/// Loads the policy named, or the nearest `icsgov.toml` (unless `isolated`), or the default
/// policy. A policy found rather than named is said on standard error, so that a run in a
/// subfolder does not apply a policy nobody asked for without a word.
pub fn load(named: Option<&Path>, isolated: bool) -> Result<(Policy, Option<Source>), String> {
    let Some(path) = choose(named, isolated) else {
        return Ok((Policy::default(), None));
    };
    if named.is_none() {
        eprintln!(
            "note: using the policy in {} (--isolated ignores it)",
            crate::render::term(&path.display().to_string())
        );
    }
    let path = path.as_path();
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
            rows: None,
            starts: None,
        }),
    ))
}
