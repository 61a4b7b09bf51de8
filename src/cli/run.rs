//! `somsim run`: the exact base case, then the Monte Carlo, per payer and perspective.

use super::{
    DEFAULT_TRIALS, Failure, MAX_TRIALS, Output, RunArgs, load_model, note_few_trials, output,
    usage, with_threads,
};
use crate::analysis::{Analysis, Request};
use crate::input::InputError;
use crate::lang::{Lang, Message, Num, msg};
use crate::model::Model;
use crate::montecarlo;
use crate::report::{self, LedgerFilter, Render};

fn check_run_args(args: &RunArgs) -> Result<(), Failure> {
    if args.threads == Some(0) {
        return Err(super::args::no_threads());
    }
    let most = args.trials.unwrap_or(0).max(if args.precision.is_some() {
        args.max_trials
    } else {
        0
    });
    if most > MAX_TRIALS {
        return Err(usage(msg!(
            "{most} trials: at most {max} per run (use --precision to stop when precise enough)",
            "{most} simuleringer: højst {max} pr. kørsel (brug --precision for at stoppe, når resultaterne er præcise nok)",
            max = Num(MAX_TRIALS),
        )));
    }
    if args.precision.is_some() && args.max_trials < montecarlo::BATCH {
        let max = args.max_trials;
        return Err(usage(msg!(
            "--max-trials {max}: expected at least one batch of {batch} trials",
            "--max-trials {max}: forventede mindst én portion på {batch} simuleringer",
            batch = Num(montecarlo::BATCH),
        )));
    }
    Ok(())
}

/// A progress bar on standard error (in `lang`), only when it is a terminal.
fn progress_bar(lang: Lang) -> impl Fn(usize, usize) + Sync {
    let trials = match lang {
        Lang::En => "trials",
        Lang::Da => "simuleringer",
    };
    use std::io::IsTerminal;
    let show = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    move |done: usize, total: usize| {
        if !show || total <= montecarlo::BATCH {
            return;
        }
        let width = 30;
        let filled = (done * width / total.max(1)).min(width);
        eprint!(
            "\r  Monte Carlo [{}{}] {:>3}%  {done}/{total} {trials} ",
            "#".repeat(filled),
            ".".repeat(width - filled),
            done * 100 / total.max(1)
        );
        if done >= total {
            eprint!("\r{}\r", " ".repeat(width + 60));
        }
    }
}

pub fn run(args: &RunArgs) -> Result<(), Failure> {
    check_run_args(args)?;
    let output = Output::open(args.output.as_deref(), "--output")?;
    output.accepts(args.format)?;
    let samples_output = (args.samples.as_deref())
        .map(|p| Output::open(Some(p), "--samples"))
        .transpose()?;
    let lambda = super::lambda_arg(args.lambda.as_deref())?;
    let model = super::for_reader(
        load_model(&args.file, &args.edit)?,
        args.lang,
        args.format.for_people(),
    );
    super::warn_target_groups(&model, args.lang);
    if args.ceac && model.non_monetary.is_empty() {
        return Err(usage(Message::new(
            "--ceac: the scenario has no non-monetary outcome (`non_monetary`) to analyse",
            "--ceac: scenariet har ingen effekt uden pris (`non_monetary`) at analysere",
        )));
    }
    let outputs: Vec<&Output> = std::iter::once(&output).chain(&samples_output).collect();
    for o in &outputs {
        o.refuse_inputs(&model.files, &outputs)?;
    }
    let perspectives = super::shown(&model, &args.perspectives, &[])?;
    check_municipality(&model, args.municipality.as_deref())?;
    let filter = LedgerFilter {
        municipality: args.municipality.clone(),
        payer: ledger_payer(&model, args)?,
    };
    let analysis = Analysis::new(&model, request(args, &model, lambda));
    if analysis.simulation().is_none() && args.samples.is_some() {
        return Err(usage(Message::new(
            "--samples: no Monte Carlo ran (the scenario has no uncertain inputs, or --trials 0)",
            "--samples: der blev ikke kørt nogen Monte Carlo-simulering (scenariet har ingen usikre antagelser, eller --trials 0)",
        )));
    }
    super::check_memory(std::slice::from_ref(&analysis), args.threads)?;
    let progress = progress_bar(args.lang);
    let results = with_threads(args.threads, args.lang, || analysis.run(&progress))?
        .map_err(InputError::from)?;
    let run = report::Run::from(&results);
    let mut pending = Vec::new();
    if let (Some(out), Some(sim), Some(mc)) =
        (&samples_output, analysis.simulation(), &results.monte_carlo)
    {
        // Streamed row by row: the file is never held in memory whole.
        let columns = sim.layout.column_names(&model);
        let draw = |i: usize, buf: &mut [f64]| sim.layout.fill(args.seed, i as u64, buf);
        pending.extend(
            out.write_with(|w| {
                report::csv::samples::write(w, &model, &columns, draw, &mc.outputs)
            })?,
        );
    }
    let options = report::RunOptions {
        ledger: args.ledger.then_some(filter),
        csv: args.csv_table(),
        sources: args.sources,
        terminal: output.to_terminal(),
        lang: args.lang,
        perspectives,
        municipality: args.municipality.clone(),
        full: args.full,
        changed: changed(&args.edit)?,
    };
    pending.extend(output.write_with(|w| run.write(args.format, &options, w))?);
    output::commit(pending)
}

