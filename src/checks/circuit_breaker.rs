//! The deployment circuit breakers of the gateway and the data service (facts sections 5, 7).
//!
//! A `null` breaker, or a `null` `enable` or `rollback`, reaches the inner module, whose defaults
//! are `enable = true` and `rollback = true` (`schema::INNER_DEFAULTS`): ECS receives a breaker
//! that is on, with rollback.

use super::nulls;
use super::{attribute, Locations};
use crate::config::CircuitBreaker;
use crate::diagnostic::{Code, Diagnostic, Edit, Fix};
use crate::read::{Entry, Value};
use crate::typecheck::Typed;

/// The gateway's breaker variable.
pub const GATEWAY: &str = "gateway_deployment_circuit_breaker";
/// The data service's breaker variable, checked by the same rules.
pub const DATA_SERVICE: &str = "dataservice_deployment_circuit_breaker";

/// The breaker of `variable` as the module sends it; `None` when its value cannot be read.
/// `locations` is given for the gateway's breaker, whose settings the policy may judge.
pub fn check(
    typed: &Typed,
    variable_name: &str,
    locations: Option<&mut Locations>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<CircuitBreaker> {
    let module_default = CircuitBreaker {
        enable: true,
        rollback: true,
    };
    if typed.is_invalid(variable_name) {
        return None;
    }
    let Some(variable) = typed.get(variable_name) else {
        return Some(module_default);
    };
    if variable.value.value == Value::Null {
        diagnostics.push(
            Diagnostic::new(
                Code::ModuleDefaultApplied,
                format!(
                    "`{variable_name} = null` is replaced by the module's own default, so ECS receives a circuit breaker that is on, with rollback"
                ),
            )
            .at(variable.value.span.clone())
            .at_path(variable_name.to_owned())
            .with_help("The inner ecs-service module declares the breaker as optional with `enable = true` and `rollback = true`; write them to make it visible"),
        );
        return Some(module_default);
    }
    let enable_entry = attribute(&variable.value, "enable");
    let rollback_entry = attribute(&variable.value, "rollback");
    if let Some(locations) = locations {
        locations.circuit_breaker = enable_entry.map(|entry| entry.value.span.clone());
        locations.rollback = rollback_entry.map(|entry| entry.value.span.clone());
    }
    let enable = flag(
        enable_entry,
        &format!("{variable_name}.enable"),
        diagnostics,
    )?;
    let rollback = flag(
        rollback_entry,
        &format!("{variable_name}.rollback"),
        diagnostics,
    )?;
    let service = if variable_name == GATEWAY {
        ""
    } else {
        " of the data service"
    };
    let written = |entry: &Entry| entry.value.value != Value::Null;
    if let (false, Some(entry)) = (enable, enable_entry.filter(|entry| written(entry))) {
        // Turning the breaker on with `rollback = false` would only swap this warning for
        // `rollback-disabled`, so the fix turns rollback on too.
        let mut edits = vec![Edit {
            span: entry.value.span.clone(),
            new_text: "true".to_owned(),
        }];
        let mut title = "Turn the circuit breaker on";
        if let (false, Some(rollback_entry)) = (rollback, rollback_entry) {
            edits.push(Edit {
                span: rollback_entry.value.span.clone(),
                new_text: "true".to_owned(),
            });
            title = "Turn the circuit breaker on, with rollback";
        }
        diagnostics.push(
            Diagnostic::new(
                Code::CircuitBreakerDisabled,
                format!("`enable = false` turns the deployment circuit breaker{service} off, so failing new tasks keep being replaced"),
            )
            .at(entry.value.span.clone())
            .at_path(format!("{variable_name}.enable"))
            .with_help("The strategies document recommends the circuit breaker with rollback in production")
            .with_fix(Fix {
                title: title.to_owned(),
                edits,
            }),
        );
    }
    match (enable, rollback, rollback_entry.filter(|entry| written(entry))) {
        (true, false, Some(entry)) => diagnostics.push(
            Diagnostic::new(
                Code::RollbackDisabled,
                format!("`rollback = false`: a failed deployment{service} stops but the old version is not restored"),
            )
            .at(entry.value.span.clone())
            .at_path(format!("{variable_name}.rollback"))
            .with_help("With `rollback = true` ECS returns to the last completed deployment when the breaker trips")
            .with_fix(Fix::replace("Turn rollback on", entry.value.span.clone(), "true")),
        ),
        (false, true, Some(entry)) => {
            let mut diagnostic = Diagnostic::new(
                Code::RollbackWithoutCircuitBreaker,
                format!("`rollback = true` has no effect while the circuit breaker{service} is off"),
            )
            .at(entry.value.span.clone())
            .at_path(format!("{variable_name}.rollback"))
            .with_help("ECS only rolls back when the breaker trips; turn the breaker on");
            if let Some(enable_entry) = enable_entry {
                diagnostic = diagnostic.with_fix(Fix::replace(
                    "Turn the circuit breaker on",
                    enable_entry.value.span.clone(),
                    "true",
                ));
            }
            diagnostics.push(diagnostic);
        }
        _ => {}
    }
    Some(CircuitBreaker { enable, rollback })
}

/// A bool attribute as ECS receives it: `null` takes the inner module's default (with an info
/// diagnostic saying so); an absent one is already `missing-attribute` and counts as false.
fn flag(entry: Option<&Entry>, path: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<bool> {
    let Some(entry) = entry else {
        return Some(false);
    };
    diagnostics.extend(nulls::default_applied(entry, path));
    match nulls::resolve(entry, path) {
        Value::Bool(value) => Some(value),
        _ => None,
    }
}
