//! `somsim deal`: a contract's deal space. Simulate once, keeping what the contract's terms act
//! on per trial, then settle every combination of the varied terms on those same trials.

use std::path::PathBuf;

use rust_decimal::Decimal;

use super::{EditArgs, Failure, McArgs, OutArgs, Output, analyse, load_model, usage};
use crate::analysis::{DealRequest, Request};
use crate::contracts::deal::{self, Axis, Limits, MAX_COMBINATIONS, Term};
use crate::decimal::typed::{self, Meaning};
use crate::input::diag::one_of;
use crate::input::edit::Sweep;
use crate::lang::{Message, Num, msg};
use crate::model::Model;
use crate::model::contract::Contract;
use crate::report::deal::DealReport;

#[derive(Debug, clap::Args)]
pub struct DealArgs {
    /// A scenario or contract file with at least one contract, or a portfolio file (its grid
    /// varies fund.capital, fund.reserve, fund.management_fee, fund.max_new_per_year,
    /// price[ITEM] and return_cap).
    pub file: PathBuf,
    /// The contract to vary (default: the only one).
    #[arg(long, value_name = "NAME")]
    pub contract: Option<String>,
    /// A term and its values: TERM=START:STOP:STEP or TERM=V1,V2,... (repeatable; the grid is
    /// every combination). TERM is price[ITEM], cap[ITEM], cap, return_cap, floor, guarantee or
    /// gain_share, e.g. --vary 'price[recovery]=10000:50000:5000' --vary return_cap=0.03,0.05.
    #[arg(long = "vary", value_name = "TERM=VALUES", required = true)]
    pub vary: Vec<String>,
    /// The investor accepts a combination when P(loss) is at most P.
    #[arg(long, value_name = "P", value_parser = super::args::probability)]
    pub max_loss_prob: Option<f64>,
    /// Each paying payer (the outcome payers and the floor payer) accepts a combination when
    /// P(its NPV is lower with the contract) is at most P.
    #[arg(long, value_name = "P", value_parser = super::args::probability)]
    pub max_payer_worse_prob: Option<f64>,
    /// Also the investor's IRR per combination (a root per trial and combination: slower).
    #[arg(long)]
    pub irr: bool,
    /// Also solve along the first varied price (or the first varied term), for each
    /// combination of the other terms, for the value at which the expected MOIC is 1, P(loss)
    /// meets --max-loss-prob, and each paying payer's P(worse off) meets
    /// --max-payer-worse-prob (bisection on the same trials, to the øre).
    #[arg(long)]
    pub solve: bool,
    #[command(flatten)]
    pub mc: McArgs,
    #[command(flatten)]
    pub edit: EditArgs,
    #[command(flatten)]
    pub out: OutArgs,
}

pub fn deal(args: &DealArgs) -> Result<(), Failure> {
    let lang = args.out.lang;
    args.mc.check(1, lang)?;
    let limits = limits(args.max_loss_prob, args.max_payer_worse_prob)?;
    let output = Output::open(args.out.output.as_deref(), "--output")?;
    output.accepts(args.out.format)?;
    let model = super::for_reader(
        load_model(&args.file, &args.edit)?,
        lang,
        args.out.format.for_people(),
    );
    output.refuse_inputs(&model.files, &[])?;
    let deal = request(
        &model,
        args.contract.as_deref(),
        &args.vary,
        limits,
        args.irr,
    )?;
    let deal = crate::analysis::DealRequest {
        solve: args.solve,
        ..deal
    };
    let request = Request {
        summaries: false,
        deal: Some(deal),
        ..Request::trials(args.mc.trials, args.mc.seed)
    };
    let results = analyse(&model, request, args.mc.threads, lang)?;
    let report = DealReport::of(&results)
        .ok_or_else(|| Failure::Other(anyhow::anyhow!("the deal space was not computed")))?;
    output.write_report(&report, args.out.format, &args.out.lang)
}

