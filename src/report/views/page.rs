//! What `somsim report` shows, as one document: per scenario its run (base case, Monte Carlo,
//! contracts), the bands of its cumulative result per year, and its sensitivity; and what it
//! takes to reproduce it. The HTML page shows these numbers, and `--format json` writes them,
//! so every number on the page can be traced to a field here.

use indexmap::IndexMap;
use serde::Serialize;

use super::compare::CompareReport;
use rust_decimal::Decimal;

use super::base::{BandView, NpvStatsView};
use super::brief::AnswerView;
use super::number::{Money, SCHEMA_VERSION};
use super::run::RunReport;
use super::sensitivity::SensitivityReport;
use crate::analysis::RunResults;
use crate::lang::Lang;

/// The report of one or more scenarios.
#[derive(Debug, Serialize)]
pub struct ReportDoc {
    /// Layout version of this document.
    pub schema_version: u32,
    /// The language of the page.
    pub lang: Lang,
    /// One per scenario file, in the order given.
    pub scenarios: Vec<ScenarioDoc>,
    /// With two or more scenarios (each with uncertain inputs): each against the first on the
    /// same trials (as `somsim compare --format json`); otherwise null.
    pub comparison: Option<CompareReport>,
    /// What it takes to compute the same numbers again.
    pub reproducibility: Reproducibility,
}

/// One scenario's results.
#[derive(Debug, Serialize)]
pub struct ScenarioDoc {
    /// The run: base case, Monte Carlo summary, contracts (as `somsim run --format json`).
    pub run: RunReport,
    /// Per perspective and year: the cumulative discounted net over the trials.
    pub bands: IndexMap<String, Vec<BandView>>,
    /// What drives the result (as `somsim sensitivity --format json`); null without
    /// uncertain inputs.
    pub sensitivity: Option<SensitivityReport>,
    /// The deal-space grid of its contract, with `--vary` (as `somsim deal --format json`);
    /// otherwise null.
    pub deal: Option<crate::report::deal::DealReport>,
    /// Who pays and who saves: every payer with a flow, its parts as present values in the
    /// base case (cost lines, avoided costs, transfers, contract flows).
    pub parties: Vec<PartyView>,
    /// Per contract, its flows year by year over the trials; empty without trials.
    pub contract_years: Vec<ContractYearsView>,
    /// The answer for each perspective with flows (as the council brief gives it): whether
    /// it pays, how surely, by when.
    pub answers: IndexMap<String, AnswerView>,
    /// The perspective whose drivers (tornado, switching values, EVPI) the page shows, as
    /// `--perspective` names it; absent without it (then public, else kommune, else the first
    /// with flows).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tornado: Option<String>,
}

/// One payer's part of the base case, as present values in the scenario's prices, DKK.
#[derive(Debug, Serialize)]
pub struct PartyView {
    /// The payer.
    pub payer: String,
    /// Cost lines it bears.
    pub costs: Money,
    /// Avoided costs and revenues it gains.
    pub avoided: Money,
    /// Transfers received less transfers paid.
    pub transfers: Money,
    /// Contract flows received less paid (pre-financing, outcome payments, floor top-up,
    /// guarantee).
    pub contract: Money,
    /// avoided - costs + transfers + contract: the payer's own net present value.
    pub npv: Money,
    /// Per year, the payer's net (not discounted).
    pub yearly_net: Vec<Money>,
}

/// A contract's flows year by year over the trials, DKK (not discounted).
#[derive(Debug, Serialize)]
pub struct ContractYearsView {
    /// The contract's name.
    pub contract: String,
    /// One entry per year of the horizon.
    pub years: Vec<ContractYearBandView>,
}

/// One year of a contract over the trials.
#[derive(Debug, Serialize)]
pub struct ContractYearBandView {
    /// Calendar year.
    pub year: i32,
    /// What the investor paid (pre-financing and tranches).
    pub invested: NpvStatsView,
    /// What fell due before any cap.
    pub due: NpvStatsView,
    /// What the investor received (payments; at the end of the term the floor's top-up and
    /// the guarantee).
    pub received: NpvStatsView,
    /// Capital outstanding at the year's end: invested so far less received, at least 0.
    pub outstanding: NpvStatsView,
    /// Per payer that pays the investor: its payments.
    pub payers: IndexMap<String, NpvStatsView>,
}

