//! Terraform: every `resource "aws_ecs_service"` block, read through hcl-rs with the AWS
//! provider's argument names (registry.terraform.io/providers/hashicorp/aws/latest/docs/
//! resources/ecs_service): `desired_count`, `deployment_minimum_healthy_percent`,
//! `deployment_maximum_percent` and the `deployment_circuit_breaker` block on the resource;
//! `strategy`, `bake_time_in_minutes`, `canary_configuration`, `linear_configuration` and
//! `lifecycle_hook` inside `deployment_configuration`; `load_balancer`, `deployment_controller`,
//! `service_connect_configuration`, `vpc_lattice_configurations` and `alarms`. The carriers of
//! the traffic may be `dynamic` blocks, and the load balancer's kind is read from the
//! `aws_lb_target_group` or `aws_lb` resources of the same module.
//!
//! `var.x` and `local.x` are resolved where the files hold a literal for them (a `variable`
//! block's `default`, a `locals` entry); a value from this file keeps its span there, so a fix
//! edits the default itself. Anything else that Terraform only knows when it runs is kept as
//! unresolved.

use hcl::edit::expr::Expression;
use hcl::edit::structure::{Block, Body, Structure};
use hcl::edit::Span as _;

use super::schema::{self, Syntax};
use super::validate;
use super::{Field, Hook, Service, ServiceLoadBalancer, Setting, Unresolved};
use crate::config::LoadBalancerType;
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::read::hcl::{parse_terraform, terraform_value, Written};
use crate::read::{Entry, Node, Value};

/// How many references a value may pass through (`local.a` = `var.b` = ...) before it is
/// called unresolved; also what stops a cycle.
const MAX_REFERENCE_DEPTH: usize = 8;

/// The files of one Terraform module, read once for all of them: the text each file's spans
/// refer to and every definition (`variable` defaults, `locals`, target groups and load
/// balancers) of every file. Reading each file of a module then costs that file alone, not the
/// whole module again, so a module of many files is read in time linear in its size.
#[derive(Default)]
pub struct Module {
    texts: Vec<String>,
    /// File `i` of the module is file `i + 1` here: 0 stands for the file being read.
    definitions: Definitions,
    /// Values the module directory's variable files assign: the variable's name, the value and
    /// the file's name. A later file in Terraform's order has already replaced an earlier one's.
    /// A list searched in order, not a map: a map of this type would cost the browser's `.wasm`
    /// more than the few variables a module sets are worth (issue 23).
    assigned: Vec<(String, Node, String)>,
}

impl Module {
    /// Parses every file of a module once.
    pub fn parse(sources: &[&str]) -> Module {
        let mut module = Module::default();
        for (index, source) in sources.iter().enumerate() {
            let (body, text, _) = parse_terraform(source);
            module.definitions.collect(&body, index + 1);
            module.texts.push(text);
        }
        module.definitions.finish();
        module
    }

    /// Reads the values that the variable file `name` (see [`is_variable_file`]) assigns, over
    /// those of the files read before it: give the files in [`variable_file_order`]. Its
    /// problems are not this module's diagnostics (the file is checked on its own when named),
    /// so only the values it holds are kept.
    pub fn assign(&mut self, name: &str, text: &str) {
        let (document, _) = crate::read::read(text, None);
        for entry in document.attributes {
            let file = file_name(name).to_owned();
            match self
                .assigned
                .iter_mut()
                .find(|(variable, _, _)| *variable == entry.key)
            {
                Some(assigned) => *assigned = (entry.key, entry.value, file),
                None => self.assigned.push((entry.key, entry.value, file)),
            }
        }
    }
}

/// Whether the file at `path` is one of the variable files Terraform reads on its own from a
/// module's directory: `terraform.tfvars`, `terraform.tfvars.json`, and every `*.auto.tfvars`
/// and `*.auto.tfvars.json` (Terraform, "Input Variables: Variable Definition Precedence").
pub fn is_variable_file(path: &str) -> bool {
    variable_file_rank(path).is_some()
}

/// Sorts variable files into the order Terraform reads them, each overriding the ones before:
/// `terraform.tfvars`, then `terraform.tfvars.json`, then the `*.auto.tfvars` and
/// `*.auto.tfvars.json` files in the lexical order of their names.
pub fn variable_file_order(paths: &mut [String]) {
    paths.sort_by(|a, b| {
        variable_file_rank(a)
            .cmp(&variable_file_rank(b))
            .then_with(|| file_name(a).cmp(file_name(b)))
    });
}

