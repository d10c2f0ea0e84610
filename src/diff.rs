//! Reviewing a change (contract section 8): what a new version of a file does to the rollout.
//!
//! [`diff`] analyses both texts and reduces each side to a [`RolloutSummary`], whose figures
//! come from the same code as `compare`'s rows (`timeline::comparison_row`), so the two never
//! disagree. The summaries give the [`Change`]s, in the summary's field order, each with one
//! sentence; diagnostics are matched by code and path to find the problems the change brings
//! and the ones it fixes. Spans stay in bytes of their own side; `report::diff_report` converts
//! them. Renderers for people and pull requests live in `render::diff`.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use crate::analysis::{analyze_deployment, Analysis};
use crate::config::Deployment;
use crate::diagnostic::{Diagnostic, Severity};
use crate::options::{Options, StrategyName};
use crate::timeline::{self, minutes_text, percent_text, TrafficStep};

/// One side of a change, reduced to what a reviewer compares (contract `RolloutSummary`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RolloutSummary {
    pub strategy: StrategyName,
    pub total_minutes: f64,
    pub peak_tasks: u32,
    pub first_exposure_percent: f64,
    pub minutes_to_full_traffic: f64,
    pub circuit_breaker_threshold: Option<u32>,
    /// Whether the circuit breaker rolls a failed deployment back (`enable` and `rollback`).
    pub rollback_on_failure: bool,
    /// The stages the lifecycle hook is called at, in deployment order.
    pub hooked_stages: Vec<&'static str>,
    pub errors: u32,
    pub warnings: u32,
    /// Addition to the contract: the side's production traffic curve, so that both curves can be
    /// drawn on one chart. It is not a `changes` field: the figures above describe it.
    pub traffic_steps: Vec<TrafficStep>,
}

/// One summary field that differs, with a sentence for a reviewer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// The summary's key, such as `firstExposurePercent`.
    pub field: &'static str,
    pub before: Value,
    pub after: Value,
    pub message: String,
}

/// What changing `before` into `after` does, with byte spans into each side.
#[derive(Debug, Clone)]
pub struct Diff {
    /// `None` when that side has no timeline.
    pub before: Option<RolloutSummary>,
    pub after: Option<RolloutSummary>,
    /// Only the fields that differ, in the summary's field order; empty unless both sides have a
    /// summary.
    pub changes: Vec<Change>,
    /// In `after` but not in `before` (same code and path), spans into `after`.
    pub new_diagnostics: Vec<Diagnostic>,
    /// In `before` but not in `after`, spans into `before`.
    pub fixed_diagnostics: Vec<Diagnostic>,
}

impl Diff {
    /// How many error-severity problems the change brings: the CLI's exit status and the verdict.
    pub fn new_errors(&self) -> usize {
        count_errors(&self.new_diagnostics)
    }

    /// One line saying whether the change is safe to merge and what it changes.
    pub fn verdict(&self) -> String {
        let new_errors = self.new_errors();
        let new_others = self.new_diagnostics.len() - new_errors;
        let fixed = self.fixed_diagnostics.len();
        let mut parts = Vec::new();
        if !self.changes.is_empty() {
            parts.push(counted(
                self.changes.len(),
                "rollout figure changes",
                "rollout figures change",
            ));
        }
        if new_others > 0 {
            parts.push(counted(
                new_others,
                "new warning or note",
                "new warnings or notes",
            ));
        }
        if fixed > 0 {
            parts.push(counted(fixed, "problem fixed", "problems fixed"));
        }
        match (&self.before, &self.after) {
            (Some(_), None) => parts.push("the rollout can no longer be simulated".to_string()),
            (None, Some(_)) => parts.push("the rollout can now be simulated".to_string()),
            (None, None) => parts.push("neither side's rollout can be simulated".to_string()),
            (Some(_), Some(_)) => {}
        }
        let head = match new_errors {
            0 => "No new errors".to_string(),
            count => format!("This change adds {}", counted(count, "error", "errors")),
        };
        if parts.is_empty() {
            format!("{head}, and the rollout does not change")
        } else {
            format!("{head}: {}", parts.join(", "))
        }
    }
}

fn counted(count: usize, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {many}")
    }
}

fn count_errors(diagnostics: &[Diagnostic]) -> usize {
    diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.severity == Severity::Error)
        .count()
}

