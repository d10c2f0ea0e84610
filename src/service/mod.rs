//! Any ECS service, whatever source it is written in (contract section 7): Terraform
//! `aws_ecs_service` resources, CloudFormation `AWS::ECS::Service` resources and the ECS API's
//! JSON are each read into the same [`Service`], and ECS's rules run once on it (`rules.rs`).
//!
//! A [`Service`] keeps every setting as written, with its span and its path in the source's own
//! names, so that diagnostics land on the value and fixes are written in the source's syntax.
//! Settings that refer to something the source does not define (`var.x` without a literal
//! default, `!Ref`, `Fn::Sub`, ...) are kept as [`Unresolved`]: they get `unresolved-value` and
//! ECS's default stands in, said in the timeline's notes.

#[cfg(feature = "cloudformation")]
mod cloudformation;
#[cfg(feature = "ecs-api")]
mod ecs_api;
#[cfg(any(feature = "cloudformation", feature = "ecs-api"))]
pub(crate) mod fields;
#[cfg(feature = "observed")]
pub mod record;
mod rules;
#[cfg(any(feature = "terraform", feature = "cloudformation", feature = "ecs-api"))]
pub mod schema;
#[cfg(feature = "terraform")]
mod terraform;
#[cfg(any(feature = "terraform", feature = "cloudformation", feature = "ecs-api"))]
mod validate;

use crate::config::StrategyName;
use crate::diagnostic::{Diagnostic, Span};
use crate::input::InputKind;
use crate::read::Entry;

pub use rules::{check, FileAssumptions, ServiceOutcome};
#[cfg(feature = "terraform")]
pub use terraform::{is_variable_file, variable_file_order, Context, Module};

/// Without the Terraform reader, the files of a module are never read, so a module is nothing.
#[cfg(not(feature = "terraform"))]
#[derive(Default)]
pub struct Module;

#[cfg(not(feature = "terraform"))]
impl Module {
    pub fn parse(_sources: &[&str]) -> Module {
        Module
    }
}

/// The module around a file, as the Terraform reader takes it (nothing without that reader).
#[cfg(not(feature = "terraform"))]
#[derive(Clone, Copy, Default)]
pub struct Context<'a> {
    pub module: Option<&'a Module>,
    pub current: Option<usize>,
}

/// The settings `rules.rs` reads, named as ECS's API does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Strategy,
    DesiredCount,
    MinimumHealthyPercent,
    MaximumPercent,
    BakeTime,
    CanaryPercent,
    CanaryBake,
    StepPercent,
    StepBake,
    BreakerEnable,
    BreakerRollback,
    Controller,
    /// The lifecycle hooks as a whole, for a source that can leave them unusable.
    LifecycleHooks,
}

/// One setting as written: the key (as the source spells it) and value with their spans, and
/// its path from the service in the source's names (`DeploymentConfiguration.Strategy`).
#[derive(Debug, Clone, PartialEq)]
pub struct Setting {
    pub path: String,
    pub entry: Entry,
}

/// A setting whose value this source does not give literally.
#[derive(Debug, Clone, PartialEq)]
pub struct Unresolved {
    pub field: Option<Field>,
    pub path: String,
    /// The expression as written (`var.canary_percent`, `!Ref CanaryPercent`).
    pub written: String,
    pub span: Span,
}

/// A lifecycle hook: where it is written and its list of stages, when that can be read, and
/// the newer settings CloudFormation and the API have (Terraform's provider has none of them).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Hook {
    pub span: Span,
    pub path: String,
    pub stages: Option<Setting>,
    /// `TargetType`: `AWS_LAMBDA` (the default) or `PAUSE`, when written as one of them.
    pub target_type: Option<&'static str>,
    /// `TimeoutConfiguration.TimeoutInMinutes`, when a plain number.
    pub timeout_minutes: Option<f64>,
    /// `TimeoutConfiguration.Action`: `ROLLBACK` (the default) or `CONTINUE`, when written so.
    pub timeout_action: Option<&'static str>,
    /// The switch that turns the hook on (the Portkey module's `enable_lifecycle_hook = true`),
    /// where the source has one: a hook without stages is then offered "disable the hook".
    pub switch: Option<Span>,
    /// A hook the source lists but turns off (the module's `enable_lifecycle_hook = false`):
    /// its stage names are judged, but ECS calls it at no stage.
    pub disabled: bool,
}

