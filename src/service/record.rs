//! The `ecs-deployment-record` source (contract section 10): the JSON of
//! `aws ecs describe-service-deployments` (`serviceDeployments[]`), optionally in one object with
//! `describe-services` output (`services[]`, whose `events[]` cover the same period). Read with
//! the JSON reader that keeps spans; each deployment's own `deploymentConfiguration` is read by
//! the ECS API's field walk (`service::fields`), so its plan is built by today's rules.
//!
//! Shapes from the Amazon ECS API Reference: `DescribeServiceDeployments`, `ServiceDeployment`,
//! `ServiceRevisionSummary`, `Rollback`, `ServiceDeploymentCircuitBreaker`,
//! `ServiceDeploymentAlarms`, `DescribeServices` and `ServiceEvent`.

use super::fields::{self, items, member, Case};
use super::{Field, Service, Setting};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::options::Format;
use crate::read::{self, Node, Value};

/// A record as read: its deployments, the services of the `describe-services` output beside them,
/// and every event of those services.
#[derive(Debug, Clone, Default)]
pub struct Record {
    /// `serviceDeployments[]`, in the order written, with their paths.
    pub deployments: Vec<(String, Node)>,
    /// `services[]`, with their paths.
    pub services: Vec<(String, Node)>,
    pub events: Vec<Event>,
}

/// One service event: when (milliseconds since the epoch, when readable) and what it says.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub at: Option<i64>,
    pub message: Option<String>,
    /// The `serviceArn` of the service it belongs to, when the service names one.
    pub service_arn: Option<String>,
    pub span: Span,
}

/// Reads `source`; `None` when nothing could be read (a syntax error before any key).
pub fn read(source: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Record> {
    let (document, found) = read::read(source, Some(Format::Json));
    let nothing = document.attributes.is_empty();
    let broken = found.iter().any(|d| d.code == Code::SyntaxError);
    diagnostics.extend(found);
    if nothing && broken {
        return None;
    }
    let root = Node {
        value: Value::Object(document.attributes),
        span: 0..source.len(),
        computed: false,
    };
    let listed = |key: &str| -> Vec<(String, Node)> {
        member(&root, key).map_or_else(Vec::new, |entry| {
            items(&entry.value)
                .iter()
                .enumerate()
                .map(|(index, node)| (format!("{key}[{index}]"), node.clone()))
                .collect()
        })
    };
    let deployments = listed("serviceDeployments");
    let services = listed("services");
    let mut events = Vec::new();
    for (_, service) in &services {
        let service_arn = text(service, "serviceArn").map(str::to_owned);
        for event in member(service, "events").map_or(&[][..], |entry| items(&entry.value)) {
            events.push(Event {
                at: member(event, "createdAt")
                    .and_then(|entry| crate::read::time::read(&entry.value.value)),
                message: text(event, "message").map(str::to_owned),
                service_arn: service_arn.clone(),
                span: event.span.clone(),
            });
        }
    }
    Some(Record {
        deployments,
        services,
        events,
    })
}

/// The string member `key` of `node`.
pub fn text<'a>(node: &'a Node, key: &str) -> Option<&'a str> {
    match &member(node, key)?.value.value {
        Value::String(text) => Some(text),
        _ => None,
    }
}

/// The service of `record` a deployment belongs to: the one whose `serviceArn` it names, or the
/// only one there is.
pub fn service_of<'a>(record: &'a Record, deployment: &Node) -> Option<&'a (String, Node)> {
    let arn = text(deployment, "serviceArn");
    record
        .services
        .iter()
        .find(|(_, service)| arn.is_some() && text(service, "serviceArn") == arn)
        .or(match record.services.as_slice() {
            [only] => Some(only),
            _ => None,
        })
}

/// The deployment at `path` as a [`Service`]: its own `deploymentConfiguration`, its target
/// revision's requested task count, and what carries the traffic from the service it belongs to
/// (a deployment does not record its load balancers or Service Connect).
pub fn deployment_service(record: &Record, path: &str, deployment: &Node) -> Service {
    let name = text(deployment, "serviceDeploymentArn")
        .and_then(|arn| arn.rsplit('/').next())
        .and_then(crate::service::plain_name)
        .map_or_else(|| path.to_owned(), str::to_owned);
    let mut service = fields::service(
        name,
        deployment.span.clone(),
        deployment,
        Case::Camel,
        path,
        &[],
    );
    service
        .settings
        .retain(|(field, _)| *field != Field::DesiredCount);
    if let Some(entry) = member(deployment, "targetServiceRevision")
        .and_then(|revision| member(&revision.value, "requestedTaskCount"))
    {
        let setting = Setting {
            path: format!("{path}.targetServiceRevision.requestedTaskCount"),
            entry: crate::service::coerce(Field::DesiredCount, entry.clone()),
        };
        service.settings.push((Field::DesiredCount, setting));
    }
    if let Some((service_path, node)) = service_of(record, deployment) {
        let around = fields::service(
            String::new(),
            node.span.clone(),
            node,
            Case::Camel,
            service_path,
            &[],
        );
        if service.setting(Field::DesiredCount).is_none() {
            service.settings.extend(
                around
                    .settings
                    .iter()
                    .filter(|(field, _)| *field == Field::DesiredCount)
                    .cloned(),
            );
        }
        service.load_balancer = around.load_balancer;
        service.test_listener = around.test_listener;
        service.service_connect = around.service_connect;
        service.test_header = around.test_header;
        service.vpc_lattice = around.vpc_lattice;
        service.carrier_unresolved = around.carrier_unresolved;
    }
    service
}

/// Every deployment of `source` as a service, for `analyze` (contract section 7's path): each is
/// checked by ECS's rules and drawn as its own plan.
pub fn services(source: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Vec<Service>> {
    let record = read(source, diagnostics)?;
    Some(
        record
            .deployments
            .iter()
            .map(|(path, node)| deployment_service(&record, path, node))
            .collect(),
    )
}
