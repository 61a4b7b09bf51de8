//! somsim: social-investment cost-benefit modelling in the style of the Danish SØM model.
//!
//! The pipeline, one module per stage, data flowing one way:
//!
//! ```text
//! scenario files -> input (parse YAML, follow references, apply --set)
//!                -> model (validate)  -> ledger (exact base case, rust_decimal)
//!                                     -> sampler -> kernel -> montecarlo (parallel trials) -> stats
//!                                     -> sensitivity (tornado, switching values, rank correlations, EVPI)
//!                -> report (views; table / JSON / CSV) -> cli
//! ```
//!
//! The meaning of every number is fixed in `docs/model.md`.

pub mod cli;
pub mod input;
pub mod kernel;
pub mod ledger;
pub mod model;
pub mod montecarlo;
pub mod report;
pub mod sampler;
pub mod sensitivity;
pub mod stats;