fn variable_file_rank(path: &str) -> Option<u8> {
    match file_name(path) {
        "terraform.tfvars" => Some(0),
        "terraform.tfvars.json" => Some(1),
        name if name.ends_with(".auto.tfvars") || name.ends_with(".auto.tfvars.json") => Some(2),
        _ => None,
    }
}

/// The last part of a path, after its last `/` (or `\\`).
fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// The module around the file being read: its files, and which of them (when it is one) the
/// file being read is, so that its own text stands in for that file.
#[derive(Clone, Copy, Default)]
pub struct Context<'a> {
    pub module: Option<&'a Module>,
    pub current: Option<usize>,
}

/// The services of `source`, whose references may be defined in the other files of `context`
/// too.
pub fn read(
    source: &str,
    context: Context<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Vec<Service>> {
    let (body, text, found) = parse_terraform(source);
    diagnostics.extend(found);
    let mut own = Definitions::default();
    own.collect(&body, 0);
    own.finish();
    let empty = Module::default();
    let module = context.module.unwrap_or(&empty);
    // The module's copy of the file being read is left out: `source` stands in for it.
    let skip = context.current.map_or(usize::MAX, |index| index + 1);
    let definitions = Scope {
        by_name: Layered {
            own: &own.by_name,
            module: &module.definitions.by_name,
            skip,
        },
        target_groups: Layered {
            own: &own.target_groups,
            module: &module.definitions.target_groups,
            skip,
        },
        balancers: Balancers {
            own: &own.balancers,
            module: &module.definitions.balancers,
            skip,
        },
    };
    let reader = Reader {
        assigned: &module.assigned,
        used_assignments: std::cell::RefCell::default(),
        texts: Texts {
            current: &text,
            module: &module.texts,
        },
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
        .map(|block| {
            reader.check_schema(block, diagnostics);
            reader.service(block, diagnostics)
        })
        .collect();
    if services.is_empty() && !diagnostics.iter().any(|d| d.code == Code::SyntaxError) {
        diagnostics.push(
            super::no_service("these Terraform files have no `resource \"aws_ecs_service\"` block")
                .with_help("ecs-rollout reads the deployment settings of `aws_ecs_service` resources; a module call's settings are read from its tfvars (the Portkey module's, for example)"),
        );
    }
    Some(services)
}

/// The instances of a nested block, static or `dynamic`, and the `for_each` (its span and text)
/// of a `dynamic` one whose collection the files do not give.
struct Nested<'b> {
    found: Vec<(Span, &'b Body)>,
    unresolved: Option<(Span, String)>,
}

/// The `index`th label of a block.
fn label(block: &Block, index: usize) -> Option<String> {
    block
        .labels
        .get(index)
        .map(|label| label.as_str().to_owned())
}

/// A file's definition of a name: the file's number and what it defines the name as.
type Definition<'a, V> = Option<&'a (usize, V)>;

/// Names and what each file defines them as, in the order found, looked up by a binary search
/// over their fingerprints: a hash map of these types would cost the browser's `.wasm` more
/// (issue 23), and sorting once keeps a large module's reading `O(n log n)`.
struct Names<V> {
    found: Vec<(String, (usize, V))>,
    /// `(fingerprint, place in found)`, sorted; complete once `finish` has run.
    index: Vec<(usize, usize)>,
}

impl<V> Default for Names<V> {
    fn default() -> Self {
        Names {
            found: Vec::new(),
            index: Vec::new(),
        }
    }
}

impl<V> Names<V> {
    /// Records that `file` defines `name` as `value`.
    fn add(&mut self, name: String, file: usize, value: V) {
        self.found.push((name, (file, value)));
    }

    /// Sorts the index, after the last `add`.
    fn finish(&mut self) {
        self.index = self
            .found
            .iter()
            .enumerate()
            .map(|(place, (name, _))| (crate::pairs::fingerprint(name), place))
            .collect();
        crate::pairs::sort_pairs(&mut self.index);
    }

    /// The definition of `name` in the first file that defines it, and in the next file that
    /// does (which answers when the first is the file being read, whose own text stands in for
    /// it).
    fn get(&self, name: &str) -> (Definition<'_, V>, Definition<'_, V>) {
        let key = crate::pairs::fingerprint(name);
        let start = self
            .index
            .partition_point(|&(fingerprint, _)| fingerprint < key);
        let mut equal = self.index[start..]
            .iter()
            .take_while(|&&(fingerprint, _)| fingerprint == key)
            .map(|&(_, place)| &self.found[place])
            .filter(|(found, _)| found == name)
            .map(|(_, defined)| defined);
        let first = equal.next();
        let next = first.and_then(|first| equal.find(|defined| defined.0 != first.0));
        (first, next)
    }
}

/// Where `var.x` and `local.x` are defined: the file (0 is the one being read) and expression.
#[derive(Default)]
struct Definitions {
    by_name: Names<Expression>,
    /// `aws_lb_target_group` (or `aws_alb_target_group`) resources by name, with the file and
    /// their `protocol`.
    target_groups: Names<Option<Expression>>,
    /// `aws_lb` (or `aws_alb`) resources: name, file and `load_balancer_type`.
    balancers: Vec<(String, usize, Option<Expression>)>,
}

impl Definitions {
    /// Makes the names found so far searchable; call once after the last `collect`.
    fn finish(&mut self) {
        self.by_name.finish();
        self.target_groups.finish();
    }

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
                            .add(format!("var.{name}"), file, default.value.clone());
                    }
                }
                "resource" => {
                    let (Some(kind), Some(name)) = (label(block, 0), label(block, 1)) else {
                        continue;
                    };
                    let attribute = |key: &str| {
                        block
                            .body
                            .get_attribute(key)
                            .map(|attribute| attribute.value.clone())
                    };
                    match kind.as_str() {
                        "aws_lb_target_group" | "aws_alb_target_group" => self.target_groups.add(
                            format!("{kind}.{name}"),
                            file,
                            attribute("protocol"),
                        ),
                        "aws_lb" | "aws_alb" => self.balancers.push((
                            format!("{kind}.{name}"),
                            file,
                            attribute("load_balancer_type"),
                        )),
                        _ => {}
                    }
                }
                "locals" => {
                    for attribute in block.body.attributes() {
                        self.by_name.add(
                            format!("local.{}", attribute.key.as_str()),
                            file,
                            attribute.value.clone(),
                        );
                    }
                }
                _ => {}
            }
        }
    }
}

