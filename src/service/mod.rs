//! Any ECS service, whatever source it is written in (contract section 7): Terraform
//! `aws_ecs_service` resources, CloudFormation `AWS::ECS::Service` resources and the ECS API's
//! JSON are each read into the same [`Service`], and ECS's rules run once on it (`rules.rs`).
//!
//! A [`Service`] keeps every setting as written, with its span and its path in the source's own
//! names, so that diagnostics land on the value and fixes are written in the source's syntax.
//! Settings that refer to something the source does not define (`var.x` without a literal
//! default, `!Ref`, `Fn::Sub`, ...) are kept as [`Unresolved`]: they get `unresolved-value` and
//! ECS's default stands in, said in the timeline's notes.

mod cloudformation;
mod ecs_api;
mod fields;
mod rules;
mod terraform;

use crate::diagnostic::{Diagnostic, Span};
use crate::input::InputKind;
use crate::read::Entry;

pub use rules::{check, FileAssumptions};

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

/// A lifecycle hook: where it is written and its list of stages, when that can be read.
#[derive(Debug, Clone, PartialEq)]
pub struct Hook {
    pub span: Span,
    pub path: String,
    pub stages: Option<Setting>,
}

/// One ECS service as its source describes it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Service {
    /// `aws_ecs_service.gateway`, the template's logical id, or the `serviceName`.
    pub name: String,
    /// Where the service is defined.
    pub span: Option<Span>,
    /// Where a setting that is absent would be added; the service's span when `None`.
    pub settings: Vec<(Field, Setting)>,
    pub unresolved: Vec<Unresolved>,
    pub hooks: Vec<Hook>,
    /// The first load balancer, when the service has one.
    pub load_balancer: Option<Span>,
    /// Whether a load balancer names a test listener rule (`TestListenerRule`).
    pub test_listener: bool,
    pub service_connect: bool,
    /// Whether CloudWatch alarms are enabled for the deployment.
    pub alarms: bool,
    /// `count` or `for_each` on a Terraform resource: the text, analysed once.
    pub repeated: Option<String>,
}

impl Service {
    pub fn setting(&self, field: Field) -> Option<&Setting> {
        self.settings
            .iter()
            .find(|(candidate, _)| *candidate == field)
            .map(|(_, setting)| setting)
    }

    pub fn unresolved(&self, field: Field) -> Option<&Unresolved> {
        self.unresolved
            .iter()
            .find(|unresolved| unresolved.field == Some(field))
    }
}

/// Every ECS service in `source`, read as `kind` (not `portkey-tfvars`), in source order, and
/// the diagnostics of reading it. `context` holds other Terraform files of the same module,
/// whose `variable` defaults and `locals` may resolve this one's references.
pub fn read(
    source: &str,
    kind: InputKind,
    context: &[&str],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Vec<Service>> {
    match kind {
        InputKind::Terraform => terraform::read(source, context, diagnostics),
        InputKind::Cloudformation => cloudformation::read(source, diagnostics),
        InputKind::EcsApi => ecs_api::read(source, diagnostics),
        InputKind::PortkeyTfvars => None,
    }
}
