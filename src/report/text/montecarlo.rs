//! The Monte Carlo part of the table: NPV over the trials per perspective, P(break-even by
//! year) with a sparkline on a terminal, and each municipality's own budget.

use comfy_table::{Cell, CellAlignment};

use super::table::{Say, new_table, no_flows};
use crate::report::views::*;

/// The year offsets shown as break-even columns: up to five, ending with the last year.
fn milestone_years(horizon: usize) -> Vec<usize> {
    let mut out: Vec<usize> = (1..=5).map(|i| (i * horizon).div_ceil(5) - 1).collect();
    out.dedup();
    out
}

/// `values` (0 to 1) as a sparkline of eighth blocks, `▁` for 0 and `█` for 1.
pub fn sparkline(values: &[f64]) -> String {
    const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    values
        .iter()
        .map(|v| BLOCKS[(v.clamp(0.0, 1.0) * 7.0).round() as usize])
        .collect()
}

/// What the Monte Carlo part shows: the perspectives `keep` keeps; each municipality's own
/// budget (only `municipality` when it is named); the break-even by year and every
/// municipality only when `full`.
pub struct McFocus<'a> {
    pub keep: &'a dyn Fn(&str) -> bool,
    pub municipality: Option<&'a str>,
    pub full: bool,
}

/// The Monte Carlo summary a finance officer reads at a glance; on a `terminal`, with the
/// break-even curve as a sparkline.
pub fn monte_carlo(r: &RunReport, terminal: bool, focus: &McFocus, say: Say) -> String {
    let Some(mc) = &r.monte_carlo else {
        return String::new();
    };
    let trials = say.n(r.trials.unwrap_or(0).into(), 0);
    let seed = r.seed.unwrap_or(0);
    let inputs = r.inputs.len();
    let latin = r.is_latin_hypercube();
    let w = say.w;
    let mut s = (w.monte_carlo)(&trials, seed, inputs, latin);
    s.push('\n');
    if let Some(p) = &mc.precision {
        let needed = (!p.converged).then_some(p.trials_needed);
        s.push_str(&(w.precision)(p.target, p.achieved, needed));
        s.push('\n');
    }
    let years = milestone_years(r.horizon);
    // A perspective with no flows in any trial "breaks even" trivially; leave it out.
    let empty = |name: &str, p: &McPerspectiveView| {
        no_flows(r, name) && p.npv.sd.0 == 0.0 && p.npv.mean.0 == 0.0
    };
    let shown: Vec<(&String, &McPerspectiveView)> = mc
        .perspectives
        .iter()
        .filter(|(name, p)| !empty(name, p) && (focus.keep)(name))
        .collect();
    let hidden: Vec<&str> = mc
        .perspectives
        .iter()
        .filter(|(name, p)| empty(name, p) && (focus.keep)(name))
        .map(|(name, _)| say.words.perspective(name))
        .collect();
    let last_year = r.start_year + *years.last().unwrap_or(&0) as i32;
    let header: Vec<String> = vec![
        w.perspective.into(),
        w.mean_npv.into(),
        w.se.into(),
        say.percentile(5),
        w.median.into(),
        say.percentile(95),
        w.prob_positive.into(),
        format!("{} {}", w.prob_break_even, (w.by_year)(last_year)),
    ];
    let header_refs: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut table = new_table(&header_refs, 1);
    for &(name, p) in &shown {
        let last = p
            .break_even
            .by_year
            .values()
            .last()
            .map(|x| x.0)
            .unwrap_or(0.0);
        table.add_row(vec![
            Cell::new(say.words.perspective(name)),
            Cell::new(say.kr_f64(p.npv.mean.0)),
            Cell::new(say.kr_f64(p.npv.se.0)),
            Cell::new(say.kr_f64(p.npv.p5.0)),
            Cell::new(say.kr_f64(p.npv.p50.0)),
            Cell::new(say.kr_f64(p.npv.p95.0)),
            Cell::new(say.p(p.prob_npv_positive.0)),
            Cell::new(say.p(last)),
        ]);
    }
    s.push_str(&format!("{}\n{table}\n", w.npv_over_trials));
    if focus.full {
        s.push_str(&break_even_by_year(r, &shown, &years, terminal, say));
    }
    if !hidden.is_empty() {
        let hidden = hidden.join(", ");
        s.push_str(&(w.not_shown)(&hidden));
        s.push('\n');
    }
    if let Some(public) = mc
        .perspectives
        .get("public")
        .filter(|_| (focus.keep)("public"))
    {
        let by: Vec<f64> = public.break_even.by_year.values().map(|x| x.0).collect();
        let mid = years[years.len() / 2];
        let last = r.horizon - 1;
        let (y_mid, y_last) = (r.start_year + mid as i32, r.start_year + last as i32);
        let (p_mid, p_last) = (say.p(by[mid]), say.p(by[last]));
        s.push_str(&(w.public_break_even)(y_mid, &p_mid, y_last, &p_last));
        s.push('\n');
    }
    if focus.full || focus.municipality.is_some() {
        s.push_str(&municipalities(r, mc, focus.municipality, say));
    }
    if !r.correlations.is_empty() && focus.full {
        s.push_str(w.rank_correlations);
        for c in &r.correlations {
            let achieved = c.achieved.map_or_else(|| "-".to_owned(), |a| say.p(a));
            s.push_str(&format!(
                " {} ~ {}: {} / {achieved};",
                c.inputs[0],
                c.inputs[1],
                say.p(c.target)
            ));
        }
        s.pop();
        s.push('\n');
    }
    s
}

