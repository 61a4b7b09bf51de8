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

/// The Monte Carlo summary a finance officer reads at a glance; on a `terminal`, with the
/// break-even curve as a sparkline.
pub fn monte_carlo(r: &RunReport, terminal: bool, say: Say) -> String {
    let Some(mc) = &r.monte_carlo else {
        return String::new();
    };
    let trials = say.n(r.trials.unwrap_or(0).into(), 0);
    let seed = r.seed.unwrap_or(0);
    let inputs = r.inputs.len();
    let latin = r.is_latin_hypercube();
    let mut s = match (say.da(), latin) {
        (true, false) => format!(
            "Monte Carlo: {trials} simuleringer, frø {seed} (kør igen med --seed {seed} for samme resultat); {inputs} usikre antagelser\n"
        ),
        (false, false) => format!(
            "Monte Carlo: {trials} trials, seed {seed} (rerun with --seed {seed} to reproduce); {inputs} uncertain inputs\n"
        ),
        (true, true) => format!(
            "Monte Carlo: {trials} simuleringer, latinsk hyperkube i blokke af 256, frø {seed} (kør igen med --seed {seed} --sampling latin-hypercube for samme resultat); {inputs} usikre antagelser\n"
        ),
        (false, true) => format!(
            "Monte Carlo: {trials} trials by Latin hypercube sampling in blocks of 256, seed {seed} (rerun with --seed {seed} --sampling latin-hypercube to reproduce); {inputs} uncertain inputs\n"
        ),
    };
    if let Some(p) = &mc.precision {
        s.push_str(&format!(
            "Precision: target {}, reached {:.4}{}\n",
            p.target,
            p.achieved,
            if p.converged {
                String::new()
            } else {
                format!(
                    " (stopped before reaching the target, which needs about {:.1e} trials; raise --max-trials or the target)",
                    p.trials_needed
                )
            }
        ));
    }
    let years = milestone_years(r.horizon);
    // A perspective with no flows in any trial "breaks even" trivially; leave it out.
    let empty = |name: &str, p: &McPerspectiveView| {
        no_flows(r, name) && p.npv.sd.0 == 0.0 && p.npv.mean.0 == 0.0
    };
    let shown: Vec<(&String, &McPerspectiveView)> = mc
        .perspectives
        .iter()
        .filter(|(name, p)| !empty(name, p))
        .collect();
    let hidden: Vec<&str> = mc
        .perspectives
        .iter()
        .filter(|(name, p)| empty(name, p))
        .map(|(name, _)| name.as_str())
        .collect();
    let year_label = |t: usize| {
        let y = r.start_year + t as i32;
        if say.da() {
            format!("senest {y}")
        } else {
            format!("by {y}")
        }
    };
    let mut header: Vec<String> = vec![
        say.t("Perspective").into(),
        say.t("Mean NPV").into(),
        say.t("± se").into(),
        say.percentile(5),
        say.t("Median").into(),
        say.percentile(95),
        say.t("P(NPV > 0)").into(),
    ];
    let be = if say.da() {
        "P(tilbagebetalt) "
    } else {
        "P(break-even) "
    };
    header.push(be.to_owned() + &year_label(*years.last().unwrap_or(&0)));
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
            Cell::new(name),
            Cell::new(say.kr_f64(p.npv.mean.0)),
            Cell::new(say.kr_f64(p.npv.se.0)),
            Cell::new(say.kr_f64(p.npv.p5.0)),
            Cell::new(say.kr_f64(p.npv.p50.0)),
            Cell::new(say.kr_f64(p.npv.p95.0)),
            Cell::new(say.p(p.prob_npv_positive.0)),
            Cell::new(say.p(last)),
        ]);
    }
    s.push_str(&if say.da() {
        format!("Nutidsværdi i simuleringerne, kr.:\n{table}\n")
    } else {
        format!("NPV over trials, DKK:\n{table}\n")
    });

    let mut header: Vec<String> = vec![say.t("P(break-even by)").into()];
    header.extend(years.iter().map(|t| (r.start_year + *t as i32).to_string()));
    header.push(say.t("Never").into());
    if terminal {
        header.push(format!(
            "{}-{}",
            r.start_year,
            r.start_year + r.horizon as i32 - 1
        ));
    }
    let header_refs: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut table = new_table(&header_refs, 1);
    for &(name, p) in &shown {
        let by: Vec<f64> = p.break_even.by_year.values().map(|x| x.0).collect();
        let mut row = vec![Cell::new(name)];
        row.extend(years.iter().map(|t| Cell::new(say.p(by[*t]))));
        row.push(Cell::new(say.p(p.break_even.never.0)));
        if terminal {
            row.push(Cell::new(sparkline(&by)).set_alignment(CellAlignment::Left));
        }
        table.add_row(row);
    }
    s.push_str(&format!("{table}\n"));
    if !hidden.is_empty() {
        let hidden = hidden.join(", ");
        s.push_str(&if say.da() {
            format!("Ikke vist (ingen strømme i dette scenarie): {hidden}.\n")
        } else {
            format!("Not shown (no flows in this scenario): {hidden}.\n")
        });
    }
    if let Some(public) = mc.perspectives.get("public") {
        let by: Vec<f64> = public.break_even.by_year.values().map(|x| x.0).collect();
        let mid = years[years.len() / 2];
        let last = r.horizon - 1;
        let (y_mid, y_last) = (r.start_year + mid as i32, r.start_year + last as i32);
        let (p_mid, p_last) = (say.p(by[mid]), say.p(by[last]));
        s.push_str(&if say.da() {
            format!(
                "P(den offentlige sektor er tilbagebetalt senest {y_mid}) = {p_mid}; senest {y_last} = {p_last}\n"
            )
        } else {
            format!("P(public sector breaks even by {y_mid}) = {p_mid}; by {y_last} = {p_last}\n")
        });
    }
    s.push_str(&municipalities(r, mc, say));
    if !r.correlations.is_empty() {
        s.push_str(if say.da() {
            "Rangkorrelationer (mål / opnået i simuleringerne):"
        } else {
            "Rank correlations (target / achieved over the trials):"
        });
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

/// Each municipality's own budget over the trials: a table of up to 12, else the lowest,
/// median and highest probabilities; with the break-even when the run followed it.
fn municipalities(r: &RunReport, mc: &MonteCarloView, say: Say) -> String {
    let mut s = String::new();
    // The years of the break-even columns: the middle and the last of the horizon.
    let (mid, last) = (r.horizon / 2, r.horizon - 1);
    let by = |b: &BreakEvenView, t: usize| b.by_year.values().nth(t).map_or(0.0, |p| p.0);
    let kept = mc.municipalities.values().all(|m| m.break_even.is_some());
    let year = |t: usize| r.start_year + t as i32;
    if mc.municipalities.len() <= 12 {
        let mut header: Vec<String> = [
            say.t("Municipality's own budget (kommune)"),
            say.t("Mean NPV"),
            &say.percentile(5),
            say.t("Median"),
            &say.percentile(95),
            say.t("P(NPV > 0)"),
        ]
        .map(String::from)
        .to_vec();
        if kept {
            for t in [mid, last] {
                header.push(if say.da() {
                    format!("P(tilbagebetalt senest {})", year(t))
                } else {
                    format!("P(break-even by {})", year(t))
                });
            }
        }
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        let mut table = new_table(&header, 1);
        for (name, m) in &mc.municipalities {
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
            let [lowest, highest] = if say.da() {
                ["lavest", "højest"]
            } else {
                ["lowest", "highest"]
            };
            format!(
                "{lowest} {} ({}), median {}, {highest} {} ({})",
                say.p(low.1),
                low.0,
                say.p(median),
                say.p(high.1),
                high.0
            )
        };
        let npv = spread(&|m| m.prob_npv_positive.0);
        s.push_str(&if say.da() {
            format!("P(kommunens egen nutidsværdi > 0): {npv}.\n")
        } else {
            format!("P(a municipality's own NPV > 0): {npv}.\n")
        });
        if kept {
            let by_last = spread(&|m| m.break_even.as_ref().map_or(0.0, |b| by(b, last)));
            s.push_str(&if say.da() {
                format!(
                    "P(kommunen er tilbagebetalt senest {}): {by_last}.\n",
                    year(last)
                )
            } else {
                format!(
                    "P(a municipality breaks even by {}): {by_last}.\n",
                    year(last)
                )
            });
        }
        s.push_str(&if say.da() {
            format!("Percentiler for alle {n} kommuner: --format json (monte_carlo.municipalities) eller --format csv --municipalities.\n")
        } else {
            format!("Percentiles for all {n} municipalities: --format json (monte_carlo.municipalities) or --format csv --municipalities.\n")
        });
    }
    if !kept {
        s.push_str(if say.da() {
            "Hver kommunes sandsynlighed for tilbagebetaling år for år: --municipal-break-even.\n"
        } else {
            "Each municipality's probability of break-even by year: --municipal-break-even.\n"
        });
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
