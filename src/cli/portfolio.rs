//! `somsim portfolio`: a portfolio of contracts priced on common random numbers, and the
//! revolving fund that finances them over the years.

use std::path::PathBuf;

use super::args::PageOutArgs;
use super::{Failure, McArgs, Output, with_threads};
use crate::input::InputError;
use crate::lang::Message;
use crate::model::portfolio::Portfolio;
use crate::report::views::portfolio::PortfolioReport;

#[derive(Debug, clap::Args)]
pub struct PortfolioArgs {
    /// A portfolio file (`docs/scenario-format.md`, "Portfolio files").
    pub file: PathBuf,
    #[command(flatten)]
    pub mc: McArgs,
    #[command(flatten)]
    pub out: PageOutArgs,
}

pub fn portfolio(args: &PortfolioArgs) -> Result<(), Failure> {
    let lang = args.out.lang();
    if args.mc.trials > 0 {
        args.mc.check(1, lang)?;
    }
    let output = args.out.open(Message::new(
        "the portfolio's page is HTML; give a file with -o, e.g. -o fund.html",
        "porteføljens side er HTML; angiv en fil med -o, fx -o fond.html",
    ))?;
    let p = load(&args.file, &output)?;
    let (seed, trials) = (args.mc.seed, args.mc.trials);
    fits(&p, trials)?;
    let results = with_threads(args.mc.threads, lang, || {
        crate::portfolio::analyse(&p, seed, trials)
    })?
    .map_err(|e| Failure::from(InputError::from(e)))?;
    let report = PortfolioReport::of(&p, &results);
    args.out
        .write(&output, &report, crate::report::html::portfolio)
}

/// `somsim deal PORTFOLIO --vary TERM=VALUES ...`: the portfolio run again for every
/// combination of its varied terms, on the same seed.
pub fn deal(args: &super::deal::DealArgs) -> Result<(), Failure> {
    use crate::portfolio::grid;
    let lang = args.out.lang;
    args.mc.check(1, lang)?;
    for (given, flag) in [
        (args.contract.is_some(), "--contract"),
        (
            args.max_payer_worse_prob.is_some(),
            "--max-payer-worse-prob",
        ),
        (args.irr, "--irr"),
        (args.solve, "--solve"),
        (!args.edit.set.is_empty(), "--set"),
    ] {
        if given {
            return Err(super::usage(crate::lang::msg!(
                "{flag} is for a contract's deal space; a portfolio's grid varies fund.capital, fund.reserve, fund.management_fee, fund.max_new_per_year, price[ITEM] and return_cap, with --max-loss-prob",
                "{flag} gælder en kontrakts aftalerum; en porteføljes gitter varierer fund.capital, fund.reserve, fund.management_fee, fund.max_new_per_year, price[ITEM] og return_cap, med --max-loss-prob"
            )));
        }
    }
    let limits = super::deal::limits(args.max_loss_prob, None)?;
    let output = Output::open(args.out.output.as_deref(), "--output")?;
    output.accepts(args.out.format)?;
    let p = load(&args.file, &output)?;
    let axes = args
        .vary
        .iter()
        .map(|v| grid_axis(&p, v))
        .collect::<Result<Vec<_>, _>>()?;
    let n: usize = axes.iter().map(|a| a.values.len()).product();
    if n > 1_000 {
        return Err(super::usage(crate::lang::msg!(
            "--vary: {n} combinations; a portfolio's grid runs the portfolio again for each, so expected at most 1000 (use fewer values)",
            "--vary: {n} kombinationer; en porteføljes gitter kører porteføljen igen for hver, så forventede højst 1000 (brug færre værdier)"
        )));
    }
    let (seed, trials) = (args.mc.seed, args.mc.trials);
    fits(&p, trials)?;
    let cells = with_threads(args.mc.threads, lang, || {
        grid::evaluate(&p, &axes, seed, trials)
    })?
    .map_err(|e| Failure::from(InputError::from(e)))?;
    let terms = axes.iter().map(|a| a.name.clone()).collect();
    let report = crate::report::views::portfolio::PortfolioGridReport::of(
        &p,
        terms,
        &cells,
        limits.max_loss_prob,
        seed,
        trials,
    );
    output.write_report(&report, args.out.format, &args.out.lang)
}

