//! Where output goes, and the guarantees about files (documented in `docs/guide.md`):
//!
//! - **An input is never overwritten.** Every output path is compared, by device and inode
//!   (so through symbolic and hard links), with every file the run read; a match is refused
//!   before any work is done.
//! - **A regular file is replaced atomically.** It is written to a temporary file beside it
//!   (`.NAME.XXXXXX.tmp`) and renamed over it only when the whole run succeeded. The outputs of
//!   one run are renamed together while the run holds a lock on their folders, so concurrent
//!   runs to the same paths each leave one complete, self-consistent set.
//! - **A special file is written in place.** A device (`/dev/null`) or a pipe is opened and
//!   written, never renamed over.
//! - **Temporary files do not outlive the run**: removed on failure, and on SIGINT, SIGTERM or
//!   SIGHUP by [`remove_pending`], which `main` calls from its signal handler.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::Failure;
use crate::lang::{Message, msg};

/// Temporary files of this process not yet renamed into place.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Remove every temporary output file of this process (for a signal handler).
pub fn remove_pending() {
    // The lock is held until the process exits: no file is created or renamed after this.
    let list = pending();
    for p in list.iter() {
        let _ = std::fs::remove_file(p);
    }
    std::mem::forget(list);
}

/// The list of temporary files, locked. The signal handler takes the same lock, so a file is
/// created and listed, or renamed and unlisted, as one step: no signal falls between the two.
fn pending() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    PENDING.lock().unwrap_or_else(|p| p.into_inner())
}

/// The longest file name most file systems hold, in bytes.
const NAME_MAX: usize = 255;

/// The temporary file's name beside `name`: `.NAME.XXXXXX.tmp`, with `NAME` shortened so that
/// the temporary name fits wherever the name itself does.
fn temp_prefix(name: &str) -> String {
    let mut end = name.len().min(NAME_MAX - 16);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    format!(".{}.", &name[..end])
}

/// A file's identity: (device, inode), the same through every link to it.
fn identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

/// Whether `a` and `b` are one file: by identity where both exist, else by their folder
/// (resolved) and name.
fn same_file(a: &Path, b: &Path) -> bool {
    match (identity(a), identity(b)) {
        (Some(x), Some(y)) => x == y,
        (None, None) => {
            let place = |p: &Path| {
                let dir = match p.parent() {
                    Some(d) if !d.as_os_str().is_empty() => d,
                    _ => Path::new("."),
                };
                (dir.canonicalize().ok(), p.file_name().map(|n| n.to_owned()))
            };
            place(a) == place(b)
        }
        _ => false,
    }
}

/// An output destination, opened (checked) before the work so that a bad path fails at once.
#[derive(Debug)]
pub struct Output {
    /// The option that named it, for messages (`--output`, `--samples`).
    flag: &'static str,
    dest: Dest,
}

#[derive(Debug)]
enum Dest {
    Stdout,
    /// A regular file, or a path where none exists yet: replaced atomically.
    File(PathBuf),
    /// A device, pipe or socket: written in place.
    Special(PathBuf),
}

impl Output {
    /// Standard output.
    pub fn stdout() -> Output {
        Output {
            flag: "--output",
            dest: Dest::Stdout,
        }
    }

