//! `somsim batch --shard K/N` and `somsim merge`: a batch cut into shards that run anywhere
//! (one per task of a Slurm array or a Kubernetes Indexed Job), and put back together.
//!
//! Row `i` of the batch (files x grid points, in order, counted from 0) belongs to shard
//! `i mod N + 1`. A shard is a JSON document (`docs/batch.md`, "Sharded batches") with its
//! rows at full precision and a key that every shard of one batch shares: the engine and
//! stream versions, seed, trials, the varied paths, the number of rows and shards, and a
//! SHA-256 of every input file and setting. [`merge`] refuses shards whose keys differ, a
//! shard given twice and a missing shard, and otherwise gives exactly the report one
//! unsharded run gives.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use super::batch::{BatchPerspective, BatchReport, BatchRow};
use super::number::{MoneyF, Prob};

/// Version of the shard document's layout.
pub const SHARD_VERSION: u32 = 2;

/// One shard of a batch.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shard {
    /// Version of this layout ([`SHARD_VERSION`]).
    pub shard_version: u32,
    /// Which shard this is, from 1.
    pub shard: usize,
    /// What every shard of the batch shares.
    pub key: ShardKey,
    /// SHA-256 (hex) of the key's `inputs_sha256` and of the rows as written (compact JSON):
    /// a shard whose rows were edited after it was written no longer matches it.
    pub rows_sha256: String,
    /// This shard's rows, in order.
    pub rows: Vec<ShardRow>,
}

/// [`Shard::rows_sha256`] of `rows` in the batch whose inputs hash to `inputs_sha256`.
fn rows_sha256(inputs_sha256: &str, rows: &[ShardRow]) -> String {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    hash.update(inputs_sha256.as_bytes());
    hash.update([0]);
    // Serialising plain data to memory cannot fail.
    hash.update(serde_json::to_vec(rows).unwrap_or_default());
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// What every shard of one batch shares; shards with different keys are not one batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShardKey {
    /// The engine's version.
    pub engine: String,
    /// The random streams' version.
    pub stream_version: u32,
    /// The seed every row ran with.
    pub seed: u64,
    /// Trials per row.
    pub trials: usize,
    /// The paths set or swept, in order.
    pub paths: Vec<String>,
    /// Rows of the whole batch.
    pub rows: usize,
    /// Shards of the batch.
    pub shards: usize,
    /// SHA-256 of every file read (name, length, bytes) and of the `--set`/`--sweep` options.
    pub inputs_sha256: String,
}

/// One row, its numbers at full precision.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShardRow {
    /// The row's place in the whole batch, from 0.
    pub row: usize,
    /// The scenario file.
    pub file: String,
    /// The scenario's name; null when it could not be read.
    pub scenario: Option<String>,
    /// Path -> value used in this row.
    pub settings: IndexMap<String, String>,
    /// The error, for a row that could not run.
    pub error: Option<String>,
    /// Per perspective: base NPV, then (with a Monte Carlo) mean, 5th, 50th and 95th
    /// percentile, P(NPV > 0) and P(break-even).
    pub perspectives: IndexMap<String, Vec<Option<f64>>>,
}

/// Shard `index` of `count` (from 1): does row `row` belong to it?
pub fn in_shard(row: usize, index: usize, count: usize) -> bool {
    row % count + 1 == index
}

impl Shard {
    /// The shard of `rows` (each with its place in the whole batch).
    pub fn new(shard: usize, key: ShardKey, rows: Vec<(usize, BatchRow)>) -> Shard {
        let rows: Vec<ShardRow> = rows
            .into_iter()
            .map(|(i, r)| ShardRow {
                row: i,
                file: r.file,
                scenario: r.scenario,
                settings: r.settings,
                error: r.error,
                perspectives: (r.perspectives.into_iter())
                    .map(|(name, p)| {
                        let m = |x: Option<MoneyF>| x.map(|v| v.0);
                        let pr = |x: Option<Prob>| x.map(|v| v.0);
                        let values = vec![
                            Some(p.base_npv.0),
                            m(p.mc_mean),
                            m(p.mc_p5),
                            m(p.mc_p50),
                            m(p.mc_p95),
                            pr(p.prob_npv_positive),
                            pr(p.prob_break_even),
                        ];
                        (name, values)
                    })
                    .collect(),
            })
            .collect();
        Shard {
            shard_version: SHARD_VERSION,
            shard,
            rows_sha256: rows_sha256(&key.inputs_sha256, &rows),
            key,
            rows,
        }
    }
}

