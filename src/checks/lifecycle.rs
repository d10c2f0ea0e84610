//! Lifecycle hooks and their stage names, for every source (facts section 3).

use super::edit::remove_list_item;
use crate::config::{Stage, Strategy};
use crate::diagnostic::{Code, Diagnostic, Fix, Span};
use crate::read::Node;
use crate::suggest;

/// Spellings from public material that mean a real stage (facts sections 1 and 3).
const KNOWN_MISSPELLINGS: &[(&str, Stage)] = &[
    ("PRE_TEST_TRAFFIC_SHIFT", Stage::TestTrafficShift),
    ("PRE_PROD_TRAFFIC_SHIFT", Stage::PreProductionTrafficShift),
    ("PROD_TRAFFIC_SHIFT", Stage::ProductionTrafficShift),
    ("POST_PROD_TRAFFIC_SHIFT", Stage::PostProductionTrafficShift),
];

/// `lifecycle-hook-without-stages`, for every source: a hook that ECS would call at no stage,
/// with "disable the hook" as the fix where the source has a switch for it (`disable`).
pub(crate) fn without_stages(
    message: &str,
    span: Option<Span>,
    path: String,
    disable: Option<Span>,
) -> Diagnostic {
    let mut diagnostic = Diagnostic::new(Code::LifecycleHookWithoutStages, message)
        .at_path(path)
        .with_help("ECS needs at least one stage for a hook; list the stages to call it at, such as POST_TEST_TRAFFIC_SHIFT");
    if let Some(span) = span {
        diagnostic = diagnostic.at(span);
    }
    if let Some(span) = disable {
        diagnostic = diagnostic.with_fix(Fix::replace("Disable the lifecycle hook", span, "false"));
    }
    diagnostic
}

/// `lifecycle-hook-on-rolling`, for every source: hooks on a rolling deployment.
pub(crate) fn on_rolling(span: Option<Span>, path: String) -> Diagnostic {
    let diagnostic = Diagnostic::new(
        Code::LifecycleHookOnRolling,
        "lifecycle hooks are configured for a rolling deployment, where ECS documents none",
    )
    .at_path(path)
    .with_help("ECS documents lifecycle hooks for blue/green, canary and linear deployments; choose one of them or expect the hook not to run");
    match span {
        Some(span) => diagnostic.at(span),
        None => diagnostic,
    }
}

/// `no-behaviour-check`, for every source: a canary or linear rollout with no hook on a stage
/// that runs before production reaches 100% (and, where the source has them, no alarms), so only
/// the circuit breaker's task-health signal watches the new version. `help` says what the
/// source can add.
pub(crate) fn no_behaviour_check(
    settings: Strategy,
    stages: &[Stage],
    span: Option<Span>,
    path: String,
    help: &str,
) -> Option<Diagnostic> {
    if !matches!(settings, Strategy::Canary { .. } | Strategy::Linear { .. }) {
        return None;
    }
    let checked_before_full = stages.iter().any(|stage| {
        !matches!(
            stage,
            Stage::ReconcileService | Stage::PostProductionTrafficShift
        )
    });
    if checked_before_full {
        return None;
    }
    let diagnostic = Diagnostic::new(
        Code::NoBehaviourCheck,
        format!(
            "nothing checks the new version's behaviour before the {} rollout gives it all production traffic",
            settings.name().title()
        ),
    )
    .at_path(path)
    .with_help(help);
    Some(match span {
        Some(span) => diagnostic.at(span),
        None => diagnostic,
    })
}

