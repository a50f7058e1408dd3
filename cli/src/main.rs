//! `icsgov`: check datasets describing the governance of NHS integrated care systems.

#![forbid(unsafe_code)]

use icsgov_cli::{html, inputs, junit, output, policy_file, render, sarif};

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use icsgov::{Baseline, Check, Date, Outcome};
use icsgov_cli::Source;

const EXIT_CODES: &str = "\
Exit codes:
  0  no error-severity diagnostics (and no warnings, under --deny-warnings)
  1  at least one error-severity diagnostic that counts (not waived, not in the baseline)
  2  the input or the invocation could not be used (missing file, not JSON or YAML,
     wrong type, unknown field, bad policy or baseline file)";

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
    /// Import ODS, NHS England and ONS publications (CSV) into one dataset.
    #[command(after_help = EXIT_CODES)]
    Import(ImportArgs),
    /// Generate a realistic synthetic dataset of any size, for benchmarks and trials.
    Generate {
        /// About how many bodies, from 1 to 5,000,000 (a million bodies take about 800 MB).
        #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..=5_000_000))]
        bodies: u64,
        /// The fraction (0 to 1) of places where to break a rule.
        #[arg(long, default_value_t = 0.0, value_parser = fraction)]
        violations: f64,
        /// The seed of the pseudo-random choices: the same seed gives the same dataset.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Where to write the dataset (JSON, or YAML for `.yaml`/`.yml`); `-` for standard output.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// Draw a dataset: the footprint tree and the relationships between bodies.
    Graph(GraphArgs),
    /// Say what changed between two datasets (or two folders of CSV publications): entities
    /// added, removed, renamed and moved, populations, relationships, successions, findings.
    #[command(after_help = DIFF_EXIT_CODES)]
    Diff(DiffArgs),
    /// Write one self-contained HTML page: counts, a filterable table of findings, the tier
    /// tree with populations against their ranges, and a drawing of the bodies.
    #[command(after_help = EXIT_CODES)]
    Report(ReportArgs),
    /// List every rule with its code, name, default severity and basis.
    Rules,
    /// Say which policy applies here, and print it in full with `--show`.
    Policy {
        /// Print the effective policy as TOML: the file's settings with every default
        /// filled in.
        #[arg(long)]
        show: bool,
        /// A policy file to read instead of the nearest `icsgov.toml`.
        #[arg(long, value_name = "FILE")]
        policy: Option<PathBuf>,
        /// Ignore any `icsgov.toml` found in the current directory or above it.
        #[arg(long, conflicts_with = "policy")]
        isolated: bool,
    },
    /// Print a rule's full docs, with a failing example.
    Explain {
        /// The rule's code (ICS201) or name (icb-constitution-approver).
        rule: String,
    },
    /// Print the JSON Schema of the dataset, policy or report format.
    Schema {
        /// Which schema.
        #[arg(value_enum)]
        which: SchemaKind,
    },
    /// Print a shell completion script: `icsgov completions bash > /etc/bash_completion.d/icsgov`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print a manual page (roff): `icsgov man > icsgov.1 && man -l icsgov.1`, or a
    /// command's own page: `icsgov man validate > icsgov-validate.1`.
    Man {
        /// The command whose page to print; the main page when left out.
        command: Option<String>,
    },
}

#[derive(Debug, clap::Args)]
struct ValidateArgs {
    /// Datasets: `.json`, `.yaml` or `.yml` files, directories (searched recursively for
    /// them), or `-` for standard input (JSON or YAML, recognised by its first character).
    /// `.csv` publications (see `icsgov import`) are imported together as one dataset.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// How to write the diagnostics.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    /// When to colour human output; `auto` colours a terminal unless NO_COLOR is set.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
    /// A policy file (TOML or JSON): rule levels, population ranges, coverage tolerance and
    /// waivers. Without it, the nearest `icsgov.toml` in the current directory or above it
    /// is used, if any.
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
    /// Ignore any `icsgov.toml` found in the current directory or above it.
    #[arg(long, conflicts_with = "policy")]
    isolated: bool,
    /// Check only the structure in force on this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    as_of: Option<Date>,
    /// Count only findings not recorded in this baseline file towards the exit code.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    baseline: Option<PathBuf>,
    /// Record this run's findings as a baseline file; the run then exits 0 unless the input
    /// could not be used.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Fail (exit 1) on warnings as well as errors.
    #[arg(long)]
    deny_warnings: bool,
    /// Human output: print only the findings that count, with no summary.
    #[arg(long, short)]
    quiet: bool,
    /// The date waivers expire against (YYYY-MM-DD); today by default. For reproducible runs.
    #[arg(long, value_name = "DATE")]
    today: Option<Date>,
    /// The heading of `--format summary`.
    #[arg(long, value_name = "TEXT", default_value = "icsgov findings")]
    title: String,
    /// How many examples `--format summary` shows per rule.
    #[arg(long, value_name = "N", default_value_t = 5)]
    examples: usize,
}

