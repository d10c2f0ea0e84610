//! A [`Diff`] for people: plain text for a terminal, markdown for a pull-request comment.
//!
//! Both open with the same one-line [`Diff::verdict`]. The text form lists the changes as sentences,
//! the new problems as code frames into `after` and the fixed ones as one line each. The
//! markdown form adds a table of the changed figures and both production traffic curves as a
//! Mermaid `xychart-beta` chart, which GitHub renders. An `xychart-beta` line is a list of values
//! spread evenly over the x axis and joined by straight segments, so each curve is sampled on a
//! fine even grid (up to 150 points), which draws every traffic shift as a nearly upright step.

use std::fmt::Write as _;

use crate::diagnostic::{Diagnostic, Severity};
use crate::diff::{Diff, FieldValue, RolloutSummary};
use crate::position::LineIndex;
use crate::render::human;
use crate::report::{DiagnosticReport, DiffReport};
use crate::timeline::{minutes_text, percent_text, TrafficStep};

/// The most points a curve of the markdown chart has: enough for a step to draw nearly upright.
const MAX_CHART_POINTS: f64 = 150.0;

/// Minute spacings the chart's grid may use, finest first.
const CHART_STEPS: [f64; 15] = [
    0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 60.0, 120.0, 240.0, 480.0, 720.0, 1440.0,
];

/// The name and colour of each side's curve.
const BEFORE_CURVE: (&str, &str) = ("grey", "#868e96");
const AFTER_CURVE: (&str, &str) = ("orange", "#e8590c");

/// Two files being compared, by the names the reader knows them by.
pub struct Sides<'a> {
    pub before_file: &'a str,
    pub before_source: &'a str,
    pub after_file: &'a str,
    pub after_source: &'a str,
}

/// The change as plain text with code frames for the new problems.
pub fn human(sides: &Sides, diff: &Diff, color: bool) -> String {
    let mut out = format!(
        "ecs-rollout diff {} -> {}\n{}\n\n",
        sides.before_file,
        sides.after_file,
        diff.verdict()
    );
    for (file, summary) in [
        (sides.before_file, &diff.before),
        (sides.after_file, &diff.after),
    ] {
        match summary {
            Some(summary) => {
                let _ = writeln!(out, "{file}: {}", summary_line(summary));
            }
            None => {
                let _ = writeln!(out, "{file}: {NO_TIMELINE}");
            }
        }
    }
    if !diff.changes.is_empty() {
        out.push_str("\nChanges:\n");
        for change in &diff.changes {
            let _ = writeln!(out, "  - {}", change.message);
        }
    }
    if !diff.new_diagnostics.is_empty() {
        let _ = writeln!(out, "\nNew problems in {}:\n", sides.after_file);
        out.push_str(&human::render(
            sides.after_file,
            sides.after_source,
            &diff.new_diagnostics,
            color,
        ));
    }
    if !diff.fixed_diagnostics.is_empty() {
        if !out.ends_with("\n\n") {
            out.push('\n');
        }
        let _ = writeln!(out, "Fixed problems (they were in {}):", sides.before_file);
        let index = LineIndex::new(sides.before_source);
        for diagnostic in &diff.fixed_diagnostics {
            let _ = writeln!(
                out,
                "  {}[{}] {}: {}",
                diagnostic.severity.as_str(),
                diagnostic.code.as_str(),
                place(sides.before_file, &index, diagnostic),
                diagnostic.message
            );
        }
    }
    out
}

const NO_TIMELINE: &str =
    "no timeline (the deployment settings cannot be read or are outside ECS's valid values)";

/// `canary, 18 minutes, first exposure 5%, full traffic after 14 minutes, peak 8 tasks`.
fn summary_line(summary: &RolloutSummary) -> String {
    format!(
        "{}, {} minutes, first exposure {}, full traffic after {} minutes, peak {} tasks, {}",
        summary.strategy.title(),
        minutes_text(summary.total_minutes),
        percent_text(summary.first_exposure_percent),
        minutes_text(summary.minutes_to_full_traffic),
        summary.peak_tasks,
        human::Counts {
            errors: summary.errors as usize,
            warnings: summary.warnings as usize,
            infos: 0,
        }
        .summary()
        .replace("no problems found", "no errors or warnings")
    )
}

