//! The Portkey Gateway module's `.tfvars` (or `.tfvars.json`) as one more reader of an ECS
//! service. The text is read and type-checked against the module's variables (`schema.rs`,
//! `typecheck.rs`); the module's own rules run on the variables (its choice of strategy, its
//! nulls, its validations, the data service's breaker); then the variables are mapped into a
//! [`Service`] (the table [`FIELDS`], from each module variable to the ECS setting it becomes,
//! and what the module decides itself in [`ModuleConventions`]), on which `service::check` runs
//! ECS's rules exactly as for every other source. Only the check of the peak against the
//! module's Auto Scaling group comes after, since it needs the deployment as checked.

mod capacity;
mod circuit_breaker;
mod module_validation;
mod strategy;

use crate::checks::{attribute, nulls};
use crate::config::{
    Autoscaling, Listener, Listeners, LoadBalancerType, Protocol, StrategyName, MAX_DESIRED_COUNT,
};
use crate::diagnostic::{Code, Diagnostic, Fix, Span};
use crate::input::InputKind;
use crate::options::Format;
use crate::read::{self, Entry, Value};
use crate::service::{
    Field, Hook, ModuleConventions, Service, ServiceLoadBalancer, ServiceOutcome, Setting,
};
use crate::typecheck::{self, Typed};

/// The name the module's one service is listed under.
pub const SERVICE_NAME: &str = "gateway";

/// The deployment bake the module hard-codes (`bake_time_in_minutes = 1`, facts section 1).
const MODULE_BAKE_MINUTES: u32 = 1;

const DEPLOYMENT: &str = "gateway_deployment_configuration";
const HOOK: &str = "gateway_lifecycle_hook";

/// Where each ECS setting is written among the module's variables: the variable, then the
/// attribute path inside it. The canary's and the linear's settings are read only for the
/// strategy the module picks (the other block never reaches ECS).
const FIELDS: &[(Field, &str, &[&str])] = &[
    (
        Field::CanaryPercent,
        DEPLOYMENT,
        &["canary_configuration", "canary_percent"],
    ),
    (
        Field::CanaryBake,
        DEPLOYMENT,
        &["canary_configuration", "canary_bake_time_in_minutes"],
    ),
    (
        Field::StepPercent,
        DEPLOYMENT,
        &["linear_configuration", "step_percent"],
    ),
    (
        Field::StepBake,
        DEPLOYMENT,
        &["linear_configuration", "step_bake_time_in_minutes"],
    ),
    (
        Field::DesiredCount,
        "gateway_config",
        &["desired_task_count"],
    ),
    (Field::BreakerEnable, circuit_breaker::GATEWAY, &["enable"]),
    (
        Field::BreakerRollback,
        circuit_breaker::GATEWAY,
        &["rollback"],
    ),
];

/// The variables the deployment is made of: one of the wrong type stops `terraform plan`, so no
/// timeline is drawn.
const DEPLOYMENT_VARIABLES: &[&str] = &[
    DEPLOYMENT,
    circuit_breaker::GATEWAY,
    HOOK,
    "gateway_config",
    "create_lb",
    "tls_certificate_arn",
    "lb_type",
];

