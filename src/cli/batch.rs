//! `somsim batch`: many scenarios and variants in one call, one row each, for scripts.
//!
//! Each file is read and parsed once. Each variant (`--set` changes, then one combination of
//! the `--sweep` grid) is applied to a copy of the parsed file and validated, and all valid
//! variants then run in parallel. A file or variant that fails is reported on standard error
//! and as an `error` row; the rest still run, and the exit code is 2 at the end.

use std::path::{Path, PathBuf};

use indexmap::IndexMap;

use super::{Failure, Format, Output, usage, with_threads};
use crate::input::edit::{self, Setting, Sweep};
use crate::input::{self, InputError};
use crate::lang::{Num, msg};
use crate::model::Model;
use crate::montecarlo::{self, Simulation};
use crate::report::batch::{BatchReport, BatchRow};
use crate::report::shard::{self, Shard, ShardKey};

#[derive(Debug, clap::Args)]
pub struct BatchArgs {
    /// Scenario files, or folders whose scenario files (`*.yaml`) are all run.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Change an input in every run: PATH=VALUE (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub set: Vec<String>,
    /// Run every combination: PATH=START:STOP:STEP or PATH=V1,V2,... (repeatable).
    #[arg(long = "sweep", value_name = "PATH=RANGE")]
    pub sweep: Vec<String>,
    /// Monte Carlo trials per row (0: the exact base case only).
    #[arg(long, value_name = "N", default_value_t = super::DEFAULT_TRIALS, value_parser = super::args::whole)]
    pub trials: usize,
    /// Random seed, the same for every row (common random numbers).
    #[arg(long, value_name = "S", default_value_t = montecarlo::DEFAULT_SEED, value_parser = super::args::seed)]
    pub seed: u64,
    /// Worker threads (default: all cores, or RAYON_NUM_THREADS). Results do not depend on it.
    #[arg(long, value_name = "N", value_parser = super::args::whole)]
    pub threads: Option<usize>,
    /// Output format (default csv; with --shard, the shard's JSON for `somsim merge`).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Run only shard K of N (K from 1): the rows whose place in the batch, counted from 0,
    /// is K - 1 modulo N. The output is a shard for `somsim merge`, which puts the shards
    /// together into exactly the output of one unsharded run.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<String>,
    /// The perspective the table shows (alias `--payer`; default public). CSV and JSON have
    /// every perspective.
    #[arg(long = "perspective", visible_alias = "payer", value_name = "NAME")]
    pub perspective: Option<String>,
    /// Write the output here instead of standard output.
    #[arg(long, short, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// The language of the table output (JSON, CSV and the workbook are the same in every
    /// language).
    #[arg(long, value_enum, env = "SOMSIM_LANG", default_value_t = crate::report::locale::Lang::En)]
    pub lang: crate::report::locale::Lang,
}

/// The scenario files named by `paths` (folders: their `*.yaml` scenario files, sorted).
fn scenario_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| {
                    let folder = p.display();
                    usage(msg!(
                        "{folder}: cannot list the folder: {e}",
                        "{folder}: mappen kan ikke læses (systemets besked: {e})"
                    ))
                })?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.extension().is_some_and(|x| x == "yaml" || x == "yml"))
                .filter(|f| {
                    input::read_text(f).map_or(true, |t| !input::looks_like_assumptions(&t))
                })
                .collect();
            files.sort();
            if files.is_empty() {
                let folder = p.display();
                return Err(usage(msg!(
                    "{folder}: no scenario files (*.yaml) in the folder",
                    "{folder}: ingen scenariefiler (*.yaml) i mappen"
                )));
            }
            out.extend(files);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// A row's scenario: a validated model, or why not.
struct Variant {
    file: String,
    settings: Vec<Setting>,
    /// The validated variant with its exact base case.
    model: Result<(Model, crate::ledger::Ledger), InputError>,
}

fn variants(file: &Path, set: &[Setting], grid: &[Vec<Setting>]) -> Vec<Variant> {
    let name = file.display().to_string();
    let loaded = match input::load(file) {
        Ok(l) => l,
        Err(e) => {
            return vec![Variant {
                file: name,
                settings: Vec::new(),
                model: Err(e),
            }];
        }
    };
    grid.iter()
        .map(|combo| {
            let mut settings = set.to_vec();
            settings.extend(combo.iter().cloned());
            let mut l = loaded.clone();
            let model = edit::apply(&mut l, &settings)
                .and_then(|()| Model::from_loaded(&l))
                .and_then(|m| {
                    let ledger = crate::ledger::compute(&m)?;
                    Ok((m, ledger))
                });
            Variant {
                file: name.clone(),
                settings,
                model,
            }
        })
        .collect()
}

