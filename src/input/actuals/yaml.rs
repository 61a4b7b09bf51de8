//! Actuals as YAML: a list of the CSV's rows, each a mapping of the same fields, with the
//! extra columns as mappings by name (`docs/guide.md`, "Settling a contract on actual data").
//!
//! ```yaml
//! - municipality: København
//!   year: 2025
//!   courses: 3
//!   participants: 24
//!   completers: 18
//!   outcomes_achieved: { recovery: 5, "§85 support hours avoided": 160 }
//!   measured: { recovery_gain_share: 0.28 }
//! ```
//!
//! The parser is the scenario's ([`crate::input::parse_yaml`]: its input limits and its
//! located, translated errors, unknown fields and duplicate keys among them); each value is
//! then read as its CSV cell is, by [`super::Source::row`], from the text as written (so
//! `465.000` is refused as a Danish thousands separator here too).

use std::path::Path;

use serde::Deserialize;

use super::{Actuals, Cell, Extra, Form, Source};
use crate::input::diag::InputError;
use crate::input::node::{Kind, Node, Text};
use crate::lang::{Message, msg};

/// One row as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRow {
    municipality: Text,
    year: Node,
    courses: Node,
    participants: Node,
    completers: Node,
    /// Rate-card item -> units achieved.
    #[serde(default)]
    outcomes_achieved: Option<Node>,
    /// Trigger input -> measured value.
    #[serde(default)]
    measured: Option<Node>,
}

/// Read YAML actuals from `text`, as if from `path`.
pub(super) fn parse(path: &Path, text: &str) -> Result<Actuals, InputError> {
    let source = Source {
        path,
        yaml: Some(text),
    };
    let blank = (text.lines()).all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
    if blank {
        return Err(InputError::file(
            path,
            Message::new(
                "the file is empty; expected a YAML list with one row per municipality and year, e.g. `- { municipality: København, year: 2025, courses: 3, participants: 24, completers: 18 }`",
                "filen er tom; forventede en YAML-liste med en række for hver kommune og år, fx `- { municipality: København, year: 2025, courses: 3, participants: 24, completers: 18 }`",
            ),
        ));
    }
    // The whole file first, to say what a file that is not a list should be.
    let top: Node = crate::input::parse_yaml(path, text)?;
    if !matches!(top.kind, Kind::Seq(_)) {
        return Err(at(
            &source,
            &top,
            "",
            msg!(
                "expected a list of rows, each starting with `- `, e.g. `- {{ municipality: København, year: 2025, courses: 3, participants: 24, completers: 18 }}`; found {found}",
                "forventede en liste af rækker, der hver begynder med `- `, fx `- {{ municipality: København, year: 2025, courses: 3, participants: 24, completers: 18 }}`; fandt {found}",
                found = top.describe(text)
            ),
        ));
    }
    let raw: Vec<RawRow> = crate::input::parse_yaml(path, text)?;
    // The extra fields, in the order they are first written.
    let mut extras: Vec<Extra> = Vec::new();
    let mut given: Vec<Vec<(Extra, Cell)>> = Vec::with_capacity(raw.len());
    for r in &raw {
        let mut row = Vec::new();
        for (node, field, make) in [
            (
                &r.outcomes_achieved,
                "outcomes_achieved",
                Extra::Outcomes as fn(_) -> _,
            ),
            (&r.measured, "measured", Extra::Measured),
        ] {
            let Some(node) = node else { continue };
            let Kind::Map(entries) = &node.kind else {
                return Err(at(
                    &source,
                    node,
                    field,
                    msg!(
                        "expected a mapping of names to numbers, e.g. `{field}: {{ recovery: 5 }}`, found {found}",
                        "forventede en mapping af navne til tal, fx `{field}: {{ recovery: 5 }}`, fandt {found}",
                        field = field.to_owned(),
                        found = node.describe(text)
                    ),
                ));
            };
            for (key, value) in entries {
                let name = key.key_text(text).map(|k| k.trim().to_owned());
                let Some(name) = name.filter(|n| !n.is_empty()) else {
                    return Err(at(
                        &source,
                        key,
                        field,
                        msg!(
                            "expected the name of a rate-card item or a trigger's input as the key, found {found}",
                            "forventede navnet på en betalingspost eller en udløsers antagelse som nøgle, fandt {found}",
                            found = key.describe(text)
                        ),
                    ));
                };
                let extra = make(name);
                let cell = cell(&source, text, value, &extra.column())?;
                if !extras.contains(&extra) {
                    extras.push(extra.clone());
                }
                row.push((extra, cell));
            }
        }
        given.push(row);
    }
    let mut rows = Vec::with_capacity(raw.len());
    for (r, given) in raw.iter().zip(&given) {
        let m = &r.municipality;
        let cells = [
            Cell {
                text: &m.value,
                line: m.loc.line as usize,
                col: m.loc.col,
            },
            cell(&source, text, &r.year, "year")?,
            cell(&source, text, &r.courses, "courses")?,
            cell(&source, text, &r.participants, "participants")?,
            cell(&source, text, &r.completers, "completers")?,
        ];
        let values: Vec<Option<Cell>> = (extras.iter())
            .map(|e| (given.iter()).find(|(g, _)| g == e).map(|(_, c)| *c))
            .collect();
        rows.push(source.row(m.loc.line as usize, cells, &extras, &values)?);
    }
    if rows.is_empty() {
        return Err(source.no_rows(1));
    }
    Ok(Actuals {
        path: path.to_owned(),
        form: Form::Yaml,
        extras,
        rows,
    })
}

