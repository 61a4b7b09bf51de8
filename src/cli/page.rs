//! `somsim report` (the page; `report` is the reports layer): run each scenario (base case, Monte Carlo with the yearly bands
//! and each municipality's break-even, sensitivity, contracts) and write one self-contained HTML page, or its numbers as JSON.

use std::io::IsTerminal;
use std::path::PathBuf;

use super::{EditArgs, Failure, McArgs, Output, load_model, output, with_threads};
use crate::analysis::{Analysis, Comparison, Request};
use crate::contracts::deal::Limits;
use crate::lang::{Message, msg};
use crate::model::Model;
use crate::report::compare::CompareReport;
use crate::report::locale::Lang;
use crate::report::views::brief::BriefDoc;
use crate::report::views::page::{ReportDoc, Reproducibility, ScenarioDoc};

/// What `somsim report` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// The HTML page.
    Html,
    /// The page's numbers (`docs/output.md`), for scripts and for checking the page.
    Json,
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// The scenario files (each gets its sections, in this order).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The language of the page (default: Danish for the brief, English for the report).
    #[arg(long, value_enum, env = "SOMSIM_LANG")]
    pub lang: Option<Lang>,
    /// The council brief instead of the full report: the decision for one perspective
    /// (`--perspective`, default kommune) on two A4 pages, in Danish by default.
    #[arg(long)]
    pub brief: bool,
    /// The perspective the brief speaks for (default: kommune); in the full report, the
    /// perspective whose drivers (tornado, switching values, EVPI) it shows (default: public).
    /// Alias `--payer`.
    #[arg(long, visible_alias = "payer", value_name = "NAME")]
    pub perspective: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
    pub format: ReportFormat,
    /// Write the report here (`-`: standard output). The file is written only when every
    /// scenario ran.
    #[arg(long, short, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// A contract term and its values for the deal-space map (as `somsim deal --vary`;
    /// repeatable). Each scenario with a contract gets the map.
    #[arg(long = "vary", value_name = "TERM=VALUES")]
    pub vary: Vec<String>,
    /// The contract the map varies (default: the only one).
    #[arg(long, value_name = "NAME", requires = "vary")]
    pub contract: Option<String>,
    /// For the map: the investor accepts P(loss) up to P.
    #[arg(long, value_name = "P", requires = "vary", value_parser = super::args::probability)]
    pub max_loss_prob: Option<f64>,
    /// For the map: each paying payer accepts P(worse off) up to P.
    #[arg(long, value_name = "P", requires = "vary", value_parser = super::args::probability)]
    pub max_payer_worse_prob: Option<f64>,
    #[command(flatten)]
    pub mc: McArgs,
    #[command(flatten)]
    pub edit: EditArgs,
}

impl ReportArgs {
    /// The page's language: as asked, else Danish for the brief and English for the report.
    pub fn lang(&self) -> Lang {
        self.lang
            .unwrap_or(if self.brief { Lang::Da } else { Lang::En })
    }
}

pub fn report(args: &ReportArgs) -> Result<(), Failure> {
    if args.brief {
        return brief(args);
    }
    let lang = args.lang();
    args.mc.check(100, lang)?;
    let limits = super::deal::limits(args.max_loss_prob, args.max_payer_worse_prob)?;
    let output = Output::open(args.output.as_deref(), "--output")?;
    if args.format == ReportFormat::Html && args.output.is_none() && std::io::stdout().is_terminal()
    {
        return Err(super::usage(Message::new(
            "the report is an HTML page; give a file with -o, e.g. -o report.html",
            "rapporten er en HTML-side; angiv en fil med -o, fx -o rapport.html",
        )));
    }
    let mut models = Vec::with_capacity(args.files.len());
    for file in &args.files {
        let model = super::for_reader(
            load_model(file, &args.edit)?,
            lang,
            args.format == ReportFormat::Html,
        );
        output.refuse_inputs(&model.files, &[])?;
        if let Some(p) = &args.perspective {
            super::shown(&model, std::slice::from_ref(p), &[])?;
        }
        models.push(model);
    }
    let read: Vec<std::path::PathBuf> = models.iter().flat_map(|m| m.files.clone()).collect();
    let inputs_sha256 = super::fingerprint(&read, &args.edit.set)?;
    if models.len() > 1 {
        super::compare::warn_if_not_comparable(&models, lang);
    }
    let analyses: Vec<Analysis> = (models.iter())
        .map(|m| request(m, args, limits).map(|r| Analysis::new(m, r)))
        .collect::<Result<_, _>>()?;
    if !args.vary.is_empty() && analyses.iter().all(|a| a.request().deal.is_none()) {
        let file = &models[0].file;
        return Err(super::usage(msg!(
            "--vary: none of the scenarios has a contract; {file} has none",
            "--vary: ingen af scenarierne har en kontrakt; {file} har ingen"
        )));
    }
    let runs = super::analyse_all(&analyses, args.mc.threads, lang)?;
    let comparison = (runs.len() >= 2 && runs.iter().all(|r| r.monte_carlo.is_some()))
        .then(|| {
            with_threads(args.mc.threads, lang, || {
                CompareReport::from(&Comparison::of(&runs, None))
            })
        })
        .transpose()?
        .filter(|r| !r.perspectives.is_empty());
    let scenarios = (runs.iter().map(ScenarioDoc::from))
        .map(|s| ScenarioDoc {
            tornado: args.perspective.clone(),
            ..s
        })
        .collect();
    let doc = ReportDoc::new(
        lang,
        scenarios,
        comparison,
        Reproducibility {
            seed: args.mc.seed,
            stream_version: crate::sampler::STREAM_VERSION,
            trials: args.mc.trials,
            engine: env!("CARGO_PKG_VERSION").into(),
            settings: args.edit.set.clone(),
            inputs_sha256,
        },
    );
    let pending = output.write_with(|w| match args.format {
        ReportFormat::Html => w.write_all(crate::report::html::page(&doc).as_bytes()),
        ReportFormat::Json => {
            serde_json::to_writer_pretty(&mut *w, &doc)?;
            w.write_all(b"\n")
        }
    })?;
    output::commit(pending.into_iter().collect())
}