pub fn batch(args: &BatchArgs) -> Result<(), Failure> {
    let lang = args.lang;
    if args.trials > super::MAX_TRIALS {
        let trials = args.trials;
        return Err(usage(msg!(
            "--trials {trials}: at most {most}",
            "--trials {trials}: højst {most}",
            most = Num(super::MAX_TRIALS),
        )));
    }
    if args.threads == Some(0) {
        return Err(super::args::no_threads());
    }
    super::note_few_trials(args.trials, lang);
    let shard = args.shard.as_deref().map(parse_shard).transpose()?;
    let format = match (args.format, shard) {
        (None, None) => Format::Csv,
        (Some(f), None) | (Some(f @ Format::Json), Some(_)) => f,
        (None, Some(_)) => Format::Json,
        (Some(f), Some(_)) => {
            let format = clap::ValueEnum::to_possible_value(&f)
                .map_or_else(String::new, |v| v.get_name().to_owned());
            return Err(usage(msg!(
                "--shard with --format {format}: a shard is JSON for `somsim merge`, which writes any format; leave out --format",
                "--shard med --format {format}: en shard er JSON til `somsim merge`, som skriver alle formater; udelad --format"
            )));
        }
    };
    let output = Output::open(args.output.as_deref(), "--output")?;
    output.accepts(format)?;
    let set: Vec<Setting> = args
        .set
        .iter()
        .map(|s| Setting::parse(s))
        .collect::<Result<_, _>>()?;
    let sweeps: Vec<Sweep> = args
        .sweep
        .iter()
        .map(|s| Sweep::parse(s))
        .collect::<Result<_, _>>()?;
    let grid = edit::grid(&sweeps)?;
    let mut paths: Vec<String> = Vec::new();
    for p in set
        .iter()
        .map(|s| &s.path)
        .chain(sweeps.iter().map(|s| &s.path))
    {
        if !paths.contains(p) {
            paths.push(p.clone());
        }
    }
    let files = scenario_files(&args.paths)?;
    let all: Vec<Variant> = files
        .iter()
        .flat_map(|f| variants(f, &set, &grid))
        .collect();
    let inputs: Vec<PathBuf> = files
        .iter()
        .cloned()
        .chain(all.iter().flat_map(|v| match &v.model {
            Ok((m, _)) => m.files.clone(),
            Err(_) => Vec::new(),
        }))
        .collect();
    output.refuse_inputs(&inputs, &[])?;
    if let Some((_, n)) = shard
        && n > all.len()
    {
        let (shard, rows) = (args.shard.as_deref().unwrap_or_default(), all.len());
        let rows_da = if rows == 1 { "række" } else { "rækker" };
        return Err(usage(msg!(
            "--shard {shard}: {n} shards of a batch of {rows} rows would leave shards without rows; N can be at most {rows}",
            "--shard {shard}: {n} shards af en kørsel med {rows} {rows_da} ville give shards uden rækker; N kan højst være {rows}"
        )));
    }
    let mine = |i: usize| shard.is_none_or(|(k, n)| shard::in_shard(i, k, n));

    // Every valid variant's Monte Carlo (of this shard), in parallel.
    let jobs: Vec<(usize, Simulation)> = all
        .iter()
        .enumerate()
        .filter(|(i, _)| mine(*i))
        .filter_map(|(i, v)| v.model.as_ref().ok().map(|(m, _)| (i, Simulation::new(m))))
        .collect();
    let summaries = if args.trials > 0 {
        let sims: Vec<&Simulation> = jobs.iter().map(|(_, sim)| sim).collect();
        // Rows run in parallel, each keeping its trials until summarised.
        let threads = super::threads_used(args.threads);
        let mut sizes: Vec<u64> = sims.iter().map(|s| s.bytes_per_trial(1)).collect();
        sizes.sort_unstable_by(|a, b| b.cmp(a));
        let per_trial = sizes.iter().take(threads).sum();
        super::memory::check(
            &format!("--trials {}", args.trials),
            args.trials,
            per_trial,
            0,
        )?;
        with_threads(args.threads, lang, || {
            montecarlo::run_many(&sims, args.seed, args.trials)
        })?
    } else {
        Vec::new()
    };
    let mut summary_of: Vec<Option<&crate::stats::Summary>> = vec![None; all.len()];
    for ((i, _), s) in jobs.iter().zip(&summaries) {
        summary_of[*i] = Some(s);
    }

    let mut failed = 0;
    let rows: Vec<(usize, BatchRow)> = all
        .iter()
        .zip(&summary_of)
        .enumerate()
        .filter(|(i, _)| mine(*i))
        .map(|(i, (v, summary))| {
            let settings: IndexMap<String, String> = v
                .settings
                .iter()
                .map(|s| (s.path.clone(), s.value.clone()))
                .collect();
            let row = match &v.model {
                Err(e) => {
                    failed += 1;
                    eprintln!("{}", crate::report::format::printable(&e.render(lang)));
                    BatchRow::failed(v.file.clone(), settings, e.to_string())
                }
                Ok((model, l)) => BatchRow::ok(v.file.clone(), settings, model, l, *summary),
            };
            (i, row)
        })
        .collect();
    let n = rows.len();
    match shard {
        None => {
            let rows = rows.into_iter().map(|(_, r)| r).collect();
            let r = BatchReport::new(args.seed, args.trials, paths, rows);
            let perspective = batch_perspective(&r, args.perspective.as_deref())?;
            output.write_report(&r, format, &(args.lang, perspective))?;
        }
        Some((k, count)) => {
            let mut read: Vec<PathBuf> = Vec::new();
            for f in inputs {
                if !read.contains(&f) {
                    read.push(f);
                }
            }
            let options: Vec<String> = (args.set.iter().map(|s| format!("--set {s}")))
                .chain(args.sweep.iter().map(|s| format!("--sweep {s}")))
                .collect();
            let key = ShardKey {
                engine: env!("CARGO_PKG_VERSION").into(),
                stream_version: crate::sampler::STREAM_VERSION,
                seed: args.seed,
                trials: args.trials,
                paths,
                rows: all.len(),
                shards: count,
                inputs_sha256: super::fingerprint(&read, &options)?,
            };
            let doc = Shard::new(k, key, rows);
            let json = serde_json::to_string_pretty(&doc)
                .map_err(|e| Failure::Other(anyhow::anyhow!("writing the shard: {e}")))?;
            output.write(&(json + "\n"))?;
        }
    }
    super::batch_failures(failed, n)
}

