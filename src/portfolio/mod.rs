//! A portfolio of contracts and a revolving fund over the trials (`somsim portfolio`,
//! `docs/model.md`, "Portfolio and revolving fund"): the exact base case from each contract's
//! ledger, and the trials from each contract's kernel run on common random numbers, both
//! through the one path of [`crate::model::portfolio::fund::path`].

use rust_decimal::Decimal;

use crate::contracts::{ROUNDING, TAIL, worst_mean};
use crate::kernel::contract_field as cf;
use crate::ledger::{Overflow, contracts::ContractResult};
use crate::model::contract::investor_irr_roots;
use crate::model::formulas::Amount;
use crate::model::portfolio::Portfolio;
use crate::model::portfolio::fund::{self, EntryTerms, FundTerms, Path, Terms};
use crate::montecarlo::{Simulation, run_joint};
use crate::stats::{self, Distribution};

pub mod grid;
pub mod row;

/// One contract of the portfolio in the base case, as its own ledger settles it.
#[derive(Clone, Debug)]
pub struct EntryBase {
    /// Per year of its own scenario: what its investor invests and receives.
    pub invested: Vec<Decimal>,
    pub received: Vec<Decimal>,
    /// What a fund sets aside for it: its base-case investment.
    pub commitment: Decimal,
    pub last_investment: usize,
    pub last_year: usize,
    /// Its planned courses, completers and their units of the first non-monetary outcome in
    /// its cohort window.
    pub courses: Decimal,
    pub completers: Decimal,
    pub gains: Option<Decimal>,
    /// Per payer of the portfolio: the PV of its flows at its own first year.
    pub delta: Vec<Decimal>,
}

/// The portfolio's base case: every entry at its inputs' means, through the path.
#[derive(Clone, Debug)]
pub struct Base {
    pub entries: Vec<EntryBase>,
    pub path: Path<Decimal>,
    pub totals: Totals<Decimal>,
    /// Per payer of the portfolio, the entries' deltas moved to the portfolio's first year.
    pub delta: Vec<Decimal>,
}

/// A path's totals.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Totals<A> {
    pub invested: A,
    pub received: A,
    pub fees: A,
    pub joined: usize,
    pub courses: A,
    pub completers: A,
    pub gains: A,
    pub peak_outstanding: A,
    pub peak_year: usize,
    pub irr: Option<f64>,
    pub several_irrs: bool,
    pub moic: Option<f64>,
    pub loss: A,
}

/// What the whole analysis gives: the payers' names, the base case and the trials.
#[derive(Clone, Debug)]
pub struct PortfolioResults {
    /// The payers of every entry, in first-seen order.
    pub payers: Vec<String>,
    /// Years followed: the horizon and the longest contract after it.
    pub years: usize,
    pub base: Base,
    pub trials: Option<Trials>,
}

/// The portfolio over the trials.
#[derive(Clone, Debug)]
pub struct Trials {
    pub n: usize,
    pub seed: u64,
    pub invested: Distribution,
    pub received: Distribution,
    pub net: Distribution,
    pub fees: Distribution,
    pub irr: Option<Distribution>,
    pub irr_undefined: f64,
    pub moic: Option<Distribution>,
    pub prob_loss: f64,
    pub expected_loss: f64,
    pub worst_5pct_mean: f64,
    pub peak_outstanding: Distribution,
    pub joined: Distribution,
    pub courses: Distribution,
    pub completers: Distribution,
    pub gains: Option<Distribution>,
    /// Per year: the fund's balance (with a fund), the capital outstanding, and
    /// P(exhausted by the year) (with a fund).
    pub balance: Vec<Distribution>,
    pub outstanding: Vec<Distribution>,
    pub prob_exhausted_by: Vec<f64>,
    pub prob_overdrawn: f64,
    /// Per entry: P(it joins), the mean year it joins (offset; among the trials it does), and
    /// its share of the entries' expected loss.
    pub prob_joined: Vec<f64>,
    pub mean_join: Vec<f64>,
    pub loss_share: Vec<f64>,
    /// Per payer: the summed deltas at the portfolio's first year.
    pub delta: Vec<Distribution>,
    /// The rows, kept for tests and re-settlement ([`row`] gives the layout).
    pub rows: Vec<f64>,
    pub width: usize,
}

