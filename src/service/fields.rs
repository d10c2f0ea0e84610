//! The service settings of CloudFormation and the ECS API, which name the same things: the API's
//! names are CloudFormation's with a lower-case first letter (`DeploymentConfiguration` and
//! `deploymentConfiguration`). One walk reads both from the reader's value tree.

use super::{Field, Hook, Service, ServiceLoadBalancer, Setting, Unresolved};
use crate::diagnostic::Span;
use crate::read::{Entry, Node, Value};

/// How a source spells its keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// CloudFormation: `DeploymentConfiguration`.
    Pascal,
    /// The ECS API: `deploymentConfiguration`.
    Camel,
}

impl Case {
    /// Whether `key` is `name` (written in CloudFormation's spelling) in this case, compared
    /// without writing the name out.
    fn is(self, name: &str, key: &str) -> bool {
        match self {
            Case::Pascal => name == key,
            Case::Camel => match (name.as_bytes().split_first(), key.as_bytes().split_first()) {
                (Some((first, rest)), Some((key_first, key_rest))) => {
                    first.to_ascii_lowercase() == *key_first && rest == key_rest
                }
                (None, None) => true,
                _ => false,
            },
        }
    }

    /// The member `name` (written in CloudFormation's spelling) of an object node, in this case.
    fn member<'a>(self, node: &'a Node, name: &str) -> Option<&'a Entry> {
        match &node.value {
            Value::Object(entries) => entries.iter().find(|entry| self.is(name, &entry.key)),
            _ => None,
        }
    }
}

/// The settings and where they are, in CloudFormation's spelling.
const SETTINGS: &[(Field, &[&str])] = &[
    (Field::DesiredCount, &["DesiredCount"]),
    (Field::Strategy, &["DeploymentConfiguration", "Strategy"]),
    (
        Field::BakeTime,
        &["DeploymentConfiguration", "BakeTimeInMinutes"],
    ),
    (
        Field::MinimumHealthyPercent,
        &["DeploymentConfiguration", "MinimumHealthyPercent"],
    ),
    (
        Field::MaximumPercent,
        &["DeploymentConfiguration", "MaximumPercent"],
    ),
    (
        Field::CanaryPercent,
        &[
            "DeploymentConfiguration",
            "CanaryConfiguration",
            "CanaryPercent",
        ],
    ),
    (
        Field::CanaryBake,
        &[
            "DeploymentConfiguration",
            "CanaryConfiguration",
            "CanaryBakeTimeInMinutes",
        ],
    ),
    (
        Field::StepPercent,
        &[
            "DeploymentConfiguration",
            "LinearConfiguration",
            "StepPercent",
        ],
    ),
    (
        Field::StepBake,
        &[
            "DeploymentConfiguration",
            "LinearConfiguration",
            "StepBakeTimeInMinutes",
        ],
    ),
    (
        Field::BreakerEnable,
        &[
            "DeploymentConfiguration",
            "DeploymentCircuitBreaker",
            "Enable",
        ],
    ),
    (
        Field::BreakerRollback,
        &[
            "DeploymentConfiguration",
            "DeploymentCircuitBreaker",
            "Rollback",
        ],
    ),
    (Field::Controller, &["DeploymentController", "Type"]),
];

