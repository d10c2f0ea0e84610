//! Nulls through the module's two levels (facts section 7): one rule resolves every `null`.
//!
//! A `null` attribute reaches the inner `ecs-service` module, which replaces it with the default
//! of its `optional(...)` declaration (`schema::INNER_DEFAULTS`); a `null` for a variable whose
//! attributes the root module reads directly makes `terraform plan` fail. Messages quote the
//! value as written, taken from the source by the value's span, and add what ECS receives when
//! that differs.

use crate::diagnostic::{Code, Diagnostic, Span};
use crate::read::{Entry, Value};
use crate::scalar::format_number;
use crate::schema::{self, InnerDefault};
use crate::typecheck::Typed;

/// The value the module sends for the attribute `entry` at `path`: the written value, or the
/// inner module's default when it is `null`.
pub fn resolve(entry: &Entry, path: &str) -> Value {
    match (&entry.value.value, schema::inner_default(path)) {
        (Value::Null, Some(InnerDefault::Bool(value))) => Value::Bool(value),
        (Value::Null, Some(InnerDefault::Number(value))) => Value::Number(value),
        (value, _) => value.clone(),
    }
}

/// The inner module's default that replaces `entry`'s value, when it is a `null` that has one.
pub fn default_for(entry: &Entry, path: &str) -> Option<InnerDefault> {
    (entry.value.value == Value::Null)
        .then(|| schema::inner_default(path))
        .flatten()
}

/// "`key = written`", plus what the module sends when that differs from the text: the inner
/// default for a `null`, or the computed number for an expression.
pub fn quoted(source: &str, entry: &Entry, path: &str) -> String {
    let written = source
        .get(entry.value.span.clone())
        .map_or(entry.value.value.kind(), str::trim);
    let written = first_line(written);
    let sends = match (default_for(entry, path), &entry.value.value) {
        (Some(default), _) => Some(format!(
            " (the module sends its default, {})",
            default.text()
        )),
        (None, Value::Number(number)) if !is_number_literal(&written) => {
            Some(format!(" (= {})", format_number(*number)))
        }
        _ => None,
    };
    format!("`{} = {written}`{}", entry.key, sends.unwrap_or_default())
}

/// The first line of `text`, with an ellipsis when there is more.
fn first_line(text: &str) -> String {
    match text.split_once(['\n', '\r']) {
        Some((first, _)) => format!("{} …", first.trim_end()),
        None => text.to_owned(),
    }
}

/// Whether `text` is a plain number literal (so quoting it already says the value).
fn is_number_literal(text: &str) -> bool {
    let text = text.strip_prefix('-').unwrap_or(text);
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
}

/// The info diagnostic saying the module's default replaced a `null` at `path`.
pub fn default_applied(entry: &Entry, path: &str) -> Option<Diagnostic> {
    let default = default_for(entry, path)?;
    Some(
        Diagnostic::new(
            Code::ModuleDefaultApplied,
            format!(
                "`{} = null` is replaced by the module's own default, so ECS receives `{} = {}`",
                entry.key,
                entry.key,
                default.text()
            ),
        )
        .at(entry.value.span.clone())
        .at_path(path.to_owned())
        .with_help(format!(
            "Terraform gives a null optional attribute its default; the inner ecs-service module declares `{}` with default {}. Write the value to make it visible",
            entry.key,
            default.text()
        )),
    )
}

/// `null-not-allowed` for every variable the root module reads attributes from that is `null`;
/// returns whether any was found.
pub fn check_not_nullable(typed: &Typed, diagnostics: &mut Vec<Diagnostic>) -> bool {
    let mut found = false;
    for name in schema::NOT_NULLABLE {
        let Some(entry) = typed.get(name) else {
            continue;
        };
        if entry.value.value != Value::Null {
            continue;
        }
        found = true;
        let default = schema::variable(name).map_or("", |variable| variable.default);
        diagnostics.push(
            Diagnostic::new(
                Code::NullNotAllowed,
                format!(
                    "`{name} = null` makes `terraform plan` fail: the module reads its attributes directly (\"Attempt to get attribute from null value\")"
                ),
            )
            .at(entry.value.span.clone())
            .at_path((*name).to_owned())
            .with_help(format!(
                "Remove the line to use the module's default ({default}), or write the object"
            )),
        );
    }
    found
}

/// `module-default-applied` for a whole circuit breaker variable set to `null`: the inner module
/// declares the breaker optional with both flags on.
pub fn breaker_default_applied(variable_name: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::ModuleDefaultApplied,
        format!(
            "`{variable_name} = null` is replaced by the module's own default, so ECS receives a circuit breaker that is on, with rollback"
        ),
    )
    .at(span)
    .at_path(variable_name.to_owned())
    .with_help("The inner ecs-service module declares the breaker as optional with `enable = true` and `rollback = true`; write them to make it visible")
}
