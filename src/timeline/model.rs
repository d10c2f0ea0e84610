//! The timeline's public shape (contract section 2), serialised as camelCase JSON.

use serde::Serialize;

use crate::config::StrategyName;

/// Timeline assumptions with every default filled in (contract: `Required<Options["assumptions"]>`).
///
/// Built by [`Assumptions::resolve`], whose module documents each default and its source.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct Assumptions {
    pub scale_up_minutes: f64,
    pub hook_minutes: f64,
    pub drain_minutes: f64,
    pub bake_time_minutes: f64,
    pub minimum_healthy_percent: f64,
    pub maximum_percent: f64,
    /// Addition to the contract: the gateway task count the timeline used. From
    /// [`Assumptions::resolve`] only when the caller gave one; every timeline fills it in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub desired_count: Option<u32>,
    /// Minutes ECS adds to each `TEST_TRAFFIC_SHIFT` and `PRODUCTION_TRAFFIC_SHIFT` run behind a
    /// Network Load Balancer.
    pub nlb_shift_delay_minutes: f64,
    /// The kind of load balancer assumed where the source does not say which.
    pub load_balancer_type: crate::config::LoadBalancerType,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct ListenerView {
    /// `null` where the source does not give the listener's port (any source but the module).
    pub port: Option<u16>,
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(type = "\"HTTP\" | \"HTTPS\" | \"TCP\" | \"TLS\" | null")
    )]
    pub protocol: Option<&'static str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct ListenersView {
    pub production: ListenerView,
    pub test: Option<ListenerView>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct TrafficStep {
    pub minute: f64,
    pub green_percent: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PhaseName {
    ScaleUp,
    TestTraffic,
    CanaryBake,
    StepBake,
    BakeTime,
    CleanUp,
    RollingWave,
    Rollback,
}

impl PhaseName {
    /// The name as the timeline's JSON spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            PhaseName::ScaleUp => "SCALE_UP",
            PhaseName::TestTraffic => "TEST_TRAFFIC",
            PhaseName::CanaryBake => "CANARY_BAKE",
            PhaseName::StepBake => "STEP_BAKE",
            PhaseName::BakeTime => "BAKE_TIME",
            PhaseName::CleanUp => "CLEAN_UP",
            PhaseName::RollingWave => "ROLLING_WAVE",
            PhaseName::Rollback => "ROLLBACK",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct Phase {
    pub name: PhaseName,
    pub start_minute: f64,
    pub end_minute: f64,
    pub green_percent: f64,
    pub blue_tasks: u32,
    pub green_tasks: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step: Option<u32>,
    /// Addition to the contract: how many ECS rolling waves this phase stands for, present only
    /// when several were merged to keep a very large service readable (`step` is then the first
    /// wave's number).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waves: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct StageEvent {
    pub stage: &'static str,
    pub minute: f64,
    pub hooked: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step: Option<u32>,
    /// Addition to the contract: present (and `true`) on the stages ECS runs again while rolling
    /// back.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "true"))]
    pub rollback: bool,
    /// Addition to the contract: minutes a Network Load Balancer adds to this run of
    /// `TEST_TRAFFIC_SHIFT` or `PRODUCTION_TRAFFIC_SHIFT` (the `nlbShiftDelayMinutes`
    /// assumption, facts section 10); present only when there is such a delay. The stage runs
    /// from `minute` to at least `minute + delayMinutes`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub delay_minutes: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "kebab-case")]
pub enum RollbackTrigger {
    CircuitBreaker,
    LifecycleHook,
    Alarm,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct Rollback {
    pub at_minute: f64,
    pub green_percent_at_failure: f64,
    /// Production back at 0% on the new version; `None` (JSON `null`) when the failed
    /// deployment stops where it is (the circuit breaker with `rollback = false`).
    pub restored_minute: Option<f64>,
    pub trigger: RollbackTrigger,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct Timeline {
    pub strategy: StrategyName,
    pub total_minutes: f64,
    pub desired_count: u32,
    pub peak_tasks: u32,
    pub circuit_breaker_threshold: Option<u32>,
    pub listeners: Option<ListenersView>,
    pub traffic_steps: Vec<TrafficStep>,
    pub phases: Vec<Phase>,
    pub stages: Vec<StageEvent>,
    pub assumptions: Assumptions,
    pub rollback: Option<Rollback>,
    /// Addition to the contract: plain-language remarks on what the model assumed or simplified
    /// for this deployment (merged rolling waves, limits that allow no progress, hooks that are
    /// never called, what detects a failure), in a fixed order.
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct ComparisonRow {
    pub strategy: StrategyName,
    pub total_minutes: f64,
    pub peak_tasks: u32,
    pub first_exposure_percent: f64,
    pub minutes_to_full_traffic: f64,
    /// Addition: how many times production traffic moves towards the new version.
    pub production_shifts: u32,
    /// Addition: minutes during which production traffic is split between the two versions.
    pub mixed_traffic_minutes: f64,
    /// Addition: task-minutes run above the desired count (the extra capacity the rollout costs).
    pub extra_task_minutes: f64,
    /// Addition: whether a test listener lets the new version be tried before production sees it.
    pub test_listener: bool,
    /// Addition: what would detect a failed rollout and roll it back, for this strategy and this
    /// service's settings; `alarm` alone means only a CloudWatch alarm the module does not create.
    pub rollback_triggers: Vec<RollbackTrigger>,
    /// Addition: the share of production each shift moves and the minutes between shifts, for
    /// canary and linear; `null` for rolling and blue/green.
    pub shifts: Option<ShiftSettings>,
}

/// A canary's or linear rollout's own settings, as a comparison row used them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct ShiftSettings {
    /// The canary's share, or each linear step's.
    pub percent: f64,
    /// Minutes the canary, or each step, bakes before the next shift.
    pub bake_minutes: f64,
    /// Whether these are the file's own values; when the file deploys another strategy,
    /// `compare` uses ECS's defaults (canary 5 % for 10 minutes, linear 10 % every 6 minutes).
    pub from_file: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    pub rows: Vec<ComparisonRow>,
    /// Addition: the desired count every row uses.
    pub desired_count: u32,
    /// Addition: the assumptions every row uses.
    pub assumptions: Assumptions,
    /// Addition: the file's values that could not be used and what stands in for them; absent
    /// when every value was used.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub notes: Vec<String>,
}
