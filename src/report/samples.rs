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

/// Write the samples CSV to `w`, one row per trial, as it goes.
pub fn write(
    w: &mut dyn std::io::Write,
    model: &Model,
    layout: &Layout,
    seed: u64,
    out: &Outputs,
) -> std::io::Result<()> {
    let mut header = String::from("trial");
    for name in layout.column_names(model) {
        header.push(',');
        header.push_str(&field(&name));
    }
    for p in &model.perspectives {
        header.push_str(&format!(",{}", field(&format!("npv_{}", p.name))));
    }
    for p in &model.perspectives {
        header.push_str(&format!(",{}", field(&format!("break_even_{}", p.name))));
    }
    writeln!(w, "{header}")?;
    let np = out.perspectives;
    let mut draws = vec![0.0; layout.len];
    for i in 0..out.trials {
        layout.fill(seed, i as u64, &mut draws);
        write!(w, "{i}")?;
        for d in &draws {
            write!(w, ",{d}")?;
        }
        for v in &out.npv[i * np..(i + 1) * np] {
            write!(w, ",{v:.2}")?;
        }
        for b in &out.break_even[i * np..(i + 1) * np] {
            if *b == NO_BREAK_EVEN {
                write!(w, ",")?;
            } else {
                write!(w, ",{}", model.year(*b as usize))?;
            }
        }
        writeln!(w)?;
    }
    Ok(())
}
