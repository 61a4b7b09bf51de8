//! `somsim sensitivity`: what drives a scenario's result.

use std::path::PathBuf;

use super::{EditArgs, Failure, McArgs, OutArgs, Output, analyse, load_model, shown, usage};
use crate::analysis::Request;
use crate::lang::msg;
use crate::report::sensitivity::SensitivityReport;

#[derive(Debug, clap::Args)]
pub struct SensitivityArgs {
    /// The scenario file.
    pub file: PathBuf,
    /// Perspectives shown in the table (repeatable; alias `--payer`; default: public,
    /// kommune). JSON and CSV have every perspective.
    #[arg(long = "perspective", visible_alias = "payer", value_name = "NAME")]
    pub perspectives: Vec<String>,
    /// In CSV: the scenario's proposed studies (`studies:`), one row per study, perspective
    /// and study size (EVSI, ENBS), instead of one row per input.
    #[arg(long)]
    pub studies: bool,
    #[command(flatten)]
    pub mc: McArgs,
    #[command(flatten)]
    pub edit: EditArgs,
    #[command(flatten)]
    pub out: OutArgs,
}

pub fn sensitivity(args: &SensitivityArgs) -> Result<(), Failure> {
    args.mc.check(100, args.out.lang)?;
    let output = Output::open(args.out.output.as_deref(), "--output")?;
    output.accepts(args.out.format)?;
    let model = super::for_reader(
        load_model(&args.file, &args.edit)?,
        args.out.lang,
        args.out.format.for_people(),
    );
    output.refuse_inputs(&model.files, &[])?;
    let show = shown(&model, &args.perspectives, &["public", "kommune"])?;
    if model.inputs.is_empty() {
        let file = &model.file;
        return Err(usage(msg!(
            "{file}: the scenario has no uncertain inputs, so there is nothing to vary; give some inputs a distribution",
            "{file}: scenariet har ingen usikre antagelser, så der er intet at variere; giv nogle antagelser en fordeling"
        )));
    }
    if args.studies && model.studies.is_empty() {
        let file = &model.file;
        return Err(usage(msg!(
            "{file}: `--studies` lists the scenario's proposed studies, and it has none; add a `studies:` section (docs/scenario-format.md)",
            "{file}: `--studies` viser scenariets foreslåede undersøgelser, og det har ingen; tilføj et afsnit `studies:` (docs/scenario-format.md)"
        )));
    }
    let request = Request {
        summaries: false,
        sensitivity: true,
        ..Request::trials(args.mc.trials, args.mc.seed)
    };
    let results = analyse(&model, request, args.mc.threads, args.out.lang)?;
    let r = SensitivityReport::of(&results)
        .ok_or_else(|| Failure::Other(anyhow::anyhow!("the sensitivity was not computed")))?;
    output.write_report(&r, args.out.format, &(show, args.out.lang, args.studies))
}