/// `file:line:column`, or the file alone for a diagnostic without a place.
fn place(file: &str, index: &LineIndex, diagnostic: &Diagnostic) -> String {
    match &diagnostic.span {
        Some(span) => {
            let start = index.position(span.start, crate::position::Encoding::Utf16);
            format!("{file}:{}:{}", start.line, start.column)
        }
        None => file.to_string(),
    }
}

/// The change as a pull-request comment in GitHub-flavoured markdown.
pub fn markdown(sides: &Sides, report: &DiffReport) -> String {
    let adds_error = report
        .new_diagnostics
        .iter()
        .any(|diagnostic| diagnostic.severity == Severity::Error);
    let icon = if adds_error { "❌" } else { "✅" };
    let mut out = format!(
        "### Rollout review: `{}` → `{}`\n\n**{icon} {}**\n\n",
        code_text(sides.before_file),
        code_text(sides.after_file),
        report.verdict
    );
    for (label, file, summary) in [
        ("Before", sides.before_file, &report.before),
        ("After", sides.after_file, &report.after),
    ] {
        let text = match summary {
            Some(summary) => summary_line(summary),
            None => NO_TIMELINE.to_string(),
        };
        let _ = writeln!(out, "- {label} (`{}`): {text}", code_text(file));
    }
    out.push('\n');
    if !report.changes.is_empty() {
        out.push_str("| Setting | Before | After | What changes |\n|---|---|---|---|\n");
        for change in &report.changes {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                field_label(change.field),
                cell(&field_value_text(change.field, &change.before)),
                cell(&field_value_text(change.field, &change.after)),
                cell(&change.message)
            );
        }
        out.push('\n');
    }
    problem_list(
        &mut out,
        "New problems",
        sides.after_file,
        &report.new_diagnostics,
    );
    problem_list(
        &mut out,
        "Fixed problems",
        sides.before_file,
        &report.fixed_diagnostics,
    );
    if let Some(chart) = traffic_chart(report.before.as_ref(), report.after.as_ref()) {
        out.push_str(&chart);
    }
    let end = out.trim_end().len();
    out.truncate(end);
    out.push('\n');
    out
}

fn problem_list(out: &mut String, title: &str, file: &str, diagnostics: &[DiagnosticReport]) {
    if diagnostics.is_empty() {
        return;
    }
    let _ = writeln!(out, "**{title}** (in `{}`)\n", code_text(file));
    for diagnostic in diagnostics {
        let icon = match diagnostic.severity {
            Severity::Error => "❌",
            Severity::Warning => "⚠️",
            Severity::Info => "ℹ️",
        };
        let at = match &diagnostic.range {
            Some(range) => format!(" at line {}", range.start.line),
            None => String::new(),
        };
        let _ = writeln!(
            out,
            "- {icon} {} `{}`{at}: {}",
            diagnostic.severity.as_str(),
            diagnostic.code,
            inline(&diagnostic.message)
        );
    }
    out.push('\n');
}

fn field_label(field: &str) -> &str {
    match field {
        "strategy" => "Strategy",
        "totalMinutes" => "Total time",
        "peakTasks" => "Peak tasks",
        "firstExposurePercent" => "First exposure",
        "minutesToFullTraffic" => "Time to full traffic",
        "circuitBreakerThreshold" => "Circuit breaker threshold",
        "rollbackOnFailure" => "Rollback on failure",
        "hookedStages" => "Hooked stages",
        "errors" => "Errors",
        "warnings" => "Warnings",
        other => other,
    }
}

/// A changed field's value with its unit: `50%`, `13 min`.
fn field_value_text(field: &str, value: &FieldValue) -> String {
    let text = value_text(value);
    match field {
        "totalMinutes" | "minutesToFullTraffic" => format!("{text} min"),
        "firstExposurePercent" => format!("{text}%"),
        _ => text,
    }
}