/// A load balancer the service is registered with: where, and its kind when the source says it.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceLoadBalancer {
    pub span: Span,
    pub kind: Option<crate::config::LoadBalancerType>,
    /// Where the kind comes from, or why it is not known, in the source's own terms.
    pub kind_from: String,
}

/// One ECS service as its source describes it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Service {
    /// `aws_ecs_service.gateway`, the template's logical id, or the `serviceName`.
    pub name: String,
    /// Where the service is defined.
    pub span: Option<Span>,
    /// Every setting read, with the field it sets.
    pub settings: Vec<(Field, Setting)>,
    pub unresolved: Vec<Unresolved>,
    /// Each plain branch of a setting written as `Fn::If`: not known before deploy time (the
    /// setting is in `unresolved`), but either may be deployed, so ECS's ranges apply to both.
    pub branches: Vec<(Field, Setting)>,
    pub hooks: Vec<Hook>,
    /// The first load balancer, when the service has one.
    pub load_balancer: Option<ServiceLoadBalancer>,
    /// Whether a load balancer names a test listener rule (`TestListenerRule`).
    pub test_listener: bool,
    pub service_connect: bool,
    /// The header Service Connect's `testTrafficRules` choose test traffic by, when named.
    pub test_header: Option<String>,
    pub vpc_lattice: bool,
    /// Whether a carrier of the traffic (a load balancer, Service Connect, VPC Lattice) may be
    /// there, decided only at deploy time: a `dynamic` block over a collection the files do not
    /// give, or `enabled = var.x` without a default. Such a service is never called headless.
    pub carrier_unresolved: bool,
    /// Whether CloudWatch alarms are enabled for the deployment (and name at least one alarm,
    /// or names them only at deploy time).
    pub alarms: bool,
    /// `count` or `for_each` on a Terraform resource: the text, analysed once.
    pub repeated: Option<String>,
    /// What the reader assumed, for the timeline's notes (a CloudFormation parameter's
    /// `Default` standing in for the value a stack is given).
    pub notes: Vec<String>,
    /// The strategy, when the source picks it from several settings rather than naming it
    /// (the Portkey module: blue/green, then linear, then canary, facts section 1), and where
    /// it is chosen; otherwise the `Strategy` setting names it.
    pub chosen_strategy: Option<(StrategyName, Option<Span>)>,
    /// Settings the source leaves unusable (of the wrong type, or missing where required, both
    /// already reported by its type check): neither read nor replaced by a default, so no
    /// timeline is drawn and `compare` names them.
    pub unusable: Vec<Field>,
    /// What the Portkey module decides on top of ECS (`portkey/`); `None` for every other
    /// source, whose services take ECS's own defaults.
    pub module: Option<ModuleConventions>,
}

/// What the Portkey module decides for the one service it deploys, where ECS would decide
/// otherwise or the file does not say (facts sections 1, 5 and 7).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ModuleConventions {
    /// The file's `environment`, which picks the policy's environment.
    pub environment: Option<String>,
    /// The listeners the module creates with its load balancer.
    pub listeners: Option<crate::config::Listeners>,
    pub autoscaling: Option<crate::config::Autoscaling>,
    /// The deployment bake the module hard-codes (`bake_time_in_minutes = 1`).
    pub bake_minutes: u32,
    /// Whether the gateway's breaker is written (an object, not absent or `null`): without, the
    /// inner module's breaker is on, with rollback.
    pub breaker_written: bool,
    /// `gateway_deployment_configuration`'s name, where `no-behaviour-check` points.
    pub deployment_configuration_at: Option<Span>,
    /// Whether `terraform plan` accepts the variables the deployment is made of (none of them
    /// of the wrong type or a `null` the module cannot take).
    pub deployable: bool,
}

impl Service {
    pub fn setting(&self, field: Field) -> Option<&Setting> {
        self.settings
            .iter()
            .find(|(candidate, _)| *candidate == field)
            .map(|(_, setting)| setting)
    }

    /// Whether the source leaves `field` unusable (see [`Service::unusable`]).
    pub fn is_unusable(&self, field: Field) -> bool {
        self.unusable.contains(&field)
    }

    pub fn unresolved(&self, field: Field) -> Option<&Unresolved> {
        self.unresolved
            .iter()
            .find(|unresolved| unresolved.field == Some(field))
    }
}

