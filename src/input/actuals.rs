//! An actuals file (`somsim settle CONTRACT --actuals FILE`): what was observed during a
//! contract's term, one row per municipality and year, as CSV (`docs/guide.md`, "Settling a
//! contract on actual data").
//!
//! ```text
//! municipality,year,courses,participants,completers,outcomes_achieved[recovery],outcomes_achieved[§85 support hours avoided],measured[recovery_gain_share]
//! København,2025,3,24,18,5,310,0.28
//! ```
//!
//! Reading checks only what the file alone can say: the header names every required column
//! once, each number is written plainly (`465.000` is refused as a Danish thousands separator),
//! counts are not negative and completers are not more than participants. What the names mean
//! (a municipality of the scenario, a year of the term, a rate-card item) is checked against
//! the contract by [`crate::contracts::settle`]. Every problem names the file, the line, the
//! column and what was expected.

use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

use super::diag::{Diagnostic, InputError};
use crate::decimal::typed::{Meaning, read};
use crate::lang::{Message, msg};

/// The columns every actuals file has.
pub const REQUIRED: [&str; 5] = [
    "municipality",
    "year",
    "courses",
    "participants",
    "completers",
];

/// What a column beyond [`REQUIRED`] holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Extra {
    /// `outcomes_achieved[ITEM]`: the measured units of rate-card item ITEM achieved that year (for a
    /// cohort metric, by the cohort of that year; for service use avoided, realised that year).
    Outcomes(String),
    /// `measured[INPUT]`: the measured value of a trigger's input among that year's completers.
    Measured(String),
}

/// A read actuals file.
#[derive(Clone, Debug)]
pub struct Actuals {
    pub path: PathBuf,
    /// The columns beyond [`REQUIRED`], in the file's order.
    pub extras: Vec<Extra>,
    pub rows: Vec<Row>,
}

/// One observed municipality-year.
#[derive(Clone, Debug)]
pub struct Row {
    /// The file's line.
    pub line: usize,
    pub municipality: String,
    pub year: i32,
    pub courses: Decimal,
    pub participants: Decimal,
    pub completers: Decimal,
    /// Per [`Actuals::extras`] column: its value (`None`: left empty).
    pub extras: Vec<Option<Decimal>>,
}

impl Actuals {
    /// The diagnostic for `line`'s column `field`.
    pub fn problem(&self, line: usize, field: &str, message: Message) -> InputError {
        problem(&self.path, line, field, message)
    }
}

fn problem(path: &Path, line: usize, field: &str, message: Message) -> InputError {
    InputError::single(Diagnostic {
        file: path.display().to_string(),
        line: line as u32,
        col: 0,
        field: field.to_owned(),
        message,
        snippet: Message::verbatim(String::new()),
    })
}

/// Read the actuals file at `path`.
pub fn read_file(path: &Path) -> Result<Actuals, InputError> {
    let bytes = std::fs::read(path).map_err(|e| {
        InputError::file(
            path,
            msg!(
                "cannot read the actuals file: {e}",
                "kan ikke læse filen med faktiske tal: {e}",
                e = e.to_string()
            ),
        )
    })?;
    if bytes.len() as u64 > super::MAX_FILE_BYTES {
        return Err(InputError::file(
            path,
            Message::new(
                "the actuals file is larger than 8 MiB",
                "filen med faktiske tal er større end 8 MiB",
            ),
        ));
    }
    let text = String::from_utf8(bytes).map_err(|_| {
        InputError::file(
            path,
            Message::new(
                "the actuals file is not UTF-8 text; expected CSV",
                "filen med faktiske tal er ikke UTF-8-tekst; forventede CSV",
            ),
        )
    })?;
    parse(path, &text)
}

