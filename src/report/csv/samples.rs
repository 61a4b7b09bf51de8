//! `--samples`: every trial's drawn inputs and results, as CSV, for people who want to analyse
//! them.
//!
//! Columns: `trial`; one per drawn input (its name, with `[municipality]` for inputs drawn per
//! municipality); `npv_<perspective>` per perspective; `break_even_<perspective>` (calendar
//! year, empty when none within the horizon); `effect_<outcome>` per non-monetary outcome (its
//! discounted units `dE`: with `−npv_<perspective>` as `dC`, the cost-effectiveness plane). The caller supplies each trial's draws
//! (regenerated from the seed rather than stored: trial i's draws depend on (seed, i) alone).

use super::sheet::{Sheet, text};
use crate::model::Model;
use crate::montecarlo::Outputs;

/// Write the samples CSV to `w`, one row per trial, as it goes. `columns` names the drawn
/// inputs; `draw(i, buf)` fills `buf` (one value per column) with trial i's draws.
pub fn write(
    w: &mut dyn std::io::Write,
    model: &Model,
    columns: &[String],
    mut draw: impl FnMut(usize, &mut [f64]),
    out: &Outputs,
) -> std::io::Result<()> {
    let mut sheet = Sheet::over(w);
    let mut header = vec!["trial".to_owned()];
    header.extend(columns.iter().map(|c| text(c)));
    header.extend(
        model
            .perspectives
            .iter()
            .map(|p| text(&format!("npv_{}", p.name))),
    );
    header.extend(
        model
            .perspectives
            .iter()
            .map(|p| text(&format!("break_even_{}", p.name))),
    );
    header.extend(
        model
            .non_monetary
            .iter()
            .map(|n| text(&format!("effect_{}", n.name))),
    );
    sheet.row(&header)?;
    let np = out.perspectives;
    let ng = out.gains;
    let mut draws = vec![0.0; columns.len()];
    let mut cells: Vec<String> = Vec::with_capacity(header.len());
    for i in 0..out.trials {
        draw(i, &mut draws);
        cells.clear();
        cells.push(i.to_string());
        cells.extend(draws.iter().map(|d| d.to_string()));
        cells.extend(
            out.npv[i * np..(i + 1) * np]
                .iter()
                .map(|v| format!("{v:.2}")),
        );
        cells.extend(out.break_even[i * np..(i + 1) * np].iter().map(|b| {
            if (*b as usize) < model.horizon {
                model.year(*b as usize).to_string()
            } else {
                String::new() // the kernel's NO_BREAK_EVEN
            }
        }));
        if ng > 0 {
            cells.extend(
                out.effects[i * ng..(i + 1) * ng]
                    .iter()
                    .map(|e| e.to_string()),
            );
        }
        sheet.row(&cells)?;
    }
    sheet.flush()?;
    Ok(())
}
