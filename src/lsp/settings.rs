//! The server's configuration: `{ rules, policy, assumptions }` from `initializationOptions` or
//! `workspace/didChangeConfiguration`, checked as the command line checks `--rule` and `--policy`.
//!
//! Editors send settings in different wrappings: the object itself, or nested under the server's
//! name (`{ "ecs-rollout": { ... } }`, beside other tools' sections), as VS Code's `settings.json`
//! and eglot's workspace configuration do. Each field present replaces the current one (`null`
//! restores its default); fields left out keep their value, so an empty or `null` settings
//! object changes nothing. Settings that cannot be applied are refused whole, with a message
//! naming the field, and the current ones stay.

use serde_json::Value;

use crate::options::{AssumptionOverrides, Keyed, Options, RuleLevel};

/// The name settings may be nested under.
pub const SECTION: &str = "ecs-rollout";

const FIELDS: [&str; 3] = ["rules", "policy", "assumptions"];

/// `current` with `settings` applied, or why they cannot be.
pub fn apply(current: &Options, settings: &Value) -> Result<Options, String> {
    let settings = match settings {
        Value::Object(fields) => fields.get(SECTION).unwrap_or(settings),
        other => other,
    };
    let fields = match settings {
        Value::Null => return Ok(current.clone()),
        Value::Object(fields) => fields,
        other => return Err(format!("settings must be an object, got {}", kind(other))),
    };
    if let Some(unknown) = fields.keys().find(|key| !FIELDS.contains(&key.as_str())) {
        return Err(format!(
            "unknown field `{unknown}`, expected one of `rules`, `policy`, `assumptions`"
        ));
    }
    let mut options = current.clone();
    if let Some(rules) = fields.get("rules") {
        if let Value::Object(entries) = rules {
            crate::options::check_rule_count(entries.len())
                .map_err(|error| format!("invalid `{}`: {}", error.field, error.problem))?;
        }
        options.rules = match rules {
            Value::Null => Keyed::default(),
            rules => serde_json::from_value::<Keyed<RuleLevel>>(rules.clone())
                .map_err(|error| format!("invalid `rules`: {error}"))?,
        };
    }
    if let Some(policy) = fields.get("policy") {
        options.policy = match policy {
            Value::Null => None,
            policy => Some(
                crate::options::parse_policy(&policy.to_string())
                    .map_err(|reason| format!("invalid `policy`: {}", without_place(&reason)))?,
            ),
        };
    }
    if let Some(assumptions) = fields.get("assumptions") {
        options.assumptions = match assumptions {
            Value::Null => AssumptionOverrides::default(),
            assumptions => serde_json::from_value(assumptions.clone())
                .map_err(|error| format!("invalid `assumptions`: {error}"))?,
        };
    }
    validate(&options)?;
    Ok(options)
}

/// The rule every entrance shares ([`Options::validate`]): rule codes, assumption ranges and
/// the policy, with the field at fault named.
fn validate(options: &Options) -> Result<(), String> {
    options.validate().map_err(|error| error.to_string())
}

/// A parse error without serde_json's ` at line L column C`, which would point into the
/// re-serialised settings rather than anything the user wrote.
fn without_place(reason: &str) -> &str {
    match reason.rfind(" at line ") {
        Some(at) if reason[at..].contains(" column ") => &reason[..at],
        _ => reason,
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
