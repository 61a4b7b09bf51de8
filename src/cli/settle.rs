//! `somsim settle`: a contract settled on actual data. The statement of the years observed, in
//! exact decimals, and the forecast of the end of the term given the data (the Monte Carlo's
//! trials weighted by the likelihood of what was observed).

use std::path::PathBuf;

use super::args::PageOutArgs;
use super::{EditArgs, Failure, McArgs, analyse, load_model};
use crate::analysis::Request;
use crate::contracts::{forecast, settle};
use crate::lang::Message;
use crate::report::Format;
use crate::report::views::settle::SettleReport;

#[derive(Debug, clap::Args)]
pub struct SettleArgs {
    /// A scenario or contract file with at least one contract.
    pub file: PathBuf,
    /// The observed courses, participants, completers and measured outcomes per municipality
    /// and year (CSV, or YAML by the name `*.yaml`/`*.yml`; `docs/guide.md`, "Settling a
    /// contract on actual data").
    #[arg(long, value_name = "FILE")]
    pub actuals: PathBuf,
    /// The contract to settle (default: the only one).
    #[arg(long, value_name = "NAME")]
    pub contract: Option<String>,
    #[command(flatten)]
    pub mc: McArgs,
    #[command(flatten)]
    pub edit: EditArgs,
    #[command(flatten)]
    pub out: PageOutArgs,
}

pub fn settle(args: &SettleArgs) -> Result<(), Failure> {
    let lang = args.out.lang();
    args.mc.check(1, lang)?;
    let output = args.out.open(Message::new(
        "the settlement's page is HTML; give a file with -o, e.g. -o settlement.html",
        "afregningens side er HTML; angiv en fil med -o, fx -o afregning.html",
    ))?;
    let for_people = args.out.format.common().is_none_or(Format::for_people);
    let model = super::for_reader(load_model(&args.file, &args.edit)?, lang, for_people);
    let mut inputs = model.files.clone();
    inputs.push(args.actuals.clone());
    output.refuse_inputs(&inputs, &[])?;
    let k = super::deal::pick_contract(&model, args.contract.as_deref())?;
    let actuals = crate::input::actuals::read_file(&args.actuals)?;
    let observed = settle::observed(&model, k, &actuals)?;
    let request = Request {
        summaries: false,
        deal_basis: true,
        ..Request::trials(args.mc.trials, args.mc.seed)
    };
    let results = analyse(&model, request, args.mc.threads, lang)?;
    let mc = (results.monte_carlo.as_ref())
        .ok_or_else(|| Failure::Other(anyhow::anyhow!("the trials were not run")))?;
    let statement = settle::statement(&model, k, &results.ledger.contracts[k], &actuals)?;
    let basis = (mc.deal_bases.get(k).copied().flatten())
        .ok_or_else(|| Failure::Other(anyhow::anyhow!("the trials kept no deal basis")))?;
    let before = forecast::as_drawn(&model, k, &mc.outputs, basis, &statement);
    let given = forecast::spliced(&model, k, &mc.outputs, basis, &statement);
    // The draws again, as the trials drew them (random sampling, the default).
    let mut layout = crate::sampler::Layout::new(&model);
    if mc.latin_hypercube {
        layout.latin_hypercube();
    }
    let terms = forecast::observations(&model, &layout, k, &observed, &actuals);
    let f = forecast::forecast(&model, k, &layout, args.mc.seed, &terms, &before, &given);
    let report = SettleReport::of(
        &model,
        &statement,
        &f,
        &args.actuals.display().to_string(),
        args.mc.seed,
    );
    args.out
        .write(&output, &report, crate::report::html::settle)
}
