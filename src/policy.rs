//! Organisation policy (contract section 6): rules a platform team states once, checked after
//! the built-in ones, each failure a `policy-violation` located on the attribute that decides it.
//!
//! The rules for the file's `environment` (the module's default, `dev`, when it is not set) are
//! merged over the top-level ones, field by field. Figures such as first exposure and total
//! minutes come from the timeline under the caller's assumptions.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::checks::Checked;
use crate::config::Stage;
use crate::config::StrategyName;
use crate::diagnostic::{Code, Diagnostic, Fix, Span};
use crate::timeline::Timeline;

/// Organisation rules, checked after the built-in ones (contract section 6).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(target_arch = "wasm32", tsify(hashmap_as_object))]
pub struct Policy {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub allowed_strategies: Option<Vec<StrategyName>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub require_circuit_breaker_rollback: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub max_first_exposure_percent: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub min_bake_minutes: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub max_total_minutes: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub required_lifecycle_stages: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(optional, type = "Record<string, Omit<Policy, \"environments\">>")
    )]
    pub environments: Option<crate::keyed::Keyed<Policy>>,
}

/// Why a policy cannot be enforced: the field at fault, as a dotted path from the top of the
/// policy, and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyError {
    pub field: String,
    pub problem: String,
}

impl std::fmt::Display for PolicyError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "`{}` {}", self.field, self.problem)
    }
}

/// The environment the module assumes when `environment` is not set.
const DEFAULT_ENVIRONMENT: &str = "dev";

/// Checks that every field of `policy` can be enforced, so a policy is never half-applied.
pub fn validate(policy: &Policy) -> Result<(), PolicyError> {
    validate_rules(policy, "")?;
    for (name, environment) in policy.environments.iter().flatten() {
        let prefix = format!("environments.{name}.");
        if environment.environments.is_some() {
            return Err(PolicyError {
                field: format!("{prefix}environments"),
                problem: "cannot nest: environments take the top-level fields only".to_owned(),
            });
        }
        validate_rules(environment, &prefix)?;
    }
    Ok(())
}

fn validate_rules(policy: &Policy, prefix: &str) -> Result<(), PolicyError> {
    let error = |field: &str, problem: String| PolicyError {
        field: format!("{prefix}{field}"),
        problem,
    };
    if let Some(strategies) = &policy.allowed_strategies {
        if strategies.is_empty() {
            return Err(error(
                "allowedStrategies",
                "must name at least one strategy".to_owned(),
            ));
        }
    }
    if let Some(percent) = policy.max_first_exposure_percent {
        if !(0.1..=100.0).contains(&percent) {
            return Err(error(
                "maxFirstExposurePercent",
                format!("must be from 0.1 to 100, not {percent}"),
            ));
        }
    }
    if let Some(minutes) = policy.min_bake_minutes {
        if !(0.0..=1440.0).contains(&minutes) {
            return Err(error(
                "minBakeMinutes",
                format!("must be from 0 to 1440, not {minutes}"),
            ));
        }
    }
    if let Some(minutes) = policy.max_total_minutes {
        if !(minutes.is_finite() && minutes >= 0.0) {
            return Err(error(
                "maxTotalMinutes",
                format!("must be a non-negative number, not {minutes}"),
            ));
        }
    }
    for (index, stage) in policy
        .required_lifecycle_stages
        .iter()
        .flatten()
        .enumerate()
    {
        match Stage::from_name(stage) {
            Some(stage) if stage.is_hookable() => {}
            Some(_) => {
                return Err(error(
                    &format!("requiredLifecycleStages[{index}]"),
                    format!("names `{stage}`, a stage that cannot carry a hook"),
                ))
            }
            None => {
                return Err(error(
                    &format!("requiredLifecycleStages[{index}]"),
                    format!("names `{stage}`, which is not an ECS lifecycle stage"),
                ))
            }
        }
    }
    Ok(())
}

/// Which of a policy's rules a file was checked against (`Analysis.policy`), so that a policy
/// that passed says which rules it passed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct PolicyScope {
    /// The `environment` value that chose the rules.
    pub environment: String,
    /// Whether the file sets `environment`; when it does not, the module's default (`dev`)
    /// chose the rules, as it names the deployed resources.
    pub environment_set: bool,
    /// Whether the policy has rules for that environment, merged over its top-level ones.
    pub environment_rules: bool,
    /// The same in a sentence, for people: "the rules for environment `prod`, over the
    /// top-level ones".
    pub summary: String,
}

/// The rules of `policy` that apply to the checked file.
pub fn scope(policy: &Policy, checked: &Checked) -> PolicyScope {
    let environment_set = checked.environment.is_some();
    let environment = checked
        .environment
        .clone()
        .unwrap_or_else(|| DEFAULT_ENVIRONMENT.to_owned());
    let environment_rules = policy
        .environments
        .as_ref()
        .is_some_and(|all| all.get(&environment).is_some());
    let chosen_by = if environment_set {
        format!("environment `{environment}`")
    } else {
        format!(
            "environment `{environment}` (the module's default: the file does not set `environment`)"
        )
    };
    let summary = if environment_rules {
        format!("the rules for {chosen_by}, over the top-level ones")
    } else {
        format!("the top-level rules: the policy has none for {chosen_by}")
    };
    PolicyScope {
        environment,
        environment_set,
        environment_rules,
        summary,
    }
}

