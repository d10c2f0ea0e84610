//! The deployment circuit breakers of the gateway and the data service (facts sections 5, 7).
//!
//! A `null` breaker, or a `null` `enable` or `rollback`, reaches the inner module, whose defaults
//! are `enable = true` and `rollback = true` (`schema::INNER_DEFAULTS`): ECS receives a breaker
//! that is on, with rollback.

use super::nulls;
use super::{attribute, Locations};
use crate::config::CircuitBreaker;
use crate::diagnostic::{Code, Diagnostic, Edit, Fix, Span};
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
        diagnostics.push(nulls::breaker_default_applied(
            variable_name,
            variable.value.span.clone(),
        ));
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

/// Where a source writes one of the breaker's two flags.
pub(crate) struct Written {
    pub span: Span,
    pub path: String,
}

/// A circuit breaker as ECS receives it, with where the source writes each flag (`None` where
/// a default decides it).
pub(crate) struct Flags<'a> {
    pub enable: bool,
    pub enable_at: Option<Written>,
    pub rollback: bool,
    pub rollback_at: Option<Written>,
    /// Whose breaker it is, for the message: empty, or " of the data service".
    pub whose: &'a str,
}

/// ECS's rules on a circuit breaker, for every source: the one emitter of
/// `circuit-breaker-disabled`, `rollback-disabled` and `rollback-without-circuit-breaker`.
/// Each is reported at the flag the source writes, so a flag that a default decides is not
/// reported (the source cannot be edited there).
pub(crate) fn judge(flags: &Flags, diagnostics: &mut Vec<Diagnostic>) {
    let whose = flags.whose;
    if let (false, Some(enable)) = (flags.enable, &flags.enable_at) {
        // Turning the breaker on with rollback off would only swap this warning for
        // `rollback-disabled`, so the fix turns rollback on too.
        let mut edits = vec![Edit {
            span: enable.span.clone(),
            new_text: "true".to_owned(),
        }];
        let mut title = "Turn the circuit breaker on";
        if let (false, Some(rollback)) = (flags.rollback, &flags.rollback_at) {
            edits.push(Edit {
                span: rollback.span.clone(),
                new_text: "true".to_owned(),
            });
            title = "Turn the circuit breaker on, with rollback";
        }
        diagnostics.push(
            Diagnostic::new(
                Code::CircuitBreakerDisabled,
                format!("`{}` is false: the deployment circuit breaker{whose} is off, so failing new tasks keep being replaced", enable.path),
            )
            .at(enable.span.clone())
            .at_path(enable.path.clone())
            .with_help("The strategies document recommends the circuit breaker with rollback in production")
            .with_fix(Fix {
                title: title.to_owned(),
                edits,
            }),
        );
    }
    let Some(rollback) = &flags.rollback_at else {
        return;
    };
    match (flags.enable, flags.rollback) {
        (true, false) => diagnostics.push(
            Diagnostic::new(
                Code::RollbackDisabled,
                format!("`{}` is false: a failed deployment{whose} stops but the old version is not restored", rollback.path),
            )
            .at(rollback.span.clone())
            .at_path(rollback.path.clone())
            .with_help("With rollback on, ECS returns to the last completed deployment when the breaker trips")
            .with_fix(Fix::replace("Turn rollback on", rollback.span.clone(), "true")),
        ),
        (false, true) => {
            let mut diagnostic = Diagnostic::new(
                Code::RollbackWithoutCircuitBreaker,
                format!("`{}` is true but has no effect while the circuit breaker{whose} is off", rollback.path),
            )
            .at(rollback.span.clone())
            .at_path(rollback.path.clone())
            .with_help("ECS only rolls back when the breaker trips; turn the breaker on");
            if let Some(enable) = &flags.enable_at {
                diagnostic = diagnostic.with_fix(Fix::replace(
                    "Turn the circuit breaker on",
                    enable.span.clone(),
                    "true",
                ));
            }
            diagnostics.push(diagnostic);
        }
        _ => {}
    }
}

/// `circuit-breaker-disabled` for a service that configures no breaker at all, where ECS's
/// default is off; located at the start of the service (`span`) when the source has one.
pub(crate) fn not_configured(span: Option<Span>, path: String) -> Diagnostic {
    let diagnostic = Diagnostic::new(
        Code::CircuitBreakerDisabled,
        "no deployment circuit breaker is configured, and ECS's default is off, so failing new tasks keep being replaced",
    )
    .at_path(path)
    .with_help("Add a deployment circuit breaker with `enable` and `rollback` true; the strategies document recommends it in production");
    match span {
        Some(span) => diagnostic.at(span.start..span.start),
        None => diagnostic,
    }
}
