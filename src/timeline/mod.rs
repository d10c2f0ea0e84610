//! The rollout timeline engine: minute by minute, where production traffic goes.
//!
//! Takes only a checked [`Deployment`] and resolved [`Assumptions`], so it cannot fail. Inside,
//! time is whole seconds and percentages are whole tenths (`u64` and `u16`), so nothing
//! accumulates floating error; minutes and percents become `f64` only in the returned model.
//!
//! - `assumptions`: the documented defaults and how overrides are cleaned up.
//! - `plan`: the forward rollout of each strategy (stages, phases, rolling waves).
//! - `rollback`: a simulated failure, and the rule for what detects it.
//! - `render`: the plain-text forms.
//!
//! Very large rolling deployments are kept readable: at most [`MAX_WAVE_PHASES`] phases show the
//! forward waves and [`MAX_ROLLBACK_PHASES`] the rollback waves; beyond that, consecutive waves
//! are merged (each merged phase says how many with `waves`) and a note says so.

mod assumptions;
mod carriers;
mod model;
mod plan;
mod render;
mod rollback;

pub use assumptions::{
    AssumptionOverrides, DEFAULT_BAKE_TIME_SECONDS, DEFAULT_DRAIN_SECONDS, DEFAULT_HOOK_SECONDS,
    DEFAULT_LOAD_BALANCER_TYPE, DEFAULT_MAXIMUM_PERCENT, DEFAULT_MINIMUM_HEALTHY_PERCENT,
    DEFAULT_NLB_SHIFT_DELAY_SECONDS, DEFAULT_SCALE_UP_SECONDS,
};
pub use model::*;
#[cfg(feature = "lsp")]
pub(crate) use render::assumptions_text;
pub(crate) use render::minutes_text;
#[cfg(feature = "cli")]
pub(crate) use render::percent_text;
pub use render::{render_comparison_text, render_text};

use crate::config::StrategyName;
use crate::config::{Deployment, Listener, Listeners, Protocol, Strategy};

use assumptions::{seconds_to_minutes, Durations};
use plan::{RawPhase, FULL};
use rollback::RawRollback;

/// The most phases a rolling deployment's forward waves are shown as.
pub const MAX_WAVE_PHASES: usize = 40;
/// The most phases a rolling rollback's waves are shown as.
pub const MAX_ROLLBACK_PHASES: usize = 10;

/// The minute-by-minute rollout of `deployment`, with a rollback when `fail_at_minute` falls
/// inside it (0 ≤ minute < `totalMinutes`; the minute is taken to the whole second, rounded
/// down). A failure at or after the end, or a negative or non-finite one, gives no rollback.
pub fn build(
    deployment: &Deployment,
    assumptions: &Assumptions,
    fail_at_minute: Option<f64>,
) -> Timeline {
    let durations = Durations::from_assumptions(assumptions);
    let assumed = with_assumed_count(deployment, assumptions);
    let deployment = &assumed;
    let mut plan = plan::forward(deployment, &durations);
    plan.notes.extend(count_note(deployment, assumptions));
    let failure = fail_at_minute
        .filter(|minute| minute.is_finite() && *minute >= 0.0)
        // Minutes that came from whole seconds (such as a phase's start) may land a hair below
        // that second after the division and back; a microsecond of slack keeps them on it.
        .map(|minute| (minute * 60.0 + 1e-6).floor() as u64)
        .filter(|&second| {
            let inside = second < plan.end();
            if !inside {
                plan.notes.push(format!(
                    "The failure minute given ({}) is at or after the end of the rollout (minute \
                     {}), so no failure is simulated",
                    rollback::format_minutes(second),
                    rollback::format_minutes(plan.end())
                ));
            }
            inside
        });
    let rollback = failure.map(|second| rollback::apply(deployment, &durations, &mut plan, second));
    finish(deployment, &durations, plan, rollback)
}

/// `deployment` with the `desiredCount` assumption, when there is one, as its task count.
fn with_assumed_count(deployment: &Deployment, assumptions: &Assumptions) -> Deployment {
    Deployment {
        desired_count: assumptions
            .desired_count
            .unwrap_or(deployment.desired_count),
        ..deployment.clone()
    }
}

