//! Portfolio files (`somsim portfolio`): the file read and parsed, and each contract's files
//! loaded with the municipalities its entry keeps. Nothing is interpreted here; the model
//! validates it ([`crate::model::portfolio`]).

use std::path::{Path, PathBuf};

use super::diag::{FileId, InputError, Problems, Sources};
use super::{Loaded, Loc, parse_yaml, raw, read_text, resolve};
use crate::lang::{Message, msg};

/// A portfolio file, parsed.
#[derive(Clone, Debug)]
pub struct LoadedPortfolio {
    pub sources: Sources,
    pub file: FileId,
    pub raw: raw::PortfolioFile,
}

impl LoadedPortfolio {
    /// The file as named.
    pub fn path(&self) -> &Path {
        self.sources.path(self.file)
    }

    /// The contract file entry `e` names, relative to the portfolio file.
    pub fn entry_path(&self, e: &raw::PortfolioEntry) -> PathBuf {
        resolve(self.path(), &e.file.value)
    }

    /// A problem at `loc` of the portfolio file, in `field`.
    pub fn problem(&self, loc: Loc, field: &str, message: Message) -> InputError {
        let mut p = Problems::default();
        p.push(&self.sources, self.file, loc, field, message);
        p.into_error()
    }
}

/// Read and parse a portfolio file.
pub fn load(path: &Path) -> Result<LoadedPortfolio, InputError> {
    let text = read_text(path)?;
    let raw: raw::PortfolioFile = parse_yaml(path, &text)?;
    let mut sources = Sources::default();
    let file = sources.add(path.to_owned(), text);
    Ok(LoadedPortfolio { sources, file, raw })
}

/// Whether YAML text is a portfolio file: `contracts` and `horizon` at the top level, and no
/// `course` or `scenario` (which a scenario or a contract file has).
pub fn looks_like_portfolio(text: &str) -> bool {
    let top: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with([' ', '\t', '#', '-']) && l.contains(':'))
        .filter_map(|l| l.split(':').next())
        .collect();
    top.contains(&"contracts")
        && top.contains(&"horizon")
        && !top.contains(&"course")
        && !top.contains(&"scenario")
}

/// Keep only the municipalities `names` of a loaded scenario: of its list, and of its
/// rollout table (as `rollout.only`). A name the scenario does not have is refused when the
/// scenario is validated; `Err` when the scenario has no such municipality in its list and no
/// table to find it in.
pub fn keep_municipalities(loaded: &mut Loaded, names: &[String]) -> Result<(), Message> {
    let s = &mut loaded.scenario;
    let listed: Vec<String> = s
        .municipalities
        .iter()
        .map(|m| m.value.name.value.clone())
        .collect();
    s.municipalities
        .retain(|m| names.contains(&m.value.name.value));
    match &mut s.rollout {
        Some(r) => {
            let from_table: Vec<String> = names
                .iter()
                .filter(|n| !listed.contains(n))
                .cloned()
                .collect();
            let only: Vec<&str> = r.value.only.iter().map(|t| t.value.as_str()).collect();
            if let Some(n) = from_table
                .iter()
                .find(|n| !only.is_empty() && !only.contains(&n.as_str()))
            {
                return Err(msg!(
                    "the scenario's rollout keeps only {only}, not `{n}`",
                    "scenariets udrulning har kun {only}, ikke `{n}`",
                    only = only.join(", "),
                ));
            }
            if from_table.is_empty() {
                s.rollout = None;
            } else {
                let loc = r.loc;
                r.value.only = (from_table.into_iter())
                    .map(|value| super::Text {
                        value,
                        loc,
                        def: loc,
                    })
                    .collect();
            }
            Ok(())
        }
        None => match names.iter().find(|n| !listed.contains(n)) {
            Some(n) => Err(msg!(
                "the scenario has no municipality `{n}`; expected one of {names}",
                "scenariet har ingen kommune `{n}`; forventede en af {names}",
                names = listed.join(", "),
            )),
            None => Ok(()),
        },
    }
}
