//! Simulated failure: the rollout stops at the failure minute and rolls back to the old version.
//!
//! Everything scheduled at or before the failure minute has happened: a stage or traffic shift at
//! exactly that minute is part of the state the rollback starts from.
//!
//! # What detects the failure (the `trigger`)
//!
//! The rule, in order:
//!
//! 1. **`lifecycle-hook`** when a hooked lifecycle stage is running at the failure minute: the
//!    hook answers `FAILED` and ECS rolls the deployment back. (The module's own Lambda always
//!    answers `SUCCEEDED`; the user's check would have to.)
//! 2. **`circuit-breaker`** for rolling and blue/green when the circuit breaker is enabled. The
//!    sources disagree here: the ECS API reference says the breaker covers rolling deployments
//!    only, while the ECS failure-detection guide says rolling and blue/green. This engine follows
//!    the guide, the more specific text, and says so in the timeline's notes for blue/green.
//!    With `rollback = false` the breaker stops a failed deployment without restoring anything;
//!    the timeline still shows the rollback (what `rollback = true` or a manual rollback does) and
//!    a note says so.
//! 3. **`alarm`** otherwise: canary and linear rely on CloudWatch alarms or hooks for rollback,
//!    and a disabled breaker detects nothing. The module creates no alarm, so a note says the
//!    rollback shown needs one (or a person).
//!
//! # How the rollback runs
//!
//! Blue/green, canary and linear keep the old tasks running until clean-up, so production moves
//! back to them at once: the share is 0% from the failure minute. ECS runs the
//! `PRODUCTION_TRAFFIC_SHIFT` stage again (when production had moved) and `TEST_TRAFFIC_SHIFT`
//! (when test traffic had moved), production first, each taking the hook time when hooked; the
//! new tasks then drain. A failure during `CLEAN_UP`, when the old tasks are already stopping,
//! first starts them again (the scale-up time) while production stays on the new version.
//!
//! Rolling rolls back as ECS's circuit breaker does, by a rolling deployment to the previous
//! revision under the same limits: old tasks start and new ones stop, in waves, from the healthy
//! tasks at the failure. Tasks still starting in the failing wave are taken as failed and
//! dropped, and old tasks draining in it as kept (an assumption, said in the notes).

use crate::config::{Deployment, Stage, Strategy};

use super::assumptions::{seconds_to_minutes, Durations};
use super::model::{PhaseName, RollbackTrigger};
use super::plan::{rolling_waves, wave_phases, Limits, Plan, RawPhase, StageClock};

/// The rollback in exact units, before conversion to the public model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RawRollback {
    pub at: u64,
    pub green_tenths_at_failure: u16,
    pub trigger: RollbackTrigger,
    /// `false` when the failed deployment stops where it is (the breaker with `rollback = false`).
    pub rolls_back: bool,
}

/// The sources' disagreement on what the circuit breaker covers, in the same words wherever a
/// timeline mentions it (facts section 5).
pub(crate) const BREAKER_COVERAGE: &str = "Sources disagree on which strategies the circuit \
     breaker covers: the ECS API reference says rolling deployments only, the ECS \
     failure-detection guide says rolling and blue/green; ecs-rollout follows the guide, so for \
     canary and linear it shows no breaker threshold and never lets the breaker trigger a rollback";

/// Cuts `plan` at `fail` (which lies before its end) and appends the rollback.
pub(crate) fn apply(
    deployment: &Deployment,
    durations: &Durations,
    plan: &mut Plan,
    fail: u64,
) -> RawRollback {
    let running_hook = plan
        .stages
        .iter()
        .find(|stage| stage.hooked && stage.at <= fail && fail < stage.at + durations.hook)
        .map(|stage| stage.stage);
    let share_at_failure = plan
        .phases
        .iter()
        .rev()
        .find(|phase| phase.start <= fail)
        .map_or(0, |phase| phase.green_tenths);
    let failing = plan
        .phases
        .iter()
        .copied()
        .find(|phase| phase.start <= fail && fail < phase.end);

    // Whatever starts at the failure minute has happened (a traffic shift at that minute is
    // live when the failure is detected), so phases starting then stay, with no length.
    plan.phases.retain(|phase| phase.start <= fail);
    for phase in &mut plan.phases {
        phase.end = phase.end.min(fail);
    }
    plan.stages.retain(|stage| stage.at <= fail);
    plan.timed_notes.retain(|(second, _)| *second <= fail);

    let trigger = trigger(deployment, running_hook, fail, &mut plan.notes);
    // The breaker with `rollback = false` marks the deployment failed and stops it (facts
    // section 5): nothing moves back, and the timeline ends at the failure.
    let rolls_back =
        trigger != RollbackTrigger::CircuitBreaker || deployment.circuit_breaker.rollback;
    if rolls_back {
        let rollback_phases = match deployment.strategy {
            Strategy::Rolling => {
                rolling_back(deployment, durations, plan, failing, share_at_failure, fail)
            }
            _ => shifting_back(deployment, durations, plan, failing, share_at_failure, fail),
        };
        plan.phases.extend(rollback_phases);
        plan.final_tenths = 0;
    } else {
        plan.final_tenths = share_at_failure;
    }
    RawRollback {
        at: fail,
        green_tenths_at_failure: share_at_failure,
        trigger,
        rolls_back,
    }
}