/// A summary value as a reader expects it in the table.
fn value_text(value: &FieldValue) -> String {
    match value {
        FieldValue::Strategy(strategy) => strategy.title().to_string(),
        // Minutes and percentages alike: at most two decimals, no trailing zeros.
        FieldValue::Number(number) => minutes_text(*number),
        FieldValue::Count(count) => count.to_string(),
        FieldValue::Flag(true) => "yes".to_string(),
        FieldValue::Flag(false) => "no".to_string(),
        FieldValue::Threshold(None) => "off".to_string(),
        FieldValue::Threshold(Some(count)) => format!("{count} failed tasks"),
        FieldValue::Stages(stages) if stages.is_empty() => "none".to_string(),
        FieldValue::Stages(stages) => stages
            .iter()
            .map(|stage| format!("`{stage}`"))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// Text for a table cell: pipes escaped, line breaks flattened.
fn cell(text: &str) -> String {
    inline(text).replace('|', "\\|")
}

/// Text on one markdown line.
fn inline(text: &str) -> String {
    text.replace(['\r', '\n'], " ")
}

/// A name inside backticks, which cannot itself hold a backtick.
fn code_text(name: &str) -> String {
    name.replace('`', "'")
}

/// Both traffic curves as one Mermaid `xychart-beta` chart; `None` when neither side has one.
///
/// `xychart-beta` has no legend, so each side has a fixed colour, named above the chart; a side
/// without a timeline is left out rather than drawn as a curve it does not have.
fn traffic_chart(
    before: Option<&RolloutSummary>,
    after: Option<&RolloutSummary>,
) -> Option<String> {
    let curves: Vec<(&str, &str, &str, &RolloutSummary)> = [
        (BEFORE_CURVE, "before", before),
        (AFTER_CURVE, "after", after),
    ]
    .into_iter()
    .filter_map(|((name, color), side, summary)| Some((name, color, side, summary?)))
    .collect();
    if curves.is_empty() {
        return None;
    }
    let end = curves
        .iter()
        .map(|(_, _, _, summary)| summary.total_minutes)
        .fold(1.0, f64::max);
    let step = chart_step(end);
    let points = (end / step).ceil() as usize;
    let minutes: Vec<f64> = (0..=points).map(|index| index as f64 * step).collect();
    let legend: Vec<String> = curves
        .iter()
        .map(|(name, _, side, _)| format!("{name}: {side}"))
        .collect();
    let palette: Vec<&str> = curves.iter().map(|(_, color, _, _)| *color).collect();
    let mut out = format!(
        "**Production traffic on the new version** ({})\n\n```mermaid\n\
         %%{{init: {{\"themeVariables\": {{\"xyChart\": {{\"plotColorPalette\": \"{}\"}}}}}}}}%%\n\
         xychart-beta\n    x-axis \"minutes\" 0 --> {}\n    y-axis \"% of production\" 0 --> 100\n",
        legend.join(", "),
        palette.join(", "),
        minutes_text(minutes.last().copied().unwrap_or(end))
    );
    for (_, _, _, summary) in &curves {
        let values: Vec<String> = minutes
            .iter()
            .map(|&minute| {
                let share = percent_text(share_at(&summary.traffic_steps, minute));
                share.trim_end_matches('%').to_string()
            })
            .collect();
        let _ = writeln!(out, "    line [{}]", values.join(", "));
    }
    out.push_str("```\n");
    Some(out)
}

/// The finest grid spacing that keeps a chart `end` minutes wide within [`MAX_CHART_POINTS`].
fn chart_step(end: f64) -> f64 {
    CHART_STEPS
        .into_iter()
        .find(|step| end / step <= MAX_CHART_POINTS)
        .unwrap_or(CHART_STEPS[CHART_STEPS.len() - 1])
}

/// The share of production traffic on the new version at `minute`.
fn share_at(steps: &[TrafficStep], minute: f64) -> f64 {
    steps
        .iter()
        .take_while(|step| step.minute <= minute + 1e-9)
        .last()
        .map_or(0.0, |step| step.green_percent)
}