/// Read actuals from `text`, as if from `path`.
pub fn parse(path: &Path, text: &str) -> Result<Actuals, InputError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| problem(path, 1, "", csv_error(&e)))?
        .clone();
    let header_line = (text.lines())
        .position(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map_or(1, |i| i + 1);
    let names: Vec<String> = headers.iter().map(|h| h.trim().to_owned()).collect();
    // A Danish Excel saves CSV with `;` between columns (and `,` as the decimal mark): say so,
    // rather than call the whole header one unknown column.
    if names.len() == 1 && names[0].contains(';') {
        return Err(problem(
            path,
            header_line,
            "",
            Message::new(
                "the columns are separated by `;` (a Danish Excel's CSV); expected `,` between columns and `.` as the decimal mark: save as \"CSV UTF-8 (comma delimited)\", or replace `;` by `,` and decimal commas by points",
                "kolonnerne er adskilt med `;` (et dansk Excels CSV); forventede `,` mellem kolonnerne og `.` som decimaltegn: gem som \"CSV UTF-8 (kommasepareret)\", eller erstat `;` med `,` og decimalkommaer med punktummer",
            ),
        ));
    }
    let mut at = [usize::MAX; REQUIRED.len()];
    let mut extras = Vec::new();
    let mut extra_at = Vec::new();
    for (i, name) in names.iter().enumerate() {
        if names[..i].contains(name) {
            return Err(problem(
                path,
                header_line,
                name,
                Message::new("column given twice", "kolonnen er angivet to gange"),
            ));
        }
        if let Some(k) = REQUIRED.iter().position(|r| r == name) {
            at[k] = i;
        } else if let Some(x) = bracketed(name, "outcomes_achieved") {
            extras.push(Extra::Outcomes(x));
            extra_at.push(i);
        } else if let Some(x) = bracketed(name, "measured") {
            extras.push(Extra::Measured(x));
            extra_at.push(i);
        } else {
            return Err(problem(
                path,
                header_line,
                name,
                msg!(
                    "unknown column; expected {required}, outcomes_achieved[ITEM] or measured[INPUT]",
                    "ukendt kolonne; forventede {required}, outcomes_achieved[ITEM] eller measured[INPUT]",
                    required = REQUIRED.join(", ")
                ),
            ));
        }
    }
    if let Some(k) = at.iter().position(|i| *i == usize::MAX) {
        let missing = REQUIRED[k];
        return Err(problem(
            path,
            header_line,
            missing,
            Message::new(
                "missing column; expected a header naming municipality, year, courses, participants and completers",
                "manglende kolonne; forventede en overskrift med municipality, year, courses, participants og completers",
            ),
        ));
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            problem(path, line, "", csv_error(&e))
        })?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if record.len() != names.len() {
            return Err(problem(
                path,
                line,
                "",
                msg!(
                    "{n} fields; expected {m}, one per column of the header",
                    "{n} felter; forventede {m}, et for hver kolonne i overskriften",
                    n = record.len().to_string(),
                    m = names.len().to_string()
                ),
            ));
        }
        let cell = |i: usize| record.get(i).unwrap_or("").trim();
        let number = |i: usize, meaning: Meaning| -> Result<Decimal, InputError> {
            let field = &names[i];
            let text = cell(i);
            if text.is_empty() {
                return Err(problem(
                    path,
                    line,
                    field,
                    msg!(
                        "empty; expected {expected}",
                        "tom; forventede {expected}",
                        expected = meaning.expected()
                    ),
                ));
            }
            let v = read(text, meaning).map_err(|m| problem(path, line, field, m))?;
            if v.is_sign_negative() && !v.is_zero() {
                return Err(problem(
                    path,
                    line,
                    field,
                    msg!(
                        "found {text}; expected 0 or more (a count observed cannot be negative)",
                        "fandt {text}; forventede 0 eller mere (et observeret antal kan ikke være negativt)",
                        text = text.to_owned()
                    ),
                ));
            }
            Ok(v)
        };
        let municipality = cell(at[0]).to_owned();
        if municipality.is_empty() {
            return Err(problem(
                path,
                line,
                "municipality",
                Message::new(
                    "empty; expected the name of a municipality of the scenario",
                    "tom; forventede navnet på en kommune i scenariet",
                ),
            ));
        }
        let year = number(at[1], Meaning::Whole)?;
        let year = i32::try_from(year).map_err(|_| {
            problem(
                path,
                line,
                "year",
                Message::new("expected a calendar year", "forventede et årstal"),
            )
        })?;
        let (courses, participants, completers) = (
            number(at[2], Meaning::Count)?,
            number(at[3], Meaning::Count)?,
            number(at[4], Meaning::Count)?,
        );
        if completers > participants {
            return Err(problem(
                path,
                line,
                "completers",
                msg!(
                    "{c} completers but {p} participants; expected at most as many completers as participants",
                    "{c} gennemførende men {p} deltagere; forventede højst lige så mange gennemførende som deltagere",
                    c = completers.normalize().to_string(),
                    p = participants.normalize().to_string()
                ),
            ));
        }
        let mut values = Vec::with_capacity(extras.len());
        for (e, i) in extras.iter().zip(&extra_at) {
            if cell(*i).is_empty() {
                values.push(None);
                continue;
            }
            let meaning = match e {
                Extra::Outcomes(_) => Meaning::Count,
                Extra::Measured(_) => Meaning::Plain,
            };
            values.push(Some(number(*i, meaning)?));
        }
        rows.push(Row {
            line,
            municipality,
            year,
            courses,
            participants,
            completers,
            extras: values,
        });
    }
    if rows.is_empty() {
        return Err(problem(
            path,
            header_line,
            "",
            Message::new(
                "no rows; expected one row per municipality and year observed",
                "ingen rækker; forventede en række for hver observeret kommune og år",
            ),
        ));
    }
    Ok(Actuals {
        path: path.to_owned(),
        extras,
        rows,
    })
}

