//! [`Observed`](crate::observed::Observed) for people: plain text for a terminal, markdown for a
//! pull request or a job summary. Every text the record gives (ARNs, statuses, reasons, event
//! messages, alarm names) is hostile: the text form blanks its control characters and the
//! markdown form writes it inside code spans, where nothing renders.

use std::fmt::Write as _;

use crate::observed::calibrate::{Calibrated, Spread};
use crate::observed::{quoted, Observed, ObservedDeployment};
use crate::render::human;
use crate::report::ObservedReport;
use crate::timeline::minutes_text;

/// A minute figure, or `?` when the record does not give it.
fn minutes(value: Option<f64>) -> String {
    value.map_or_else(|| "?".to_owned(), minutes_text)
}

/// `+1.5` or `-0.25`.
fn signed(value: Option<f64>) -> String {
    match value {
        Some(value) if minutes_text(value) != "0" && value > 0.0 => {
            format!("+{}", minutes_text(value))
        }
        Some(value) => minutes_text(value),
        None => "?".to_owned(),
    }
}

/// The calibrated assumptions as the JSON object to copy into `Options.assumptions`.
pub fn assumptions_json(calibrated: &Calibrated) -> String {
    serde_json::to_string(calibrated).unwrap_or_default()
}

fn deployment_title(deployment: &ObservedDeployment) -> String {
    let id = deployment
        .service_deployment_arn
        .rsplit('/')
        .next()
        .unwrap_or_default();
    quoted(if id.is_empty() { "(no ARN)" } else { id })
}

/// The text form: each deployment with its times, its stretches beside the plan, its events and
/// calibration, then the calibrated assumptions and the diagnostics as code frames.
pub fn human(files: &[(&str, &str)], observed: &Observed, color: bool) -> String {
    let names: Vec<&str> = files.iter().map(|(name, _)| *name).collect();
    let mut out = format!(
        "ecs-rollout observed {}\n{}\n",
        names.join(" "),
        verdict(&observed.deployments)
    );
    for deployment in &observed.deployments {
        let _ = write!(
            out,
            "\nDeployment {}: {}, {}\n",
            deployment_title(deployment),
            quoted(&deployment.status),
            deployment
                .strategy
                .map_or("strategy unknown", |s| s.title())
        );
        let times: Vec<String> = [
            ("started", &deployment.started_at),
            ("finished", &deployment.finished_at),
            ("stopped", &deployment.stopped_at),
        ]
        .iter()
        .filter_map(|(label, at)| at.as_ref().map(|at| format!("{label} {at}")))
        .collect();
        if !times.is_empty() {
            let _ = writeln!(out, "  {}", times.join(", "));
        }
        let _ = writeln!(
            out,
            "  took {} minutes; planned {} minutes",
            minutes(deployment.observed_minutes),
            minutes(deployment.planned_minutes)
        );
        for line in facts(deployment) {
            let _ = writeln!(out, "  {line}");
        }
        if !deployment.phases.is_empty() {
            let _ = writeln!(
                out,
                "  {:<34} {:>8} {:>9} {:>11}",
                "Stretch", "Planned", "Observed", "Difference"
            );
            for phase in &deployment.phases {
                let _ = writeln!(
                    out,
                    "  {:<34} {:>8} {:>9} {:>11}",
                    crate::observed::stretch_name(phase),
                    minutes_text(phase.planned_minutes),
                    minutes(phase.observed_minutes),
                    signed(phase.difference_minutes)
                );
            }
        }
        if !deployment.events.is_empty() {
            out.push_str("  Events (minutes from the start):\n");
            for event in &deployment.events {
                let kind = serde_json::to_value(event.kind)
                    .ok()
                    .and_then(|value| value.as_str().map(str::to_owned))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "    {:>7}  {:<20} {}",
                    minutes_text(event.minute),
                    kind,
                    if event.message.is_empty() {
                        "(no message text)".to_owned()
                    } else {
                        quoted(&event.message)
                    }
                );
            }
        }
        if let Some(calibrated) = &deployment.calibrated_assumptions {
            let _ = writeln!(out, "  Calibrated: {}", assumptions_json(calibrated));
        }
    }
    out.push('\n');
    out.push_str(&calibration_text(
        observed.calibrated_assumptions.as_ref(),
        &observed.calibration,
    ));
    for (index, (name, source)) in files.iter().enumerate() {
        let diagnostics: Vec<crate::Diagnostic> = observed
            .diagnostics
            .iter()
            .filter(|(file, _)| *file == index)
            .map(|(_, diagnostic)| diagnostic.clone())
            .collect();
        if !diagnostics.is_empty() {
            out.push('\n');
            out.push_str(&human::render(name, source, &diagnostics, color));
        }
    }
    out
}