/// The service described by `properties` (CloudFormation's `Properties`, or the API's service
/// object), named `name`, defined at `span`; `prefix` is the path of `properties` in the source.
/// `parameters` are a CloudFormation template's `Parameters` (none for the API): a setting that
/// is `Ref` to one with a `Default` takes that default, located (and fixed) there, and a note
/// says so, as Terraform's variable defaults are read.
pub fn service(
    name: String,
    span: Span,
    properties: &Node,
    case: Case,
    prefix: &str,
    parameters: &[Entry],
) -> Service {
    let mut service = Service {
        name,
        span: Some(span),
        ..Service::default()
    };
    if let Some(unresolved) = intrinsic(properties, prefix) {
        service.unresolved.push(unresolved);
        return service;
    }
    for (field, keys) in SETTINGS {
        let mut node = properties;
        // The keys met on the way (each the name in this case), written out as a path only
        // where a setting or an unresolved value needs one.
        let mut met = [""; 3];
        for (depth, name) in keys.iter().enumerate() {
            let Some(entry) = case.member(node, name) else {
                break;
            };
            met[depth] = &entry.key;
            let path_to = |depth: usize| {
                met[..=depth]
                    .iter()
                    .fold(prefix.to_owned(), |path, key| dotted(path, key))
            };
            let last = depth + 1 == keys.len();
            let defaulted = last
                .then(|| parameter_default(&entry.value, parameters))
                .flatten();
            if let Some((parameter, default)) = defaulted {
                let path = path_to(depth);
                service.notes.push(format!(
                    "`{path}` is `!Ref {parameter}`: this timeline uses the parameter's Default, {}; a stack given another value deploys that instead",
                    scalar_text(&default.value.value)
                ));
                let setting = Setting {
                    path,
                    entry: super::coerce(
                        *field,
                        Entry {
                            key: entry.key.clone(),
                            key_span: entry.key_span.clone(),
                            value: default.value.clone(),
                        },
                    ),
                };
                service.settings.push((*field, setting));
                break;
            }
            let path = (last || is_intrinsic(&entry.value)).then(|| path_to(depth));
            if let (true, Some(path)) = (last, &path) {
                service
                    .branches
                    .extend(if_branches(*field, &entry.key, entry, path));
            }
            if let Some(mut unresolved) = path
                .as_deref()
                .and_then(|path| intrinsic(&entry.value, path))
            {
                unresolved.field = Some(*field);
                service.unresolved.push(unresolved);
                break;
            }
            if let (true, Some(path)) = (last, path) {
                let setting = Setting {
                    path,
                    entry: super::coerce(*field, entry.clone()),
                };
                service.settings.push((*field, setting));
            }
            node = &entry.value;
        }
    }
    let configuration = case.member(properties, "DeploymentConfiguration");
    if let Some((configuration, hooks)) = configuration.and_then(|configuration| {
        case.member(&configuration.value, "LifecycleHooks")
            .map(|hooks| (configuration, hooks))
    }) {
        // The keys found are the names in this case.
        let hooks_path = dotted(dotted(prefix.to_owned(), &configuration.key), &hooks.key);
        for (index, hook) in items(&hooks.value).iter().enumerate() {
            let path = format!("{hooks_path}[{index}]");
            let stages = case.member(hook, "LifecycleStages").map(|entry| Setting {
                path: format!("{path}.{}", entry.key),
                entry: entry.clone(),
            });
            let timeout = case
                .member(hook, "TimeoutConfiguration")
                .map(|entry| &entry.value);
            let read = Hook {
                span: hook.span.clone(),
                path,
                stages,
                target_type: word(hook, case, "TargetType", &["AWS_LAMBDA", "PAUSE"]),
                timeout_minutes: timeout.and_then(|node| number(node, case, "TimeoutInMinutes")),
                timeout_action: timeout
                    .and_then(|node| word(node, case, "Action", &["ROLLBACK", "CONTINUE"])),
                switch: None,
                disabled: false,
            };
            if read.target_type == Some("PAUSE") {
                let limit = read.timeout_minutes.unwrap_or(1440.0);
                service.notes.push(format!(
                    "`{}[{index}]` is a PAUSE hook: the deployment waits at its stages until ContinueServiceDeployment is called, for at most {} minutes (then {}); this timeline gives each hooked stage the hookMinutes assumption",
                    hooks.key,
                    crate::scalar::format_number(limit),
                    read.timeout_action.unwrap_or("ROLLBACK"),
                ));
            }
            service.hooks.push(read);
        }
    }
    let alarms = configuration.and_then(|entry| case.member(&entry.value, "Alarms"));
    // Alarms watch the deployment only when enabled and naming at least one alarm.
    service.alarms = alarms
        .and_then(|entry| case.member(&entry.value, "Enable"))
        .is_some_and(|entry| truthy(&entry.value))
        && alarms
            .and_then(|entry| case.member(&entry.value, "AlarmNames"))
            .is_none_or(|names| !items(&names.value).is_empty() || is_intrinsic(&names.value));
    if let Some(balancers) = case.member(properties, "LoadBalancers") {
        let list = items(&balancers.value);
        service.carrier_unresolved |= is_intrinsic(&balancers.value);
        service.load_balancer = list.first().map(|node| ServiceLoadBalancer {
            span: node.span.clone(),
            kind: None,
            kind_from: match case {
                Case::Pascal => "The template does not say which kind of load balancer `LoadBalancers` belongs to".to_owned(),
                Case::Camel => "The ECS API's `loadBalancers` name target groups, not which kind of load balancer they belong to".to_owned(),
            },
        });
        service.test_listener = list.iter().any(|balancer| {
            case.member(balancer, "AdvancedConfiguration")
                .and_then(|entry| case.member(&entry.value, "TestListenerRule"))
                .is_some()
        });
    }
    // `describe-services` gives Service Connect and VPC Lattice per deployment; the first
    // (the primary one) stands for the service.
    let deployment = case
        .member(properties, "Deployments")
        .and_then(|entry| items(&entry.value).first());
    let carrier = |key: &str| {
        case.member(properties, key)
            .or_else(|| deployment.and_then(|node| case.member(node, key)))
    };
    if let Some(connect) = carrier("ServiceConnectConfiguration") {
        match case.member(&connect.value, "Enabled") {
            Some(enabled) if is_intrinsic(&enabled.value) => {
                service.carrier_unresolved = true;
            }
            Some(enabled) => service.service_connect = truthy(&enabled.value),
            None => service.carrier_unresolved |= is_intrinsic(&connect.value),
        }
        service.test_header = test_header(&connect.value, case);
    }
    if let Some(lattice) = carrier("VpcLatticeConfigurations") {
        service.vpc_lattice = !items(&lattice.value).is_empty();
        service.carrier_unresolved |= is_intrinsic(&lattice.value);
    }
    service
}

