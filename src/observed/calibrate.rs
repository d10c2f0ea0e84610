//! The assumptions that would make a deployment's plan match what the record shows:
//!
//! - `scaleUpMinutes`: from the first "has started N tasks" to the first "registered N targets"
//!   after it (the plan's `SCALE_UP` to `POST_SCALE_UP`);
//! - `drainMinutes`: from the first "deregistered N targets" after that to the first "has stopped
//!   N running tasks" after it (the plan's `CLEAN_UP` to its end);
//! - what the deployment took beyond its plan rebuilt with those two and no hook time: spread over
//!   its hooked stage runs as `hookMinutes`, or, with no hook but a Network Load Balancer's delay in
//!   the plan, over its traffic-shift stage runs as `nlbShiftDelayMinutes` (the other held at its
//!   assumed value).
//!
//! The bakes are the record's own settings, not assumptions, so they are never calibrated. Only a
//! deployment that finished (`SUCCESSFUL`) is calibrated; several are summarised by the median
//! of each value and its spread. Every value is whole seconds, as the timeline's are.

use serde::Serialize;

use super::compare::Marks;
use crate::config::Deployment;
use crate::options::AssumptionOverrides;
use crate::timeline::{self, Assumptions};

/// Calibrated assumptions, only those the record gives: an object to copy into
/// `Options.assumptions`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Calibrated {
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub scale_up_minutes: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub hook_minutes: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub drain_minutes: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub nlb_shift_delay_minutes: Option<f64>,
}

impl Calibrated {
    /// Each value with its name in `Options.assumptions`.
    pub fn named(&self) -> [(&'static str, Option<f64>); 4] {
        [
            ("scaleUpMinutes", self.scale_up_minutes),
            ("hookMinutes", self.hook_minutes),
            ("drainMinutes", self.drain_minutes),
            ("nlbShiftDelayMinutes", self.nlb_shift_delay_minutes),
        ]
    }

    pub fn is_empty(&self) -> bool {
        self.named().iter().all(|(_, value)| value.is_none())
    }
}

/// One calibrated assumption over several deployments: the median and the spread.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Spread {
    pub assumption: &'static str,
    pub median: f64,
    pub min: f64,
    pub max: f64,
    /// How many deployments gave a value.
    pub samples: u32,
}

/// Minutes rounded to whole seconds, the timeline's unit.
fn whole_seconds(minutes: f64) -> f64 {
    (minutes * 60.0).round() / 60.0
}

/// The calibration of one finished deployment, planned as `deployment` under `assumptions`,
/// whose record shows `marks` and lasted `observed` minutes.
pub fn calibrate(
    deployment: &Deployment,
    assumptions: &Assumptions,
    marks: &Marks,
    observed: f64,
) -> Calibrated {
    let gap = |from: Option<f64>, to: Option<f64>| {
        from.zip(to)
            .map(|(from, to)| whole_seconds(to - from))
            .filter(|minutes| *minutes >= 0.0)
    };
    let mut calibrated = Calibrated {
        scale_up_minutes: gap(marks.tasks_started, marks.registered),
        drain_minutes: gap(marks.deregistered, marks.tasks_stopped),
        ..Calibrated::default()
    };
    let plan = timeline::build(deployment, assumptions, None);
    if deployment.strategy.name() == crate::options::StrategyName::Rolling {
        return calibrated;
    }
    let hooked = plan.stages.iter().filter(|stage| stage.hooked).count();
    let delayed = plan
        .stages
        .iter()
        .filter(|stage| stage.delay_minutes.is_some())
        .count();
    let mut rebuilt = *assumptions;
    rebuilt.scale_up_minutes = calibrated
        .scale_up_minutes
        .unwrap_or(assumptions.scale_up_minutes);
    rebuilt.drain_minutes = calibrated
        .drain_minutes
        .unwrap_or(assumptions.drain_minutes);
    rebuilt.hook_minutes = 0.0;
    if hooked == 0 {
        rebuilt.nlb_shift_delay_minutes = 0.0;
    }
    let rest = observed - timeline::build(deployment, &rebuilt, None).total_minutes;
    let share = |runs: usize| Some(whole_seconds((rest / runs as f64).max(0.0)));
    if hooked > 0 {
        calibrated.hook_minutes = share(hooked);
    } else if delayed > 0 {
        calibrated.nlb_shift_delay_minutes = share(delayed);
    }
    calibrated
}

/// The median and spread of each assumption over `calibrations`, and the medians as one object;
/// `None` when no deployment gave any value.
pub fn summarise(calibrations: &[Calibrated]) -> (Option<Calibrated>, Vec<Spread>) {
    let mut medians = Calibrated::default();
    let mut spreads = Vec::new();
    for (index, (name, _)) in Calibrated::default().named().into_iter().enumerate() {
        let mut values: Vec<f64> = calibrations
            .iter()
            .filter_map(|calibrated| calibrated.named()[index].1)
            .collect();
        if values.is_empty() {
            continue;
        }
        values.sort_by(f64::total_cmp);
        let middle = values.len() / 2;
        let median = if values.len() % 2 == 0 {
            whole_seconds((values[middle - 1] + values[middle]) / 2.0)
        } else {
            values[middle]
        };
        let slot = match index {
            0 => &mut medians.scale_up_minutes,
            1 => &mut medians.hook_minutes,
            2 => &mut medians.drain_minutes,
            _ => &mut medians.nlb_shift_delay_minutes,
        };
        *slot = Some(median);
        spreads.push(Spread {
            assumption: name,
            median,
            min: values[0],
            max: values[values.len() - 1],
            samples: values.len() as u32,
        });
    }
    ((!medians.is_empty()).then_some(medians), spreads)
}

/// `overrides` with the calibrated values in place.
pub fn apply(overrides: &AssumptionOverrides, calibrated: &Calibrated) -> AssumptionOverrides {
    AssumptionOverrides {
        scale_up_minutes: calibrated.scale_up_minutes.or(overrides.scale_up_minutes),
        hook_minutes: calibrated.hook_minutes.or(overrides.hook_minutes),
        drain_minutes: calibrated.drain_minutes.or(overrides.drain_minutes),
        nlb_shift_delay_minutes: calibrated
            .nlb_shift_delay_minutes
            .or(overrides.nlb_shift_delay_minutes),
        ..overrides.clone()
    }
}
