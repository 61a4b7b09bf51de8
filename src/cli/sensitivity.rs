//! `somsim sensitivity`: what drives a scenario's result.

use std::path::PathBuf;

use super::{EditArgs, Failure, McArgs, OutArgs, Output, analyse, load_model, shown, usage};
use crate::analysis::Request;
use crate::report::sensitivity::SensitivityReport;

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
    let request = Request {
        summaries: false,
        sensitivity: true,
        ..Request::trials(args.mc.trials, args.mc.seed)
    };
    let results = analyse(&model, request, args.mc.threads)?;
    let r = SensitivityReport::of(&results)
        .ok_or_else(|| Failure::Other(anyhow::anyhow!("the sensitivity was not computed")))?;
    output.write_report(&r, args.out.format, &(show, args.out.lang))
}
