//! `somsim compare` as tables: each scenario's NPV per perspective, the paired differences
//! from the first, and the contracts side by side.

use comfy_table::Cell;

use super::table::{Say, new_table};
use crate::report::views::compare::*;

/// Tables for the chosen perspectives.
pub fn table(r: &CompareReport, show: &[String], say: Say) -> String {
    let da = say.da();
    let w = |en: &'static str, dk: &'static str| if da { dk } else { en };
    let (n, trials, seed) = (r.scenarios.len(), say.n(r.trials.into(), 0), r.seed);
    let mut s = if da {
        format!(
            "Sammenligning af {n} scenarier: {trials} simuleringer hver, frø {seed} (samme tilfældige tal)\n"
        )
    } else {
        format!(
            "Comparison of {n} scenarios: {trials} trials each, seed {seed} (common random numbers)\n"
        )
    };
    for (i, sc) in r.scenarios.iter().enumerate() {
        s.push_str(&format!("  [{}] {} ({})\n", i + 1, sc.name, sc.file));
    }
    let (p5, p95) = if da {
        ("5 pct.", "95 pct.")
    } else {
        ("5%", "95%")
    };
    for (name, p) in r.perspectives.iter().filter(|(n, _)| show.contains(n)) {
        let mut t = new_table(
            &[
                name.as_str(),
                w("Base NPV", "Nutidsværdi, basis"),
                w("Mean NPV", "Nutidsværdi, middel"),
                p5,
                "Median",
                p95,
                w("P(NPV > 0)", "P(NV > 0)"),
                w("P(break-even)", "P(tilbagebetalt)"),
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
        s.push_str(&if da {
            format!("\nPerspektiv {name}, nutidsværdi i kr.:\n{t}\n")
        } else {
            format!("\nPerspective {name}, NPV in DKK:\n{t}\n")
        });
        if !p.differences.is_empty() {
            let mut t = new_table(
                &[
                    w("Difference", "Forskel"),
                    w("Base", "Basis"),
                    w("Mean", "Middel"),
                    p5,
                    "Median",
                    p95,
                    w("P(beats [1])", "P(bedre end [1])"),
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
        s.push_str(&if da {
            format!("{} mod {}, parvise forskelle:\n", pair.file, pair.versus)
        } else {
            format!(
                "{} against {}, paired differences:\n",
                pair.file, pair.versus
            )
        });
        s.push_str(&super::cea::table(
            &pair.analysis,
            |p| show.iter().any(|x| x == p),
            say,
        ));
    }
    super::table::tidy(s)
}

/// The contracts side by side: the investor's results and each paying payer's P(worse off).
fn contracts_table(r: &CompareReport, say: Say) -> String {
    let da = say.da();
    let w = |en: &'static str, dk: &'static str| if da { dk } else { en };
    let undefined = w("undefined", "ikke defineret");
    let mut t = new_table(
        &[
            w("Contract", "Kontrakt"),
            "Investor",
            w("IRR median", "Intern rente, median"),
            w("MOIC mean", "MOIC, middel"),
            w("P(loss)", "P(tab)"),
            w("E[loss]", "Forventet tab"),
            w("Worst 5%", "Værste 5 pct."),
            w("P(payer worse off)", "P(betaler dårligere stillet)"),
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
    if da {
        format!("\nKontrakter, på de samme simuleringer (beløb i kr.):\n{t}\n")
    } else {
        format!("\nContracts, on the same trials (amounts in DKK):\n{t}\n")
    }
}