/// The change from `before` to `after`, both read with `options`. Pure: no I/O, no panics.
pub fn diff(before: &str, after: &str, options: &Options) -> Diff {
    diff_sides(before, options, after, options)
}

/// [`diff`] with options for each side, for callers that pick the input format per file.
///
/// A simulated failure (`failAtMinute`) is ignored: the summaries describe the forward rollout.
pub fn diff_sides(
    before: &str,
    before_options: &Options,
    after: &str,
    after_options: &Options,
) -> Diff {
    let (before_analysis, before_deployment) = analyze_side(before, before_options);
    let (after_analysis, after_deployment) = analyze_side(after, after_options);
    let before_summary = summary(&before_analysis, before_deployment.as_ref());
    let after_summary = summary(&after_analysis, after_deployment.as_ref());
    let changes = match (&before_summary, &after_summary) {
        (Some(before), Some(after)) => changes(before, after),
        _ => Vec::new(),
    };
    Diff {
        new_diagnostics: unmatched(&after_analysis.diagnostics, &before_analysis.diagnostics),
        fixed_diagnostics: unmatched(&before_analysis.diagnostics, &after_analysis.diagnostics),
        before: before_summary,
        after: after_summary,
        changes,
    }
}

fn analyze_side(source: &str, options: &Options) -> (Analysis, Option<Deployment>) {
    let options = Options {
        fail_at_minute: None,
        ..options.clone()
    };
    analyze_deployment(source, &options)
}

/// The summary of one analysed side; `None` without a timeline.
fn summary(analysis: &Analysis, deployment: Option<&Deployment>) -> Option<RolloutSummary> {
    let (timeline, deployment) = (analysis.timeline.as_ref()?, deployment?);
    let row = timeline::comparison_row(deployment, timeline);
    let count = |severity: Severity| {
        analysis
            .diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.severity == severity)
            .count() as u32
    };
    let mut hooked = deployment.hooked_stages.clone();
    hooked.sort();
    hooked.dedup();
    Some(RolloutSummary {
        strategy: row.strategy,
        total_minutes: row.total_minutes,
        peak_tasks: row.peak_tasks,
        first_exposure_percent: row.first_exposure_percent,
        minutes_to_full_traffic: row.minutes_to_full_traffic,
        circuit_breaker_threshold: timeline.circuit_breaker_threshold,
        rollback_on_failure: deployment.circuit_breaker.enable
            && deployment.circuit_breaker.rollback,
        hooked_stages: hooked.into_iter().map(|stage| stage.as_str()).collect(),
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        traffic_steps: timeline.traffic_steps.clone(),
    })
}

/// The diagnostics of `side` that `other` has no counterpart for, matching each code and path
/// pair as many times as it occurs on both sides.
fn unmatched(side: &[Diagnostic], other: &[Diagnostic]) -> Vec<Diagnostic> {
    let mut available: BTreeMap<(&str, Option<&str>), usize> = BTreeMap::new();
    for diagnostic in other {
        *available.entry(match_key(diagnostic)).or_default() += 1;
    }
    side.iter()
        .filter(
            |diagnostic| match available.get_mut(&match_key(diagnostic)) {
                Some(left) if *left > 0 => {
                    *left -= 1;
                    false
                }
                _ => true,
            },
        )
        .cloned()
        .collect()
}

fn match_key(diagnostic: &Diagnostic) -> (&'static str, Option<&str>) {
    (diagnostic.code.as_str(), diagnostic.path.as_deref())
}

