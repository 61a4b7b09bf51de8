//! `--samples`: every trial's drawn inputs and results, as CSV, for people who want to analyse
//! them.
//!
//! Columns: `trial`; one per drawn input (its name, with `[municipality]` for inputs drawn per
//! municipality); `npv_<perspective>` per perspective; `break_even_<perspective>` (calendar
//! year, empty when none within the horizon). Draws are regenerated from the seed here rather
//! than stored during the run: trial i's draws depend on (seed, i) alone.

use crate::kernel::NO_BREAK_EVEN;
use crate::model::Model;
use crate::montecarlo::Outputs;
use crate::report::csv::field;
use crate::sampler::Layout;

pub fn render(model: &Model, layout: &Layout, seed: u64, out: &Outputs) -> String {
    let mut s = String::from("trial");
    for name in layout.column_names(model) {
        s.push(',');
        s.push_str(&field(&name));
    }
    for p in &model.perspectives {
        s.push_str(&format!(",{}", field(&format!("npv_{}", p.name))));
    }
    for p in &model.perspectives {
        s.push_str(&format!(",{}", field(&format!("break_even_{}", p.name))));
    }
    s.push('\n');
    let np = out.perspectives;
    let mut draws = vec![0.0; layout.len];
    for i in 0..out.trials {
        layout.fill(seed, i as u64, &mut draws);
        s.push_str(&i.to_string());
        for d in &draws {
            s.push_str(&format!(",{d}"));
        }
        for v in &out.npv[i * np..(i + 1) * np] {
            s.push_str(&format!(",{:.2}", v));
        }
        for b in &out.break_even[i * np..(i + 1) * np] {
            s.push(',');
            if *b != NO_BREAK_EVEN {
                s.push_str(&model.year(*b as usize).to_string());
            }
        }
        s.push('\n');
    }
    s
}