impl From<&RunResults<'_>> for ScenarioDoc {
    fn from(run: &RunResults<'_>) -> ScenarioDoc {
        let model = run.model;
        let bands = (run.monte_carlo.iter())
            .flat_map(|mc| model.perspectives.iter().zip(&mc.bands))
            .map(|(p, years)| {
                let views = (years.iter().enumerate())
                    .map(|(t, d)| BandView::new(model.year(t), d))
                    .collect();
                (p.name.clone(), views)
            })
            .collect();
        let contract_years = (run.monte_carlo.iter())
            .flat_map(|mc| model.contracts.iter().zip(&mc.contract_years))
            .map(|(c, y)| ContractYearsView {
                contract: c.name.clone(),
                years: (0..model.horizon)
                    .map(|t| ContractYearBandView {
                        year: model.year(t),
                        invested: (&y.invested[t]).into(),
                        due: (&y.due[t]).into(),
                        received: (&y.received[t]).into(),
                        outstanding: (&y.outstanding[t]).into(),
                        payers: (y.payers.iter())
                            .map(|(p, ys)| (model.payers[*p].clone(), (&ys[t]).into()))
                            .collect(),
                    })
                    .collect(),
            })
            .collect();
        let report: RunReport = run.into();
        let answers = (report.base.perspectives.iter())
            .filter(|(_, v)| v.has_flows)
            .filter_map(|(name, _)| Some((name.clone(), AnswerView::of(&report, name)?)))
            .collect();
        ScenarioDoc {
            answers,
            parties: parties(&report),
            run: report,
            bands,
            sensitivity: SensitivityReport::of(run),
            deal: crate::report::deal::DealReport::of(run),
            contract_years,
            tornado: None,
        }
    }
}

/// Every payer with a flow in the base case, in the ledger's order, with its parts as present
/// values: each year's sum over the municipalities times the year's discount factor, as the
/// ledger discounts a perspective's flows. A payer whose sums would overflow is left out.
fn parties(report: &RunReport) -> Vec<PartyView> {
    let h = report.horizon;
    // Per payer and year: costs, avoided, transfers, contract, net; and the discount factors.
    let mut sums: IndexMap<&str, Vec<[Decimal; 5]>> = IndexMap::new();
    let mut df = vec![Decimal::ZERO; h];
    for r in &report.base.ledger {
        let Some(t) = usize::try_from(r.year - report.start_year)
            .ok()
            .filter(|t| *t < h)
        else {
            continue;
        };
        df[t] = r.discount_factor.0;
        let years = (sums.entry(r.payer.as_str())).or_insert_with(|| vec![[Decimal::ZERO; 5]; h]);
        for (k, x) in [r.costs, r.avoided, r.transfers, r.contract, r.net]
            .iter()
            .enumerate()
        {
            years[t][k] = years[t][k].checked_add(x.0).unwrap_or(Decimal::MAX);
        }
    }
    let pv = |years: &[[Decimal; 5]], k: usize| -> Option<Decimal> {
        (years.iter().zip(&df)).try_fold(Decimal::ZERO, |acc, (y, d)| {
            acc.checked_add(y[k].checked_mul(*d)?)
        })
    };
    sums.iter()
        .filter(|(_, years)| years.iter().any(|y| y[..4].iter().any(|x| x.abs() >= HALF)))
        .filter_map(|(payer, years)| {
            Some(PartyView {
                payer: (*payer).to_owned(),
                costs: Money(pv(years, 0)?),
                avoided: Money(pv(years, 1)?),
                transfers: Money(pv(years, 2)?),
                contract: Money(pv(years, 3)?),
                npv: Money(pv(years, 4)?),
                yearly_net: years.iter().map(|y| Money(y[4])).collect(),
            })
        })
        .collect()
}

/// Half a krone: a payer whose every flow is smaller has none (an effect centred on zero
/// leaves amounts of 10^-20 kr.).
const HALF: Decimal = Decimal::from_parts(5, 0, 0, false, 1);

/// Seed, trials, engine version and a fingerprint of every input file.
#[derive(Debug, Serialize)]
pub struct Reproducibility {
    /// The Monte Carlo seed.
    pub seed: u64,
    /// The version of the random streams (a seed reproduces a run within one version).
    pub stream_version: u32,
    /// Trials per scenario.
    pub trials: usize,
    /// The engine's version.
    pub engine: String,
    /// The command line's changes (`--set`), in order.
    pub settings: Vec<String>,
    /// SHA-256 of every file read (scenarios, assumption and contract files, roll-out tables)
    /// and of the settings: the same inputs give the same hash.
    pub inputs_sha256: String,
}

impl ReportDoc {
    /// The document of `scenarios`, in language `lang`.
    pub fn new(
        lang: Lang,
        scenarios: Vec<ScenarioDoc>,
        comparison: Option<CompareReport>,
        reproducibility: Reproducibility,
    ) -> Self {
        ReportDoc {
            schema_version: SCHEMA_VERSION,
            lang,
            scenarios,
            comparison,
            reproducibility,
        }
    }
}