    /// `path` (`None` or `-`: standard output), named by the option `flag`.
    pub fn open(path: Option<&Path>, flag: &'static str) -> Result<Output, Failure> {
        let Some(p) = path.filter(|p| p.as_os_str() != "-") else {
            return Ok(Output {
                flag,
                dest: Dest::Stdout,
            });
        };
        let shown = p.display();
        let refuse = |why: Message| {
            super::usage(msg!(
                "{flag} {shown}: {why}",
                "{flag} {shown}: {why}",
                why = why
            ))
        };
        let dir = match p.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
            _ => PathBuf::from("."),
        };
        if !dir.is_dir() {
            let folder = dir.display();
            return Err(refuse(msg!(
                "the folder {folder} does not exist",
                "mappen {folder} findes ikke"
            )));
        }
        if p.as_os_str().as_encoded_bytes().ends_with(b"/") {
            return Err(refuse(Message::new(
                "ends with `/`, which names a folder; give a file name",
                "ender med `/`, som betegner en mappe; angiv et filnavn",
            )));
        }
        let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
        if name.as_ref().is_some_and(|n| n.len() > NAME_MAX) {
            let long = name.map_or(0, |n| n.len());
            return Err(refuse(msg!(
                "the file name is {long} bytes long; file systems hold names of at most {NAME_MAX}",
                "filnavnet er {long} byte langt; filsystemer rummer navne på højst {NAME_MAX}"
            )));
        }
        let dest = match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => {
                return Err(refuse(Message::new(
                    "is a folder; give a file name",
                    "er en mappe; angiv et filnavn",
                )));
            }
            Ok(m) if !m.is_file() => Dest::Special(p.to_owned()),
            _ => Dest::File(p.to_owned()),
        };
        // A file is written beside its target and renamed over it: find out now, before the
        // work, whether the folder takes a new file.
        if let Dest::File(_) = dest {
            // Under the lock, so that a signal cannot leave the probe behind.
            let _list = pending();
            tempfile::Builder::new()
                .prefix(&temp_prefix(name.as_deref().unwrap_or("output")))
                .suffix(".tmp")
                .tempfile_in(&dir)
                .map_err(|e| {
                    let folder = dir.display();
                    refuse(msg!(
                        "cannot write in {folder}: {e}",
                        "kan ikke skrive i {folder} (systemets besked: {e})"
                    ))
                })?;
        }
        Ok(Output { flag, dest })
    }

    /// Refuse (input error) a workbook for a terminal: it is a binary file.
    pub fn accepts(&self, format: crate::report::Format) -> Result<(), Failure> {
        use std::io::IsTerminal;
        if format == crate::report::Format::Xlsx
            && matches!(self.dest, Dest::Stdout)
            && std::io::stdout().is_terminal()
        {
            return Err(super::usage(Message::new(
                "--format xlsx writes a binary workbook; give a file with -o, e.g. -o result.xlsx",
                "--format xlsx skriver en binær projektmappe; angiv en fil med -o, fx -o resultat.xlsx",
            )));
        }
        Ok(())
    }

    /// Whether this output is standard output and that is a terminal (a person reading).
    pub fn to_terminal(&self) -> bool {
        use std::io::IsTerminal;
        matches!(self.dest, Dest::Stdout) && std::io::stdout().is_terminal()
    }

    fn path(&self) -> Option<&Path> {
        match &self.dest {
            Dest::Stdout => None,
            Dest::File(p) | Dest::Special(p) => Some(p),
        }
    }

    /// Refuse (input error) when this output is one of `inputs` (the files the run read), or
    /// the same file as another output of the run.
    pub fn refuse_inputs(&self, inputs: &[PathBuf], others: &[&Output]) -> Result<(), Failure> {
        let Some(path) = self.path() else {
            return Ok(());
        };
        if let Some(input) = inputs.iter().find(|i| same_file(i, path)) {
            let what = if input.as_path() == path {
                Message::verbatim("")
            } else {
                let input = input.display();
                msg!(" (the same file as {input})", " (samme fil som {input})")
            };
            let (flag, path) = (self.flag, path.display());
            return Err(super::usage(msg!(
                "{flag} {path}: this file{what} is an input of this run; somsim never overwrites its inputs. Choose another output file",
                "{flag} {path}: denne fil{what} er input til kørslen; somsim overskriver aldrig sine input. Vælg en anden fil til resultatet",
                what = what,
            )));
        }
        for o in others {
            if !std::ptr::eq(*o, self)
                && matches!(self.dest, Dest::File(_))
                && o.path().is_some_and(|p| same_file(p, path))
            {
                let (a, b, path) = (o.flag, self.flag, path.display());
                return Err(super::usage(msg!(
                    "{a} and {b} name the same file {path}; give each its own",
                    "{a} og {b} peger på samme fil {path}; giv hver sin egen"
                )));
            }
        }
        Ok(())
    }

    /// Write a report in `format` (see [`Output::write_with`]).
    pub fn write_report<R: crate::report::Render>(
        &self,
        report: &R,
        format: crate::report::Format,
        options: &R::Options,
    ) -> Result<(), Failure> {
        self.write_now(|w| report.write(format, options, w))
    }

    /// Write `text` (see [`Output::write_with`]).
    pub fn write(&self, text: &str) -> Result<(), Failure> {
        self.write_now(|w| w.write_all(text.as_bytes()))
    }

    /// Write through `f` and put the result in place at once: for a command with one output.
    pub fn write_now(
        &self,
        f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<(), Failure> {
        commit(self.write_with(f)?.into_iter().collect())
    }

    /// Write through `f`: to standard output or a special file at once; to a regular file
    /// through a temporary file beside it, returned to be [`commit`]ted with the run's other
    /// outputs. Output is buffered, so nothing is held in memory whole.
    pub fn write_with(
        &self,
        f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<Option<Pending>, Failure> {
        let failed = |path: &Path, e: std::io::Error| {
            Failure::Other(anyhow::anyhow!("writing {}: {e}", path.display()))
        };
        match &self.dest {
            Dest::Stdout => {
                let mut out = BufWriter::new(std::io::stdout().lock());
                match f(&mut out).and_then(|()| out.flush()) {
                    Ok(()) => Ok(None),
                    // A closed pipe (`somsim run x | head`) is not a failure.
                    Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(None),
                    Err(e) => Err(Failure::Other(anyhow::anyhow!("writing output: {e}"))),
                }
            }
            Dest::Special(path) => {
                let file = std::fs::OpenOptions::new()
                    .write(true)
                    .open(path)
                    .map_err(|e| failed(path, e))?;
                let mut out = BufWriter::new(file);
                f(&mut out)
                    .and_then(|()| out.flush())
                    .map_err(|e| failed(path, e))?;
                Ok(None)
            }
            Dest::File(path) => {
                let dir = match path.parent() {
                    Some(d) if !d.as_os_str().is_empty() => d,
                    _ => Path::new("."),
                };
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "output".into());
                let (file, temp) = {
                    let mut list = pending();
                    let temp = tempfile::Builder::new()
                        .prefix(&temp_prefix(&name))
                        .suffix(".tmp")
                        .tempfile_in(dir)
                        .map_err(|e| failed(path, e))?;
                    let (file, temp) = temp.into_parts();
                    list.push(temp.to_path_buf());
                    (file, temp)
                };
                let pending = Pending {
                    temp: Some(temp),
                    target: path.clone(),
                };
                let mut out = BufWriter::new(file);
                f(&mut out)
                    .and_then(|()| out.flush())
                    .and_then(|()| out.get_ref().sync_all())
                    .map_err(|e| failed(path, e))?;
                Ok(Some(pending))
            }
        }
    }
}

