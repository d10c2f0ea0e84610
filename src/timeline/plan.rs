//! The forward rollout of each strategy in exact units (whole seconds, whole tenths of a
//! percent), before any failure, wave merging or conversion to the public model.
//!
//! Blue/green, canary and linear walk the ECS lifecycle stages in order (facts section 3): each
//! hooked stage takes the hook time, `SCALE_UP` takes the scale-up time, and production traffic
//! moves when a `PRODUCTION_TRAFFIC_SHIFT` stage begins (ECS describes that stage as the one in
//! which traffic is shifting, and `PRE_PRODUCTION_TRAFFIC_SHIFT` as the gate before it), so a hook
//! on `PRODUCTION_TRAFFIC_SHIFT` runs with the new share already live. Phases are cut where the
//! production share changes, so a phase includes the hooked stages that run inside it.
//!
//! Rolling has no stages; it is simulated wave by wave (see [`rolling_waves`]).

use crate::config::LoadBalancerType;
use crate::config::{Deployment, Stage, Strategy};

use super::assumptions::Durations;
use super::model::PhaseName;

/// A hundred percent in tenths.
pub(crate) const FULL: u16 = 1000;

/// One phase in exact units; `waves` counts the ECS waves it stands for (1 unless merged).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RawPhase {
    pub name: PhaseName,
    pub start: u64,
    pub end: u64,
    pub green_tenths: u16,
    pub blue_tasks: u32,
    pub green_tasks: u32,
    pub step: Option<u32>,
    pub waves: u32,
}

/// One lifecycle stage event in exact units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RawStage {
    pub stage: Stage,
    pub at: u64,
    pub hooked: bool,
    pub step: Option<u32>,
    pub rollback: bool,
    /// Seconds a Network Load Balancer adds to this stage run (facts section 10); 0 elsewhere.
    pub delay: u64,
}

/// A whole rollout in exact units: phases, stages and the production share once it is over.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Plan {
    pub phases: Vec<RawPhase>,
    pub stages: Vec<RawStage>,
    pub final_tenths: u16,
    pub notes: Vec<String>,
    /// Notes about a moment of the forward rollout, with its second: dropped when a failure
    /// comes before it, so a rollback never describes what would have happened afterwards.
    pub timed_notes: Vec<(u64, String)>,
    /// Rolling only: the waves behind the `ROLLING_WAVE` phases, one per phase, in order.
    pub waves: Vec<Wave>,
}

impl Plan {
    pub fn end(&self) -> u64 {
        self.phases.last().map_or(0, |phase| phase.end)
    }
}

/// The production shares a traffic-shifting strategy moves through, in order, and the bake
/// between two shifts; `None` for rolling.
pub(crate) fn shifts(strategy: Strategy) -> Option<(Vec<u16>, u64)> {
    match strategy {
        Strategy::Rolling => None,
        Strategy::BlueGreen => Some((vec![FULL], 0)),
        Strategy::Canary { percent, bake } => {
            Some((vec![percent.get(), FULL], u64::from(bake.get()) * 60))
        }
        Strategy::Linear { step, bake } => {
            let step = step.get();
            let count = FULL.div_ceil(step);
            let shares = (1..=count).map(|k| (k * step).min(FULL)).collect();
            Some((shares, u64::from(bake.get()) * 60))
        }
    }
}

/// The forward plan of `deployment` under `durations`.
pub(crate) fn forward(deployment: &Deployment, durations: &Durations) -> Plan {
    match shifts(deployment.strategy) {
        Some((shares, bake_between)) => {
            traffic_shifting(deployment, durations, &shares, bake_between)
        }
        None => rolling(deployment, durations),
    }
}

/// The seconds a Network Load Balancer adds to each `TEST_TRAFFIC_SHIFT` and
/// `PRODUCTION_TRAFFIC_SHIFT` run of `deployment` (facts section 10): the `nlbShiftDelayMinutes`
/// assumption behind a Network Load Balancer, whether the source says so or the
/// `loadBalancerType` assumption does; 0 behind any other carrier.
pub(crate) fn nlb_delay(deployment: &Deployment, durations: &Durations) -> u64 {
    let kind = deployment
        .traffic
        .load_balancer
        .as_ref()
        .map(|balancer| balancer.kind.unwrap_or(durations.load_balancer_type));
    match kind {
        Some(LoadBalancerType::Network) => durations.nlb_shift_delay,
        _ => 0,
    }
}

/// Walks lifecycle stages and advances a clock by the time each one takes.
pub(crate) struct StageClock<'a> {
    pub deployment: &'a Deployment,
    pub hook: u64,
    /// What a Network Load Balancer adds to each traffic-shift stage run ([`nlb_delay`]).
    pub nlb_delay: u64,
    pub now: u64,
    pub stages: Vec<RawStage>,
}

