//! The record's checks (contract section 10): a rolled-back or stopped deployment is reported
//! with its reason, and one that took more than twice its plan is a warning naming the stretch
//! where the time went.

use super::{quoted, ObservedDeployment};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::timeline::minutes_text;

/// The diagnostics of one deployment, named `name`, at `path`, located at `place` (its status).
pub fn check(
    name: &str,
    path: &str,
    place: Span,
    deployment: &ObservedDeployment,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let status = quoted(&deployment.status);
    let reason = |reason: Option<&String>| match reason {
        Some(reason) => format!(": \"{}\"", quoted(reason)),
        None => ", with no reason recorded".to_owned(),
    };
    let at = |minute: Option<f64>| match minute {
        Some(minute) => format!(" at minute {}", minutes_text(minute)),
        None => String::new(),
    };
    if let Some(rollback) = &deployment.rollback {
        out.push(
            Diagnostic::new(
                Code::DeploymentRolledBack,
                format!(
                    "deployment {name} was rolled back{} (status {status}){}",
                    at(rollback.minute),
                    reason(rollback.reason.as_ref())
                ),
            )
            .with_help("The plan beside it is the rollout that was meant; the record's events, circuit breaker and alarms show what stopped it"),
        );
    } else if matches!(deployment.status.as_str(), "STOPPED" | "STOP_REQUESTED") {
        out.push(
            Diagnostic::new(
                Code::DeploymentStopped,
                format!(
                    "deployment {name} was stopped (status {status}){}",
                    reason(deployment.status_reason.as_ref())
                ),
            )
            .with_help("A stopped deployment left the service as it was when it stopped; its times are not used to calibrate the assumptions"),
        );
    }
    if let (Some(observed), Some(planned)) =
        (deployment.observed_minutes, deployment.planned_minutes)
    {
        let slowest = deployment
            .phases
            .iter()
            .filter(|phase| {
                phase
                    .difference_minutes
                    .is_some_and(|minutes| minutes > 0.0)
            })
            .max_by(|a, b| {
                a.difference_minutes
                    .unwrap_or(0.0)
                    .total_cmp(&b.difference_minutes.unwrap_or(0.0))
            });
        if deployment.status == "SUCCESSFUL" && planned > 0.0 && observed > 2.0 * planned {
            let phase = slowest.map_or_else(String::new, |phase| {
                format!(
                    "; most of the extra time went in {} (planned {} minutes, took {})",
                    stretch_name(phase),
                    minutes_text(phase.planned_minutes),
                    minutes_text(phase.observed_minutes.unwrap_or(0.0))
                )
            });
            out.push(
                Diagnostic::new(
                    Code::DeploymentSlowerThanPlanned,
                    format!(
                        "deployment {name} took {} minutes, more than twice its plan of {} minutes{phase}",
                        minutes_text(observed),
                        minutes_text(planned)
                    ),
                )
                .with_help("Copy the calibrated assumptions into your options so that the timeline shows what your deployments really take"),
            );
        }
    }
    for diagnostic in &mut out {
        diagnostic.span = Some(place.clone());
        diagnostic.path = Some(format!("{path}.status"));
    }
    out
}

/// A stretch by its phases: `SCALE_UP`, or `TEST_TRAFFIC to BAKE_TIME`.
pub fn stretch_name(stretch: &super::compare::PhaseDifference) -> String {
    match stretch.phases.as_slice() {
        [] => "the whole rollout".to_owned(),
        [only] => only.as_str().to_owned(),
        [first, .., last] => format!("{} to {}", first.as_str(), last.as_str()),
    }
}
