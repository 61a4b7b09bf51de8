//! `somsim sensitivity`: what drives the result, and what would make it pay. The methods are
//! described in [`crate::sensitivity`].

use indexmap::IndexMap;
use serde::Serialize;

use super::number::*;
use crate::analysis::RunResults;
use crate::model::Model;
use crate::sensitivity::{Bar, Switch};

/// What drives a scenario's result (`somsim sensitivity`).
#[derive(Debug, Serialize)]
pub struct SensitivityReport {
    /// Version of this layout.
    pub schema_version: u32,
    /// The scenario's name.
    pub scenario: String,
    /// The scenario file.
    pub file: String,
    /// Seed and trials of the Monte Carlo behind the global analysis and value of information.
    pub seed: u64,
    /// The version of the random streams (a seed reproduces a run within one version).
    pub stream_version: u32,
    /// Monte Carlo trials behind the global analyses.
    pub trials: usize,
    /// Percentiles bounding the search for switching values.
    pub switching_search_range: [f64; 2],
    /// Per perspective.
    pub perspectives: IndexMap<String, PerspectiveSensitivity>,
    /// The scenario's proposed studies (`studies:`), with what each is worth.
    pub studies: Vec<StudyView>,
}

/// A proposed study and its value of sample information (`src/evsi.rs`).
#[derive(Debug, Serialize)]
pub struct StudyView {
    /// The study's name.
    pub name: String,
    /// The uncertain input it measures.
    pub measures: String,
    /// Whether that input is fixed in this run (e.g. by `--set`): then nothing is left to
    /// learn, and every EVSI is 0.
    pub measures_fixed: bool,
    /// `normal`, `binary` or `count`.
    pub outcome: &'static str,
    /// `normal`: one participant's standard deviation: a number (known) or the input that
    /// holds it (estimated).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sd: Option<String>,
    /// `binary` and `count`: the control arm's proportion or rate (a number or an input).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub control: Option<String>,
    /// `count`: years each participant is followed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub follow_up_years: Option<f64>,
    /// `count`: the negative binomial size per participant (null: Poisson).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dispersion: Option<Option<f64>>,
    /// Participants per arm at which the study is evaluated.
    pub n: Vec<u32>,
    /// The study's fixed cost, DKK.
    pub fixed_cost: MoneyF,
    /// Its cost per participant (either arm), DKK.
    pub per_participant_cost: MoneyF,
    /// Its cost at each `n`: fixed + per participant x 2n, DKK.
    pub cost: Vec<MoneyF>,
    /// The population the decision serves (null: the scenario's own participants).
    pub population: Option<StudyPopulationView>,
    /// Where the design's figures and costs come from.
    pub source: Option<String>,
    /// Per perspective.
    pub perspectives: IndexMap<String, StudyPerspective>,
}

/// The population a study's answer serves.
#[derive(Debug, Serialize)]
pub struct StudyPopulationView {
    /// Participants a year.
    pub participants_per_year: f64,
    /// Years the decision holds.
    pub years: u32,
    /// Their discounted sum (the scenario's discount factors, its last rate continued).
    pub discounted_participants: f64,
    /// The scenario's participants.
    pub scenario_participants: f64,
    /// discounted_participants / scenario_participants: what the scenario's EVSI is multiplied by.
    pub scale: f64,
}

/// A study's value for one perspective's decision (invest if the expected NPV > 0).
#[derive(Debug, Serialize)]
pub struct StudyPerspective {
    /// EVSI for the scenario at each `n`, DKK.
    pub evsi: Vec<MoneyF>,
    /// The EVSI an unrelated study gets at these trials, at each `n` (the mean plus two
    /// standard deviations over shuffles of the trials), DKK.
    pub evsi_noise_floor: Vec<MoneyF>,
    /// Whether the EVSI at each `n` is at or below its noise floor: then it is counted as 0
    /// in `population_evsi` and `enbs`.
    pub below_noise_floor: Vec<bool>,
    /// EVSI for the population at each `n` (equal to `evsi` without a population; 0 where
    /// the EVSI is below its noise floor), DKK.
    pub population_evsi: Vec<MoneyF>,
    /// population_evsi - cost at each `n`, DKK.
    pub enbs: Vec<MoneyF>,
    /// The `n` with the largest ENBS, when it is above 0 (null: no size pays).
    pub optimal_n: Option<u32>,
    /// The largest ENBS over the sizes, DKK (negative: no size pays).
    pub optimal_enbs: MoneyF,
    /// The smallest and largest `n` next to the optimum with ENBS within 5% of it.
    pub n_within_5pct: Option<[u32; 2]>,
    /// The measured input's EVPPI for the scenario: what a study of unlimited size could be
    /// worth at most, DKK.
    pub evppi: MoneyF,
}