/// The batch report of all shards of one batch, as one unsharded run writes it; or why the
/// shards are not one whole batch. Each shard comes with its name for messages.
pub fn merge(shards: Vec<(String, Shard)>) -> Result<BatchReport, String> {
    let Some((first_name, first)) = shards.first() else {
        return Err("no shards to merge".into());
    };
    let key = first.key.clone();
    if key.shards == 0 {
        return Err(format!("{first_name}: a batch of 0 shards"));
    }
    // Shard number -> file; at most one entry per file given, whatever the key claims.
    let mut seen: std::collections::BTreeMap<usize, &str> = std::collections::BTreeMap::new();
    for (name, s) in &shards {
        if s.shard_version != SHARD_VERSION {
            return Err(format!(
                "{name}: shard layout version {}; this somsim reads version {SHARD_VERSION}",
                s.shard_version
            ));
        }
        if s.key != key {
            return Err(format!(
                "{name} is not a shard of the same batch as {first_name}: {}",
                difference(&key, &s.key)
            ));
        }
        if s.rows_sha256 != rows_sha256(&s.key.inputs_sha256, &s.rows) {
            return Err(format!(
                "{name}: its rows do not match the checksum they were written with (`rows_sha256`); the file was changed after `somsim batch` wrote it. Run this shard again"
            ));
        }
        if s.shard == 0 || s.shard > key.shards {
            return Err(format!(
                "{name}: shard {} of {}; expected 1 to {}",
                s.shard, key.shards, key.shards
            ));
        }
        if let Some(other) = seen.insert(s.shard, name) {
            return Err(format!(
                "{name} and {other} are both shard {} of {}",
                s.shard, key.shards
            ));
        }
    }
    if seen.len() < key.shards {
        // The first few missing numbers: `seen` is small, so this ends soon.
        let missing: Vec<String> = (1..=key.shards)
            .filter(|k| !seen.contains_key(k))
            .take(10)
            .map(|k| k.to_string())
            .collect();
        let more = key.shards - seen.len() - missing.len();
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        return Err(format!(
            "shard {}{more} of {} is missing; merge needs every shard of the batch",
            missing.join(", "),
            key.shards
        ));
    }
    let held: usize = shards.iter().map(|(_, s)| s.rows.len()).sum();
    if held != key.rows {
        return Err(format!(
            "the shards hold {held} rows; the batch they come from has {}",
            key.rows
        ));
    }
    let mut rows: Vec<Option<BatchRow>> = (0..key.rows).map(|_| None).collect();
    for (name, s) in shards {
        for r in s.rows {
            let fits = r.row < key.rows && in_shard(r.row, s.shard, key.shards);
            let Some(slot) = rows.get_mut(r.row).filter(|_| fits) else {
                return Err(format!(
                    "{name}: row {} does not belong to shard {} of {} ({} rows)",
                    r.row, s.shard, key.shards, key.rows
                ));
            };
            if slot.is_some() {
                return Err(format!("{name}: row {} appears twice", r.row));
            }
            *slot = Some(row(r).map_err(|e| format!("{name}: {e}"))?);
        }
    }
    let rows: Vec<BatchRow> = (rows.into_iter().enumerate())
        .map(|(i, r)| r.ok_or_else(|| format!("row {i} is in no shard")))
        .collect::<Result<_, _>>()?;
    let mut report = BatchReport::new(key.seed, key.trials, key.paths, rows);
    report.stream_version = key.stream_version;
    Ok(report)
}

/// The first field in which two keys differ, for a person.
fn difference(a: &ShardKey, b: &ShardKey) -> String {
    let fields = [
        ("engine version", a.engine != b.engine),
        (
            "random stream version",
            a.stream_version != b.stream_version,
        ),
        ("seed", a.seed != b.seed),
        ("trials", a.trials != b.trials),
        ("paths set or swept", a.paths != b.paths),
        ("number of rows", a.rows != b.rows),
        ("number of shards", a.shards != b.shards),
        (
            "input files or settings",
            a.inputs_sha256 != b.inputs_sha256,
        ),
    ];
    let differ: Vec<&str> = (fields.iter())
        .filter(|(_, d)| *d)
        .map(|(n, _)| *n)
        .collect();
    format!("different {}", differ.join(", "))
}

/// A batch row from its shard form.
fn row(r: ShardRow) -> Result<BatchRow, String> {
    let mut perspectives = IndexMap::new();
    for (name, v) in r.perspectives {
        let [base, mean, p5, p50, p95, positive, break_even] = v[..] else {
            return Err(format!(
                "row {}: perspective {name} has {} values; expected 7",
                r.row,
                v.len()
            ));
        };
        let Some(base) = base else {
            return Err(format!("row {}: perspective {name} has no base NPV", r.row));
        };
        perspectives.insert(
            name,
            BatchPerspective {
                base_npv: MoneyF(base),
                mc_mean: mean.map(MoneyF),
                mc_p5: p5.map(MoneyF),
                mc_p50: p50.map(MoneyF),
                mc_p95: p95.map(MoneyF),
                prob_npv_positive: positive.map(Prob),
                prob_break_even: break_even.map(Prob),
            },
        );
    }
    Ok(match r.error {
        Some(e) => BatchRow::failed(r.file, r.settings, e),
        None => BatchRow {
            file: r.file,
            scenario: r.scenario,
            settings: r.settings,
            status: "ok",
            error: None,
            perspectives,
        },
    })
}
