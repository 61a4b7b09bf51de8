//! JSON Schema of the value shapes read by hand (numbers, distributions, series, share keys,
//! profiles): the pieces [`super::raw`]'s serde types point to with `schema_with`. A leaf:
//! it imports nothing from the crate, so `raw` can use it and `schema` can use `raw`.

use schemars::{Schema, SchemaGenerator, json_schema};
use serde_json::Value;

/// The distribution forms, in the order the messages list them: the one table read by the
/// model's parser and by the JSON Schema below.
pub const DISTRIBUTION_FORMS: [&str; 7] = [
    "uniform",
    "triangular",
    "pert",
    "normal",
    "lognormal",
    "beta",
    "gamma",
];

/// Names of the distribution forms and how their parameters are written.
fn distribution_schema() -> Value {
    let triple = json_schema!({
        "oneOf": [
            {"type": "array", "items": {"type": "number"}, "minItems": 3, "maxItems": 3,
             "description": "[min, mode, max]"},
            {"type": "object", "additionalProperties": false,
             "required": ["low", "most_likely", "high"],
             "properties": {"low": {"type": "number"}, "most_likely": {"type": "number"},
                            "high": {"type": "number"}}}
        ]
    });
    let forms: Vec<(&str, &str, Value)> = vec![
        (
            "uniform",
            "[min, max]: every value between equally likely",
            serde_json::json!({"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2}),
        ),
        (
            "triangular",
            "low / most likely / high",
            triple.clone().into(),
        ),
        (
            "pert",
            "low / most likely / high, smoother than triangular (Beta-PERT, lambda 4)",
            triple.into(),
        ),
        (
            "normal",
            "{mean, sd} (or se), optionally truncated to [min, max]; or [mean, sd, min?, max?]",
            serde_json::json!({"anyOf": [
                {"type": "object", "additionalProperties": false,
                 "properties": {"mean": {"type": "number"}, "sd": {"type": "number", "minimum": 0},
                                "se": {"type": "number", "minimum": 0},
                                "min": {"type": "number"}, "max": {"type": "number"}},
                 "required": ["mean"]},
                {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 4,
                 "description": "[mean, sd], [mean, sd, min] or [mean, sd, min, max]"}
            ]}),
        ),
        (
            "lognormal",
            "{median, low, high} with [low, high] a 90% interval, or {mean, sd}",
            serde_json::json!({"type": "object", "additionalProperties": false,
                "properties": {"median": {"type": "number"}, "low": {"type": "number"},
                               "high": {"type": "number"}, "mean": {"type": "number"},
                               "sd": {"type": "number"}, "se": {"type": "number"}}}),
        ),
        (
            "beta",
            "for shares: {mean, sd} (or se), or {alpha, beta}",
            serde_json::json!({"type": "object", "additionalProperties": false,
                "properties": {"mean": {"type": "number"}, "sd": {"type": "number"},
                               "se": {"type": "number"}, "alpha": {"type": "number"},
                               "beta": {"type": "number"}}}),
        ),
        (
            "gamma",
            "for positive amounts: {mean, sd} (or se), or {shape, scale}",
            serde_json::json!({"type": "object", "additionalProperties": false,
                "properties": {"mean": {"type": "number"}, "sd": {"type": "number"},
                               "se": {"type": "number"}, "shape": {"type": "number"},
                               "scale": {"type": "number"}}}),
        ),
    ];
    debug_assert!(forms.iter().map(|f| f.0).eq(DISTRIBUTION_FORMS));
    let variants: Vec<Value> = forms
        .into_iter()
        .map(|(name, desc, params)| {
            serde_json::json!({
                "type": "object",
                "description": desc,
                "additionalProperties": false,
                "required": [name],
                "properties": {
                    name: params,
                    "name": {"type": "string",
                             "description": "Name for common random numbers: inputs with the same name in two scenarios get the same draws."},
                    "per_municipality": {"type": "boolean",
                             "description": "Draw independently for each municipality (default: one national draw)."}
                }
            })
        })
        .collect();
    serde_json::json!({"oneOf": variants})
}

/// A number, a percentage text, the name of an assumption, or a distribution.
pub fn value_schema(generator: &mut SchemaGenerator) -> Schema {
    let defs = generator.definitions_mut();
    defs.entry("Distribution".to_owned())
        .or_insert_with(distribution_schema);
    json_schema!({
        "description": "A number; a percentage such as \"-10%\"; the name of an assumption; or a distribution such as {triangular: [3000, 5000, 9000]}.",
        "anyOf": [
            {"type": "number"},
            {"type": "string"},
            {"$ref": "#/$defs/Distribution"}
        ]
    })
}

pub fn number(_: &mut SchemaGenerator) -> Schema {
    json_schema!({"type": "number"})
}

pub fn number_opt(g: &mut SchemaGenerator) -> Schema {
    number(g)
}

/// How a contract measures a metric or a trigger's input: `true`, or one design.
pub fn measured_opt(_: &mut SchemaGenerator) -> Schema {
    let size = serde_json::json!({"anyOf": [{"type": "number", "exclusiveMinimum": 0},
                                           {"const": "unlimited"}]});
    let share = serde_json::json!({"type": "number", "minimum": 0, "maximum": 1});
    let estimate = |extra: Value| {
        let mut props = serde_json::json!({
            "participants": size.clone(), "controls": size.clone(),
            "sd": {"type": "number", "minimum": 0},
            "dropout": share.clone(), "nonresponse": share.clone()
        });
        if let (Some(p), Some(e)) = (props.as_object_mut(), extra.as_object()) {
            p.extend(e.clone());
        }
        serde_json::json!({"type": "object", "additionalProperties": false,
                           "required": ["sd"], "properties": props})
    };
    json_schema!({
        "description": "How the metric (or the trigger's input) is measured: true (the true effect, the default); a randomised or comparison-group estimate; a pre-post change; or register counts (Poisson or negative binomial).",
        "oneOf": [
            {"const": true},
            {"type": "object", "additionalProperties": false, "minProperties": 1, "maxProperties": 1,
             "properties": {
                "randomised": estimate(serde_json::json!({})),
                "comparison": estimate(serde_json::json!({"bias": {"type": "number"}})),
                "pre_post": estimate(serde_json::json!({"deadweight": {}})),
                "register": {"anyOf": [{"const": "poisson"},
                    {"type": "object", "additionalProperties": false, "required": ["negative_binomial"],
                     "properties": {"negative_binomial": {"type": "number", "exclusiveMinimum": 0}}}]}
             }}
        ]
    })
}

pub fn year(_: &mut SchemaGenerator) -> Schema {
    json_schema!({"type": "integer", "minimum": 1900, "maximum": 2200})
}

pub fn year_opt(g: &mut SchemaGenerator) -> Schema {
    year(g)
}

pub fn positive_integer(_: &mut SchemaGenerator) -> Schema {
    json_schema!({"type": "integer", "minimum": 1})
}

pub fn positive_integer_opt(g: &mut SchemaGenerator) -> Schema {
    positive_integer(g)
}

pub fn years(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "description": "A calendar year, or a list of calendar years within the horizon.",
        "anyOf": [{"type": "integer"}, {"type": "array", "items": {"type": "integer"}}]
    })
}

