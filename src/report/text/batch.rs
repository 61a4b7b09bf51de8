//! The batch as an aligned table: one row per scenario and variant, with one perspective
//! (`public` unless `--perspective` names another; `somsim batch --format table`).

use comfy_table::Cell;

use super::table::{Say, new_table};
use crate::report::views::batch::*;

/// The batch as an aligned table, in the words and numbers of `say`.
pub fn table(r: &BatchReport, perspective: &str, say: Say) -> String {
    let w = say.w;
    let (base, mean) = if perspective == "public" {
        (w.public_base_npv.to_owned(), w.public_mean_npv.to_owned())
    } else {
        let who = say.words.perspective(perspective);
        ((w.base_npv_of)(who), (w.mean_npv_of)(who))
    };
    let mut header: Vec<String> = vec!["#".into(), w.file.into()];
    header.extend(r.paths.iter().cloned());
    header.extend([base, mean]);
    header.extend([w.prob_positive, w.status].map(String::from));
    let refs: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut t = new_table(&refs, 2 + r.paths.len());
    for (i, row) in r.rows.iter().enumerate() {
        let mut cells = vec![Cell::new(i + 1), Cell::new(&row.file)];
        cells.extend(
            r.paths
                .iter()
                .map(|p| Cell::new(setting(say, row.settings.get(p)))),
        );
        let public = row.perspectives.get(perspective);
        cells.push(Cell::new(
            public.map_or("-".into(), |p| say.kr_f64(p.base_npv.0)),
        ));
        cells.push(Cell::new(
            public
                .and_then(|p| p.mc_mean)
                .map_or("-".into(), |m| say.kr_f64(m.0)),
        ));
        cells.push(Cell::new(
            public
                .and_then(|p| p.prob_npv_positive)
                .map_or("-".into(), |p| say.p(p.0)),
        ));
        cells.push(Cell::new(match row.status {
            "ok" => w.ok,
            "error" => w.error,
            other => other,
        }));
        t.add_row(cells);
    }
    let (rows, trials, seed) = (r.rows.len(), say.n(r.trials.into(), 0), r.seed);
    let title = (w.batch)(rows, &trials, seed);
    super::table::tidy(format!("{title}\n{t}\n"))
}

/// A set or swept value as the table shows it ([`crate::report::locale::Lang::as_set`]).
fn setting(say: Say, value: Option<&String>) -> String {
    value.map_or_else(String::new, |v| say.lang.as_set(v))
}
