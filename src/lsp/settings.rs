//! The server's configuration: `{ rules, policy, assumptions }` from `initializationOptions` or
//! `workspace/didChangeConfiguration`, checked as the command line checks `--rule` and `--policy`.
//!
//! Editors send settings in different wrappings: the object itself, or nested under the server's
//! name (`{ "ecs-rollout": { ... } }`), as VS Code's `settings.json` and Neovim's `settings`
//! table do. Both are accepted; `null` or `{}` means the defaults. Settings that cannot be
//! applied are refused whole, with a message naming the field, and the previous ones stay.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

use crate::diagnostic::Code;
use crate::options::{AssumptionOverrides, Options, RuleLevel};

/// The name settings may be nested under.
pub const SECTION: &str = "ecs-rollout";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Settings {
    #[serde(default)]
    rules: BTreeMap<String, RuleLevel>,
    #[serde(default)]
    policy: Option<Value>,
    #[serde(default)]
    assumptions: AssumptionOverrides,
}

/// The analysis options `settings` ask for, or why they cannot be applied.
pub fn options(settings: &Value) -> Result<Options, String> {
    let settings = match settings {
        Value::Null => return Ok(Options::default()),
        Value::Object(fields) => match fields.get(SECTION) {
            Some(nested) if fields.len() == 1 => nested,
            _ => settings,
        },
        other => return Err(format!("settings must be an object, got {}", kind(other))),
    };
    if settings.is_null() {
        return Ok(Options::default());
    }
    let parsed: Settings =
        serde_json::from_value(settings.clone()).map_err(|error| error.to_string())?;
    if let Some(code) = parsed
        .rules
        .keys()
        .find(|code| Code::from_name(code).is_none())
    {
        return Err(format!(
            "unknown rule `{code}` in `rules`; `ecs-rollout rules` lists them"
        ));
    }
    let policy = match parsed.policy {
        None | Some(Value::Null) => None,
        Some(policy) => Some(
            crate::cli::parse_policy(&policy.to_string())
                .map_err(|reason| format!("invalid `policy`: {}", without_place(&reason)))?,
        ),
    };
    Ok(Options {
        rules: parsed.rules,
        policy,
        assumptions: parsed.assumptions,
        ..Options::default()
    })
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
