//! Scenario files: reading a scenario and the assumption files it references, safely.
//!
//! This is the first stage of the pipeline (files -> validated model -> ...). It reads bytes,
//! parses YAML with serde-saphyr under an input budget (alias bombs, deep nesting and huge files
//! are refused), follows `assumptions:` and `include:` references relative to the referencing
//! file, and detects missing and circular references. It interprets nothing: the result mirrors
//! the files and is handed to [`crate::model`] for validation.

pub mod actuals;
pub mod diag;
pub mod edit;
pub mod field_schema;
pub mod node;
pub mod portfolio;
pub mod raw;
pub mod schema;
pub mod starter;
mod yaml_errors;

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::lang::{Message, Num, msg};

pub use diag::{Diagnostic, FileId, InputError, Sources};
pub use node::{At, Kind, Loc, Node, Text};

/// Largest file read, in bytes: scenario files are small; anything larger is a mistake.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// A scenario file with everything it references, parsed but not yet validated.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub sources: Sources,
    pub scenario_file: FileId,
    pub scenario: raw::ScenarioFile,
    /// The table of a `rollout:` block.
    pub rollout_table: Option<FileId>,
    /// Assumption files in load order (a file's includes come before it).
    pub assumption_files: Vec<(FileId, raw::AssumptionFile)>,
    /// When the file run was a contract file: that file, which names the scenario.
    pub contract_file: Option<(FileId, raw::ContractFile)>,
}

fn parse_options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: 32,
            max_aliases: 1_000,
            max_anchors: 1_000,
            max_nodes: 1_000_000,
            max_documents: 1,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: 100_000,
            max_replay_stack_depth: 16,
            max_alias_expansions_per_anchor: 1_000,
        },
        strict_booleans: true,
    }
}

/// Parse YAML text into `T`, turning parser errors into located diagnostics.
pub fn parse_yaml<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, InputError> {
    if text.trim().is_empty()
        || text
            .lines()
            .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Err(InputError::file(
            path,
            Message::new(
                "the file is empty; expected a YAML mapping (see `somsim schema`)",
                "filen er tom; forventede en YAML-mapping (se `somsim schema`)",
            ),
        ));
    }
    serde_saphyr::from_str_with_options::<T>(text, parse_options())
        .map_err(|e| yaml_errors::diagnostic(path, text, &e))
}

/// Read a file as UTF-8 text, with a clear error for every way that can fail. Only a regular
/// file is read (a device such as `/dev/zero` would never end, and a pipe may block forever),
/// and never more than [`MAX_FILE_BYTES`], whatever its reported size.
pub fn read_text(path: &Path) -> Result<String, InputError> {
    use std::io::Read;
    let cannot = |e: std::io::Error| {
        InputError::file(
            path,
            match e.kind() {
                std::io::ErrorKind::NotFound => Message::new("no such file", "filen findes ikke"),
                std::io::ErrorKind::PermissionDenied => Message::new(
                    "cannot read the file: permission denied",
                    "filen kan ikke læses: adgang nægtet",
                ),
                _ => msg!(
                    "cannot read the file: {e}",
                    "filen kan ikke læses (systemets besked: {e})"
                ),
            },
        )
    };
    let meta = std::fs::metadata(path).map_err(cannot)?;
    if meta.is_dir() {
        return Err(InputError::file(
            path,
            Message::new(
                "is a directory; expected a YAML file",
                "er en mappe; forventede en YAML-fil",
            ),
        ));
    }
    if !meta.is_file() {
        return Err(InputError::file(
            path,
            Message::new(
                "is not a regular file (a device, pipe or socket); expected a file saved on disk",
                "er ikke en almindelig fil (men en enhed, en pipe eller en socket); forventede en fil, der er gemt på disken",
            ),
        ));
    }
    let too_big = || {
        InputError::file(
            path,
            msg!(
                "the file is larger than {most} bytes; scenario and assumption files and roll-out tables are small",
                "filen er større end {most} byte; scenarie- og forudsætningsfiler og udrulningstabeller er små",
                most = Num(MAX_FILE_BYTES),
            ),
        )
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big());
    }
    let file = std::fs::File::open(path).map_err(cannot)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big());
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let before = &bytes[..at];
        let line = before.iter().filter(|b| **b == b'\n').count() as u32 + 1;
        let start = before.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        let col = String::from_utf8_lossy(&before[start..]).chars().count() as u32 + 1;
        InputError::single(Diagnostic {
            file: path.display().to_string(),
            line,
            col,
            field: String::new(),
            message: {
                let byte = format!("0x{:02X}", bytes[at]);
                msg!(
                    "the file is not UTF-8 text (byte {byte} here cannot start a character; it was perhaps saved as Latin-1 or Windows-1252); save it as UTF-8",
                    "filen er ikke UTF-8-tekst (byten {byte} her kan ikke begynde et tegn; filen er måske gemt som Latin-1 eller Windows-1252); gem den som UTF-8"
                )
            },
            snippet: Message::verbatim(""),
        })
    })
}

