//! Facts about the repository itself: a clone stands alone, and the declared minimum Rust
//! version is the one the dependency tree really needs.

use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A user's clone has nothing beside it: no file the project keeps may read, or tell a user
/// to read, a folder outside the repository. The walk skips what `.gitignore` ignores
/// (`target/`), as git does.
#[test]
fn no_file_refers_to_a_folder_beside_the_repository() {
    // Built in two pieces so that this file does not match itself.
    let needle = format!("../{}", "shared");
    let mut offenders = Vec::new();
    let mut checked = 0;
    for entry in ignore::WalkBuilder::new(root()).hidden(false).build() {
        let entry = entry.unwrap();
        let p = entry.path();
        if p.components().any(|c| c.as_os_str() == ".git")
            || !entry.file_type().is_some_and(|t| t.is_file())
        {
            continue;
        }
        let Ok(text) = std::fs::read(p) else { continue };
        checked += 1;
        let text = String::from_utf8_lossy(&text);
        for (n, line) in text.lines().enumerate() {
            if line.contains(&needle) {
                offenders.push(format!("{}:{}: {line}", p.display(), n + 1));
            }
        }
    }
    assert!(checked > 100, "only {checked} files were checked");
    assert!(offenders.is_empty(), "{}", offenders.join("\n"));
}

/// `1.89` and `1.89.0` are the same version.
fn version(v: &str) -> [u64; 3] {
    let mut out = [0; 3];
    for (slot, part) in out.iter_mut().zip(v.split('.')) {
        *slot = part.parse().unwrap_or(0);
    }
    out
}

/// `rust-version` in Cargo.toml is true: no package in the locked dependency tree declares a
/// newer one.
#[test]
fn rust_version_covers_every_dependency() {
    let out = std::process::Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let packages = meta["packages"].as_array().unwrap();
    let ours = packages
        .iter()
        .find(|p| p["name"] == "icsgov")
        .and_then(|p| p["rust_version"].as_str())
        .expect("icsgov declares a rust-version");
    let mut above = Vec::new();
    for p in packages {
        if let Some(v) = p["rust_version"].as_str() {
            if version(v) > version(ours) {
                above.push(format!("{} {} needs Rust {v}", p["name"], p["version"]));
            }
        }
    }
    assert!(
        above.is_empty(),
        "Cargo.toml says rust-version {ours}, but:\n{}",
        above.join("\n")
    );
}