/// The stage that item `index` of a stage list names, or why ECS cannot call a hook there
/// (unknown, unhookable, or already in `seen`), whatever source the list is written in.
pub(crate) fn judge_stage(
    items: &[Node],
    index: usize,
    name: &str,
    seen: &[Stage],
    path: &str,
) -> Result<Stage, Box<Diagnostic>> {
    let item = &items[index];
    match Stage::from_name(name) {
        Some(stage) if !stage.is_hookable() => Err(Box::new(unhookable(item, stage, path))),
        Some(stage) if seen.contains(&stage) => Err(Box::new(
            Diagnostic::new(
                Code::DuplicateLifecycleStage,
                format!(
                "`{name}` is listed more than once; the hook is called once per stage either way"
            ),
            )
            .at(item.span.clone())
            .at_path(path.to_owned())
            .with_help("Remove the repeated name")
            .with_fix(remove_list_item(
                format!("Remove the second `{name}`"),
                items,
                index,
            )),
        )),
        Some(stage) => Ok(stage),
        None => Err(Box::new(unknown(item, name, path))),
    }
}

fn unhookable(item: &Node, stage: Stage, path: &str) -> Diagnostic {
    let name = stage.as_str();
    let alternatives: &[Stage] = match stage {
        Stage::ScaleUp => &[Stage::PreScaleUp, Stage::PostScaleUp],
        Stage::BakeTime => &[Stage::PostProductionTrafficShift],
        _ => &[],
    };
    let mut diagnostic = Diagnostic::new(
        Code::UnhookableLifecycleStage,
        format!("`{name}` is a real deployment stage, but ECS cannot call a hook there"),
    )
    .at(item.span.clone())
    .at_path(path.to_owned())
    .with_help(match stage {
        Stage::CleanUp => "The last hookable stage is POST_PRODUCTION_TRAFFIC_SHIFT, before the bake time and clean-up".to_owned(),
        _ => format!(
            "Hookable stages around it: {}",
            alternatives.iter().map(|stage| stage.as_str()).collect::<Vec<_>>().join(", ")
        ),
    });
    for alternative in alternatives {
        diagnostic = diagnostic.with_fix(replace_stage(item, alternative.as_str()));
    }
    diagnostic
}

fn unknown(item: &Node, name: &str, path: &str) -> Diagnostic {
    let upper = name.trim().to_ascii_uppercase().replace(['-', ' '], "_");
    let meant = KNOWN_MISSPELLINGS
        .iter()
        .find(|(spelling, _)| *spelling == upper)
        .map(|(_, stage)| *stage)
        .or_else(|| Stage::from_name(&upper))
        .or_else(|| {
            let hookable = Stage::hookable();
            suggest::closest(&upper, hookable.clone().map(Stage::as_str)).and_then(Stage::from_name)
        });
    let mut diagnostic = Diagnostic::new(
        Code::UnknownLifecycleStage,
        format!("`{name}` is not an ECS lifecycle stage"),
    )
    .at(item.span.clone())
    .at_path(path.to_owned());
    let help = match (meant, upper.as_str()) {
        (_, "PRE_SCALE_DOWN" | "POST_SCALE_DOWN" | "SCALE_DOWN") => {
            "ECS has no scale-down stage: old tasks stop in CLEAN_UP, which cannot be hooked; POST_PRODUCTION_TRAFFIC_SHIFT is the last hookable stage".to_owned()
        }
        (Some(stage), _) if KNOWN_MISSPELLINGS.iter().any(|(spelling, _)| *spelling == upper) => format!(
            "The strategies document's `{upper}` most likely means `{}` ({})",
            stage.as_str(),
            stage.doc()
        ),
        (Some(stage), _) => format!("Did you mean `{}`? {}", stage.as_str(), stage.doc()),
        (None, _) => format!(
            "The hookable stages are {}",
            Stage::hookable()
                .map(Stage::as_str)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    diagnostic = diagnostic.with_help(help);
    if let Some(stage) = meant.filter(|_| !upper.contains("SCALE_DOWN")) {
        diagnostic = diagnostic.with_fix(replace_stage(item, stage.as_str()));
    }
    diagnostic
}

fn replace_stage(item: &Node, stage: &str) -> Fix {
    Fix::replace(
        format!("Use `{stage}`"),
        item.span.clone(),
        format!("\"{stage}\""),
    )
}
