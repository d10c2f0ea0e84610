//! Terraform: every `resource "aws_ecs_service"` block, read through hcl-rs with the AWS
//! provider's argument names (registry.terraform.io/providers/hashicorp/aws/latest/docs/
//! resources/ecs_service): `desired_count`, `deployment_minimum_healthy_percent`,
//! `deployment_maximum_percent` and the `deployment_circuit_breaker` block on the resource;
//! `strategy`, `bake_time_in_minutes`, `canary_configuration`, `linear_configuration` and
//! `lifecycle_hook` inside `deployment_configuration`; `load_balancer`, `deployment_controller`,
//! `service_connect_configuration` and `alarms`.
//!
//! `var.x` and `local.x` are resolved where the files hold a literal for them (a `variable`
//! block's `default`, a `locals` entry); a value from this file keeps its span there, so a fix
//! edits the default itself. Anything else that Terraform only knows when it runs is kept as
//! unresolved.

use std::collections::HashMap;

use hcl::edit::expr::Expression;
use hcl::edit::structure::{Block, Body, Structure};
use hcl::edit::Span as _;

use super::{Field, Hook, Service, Setting, Unresolved};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::read::hcl::{parse_terraform, terraform_value, Written};
use crate::read::{Entry, Node, Value};

/// How many references a value may pass through (`local.a` = `var.b` = ...) before it is
/// called unresolved; also what stops a cycle.
const MAX_REFERENCE_DEPTH: usize = 8;

/// The services of `source`, whose references may be defined in `context` (other files of the
/// same module) too.
pub fn read(
    source: &str,
    context: &[&str],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Vec<Service>> {
    let (body, text, found) = parse_terraform(source);
    diagnostics.extend(found);
    let others: Vec<(Body, String)> = context
        .iter()
        .map(|other| {
            let (body, text, _) = parse_terraform(other);
            (body, text)
        })
        .collect();
    let mut definitions = Definitions::default();
    definitions.collect(&body, 0);
    for (index, (other, _)) in others.iter().enumerate() {
        definitions.collect(other, index + 1);
    }
    let mut texts: Vec<&str> = vec![&text];
    texts.extend(others.iter().map(|(_, text)| text.as_str()));
    let reader = Reader {
        texts: &texts,
        definitions: &definitions,
    };
    let services: Vec<Service> = body
        .iter()
        .filter_map(|structure| match structure {
            Structure::Block(block) => Some(block),
            Structure::Attribute(_) => None,
        })
        .filter(|block| {
            block.ident.as_str() == "resource"
                && label(block, 0).as_deref() == Some("aws_ecs_service")
        })
        .map(|block| reader.service(block, diagnostics))
        .collect();
    if services.is_empty() && !diagnostics.iter().any(|d| d.code == Code::SyntaxError) {
        diagnostics.push(
            Diagnostic::new(Code::NoService, "these Terraform files have no `resource \"aws_ecs_service\"` block")
                .with_help("ecs-rollout reads the deployment settings of `aws_ecs_service` resources; a module call's settings are read from its tfvars (the Portkey module's, for example)"),
        );
    }
    Some(services)
}

/// The `index`th label of a block.
fn label(block: &Block, index: usize) -> Option<String> {
    block
        .labels
        .get(index)
        .map(|label| label.as_str().to_owned())
}

/// Where `var.x` and `local.x` are defined: the file (0 is the one being read) and expression.
#[derive(Default)]
struct Definitions {
    by_name: HashMap<String, (usize, Expression)>,
}

impl Definitions {
    fn collect(&mut self, body: &Body, file: usize) {
        for structure in body.iter() {
            let Structure::Block(block) = structure else {
                continue;
            };
            match block.ident.as_str() {
                "variable" => {
                    let Some(name) = label(block, 0) else {
                        continue;
                    };
                    if let Some(default) = block.body.get_attribute("default") {
                        self.by_name
                            .entry(format!("var.{name}"))
                            .or_insert((file, default.value.clone()));
                    }
                }
                "locals" => {
                    for attribute in block.body.attributes() {
                        self.by_name
                            .entry(format!("local.{}", attribute.key.as_str()))
                            .or_insert((file, attribute.value.clone()));
                    }
                }
                _ => {}
            }
        }
    }
}

struct Reader<'a> {
    texts: &'a [&'a str],
    definitions: &'a Definitions,
}

/// One argument as read: its value or why it has none.
enum Read {
    Value(Node),
    Unresolved(String),
}

