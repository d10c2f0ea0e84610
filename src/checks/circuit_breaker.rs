//! The gateway's deployment circuit breaker (facts section 5).

use super::{attribute, Locations};
use crate::config::CircuitBreaker;
use crate::diagnostic::{Code, Diagnostic, Fix};
use crate::read::{Entry, Value};
use crate::typecheck::Typed;

const VARIABLE: &str = "gateway_deployment_circuit_breaker";

/// The breaker as the module sends it; `None` when its value cannot be read.
pub fn check(
    typed: &Typed,
    locations: &mut Locations,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<CircuitBreaker> {
    if typed.is_invalid(VARIABLE) {
        return None;
    }
    let Some(variable) = typed.get(VARIABLE) else {
        return Some(CircuitBreaker {
            enable: true,
            rollback: true,
        });
    };
    if variable.value.value == Value::Null {
        // `null` passes null to the module, which sends an empty breaker: ECS treats it as off.
        return Some(CircuitBreaker {
            enable: false,
            rollback: false,
        });
    }
    let enable_entry = attribute(&variable.value, "enable");
    let rollback_entry = attribute(&variable.value, "rollback");
    locations.circuit_breaker = enable_entry.map(|entry| entry.value.span.clone());
    locations.rollback = rollback_entry.map(|entry| entry.value.span.clone());
    let enable = flag(enable_entry)?;
    let rollback = flag(rollback_entry)?;
    if let (false, Some(entry)) = (enable, enable_entry) {
        diagnostics.push(
            Diagnostic::new(
                Code::CircuitBreakerDisabled,
                "`enable = false` turns the deployment circuit breaker off, so failing new tasks keep being replaced",
            )
            .at(entry.value.span.clone())
            .at_path(format!("{VARIABLE}.enable"))
            .with_help("The strategies document recommends the circuit breaker with rollback in production")
            .with_fix(Fix::replace("Turn the circuit breaker on", entry.value.span.clone(), "true")),
        );
    }
    match (enable, rollback, rollback_entry) {
        (true, false, Some(entry)) => diagnostics.push(
            Diagnostic::new(
                Code::RollbackDisabled,
                "`rollback = false`: a failed deployment stops but the old version is not restored",
            )
            .at(entry.value.span.clone())
            .at_path(format!("{VARIABLE}.rollback"))
            .with_help("With `rollback = true` ECS returns to the last completed deployment when the breaker trips")
            .with_fix(Fix::replace("Turn rollback on", entry.value.span.clone(), "true")),
        ),
        (false, true, Some(entry)) => {
            let mut diagnostic = Diagnostic::new(
                Code::RollbackWithoutCircuitBreaker,
                "`rollback = true` has no effect while the circuit breaker is off",
            )
            .at(entry.value.span.clone())
            .at_path(format!("{VARIABLE}.rollback"))
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

/// A bool attribute; `null` or absent counts as false, as the provider sends it.
fn flag(entry: Option<&Entry>) -> Option<bool> {
    match entry.map(|entry| &entry.value.value) {
        Some(Value::Bool(value)) => Some(*value),
        Some(Value::Null) | None => Some(false),
        Some(_) => None,
    }
}
