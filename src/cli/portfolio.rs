//! `somsim portfolio`: a portfolio of contracts priced on common random numbers, and the
//! revolving fund that finances them over the years.

use std::path::PathBuf;

use super::{Failure, McArgs, OutArgs, Output, with_threads};
use crate::input::InputError;
use crate::model::portfolio::Portfolio;
use crate::report::views::portfolio::PortfolioReport;

#[derive(Debug, clap::Args)]
pub struct PortfolioArgs {
    /// A portfolio file (`docs/scenario-format.md`, "Portfolios").
    pub file: PathBuf,
    #[command(flatten)]
    pub mc: McArgs,
    #[command(flatten)]
    pub out: OutArgs,
}

pub fn portfolio(args: &PortfolioArgs) -> Result<(), Failure> {
    let lang = args.out.lang;
    if args.mc.trials > 0 {
        args.mc.check(1, lang)?;
    }
    let output = Output::open(args.out.output.as_deref(), "--output")?;
    output.accepts(args.out.format)?;
    let p = Portfolio::load(&args.file)?;
    let mut inputs = vec![args.file.clone()];
    for e in &p.entries {
        inputs.extend(e.model.files.iter().cloned());
    }
    output.refuse_inputs(&inputs, &[])?;
    let (seed, trials) = (args.mc.seed, args.mc.trials);
    let results = with_threads(args.mc.threads, lang, || {
        crate::portfolio::analyse(&p, seed, trials)
    })?
    .map_err(|e| Failure::from(InputError::from(e)))?;
    let report = PortfolioReport::of(&p, &results);
    output.write_report(&report, args.out.format, &args.out.lang)
}
