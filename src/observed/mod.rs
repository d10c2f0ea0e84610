//! What really happened (contract section 10): each service deployment of an
//! `ecs-deployment-record` beside the plan its own `deploymentConfiguration` gives today, the
//! difference stretch by stretch, and the assumptions that would have made the plan match.
//!
//! - `time.rs`: the API's and the CLI's timestamps, read by hand.
//! - `record.rs`: the record's JSON, and each deployment as a `service::Service`.
//! - `events.rs`: what the common service-event wordings say; the rest kept as text.
//! - `compare.rs`: the plan cut where the record shows a boundary, and the difference.
//! - `calibrate.rs`: the assumptions that explain the record, and their median and spread.
//!
//! Only what the record says is reported: a time that cannot be read is left out (with
//! `unreadable-record-value`), an event in another wording is kept as text, and a stretch whose
//! ends the record does not show has no observed minutes. Nothing here panics or does I/O.

pub mod calibrate;
mod checks;
pub use checks::stretch_name;
pub mod compare;
pub mod events;

use std::collections::HashMap;

use serde::Serialize;

use crate::diagnostic::{Code, Diagnostic, Span};
use crate::input::InputKind;
use crate::options::{Options, StrategyName};
use crate::read::time;
use crate::read::{Node, Value};
use crate::service::fields::{items, member};
use crate::service::record::{self, text, Event, Record};
use crate::timeline::{self, Timeline};
pub use calibrate::{Calibrated, Spread};
use compare::{Marks, PhaseDifference};
use events::EventKind;

/// The observed rollouts of a record (contract `Observed`), with byte spans in its diagnostics.
#[derive(Debug, Clone, Default)]
pub struct Observed {
    /// Oldest first.
    pub deployments: Vec<ObservedDeployment>,
    /// The median of each calibrated assumption over the deployments that finished; `None`
    /// when none gives one.
    pub calibrated_assumptions: Option<Calibrated>,
    /// Each calibrated assumption's median and spread.
    pub calibration: Vec<Spread>,
    /// The record's checks (section 10's rollbacks, stops and slow deployments) and what could
    /// not be read, each with the index of the source it points into.
    pub diagnostics: Vec<(usize, Diagnostic)>,
}

/// One service deployment as the record shows it, and its plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct ObservedDeployment {
    pub service_deployment_arn: String,
    /// Addition: the service it deployed.
    pub service_arn: Option<String>,
    /// As recorded: `SUCCESSFUL`, `STOPPED`, `ROLLBACK_SUCCESSFUL`, ...
    pub status: String,
    /// Addition: the record's `statusReason`.
    pub status_reason: Option<String>,
    pub strategy: Option<StrategyName>,
    /// Addition: when ECS created it, ISO 8601 in UTC like every time here.
    pub created_at: Option<String>,
    pub started_at: Option<String>,
    pub finished_at: Option<String>,
    /// Addition: when it stopped, for a stopped or rolled-back deployment.
    pub stopped_at: Option<String>,
    /// `finishedAt` (or `stoppedAt`) minus `startedAt`.
    pub observed_minutes: Option<f64>,
    /// The plan's `totalMinutes`.
    pub planned_minutes: Option<f64>,
    /// The timeline built from the record's own `deploymentConfiguration` under the caller's
    /// assumptions; `None` when those settings cannot be used (see `check`).
    pub plan: Option<Timeline>,
    /// Addition: the lifecycle stage it reached, as recorded.
    pub lifecycle_stage: Option<String>,
    /// Addition: the circuit breaker's record.
    pub circuit_breaker: Option<BreakerRecord>,
    /// Addition: the alarms' record.
    pub alarms: Option<AlarmsRecord>,
    /// The service's events in its time window, oldest first, minutes from its start.
    pub events: Vec<ObservedEvent>,
    pub rollback: Option<RollbackRecord>,
    /// Addition: the plan beside the record, stretch by stretch.
    pub phases: Vec<PhaseDifference>,
    /// Addition: the assumptions this deployment alone calibrates (finished deployments only).
    pub calibrated_assumptions: Option<Calibrated>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct ObservedEvent {
    pub minute: f64,
    pub kind: EventKind,
    /// As recorded.
    pub message: String,
    /// Addition: the number of tasks or targets the message names, when it is read.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub count: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct RollbackRecord {
    pub reason: Option<String>,
    /// Minutes from the deployment's start to the rollback's.
    pub minute: Option<f64>,
}

