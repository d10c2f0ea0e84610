//! What a caller can ask of `analyze`: the input format, timeline assumptions, a simulated
//! failure, severity overrides and an organisation policy (contract sections 2 and 6).
//!
//! [`Options::validate`] is the one place that decides whether options can be used: the Rust
//! API, the command line, the wasm boundary and the playground (through the package) all ask it,
//! so a policy is never half-applied and an assumption is never silently replaced.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Severity;

/// The input format; `None` in [`Options::format`] means detect it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Format {
    #[default]
    Hcl,
    Json,
}

/// A severity override for one code, or `off` to silence it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    Off,
    Info,
    Warning,
    Error,
}

impl RuleLevel {
    /// The severity this level gives, or `None` for `off`.
    pub fn severity(self) -> Option<Severity> {
        match self {
            RuleLevel::Off => None,
            RuleLevel::Info => Some(Severity::Info),
            RuleLevel::Warning => Some(Severity::Warning),
            RuleLevel::Error => Some(Severity::Error),
        }
    }
}

/// Timeline assumptions as the caller gives them; every field falls back to a documented default.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AssumptionOverrides {
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub scale_up_minutes: Option<f64>,
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub hook_minutes: Option<f64>,
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub drain_minutes: Option<f64>,
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub bake_time_minutes: Option<f64>,
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub minimum_healthy_percent: Option<f64>,
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub maximum_percent: Option<f64>,
}

/// The deployment strategies, as ECS names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum StrategyName {
    Rolling,
    BlueGreen,
    Canary,
    Linear,
}

impl StrategyName {
    pub const ALL: [StrategyName; 4] = [
        StrategyName::Rolling,
        StrategyName::BlueGreen,
        StrategyName::Canary,
        StrategyName::Linear,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            StrategyName::Rolling => "ROLLING",
            StrategyName::BlueGreen => "BLUE_GREEN",
            StrategyName::Canary => "CANARY",
            StrategyName::Linear => "LINEAR",
        }
    }

    /// How people write it in prose.
    pub fn title(self) -> &'static str {
        match self {
            StrategyName::Rolling => "rolling",
            StrategyName::BlueGreen => "blue/green",
            StrategyName::Canary => "canary",
            StrategyName::Linear => "linear",
        }
    }
}

/// Organisation rules, checked after the built-in ones (contract section 6).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(target_arch = "wasm32", tsify(hashmap_as_object))]
pub struct Policy {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub allowed_strategies: Option<Vec<StrategyName>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub require_circuit_breaker_rollback: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub max_first_exposure_percent: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub min_bake_minutes: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub max_total_minutes: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub required_lifecycle_stages: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(optional, type = "Record<string, Omit<Policy, \"environments\">>")
    )]
    pub environments: Option<BTreeMap<String, Policy>>,
}

/// Everything `analyze` and `compare` accept besides the source text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(target_arch = "wasm32", tsify(hashmap_as_object))]
pub struct Options {
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub format: Option<Format>,
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub assumptions: AssumptionOverrides,
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub fail_at_minute: Option<f64>,
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub rules: BTreeMap<String, RuleLevel>,
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub policy: Option<Policy>,
}

/// Why options cannot be used: the field at fault, as a dotted path from the top of [`Options`]
/// (`assumptions.hookMinutes`, `policy.environments.prod.minBakeMinutes`), and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionsError {
    pub field: String,
    pub problem: String,
}

impl std::fmt::Display for OptionsError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "`{}` {}", self.field, self.problem)
    }
}

impl AssumptionOverrides {
    /// Each override with its name in [`Options`].
    pub fn named(&self) -> [(&'static str, Option<f64>); 6] {
        [
            ("scaleUpMinutes", self.scale_up_minutes),
            ("hookMinutes", self.hook_minutes),
            ("drainMinutes", self.drain_minutes),
            ("bakeTimeMinutes", self.bake_time_minutes),
            ("minimumHealthyPercent", self.minimum_healthy_percent),
            ("maximumPercent", self.maximum_percent),
        ]
    }
}

impl Options {
    /// Checks what the types cannot say: assumptions and the failure minute are finite and not
    /// negative (larger values are clamped, as the timeline documents), every rule names a
    /// diagnostic code, and every policy field can be enforced.
    pub fn validate(&self) -> Result<(), OptionsError> {
        let numbers = self
            .assumptions
            .named()
            .map(|(name, value)| (format!("assumptions.{name}"), value));
        let numbers = numbers
            .into_iter()
            .chain([("failAtMinute".to_owned(), self.fail_at_minute)]);
        for (field, value) in numbers {
            if let Some(number) = value {
                if !(number.is_finite() && number >= 0.0) {
                    return Err(OptionsError {
                        field,
                        problem: format!("must be a number of 0 or more, not {number}"),
                    });
                }
            }
        }
        for name in self.rules.keys() {
            if crate::diagnostic::Code::from_name(name).is_none() {
                return Err(OptionsError {
                    field: format!("rules.{name}"),
                    problem: "is not a diagnostic code (`rules()` lists them)".to_owned(),
                });
            }
        }
        if let Some(policy) = &self.policy {
            crate::policy::validate(policy).map_err(|error| OptionsError {
                field: format!("policy.{}", error.field),
                problem: error.problem,
            })?;
        }
        Ok(())
    }
}

/// Deserializes `T` from any serde source, naming the field at fault on failure.
pub fn deserialize_named<'de, T, D>(deserializer: D) -> Result<T, OptionsError>
where
    T: Deserialize<'de>,
    D: serde::Deserializer<'de>,
{
    serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let field = error.path().to_string();
        OptionsError {
            field,
            problem: error.into_inner().to_string(),
        }
    })
}
