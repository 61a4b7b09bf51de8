//! `somsim new`: write a starter scenario for named municipalities and an operating model,
//! sized from the shipped municipality table, referring to the shipped assumption files. It
//! validates and runs as written; it never replaces a file that exists.

use std::path::{Component, Path, PathBuf};

use super::{Failure, Output};
use crate::input::diag::did_you_mean;
use crate::input::starter::{Operating, Row, Starter};
use crate::lang::{Lang, Message, msg};

/// The operating model of a starter scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Model {
    /// A paid local coordinator per two municipalities, up to six courses a year in each.
    Intensive,
    /// Local organisations paid per course, at least two a year; no coordinator.
    Decentral,
}

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// A municipality of `data/dk_municipalities.csv` (repeatable; `Vejle`, `vejle`).
    #[arg(
        long = "kommune",
        visible_alias = "municipality",
        value_name = "NAME",
        required = true
    )]
    pub kommune: Vec<String>,
    /// The operating model.
    #[arg(long, value_enum, default_value_t = Model::Intensive)]
    pub model: Model,
    /// The first year of courses (default: next year).
    #[arg(long, value_name = "YEAR", value_parser = super::args::whole)]
    pub start_year: Option<usize>,
    /// Years followed from the start year.
    #[arg(long, value_name = "YEARS", default_value = "10", value_parser = super::args::whole)]
    pub horizon: usize,
    /// Write the scenario here (`-`: standard output). An existing file is never replaced.
    #[arg(long, short, value_name = "PATH", required = true)]
    pub output: PathBuf,
    /// The folder holding somsim's `assumptions/` and `data/` (default: the one somsim was built
    /// from).
    #[arg(long, value_name = "DIR")]
    pub project: Option<PathBuf>,
    /// The language of the file's comments.
    #[arg(long, value_enum, env = "SOMSIM_LANG", default_value_t = Lang::En)]
    pub lang: Lang,
}

/// Write the starter scenario `args` asks for.
pub fn new(args: &NewArgs) -> Result<(), Failure> {
    let project = args
        .project
        .clone()
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    let assumptions = project.join("assumptions");
    let table = project.join("data").join("dk_municipalities.csv");
    if !assumptions.join("peer-intervention.yaml").is_file() || !table.is_file() {
        let dir = project.display();
        return Err(super::usage(msg!(
            "--project {dir}: no shipped assumption files (assumptions/) or municipality table (data/dk_municipalities.csv) there; give the folder of somsim's checkout",
            "--project {dir}: ingen medfølgende antagelsesfiler (assumptions/) eller kommunetabel (data/dk_municipalities.csv) der; angiv mappen med somsims kildekode"
        )));
    }
    let rows = read_table(&table)?;
    let mut chosen: Vec<Row> = Vec::new();
    for asked in &args.kommune {
        let row = find(&rows, asked)?;
        if chosen.iter().any(|r| r.name == row.name) {
            let name = &row.name;
            return Err(super::usage(msg!(
                "--kommune {name} is given twice",
                "--kommune {name} er angivet to gange"
            )));
        }
        chosen.push(row.clone());
    }
    let horizon = args.horizon;
    if !(1..=100).contains(&horizon) {
        let h = args.horizon;
        return Err(super::usage(msg!(
            "--horizon {h}: expected 1 to 100 years",
            "--horizon {h}: forventede 1 til 100 år"
        )));
    }
    let start_year = match args.start_year {
        Some(y) if (2000..=2100).contains(&y) => y as i32,
        Some(y) => {
            return Err(super::usage(msg!(
                "--start-year {y}: expected a year from 2000 to 2100",
                "--start-year {y}: forventede et år fra 2000 til 2100"
            )));
        }
        None => this_year() + 1,
    };
    let output = Output::open(Some(&args.output), "--output")?;
    let to_stdout = args.output.as_os_str() == "-";
    if !to_stdout && std::fs::symlink_metadata(&args.output).is_ok() {
        let path = args.output.display();
        return Err(super::usage(msg!(
            "--output {path} exists; somsim new never replaces a file (choose another name, or delete it first)",
            "--output {path} findes; somsim new erstatter aldrig en fil (vælg et andet navn, eller slet den først)"
        )));
    }
    let folder = if to_stdout {
        std::env::current_dir().unwrap_or_default()
    } else {
        let parent = match args.output.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
            _ => PathBuf::from("."),
        };
        std::fs::canonicalize(&parent).unwrap_or(parent)
    };
    let shipped = std::fs::canonicalize(&assumptions).unwrap_or(assumptions);
    let refer = relative(&folder, &shipped)
        .unwrap_or(shipped)
        .to_string_lossy()
        .replace('\\', "/");
    let command = command_line(args, &chosen, start_year);
    let text = Starter {
        municipalities: &chosen,
        operating: match args.model {
            Model::Intensive => Operating::Intensive,
            Model::Decentral => Operating::Decentral,
        },
        start_year,
        horizon,
        assumptions: &refer,
        command: &command,
        lang: args.lang,
    }
    .yaml();
    output.write_now(|w| w.write_all(text.as_bytes()))
}

