//! Every source checked against its own schema (`schema.rs`), in its own names and syntax:
//! `type-mismatch` for a value of the wrong type or outside a property's values (with the value
//! meant as a fix: `ecs` → `ECS`, `CODEDEPLOY` → `CODE_DEPLOY`), `unknown-attribute` for a name
//! the object does not have (with the closest name as a fix) and `missing-attribute` for a
//! required one that is absent. CloudFormation's and the API's value trees are walked as read;
//! Terraform's resource is first turned into the same tree (`terraform.rs`).
//!
//! Intrinsic functions (`Ref`, `Fn::*`) and values only known at deploy time (`null` in
//! Terraform's tree) are never a mismatch: they are unresolved values, which `rules.rs` reports.

use super::fields;
use super::schema::{self, Prop, Syntax, Ty};
use crate::diagnostic::{Code, Diagnostic, Fix, Span};
use crate::read::{Entry, Node, Value};
use crate::scalar::parse_number;

/// Checks the service's properties `node` (CloudFormation's `Properties`, the API's request or
/// service object, Terraform's resource body), at `prefix` in the source; a missing property of
/// the service itself is reported at `at`. `unknown_names` is false for `describe-services`
/// output, whose top level gains read-only fields over time.
pub fn check_service(
    source: &str,
    node: &Node,
    syntax: Syntax,
    prefix: &str,
    at: Span,
    unknown_names: bool,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if let (None, Value::Object(entries)) = (fields::function(node), &node.value) {
        let mut walker = Walker {
            source,
            syntax,
            unknown_names,
            diagnostics,
            path: prefix.to_owned(),
        };
        walker.object(entries, schema::SERVICE, None, at, true);
    }
}

struct Walker<'a> {
    source: &'a str,
    syntax: Syntax,
    unknown_names: bool,
    diagnostics: &'a mut Vec<Diagnostic>,
    /// The path of the value being checked (`a.b[2].c`), grown and cut back on the way: one
    /// buffer, copied only into a diagnostic.
    path: String,
}

impl Walker<'_> {
    /// Appends `.key` (or `key` at the start) to the path; returns its length before.
    fn enter(&mut self, key: &str) -> usize {
        let before = self.path.len();
        if before > 0 {
            self.path.push('.');
        }
        self.path.push_str(key);
        before
    }

    /// The members `entries` of the object at the path, of `parent` (`None` for the service),
    /// whose key is at `at`, against `props`.
    fn object(
        &mut self,
        entries: &[Entry],
        props: &'static [Prop],
        parent: Option<&Prop>,
        at: Span,
        top: bool,
    ) {
        if props.is_empty() {
            return;
        }
        let syntax = self.syntax;
        let members = schema::members(props, syntax, top);
        for entry in entries {
            let before = self.enter(&entry.key);
            match members.iter().find(|prop| prop.is(syntax, &entry.key)) {
                Some(prop) => self.value(entry, prop),
                None if self.unknown_names || !top => {
                    let free = members
                        .iter()
                        .filter_map(|prop| prop.name_in(syntax))
                        .filter(|name| !entries.iter().any(|entry| entry.key == *name))
                        .collect::<Vec<_>>();
                    let closest =
                        crate::suggest::closest(&entry.key, free.iter().map(String::as_str));
                    let message = format!(
                        "{} has no {} {}",
                        owner(syntax, parent),
                        if syntax == Syntax::Terraform {
                            "argument or block"
                        } else {
                            "property"
                        },
                        shown(&entry.key)
                    );
                    let mut diagnostic = report(
                        Code::UnknownAttribute,
                        message,
                        &entry.key_span,
                        self.path.clone(),
                        syntax,
                    );
                    if let Some(name) = closest {
                        diagnostic.help =
                            Some(format!("Did you mean `{name}`? {}", refusal(syntax)));
                        diagnostic
                            .fixes
                            .push(rename(self.source, &entry.key_span, name));
                    }
                    self.diagnostics.push(diagnostic);
                }
                None => {}
            }
            self.path.truncate(before);
        }
        for prop in members {
            if !prop.required(syntax)
                || prop.flags & schema::OWN != 0
                || entries.iter().any(|entry| prop.is(syntax, &entry.key))
            {
                continue;
            }
            let Some(name) = prop.name_in(syntax) else {
                continue;
            };
            let message = format!(
                "{} lacks `{name}`, which {} requires",
                owner(syntax, parent),
                who(syntax)
            );
            let before = self.enter(&name);
            let path = self.path.clone();
            self.path.truncate(before);
            self.diagnostics
                .push(report(Code::MissingAttribute, message, &at, path, syntax));
        }
    }

    /// Whether `node`, a value of `prop` at the walker's path, is a CloudFormation intrinsic
    /// function, which the walk does not look into: one that gives a value is known only at
    /// deploy time, and a condition function is reported here ([`condition_as_value`]).
    fn is_function(&mut self, prop: &Prop, node: &Node) -> bool {
        if fields::function(node).is_none() {
            return false;
        }
        let condition = condition_as_value(self.syntax, prop, node, &self.path);
        self.diagnostics.extend(condition);
        true
    }

    /// The value of `entry`, whose path is the walker's.
    fn value(&mut self, entry: &Entry, prop: &Prop) {
        let node = &entry.value;
        let syntax = self.syntax;
        if self.is_function(prop, node) || node.value == Value::Null {
            return;
        }
        // The property's name, for the few values that have a problem.
        let name = || prop.name_in(syntax).unwrap_or_default();
        let terraform = syntax == Syntax::Terraform;
        match (prop.ty, &node.value) {
            // A Terraform block is one object, whether it may be repeated or not.
            (Ty::Obj(props), Value::Object(entries))
            | (Ty::Objs(props), Value::Object(entries))
                if terraform || matches!(prop.ty, Ty::Obj(_)) =>
            {
                self.object(entries, props, Some(prop), entry.key_span.clone(), false);
            }
            (Ty::Objs(_) | Ty::Strings, Value::List(items)) => {
                for (index, item) in items.iter().enumerate() {
                    let before = self.path.len();
                    self.path.push('[');
                    self.path.push_str(&index.to_string());
                    self.path.push(']');
                    match (prop.ty, &item.value) {
                        _ if self.is_function(prop, item) => {}
                        (Ty::Objs(props), Value::Object(entries)) => {
                            let at = first_line(self.source, &item.span);
                            self.object(entries, props, Some(prop), at, false);
                        }
                        (Ty::Objs(_), _) => self.diagnostics.push(mismatch(
                            syntax,
                            &name(),
                            "an object",
                            item,
                            self.path.clone(),
                        )),
                        _ => {
                            if !fits(Ty::Str, &item.value) {
                                self.diagnostics.push(mismatch(
                                    syntax,
                                    &name(),
                                    "a string",
                                    item,
                                    self.path.clone(),
                                ));
                            }
                        }
                    }
                    self.path.truncate(before);
                }
            }
            _ => {
                if let Some(diagnostic) = check_value(self.source, syntax, prop, node, &self.path) {
                    self.diagnostics.push(diagnostic);
                }
            }
        }
    }
}

