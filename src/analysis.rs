//! One analysis of a run: every result a command shows, computed once, in one place.
//!
//! A command says what it wants in a [`Request`] (trials or a precision target, seed, sampling,
//! what to keep, the prices per unit, EVPPI, sensitivity, a deal space); [`Analysis::new`]
//! prepares the simulation (so that its memory can be checked before anything runs), and
//! [`Analysis::run`] computes the exact ledger and the Monte Carlo and every analysis over it
//! into [`RunResults`]: domain values, not views. The report's views are built from
//! `RunResults` (and a [`Comparison`] of several), so each command reads as
//! parse -> request -> analyse -> render.

use crate::cea;
use crate::comparison;
use crate::contracts::{self, deal};
use crate::evsi;
use crate::ledger::{self, Ledger};
use crate::model::Model;
use crate::montecarlo::{Outputs, PrecisionReport, Simulation, Stop};
use crate::sensitivity;
use crate::stats::{Distribution, Summary};

/// What to compute for one model.
#[derive(Clone, Debug)]
pub struct Request {
    /// How many trials: `None` for the exact base case only.
    pub stop: Option<Stop>,
    /// The Monte Carlo seed.
    pub seed: u64,
    /// Draw the trials by Latin hypercube sampling.
    pub latin_hypercube: bool,
    /// Follow each municipality's own budget year by year (its break-even).
    pub municipal_break_even: bool,
    /// Keep each perspective's cumulative net per year, for the fan charts' bands and each
    /// year's net over the trials.
    pub bands: bool,
    /// Keep each contract's flows year by year (invested, due, received, outstanding).
    pub contract_years: bool,
    /// Keep each contract's capital outstanding year by year (its yearly flows, summarised
    /// only as [`MonteCarlo::outstanding`]); implied by `contract_years`.
    pub contract_outstanding: bool,
    /// The summaries over the trials (perspectives, municipalities, contract risk,
    /// cost-effectiveness); a deal space alone does not need them.
    pub summaries: bool,
    /// With the summaries, the non-monetary outcomes' cost-effectiveness.
    pub cost_effectiveness: bool,
    /// Each input's draws: for the achieved correlations and EVPPI.
    pub input_columns: bool,
    /// The prices per unit of the cost-effectiveness analysis (`None`: a default grid).
    pub lambda: Option<Vec<f64>>,
    /// EVPPI of every input in the cost-effectiveness analysis.
    pub evppi: bool,
    /// The tornado, rank correlations, switching values, EVPI and EVPPI.
    pub sensitivity: bool,
    /// A contract's deal space.
    /// Keep every contract's deal basis per trial ([`MonteCarlo::deal_bases`]), for a
    /// settlement's forecast.
    pub deal_basis: bool,
    pub deal: Option<DealRequest>,
}

impl Request {
    /// The exact base case only.
    pub fn base_case() -> Request {
        Request {
            stop: None,
            seed: crate::montecarlo::DEFAULT_SEED,
            latin_hypercube: false,
            municipal_break_even: false,
            bands: false,
            contract_years: false,
            contract_outstanding: false,
            summaries: true,
            cost_effectiveness: true,
            input_columns: false,
            lambda: None,
            evppi: false,
            sensitivity: false,
            deal: None,
            deal_basis: false,
        }
    }

    /// `trials` trials with `seed`, summarised.
    pub fn trials(trials: usize, seed: u64) -> Request {
        Request {
            stop: Some(Stop::Trials(trials)),
            seed,
            ..Request::base_case()
        }
    }
}

/// A deal space asked for: the terms varied, each combination settled on the same trials.
#[derive(Clone, Debug)]
pub struct DealRequest {
    /// The contract's index in the model.
    pub contract: usize,
    pub axes: Vec<deal::Axis>,
    pub limits: deal::Limits,
    /// The investor's IRR in every combination (slower).
    pub irr: bool,
    /// Solve along the grid's price axis (or first axis) for the MOIC of 1 and the limits
    /// ([`contracts::solve`]).
    pub solve: bool,
}

/// A model and a request, with the simulation prepared.
pub struct Analysis<'m> {
    model: &'m Model,
    request: Request,
    sim: Option<Simulation>,
}

