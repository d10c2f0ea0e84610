//! Plain-text forms of a timeline and a comparison: fixed-width tables and a small ASCII chart
//! of the production share on the new version. Deterministic, no colour, ASCII only.

use std::fmt::Write;

use super::model::{Assumptions, Comparison, RollbackTrigger, Timeline};
use crate::config::StrategyName;

/// Columns of the traffic chart.
const CHART_WIDTH: usize = 60;
/// The share (in percent) each chart row needs to be filled, top to bottom; the last row fills
/// for any share above zero.
const CHART_ROWS: [(f64, &str); 5] = [
    (100.0, "100%"),
    (75.0, " 75%"),
    (50.0, " 50%"),
    (25.0, " 25%"),
    (0.1, " >0%"),
];

/// The timeline as a readable table of phases plus a small text chart of traffic over time.
pub fn render_text(timeline: &Timeline) -> String {
    let mut out = String::new();
    let tasks = plural(timeline.desired_count, "task");
    let _ = writeln!(
        out,
        "{} rollout of {tasks}: {} min, peak {}",
        timeline.strategy.as_str(),
        minutes_text(timeline.total_minutes),
        plural(timeline.peak_tasks, "task"),
    );
    let listeners = match &timeline.listeners {
        None => "none (no load balancer)".to_string(),
        Some(listeners) => {
            let production = format!("production {}", listener_text(&listeners.production));
            match &listeners.test {
                Some(test) => format!("{production}, test {}", listener_text(test)),
                None => format!("{production}, no test listener"),
            }
        }
    };
    let _ = writeln!(out, "Listeners: {listeners}");
    let breaker = match timeline.circuit_breaker_threshold {
        Some(threshold) => format!(
            "on, fails the deployment at {}",
            plural(threshold, "failed task")
        ),
        None if timeline
            .notes
            .iter()
            .any(|note| note == super::rollback::BREAKER_COVERAGE) =>
        {
            "no threshold shown for this strategy (see the notes)".to_string()
        }
        None => "off".to_string(),
    };
    let _ = writeln!(out, "Circuit breaker: {breaker}");
    if let Some(rollback) = &timeline.rollback {
        let outcome = match rollback.restored_minute {
            Some(minute) => format!("production back at 0% at minute {}", minutes_text(minute)),
            None => "no rollback: the deployment stops where it is".to_string(),
        };
        let _ = writeln!(
            out,
            "Rollback: failure detected at minute {} with {} of production on the new version \
             (detected by: {}); {outcome}",
            minutes_text(rollback.at_minute),
            percent_text(rollback.green_percent_at_failure),
            trigger_text(rollback.trigger),
        );
    }

    out.push_str("\nPhases\n");
    let _ = writeln!(
        out,
        "  {:>8} {:>8}  {:<13} {:>4}  {:>6}  {:>5}  {:>5}",
        "start", "end", "phase", "step", "green", "blue", "green"
    );
    let _ = writeln!(
        out,
        "  {:>8} {:>8}  {:<13} {:>4}  {:>6}  {:>5}  {:>5}",
        "min", "min", "", "", "share", "tasks", "tasks"
    );
    for phase in &timeline.phases {
        let _ = writeln!(
            out,
            "  {:>8} {:>8}  {:<13} {:>4}  {:>6}  {:>5}  {:>5}{}",
            minutes_text(phase.start_minute),
            minutes_text(phase.end_minute),
            phase.name.as_str(),
            phase.step.map_or(String::new(), |step| step.to_string()),
            percent_text(phase.green_percent),
            phase.blue_tasks,
            phase.green_tasks,
            phase
                .waves
                .map_or(String::new(), |waves| format!("  ({waves} waves)")),
        );
    }
    if timeline.phases.is_empty() {
        out.push_str("  (none: nothing to replace)\n");
    }

    out.push_str("\nLifecycle stages\n");
    if timeline.stages.is_empty() {
        out.push_str("  (none: ECS documents no lifecycle stages for rolling deployments)\n");
    } else {
        let _ = writeln!(
            out,
            "  {:>8}  {:<30} {:>4}  hook, delay",
            "minute", "stage", "step"
        );
        for stage in &timeline.stages {
            let mut marks = Vec::new();
            if stage.hooked {
                marks.push("hooked".to_owned());
            }
            if let Some(delay) = stage.delay_minutes {
                marks.push(format!("+{} min NLB delay", minutes_text(delay)));
            }
            if stage.rollback {
                marks.push("(rollback)".to_owned());
            }
            let line = format!(
                "  {:>8}  {:<30} {:>4}  {}",
                minutes_text(stage.minute),
                stage.stage,
                stage.step.map_or(String::new(), |step| step.to_string()),
                marks.join(" "),
            );
            let _ = writeln!(out, "{}", line.trim_end());
        }
    }

    out.push_str("\nProduction share on the new version\n");
    out.push_str(&chart(timeline));

    out.push('\n');
    assumptions_line(&mut out, &timeline.assumptions);
    if !timeline.notes.is_empty() {
        out.push_str("Notes:\n");
        for note in &timeline.notes {
            let _ = writeln!(out, "  - {note}");
        }
    }
    out
}