/// `ServiceDeploymentCircuitBreaker`: `TRIGGERED`, `MONITORING`, `MONITORING_COMPLETE` or
/// `DISABLED`, and the failed tasks counted against the threshold.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct BreakerRecord {
    pub status: Option<String>,
    pub failure_count: Option<f64>,
    pub threshold: Option<f64>,
}

/// `ServiceDeploymentAlarms`: the alarms watched and those that went into alarm.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct AlarmsRecord {
    pub status: Option<String>,
    pub alarm_names: Vec<String>,
    pub triggered_alarm_names: Vec<String>,
}

/// The most events one deployment shows: `describe-services` keeps at most 100 per service, so
/// more come only from records put together by hand, and showing them all could make the work
/// grow with deployments times events.
pub const MAX_EVENTS_PER_DEPLOYMENT: usize = 1000;

/// The readable events, sorted by time, all together and by the service they belong to, so that
/// each deployment finds its window by binary search.
struct EventIndex<'a> {
    /// The record the events are of.
    record: &'a Record,
    all: Vec<usize>,
    unnamed: Vec<usize>,
    by_service: HashMap<&'a str, Vec<usize>>,
}

impl<'a> EventIndex<'a> {
    fn new(record: &'a Record) -> EventIndex<'a> {
        let events = &record.events;
        let mut all: Vec<usize> = (0..events.len())
            .filter(|&i| events[i].at.is_some())
            .collect();
        all.sort_by_key(|&i| (events[i].at, i));
        let mut index = EventIndex {
            record,
            all: Vec::new(),
            unnamed: Vec::new(),
            by_service: HashMap::new(),
        };
        for &i in &all {
            match events[i].service_arn.as_deref() {
                Some(arn) => index.by_service.entry(arn).or_default().push(i),
                None => index.unnamed.push(i),
            }
        }
        index.all = all;
        index
    }

    /// The events of the service `arn` (all of them when it is `None`, and always those that
    /// name no service) from `start` up to `end` (excluded), oldest first, at most
    /// [`MAX_EVENTS_PER_DEPLOYMENT`].
    fn window(&self, arn: Option<&str>, start: i64, end: Option<i64>) -> Vec<&'a Event> {
        let events = &self.record.events;
        let take = |list: &[usize]| -> Vec<usize> {
            let from = list.partition_point(|&i| events[i].at < Some(start));
            list[from..]
                .iter()
                .take_while(|&&i| end.is_none_or(|end| events[i].at < Some(end)))
                .take(MAX_EVENTS_PER_DEPLOYMENT)
                .copied()
                .collect()
        };
        let mut chosen = match arn {
            None => take(&self.all),
            Some(arn) => {
                let mut chosen = take(self.by_service.get(arn).map_or(&[][..], Vec::as_slice));
                chosen.extend(take(&self.unnamed));
                chosen.sort_by_key(|&i| (events[i].at, i));
                chosen.truncate(MAX_EVENTS_PER_DEPLOYMENT);
                chosen
            }
        };
        chosen.dedup();
        chosen.into_iter().map(|i| &events[i]).collect()
    }
}

/// How long after a deployment ends its events still count as its own: ECS reports the steady
/// state and the last stopped tasks shortly after a deployment completes.
const AFTER_END_MILLIS: i64 = 60_000;

/// The observed rollouts of `source`, an `ecs-deployment-record`.
pub fn observed(source: &str, options: &Options) -> Observed {
    observed_files(&[source], options)
}

