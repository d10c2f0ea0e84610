//! ECS's rules on a deployment circuit breaker (facts section 5), for every source.

use crate::diagnostic::{Code, Diagnostic, Edit, Fix, Span};

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
