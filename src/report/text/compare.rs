//! `somsim compare` as tables: each scenario's NPV per perspective, the paired differences
//! from the first, and the contracts side by side.

use comfy_table::Cell;

use super::table::{Say, new_table};
use crate::report::views::compare::*;

/// Tables for the chosen perspectives.
pub fn table(r: &CompareReport, show: &[String], say: Say) -> String {
    let w = say.w;
    let (n, trials, seed) = (r.scenarios.len(), say.n(r.trials.into(), 0), r.seed);
    let mut s = format!("{}\n", (w.comparison)(n, &trials, seed));
    for (i, sc) in r.scenarios.iter().enumerate() {
        s.push_str(&format!("  [{}] {} ({})\n", i + 1, sc.name, sc.file));
    }
    let (p5, p95) = (say.percentile(5), say.percentile(95));
    for (name, p) in r.perspectives.iter().filter(|(n, _)| show.contains(n)) {
        let mut t = new_table(
            &[
                say.words.perspective(name),
                w.base_npv,
                w.mean_npv,
                &p5,
                w.median,
                &p95,
                w.prob_positive,
                w.prob_break_even,
            ],
            1,
        );
        for (i, sc) in p.scenarios.iter().enumerate() {
            t.add_row(vec![
                Cell::new(format!("[{}]", i + 1)),
                Cell::new(say.kr_f64(sc.base_npv.0)),
                Cell::new(say.kr_f64(sc.npv.mean.0)),
                Cell::new(say.kr_f64(sc.npv.p5.0)),
                Cell::new(say.kr_f64(sc.npv.p50.0)),
                Cell::new(say.kr_f64(sc.npv.p95.0)),
                Cell::new(say.p(sc.prob_npv_positive.0)),
                Cell::new(say.p(1.0 - sc.break_even.never.0)),
            ]);
        }
        s.push_str(&format!(
            "\n{}\n{t}\n",
            (w.perspective_npv)(say.words.perspective(name))
        ));
        // Within half an øre: sums of the same flows in another order.
        let none = |x: f64| x.abs() < 0.005;
        let same = p.differences.iter().all(|d| {
            let n = &d.npv_difference;
            none(d.base_npv_difference.0) && none(n.mean.0) && none(n.p5.0) && none(n.p95.0)
        });
        if !p.differences.is_empty() && same {
            s.push_str(&format!(
                "{}\n",
                (w.no_difference)(say.words.perspective(name))
            ));
        } else if !p.differences.is_empty() {
            let mut t = new_table(
                &[
                    w.difference,
                    w.base,
                    w.mean,
                    &p5,
                    w.median,
                    &p95,
                    w.beats_first,
                ],
                1,
            );
            for (i, d) in p.differences.iter().enumerate() {
                t.add_row(vec![
                    Cell::new(format!("[{}] - [1]", i + 2)),
                    Cell::new(say.kr_f64(d.base_npv_difference.0)),
                    Cell::new(say.kr_f64(d.npv_difference.mean.0)),
                    Cell::new(say.kr_f64(d.npv_difference.p5.0)),
                    Cell::new(say.kr_f64(d.npv_difference.p50.0)),
                    Cell::new(say.kr_f64(d.npv_difference.p95.0)),
                    Cell::new(say.p(d.prob_beats_first.0)),
                ]);
            }
            s.push_str(&format!("{t}\n"));
        }
    }
    if !r.contracts.is_empty() {
        s.push_str(&contracts_table(r, say));
    }
    for pair in &r.cost_effectiveness {
        s.push('\n');
        s.push_str(&format!("{}\n", (w.paired)(&pair.file, &pair.versus)));
        s.push_str(&super::cea::table(
            &pair.analysis,
            |p| show.iter().any(|x| x == p),
            say,
        ));
    }
    // With two scenarios the paired table says it; from three on, the options side by side.
    if r.scenarios.len() >= 3 {
        for o in &r.options {
            s.push_str(&options_tables(o, show, say));
        }
    }
    super::table::tidy(s)
}