/// The definitions a file sees: its own first, then the module's other files in order.
struct Scope<'a> {
    by_name: Layered<'a, Expression>,
    target_groups: Layered<'a, Option<Expression>>,
    balancers: Balancers<'a>,
}

/// Names defined in the file being read or, failing that, in another file of the module.
struct Layered<'a, V> {
    own: &'a Names<V>,
    module: &'a Names<V>,
    /// The module's number for the file being read, left out; `usize::MAX` for none.
    skip: usize,
}

impl<'a, V> Layered<'a, V> {
    /// The file defining `name` and its definition.
    fn get(&self, name: &str) -> Option<&'a (usize, V)> {
        if let (Some(first), _) = self.own.get(name) {
            return Some(first);
        }
        match self.module.get(name) {
            (Some(first), next) if first.0 == self.skip => next,
            (first, _) => first,
        }
    }
}

/// The load balancers of the file being read, then those of the module's other files.
struct Balancers<'a> {
    own: &'a [(String, usize, Option<Expression>)],
    module: &'a [(String, usize, Option<Expression>)],
    skip: usize,
}

impl<'a> Balancers<'a> {
    fn iter(&self) -> impl Iterator<Item = &'a (String, usize, Option<Expression>)> + 'a {
        let skip = self.skip;
        self.own
            .iter()
            .chain(self.module.iter().filter(move |(_, file, _)| *file != skip))
    }
}

/// The texts spans refer to: 0 is the file being read, `i + 1` the module's file `i`.
#[derive(Clone, Copy)]
struct Texts<'a> {
    current: &'a str,
    module: &'a [String],
}

impl<'a> Texts<'a> {
    fn get(&self, file: usize) -> Option<&'a str> {
        match file {
            0 => Some(self.current),
            _ => self.module.get(file - 1).map(String::as_str),
        }
    }
}

impl std::ops::Index<usize> for Texts<'_> {
    type Output = str;

    fn index(&self, file: usize) -> &str {
        self.get(file).unwrap_or("")
    }
}