/// The rows of the shipped municipality table (a file of this project: a bad row is a defect,
/// reported as one).
fn read_table(path: &Path) -> Result<Vec<Row>, Failure> {
    let bad = |e: String| Failure::Other(anyhow::anyhow!("{}: {e}", path.display()));
    let mut reader = csv::Reader::from_path(path).map_err(|e| bad(e.to_string()))?;
    let header = reader.headers().map_err(|e| bad(e.to_string()))?.clone();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| bad(format!("no column `{name}`")))
    };
    let (name, population, year) = (col("name")?, col("population")?, col("population_year")?);
    let mut rows = Vec::new();
    for record in reader.records() {
        let r = record.map_err(|e| bad(e.to_string()))?;
        let field = |k: usize| r.get(k).unwrap_or_default().trim();
        rows.push(Row {
            name: field(name).to_owned(),
            population: field(population)
                .parse()
                .map_err(|_| bad(format!("population `{}`", field(population))))?,
            population_year: field(year)
                .parse()
                .map_err(|_| bad(format!("population_year `{}`", field(year))))?,
        });
    }
    Ok(rows)
}

/// The row named `asked`: exactly, else the one name equal to it ignoring case; else a message
/// with the likely typo.
fn find<'a>(rows: &'a [Row], asked: &str) -> Result<&'a Row, Failure> {
    let asked = asked.trim();
    if let Some(r) = rows.iter().find(|r| r.name == asked) {
        return Ok(r);
    }
    let lower = asked.to_lowercase();
    let folded: Vec<&Row> = rows
        .iter()
        .filter(|r| r.name.to_lowercase() == lower)
        .collect();
    if let [one] = folded[..] {
        return Ok(one);
    }
    let hint = match did_you_mean(asked, rows.iter().map(|r| r.name.as_str())) {
        Some(s) => msg!(" Did you mean `{s}`?", " Mente du `{s}`?"),
        None => Message::verbatim(""),
    };
    Err(super::usage(msg!(
        "--kommune {asked}: no such municipality in data/dk_municipalities.csv (its 98 municipalities, as Danmarks Statistik spells them).{hint}",
        "--kommune {asked}: ingen sådan kommune i data/dk_municipalities.csv (de 98 kommuner, stavet som hos Danmarks Statistik).{hint}",
        hint = hint
    )))
}

/// `to` relative to the folder `from` (both absolute), as `../assumptions`; `None` on
/// different roots.
fn relative(from: &Path, to: &Path) -> Option<PathBuf> {
    let a: Vec<Component> = from.components().collect();
    let b: Vec<Component> = to.components().collect();
    if a.first() != b.first() {
        return None;
    }
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut out = PathBuf::new();
    for _ in common..a.len() {
        out.push("..");
    }
    for c in &b[common..] {
        out.push(c.as_os_str());
    }
    Some(out)
}

/// The command that wrote the file, for its first line: the options that shape it.
fn command_line(args: &NewArgs, chosen: &[Row], start_year: i32) -> String {
    let mut parts = vec!["somsim new".to_owned()];
    for r in chosen {
        parts.push(if r.name.contains(' ') {
            format!("--kommune '{}'", r.name)
        } else {
            format!("--kommune {}", r.name)
        });
    }
    let model = match args.model {
        Model::Intensive => "intensive",
        Model::Decentral => "decentral",
    };
    parts.push(format!(
        "--model {model} --start-year {start_year} --horizon {}",
        args.horizon
    ));
    parts.join(" ")
}

/// The calendar year now (UTC), from the system clock.
fn this_year() -> i32 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    // Days since 1970-01-01 to a civil year (Howard Hinnant's algorithm).
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2)) as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_made_relative_and_years_read_from_the_clock() {
        assert_eq!(
            relative(Path::new("/a/b/c"), Path::new("/a/d")),
            Some(PathBuf::from("../../d"))
        );
        assert_eq!(
            relative(Path::new("/a"), Path::new("/a/d")),
            Some(PathBuf::from("d"))
        );
        assert!(this_year() >= 2026);
    }
}
