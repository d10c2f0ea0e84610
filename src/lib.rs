//! ecs-rollout: checks how an ECS service is deployed (the Portkey Gateway module's `.tfvars`,
//! Terraform `aws_ecs_service`, CloudFormation, the ECS API's JSON) and shows what its rollout
//! will do.
//!
//! One pipeline (`analysis`) takes every source: a reader per kind (`portkey` for the module's
//! `.tfvars`, `service` for the others) turns the text into checked services, each holding the
//! checked [`config::Deployment`], which `timeline` (minute by minute), `policy` and `compare`
//! take alike. Every stage turns problems into [`Diagnostic`]s; nothing here panics or does I/O.

pub mod analysis;
pub mod checks;
#[cfg(feature = "cli")]
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod diff;
pub mod input;
pub mod json_schema;
mod keyed;
#[cfg(feature = "lsp")]
pub mod lsp;
#[cfg(feature = "observed")]
pub mod observed;
pub mod options;
mod pairs;
pub mod policy;
pub mod portkey;
pub mod position;
pub mod read;
#[cfg(feature = "cli")]
pub mod render;
pub mod report;
pub mod scalar;
pub mod schema;
pub mod service;
pub mod suggest;
pub mod timeline;
pub mod typecheck;
#[cfg(target_arch = "wasm32")]
mod wasm;
#[cfg(target_arch = "wasm32")]
mod wasm_options;

pub use analysis::{analyze, compare, Analysis, MAX_INPUT_BYTES};
pub use diagnostic::{apply_fixes, Code, Diagnostic, Edit, Fix, Severity, Span};
pub use diff::{diff, Diff};
#[cfg(feature = "observed")]
pub use observed::{observed, Observed};
pub use options::{Format, Options, Policy, RuleLevel, StrategyName};
pub use policy::PolicyScope;

/// The crate version, as the npm package and the CLI report it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// One entry of [`rules`]: a code, its default severity and what it means.
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RuleInfo {
    pub code: &'static str,
    pub default_severity: Severity,
    pub summary: &'static str,
}

/// Every diagnostic code with its default severity and a one-line summary.
pub fn rules() -> Vec<RuleInfo> {
    Code::ALL
        .iter()
        .map(|code| RuleInfo {
            code: code.as_str(),
            default_severity: code.default_severity(),
            summary: code.summary(),
        })
        .collect()
}
