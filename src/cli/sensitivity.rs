//! `somsim sensitivity`: what drives a scenario's result.

use std::path::PathBuf;

use super::{EditArgs, Failure, McArgs, OutArgs, Output, load_model, shown, usage, with_threads};
use crate::montecarlo::Simulation;
use crate::report::sensitivity as sens_report;
use crate::sensitivity;

#[derive(Debug, clap::Args)]
pub struct SensitivityArgs {
    /// The scenario file.
    pub file: PathBuf,
    /// Perspectives shown in the table (default: public, kommune).
    #[arg(long = "perspective", value_name = "NAME")]
    pub perspectives: Vec<String>,
    #[command(flatten)]
    pub mc: McArgs,
    #[command(flatten)]
    pub edit: EditArgs,
    #[command(flatten)]
    pub out: OutArgs,
}

pub fn sensitivity(args: &SensitivityArgs) -> Result<(), Failure> {
    args.mc.check(100)?;
    let output = Output::open(args.out.output.as_deref(), "--output")?;
    output.accepts(args.out.format)?;
    let model = load_model(&args.file, &args.edit)?;
    output.refuse_inputs(&model.files, &[])?;
    let show = shown(&model, &args.perspectives, &["public", "kommune"])?;
    if model.inputs.is_empty() {
        return Err(usage(format!(
            "{}: the scenario has no uncertain inputs, so there is nothing to vary; give some inputs a distribution",
            model.file
        )));
    }
    let sim = Simulation::new(&model);
    let per_trial =
        sim.bytes_per_trial(super::threads_used(args.mc.threads)) + sim.input_bytes_per_trial();
    super::memory::check(
        &format!("--trials {}", args.mc.trials),
        args.mc.trials,
        per_trial,
        0,
    )?;
    let r = with_threads(args.mc.threads, || {
        let (out, _) = sim.run_summarized(args.mc.seed, args.mc.trials);
        analyse(&model, &sim, &out, args.mc.seed, args.mc.trials)
    })?;
    output.write_report(&r, args.out.format, &(show, args.out.lang))
}

/// The sensitivity report of a run's `outputs` (`trials` trials with `seed`): the tornado and
/// switching values from probes at the means, the rank correlations, EVPI and EVPPI from the
/// trials.
pub(super) fn analyse(
    model: &crate::model::Model,
    sim: &Simulation,
    outputs: &crate::montecarlo::Outputs,
    seed: u64,
    trials: usize,
) -> sens_report::SensitivityReport {
    let columns = sim.input_columns(seed, trials);
    let mut probe = sensitivity::Probe::new(model, &sim.layout, &sim.plan);
    let (base, bars) = sensitivity::tornado(model, &mut probe);
    let switches = sensitivity::switching_values(model, &mut probe);
    let global = sensitivity::global(
        (0..outputs.perspectives).map(|j| outputs.npv_of(j)),
        &columns,
    );
    let found = (0..outputs.perspectives)
        .map(|j| sens_report::Found {
            npv_at_means: base[j],
            bars: &bars[j],
            rho: &global[j].rho,
            switches: &switches[j],
            evpi: global[j].evpi,
            evppi: &global[j].evppi,
        })
        .collect();
    sens_report::build(model, seed, trials, found)
}
