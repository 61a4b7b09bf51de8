//! `somsim merge`: the shards of a sharded batch (`batch --shard K/N`) put back together, in
//! any of the batch's formats, exactly as one unsharded run writes them.

use std::path::PathBuf;

use super::{Failure, Format, Output};
use crate::lang::msg;
use crate::report::shard::{self, Shard};

#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// The shard files, every shard of one batch, in any order.
    #[arg(required = true)]
    pub shards: Vec<PathBuf>,
    /// Output format (default csv, as `somsim batch`).
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    pub format: Format,
    /// Write the output here instead of standard output.
    #[arg(long, short, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// The language of the table output (CSV and JSON are the same in every language).
    #[arg(long, value_enum, env = "SOMSIM_LANG", default_value_t = crate::report::locale::Lang::En)]
    pub lang: crate::report::locale::Lang,
}

pub fn merge(args: &MergeArgs) -> Result<(), Failure> {
    let output = Output::open(args.output.as_deref(), "--output")?;
    output.accepts(args.format)?;
    output.refuse_inputs(&args.shards, &[])?;
    let mut shards = Vec::with_capacity(args.shards.len());
    for path in &args.shards {
        let name = path.display().to_string();
        let text = crate::input::read_text(path)?;
        let doc: Shard = serde_json::from_str(&text).map_err(|e| {
            let (line, column) = (e.line(), e.column());
            super::usage(msg!(
                "{name}, line {line}, column {column}: not a shard of `somsim batch --shard`: {e}",
                "{name}, linje {line}, kolonne {column}: ikke en shard fra `somsim batch --shard` (JSON-læserens besked: {e})"
            ))
        })?;
        shards.push((name, doc));
    }
    let report = shard::merge(shards).map_err(super::usage)?;
    output.write_report(&report, args.format, &(args.lang, "public".to_owned()))?;
    let failed = report.rows.iter().filter(|r| r.status != "ok").count();
    if failed > 0 {
        let m = msg!(
            "{failed} rows could not run; their messages are in the `error` column",
            "{failed} rækker kunne ikke køres; deres beskeder står i kolonnen `error`"
        );
        eprintln!("{}", m.get(args.lang));
    }
    super::batch_failures(failed, report.rows.len())
}
