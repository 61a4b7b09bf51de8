//! `somsim batch`: one row per scenario file and variant, for scripts.
//!
//! Columns (CSV) and fields (JSON), schema version 1:
//!
//! - `file`, `scenario` (name; empty when the file could not be read), one column per `--set` /
//!   `--sweep` path with the value the row used;
//! - `status` (`ok` or `error`) and `error` (the message, on one line);
//! - `trials`, `seed`;
//! - for each built-in perspective P in `kommune, region, stat, public, all`:
//!   `base_npv_P` (exact base case), `mc_mean_P`, `mc_p5_P`, `mc_p50_P`, `mc_p95_P`,
//!   `prob_npv_positive_P`, `prob_break_even_P` (by the end of the horizon).
//!
//! In JSON each row also carries every perspective of its scenario (custom ones included)
//! under `perspectives`.

use comfy_table::Cell;
use indexmap::IndexMap;
use serde::Serialize;

use super::csv::{Sheet, text};
use super::table::{Say, new_table};
use super::{MoneyF, Prob, SCHEMA_VERSION};

/// The perspectives with their own CSV columns: every scenario has them.
pub const COLUMNS: [&str; 5] = ["kommune", "region", "stat", "public", "all"];

/// The batch output: one row per scenario or variant.
#[derive(Debug, Serialize)]
pub struct BatchReport {
    /// Version of this layout (`docs/batch.md`).
    pub schema_version: u32,
    /// The seed every row ran with.
    pub seed: u64,
    /// The version of the random streams (a seed reproduces a run within one version).
    pub stream_version: u32,
    /// Trials per row (0: base case only).
    pub trials: usize,
    /// The paths set or swept, in order: the `settings` of every row has these keys.
    pub paths: Vec<String>,
    /// One row per scenario file and grid point, in order.
    pub rows: Vec<BatchRow>,
}

/// One scenario or variant.
#[derive(Debug, Serialize)]
pub struct BatchRow {
    /// The scenario file.
    pub file: String,
    /// The scenario's name; null when it could not be read.
    pub scenario: Option<String>,
    /// Path -> value used in this row.
    pub settings: IndexMap<String, String>,
    /// `ok` or `error`.
    pub status: &'static str,
    /// The error, when status is `error`.
    pub error: Option<String>,
    /// Results per perspective (empty for an error row).
    pub perspectives: IndexMap<String, BatchPerspective>,
}

/// One perspective of one row.
#[derive(Debug, Serialize)]
pub struct BatchPerspective {
    /// Base-case NPV, DKK.
    pub base_npv: MoneyF,
    /// Monte Carlo results; null when trials = 0.
    pub mc_mean: Option<MoneyF>,
    /// 5th percentile of the NPV (null without a Monte Carlo).
    pub mc_p5: Option<MoneyF>,
    /// Median NPV.
    pub mc_p50: Option<MoneyF>,
    /// 95th percentile of the NPV.
    pub mc_p95: Option<MoneyF>,
    /// Share of trials with NPV > 0.
    pub prob_npv_positive: Option<Prob>,
    /// P(sustained break-even by the end of the horizon).
    pub prob_break_even: Option<Prob>,
}

impl BatchReport {
    /// A report of `rows`, run with `seed` and `trials`, varying `paths`.
    pub fn new(seed: u64, trials: usize, paths: Vec<String>, rows: Vec<BatchRow>) -> BatchReport {
        BatchReport {
            schema_version: SCHEMA_VERSION,
            seed,
            stream_version: crate::sampler::STREAM_VERSION,
            trials,
            paths,
            rows,
        }
    }
}

impl BatchRow {
    /// The row of a variant that ran: its exact base case and, with a Monte Carlo, its summary.
    pub fn ok(
        file: String,
        settings: IndexMap<String, String>,
        model: &crate::model::Model,
        ledger: &crate::ledger::Ledger,
        summary: Option<&crate::stats::Summary>,
    ) -> BatchRow {
        let perspectives = model
            .perspectives
            .iter()
            .enumerate()
            .map(|(j, p)| {
                let s = summary.map(|s| &s.perspectives[j]);
                (
                    p.name.clone(),
                    BatchPerspective {
                        base_npv: MoneyF(crate::decimal::to_f64(ledger.perspectives[j].npv)),
                        mc_mean: s.map(|s| MoneyF(s.npv.mean)),
                        mc_p5: s.map(|s| MoneyF(s.npv.p5)),
                        mc_p50: s.map(|s| MoneyF(s.npv.p50)),
                        mc_p95: s.map(|s| MoneyF(s.npv.p95)),
                        prob_npv_positive: s.map(|s| Prob(s.prob_npv_positive)),
                        prob_break_even: s.map(|s| Prob(1.0 - s.break_even.never)),
                    },
                )
            })
            .collect();
        BatchRow {
            file,
            scenario: Some(model.name.clone()),
            settings,
            status: "ok",
            error: None,
            perspectives,
        }
    }

