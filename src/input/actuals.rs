//! An actuals file (`somsim settle CONTRACT --actuals FILE`): what was observed during a
//! contract's term, one row per municipality and year, as CSV (`docs/guide.md`, "Settling a
//! contract on actual data"), or as YAML (a list of the same rows).
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
//! column (in YAML, the field) and what was expected. Both forms give the same [`Actuals`].

use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

use super::diag::{Diagnostic, InputError};
use crate::decimal::typed::{Meaning, read};
use crate::lang::{Message, msg};

mod yaml;

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

/// How an actuals file is written: by its name, `.csv`, `.yaml` or `.yml`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    Csv,
    Yaml,
}

impl Form {
    /// The form a file named `path` is written in, or the message saying what names are read.
    pub fn of(path: &Path) -> Result<Form, Message> {
        let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase());
        match ext.as_deref() {
            Some("csv") => Ok(Form::Csv),
            Some("yaml" | "yml") => Ok(Form::Yaml),
            _ => Err(Message::new(
                "cannot tell from the name whether the actuals are CSV or YAML; expected a file named *.csv (a header row and one row per municipality and year) or *.yaml / *.yml (a list of the same rows)",
                "navnet siger ikke, om de faktiske tal er CSV eller YAML; forventede en fil med navnet *.csv (en overskriftsrække og en række for hver kommune og år) eller *.yaml / *.yml (en liste med de samme rækker)",
            )),
        }
    }
}

/// A read actuals file.
#[derive(Clone, Debug)]
pub struct Actuals {
    pub path: PathBuf,
    /// Whether the file was CSV or YAML (for the words of a message about it).
    pub form: Form,
    /// The columns beyond [`REQUIRED`], in the file's order.
    pub extras: Vec<Extra>,
    pub rows: Vec<Row>,
}

/// One observed municipality-year.
#[derive(Clone, Debug)]
pub struct Row {
    /// The file's line (in YAML: the line of the row's `municipality`).
    pub line: usize,
    /// The line of the row's `year` (in CSV: the row's line).
    pub year_line: usize,
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

    /// What the file lacks for `extra`, in its own form: `a column outcomes_achieved[ITEM]`,
    /// or `outcomes_achieved: { ITEM: ... } on the rows`.
    pub fn wanted(&self, extra: &Extra) -> Message {
        let (field, name) = match extra {
            Extra::Outcomes(x) => ("outcomes_achieved", x),
            Extra::Measured(x) => ("measured", x),
        };
        match self.form {
            Form::Csv => msg!(
                "a column {field}[{name}]",
                "en kolonne {field}[{name}]",
                field = field.to_owned(),
                name = name.clone()
            ),
            Form::Yaml => msg!(
                "`{field}: {{ {name}: ... }}` on the rows",
                "`{field}: {{ {name}: ... }}` i rækkerne",
                field = field.to_owned(),
                name = name.clone()
            ),
        }
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

/// A value as written for a field of a row: its text, and where it is (`col` 0 in CSV).
#[derive(Clone, Copy)]
struct Cell<'a> {
    text: &'a str,
    line: usize,
    col: u32,
}

/// Where the cells are read from: the file, and for YAML its text (to show the line).
struct Source<'a> {
    path: &'a Path,
    yaml: Option<&'a str>,
}

