//! Compiling a validated model into a [`Plan`]: flat arrays of constants and draw-buffer slots,
//! with each line's fast path chosen once.

use super::*;
use crate::decimal::to_f64;
use crate::model::{Effect, Model, OutcomeKind, Param, Profile, SocialClass};
use crate::model::{allocation_groups, formulas};
use crate::sampler::Layout;
use rust_decimal::Decimal;

impl Plan {
    pub fn new(model: &Model, layout: &Layout) -> Plan {
        let v = |p: Param| -> Value {
            match p {
                Param::Fixed(d) => Value::Const(to_f64(d)),
                Param::Input { id, factor } => Value::Draw {
                    slot: layout.offsets[id] as u32,
                    per_muni: model.inputs[id].per_municipality,
                    factor: to_f64(factor),
                },
            }
        };
        let series =
            |s: &crate::model::Series| YearValues::new(s.0.iter().map(|p| v(*p)).collect());
        let split = |g: &crate::model::Group| {
            g.split
                .iter()
                .map(|(m, s)| (*m, to_f64(*s)))
                .collect::<Vec<_>>()
        };
        let munis = model
            .municipalities
            .iter()
            .map(|m| PMuni {
                courses: series(&m.courses),
                participants: series(&m.participants_per_course),
                completion: series(&m.completion_rate),
                peers: series(&m.peers_per_course),
                turnover: series(&m.volunteer_turnover),
                volunteers: m.volunteers_trained.as_ref().map(series),
                stop: m.stop.as_ref().map(|s| {
                    let key = format!("stop\u{1f}{}", m.name);
                    (
                        s.after,
                        to_f64(s.probability),
                        crate::sampler::name_key(&key),
                    )
                }),
                size: m.size.as_ref().map(|s| {
                    (
                        to_f64(s.population) / 10_000.0,
                        v(s.adult_share),
                        v(s.per_10000_adults),
                    )
                }),
            })
            .collect::<Vec<PMuni>>();
        let costs = model
            .costs
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let prefinance: Vec<_> = (model.contracts.iter().enumerate())
                    .flat_map(|(j, k)| {
                        k.prefinance
                            .iter()
                            .filter(|p| p.cost == i)
                            .map(move |p| PPrefinance {
                                contract: j,
                                share: to_f64(p.share),
                                years: p.years.clone(),
                            })
                    })
                    .collect();
                costs_from(model, c, c.payer, prefinance, &v, &split)
            })
            .collect::<Vec<PCost>>();
        // The society perspective's rows: a transfer-class line again into the transfer row,
        // volunteer time into its own (see `Plan::transfer_row`).
        let np = model.payers.len();
        let society_line = |c: &crate::model::CostLine, row: usize| {
            let mut line = costs_from(model, c, row, Vec::new(), &v, &split);
            line.payer = row;
            line
        };
        let mut costs = costs;
        let extra: Vec<PCost> = (model.costs.iter())
            .filter(|c| c.class == SocialClass::Transfer)
            .map(|c| society_line(c, np))
            .chain(
                model
                    .society
                    .volunteer_time
                    .iter()
                    .map(|c| society_line(c, np + 1)),
            )
            .collect();
        costs.extend(extra);
        let transfers = model
            .transfers
            .iter()
            .map(|t| PTransfer {
                from: t.from,
                to: t.to,
                amount: v(t.amount),
                years: t.years.clone(),
                split: allocation_groups(model, &t.allocation)
                    .iter()
                    .flat_map(split)
                    .collect(),
            })
            .collect();
        let pprofile = |p: &Profile| match p {
            Profile::List(l) => PProfile::List(l.iter().map(|p| v(*p)).collect()),
            Profile::Exponential {
                initial,
                rate,
                years,
            } => PProfile::Exponential {
                initial: v(*initial),
                rate: v(*rate),
                years: *years,
            },
            Profile::Linear { initial, years } => PProfile::Linear {
                initial: v(*initial),
                years: *years,
            },
        };
        let mut outcomes = model
            .outcomes
            .iter()
            .map(|o| POutcome {
                avoided_cost: o.kind == OutcomeKind::AvoidedCost,
                baseline: v(o.baseline),
                effect: match &o.effect {
                    Effect::Net(e) => PEffect::Net(v(*e)),
                    Effect::Gross { gross, deadweight } => {
                        PEffect::Gross(v(*gross), v(*deadweight))
                    }
                },
                profile: pprofile(&o.profile),
                unit_price: v(o.unit_price),
                shares: o.shares.iter().map(|(p, s)| (*p, to_f64(*s))).collect(),
                local_share: {
                    let local: Vec<f64> = (o.shares.iter())
                        .filter(|(p, _)| model.is_local(*p))
                        .map(|(_, s)| to_f64(*s))
                        .collect();
                    (!local.is_empty()).then(|| local.iter().sum())
                },
                attrition: v(o.attrition.unwrap_or(model.attrition)),
                taps: o.profile.len().min(model.horizon),
                class: 0,
                national: [v(o.baseline), v(o.unit_price)]
                    .into_iter()
                    .chain(match &o.effect {
                        Effect::Net(e) => vec![v(*e)],
                        Effect::Gross { gross, deadweight } => vec![v(*gross), v(*deadweight)],
                    })
                    .all(|x| !x.per_muni()),
            })
            .collect::<Vec<_>>();
        // A transfer-class outcome again, wholly into the society perspective's transfer row.
        let extra: Vec<POutcome> = (model.outcomes.iter().zip(&outcomes))
            .filter(|(o, _)| o.class == SocialClass::Transfer)
            .map(|(_, p)| POutcome {
                shares: vec![(np, 1.0)],
                local_share: None,
                ..p.clone()
            })
            .collect();
        outcomes.extend(extra);
        for o in 0..outcomes.len() {
            outcomes[o].class = (0..o)
                .find(|&e| {
                    // Only an outcome with a local share discounts its completers.
                    let (a, b) = (&outcomes[e], &outcomes[o]);
                    a.local_share.is_some()
                        && a.profile == b.profile
                        && a.attrition == b.attrition
                        && a.taps == b.taps
                })
                .unwrap_or(o);
        }
        let gains: Vec<PGain> = (model.non_monetary.iter())
            .map(|n| PGain {
                per_completer: v(n.per_completer),
                profile: pprofile(&n.profile),
                taps: n.profile.len().min(model.horizon),
                discounted: n.discounted,
                welfare: n.welfare.as_ref().map(|w| v(w.per_unit)),
            })
            .collect();
        let mut series = [false; SERIES];
        for c in &costs {
            if let Some(s) = c.each {
                series[s] = true;
            }
        }
        // The municipalities' own NPVs read the discounted series of the local payer's lines.
        let mut local_pvs = [false; SERIES];
        for c in costs.iter().filter(|c| model.is_local(c.payer)) {
            if let Some(s) = c.each {
                local_pvs[s] = true;
            }
        }
        series[COMPLETERS] |= outcomes.iter().any(|o| o.national)
            || gains.iter().any(|g| !g.per_completer.per_muni());
        // A `per_year` line over every municipality counts the years any is active.
        let nm = model.municipalities.len();
        let everywhere = |c: &PCost| {
            c.driver == Driver::PerYear
                && c.years.is_none()
                && c.groups.iter().all(|g| g.served.len() == nm)
        };
        series[ACTIVE] |= costs.iter().any(|c| c.each.is_none() && everywhere(c));
        let reads_rows = !model.contracts.is_empty()
            || outcomes.iter().any(|o| !o.national)
            || gains.iter().any(|g| g.per_completer.per_muni())
            // A line not in every municipality counts its groups' rows, unless it is one-off,
            // or per year in its own years or over every municipality.
            || costs.iter().any(|c| {
                c.each.is_none()
                    && match c.driver {
                        Driver::OneOff => false,
                        Driver::PerYear => c.years.is_none() && !everywhere(c),
                        _ => true,
                    }
            });
        let df: Vec<f64> = model.discount_factors().into_iter().map(to_f64).collect();
        let factored = if reads_rows {
            None
        } else {
            Factored::new(&munis, &df)
        };
        Plan {
            horizon: model.horizon,
            municipalities: model.municipalities.len(),
            payers: model.payers.len(),
            local: (0..model.payers.len()).map(|p| model.is_local(p)).collect(),
            public: model.public_payers(),
            perspectives: model.perspectives.len(),
            society: (model.perspectives.iter().position(|p| p.society)).map(|j| {
                let only_resources = model.society.tax_distortion == Param::Fixed(Decimal::ONE)
                    && model.society.volunteer_time.is_empty()
                    && model.non_monetary.iter().all(|n| n.welfare.is_none())
                    && (model.costs.iter()).all(|c| c.class != SocialClass::Transfer)
                    && (model.outcomes.iter()).all(|o| o.class != SocialClass::Transfer);
                let all = model.perspectives.iter().position(|p| p.name == "all");
                PSociety {
                    perspective: j,
                    net_tax_factor: v(model.society.net_tax_factor),
                    tax_distortion: v(model.society.tax_distortion),
                    scales: all.filter(|&a| only_resources && a < j),
                }
            }),
            df,
            munis,
            costs,
            transfers,
            outcomes,
            gains,
            contracts: model
                .contracts
                .iter()
                .map(|c| PContract::compile(model, c, &v))
                .collect(),
            keep_basis: false,
            keep_contract_years: false,
            keep_cumulative: false,
            keep_local_years: false,
            perspective_payers: model
                .perspectives
                .iter()
                .map(|p| p.payers.clone())
                .collect(),
            perspective_same: (model.perspectives.iter().enumerate())
                .map(|(j, p)| {
                    let same = |i: &usize| {
                        let q = &model.perspectives[*i];
                        !p.society && !q.society && q.payers == p.payers
                    };
                    (0..j).find(same)
                })
                .collect(),
            series,
            factored,
            local_pvs,
        }
    }

    pub fn workspace(&self) -> Workspace {
        let (h, nm) = (self.horizon, self.municipalities);
        Workspace {
            courses: vec![0.0; nm * h],
            completers: vec![0.0; nm * h],
            enrolled: vec![0.0; nm * h],
            // At least two rows: the factored activity keeps two values per municipality there.
            volunteers: vec![0.0; nm * h.max(2)],
            net: vec![0.0; (self.payers + 3) * h],
            weight: vec![0.0; h * self.outcomes.len()],
            wdisc: vec![0.0; h],
            agg: vec![0.0; h],
            units: vec![0.0; nm * self.outcomes.len()],
            per_unit: vec![0.0; nm * self.outcomes.len()],
            cum: vec![0.0; h],
            scratch: vec![0.0; h],
            scratch2: vec![0.0; h.max(self.factored.as_ref().map_or(0, |f| f.schedules.len()))],
            totals: vec![0.0; SERIES * h],
            pvs: vec![0.0; SERIES * nm],
            wpv: vec![0.0; nm * self.outcomes.len()],
            sums: vec![0.0; F_SUMS * self.factored.as_ref().map_or(0, |f| f.schedules.len())],
            completers_per_x: vec![0.0; nm],
            contracts: self
                .contracts
                .iter()
                .map(|c| c.workspace(h, nm, self.payers))
                .collect(),
            local: local::LocalWs::new(self),
            noise: None,
        }
    }
}

