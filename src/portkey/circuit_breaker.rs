//! The module's circuit breakers (facts sections 5, 7): the data service's, judged here by
//! ECS's rules as the module passes it, and the name of the gateway's, which is a setting of
//! its service like any source's (`service::check`).
//!
//! A `null` breaker, or a `null` `enable` or `rollback`, reaches the inner module, whose defaults
//! are `enable = true` and `rollback = true` (`schema::INNER_DEFAULTS`): ECS receives a breaker
//! that is on, with rollback.

use crate::checks::circuit_breaker::{judge, Flags, Written};
use crate::checks::{attribute, nulls};
use crate::config::CircuitBreaker;
use crate::diagnostic::Diagnostic;
use crate::read::{Entry, Value};
use crate::typecheck::Typed;

/// The gateway's breaker variable.
pub const GATEWAY: &str = "gateway_deployment_circuit_breaker";
/// The data service's breaker variable, checked by the same rules.
const DATA_SERVICE: &str = "dataservice_deployment_circuit_breaker";

/// The data service's breaker, which the module passes to ECS as it does the gateway's.
pub fn check_data_service(typed: &Typed, diagnostics: &mut Vec<Diagnostic>) {
    check(typed, DATA_SERVICE, diagnostics);
}

/// The breaker of `variable` as the module sends it; `None` when its value cannot be read. The
/// gateway's breaker is a setting of its service like any source's (`service::check`); this is
/// for the data service's, which the module passes alike.
fn check(
    typed: &Typed,
    variable_name: &str,
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
        diagnostics.push(nulls::breaker_default_applied(
            variable_name,
            variable.value.span.clone(),
        ));
        return Some(module_default);
    }
    let enable_entry = attribute(&variable.value, "enable");
    let rollback_entry = attribute(&variable.value, "rollback");
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
    let whose = if variable_name == GATEWAY {
        ""
    } else {
        " of the data service"
    };
    // A `null` flag is the inner module's default, not something the file wrote.
    let written = |entry: Option<&Entry>| {
        entry
            .filter(|entry| entry.value.value != Value::Null)
            .map(|entry| Written {
                span: entry.value.span.clone(),
                path: format!("{variable_name}.{}", entry.key),
            })
    };
    judge(
        &Flags {
            enable,
            enable_at: written(enable_entry),
            rollback,
            rollback_at: written(rollback_entry),
            whose,
        },
        diagnostics,
    );
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
