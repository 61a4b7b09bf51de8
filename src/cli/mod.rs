//! The command line: parse options, run the pipeline, write the output.
//!
//! Exit codes (documented in the README): 0 success; 2 an input error (a problem in a scenario
//! or assumption file, or in the command line); 1 any other failure.

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use crate::input::InputError;
use crate::kernel::Plan;
use crate::model::Model;
use crate::report::{self, LedgerFilter, RunReport};
use crate::sampler::Layout;
use crate::{ledger, montecarlo};

mod analysis;
mod batch;
pub mod output;

pub use output::Output;

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
    /// Run a scenario: the exact base case, then a Monte Carlo, per payer and perspective.
    Run(RunArgs),
    /// Compare scenarios side by side, with paired differences from the first.
    Compare(analysis::CompareArgs),
    /// What drives a scenario's result: tornado, rank correlations, switching values, EVPI.
    Sensitivity(analysis::SensitivityArgs),
    /// Run many scenarios and variants (--set, --sweep) for scripts: one row each.
    Batch(batch::BatchArgs),
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
    /// List the assumptions used, with their sources (table format; JSON always has them).
    #[arg(long)]
    pub sources: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Write the output here instead of standard output (`-`: standard output). The file is
    /// written only when the run succeeds.
    #[arg(long, short, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Monte Carlo trials. Default: 10,000 when the scenario has uncertain inputs; 0 runs the
    /// base case only.
    #[arg(long, value_name = "N")]
    pub trials: Option<usize>,
    /// Random seed. The same seed gives the same results on any machine and thread count.
    #[arg(long, value_name = "S", default_value_t = montecarlo::DEFAULT_SEED)]
    pub seed: u64,
    /// Worker threads (default: all cores, or RAYON_NUM_THREADS). Results do not depend on it.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Add batches of 10,000 trials until the standard error of P(NPV > 0), and of the mean
    /// NPV relative to max(|mean|, sd), are below X for every perspective (e.g. 0.005).
    #[arg(long, value_name = "X", conflicts_with = "trials")]
    pub precision: Option<f64>,
    /// The trial cap for --precision.
    #[arg(
        long,
        value_name = "N",
        default_value_t = 1_000_000,
        requires = "precision"
    )]
    pub max_trials: usize,
    /// Write every trial's drawn inputs and results to this CSV file.
    #[arg(long, value_name = "PATH")]
    pub samples: Option<PathBuf>,
    #[command(flatten)]
    pub edit: EditArgs,
}

/// Changes to scenarios on the command line.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct EditArgs {
    /// Change an input before running: PATH=VALUE, e.g. `bed_day_effect=-0.05` or
    /// `costs[coordinator].unit_cost={pert: [380000, 400000, 460000]}` (repeatable; paths in
    /// docs/batch.md).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub set: Vec<String>,
}

impl EditArgs {
    pub fn settings(&self) -> Result<Vec<crate::input::edit::Setting>, Failure> {
        self.set
            .iter()
            .map(|s| crate::input::edit::Setting::parse(s).map_err(Failure::from))
            .collect()
    }
}

/// Monte Carlo options shared by compare, sensitivity and batch.
#[derive(Debug, Clone, clap::Args)]
pub struct McArgs {
    /// Monte Carlo trials.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_TRIALS)]
    pub trials: usize,
    /// Random seed.
    #[arg(long, value_name = "S", default_value_t = montecarlo::DEFAULT_SEED)]
    pub seed: u64,
    /// Worker threads (default: all cores, or RAYON_NUM_THREADS). Results do not depend on it.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
}

impl McArgs {
    fn check(&self, least: usize) -> Result<(), Failure> {
        if self.trials < least || self.trials > MAX_TRIALS {
            return Err(usage(format!(
                "--trials {}: expected from {least} to {MAX_TRIALS}",
                self.trials
            )));
        }
        note_few_trials(self.trials);
        if self.threads == Some(0) {
            return Err(usage("--threads 0: expected at least 1 thread".into()));
        }
        Ok(())
    }
}