/// The fields that differ, in the summary's field order.
fn changes(before: &RolloutSummary, after: &RolloutSummary) -> Vec<Change> {
    let (b, a) = (before, after);
    let minutes = |value: f64| format!("{} minutes", minutes_text(value));
    [
        change("strategy", &b.strategy, &a.strategy, || {
            format!(
                "the strategy changes from {} to {}",
                b.strategy.title(),
                a.strategy.title()
            )
        }),
        change("totalMinutes", &b.total_minutes, &a.total_minutes, || {
            format!(
                "the rollout {} from {} to {}",
                longer(b.total_minutes, a.total_minutes),
                minutes(b.total_minutes),
                minutes(a.total_minutes)
            )
        }),
        change("peakTasks", &b.peak_tasks, &a.peak_tasks, || {
            format!(
                "the peak task count {} from {} to {}",
                rises(b.peak_tasks, a.peak_tasks),
                b.peak_tasks,
                a.peak_tasks
            )
        }),
        change(
            "firstExposurePercent",
            &b.first_exposure_percent,
            &a.first_exposure_percent,
            || {
                format!(
                    "first exposure {} from {} to {} of production",
                    rises(b.first_exposure_percent, a.first_exposure_percent),
                    percent_text(b.first_exposure_percent),
                    percent_text(a.first_exposure_percent)
                )
            },
        ),
        change(
            "minutesToFullTraffic",
            &b.minutes_to_full_traffic,
            &a.minutes_to_full_traffic,
            || {
                format!(
                    "production reaches full traffic {}: after {} instead of {}",
                    if a.minutes_to_full_traffic > b.minutes_to_full_traffic {
                        "later"
                    } else {
                        "sooner"
                    },
                    minutes(a.minutes_to_full_traffic),
                    minutes(b.minutes_to_full_traffic)
                )
            },
        ),
        change(
            "circuitBreakerThreshold",
            &b.circuit_breaker_threshold,
            &a.circuit_breaker_threshold,
            || breaker_message(b.circuit_breaker_threshold, a.circuit_breaker_threshold),
        ),
        change(
            "rollbackOnFailure",
            &b.rollback_on_failure,
            &a.rollback_on_failure,
            || {
                if a.rollback_on_failure {
                    "the circuit breaker now rolls a failed deployment back".to_string()
                } else {
                    "the circuit breaker no longer rolls a failed deployment back".to_string()
                }
            },
        ),
        change("hookedStages", &b.hooked_stages, &a.hooked_stages, || {
            hooks_message(&b.hooked_stages, &a.hooked_stages)
        }),
        change("errors", &b.errors, &a.errors, || {
            format!(
                "the error count {} from {} to {}",
                rises(b.errors, a.errors),
                b.errors,
                a.errors
            )
        }),
        change("warnings", &b.warnings, &a.warnings, || {
            format!(
                "the warning count {} from {} to {}",
                rises(b.warnings, a.warnings),
                b.warnings,
                a.warnings
            )
        }),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// A change of `field`, if its two values differ.
fn change<T: Serialize + PartialEq>(
    field: &'static str,
    before: &T,
    after: &T,
    message: impl FnOnce() -> String,
) -> Option<Change> {
    (before != after).then(|| Change {
        field,
        before: serde_json::to_value(before).unwrap_or(Value::Null),
        after: serde_json::to_value(after).unwrap_or(Value::Null),
        message: message(),
    })
}

fn rises<T: PartialOrd>(before: T, after: T) -> &'static str {
    if after > before {
        "rises"
    } else {
        "falls"
    }
}

fn longer(before: f64, after: f64) -> &'static str {
    if after > before {
        "gets longer"
    } else {
        "gets shorter"
    }
}

fn breaker_message(before: Option<u32>, after: Option<u32>) -> String {
    match (before, after) {
        (Some(before), Some(after)) => format!(
            "the circuit breaker stops a deployment after {after} failed tasks instead of {before}"
        ),
        (Some(before), None) => format!(
            "the circuit breaker is turned off (it stopped a deployment after {before} failed \
             tasks)"
        ),
        (None, Some(after)) => format!(
            "the circuit breaker is turned on: it stops a deployment after {after} failed tasks"
        ),
        (None, None) => "the circuit breaker stays off".to_string(),
    }
}

fn hooks_message(before: &[&str], after: &[&str]) -> String {
    let added: Vec<&str> = after
        .iter()
        .filter(|stage| !before.contains(stage))
        .copied()
        .collect();
    let removed: Vec<&str> = before
        .iter()
        .filter(|stage| !after.contains(stage))
        .copied()
        .collect();
    if before.is_empty() {
        return format!("the lifecycle hook is now called at {}", added.join(", "));
    }
    if after.is_empty() {
        return format!(
            "the lifecycle hook is no longer called (it was at {})",
            removed.join(", ")
        );
    }
    match (added.is_empty(), removed.is_empty()) {
        (false, true) => format!(
            "the lifecycle hook is now also called at {}",
            added.join(", ")
        ),
        (true, false) => format!(
            "the lifecycle hook is no longer called at {}",
            removed.join(", ")
        ),
        _ => format!(
            "the lifecycle hook is now also called at {}, and no longer at {}",
            added.join(", "),
            removed.join(", ")
        ),
    }
}
