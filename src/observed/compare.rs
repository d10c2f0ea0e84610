//! A deployment's observed times beside its plan: the plan's time cut where the record can see a
//! boundary (new targets registered: scale-up over; old targets deregistered: clean-up begins;
//! the deployment's end), and the difference on each stretch between two boundaries seen.

use serde::Serialize;

use super::events::EventKind;
use crate::timeline::{PhaseName, Timeline};

/// One stretch of the rollout: the plan's phases it covers, their planned minutes, and the
/// minutes the record shows for it (`null` where the record does not show both its ends).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct PhaseDifference {
    pub phases: Vec<PhaseName>,
    pub planned_minutes: f64,
    pub observed_minutes: Option<f64>,
    pub difference_minutes: Option<f64>,
}

/// The minutes, from the deployment's start, at which the record shows each boundary the plan
/// has: new targets registered, old targets deregistered, the end.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Marks {
    pub tasks_started: Option<f64>,
    pub registered: Option<f64>,
    pub deregistered: Option<f64>,
    pub tasks_stopped: Option<f64>,
    pub end: Option<f64>,
}

impl Marks {
    /// The first of each kind of event, each boundary after the one before it.
    pub fn from_events<'a>(events: impl Iterator<Item = (f64, EventKind)> + Clone + 'a) -> Marks {
        let first = |kind: EventKind, after: Option<f64>| {
            events
                .clone()
                .find(|(minute, found)| {
                    *found == kind && after.is_none_or(|after| *minute >= after)
                })
                .map(|(minute, _)| minute)
        };
        let tasks_started = first(EventKind::TasksStarted, None);
        let registered = first(EventKind::TargetsRegistered, tasks_started);
        let deregistered = first(EventKind::TargetsDeregistered, registered.or(tasks_started));
        let tasks_stopped = first(EventKind::TasksStopped, deregistered);
        Marks {
            tasks_started,
            registered,
            deregistered,
            tasks_stopped,
            end: None,
        }
    }
}

/// The plan's boundaries matching [`Marks`]: scale-up over (`POST_SCALE_UP` reached), clean-up
/// begun (`CLEAN_UP`), the end. Rolling has no stages, so only its end.
fn plan_bounds(plan: &Timeline) -> [Option<f64>; 3] {
    let stage = |name: &str| {
        plan.stages
            .iter()
            .find(|stage| stage.stage == name && !stage.rollback)
            .map(|stage| stage.minute)
    };
    [
        stage("POST_SCALE_UP"),
        stage("CLEAN_UP"),
        Some(plan.total_minutes),
    ]
}

/// The differences, stretch by stretch, of `plan` against `marks`.
pub fn differences(plan: &Timeline, marks: &Marks) -> Vec<PhaseDifference> {
    let planned = plan_bounds(plan);
    let observed = [marks.registered, marks.deregistered, marks.end];
    let mut out = Vec::new();
    let (mut plan_from, mut seen_from) = (0.0, Some(0.0));
    for (planned, observed) in planned.into_iter().zip(observed) {
        let Some(plan_to) = planned else { continue };
        let last = plan_to == plan.total_minutes;
        if observed.is_none() && !last {
            // The record does not show this boundary: the stretch goes on to the next one.
            continue;
        }
        let phases = phases_between(plan, plan_from, plan_to);
        let observed_minutes = seen_from.zip(observed).map(|(from, to)| tidy(to - from));
        let planned_minutes = tidy(plan_to - plan_from);
        out.push(PhaseDifference {
            phases,
            planned_minutes,
            observed_minutes,
            difference_minutes: observed_minutes.map(|minutes| tidy(minutes - planned_minutes)),
        });
        plan_from = plan_to;
        seen_from = observed;
    }
    out
}

/// The names of the plan's phases that overlap `from .. to`, in order, each once.
fn phases_between(plan: &Timeline, from: f64, to: f64) -> Vec<PhaseName> {
    let mut names = Vec::new();
    for phase in &plan.phases {
        let overlaps = phase.end_minute > from && phase.start_minute < to
            || (phase.start_minute == phase.end_minute
                && phase.start_minute >= from
                && phase.start_minute < to);
        if overlaps && phase.name != PhaseName::Rollback && !names.contains(&phase.name) {
            names.push(phase.name);
        }
    }
    names
}

/// Minutes to the nearest millisecond (the record's precision), without the floating-point dust
/// of a subtraction (`2.0000000000000004`).
pub fn tidy(minutes: f64) -> f64 {
    (minutes * 60_000.0).round() / 60_000.0
}
