//! What a caller can ask of `analyze`: the input format, timeline assumptions, a simulated
//! failure, severity overrides and an organisation policy (contract sections 2 and 6).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Severity;

/// The input format; `None` in [`Options::format`] means detect it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Hcl,
    Json,
}

/// A severity override for one code, or `off` to silence it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AssumptionOverrides {
    pub scale_up_minutes: Option<f64>,
    pub hook_minutes: Option<f64>,
    pub drain_minutes: Option<f64>,
    pub bake_time_minutes: Option<f64>,
    pub minimum_healthy_percent: Option<f64>,
    pub maximum_percent: Option<f64>,
    /// Addition to the contract: the gateway's task count at deploy time, instead of
    /// `desired_task_count` (with autoscaling the running count lies between its min and max).
    pub desired_count: Option<f64>,
}

/// The deployment strategies, as ECS names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Policy {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_strategies: Option<Vec<StrategyName>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub require_circuit_breaker_rollback: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_first_exposure_percent: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_bake_minutes: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_total_minutes: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_lifecycle_stages: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environments: Option<BTreeMap<String, Policy>>,
}

/// Everything `analyze` and `compare` accept besides the source text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Options {
    #[serde(default)]
    pub format: Option<Format>,
    #[serde(default)]
    pub assumptions: AssumptionOverrides,
    #[serde(default)]
    pub fail_at_minute: Option<f64>,
    #[serde(default)]
    pub rules: BTreeMap<String, RuleLevel>,
    #[serde(default)]
    pub policy: Option<Policy>,
}
