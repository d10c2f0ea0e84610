//! Which strategy the module deploys (facts section 1): the first of blue/green, linear and
//! canary that `gateway_deployment_configuration` configures, else rolling; each other one
//! configured is ignored, and said so.

use crate::checks::{attribute, nulls};
use crate::config::StrategyName;
use crate::diagnostic::{Code, Diagnostic, Edit, Fix, Span};
use crate::read::{Entry, Node, Value};
use crate::typecheck::Typed;

const VARIABLE: &str = "gateway_deployment_configuration";

/// The strategy the module picks, and where it is chosen.
pub struct Choice {
    pub name: StrategyName,
    /// The attribute that chooses it, else the variable (rolling when nothing is configured).
    pub at: Option<Span>,
}

/// One configured strategy and the attribute that configures it.
struct Configured<'a> {
    name: StrategyName,
    entry: &'a Entry,
}

/// Which strategy the module deploys (facts section 1: the first of blue/green, linear and
/// canary that is configured, else rolling), with `conflicting-strategies` for each configured
/// one it ignores; `None` when `gateway_deployment_configuration` cannot be read.
pub fn choose(typed: &Typed, diagnostics: &mut Vec<Diagnostic>) -> Option<Choice> {
    if typed.is_invalid(VARIABLE) {
        return None;
    }
    let variable = typed.get(VARIABLE);
    let configured = variable.map_or_else(Vec::new, |variable| configured(&variable.value));
    if let Some(entry) =
        variable.and_then(|variable| attribute(&variable.value, "enable_blue_green"))
    {
        diagnostics.extend(nulls::default_applied(
            entry,
            &format!("{VARIABLE}.enable_blue_green"),
        ));
    }
    let Some(chosen) = configured.first() else {
        return Some(Choice {
            name: StrategyName::Rolling,
            at: variable.map(|variable| variable.key_span.clone()),
        });
    };
    for ignored in &configured[1..] {
        diagnostics.push(conflict(chosen, ignored, &configured));
    }
    // Only the chosen strategy's block reaches ECS (the module emits the dynamic block of the
    // strategy it picks only, facts section 8): the losing block is reported as ignored by
    // `conflict` above, and its values are not judged against ECS's ranges.
    Some(Choice {
        name: chosen.name,
        at: Some(chosen.entry.key_span.clone()),
    })
}

/// The advanced strategies configured in `gateway_deployment_configuration`, in the order the
/// module tests them: blue/green, linear, canary.
fn configured(node: &Node) -> Vec<Configured<'_>> {
    let mut configured = Vec::new();
    if let Some(entry) = attribute(node, "enable_blue_green") {
        if entry.value.value == Value::Bool(true) {
            configured.push(Configured {
                name: StrategyName::BlueGreen,
                entry,
            });
        }
    }
    for (name, key) in [
        (StrategyName::Linear, "linear_configuration"),
        (StrategyName::Canary, "canary_configuration"),
    ] {
        if let Some(entry) = attribute(node, key) {
            if entry.value.value != Value::Null {
                configured.push(Configured { name, entry });
            }
        }
    }
    configured
}

fn conflict(chosen: &Configured, ignored: &Configured, all: &[Configured]) -> Diagnostic {
    let keep_chosen = Fix {
        title: format!(
            "Keep {} and remove the {} settings",
            chosen.name.title(),
            ignored.name.title()
        ),
        edits: vec![switch_off(ignored)],
    };
    let use_ignored = Fix {
        title: format!("Deploy {} instead", ignored.name.title()),
        edits: all
            .iter()
            .filter(|other| other.name != ignored.name)
            .map(switch_off)
            .collect(),
    };
    Diagnostic::new(
        Code::ConflictingStrategies,
        format!(
            "both {} and {} are configured; the module silently deploys {} and ignores `{}`",
            chosen.name.title(),
            ignored.name.title(),
            chosen.name.title(),
            ignored.entry.key
        ),
    )
    .at(ignored.entry.key_span.clone())
    .at_path(format!("{VARIABLE}.{}", ignored.entry.key))
    .with_help(
        "Only one advanced strategy may be active; the module picks blue/green first, then linear, then canary",
    )
    .with_related(chosen.entry.key_span.clone(), format!("{} is chosen here", chosen.name.title()))
    .with_fix(keep_chosen)
    .with_fix(use_ignored)
}

/// The edit that turns a configured strategy off.
fn switch_off(strategy: &Configured) -> Edit {
    let new_text = match strategy.name {
        StrategyName::BlueGreen => "false",
        _ => "null",
    };
    Edit {
        span: strategy.entry.value.span.clone(),
        new_text: new_text.to_owned(),
    }
}
