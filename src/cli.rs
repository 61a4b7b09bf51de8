//! The command line: parse options, run the pipeline, write the output.
//!
//! Exit codes (documented in the README): 0 success; 2 an input error (a problem in a scenario
//! or assumption file, or in the command line); 1 any other failure.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use crate::input::InputError;
use crate::ledger;
use crate::model::Model;
use crate::report::{self, LedgerFilter, RunReport};

#[derive(Debug, Parser)]
#[command(
    name = "somsim",
    version,
    about = "Social-investment cost-benefit modelling (SØM-style): exact ledger and Monte Carlo",
    long_about = "Social-investment cost-benefit modelling in the style of the Danish SØM model.\n\nDescribe an investment in a YAML scenario, then see who pays, who saves, when, and how sure we are.\n\nExit codes: 0 success, 2 input error (scenario, assumption file or command line), 1 other failure."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a scenario: the base case per payer and perspective.
    Run(RunArgs),
    /// Check scenario and assumption files without running them.
    Validate {
        /// Files to check (scenarios or assumption files).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print the JSON Schema of scenario files (or of assumption files), for editors.
    Schema {
        /// The schema of assumption files instead.
        #[arg(long)]
        assumptions: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
}

#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// The scenario file.
    pub file: PathBuf,
    /// Add the year-by-year ledger (in CSV: output the ledger rows instead of the summary).
    #[arg(long)]
    pub ledger: bool,
    /// Only this municipality's rows in the ledger.
    #[arg(long, value_name = "NAME", requires = "ledger")]
    pub municipality: Option<String>,
    /// Only this payer's rows in the ledger.
    #[arg(long, value_name = "NAME", requires = "ledger")]
    pub payer: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Write the output here instead of standard output (`-`: standard output). The file is
    /// written only when the run succeeds.
    #[arg(long, short, value_name = "PATH")]
    pub output: Option<PathBuf>,
}

/// A failure, sorted by who can fix it.
#[derive(Debug)]
pub enum Failure {
    /// The person's input: a file or an option. Exit code 2.
    Input(String),
    /// Anything else. Exit code 1.
    Other(anyhow::Error),
}

impl Failure {
    pub fn exit_code(&self) -> i32 {
        match self {
            Failure::Input(_) => 2,
            Failure::Other(_) => 1,
        }
    }
}

impl From<InputError> for Failure {
    fn from(e: InputError) -> Self {
        Failure::Input(e.to_string())
    }
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure::Other(e)
    }
}

/// Where output goes. A file is written to a temporary name beside it and renamed into place
/// when complete, so a failed run never leaves a half-written file; the destination is checked
/// before any work, so a bad path fails at once.
pub struct Output {
    target: Option<PathBuf>,
}

impl Output {
    pub fn open(path: Option<&Path>) -> Result<Output, Failure> {
        let target = match path {
            None => None,
            Some(p) if p.as_os_str() == "-" => None,
            Some(p) => {
                let dir = match p.parent() {
                    Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
                    _ => PathBuf::from("."),
                };
                if !dir.is_dir() {
                    return Err(Failure::Input(format!(
                        "error: --output {}: the folder {} does not exist",
                        p.display(),
                        dir.display()
                    )));
                }
                if p.is_dir() {
                    return Err(Failure::Input(format!(
                        "error: --output {}: is a folder; give a file name",
                        p.display()
                    )));
                }
                Some(p.to_owned())
            }
        };
        Ok(Output { target })
    }

    pub fn write(&self, content: &str) -> Result<(), Failure> {
        match &self.target {
            None => {
                let mut out = std::io::stdout().lock();
                match out.write_all(content.as_bytes()).and_then(|_| out.flush()) {
                    Ok(()) => Ok(()),
                    // A closed pipe (`somsim run x | head`) is not a failure.
                    Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                    Err(e) => Err(Failure::Other(anyhow::anyhow!("writing output: {e}"))),
                }
            }
            Some(path) => write_atomic(path, content.as_bytes())
                .map_err(|e| Failure::Other(anyhow::anyhow!("writing {}: {e}", path.display()))),
        }
    }
}

/// Write to `path` through a temporary file in the same folder, renamed into place.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Run the command line. `main` only prints the failure and picks the exit code.
pub fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Run(args) => run_scenario(&args),
        Command::Validate { files } => validate(&files),
        Command::Schema { assumptions } => {
            let schema = if assumptions {
                crate::input::schema::assumption_schema()
            } else {
                crate::input::schema::scenario_schema()
            };
            Output::open(None)?.write(&report::json::render(&schema))
        }
    }
}

fn run_scenario(args: &RunArgs) -> Result<(), Failure> {
    let output = Output::open(args.output.as_deref())?;
    let model = Model::load(&args.file)?;
    let filter = LedgerFilter {
        municipality: args.municipality.clone(),
        payer: args.payer.clone(),
    };
    check_filter(&model, &filter)?;
    let ledger = ledger::compute(&model);
    let report = RunReport::new(&model, &ledger);
    let text = match args.format {
        Format::Table => report::table::render(&report, args.ledger.then_some(&filter)),
        Format::Json => report::json::render(&report),
        Format::Csv if args.ledger => report::csv::ledger(&report, &filter),
        Format::Csv => report::csv::summary(&report),
    };
    output.write(&text)
}

fn check_filter(model: &Model, f: &LedgerFilter) -> Result<(), Failure> {
    use crate::input::diag::one_of;
    if let Some(m) = &f.municipality {
        let mut names: Vec<&str> = model
            .municipalities
            .iter()
            .map(|m| m.name.as_str())
            .collect();
        names.push(report::NATIONAL);
        if !names.contains(&m.as_str()) {
            return Err(Failure::Input(format!(
                "error: --municipality {m}: not in the scenario; expected {}",
                one_of(&names)
            )));
        }
    }
    if let Some(p) = &f.payer
        && model.payer_id(p).is_none()
    {
        return Err(Failure::Input(format!(
            "error: --payer {p}: not a payer of the scenario; expected {}",
            one_of(&model.payers)
        )));
    }
    Ok(())
}

fn validate(files: &[PathBuf]) -> Result<(), Failure> {
    let mut failed = 0;
    let mut out = String::new();
    for path in files {
        let result = match crate::input::read_text(path) {
            Ok(text) if crate::input::looks_like_assumptions(&text) => {
                Model::check_assumption_file(path).map(|n| format!("assumption file, {n} assumptions"))
            }
            Ok(_) => Model::load(path).map(|m| {
                format!(
                    "scenario, {} municipalities, {} cost lines, {} transfers, {} outcomes, {} uncertain inputs",
                    m.municipalities.len(),
                    m.costs.len(),
                    m.transfers.len(),
                    m.outcomes.len(),
                    m.inputs.len()
                )
            }),
            Err(e) => Err(e),
        };
        match result {
            Ok(summary) => out.push_str(&format!("ok: {} ({summary})\n", path.display())),
            Err(e) => {
                failed += 1;
                eprintln!("{e}");
            }
        }
    }
    Output::open(None)?.write(&out)?;
    if failed > 0 {
        return Err(Failure::Input(format!(
            "{failed} of {} files have errors",
            files.len()
        )));
    }
    Ok(())
}
