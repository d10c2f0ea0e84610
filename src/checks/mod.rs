//! Deployment checks: ECS's and the module's rules over the typed document, producing the
//! checked [`Deployment`] when the deployment settings are valid.

use crate::config::Deployment;
use crate::diagnostic::{Diagnostic, Span};
use crate::options::StrategyName;
use crate::typecheck::Typed;

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
    pub locations: Locations,
}

/// Runs every deployment check.
pub fn run(_source: &str, _typed: &Typed, _diagnostics: &mut Vec<Diagnostic>) -> Checked {
    unimplemented!("checks")
}
