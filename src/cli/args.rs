//! The command line's options (clap), mirrored and documented; checked where they are used.

use std::path::PathBuf;

use rust_decimal::Decimal;

use crate::decimal::to_f64;
use crate::decimal::typed::{self, Meaning};

use super::{Cli, DEFAULT_TRIALS, Failure, MAX_TRIALS, note_few_trials, usage};
use crate::lang::{Lang, Message, Num, msg};
use crate::montecarlo;
pub use crate::report::Format;

#[derive(Debug, clap::Args)]
#[group(id = "csv_table", multiple = false, args = ["ledger", "contracts", "ceac", "municipalities", "society", "correlations"])]
pub struct RunArgs {
    /// The scenario file.
    pub file: PathBuf,
    /// Add the year-by-year ledger (in CSV: output the ledger rows instead of the summary).
    #[arg(long)]
    pub ledger: bool,
    /// Only this municipality: its own budget over the trials in the table, and only its rows
    /// in the ledger (`--ledger`; `national` for the rows of no municipality).
    #[arg(long, value_name = "NAME")]
    pub municipality: Option<String>,
    /// Only these perspectives in the table (repeatable; alias `--payer`). With `--ledger`,
    /// only this payer's rows in the ledger (also in CSV). JSON always has every perspective.
    #[arg(long = "perspective", visible_alias = "payer", value_name = "NAME")]
    pub perspectives: Vec<String>,
    /// Every table: the societal perspective, P(break-even) by year, each municipality's own
    /// budget, the cost-effectiveness and its acceptability curve. Without it, the table
    /// output is the answer (the base case, the NPV over the trials, the contracts) and where
    /// to find the rest.
    #[arg(long)]
    pub full: bool,
    /// List the assumptions used, with their sources (table format; JSON always has them).
    #[arg(long)]
    pub sources: bool,
    /// In CSV: the contracts' results (one row per field of each contract's JSON) instead of
    /// the summary. Table and JSON always show them.
    #[arg(long)]
    pub contracts: bool,
    /// In CSV: the cost-effectiveness acceptability curves of the non-monetary outcomes (one
    /// row per outcome, perspective and price per unit) instead of the summary.
    #[arg(long)]
    pub ceac: bool,
    /// In CSV: each municipality's own NPV over the trials (percentiles and P(NPV > 0)) instead
    /// of the summary.
    #[arg(long)]
    pub municipalities: bool,
    /// In CSV: the societal perspective's decomposition (one row per part: its present value
    /// in the payers' budgets and for society) instead of the summary.
    #[arg(long)]
    pub society: bool,
    /// In CSV: the rank correlations the scenario sets between inputs, each with the one the
    /// trials achieved (one row per pair), instead of the summary.
    #[arg(long)]
    pub correlations: bool,
    /// Follow each municipality's own budget year by year in every trial, and report its
    /// probability of (sustained) break-even by each year: in the table, JSON
    /// (`monte_carlo.municipalities.*.break_even`) and the CSV of `--municipalities`. It costs
    /// time in proportion to municipalities x years (about a fifth more for the national
    /// roll-out).
    #[arg(long)]
    pub municipal_break_even: bool,
    /// Prices per unit of the non-monetary outcomes at which to evaluate the
    /// cost-effectiveness acceptability curve and the value of information, in kroner per
    /// unit: START:STOP:STEP (e.g. 0:200000:10000), a list V1,V2,... or one price. Default: 21
    /// round prices from 0 to about twice the threshold price.
    #[arg(long, value_name = "PRICES")]
    pub lambda: Option<String>,
    /// With non-monetary outcomes: add the EVPPI of every uncertain input at each price per
    /// unit (the inputs' draws are drawn again from the seed, which about doubles the run's
    /// time).
    #[arg(long)]
    pub evppi: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// The language of the table output: Danish words and number formats (1.234.567), or
    /// English. JSON and CSV are the same in every language.
    #[arg(long, value_enum, env = "SOMSIM_LANG", default_value_t = crate::report::locale::Lang::En)]
    pub lang: crate::report::locale::Lang,
    /// Write the output here instead of standard output (`-`: standard output). The file is
    /// written only when the run succeeds.
    #[arg(long, short, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Monte Carlo trials. Default: 10,000 when the scenario has uncertain inputs; 0 runs the
    /// base case only.
    #[arg(long, value_name = "N", value_parser = whole)]
    pub trials: Option<usize>,
    /// Random seed. The same seed gives the same results on any machine and thread count.
    #[arg(long, value_name = "S", default_value_t = montecarlo::DEFAULT_SEED, value_parser = seed)]
    pub seed: u64,
    /// Worker threads (default: all cores, or RAYON_NUM_THREADS). Results do not depend on it.
    #[arg(long, value_name = "N", value_parser = whole)]
    pub threads: Option<usize>,
    /// Add batches of 10,000 trials until the standard error of P(NPV > 0), and of the mean
    /// NPV relative to max(|mean|, sd), are below X for every perspective (e.g. 0.005).
    #[arg(long, value_name = "X", conflicts_with = "trials", value_parser = precision)]
    pub precision: Option<f64>,
    /// The trial cap for --precision.
    #[arg(
        long,
        value_name = "N",
        default_value_t = 1_000_000,
        value_parser = whole,
        requires = "precision"
    )]
    pub max_trials: usize,
    /// Write every trial's drawn inputs and results to this CSV file.
    #[arg(long, value_name = "PATH")]
    pub samples: Option<PathBuf>,
    /// How the trials draw their inputs.
    #[arg(long, value_enum, default_value_t = Sampling::Random)]
    pub sampling: Sampling,
    #[command(flatten)]
    pub edit: EditArgs,
}