/// [`observed`] for a record given in several files (the deployments in one, the services'
/// events in another); each diagnostic names the index of the file it points into.
pub fn observed_files(sources: &[&str], options: &Options) -> Observed {
    let mut out = Observed::default();
    if let Err(error) = options.validate() {
        out.diagnostics
            .push((0, crate::analysis::invalid_options(&error)));
        return out;
    }
    let mut merged = Record::default();
    let mut deployment_files = Vec::new();
    for (file, source) in sources.iter().enumerate() {
        if let Some(diagnostic) = crate::analysis::too_large(source) {
            out.diagnostics.push((file, diagnostic));
            continue;
        }
        let mut found = Vec::new();
        let record = record::read(source, &mut found);
        out.diagnostics.extend(found.into_iter().map(|d| (file, d)));
        let Some(record) = record else { continue };
        deployment_files.extend(record.deployments.iter().map(|_| file));
        merged.deployments.extend(record.deployments);
        merged.services.extend(record.services);
        merged
            .events
            .extend(
                record
                    .events
                    .into_iter()
                    .map(|event| (file, event))
                    .map(|(file, event)| {
                        if event.at.is_none() {
                            out.diagnostics.push((
                                file,
                                unreadable(
                                    &event.span,
                                    "an event's `createdAt`",
                                    "it is not placed on any deployment",
                                ),
                            ));
                        }
                        event
                    }),
            );
    }
    if merged.deployments.is_empty()
        && !out
            .diagnostics
            .iter()
            .any(|(_, d)| d.code == Code::SyntaxError)
    {
        out.diagnostics.push((
            0,
            crate::service::no_service("the record holds no service deployment (`serviceDeployments` is absent or empty)")
                .with_help("Give the output of `aws ecs describe-service-deployments`, optionally in one object with the output of `aws ecs describe-services`"),
        ));
    }
    let mut order: Vec<usize> = (0..merged.deployments.len()).collect();
    let starts: Vec<Option<i64>> = merged
        .deployments
        .iter()
        .map(|(_, node)| time_of(node, "startedAt").or_else(|| time_of(node, "createdAt")))
        .collect();
    order.sort_by_key(|&index| (starts[index].is_none(), starts[index], index));
    // When each deployment's service next starts a deployment, found in one pass from the
    // newest: a deployment that names no service is followed by any, one that does by the next
    // of its own service or of none.
    let mut next_starts = vec![None; order.len()];
    let (mut next_any, mut next_unnamed) = (None, None);
    let mut next_by_service: HashMap<&str, i64> = HashMap::new();
    for &index in order.iter().rev() {
        let node = &merged.deployments[index].1;
        let arn = text(node, "serviceArn");
        next_starts[index] = match arn {
            None => next_any,
            Some(arn) => [next_by_service.get(arn).copied(), next_unnamed]
                .into_iter()
                .flatten()
                .min(),
        };
        if let Some(start) = starts[index] {
            next_any = Some(start);
            match arn {
                None => next_unnamed = Some(start),
                Some(arn) => {
                    next_by_service.insert(arn, start);
                }
            }
        }
    }
    let events = EventIndex::new(&merged);
    let mut calibrations = Vec::new();
    for &index in &order {
        let (path, node) = &merged.deployments[index];
        let file = deployment_files[index];
        let next_start = next_starts[index];
        let mut found = Vec::new();
        let deployment = one(
            &events,
            sources[file],
            path,
            node,
            next_start,
            options,
            &mut found,
        );
        out.diagnostics.extend(found.into_iter().map(|d| (file, d)));
        calibrations.extend(deployment.calibrated_assumptions);
        out.deployments.push(deployment);
    }
    (out.calibrated_assumptions, out.calibration) = calibrate::summarise(&calibrations);
    out.diagnostics.sort_by_key(|(file, diagnostic)| {
        (
            *file,
            diagnostic
                .span
                .as_ref()
                .map_or((1, 0), |span| (0, span.start)),
        )
    });
    out
}

fn time_of(node: &Node, key: &str) -> Option<i64> {
    member(node, key).and_then(|entry| time::read(&entry.value.value))
}

fn unreadable(span: &Span, what: &str, so: &str) -> Diagnostic {
    Diagnostic::new(
        Code::UnreadableRecordValue,
        format!("{what} cannot be read as a time, so {so}"),
    )
    .at(span.clone())
    .with_help("ECS and the AWS CLI write times as ISO 8601 (`2025-03-04T10:20:30.123000+01:00`) or as epoch seconds; give the record as they printed it")
}

/// Text from the record for a message: one line, control characters blanked, at most 200
/// characters (the record is printed by every front end).
pub(crate) fn quoted(text: &str) -> String {
    let mut out: String = text
        .chars()
        .take(200)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if text.chars().nth(200).is_some() {
        out.push('…');
    }
    out
}