/// Reads, type-checks and checks `source`; `None` when nothing could be read at all (the
/// diagnostics say why).
pub fn check(
    source: &str,
    format: Option<Format>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<ServiceOutcome> {
    let (document, found) = read::read(source, format);
    diagnostics.extend(found);
    let nothing_read =
        document.attributes.is_empty() && diagnostics.iter().any(|d| d.code == Code::SyntaxError);
    if nothing_read {
        return None;
    }
    let typed = typecheck::check(source, &document, diagnostics);
    let service = service(&typed, diagnostics);
    let outcome = crate::service::check(source, InputKind::PortkeyTfvars, &service, diagnostics);
    if outcome.desired_count.is_some() {
        let base = &outcome.checked.compare_base;
        capacity::check(&typed, base.strategy, base.desired_count, diagnostics);
    }
    Some(outcome)
}

/// The gateway as an ECS service, after the module's own rules.
fn service(typed: &Typed, diagnostics: &mut Vec<Diagnostic>) -> Service {
    let create_lb = bool_variable(typed, "create_lb").unwrap_or(false);
    let mut service = Service {
        name: SERVICE_NAME.to_owned(),
        service_connect: true,
        load_balancer: create_lb.then(|| load_balancer(typed)),
        ..Service::default()
    };

    let chosen = match strategy::choose(typed, diagnostics) {
        Some(choice) => {
            service.chosen_strategy = Some((choice.name, choice.at));
            choice.name
        }
        None => {
            service.chosen_strategy = Some((StrategyName::Rolling, None));
            service.unusable.push(Field::Strategy);
            StrategyName::Rolling
        }
    };
    map_fields(typed, chosen, &mut service);

    // The gateway's breaker: absent or `null`, the inner module's breaker is on, with rollback.
    let breaker = typed.get(circuit_breaker::GATEWAY);
    if let Some(entry) = breaker.filter(|entry| entry.value.value == Value::Null) {
        diagnostics.push(nulls::breaker_default_applied(
            circuit_breaker::GATEWAY,
            entry.value.span.clone(),
        ));
    }
    // The data service's breaker meets the same rules, as the module passes it alike.
    circuit_breaker::check_data_service(typed, diagnostics);
    let null_variable = nulls::check_not_nullable(typed, diagnostics);
    module_validation::check(typed, diagnostics);
    hook(typed, &mut service, diagnostics);

    service.module = Some(ModuleConventions {
        environment: string_variable(typed, "environment").map(str::to_owned),
        listeners: listeners(typed, create_lb, chosen),
        autoscaling: autoscaling(typed),
        bake_minutes: MODULE_BAKE_MINUTES,
        breaker_written: breaker.is_some_and(|entry| entry.value.value != Value::Null),
        deployment_configuration_at: typed.get(DEPLOYMENT).map(|entry| entry.key_span.clone()),
        deployable: !null_variable
            && DEPLOYMENT_VARIABLES
                .iter()
                .all(|name| !typed.is_invalid(name)),
    });
    service
}

/// The module's variables of [`FIELDS`] as the service's settings. A variable of the wrong type
/// makes its settings unusable; so does an attribute missing from a variable that is written
/// (already `missing-attribute`). An absent variable leaves the setting to the module's
/// default (`service::check` knows them).
fn map_fields(typed: &Typed, chosen: StrategyName, service: &mut Service) {
    for &(field, variable, attributes) in FIELDS {
        let for_chosen = match field {
            Field::CanaryPercent | Field::CanaryBake => chosen == StrategyName::Canary,
            Field::StepPercent | Field::StepBake => chosen == StrategyName::Linear,
            _ => true,
        };
        if !for_chosen {
            continue;
        }
        let breaker = field == Field::BreakerEnable || field == Field::BreakerRollback;
        if typed.is_invalid(variable) {
            if !service.unusable.contains(&field) {
                service.unusable.push(field);
            }
            continue;
        }
        let Some(variable_entry) = typed.get(variable) else {
            continue;
        };
        if breaker && variable_entry.value.value == Value::Null {
            // The module's breaker stands in (`breaker_default_applied`).
            continue;
        }
        match attribute_at(variable_entry, variable, attributes) {
            Some((entry, path)) => service.settings.push((
                field,
                Setting {
                    path,
                    entry: entry.clone(),
                },
            )),
            // A breaker flag that is missing counts as false (already `missing-attribute`).
            None if breaker => {}
            None => service.unusable.push(field),
        }
    }
}

/// The attribute at `attributes` inside `variable`, with its full path; `None` when one of
/// them is missing.
fn attribute_at<'a>(
    variable: &'a Entry,
    name: &str,
    attributes: &[&str],
) -> Option<(&'a Entry, String)> {
    let mut entry = variable;
    let mut path = name.to_owned();
    for attribute_name in attributes {
        entry = attribute(&entry.value, attribute_name)?;
        path = format!("{path}.{attribute_name}");
    }
    Some((entry, path))
}

/// `gateway_lifecycle_hook`: one hook, called when `enable_lifecycle_hook` is true, at
/// `lifecycle_hook_stages`; a disabled hook that lists stages is `lifecycle-stages-ignored`,
/// and its names are still judged.
fn hook(typed: &Typed, service: &mut Service, diagnostics: &mut Vec<Diagnostic>) {
    if typed.is_invalid(HOOK) {
        service.unusable.push(Field::LifecycleHooks);
        return;
    }
    let Some(variable) = typed.get(HOOK) else {
        return;
    };
    if variable.value.value == Value::Null {
        // `terraform plan` fails on it (`null-not-allowed`, reported by `nulls`).
        service.unusable.push(Field::LifecycleHooks);
        return;
    }
    let enable = attribute(&variable.value, "enable_lifecycle_hook");
    let stages = attribute(&variable.value, "lifecycle_hook_stages");
    let enabled = matches!(
        enable.map(|entry| &entry.value.value),
        Some(Value::Bool(true))
    );
    let path = format!("{HOOK}.lifecycle_hook_stages");
    let listed = match stages.map(|entry| &entry.value.value) {
        Some(Value::List(items)) => items.len(),
        _ => 0,
    };
    if !enabled && listed > 0 {
        diagnostics.push(stages_ignored(
            listed,
            stages.map(|entry| entry.value.span.clone()),
            path.clone(),
            enable.map(|entry| entry.value.span.clone()),
        ));
    }
    let span = stages.or(enable).map_or_else(
        || variable.value.span.clone(),
        |entry| entry.value.span.clone(),
    );
    service.hooks.push(Hook {
        span,
        // The hook is its list of stages: that is what ECS's rules point at.
        path: path.clone(),
        stages: stages.map(|entry| Setting {
            path,
            entry: entry.clone(),
        }),
        switch: enable.map(|entry| entry.value.span.clone()),
        disabled: !enabled,
        ..Hook::default()
    });
}

