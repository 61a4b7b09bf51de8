#![deny(missing_docs)] // every field here is the documented JSON layout
//! The views every output format shares, built from a run's results ([`crate::analysis`]):
//! one file per view. The documentation of each field is the schema of the JSON output
//! (`schema_version` 1).

pub mod base;
pub mod batch;
pub mod brief;
pub mod budget;
pub mod cea;
pub mod compare;
pub mod contract;
pub mod deal;
pub mod number;
pub mod page;
pub mod portfolio;
pub mod run;
pub mod sensitivity;
pub mod settle;
pub mod shard;
pub mod society;
pub mod stack;
pub mod terms;

pub use base::*;
pub use number::*;
pub use run::*;