/// Output options shared by every command.
#[derive(Debug, Clone, clap::Args)]
pub struct OutArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Write the output here instead of standard output (`-`: standard output).
    #[arg(long, short, value_name = "PATH")]
    pub output: Option<PathBuf>,
}

/// Read a scenario, apply `--set` changes, and validate it.
pub fn load_model(path: &Path, edit: &EditArgs) -> Result<Model, Failure> {
    let settings = edit.settings()?;
    let mut loaded = crate::input::load(path)?;
    crate::input::edit::apply(&mut loaded, &settings)?;
    Ok(Model::from_loaded(&loaded)?)
}

/// Below this many trials a command warns that its probabilities are rough.
pub const FEW_TRIALS: usize = 1_000;

/// Warn (standard error) when `n` trials are too few for probabilities worth reporting.
pub(crate) fn note_few_trials(n: usize) {
    if n > 0 && n < FEW_TRIALS {
        eprintln!(
            "warning: {n} trials: a probability near 0.5 is uncertain by ±{:.2} (one standard error); use at least {FEW_TRIALS} trials for results to report",
            0.5 / (n as f64).sqrt()
        );
    }
}

/// Trials run when a scenario has uncertain inputs and `--trials` is not given.
pub const DEFAULT_TRIALS: usize = 10_000;

/// The largest number of trials one run may keep (memory: see `montecarlo`).
pub const MAX_TRIALS: usize = 50_000_000;

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

/// Run the command line. `main` only prints the failure and picks the exit code.
pub fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Run(args) => run_scenario(&args),
        Command::Compare(args) => analysis::compare(&args),
        Command::Sensitivity(args) => analysis::sensitivity(&args),
        Command::Batch(args) => batch::batch(&args),
        Command::Validate { files } => validate(&files),
        Command::Schema { assumptions } => {
            let schema = if assumptions {
                crate::input::schema::assumption_schema()
            } else {
                crate::input::schema::scenario_schema()
            };
            Output::stdout().write(&report::json::render(&schema))
        }
    }
}

pub(crate) fn usage(msg: String) -> Failure {
    Failure::Input(format!("error: {msg}"))
}

fn check_run_args(args: &RunArgs) -> Result<(), Failure> {
    if let Some(x) = args.precision
        && !(x > 0.0 && x < 1.0)
    {
        return Err(usage(format!(
            "--precision {x}: expected a standard error between 0 and 1, e.g. 0.005"
        )));
    }
    if args.threads == Some(0) {
        return Err(usage("--threads 0: expected at least 1 thread".into()));
    }
    let most = args.trials.unwrap_or(0).max(if args.precision.is_some() {
        args.max_trials
    } else {
        0
    });
    if most > MAX_TRIALS {
        return Err(usage(format!(
            "{most} trials: at most {MAX_TRIALS} per run (use --precision to stop when precise enough)"
        )));
    }
    if args.precision.is_some() && args.max_trials < montecarlo::BATCH {
        return Err(usage(format!(
            "--max-trials {}: expected at least one batch of {} trials",
            args.max_trials,
            montecarlo::BATCH
        )));
    }
    Ok(())
}

/// A progress bar on standard error, only when it is a terminal.
fn progress_bar() -> impl Fn(usize, usize) + Sync {
    use std::io::IsTerminal;
    let show = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    move |done: usize, total: usize| {
        if !show || total <= montecarlo::BATCH {
            return;
        }
        let width = 30;
        let filled = (done * width / total.max(1)).min(width);
        eprint!(
            "\r  Monte Carlo [{}{}] {:>3}%  {done}/{total} trials ",
            "#".repeat(filled),
            ".".repeat(width - filled),
            done * 100 / total.max(1)
        );
        if done >= total {
            eprint!("\r{}\r", " ".repeat(width + 60));
        }
    }
}

