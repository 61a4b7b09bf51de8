//! `--samples`: every trial's drawn inputs and results, as CSV, for people who want to analyse
//! them.
//!
//! Columns: `trial`; one per drawn input (its name, with `[municipality]` for inputs drawn per
//! municipality); `npv_<perspective>` per perspective; `break_even_<perspective>` (calendar
//! year, empty when none within the horizon). The caller supplies each trial's draws
//! (regenerated from the seed rather than stored: trial i's draws depend on (seed, i) alone).

use crate::model::Model;
use crate::montecarlo::Outputs;
use crate::report::csv::field;

/// Write the samples CSV to `w`, one row per trial, as it goes. `columns` names the drawn
/// inputs; `draw(i, buf)` fills `buf` (one value per column) with trial i's draws.
pub fn write(
    w: &mut dyn std::io::Write,
    model: &Model,
    columns: &[String],
    mut draw: impl FnMut(usize, &mut [f64]),
    out: &Outputs,
) -> std::io::Result<()> {
    let mut header = String::from("trial");
    for name in columns {
        header.push(',');
        header.push_str(&field(name));
    }
    for p in &model.perspectives {
        header.push_str(&format!(",{}", field(&format!("npv_{}", p.name))));
    }
    for p in &model.perspectives {
        header.push_str(&format!(",{}", field(&format!("break_even_{}", p.name))));
    }
    writeln!(w, "{header}")?;
    let np = out.perspectives;
    let mut draws = vec![0.0; columns.len()];
    for i in 0..out.trials {
        draw(i, &mut draws);
        write!(w, "{i}")?;
        for d in &draws {
            write!(w, ",{d}")?;
        }
        for v in &out.npv[i * np..(i + 1) * np] {
            write!(w, ",{v:.2}")?;
        }
        for b in &out.break_even[i * np..(i + 1) * np] {
            if (*b as usize) < model.horizon {
                write!(w, ",{}", model.year(*b as usize))?;
            } else {
                write!(w, ",")?; // the kernel's NO_BREAK_EVEN
            }
        }
        writeln!(w)?;
    }
    Ok(())
}