/// One deployment of the record, oldest first; `next_start` is when the same service's next
/// deployment started, where this one's events end at the latest.
fn one(
    index: &EventIndex,
    source: &str,
    path: &str,
    node: &Node,
    next_start: Option<i64>,
    options: &Options,
    diagnostics: &mut Vec<Diagnostic>,
) -> ObservedDeployment {
    let mut times = [None; 4];
    for (slot, key) in times
        .iter_mut()
        .zip(["createdAt", "startedAt", "finishedAt", "stoppedAt"])
    {
        let Some(entry) = member(node, key) else {
            continue;
        };
        *slot = time::read(&entry.value.value);
        if slot.is_none() && entry.value.value != Value::Null {
            diagnostics.push(
                unreadable(
                    &entry.value.span,
                    &format!("`{path}.{key}`"),
                    "this deployment is drawn without it",
                )
                .at_path(format!("{path}.{key}")),
            );
        }
    }
    let [created, started, finished, stopped] = times;
    let start = started.or(created);
    let end = finished.or(stopped);
    let minutes = |at: i64| start.map(|start| compare::tidy((at - start) as f64 / 60_000.0));
    let status = text(node, "status").unwrap_or_default().to_owned();
    let status_reason = text(node, "statusReason").map(str::to_owned);

    // The plan from the deployment's own settings, as `analyze` draws it.
    let record = index.record;
    let service = record::deployment_service(record, path, node);
    let mut scratch = Vec::new();
    let outcome = crate::service::check(source, InputKind::EcsApi, &service, &mut scratch);
    let assumptions = outcome.assumptions.under(&options.assumptions);
    let plan = outcome.checked.deployment.as_ref().map(|deployment| {
        let mut plan = timeline::build(deployment, &assumptions, None);
        plan.notes.extend(outcome.notes.iter().cloned());
        plan
    });

    let service_arn = text(node, "serviceArn");
    let window_end = end
        .map(|end| end + AFTER_END_MILLIS)
        .into_iter()
        .chain(next_start)
        .min();
    let seen = start.map_or_else(Vec::new, |start| {
        index.window(service_arn, start, window_end)
    });
    let events: Vec<ObservedEvent> = seen
        .iter()
        .map(|event| {
            let message = event.message.clone().unwrap_or_default();
            let (kind, count) = events::classify(&message);
            ObservedEvent {
                minute: event.at.and_then(minutes).unwrap_or(0.0),
                kind,
                message,
                count,
            }
        })
        .collect();

    let observed_minutes = end.and_then(minutes);
    let successful = status == "SUCCESSFUL";
    let mut marks = Marks::from_events(events.iter().map(|event| (event.minute, event.kind)));
    marks.end = observed_minutes.filter(|_| successful);
    let phases = plan
        .as_ref()
        .map(|plan| compare::differences(plan, &marks))
        .unwrap_or_default();
    let calibrated = match (&outcome.checked.deployment, observed_minutes) {
        (Some(deployment), Some(observed)) if successful => Some(calibrate::calibrate(
            deployment,
            &assumptions,
            &marks,
            observed,
        ))
        .filter(|calibrated| !calibrated.is_empty()),
        _ => None,
    };

    let rollback_node = member(node, "rollback").map(|entry| &entry.value);
    let rollback =
        (status.starts_with("ROLLBACK") || rollback_node.is_some()).then(|| RollbackRecord {
            reason: rollback_node
                .and_then(|rollback| text(rollback, "reason"))
                .or(status_reason.as_deref())
                .map(str::to_owned),
            minute: rollback_node
                .and_then(|rollback| time_of(rollback, "startedAt"))
                .and_then(minutes),
        });
    let breaker = member(node, "deploymentCircuitBreaker").map(|entry| BreakerRecord {
        status: text(&entry.value, "status").map(str::to_owned),
        failure_count: number(&entry.value, "failureCount"),
        threshold: number(&entry.value, "threshold"),
    });
    let alarms = member(node, "alarms").map(|entry| AlarmsRecord {
        status: text(&entry.value, "status").map(str::to_owned),
        alarm_names: strings(&entry.value, "alarmNames"),
        triggered_alarm_names: strings(&entry.value, "triggeredAlarmNames"),
    });

    let deployment = ObservedDeployment {
        service_deployment_arn: text(node, "serviceDeploymentArn")
            .unwrap_or_default()
            .to_owned(),
        service_arn: service_arn.map(str::to_owned),
        status,
        status_reason,
        strategy: Some(outcome.checked.strategy),
        created_at: created.map(time::format),
        started_at: started.map(time::format),
        finished_at: finished.map(time::format),
        stopped_at: stopped.map(time::format),
        observed_minutes,
        planned_minutes: plan.as_ref().map(|plan| plan.total_minutes),
        plan,
        lifecycle_stage: text(node, "lifecycleStage").map(str::to_owned),
        circuit_breaker: breaker,
        alarms,
        events,
        rollback,
        phases,
        calibrated_assumptions: calibrated,
    };
    let place =
        member(node, "status").map_or_else(|| node.span.clone(), |entry| entry.value.span.clone());
    diagnostics.extend(checks::check(&service.name, path, place, &deployment));
    deployment
}

fn number(node: &Node, key: &str) -> Option<f64> {
    match member(node, key)?.value.value {
        Value::Number(number) => Some(number),
        _ => None,
    }
}

fn strings(node: &Node, key: &str) -> Vec<String> {
    member(node, key).map_or_else(Vec::new, |entry| {
        items(&entry.value)
            .iter()
            .filter_map(|item| match &item.value {
                Value::String(text) => Some(text.clone()),
                _ => None,
            })
            .collect()
    })
}