/// `lifecycle-stages-ignored`: the Portkey module's hook lists `count` stages but is disabled
/// (`enable_lifecycle_hook`, at `enable`, is not true), so ECS calls it at none.
pub(crate) fn stages_ignored(
    count: usize,
    at: Option<Span>,
    path: String,
    enable: Option<Span>,
) -> Diagnostic {
    let mut diagnostic = Diagnostic::new(
        Code::LifecycleStagesIgnored,
        format!(
            "{count} stage(s) are listed but the lifecycle hook is disabled, so none of them is called"
        ),
    )
    .at_path(path)
    .with_help("Set `enable_lifecycle_hook = true` to call the hook, or empty the list");
    if let Some(span) = at {
        diagnostic = diagnostic.at(span);
    }
    if let Some(span) = enable {
        diagnostic = diagnostic.with_fix(Fix::replace("Enable the lifecycle hook", span, "true"));
    }
    diagnostic
}

/// The module's load balancer (with `create_lb = true`): a Network Load Balancer unless
/// `lb_type` says `"application"` (the variable's default is `"network"`, facts section 10).
fn load_balancer(typed: &Typed) -> ServiceLoadBalancer {
    let span = typed
        .get("lb_type")
        .or_else(|| typed.get("create_lb"))
        .map_or(0..0, |entry| entry.value.span.clone());
    match string_variable(typed, "lb_type") {
        Some(written) => {
            let kind = LoadBalancerType::from_name(written).unwrap_or(LoadBalancerType::Network);
            ServiceLoadBalancer {
                span,
                kind: Some(kind),
                kind_from: format!("`lb_type = \"{}\"`", kind.as_str()),
            }
        }
        None => ServiceLoadBalancer {
            span,
            kind: Some(LoadBalancerType::Network),
            kind_from: "`lb_type` is not set, and the module's default is `\"network\"`".to_owned(),
        },
    }
}

/// `gateway_autoscaling` when `enable_autoscaling` is true and its range can be read.
fn autoscaling(typed: &Typed) -> Option<Autoscaling> {
    let variable = typed.get("gateway_autoscaling")?;
    let enabled = attribute(&variable.value, "enable_autoscaling")?;
    if enabled.value.value != Value::Bool(true) {
        return None;
    }
    let count = |key: &str| match attribute(&variable.value, key)?.value.value {
        Value::Number(number) if number.fract() == 0.0 && number >= 0.0 => {
            Some(number.min(f64::from(MAX_DESIRED_COUNT)) as u32)
        }
        _ => None,
    };
    Some(Autoscaling {
        min: count("autoscaling_min_capacity")?,
        max: count("autoscaling_max_capacity")?,
    })
}

/// The listeners the module creates (facts section 1), `None` without a load balancer.
fn listeners(typed: &Typed, create_lb: bool, strategy: StrategyName) -> Option<Listeners> {
    if !create_lb {
        return None;
    }
    let tls = string_variable(typed, "tls_certificate_arn").is_some_and(|arn| !arn.is_empty());
    let application = string_variable(typed, "lb_type") == Some("application");
    let protocol = match (application, tls) {
        (true, true) => Protocol::Https,
        (true, false) => Protocol::Http,
        (false, true) => Protocol::Tls,
        (false, false) => Protocol::Tcp,
    };
    let production = Listener {
        port: Some(if tls { 443 } else { 80 }),
        protocol: Some(protocol),
    };
    let test = (strategy != StrategyName::Rolling).then_some(Listener {
        port: Some(if tls { 8443 } else { 8080 }),
        protocol: Some(protocol),
    });
    Some(Listeners { production, test })
}

fn bool_variable(typed: &Typed, name: &str) -> Option<bool> {
    match typed.get(name)?.value.value {
        Value::Bool(value) => Some(value),
        _ => None,
    }
}

fn string_variable<'a>(typed: &'a Typed, name: &str) -> Option<&'a str> {
    match &typed.get(name)?.value.value {
        Value::String(text) => Some(text),
        _ => None,
    }
}
