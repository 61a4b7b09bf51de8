//! Rank correlations between uncertain inputs: the named inputs resolved, the pairs or
//! matrices gathered into one matrix, and that matrix checked (its normal scores' correlations
//! must be positive definite) and factored.

use super::*;
use crate::decimal::typed::Meaning;
use crate::input::Kind;
use crate::input::diag::{did_you_mean, one_of};
use crate::model::Correlation;

impl<'a> Builder<'a> {
    /// The scenario's `correlations:`, once every input is registered.
    pub(super) fn correlations(
        &mut self,
        sf: FileId,
        items: &[At<raw::Correlation>],
    ) -> Option<Option<Correlation>> {
        if items.is_empty() {
            return Some(None);
        }
        let mut inputs: Vec<InputId> = Vec::new();
        // (i, j, rank) with i < j as indices into `inputs`, and where each was given.
        let mut given: Vec<(usize, usize, f64, Loc)> = Vec::new();
        let mut ok = true;
        for (k, item) in items.iter().enumerate() {
            let field = format!("correlations[{k}]");
            let c = &item.value;
            // `None`: an assumption given a fixed value (by `overrides` or `--set`), which
            // correlates with nothing; its pairs are left out.
            let mut ids: Vec<Option<InputId>> = Vec::new();
            for (i, name) in c.inputs.iter().enumerate() {
                if self.fixed_assumption(&name.value) {
                    ids.push(None);
                    continue;
                }
                match self.correlated_input(sf, name, &format!("{field}.inputs[{i}]")) {
                    Some(id) if ids.contains(&Some(id)) => {
                        self.err(sf, name.loc, &format!("{field}.inputs[{i}]"), {
                            let name = &name.value;
                            msg!("`{name}` is listed twice", "`{name}` står to gange")
                        });
                        ok = false;
                    }
                    Some(id) => ids.push(Some(id)),
                    None => ok = false,
                }
            }
            if !ok {
                continue;
            }
            let ranks = match (&c.rank, &c.matrix) {
                (Some(r), None) if ids.len() == 2 => {
                    let Some(r) = self.rank(sf, r, &format!("{field}.rank")) else {
                        ok = false;
                        continue;
                    };
                    vec![(0, 1, r, item.loc)]
                }
                (Some(_), None) => {
                    self.err(
                        sf,
                        item.loc,
                        &format!("{field}.rank"),
                        {
                            let n = ids.len();
                            msg!(
                                "`rank` correlates two inputs; found {n}: list two, or give a `matrix`",
                                "`rank` korrelerer to antagelser; fandt {n}: nævn to, eller angiv en `matrix`"
                            )
                        },
                    );
                    ok = false;
                    continue;
                }
                (None, Some(m)) => {
                    match self.rank_matrix(sf, m, ids.len(), &format!("{field}.matrix")) {
                        Some(r) => r,
                        None => {
                            ok = false;
                            continue;
                        }
                    }
                }
                (Some(_), Some(_)) => {
                    self.err(
                        sf,
                        item.loc,
                        &field,
                        Message::new(
                            "give either `rank` (two inputs) or `matrix`, not both",
                            "angiv enten `rank` (to antagelser) eller `matrix`, ikke begge",
                        ),
                    );
                    ok = false;
                    continue;
                }
                (None, None) => {
                    self.err(
                        sf,
                        item.loc,
                        &field,
                        Message::new(
                            "missing the correlation: give `rank` (for two inputs, e.g. 0.5) or `matrix`",
                            "korrelationen mangler: angiv `rank` (for to antagelser, fx 0.5) eller `matrix`",
                        ),
                    );
                    ok = false;
                    continue;
                }
            };
            let index =
                |inputs: &mut Vec<InputId>, id: InputId| match inputs.iter().position(|x| *x == id)
                {
                    Some(i) => i,
                    None => {
                        inputs.push(id);
                        inputs.len() - 1
                    }
                };
            for (a, b, r, loc) in ranks {
                let (Some(x), Some(y)) = (ids[a], ids[b]) else {
                    continue;
                };
                let (i, j) = (index(&mut inputs, x), index(&mut inputs, y));
                let (i, j) = (i.min(j), i.max(j));
                if given.iter().any(|g| (g.0, g.1) == (i, j)) {
                    let (x, y) = (&self.inputs[inputs[i]].name, &self.inputs[inputs[j]].name);
                    self.err(
                        sf,
                        loc,
                        &field,
                        msg!(
                            "the correlation of `{x}` and `{y}` is given twice",
                            "korrelationen mellem `{x}` og `{y}` er angivet to gange"
                        ),
                    );
                    ok = false;
                    continue;
                }
                if r != 0.0 {
                    given.push((i, j, r, loc));
                }
            }
        }
        if !ok {
            return None;
        }
        let n = inputs.len();
        if n == 0 {
            return Some(None);
        }
        if n > crate::model::MAX_CORRELATED {
            let most = crate::model::MAX_CORRELATED;
            self.err(
                sf,
                items[0].loc,
                "correlations",
                msg!(
                    "{n} correlated inputs; at most {most}",
                    "{n} korrelerede antagelser; højst {most}",
                    n = Num(n),
                    most = Num(most),
                ),
            );
            return None;
        }
        let mut rank = vec![0.0; n * n];
        let mut pearson = vec![0.0; n * n];
        for i in 0..n {
            rank[i * n + i] = 1.0;
            pearson[i * n + i] = 1.0;
        }
        for &(i, j, r, _) in &given {
            let p = 2.0 * (std::f64::consts::PI * r / 6.0).sin();
            rank[i * n + j] = r;
            rank[j * n + i] = r;
            pearson[i * n + j] = p;
            pearson[j * n + i] = p;
        }
        let Some(cholesky) = cholesky(&pearson, n) else {
            let loc = items[0].loc;
            self.err(
                sf,
                loc,
                "correlations",
                Message::new(
                    "these rank correlations cannot hold together: their matrix is not positive definite (for example, a with b and b with c both near 1 but a with c near -1). Weaken the correlations that conflict",
                    "disse rangkorrelationer kan ikke gælde på én gang: deres matrix er ikke positiv definit (fx a med b og b med c begge nær 1, men a med c nær -1). Svæk de korrelationer, der er i modstrid",
                ),
            );
            return None;
        };
        Some(Some(Correlation {
            inputs,
            rank,
            pairs: given.iter().map(|g| (g.0, g.1)).collect(),
            cholesky,
        }))
    }