/// The council brief of one scenario for one perspective.
fn brief(args: &ReportArgs) -> Result<(), Failure> {
    let lang = args.lang();
    args.mc.check(100, lang)?;
    let [file] = &args.files[..] else {
        return Err(super::usage(Message::new(
            "--brief: give one scenario; the brief speaks for one (compare them with the full report)",
            "--brief: angiv ét scenarie; beslutningsgrundlaget handler om ét (sammenlign dem i den fulde rapport)",
        )));
    };
    let output = Output::open(args.output.as_deref(), "--output")?;
    if args.format == ReportFormat::Html && args.output.is_none() && std::io::stdout().is_terminal()
    {
        return Err(super::usage(Message::new(
            "the brief is an HTML page; give a file with -o, e.g. -o brief.html",
            "beslutningsgrundlaget er en HTML-side; angiv en fil med -o, fx -o beslutning.html",
        )));
    }
    let model = super::for_reader(
        load_model(file, &args.edit)?,
        lang,
        args.format == ReportFormat::Html,
    );
    output.refuse_inputs(&model.files, &[])?;
    let perspective = args.perspective.as_deref().unwrap_or("kommune");
    let shown = super::shown(&model, &[perspective.to_owned()], &[])?;
    let request = if model.is_uncertain() {
        Request {
            bands: true,
            contract_years: true,
            ..Request::trials(args.mc.trials, args.mc.seed)
        }
    } else {
        Request::base_case()
    };
    let run = super::analyse(&model, request, args.mc.threads, lang)?;
    let doc = BriefDoc::of(&run, &shown[0], lang)
        .ok_or_else(|| Failure::Other(anyhow::anyhow!("no perspective {perspective}")))?;
    let pending = output.write_with(|w| match args.format {
        ReportFormat::Html => w.write_all(crate::report::html::brief(&doc).as_bytes()),
        ReportFormat::Json => {
            serde_json::to_writer_pretty(&mut *w, &doc)?;
            w.write_all(b"\n")
        }
    })?;
    output::commit(pending.into_iter().collect())
}

/// What the report computes for `model`: its trials with the yearly bands, each contract's
/// yearly flows and each
/// municipality's break-even, the sensitivity, the cost-effectiveness with EVPPI, and (with
/// `--vary` and a contract) the deal space; every scenario on the same seed, so that the
/// comparison pairs trials (common random numbers).
fn request(model: &Model, args: &ReportArgs, limits: Limits) -> Result<Request, Failure> {
    let deal = (!args.vary.is_empty() && !model.contracts.is_empty())
        .then(|| super::deal::request(model, args.contract.as_deref(), &args.vary, limits, false))
        .transpose()?;
    if !model.is_uncertain() {
        // No distribution to summarise; a deal space still settles on its trials.
        return Ok(match deal {
            None => Request::base_case(),
            deal => Request {
                summaries: false,
                deal,
                ..Request::trials(args.mc.trials, args.mc.seed)
            },
        });
    }
    Ok(Request {
        bands: true,
        contract_years: true,
        municipal_break_even: true,
        sensitivity: true,
        input_columns: true,
        evppi: true,
        deal,
        ..Request::trials(args.mc.trials, args.mc.seed)
    })
}
