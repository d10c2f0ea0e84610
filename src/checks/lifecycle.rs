//! The gateway's lifecycle hook and its stage names (facts section 3).

use super::edit::{is_own_string_literal, remove_list_item};
use super::{attribute, Locations};
use crate::config::StrategyName;
use crate::config::{Stage, Strategy};
use crate::diagnostic::{Code, Diagnostic, Fix, Span};
use crate::read::{Node, Value};
use crate::suggest;
use crate::typecheck::Typed;

const VARIABLE: &str = "gateway_lifecycle_hook";

/// Spellings from public material that mean a real stage (facts sections 1 and 3).
const KNOWN_MISSPELLINGS: &[(&str, Stage)] = &[
    ("PRE_TEST_TRAFFIC_SHIFT", Stage::TestTrafficShift),
    ("PRE_PROD_TRAFFIC_SHIFT", Stage::PreProductionTrafficShift),
    ("PROD_TRAFFIC_SHIFT", Stage::ProductionTrafficShift),
    ("POST_PROD_TRAFFIC_SHIFT", Stage::PostProductionTrafficShift),
];

/// The stages the hook is called at; `None` when the hook settings cannot be read.
///
/// Unknown and unhookable names are reported and left out, so the timeline still shows the
/// stages that are valid.
pub fn check(
    source: &str,
    typed: &Typed,
    strategy: StrategyName,
    locations: &mut Locations,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Vec<Stage>> {
    if typed.is_invalid(VARIABLE) {
        return None;
    }
    let Some(variable) = typed.get(VARIABLE) else {
        return Some(Vec::new());
    };
    if variable.value.value == Value::Null {
        // `terraform plan` fails on it (`null-not-allowed`, reported by `nulls`).
        return None;
    }
    let enable_entry = attribute(&variable.value, "enable_lifecycle_hook");
    let stages_entry = attribute(&variable.value, "lifecycle_hook_stages");
    locations.lifecycle_hook = enable_entry.map(|entry| entry.value.span.clone());
    locations.lifecycle_stages = stages_entry.map(|entry| entry.value.span.clone());
    let enabled = matches!(
        enable_entry.map(|entry| &entry.value.value),
        Some(Value::Bool(true))
    );
    let items: &[Node] = match stages_entry.map(|entry| &entry.value.value) {
        Some(Value::List(items)) => items,
        _ => &[],
    };
    let path = format!("{VARIABLE}.lifecycle_hook_stages");

    let mut stages = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let Value::String(name) = &item.value else {
            continue;
        };
        let item_path = format!("{path}[{index}]");
        match judge_stage(items, index, name, &stages, &item_path) {
            Ok(stage) => stages.push(stage),
            Err(mut diagnostic) => {
                // Only an item written as its own literal can be edited without changing others.
                if !is_own_string_literal(source, item) {
                    diagnostic.fixes.clear();
                }
                diagnostics.push(*diagnostic);
            }
        }
    }

    match (enabled, items.is_empty()) {
        (true, true) => {
            let span = stages_entry
                .or(enable_entry)
                .map(|entry| entry.value.span.clone());
            diagnostics.push(without_stages(
                "the lifecycle hook is enabled but `lifecycle_hook_stages` lists no stage",
                span,
                path.clone(),
                enable_entry.map(|entry| entry.value.span.clone()),
            ));
        }
        (false, false) => {
            let mut diagnostic = Diagnostic::new(
                Code::LifecycleStagesIgnored,
                format!(
                    "{} stage(s) are listed but the lifecycle hook is disabled, so none of them is called",
                    items.len()
                ),
            )
            .at_path(path.clone())
            .with_help("Set `enable_lifecycle_hook = true` to call the hook, or empty the list");
            if let Some(entry) = stages_entry {
                diagnostic = diagnostic.at(entry.value.span.clone());
            }
            if let Some(entry) = enable_entry {
                diagnostic = diagnostic.with_fix(Fix::replace(
                    "Enable the lifecycle hook",
                    entry.value.span.clone(),
                    "true",
                ));
            }
            diagnostics.push(diagnostic);
        }
        _ => {}
    }
    if enabled && !items.is_empty() && strategy == StrategyName::Rolling {
        diagnostics.push(on_rolling(
            stages_entry.map(|entry| entry.value.span.clone()),
            path,
        ));
    }
    Some(if enabled { stages } else { Vec::new() })
}

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