/// P(break-even) by year for the `shown` perspectives, at the year offsets `years`; on a
/// `terminal` with a sparkline of every year.
fn break_even_by_year(
    r: &RunReport,
    shown: &[(&String, &McPerspectiveView)],
    years: &[usize],
    terminal: bool,
    say: Say,
) -> String {
    let w = say.w;

    let mut header: Vec<String> = vec![w.prob_break_even_by.into()];
    header.extend(years.iter().map(|t| (r.start_year + *t as i32).to_string()));
    header.push(w.never.into());
    if terminal {
        header.push(format!(
            "{}-{}",
            r.start_year,
            r.start_year + r.horizon as i32 - 1
        ));
    }
    let header_refs: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut table = new_table(&header_refs, 1);
    for &(name, p) in shown {
        let by: Vec<f64> = p.break_even.by_year.values().map(|x| x.0).collect();
        let mut row = vec![Cell::new(say.words.perspective(name))];
        row.extend(years.iter().map(|t| Cell::new(say.p(by[*t]))));
        row.push(Cell::new(say.p(p.break_even.never.0)));
        if terminal {
            row.push(Cell::new(sparkline(&by)).set_alignment(CellAlignment::Left));
        }
        table.add_row(row);
    }
    format!("{table}\n")
}

/// Each municipality's own budget over the trials: a table of up to 12, else the lowest,
/// median and highest probabilities; with the break-even when the run followed it.
fn municipalities(r: &RunReport, mc: &MonteCarloView, only: Option<&str>, say: Say) -> String {
    let w = say.w;
    let mut s = String::new();
    // The years of the break-even columns: the middle and the last of the horizon.
    let (mid, last) = (r.horizon / 2, r.horizon - 1);
    let by = |b: &BreakEvenView, t: usize| b.by_year.values().nth(t).map_or(0.0, |p| p.0);
    let kept = mc.municipalities.values().all(|m| m.break_even.is_some());
    let year = |t: usize| r.start_year + t as i32;
    if mc.municipalities.len() <= 12 || only.is_some() {
        let mut header: Vec<String> = [
            w.own_budget,
            w.mean_npv,
            &say.percentile(5),
            w.median,
            &say.percentile(95),
            w.prob_positive,
        ]
        .map(String::from)
        .to_vec();
        if kept {
            header.extend([mid, last].map(|t| (w.prob_break_even_in)(year(t))));
        }
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        let mut table = new_table(&header, 1);
        let named = |name: &str| only.is_none_or(|o| o == name);
        for (name, m) in mc.municipalities.iter().filter(|(n, _)| named(n)) {
            let d = &m.npv;
            let mut row = vec![
                Cell::new(name),
                Cell::new(say.kr_f64(d.mean.0)),
                Cell::new(say.kr_f64(d.p5.0)),
                Cell::new(say.kr_f64(d.p50.0)),
                Cell::new(say.kr_f64(d.p95.0)),
                Cell::new(say.p(m.prob_npv_positive.0)),
            ];
            if let Some(b) = &m.break_even {
                row.extend([mid, last].map(|t| Cell::new(say.p(by(b, t)))));
            }
            table.add_row(row);
        }
        s.push_str(&format!("{table}\n"));
    } else {
        let n = mc.municipalities.len();
        // The lowest, median and highest of a probability over the municipalities.
        let spread = |p: &dyn Fn(&MuniStatsView) -> f64| {
            let mut probs: Vec<(&String, f64)> = (mc.municipalities.iter())
                .map(|(name, m)| (name, p(m)))
                .collect();
            probs.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(b.0)));
            let (low, high) = (probs[0], probs[n - 1]);
            let median = probs[n / 2].1;
            (w.spread)(&say.p(low.1), low.0, &say.p(median), &say.p(high.1), high.0)
        };
        let npv = spread(&|m| m.prob_npv_positive.0);
        s.push_str(&format!("{}\n", (w.own_npv_spread)(&npv)));
        if kept {
            let by_last = spread(&|m| m.break_even.as_ref().map_or(0.0, |b| by(b, last)));
            let line = (w.own_break_even_spread)(year(last), &by_last);
            s.push_str(&format!("{line}\n"));
        }
        s.push_str(&format!("{}\n", (w.every_percentile)(n)));
    }
    if !kept {
        s.push_str(&format!("{}\n", w.municipal_break_even));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparklines_go_from_the_lowest_to_the_highest_block() {
        assert_eq!(sparkline(&[0.0, 0.5, 1.0, 1.5, -1.0]), "▁▅██▁");
        assert_eq!(sparkline(&[]), "");
    }
}