struct Reader<'a> {
    /// The module's variable files' values, which override `variable` defaults.
    assigned: &'a [(String, Node, String)],
    /// The variables of those files that the service being read used, for its notes.
    used_assignments: std::cell::RefCell<Vec<(String, String)>>,
    texts: Texts<'a>,
    definitions: &'a Scope<'a>,
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
        self.used_assignments.borrow_mut().clear();
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
        let Nested {
            found: configurations,
            unresolved: unknown_configuration,
        } = self.blocks_or_dynamic(body, "deployment_configuration");
        if let (None, Some((span, written))) = (configurations.first(), unknown_configuration) {
            // `dynamic "deployment_configuration"` over a collection only deploy time gives (the
            // terraform-aws-modules shape): the strategy is unknown, never silently rolling.
            service.unresolved.push(Unresolved {
                field: Some(Field::Strategy),
                path: format!("{name}.dynamic.deployment_configuration.for_each"),
                written,
                span,
            });
        }
        if let Some((_, inner)) = configurations.first() {
            let path = format!("{name}.deployment_configuration");
            let inner: &Body = inner;
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
            if let Some((_, canary)) = self
                .blocks_or_dynamic(inner, "canary_configuration")
                .found
                .first()
            {
                let path = format!("{path}.canary_configuration");
                self.argument(
                    &mut service,
                    canary,
                    &path,
                    "canary_percent",
                    Field::CanaryPercent,
                    diagnostics,
                );
                self.argument(
                    &mut service,
                    canary,
                    &path,
                    "canary_bake_time_in_minutes",
                    Field::CanaryBake,
                    diagnostics,
                );
            }
            if let Some((_, linear)) = self
                .blocks_or_dynamic(inner, "linear_configuration")
                .found
                .first()
            {
                let path = format!("{path}.linear_configuration");
                self.argument(
                    &mut service,
                    linear,
                    &path,
                    "step_percent",
                    Field::StepPercent,
                    diagnostics,
                );
                self.argument(
                    &mut service,
                    linear,
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
                        ..Hook::default()
                    });
                }
            }
        }
        self.carriers(&mut service, body);
        // Alarms watch the deployment only when enabled and naming at least one alarm.
        service.alarms =
            blocks(body, "alarms").any(|block| {
                let enabled = block.body.get_attribute("enable").is_some_and(|attribute| {
                    matches!(
                        self.value(&attribute.value, 0, &mut Vec::new()),
                        Read::Value(Node {
                            value: Value::Bool(true),
                            ..
                        })
                    )
                });
                let named = block.body.get_attribute("alarm_names").is_none_or(|attribute| {
                !matches!(
                    self.value(&attribute.value, 0, &mut Vec::new()),
                    Read::Value(Node { value: Value::List(ref names), .. }) if names.is_empty()
                )
            });
                enabled && named
            });
        for (variable, file) in self.used_assignments.borrow().iter() {
            let from = match super::plain_name(file) {
                Some(file) => format!("`{file}`"),
                None => "a variable file of the module".to_owned(),
            };
            service.notes.push(format!(
                "`{variable}` is read from {from}, which Terraform applies over the variable's default"
            ));
        }
        service
    }

    /// The resource's arguments and blocks against the provider's schema (`validate.rs`).
    fn check_schema(&self, block: &Block, diagnostics: &mut Vec<Diagnostic>) {
        let at = block.ident.span().unwrap_or(0..0);
        let node = Node {
            value: Value::Object(self.tree(&block.body, true)),
            span: block.span().unwrap_or(0..0),
            computed: false,
        };
        let path = format!("aws_ecs_service.{}", label(block, 1).unwrap_or_default());
        validate::check_service(
            &self.texts[0],
            &node,
            Syntax::Terraform,
            &path,
            at,
            true,
            diagnostics,
        );
    }

    /// `body` as a value tree for the schema's check: each argument's value as read (`null`
    /// when only known at deploy time, which is never a mismatch), each block an object under
    /// its type (a `dynamic` block's `content` under its label), and, in the resource's own
    /// body (`top`), Terraform's meta-arguments left out.
    fn tree(&self, body: &Body, top: bool) -> Vec<Entry> {
        let mut entries = Vec::new();
        for structure in body.iter() {
            let (key, key_span, value) = match structure {
                Structure::Attribute(attribute) => {
                    let span = attribute.value.span().unwrap_or(0..0);
                    let value = match self.value(&attribute.value, 0, &mut Vec::new()) {
                        Read::Value(node) => node,
                        Read::Unresolved(_) => Node {
                            value: Value::Null,
                            span,
                            computed: true,
                        },
                    };
                    (attribute.key.as_str(), attribute.key.span(), value)
                }
                Structure::Block(inner) => {
                    let dynamic = inner.ident.as_str() == "dynamic";
                    let (key, key_span, body) = match inner.labels.first() {
                        Some(label) if dynamic => (
                            label.as_str(),
                            label.span(),
                            blocks(&inner.body, "content")
                                .next()
                                .map(|content| &content.body),
                        ),
                        _ => (inner.ident.as_str(), inner.ident.span(), Some(&inner.body)),
                    };
                    let Some(body) = body else {
                        continue;
                    };
                    let value = Node {
                        value: Value::Object(self.tree(body, false)),
                        span: inner.span().unwrap_or(0..0),
                        computed: false,
                    };
                    (key, key_span, value)
                }
            };
            if top && schema::TERRAFORM_META.contains(&key) {
                continue;
            }
            entries.push(Entry {
                key: key.to_owned(),
                key_span: key_span.unwrap_or(0..0),
                value,
            });
        }
        entries
    }

    /// What carries the service's traffic (facts section 10): `load_balancer`,
    /// `service_connect_configuration` and `vpc_lattice_configurations` blocks, static or
    /// `dynamic` over a collection the files give (one whose collection they do not give makes
    /// the carrier unresolved), and the load balancer's kind where the module says it.
    fn carriers(&self, service: &mut Service, body: &Body) {
        let balancers = self.nested(service, body, "load_balancer");
        if let Some((block_span, content)) = balancers.first() {
            let (kind, kind_from) = match self.load_balancer_kind(content) {
                Some((kind, from)) => (Some(kind), from),
                None => (
                    None,
                    "These files do not say which kind of load balancer `load_balancer` belongs to (no `aws_lb_target_group` it refers to with a protocol, and no single kind of `aws_lb`)".to_owned(),
                ),
            };
            service.load_balancer = Some(ServiceLoadBalancer {
                span: block_span.clone(),
                kind,
                kind_from,
            });
        }
        service.test_listener = balancers.iter().any(|(_, content)| {
            blocks(content, "advanced_configuration")
                .any(|advanced| advanced.body.get_attribute("test_listener_rule").is_some())
        });
        for (_, content) in self.nested(service, body, "service_connect_configuration") {
            match content.get_attribute("enabled") {
                None => {}
                Some(attribute) => match self.value(&attribute.value, 0, &mut Vec::new()) {
                    Read::Value(Node {
                        value: Value::Bool(enabled),
                        ..
                    }) => service.service_connect |= enabled,
                    Read::Value(_) => {}
                    Read::Unresolved(_) => service.carrier_unresolved = true,
                },
            }
        }
        service.vpc_lattice = !self
            .nested(service, body, "vpc_lattice_configurations")
            .is_empty();
    }

    /// The blocks `ident` of `body`, each as its span and body: a static block, or each of a
    /// `dynamic "ident"` block's instances (its `content`) when its `for_each` is a collection
    /// the files give. A `for_each` they do not give marks the service's carriers unresolved.
    fn nested<'b>(
        &self,
        service: &mut Service,
        body: &'b Body,
        ident: &'b str,
    ) -> Vec<(Span, &'b Body)> {
        let nested = self.blocks_or_dynamic(body, ident);
        service.carrier_unresolved |= nested.unresolved.is_some();
        nested.found
    }

    /// The blocks `ident` of `body` as [`Reader::nested`] finds them, and the `for_each` of a
    /// `dynamic "ident"` block whose collection the files do not give (its span and text).
    fn blocks_or_dynamic<'b>(&self, body: &'b Body, ident: &'b str) -> Nested<'b> {
        let mut unresolved = None;
        let mut found: Vec<(Span, &'b Body)> = blocks(body, ident)
            .map(|block| (block.span().unwrap_or(0..0), &block.body))
            .collect();
        for dynamic in blocks(body, "dynamic") {
            if label(dynamic, 0).as_deref() != Some(ident) {
                continue;
            }
            let Some(content) = blocks(&dynamic.body, "content").next() else {
                continue;
            };
            let instances = match dynamic.body.get_attribute("for_each") {
                Some(attribute) => match self.value(&attribute.value, 0, &mut Vec::new()) {
                    Read::Value(Node {
                        value: Value::List(items),
                        ..
                    }) => items.len(),
                    Read::Value(Node {
                        value: Value::Object(entries),
                        ..
                    }) => entries.len(),
                    Read::Value(_) => 0,
                    Read::Unresolved(written) => {
                        let span = attribute.value.span().unwrap_or(0..0);
                        unresolved.get_or_insert((span, written));
                        0
                    }
                },
                None => 0,
            };
            if instances > 0 {
                found.push((dynamic.span().unwrap_or(0..0), &content.body));
            }
        }
        Nested { found, unresolved }
    }

    /// The kind of the load balancer a `load_balancer` block's `target_group_arn` refers to:
    /// the protocol of that `aws_lb_target_group`, else the `load_balancer_type` of the module's
    /// `aws_lb` resources when they all have the same one (`application` when absent, the
    /// provider's default).
    fn load_balancer_kind(&self, content: &Body) -> Option<(LoadBalancerType, String)> {
        let target_group = content
            .get_attribute("target_group_arn")
            .and_then(|attribute| {
                let span = attribute.value.span()?;
                let written = self.texts[0].get(span)?.trim();
                let mut parts = written.split('.');
                let (kind, name) = (parts.next()?, parts.next()?);
                let name = name.split('[').next()?;
                Some(format!("{kind}.{name}"))
            });
        if let Some((name, (file, protocol))) = target_group.and_then(|name| {
            self.definitions
                .target_groups
                .get(&name)
                .map(|found| (name, found))
        }) {
            let protocol = protocol
                .as_ref()
                .and_then(|expr| self.literal_in(*file, expr));
            if let Some(kind) = protocol.as_deref().and_then(super::kind_of_protocol) {
                return Some((
                    kind,
                    format!(
                        "its target group `{name}` has `protocol = \"{}\"`",
                        protocol.unwrap_or_default()
                    ),
                ));
            }
        }
        let kinds: Vec<(&str, String)> = self
            .definitions
            .balancers
            .iter()
            .map(|(name, file, kind)| {
                let kind = match kind {
                    Some(expr) => self.literal_in(*file, expr).unwrap_or_default(),
                    None => "application".to_owned(),
                };
                (name.as_str(), kind)
            })
            .collect();
        let (first, kind_name) = kinds.first()?;
        if kinds.iter().any(|(_, other)| other != kind_name) {
            return None;
        }
        let kind = LoadBalancerType::from_name(kind_name)?;
        let how = if kinds.len() == 1 {
            format!("the module's load balancer `{first}`")
        } else {
            "every `aws_lb` of the module".to_owned()
        };
        Some((
            kind,
            format!("{how} has `load_balancer_type = \"{kind_name}\"`"),
        ))
    }

    /// The string `expr` of file `file` stands for, following `var.x` and `local.x`.
    fn literal_in(&self, file: usize, expr: &Expression) -> Option<String> {
        let text = self.texts.get(file)?;
        let node = match terraform_value(text, expr, &mut Vec::new()) {
            Written::Value(node) => node,
            Written::Reference(name) => self.resolve(&name, 0)?.0,
            Written::Unknown => return None,
        };
        match node.value {
            Value::String(text) => Some(text),
            _ => None,
        }
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
        let text = &self.texts[0];
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

    /// The literal value `name` stands for, and the file it is written in; `var.x.a.b` is the
    /// attribute `a.b` of `var.x`'s value (an object default, facts: terraform-aws-modules and
    /// trussworks write settings so).
    fn resolve(&self, name: &str, depth: usize) -> Option<(Node, usize)> {
        if depth >= MAX_REFERENCE_DEPTH {
            return None;
        }
        let mut parts = name.splitn(3, '.');
        let (root, variable, attributes) = (parts.next()?, parts.next()?, parts.next());
        if let Some(attributes) = attributes {
            let (node, file) = self.resolve(&format!("{root}.{variable}"), depth)?;
            let node = attributes
                .split('.')
                .try_fold(node, |node, key| match node.value {
                    Value::Object(entries) => entries
                        .into_iter()
                        .find(|entry| entry.key == key)
                        .map(|entry| entry.value),
                    _ => None,
                })?;
            return Some((node, file));
        }
        if let Some((_, node, file)) = name.strip_prefix("var.").and_then(|variable| {
            self.assigned
                .iter()
                .find(|(assigned, _, _)| assigned == variable)
        }) {
            let used = (name.to_owned(), file.clone());
            let mut uses = self.used_assignments.borrow_mut();
            if !uses.contains(&used) {
                uses.push(used);
            }
            // Written in another file: located at the reference, never edited.
            return Some((node.clone(), usize::MAX));
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
