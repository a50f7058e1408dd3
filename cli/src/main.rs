//! `icsgov`: check datasets describing the governance of NHS integrated care systems.

#![forbid(unsafe_code)]

mod locate;
mod render;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use icsgov::{Date, Format, Model, Policy, Report, Validator};

const EXIT_CODES: &str = "\
Exit codes:
  0  no error-severity diagnostics
  1  at least one error-severity diagnostic
  2  the input or the invocation could not be used (missing file, not JSON or YAML,
     wrong type, unknown field, bad policy)";

/// Check datasets describing the governance of NHS integrated care systems.
#[derive(Debug, Parser)]
#[command(name = "icsgov", version, about, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate datasets (JSON or YAML) against every rule.
    #[command(after_help = EXIT_CODES)]
    Validate(ValidateArgs),
    /// List every rule with its code, name, default severity and basis.
    Rules,
    /// Print the JSON Schema of the dataset, policy or report format.
    Schema {
        /// Which schema.
        #[arg(value_enum)]
        which: SchemaKind,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SchemaKind {
    /// Datasets: footprints, bodies and relationships.
    Model,
    /// Policy files.
    Policy,
    /// The JSON report of `validate --format json`.
    Report,
}

#[derive(Debug, clap::Args)]
struct ValidateArgs {
    /// Dataset files: `.json`, `.yaml` or `.yml`.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// How to write the diagnostics.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    /// A policy file (JSON): severity per rule, population ranges, coverage tolerance.
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
    /// Check only the structure in force on this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    as_of: Option<Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    /// Like rustc: file:line:col, the source line, and a help line.
    Human,
    /// The reports as JSON.
    Json,
}

/// One dataset as checked: its name, its text and its report.
pub struct Checked {
    pub file: String,
    pub text: String,
    pub format: Format,
    pub report: Report,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Validate(args) => validate(&args),
        Command::Rules => {
            print!("{}", render::rules_table());
            ExitCode::SUCCESS
        }
        Command::Schema { which } => {
            let kind = match which {
                SchemaKind::Model => icsgov::schema::Kind::Model,
                SchemaKind::Policy => icsgov::schema::Kind::Policy,
                SchemaKind::Report => icsgov::schema::Kind::Report,
            };
            print!("{}", icsgov::schema::schema_text(kind));
            ExitCode::SUCCESS
        }
    }
}

fn load_policy(path: &Path) -> Result<Policy, icsgov::Error> {
    let text = std::fs::read_to_string(path).map_err(|e| icsgov::Error::io(path, e))?;
    Policy::from_json_str(&text).map_err(|e| e.with_file(path))
}

fn validate(args: &ValidateArgs) -> ExitCode {
    let policy = match &args.policy {
        Some(path) => match load_policy(path) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        },
        None => Policy::default(),
    };
    let mut validator = Validator::new(&policy);
    if let Some(date) = args.as_of {
        validator = validator.as_of(date);
    }

    let mut checked = Vec::new();
    let mut unusable = 0usize;
    for path in &args.files {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("error: {}: cannot read the file: {e}", path.display());
                unusable += 1;
                continue;
            }
        };
        let format = Format::from_path(path);
        match Model::from_slice(&bytes, format) {
            Ok(model) => checked.push(Checked {
                file: path.display().to_string(),
                text: String::from_utf8_lossy(&bytes).into_owned(),
                format,
                report: validator.validate(&model),
            }),
            Err(e) => {
                eprintln!("error: {}", e.with_file(path));
                unusable += 1;
            }
        }
    }

    let out = match args.format {
        OutputFormat::Human => render::human(&checked, unusable),
        OutputFormat::Json => render::json(&checked),
    };
    print!("{out}");

    if unusable > 0 {
        ExitCode::from(2)
    } else if checked.iter().any(|c| c.report.has_errors()) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