/// The rules in force for `environment`: its own fields over the top-level ones.
pub fn effective(policy: &Policy, environment: &str) -> Policy {
    let mut merged = Policy {
        environments: None,
        ..policy.clone()
    };
    if let Some(overrides) = policy
        .environments
        .as_ref()
        .and_then(|all| all.get(environment))
    {
        macro_rules! merge {
            ($($field:ident),*) => {
                $(if overrides.$field.is_some() {
                    merged.$field = overrides.$field.clone();
                })*
            };
        }
        merge!(
            allowed_strategies,
            require_circuit_breaker_rollback,
            max_first_exposure_percent,
            min_bake_minutes,
            max_total_minutes,
            required_lifecycle_stages
        );
    }
    merged
}

/// Every violation of `policy` by the checked file, under the rules `scope` (from [`scope`])
/// says apply.
pub fn check(
    policy: &Policy,
    scope: &PolicyScope,
    checked: &Checked,
    timeline: Option<&Timeline>,
) -> Vec<Diagnostic> {
    if let Err(error) = validate(policy) {
        return vec![Diagnostic::new(
            Code::PolicyViolation,
            format!("the policy cannot be applied: {error}"),
        )
        .with_help("Correct the policy; none of its rules was checked")];
    }
    let rules = effective(policy, &scope.environment);
    let who = if scope.environment_rules {
        format!("the policy for environment `{}`", scope.environment)
    } else {
        "the policy".to_owned()
    };
    let mut violations = Vec::new();
    let locations = &checked.locations;

    if let Some(allowed) = &rules.allowed_strategies {
        if !allowed.contains(&checked.strategy) {
            let names = allowed
                .iter()
                .map(|strategy| strategy.title())
                .collect::<Vec<_>>()
                .join(", ");
            violations.push(violation(
                "allowedStrategies",
                format!(
                    "this file deploys {}, but {who} allows only {names}",
                    checked.strategy.title()
                ),
                locations.strategy.clone(),
                "gateway_deployment_configuration",
                format!("Configure one of {names} in `gateway_deployment_configuration`"),
            ));
        }
    }

    if rules.require_circuit_breaker_rollback == Some(true) {
        if let Some(breaker) = checked.circuit_breaker {
            if !(breaker.enable && breaker.rollback) {
                let (span, field) = if breaker.enable {
                    (locations.rollback.clone(), "rollback")
                } else {
                    (locations.circuit_breaker.clone(), "enable")
                };
                let mut diagnostic = violation(
                    "requireCircuitBreakerRollback",
                    format!(
                        "{who} requires the circuit breaker with rollback, but `{field}` is false here"
                    ),
                    span.clone(),
                    "gateway_deployment_circuit_breaker",
                    "Set `gateway_deployment_circuit_breaker = { enable = true, rollback = true }`".to_owned(),
                );
                if let Some(span) = span {
                    diagnostic = diagnostic.with_fix(Fix::replace(
                        format!("Set `{field} = true`"),
                        span,
                        "true",
                    ));
                }
                violations.push(diagnostic);
            }
        }
    }

    if let (Some(max), Some(timeline)) = (rules.max_first_exposure_percent, timeline) {
        let first = first_exposure(timeline);
        if first > max + 1e-9 {
            let span = match checked.strategy {
                StrategyName::Canary => locations.canary_percent.clone(),
                StrategyName::Linear => locations.step_percent.clone(),
                _ => locations.strategy.clone(),
            };
            let mut diagnostic = violation(
                "maxFirstExposurePercent",
                format!(
                    "the first shift sends {first}% of production to the new version, over the limit of {max}% set by {who}"
                ),
                span.clone(),
                "gateway_deployment_configuration",
                format!("Use canary or linear with at most {max}% in the first shift"),
            );
            if let (Some(span), StrategyName::Canary | StrategyName::Linear) =
                (span, checked.strategy)
            {
                let minimum = if checked.strategy == StrategyName::Linear {
                    3.0
                } else {
                    0.1
                };
                if max >= minimum {
                    let value = crate::scalar::format_number((max * 10.0).floor() / 10.0);
                    diagnostic =
                        diagnostic.with_fix(Fix::replace(format!("Use {value}%"), span, value));
                }
            }
            violations.push(diagnostic);
        }
    }

    if let (Some(min), Some(deployment)) = (rules.min_bake_minutes, &checked.deployment) {
        let bake = match deployment.strategy {
            crate::config::Strategy::Canary { bake, .. } => {
                Some((bake, locations.canary_bake.clone(), "canary"))
            }
            crate::config::Strategy::Linear { bake, .. } => {
                Some((bake, locations.step_bake.clone(), "step"))
            }
            _ => None,
        };
        if let Some((bake, span, kind)) = bake {
            if f64::from(bake.get()) < min {
                let mut diagnostic = violation(
                    "minBakeMinutes",
                    format!(
                        "the {kind} bake is {} minutes, under the minimum of {min} set by {who}",
                        bake.get()
                    ),
                    span.clone(),
                    "gateway_deployment_configuration",
                    format!("Make each {kind} bake at least {min} minutes long"),
                );
                if let Some(span) = span {
                    let value = crate::scalar::format_number(min.ceil());
                    diagnostic = diagnostic.with_fix(Fix::replace(
                        format!("Bake {value} minutes"),
                        span,
                        value,
                    ));
                }
                violations.push(diagnostic);
            }
        }
    }

    if let (Some(max), Some(timeline)) = (rules.max_total_minutes, timeline) {
        if timeline.total_minutes > max + 1e-9 {
            violations.push(violation(
                "maxTotalMinutes",
                format!(
                    "the rollout takes {} minutes under the assumed timings, over the limit of {max} set by {who}",
                    timeline.total_minutes
                ),
                locations.strategy.clone(),
                "gateway_deployment_configuration",
                "Shorten the bakes, use fewer steps, or change the assumptions if they are too pessimistic".to_owned(),
            ));
        }
    }

    if let (Some(required), Some(hooked)) =
        (&rules.required_lifecycle_stages, &checked.hooked_stages)
    {
        let missing: Vec<&str> = required
            .iter()
            .filter(|name| Stage::from_name(name).is_some_and(|stage| !hooked.contains(&stage)))
            .map(String::as_str)
            .collect();
        if !missing.is_empty() {
            let span = locations
                .lifecycle_stages
                .clone()
                .or(locations.lifecycle_hook.clone());
            violations.push(violation(
                "requiredLifecycleStages",
                format!(
                    "{who} requires the lifecycle hook at {}, which this file does not hook",
                    missing.join(", ")
                ),
                span,
                "gateway_lifecycle_hook",
                format!(
                    "Enable the hook and list {} in `lifecycle_hook_stages`",
                    missing.join(", ")
                ),
            ));
        }
    }
    violations
}

