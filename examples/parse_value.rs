//! The yardstick for `icsgov validate` on a large file: read the same file and parse it into a
//! `serde_json::Value`, nothing else, as one process. `benches/run.sh` times the two side by
//! side: `cargo run --release --example parse_value -- FILE`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: parse_value FILE");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{}: {e}", path.to_string_lossy());
            return ExitCode::from(2);
        }
    };
    match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(v) => {
            println!("{} top-level keys", v.as_object().map_or(0, |o| o.len()));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}: {e}", path.to_string_lossy());
            ExitCode::from(2)
        }
    }
}