/// The scenarios as options for one outcome, per shown perspective: the efficient frontier,
/// then at each price P(best) of each option, the best on average (CEAF) and the EVPI.
fn options_tables(o: &OptionsView, show: &[String], say: Say) -> String {
    use crate::comparison::options::Frontier;
    let w = say.w;
    let label = |k: usize| {
        if k == 0 {
            format!("[0] {}", w.no_course)
        } else {
            format!("[{k}] {}", o.options[k])
        }
    };
    let mut s = format!("\n{}\n", (w.options_title)(&o.outcome));
    for (name, p) in o.perspectives.iter().filter(|(n, _)| show.contains(n)) {
        let who = say.words.perspective(name);
        s.push_str(&format!("{}\n", (w.options_perspective)(who)));
        let mut t = new_table(&[w.option, w.units, w.net_cost_kroner, w.frontier], 1);
        for (k, f) in p.frontier.iter().enumerate() {
            let status = match f {
                Frontier::Efficient { icer: None } => w.efficient.to_owned(),
                Frontier::Efficient { icer: Some(x) } => (w.efficient_icer)(&say.kr_f64(*x)),
                Frontier::StronglyDominated { by } => (w.strongly_dominated)(*by),
                Frontier::ExtendedlyDominated { between } => {
                    (w.extendedly_dominated)(between.0, between.1)
                }
            };
            t.add_row(vec![
                Cell::new(label(k)),
                Cell::new(say.f(p.mean_effect[k], 1)),
                Cell::new(say.kr_f64(p.mean_cost[k].0)),
                Cell::new(status),
            ]);
        }
        s.push_str(&format!("{t}\n"));
        let mut headers: Vec<String> = vec![w.price_per_unit.into()];
        headers.extend((0..o.options.len()).map(|k| (w.prob_best_of)(k)));
        headers.push(w.best_on_average.into());
        headers.push(w.evpi_options.into());
        let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
        let mut t = new_table(&headers, 1);
        for (i, l) in o.lambda.iter().enumerate() {
            let mut row = vec![Cell::new(say.kr_f64(*l))];
            row.extend(p.prob_best[i].iter().map(|x| Cell::new(say.p(*x))));
            row.push(Cell::new(format!("[{}]", p.ceaf[i])));
            row.push(Cell::new(say.kr_f64(p.evpi[i].0)));
            t.add_row(row);
        }
        s.push_str(&format!("{t}\n"));
    }
    s.push_str(&format!("{}\n", w.options_note));
    s
}

/// The contracts side by side: the investor's results and each paying payer's P(worse off).
fn contracts_table(r: &CompareReport, say: Say) -> String {
    let w = say.w;
    let undefined = w.undefined;
    let mut t = new_table(
        &[
            w.contract,
            w.investor,
            w.irr_median,
            w.moic_mean,
            w.prob_loss,
            w.expected_loss,
            w.worst_5,
            w.prob_payer_worse,
        ],
        2,
    );
    for c in &r.contracts {
        let v = &c.contract;
        let Some(mc) = &v.monte_carlo else { continue };
        let worse: Vec<String> = (mc.delta.iter())
            .filter(|(_, d)| d.delta.mean.0 != 0.0)
            .filter(|(name, _)| **name != v.investor)
            .map(|(name, d)| format!("{name} {}", say.p(d.prob_worse.0)))
            .collect();
        let irr = mc
            .irr
            .as_ref()
            .map_or(undefined.into(), |i| say.pct(i.p50.0, 1));
        t.add_row(vec![
            Cell::new(format!("[{}] {}", c.scenario, v.name)),
            Cell::new(&v.investor),
            Cell::new(irr),
            Cell::new(
                mc.moic
                    .as_ref()
                    .map_or(undefined.into(), |m| say.p(m.mean.0)),
            ),
            Cell::new(say.p(mc.prob_loss.0)),
            Cell::new(say.kr_f64(mc.expected_loss.0)),
            Cell::new(say.kr_f64(mc.worst_5pct_mean.0)),
            Cell::new(worse.join(", ")),
        ]);
    }
    format!("\n{}\n{t}\n", w.contracts_same_trials)
}