#[derive(Debug, clap::Args)]
struct ImportArgs {
    /// The publications' CSV files, in any order; each is recognised by its header or
    /// column layout.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Where to write the dataset (JSON); `-` for standard output.
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
    /// Skip malformed rows, each reported as a warning, instead of stopping at the first.
    #[arg(long)]
    lenient: bool,
    /// Keep closed and dormant GP practices, with their close dates.
    #[arg(long)]
    include_closed: bool,
    /// An earlier import (a dataset): ICBs formed since are linked to the ICBs they succeed,
    /// found by where their sub-ICB locations went, and the earlier ICBs are kept, ending the
    /// day before.
    #[arg(long, value_name = "DATASET")]
    previous: Option<PathBuf>,
    /// The files are publications of different months, each named with its month
    /// (`gp-reg-pat-prac-map_2025-10.csv`): import each month and write one dated history,
    /// where what appears or goes between months starts or ends then. A file with no month
    /// in its name (a lookup) is read with every month.
    #[arg(long, conflicts_with = "previous")]
    history: bool,
}

#[derive(Debug, clap::Args)]
struct GraphArgs {
    /// The dataset (JSON or YAML).
    file: PathBuf,
    /// Mermaid (renders inline on GitHub) or Graphviz DOT.
    #[arg(long, value_enum, default_value_t = GraphFormatArg::Mermaid)]
    format: GraphFormatArg,
    /// Draw only this system or place, what sits within it, and the bodies related to them.
    #[arg(long, value_name = "ID")]
    root: Option<String>,
    /// Draw the structure in force on this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    as_of: Option<Date>,
    /// Draw only these kinds of relationship, such as accountable_to,approves_constitution;
    /// `seats` draws the people on boards and committees (drawn when this is not given).
    #[arg(long, value_name = "KIND,...", value_delimiter = ',')]
    relationships: Option<Vec<String>>,
    /// A policy file, for the findings the drawing highlights.
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
    /// Ignore any `icsgov.toml` found in the current directory or above it.
    #[arg(long, conflicts_with = "policy")]
    isolated: bool,
}

const DIFF_EXIT_CODES: &str = "\
Exit codes:
  0  no change of a kind named by --fail-on (or --fail-on not given)
  1  at least one change of a kind named by --fail-on
  2  a dataset could not be used";