/// The type or value problem of a plain value `node` of `prop`, if any.
fn check_value(
    source: &str,
    syntax: Syntax,
    prop: &Prop,
    node: &Node,
    path: &str,
) -> Option<Diagnostic> {
    let name = || prop.name_in(syntax).unwrap_or_default();
    if !fits(prop.ty, &node.value) {
        let expected = match prop.ty {
            Ty::Str => "a string",
            Ty::Int => "a whole number",
            Ty::Num => "a number",
            Ty::Bool => "true or false",
            Ty::Strings => "a list of strings",
            Ty::Objs(_) => "a list of objects",
            _ => "an object",
        };
        return Some(mismatch(syntax, &name(), expected, node, path.to_owned()));
    }
    if prop.values.is_empty() || prop.flags & schema::OWN != 0 {
        return None;
    }
    let written: std::borrow::Cow<'_, str> = match &node.value {
        Value::String(text) => text.into(),
        Value::Number(number) => crate::scalar::format_number(*number).into(),
        Value::Bool(flag) => flag.to_string().into(),
        _ => return None,
    };
    let values = prop.values_in(syntax);
    if values.contains(&&*written) {
        return None;
    }
    let message = format!(
        "`{}` is {}, which {} does not take: it takes `{}`",
        name(),
        shown(&written),
        who(syntax),
        values.join("`, `")
    );
    let mut diagnostic = report(
        Code::TypeMismatch,
        message,
        &node.span,
        path.to_owned(),
        syntax,
    );
    let normal = written.trim().to_ascii_uppercase().replace(['-', ' '], "_");
    let meant = crate::suggest::closest(&normal, values.iter().copied());
    // Only a literal written as this value alone is replaced (not a value a variable's default
    // in another file gives).
    let text = source.get(node.span.clone()).unwrap_or("").trim();
    let quote = text.chars().next().filter(|c| matches!(c, '"' | '\''));
    let own = match quote {
        Some(quote) => {
            text.strip_prefix(quote).and_then(|t| t.strip_suffix(quote)) == Some(&written)
        }
        None => text == written,
    };
    if let (Some(meant), true, false) = (meant, own, node.computed) {
        let quote = quote.map(String::from).unwrap_or_default();
        diagnostic.fixes.push(Fix::replace(
            format!("Use `{meant}`"),
            node.span.clone(),
            format!("{quote}{meant}{quote}"),
        ));
    }
    Some(diagnostic)
}

