//! Writing what the command produces: to standard output, where a reader that stops early
//! (`| head`) ends the program quietly and a full disk is an error; and to files, atomically
//! (a temporary file beside the target, then a rename), never over one of the command's inputs.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The status a shell reports for a program ended by SIGPIPE (128 + 13): what `yes | head`
/// gives, so that a pipeline sees the usual reason.
pub const BROKEN_PIPE: u8 = 141;

/// Writes `text` to standard output: success, a quiet end for a closed pipe, or a clear error
/// (exit 2) for anything else, such as a full disk.
pub fn print(text: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::from(BROKEN_PIPE),
        Err(e) => {
            eprintln!("error: cannot write to standard output: {e}");
            ExitCode::from(2)
        }
    }
}

/// Whether two paths name the same existing file (after links and `..` are resolved).
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Whether `path` is one of `inputs` (or a directory input holds it: it would be read as
/// one next time).
pub fn is_an_input(path: &Path, inputs: &[PathBuf]) -> bool {
    let canonical = std::fs::canonicalize(path).ok();
    inputs.iter().any(|i| {
        same_file(i, path)
            || (i.is_dir()
                && canonical
                    .as_ref()
                    .zip(std::fs::canonicalize(i).ok())
                    .is_some_and(|(p, d)| {
                        p.starts_with(d)
                            && p.extension()
                                .is_some_and(|e| e == "json" || e == "yaml" || e == "yml")
                    }))
    })
}

/// Writes `text` to `path` atomically, refusing when `path` is one of `inputs`: the data is
/// written to a temporary file in the same folder and renamed over the target only when it is
/// complete, so a failed write (a full disk, say) leaves the old file as it was.
pub fn write_file(path: &Path, text: &str, what: &str, inputs: &[PathBuf]) -> Result<(), String> {
    if let Some(input) = inputs.iter().find(|i| same_file(i, path)) {
        return Err(format!(
            "{}: will not write the {what} over {}, which is one of this command's inputs; choose another file",
            path.display(),
            input.display()
        ));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let fail = |e: std::io::Error| format!("{}: cannot write the {what}: {e}", path.display());
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
    tmp.write_all(text.as_bytes()).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}