/// A cost line compiled for the kernel, into the net row `payer`.
fn costs_from(
    model: &Model,
    c: &crate::model::CostLine,
    payer: usize,
    prefinance: Vec<PPrefinance>,
    v: &impl Fn(Param) -> Value,
    split: &impl Fn(&crate::model::Group) -> Vec<(Option<usize>, f64)>,
) -> PCost {
    let (quantity, unit_cost) = (v(c.quantity), v(c.unit_cost));
    let each = matches!(c.allocation, crate::model::Allocation::Each)
        && c.years.is_none()
        && !quantity.per_muni()
        && !unit_cost.per_muni()
        && prefinance.is_empty();
    PCost {
        driver: c.driver,
        courses_per_coordinator: c.courses_per_coordinator.map_or(1.0, to_f64),
        each: series_of(c.driver).filter(|_| each),
        quantity,
        unit_cost,
        payer,
        groups: allocation_groups(model, &c.allocation)
            .iter()
            .map(|g| PGroup {
                served: g.served.clone(),
                split: split(g),
            })
            .collect(),
        years: c.years.clone(),
        prefinance,
    }
}

impl Factored {
    /// The factored form of the municipalities' activity, if every one allows it.
    fn new(munis: &[PMuni], df: &[f64]) -> Option<Factored> {
        let mut schedules: Vec<Schedule> = Vec::new();
        let nm = munis.len();
        let mut schedule = Vec::with_capacity(nm);
        let mut pop = Vec::with_capacity(nm);
        let mut size: [Vec<Value>; 3] = Default::default();
        let mut each: [Vec<Value>; 4] = Default::default();
        for pm in munis {
            // A municipality that may stop has courses of its own in each trial.
            if pm.volunteers.is_some() || pm.stop.is_some() {
                return None;
            }
            let (x, courses) = match &pm.courses {
                YearValues::Const(v) => (vec![1.0; df.len()], *v),
                YearValues::Fixed(x) if x.iter().all(|c| *c >= 0.0) => {
                    (x.clone(), Value::Const(1.0))
                }
                _ => return None,
            };
            schedule.push(match schedules.iter().position(|s| s.x == x) {
                Some(i) => i,
                None => {
                    let active: Vec<f64> =
                        x.iter().map(|c| f64::from(u8::from(*c > 0.0))).collect();
                    let pv = |v: &[f64]| v.iter().zip(df).map(|(a, d)| a * d).sum::<f64>();
                    let first = formulas::first_active(&x);
                    let running = |v: &[f64]| -> Vec<f64> {
                        let mut sum = 0.0;
                        v.iter()
                            .zip(df)
                            .map(|(a, d)| {
                                sum += a * d;
                                sum
                            })
                            .collect()
                    };
                    let first_row: Vec<f64> = (0..df.len())
                        .map(|t| if first == Some(t) { x[t] } else { 0.0 })
                        .collect();
                    schedules.push(Schedule {
                        cumulative: [running(&x), running(&first_row), running(&active)],
                        pv: pv(&x),
                        first,
                        first_pv: first.map_or(0.0, |t| df[t] * x[t]),
                        active_pv: pv(&active),
                        active,
                        x,
                    });
                    schedules.len() - 1
                }
            });
            let (p, adult, rate) = pm
                .size
                .unwrap_or((1.0, Value::Const(1.0), Value::Const(1.0)));
            pop.push(p);
            for (column, v) in size.iter_mut().zip([adult, rate, courses]) {
                column.push(v);
            }
            let single = [&pm.participants, &pm.completion, &pm.peers, &pm.turnover];
            for (column, v) in each.iter_mut().zip(single) {
                column.push(v.single()?);
            }
        }
        let per_muni =
            |f: fn(&Schedule) -> f64| schedule.iter().map(|&g| f(&schedules[g])).collect();
        let [participants, completion, peers, turnover] = each.map(Column::new);
        Some(Factored {
            pv: per_muni(|s| s.pv),
            first_pv: per_muni(|s| s.first_pv),
            active_pv: per_muni(|s| s.active_pv),
            has_first: schedule
                .iter()
                .map(|&g| schedules[g].first.is_some())
                .collect(),
            size: size.map(Column::new),
            participants,
            completion,
            peers,
            turnover,
            pop,
            schedule,
            schedules,
        })
    }
}
