//! The rollout timeline engine: minute by minute, where production traffic goes.
//!
//! Takes only a checked [`Deployment`](crate::config::Deployment) and resolved [`Assumptions`],
//! so it cannot fail. PLACEHOLDER: the engine is being written; the model below is the contract.

mod model;

pub use model::*;

use crate::config::Deployment;

/// The minute-by-minute rollout of `deployment`, with a rollback when `fail_at_minute` falls
/// inside it.
pub fn build(
    _deployment: &Deployment,
    _assumptions: &Assumptions,
    _fail_at_minute: Option<f64>,
) -> Timeline {
    unimplemented!("timeline engine")
}

/// The same service under all four strategies.
pub fn compare(_deployment: &Deployment, _assumptions: &Assumptions) -> Comparison {
    unimplemented!("timeline compare")
}

/// The timeline as a readable table of phases plus a small text chart of traffic over time.
pub fn render_text(_timeline: &Timeline) -> String {
    unimplemented!()
}

/// The comparison as a table, one row per strategy.
pub fn render_comparison_text(_comparison: &Comparison) -> String {
    unimplemented!()
}
