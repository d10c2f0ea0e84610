//! Timeline assumptions: the documented defaults, how caller overrides are cleaned up, and the
//! exact whole-second durations the engine computes with.
//!
//! Every default comes from what the Portkey module sends to ECS or from ECS's own behaviour:
//!
//! | assumption | default | why |
//! |---|---|---|
//! | `scaleUpMinutes` | 2.5 | the module's `health_check_grace_period_seconds = 150`: the longest ECS waits for a new task's health checks before it counts them |
//! | `hookMinutes` | 0.5 | ECS calls an `IN_PROGRESS` hook again after its default `callBackDelay` of 30 s; the module's Lambda answers at once, so any real check costs at least one call-back |
//! | `drainMinutes` | 1 | the module's target groups set `deregistration_delay = 60` |
//! | `bakeTimeMinutes` | 1 | the module hard-codes the deployment `bake_time_in_minutes = 1` |
//! | `minimumHealthyPercent` | 100 | the module's `deployment_minimum_healthy_percent` |
//! | `maximumPercent` | 200 | the module's `deployment_maximum_percent` |
//! | `nlbShiftDelayMinutes` | 10 | ECS adds 10 minutes to `TEST_TRAFFIC_SHIFT` and `PRODUCTION_TRAFFIC_SHIFT` behind a Network Load Balancer while its weights reach the data plane (ECS Developer Guide, "Network Load Balancer resources for blue/green, linear, and canary deployments"; facts section 10) |
//! | `loadBalancerType` | `application` | where the source names a load balancer but not its kind (a target group ARN from elsewhere, the ECS API's JSON); the timeline's notes say when it was used |
//! | `desiredCount` | the file's `desired_task_count` | what ECS is asked to run; with `gateway_autoscaling` on, the running count at deploy time is the autoscaler's (facts section 8), so the timeline lets the caller choose and says which count it used |
//!
//! Overrides that are not finite numbers fall back to the default. Durations are clamped into
//! 0 ..= 1440 minutes (a day: ECS's largest bake time, and the longest a hook may hold a stage),
//! except the drain, which the load balancer caps at 3600 s (60 minutes); they are then rounded
//! to whole seconds, the engine's time unit, and reported back as those exact seconds in minutes.
//! `minimumHealthyPercent` is rounded to a whole number within 0 ..= 100 and `maximumPercent` to
//! a whole number within 100 ..= 1000 (ECS takes whole percents; above 200 extra headroom changes
//! nothing, since a rolling deployment never needs more than twice the desired count).
//! `desiredCount` is rounded to a whole number of tasks within 0 ..= 5000 (ECS's default quota).
//!
//! Some limits let no task be replaced at all: when the minimum healthy count and the maximum
//! task count both equal the desired count (100% / 100%, or 100% / 150% with one task, where
//! 1.5 rounds down to 1), ECS can neither stop an old task nor start a new one. Those percents
//! are kept as given (they are what the user asked about); the engine then lets one extra task
//! run at a time and says so in the timeline's notes.

use serde::{Deserialize, Serialize};

use crate::config::{LoadBalancerType, MAX_DESIRED_COUNT};

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
    /// Addition to the contract: the gateway's task count at deploy time, instead of
    /// `desired_task_count` (with autoscaling the running count lies between its min and max).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub desired_count: Option<f64>,
    /// Minutes ECS adds to each `TEST_TRAFFIC_SHIFT` and `PRODUCTION_TRAFFIC_SHIFT` run behind a
    /// Network Load Balancer (facts section 10); default 10.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub nlb_shift_delay_minutes: Option<f64>,
    /// The kind of load balancer where the source does not say which; default application.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub load_balancer_type: Option<LoadBalancerType>,
}