/// One line on the whole record: how many deployments, and how each ended.
fn verdict(deployments: &[ObservedDeployment]) -> String {
    let count =
        |test: &dyn Fn(&ObservedDeployment) -> bool| deployments.iter().filter(|d| test(d)).count();
    let successful = count(&|d| d.status == "SUCCESSFUL");
    let rolled_back = count(&|d| d.rollback.is_some());
    let stopped = count(&|d| {
        d.rollback.is_none() && matches!(d.status.as_str(), "STOPPED" | "STOP_REQUESTED")
    });
    format!(
        "{} deployment{} in the record: {successful} successful, {rolled_back} rolled back, {stopped} stopped, {} other",
        deployments.len(),
        if deployments.len() == 1 { "" } else { "s" },
        deployments.len().saturating_sub(successful + rolled_back + stopped)
    )
}

/// The lifecycle stage, circuit breaker, alarms and rollback, as recorded.
fn facts(deployment: &ObservedDeployment) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(stage) = &deployment.lifecycle_stage {
        lines.push(format!("lifecycle stage reached: {}", quoted(stage)));
    }
    if let Some(breaker) = &deployment.circuit_breaker {
        let count = |value: Option<f64>| value.map_or_else(|| "?".to_owned(), |v| v.to_string());
        lines.push(format!(
            "circuit breaker: {}, {} failed tasks of a threshold of {}",
            quoted(breaker.status.as_deref().unwrap_or("status not recorded")),
            count(breaker.failure_count),
            count(breaker.threshold)
        ));
    }
    if let Some(alarms) = &deployment.alarms {
        let triggered: Vec<String> = alarms
            .triggered_alarm_names
            .iter()
            .map(|name| quoted(name))
            .collect();
        lines.push(format!(
            "alarms: {}{}",
            quoted(alarms.status.as_deref().unwrap_or("status not recorded")),
            if triggered.is_empty() {
                String::new()
            } else {
                format!(", in alarm: {}", triggered.join(", "))
            }
        ));
    }
    if let Some(rollback) = &deployment.rollback {
        lines.push(format!(
            "rolled back{}: {}",
            rollback.minute.map_or_else(String::new, |minute| format!(
                " at minute {}",
                minutes_text(minute)
            )),
            rollback
                .reason
                .as_deref()
                .map_or_else(|| "no reason recorded".to_owned(), quoted)
        ));
    }
    lines
}

fn calibration_text(calibrated: Option<&Calibrated>, spreads: &[Spread]) -> String {
    let Some(calibrated) = calibrated else {
        return "No assumptions calibrated: no finished deployment shows the events they are measured from\n".to_owned();
    };
    let mut out = String::from(
        "Calibrated assumptions (median over the finished deployments, with the spread):\n",
    );
    for spread in spreads {
        let _ = writeln!(
            out,
            "  {:<22} {:>7}  (from {} to {}, {} deployment{})",
            spread.assumption,
            minutes_text(spread.median),
            minutes_text(spread.min),
            minutes_text(spread.max),
            spread.samples,
            if spread.samples == 1 { "" } else { "s" }
        );
    }
    let _ = writeln!(
        out,
        "Copy into your options' assumptions: {}",
        assumptions_json(calibrated)
    );
    out
}

/// Record text inside a markdown code span, where nothing renders.
fn code(text: &str) -> String {
    format!("`{}`", quoted(text).replace('`', "'").replace('|', "\\|"))
}