/// Resolve `reference` (as written in the file at `from`) relative to that file's folder, as
/// the operating system does: `..` after a symbolic link to a folder leads to the parent of
/// the link's target, not of the link. Where folding `dir/..` away names the same file (or,
/// for a file that does not exist, the same folder), the folded path is returned, so that
/// messages show `assumptions/x.yaml`, not `scenarios/../assumptions/x.yaml`.
fn resolve(from: &Path, reference: &str) -> PathBuf {
    use std::path::Component;
    let base = from.parent().unwrap_or(Path::new(""));
    let joined = base.join(reference);
    let mut folded = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::ParentDir
                if matches!(folded.components().next_back(), Some(Component::Normal(_))) =>
            {
                folded.pop();
            }
            Component::CurDir => {}
            other => folded.push(other),
        }
    }
    if folded == joined {
        return joined;
    }
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    };
    let folder = |p: &Path| match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let same_file = same(&joined, &folded)
        || (!joined.exists()
            && !folded.exists()
            && joined.file_name() == folded.file_name()
            && same(&folder(&joined), &folder(&folded)));
    if same_file { folded } else { joined }
}

/// Read a scenario (or a contract file and the scenario it names) and every assumption file it
/// references.
pub fn load(path: &Path) -> Result<Loaded, InputError> {
    let text = read_text(path)?;
    if portfolio::looks_like_portfolio(&text) {
        return Err(InputError::file(
            path,
            Message::new(
                "this is a portfolio file (contracts and a fund, no scenario of its own); run it with `somsim portfolio FILE` (its page for decision makers: `--format html -o fund.html`; its terms over a grid: `somsim deal FILE --vary fund.capital=...`)",
                "dette er en porteføljefil (kontrakter og en fond, intet eget scenarie); kør den med `somsim portfolio FILE` (dens side til beslutningstagere: `--format html -o fond.html`; dens vilkår i et gitter: `somsim deal FILE --vary fund.capital=...`)",
            ),
        ));
    }
    if !looks_like_contract_file(&text) {
        return load_scenario(path, text, Sources::default());
    }
    let contracts: raw::ContractFile = parse_yaml(path, &text)?;
    let mut sources = Sources::default();
    let file = sources.add(path.to_owned(), text);
    let target = resolve(path, &contracts.scenario.value);
    let at = |message: Message| {
        let mut p = diag::Problems::default();
        p.push(&sources, file, contracts.scenario.loc, "scenario", message);
        p.into_error()
    };
    let scenario_text = read_text(&target).map_err(|e| {
        let (name, target) = (&contracts.scenario.value, target.display());
        at(msg!(
            "cannot read the scenario `{name}` ({target}): {why}",
            "scenariet `{name}` ({target}) kan ikke læses: {why}",
            why = why(&e),
        ))
    })?;
    if looks_like_contract_file(&scenario_text) {
        return Err(at(Message::new(
            "this names another contract file; `scenario` must name a scenario file",
            "dette er en anden kontraktfil; `scenario` skal pege på en scenariefil",
        )));
    }
    let mut loaded = load_scenario(&target, scenario_text, sources)?;
    loaded.contract_file = Some((file, contracts));
    Ok(loaded)
}

/// Why a file could not be read: the message of `e`, which [`read_text`] made.
fn why(e: &InputError) -> Message {
    (e.diagnostics.first()).map_or_else(|| Message::verbatim(""), |d| d.message.clone())
}

/// Whether YAML text is a contract file: `scenario` at the top level and no `start_year`.
pub fn looks_like_contract_file(text: &str) -> bool {
    let top: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with([' ', '\t', '#', '-']) && l.contains(':'))
        .filter_map(|l| l.split(':').next())
        .collect();
    top.contains(&"scenario") && !top.contains(&"start_year")
}

fn load_scenario(path: &Path, text: String, mut sources: Sources) -> Result<Loaded, InputError> {
    let scenario: raw::ScenarioFile = parse_yaml(path, &text)?;
    let scenario_file = sources.add(path.to_owned(), text);
    let mut loader = Loader::new(sources);
    let mut problems = diag::Problems::default();
    for reference in &scenario.assumptions {
        let target = resolve(path, &reference.value);
        if let Err(e) = loader.load_assumptions(&target, scenario_file, reference) {
            problems.list.extend(e.diagnostics);
        }
    }
    let Loader {
        mut sources, files, ..
    } = loader;
    let mut rollout_table = None;
    if let Some(r) = &scenario.rollout {
        let target = resolve(path, &r.value.table.value);
        match read_text(&target) {
            Ok(text) => rollout_table = Some(sources.add(target, text)),
            Err(e) => {
                let mut p = diag::Problems::default();
                let (name, target) = (&r.value.table.value, target.display());
                p.push(
                    &sources,
                    scenario_file,
                    r.value.table.loc,
                    "rollout.table",
                    msg!(
                        "cannot read `{name}` ({target}): {why}",
                        "`{name}` ({target}) kan ikke læses: {why}",
                        why = why(&e),
                    ),
                );
                problems.list.extend(p.list);
            }
        }
    }
    problems.into_result(Loaded {
        sources,
        scenario_file,
        scenario,
        rollout_table,
        assumption_files: files,
        contract_file: None,
    })
}

