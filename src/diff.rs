//! Reviewing a change (contract section 8): what a new version of a file does to the rollout.
//!
//! [`diff`] analyses both texts and reduces each side to a [`RolloutSummary`], whose figures
//! come from the same code as `compare`'s rows (`timeline::comparison_row`), so the two never
//! disagree. The summaries give the [`Change`]s, in the summary's field order, each with one
//! sentence; diagnostics are matched by code and path to find the problems the change brings
//! and the ones it fixes. Spans stay in bytes of their own side; `report::diff_report` converts
//! them. Renderers for people and pull requests live in `render::diff`.

use serde::Serialize;

use crate::analysis::{analyze_deployment, Analysis};
use crate::config::{Deployment, Stage};
use crate::diagnostic::{Diagnostic, Severity};
use crate::options::{Options, StrategyName};
use crate::timeline::{self, minutes_text, TrafficStep};

/// One side of a change, reduced to what a reviewer compares (contract `RolloutSummary`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
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
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Change {
    /// The summary's key, such as `firstExposurePercent`.
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(type = "Exclude<keyof RolloutSummary, \"trafficSteps\">")
    )]
    pub field: &'static str,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "unknown"))]
    pub before: FieldValue,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "unknown"))]
    pub after: FieldValue,
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
    let (before_analysis, before_deployment) =
        analyze_deployment(before, Default::default(), before_options, None);
    let (after_analysis, after_deployment) =
        analyze_deployment(after, Default::default(), after_options, None);
    let before_summary = summary(&before_analysis, before_deployment.as_ref());
    let after_summary = summary(&after_analysis, after_deployment.as_ref());
    let changes = match (&before_summary, &after_summary) {
        (Some(before), Some(after)) => changes(before, after),
        _ => Vec::new(),
    };
    let (before_left, after_left) =
        unpaired(&before_analysis.diagnostics, &after_analysis.diagnostics);
    Diff {
        new_diagnostics: keep(after_analysis.diagnostics, after_left),
        fixed_diagnostics: keep(before_analysis.diagnostics, before_left),
        before: before_summary,
        after: after_summary,
        changes,
    }
}

/// The summary of one analysed side; `None` without a timeline.
fn summary(analysis: &Analysis, deployment: Option<&Deployment>) -> Option<RolloutSummary> {
    let (timeline, deployment) = (analysis.timeline.as_ref()?, deployment?);
    // Each side's deployment is its file's own.
    let row = timeline::comparison_row(deployment, timeline, true);
    let count = |severity: Severity| {
        analysis
            .diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.severity == severity)
            .count() as u32
    };
    Some(RolloutSummary {
        strategy: row.strategy,
        total_minutes: row.total_minutes,
        peak_tasks: row.peak_tasks,
        first_exposure_percent: row.first_exposure_percent,
        minutes_to_full_traffic: row.minutes_to_full_traffic,
        circuit_breaker_threshold: timeline.circuit_breaker_threshold,
        rollback_on_failure: deployment.circuit_breaker.enable
            && deployment.circuit_breaker.rollback,
        hooked_stages: Stage::ALL
            .into_iter()
            .filter(|stage| deployment.is_hooked(*stage))
            .map(Stage::as_str)
            .collect(),
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        traffic_steps: timeline.traffic_steps.clone(),
    })
}

/// Pairs each diagnostic of `after` with an unpaired one of `before` that has the same code and
/// path (the first ones with the others, in order); returns, for each side, which diagnostics
/// found no partner. Linear in the number of diagnostics, which an adversarial file makes large.
fn unpaired(before: &[Diagnostic], after: &[Diagnostic]) -> (Vec<bool>, Vec<bool>) {
    // Both sides' (code, path) keys in one list; equal keys share a group (the index of the
    // first), found by sorting rather than with a hash map (issue 23: bytes in the browser).
    let keys: Vec<String> = before
        .iter()
        .chain(after)
        .map(|diagnostic| {
            format!(
                "{}\u{0}{}",
                diagnostic.code.as_str(),
                diagnostic.path.as_deref().unwrap_or("\u{1}")
            )
        })
        .collect();
    let borrowed: Vec<&str> = keys.iter().map(String::as_str).collect();
    let group = crate::pairs::first_of_equal(&borrowed);
    // Each side's indexes by group, in order; the first k of a group on one side pair with the
    // first k on the other.
    let by_group = |range: std::ops::Range<usize>| {
        let mut pairs: Vec<(usize, usize)> = range.map(|index| (group[index], index)).collect();
        crate::pairs::sort_pairs(&mut pairs);
        pairs
    };
    let old = by_group(0..before.len());
    let new = by_group(before.len()..keys.len());
    let mut before_left = vec![true; before.len()];
    let mut after_left = vec![true; after.len()];
    let (mut i, mut j) = (0, 0);
    while i < old.len() && j < new.len() {
        match old[i].0.cmp(&new[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                before_left[old[i].1] = false;
                after_left[new[j].1 - before.len()] = false;
                i += 1;
                j += 1;
            }
        }
    }
    (before_left, after_left)
}