impl Source<'_> {
    /// The diagnostic for `field` of the cell at `line`, `col`.
    fn problem(&self, line: usize, col: u32, field: &str, message: Message) -> InputError {
        let snippet = match self.yaml {
            Some(text) if col > 0 => super::diag::snippet(
                text,
                super::Loc {
                    line: line as u32,
                    col,
                    span: None,
                },
            ),
            _ => String::new(),
        };
        InputError::single(Diagnostic {
            file: self.path.display().to_string(),
            line: line as u32,
            col,
            field: field.to_owned(),
            message,
            snippet: Message::verbatim(snippet),
        })
    }

    /// A file without rows, said at `line`.
    fn no_rows(&self, line: usize) -> InputError {
        self.problem(
            line,
            0,
            "",
            Message::new(
                "no rows; expected one row per municipality and year observed",
                "ingen rækker; forventede en række for hver observeret kommune og år",
            ),
        )
    }

    /// `cell` read as a number meaning `meaning`, not empty and not negative.
    fn number(&self, cell: &Cell, field: &str, meaning: Meaning) -> Result<Decimal, InputError> {
        let at = |m: Message| self.problem(cell.line, cell.col, field, m);
        let text = cell.text.trim();
        if text.is_empty() {
            return Err(at(msg!(
                "empty; expected {expected}",
                "tom; forventede {expected}",
                expected = meaning.expected()
            )));
        }
        let v = read(text, meaning).map_err(at)?;
        if v.is_sign_negative() && !v.is_zero() {
            return Err(at(msg!(
                "found {text}; expected 0 or more (a count observed cannot be negative)",
                "fandt {text}; forventede 0 eller mere (et observeret antal kan ikke være negativt)",
                text = text.to_owned()
            )));
        }
        Ok(v)
    }

    /// One row from its cells: the [`REQUIRED`] fields in that order, and per extra field of
    /// `extras` its cell (`None`: not given).
    fn row(
        &self,
        line: usize,
        cells: [Cell; 5],
        extras: &[Extra],
        values: &[Option<Cell>],
    ) -> Result<Row, InputError> {
        let [municipality, year, courses, participants, completers] = cells;
        let name = municipality.text.trim().to_owned();
        if name.is_empty() {
            return Err(self.problem(
                municipality.line,
                municipality.col,
                "municipality",
                Message::new(
                    "empty; expected the name of a municipality of the scenario",
                    "tom; forventede navnet på en kommune i scenariet",
                ),
            ));
        }
        let y = self.number(&year, "year", Meaning::Whole)?;
        let y = i32::try_from(y).map_err(|_| {
            self.problem(
                year.line,
                year.col,
                "year",
                Message::new("expected a calendar year", "forventede et årstal"),
            )
        })?;
        let (c, p, k) = (
            self.number(&courses, "courses", Meaning::Count)?,
            self.number(&participants, "participants", Meaning::Count)?,
            self.number(&completers, "completers", Meaning::Count)?,
        );
        if k > p {
            return Err(self.problem(
                completers.line,
                completers.col,
                "completers",
                msg!(
                    "{c} completers but {p} participants; expected at most as many completers as participants",
                    "{c} gennemførende men {p} deltagere; forventede højst lige så mange gennemførende som deltagere",
                    c = k.normalize().to_string(),
                    p = p.normalize().to_string()
                ),
            ));
        }
        let mut out = Vec::with_capacity(extras.len());
        for (e, cell) in extras.iter().zip(values) {
            let Some(cell) = cell.as_ref().filter(|c| !c.text.trim().is_empty()) else {
                out.push(None);
                continue;
            };
            let meaning = match e {
                Extra::Outcomes(_) => Meaning::Count,
                Extra::Measured(_) => Meaning::Plain,
            };
            out.push(Some(self.number(cell, &e.column(), meaning)?));
        }
        Ok(Row {
            line,
            year_line: year.line,
            municipality: name,
            year: y,
            courses: c,
            participants: p,
            completers: k,
            extras: out,
        })
    }
}

impl Extra {
    /// Its CSV column, which is its field's name in every message: `outcomes_achieved[ITEM]`.
    pub fn column(&self) -> String {
        match self {
            Extra::Outcomes(x) => format!("outcomes_achieved[{x}]"),
            Extra::Measured(x) => format!("measured[{x}]"),
        }
    }
}

/// Read the actuals file at `path`, CSV or YAML by its name ([`Form::of`]).
pub fn read_file(path: &Path) -> Result<Actuals, InputError> {
    let form = Form::of(path).map_err(|m| InputError::file(path, m))?;
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
                "the actuals file is not UTF-8 text; save it as UTF-8",
                "filen med faktiske tal er ikke UTF-8-tekst; gem den som UTF-8",
            ),
        )
    })?;
    match form {
        Form::Csv => parse(path, &text),
        Form::Yaml => yaml::parse(path, &text),
    }
}

/// Read CSV actuals from `text`, as if from `path`.
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
    let source = Source { path, yaml: None };
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
        let cell = |i: usize| Cell {
            text: record.get(i).unwrap_or(""),
            line,
            col: 0,
        };
        let values: Vec<Option<Cell>> = extra_at.iter().map(|i| Some(cell(*i))).collect();
        let cells = [at[0], at[1], at[2], at[3], at[4]].map(cell);
        rows.push(source.row(line, cells, &extras, &values)?);
    }
    if rows.is_empty() {
        return Err(source.no_rows(header_line));
    }
    Ok(Actuals {
        path: path.to_owned(),
        form: Form::Csv,
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