/// `K/N` with 1 <= K <= N.
fn parse_shard(s: &str) -> Result<(usize, usize), Failure> {
    let whole = |t: &str| super::args::whole(t).ok();
    let parsed = s
        .split_once('/')
        .and_then(|(k, n)| Some((whole(k)?, whole(n)?)));
    match parsed {
        Some((k, n)) if k >= 1 && k <= n => Ok((k, n)),
        _ => Err(usage(msg!(
            "--shard {s}: expected K/N with 1 <= K <= N, e.g. --shard 2/8 (in a Slurm array job: --shard $((SLURM_ARRAY_TASK_ID + 1))/${{SHARDS:-$SLURM_ARRAY_TASK_COUNT}}, as docs/batch.md shows)",
            "--shard {s}: forventede K/N med 1 <= K <= N, fx --shard 2/8 (i et Slurm-array-job: --shard $((SLURM_ARRAY_TASK_ID + 1))/${{SHARDS:-$SLURM_ARRAY_TASK_COUNT}}, som docs/batch.md viser)"
        ))),
    }
}

/// The perspective the batch's table shows: the one `--perspective` names, which some row must
/// have, or `public`.
fn batch_perspective(r: &BatchReport, asked: Option<&str>) -> Result<String, Failure> {
    let Some(asked) = asked else {
        return Ok("public".to_owned());
    };
    let mut names: Vec<&str> = Vec::new();
    for row in &r.rows {
        for name in row.perspectives.keys() {
            if !names.contains(&name.as_str()) {
                names.push(name);
            }
        }
    }
    if names.is_empty() || names.contains(&asked) {
        return Ok(asked.to_owned());
    }
    Err(usage(msg!(
        "--perspective {asked}: not a perspective of the batch's scenarios; expected {names}",
        "--perspective {asked}: ikke et perspektiv i kørslens scenarier; forventede {names}",
        names = crate::input::diag::one_of(&names),
    )))
}
