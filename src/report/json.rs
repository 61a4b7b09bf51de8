//! JSON output: the [`RunReport`](super::RunReport) serialised as it is documented there.

use serde::Serialize;

/// Pretty-printed JSON with a trailing newline, written to `w`.
pub fn write<T: Serialize + ?Sized>(w: &mut dyn std::io::Write, value: &T) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, value)?;
    writeln!(w)
}
