//! `somsim sensitivity` as CSV: one row per perspective and input.

use super::sheet::{Sheet, text};
use crate::report::views::sensitivity::*;

/// One row per perspective and input. Columns:
/// `perspective,input,p10,p90,npv_at_p10,npv_at_p90,swing,spearman,variance_share,switching_value,switching_percentile,positive,evppi,evpi`.
pub fn csv(r: &SensitivityReport) -> String {
    let mut sheet = Sheet::new();
    sheet.push([
        "perspective",
        "input",
        "p10",
        "p90",
        "npv_at_p10",
        "npv_at_p90",
        "swing",
        "spearman",
        "variance_share",
        "switching_value",
        "switching_percentile",
        "positive",
        "evppi",
        "evpi",
    ]);
    for (name, p) in &r.perspectives {
        for sw in &p.switching_values {
            let t = p.tornado.iter().find(|t| t.input == sw.input);
            let g = p.global.iter().find(|g| g.input == sw.input);
            let e = p.evppi.iter().find(|e| e.input == sw.input);
            let opt = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
            sheet.push([
                text(name),
                text(&sw.input),
                opt(t.map(|t| t.p10)),
                opt(t.map(|t| t.p90)),
                opt(t.map(|t| round(t.npv_at_p10.0, 2))),
                opt(t.map(|t| round(t.npv_at_p90.0, 2))),
                opt(t.map(|t| round(t.swing.0, 2))),
                opt(g.map(|g| g.spearman)),
                opt(g.map(|g| g.variance_share)),
                opt(sw.value),
                opt(sw.percentile),
                sw.positive.unwrap_or("").to_owned(),
                opt(e.map(|e| round(e.evppi.0, 2))),
                format!("{:.2}", p.evpi.0),
            ]);
        }
    }
    sheet.finish()
}

/// With `--studies`: one row per proposed study, perspective and study size. Columns:
/// `study,measures,outcome,perspective,n,cost,evsi,population_evsi,enbs,optimal`
/// (`optimal` is `true` on the row of the size with the largest positive ENBS).
pub fn studies_csv(r: &SensitivityReport) -> String {
    let mut sheet = Sheet::new();
    sheet.push([
        "study",
        "measures",
        "outcome",
        "perspective",
        "n",
        "cost",
        "evsi",
        "population_evsi",
        "enbs",
        "optimal",
    ]);
    for st in &r.studies {
        for (name, p) in &st.perspectives {
            for (k, n) in st.n.iter().enumerate() {
                sheet.push([
                    text(&st.name),
                    text(&st.measures),
                    st.outcome.to_owned(),
                    text(name),
                    n.to_string(),
                    format!("{:.2}", st.cost[k].0),
                    format!("{:.2}", p.evsi[k].0),
                    format!("{:.2}", p.population_evsi[k].0),
                    format!("{:.2}", p.enbs[k].0),
                    (p.optimal_n == Some(*n)).to_string(),
                ]);
            }
        }
    }
    sheet.finish()
}