impl Reader<'_> {
    fn service(&self, block: &Block, diagnostics: &mut Vec<Diagnostic>) -> Service {
        let name = format!("aws_ecs_service.{}", label(block, 1).unwrap_or_default());
        let span = block.span().unwrap_or(0..0);
        let mut service = Service {
            name: name.clone(),
            span: Some(span),
            ..Service::default()
        };
        for repeat in ["count", "for_each"] {
            if let Some(attribute) = block.body.get_attribute(repeat) {
                let written = attribute
                    .value
                    .span()
                    .and_then(|span| self.texts[0].get(span))
                    .unwrap_or("");
                service.repeated = Some(format!("{repeat} = {}", written.trim()));
            }
        }
        let body = &block.body;
        self.argument(
            &mut service,
            body,
            &name,
            "desired_count",
            Field::DesiredCount,
            diagnostics,
        );
        self.argument(
            &mut service,
            body,
            &name,
            "deployment_minimum_healthy_percent",
            Field::MinimumHealthyPercent,
            diagnostics,
        );
        self.argument(
            &mut service,
            body,
            &name,
            "deployment_maximum_percent",
            Field::MaximumPercent,
            diagnostics,
        );
        if let Some(breaker) = blocks(body, "deployment_circuit_breaker").next() {
            let path = format!("{name}.deployment_circuit_breaker");
            self.argument(
                &mut service,
                &breaker.body,
                &path,
                "enable",
                Field::BreakerEnable,
                diagnostics,
            );
            self.argument(
                &mut service,
                &breaker.body,
                &path,
                "rollback",
                Field::BreakerRollback,
                diagnostics,
            );
        }
        if let Some(controller) = blocks(body, "deployment_controller").next() {
            let path = format!("{name}.deployment_controller");
            self.argument(
                &mut service,
                &controller.body,
                &path,
                "type",
                Field::Controller,
                diagnostics,
            );
        }
        if let Some(configuration) = blocks(body, "deployment_configuration").next() {
            let path = format!("{name}.deployment_configuration");
            let inner = &configuration.body;
            self.argument(
                &mut service,
                inner,
                &path,
                "strategy",
                Field::Strategy,
                diagnostics,
            );
            self.argument(
                &mut service,
                inner,
                &path,
                "bake_time_in_minutes",
                Field::BakeTime,
                diagnostics,
            );
            if let Some(canary) = blocks(inner, "canary_configuration").next() {
                let path = format!("{path}.canary_configuration");
                self.argument(
                    &mut service,
                    &canary.body,
                    &path,
                    "canary_percent",
                    Field::CanaryPercent,
                    diagnostics,
                );
                self.argument(
                    &mut service,
                    &canary.body,
                    &path,
                    "canary_bake_time_in_minutes",
                    Field::CanaryBake,
                    diagnostics,
                );
            }
            if let Some(linear) = blocks(inner, "linear_configuration").next() {
                let path = format!("{path}.linear_configuration");
                self.argument(
                    &mut service,
                    &linear.body,
                    &path,
                    "step_percent",
                    Field::StepPercent,
                    diagnostics,
                );
                self.argument(
                    &mut service,
                    &linear.body,
                    &path,
                    "step_bake_time_in_minutes",
                    Field::StepBake,
                    diagnostics,
                );
            }
            for (index, hook) in blocks(inner, "lifecycle_hook").enumerate() {
                let hook_path = format!("{path}.lifecycle_hook[{index}]");
                let stages = hook
                    .body
                    .get_attribute("lifecycle_stages")
                    .and_then(|attribute| {
                        let key_span = attribute.key.span().unwrap_or(0..0);
                        let stages_path = format!("{hook_path}.lifecycle_stages");
                        match self.value(&attribute.value, 0, diagnostics) {
                            Read::Value(node) => Some(Setting {
                                path: stages_path,
                                entry: Entry {
                                    key: "lifecycle_stages".to_owned(),
                                    key_span,
                                    value: node,
                                },
                            }),
                            Read::Unresolved(written) => {
                                service.unresolved.push(Unresolved {
                                    field: None,
                                    path: stages_path,
                                    written,
                                    span: attribute.value.span().unwrap_or(key_span),
                                });
                                None
                            }
                        }
                    });
                let unresolved_stages =
                    stages.is_none() && hook.body.get_attribute("lifecycle_stages").is_some();
                if !unresolved_stages {
                    service.hooks.push(Hook {
                        span: hook.span().unwrap_or(0..0),
                        path: hook_path,
                        stages,
                    });
                }
            }
        }
        let balancers: Vec<&Block> = blocks(body, "load_balancer").collect();
        service.load_balancer = balancers.first().and_then(|block| block.span());
        service.test_listener = balancers.iter().any(|balancer| {
            blocks(&balancer.body, "advanced_configuration")
                .any(|advanced| advanced.body.get_attribute("test_listener_rule").is_some())
        });
        service.service_connect = blocks(body, "service_connect_configuration").any(|block| {
            block
                .body
                .get_attribute("enabled")
                .is_some_and(|attribute| {
                    matches!(
                        self.value(&attribute.value, 0, &mut Vec::new()),
                        Read::Value(Node {
                            value: Value::Bool(true),
                            ..
                        })
                    )
                })
        });
        service.alarms = blocks(body, "alarms").any(|block| {
            block.body.get_attribute("enable").is_some_and(|attribute| {
                matches!(
                    self.value(&attribute.value, 0, &mut Vec::new()),
                    Read::Value(Node {
                        value: Value::Bool(true),
                        ..
                    })
                )
            })
        });
        service
    }

    /// Reads the argument `key` of `body` into `field`.
    fn argument(
        &self,
        service: &mut Service,
        body: &Body,
        path: &str,
        key: &str,
        field: Field,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let Some(attribute) = body.get_attribute(key) else {
            return;
        };
        let key_span = attribute.key.span().unwrap_or(0..0);
        let path = format!("{path}.{key}");
        match self.value(&attribute.value, 0, diagnostics) {
            Read::Value(node) => {
                let entry = super::coerce(
                    field,
                    Entry {
                        key: key.to_owned(),
                        key_span,
                        value: node,
                    },
                );
                service.settings.push((field, Setting { path, entry }));
            }
            Read::Unresolved(written) => service.unresolved.push(Unresolved {
                field: Some(field),
                path,
                written,
                span: attribute.value.span().unwrap_or(key_span),
            }),
        }
    }

    /// The value of `expr` in the file being read, following `var.x` and `local.x`.
    fn value(&self, expr: &Expression, depth: usize, diagnostics: &mut Vec<Diagnostic>) -> Read {
        let text = self.texts[0];
        let written = || {
            expr.span()
                .and_then(|span| text.get(span))
                .unwrap_or("")
                .trim()
                .to_owned()
        };
        match terraform_value(text, expr, diagnostics) {
            Written::Value(node) => Read::Value(node),
            Written::Unknown => Read::Unresolved(written()),
            Written::Reference(name) => {
                let reference_span = expr.span().unwrap_or(0..0);
                match self.resolve(&name, depth) {
                    Some((node, 0)) => Read::Value(node),
                    // Defined in another file: located at the reference, and not to be edited
                    // here.
                    Some((node, _)) => Read::Value(relocated(node, &reference_span)),
                    None => Read::Unresolved(written()),
                }
            }
        }
    }

    /// The literal value `name` stands for, and the file it is written in.
    fn resolve(&self, name: &str, depth: usize) -> Option<(Node, usize)> {
        if depth >= MAX_REFERENCE_DEPTH {
            return None;
        }
        let (file, expr) = self.definitions.by_name.get(name)?;
        let text = self.texts.get(*file)?;
        match terraform_value(text, expr, &mut Vec::new()) {
            Written::Value(node) => Some((node, *file)),
            Written::Reference(next) => self.resolve(&next, depth + 1).map(|(node, inner)| {
                // A chain through another file is located where this file refers to it.
                if inner == *file {
                    (node, *file)
                } else {
                    (node, usize::MAX)
                }
            }),
            Written::Unknown => None,
        }
    }
}

/// `node` with every span moved to `span` and marked computed, so no fix edits it.
fn relocated(mut node: Node, span: &Span) -> Node {
    node.span = span.clone();
    node.computed = true;
    node.value = match node.value {
        Value::List(items) => Value::List(
            items
                .into_iter()
                .map(|item| relocated(item, span))
                .collect(),
        ),
        Value::Object(entries) => Value::Object(
            entries
                .into_iter()
                .map(|entry| Entry {
                    key: entry.key,
                    key_span: span.clone(),
                    value: relocated(entry.value, span),
                })
                .collect(),
        ),
        other => other,
    };
    node
}

/// The blocks named `ident` in `body`.
fn blocks<'a>(body: &'a Body, ident: &'a str) -> impl Iterator<Item = &'a Block> + 'a {
    body.iter().filter_map(move |structure| match structure {
        Structure::Block(block) if block.ident.as_str() == ident => Some(block),
        _ => None,
    })
}