/// The limits each side states, checked to be probabilities.
pub(super) fn limits(
    max_loss_prob: Option<f64>,
    max_payer_worse_prob: Option<f64>,
) -> Result<Limits, Failure> {
    for (name, p) in [
        ("--max-loss-prob", max_loss_prob),
        ("--max-payer-worse-prob", max_payer_worse_prob),
    ] {
        if let Some(p) = p
            && !(0.0..=1.0).contains(&p)
        {
            return Err(usage(msg!(
                "{name} {p}: expected a probability from 0 to 1",
                "{name} {p}: forventede en sandsynlighed fra 0 til 1"
            )));
        }
    }
    Ok(Limits {
        max_loss_prob,
        max_payer_worse_prob,
    })
}

/// The deal space asked for by `vary` of `model`'s contract `contract` (or its only one).
pub(super) fn request(
    model: &Model,
    contract: Option<&str>,
    vary: &[String],
    limits: Limits,
    irr: bool,
) -> Result<DealRequest, Failure> {
    let k = pick_contract(model, contract)?;
    let axes = vary
        .iter()
        .map(|v| axis(&model.contracts[k], v))
        .collect::<Result<Vec<_>, _>>()?;
    for (i, a) in axes.iter().enumerate() {
        if axes[..i].iter().any(|b| b.term == a.term) {
            let name = &a.name;
            return Err(usage(msg!(
                "--vary {name}: given twice",
                "--vary {name}: angivet to gange"
            )));
        }
    }
    if deal::size(&axes) > MAX_COMBINATIONS {
        return Err(usage(msg!(
            "--vary: {n} combinations; expected at most {most} (use fewer values)",
            "--vary: {n} kombinationer; forventede højst {most} (brug færre værdier)",
            n = Num(deal::size(&axes)),
            most = Num(MAX_COMBINATIONS),
        )));
    }
    Ok(DealRequest {
        contract: k,
        axes,
        limits,
        irr,
        solve: false,
    })
}

/// The contract named `name`, or the only one.
pub(super) fn pick_contract(model: &Model, name: Option<&str>) -> Result<usize, Failure> {
    // The names as written (keys), whatever the language shown.
    let names: Vec<&str> = model.contracts.iter().map(|c| c.key.as_str()).collect();
    let file = &model.file;
    match (name, names.len()) {
        (_, 0) => Err(usage(msg!(
            "{file} has no contract; add `contracts:` to the scenario or give a contract file (docs/scenario-format.md, \"contracts\")",
            "{file} har ingen kontrakt; tilføj `contracts:` til scenariet, eller angiv en kontraktfil (docs/scenario-format.md, \"contracts\")"
        ))),
        (None, 1) => Ok(0),
        (None, n) => Err(usage(msg!(
            "{file} has {n} contracts; say which with --contract: {names}",
            "{file} har {n} kontrakter; sig hvilken med --contract: {names}",
            names = one_of(&names),
        ))),
        (Some(n), _) => names.iter().position(|x| *x == n).ok_or_else(|| {
            usage(msg!(
                "--contract {n}: not a contract of {file}; expected {names}",
                "--contract {n}: ikke en kontrakt i {file}; forventede {names}",
                names = one_of(&names),
            ))
        }),
    }
}

