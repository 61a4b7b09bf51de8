//! `somsim portfolio`: a portfolio of contracts priced on common random numbers, and the
//! revolving fund that finances them over the years.

use std::io::IsTerminal;
use std::path::PathBuf;

use super::args::PageFormat;
use super::{Failure, McArgs, Output, with_threads};
use crate::input::InputError;
use crate::lang::Message;
use crate::model::portfolio::Portfolio;
use crate::report::locale::Lang;
use crate::report::views::portfolio::PortfolioReport;

#[derive(Debug, clap::Args)]
pub struct PortfolioArgs {
    /// A portfolio file (`docs/scenario-format.md`, "Portfolio files").
    pub file: PathBuf,
    #[command(flatten)]
    pub mc: McArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = PageFormat::Table)]
    pub format: PageFormat,
    /// Write the output here instead of standard output (`-`: standard output).
    #[arg(long, short, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// The language of the tables, the workbook and the page (default: English, and Danish
    /// for the page; JSON and CSV are the same in every language).
    #[arg(long, value_enum, env = "SOMSIM_LANG")]
    pub lang: Option<Lang>,
}

impl PortfolioArgs {
    /// The language: as asked, else Danish for the page and English otherwise.
    pub fn lang(&self) -> Lang {
        (self.lang).unwrap_or(if self.format == PageFormat::Html {
            Lang::Da
        } else {
            Lang::En
        })
    }
}

pub fn portfolio(args: &PortfolioArgs) -> Result<(), Failure> {
    let lang = args.lang();
    if args.mc.trials > 0 {
        args.mc.check(1, lang)?;
    }
    let output = Output::open(args.output.as_deref(), "--output")?;
    match args.format.common() {
        Some(format) => output.accepts(format)?,
        None if args.output.is_none() && std::io::stdout().is_terminal() => {
            return Err(super::usage(Message::new(
                "the portfolio's page is HTML; give a file with -o, e.g. -o fund.html",
                "porteføljens side er HTML; angiv en fil med -o, fx -o fond.html",
            )));
        }
        None => {}
    }
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
    match args.format.common() {
        Some(format) => output.write_report(&report, format, &lang),
        None => output.write(&crate::report::html::portfolio(&report, lang)),
    }
}