impl<'m> Analysis<'m> {
    /// Prepare `request` for `model`: the simulation compiled with what it must keep.
    pub fn new(model: &'m Model, request: Request) -> Analysis<'m> {
        let sim = request.stop.map(|_| {
            let mut sim = Simulation::new(model);
            if request.municipal_break_even {
                sim.plan.keep_municipal_break_even();
            }
            if request.bands {
                sim.plan.keep_cumulative();
            }
            if request.deal.is_some() || request.deal_basis {
                sim.plan.keep_deal_basis();
            }
            if request.contract_years || request.contract_outstanding {
                sim.plan.keep_contract_years();
            }
            if request.latin_hypercube {
                sim.layout.latin_hypercube();
            }
            sim
        });
        Analysis {
            model,
            request,
            sim,
        }
    }

    /// The trials the run keeps at most, and about the bytes each keeps on `threads` worker
    /// threads (`None` when no Monte Carlo runs): for a memory check before [`Analysis::run`].
    pub fn memory(&self, threads: usize) -> Option<(usize, u64)> {
        let sim = self.sim.as_ref()?;
        let trials = match self.request.stop? {
            Stop::Trials(n) => n,
            Stop::Precision { max_trials, .. } => max_trials,
        };
        let inputs = if self.needs_input_columns() {
            sim.input_bytes_per_trial()
        } else {
            0
        };
        Some((trials, sim.bytes_per_trial(threads) + inputs))
    }

    /// The prepared simulation (`None` without a Monte Carlo): its layout names and redraws
    /// each trial's inputs, for `--samples`.
    pub fn simulation(&self) -> Option<&Simulation> {
        self.sim.as_ref()
    }

    /// The request being answered.
    pub fn request(&self) -> &Request {
        &self.request
    }

    fn needs_input_columns(&self) -> bool {
        let r = &self.request;
        r.input_columns || r.sensitivity || (r.evppi && !self.model.non_monetary.is_empty())
    }

    /// Compute everything asked for, on the current rayon pool (`progress(done, total)`
    /// between batches of trials).
    pub fn run(
        &self,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<RunResults<'m>, ledger::Overflow> {
        let ledger = ledger::compute(self.model)?;
        let monte_carlo = match (&self.sim, self.request.stop) {
            (Some(sim), Some(stop)) => Some(self.monte_carlo(sim, stop, &ledger, progress)),
            _ => None,
        };
        Ok(RunResults {
            model: self.model,
            ledger,
            seed: self.request.seed,
            monte_carlo,
        })
    }

    fn monte_carlo(
        &self,
        sim: &Simulation,
        stop: Stop,
        ledger: &Ledger,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> MonteCarlo {
        let (model, r) = (self.model, &self.request);
        let (outputs, precision) = sim.run(r.seed, stop, progress);
        let inputs = if self.needs_input_columns() {
            sim.input_columns(r.seed, outputs.trials)
        } else {
            Vec::new()
        };
        let summaries = r.summaries.then(|| {
            let summary = sim.summarize(&outputs);
            // A contract paid on measured values is set against the ideal one: the same
            // trials with every measurement `true`.
            let ideal = model.has_measurements().then(|| {
                let mut ideal = Simulation::new(&model.ideal());
                if sim.layout.is_latin_hypercube() {
                    ideal.layout.latin_hypercube();
                }
                ideal
                    .run(r.seed, Stop::Trials(outputs.trials), &|_, _| {})
                    .0
            });
            let risk = (model.contracts.iter().enumerate())
                .map(|(k, c)| {
                    let mut s = contracts::summarize(&outputs, k, c.rate_card.len());
                    if let Some(at) = sim.plan.stack_fields(k) {
                        s.stack = contracts::stack::tranches(&outputs, k, c, at);
                    }
                    if let (Some(ideal), Some(at)) = (&ideal, sim.plan.measured_due(k)) {
                        s.measured = contracts::measured::items(&outputs, k, c, at);
                        if !s.measured.is_empty() {
                            s.versus_ideal =
                                Some(contracts::measured::versus_ideal(&outputs, ideal, k));
                        }
                    }
                    s
                })
                .collect();
            let evppi_inputs = if r.evppi { &inputs[..] } else { &[] };
            let cost_effectiveness =
                (r.cost_effectiveness && !model.non_monetary.is_empty()).then(|| {
                    let (lambda, analyses) =
                        cea::of_run(&outputs, r.lambda.as_deref(), evppi_inputs);
                    CostEffectiveness { lambda, analyses }
                });
            Summaries {
                summary,
                risk,
                cost_effectiveness,
            }
        });
        let bands = sim.bands(&outputs);
        let yearly_nets = sim.yearly_nets(&outputs);
        let outstanding = (model.contracts.iter().enumerate())
            .filter_map(|(k, c)| {
                Some(contracts::outstanding(
                    &outputs,
                    k,
                    c,
                    sim.plan.contract_years(k)?,
                ))
            })
            .collect();
        let contract_years = (model.contracts.iter().enumerate())
            .filter(|_| r.contract_years)
            .filter_map(|(k, c)| {
                Some(contracts::years(
                    &outputs,
                    k,
                    c,
                    sim.plan.contract_years(k)?,
                ))
            })
            .collect();
        let sensitivity = r
            .sensitivity
            .then(|| Sensitivity::of(model, sim, &outputs, &inputs, ledger, r.seed));
        // The basis is kept whenever a deal is asked for (see `Analysis::new`).
        let deal = (r.deal.as_ref()).and_then(|d| {
            let basis = sim.plan.deal_basis(d.contract)?;
            Some(deal::evaluate(
                model,
                &outputs,
                basis,
                d.contract,
                d.axes.clone(),
                d.limits,
                d.irr,
            ))
        });
        let solved = (r.deal.as_ref()).filter(|d| d.solve).and_then(|d| {
            let basis = sim.plan.deal_basis(d.contract)?;
            let axis = contracts::solve::axis_of(&d.axes)?;
            Some(contracts::solve::solve(
                model, &outputs, basis, d.contract, &d.axes, d.limits, axis,
            ))
        });
        let deal_bases = (0..model.contracts.len())
            .filter(|_| r.deal_basis)
            .map(|k| sim.plan.deal_basis(k))
            .collect();
        MonteCarlo {
            deal_bases,
            latin_hypercube: sim.layout.is_latin_hypercube(),
            outputs,
            precision,
            summaries,
            input_columns: inputs,
            bands,
            yearly_nets,
            contract_years,
            outstanding,
            sensitivity,
            deal,
            solved,
        }
    }
}

/// Everything computed for one model: its exact base case and, with uncertain inputs and
/// trials, the Monte Carlo and the analyses over it.
pub struct RunResults<'m> {
    pub model: &'m Model,
    /// The exact base case.
    pub ledger: Ledger,
    /// The seed the trials drew from.
    pub seed: u64,
    /// The Monte Carlo; `None` when no trials ran.
    pub monte_carlo: Option<MonteCarlo>,
}

impl RunResults<'_> {
    /// The summaries over the trials, when they were computed.
    pub fn summaries(&self) -> Option<&Summaries> {
        self.monte_carlo.as_ref()?.summaries.as_ref()
    }
}