impl AssumptionOverrides {
    /// Each override with its name in [`Options`].
    pub fn named(&self) -> [(&'static str, Option<f64>); 8] {
        [
            ("scaleUpMinutes", self.scale_up_minutes),
            ("hookMinutes", self.hook_minutes),
            ("drainMinutes", self.drain_minutes),
            ("bakeTimeMinutes", self.bake_time_minutes),
            ("minimumHealthyPercent", self.minimum_healthy_percent),
            ("maximumPercent", self.maximum_percent),
            ("desiredCount", self.desired_count),
            ("nlbShiftDelayMinutes", self.nlb_shift_delay_minutes),
        ]
    }
}

use super::model::Assumptions;

/// Default time for new tasks to start and pass health checks, in seconds (module grace period).
pub const DEFAULT_SCALE_UP_SECONDS: u64 = 150;
/// Default time each hooked lifecycle stage takes, in seconds (ECS's default `callBackDelay`).
pub const DEFAULT_HOOK_SECONDS: u64 = 30;
/// Default time old tasks drain, in seconds (the module's target group `deregistration_delay`).
pub const DEFAULT_DRAIN_SECONDS: u64 = 60;
/// Default deployment bake time, in seconds (the module's `bake_time_in_minutes = 1`).
pub const DEFAULT_BAKE_TIME_SECONDS: u64 = 60;
/// Default delay ECS adds to each traffic-shift stage run behind a Network Load Balancer, in
/// seconds (facts section 10).
pub const DEFAULT_NLB_SHIFT_DELAY_SECONDS: u64 = 600;
/// The kind of load balancer assumed where the source does not say.
pub const DEFAULT_LOAD_BALANCER_TYPE: LoadBalancerType = LoadBalancerType::Application;
/// Default minimum healthy percent (the module's `deployment_minimum_healthy_percent`).
pub const DEFAULT_MINIMUM_HEALTHY_PERCENT: u32 = 100;
/// Default maximum percent (the module's `deployment_maximum_percent`).
pub const DEFAULT_MAXIMUM_PERCENT: u32 = 200;

/// The longest any duration assumption may be, in minutes: one day.
const MAX_DURATION_MINUTES: f64 = 1440.0;
/// The longest drain, in minutes: a target group's deregistration delay is at most 3600 s.
const MAX_DRAIN_MINUTES: f64 = 60.0;
/// The largest maximum percent the engine takes.
const MAX_MAXIMUM_PERCENT: f64 = 1000.0;

impl Assumptions {
    /// Fills in defaults and clamps each value into its valid range (see the module docs above).
    pub fn resolve(overrides: &AssumptionOverrides) -> Assumptions {
        let seconds = |value: Option<f64>, default: u64, max_minutes: f64| {
            let whole_seconds = match value.filter(|minutes| minutes.is_finite()) {
                Some(minutes) => (minutes.clamp(0.0, max_minutes) * 60.0).round() as u64,
                None => default,
            };
            seconds_to_minutes(whole_seconds)
        };
        let percent = |value: Option<f64>, default: u32, low: f64, high: f64| match value
            .filter(|percent| percent.is_finite())
        {
            Some(percent) => percent.clamp(low, high).round(),
            None => f64::from(default),
        };
        Assumptions {
            scale_up_minutes: seconds(
                overrides.scale_up_minutes,
                DEFAULT_SCALE_UP_SECONDS,
                MAX_DURATION_MINUTES,
            ),
            hook_minutes: seconds(
                overrides.hook_minutes,
                DEFAULT_HOOK_SECONDS,
                MAX_DURATION_MINUTES,
            ),
            drain_minutes: seconds(
                overrides.drain_minutes,
                DEFAULT_DRAIN_SECONDS,
                MAX_DRAIN_MINUTES,
            ),
            bake_time_minutes: seconds(
                overrides.bake_time_minutes,
                DEFAULT_BAKE_TIME_SECONDS,
                MAX_DURATION_MINUTES,
            ),
            minimum_healthy_percent: percent(
                overrides.minimum_healthy_percent,
                DEFAULT_MINIMUM_HEALTHY_PERCENT,
                0.0,
                100.0,
            ),
            maximum_percent: percent(
                overrides.maximum_percent,
                DEFAULT_MAXIMUM_PERCENT,
                100.0,
                MAX_MAXIMUM_PERCENT,
            ),
            desired_count: overrides
                .desired_count
                .filter(|count| count.is_finite())
                .map(|count| count.clamp(0.0, f64::from(MAX_DESIRED_COUNT)).round() as u32),
            nlb_shift_delay_minutes: seconds(
                overrides.nlb_shift_delay_minutes,
                DEFAULT_NLB_SHIFT_DELAY_SECONDS,
                MAX_DURATION_MINUTES,
            ),
            load_balancer_type: overrides
                .load_balancer_type
                .unwrap_or(DEFAULT_LOAD_BALANCER_TYPE),
        }
    }
}

/// The assumptions in the engine's exact units: whole seconds and whole percents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Durations {
    pub scale_up: u64,
    pub hook: u64,
    pub drain: u64,
    pub bake_time: u64,
    pub minimum_healthy_percent: u32,
    pub maximum_percent: u32,
    pub nlb_shift_delay: u64,
    pub load_balancer_type: LoadBalancerType,
}

impl Durations {
    /// Converts resolved assumptions; values that did not come from [`Assumptions::resolve`] are
    /// clamped the same way, so this never fails.
    pub fn from_assumptions(assumptions: &Assumptions) -> Durations {
        let seconds = |minutes: f64, max_minutes: f64| {
            if minutes.is_finite() {
                (minutes.clamp(0.0, max_minutes) * 60.0).round() as u64
            } else {
                0
            }
        };
        let percent = |value: f64, low: f64, high: f64, default: u32| {
            if value.is_finite() {
                value.clamp(low, high).round() as u32
            } else {
                default
            }
        };
        Durations {
            scale_up: seconds(assumptions.scale_up_minutes, MAX_DURATION_MINUTES),
            hook: seconds(assumptions.hook_minutes, MAX_DURATION_MINUTES),
            drain: seconds(assumptions.drain_minutes, MAX_DRAIN_MINUTES),
            bake_time: seconds(assumptions.bake_time_minutes, MAX_DURATION_MINUTES),
            minimum_healthy_percent: percent(
                assumptions.minimum_healthy_percent,
                0.0,
                100.0,
                DEFAULT_MINIMUM_HEALTHY_PERCENT,
            ),
            maximum_percent: percent(
                assumptions.maximum_percent,
                100.0,
                MAX_MAXIMUM_PERCENT,
                DEFAULT_MAXIMUM_PERCENT,
            ),
            nlb_shift_delay: seconds(assumptions.nlb_shift_delay_minutes, MAX_DURATION_MINUTES),
            load_balancer_type: assumptions.load_balancer_type,
        }
    }
}

/// Whole seconds as minutes; exact for every value the engine produces that is a whole or half
/// minute, and the nearest `f64` otherwise (computed once, never accumulated).
pub(crate) fn seconds_to_minutes(seconds: u64) -> f64 {
    seconds as f64 / 60.0
}