/// Whether this build reads any source besides the Portkey module's tfvars; without, the
/// service path is left out of the build whole.
pub const ANY_READER: bool = cfg!(any(
    feature = "terraform",
    feature = "cloudformation",
    feature = "ecs-api"
));

/// Every ECS service in `source`, read as `kind` (not `portkey-tfvars`), in source order, and
/// the diagnostics of reading it. `context` is the Terraform module around it, read once for
/// all of its files, whose `variable` defaults and `locals` may resolve this one's references.
pub fn read(
    source: &str,
    kind: InputKind,
    context: Context<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Vec<Service>> {
    let _ = (source, context);
    match kind {
        #[cfg(feature = "terraform")]
        InputKind::Terraform => terraform::read(source, context, diagnostics),
        #[cfg(feature = "cloudformation")]
        InputKind::Cloudformation => cloudformation::read(source, diagnostics),
        #[cfg(feature = "ecs-api")]
        InputKind::EcsApi => ecs_api::read(source, diagnostics),
        #[cfg(feature = "observed")]
        InputKind::EcsDeploymentRecord => record::services(source, diagnostics),
        InputKind::PortkeyTfvars => None,
        #[allow(unreachable_patterns)]
        _ => {
            diagnostics.push(left_out(kind));
            Some(Vec::new())
        }
    }
}

/// `input-not-supported`: this build leaves the reader of `kind` out (the browser's, for its
/// size budget).
#[allow(dead_code)]
fn left_out(kind: InputKind) -> Diagnostic {
    Diagnostic::new(
        crate::diagnostic::Code::InputNotSupported,
        format!(
            "this looks like a {}, and this build of ecs-rollout does not read those",
            kind.title()
        ),
    )
    .with_help("This build was made without that reader; the command line (`ecs-rollout check`) and the npm package read every kind. Set the input kind if the detection is wrong")
}

/// A value as ECS reads it: CloudFormation and the API take numbers and booleans written as
/// strings (`"10"`, `"true"`), as Terraform does for the provider's string-typed arguments.
#[allow(dead_code)]
pub(crate) fn coerce(field: Field, mut entry: Entry) -> Entry {
    let crate::read::Value::String(text) = &entry.value.value else {
        return entry;
    };
    let converted = match field {
        Field::Strategy | Field::Controller | Field::LifecycleHooks => None,
        Field::BreakerEnable | Field::BreakerRollback => {
            parse_flag(text).map(crate::read::Value::Bool)
        }
        _ => crate::scalar::parse_number(text).map(crate::read::Value::Number),
    };
    if let Some(value) = converted {
        entry.value.value = value;
    }
    entry
}

/// A boolean written as a string: `true` or `false` in any case, as CloudFormation takes them
/// (cfn-lint accepts `"True"` and `"FALSE"`).
#[allow(dead_code)]
pub(crate) fn parse_flag(text: &str) -> Option<bool> {
    if text.eq_ignore_ascii_case("true") {
        Some(true)
    } else if text.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// The kind of load balancer a target group of this protocol belongs to (Elastic Load Balancing:
/// Application Load Balancers take HTTP and HTTPS target groups, Network Load Balancers TCP, TLS,
/// UDP and TCP_UDP); `None` for any other protocol.
#[allow(dead_code)]
pub(crate) fn kind_of_protocol(protocol: &str) -> Option<crate::config::LoadBalancerType> {
    use crate::config::LoadBalancerType;
    match protocol.to_ascii_uppercase().as_str() {
        "HTTP" | "HTTPS" => Some(LoadBalancerType::Application),
        "TCP" | "TLS" | "UDP" | "TCP_UDP" => Some(LoadBalancerType::Network),
        _ => None,
    }
}

/// `name` when it is a plain identifier (letters, digits, `_`, `-`, `.`, at most 128 bytes), as
/// CloudFormation logical ids and Terraform resource addresses are: only such a name is quoted
/// in the timeline's notes, which every front end prints (a hostile template could name a
/// resource with line breaks or markup).
#[allow(dead_code)]
pub(crate) fn plain_name(name: &str) -> Option<&str> {
    let plain = !name.is_empty()
        && name.len() <= 128
        && name
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'-' | b'.'));
    plain.then_some(name)
}

/// `no-service`, for every source: a file that holds no ECS service; `what` says what the file
/// lacks in its source's words.
pub(crate) fn no_service(what: &str) -> Diagnostic {
    Diagnostic::new(crate::diagnostic::Code::NoService, what)
}