/// A Monte Carlo and what was computed over its trials.
pub struct MonteCarlo {
    /// Each trial's results.
    pub outputs: Outputs,
    /// What a `--precision` run reached.
    pub precision: Option<PrecisionReport>,
    /// Whether the trials drew by Latin hypercube sampling.
    pub latin_hypercube: bool,
    /// The summaries over the trials, when asked for.
    pub summaries: Option<Summaries>,
    /// Each input's draws (`[input][trial]`), when needed.
    pub input_columns: Vec<Vec<f64>>,
    /// Per perspective and year, the distribution of the cumulative discounted net
    /// (`[perspective][year]`), when kept.
    pub bands: Vec<Vec<Distribution>>,
    /// Per perspective and year, the distribution of the year's net (not discounted), when the
    /// bands are kept (`[perspective][year]`).
    pub yearly_nets: Vec<Vec<Distribution>>,
    /// Per contract, its flows year by year over the trials, when kept.
    pub contract_years: Vec<contracts::YearBands>,
    /// Per contract, the capital outstanding at each year's end over the trials
    /// ([`contracts::outstanding`]), when the yearly flows were kept.
    pub outstanding: Vec<Vec<Distribution>>,
    pub sensitivity: Option<Sensitivity>,
    pub deal: Option<deal::Deal>,
    /// Per contract, where its rows keep the deal basis, when asked for
    /// ([`Request::deal_basis`]).
    pub deal_bases: Vec<Option<crate::kernel::DealBasis>>,
    /// The deal's terms solved for the yardsticks, with `--solve` ([`contracts::solve`]).
    pub solved: Option<contracts::solve::Solutions>,
}

