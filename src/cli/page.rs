//! `somsim report` (the page; `report` is the reports layer): run each scenario (base case, Monte Carlo with the yearly bands,
//! sensitivity, contracts) and write one self-contained HTML page, or its numbers as JSON.

use std::io::IsTerminal;
use std::path::PathBuf;

use sha2::{Digest, Sha256};

use super::{EditArgs, Failure, McArgs, Output, load_model, output, with_threads};
use crate::input::InputError;
use crate::ledger;
use crate::montecarlo::{Simulation, Stop};
use crate::report::RunReport;
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
    #[command(flatten)]
    pub mc: McArgs,
    #[command(flatten)]
    pub edit: EditArgs,
}

pub fn report(args: &ReportArgs) -> Result<(), Failure> {
    args.mc.check(100)?;
    let output = Output::open(args.output.as_deref(), "--output")?;
    if args.format == ReportFormat::Html && args.output.is_none() && std::io::stdout().is_terminal()
    {
        return Err(Failure::Input(
            "error: the report is an HTML page; give a file with -o, e.g. -o report.html".into(),
        ));
    }
    let mut hash = Sha256::new();
    let mut scenarios = Vec::with_capacity(args.files.len());
    for file in &args.files {
        let model = load_model(file, &args.edit)?;
        output.refuse_inputs(&model.files, &[])?;
        for f in &model.files {
            // Read already to build the model; a file that cannot be read now is a failure
            // of the machine, not of the input.
            let bytes = std::fs::read(f).map_err(|e| {
                Failure::Other(anyhow::anyhow!("reading {} again: {e}", f.display()))
            })?;
            hash.update(f.to_string_lossy().as_bytes());
            hash.update((bytes.len() as u64).to_le_bytes());
            hash.update(&bytes);
        }
        scenarios.push(scenario(&model, args)?);
    }
    for s in &args.edit.set {
        hash.update(s.as_bytes());
        hash.update([0]);
    }
    let inputs_sha256 = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();
    let doc = ReportDoc::new(
        args.lang,
        scenarios,
        Reproducibility {
            seed: args.mc.seed,
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

/// One scenario: the exact base case, then (with uncertain inputs) the Monte Carlo keeping the
/// yearly cumulative results, the contracts' risk and the sensitivity.
fn scenario(model: &crate::model::Model, args: &ReportArgs) -> Result<ScenarioDoc, Failure> {
    let ledger = ledger::compute(model).map_err(InputError::from)?;
    let mut run = RunReport::new(model, &ledger);
    let mut bands = indexmap::IndexMap::new();
    let mut sensitivity = None;
    if model.is_uncertain() {
        let mut sim = Simulation::new(model);
        sim.plan.keep_cumulative();
        let (seed, trials) = (args.mc.seed, args.mc.trials);
        let (summary, risk, fan, sens) = with_threads(args.mc.threads, || {
            let (out, _) = sim.run(seed, Stop::Trials(trials), &|_, _| {});
            let summary = sim.summarize(&out);
            let risk: Vec<_> = (model.contracts.iter().enumerate())
                .map(|(k, c)| crate::contracts::summarize(&out, k, c.rate_card.len()))
                .collect();
            let fan = sim.bands(&out);
            let sens = super::sensitivity::analyse(model, &sim, &out, seed, trials);
            (summary, risk, fan, sens)
        })?;
        run = run.with_monte_carlo(model, seed, &summary, None);
        run = run.with_contract_risk(model, &risk);
        for (p, years) in model.perspectives.iter().zip(&fan) {
            let views = (years.iter().enumerate())
                .map(|(t, d)| BandView::new(model.year(t), d))
                .collect();
            bands.insert(p.name.clone(), views);
        }
        sensitivity = Some(sens);
    }
    Ok(ScenarioDoc {
        run,
        bands,
        sensitivity,
    })
}
