//! JSON Schema of the file formats (`somsim schema`), for editors that check and complete YAML.
//!
//! The structure comes from the serde types in [`super::raw`] (so it cannot drift from what the
//! parser accepts); the value shapes read by hand are described in [`super::field_schema`].

use serde_json::Value;

use super::raw::{AssumptionFile, ContractFile, ScenarioFile};

/// The schema of scenario files.
pub fn scenario_schema() -> Value {
    let generator = schemars::generate::SchemaSettings::draft2020_12().into_generator();
    generator.into_root_schema_for::<ScenarioFile>().to_value()
}

/// The schema of contract files (a scenario's name plus contracts).
pub fn contract_schema() -> Value {
    let generator = schemars::generate::SchemaSettings::draft2020_12().into_generator();
    generator.into_root_schema_for::<ContractFile>().to_value()
}

/// The schema of assumption files on its own.
pub fn assumption_schema() -> Value {
    let generator = schemars::generate::SchemaSettings::draft2020_12().into_generator();
    generator
        .into_root_schema_for::<AssumptionFile>()
        .to_value()
}