/// The production share the new version gets at its first shift.
pub fn first_exposure(timeline: &Timeline) -> f64 {
    timeline
        .traffic_steps
        .iter()
        .map(|step| step.green_percent)
        .find(|percent| *percent > 0.0)
        .unwrap_or(0.0)
}

fn violation(
    rule: &str,
    message: String,
    span: Option<Span>,
    path: &str,
    help: String,
) -> Diagnostic {
    let mut diagnostic =
        Diagnostic::new(Code::PolicyViolation, format!("policy `{rule}`: {message}"))
            .at_path(path)
            .with_help(help);
    if let Some(span) = span {
        diagnostic = diagnostic.at(span);
    }
    diagnostic
}

/// The JSON Schema (draft 2020-12) of a policy file.
pub fn schema() -> Value {
    let strategies: Vec<&str> = StrategyName::ALL
        .iter()
        .map(|strategy| strategy.as_str())
        .collect();
    let stages: Vec<&str> = Stage::hookable().map(Stage::as_str).collect();
    let rules = json!({
        "allowedStrategies": {
            "description": "Strategies a file may deploy",
            "type": "array", "minItems": 1, "uniqueItems": true,
            "items": { "enum": strategies }
        },
        "requireCircuitBreakerRollback": {
            "description": "The deployment circuit breaker must be on, with rollback",
            "type": "boolean"
        },
        "maxFirstExposurePercent": {
            "description": "Largest share of production the new version may get at its first shift",
            "type": "number", "minimum": 0.1, "maximum": 100
        },
        "minBakeMinutes": {
            "description": "Every canary or step bake at least this long",
            "type": "number", "minimum": 0, "maximum": 1440
        },
        "maxTotalMinutes": {
            "description": "Whole deployment at most this long, under the given assumptions",
            "type": "number", "minimum": 0
        },
        "requiredLifecycleStages": {
            "description": "Stages the lifecycle hook must be called at",
            "type": "array", "uniqueItems": true,
            "items": { "enum": stages }
        }
    });
    let mut top = rules.clone();
    top.as_object_mut().expect("rules are an object").insert(
        "environments".to_owned(),
        json!({
            "description": "Rules per `environment` value, merged over the top-level ones",
            "type": "object",
            "additionalProperties": { "$ref": "#/$defs/rules" }
        }),
    );
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://ecs-rollout.invalid/schema/policy.json",
        "title": "ecs-rollout deployment policy",
        "type": "object",
        "properties": top,
        "additionalProperties": false,
        "$defs": {
            "rules": { "type": "object", "properties": rules, "additionalProperties": false }
        }
    })
}