/// Which task count the timeline used, when the file's `desired_task_count` is not the whole
/// story: with autoscaling on, or with a `desiredCount` assumption.
fn count_note(deployment: &Deployment, assumptions: &Assumptions) -> Option<String> {
    let count = deployment.desired_count;
    let source = if assumptions.desired_count.is_some() {
        "the desiredCount assumption"
    } else {
        "desired_task_count, the default of the desiredCount assumption"
    };
    match deployment.autoscaling {
        Some(range) => Some(format!(
            "Autoscaling is on ({} to {} tasks) and the module lets it own the running count \
             (desired_count is in ignore_changes), so the count at deploy time may be anything \
             in that range; this timeline uses {count} task(s), from {source}",
            range.min, range.max
        )),
        None if assumptions.desired_count.is_some() => Some(format!(
            "This timeline uses {count} task(s), from the desiredCount assumption instead of \
             the file's desired_task_count"
        )),
        None => None,
    }
}

/// Merges consecutive `name` phases so at most `max` remain; returns how many there were.
fn merge_waves(phases: Vec<RawPhase>, name: PhaseName, max: usize) -> (Vec<RawPhase>, usize) {
    let count = phases.iter().filter(|phase| phase.name == name).count();
    if count <= max {
        return (phases, count);
    }
    let group = count.div_ceil(max);
    let mut merged: Vec<RawPhase> = Vec::with_capacity(phases.len());
    let mut in_group = 0;
    for phase in phases {
        let open_group = merged
            .last_mut()
            .filter(|last| phase.name == name && last.name == name && in_group < group);
        match open_group {
            Some(last) => {
                last.end = phase.end;
                last.waves += phase.waves;
                let running = |p: &RawPhase| u64::from(p.blue_tasks) + u64::from(p.green_tasks);
                if running(&phase) > running(last) {
                    last.blue_tasks = phase.blue_tasks;
                    last.green_tasks = phase.green_tasks;
                }
                in_group += 1;
            }
            None => {
                in_group = 1;
                merged.push(phase);
            }
        }
    }
    (merged, count)
}

/// Converts a plan in exact units to the public model.
fn finish(
    deployment: &Deployment,
    durations: &Durations,
    plan: plan::Plan,
    rollback: Option<RawRollback>,
) -> Timeline {
    let mut notes = plan.notes;
    notes.extend(plan.timed_notes.into_iter().map(|(_, note)| note));
    let covered = matches!(deployment.strategy, Strategy::Rolling | Strategy::BlueGreen);
    if deployment.circuit_breaker.enable && !covered {
        notes.push(rollback::BREAKER_COVERAGE.to_string());
    }
    let (phases, forward_waves) = merge_waves(plan.phases, PhaseName::RollingWave, MAX_WAVE_PHASES);
    let (phases, rollback_waves) = if deployment.strategy == Strategy::Rolling {
        merge_waves(phases, PhaseName::Rollback, MAX_ROLLBACK_PHASES)
    } else {
        (phases, 0)
    };
    for (label, count, max) in [
        ("rolling waves", forward_waves, MAX_WAVE_PHASES),
        ("rollback waves", rollback_waves, MAX_ROLLBACK_PHASES),
    ] {
        if count > max {
            notes.push(format!(
                "ECS would run {count} {label} here; they are shown merged into at most {max} \
                 phases of up to {} waves each (see each phase's waves)",
                count.div_ceil(max)
            ));
        }
    }

    let end = phases.last().map_or(0, |phase| phase.end);
    let mut traffic: Vec<(u64, u16)> = vec![(0, 0)];
    for phase in &phases {
        if traffic
            .last()
            .is_some_and(|&(_, share)| share != phase.green_tenths)
        {
            traffic.push((phase.start, phase.green_tenths));
        }
    }
    if traffic
        .last()
        .is_some_and(|&(_, share)| share != plan.final_tenths)
    {
        traffic.push((end, plan.final_tenths));
    }

    let rollback = rollback.map(|raw| {
        let restored = if raw.green_tenths_at_failure == 0 {
            raw.at
        } else {
            traffic.last().map_or(raw.at, |&(minute, _)| minute)
        };
        Rollback {
            at_minute: seconds_to_minutes(raw.at),
            green_percent_at_failure: percent(raw.green_tenths_at_failure),
            restored_minute: raw.rolls_back.then(|| seconds_to_minutes(restored)),
            trigger: raw.trigger,
        }
    });

    let breaker = deployment.circuit_breaker;
    let count = deployment.desired_count;
    Timeline {
        strategy: deployment.strategy.name(),
        total_minutes: seconds_to_minutes(end),
        desired_count: count,
        peak_tasks: phases
            .iter()
            .map(|phase| phase.blue_tasks.saturating_add(phase.green_tasks))
            .max()
            .unwrap_or(count),
        circuit_breaker_threshold: (breaker.enable && covered)
            .then(|| count.div_ceil(2).clamp(3, 200)),
        listeners: deployment.listeners.map(listeners_view),
        traffic_steps: traffic
            .iter()
            .map(|&(second, share)| TrafficStep {
                minute: seconds_to_minutes(second),
                green_percent: percent(share),
            })
            .collect(),
        phases: phases
            .iter()
            .map(|phase| Phase {
                name: phase.name,
                start_minute: seconds_to_minutes(phase.start),
                end_minute: seconds_to_minutes(phase.end),
                green_percent: percent(phase.green_tenths),
                blue_tasks: phase.blue_tasks,
                green_tasks: phase.green_tasks,
                step: phase.step,
                waves: (phase.waves > 1).then_some(phase.waves),
            })
            .collect(),
        stages: plan
            .stages
            .iter()
            .map(|stage| StageEvent {
                stage: stage.stage.as_str(),
                minute: seconds_to_minutes(stage.at),
                hooked: stage.hooked,
                step: stage.step,
                rollback: stage.rollback,
                delay_minutes: (stage.delay > 0).then(|| seconds_to_minutes(stage.delay)),
            })
            .collect(),
        assumptions: assumptions_view(durations, deployment.desired_count),
        rollback,
        notes,
    }
}