/// The summaries of a run's trials.
pub struct Summaries {
    /// Per perspective and municipality.
    pub summary: Summary,
    /// Each contract's risk, in the model's order.
    pub risk: Vec<contracts::ContractSummary>,
    /// The non-monetary outcomes' cost-effectiveness, when the scenario has any.
    pub cost_effectiveness: Option<CostEffectiveness>,
}

/// A cost-effectiveness analysis at prices per unit `lambda`: `analyses[outcome][perspective]`.
pub struct CostEffectiveness {
    pub lambda: Vec<f64>,
    pub analyses: Vec<Vec<cea::Analysis>>,
}

/// What drives a scenario's result, per perspective (in the model's order).
pub struct Sensitivity {
    /// The NPV with every input at its mean.
    pub npv_at_means: Vec<f64>,
    /// The tornado's bars.
    pub bars: Vec<Vec<sensitivity::Bar>>,
    /// Each input's switching value, where one exists.
    pub switches: Vec<Vec<Option<sensitivity::Switch>>>,
    /// Rank correlations, EVPI and EVPPI from the trials.
    pub global: Vec<sensitivity::Global>,
    /// Each proposed study's value, in the model's order.
    pub studies: Vec<StudyValue>,
}

/// What a proposed study is worth (`src/evsi.rs`), per perspective in the model's order.
pub struct StudyValue {
    /// How the scenario's EVSI is scaled to the study's population.
    pub scale: evsi::Scale,
    /// The scenario's EVSI at each of the study's sizes, `[perspective][n]`, kroner.
    pub evsi: Vec<Vec<f64>>,
    /// Its noise floor ([`evsi::evsi_with_floor`]), `[perspective][n]`, kroner.
    pub floor: Vec<Vec<f64>>,
    /// The ENBS over the sizes (an EVSI at or below its floor counted as 0), and the best
    /// size, per perspective.
    pub enbs: Vec<evsi::Enbs>,
}

impl StudyValue {
    /// The value of `study` on the trials' NPVs and input draws.
    pub fn of(
        study: &crate::model::Study,
        outputs: &Outputs,
        inputs: &[Vec<f64>],
        ledger: &Ledger,
        seed: u64,
    ) -> StudyValue {
        use crate::decimal::to_f64;
        use crate::model::{Param, StudyDesign};
        let value = |p: Param| match p {
            Param::Fixed(d) => evsi::Value::Fixed(to_f64(d)),
            Param::Input { id, factor } => evsi::Value::Column {
                column: id,
                factor: to_f64(factor),
            },
        };
        let design = match study.design {
            StudyDesign::Normal { sd } => evsi::Design::Normal { sd: value(sd) },
            StudyDesign::Binary { control } => evsi::Design::Binary {
                control: value(control),
            },
            StudyDesign::Count {
                control,
                follow_up_years,
                dispersion,
            } => evsi::Design::Count {
                control: value(control),
                follow_up: to_f64(follow_up_years),
                dispersion: dispersion.map(to_f64),
            },
        };
        let npv: Vec<Vec<f64>> = (0..outputs.perspectives)
            .map(|j| outputs.npv_of(j))
            .collect();
        let columns: Vec<&[f64]> = npv.iter().map(Vec::as_slice).collect();
        let key = crate::sampler::name_key(&format!("study:{}", study.key));
        // A fixed input leaves nothing to learn: EVSI 0 at every size.
        let (evsi, floor) = match study.measures {
            Some(id) => {
                evsi::evsi_with_floor(&design, &inputs[id], inputs, &columns, &study.n, seed, key)
            }
            None => {
                let zero = vec![vec![0.0; study.n.len()]; columns.len()];
                (zero.clone(), zero)
            }
        };
        let scale = match study.population {
            None => evsi::Scale::one(),
            Some(p) => {
                let df: Vec<f64> = ledger.discount_factors.iter().map(|d| to_f64(*d)).collect();
                evsi::Scale::population(
                    to_f64(p.participants_per_year),
                    p.years as usize,
                    &df,
                    to_f64(ledger.totals.enrolled),
                )
            }
        };
        let (fixed, per) = (to_f64(study.fixed_cost), to_f64(study.per_participant_cost));
        // An EVSI that cannot be told from noise counts as 0 in the ENBS.
        let enbs = (evsi.iter().zip(&floor))
            .map(|(e, f)| {
                let above: Vec<f64> = (e.iter().zip(f))
                    .map(|(e, f)| if e > f { *e } else { 0.0 })
                    .collect();
                evsi::enbs(&study.n, &above, scale, fixed, per)
            })
            .collect();
        StudyValue {
            scale,
            evsi,
            floor,
            enbs,
        }
    }
}