/// Blue/green, canary and linear: production back to the old tasks, then the new ones drain.
fn shifting_back(
    deployment: &Deployment,
    durations: &Durations,
    plan: &mut Plan,
    failing: Option<RawPhase>,
    share_at_failure: u16,
    fail: u64,
) -> Vec<RawPhase> {
    let count = deployment.desired_count;
    let drain = if count == 0 { 0 } else { durations.drain };
    let green_tasks = failing.map_or(count, |phase| phase.green_tasks);
    let test_traffic_moved = plan
        .stages
        .iter()
        .any(|stage| stage.stage == Stage::TestTrafficShift && !stage.rollback);
    let mut phases = Vec::new();
    let mut clock = StageClock {
        deployment,
        hook: durations.hook,
        nlb_delay: super::plan::nlb_delay(deployment, durations),
        now: fail,
        stages: std::mem::take(&mut plan.stages),
    };
    if failing.is_some_and(|phase| phase.name == PhaseName::CleanUp) {
        plan.notes.push(
            "The failure falls in CLEAN_UP, while the old tasks are still draining: this timeline \
             assumes ECS moves production back to them at once, as during BAKE_TIME (ECS does not \
             document a rollback once clean-up has begun)"
                .to_string(),
        );
    }
    let restore_start = clock.now;
    if share_at_failure > 0 {
        clock.pass(Stage::ProductionTrafficShift, None, true);
    }
    if test_traffic_moved {
        clock.pass(Stage::TestTrafficShift, None, true);
    }
    clock.now += drain;
    phases.push(RawPhase {
        name: PhaseName::Rollback,
        start: restore_start,
        end: clock.now,
        green_tenths: 0,
        blue_tasks: count,
        green_tasks,
        step: None,
        waves: 1,
    });
    plan.stages = clock.stages;
    phases
}

/// Rolling: a rolling deployment back to the old revision from the healthy tasks at the failure.
fn rolling_back(
    deployment: &Deployment,
    durations: &Durations,
    plan: &mut Plan,
    failing: Option<RawPhase>,
    share_at_failure: u16,
    fail: u64,
) -> Vec<RawPhase> {
    let count = deployment.desired_count;
    let wave = failing
        .and_then(|phase| phase.step)
        .and_then(|step| plan.waves.get(step as usize - 1))
        .copied();
    let Some(wave) = wave else {
        return vec![RawPhase {
            name: PhaseName::Rollback,
            start: fail,
            end: fail,
            green_tenths: 0,
            blue_tasks: count,
            green_tasks: 0,
            step: None,
            waves: 1,
        }];
    };
    let limits = Limits::new(count, durations);
    if wave.old_running > wave.old_serving {
        plan.notes.push(format!(
            "{} old task(s) are draining at the failure; this timeline assumes the rollback keeps \
             them serving instead of replacing them (ECS does not document this)",
            wave.old_running - wave.old_serving
        ));
    }
    // Old tasks still draining at the failure still answer (facts section 9); the rollback is
    // taken to keep them rather than drop them and start others (an assumption: ECS does not
    // document it), so traffic only ever moves back towards the old version.
    let back = rolling_waves(
        wave.new_serving,
        wave.old_running,
        count,
        limits,
        durations,
        fail,
    );
    if back.is_empty() {
        let drain = if wave.started > 0 { durations.drain } else { 0 };
        return vec![RawPhase {
            name: PhaseName::Rollback,
            start: fail,
            end: fail + drain,
            green_tenths: 0,
            blue_tasks: wave.old_serving,
            green_tasks: wave.started,
            step: None,
            waves: 1,
        }];
    }
    let (phases, _, _) = wave_phases(&back, PhaseName::Rollback, share_at_failure, true);
    phases
}

/// What detects the failure (see the module docs), with a note explaining it.
fn trigger(
    deployment: &Deployment,
    running_hook: Option<Stage>,
    fail: u64,
    notes: &mut Vec<String>,
) -> RollbackTrigger {
    let minute = format_minutes(fail);
    if let Some(stage) = running_hook {
        notes.push(format!(
            "The lifecycle hook on {} is running at minute {minute}: it answers FAILED and ECS \
             rolls back (the module's own Lambda always answers SUCCEEDED, so the check that \
             fails must be yours)",
            stage.as_str()
        ));
        return RollbackTrigger::LifecycleHook;
    }
    let breaker = deployment.circuit_breaker;
    let covered = matches!(deployment.strategy, Strategy::Rolling | Strategy::BlueGreen);
    if covered && breaker.enable {
        if deployment.strategy == Strategy::BlueGreen {
            notes.push(BREAKER_COVERAGE.to_string());
        }
        if !breaker.rollback {
            notes.push(
                "The circuit breaker's rollback is off: ECS marks the deployment failed and stops \
                 it where it is, so the tasks and the production share stay as at the failure \
                 until someone acts"
                    .to_string(),
            );
        }
        return RollbackTrigger::CircuitBreaker;
    }
    let reason = if covered {
        "the circuit breaker is off"
    } else {
        "canary and linear deployments rely on CloudWatch alarms or lifecycle hooks, and no hook \
         runs at this minute"
    };
    notes.push(format!(
        "Nothing the module configures detects this failure ({reason}); the rollback shown needs \
         a CloudWatch alarm with rollback, which the module does not create, or a manual rollback"
    ));
    RollbackTrigger::Alarm
}

/// Whole seconds as a short minute figure for notes, such as `2.5` or `12`.
pub(crate) fn format_minutes(seconds: u64) -> String {
    super::render::minutes_text(seconds_to_minutes(seconds))
}
