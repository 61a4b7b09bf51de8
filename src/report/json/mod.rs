//! JSON output: the [`RunReport`](super::RunReport) serialised as it is documented there.

use std::io::{BufWriter, Write};

use serde::Serialize;

/// Pretty-printed JSON with a trailing newline, written to `w`. The serialiser writes many
/// small pieces: they are gathered in a buffer of its own type, so that each is a copy rather
/// than a call through `dyn Write`.
pub fn write<T: Serialize + ?Sized>(w: &mut dyn Write, value: &T) -> std::io::Result<()> {
    let mut out = BufWriter::with_capacity(1 << 16, w);
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    out.flush()
}