/// `path` followed by `key`, with a dot between them unless `path` is empty.
fn dotted(mut path: String, key: &str) -> String {
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(key);
    path
}

/// The plain values of a `Fn::If` (`!If [Condition, a, b]`), each as the setting it would be:
/// both are checked against ECS's ranges, since either may be deployed.
fn if_branches(field: Field, key: &str, entry: &Entry, path: &str) -> Vec<(Field, Setting)> {
    let Value::Object(entries) = &entry.value.value else {
        return Vec::new();
    };
    let [function] = entries.as_slice() else {
        return Vec::new();
    };
    let Value::List(arguments) = &function.value.value else {
        return Vec::new();
    };
    if function.key != "Fn::If" || arguments.len() != 3 {
        return Vec::new();
    }
    arguments[1..]
        .iter()
        .enumerate()
        .filter(|(_, branch)| {
            matches!(
                branch.value,
                Value::String(_) | Value::Number(_) | Value::Bool(_)
            )
        })
        .map(|(index, branch)| {
            let setting = Setting {
                path: format!("{path}.Fn::If[{}]", index + 1),
                entry: super::coerce(
                    field,
                    Entry {
                        key: key.to_owned(),
                        key_span: entry.key_span.clone(),
                        value: branch.clone(),
                    },
                ),
            };
            (field, setting)
        })
        .collect()
}

/// The parameter `node` refers to with `Ref` and its `Default` entry, when it has a plain one
/// (a string, number or bool) and its name is a plain identifier, as CloudFormation's are.
fn parameter_default<'a>(node: &Node, parameters: &'a [Entry]) -> Option<(&'a str, &'a Entry)> {
    let Value::Object(entries) = &node.value else {
        return None;
    };
    let [reference] = entries.as_slice() else {
        return None;
    };
    let Value::String(name) = &reference.value.value else {
        return None;
    };
    if reference.key != "Ref" {
        return None;
    }
    let parameter = parameters.iter().find(|entry| &entry.key == name)?;
    let name = super::plain_name(&parameter.key)?;
    let default = member(&parameter.value, "Default")?;
    matches!(
        default.value.value,
        Value::String(_) | Value::Number(_) | Value::Bool(_)
    )
    .then_some((name, default))
}

/// A scalar as the notes show it; only numbers and booleans are shown as they are, since a
/// string default comes from the template and is printed by every front end.
fn scalar_text(value: &Value) -> String {
    match value {
        Value::Number(number) => crate::scalar::format_number(*number),
        Value::Bool(flag) => flag.to_string(),
        Value::String(text) => match crate::scalar::parse_number(text) {
            Some(number) => crate::scalar::format_number(number),
            None if super::plain_name(text).is_some() => format!("`{text}`"),
            None => "its value".to_owned(),
        },
        _ => "its value".to_owned(),
    }
}

