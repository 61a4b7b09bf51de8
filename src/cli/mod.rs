//! The command line: parse options, run the pipeline, write the output.
//!
//! `args` mirrors the options; each command is one file that reads as its pipeline (`run`,
//! `compare`, `sensitivity`, `batch`, `validate`); `output` owns every destination. This file
//! holds what they share: loading a model, the failure kinds, the thread pool.
//!
//! Exit codes (documented in `docs/guide.md`): 0 success; 2 an input error (a problem in a
//! scenario or assumption file, or in the command line); 1 any other failure.

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use crate::analysis::{Analysis, Request, RunResults};
use crate::input::InputError;
use crate::input::diag::{error_word, one_of};
use crate::lang::{Lang, Message, Num, msg};
use crate::model::Model;
use crate::report;
use crate::report::format::printable;

mod args;
mod batch;
mod compare;
mod deal;
mod memory;
mod merge;
mod new;
pub mod output;
mod page;
mod portfolio;
mod run;
mod sensitivity;
mod settle;
mod validate;

pub use args::{EditArgs, Format, McArgs, OutArgs, RunArgs};
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
    Compare(compare::CompareArgs),
    /// What drives a scenario's result: tornado, rank correlations, switching values, EVPI.
    Sensitivity(sensitivity::SensitivityArgs),
    /// A report for the people who decide: one self-contained HTML page with charts, in Danish
    /// or English, printable to A4.
    Report(page::ReportArgs),
    /// Run many scenarios and variants (--set, --sweep) for scripts: one row each.
    Batch(batch::BatchArgs),
    /// Put the shards of a sharded batch (`batch --shard K/N`) together: exactly the output of
    /// one unsharded run.
    Merge(merge::MergeArgs),
    /// A contract's deal space: its terms varied over a grid, each combination settled on the
    /// same trials, with the prices both sides accept.
    Deal(deal::DealArgs),
    /// Settle a contract on actual data: the statement of the years observed (what is due
    /// and paid, per payer, to the øre) and the forecast of the end of the term given the data.
    Settle(settle::SettleArgs),
    /// A portfolio of contracts on common random numbers, and the revolving fund that
    /// finances them: its balance by year, P(exhausted), the contracts and completers it
    /// finances, its return.
    Portfolio(portfolio::PortfolioArgs),
    /// Write a starter scenario for your kommune (or several) and an operating model, sized
    /// from the shipped municipality table; it validates and runs as written.
    New(new::NewArgs),
    /// Check scenario and assumption files without running them.
    Validate {
        /// Files to check (scenarios or assumption files).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The language of the messages: Danish or English.
        #[arg(long, value_enum, env = "SOMSIM_LANG", default_value_t = Lang::En)]
        lang: Lang,
    },
    /// Print the JSON Schema of scenario files (or of assumption or contract files), for editors.
    Schema {
        /// The schema of assumption files instead.
        #[arg(long, conflicts_with = "contracts")]
        assumptions: bool,
        /// The schema of contract files instead.
        #[arg(long)]
        contracts: bool,
    },
}

impl Cli {
    /// The language the command speaks: its `--lang` (which `SOMSIM_LANG` sets when it is not
    /// given), or `SOMSIM_LANG` for a command without one.
    pub fn lang(&self) -> Lang {
        match &self.command {
            Command::Run(a) => a.lang,
            Command::Compare(a) => a.out.lang,
            Command::Sensitivity(a) => a.out.lang,
            Command::Report(a) => a.lang(),
            Command::Batch(a) => a.lang,
            Command::Merge(a) => a.lang,
            Command::Deal(a) => a.out.lang,
            Command::Settle(a) => a.out.lang(),
            Command::Portfolio(a) => a.out.lang(),
            Command::Validate { lang, .. } => *lang,
            Command::New(a) => a.lang,
            Command::Schema { .. } => Lang::from_env(),
        }
    }
}

/// The perspectives to show: those asked for (each must exist), or the defaults that exist.
pub(crate) fn shown(
    model: &Model,
    asked: &[String],
    defaults: &[&str],
) -> Result<Vec<String>, Failure> {
    let names: Vec<&str> = model.perspectives.iter().map(|p| p.name.as_str()).collect();
    if asked.is_empty() {
        return Ok(defaults
            .iter()
            .filter(|d| names.contains(d))
            .map(|d| d.to_string())
            .collect());
    }
    for a in asked {
        if !names.contains(&a.as_str()) {
            let file = &model.file;
            return Err(usage(msg!(
                "--perspective {a}: not a perspective of {file}; expected {names}",
                "--perspective {a}: ikke et perspektiv i {file}; forventede {names}",
                names = one_of(&names),
            )));
        }
    }
    Ok(asked.to_vec())
}