/// One `--vary TERM=VALUES`.
fn axis(c: &Contract, arg: &str) -> Result<Axis, Failure> {
    let sweep = Sweep::parse_as("--vary", arg)?;
    let name = sweep.path.trim().to_owned();
    // The targets' names as written (keys), whatever the language shown.
    let items: Vec<&str> = c.rate_card.iter().map(|r| r.key.as_str()).collect();
    let item = |sel: &str| -> Result<usize, Failure> {
        items
            .iter()
            .position(|n| *n == sel)
            .or_else(|| sel.parse::<usize>().ok().filter(|i| *i < items.len()))
            .ok_or_else(|| {
                let contract = &c.name;
                // Its Danish name, say: the key is the name as written.
                if let Some(r) = (c.rate_card.iter()).find(|r| r.da.name.as_deref() == Some(sel)) {
                    let key = &r.key;
                    return usage(msg!(
                        "--vary {name}: `{sel}` is the Danish name of the rate card's item `{key}`; name it as the file writes it, `{key}`",
                        "--vary {name}: `{sel}` er det danske navn på prislistens punkt `{key}`; angiv det, som filen skriver det: `{key}`",
                    ));
                }
                usage(msg!(
                    "--vary {name}: `{sel}` is not an item of the rate card of contract \"{contract}\"; expected {items}",
                    "--vary {name}: `{sel}` er ikke et punkt i prislisten (`rate_card`) i kontrakten \"{contract}\"; forventede {items}",
                    items = one_of(&items),
                ))
            })
    };
    let selector = |prefix: &str| {
        name.strip_prefix(prefix)
            .and_then(|r| r.strip_prefix('['))
            .and_then(|r| r.strip_suffix(']'))
    };
    let term = if let Some(sel) = selector("price") {
        Term::Price(item(sel)?)
    } else if let Some(sel) = selector("cap") {
        Term::ItemCap(item(sel)?)
    } else {
        match name.as_str() {
            "cap" => Term::Cap,
            "return_cap" => Term::ReturnCap,
            "floor" => Term::Floor,
            "guarantee" => Term::Guarantee,
            "gain_share" => Term::GainShare,
            "price" | "cap[]" | "price[]" => {
                let values = arg.split_once('=').map_or("", |(_, v)| v);
                let (first, contract) = (items.first().copied().unwrap_or("ITEM"), &c.name);
                return Err(usage(msg!(
                    "--vary {name}: say which rate-card item's price, e.g. --vary 'price[{first}]={values}'; the items of contract \"{contract}\" are {items}",
                    "--vary {name}: sig hvilket punkt i prislisten prisen gælder, fx --vary 'price[{first}]={values}'; punkterne i kontrakten \"{contract}\" er {items}",
                    items = one_of(&items),
                )));
            }
            other => {
                return Err(usage(msg!(
                    "--vary {other}: not a term the grid can vary; expected price[ITEM], cap[ITEM], cap, return_cap, floor, guarantee or gain_share (pre-financing, cohorts, lags and triggers change the simulation: use --set and a run each)",
                    "--vary {other}: ikke et vilkår, gitteret kan variere; forventede price[ITEM], cap[ITEM], cap, return_cap, floor, guarantee eller gain_share (forfinansiering, årgange, forsinkelser og udløsere ændrer simuleringen: brug --set og én kørsel for hver)"
                )));
            }
        }
    };
    let missing = match term {
        Term::Floor if c.floor.is_none() => Some(Message::new(
            "no floor: add `floor: {share, payer}` to name who tops up",
            "intet gulv (`floor`): tilføj `floor: {share, payer}` for at nævne, hvem der supplerer op",
        )),
        Term::Guarantee if c.guarantee.is_none() => Some(Message::new(
            "no guarantee: add `guarantee: {guarantor, amount}` to name the guarantor",
            "ingen garanti (`guarantee`): tilføj `guarantee: {guarantor, amount}` for at nævne garanten",
        )),
        Term::GainShare if c.gain_share.is_none() => Some(Message::new(
            "no gain share: add `gain_share: {share, of}` to name whose savings it shares",
            "ingen andel af besparelserne (`gain_share`): tilføj `gain_share: {share, of}` for at nævne, hvis besparelser den deler",
        )),
        _ => None,
    };
    if let Some(what) = missing {
        let contract = &c.name;
        return Err(usage(msg!(
            "--vary {name}: contract \"{contract}\" has {what}",
            "--vary {name}: kontrakten \"{contract}\" har {what}",
            what = what,
        )));
    }
    let values = sweep
        .values
        .iter()
        .map(|v| {
            let meaning = match term {
                Term::ReturnCap | Term::Floor | Term::GainShare => Meaning::Share,
                _ => Meaning::Kroner,
            };
            let d: Decimal = typed::read(v, meaning)
                .map_err(|e| usage(msg!("--vary {name}: {e}", "--vary {name}: {e}", e = e)))?;
            match deal::check_value(term, d) {
                Some(expected) => Err(usage(msg!(
                    "--vary {name}: {v}: expected {expected}",
                    "--vary {name}: {v}: forventede {expected}",
                    expected = expected,
                ))),
                None => Ok(d),
            }
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Axis { term, name, values })
}