/// The header a Service Connect configuration's `testTrafficRules` choose test traffic by, when
/// one of its client aliases names it.
fn test_header(connect: &Node, case: Case) -> Option<String> {
    let services = case.member(connect, "Services")?;
    items(&services.value).iter().find_map(|service| {
        let aliases = case.member(service, "ClientAliases")?;
        items(&aliases.value).iter().find_map(|alias| {
            let rules = case.member(alias, "TestTrafficRules")?;
            let header = case.member(&rules.value, "Header")?;
            // Only a plain header name is repeated in the notes; anything else is left unsaid.
            match &case.member(&header.value, "Name")?.value.value {
                Value::String(name)
                    if !name.is_empty()
                        && name.len() <= 64
                        && name.bytes().all(|byte| {
                            byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_'
                        }) =>
                {
                    Some(name.clone())
                }
                _ => None,
            }
        })
    })
}

/// The member `key` of an object node.
pub fn member<'a>(node: &'a Node, key: &str) -> Option<&'a Entry> {
    match &node.value {
        Value::Object(entries) => entries.iter().find(|entry| entry.key == key),
        _ => None,
    }
}

/// The items of a list node (an intrinsic or any other value gives none).
pub fn items(node: &Node) -> &[Node] {
    match &node.value {
        Value::List(items) => items,
        _ => &[],
    }
}

/// Whether `node` is a CloudFormation intrinsic function that gives a value ([`intrinsic`]).
fn is_intrinsic(node: &Node) -> bool {
    value_function(node).is_some()
}

/// The single entry of an intrinsic function that gives a value: not a condition function
/// ([`condition_function`]), which CloudFormation refuses there (`validate.rs` says so).
fn value_function(node: &Node) -> Option<&Entry> {
    function(node).filter(|entry| !is_condition(&entry.key))
}

/// The single entry of an intrinsic function's object.
pub(crate) fn function(node: &Node) -> Option<&Entry> {
    let Value::Object(entries) = &node.value else {
        return None;
    };
    let [entry] = entries.as_slice() else {
        return None;
    };
    let function = entry.key.as_str();
    (function == "Ref" || function == "Condition" || function.starts_with("Fn::")).then_some(entry)
}

/// The name of the condition function `node` is, if it is one ([`is_condition`]).
pub(crate) fn condition_function(node: &Node) -> Option<&str> {
    function(node)
        .map(|entry| entry.key.as_str())
        .filter(|name| is_condition(name))
}

/// Whether the intrinsic function `name` is a condition function (`Fn::Equals`, `Fn::And`,
/// `Fn::Or`, `Fn::Not`, or a `Condition` reference), which CloudFormation takes only in
/// `Conditions` and as the condition of `Fn::If`, never as a property's value (the Template
/// Reference's "Condition functions").
fn is_condition(name: &str) -> bool {
    matches!(
        name,
        "Condition" | "Fn::Equals" | "Fn::And" | "Fn::Or" | "Fn::Not"
    )
}

/// A CloudFormation intrinsic function (`{"Ref": ...}`, `{"Fn::Sub": ...}`, or their short
/// YAML tags, which the YAML reader writes the same way): a value only known at deploy time.
pub fn intrinsic(node: &Node, path: &str) -> Option<Unresolved> {
    let entry = value_function(node)?;
    let function = entry.key.as_str();
    let argument = match &entry.value.value {
        Value::String(text) => format!(" {text}"),
        _ => String::new(),
    };
    let short = function.strip_prefix("Fn::").unwrap_or(function);
    Some(Unresolved {
        field: None,
        path: path.to_owned(),
        written: format!("!{short}{argument}"),
        span: node.span.clone(),
    })
}

/// The member `key` of `node` when it is one of `choices`, as the choice itself.
fn word(node: &Node, case: Case, key: &str, choices: &[&'static str]) -> Option<&'static str> {
    match &case.member(node, key)?.value.value {
        Value::String(text) => choices.iter().copied().find(|choice| choice == text),
        _ => None,
    }
}

/// The member `key` of `node` when it is a number (or a string holding one).
fn number(node: &Node, case: Case, key: &str) -> Option<f64> {
    match &case.member(node, key)?.value.value {
        Value::Number(number) => Some(*number),
        Value::String(text) => crate::scalar::parse_number(text),
        _ => None,
    }
}

fn truthy(node: &Node) -> bool {
    match &node.value {
        Value::Bool(value) => *value,
        Value::String(text) => super::parse_flag(text) == Some(true),
        _ => false,
    }
}
