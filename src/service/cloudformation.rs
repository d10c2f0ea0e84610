//! CloudFormation templates, JSON or YAML: every `AWS::ECS::Service` under `Resources`, with its
//! `Properties` read by `fields.rs` in CloudFormation's names.
//!
//! Shapes from the CloudFormation resource reference, `AWS::ECS::Service` and
//! `AWS::ECS::Service DeploymentConfiguration`
//! (docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ecs-service.html).

use super::fields::{self, Case};
use super::Service;
use crate::config::LoadBalancerType;
use crate::diagnostic::{Code, Diagnostic};
use crate::read::Format;
use crate::read::{self, Entry, Node, Value};

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
                super::no_service("this CloudFormation template has no `Resources` section",
                )
                .with_help("A template declares its resources under `Resources`; ECS services have `Type: AWS::ECS::Service`"),
            );
        }
        return Some(Vec::new());
    };
    let Value::Object(entries) = &resources.value.value else {
        return Some(Vec::new());
    };
    let parameters: &[Entry] = match fields::member(&root, "Parameters").map(|p| &p.value.value) {
        Some(Value::Object(parameters)) => parameters,
        _ => &[],
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
        super::validate::check_service(
            source,
            properties,
            super::schema::Syntax::CloudFormation,
            &prefix,
            entry.key_span.clone(),
            true,
            diagnostics,
        );
        let mut service = fields::service(
            entry.key.clone(),
            entry.key_span.start..entry.value.span.end,
            properties,
            Case::Pascal,
            &prefix,
            parameters,
        );
        if let Some(balancer) = &mut service.load_balancer {
            if let Some((kind, from)) = load_balancer_kind(entries, properties) {
                balancer.kind = Some(kind);
                balancer.kind_from = from;
            }
        }
        services.push(service);
    }
    if services.is_empty() && !diagnostics.iter().any(|d| d.code == Code::SyntaxError) {
        diagnostics.push(
            super::no_service("this CloudFormation template has no `AWS::ECS::Service` resource",
            )
            .at(resources.key_span.clone())
            .with_help("ecs-rollout reads the deployment settings of `AWS::ECS::Service` resources; a template that only defines the cluster, task definitions or load balancers has none"),
        );
    }
    Some(services)
}

/// The kind of the service's load balancer, where the template says it: the protocol of the
/// target group that the first `LoadBalancers` item refers to with `Ref`, else the `Type` of the
/// template's Elastic Load Balancing load balancers when they all have the same one (an absent
/// `Type` is `application`, CloudFormation's default).
fn load_balancer_kind(
    resources: &[Entry],
    properties: &Node,
) -> Option<(LoadBalancerType, String)> {
    let of_type = |entry: &&Entry, wanted: &str| {
        fields::member(&entry.value, "Type")
            .is_some_and(|kind| matches!(&kind.value.value, Value::String(name) if name == wanted))
    };
    let text = |node: &Node, key: &str| match fields::member(node, key).map(|e| &e.value.value) {
        Some(Value::String(text)) => Some(text.clone()),
        _ => None,
    };
    let first = fields::member(properties, "LoadBalancers")
        .and_then(|entry| fields::items(&entry.value).first());
    let target_group = first
        .and_then(|balancer| fields::member(balancer, "TargetGroupArn"))
        .and_then(|arn| text(&arn.value, "Ref"))
        .and_then(|name| resources.iter().find(|entry| entry.key == name))
        .filter(|entry| of_type(entry, "AWS::ElasticLoadBalancingV2::TargetGroup"));
    if let Some(group) = target_group {
        let protocol = fields::member(&group.value, "Properties")
            .and_then(|properties| text(&properties.value, "Protocol"));
        if let Some(kind) = protocol.as_deref().and_then(super::kind_of_protocol) {
            // A protocol `kind_of_protocol` knows is a plain word, safe to quote.
            let protocol = protocol.unwrap_or_default().to_ascii_uppercase();
            return Some((
                kind,
                match super::plain_name(&group.key) {
                    Some(name) => format!("its target group `{name}` has `Protocol: {protocol}`"),
                    None => format!("its target group has `Protocol: {protocol}`"),
                },
            ));
        }
    }
    let balancers: Vec<(&Entry, String)> = resources
        .iter()
        .filter(|entry| of_type(entry, "AWS::ElasticLoadBalancingV2::LoadBalancer"))
        .map(|entry| {
            let kind = fields::member(&entry.value, "Properties")
                .and_then(|properties| text(&properties.value, "Type"))
                .unwrap_or_else(|| "application".to_owned());
            (entry, kind)
        })
        .collect();
    let (first_balancer, kind_name) = balancers.first()?;
    if balancers.iter().any(|(_, other)| other != kind_name) {
        return None;
    }
    let kind = LoadBalancerType::from_name(kind_name)?;
    let how = match super::plain_name(&first_balancer.key) {
        Some(name) if balancers.len() == 1 => format!("the template's load balancer `{name}`"),
        _ if balancers.len() == 1 => "the template's load balancer".to_owned(),
        _ => "every load balancer of the template".to_owned(),
    };
    Some((kind, format!("{how} has `Type: {}`", kind.as_str())))
}
