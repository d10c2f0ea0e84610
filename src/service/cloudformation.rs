//! CloudFormation templates, JSON or YAML: every `AWS::ECS::Service` under `Resources`, with its
//! `Properties` read by `fields.rs` in CloudFormation's names.
//!
//! Shapes from the CloudFormation resource reference, `AWS::ECS::Service` and
//! `AWS::ECS::Service DeploymentConfiguration`
//! (docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ecs-service.html).

use super::fields::{self, Case};
use super::Service;
use crate::diagnostic::{Code, Diagnostic};
use crate::options::Format;
use crate::read::{self, Node, Value};

/// The services of the template `source`; `None` when nothing could be read.
pub fn read(source: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Vec<Service>> {
    let root = if read::detect_format(source) == Format::Json {
        let (document, found) = read::read(source, Some(Format::Json));
        diagnostics.extend(found);
        Node {
            value: Value::Object(document.attributes),
            span: 0..source.len(),
            computed: false,
        }
    } else {
        read::yaml::read(source, diagnostics)?
    };
    let Some(resources) = fields::member(&root, "Resources") else {
        if !diagnostics.iter().any(|d| d.code == Code::SyntaxError) {
            diagnostics.push(
                Diagnostic::new(
                    Code::NoService,
                    "this CloudFormation template has no `Resources` section",
                )
                .with_help("A template declares its resources under `Resources`; ECS services have `Type: AWS::ECS::Service`"),
            );
        }
        return Some(Vec::new());
    };
    let Value::Object(entries) = &resources.value.value else {
        return Some(Vec::new());
    };
    let mut services = Vec::new();
    for entry in entries {
        let is_service = fields::member(&entry.value, "Type").is_some_and(
            |kind| matches!(&kind.value.value, Value::String(name) if name == "AWS::ECS::Service"),
        );
        if !is_service {
            continue;
        }
        let prefix = format!("Resources.{}.Properties", entry.key);
        let empty = Node {
            value: Value::Object(Vec::new()),
            span: entry.value.span.clone(),
            computed: false,
        };
        let properties = fields::member(&entry.value, "Properties").map_or(&empty, |p| &p.value);
        services.push(fields::service(
            entry.key.clone(),
            entry.key_span.start..entry.value.span.end,
            properties,
            Case::Pascal,
            &prefix,
        ));
    }
    Some(services)
}