/// `NAME` of `prefix[NAME]`.
fn bracketed(name: &str, prefix: &str) -> Option<String> {
    let inner = name
        .strip_prefix(prefix)?
        .strip_prefix('[')?
        .strip_suffix(']')?;
    (!inner.trim().is_empty()).then(|| inner.trim().to_owned())
}

fn csv_error(e: &csv::Error) -> Message {
    msg!(
        "not CSV as expected ({e}); expected a header row and one row per municipality and year",
        "ikke CSV som forventet ({e}); forventede en overskriftsrække og en række for hver kommune og år",
        e = e.to_string()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Result<Actuals, InputError> {
        parse(Path::new("a.csv"), text)
    }

    #[test]
    fn reads_rows_and_extras() {
        let a = p(
            "municipality,year,courses,participants,completers,outcomes_achieved[recovery]\n\
                   København,2025,3,24,18,5\n",
        )
        .unwrap();
        assert_eq!(a.extras, vec![Extra::Outcomes("recovery".into())]);
        assert_eq!(a.rows[0].line, 2);
        assert_eq!(a.rows[0].completers, Decimal::from(18));
        assert_eq!(a.rows[0].extras, vec![Some(Decimal::from(5))]);
    }

    #[test]
    fn refuses_what_cannot_be_meant() {
        let head = "municipality,year,courses,participants,completers\n";
        let e = p(&format!("{head}København,2025,3,465.000,18\n")).unwrap_err();
        let s = e.to_string();
        assert!(
            s.contains("a.csv:2: participants") && s.contains("465000"),
            "{s}"
        );
        let e = p(&format!("{head}København,2025,-3,24,18\n")).unwrap_err();
        assert!(e.to_string().contains("courses: found -3"), "{e}");
        let e = p(&format!("{head}København,2025,3,24,25\n")).unwrap_err();
        assert!(e.to_string().contains("a.csv:2: completers"), "{e}");
        let e = p("municipality;year;courses;participants;completers\nKøbenhavn;2025;3;24;18\n");
        let e = e.unwrap_err().to_string();
        assert!(
            e.contains("a.csv:1:") && e.contains("separated by `;`"),
            "{e}"
        );
        let e = p("municipality,year,courses\nKøbenhavn,2025,3\n").unwrap_err();
        assert!(
            e.to_string().contains("a.csv:1: participants: missing"),
            "{e}"
        );
    }
}
