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
use crate::lang::{Message, msg};

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
pub fn merge(shards: Vec<(String, Shard)>) -> Result<BatchReport, Message> {
    let Some((first_name, first)) = shards.first() else {
        return Err(Message::new(
            "no shards to merge",
            "ingen shards at sætte sammen",
        ));
    };
    let key = first.key.clone();
    let of = key.shards;
    if key.shards == 0 {
        return Err(msg!(
            "{first_name}: a batch of 0 shards",
            "{first_name}: en kørsel med 0 shards"
        ));
    }
    // Shard number -> file; at most one entry per file given, whatever the key claims.
    let mut seen: std::collections::BTreeMap<usize, &str> = std::collections::BTreeMap::new();
    for (name, s) in &shards {
        if s.shard_version != SHARD_VERSION {
            let version = s.shard_version;
            return Err(msg!(
                "{name}: shard layout version {version}; this somsim reads version {SHARD_VERSION}",
                "{name}: shard-formatets version {version}; denne somsim læser version {SHARD_VERSION}"
            ));
        }
        if s.key != key {
            return Err(msg!(
                "{name} is not a shard of the same batch as {first_name}: {differ}",
                "{name} er ikke en shard fra samme kørsel som {first_name}: {differ}",
                differ = difference(&key, &s.key),
            ));
        }
        if s.rows_sha256 != rows_sha256(&s.key.inputs_sha256, &s.rows) {
            return Err(msg!(
                "{name}: its rows do not match the checksum they were written with (`rows_sha256`); the file was changed after `somsim batch` wrote it. Run this shard again",
                "{name}: rækkerne passer ikke med den kontrolsum, de blev skrevet med (`rows_sha256`); filen er ændret, efter `somsim batch` skrev den. Kør denne shard igen"
            ));
        }
        if s.shard == 0 || s.shard > key.shards {
            let k = s.shard;
            return Err(msg!(
                "{name}: shard {k} of {of}; expected 1 to {of}",
                "{name}: shard {k} af {of}; forventede 1 til {of}"
            ));
        }
        if let Some(other) = seen.insert(s.shard, name) {
            let k = s.shard;
            return Err(msg!(
                "{name} and {other} are both shard {k} of {of}",
                "{name} og {other} er begge shard {k} af {of}"
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
            msg!(" and {more} more", " og {more} til")
        } else {
            Message::verbatim("")
        };
        let missing = missing.join(", ");
        return Err(msg!(
            "shard {missing}{more} of {of} is missing; merge needs every shard of the batch",
            "shard {missing}{more} af {of} mangler; merge skal have alle kørslens shards",
            more = more,
        ));
    }
    let held: usize = shards.iter().map(|(_, s)| s.rows.len()).sum();
    if held != key.rows {
        let rows = key.rows;
        return Err(msg!(
            "the shards hold {held} rows; the batch they come from has {rows}",
            "disse shards har {held} rækker; kørslen, de kommer fra, har {rows}"
        ));
    }
    let mut rows: Vec<Option<BatchRow>> = (0..key.rows).map(|_| None).collect();
    for (name, s) in shards {
        for r in s.rows {
            let fits = r.row < key.rows && in_shard(r.row, s.shard, key.shards);
            let Some(slot) = rows.get_mut(r.row).filter(|_| fits) else {
                let (row, k, rows) = (r.row, s.shard, key.rows);
                return Err(msg!(
                    "{name}: row {row} does not belong to shard {k} of {of} ({rows} rows)",
                    "{name}: række {row} hører ikke til shard {k} af {of} ({rows} rækker)"
                ));
            };
            if slot.is_some() {
                let row = r.row;
                return Err(msg!(
                    "{name}: row {row} appears twice",
                    "{name}: række {row} står to gange"
                ));
            }
            *slot = Some(row(r).map_err(|e| msg!("{name}: {e}", "{name}: {e}", e = e))?);
        }
    }
    let rows: Vec<BatchRow> = (rows.into_iter().enumerate())
        .map(|(i, r)| {
            r.ok_or_else(|| msg!("row {i} is in no shard", "række {i} er ikke i nogen shard"))
        })
        .collect::<Result<_, _>>()?;
    let mut report = BatchReport::new(key.seed, key.trials, key.paths, rows);
    report.stream_version = key.stream_version;
    Ok(report)
}

/// The first field in which two keys differ, for a person.
fn difference(a: &ShardKey, b: &ShardKey) -> Message {
    let fields = [
        ("engine version", "programversion", a.engine != b.engine),
        (
            "random stream version",
            "version af de tilfældige tal",
            a.stream_version != b.stream_version,
        ),
        ("seed", "seed", a.seed != b.seed),
        ("trials", "antal simuleringer", a.trials != b.trials),
        (
            "paths set or swept",
            "stier i --set eller --sweep",
            a.paths != b.paths,
        ),
        ("number of rows", "antal rækker", a.rows != b.rows),
        ("number of shards", "antal shards", a.shards != b.shards),
        (
            "input files or settings",
            "inputfiler eller indstillinger",
            a.inputs_sha256 != b.inputs_sha256,
        ),
    ];
    let differ = |da: bool| -> String {
        let names: Vec<&str> = (fields.iter())
            .filter(|(_, _, d)| *d)
            .map(|(en, dk, _)| if da { *dk } else { *en })
            .collect();
        names.join(", ")
    };
    let (en, da) = (differ(false), differ(true));
    msg!("different {en}", "forskellig {da}")
}

/// A batch row from its shard form.
fn row(r: ShardRow) -> Result<BatchRow, Message> {
    let mut perspectives = IndexMap::new();
    let row = r.row;
    for (name, v) in r.perspectives {
        let [base, mean, p5, p50, p95, positive, break_even] = v[..] else {
            let n = v.len();
            return Err(msg!(
                "row {row}: perspective {name} has {n} values; expected 7",
                "række {row}: perspektivet {name} har {n} værdier; forventede 7"
            ));
        };
        let Some(base) = base else {
            return Err(msg!(
                "row {row}: perspective {name} has no base NPV",
                "række {row}: perspektivet {name} har ingen nutidsværdi i basisforløbet"
            ));
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