pub fn years_opt(g: &mut SchemaGenerator) -> Schema {
    years(g)
}

pub fn series(generator: &mut SchemaGenerator) -> Schema {
    let value = value_schema(generator);
    json_schema!({
        "description": "Constant (a value), one value per year of the horizon (a list), or calendar year -> value (a mapping; `other_years` gives the rest, default 0).",
        "anyOf": [
            value,
            {"type": "array", "items": value},
            {"type": "object", "additionalProperties": value}
        ]
    })
}

pub fn series_opt(g: &mut SchemaGenerator) -> Schema {
    series(g)
}

pub fn shares(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "description": "Name -> share (exact numbers from 0 to 1, summing to 1).",
        "type": "object",
        "additionalProperties": {"type": "number", "minimum": 0, "maximum": 1}
    })
}

pub fn shares_opt(g: &mut SchemaGenerator) -> Schema {
    shares(g)
}

pub fn matrix_opt(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "description": "Rows of rank correlations, from -1 to 1.",
        "type": "array",
        "items": {"type": "array", "items": {"type": "number", "minimum": -1, "maximum": 1}}
    })
}

pub fn profile_opt(g: &mut SchemaGenerator) -> Schema {
    profile(g)
}

pub fn year_map(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "description": "Calendar year -> value.",
        "type": "object",
        "additionalProperties": {"type": "number", "exclusiveMinimum": 0}
    })
}

pub fn profile(generator: &mut SchemaGenerator) -> Schema {
    let value = value_schema(generator);
    json_schema!({
        "description": "Share of the effect present k years after completion (k = 0: the completion year).",
        "anyOf": [
            {"type": "array", "items": value},
            {"type": "object", "additionalProperties": false, "required": ["exponential"],
             "properties": {"exponential": {"type": "object", "additionalProperties": false,
                "required": ["initial", "rate", "years"],
                "properties": {"initial": value, "rate": value, "years": {"type": "integer", "minimum": 1}}}}},
            {"type": "object", "additionalProperties": false, "required": ["linear"],
             "properties": {"linear": {"type": "object", "additionalProperties": false,
                "required": ["initial", "years"],
                "properties": {"initial": value, "years": {"type": "integer", "minimum": 1}}}}}
        ]
    })
}

pub fn value_schema_opt(g: &mut SchemaGenerator) -> Schema {
    value_schema(g)
}

pub fn positive_integers_opt(_: &mut SchemaGenerator) -> Schema {
    json_schema!({"type": "array", "items": {"type": "integer", "minimum": 1}})
}
