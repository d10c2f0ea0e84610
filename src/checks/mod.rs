//! Deployment checks: ECS's and the module's rules over the typed document, producing the
//! checked [`Deployment`] when the deployment settings are valid.

pub(crate) mod assemble;
pub(crate) mod capacity;
pub(crate) mod circuit_breaker;
pub(crate) mod edit;
pub(crate) mod lifecycle;
mod module_validation;
mod nulls;
pub(crate) mod strategy;
pub(crate) mod traffic;

use crate::config::{
    Deployment, Listener, Listeners, LoadBalancer, Protocol, Traffic, MAX_DESIRED_COUNT,
};
use crate::config::{LoadBalancerType, StrategyName};
use crate::diagnostic::{Diagnostic, Span};
use crate::read::{Entry, Node, Value};
use crate::typecheck::Typed;

/// Where the settings that decide a policy question are written, for locating diagnostics.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Locations {
    /// The attribute that selects the strategy (`enable_blue_green`, `canary_configuration`, …).
    pub strategy: Option<Span>,
    pub circuit_breaker: Option<Span>,
    pub rollback: Option<Span>,
    pub canary_percent: Option<Span>,
    pub canary_bake: Option<Span>,
    pub step_percent: Option<Span>,
    pub step_bake: Option<Span>,
    pub lifecycle_stages: Option<Span>,
    pub lifecycle_hook: Option<Span>,
}

/// The outcome of the checks.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    /// What the module would deploy (facts section 1, first match wins).
    pub strategy: StrategyName,
    /// `None` when the deployment settings are unreadable or outside ECS's valid values.
    pub deployment: Option<Deployment>,
    /// The file's `environment` value, for policy environments.
    pub environment: Option<String>,
    /// The circuit breaker, when its settings can be read (even if the deployment cannot).
    pub circuit_breaker: Option<crate::config::CircuitBreaker>,
    /// The stages the hook is called at, when its settings can be read.
    pub hooked_stages: Option<Vec<crate::config::Stage>>,
    pub locations: Locations,
    /// The same service for `compare` (contract section 2), even when some values are invalid:
    /// those fall back to ECS's or the module's defaults, and `fallbacks` says which.
    pub compare_base: Deployment,
    pub fallbacks: Vec<String>,
}

/// Runs every deployment check.
pub fn run(source: &str, typed: &Typed, diagnostics: &mut Vec<Diagnostic>) -> Checked {
    let mut locations = Locations::default();
    let create_lb = bool_variable(typed, "create_lb").unwrap_or(false);
    let strategy = strategy::check(source, typed, &mut locations, diagnostics);
    let traffic = gateway_traffic(typed, create_lb);
    diagnostics.extend(traffic::check(
        strategy.name(),
        &traffic,
        traffic::Place {
            span: locations.strategy.clone(),
            path: "lb_type".to_owned(),
            load_balancer: typed
                .get("lb_type")
                .or_else(|| typed.get("create_lb"))
                .map(|entry| entry.value.span.clone()),
            switch_to_application: "`lb_type = \"application\"`",
        },
    ));
    let circuit_breaker = circuit_breaker::check(
        typed,
        circuit_breaker::GATEWAY,
        Some(&mut locations),
        diagnostics,
    );
    circuit_breaker::check(typed, circuit_breaker::DATA_SERVICE, None, diagnostics);
    let null_variable = nulls::check_not_nullable(typed, diagnostics);
    let hooked_stages =
        lifecycle::check(source, typed, strategy.name(), &mut locations, diagnostics);
    module_validation::check(typed, diagnostics);
    let desired_count = desired_count(source, typed, diagnostics);

    let deployment_readable = [
        "gateway_deployment_configuration",
        "gateway_deployment_circuit_breaker",
        "gateway_lifecycle_hook",
        "gateway_config",
        "create_lb",
        "tls_certificate_arn",
        "lb_type",
    ]
    .iter()
    .all(|name| !typed.is_invalid(name));
    let (share, bake) = match strategy.name() {
        StrategyName::Canary => ("`canary_percent`", "`canary_bake_time_in_minutes`"),
        _ => ("`step_percent`", "`step_bake_time_in_minutes`"),
    };
    let module = Deployment::module_default();
    let (deployment, compare_base, fallbacks) = assemble::assemble(
        assemble::Parts {
            strategy: strategy.name(),
            settings: strategy.settings,
            shares: strategy.partial,
            circuit_breaker,
            hooked_stages: hooked_stages.clone(),
            desired_count,
            listeners: listeners(typed, create_lb, strategy.name()),
            traffic,
            autoscaling: autoscaling(typed),
            deployable: deployment_readable && !null_variable,
        },
        &assemble::Defaults {
            share,
            bake,
            strategy: "`gateway_deployment_configuration`",
            strategy_instead: (module.strategy, "the module's default, rolling"),
            desired_count: "`gateway_config.desired_task_count`",
            desired_count_instead: (module.desired_count, "the module's default, 1 task"),
            circuit_breaker: "`gateway_deployment_circuit_breaker`",
            circuit_breaker_instead: (
                module.circuit_breaker,
                "the module's default, on with rollback",
            ),
            hooks: "`gateway_lifecycle_hook`",
        },
    );
    // These judge the service as far as it can be read (invalid values replaced by defaults),
    // so that fixing an invalid value never brings them up as new diagnostics.
    if let Some(stages) = &hooked_stages {
        diagnostics.extend(no_behaviour_check(typed, compare_base.strategy, stages));
    }
    if desired_count.is_some() {
        capacity::check(
            typed,
            compare_base.strategy,
            compare_base.desired_count,
            diagnostics,
        );
    }
    Checked {
        strategy: strategy.name(),
        deployment,
        environment: string_variable(typed, "environment").map(str::to_owned),
        circuit_breaker,
        hooked_stages,
        locations,
        compare_base,
        fallbacks,
    }
}