/// A complete output in its temporary file, waiting to be renamed over its target. Dropped
/// without [`commit`], the temporary file is removed.
#[derive(Debug)]
pub struct Pending {
    temp: Option<tempfile::TempPath>,
    target: PathBuf,
}

impl Drop for Pending {
    fn drop(&mut self) {
        if let Some(t) = self.temp.take() {
            let mut list = pending();
            list.retain(|p| p.as_path() != &*t);
            drop(t); // removes the file, while the list is locked
        }
    }
}

/// Rename a run's outputs into place together, holding a lock on their folders so that
/// concurrent runs' sets do not interleave.
pub fn commit(pending: Vec<Pending>) -> Result<(), Failure> {
    if pending.is_empty() {
        return Ok(());
    }
    let mut dirs: Vec<PathBuf> = pending
        .iter()
        .map(|p| match p.target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
            _ => PathBuf::from("."),
        })
        .filter_map(|d| d.canonicalize().ok())
        .collect();
    dirs.sort();
    dirs.dedup();
    // Locks are taken in sorted order (no deadlock) and released when the handles drop.
    let mut locks = Vec::new();
    for d in &dirs {
        if let Ok(handle) = std::fs::File::open(d)
            && handle.lock().is_ok()
        {
            locks.push(handle);
        }
    }
    for mut p in pending {
        let Some(temp) = p.temp.take() else { continue };
        // Renamed and unlisted as one step (see [`pending`]).
        let mut list = self::pending();
        list.retain(|x| x.as_path() != &*temp);
        // Keep the replaced file's permissions; a new file gets the usual rw-r--r--.
        let mode = std::fs::metadata(&p.target)
            .map(|m| m.permissions())
            .unwrap_or_else(|_| {
                use std::os::unix::fs::PermissionsExt;
                std::fs::Permissions::from_mode(0o644)
            });
        let _ = std::fs::set_permissions(&temp, mode);
        temp.persist(&p.target).map_err(|e| {
            Failure::Other(anyhow::anyhow!(
                "writing {}: {}",
                p.target.display(),
                e.error
            ))
        })?;
    }
    drop(locks);
    Ok(())
}