/// The comparison as a table, one row per strategy.
pub fn render_comparison_text(comparison: &Comparison) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "The same service ({}) under each strategy",
        plural(comparison.desired_count, "task")
    );
    let header = [
        "strategy",
        "total",
        "peak",
        "first",
        "full at",
        "shifts",
        "mixed",
        "extra",
        "test",
        "rollback by",
    ];
    let units = [
        "", "min", "tasks", "exposure", "min", "", "min", "task-min", "listener", "",
    ];
    let row_text = |cells: [&str; 10]| {
        let line = format!(
            "  {:<10} {:>7} {:>5} {:>8} {:>7} {:>6} {:>7} {:>8}  {:<8}  {}",
            cells[0],
            cells[1],
            cells[2],
            cells[3],
            cells[4],
            cells[5],
            cells[6],
            cells[7],
            cells[8],
            cells[9]
        );
        line.trim_end().to_string()
    };
    let _ = writeln!(out, "{}", row_text(header));
    let _ = writeln!(out, "{}", row_text(units));
    for row in &comparison.rows {
        let triggers = row
            .rollback_triggers
            .iter()
            .map(|trigger| trigger_text(*trigger))
            .collect::<Vec<_>>()
            .join(", ");
        let cells = [
            row.strategy.as_str().to_string(),
            minutes_text(row.total_minutes),
            row.peak_tasks.to_string(),
            percent_text(row.first_exposure_percent),
            minutes_text(row.minutes_to_full_traffic),
            row.production_shifts.to_string(),
            minutes_text(row.mixed_traffic_minutes),
            minutes_text(row.extra_task_minutes),
            if row.test_listener { "yes" } else { "no" }.to_string(),
            triggers,
        ];
        let _ = writeln!(out, "{}", row_text(cells.each_ref().map(String::as_str)));
    }
    let settings: Vec<String> = comparison
        .rows
        .iter()
        .filter_map(|row| {
            let shifts = row.shifts?;
            let each = match row.strategy {
                StrategyName::Linear => "per step",
                _ => "first",
            };
            let source = if shifts.from_file {
                "the file's"
            } else {
                "ECS's defaults"
            };
            Some(format!(
                "{} {} {each}, baking {} min ({source})",
                row.strategy.as_str(),
                percent_text(shifts.percent),
                minutes_text(shifts.bake_minutes)
            ))
        })
        .collect();
    if !settings.is_empty() {
        let _ = writeln!(out, "Shifts: {}", settings.join("; "));
    }
    assumptions_line(&mut out, &comparison.assumptions);
    for note in &comparison.notes {
        let _ = writeln!(out, "Note: {note}");
    }
    out.push_str(
        "\"rollback by: alarm\" means only a CloudWatch alarm (which the module does not create) \
         or a person would roll a failed rollout back\n",
    );
    out
}

