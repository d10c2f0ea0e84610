//! The module's own `validation` conditions (portkey-variables.md).
//!
//! A condition that fails only because none of its variables is set is not reported: files are
//! often fragments, and `missing-required-variable` already covers what Terraform will ask for.

use crate::diagnostic::{Code, Diagnostic, Span};
use crate::read::Value;
use crate::typecheck::Typed;

pub fn check(typed: &Typed, diagnostics: &mut Vec<Diagnostic>) {
    one_of(typed, "lb_type", &["application", "network"], diagnostics);
    one_of(
        typed,
        "server_mode",
        &["gateway", "mcp", "all"],
        diagnostics,
    );
    if text(typed, "server_mode") == Some("all")
        && text(typed, "lb_type").unwrap_or("network") != "application"
    {
        report(
            typed,
            &["lb_type", "server_mode"],
            "with `server_mode = \"all\"` the module requires `lb_type = \"application\"`",
            "Gateway and MCP are told apart by host or path rules, which only an application load balancer has",
            diagnostics,
        );
    }
    either_set(
        typed,
        "environment_variables",
        "environment_variables_file_path",
        diagnostics,
    );
    either_set(typed, "secrets", "secrets_file_path", diagnostics);
    if let Some(Value::Number(zones)) = value(typed, "num_az") {
        if *zones <= 0.0 {
            report(
                typed,
                &["num_az"],
                "`num_az` must be greater than 0",
                "Use at least 2 availability zones for high availability",
                diagnostics,
            );
        }
    }
    let new_vpc = flag(typed, "create_new_vpc");
    if new_vpc == Some(true) && is_blank(typed, "vpc_cidr") {
        report(
            typed,
            &["vpc_cidr", "create_new_vpc"],
            "`vpc_cidr` must be set when `create_new_vpc = true`",
            "Give the new VPC a CIDR block such as \"10.0.0.0/16\"",
            diagnostics,
        );
    }
    if new_vpc == Some(false) {
        for name in ["vpc_id", "public_subnet_ids", "private_subnet_ids"] {
            if is_blank(typed, name) {
                report(
                    typed,
                    &[name, "create_new_vpc"],
                    &format!("`{name}` must be set when `create_new_vpc = false`"),
                    "An existing VPC needs its id and subnets",
                    diagnostics,
                );
            }
        }
    }
    if flag(typed, "create_cluster") == Some(false) {
        for name in ["cluster_name", "capacity_provider_name"] {
            if is_blank(typed, name) {
                report(
                    typed,
                    &[name, "create_cluster"],
                    &format!("`{name}` must be set when `create_cluster = false`"),
                    "An existing cluster needs its name and capacity provider",
                    diagnostics,
                );
            }
        }
    }
    if flag(typed, "enable_lb_access_logs") == Some(true)
        && is_blank(typed, "lb_access_logs_bucket")
    {
        report(
            typed,
            &["lb_access_logs_bucket", "enable_lb_access_logs"],
            "`lb_access_logs_bucket` must be set when `enable_lb_access_logs = true`",
            "Name the S3 bucket for the access logs",
            diagnostics,
        );
    }
}

fn one_of(typed: &Typed, name: &str, allowed: &[&str], diagnostics: &mut Vec<Diagnostic>) {
    if let Some(actual) = text(typed, name) {
        if !allowed.contains(&actual) {
            let list = allowed
                .iter()
                .map(|value| format!("\"{value}\""))
                .collect::<Vec<_>>()
                .join(", ");
            let mut diagnostic = Diagnostic::new(
                Code::ModuleValidationFailed,
                format!("`{name} = \"{actual}\"` is not one of {list}, so the module's validation fails"),
            )
            .at_path(name)
            .with_help(format!("Use one of {list}"));
            if let Some(entry) = typed.get(name) {
                diagnostic = diagnostic.at(entry.value.span.clone());
                if let Some(closest) = crate::suggest::closest(actual, allowed.iter().copied()) {
                    diagnostic = diagnostic.with_fix(crate::diagnostic::Fix::replace(
                        format!("Use \"{closest}\""),
                        entry.value.span.clone(),
                        format!("\"{closest}\""),
                    ));
                }
            }
            diagnostics.push(diagnostic);
        }
    }
}

fn either_set(typed: &Typed, object: &str, path: &str, diagnostics: &mut Vec<Diagnostic>) {
    let object_set = !matches!(value(typed, object), None | Some(Value::Null));
    let path_set = !is_blank(typed, path);
    let mentioned = typed.get(object).is_some() || typed.get(path).is_some();
    if mentioned && !object_set && !path_set {
        report(
            typed,
            &[object, path],
            &format!("either `{object}` or `{path}` must be set"),
            "The module reads the values from one of them",
            diagnostics,
        );
    }
}

/// Reports at the first of `names` that is written in the file.
fn report(
    typed: &Typed,
    names: &[&str],
    message: &str,
    help: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let located: Option<(&str, Span)> = names.iter().find_map(|name| {
        typed
            .get(name)
            .map(|entry| (*name, entry.value.span.clone()))
    });
    let mut diagnostic = Diagnostic::new(
        Code::ModuleValidationFailed,
        format!("{message} (a validation rule of the module)"),
    )
    .with_help(help);
    if let Some((name, span)) = located {
        diagnostic = diagnostic.at(span).at_path(name);
    }
    diagnostics.push(diagnostic);
}

fn value<'a>(typed: &'a Typed, name: &str) -> Option<&'a Value> {
    typed.get(name).map(|entry| &entry.value.value)
}

fn text<'a>(typed: &'a Typed, name: &str) -> Option<&'a str> {
    match value(typed, name)? {
        Value::String(text) => Some(text),
        _ => None,
    }
}

fn flag(typed: &Typed, name: &str) -> Option<bool> {
    match value(typed, name)? {
        Value::Bool(value) => Some(*value),
        _ => None,
    }
}

/// Unset, null, an empty string or an empty list.
fn is_blank(typed: &Typed, name: &str) -> bool {
    match value(typed, name) {
        None | Some(Value::Null) => true,
        Some(Value::String(text)) => text.is_empty(),
        Some(Value::List(items)) => items.is_empty(),
        Some(_) => false,
    }
}