    /// Whether `name` is an assumption the scenario uses at a fixed value (a number, or a
    /// distribution replaced by `overrides` or `--set`).
    fn fixed_assumption(&self, name: &str) -> bool {
        (self.assumptions_used.iter()).any(|a| a.name == name && a.value.parse::<Decimal>().is_ok())
            && !self.inputs.iter().any(|i| i.name == name)
    }

    /// The national uncertain input called `name`.
    fn correlated_input(&mut self, sf: FileId, name: &Text, field: &str) -> Option<InputId> {
        let Some(id) = self.inputs.iter().position(|i| i.name == name.value) else {
            let names: Vec<&str> = self.inputs.iter().map(|i| i.name.as_str()).collect();
            let hint = did_you_mean(&name.value, names.iter().copied())
                .map_or(Message::verbatim(""), |s| {
                    msg!(" (did you mean `{s}`?)", " (mente du `{s}`?)")
                });
            let expected = if names.is_empty() {
                Message::new(
                    "the scenario has no uncertain input",
                    "scenariet har ingen usikre antagelser",
                )
            } else {
                msg!(
                    "expected an uncertain input of the scenario: {names}",
                    "forventede en af scenariets usikre antagelser: {names}",
                    names = one_of(&names),
                )
            };
            let name_ = &name.value;
            self.err(
                sf,
                name.loc,
                field,
                msg!(
                    "`{name_}` is not an uncertain input{hint}; {expected}",
                    "`{name_}` er ikke en usikker antagelse{hint}; {expected}",
                    hint = hint,
                    expected = expected,
                ),
            );
            return None;
        };
        if self.inputs[id].per_municipality {
            let name_ = &name.value;
            self.err(
                sf,
                name.loc,
                field,
                msg!(
                    "`{name_}` is drawn per municipality; correlations are between national inputs (for municipalities that move together, use `pooling`)",
                    "`{name_}` trækkes for hver kommune; korrelationer er mellem nationale antagelser (brug `pooling` for kommuner, der følges ad)"
                ),
            );
            return None;
        }
        Some(id)
    }