#[derive(Debug, clap::Args)]
struct DiffArgs {
    /// The earlier dataset (JSON or YAML), or a folder of CSV publications to import.
    old: PathBuf,
    /// The later dataset, or a folder of CSV publications.
    new: PathBuf,
    /// How to write the diff.
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    format: DiffFormat,
    /// Compare the structure in force on this date in each (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    as_of: Option<Date>,
    /// Report a population change above this fraction of the earlier figure.
    #[arg(long, default_value_t = 0.05, value_parser = fraction)]
    population_threshold: f64,
    /// Exit 1 when the diff has a change of one of these kinds: added, removed, renamed,
    /// moved, population, relationships, successions, seats, findings-appeared.
    #[arg(long, value_name = "KIND,...", value_delimiter = ',', value_parser = change_kind)]
    fail_on: Vec<icsgov::diff::Change>,
    /// A policy file, for the findings compared.
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
    /// Ignore any `icsgov.toml` found in the current directory or above it.
    #[arg(long, conflicts_with = "policy")]
    isolated: bool,
    /// The heading of `--format markdown`.
    #[arg(long, value_name = "TEXT", default_value = "What changed")]
    title: String,
    /// How many rows `--format markdown` shows per kind of change.
    #[arg(long, value_name = "N", default_value_t = 50)]
    examples: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DiffFormat {
    /// A line per change, for people.
    Human,
    /// The diff as JSON (schemas/diff.schema.json).
    Json,
    /// Markdown tables, for a pull-request comment.
    Markdown,
}

/// A kind of change named on the command line.
fn change_kind(text: &str) -> Result<icsgov::diff::Change, String> {
    icsgov::diff::Change::ALL
        .iter()
        .find(|(_, name)| *name == text)
        .map(|(c, _)| *c)
        .ok_or_else(|| {
            let names: Vec<&str> = icsgov::diff::Change::ALL.iter().map(|(_, n)| *n).collect();
            format!(
                "`{text}` is not a kind of change; expected one of {}",
                names.join(", ")
            )
        })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum GraphFormatArg {
    Mermaid,
    Dot,
}

#[derive(Debug, clap::Args)]
struct ReportArgs {
    /// The dataset (JSON or YAML), or CSV publications to import together.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Where to write the page.
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
    /// Check only the structure in force on this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    as_of: Option<Date>,
    /// A policy file (TOML or JSON); its waivers apply as in `icsgov validate`.
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
    /// Ignore any `icsgov.toml` found in the current directory or above it.
    #[arg(long, conflicts_with = "policy")]
    isolated: bool,
    /// Count only findings not recorded in this baseline file towards the exit code.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Fail (exit 1) on warnings as well as errors.
    #[arg(long)]
    deny_warnings: bool,
    /// The date waivers expire against (YYYY-MM-DD); today by default. For reproducible runs.
    #[arg(long, value_name = "DATE")]
    today: Option<Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    /// Like rustc: file:line:col, the source line with a caret, and a help line.
    Human,
    /// The reports as JSON (schemas/report.schema.json).
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow commands, annotating pull requests.
    Github,
    /// JUnit XML: a test suite per file, a test case per finding (failing for errors) and
    /// a passing one per rule that found nothing.
    Junit,
    /// Markdown: findings by rule with counts and the worst examples (for pull-request
    /// comments and committed pages).
    Summary,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SchemaKind {
    /// Datasets: footprints, bodies and relationships.
    Model,
    /// Policy files.
    Policy,
    /// The JSON report of `validate --format json`.
    Report,
    /// The JSON diff of `diff --format json`.
    Diff,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Validate(args) => match validate(&args) {
            Ok(code) => code,
            Err(message) => {
                eprintln!("error: {}", render::term(&message));
                ExitCode::from(2)
            }
        },
        Command::Import(args) => match import(&args) {
            Ok(code) => code,
            Err(message) => {
                eprintln!("error: {}", render::term(&message));
                ExitCode::from(2)
            }
        },
        Command::Generate {
            bodies,
            violations,
            seed,
            output,
        } => {
            let options = icsgov::generate::GenerateOptions {
                // At most 5,000,000, which fits any target's usize.
                bodies: usize::try_from(bodies).unwrap_or(usize::MAX),
                violations,
                seed,
            };
            let model = icsgov::generate::generate(&options);
            let text = if icsgov::Format::from_path(&output) == icsgov::Format::Yaml {
                match model.to_yaml_string() {
                    Ok(t) => t,
                    Err(e) => {
                        eprintln!("error: {}", render::term(&e.to_string()));
                        return ExitCode::from(2);
                    }
                }
            } else {
                model.to_json_string()
            };
            if output.as_os_str() == "-" {
                return output::print(&text);
            }
            match output::write_file(&output, &text, "dataset", &[]) {
                Ok(()) => ExitCode::SUCCESS,
                Err(message) => {
                    eprintln!("error: {}", render::term(&message));
                    ExitCode::from(2)
                }
            }
        }
        Command::Diff(args) => match diff(&args) {
            Ok(code) => code,
            Err(message) => {
                eprintln!("error: {}", render::term(&message));
                ExitCode::from(2)
            }
        },
        Command::Graph(args) => match graph(&args) {
            Ok(text) => output::print(&text),
            Err(message) => {
                eprintln!("error: {}", render::term(&message));
                ExitCode::from(2)
            }
        },
        Command::Report(args) => match report(&args) {
            Ok(code) => code,
            Err(message) => {
                eprintln!("error: {}", render::term(&message));
                ExitCode::from(2)
            }
        },
        Command::Rules => output::print(&render::rules_table()),
        Command::Policy {
            show,
            policy,
            isolated,
        } => match show_policy(show, policy.as_deref(), isolated) {
            Ok(text) => output::print(&text),
            Err(message) => {
                eprintln!("error: {}", render::term(&message));
                ExitCode::from(2)
            }
        },
        Command::Explain { rule } => match icsgov::rules::find(&rule) {
            Some(r) => output::print(&render::explain(r)),
            None => {
                eprintln!(
                    "error: no rule has the code or name `{}`; `icsgov rules` lists them",
                    render::term(&rule)
                );
                ExitCode::from(2)
            }
        },
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "icsgov", &mut script);
            output::print(&String::from_utf8_lossy(&script))
        }
        Command::Man { command } => {
            let mut page = Vec::new();
            let mut cli = Cli::command();
            cli.build();
            let cmd = match &command {
                None => cli,
                Some(name) => match cli.find_subcommand(name) {
                    // Named as `man` will look it up: icsgov-validate(1).
                    Some(sub) => sub.clone().name(format!("icsgov-{name}")),
                    None => {
                        eprintln!(
                            "error: no command `{}`; `icsgov --help` lists them",
                            render::term(name)
                        );
                        return ExitCode::from(2);
                    }
                },
            };
            match clap_mangen::Man::new(cmd).render(&mut page) {
                Ok(()) => output::print(&String::from_utf8_lossy(&page)),
                Err(e) => {
                    eprintln!("error: cannot write the manual page: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Schema { which } => {
            let kind = match which {
                SchemaKind::Model => icsgov::schema::Kind::Model,
                SchemaKind::Policy => icsgov::schema::Kind::Policy,
                SchemaKind::Report => icsgov::schema::Kind::Report,
                SchemaKind::Diff => icsgov::schema::Kind::Diff,
            };
            output::print(&icsgov::schema::schema_text(kind))
        }
    }
}

/// A fraction from 0 to 1, written as a decimal number.
fn fraction(text: &str) -> Result<f64, String> {
    let v: f64 = text
        .parse()
        .map_err(|_| format!("`{text}` is not a number; expected a fraction from 0 to 1"))?;
    if (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("{text} is not a fraction from 0 to 1"))
    }
}

fn import(args: &ImportArgs) -> Result<ExitCode, String> {
    let options = icsgov::import::ImportOptions {
        lenient: args.lenient,
        include_closed: args.include_closed,
    };
    let (model, notes) = if args.history {
        let h = icsgov::import::import_history(&args.files, &options).map_err(|e| e.to_string())?;
        for m in &h.months {
            eprintln!(
                "{}: {}",
                &m.from.to_string()[..7],
                render::term(&m.files.join(", "))
            );
        }
        (h.model, h.notes)
    } else {
        let mut imported =
            icsgov::import::import_paths(&args.files, &options).map_err(|e| e.to_string())?;
        if let Some(previous) = &args.previous {
            link_previous(previous, &mut imported.model)?;
        }
        for (file, kind, rows) in &imported.files {
            eprintln!("{}: {} ({rows} rows)", render::term(file), kind.describe());
        }
        (imported.model, imported.notes)
    };
    for n in &notes {
        match n.line {
            Some(line) => eprintln!(
                "warning: {}:{line}: {}",
                render::term(&n.file),
                render::term(&n.message)
            ),
            None => eprintln!(
                "note: {}: {}",
                render::term(&n.file),
                render::term(&n.message)
            ),
        }
    }
    eprintln!(
        "imported {} footprints, {} bodies, {} relationships",
        model.footprints.len(),
        model.bodies.len(),
        model.relationships.len()
    );
    let text = model.to_json_string();
    if args.output.as_os_str() == "-" {
        Ok(output::print(&text))
    } else {
        let mut inputs = args.files.clone();
        inputs.extend(args.previous.iter().cloned());
        output::write_file(&args.output, &text, "dataset", &inputs)?;
        Ok(ExitCode::SUCCESS)
    }
}

/// `import --previous`: links `model` to the earlier import at `previous`, saying which ICBs
/// succeed which.
fn link_previous(previous: &std::path::Path, model: &mut icsgov::Model) -> Result<(), String> {
    let earlier = icsgov::Model::from_path(previous).map_err(|e| e.to_string())?;
    let found = icsgov::import::link_previous(&earlier, model);
    for s in &found {
        let from: Vec<&str> = s.predecessors.iter().map(|p| p.as_str()).collect();
        let moved: Vec<String> = s
            .moved
            .iter()
            .map(|(l, o)| format!("{l} from {o}"))
            .collect();
        eprintln!(
            "succession: {} → {} on {} (sub-ICB locations {})",
            render::term(&from.join(", ")),
            render::term(s.successor.as_str()),
            s.on,
            render::term(&moved.join(", "))
        );
    }
    if found.is_empty() {
        eprintln!(
            "note: {}: no ICB here succeeds one of the earlier import's",
            render::term(&previous.display().to_string())
        );
    }
    Ok(())
}

/// A dataset, or a folder of CSV publications imported together.
fn read_dataset(path: &std::path::Path) -> Result<icsgov::Model, String> {
    if path.is_dir() {
        let mut csvs: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| format!("{}: cannot read the folder: {e}", path.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")))
            .collect();
        csvs.sort();
        if csvs.is_empty() {
            return Err(format!(
                "{}: a folder given to diff must hold CSV publications; it has none",
                path.display()
            ));
        }
        let imported =
            icsgov::import::import_paths(&csvs, &icsgov::import::ImportOptions::default())
                .map_err(|e| e.to_string())?;
        return Ok(imported.model);
    }
    icsgov::Model::from_path(path).map_err(|e| e.to_string())
}

fn diff(args: &DiffArgs) -> Result<ExitCode, String> {
    let (policy, _) = policy_file::load(args.policy.as_deref(), args.isolated)?;
    let old = read_dataset(&args.old)?;
    let new = read_dataset(&args.new)?;
    let options = icsgov::diff::DiffOptions {
        as_of: args.as_of,
        population_threshold: args.population_threshold,
    };
    let d = icsgov::diff::diff(&old, &new, &policy, &options);
    let text = match args.format {
        DiffFormat::Human => render::diff(&d),
        DiffFormat::Json => d.to_json_string(),
        DiffFormat::Markdown => d.to_markdown(&args.title, args.examples),
    };
    let printed = output::print(&text);
    if printed != ExitCode::SUCCESS {
        return Ok(printed);
    }
    Ok(if args.fail_on.iter().any(|k| d.has(*k)) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn graph(args: &GraphArgs) -> Result<String, String> {
    let (policy, _) = policy_file::load(args.policy.as_deref(), args.isolated)?;
    let mut model = icsgov::Model::from_path(&args.file).map_err(|e| e.to_string())?;
    if let Some(d) = args.as_of {
        model = model.snapshot(d);
    }
    let today = today().ok_or("cannot tell today's date")?;
    let run = Check::new(&policy, today)
        .as_of(args.as_of)
        .run([(args.file.display().to_string(), &model)], None);
    let report = &run.reports.files[0].report;
    let seats = args
        .relationships
        .as_ref()
        .is_none_or(|names| names.iter().any(|n| n == "seats"));
    let relationships = match &args.relationships {
        None => None,
        Some(names) => Some(
            names
                .iter()
                .filter(|n| *n != "seats")
                .map(|n| {
                    n.parse::<icsgov::RelationshipKind>()
                        .map_err(|e| format!("{e}, or seats"))
                })
                .collect::<Result<Vec<_>, _>>()?,
        ),
    };
    let options = icsgov::graph::GraphOptions {
        root: args.root.clone(),
        relationships,
        seats,
    };
    let format = match args.format {
        GraphFormatArg::Mermaid => icsgov::graph::GraphFormat::Mermaid,
        GraphFormatArg::Dot => icsgov::graph::GraphFormat::Dot,
    };
    icsgov::graph::render(&model, Some(report), format, &options)
        .map_err(|e| e.message().to_owned())
}

fn report(args: &ReportArgs) -> Result<ExitCode, String> {
    let s = setup(
        args.isolated,
        args.policy.as_deref(),
        args.baseline.as_deref(),
        args.today,
    )?;
    let (mut datasets, unusable) = inputs::read_all(&args.files, false);
    if !unusable.is_empty() || datasets.len() != 1 {
        return Err(if let Some(u) = unusable.first() {
            for other in &unusable[1..] {
                eprintln!("error: {}", render::term(&other.error.to_string()));
            }
            u.error.to_string()
        } else {
            format!(
                "give one dataset (or one set of CSV publications); found {}",
                datasets.len()
            )
        });
    }
    let (source, model) = datasets.remove(0);
    let run = Check::new(&s.policy, s.today)
        .as_of(args.as_of)
        .baseline(s.baseline.as_ref())
        .deny_warnings(args.deny_warnings)
        .run(
            [(source.name.clone(), &model)],
            s.policy_source.as_ref().map(|s| s.name.as_str()),
        );
    let about_policy = run.reports.files.get(1).map(|f| &f.report);
    let page = html::page(
        &source.name,
        &model,
        &run.reports.files[0].report,
        about_policy,
        &s.policy,
    );
    let mut inputs = args.files.clone();
    inputs.extend(args.policy.iter().cloned());
    inputs.extend(args.baseline.iter().cloned());
    output::write_file(&args.output, &page, "report", &inputs)?;
    Ok(ExitCode::from(run.outcome().exit_code()))
}

/// What `validate` and `report` read before they check: the policy (with its file), the
/// baseline and the date waivers expire against.
struct Setup {
    policy: icsgov::Policy,
    policy_source: Option<Source>,
    baseline: Option<Baseline>,
    today: Date,
}

fn setup(
    isolated: bool,
    policy: Option<&std::path::Path>,
    baseline: Option<&std::path::Path>,
    today_given: Option<Date>,
) -> Result<Setup, String> {
    let (policy, policy_source) = policy_file::load(policy, isolated)?;
    let baseline = read_baseline(baseline)?;
    let today = today_given
        .or_else(today)
        .ok_or("cannot tell today's date; pass --today")?;
    Ok(Setup {
        policy,
        policy_source,
        baseline,
        today,
    })
}

/// `icsgov policy`: which policy applies here, and with `--show` the whole of it as TOML.
fn show_policy(
    show: bool,
    named: Option<&std::path::Path>,
    isolated: bool,
) -> Result<String, String> {
    let chosen = policy_file::choose(named, isolated);
    let from = match &chosen {
        Some(p) => format!("the policy in {}", p.display()),
        None => "the default policy (no icsgov.toml here or above)".to_owned(),
    };
    if !show {
        return Ok(format!("{from}\n"));
    }
    let policy = match &chosen {
        Some(p) => policy_file::load(Some(p), false)?.0,
        None => icsgov::Policy::default(),
    };
    let text = policy.to_toml_string().map_err(|e| e.to_string())?;
    let end = if text.ends_with('\n') { "" } else { "\n" };
    Ok(format!(
        "#:schema {}policy.schema.json\n# The effective policy: {from}.\n{text}{end}",
        icsgov::schema::BASE_URI
    ))
}

fn read_baseline(path: Option<&std::path::Path>) -> Result<Option<Baseline>, String> {
    let Some(path) = path else { return Ok(None) };
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read the baseline: {e}", path.display()))?;
    Baseline::from_json_str(&text)
        .map(Some)
        .map_err(|e| e.with_file(path).to_string())
}

/// Under GitHub Actions (`GITHUB_STEP_SUMMARY` set), appends the findings by rule as
/// Markdown to the step summary, where every finding is counted, not only the annotated ones.
/// A summary that cannot be written is a warning: the findings are in the output regardless.
fn step_summary(reports: &icsgov::Reports, title: &str, examples: usize, inputs: &[PathBuf]) {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return;
    };
    let path = PathBuf::from(path);
    let markdown = icsgov::summary::markdown(reports, title, examples);
    let written = if output::is_an_input(&path, inputs) {
        Err(std::io::Error::other("it is one of the inputs"))
    } else {
        std::fs::OpenOptions::new()
            .append(true)
            .create(true)
            .open(&path)
            .and_then(|mut f| f.write_all(format!("{markdown}\n").as_bytes()))
    };
    if let Err(e) = written {
        eprintln!(
            "warning: the step summary {} was not written: {}",
            render::term(&path.display().to_string()),
            render::term(&e.to_string())
        );
    }
}

fn today() -> Option<Date> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    Date::from_unix_days(i64::try_from(secs / 86_400).ok()?)
}

/// Runs `validate`; `Err` is a message for input that could not be used (exit 2).
fn validate(args: &ValidateArgs) -> Result<ExitCode, String> {
    let s = setup(
        args.isolated,
        args.policy.as_deref(),
        args.baseline.as_deref(),
        args.today,
    )?;

    let (datasets, unusable) = inputs::read_all(&args.paths, args.format != OutputFormat::Json);
    // Each unusable input is a finding (ICS000) in the output, whatever its format; standard
    // error says it too, for a log that keeps only that.
    for u in &unusable {
        eprintln!("error: {}", render::term(&u.error.to_string()));
    }
    let mut run = Check::new(&s.policy, s.today)
        .as_of(args.as_of)
        .baseline(s.baseline.as_ref())
        .deny_warnings(args.deny_warnings)
        .run(
            datasets
                .iter()
                .map(|(source, model)| (source.name.clone(), model)),
            s.policy_source.as_ref().map(|s| s.name.as_str()),
        );
    for u in &unusable {
        run = run.with_unusable_input(u.file.clone(), &u.error);
    }
    let mut sources: Vec<Source> = datasets.into_iter().map(|(source, _)| source).collect();
    sources.extend(unusable.iter().filter_map(inputs::Unusable::source));
    // Findings about the waivers are placed in the policy file.
    sources.extend(s.policy_source);
    if let Some(path) = &args.write_baseline {
        // A baseline records every finding; from a run that could not read an input it would
        // silently drop that input's findings, so it is not written.
        let written =
            if run.unusable > 0 {
                Err(format!(
                "{}: the baseline was not written, because {} could not be used; fix that first",
                path.display(),
                if run.unusable == 1 { "an input" } else { "some inputs" }
            ))
            } else {
                let mut inputs = args.paths.clone();
                inputs.extend(args.policy.iter().cloned());
                let text = Baseline::of(&run.reports).to_json_string();
                output::write_file(path, &text, "baseline", &inputs)
            };
        if let Err(message) = written {
            eprintln!("error: {}", render::term(&message));
            run = run.with_unusable(1);
        }
    }

    let reports = &run.reports;
    let out = match args.format {
        OutputFormat::Human => render::human(reports, &sources, run.unusable, args.quiet),
        OutputFormat::Json => reports.to_json_string(),
        OutputFormat::Sarif => sarif::sarif(reports, &sources, run.unusable),
        OutputFormat::Github => render::github(reports, &sources),
        OutputFormat::Junit => junit::junit(
            reports,
            &sources,
            args.deny_warnings,
            args.as_of.unwrap_or(s.today),
        ),
        OutputFormat::Summary => {
            let title = match args.as_of {
                Some(d) => format!("{} (as of {d})", args.title),
                None => args.title.clone(),
            };
            icsgov::summary::markdown(reports, &title, args.examples)
        }
    };
    if args.format == OutputFormat::Github {
        step_summary(&run.reports, &args.title, args.examples, &args.paths);
    }
    let choice = match args.color {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    };
    let mut stdout = anstream::AutoStream::new(std::io::stdout().lock(), choice);
    match stdout
        .write_all(out.as_bytes())
        .and_then(|_| stdout.flush())
    {
        // A reader that stops early (`icsgov validate ... | head`) changes nothing.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            return Err(format!("cannot write the report: {e}"));
        }
        _ => {}
    }

    // Recording a baseline accepts every finding: only an unusable input fails the run.
    Ok(match run.outcome() {
        Outcome::Findings if args.write_baseline.is_some() => ExitCode::SUCCESS,
        outcome => ExitCode::from(outcome.exit_code()),
    })
}
