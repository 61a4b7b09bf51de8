//! `somsim compare`: scenarios side by side, with paired differences from the first.

use std::path::PathBuf;

use super::{EditArgs, Failure, McArgs, OutArgs, Output, load_model, shown, usage, with_threads};
use crate::analysis::{Analysis, Comparison, Request};
use crate::lang::{Lang, Message, msg};
use crate::model::Model;
use crate::report::compare::CompareReport;

#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    /// Two or more scenario files; differences are against the first.
    #[arg(required = true, num_args = 2..)]
    pub files: Vec<PathBuf>,
    /// Perspectives shown in the table (repeatable; alias `--payer`; default: kommune,
    /// public, all). JSON and CSV have every perspective.
    #[arg(long = "perspective", visible_alias = "payer", value_name = "NAME")]
    pub perspectives: Vec<String>,
    /// Prices per unit of the shared non-monetary outcomes for the paired acceptability
    /// curves, in kroner per unit: START:STOP:STEP, a list V1,V2,... or one price (default: 21
    /// round prices from 0 to about twice the threshold price).
    #[arg(long, value_name = "PRICES")]
    pub lambda: Option<String>,
    /// In CSV: the paired cost-effectiveness acceptability curves instead of the summary.
    #[arg(long)]
    pub ceac: bool,
    #[command(flatten)]
    pub mc: McArgs,
    #[command(flatten)]
    pub edit: EditArgs,
    #[command(flatten)]
    pub out: OutArgs,
}

/// Paired differences of scenarios over different years or price levels compare unlike
/// things; say so (standard error) rather than refuse, since it may be the point.
pub(super) fn warn_if_not_comparable(models: &[Model], lang: Lang) {
    let first = &models[0];
    for (i, m) in models.iter().enumerate().skip(1) {
        let mut differ: Vec<Message> = Vec::new();
        if m.start_year != first.start_year {
            let (a, b) = (m.start_year, first.start_year);
            differ.push(msg!("start year {a} against {b}", "startår {a} mod {b}"));
        }
        if m.horizon != first.horizon {
            let (a, b) = (m.horizon, first.horizon);
            differ.push(msg!(
                "horizon {a} years against {b}",
                "tidshorisont {a} år mod {b}"
            ));
        }
        if m.price_year != first.price_year {
            let (a, b) = (m.price_year, first.price_year);
            differ.push(msg!(
                "prices of {a} against {b}",
                "{a}-priser mod {b}-priser"
            ));
        }
        if !differ.is_empty() {
            let k = i + 1;
            let differ = Message::by(|l| {
                let parts: Vec<&str> = differ.iter().map(|d| d.get(l)).collect();
                parts.join(", ")
            });
            let m = msg!(
                "warning: [{k}] differs from [1] in {differ}: its NPVs cover other years or another price level, so the differences mix that in",
                "advarsel: [{k}] adskiller sig fra [1] ved {differ}: dets nutidsværdier dækker andre år eller et andet prisniveau, så forskellene blander det ind",
                differ = differ,
            );
            eprintln!("{}", m.get(lang));
        }
    }
}

pub fn compare(args: &CompareArgs) -> Result<(), Failure> {
    // One trial is not a distribution: P(beats) would be 0 or 1.
    let lang = args.out.lang;
    args.mc.check(2, lang)?;
    let output = Output::open(args.out.output.as_deref(), "--output")?;
    output.accepts(args.out.format)?;
    let lambda = super::lambda_arg(args.lambda.as_deref())?;
    let models: Vec<Model> = (args.files.iter())
        .map(|f| {
            let human = args.out.format.for_people();
            load_model(f, &args.edit).map(|m| super::for_reader(m, lang, human))
        })
        .collect::<Result<_, _>>()?;
    let inputs: Vec<PathBuf> = models.iter().flat_map(|m| m.files.clone()).collect();
    output.refuse_inputs(&inputs, &[])?;
    warn_if_not_comparable(&models, lang);
    let show = shown(
        &models[0],
        &args.perspectives,
        &["kommune", "public", "all"],
    )?;
    let analyses: Vec<Analysis> = (models.iter())
        .map(|m| {
            let request = Request {
                cost_effectiveness: false,
                ..Request::trials(args.mc.trials, args.mc.seed)
            };
            Analysis::new(m, request)
        })
        .collect();
    let runs = super::analyse_all(&analyses, args.mc.threads, lang)?;
    let comparison = with_threads(args.mc.threads, lang, || {
        Comparison::of(&runs, lambda.as_deref())
    })?;
    if args.ceac && comparison.paired.is_empty() {
        return Err(usage(Message::new(
            "--ceac: the scenarios share no non-monetary outcome (`non_monetary`) to compare",
            "--ceac: scenarierne har ingen fælles effekt uden pris (`non_monetary`) at sammenligne",
        )));
    }
    let r = CompareReport::from(&comparison);
    if r.perspectives.is_empty() {
        return Err(usage(Message::new(
            "the scenarios have no perspective in common",
            "scenarierne har intet perspektiv til fælles",
        )));
    }
    output.write_report(&r, args.out.format, &(show, args.out.lang, args.ceac))
}