/// How the Monte Carlo trials draw their inputs (`docs/model.md`, "Monte Carlo").
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Sampling {
    /// Independent random draws.
    Random,
    /// Latin hypercube sampling in blocks of 256 trials: in each block, every input (in each
    /// municipality) draws once from each of 256 equal-probability strata. Means and
    /// probabilities settle with fewer trials; results stay independent of the thread count.
    LatinHypercube,
}

impl RunArgs {
    /// The table `--format csv` writes.
    pub fn csv_table(&self) -> crate::report::render::CsvTable {
        use crate::report::render::CsvTable;
        [
            (self.contracts, CsvTable::Contracts),
            (self.ceac, CsvTable::Ceac),
            (self.municipalities, CsvTable::Municipalities),
            (self.society, CsvTable::Society),
            (self.correlations, CsvTable::Correlations),
        ]
        .into_iter()
        .find_map(|(asked, table)| asked.then_some(table))
        .unwrap_or_default()
    }
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
    #[arg(long, value_name = "N", default_value_t = DEFAULT_TRIALS, value_parser = whole)]
    pub trials: usize,
    /// Random seed.
    #[arg(long, value_name = "S", default_value_t = montecarlo::DEFAULT_SEED, value_parser = seed)]
    pub seed: u64,
    /// Worker threads (default: all cores, or RAYON_NUM_THREADS). Results do not depend on it.
    #[arg(long, value_name = "N", value_parser = whole)]
    pub threads: Option<usize>,
}

impl McArgs {
    /// Check the options for a command that needs at least `least` trials (a notice of few
    /// trials in `lang`).
    pub(super) fn check(&self, least: usize, lang: Lang) -> Result<(), Failure> {
        if self.trials < least || self.trials > MAX_TRIALS {
            let trials = self.trials;
            return Err(usage(msg!(
                "--trials {trials}: expected from {least} to {most}",
                "--trials {trials}: forventede fra {least} til {most}",
                most = Num(MAX_TRIALS),
            )));
        }
        note_few_trials(self.trials, lang);
        if self.threads == Some(0) {
            return Err(no_threads());
        }
        Ok(())
    }
}

/// `--threads 0`.
pub(super) fn no_threads() -> Failure {
    usage(Message::new(
        "--threads 0: expected at least 1 thread",
        "--threads 0: forventede mindst 1 tråd",
    ))
}