/// What `somsim run` computes.
fn request(args: &RunArgs, model: &Model, lambda: Option<Vec<f64>>) -> Request {
    let stop = match (args.precision, args.trials) {
        (Some(target), _) => Some(montecarlo::Stop::Precision {
            target,
            max_trials: args.max_trials,
        }),
        (None, Some(0)) => None,
        (None, Some(n)) => {
            note_few_trials(n, args.lang);
            Some(montecarlo::Stop::Trials(n))
        }
        (None, None) if model.is_uncertain() => Some(montecarlo::Stop::Trials(DEFAULT_TRIALS)),
        (None, None) => None,
    };
    Request {
        stop,
        latin_hypercube: args.sampling == super::args::Sampling::LatinHypercube,
        municipal_break_even: args.municipal_break_even,
        input_columns: model.correlation.is_some(),
        lambda,
        evppi: args.evppi,
        // The capital outstanding year by year, for the contracts' exposure.
        contract_outstanding: !model.contracts.is_empty(),
        ..Request::trials(0, args.seed)
    }
}

/// The inputs `--set` changed, as (path, value).
fn changed(edit: &super::EditArgs) -> Result<Vec<(String, String)>, Failure> {
    Ok((edit.settings()?.into_iter())
        .map(|s| (s.path, s.value))
        .collect())
}

/// The payer whose rows the ledger keeps: the one `--perspective` (`--payer`) names, with
/// `--ledger`; a perspective of several payers cannot filter the ledger's rows.
fn ledger_payer(model: &Model, args: &RunArgs) -> Result<Option<String>, Failure> {
    use crate::input::diag::one_of;
    if !args.ledger || args.perspectives.is_empty() {
        return Ok(None);
    }
    match args.perspectives.as_slice() {
        [p] if model.payer_id(p).is_some() => Ok(Some(p.clone())),
        _ => {
            let asked = args.perspectives.join(", ");
            Err(usage(msg!(
                "--perspective {asked} with --ledger: the ledger's rows are kept per payer; expected one payer, {payers}",
                "--perspective {asked} med --ledger: regnskabets rækker er opdelt pr. betaler; forventede én betaler, {payers}",
                payers = one_of(&model.payers),
            )))
        }
    }
}

/// `--municipality`: one of the scenario's municipalities (or `national`).
fn check_municipality(model: &Model, municipality: Option<&str>) -> Result<(), Failure> {
    use crate::input::diag::one_of;
    if let Some(m) = municipality {
        let mut names: Vec<&str> = model
            .municipalities
            .iter()
            .map(|m| m.name.as_str())
            .collect();
        names.push(report::NATIONAL);
        if !names.contains(&m) {
            return Err(usage(msg!(
                "--municipality {m}: not in the scenario; expected {names}",
                "--municipality {m}: står ikke i scenariet; forventede {names}",
                names = one_of(&names),
            )));
        }
    }
    Ok(())
}
