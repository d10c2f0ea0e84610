//! The ECS API's JSON: the output of `aws ecs describe-services` (a `services` array) or the
//! input of `create-service` and `update-service` (`--cli-input-json`: one service, whose name
//! is `serviceName`, or `service` for `update-service`), read by `fields.rs` in the API's names.
//!
//! Shapes from the Amazon ECS API Reference: `DescribeServices`, `CreateService`,
//! `UpdateService` and the `DeploymentConfiguration` data type
//! (docs.aws.amazon.com/AmazonECS/latest/APIReference/).

use super::fields::{self, Case};
use super::Service;
use crate::diagnostic::Diagnostic;
use crate::read::Format;
use crate::read::{self, Node, Value};

/// The services of `source`; `None` when nothing could be read.
pub fn read(source: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Vec<Service>> {
    let (document, found) = read::read(source, Some(Format::Json));
    let nothing = document.attributes.is_empty();
    diagnostics.extend(found);
    if nothing
        && diagnostics
            .iter()
            .any(|d| d.code == crate::diagnostic::Code::SyntaxError)
    {
        return None;
    }
    let root = Node {
        value: Value::Object(document.attributes),
        span: 0..source.len(),
        computed: false,
    };
    let name = |node: &Node, fallback: &str| {
        ["serviceName", "service"]
            .iter()
            .find_map(
                |key| match fields::member(node, key).map(|entry| &entry.value.value) {
                    Some(Value::String(name)) => Some(name.clone()),
                    _ => None,
                },
            )
            .unwrap_or_else(|| fallback.to_owned())
    };
    if let Some(services) = fields::member(&root, "services") {
        let found: Vec<Service> = fields::items(&services.value)
            .iter()
            .enumerate()
            .map(|(index, node)| {
                let path = format!("services[{index}]");
                super::validate::check_service(
                    source,
                    node,
                    super::schema::Syntax::Api,
                    &path,
                    node.span.start..node.span.start,
                    false,
                    diagnostics,
                );
                fields::service(
                    name(node, &path),
                    node.span.clone(),
                    node,
                    Case::Camel,
                    &path,
                    &[],
                )
            })
            .collect();
        if found.is_empty() {
            diagnostics.push(
                super::no_service("this `describe-services` output lists no service")
                    .at(services.key_span.clone())
                    .with_help("`aws ecs describe-services` lists the services it found under `services` and the names it did not find under `failures`; check the cluster and the service names asked for"),
            );
        }
        return Some(found);
    }
    let span = root.span.clone();
    super::validate::check_service(
        source,
        &root,
        super::schema::Syntax::Api,
        "",
        0..0,
        true,
        diagnostics,
    );
    Some(vec![fields::service(
        name(&root, "service"),
        span,
        &root,
        Case::Camel,
        "",
        &[],
    )])
}
