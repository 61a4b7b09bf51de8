//! `somsim report` (the page; `report` is the reports layer): run each scenario (base case, Monte Carlo with the yearly bands
//! and each municipality's break-even, sensitivity, contracts) and write one self-contained HTML page, or its numbers as JSON.

use std::io::IsTerminal;
use std::path::PathBuf;

use super::{EditArgs, Failure, McArgs, Output, load_model, output, with_threads};
use crate::comparison;
use crate::input::InputError;
use crate::ledger;
use crate::model::Model;
use crate::montecarlo::{Simulation, Stop};
use crate::report::RunReport;
use crate::report::compare::{self, CompareReport};
use crate::report::html::doc::{BandView, ReportDoc, Reproducibility, ScenarioDoc};
use crate::report::locale::Lang;

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
    /// The language of the page.
    #[arg(long, value_enum, env = "SOMSIM_LANG", default_value_t = Lang::En)]
    pub lang: Lang,
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

pub fn report(args: &ReportArgs) -> Result<(), Failure> {
    args.mc.check(100)?;
    let limits = super::deal::limits(args.max_loss_prob, args.max_payer_worse_prob)?;
    let output = Output::open(args.output.as_deref(), "--output")?;
    if args.format == ReportFormat::Html && args.output.is_none() && std::io::stdout().is_terminal()
    {
        return Err(Failure::Input(
            "error: the report is an HTML page; give a file with -o, e.g. -o report.html".into(),
        ));
    }
    let mut models = Vec::with_capacity(args.files.len());
    for file in &args.files {
        let model = load_model(file, &args.edit)?;
        output.refuse_inputs(&model.files, &[])?;
        models.push(model);
    }
    let read: Vec<std::path::PathBuf> = models.iter().flat_map(|m| m.files.clone()).collect();
    let inputs_sha256 = super::fingerprint(&read, &args.edit.set)?;
    if models.len() > 1 {
        super::compare::warn_if_not_comparable(&models);
    }
    let ledgers: Vec<ledger::Ledger> = (models.iter().map(ledger::compute))
        .collect::<Result<_, _>>()
        .map_err(InputError::from)?;
    let threads = super::threads_used(args.mc.threads);
    let per_trial = (models.iter().filter(|m| m.is_uncertain()))
        .map(|m| {
            let mut sim = Simulation::new(m);
            sim.plan.keep_cumulative();
            sim.plan.keep_municipal_break_even();
            sim.bytes_per_trial(threads) + sim.input_bytes_per_trial()
        })
        .sum();
    super::memory::check(
        &format!("--trials {}", args.mc.trials),
        args.mc.trials,
        per_trial,
        0,
    )?;
    let runs: Vec<Option<Run>> = (models.iter())
        .map(|m| simulate(m, args))
        .collect::<Result<_, _>>()?;
    let comparison = compare(&models, &ledgers, &runs, args)?;
    // The deal-space map of every scenario with a contract (one at least, when asked for).
    let mut deals = Vec::with_capacity(models.len());
    for m in &models {
        let wanted = !args.vary.is_empty() && !m.contracts.is_empty();
        deals.push(match wanted {
            true => Some(super::deal::space(
                m,
                args.contract.as_deref(),
                &args.vary,
                limits,
                false,
                &args.mc,
            )?),
            false => None,
        });
    }
    if !args.vary.is_empty() && deals.iter().all(Option::is_none) {
        return Err(super::usage(format!(
            "--vary: none of the scenarios has a contract; {} has none",
            models[0].file
        )));
    }
    let scenarios = (models.iter().zip(&ledgers).zip(runs).zip(deals))
        .map(|(((m, l), run), deal)| scenario(m, l, run, deal, args))
        .collect();
    let doc = ReportDoc::new(
        args.lang,
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

/// One scenario's Monte Carlo: its outputs (with the yearly cumulative results), summary,
/// contract risk, bands and sensitivity.
struct Run {
    outputs: crate::montecarlo::Outputs,
    summary: crate::stats::Summary,
    risk: Vec<crate::contracts::ContractSummary>,
    bands: Vec<Vec<crate::stats::Distribution>>,
    sensitivity: crate::report::sensitivity::SensitivityReport,
    /// The cost-effectiveness of the non-monetary outcomes: prices and analyses.
    cost_effectiveness: Option<(Vec<f64>, Vec<Vec<crate::cea::Analysis>>)>,
    /// Each input's draws (`[input][trial]`) when the scenario correlates inputs or has
    /// non-monetary outcomes.
    inputs: Vec<Vec<f64>>,
}

/// The Monte Carlo of `model` when it has uncertain inputs: every scenario with the same seed,
/// so that the comparison pairs trials (common random numbers).
fn simulate(model: &Model, args: &ReportArgs) -> Result<Option<Run>, Failure> {
    if !model.is_uncertain() {
        return Ok(None);
    }
    let mut sim = Simulation::new(model);
    sim.plan.keep_cumulative();
    sim.plan.keep_municipal_break_even();
    let (seed, trials) = (args.mc.seed, args.mc.trials);
    let run = with_threads(args.mc.threads, || {
        let (outputs, _) = sim.run(seed, Stop::Trials(trials), &|_, _| {});
        let summary = sim.summarize(&outputs);
        let risk = (model.contracts.iter().enumerate())
            .map(|(k, c)| crate::contracts::summarize(&outputs, k, c.rate_card.len()))
            .collect();
        let bands = sim.bands(&outputs);
        let sensitivity = super::sensitivity::analyse(model, &sim, &outputs, seed, trials);
        let inputs = if model.correlation.is_some() || !model.non_monetary.is_empty() {
            sim.input_columns(seed, outputs.trials)
        } else {
            Vec::new()
        };
        let cost_effectiveness =
            (!model.non_monetary.is_empty()).then(|| crate::cea::of_run(&outputs, None, &inputs));
        Run {
            outputs,
            summary,
            risk,
            bands,
            sensitivity,
            cost_effectiveness,
            inputs,
        }
    })?;
    Ok(Some(run))
}

/// One scenario's part of the document.
fn scenario(
    model: &Model,
    ledger: &ledger::Ledger,
    run: Option<Run>,
    deal: Option<crate::report::deal::DealReport>,
    args: &ReportArgs,
) -> ScenarioDoc {
    let mut report = RunReport::new(model, ledger);
    let mut bands = indexmap::IndexMap::new();
    let mut sensitivity = None;
    if let Some(run) = run {
        report = report.with_monte_carlo(model, args.mc.seed, &run.summary, None);
        report = report.with_contract_risk(model, &run.risk);
        report = report.with_achieved_correlations(model, &run.inputs);
        if let Some((lambda, analyses)) = &run.cost_effectiveness {
            report = report.with_cost_effectiveness(model, lambda, analyses);
        }
        for (p, years) in model.perspectives.iter().zip(&run.bands) {
            let views = (years.iter().enumerate())
                .map(|(t, d)| BandView::new(model.year(t), d))
                .collect();
            bands.insert(p.name.clone(), views);
        }
        sensitivity = Some(run.sensitivity);
    }
    ScenarioDoc {
        run: report,
        bands,
        sensitivity,
        deal,
    }
}

/// With two or more scenarios, all with a Monte Carlo: each against the first, trial by trial.
fn compare(
    models: &[Model],
    ledgers: &[ledger::Ledger],
    runs: &[Option<Run>],
    args: &ReportArgs,
) -> Result<Option<CompareReport>, Failure> {
    if models.len() < 2 || runs.iter().any(Option::is_none) {
        return Ok(None);
    }
    let parts: Vec<comparison::Run> = (models.iter().zip(ledgers).zip(runs.iter().flatten()))
        .map(|((model, ledger), run)| comparison::Run {
            model,
            ledger,
            outputs: &run.outputs,
            summary: &run.summary,
        })
        .collect();
    let compared = comparison::compare(&parts);
    let risk: Vec<Vec<_>> = runs.iter().flatten().map(|r| r.risk.clone()).collect();
    let outputs: Vec<&crate::montecarlo::Outputs> =
        runs.iter().flatten().map(|r| &r.outputs).collect();
    let paired = super::compare::paired_cost_effectiveness(models, ledgers, &outputs, None);
    let r = compare::build(
        &parts,
        &compared,
        &risk,
        args.mc.seed,
        args.mc.trials,
        paired,
    );
    Ok((!r.perspectives.is_empty()).then_some(r))
}