impl Sensitivity {
    fn of(
        model: &Model,
        sim: &Simulation,
        outputs: &Outputs,
        inputs: &[Vec<f64>],
        ledger: &Ledger,
        seed: u64,
    ) -> Sensitivity {
        let mut probe = sensitivity::Probe::new(model, &sim.layout, &sim.plan);
        let (npv_at_means, bars) = sensitivity::tornado(model, &mut probe);
        let switches = sensitivity::switching_values(model, &mut probe);
        let groups: Vec<Vec<usize>> = (model.evppi_groups.iter())
            .map(|g| g.inputs.clone())
            .collect();
        let global = sensitivity::global(
            (0..outputs.perspectives).map(|j| outputs.npv_of(j)),
            inputs,
            &groups,
        );
        let studies = (model.studies.iter())
            .map(|s| StudyValue::of(s, outputs, inputs, ledger, seed))
            .collect();
        Sensitivity {
            npv_at_means,
            bars,
            switches,
            global,
            studies,
        }
    }
}

/// Several runs on the same seed and trials, each after the first against the first.
pub struct Comparison<'a, 'm> {
    pub runs: &'a [RunResults<'m>],
    /// The perspectives every run has, with the paired differences.
    pub compared: Vec<comparison::Compared>,
    /// The non-monetary outcomes each run after the first shares with the first, with the
    /// cost-effectiveness of the paired differences.
    pub paired: Vec<PairedCostEffectiveness>,
    /// The runs as options beside doing nothing, per non-monetary outcome every run has.
    pub options: Vec<Options>,
}

/// The runs as options (`comparison::options`), beside doing nothing (option 0: no units, no
/// cost), for one non-monetary outcome every run has, per perspective every run has.
pub struct Options {
    /// The outcome's name.
    pub outcome: String,
    /// The outcome's index in each run's model.
    pub index: Vec<usize>,
    pub lambda: Vec<f64>,
    /// Per perspective of [`Comparison::compared`], in its order.
    pub perspectives: Vec<OptionsOf>,
}

/// The options from one perspective.
pub struct OptionsOf {
    /// Each option's mean units and mean net cost (option 0: doing nothing).
    pub mean_effect: Vec<f64>,
    pub mean_cost: Vec<f64>,
    pub frontier: Vec<comparison::options::Frontier>,
    pub at_prices: Vec<comparison::options::AtPrice>,
}

/// Run `k` (k >= 1) against the first, on the non-monetary outcomes they share.
pub struct PairedCostEffectiveness {
    /// Which run, from 1.
    pub run: usize,
    /// The shared outcomes: (index in the first, index in run `k`).
    pub outcomes: Vec<(usize, usize)>,
    /// The shared perspectives: (index in the first, index in run `k`).
    pub perspectives: Vec<(usize, usize)>,
    pub analysis: CostEffectiveness,
}