/// Prepare `request` for `model`, check that what it keeps fits in memory, and compute it on
/// `threads` worker threads (notices in `lang`).
pub(crate) fn analyse(
    model: &Model,
    request: Request,
    threads: Option<usize>,
    lang: Lang,
) -> Result<RunResults<'_>, Failure> {
    let mut runs = analyse_all(&[Analysis::new(model, request)], threads, lang)?;
    runs.pop()
        .ok_or_else(|| Failure::Other(anyhow::anyhow!("no run")))
}

/// Check that `analyses` fit in memory together (every run's trials are kept until all are
/// done, to pair them), then compute them in order on `threads` worker threads.
pub(crate) fn analyse_all<'m>(
    analyses: &[Analysis<'m>],
    threads: Option<usize>,
    lang: Lang,
) -> Result<Vec<RunResults<'m>>, Failure> {
    check_memory(analyses, threads)?;
    with_threads(threads, lang, || {
        (analyses.iter())
            .map(|a| a.run(&|_, _| {}))
            .collect::<Result<Vec<_>, _>>()
    })?
    .map_err(|e| Failure::from(InputError::from(e)))
}

/// Refuse (input error) analyses whose trials would not fit in the memory available together.
pub(crate) fn check_memory(analyses: &[Analysis], threads: Option<usize>) -> Result<(), Failure> {
    let threads = threads_used(threads);
    let needs: Vec<(usize, u64)> = analyses.iter().filter_map(|a| a.memory(threads)).collect();
    let Some(trials) = needs.iter().map(|(t, _)| *t).max() else {
        return Ok(());
    };
    let precision = (analyses.iter()).any(|a| {
        matches!(
            a.request().stop,
            Some(crate::montecarlo::Stop::Precision { .. })
        )
    });
    let asked = if precision {
        format!("--max-trials {trials}")
    } else {
        format!("--trials {trials}")
    };
    memory::check(&asked, trials, needs.iter().map(|(_, b)| b).sum(), 0)
}

/// Read a scenario, apply `--set` changes, and validate it.
pub fn load_model(path: &Path, edit: &EditArgs) -> Result<Model, Failure> {
    let settings = edit.settings()?;
    let mut loaded = crate::input::load(path)?;
    crate::input::edit::apply(&mut loaded, &settings)?;
    Ok(Model::from_loaded(&loaded)?)
}

/// The model as a reader of `lang` sees it in a page or table for people (`human`): under
/// Danish, with the Danish forms its files give ([`Model::in_danish`]). JSON and CSV keep the
/// files' English (JSON carries the Danish beside it).
pub fn for_reader(model: Model, lang: crate::lang::Lang, human: bool) -> Model {
    if human && lang == crate::lang::Lang::Da {
        model.in_danish()
    } else {
        model
    }
}

