//! `somsim compare` and `somsim sensitivity`.

use std::path::PathBuf;

use super::{EditArgs, Failure, Format, McArgs, OutArgs, Output, load_model, usage, with_threads};
use crate::comparison;
use crate::input::diag::one_of;
use crate::kernel::Plan;
use crate::model::Model;
use crate::montecarlo::{self, Stop};
use crate::report::{self, compare, sensitivity as sens_report};
use crate::sampler::Layout;
use crate::{ledger, sensitivity};

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

/// The perspectives to show: those asked for (each must exist), or the defaults that exist.
fn shown(model: &Model, asked: &[String], defaults: &[&str]) -> Result<Vec<String>, Failure> {
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
            return Err(usage(format!(
                "--perspective {a}: not a perspective of {}; expected {}",
                model.file,
                one_of(&names)
            )));
        }
    }
    Ok(asked.to_vec())
}

/// Paired differences of scenarios over different years or price levels compare unlike
/// things; say so (standard error) rather than refuse, since it may be the point.
fn warn_if_not_comparable(models: &[Model]) {
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
            .map(|m| {
                let layout = Layout::new(m);
                let plan = Plan::new(m, &layout);
                let (out, _) = montecarlo::run(
                    &plan,
                    &layout,
                    args.mc.seed,
                    Stop::Trials(args.mc.trials),
                    &|_, _| {},
                );
                let summary = montecarlo::summarize(&out, m.horizon);
                (out, summary)
            })
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
    let r = compare::build(&parts, &compared, args.mc.seed, args.mc.trials);
    if r.perspectives.is_empty() {
        return Err(usage("the scenarios have no perspective in common".into()));
    }
    output.write(&match args.out.format {
        Format::Table => compare::table(&r, &show),
        Format::Json => report::json::render(&r),
        Format::Csv => compare::csv(&r),
    })
}

pub fn sensitivity(args: &SensitivityArgs) -> Result<(), Failure> {
    args.mc.check(100)?;
    let output = Output::open(args.out.output.as_deref(), "--output")?;
    let model = load_model(&args.file, &args.edit)?;
    output.refuse_inputs(&model.files, &[])?;
    let show = shown(&model, &args.perspectives, &["public", "kommune"])?;
    if model.inputs.is_empty() {
        return Err(usage(format!(
            "{}: the scenario has no uncertain inputs, so there is nothing to vary; give some inputs a distribution",
            model.file
        )));
    }
    let layout = Layout::new(&model);
    let plan = Plan::new(&model, &layout);
    let (outputs, columns) = with_threads(args.mc.threads, || {
        let (out, _) = montecarlo::run(
            &plan,
            &layout,
            args.mc.seed,
            Stop::Trials(args.mc.trials),
            &|_, _| {},
        );
        let columns = montecarlo::input_columns(&layout, args.mc.seed, args.mc.trials);
        (out, columns)
    })?;
    let mut probe = sensitivity::Probe::new(&model, &layout, &plan);
    let (base, bars) = sensitivity::tornado(&model, &mut probe);
    let switches = sensitivity::switching_values(&model, &mut probe);
    let found_data: Vec<(Vec<f64>, f64, Vec<f64>)> = (0..plan.perspectives)
        .map(|j| {
            let npv = outputs.npv_of(j);
            let rho = columns
                .iter()
                .map(|c| sensitivity::spearman(c, &npv))
                .collect();
            let evppi = columns
                .iter()
                .map(|c| sensitivity::evppi(c, &npv))
                .collect();
            (rho, sensitivity::evpi(&npv), evppi)
        })
        .collect();
    let found = (0..plan.perspectives)
        .map(|j| sens_report::Found {
            npv_at_means: base[j],
            bars: &bars[j],
            rho: &found_data[j].0,
            switches: &switches[j],
            evpi: found_data[j].1,
            evppi: &found_data[j].2,
        })
        .collect();
    let r = sens_report::build(&model, args.mc.seed, args.mc.trials, found);
    output.write(&match args.out.format {
        Format::Table => sens_report::table(&r, &show),
        Format::Json => report::json::render(&r),
        Format::Csv => sens_report::csv(&r),
    })
}