    /// The row of a variant that could not run, with the error message.
    pub fn failed(file: String, settings: IndexMap<String, String>, error: String) -> BatchRow {
        BatchRow {
            file,
            scenario: None,
            settings,
            status: "error",
            error: Some(error),
            perspectives: IndexMap::new(),
        }
    }
}

/// The batch as CSV (`docs/batch.md`).
pub fn csv(r: &BatchReport) -> String {
    let mut sheet = Sheet::new();
    let mut header: Vec<String> = vec!["file".into(), "scenario".into()];
    header.extend(r.paths.iter().map(|p| text(p)));
    header.extend(["status", "error", "trials", "seed"].map(String::from));
    for p in COLUMNS {
        for c in [
            "base_npv",
            "mc_mean",
            "mc_p5",
            "mc_p50",
            "mc_p95",
            "prob_npv_positive",
            "prob_break_even",
        ] {
            header.push(format!("{c}_{p}"));
        }
    }
    sheet.push(header);
    let m = |x: &Option<MoneyF>| x.map(|v| format!("{:.2}", v.0)).unwrap_or_default();
    let pr = |x: &Option<Prob>| x.map(|v| format!("{:.6}", v.0)).unwrap_or_default();
    for row in &r.rows {
        let mut cells = vec![text(&row.file), text(row.scenario.as_deref().unwrap_or(""))];
        for p in &r.paths {
            cells.push(text(row.settings.get(p).map(String::as_str).unwrap_or("")));
        }
        cells.extend([
            row.status.to_owned(),
            text(&row.error.clone().unwrap_or_default().replace('\n', " | ")),
            r.trials.to_string(),
            r.seed.to_string(),
        ]);
        for p in COLUMNS {
            match row.perspectives.get(p) {
                Some(v) => cells.extend([
                    format!("{:.2}", v.base_npv.0),
                    m(&v.mc_mean),
                    m(&v.mc_p5),
                    m(&v.mc_p50),
                    m(&v.mc_p95),
                    pr(&v.prob_npv_positive),
                    pr(&v.prob_break_even),
                ]),
                None => cells.extend(std::iter::repeat_n(String::new(), 7)),
            }
        }
        sheet.push(cells);
    }
    sheet.finish()
}

/// The batch as an aligned table, in the words and numbers of `say`.
pub fn table(r: &BatchReport, say: Say) -> String {
    let w = |en: &'static str, dk: &'static str| if say.da() { dk } else { en };
    let mut header: Vec<String> = vec!["#".into(), w("File", "Fil").into()];
    header.extend(r.paths.iter().cloned());
    header.extend(
        [
            w("Public base NPV", "Offentlig nutidsværdi, basis"),
            w("Public mean NPV", "Offentlig nutidsværdi, middel"),
            w("P(NPV > 0)", "P(NV > 0)"),
            "Status",
        ]
        .map(String::from),
    );
    let refs: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut t = new_table(&refs, 2 + r.paths.len());
    for (i, row) in r.rows.iter().enumerate() {
        let mut cells = vec![Cell::new(i + 1), Cell::new(&row.file)];
        cells.extend(
            r.paths
                .iter()
                .map(|p| Cell::new(setting(say, row.settings.get(p)))),
        );
        let public = row.perspectives.get("public");
        cells.push(Cell::new(
            public.map_or("-".into(), |p| say.kr_f64(p.base_npv.0)),
        ));
        cells.push(Cell::new(
            public
                .and_then(|p| p.mc_mean)
                .map_or("-".into(), |m| say.kr_f64(m.0)),
        ));
        cells.push(Cell::new(
            public
                .and_then(|p| p.prob_npv_positive)
                .map_or("-".into(), |p| say.p(p.0)),
        ));
        cells.push(Cell::new(match row.status {
            "error" => w("error", "fejl"),
            other => other,
        }));
        t.add_row(cells);
    }
    let (rows, trials, seed) = (r.rows.len(), say.n(r.trials.into(), 0), r.seed);
    let title = if say.da() {
        format!("Kørsel af {rows} varianter: {trials} simuleringer hver, frø {seed}, beløb i kr.")
    } else {
        format!("Batch: {rows} rows, {trials} trials each, seed {seed}, amounts in DKK")
    };
    super::table::tidy(format!("{title}\n{t}\n"))
}

/// A set or swept value as the table shows it: a number in the table's format, other text as
/// written.
fn setting(say: Say, value: Option<&String>) -> String {
    let Some(v) = value else {
        return String::new();
    };
    match v.parse::<rust_decimal::Decimal>() {
        Ok(d) if say.da() => say.n(d, d.scale()),
        _ => v.clone(),
    }
}