impl<'a, 'm> Comparison<'a, 'm> {
    /// The comparison of `runs`, each with a Monte Carlo of the same trials; `lambda` prices
    /// the paired cost-effectiveness (`None`: a default grid).
    pub fn of(runs: &'a [RunResults<'m>], lambda: Option<&[f64]>) -> Comparison<'a, 'm> {
        let parts: Vec<comparison::Run> = (runs.iter())
            .filter_map(|r| {
                let mc = r.monte_carlo.as_ref()?;
                Some(comparison::Run {
                    model: r.model,
                    ledger: &r.ledger,
                    outputs: &mc.outputs,
                    summary: &mc.summaries.as_ref()?.summary,
                })
            })
            .collect();
        let complete = parts.len() == runs.len() && runs.len() >= 2;
        let compared = if complete {
            comparison::compare(&parts)
        } else {
            Vec::new()
        };
        let paired = if complete {
            Self::paired(runs, lambda)
        } else {
            Vec::new()
        };
        let options = if complete {
            Self::options(runs, &compared, lambda)
        } else {
            Vec::new()
        };
        Comparison {
            runs,
            compared,
            paired,
            options,
        }
    }

    fn options(
        runs: &[RunResults],
        compared: &[comparison::Compared],
        lambda: Option<&[f64]>,
    ) -> Vec<Options> {
        let first = runs[0].model;
        let outputs: Vec<&Outputs> = (runs.iter())
            .filter_map(|r| Some(&r.monte_carlo.as_ref()?.outputs))
            .collect();
        (first.non_monetary.iter())
            .filter_map(|o| {
                let index: Vec<usize> = (runs.iter())
                    .map(|r| r.model.non_monetary.iter().position(|n| n.name == o.name))
                    .collect::<Option<_>>()?;
                let effects: Vec<Vec<f64>> = (outputs.iter().zip(&index))
                    .map(|(out, &i)| out.effects_of(i))
                    .collect();
                let trials = effects.first().map_or(0, Vec::len);
                let zero = vec![0.0; trials];
                let mean = |x: &[f64]| x.iter().sum::<f64>() / x.len().max(1) as f64;
                let costs_of = |c: &comparison::Compared| -> Vec<Vec<f64>> {
                    (outputs.iter().zip(&c.index))
                        .map(|(out, &j)| out.npv_of(j).into_iter().map(|x| -x).collect())
                        .collect()
                };
                let lambda = match lambda {
                    Some(l) => l.to_vec(),
                    None => {
                        let thresholds: Vec<f64> = (compared.iter())
                            .flat_map(|c| {
                                let costs = costs_of(c);
                                (effects.iter().zip(costs))
                                    .map(|(e, c)| mean(&c) / mean(e))
                                    .collect::<Vec<_>>()
                            })
                            .collect();
                        cea::default_lambda(thresholds.into_iter())
                    }
                };
                let perspectives = (compared.iter())
                    .map(|c| {
                        let costs = costs_of(c);
                        let mut e: Vec<&[f64]> = vec![&zero];
                        e.extend(effects.iter().map(Vec::as_slice));
                        let mut k: Vec<&[f64]> = vec![&zero];
                        k.extend(costs.iter().map(Vec::as_slice));
                        let mean_effect: Vec<f64> = e.iter().map(|x| mean(x)).collect();
                        let mean_cost: Vec<f64> = k.iter().map(|x| mean(x)).collect();
                        OptionsOf {
                            frontier: comparison::options::frontier(&mean_effect, &mean_cost),
                            at_prices: comparison::options::at_prices(&e, &k, &lambda),
                            mean_effect,
                            mean_cost,
                        }
                    })
                    .collect();
                Some(Options {
                    outcome: o.name.clone(),
                    index,
                    lambda,
                    perspectives,
                })
            })
            .collect()
    }

    fn paired(runs: &[RunResults], lambda: Option<&[f64]>) -> Vec<PairedCostEffectiveness> {
        let first = &runs[0];
        let shared = |a: &[String], b: &[String]| -> Vec<(usize, usize)> {
            (a.iter().enumerate())
                .filter_map(|(i, n)| Some((i, b.iter().position(|m| m == n)?)))
                .collect()
        };
        let names = |m: &Model| -> (Vec<String>, Vec<String>) {
            (
                m.non_monetary.iter().map(|n| n.name.clone()).collect(),
                m.perspectives.iter().map(|p| p.name.clone()).collect(),
            )
        };
        let (first_outcomes, first_perspectives) = names(first.model);
        (runs.iter().enumerate().skip(1))
            .filter_map(|(k, r)| {
                let (outcomes, perspectives) = names(r.model);
                let outcomes = shared(&first_outcomes, &outcomes);
                if outcomes.is_empty() {
                    return None;
                }
                let perspectives = shared(&first_perspectives, &perspectives);
                let (a, b) = (first.monte_carlo.as_ref()?, r.monte_carlo.as_ref()?);
                let (lambda, analyses) =
                    cea::of_pair(&a.outputs, &b.outputs, &outcomes, &perspectives, lambda);
                Some(PairedCostEffectiveness {
                    run: k,
                    outcomes,
                    perspectives,
                    analysis: CostEffectiveness { lambda, analyses },
                })
            })
            .collect()
    }
}
