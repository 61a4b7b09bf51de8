//! The budget view for a terminal: each perspective's net per budget year in fixed and in
//! current prices, the projection's factor, and whether its figures are sourced.

use comfy_table::Cell;

use super::table::{Say, new_table};
use crate::report::views::budget::BudgetView;

/// The budget years of `b` for the perspectives `keep` keeps.
pub fn table(b: &BudgetView, keep: &dyn Fn(&str) -> bool, say: Say) -> String {
    let w = say.w;
    let last = b.years.last().map_or(b.year, |y| y.year);
    let mut s = format!(
        "{}\n",
        (w.budget_title)(b.year, last, b.projection.name_in(say.lang), b.price_year)
    );
    let years: Vec<String> = b.years.iter().map(|y| y.year.to_string()).collect();
    let mut header = vec![w.perspective, w.prices];
    header.extend(years.iter().map(String::as_str));
    let mut table = new_table(&header, 2);
    let mut factor = vec![Cell::new(w.pl_factor), Cell::new("")];
    factor.extend(b.years.iter().map(|y| Cell::new(say.n(y.factor.0, 4))));
    table.add_row(factor);
    let names: Vec<&String> = (b.years.first().into_iter())
        .flat_map(|y| y.perspectives.keys())
        .filter(|n| keep(n))
        .collect();
    for name in names {
        for (k, label) in [
            (0, (w.fixed_prices)(b.price_year)),
            (1, w.current_prices.to_owned()),
        ] {
            let mut row = vec![
                Cell::new(if k == 0 {
                    say.words.perspective(name)
                } else {
                    ""
                }),
                Cell::new(label),
            ];
            row.extend(b.years.iter().map(|y| {
                let a = &y.perspectives[name];
                Cell::new(say.kr(if k == 0 { a.fixed.0 } else { a.current.0 }))
            }));
            table.add_row(row);
        }
    }
    s.push_str(&table.to_string());
    s.push('\n');
    let p = &b.projection;
    if p.sourced {
        s.push_str(&(w.projection_source)(p.source_in(say.lang)));
    } else {
        let lang = say.lang;
        s.push_str(&(w.projection_unsourced)(
            p.note_in(lang).unwrap_or(p.source_in(lang)),
        ));
    }
    s.push('\n');
    s
}