/// One `--vary TERM=VALUES` of a portfolio's grid, each value read as its term means it.
fn grid_axis(p: &Portfolio, arg: &str) -> Result<crate::portfolio::grid::Axis, Failure> {
    use crate::decimal::typed::{self, Meaning};
    use crate::portfolio::grid::{Axis, Term};
    use rust_decimal::Decimal;
    let sweep = crate::input::edit::Sweep::parse_as("--vary", arg)?;
    let name = sweep.path.trim().to_owned();
    let (term, meaning, lo, hi) = match name.as_str() {
        "fund.capital" => (Term::Capital, Meaning::Kroner, Decimal::ZERO, None),
        "fund.reserve" => (Term::Reserve, Meaning::Kroner, Decimal::ZERO, None),
        "fund.management_fee" => (
            Term::ManagementFee,
            Meaning::Relative,
            Decimal::ZERO,
            Some(Decimal::ONE),
        ),
        "fund.max_new_per_year" => (Term::MaxNewPerYear, Meaning::Whole, Decimal::ONE, None),
        "return_cap" => (
            Term::ReturnCap,
            Meaning::Relative,
            Decimal::ZERO,
            Some(Decimal::ONE),
        ),
        other => match other
            .strip_prefix("price[")
            .and_then(|s| s.strip_suffix(']'))
        {
            Some(item) => {
                let has = |e: &crate::model::portfolio::Entry| {
                    e.model.contracts[e.contract]
                        .rate_card
                        .iter()
                        .any(|r| r.key == item)
                };
                if !p.entries.iter().any(has) {
                    let items: Vec<String> = (p.entries.iter())
                        .flat_map(|e| {
                            e.model.contracts[e.contract]
                                .rate_card
                                .iter()
                                .map(|r| r.key.clone())
                        })
                        .collect::<std::collections::BTreeSet<_>>()
                        .into_iter()
                        .collect();
                    return Err(super::usage(crate::lang::msg!(
                        "--vary {name}: no contract of the portfolio has a rate-card item `{item}`; expected {items}",
                        "--vary {name}: ingen kontrakt i porteføljen har et betalingsmål `{item}`; forventede {items}",
                        items = crate::input::diag::one_of(&items),
                    )));
                }
                (
                    Term::Price(item.to_owned()),
                    Meaning::Kroner,
                    Decimal::ZERO,
                    None,
                )
            }
            None => {
                return Err(super::usage(crate::lang::msg!(
                    "--vary {name}: not a term of a portfolio; expected fund.capital, fund.reserve, fund.management_fee, fund.max_new_per_year, price[ITEM] or return_cap",
                    "--vary {name}: ikke et vilkår for en portefølje; forventede fund.capital, fund.reserve, fund.management_fee, fund.max_new_per_year, price[ITEM] eller return_cap"
                )));
            }
        },
    };
    if !matches!(term, Term::Price(_) | Term::ReturnCap) && p.fund.is_none() {
        return Err(super::usage(crate::lang::msg!(
            "--vary {name}: the portfolio has no fund; add `fund:` to its file",
            "--vary {name}: porteføljen har ingen fond; tilføj `fund:` til filen"
        )));
    }
    let values = (sweep.values.iter())
        .map(|v| {
            let d = typed::read(v, meaning).map_err(|m| {
                super::usage(crate::lang::msg!(
                    "--vary {name}={v}: {why}",
                    "--vary {name}={v}: {why}",
                    why = m
                ))
            })?;
            if d < lo || hi.is_some_and(|h| d > h) {
                return Err(super::usage(crate::lang::msg!(
                    "--vary {name}={v}: out of range; expected {what} from {lo}",
                    "--vary {name}={v}: uden for området; forventede {what} fra {lo}",
                    what = meaning.expected(),
                )));
            }
            Ok(d)
        })
        .collect::<Result<Vec<_>, Failure>>()?;
    Ok(Axis { term, name, values })
}

/// The portfolio `file`, and every contract file it reads, none of which `output` may be.
fn load(file: &std::path::Path, output: &Output) -> Result<Portfolio, Failure> {
    let p = Portfolio::load(file)?;
    let mut inputs = vec![file.to_owned()];
    for e in &p.entries {
        inputs.extend(e.model.files.iter().cloned());
    }
    output.refuse_inputs(&inputs, &[])?;
    Ok(p)
}

/// Refuse `trials` trials of `p` that would not fit in memory.
fn fits(p: &Portfolio, trials: usize) -> Result<(), Failure> {
    let per_trial = crate::portfolio::bytes_per_trial(p);
    super::memory::check_fixed_trials(&format!("--trials {trials}"), trials, per_trial)
}