/// A value of an option refused by its parser (clap's `value_parser`), with its message in both
/// languages: clap shows the English, and `main` the Danish where the command line asks for it.
#[derive(Debug)]
pub struct Refused(pub Message);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.en())
    }
}

impl std::error::Error for Refused {}

impl Cli {
    /// Parse the command line. A value an option's parser refuses is shown in the language
    /// the command line asks for (clap's own messages, such as an unknown option, stay
    /// English); other mistakes exit as clap has them.
    pub fn parse_args() -> Cli {
        match <Cli as clap::Parser>::try_parse() {
            Ok(cli) => cli,
            Err(e) => {
                let danish = asked_lang(std::env::args()) == Lang::Da;
                match (danish, refused_in_danish(&e)) {
                    (true, Some(text)) => {
                        eprintln!("{}", crate::report::format::printable(&text));
                        std::process::exit(2);
                    }
                    _ => e.exit(),
                }
            }
        }
    }
}

/// The language a command line asks for when it could not be parsed: its `--lang`, else
/// `SOMSIM_LANG`.
fn asked_lang(args: impl Iterator<Item = String>) -> Lang {
    let args: Vec<String> = args.collect();
    let named = args
        .iter()
        .enumerate()
        .find_map(|(i, a)| match a.strip_prefix("--lang") {
            Some("") => args.get(i + 1).map(String::as_str),
            Some(v) => v.strip_prefix('='),
            None => None,
        });
    match named.map(str::trim) {
        Some("da" | "dk") => Lang::Da,
        Some(_) => Lang::En,
        None => Lang::from_env(),
    }
}

/// A value refused by one of our parsers, in Danish: clap's frame in Danish words around our
/// message. `None` for any other error.
fn refused_in_danish(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if e.kind() != ErrorKind::ValueValidation {
        return None;
    }
    let refused = std::error::Error::source(e)?.downcast_ref::<Refused>()?;
    let text = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        _ => None,
    };
    let (arg, value) = (
        text(ContextKind::InvalidArg)?,
        text(ContextKind::InvalidValue)?,
    );
    Some(format!(
        "fejl: ugyldig værdi '{value}' til '{arg}': {}\n\nSkriv '--help' for at få mere at vide.",
        refused.0.da()
    ))
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
    /// The language of the table output (JSON, CSV and the workbook are the same in every
    /// language).
    #[arg(long, value_enum, env = "SOMSIM_LANG", default_value_t = crate::report::locale::Lang::En)]
    pub lang: crate::report::locale::Lang,
}

/// What a command with a page of its own writes (`settle`, `portfolio`): every command's
/// formats, and the HTML page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum PageFormat {
    /// Aligned tables for people (the layout may change between versions).
    Table,
    /// Versioned JSON for scripts (`docs/output.md`).
    Json,
    /// Versioned CSV for scripts and spreadsheets (`docs/output.md`).
    Csv,
    /// An Excel workbook whose statement is formulas (needs `-o FILE.xlsx`).
    Xlsx,
    /// One self-contained HTML page, the answer first (needs `-o FILE.html` at a terminal);
    /// Danish unless `--lang en`.
    Html,
}

impl PageFormat {
    /// The format every command writes, or `None` for the page.
    pub(super) fn common(self) -> Option<Format> {
        match self {
            PageFormat::Table => Some(Format::Table),
            PageFormat::Json => Some(Format::Json),
            PageFormat::Csv => Some(Format::Csv),
            PageFormat::Xlsx => Some(Format::Xlsx),
            PageFormat::Html => None,
        }
    }
}

/// The output options of a command with a page of its own (`settle`, `portfolio`).
#[derive(Debug, clap::Args)]
pub struct PageOutArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = PageFormat::Table)]
    pub format: PageFormat,
    /// Write the output here instead of standard output (`-`: standard output).
    #[arg(long, short, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// The language of the tables, the workbook and the page (default: English, and Danish
    /// for the page, as `somsim report --brief`; JSON and CSV are the same in every language).
    #[arg(long, value_enum, env = "SOMSIM_LANG")]
    pub lang: Option<crate::report::locale::Lang>,
}