/// Tenths of a percent as a percent with at most one decimal (33.3, never 33.299999).
fn percent(tenths: u16) -> f64 {
    f64::from(tenths) / 10.0
}

fn assumptions_view(durations: &Durations, desired_count: u32) -> Assumptions {
    Assumptions {
        scale_up_minutes: seconds_to_minutes(durations.scale_up),
        hook_minutes: seconds_to_minutes(durations.hook),
        drain_minutes: seconds_to_minutes(durations.drain),
        bake_time_minutes: seconds_to_minutes(durations.bake_time),
        minimum_healthy_percent: f64::from(durations.minimum_healthy_percent),
        maximum_percent: f64::from(durations.maximum_percent),
        desired_count: Some(desired_count),
        nlb_shift_delay_minutes: seconds_to_minutes(durations.nlb_shift_delay),
        load_balancer_type: durations.load_balancer_type,
    }
}

fn listener_view(listener: Listener) -> ListenerView {
    ListenerView {
        port: listener.port,
        protocol: listener.protocol.map(Protocol::as_str),
    }
}

fn listeners_view(listeners: Listeners) -> ListenersView {
    ListenersView {
        production: listener_view(listeners.production),
        test: listeners.test.map(listener_view),
    }
}

/// The same service under all four strategies.
///
/// Canary and linear use the deployment's own settings when it has them, else ECS's defaults.
/// Listeners follow the module: advanced strategies get a test listener beside the production
/// one (port 8443 when production is 443, else 8080, same protocol) when there is a load
/// balancer, and rolling gets none.
pub fn compare(deployment: &Deployment, assumptions: &Assumptions) -> Comparison {
    let deployment = &with_assumed_count(deployment, assumptions);
    let canary = match deployment.strategy {
        canary @ Strategy::Canary { .. } => canary,
        _ => Strategy::default_canary(),
    };
    let linear = match deployment.strategy {
        linear @ Strategy::Linear { .. } => linear,
        _ => Strategy::default_linear(),
    };
    let rows = [Strategy::Rolling, Strategy::BlueGreen, canary, linear]
        .into_iter()
        .map(|strategy| {
            let variant = Deployment {
                strategy,
                listeners: deployment
                    .listeners
                    .map(|listeners| listeners_for(strategy, listeners)),
                ..deployment.clone()
            };
            let timeline = build(&variant, assumptions, None);
            comparison_row(&variant, &timeline, strategy == deployment.strategy)
        })
        .collect();
    Comparison {
        rows,
        desired_count: deployment.desired_count,
        assumptions: assumptions_view(
            &Durations::from_assumptions(assumptions),
            deployment.desired_count,
        ),
        notes: Vec::new(),
    }
}