/// Whether a value of this shape is one `ty` takes, with the conversions every syntax makes:
/// numbers and booleans written as strings, and any scalar as a string.
fn fits(ty: Ty, value: &Value) -> bool {
    match (ty, value) {
        (_, Value::Null) | (Ty::Any, _) => true,
        (Ty::Str, Value::String(_) | Value::Number(_) | Value::Bool(_)) => true,
        (Ty::Int | Ty::Num, Value::Number(_)) | (Ty::Bool, Value::Bool(_)) => true,
        (Ty::Int | Ty::Num, Value::String(text)) => parse_number(text).is_some(),
        (Ty::Bool, Value::String(text)) => super::parse_flag(text).is_some(),
        (Ty::Strings | Ty::Objs(_), Value::List(_)) | (Ty::Map | Ty::Obj(_), Value::Object(_)) => {
            true
        }
        _ => false,
    }
}

/// `type-mismatch`: `node` is not `expected`.
fn mismatch(syntax: Syntax, name: &str, expected: &str, node: &Node, path: String) -> Diagnostic {
    let found = match &node.value {
        Value::String(text) => format!("the string {}", shown(text)),
        Value::Number(number) => format!("the number {}", crate::scalar::format_number(*number)),
        Value::Bool(flag) => format!("`{flag}`"),
        other => other.kind().to_owned(),
    };
    report(
        Code::TypeMismatch,
        format!("`{name}` must be {expected}, but {found} is not"),
        &node.span,
        path,
        syntax,
    )
}

/// A diagnostic of this module, at `span`, with the refusal of `syntax` as its help.
/// The schema codes are built where the module's schema builds them (`typecheck`), so each code
/// keeps one emitter.
fn report(code: Code, message: String, span: &Span, path: String, syntax: Syntax) -> Diagnostic {
    let span = span.clone();
    let help = refusal(syntax);
    match code {
        Code::UnknownAttribute => {
            crate::typecheck::unknown_attribute(message, span, path).with_help(help)
        }
        Code::MissingAttribute => {
            crate::typecheck::missing_attribute(message, span, path).with_help(help)
        }
        _ => crate::typecheck::type_mismatch(message, span, path, help),
    }
}

/// A name or value from the file, quoted when it is plain (letters, digits, `_`, `-`, `.`).
fn shown(text: &str) -> String {
    match super::plain_name(text) {
        Some(plain) if plain.len() <= 40 => format!("`{plain}`"),
        _ => "this one".to_owned(),
    }
}

/// The object `parent` as messages name it.
fn owner(syntax: Syntax, parent: Option<&Prop>) -> String {
    let parent = parent
        .and_then(|prop| prop.name_in(syntax))
        .unwrap_or_default();
    match (syntax, parent.as_str()) {
        (Syntax::Terraform, "") => "`aws_ecs_service`".to_owned(),
        (Syntax::CloudFormation, "") => "`AWS::ECS::Service`".to_owned(),
        (_, "") => "the service".to_owned(),
        (_, parent) => format!("`{parent}`"),
    }
}

/// Who refuses a value the schema does not take.
fn who(syntax: Syntax) -> &'static str {
    match syntax {
        Syntax::CloudFormation => "CloudFormation",
        Syntax::Api => "the ECS API",
        Syntax::Terraform => "the AWS provider",
    }
}

fn refusal(syntax: Syntax) -> &'static str {
    match syntax {
        Syntax::CloudFormation => "CloudFormation's resource schema for AWS::ECS::Service refuses it, so the stack operation fails",
        Syntax::Api => "The ECS API refuses the request with a validation error",
        Syntax::Terraform => "The AWS provider refuses it, so `terraform plan` fails",
    }
}

/// A fix that renames the key at `span` to `name`, keeping its quotes.
fn rename(source: &str, span: &Span, name: &str) -> Fix {
    let quote = match source.get(span.clone()).unwrap_or("").chars().next() {
        Some(quote @ ('"' | '\'')) => String::from(quote),
        _ => String::new(),
    };
    Fix::replace(
        format!("Rename to `{name}`"),
        span.clone(),
        format!("{quote}{name}{quote}"),
    )
}

/// The first line of `span`.
fn first_line(source: &str, span: &Span) -> Span {
    let text = source.get(span.clone()).unwrap_or("");
    span.start..span.start + text.find(['\n', '\r']).unwrap_or(text.len())
}

/// `type-mismatch` for a condition function written as a value of `prop` in a CloudFormation
/// template, which CloudFormation refuses: it takes one only in `Conditions` and as the condition
/// of `Fn::If`.
fn condition_as_value(syntax: Syntax, prop: &Prop, node: &Node, path: &str) -> Option<Diagnostic> {
    if syntax != Syntax::CloudFormation {
        return None;
    }
    let function = fields::condition_function(node)?;
    let name = prop.name_in(syntax).unwrap_or_default();
    let message = format!(
        "`{name}` is `{function}`, a condition function, which CloudFormation takes only in `Conditions` and in `Fn::If`"
    );
    Some(
        report(Code::TypeMismatch, message, &node.span, path.to_owned(), syntax)
            .with_help("Name the condition under `Conditions` and write here `Fn::If` with its name, the value if true and the value if false"),
    )
}
