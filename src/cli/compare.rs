//! `somsim compare`: scenarios side by side, with paired differences from the first.

use std::path::PathBuf;

use super::{EditArgs, Failure, McArgs, OutArgs, Output, load_model, shown, usage, with_threads};
use crate::comparison;
use crate::ledger;
use crate::model::Model;
use crate::montecarlo::Simulation;
use crate::report::compare;

#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    /// Two or more scenario files; differences are against the first.
    #[arg(required = true, num_args = 2..)]
    pub files: Vec<PathBuf>,
    /// Perspectives shown in the table (default: kommune, public, all).
    #[arg(long = "perspective", value_name = "NAME")]
    pub perspectives: Vec<String>,
    #[command(flatten)]
    pub mc: McArgs,
    #[command(flatten)]
    pub edit: EditArgs,
    #[command(flatten)]
    pub out: OutArgs,
}

/// Paired differences of scenarios over different years or price levels compare unlike
/// things; say so (standard error) rather than refuse, since it may be the point.
pub(super) fn warn_if_not_comparable(models: &[Model]) {
    let first = &models[0];
    for (i, m) in models.iter().enumerate().skip(1) {
        let mut differ = Vec::new();
        if m.start_year != first.start_year {
            differ.push(format!(
                "start year {} against {}",
                m.start_year, first.start_year
            ));
        }
        if m.horizon != first.horizon {
            differ.push(format!(
                "horizon {} years against {}",
                m.horizon, first.horizon
            ));
        }
        if m.price_year != first.price_year {
            differ.push(format!(
                "prices of {} against {}",
                m.price_year, first.price_year
            ));
        }
        if !differ.is_empty() {
            eprintln!(
                "warning: [{}] differs from [1] in {}: its NPVs cover other years or another price level, so the differences mix that in",
                i + 1,
                differ.join(", ")
            );
        }
    }
}

pub fn compare(args: &CompareArgs) -> Result<(), Failure> {
    // One trial is not a distribution: P(beats) would be 0 or 1.
    args.mc.check(2)?;
    let output = Output::open(args.out.output.as_deref(), "--output")?;
    output.accepts(args.out.format)?;
    let models: Vec<Model> = args
        .files
        .iter()
        .map(|f| load_model(f, &args.edit))
        .collect::<Result<_, _>>()?;
    let inputs: Vec<PathBuf> = models.iter().flat_map(|m| m.files.clone()).collect();
    output.refuse_inputs(&inputs, &[])?;
    warn_if_not_comparable(&models);
    let show = shown(
        &models[0],
        &args.perspectives,
        &["kommune", "public", "all"],
    )?;
    let ledgers: Vec<ledger::Ledger> = models
        .iter()
        .map(ledger::compute)
        .collect::<Result<_, _>>()
        .map_err(crate::input::InputError::from)?;
    let runs = with_threads(args.mc.threads, || {
        models
            .iter()
            .map(|m| Simulation::new(m).run_summarized(args.mc.seed, args.mc.trials))
            .collect::<Vec<_>>()
    })?;
    let parts: Vec<comparison::Run> = models
        .iter()
        .zip(&ledgers)
        .zip(&runs)
        .map(|((model, ledger), (outputs, summary))| comparison::Run {
            model,
            ledger,
            outputs,
            summary,
        })
        .collect();
    let compared = comparison::compare(&parts);
    let risk: Vec<Vec<_>> = with_threads(args.mc.threads, || {
        (models.iter().zip(&runs))
            .map(|(m, (outputs, _))| {
                (m.contracts.iter().enumerate())
                    .map(|(k, c)| crate::contracts::summarize(outputs, k, c.rate_card.len()))
                    .collect()
            })
            .collect()
    })?;
    let r = compare::build(&parts, &compared, &risk, args.mc.seed, args.mc.trials);
    if r.perspectives.is_empty() {
        return Err(usage("the scenarios have no perspective in common".into()));
    }
    output.write_report(&r, args.out.format, &(show, args.out.lang))
}