/// The analyses of one perspective.
#[derive(Debug, Serialize)]
pub struct PerspectiveSensitivity {
    /// NPV with every uncertain input at its mean (f64 kernel; equals the base case to rounding).
    pub npv_at_means: MoneyF,
    /// One-way analysis, largest swing first.
    pub tornado: Vec<TornadoRow>,
    /// Rank correlations with NPV over the Monte Carlo trials, largest |rho| first.
    pub global: Vec<GlobalRow>,
    /// Per input: where NPV crosses zero (null when it does not within the search range).
    pub switching_values: Vec<SwitchRow>,
    /// Expected value of perfect information for invest / do not invest, DKK.
    pub evpi: MoneyF,
    /// Expected value of partial perfect information per input, DKK, largest first.
    pub evppi: Vec<EvppiRow>,
    /// The EVPPI an input unrelated to the NPV gets at these trials (the regression's noise
    /// floor: mean + 2 sd over random orders of the trials; the largest of the inputs'), DKK; an
    /// input's EVPPI at or below its own floor is noise.
    pub evppi_noise_floor: MoneyF,
    /// EVPPI of each named group of inputs (`evppi_groups:`), DKK, in the scenario's order.
    pub evppi_groups: Vec<GroupRow>,
    /// Whether the EVPI is above the noise floor while no single input's EVPPI is: no input
    /// can change the decision on its own (the value lies in several together).
    pub evpi_only_together: bool,
}

/// One bar of the tornado: the NPV with one input at its 10th and 90th percentile.
#[derive(Debug, Serialize)]
pub struct TornadoRow {
    /// The input's name.
    pub input: String,
    /// The input's 10th and 90th percentiles.
    pub p10: f64,
    /// The input's 90th percentile.
    pub p90: f64,
    /// NPV with the input at p10 and at p90, the others at their means.
    pub npv_at_p10: MoneyF,
    /// NPV with the input at its 90th percentile, the others at their means.
    pub npv_at_p90: MoneyF,
    /// |npv_at_p90 - npv_at_p10|.
    pub swing: MoneyF,
}

/// An input's rank correlation with the NPV.
#[derive(Debug, Serialize)]
pub struct GlobalRow {
    /// The input's name.
    pub input: String,
    /// Spearman's rank correlation with NPV.
    pub spearman: f64,
    /// rho^2 / sum of rho^2 over inputs.
    pub variance_share: f64,
}

/// The value of an input at which the NPV crosses zero.
#[derive(Debug, Serialize)]
pub struct SwitchRow {
    /// The input's name.
    pub input: String,
    /// The value at which NPV = 0 (others at their means); null if none in the search range.
    pub value: Option<f64>,
    /// Its percentile in the input's distribution.
    pub percentile: Option<f64>,
    /// `above` if NPV > 0 for values above the switching value, `below` otherwise.
    pub positive: Option<&'static str>,
}

/// The expected value of partial perfect information about one input.
#[derive(Debug, Serialize)]
pub struct EvppiRow {
    /// The input's name.
    pub input: String,
    /// EVPPI, DKK.
    pub evppi: MoneyF,
    /// Above 0 and at or below `evppi_noise_floor`: not to be told from noise.
    pub below_noise_floor: bool,
}