/// The diagnostic for `field` at `node`.
fn at(source: &Source, node: &Node, field: &str, message: Message) -> InputError {
    source.problem(node.loc.line as usize, node.loc.col, field, message)
}

/// The value `node` of `field` as the text of a cell: a number as written, a text as it is
/// (read then as the CSV's cell would be), nothing as an empty cell; a list, a mapping or
/// `true`/`false` is refused here.
fn cell<'a>(
    source: &Source,
    text: &'a str,
    node: &'a Node,
    field: &str,
) -> Result<Cell<'a>, InputError> {
    let written = match &node.kind {
        Kind::Number => node.number_text(text),
        Kind::Str(s) => Some(s.as_str()),
        Kind::Null => Some(""),
        Kind::Bool(_) | Kind::Seq(_) | Kind::Map(_) => None,
    };
    let Some(written) = written else {
        return Err(at(
            source,
            node,
            field,
            msg!(
                "expected a number, found {found}",
                "forventede et tal, fandt {found}",
                found = node.describe(text)
            ),
        ));
    };
    Ok(Cell {
        text: written,
        line: node.loc.line as usize,
        col: node.loc.col,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_rows_the_csv_reads() {
        let csv = super::super::parse(
            Path::new("a.csv"),
            "municipality,year,courses,participants,completers,outcomes_achieved[recovery],measured[gain]\n\
             København,2025,3,24,18,5,0.28\nRødovre,2025,2,15,12,,0.33\n",
        )
        .unwrap();
        let yaml = parse(
            Path::new("a.yaml"),
            "- { municipality: København, year: 2025, courses: 3, participants: 24, completers: 18,\n    outcomes_achieved: { recovery: 5 }, measured: { gain: 0.28 } }\n\
             - municipality: Rødovre\n  year: 2025\n  courses: 2\n  participants: 15\n  completers: 12\n  measured: { gain: 0.33 }\n",
        )
        .unwrap();
        assert_eq!(csv.extras, yaml.extras);
        for (a, b) in csv.rows.iter().zip(&yaml.rows) {
            assert_eq!(
                (
                    &a.municipality,
                    a.year,
                    a.courses,
                    a.participants,
                    a.completers,
                    &a.extras
                ),
                (
                    &b.municipality,
                    b.year,
                    b.courses,
                    b.participants,
                    b.completers,
                    &b.extras
                )
            );
        }
        assert_eq!((yaml.rows[1].line, yaml.rows[1].year_line), (3, 4));
        assert_eq!(
            yaml.rows[1].extras,
            vec![None, Some("0.33".parse().unwrap())]
        );
    }
}