impl PageOutArgs {
    /// The language: as asked, else Danish for the page and English otherwise.
    pub fn lang(&self) -> crate::report::locale::Lang {
        use crate::report::locale::Lang;
        (self.lang).unwrap_or(if self.format == PageFormat::Html {
            Lang::Da
        } else {
            Lang::En
        })
    }

    /// The output, checked to take the format; the page is refused at a terminal without
    /// `-o` (`refused` says so, naming the page).
    pub(super) fn open(&self, refused: crate::lang::Message) -> Result<super::Output, Failure> {
        use std::io::IsTerminal;
        let output = super::Output::open(self.output.as_deref(), "--output")?;
        match self.format.common() {
            Some(format) => output.accepts(format)?,
            None if self.output.is_none() && std::io::stdout().is_terminal() => {
                return Err(super::usage(refused));
            }
            None => {}
        }
        Ok(output)
    }

    /// Write `report` in the chosen format, or the page `html` makes of it.
    pub(super) fn write<R: crate::report::Render<Options = crate::report::locale::Lang>>(
        &self,
        output: &super::Output,
        report: &R,
        html: impl FnOnce(&R, crate::report::locale::Lang) -> String,
    ) -> Result<(), Failure> {
        match self.format.common() {
            Some(format) => output.write_report(report, format, &self.lang()),
            None => output.write(&html(report, self.lang())),
        }
    }
}

/// A whole number typed on the command line (`--trials`, `--threads`, `--max-trials`), read as
/// people type it: `10.000` and `10,000` are refused with the number to write.
pub fn whole(text: &str) -> Result<usize, Refused> {
    typed::read_whole(text, usize::MAX as u64)
        .map(|n| n as usize)
        .map_err(Refused)
}

/// A seed: any whole number from 0 to 2^64 - 1.
pub fn seed(text: &str) -> Result<u64, Refused> {
    typed::read_whole(text, u64::MAX).map_err(Refused)
}

/// A probability limit (`--max-loss-prob`): a share from 0 to 1, or a percentage (`20%`).
pub fn probability(text: &str) -> Result<f64, Refused> {
    let p = typed::read(text, Meaning::Share).map_err(Refused)?;
    if p < Decimal::ZERO || p > Decimal::ONE {
        let t = text.trim();
        return Err(Refused(msg!(
            "found {t}; expected a probability from 0 to 1 (or 0% to 100%)",
            "fandt {t}; forventede en sandsynlighed fra 0 til 1 (eller 0% til 100%)"
        )));
    }
    Ok(to_f64(p))
}

/// `--precision`: a standard error between 0 and 1, or a percentage (`0.5%`).
pub fn precision(text: &str) -> Result<f64, Refused> {
    let x = typed::read(text, Meaning::Share).map_err(Refused)?;
    if x <= Decimal::ZERO || x >= Decimal::ONE {
        let t = text.trim();
        return Err(Refused(msg!(
            "found {t}; expected a standard error between 0 and 1, e.g. 0.005",
            "fandt {t}; forventede en standardfejl mellem 0 og 1, fx 0.005"
        )));
    }
    Ok(to_f64(x))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[test]
    fn a_command_line_that_cannot_be_parsed_keeps_its_language() {
        let args = |a: &[&str]| {
            a.iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .into_iter()
        };
        assert_eq!(
            asked_lang(args(&["somsim", "run", "--lang", "da"])),
            Lang::Da
        );
        assert_eq!(asked_lang(args(&["somsim", "run", "--lang=dk"])), Lang::Da);
        assert_eq!(
            asked_lang(args(&["somsim", "run", "--lang", "en"])),
            Lang::En
        );
    }

    #[test]
    fn a_refused_value_speaks_danish() {
        let e = Cli::try_parse_from(["somsim", "run", "x.yaml", "--trials", "10.000"]).unwrap_err();
        let da = refused_in_danish(&e).unwrap();
        assert!(
            da.starts_with("fejl: ugyldig værdi '10.000' til '--trials <N>': fandt 10.000"),
            "{da}"
        );
        assert!(e.to_string().contains("write 10000"), "{e}");
    }
}
