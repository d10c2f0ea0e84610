//! ECS's rules, one family a file, each code with one emitter, called by `service::check` for
//! every source (`strategy`, `traffic`, `circuit_breaker`, `lifecycle`, `capacity`), the Portkey
//! module's own rules (`nulls`, `module_validation`, and the module's choice of strategy, its
//! data service's breaker and its Auto Scaling group), and [`Checked`], what the checks of one
//! service produce and `assemble` puts together.

pub(crate) mod assemble;
pub(crate) mod capacity;
pub(crate) mod circuit_breaker;
pub(crate) mod edit;
pub(crate) mod lifecycle;
pub(crate) mod nulls;
pub(crate) mod strategy;
pub(crate) mod traffic;

use crate::config::{Deployment, StrategyName};
use crate::diagnostic::Span;
use crate::read::{Entry, Node, Value};

/// Where the settings that decide a policy question are written, for locating diagnostics.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Locations {
    /// The attribute that selects the strategy (`enable_blue_green`, `canary_configuration`, …).
    pub strategy: Option<Span>,
    pub circuit_breaker: Option<Span>,
    pub rollback: Option<Span>,
    pub canary_percent: Option<Span>,
    pub canary_bake: Option<Span>,
    pub step_percent: Option<Span>,
    pub step_bake: Option<Span>,
    pub lifecycle_stages: Option<Span>,
    pub lifecycle_hook: Option<Span>,
}

/// The outcome of the checks.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    /// What the module would deploy (facts section 1, first match wins).
    pub strategy: StrategyName,
    /// `None` when the deployment settings are unreadable or outside ECS's valid values.
    pub deployment: Option<Deployment>,
    /// The file's `environment` value, for policy environments.
    pub environment: Option<String>,
    /// The circuit breaker, when its settings can be read (even if the deployment cannot).
    pub circuit_breaker: Option<crate::config::CircuitBreaker>,
    /// The stages the hook is called at, when its settings can be read.
    pub hooked_stages: Option<Vec<crate::config::Stage>>,
    pub locations: Locations,
    /// The same service for `compare` (contract section 2), even when some values are invalid:
    /// those fall back to ECS's or the module's defaults, and `fallbacks` says which.
    pub compare_base: Deployment,
    pub fallbacks: Vec<String>,
}

/// The attribute `name` of an object value.
pub(crate) fn attribute<'a>(node: &'a Node, name: &str) -> Option<&'a Entry> {
    match &node.value {
        Value::Object(entries) => entries.iter().find(|entry| entry.key == name),
        _ => None,
    }
}
