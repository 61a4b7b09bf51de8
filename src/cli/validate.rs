//! `somsim validate`: check scenario and assumption files without running them.

use std::path::PathBuf;

use super::{Failure, Output};
use crate::input::InputError;
use crate::lang::{Lang, msg};
use crate::ledger;
use crate::model::Model;

/// Check `files`, each problem reported in `lang`.
pub fn validate(files: &[PathBuf], lang: Lang) -> Result<(), Failure> {
    let mut failed = 0;
    let mut out = String::new();
    for path in files {
        let result = match crate::input::read_text(path) {
            Ok(text) if crate::input::looks_like_assumptions(&text) => {
                Model::check_assumption_file(path).map(|n| format!("assumption file, {n} assumptions"))
            }
            Ok(text) if crate::input::portfolio::looks_like_portfolio(&text) => {
                crate::model::portfolio::Portfolio::load(path).map(|p| {
                    let fund = if p.fund.is_some() { ", a revolving fund" } else { "" };
                    format!("portfolio, {} contracts{fund}", p.entries.len())
                })
            }
            // The exact ledger too: amounts too large to compute are an input error.
            Ok(_) => Model::load(path)
                .and_then(|m| ledger::compute(&m).map(|_| m).map_err(InputError::from))
                .map(|m| {
                super::warn_target_groups(&m, lang);
                format!(
                    "scenario, {} municipalities, {} cost lines, {} transfers, {} outcomes, {} uncertain inputs",
                    m.municipalities.len(),
                    m.costs.len(),
                    m.transfers.len(),
                    m.outcomes.len(),
                    m.inputs.len()
                )
            }),
            Err(e) => Err(e),
        };
        match result {
            Ok(summary) => out.push_str(&format!("ok: {} ({summary})\n", path.display())),
            Err(e) => {
                failed += 1;
                eprintln!("{}", crate::report::format::printable(&e.render(lang)));
            }
        }
    }
    Output::stdout().write(&out)?;
    if failed > 0 {
        let n = files.len();
        return Err(Failure::Input(msg!(
            "{failed} of {n} files have errors",
            "{failed} af {n} filer har fejl"
        )));
    }
    Ok(())
}