/// The most worker threads a run starts: four per core. More only cost time to create (10,000
/// threads take half a minute), and results do not depend on the count.
pub fn max_threads() -> usize {
    4 * std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Run `f` on `threads` threads (at most [`max_threads`], with a notice), or on rayon's
/// default pool.
pub(crate) fn with_threads<T: Send>(
    threads: Option<usize>,
    f: impl FnOnce() -> T + Send,
) -> Result<T, Failure> {
    let most = max_threads();
    let threads = threads.map(|n| {
        if n > most {
            eprintln!(
                "note: --threads {n} is more than this machine can use; running {most} threads (4 per core). Results do not depend on the thread count."
            );
        }
        n.min(most)
    });
    match threads {
        None => Ok(f()),
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map(|pool| pool.install(f))
            .map_err(|e| Failure::Other(anyhow::anyhow!("starting worker threads: {e}"))),
    }
}

fn run_scenario(args: &RunArgs) -> Result<(), Failure> {
    check_run_args(args)?;
    let output = Output::open(args.output.as_deref(), "--output")?;
    let samples_output = args
        .samples
        .as_deref()
        .map(|p| Output::open(Some(p), "--samples"))
        .transpose()?;
    let model = load_model(&args.file, &args.edit)?;
    let outputs: Vec<&Output> = std::iter::once(&output).chain(&samples_output).collect();
    for o in &outputs {
        o.refuse_inputs(&model.files, &outputs)?;
    }
    let filter = LedgerFilter {
        municipality: args.municipality.clone(),
        payer: args.payer.clone(),
    };
    check_filter(&model, &filter)?;
    let ledger = ledger::compute(&model).map_err(InputError::from)?;
    let mut report = RunReport::new(&model, &ledger);
    let stop = match (args.precision, args.trials) {
        (Some(target), _) => Some(montecarlo::Stop::Precision {
            target,
            max_trials: args.max_trials,
        }),
        (None, Some(0)) => None,
        (None, Some(n)) => {
            note_few_trials(n);
            Some(montecarlo::Stop::Trials(n))
        }
        (None, None) if model.is_uncertain() => Some(montecarlo::Stop::Trials(DEFAULT_TRIALS)),
        (None, None) => None,
    };
    let mut pending = Vec::new();
    if let Some(stop) = stop {
        let layout = Layout::new(&model);
        let plan = Plan::new(&model, &layout);
        let progress = progress_bar();
        let (outputs, precision, summary) = with_threads(args.threads, || {
            let (outputs, precision) = montecarlo::run(&plan, &layout, args.seed, stop, &progress);
            let summary = montecarlo::summarize(&outputs, model.horizon);
            (outputs, precision, summary)
        })?;
        report = report.with_monte_carlo(&model, args.seed, &summary, precision);
        if let Some(out) = &samples_output {
            // Streamed row by row: the file is never held in memory whole.
            let columns = layout.column_names(&model);
            let draw = |i: usize, buf: &mut [f64]| layout.fill(args.seed, i as u64, buf);
            pending.extend(
                out.write_with(|w| report::samples::write(w, &model, &columns, draw, &outputs))?,
            );
        }
    } else if args.samples.is_some() {
        return Err(usage(
            "--samples: no Monte Carlo ran (the scenario has no uncertain inputs, or --trials 0)"
                .into(),
        ));
    }
    let text = match args.format {
        Format::Table => {
            report::table::render(&report, args.ledger.then_some(&filter), args.sources)
        }
        Format::Json => report::json::render(&report),
        Format::Csv if args.ledger => report::csv::ledger(&report, &filter),
        Format::Csv => report::csv::summary(&report),
    };
    pending.extend(output.write_with(|w| w.write_all(text.as_bytes()))?);
    output::commit(pending)
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
            // The exact ledger too: amounts too large to compute are an input error.
            Ok(_) => Model::load(path)
                .and_then(|m| ledger::compute(&m).map(|_| m).map_err(InputError::from))
                .map(|m| {
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
                eprintln!("{}", crate::report::format::printable(&e.to_string()));
            }
        }
    }
    Output::stdout().write(&out)?;
    if failed > 0 {
        return Err(Failure::Input(format!(
            "{failed} of {} files have errors",
            files.len()
        )));
    }
    Ok(())
}