/// The payers of every entry, in first-seen order, and each entry's payer index into it.
fn payers(p: &Portfolio) -> (Vec<String>, Vec<Vec<usize>>) {
    let mut names: Vec<String> = Vec::new();
    let maps = (p.entries.iter())
        .map(|e| {
            (e.model.payers.iter())
                .map(|n| match names.iter().position(|x| x == n) {
                    Some(i) => i,
                    None => {
                        names.push(n.clone());
                        names.len() - 1
                    }
                })
                .collect()
        })
        .collect();
    (names, maps)
}

/// The last year offset with an investment in contract `c` (0 without one).
fn last_investment(c: &crate::model::Contract) -> usize {
    let years = c
        .prefinance
        .iter()
        .map(|p| &p.years)
        .chain(c.tranches.iter().map(|t| &t.years));
    years
        .filter_map(|y| y.iter().rposition(|b| *b))
        .max()
        .unwrap_or(0)
}

/// Entry `k`'s base case from its ledger.
fn entry_base(
    p: &Portfolio,
    k: usize,
    map: &[usize],
    n_payers: usize,
) -> Result<EntryBase, Overflow> {
    let e = &p.entries[k];
    let l = crate::ledger::compute(&e.model)?;
    let c: &ContractResult = &l.contracts[e.contract];
    let h = e.model.horizon;
    let received: Vec<Decimal> = (0..h)
        .map(|t| {
            let end = if t == c.last_year {
                c.end.top_up + c.end.guarantee
            } else {
                Decimal::ZERO
            };
            c.paid[t] + end
        })
        .collect();
    let contract = &e.model.contracts[e.contract];
    let mut courses = Decimal::ZERO;
    for a in &l.activity {
        for (t, y) in a.iter().enumerate() {
            if contract.cohorts[t] {
                courses += y.courses;
            }
        }
    }
    let mut delta = vec![Decimal::ZERO; n_payers];
    for (i, d) in c.delta.iter().enumerate() {
        delta[map[i]] += *d;
    }
    Ok(EntryBase {
        commitment: c.invested.iter().sum(),
        invested: c.invested.clone(),
        received,
        last_investment: last_investment(contract),
        last_year: c.last_year,
        courses,
        completers: c.window_completers,
        gains: c.window_gains,
        delta,
    })
}

/// The path's terms in the arithmetic `A`.
fn terms<A: Amount>(p: &Portfolio, base: &[EntryBase], years: usize) -> Terms<A> {
    let f = A::from_decimal;
    Terms {
        horizon: p.horizon,
        years,
        entries: (p.entries.iter().zip(base))
            .map(|(e, b)| EntryTerms {
                commitment: f(b.commitment),
                start: e.start,
                last_investment: b.last_investment,
                last_year: b.last_year,
            })
            .collect(),
        fund: p.fund.as_ref().map(|fd| FundTerms {
            capital: f(fd.capital),
            reserve: f(fd.reserve),
            fee: f(fd.management_fee),
            max_new_per_year: fd.max_new_per_year,
            donors: fd.donors.iter().map(|d| f(*d)).collect(),
        }),
    }
}

/// A path's totals: sums, what the joined entries finance, and the return of the flows.
fn totals<A: Amount>(
    path: &Path<A>,
    courses: impl Fn(usize) -> A,
    completers: impl Fn(usize) -> A,
    gains: impl Fn(usize) -> A,
    flows: &mut [f64],
) -> Option<Totals<A>> {
    let mut t = Totals {
        invested: A::zero(),
        received: A::zero(),
        fees: A::zero(),
        joined: 0,
        courses: A::zero(),
        completers: A::zero(),
        gains: A::zero(),
        peak_outstanding: A::zero(),
        peak_year: 0,
        irr: None,
        several_irrs: false,
        moic: None,
        loss: A::zero(),
    };
    for (y, flow) in flows.iter_mut().enumerate().take(path.invested.len()) {
        t.invested = t.invested.add(path.invested[y])?;
        t.received = t.received.add(path.received[y])?;
        t.fees = t.fees.add(path.fee[y])?;
        if path.outstanding[y] > t.peak_outstanding {
            (t.peak_outstanding, t.peak_year) = (path.outstanding[y], y);
        }
        *flow = path.received[y]
            .sub(path.invested[y])?
            .sub(path.fee[y])?
            .to_f64();
    }
    for (k, j) in path.join.iter().enumerate() {
        if j.is_some() {
            t.joined += 1;
            t.courses = t.courses.add(courses(k))?;
            t.completers = t.completers.add(completers(k))?;
            t.gains = t.gains.add(gains(k))?;
        }
    }
    let paid = t.invested.add(t.fees)?;
    let (paid_f, received_f) = (paid.to_f64(), t.received.to_f64());
    let (irr, roots) = investor_irr_roots(paid_f, received_f, flows);
    (t.irr, t.several_irrs) = (irr, roots > 1);
    t.moic = (paid_f > 0.0).then(|| received_f / paid_f);
    let short = paid.sub(t.received)?;
    t.loss = if short > A::zero() { short } else { A::zero() };
    Some(t)
}