/// `gateway_autoscaling` when `enable_autoscaling` is true and its range can be read.
fn autoscaling(typed: &Typed) -> Option<crate::config::Autoscaling> {
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
    Some(crate::config::Autoscaling {
        min: count("autoscaling_min_capacity")?,
        max: count("autoscaling_max_capacity")?,
    })
}

/// What carries the gateway's traffic (facts section 10): Service Connect always, and the
/// module's load balancer with `create_lb = true`, a Network Load Balancer unless `lb_type` says
/// `"application"` (the variable's default is `"network"`).
fn gateway_traffic(typed: &Typed, create_lb: bool) -> Traffic {
    let load_balancer = create_lb.then(|| match string_variable(typed, "lb_type") {
        Some(written) => {
            let kind = LoadBalancerType::from_name(written).unwrap_or(LoadBalancerType::Network);
            LoadBalancer {
                kind: Some(kind),
                kind_from: format!("`lb_type = \"{}\"`", kind.as_str()),
            }
        }
        None => LoadBalancer {
            kind: Some(LoadBalancerType::Network),
            kind_from: "`lb_type` is not set, and the module's default is `\"network\"`".to_owned(),
        },
    });
    Traffic {
        load_balancer,
        service_connect: true,
        ..Traffic::default()
    }
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

/// `gateway_config.desired_task_count`, checked; the module's default is 1, and a `null` count
/// takes the inner module's default, also 1 (facts section 7).
fn desired_count(source: &str, typed: &Typed, diagnostics: &mut Vec<Diagnostic>) -> Option<u32> {
    const PATH: &str = "gateway_config.desired_task_count";
    let Some(config) = typed.get("gateway_config") else {
        return (!typed.is_invalid("gateway_config")).then_some(1);
    };
    // A missing attribute is already an error, and a `null` object is `null-not-allowed`.
    let entry = attribute(&config.value, "desired_task_count")?;
    diagnostics.extend(nulls::default_applied(entry, PATH));
    let count = match nulls::resolve(entry, PATH) {
        Value::Number(count) => count,
        _ => return None,
    };
    capacity::task_count(
        count,
        || nulls::quoted(source, entry, PATH),
        entry.value.span.clone(),
        PATH.to_owned(),
        diagnostics,
    )
}

/// `no-behaviour-check` for the gateway. The module creates no CloudWatch alarms (facts
/// section 8), so only a hook can check the new version's behaviour.
fn no_behaviour_check(
    typed: &Typed,
    settings: crate::config::Strategy,
    stages: &[crate::config::Stage],
) -> Option<Diagnostic> {
    lifecycle::no_behaviour_check(
        settings,
        stages,
        typed
            .get("gateway_deployment_configuration")
            .map(|entry| entry.key_span.clone()),
        "gateway_lifecycle_hook".to_owned(),
        "The module creates no CloudWatch alarms, and the circuit breaker only sees tasks that fail to start or fail health checks. Enable `gateway_lifecycle_hook` with a stage such as `POST_TEST_TRAFFIC_SHIFT` or `PRE_PRODUCTION_TRAFFIC_SHIFT`, and make its Lambda answer FAILED when the new version misbehaves",
    )
}

/// The attribute `name` of an object value.
pub(crate) fn attribute<'a>(node: &'a Node, name: &str) -> Option<&'a Entry> {
    match &node.value {
        Value::Object(entries) => entries.iter().find(|entry| entry.key == name),
        _ => None,
    }
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