/// SHA-256 (hex) of every file in `files` (its name, length and bytes, in order) and of the
/// command line's `settings`: the same inputs give the same fingerprint.
pub(crate) fn fingerprint(
    files: &[std::path::PathBuf],
    settings: &[String],
) -> Result<String, Failure> {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    // A `--set` value is among a model's sources; it is hashed with the settings.
    for f in files.iter().filter(|f| !crate::input::edit::is_setting(f)) {
        // Read already to build the model; a file that cannot be read now is a failure of the
        // machine, not of the input.
        let bytes = std::fs::read(f)
            .map_err(|e| Failure::Other(anyhow::anyhow!("reading {} again: {e}", f.display())))?;
        hash.update(f.to_string_lossy().as_bytes());
        hash.update((bytes.len() as u64).to_le_bytes());
        hash.update(&bytes);
    }
    for s in settings {
        hash.update(s.as_bytes());
        hash.update([0]);
    }
    Ok(hash.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// A batch's exit: an input failure when `failed` of its `rows` could not run.
pub(crate) fn batch_failures(failed: usize, rows: usize) -> Result<(), Failure> {
    if failed > 0 {
        return Err(Failure::Input(msg!(
            "{failed} of {rows} rows failed (see the messages above and the `error` rows)",
            "{failed} af {rows} rækker fejlede (se beskederne ovenfor og rækkerne med `error`)"
        )));
    }
    Ok(())
}

/// Warn (standard error, in `lang`) for each municipality whose courses enrol more participants
/// over the horizon, in the base case, than its `target_group`: each person takes the course
/// once, so the plan is larger than the group it is for.
pub(crate) fn warn_target_groups(model: &Model, lang: Lang) {
    for (m, mu) in model.municipalities.iter().enumerate() {
        let Some(target) = mu.target_group else {
            continue;
        };
        let Ok(activity) = crate::ledger::activity(model, m) else {
            continue;
        };
        let enrolled: rust_decimal::Decimal = activity.iter().map(|a| a.enrolled).sum();
        if enrolled > target {
            let (name, first, last) = (
                mu.name.clone(),
                model.start_year,
                model.start_year + model.horizon as i32 - 1,
            );
            let m = msg!(
                "warning: {name} enrols {enrolled} participants in {first}-{last}, more than its target group of {target} (municipalities[{name}].target_group); fewer courses, or a larger target group if it is",
                "advarsel: {name} optager {enrolled} deltagere i {first}-{last}, flere end målgruppen på {target} (municipalities[{name}].target_group); færre forløb, eller en større målgruppe, hvis den er det",
                enrolled = crate::lang::Grouped(enrolled.round()),
                target = crate::lang::Grouped(target.round()),
            );
            eprintln!("{}", m.get(lang));
        }
    }
}

/// Below this many trials a command warns that its probabilities are rough.
pub const FEW_TRIALS: usize = 1_000;

/// Warn (standard error, in `lang`) when `n` trials are too few for probabilities worth
/// reporting.
pub(crate) fn note_few_trials(n: usize, lang: Lang) {
    if n > 0 && n < FEW_TRIALS {
        let se = format!("{:.2}", 0.5 / (n as f64).sqrt());
        let m = msg!(
            "warning: {n} trials: a probability near 0.5 is uncertain by ±{se} (one standard error); use at least {few} trials for results to report",
            "advarsel: {n} simuleringer: en sandsynlighed nær 0,5 er usikker med ±{se} (én standardfejl); brug mindst {few} simuleringer til resultater, der skal rapporteres",
            se = Num(se),
            few = Num(FEW_TRIALS),
        );
        eprintln!("{}", m.get(lang));
    }
}

/// The notice that a thread count (`what`, e.g. `--threads 1000`) is more than this machine
/// uses, and the count it runs.
fn too_many_threads(what: &str, most: usize) -> Message {
    msg!(
        "note: {what} is more than this machine can use; running {most} threads (4 per core). Results do not depend on the thread count.",
        "bemærk: {what} er flere, end denne maskine kan bruge; kører {most} tråde (4 pr. kerne). Resultaterne afhænger ikke af antallet af tråde."
    )
}

/// Trials run when a scenario has uncertain inputs and `--trials` is not given.
pub const DEFAULT_TRIALS: usize = 10_000;

/// The largest number of trials one run may keep (memory: see `montecarlo`).
pub const MAX_TRIALS: usize = 50_000_000;

/// A failure, sorted by who can fix it.
#[derive(Debug)]
pub enum Failure {
    /// The person's input: a file or an option, with its message in both languages (each
    /// line framed: `error: ...`). Exit code 2.
    Input(Message),
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

impl Failure {
    /// What the person reads on standard error, in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Failure::Input(m) => printable(m.get(lang)),
            Failure::Other(e) => format!("{}: {}", error_word(lang), printable(&format!("{e:#}"))),
        }
    }
}

impl From<InputError> for Failure {
    fn from(e: InputError) -> Self {
        Failure::Input(e.message())
    }
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure::Other(e)
    }
}