/// The portfolio's base case, and `trials` trials on `seed` (none when 0).
pub fn analyse(p: &Portfolio, seed: u64, trials: usize) -> Result<PortfolioResults, Overflow> {
    let (names, maps) = payers(p);
    let np = names.len();
    let entries: Vec<EntryBase> = (0..p.entries.len())
        .map(|k| entry_base(p, k, &maps[k], np))
        .collect::<Result<_, _>>()?;
    let hmax = p.entries.iter().map(|e| e.model.horizon).max().unwrap_or(1);
    // Nothing moves after a contract's term: the years followed end with the longest term
    // begun in the horizon's last year.
    let years = years_followed(p, &entries);
    let base = base_case(p, &entries, hmax, years).ok_or_else(|| Overflow {
        what: "the portfolio's path".to_owned(),
        origin: Some(p.file.clone()),
        check: crate::lang::Message::new(
            "the fund's capital, donors and the contracts' amounts",
            "fondens kapital, donorer og kontrakternes beløb",
        ),
    })?;
    let layout = row::Layout {
        years,
        entries: entries.len(),
        payers: np,
    };
    let trials = (trials > 0).then(|| {
        let rows = run_trials(p, &entries, &maps, &layout, hmax, seed, 0..trials);
        summarise(p, &layout, rows, seed, trials)
    });
    Ok(PortfolioResults {
        payers: names,
        years,
        base,
        trials,
    })
}

/// The path at the inputs' means, in exact decimals.
fn base_case(p: &Portfolio, entries: &[EntryBase], hmax: usize, years: usize) -> Option<Base> {
    let n = entries.len();
    let terms = terms::<Decimal>(p, entries, years);
    let (mut inv, mut rec) = (vec![Decimal::ZERO; n * hmax], vec![Decimal::ZERO; n * hmax]);
    for (k, e) in entries.iter().enumerate() {
        inv[k * hmax..k * hmax + e.invested.len()].copy_from_slice(&e.invested);
        rec[k * hmax..k * hmax + e.received.len()].copy_from_slice(&e.received);
    }
    let mut path = Path::new(n, years);
    fund::path(&terms, &inv, &rec, hmax, &mut path)?;
    let mut flows = vec![0.0; years];
    let totals = totals(
        &path,
        |k| entries[k].courses,
        |k| entries[k].completers,
        |k| entries[k].gains.unwrap_or_default(),
        &mut flows,
    )?;
    let step = Decimal::ONE + p.discount_rate;
    let mut delta = vec![Decimal::ZERO; entries.first().map_or(0, |e| e.delta.len())];
    for (k, j) in path.join.iter().enumerate() {
        let Some(j) = j else { continue };
        let mut factor = Decimal::ONE;
        for _ in 0..*j {
            factor = factor.checked_div(step)?;
        }
        for (d, x) in delta.iter_mut().zip(&entries[k].delta) {
            *d = d.checked_add(x.checked_mul(factor)?)?;
        }
    }
    Some(Base {
        entries: entries.to_vec(),
        path,
        totals,
        delta,
    })
}

/// The buffers one chunk of trials reuses.
struct Scratch {
    path: Path<f64>,
    inv: Vec<f64>,
    rec: Vec<f64>,
    flows: Vec<f64>,
}

/// Trial `i`'s row, from its own draws alone: what [`analyse`] keeps for it in
/// [`Trials::rows`], bit for bit.
pub fn trial_row(p: &Portfolio, seed: u64, i: usize) -> Result<Vec<f64>, Overflow> {
    let (names, maps) = payers(p);
    let entries: Vec<EntryBase> = (0..p.entries.len())
        .map(|k| entry_base(p, k, &maps[k], names.len()))
        .collect::<Result<_, _>>()?;
    let hmax = p.entries.iter().map(|e| e.model.horizon).max().unwrap_or(1);
    let layout = row::Layout {
        years: years_followed(p, &entries),
        entries: entries.len(),
        payers: names.len(),
    };
    Ok(run_trials(
        p,
        &entries,
        &maps,
        &layout,
        hmax,
        seed,
        i..i + 1,
    ))
}