    /// A rank correlation from -1 to 1.
    fn rank(&mut self, f: FileId, n: &Node, field: &str) -> Option<f64> {
        let d = self.decimal(f, n, field, Some(Meaning::Plain))?;
        let r = crate::decimal::to_f64(d);
        if !(-1.0..=1.0).contains(&r) {
            self.err(
                f,
                n.loc,
                field,
                msg!(
                    "found {d}; expected a rank correlation from -1 to 1",
                    "fandt {d}; forventede en rangkorrelation fra -1 til 1"
                ),
            );
            return None;
        }
        Some(r)
    }

    /// A square, symmetric matrix of rank correlations with 1 on the diagonal: its pairs
    /// `(i, j, rank, where)` with `i < j`.
    #[allow(clippy::type_complexity, clippy::needless_range_loop)]
    fn rank_matrix(
        &mut self,
        f: FileId,
        m: &Node,
        n: usize,
        field: &str,
    ) -> Option<Vec<(usize, usize, f64, Loc)>> {
        let f = m.src.unwrap_or(f);
        let rows = match &m.kind {
            Kind::Seq(rows) if rows.len() == n => rows,
            _ => {
                self.err(
                    f,
                    m.loc,
                    field,
                    msg!(
                        "expected {n} rows of {n} rank correlations (one per input)",
                        "forventede {n} rækker med {n} rangkorrelationer (én pr. antagelse)"
                    ),
                );
                return None;
            }
        };
        let mut cells = vec![vec![(0.0, m.loc); n]; n];
        let mut ok = true;
        for (i, row) in rows.iter().enumerate() {
            let items = match &row.kind {
                Kind::Seq(items) if items.len() == n => items,
                _ => {
                    self.err(
                        f,
                        row.loc,
                        &format!("{field}[{i}]"),
                        msg!(
                            "expected a row of {n} rank correlations",
                            "forventede en række med {n} rangkorrelationer"
                        ),
                    );
                    ok = false;
                    continue;
                }
            };
            for (j, x) in items.iter().enumerate() {
                match self.rank(f, x, &format!("{field}[{i}][{j}]")) {
                    Some(r) => cells[i][j] = (r, x.loc),
                    None => ok = false,
                }
            }
        }
        if !ok {
            return None;
        }
        let mut out = Vec::new();
        for i in 0..n {
            if cells[i][i].0 != 1.0 {
                self.err(
                    f,
                    cells[i][i].1,
                    &format!("{field}[{i}][{i}]"),
                    Message::new(
                        "expected 1 on the diagonal (an input with itself)",
                        "forventede 1 i diagonalen (en antagelse med sig selv)",
                    ),
                );
                ok = false;
            }
            for j in i + 1..n {
                if cells[i][j].0 != cells[j][i].0 {
                    self.err(
                        f,
                        cells[j][i].1,
                        &format!("{field}[{j}][{i}]"),
                        {
                            let (here, there) = (cells[j][i].0, cells[i][j].0);
                            msg!(
                                "the matrix must be symmetric: found {here} here and {there} at [{i}][{j}]",
                                "matricen skal være symmetrisk: fandt {here} her og {there} i [{i}][{j}]"
                            )
                        },
                    );
                    ok = false;
                }
                out.push((i, j, cells[i][j].0, cells[i][j].1));
            }
        }
        ok.then_some(out)
    }
}

// Matrices are indexed by row and column at once.
#[allow(clippy::needless_range_loop)]
/// The lower-triangular Cholesky factor of the symmetric `n × n` matrix `a` (row-major), or
/// `None` when `a` is not positive definite.
fn cholesky(a: &[f64], n: usize) -> Option<Vec<f64>> {
    let mut l = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..=i {
            let s: f64 = (0..j).map(|k| l[i * n + k] * l[j * n + k]).sum();
            if i == j {
                let d = a[i * n + i] - s;
                if d <= 1e-10 {
                    return None;
                }
                l[i * n + i] = d.sqrt();
            } else {
                l[i * n + j] = (a[i * n + j] - s) / l[j * n + j];
            }
        }
    }
    Some(l)
}

#[cfg(test)]
mod tests {
    #[test]
    fn cholesky_factors_and_refuses_what_is_not_positive_definite() {
        let l = super::cholesky(&[4.0, 2.0, 2.0, 5.0], 2).unwrap();
        assert_eq!(l, vec![2.0, 0.0, 1.0, 2.0]);
        // a~b and b~c near 1 but a~c near -1.
        let bad = [1.0, 0.9, -0.9, 0.9, 1.0, 0.9, -0.9, 0.9, 1.0];
        assert!(super::cholesky(&bad, 3).is_none());
    }
}