impl StageClock<'_> {
    /// Records `stage` at the current time; a traffic-shift stage behind a Network Load
    /// Balancer then takes the delay, and a hooked stage the hook time.
    pub fn pass(&mut self, stage: Stage, step: Option<u32>, rollback: bool) {
        let hooked = stage.is_hookable() && self.deployment.is_hooked(stage);
        let delay = match stage {
            Stage::TestTrafficShift | Stage::ProductionTrafficShift => self.nlb_delay,
            _ => 0,
        };
        self.stages.push(RawStage {
            stage,
            at: self.now,
            hooked,
            step,
            rollback,
            delay,
        });
        self.now += delay;
        if hooked {
            self.now += self.hook;
        }
    }
}

/// Blue/green, canary and linear: scale up, test traffic, one production shift per share with a
/// bake between shifts, the deployment bake time, then clean-up.
fn traffic_shifting(
    deployment: &Deployment,
    durations: &Durations,
    shares: &[u16],
    bake_between: u64,
) -> Plan {
    let count = deployment.desired_count;
    // With no task to start or stop, scaling up and draining take no time; hooks and bakes
    // still run, because ECS still walks the stages.
    let (scale_up, drain) = if count == 0 {
        (0, 0)
    } else {
        (durations.scale_up, durations.drain)
    };
    let mut clock = StageClock {
        deployment,
        hook: durations.hook,
        nlb_delay: nlb_delay(deployment, durations),
        now: 0,
        stages: Vec::new(),
    };
    let mut phases = Vec::new();
    let mut push = |name, start, end, green_tenths, step| {
        phases.push(RawPhase {
            name,
            start,
            end,
            green_tenths,
            blue_tasks: count,
            green_tasks: count,
            step,
            waves: 1,
        });
    };

    clock.pass(Stage::PreScaleUp, None, false);
    clock.stages.push(RawStage {
        stage: Stage::ScaleUp,
        at: clock.now,
        hooked: false,
        step: None,
        rollback: false,
        delay: 0,
    });
    clock.now += scale_up;
    clock.pass(Stage::PostScaleUp, None, false);
    push(PhaseName::ScaleUp, 0, clock.now, 0, None);

    let has_test_listener = deployment
        .listeners
        .is_some_and(|listeners| listeners.test.is_some());
    let mut phase_start = clock.now;
    clock.pass(Stage::TestTrafficShift, None, false);
    clock.pass(Stage::PostTestTrafficShift, None, false);

    let is_canary = matches!(deployment.strategy, Strategy::Canary { .. });
    let mut previous_share = 0;
    for (index, &share) in shares.iter().enumerate() {
        let step = index as u32 + 1;
        clock.pass(Stage::PreProductionTrafficShift, Some(step), false);
        if index == 0 {
            if has_test_listener || clock.now > phase_start {
                push(PhaseName::TestTraffic, phase_start, clock.now, 0, None);
            }
        } else if is_canary {
            push(
                PhaseName::CanaryBake,
                phase_start,
                clock.now,
                previous_share,
                None,
            );
        } else {
            push(
                PhaseName::StepBake,
                phase_start,
                clock.now,
                previous_share,
                Some(index as u32),
            );
        }
        phase_start = clock.now;
        previous_share = share;
        clock.pass(Stage::ProductionTrafficShift, Some(step), false);
        if index + 1 < shares.len() {
            clock.now += bake_between;
        }
    }
    clock.pass(Stage::PostProductionTrafficShift, None, false);
    clock.stages.push(RawStage {
        stage: Stage::BakeTime,
        at: clock.now,
        hooked: false,
        step: None,
        rollback: false,
        delay: 0,
    });
    clock.now += durations.bake_time;
    push(PhaseName::BakeTime, phase_start, clock.now, FULL, None);
    let clean_up_start = clock.now;
    clock.stages.push(RawStage {
        stage: Stage::CleanUp,
        at: clock.now,
        hooked: false,
        step: None,
        rollback: false,
        delay: 0,
    });
    clock.now += drain;
    push(PhaseName::CleanUp, clean_up_start, clock.now, FULL, None);

    let mut notes = Vec::new();
    if deployment.is_hooked(Stage::ReconcileService) {
        notes.push(
            "RECONCILE_SERVICE is hooked, but ECS runs that stage only when a deployment starts \
             while more than one service revision is active; this timeline starts from a steady \
             service with one, so the hook is not called"
                .to_string(),
        );
    }
    notes.extend(super::carriers::shifting_notes(
        deployment,
        durations,
        &clock.stages,
        has_test_listener,
    ));
    Plan {
        phases,
        stages: clock.stages,
        final_tenths: FULL,
        notes,
        timed_notes: Vec::new(),
        waves: Vec::new(),
    }
}