/// The diagnostics whose flag in `left` is set.
fn keep(diagnostics: Vec<Diagnostic>, left: Vec<bool>) -> Vec<Diagnostic> {
    diagnostics
        .into_iter()
        .zip(left)
        .filter_map(|(diagnostic, left)| left.then_some(diagnostic))
        .collect()
}

/// The fields that differ, in the summary's field order.
fn changes(before: &RolloutSummary, after: &RolloutSummary) -> Vec<Change> {
    fields(before)
        .into_iter()
        .zip(fields(after))
        .filter(|((_, before), (_, after))| before != after)
        .map(|((field, before), (_, after))| Change {
            field,
            message: message(field, &before, &after),
            before,
            after,
        })
        .collect()
}

/// The summary's fields as `changes` compares them, in the summary's order.
fn fields(summary: &RolloutSummary) -> [(&'static str, FieldValue); 10] {
    [
        ("strategy", FieldValue::Strategy(summary.strategy)),
        ("totalMinutes", FieldValue::Number(summary.total_minutes)),
        ("peakTasks", FieldValue::Count(summary.peak_tasks)),
        (
            "firstExposurePercent",
            FieldValue::Number(summary.first_exposure_percent),
        ),
        (
            "minutesToFullTraffic",
            FieldValue::Number(summary.minutes_to_full_traffic),
        ),
        (
            "circuitBreakerThreshold",
            FieldValue::Threshold(summary.circuit_breaker_threshold),
        ),
        (
            "rollbackOnFailure",
            FieldValue::Flag(summary.rollback_on_failure),
        ),
        (
            "hookedStages",
            FieldValue::Stages(summary.hooked_stages.clone()),
        ),
        ("errors", FieldValue::Count(summary.errors)),
        ("warnings", FieldValue::Count(summary.warnings)),
    ]
}

/// One sentence for a change of `field`. Figures share one pattern, written once so that the
/// browser's `.wasm` carries one formatter instead of one per field.
fn message(field: &str, before: &FieldValue, after: &FieldValue) -> String {
    match (before, after) {
        (FieldValue::Strategy(before), FieldValue::Strategy(after)) => format!(
            "the strategy changes from {} to {}",
            before.title(),
            after.title()
        ),
        (FieldValue::Threshold(Some(_)), FieldValue::Threshold(None)) => {
            "the circuit breaker is turned off".to_string()
        }
        (FieldValue::Threshold(None), FieldValue::Threshold(Some(_))) => {
            "the circuit breaker is turned on".to_string()
        }
        (_, FieldValue::Flag(true)) => {
            "the circuit breaker now rolls a failed deployment back".to_string()
        }
        (_, FieldValue::Flag(false)) => {
            "the circuit breaker no longer rolls a failed deployment back".to_string()
        }
        (FieldValue::Stages(before), FieldValue::Stages(after)) => {
            let list = |stages: &[&str]| match stages {
                [] => "none".to_string(),
                stages => stages.join(", "),
            };
            format!(
                "the lifecycle hook's stages change from {} to {}",
                list(before),
                list(after)
            )
        }
        _ => {
            let (before, after) = (figure(before), figure(after));
            let (subject, unit, tail) = match field {
                "totalMinutes" => ("the rollout time", "", " minutes"),
                "peakTasks" => ("the peak task count", "", ""),
                "firstExposurePercent" => ("first exposure", "%", " of production"),
                "minutesToFullTraffic" => ("the time to full traffic", "", " minutes"),
                "circuitBreakerThreshold" => ("the circuit breaker threshold", "", " failed tasks"),
                "errors" => ("the error count", "", ""),
                _ => ("the warning count", "", ""),
            };
            format!(
                "{subject} {} from {}{unit} to {}{unit}{tail}",
                if after > before { "rises" } else { "falls" },
                minutes_text(before),
                minutes_text(after)
            )
        }
    }
}

/// A figure's value as a number (counts included).
fn figure(value: &FieldValue) -> f64 {
    match value {
        FieldValue::Number(number) => *number,
        FieldValue::Count(count) | FieldValue::Threshold(Some(count)) => f64::from(*count),
        _ => 0.0,
    }
}

/// A summary field's value, serialised as the plain JSON value it is (a string, a number, a
/// boolean, `null` or a list of stage names). An enum rather than `serde_json::Value`, whose
/// serializer would add to the browser's `.wasm`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum FieldValue {
    Strategy(StrategyName),
    Number(f64),
    Count(u32),
    Flag(bool),
    Threshold(Option<u32>),
    Stages(Vec<&'static str>),
}