/// The years followed: the horizon, and the longest term begun in its last year.
fn years_followed(p: &Portfolio, entries: &[EntryBase]) -> usize {
    p.horizon + entries.iter().map(|e| e.last_year + 1).max().unwrap_or(1)
}

/// The rows of the trials `range`.
fn run_trials(
    p: &Portfolio,
    entries: &[EntryBase],
    maps: &[Vec<usize>],
    layout: &row::Layout,
    hmax: usize,
    seed: u64,
    range: std::ops::Range<usize>,
) -> Vec<f64> {
    let n = entries.len();
    let years = layout.years;
    let sims: Vec<Simulation> = (p.entries.iter())
        .map(|e| {
            let mut sim = Simulation::new(&e.model);
            sim.plan.keep_contract_years();
            sim
        })
        .collect();
    let refs: Vec<&Simulation> = sims.iter().collect();
    let terms = terms::<f64>(p, entries, years);
    let width = layout.width();
    let rate = crate::decimal::to_f64(p.discount_rate);
    let at: Vec<(usize, usize, crate::kernel::ContractYears)> = (p.entries.iter().zip(&sims))
        .map(|(e, s)| {
            let cw = s.plan.contract_width();
            let y = s
                .plan
                .contract_years(e.contract)
                .expect("contract years are kept");
            (e.contract * cw, e.model.horizon, y)
        })
        .collect();
    let scratch = || Scratch {
        path: Path::new(n, years),
        inv: vec![0.0; n * hmax],
        rec: vec![0.0; n * hmax],
        flows: vec![0.0; years],
    };
    run_joint(&refs, seed, range, width, scratch, |_, rows, s, out| {
        for (k, (&(off, h, y), e)) in at.iter().zip(entries).enumerate() {
            let row = &rows[k][off..];
            for tau in 0..h {
                s.inv[k * hmax + tau] = row[y.invested + tau];
                let end = if tau == e.last_year {
                    row[cf::TOP_UP] + row[cf::GUARANTEE]
                } else {
                    0.0
                };
                s.rec[k * hmax + tau] = row[y.paid + tau] + end;
            }
        }
        // f64 arithmetic never fails (see `formulas::Amount`).
        let _ = fund::path(&terms, &s.inv, &s.rec, hmax, &mut s.path);
        let window = |k: usize, f: usize| rows[k][at[k].0 + f];
        let gains = |k: usize| {
            let g = window(k, cf::WINDOW_GAINS);
            if g.is_nan() { 0.0 } else { g }
        };
        let t = totals(
            &s.path,
            |k| crate::decimal::to_f64(entries[k].courses),
            |k| window(k, cf::WINDOW_COMPLETERS),
            gains,
            &mut s.flows,
        )
        .unwrap_or_default();
        fill_row(layout, &s.path, &t, &s.flows, out);
        for k in 0..n {
            let (off, h, _) = at[k];
            let Some(j) = s.path.join[k] else { continue };
            let spent: f64 = s.inv[k * hmax..k * hmax + h].iter().sum();
            let back: f64 = s.rec[k * hmax..k * hmax + h].iter().sum();
            out[layout.loss(k)] = (spent - back).max(0.0);
            let factor = (1.0 + rate).powi(-(j as i32));
            for (i, &to) in maps[k].iter().enumerate() {
                out[layout.delta(to)] += rows[k][off + cf::DELTA + i] * factor;
            }
        }
    })
}

/// A trial's (or the base case's) path and totals into its row.
fn fill_row(
    layout: &row::Layout,
    path: &Path<f64>,
    t: &Totals<f64>,
    flows: &[f64],
    out: &mut [f64],
) {
    out.fill(0.0);
    out[row::INVESTED] = t.invested;
    out[row::RECEIVED] = t.received;
    out[row::FEES] = t.fees;
    out[row::IRR] = t.irr.unwrap_or(f64::NAN);
    out[row::SEVERAL_IRRS] = f64::from(u8::from(t.several_irrs));
    out[row::MOIC] = t.moic.unwrap_or(f64::NAN);
    out[row::LOSS] = t.loss;
    out[row::PEAK] = t.peak_outstanding;
    out[row::PEAK_YEAR] = t.peak_year as f64;
    out[row::JOINED] = t.joined as f64;
    out[row::COURSES] = t.courses;
    out[row::COMPLETERS] = t.completers;
    out[row::GAINS] = t.gains;
    out[row::EXHAUSTED] = path.exhausted.map_or(f64::NAN, |y| y as f64);
    out[row::OVERDRAWN] = f64::from(u8::from(path.overdrawn));
    for y in 0..layout.years {
        out[layout.balance(y)] = path.balance[y];
        out[layout.outstanding(y)] = path.outstanding[y];
        out[layout.net(y)] = flows[y];
    }
    for (k, j) in path.join.iter().enumerate() {
        out[layout.join(k)] = j.map_or(f64::NAN, |y| y as f64);
    }
}