/// The chart: one row per level, one column per sixtieth of the rollout, filled where the share
/// during that stretch (its highest, so short exposures show) reaches the row's level.
fn chart(timeline: &Timeline) -> String {
    let mut out = String::new();
    let total = timeline.total_minutes;
    if total <= 0.0 {
        out.push_str("  (the rollout takes no time)\n");
        return out;
    }
    let share_at = |minute: f64| {
        timeline
            .traffic_steps
            .iter()
            .take_while(|step| step.minute <= minute)
            .last()
            .map_or(0.0, |step| step.green_percent)
    };
    let columns: Vec<f64> = (0..CHART_WIDTH)
        .map(|column| {
            let from = total * column as f64 / CHART_WIDTH as f64;
            let to = total * (column + 1) as f64 / CHART_WIDTH as f64;
            timeline
                .traffic_steps
                .iter()
                .filter(|step| step.minute > from && step.minute < to)
                .map(|step| step.green_percent)
                .fold(share_at(from), f64::max)
        })
        .collect();
    for (level, label) in CHART_ROWS {
        let cells: String = columns
            .iter()
            .map(|share| if *share >= level { '#' } else { ' ' })
            .collect();
        let _ = writeln!(out, "  {label} |{}", cells.trim_end());
    }
    let _ = writeln!(out, "       +{}", "-".repeat(CHART_WIDTH));
    let end = format!("{} min", minutes_text(total));
    let _ = writeln!(
        out,
        "        0{:>width$}",
        end,
        width = CHART_WIDTH.saturating_sub(1)
    );
    out
}

fn trigger_text(trigger: RollbackTrigger) -> &'static str {
    match trigger {
        RollbackTrigger::CircuitBreaker => "circuit-breaker",
        RollbackTrigger::LifecycleHook => "lifecycle-hook",
        RollbackTrigger::Alarm => "alarm",
    }
}

/// A minute figure with at most two decimals and no trailing zeros: `2.5`, `12`, `0.12`.
pub(crate) fn minutes_text(minutes: f64) -> String {
    let text = format!("{minutes:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

/// A percentage with at most one decimal: `33.3%`, `100%`.
pub(crate) fn percent_text(percent: f64) -> String {
    let text = format!("{percent:.1}");
    format!("{}%", text.strip_suffix(".0").unwrap_or(&text))
}

fn plural(count: u32, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// The one line that says which assumptions a timeline or comparison used.
fn assumptions_line(out: &mut String, a: &Assumptions) {
    let _ = writeln!(out, "{}", assumptions_text(a));
}

/// The assumptions a timeline or comparison used, in one sentence.
pub(crate) fn assumptions_text(a: &Assumptions) -> String {
    format!(
        "Assumptions: scale-up {} min, hook {} min, drain {} min, bake time {} min, \
         minimum healthy {}%, maximum {}%{}, NLB shift delay {} min, unknown load balancers \
         {}",
        minutes_text(a.scale_up_minutes),
        minutes_text(a.hook_minutes),
        minutes_text(a.drain_minutes),
        minutes_text(a.bake_time_minutes),
        a.minimum_healthy_percent,
        a.maximum_percent,
        a.desired_count
            .map(|count| format!(", desired count {count}"))
            .unwrap_or_default(),
        minutes_text(a.nlb_shift_delay_minutes),
        a.load_balancer_type.as_str(),
    )
}

/// `80 HTTP`, or what is known of a listener whose source names no port or protocol.
fn listener_text(listener: &super::model::ListenerView) -> String {
    match (listener.port, listener.protocol) {
        (Some(port), Some(protocol)) => format!("{port} {protocol}"),
        (Some(port), None) => port.to_string(),
        (None, Some(protocol)) => protocol.to_owned(),
        (None, None) => "(through the load balancer; port not given)".to_owned(),
    }
}
