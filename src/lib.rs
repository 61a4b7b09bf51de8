//! somsim: social-investment cost-benefit modelling in the style of the Danish SØM model.
//!
//! The pipeline, one module per stage, data flowing one way:
//!
//! ```text
//! scenario files -> input (parse YAML, follow references, apply --set)
//!                -> model (validate)  -> ledger (exact base case, rust_decimal)
//!                                     -> sampler -> kernel -> montecarlo (parallel trials)
//!                                     -> sensitivity, comparison, contracts, cea, evsi (analyses over trials)
//!                -> analysis (one request, every result of a run: RunResults); portfolio (contracts over years)
//!                -> report (views built from RunResults; one folder per format) -> cli
//! ```
//!
//! # Layers
//!
//! A module may use only modules of a lower layer (or its own submodules). `tests/suite/architecture.rs`
//! checks this on every build of the tests, so the diagram above stays literally true.
//!
//! | layer | modules | may use |
//! |---|---|---|
//! | 0 | [`lang`] | nothing of the crate (the leaf: the two languages, and texts in both) |
//! | 1 | [`decimal`], [`stats`] | layer 0 |
//! | 2 | [`input`] | layers 0-1 |
//! | 3 | [`model`] | layers 0-2 |
//! | 4 | [`ledger`], [`sampler`] | layers 0-3 |
//! | 5 | [`kernel`] | layers 0-4 |
//! | 6 | [`montecarlo`] | layers 0-5 |
//! | 7 | [`sensitivity`], [`comparison`], [`contracts`], [`cea`], [`evsi`] | layers 0-6 |
//! | 8 | [`analysis`], [`portfolio`] (contracts combined over years) | layers 0-7 |
//! | 9 | [`report`] | layers 0-8 |
//! | 10 | [`cli`] | everything |
//!
//! The meaning of every number is fixed in `docs/model.md`.

/// `eprintln!` that never panics: a message to a closed standard error (`2>&1 | head`) is
/// dropped, as a closed standard output is, so the exit code stays the command's own.
macro_rules! eprintln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// `eprint!` that never panics (see `eprintln!`).
macro_rules! eprint {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stderr(), $($arg)*);
    }};
}

pub mod analysis;
pub mod cea;
pub mod cli;
pub mod comparison;
pub mod contracts;
pub mod decimal;
pub mod evsi;
pub mod input;
pub mod kernel;
pub mod lang;
pub mod ledger;
pub mod model;
pub mod montecarlo;
pub mod portfolio;
pub mod report;
pub mod sampler;
pub mod sensitivity;
pub mod stats;