/// The statistics over the trials' rows.
fn summarise(p: &Portfolio, layout: &row::Layout, rows: Vec<f64>, seed: u64, n: usize) -> Trials {
    let w = layout.width();
    let col = |f: usize| -> Vec<f64> { (0..n).map(|i| rows[i * w + f]).collect() };
    let dist = |f: usize| stats::distribution(&mut col(f));
    let defined = |f: usize| {
        let mut xs: Vec<f64> = col(f).into_iter().filter(|x| !x.is_nan()).collect();
        (!xs.is_empty()).then(|| stats::distribution(&mut xs))
    };
    let share = |f: usize, pred: &dyn Fn(f64) -> bool| {
        col(f).iter().filter(|x| pred(**x)).count() as f64 / n as f64
    };
    let mut net: Vec<f64> = (0..n)
        .map(|i| {
            rows[i * w + row::RECEIVED] - rows[i * w + row::INVESTED] - rows[i * w + row::FEES]
        })
        .collect();
    let worst = worst_mean(&mut net.clone(), TAIL);
    let with_fund = p.fund.is_some();
    let losses: Vec<f64> = (0..layout.entries)
        .map(|k| col(layout.loss(k)).iter().sum::<f64>() / n as f64)
        .collect();
    let all_loss: f64 = losses.iter().sum();
    let gains_defined = p.entries.iter().all(|e| !e.model.non_monetary.is_empty());
    Trials {
        n,
        seed,
        invested: dist(row::INVESTED),
        received: dist(row::RECEIVED),
        net: stats::distribution(&mut net),
        fees: dist(row::FEES),
        irr: defined(row::IRR),
        irr_undefined: share(row::IRR, &f64::is_nan),
        moic: defined(row::MOIC),
        prob_loss: share(row::MOIC, &|x| x < 1.0 - ROUNDING),
        expected_loss: col(row::LOSS).iter().sum::<f64>() / n as f64,
        worst_5pct_mean: worst,
        peak_outstanding: dist(row::PEAK),
        joined: dist(row::JOINED),
        courses: dist(row::COURSES),
        completers: dist(row::COMPLETERS),
        gains: gains_defined.then(|| dist(row::GAINS)),
        balance: if with_fund {
            (0..layout.years).map(|t| dist(layout.balance(t))).collect()
        } else {
            Vec::new()
        },
        outstanding: (0..layout.years)
            .map(|t| dist(layout.outstanding(t)))
            .collect(),
        prob_exhausted_by: if with_fund {
            (0..p.horizon)
                .map(|t| share(row::EXHAUSTED, &|x| !x.is_nan() && x <= t as f64))
                .collect()
        } else {
            Vec::new()
        },
        prob_overdrawn: share(row::OVERDRAWN, &|x| x > 0.0),
        prob_joined: (0..layout.entries)
            .map(|k| share(layout.join(k), &|x| !x.is_nan()))
            .collect(),
        mean_join: (0..layout.entries)
            .map(|k| {
                let j: Vec<f64> = col(layout.join(k))
                    .into_iter()
                    .filter(|x| !x.is_nan())
                    .collect();
                if j.is_empty() {
                    f64::NAN
                } else {
                    j.iter().sum::<f64>() / j.len() as f64
                }
            })
            .collect(),
        loss_share: losses
            .iter()
            .map(|l| if all_loss > 0.0 { l / all_loss } else { 0.0 })
            .collect(),
        delta: (0..layout.payers).map(|q| dist(layout.delta(q))).collect(),
        rows,
        width: w,
    }
}

/// About the bytes the trials of `p` keep per trial: its row, and a copy of it while the
/// statistics are taken. For a memory check before the run.
pub fn bytes_per_trial(p: &Portfolio) -> u64 {
    let (names, _) = payers(p);
    let longest = (p.entries.iter())
        .map(|e| e.model.contracts[e.contract].last_year + 1)
        .max()
        .unwrap_or(1);
    let layout = row::Layout {
        years: p.horizon + longest,
        entries: p.entries.len(),
        payers: names.len(),
    };
    2 * 8 * layout.width() as u64
}