/// The task limits of a rolling deployment, in tasks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Limits {
    /// ECS keeps at least this many healthy tasks: ceil(N × minimum healthy % / 100).
    pub min_healthy: u32,
    /// ECS runs at most this many tasks: floor(N × maximum % / 100), or N + 1 when the limits
    /// would allow no progress.
    pub max_tasks: u32,
    /// Whether `max_tasks` was raised by one so that a task can be replaced at all.
    pub forced_headroom: bool,
}

impl Limits {
    pub fn new(desired_count: u32, durations: &Durations) -> Limits {
        let count = u64::from(desired_count);
        let min_healthy = (count * u64::from(durations.minimum_healthy_percent)).div_ceil(100);
        let max_tasks = count * u64::from(durations.maximum_percent) / 100;
        let min_healthy = u32::try_from(min_healthy.min(count)).unwrap_or(desired_count);
        let max_tasks = u32::try_from(max_tasks.max(count)).unwrap_or(u32::MAX);
        let forced_headroom = desired_count > 0 && max_tasks <= min_healthy;
        Limits {
            min_healthy,
            max_tasks: if forced_headroom {
                max_tasks.saturating_add(1)
            } else {
                max_tasks
            },
            forced_headroom,
        }
    }
}

/// One rolling wave: old tasks stop (draining first) and new ones start, in parallel; the wave
/// ends when the drained tasks are gone and the started ones are healthy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Wave {
    pub start: u64,
    pub end: u64,
    /// Tasks of the version being replaced that still serve traffic during the wave.
    pub old_serving: u32,
    /// Tasks of the version being rolled out that serve traffic during the wave.
    pub new_serving: u32,
    /// Tasks of each version running during the wave, draining and starting ones included.
    pub old_running: u32,
    pub new_running: u32,
    /// Tasks started in this wave (not yet healthy while it runs).
    pub started: u32,
}

/// Replaces `old` healthy tasks of one version by `target` healthy tasks of the other (which
/// has `new` healthy already), wave by wave, from time `start`.
///
/// At each wave ECS stops only the old tasks it has a reason to stop (those beyond the desired
/// count, or those in the way of the maximum) without dropping below the minimum healthy count,
/// and starts as many new tasks as the maximum allows. A draining task still counts towards the
/// maximum until it is gone; with no drain time it is gone at once. ECS's short pause between a
/// new task turning healthy and the old one being deregistered is taken as zero; the split then
/// lasts while the old tasks drain (see [`wave_phases`]).
pub(crate) fn rolling_waves(
    mut old: u32,
    mut new: u32,
    target: u32,
    limits: Limits,
    durations: &Durations,
    start: u64,
) -> Vec<Wave> {
    let mut waves = Vec::new();
    let mut now = start;
    // Every wave stops or starts at least one task, so this bound is never reached; it only
    // guards the loop.
    let max_waves = (u64::from(old) + u64::from(target)) * 2 + 2;
    while (old > 0 || new < target) && (waves.len() as u64) < max_waves {
        let healthy = old + new;
        let allowed_stops = healthy.saturating_sub(limits.min_healthy).min(old);
        let beyond_desired = healthy.saturating_sub(target);
        let in_the_way = (old + target).saturating_sub(limits.max_tasks);
        let stops = allowed_stops.min(beyond_desired.max(in_the_way));
        let running_while_draining = if durations.drain == 0 {
            healthy - stops
        } else {
            healthy
        };
        let starts = target
            .saturating_sub(new)
            .min(limits.max_tasks.saturating_sub(running_while_draining));
        if stops == 0 && starts == 0 {
            break;
        }
        let scale_up = if starts > 0 { durations.scale_up } else { 0 };
        let drain = if stops > 0 { durations.drain } else { 0 };
        let end = now + scale_up.max(drain);
        waves.push(Wave {
            start: now,
            end,
            old_serving: old - stops,
            new_serving: new,
            old_running: if durations.drain == 0 {
                old - stops
            } else {
                old
            },
            new_running: new + starts,
            started: starts,
        });
        old -= stops;
        new += starts;
        now = end;
    }
    waves
}

/// The share of traffic on `part` out of `part + rest` serving tasks, in tenths, rounded but
/// never showing 0% or 100% while both versions serve; `None` when no task serves.
pub(crate) fn share_tenths(part: u32, rest: u32) -> Option<u16> {
    let total = u64::from(part) + u64::from(rest);
    if total == 0 {
        return None;
    }
    let rounded = (u64::from(part) * 1000 + total / 2) / total;
    let clamped = if part == 0 {
        0
    } else if rest == 0 {
        1000
    } else {
        rounded.clamp(1, 999)
    };
    Some(clamped as u16)
}