/// Size rayon's global pool from `RAYON_NUM_THREADS` as `--threads` is sized: at most
/// [`max_threads`] (with a notice), and a value that is not a number of threads is ignored with
/// a notice rather than left to panic or spawn without bound.
fn size_global_pool(lang: Lang) {
    let Ok(text) = std::env::var("RAYON_NUM_THREADS") else {
        return;
    };
    let most = max_threads();
    let n = match crate::decimal::typed::read_whole(&text, u64::MAX) {
        Ok(0) => return, // rayon's own meaning: the default.
        Ok(n) if n > most as u64 => {
            let what = format!("RAYON_NUM_THREADS={}", text.trim());
            eprintln!("{}", too_many_threads(&what, most).get(lang));
            most
        }
        Ok(n) => n as usize,
        Err(e) => {
            let text = printable(text.trim());
            let m = msg!(
                "note: RAYON_NUM_THREADS={text}: {e}; using one thread per core",
                "bemærk: RAYON_NUM_THREADS={text}: {e}; bruger én tråd pr. kerne",
                e = e,
            );
            eprintln!("{}", m.get(lang));
            std::thread::available_parallelism().map_or(1, |n| n.get())
        }
    };
    // Fails only if a pool exists already; the run then uses that one.
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .build_global();
}

/// Run the command line. `main` only prints the failure and picks the exit code.
pub fn run(cli: Cli) -> Result<(), Failure> {
    size_global_pool(cli.lang());
    report::text::table::set_width(terminal_width());
    match cli.command {
        Command::Run(args) => run::run(&args),
        Command::Compare(args) => compare::compare(&args),
        Command::Sensitivity(args) => sensitivity::sensitivity(&args),
        Command::Report(args) => page::report(&args),
        Command::Batch(args) => batch::batch(&args),
        Command::Merge(args) => merge::merge(&args),
        Command::New(args) => new::new(&args),
        // A portfolio's grid runs the portfolio again per combination.
        Command::Deal(args)
            if crate::input::read_text(&args.file)
                .is_ok_and(|t| crate::input::portfolio::looks_like_portfolio(&t)) =>
        {
            portfolio::deal(&args)
        }
        Command::Deal(args) => deal::deal(&args),
        Command::Settle(args) => settle::settle(&args),
        Command::Portfolio(args) => portfolio::portfolio(&args),
        Command::Validate { files, lang } => validate::validate(&files, lang),
        Command::Schema {
            assumptions,
            contracts,
        } => {
            let schema = if assumptions {
                crate::input::schema::assumption_schema()
            } else if contracts {
                crate::input::schema::contract_schema()
            } else {
                crate::input::schema::scenario_schema()
            };
            Output::stdout().write_now(|w| report::json::write(w, &schema))
        }
    }
}

/// The width the tables fit: `COLUMNS` when it is a number, else the terminal's width when
/// standard output is a terminal, else 100 (so that what is written to a file or a pipe does not
/// depend on the window it was run from).
pub fn terminal_width() -> usize {
    const FALLBACK: usize = 100;
    if let Some(n) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|n| *n >= 40)
    {
        return n;
    }
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() {
        let width = comfy_table::Table::new().width();
        return width.map_or(FALLBACK, usize::from).max(40);
    }
    FALLBACK
}

/// A mistake on the command line: `message` framed `error: ...` (`fejl: ...`).
pub(crate) fn usage(message: Message) -> Failure {
    Failure::Input(Message::by(|lang| {
        format!("{}: {}", error_word(lang), message.get(lang))
    }))
}

/// The prices per unit of `--lambda PRICES`, when given.
pub(crate) fn lambda_arg(text: Option<&str>) -> Result<Option<Vec<f64>>, Failure> {
    text.map(|l| {
        crate::cea::parse_lambda(l).map_err(|e| usage(msg!("--lambda {e}", "--lambda {e}", e = e)))
    })
    .transpose()
}

/// The most worker threads a run starts: four per core. More only cost time to create (10,000
/// threads take half a minute), and results do not depend on the count.
pub fn max_threads() -> usize {
    4 * std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// The worker threads a run with `--threads threads` uses: that many (at most
/// [`max_threads`]), or the global pool's.
pub(crate) fn threads_used(threads: Option<usize>) -> usize {
    threads.map_or_else(rayon::current_num_threads, |n| n.min(max_threads()))
}

/// Run `f` on `threads` threads (at most [`max_threads`], with a notice in `lang`), or on
/// rayon's default pool.
pub(crate) fn with_threads<T: Send>(
    threads: Option<usize>,
    lang: Lang,
    f: impl FnOnce() -> T + Send,
) -> Result<T, Failure> {
    let most = max_threads();
    let threads = threads.map(|n| {
        if n > most {
            eprintln!(
                "{}",
                too_many_threads(&format!("--threads {n}"), most).get(lang)
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