/// The expected value of partial perfect information about a group of inputs together.
#[derive(Debug, Serialize)]
pub struct GroupRow {
    /// The group's name.
    pub group: String,
    /// Its inputs, as the scenario lists them.
    pub inputs: Vec<String>,
    /// EVPPI of all of them together, DKK: never below the largest member's.
    pub evppi: MoneyF,
    /// What a group of as many unrelated inputs gets, DKK.
    pub noise_floor: MoneyF,
    /// Above 0 and at or below the noise floor.
    pub below_noise_floor: bool,
}

/// What the analysis found for one perspective.
struct Found<'a> {
    /// NPV with every input at its mean.
    pub npv_at_means: f64,
    /// The tornado bars.
    pub bars: &'a [Bar],
    /// Spearman correlation of each input with the NPV.
    pub rho: &'a [f64],
    /// The switching value of each input, where one exists.
    pub switches: &'a [Option<Switch>],
    /// EVPI, DKK.
    pub evpi: f64,
    /// EVPPI of each input, DKK.
    pub evppi: &'a [f64],
    /// The EVPPI's noise floor, DKK (the largest input's).
    pub floor: f64,
    /// Each group's EVPPI and floor, DKK.
    pub groups: &'a [f64],
    pub group_floors: &'a [f64],
}

impl SensitivityReport {
    /// The sensitivity of a run, when it computed one.
    pub fn of(run: &RunResults) -> Option<SensitivityReport> {
        let mc = run.monte_carlo.as_ref()?;
        let a = mc.sensitivity.as_ref()?;
        let model = run.model;
        let found = (0..model.perspectives.len()).map(|j| Found {
            npv_at_means: a.npv_at_means[j],
            bars: &a.bars[j],
            rho: &a.global[j].rho,
            switches: &a.switches[j],
            evpi: a.global[j].evpi,
            evppi: &a.global[j].evppi,
            floor: a.global[j].evppi_noise_floor,
            groups: &a.global[j].group_evppi,
            group_floors: &a.global[j].group_floor,
        });
        Some(SensitivityReport {
            schema_version: SCHEMA_VERSION,
            scenario: model.name.clone(),
            file: model.file.clone(),
            seed: run.seed,
            stream_version: crate::sampler::STREAM_VERSION,
            trials: mc.outputs.trials,
            switching_search_range: [
                crate::sensitivity::SEARCH_RANGE.0,
                crate::sensitivity::SEARCH_RANGE.1,
            ],
            perspectives: (model.perspectives.iter())
                .zip(found)
                .map(|(p, f)| (p.name.clone(), perspective(model, f)))
                .collect(),
            studies: (model.studies.iter().zip(&a.studies))
                .map(|(st, v)| study(run, a, st, v))
                .collect(),
        })
    }
}

fn perspective(model: &Model, f: Found) -> PerspectiveSensitivity {
    let name = |k: usize| model.inputs[k].name.clone();
    let shares = crate::sensitivity::variance_shares(f.rho);
    let mut global: Vec<GlobalRow> = f
        .rho
        .iter()
        .zip(&shares)
        .enumerate()
        .map(|(k, (r, s))| GlobalRow {
            input: name(k),
            spearman: round(*r, 6),
            variance_share: round(*s, 6),
        })
        .collect();
    global.sort_by(|a, b| b.spearman.abs().total_cmp(&a.spearman.abs()));
    let mut evppi: Vec<EvppiRow> = f
        .evppi
        .iter()
        .enumerate()
        .map(|(k, v)| EvppiRow {
            input: name(k),
            evppi: MoneyF(*v),
            below_noise_floor: *v > 0.0 && *v <= f.floor,
        })
        .collect();
    evppi.sort_by(|a, b| b.evppi.0.total_cmp(&a.evppi.0));
    PerspectiveSensitivity {
        npv_at_means: MoneyF(f.npv_at_means),
        tornado: f
            .bars
            .iter()
            .map(|b| TornadoRow {
                input: name(b.input),
                p10: b.low,
                p90: b.high,
                npv_at_p10: MoneyF(b.npv_low),
                npv_at_p90: MoneyF(b.npv_high),
                swing: MoneyF(b.swing),
            })
            .collect(),
        global,
        switching_values: f
            .switches
            .iter()
            .enumerate()
            .map(|(k, s)| SwitchRow {
                input: name(k),
                value: s.as_ref().map(|s| s.value),
                percentile: s.as_ref().map(|s| round(s.percentile, 6)),
                positive: s
                    .as_ref()
                    .map(|s| if s.positive_above { "above" } else { "below" }),
            })
            .collect(),
        evpi: MoneyF(f.evpi),
        evpi_only_together: f.evpi > f.floor && f.evppi.iter().all(|v| *v <= f.floor),
        evppi_groups: (model.evppi_groups.iter().enumerate())
            .map(|(g, group)| GroupRow {
                group: group.name.clone(),
                inputs: group.members.clone(),
                evppi: MoneyF(f.groups[g]),
                noise_floor: MoneyF(f.group_floors[g]),
                below_noise_floor: f.groups[g] > 0.0 && f.groups[g] <= f.group_floors[g],
            })
            .collect(),
        evppi,
        evppi_noise_floor: MoneyF(f.floor),
    }
}