/// Read an assumption file on its own (for `somsim validate`), with the files it includes.
pub fn load_assumption_file(
    path: &Path,
) -> Result<(Sources, Vec<(FileId, raw::AssumptionFile)>), InputError> {
    let mut loader = Loader::new(Sources::default());
    let text = read_text(path)?;
    let canonical = path.canonicalize().unwrap_or_else(|_| path.to_owned());
    loader.add_file(path, canonical, text)?;
    let Loader { sources, files, .. } = loader;
    Ok((sources, files))
}

/// Whether YAML text looks like an assumption file rather than a scenario (it has
/// `parameters`, `price_index`, `price_projection` or `include` at the top level and no `municipalities`).
pub fn looks_like_assumptions(text: &str) -> bool {
    let top: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with([' ', '\t', '#', '-']) && l.contains(':'))
        .filter_map(|l| l.split(':').next())
        .collect();
    !top.contains(&"municipalities")
        && top
            .iter()
            .any(|k| ["parameters", "price_index", "price_projection", "include"].contains(k))
}

struct Loader {
    sources: Sources,
    files: Vec<(FileId, raw::AssumptionFile)>,
    /// Canonical paths of the files being loaded (for cycle detection).
    stack: Vec<PathBuf>,
    /// Canonical paths already loaded (a file referenced twice is read once).
    seen: Vec<PathBuf>,
}

impl Loader {
    fn new(sources: Sources) -> Loader {
        Loader {
            sources,
            files: Vec::new(),
            stack: Vec::new(),
            seen: Vec::new(),
        }
    }

    fn load_assumptions(
        &mut self,
        path: &Path,
        referrer: FileId,
        reference: &Text,
    ) -> Result<(), InputError> {
        let at_reference = |msg: Message| {
            let mut p = diag::Problems::default();
            p.push(&self.sources, referrer, reference.loc, "", msg);
            InputError {
                diagnostics: p.list,
            }
        };
        let canonical = match path.canonicalize() {
            Ok(c) => c,
            Err(_) => {
                let (name, path) = (&reference.value, path.display());
                return Err(at_reference(msg!(
                    "assumption file `{name}` not found (looked for {path})",
                    "forudsætningsfilen `{name}` findes ikke (ledte efter {path})"
                )));
            }
        };
        if let Some(i) = self.stack.iter().position(|p| *p == canonical) {
            let cycle: Vec<String> = self.stack[i..]
                .iter()
                .chain(std::iter::once(&canonical))
                .map(|p| {
                    p.file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default()
                })
                .collect();
            let cycle = cycle.join(" -> ");
            return Err(at_reference(msg!(
                "circular assumption reference: {cycle}",
                "forudsætningsfilerne henviser til hinanden i ring: {cycle}"
            )));
        }
        if self.seen.contains(&canonical) {
            return Ok(());
        }
        let text = read_text(path).map_err(|e| {
            let mut e = e;
            if let Some(d) = e.diagnostics.first_mut() {
                let from = format!(
                    "{}:{}",
                    self.sources.path(referrer).display(),
                    reference.loc.line
                );
                d.message = msg!(
                    "{why} (referenced from {from})",
                    "{why} (henvist fra {from})",
                    why = d.message,
                );
            }
            e
        })?;
        self.add_file(path, canonical, text)
    }

    /// Parse `text` as the assumption file at `path`, load what it includes (with `path` on
    /// the stack, so a cycle back to it is found), and record it after its includes.
    fn add_file(
        &mut self,
        path: &Path,
        canonical: PathBuf,
        text: String,
    ) -> Result<(), InputError> {
        let file: raw::AssumptionFile = parse_yaml(path, &text)?;
        let id = self.sources.add(path.to_owned(), text);
        self.stack.push(canonical.clone());
        let mut problems = diag::Problems::default();
        for include in &file.include {
            let target = resolve(path, &include.value);
            if let Err(e) = self.load_assumptions(&target, id, include) {
                problems.list.extend(e.diagnostics);
            }
        }
        self.stack.pop();
        self.seen.push(canonical);
        self.files.push((id, file));
        problems.into_result(())
    }
}