/// Rolling: waves from N blue tasks to N green ones.
fn rolling(deployment: &Deployment, durations: &Durations) -> Plan {
    let count = deployment.desired_count;
    let limits = Limits::new(count, durations);
    let waves = rolling_waves(count, 0, count, limits, durations, 0);
    let mut notes = Vec::new();
    if count == 0 {
        notes.push(
            "The desired count is 0: there is no task to replace, so the new revision takes over \
             at once and no traffic is served"
                .to_string(),
        );
    }
    if limits.forced_headroom {
        notes.push(format!(
            "With {count} task(s), minimum healthy {}% and maximum {}%, ECS can neither stop an \
             old task nor start a new one, so the deployment would not progress; this timeline \
             lets one extra task run at a time",
            durations.minimum_healthy_percent, durations.maximum_percent
        ));
    }
    if !deployment.hooked_stages.is_empty() {
        notes.push(
            "Lifecycle hooks are documented for blue/green, canary and linear only; ECS describes \
             no stages for a rolling deployment, so this timeline calls no hook"
                .to_string(),
        );
    }
    notes.extend(super::carriers::rolling_note(deployment));
    let mut timed_notes = Vec::new();
    if let Some((second, share)) = momentary_split(&waves) {
        timed_notes.push((
            second,
            format!(
                "At minute {} the new tasks are healthy beside the old ones ({} of traffic on the \
             new version) and ECS deregisters the old ones right away; this timeline gives that \
             moment no length",
                super::rollback::format_minutes(second),
                super::render::percent_text(f64::from(share) / 10.0),
            ),
        ));
    }
    let (phases, final_tenths, outage) = wave_phases(&waves, PhaseName::RollingWave, 0, false);
    if let Some(step) = outage {
        notes.push(format!(
            "During rolling wave {step} no healthy task serves traffic: the minimum healthy \
             percent lets every old task stop before new ones are ready"
        ));
    }
    Plan {
        phases,
        stages: Vec::new(),
        final_tenths: if count == 0 { FULL } else { final_tenths },
        notes,
        timed_notes,
        waves,
    }
}

/// The first wave end at which both versions serve with a split that the next wave ends at once
/// (it deregisters old tasks as it starts and nothing drains), as (second, green share in
/// tenths).
fn momentary_split(waves: &[Wave]) -> Option<(u64, u16)> {
    waves.windows(2).find_map(|pair| {
        let (wave, next) = (pair[0], pair[1]);
        let after = share_tenths(wave.new_serving + wave.started, wave.old_serving)?;
        let during_next = share_tenths(next.new_serving, next.old_running);
        (after > 0 && after < FULL && during_next != Some(after)).then_some((wave.end, after))
    })
}

/// Turns waves into phases named `name`, with the production share on green during each wave
/// (`old_is_green` for a rollback, where the version being replaced is green). Returns the
/// phases, the green share after the last wave, and the first wave (1-based) during which no
/// task serves, if any. `initial` is the share before the first wave.
pub(crate) fn wave_phases(
    waves: &[Wave],
    name: PhaseName,
    initial: u16,
    old_is_green: bool,
) -> (Vec<RawPhase>, u16, Option<u32>) {
    let green_share = |old: u32, new: u32| {
        if old_is_green {
            share_tenths(old, new)
        } else {
            share_tenths(new, old)
        }
    };
    let mut share = initial;
    let mut outage = None;
    let mut phases = Vec::with_capacity(waves.len());
    for (index, wave) in waves.iter().enumerate() {
        let step = index as u32 + 1;
        // Draining tasks still answer until the deregistration delay ends (facts section 9), so
        // the share during a wave counts them: with 100% / 200%, N new healthy tasks beside N
        // draining old ones carry about half the traffic until the drain ends.
        match green_share(wave.old_running, wave.new_serving) {
            Some(during) => share = during,
            None => {
                outage.get_or_insert(step);
            }
        }
        let (blue_tasks, green_tasks) = if old_is_green {
            (wave.new_running, wave.old_running)
        } else {
            (wave.old_running, wave.new_running)
        };
        phases.push(RawPhase {
            name,
            start: wave.start,
            end: wave.end,
            green_tenths: share,
            blue_tasks,
            green_tasks,
            step: Some(step),
            waves: 1,
        });
    }
    if let Some(last) = waves.last() {
        let old_after = last.old_serving;
        let new_after = last.new_serving + last.started;
        if let Some(after) = green_share(old_after, new_after) {
            share = after;
        }
    }
    (phases, share, outage)
}