fn study(
    run: &RunResults,
    a: &crate::analysis::Sensitivity,
    st: &crate::model::Study,
    v: &crate::analysis::StudyValue,
) -> StudyView {
    use crate::decimal::to_f64;
    use crate::model::{Param, StudyDesign};
    let model = run.model;
    let param = |p: Param| match p {
        Param::Fixed(d) => d.normalize().to_string(),
        Param::Input { id, .. } => model.inputs[id].name.clone(),
    };
    let (mut sd, mut control, mut follow_up_years, mut dispersion) = (None, None, None, None);
    match st.design {
        StudyDesign::Normal { sd: p } => sd = Some(param(p)),
        StudyDesign::Binary { control: p } => control = Some(param(p)),
        StudyDesign::Count {
            control: p,
            follow_up_years: f,
            dispersion: k,
        } => {
            control = Some(param(p));
            follow_up_years = Some(to_f64(f));
            dispersion = Some(k.map(to_f64));
        }
    }
    let cost = v.enbs.first().map_or_else(Vec::new, |e| e.cost.clone());
    let population = st.population.map(|p| StudyPopulationView {
        participants_per_year: to_f64(p.participants_per_year),
        years: p.years,
        discounted_participants: round(v.scale.discounted_participants.unwrap_or(0.0), 4),
        scenario_participants: to_f64(run.ledger.totals.enrolled),
        scale: round(v.scale.factor, 6),
    });
    let money = |x: &[f64]| x.iter().map(|x| MoneyF(*x)).collect::<Vec<_>>();
    StudyView {
        name: st.name.clone(),
        measures: st.measures_name.clone(),
        measures_fixed: st.measures.is_none(),
        outcome: st.design.key(),
        sd,
        control,
        follow_up_years,
        dispersion,
        n: st.n.clone(),
        fixed_cost: MoneyF(to_f64(st.fixed_cost)),
        per_participant_cost: MoneyF(to_f64(st.per_participant_cost)),
        cost: money(&cost),
        population,
        source: st.source.clone(),
        perspectives: (model.perspectives.iter().enumerate())
            .map(|(j, p)| {
                let e = &v.enbs[j];
                let best = e.enbs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                let view = StudyPerspective {
                    evsi: money(&v.evsi[j]),
                    evsi_noise_floor: money(&v.floor[j]),
                    below_noise_floor: (v.evsi[j].iter().zip(&v.floor[j]))
                        .map(|(e, f)| e <= f)
                        .collect(),
                    population_evsi: money(&e.population_evsi),
                    enbs: money(&e.enbs),
                    optimal_n: e.optimal.map(|i| st.n[i]),
                    optimal_enbs: MoneyF(best),
                    n_within_5pct: e.within_5pct.map(|(lo, hi)| [lo, hi]),
                    evppi: MoneyF(st.measures.map_or(0.0, |k| a.global[j].evppi[k])),
                };
                (p.name.clone(), view)
            })
            .collect(),
    }
}

pub(crate) fn round(x: f64, digits: i32) -> f64 {
    let k = 10f64.powi(digits);
    (x * k).round() / k
}