/// The markdown form: a table of the deployments, each one's stretches (as a table and a chart),
/// the calibrated assumptions as a JSON block and the problems found; `files` names the file of
/// each diagnostic, in order, when the record was given in several.
pub fn markdown(report: &ObservedReport, files: &[&str]) -> String {
    let mut out = format!(
        "### What really happened\n\n{}\n\n| Deployment | Status | Strategy | Took | Planned |\n|---|---|---|---|---|\n",
        verdict(&report.deployments)
    );
    for deployment in &report.deployments {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} min | {} min |",
            code(&deployment_title(deployment)),
            code(&deployment.status),
            deployment.strategy.map_or("?", |s| s.title()),
            minutes(deployment.observed_minutes),
            minutes(deployment.planned_minutes)
        );
    }
    for deployment in &report.deployments {
        let _ = write!(out, "\n**{}**", code(&deployment_title(deployment)));
        for line in facts(deployment) {
            let _ = write!(out, "; {}", code(&line));
        }
        out.push_str("\n\n");
        if !deployment.phases.is_empty() {
            out.push_str("| Stretch | Planned | Observed | Difference |\n|---|---|---|---|\n");
            for phase in &deployment.phases {
                let _ = writeln!(
                    out,
                    "| {} | {} min | {} min | {} |",
                    crate::observed::stretch_name(phase),
                    minutes_text(phase.planned_minutes),
                    minutes(phase.observed_minutes),
                    signed(phase.difference_minutes)
                );
            }
            out.push_str(&stretch_chart(&deployment.phases));
        }
    }
    match &report.calibrated_assumptions {
        Some(calibrated) => {
            let _ = write!(
                out,
                "\n**Calibrated assumptions** (median of {} finished deployment(s)), to copy into your options:\n\n```json\n{{\"assumptions\": {}}}\n```\n",
                report.calibration.iter().map(|s| s.samples).max().unwrap_or(0),
                assumptions_json(calibrated)
            );
        }
        None => out.push_str("\nNo assumptions calibrated: no finished deployment shows the events they are measured from.\n"),
    }
    if !report.diagnostics.is_empty() {
        out.push_str("\n**Found in the record**\n\n");
        for (index, diagnostic) in report.diagnostics.iter().enumerate() {
            let line = diagnostic.range.as_ref().map_or_else(String::new, |range| {
                format!(" at line {}", range.start.line)
            });
            let at = match files.get(index) {
                Some(file) => format!(" in {}{line}", code(file)),
                None => line,
            };
            let _ = writeln!(
                out,
                "- {} `{}`{at}: {}",
                diagnostic.severity.as_str(),
                diagnostic.code,
                code(&diagnostic.message)
            );
        }
    }
    out
}

/// The plan and the record on one Mermaid `xychart-beta` chart, which GitHub renders: a bar per
/// stretch for the minutes the record shows (0 where it does not show them), and a line for the
/// planned minutes. Empty when no stretch has observed minutes.
fn stretch_chart(phases: &[crate::observed::compare::PhaseDifference]) -> String {
    if phases.iter().all(|phase| phase.observed_minutes.is_none()) {
        return String::new();
    }
    let labels: Vec<String> = phases
        .iter()
        .map(|phase| format!("\"{}\"", crate::observed::stretch_name(phase)))
        .collect();
    let values = |value: &dyn Fn(&crate::observed::compare::PhaseDifference) -> f64| {
        phases
            .iter()
            .map(|phase| minutes_text(value(phase)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let top = phases
        .iter()
        .map(|phase| {
            phase
                .planned_minutes
                .max(phase.observed_minutes.unwrap_or(0.0))
        })
        .fold(1.0, f64::max);
    format!(
        "\nMinutes per stretch: bars what the record shows, the line the plan.\n\n```mermaid\nxychart-beta\n    x-axis [{}]\n    y-axis \"minutes\" 0 --> {}\n    bar [{}]\n    line [{}]\n```\n",
        labels.join(", "),
        minutes_text(top.ceil()),
        values(&|phase| phase.observed_minutes.unwrap_or(0.0)),
        values(&|phase| phase.planned_minutes)
    )
}