/// The listeners the module would create for `strategy` with this production listener.
fn listeners_for(strategy: Strategy, listeners: Listeners) -> Listeners {
    let production = listeners.production;
    let test = match strategy {
        Strategy::Rolling => None,
        _ => Some(
            listeners.test.unwrap_or(Listener {
                port: production
                    .port
                    .map(|port| if port == 443 { 8443 } else { 8080 }),
                protocol: production.protocol,
            }),
        ),
    };
    Listeners { production, test }
}

/// One comparison row from a forward timeline; `diff` takes its summary figures from here too.
/// `from_file` says whether the deployment's strategy settings are the file's own.
pub fn comparison_row(
    deployment: &Deployment,
    timeline: &Timeline,
    from_file: bool,
) -> ComparisonRow {
    let first_exposure = timeline
        .traffic_steps
        .iter()
        .find(|step| step.green_percent > 0.0);
    let full = timeline
        .traffic_steps
        .iter()
        .find(|step| step.green_percent >= percent(FULL));
    let production_shifts = timeline
        .traffic_steps
        .windows(2)
        .filter(|pair| pair[1].green_percent > pair[0].green_percent)
        .count() as u32;
    let count = deployment.desired_count;
    let (mixed_traffic, extra_task_minutes) =
        timeline
            .phases
            .iter()
            .fold((0.0, 0.0), |(mixed, extra), phase| {
                let minutes = phase.end_minute - phase.start_minute;
                let split = phase.green_percent > 0.0 && phase.green_percent < percent(FULL);
                let mixed = if split { mixed + minutes } else { mixed };
                let above = (phase.blue_tasks + phase.green_tasks).saturating_sub(count);
                (mixed, extra + minutes * f64::from(above))
            });
    ComparisonRow {
        strategy: timeline.strategy,
        total_minutes: timeline.total_minutes,
        peak_tasks: timeline.peak_tasks,
        first_exposure_percent: first_exposure.map_or(0.0, |step| step.green_percent),
        minutes_to_full_traffic: full.map_or(timeline.total_minutes, |step| step.minute),
        production_shifts,
        mixed_traffic_minutes: round_hundredths(mixed_traffic),
        extra_task_minutes: round_hundredths(extra_task_minutes),
        test_listener: timeline
            .listeners
            .is_some_and(|listeners| listeners.test.is_some()),
        rollback_triggers: rollback_triggers(deployment),
        shifts: shift_settings(deployment.strategy, from_file),
    }
}

/// The settings of a canary or linear `strategy`.
fn shift_settings(strategy: Strategy, from_file: bool) -> Option<ShiftSettings> {
    let (percent, bake) = match strategy {
        Strategy::Rolling | Strategy::BlueGreen => return None,
        Strategy::Canary { percent, bake } => (percent, bake),
        Strategy::Linear { step, bake } => (step, bake),
    };
    Some(ShiftSettings {
        percent: percent.as_percent(),
        bake_minutes: f64::from(bake.get()),
        from_file,
    })
}

/// Sums of phase lengths in minutes, rounded to hundredths so float sums read cleanly.
fn round_hundredths(minutes: f64) -> f64 {
    (minutes * 100.0).round() / 100.0
}

/// What can detect a failure of this deployment (see `rollback` for the rule).
fn rollback_triggers(deployment: &Deployment) -> Vec<RollbackTrigger> {
    let name = deployment.strategy.name();
    let mut triggers = Vec::new();
    let hooks_called = name != StrategyName::Rolling
        && deployment
            .hooked_stages
            .iter()
            .any(|stage| *stage != crate::config::Stage::ReconcileService);
    if hooks_called {
        triggers.push(RollbackTrigger::LifecycleHook);
    }
    let covered = matches!(name, StrategyName::Rolling | StrategyName::BlueGreen);
    if covered && deployment.circuit_breaker.enable {
        triggers.push(RollbackTrigger::CircuitBreaker);
    }
    if triggers.is_empty() || !covered {
        triggers.push(RollbackTrigger::Alarm);
    }
    triggers
}
