//! Every source checked against its own schema (`schema.rs`), in its own names and syntax:
//! `type-mismatch` for a value of the wrong type or outside a property's values (with the value
//! meant as a fix: `ecs` → `ECS`, `CODEDEPLOY` → `CODE_DEPLOY`), `unknown-attribute` for a name
//! the object does not have (with the closest name as a fix) and `missing-attribute` for a
//! required one that is absent. This module walks CloudFormation's and the API's value trees and
//! builds the diagnostics; `terraform.rs` walks its blocks with the same builders.
//!
//! Intrinsic functions (`Ref`, `Fn::*`) and values only known at deploy time are never a
//! mismatch: they are unresolved values, reported as such by `rules.rs`.

use super::schema::{self, Prop, Syntax, Ty};
use crate::diagnostic::{Code, Diagnostic, Fix, Span};
use crate::read::{Entry, Node, Value};
use crate::scalar::{parse_bool, parse_number};

/// Checks the service's properties `node` (CloudFormation's `Properties`, the API's request or
/// service object), at `prefix` in the source. `unknown_names` is false for `describe-services`
/// output, whose top level gains read-only fields over time.
pub fn check_service(
    source: &str,
    node: &Node,
    syntax: Syntax,
    prefix: &str,
    unknown_names: bool,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if intrinsic(node) {
        return;
    }
    let mut walker = Walker {
        source,
        syntax,
        diagnostics,
    };
    if let Value::Object(entries) = &node.value {
        walker.object(
            entries,
            schema::SERVICE,
            prefix,
            &Place {
                span: node.span.start..node.span.start,
                name: String::new(),
            },
            unknown_names,
        );
    }
}

/// Where a missing property is reported: the key of the object that lacks it, and its name.
pub struct Place {
    pub span: Span,
    pub name: String,
}

struct Walker<'a> {
    source: &'a str,
    syntax: Syntax,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl Walker<'_> {
    fn object(
        &mut self,
        entries: &[Entry],
        props: &'static [Prop],
        path: &str,
        place: &Place,
        unknown_names: bool,
    ) {
        if props.is_empty() {
            return;
        }
        let members = schema::members(props, self.syntax, false);
        for entry in entries {
            let entry_path = join(path, &entry.key);
            match members
                .iter()
                .find(|prop| prop.name_in(self.syntax).as_deref() == Some(entry.key.as_str()))
            {
                Some(prop) => self.value(entry, prop, &entry_path),
                None if unknown_names => {
                    let present: Vec<&str> = entries.iter().map(|e| e.key.as_str()).collect();
                    self.diagnostics.push(unknown(
                        self.source,
                        self.syntax,
                        &entry.key,
                        &entry.key_span,
                        &place.name,
                        &members,
                        &present,
                        &entry_path,
                    ));
                }
                None => {}
            }
        }
        for prop in &members {
            let Some(name) = prop.name_in(self.syntax) else {
                continue;
            };
            if prop.required_in(self.syntax) && !entries.iter().any(|entry| entry.key == name) {
                let present: Vec<(&str, &Span)> = entries
                    .iter()
                    .map(|entry| (entry.key.as_str(), &entry.key_span))
                    .collect();
                self.diagnostics.push(missing(
                    self.source,
                    self.syntax,
                    &name,
                    place,
                    &members,
                    &present,
                    &join(path, &name),
                ));
            }
        }
    }

    fn value(&mut self, entry: &Entry, prop: &Prop, path: &str) {
        let node = &entry.value;
        if intrinsic(node) || node.value == Value::Null {
            return;
        }
        match (prop.ty, &node.value) {
            (Ty::Obj(props), Value::Object(entries)) => {
                let place = Place {
                    span: entry.key_span.clone(),
                    name: prop_name(prop, self.syntax),
                };
                self.object(entries, props, path, &place, true);
            }
            (Ty::Objs(props), Value::List(items)) => {
                for (index, item) in items.iter().enumerate() {
                    let item_path = format!("{path}[{index}]");
                    if intrinsic(item) || item.value == Value::Null {
                        continue;
                    }
                    match &item.value {
                        Value::Object(entries) => {
                            let place = Place {
                                span: first_line(self.source, &item.span),
                                name: prop_name(prop, self.syntax),
                            };
                            self.object(entries, props, &item_path, &place, true);
                        }
                        _ => self.diagnostics.push(mismatch(
                            self.source,
                            self.syntax,
                            &prop_name(prop, self.syntax),
                            "an object",
                            item,
                            &item_path,
                        )),
                    }
                }
            }
            (Ty::Strings, Value::List(items)) => {
                for (index, item) in items.iter().enumerate() {
                    if !intrinsic(item) && !fits(Ty::Str, &item.value) {
                        self.diagnostics.push(mismatch(
                            self.source,
                            self.syntax,
                            &prop_name(prop, self.syntax),
                            "a string",
                            item,
                            &format!("{path}[{index}]"),
                        ));
                    }
                }
            }
            _ => {
                if let Some(diagnostic) = check_value(self.source, self.syntax, prop, node, path) {
                    self.diagnostics.push(diagnostic);
                }
            }
        }
    }
}

/// The type or value problem of a plain value `node` of `prop` (a Terraform attribute's value
/// too), if any.
pub fn check_value(
    source: &str,
    syntax: Syntax,
    prop: &Prop,
    node: &Node,
    path: &str,
) -> Option<Diagnostic> {
    if node.value == Value::Null {
        return None;
    }
    let name = prop_name(prop, syntax);
    if !fits(prop.ty, &node.value) {
        return Some(mismatch(
            source,
            syntax,
            &name,
            expected(prop.ty),
            node,
            path,
        ));
    }
    if prop.values.is_empty() || prop.flags & schema::OWN != 0 {
        return None;
    }
    let written = match &node.value {
        Value::String(text) => text.clone(),
        Value::Number(number) => crate::scalar::format_number(*number),
        Value::Bool(flag) => flag.to_string(),
        _ => return None,
    };
    if prop.values.contains(&written.as_str()) {
        return None;
    }
    let choices = list(prop.values, "or");
    let shown = match super::plain_name(&written) {
        Some(plain) => format!("`{plain}`"),
        None => "this value".to_owned(),
    };
    let mut diagnostic = Diagnostic::new(
        Code::TypeMismatch,
        format!(
            "`{name}` is {shown}, which is not one of the values {} takes: {choices}",
            owner(syntax)
        ),
    )
    .at(node.span.clone())
    .at_path(path.to_owned())
    .with_help(format!(
        "{}; the values are case-sensitive",
        refusal(syntax)
    ));
    let normal = written.trim().to_ascii_uppercase().replace(['-', ' '], "_");
    let meant = prop
        .values
        .iter()
        .copied()
        .find(|value| *value == normal)
        .or_else(|| crate::suggest::closest(&normal, prop.values.iter().copied()));
    if let (Some(meant), false) = (meant, node.computed) {
        if let Some(text) = literal_replacement(source, &node.span, &written, meant) {
            diagnostic = diagnostic.with_fix(Fix::replace(
                format!("Use `{meant}`"),
                node.span.clone(),
                text,
            ));
        }
    }
    Some(diagnostic)
}

/// `meant` written as the literal at `span` is (quoted the same way), when that literal is
/// `written` itself, so that replacing it changes this value alone.
fn literal_replacement(source: &str, span: &Span, written: &str, meant: &str) -> Option<String> {
    let text = source.get(span.clone())?.trim();
    if text == written {
        return Some(meant.to_owned());
    }
    for quote in ['"', '\''] {
        if text.strip_prefix(quote).and_then(|t| t.strip_suffix(quote)) == Some(written) {
            return Some(format!("{quote}{meant}{quote}"));
        }
    }
    None
}

/// Whether a value of this shape is one `ty` takes, with the conversions every syntax makes:
/// numbers and booleans written as strings, and any scalar as a string.
pub fn fits(ty: Ty, value: &Value) -> bool {
    match (ty, value) {
        (_, Value::Null) | (Ty::Any, _) => true,
        (Ty::Str, value) => matches!(value, Value::String(_) | Value::Number(_) | Value::Bool(_)),
        (Ty::Int | Ty::Num, Value::Number(_)) => true,
        (Ty::Int | Ty::Num, Value::String(text)) => parse_number(text).is_some(),
        (Ty::Bool, Value::Bool(_)) => true,
        (Ty::Bool, Value::String(text)) => parse_bool(text).is_some(),
        (Ty::Strings | Ty::Objs(_), Value::List(_)) => true,
        (Ty::Map | Ty::Obj(_), Value::Object(_)) => true,
        _ => false,
    }
}

fn expected(ty: Ty) -> &'static str {
    match ty {
        Ty::Str => "a string",
        Ty::Int => "a whole number",
        Ty::Num => "a number",
        Ty::Bool => "true or false",
        Ty::Any => "a value",
        Ty::Strings => "a list of strings",
        Ty::Map => "a map of strings",
        Ty::Obj(_) => "an object",
        Ty::Objs(_) => "a list of objects",
    }
}

/// The property's name in `syntax` (CloudFormation's when it has none there).
pub fn prop_name(prop: &Prop, syntax: Syntax) -> String {
    prop.name_in(syntax)
        .map_or_else(|| prop.name.to_owned(), |name| name.into_owned())
}

/// `type-mismatch`: `node` is not `expected`.
pub fn mismatch(
    source: &str,
    syntax: Syntax,
    name: &str,
    expected: &str,
    node: &Node,
    path: &str,
) -> Diagnostic {
    let found = match &node.value {
        Value::String(text) => match crate::scalar::parse_number(text) {
            Some(_) => format!("the string {}", shown_string(text)),
            None => match super::plain_name(text) {
                Some(plain) if plain.len() <= 40 => format!("the string \"{plain}\""),
                _ => "this string".to_owned(),
            },
        },
        Value::Number(number) => format!("the number {}", crate::scalar::format_number(*number)),
        Value::Bool(flag) => format!("`{flag}`"),
        other => other.kind().to_owned(),
    };
    let _ = source;
    Diagnostic::new(
        Code::TypeMismatch,
        format!("`{name}` must be {expected}, but {found} is not"),
    )
    .at(node.span.clone())
    .at_path(path.to_owned())
    .with_help(format!("{}; write {expected}", refusal(syntax)))
}

fn shown_string(text: &str) -> String {
    if text.len() <= 40 && text.bytes().all(|b| b.is_ascii_graphic() && b != b'`') {
        format!("\"{text}\"")
    } else {
        String::new()
    }
}

/// `unknown-attribute`: `key` (at `key_span`) is not a member of the object `parent`, whose
/// members are `members`; the object already has the keys `present`.
#[allow(clippy::too_many_arguments)]
pub fn unknown(
    source: &str,
    syntax: Syntax,
    key: &str,
    key_span: &Span,
    parent: &str,
    members: &[&'static Prop],
    present: &[&str],
    path: &str,
) -> Diagnostic {
    let names: Vec<std::borrow::Cow<'static, str>> = members
        .iter()
        .filter_map(|prop| prop.name_in(syntax))
        .collect();
    let free = names
        .iter()
        .map(|name| name.as_ref())
        .filter(|name| !present.contains(name));
    let closest = crate::suggest::closest(key, free);
    let shown = match super::plain_name(key) {
        Some(plain) => format!("`{plain}`"),
        None => "this name".to_owned(),
    };
    let (thing, parent) = match (syntax, parent) {
        (Syntax::Terraform, "") => ("argument or block", "`aws_ecs_service`".to_owned()),
        (Syntax::Terraform, parent) => ("argument or block", format!("`{parent}`")),
        (Syntax::CloudFormation, "") => ("property", "`AWS::ECS::Service`".to_owned()),
        (Syntax::Api, "") => ("property", "the service".to_owned()),
        (_, parent) => ("property", format!("`{parent}`")),
    };
    let mut diagnostic = Diagnostic::new(
        Code::UnknownAttribute,
        format!("{parent} has no {thing} {shown}"),
    )
    .at(key_span.clone())
    .at_path(path.to_owned());
    let known = if names.len() <= 12 {
        format!(
            " ({} has {})",
            parent,
            list(
                &names.iter().map(|name| name.as_ref()).collect::<Vec<_>>(),
                "and"
            )
        )
    } else {
        String::new()
    };
    diagnostic = match closest {
        Some(name) => diagnostic
            .with_help(format!("Did you mean `{name}`? {}{known}", refusal(syntax)))
            .with_fix(rename(source, key_span, name)),
        None => diagnostic.with_help(format!("{}{known}", refusal(syntax))),
    };
    diagnostic
}

/// `missing-attribute`: the object at `place` lacks `name`; an unknown key of it that reads as
/// a typo of `name` is renamed by the fix (the same edit `unknown-attribute` offers).
pub fn missing(
    source: &str,
    syntax: Syntax,
    name: &str,
    place: &Place,
    members: &[&'static Prop],
    present: &[(&str, &Span)],
    path: &str,
) -> Diagnostic {
    let names: Vec<std::borrow::Cow<'static, str>> = members
        .iter()
        .filter_map(|prop| prop.name_in(syntax))
        .collect();
    let typo = present.iter().find(|(key, _)| {
        !names.iter().any(|known| known == key)
            && crate::suggest::closest(key, names.iter().map(|known| known.as_ref())) == Some(name)
    });
    let parent = match (syntax, place.name.as_str()) {
        (Syntax::Terraform, "") => "`aws_ecs_service`".to_owned(),
        (_, "") => "the service".to_owned(),
        (_, parent) => format!("`{parent}`"),
    };
    let written = match syntax {
        Syntax::CloudFormation => format!("`{name}: ...`"),
        Syntax::Api => format!("`\"{name}\": ...`"),
        Syntax::Terraform => format!("`{name} = ...`"),
    };
    let mut diagnostic = Diagnostic::new(
        Code::MissingAttribute,
        format!("{parent} lacks `{name}`, which {} requires", owner(syntax)),
    )
    .at(place.span.clone())
    .at_path(path.to_owned())
    .with_help(format!("Add {written}. {}", refusal(syntax)));
    if let Some((_, span)) = typo {
        diagnostic = diagnostic.with_fix(rename(source, span, name));
    }
    diagnostic
}

/// Who refuses a value the schema does not take.
fn refusal(syntax: Syntax) -> &'static str {
    match syntax {
        Syntax::CloudFormation => "CloudFormation's resource schema for AWS::ECS::Service refuses it, so the stack operation fails",
        Syntax::Api => "The ECS API refuses the request with a validation error",
        Syntax::Terraform => "The AWS provider refuses it, so `terraform plan` fails",
    }
}

fn owner(syntax: Syntax) -> &'static str {
    match syntax {
        Syntax::CloudFormation => "CloudFormation",
        Syntax::Api => "the ECS API",
        Syntax::Terraform => "the AWS provider",
    }
}

/// A fix that renames the key at `span` to `name`, keeping its quotes.
fn rename(source: &str, span: &Span, name: &str) -> Fix {
    let text = source.get(span.clone()).unwrap_or("");
    let new_text = match text.chars().next() {
        Some(quote @ ('"' | '\'')) => format!("{quote}{name}{quote}"),
        _ => name.to_owned(),
    };
    Fix::replace(format!("Rename to `{name}`"), span.clone(), new_text)
}

/// `a, b or c`.
fn list(items: &[&str], last: &str) -> String {
    let quoted: Vec<String> = items.iter().map(|item| format!("`{item}`")).collect();
    match quoted.split_last() {
        Some((tail, rest)) if !rest.is_empty() => format!("{} {last} {tail}", rest.join(", ")),
        Some((tail, _)) => tail.clone(),
        None => String::new(),
    }
}

/// The first line of `span`.
fn first_line(source: &str, span: &Span) -> Span {
    let text = source.get(span.clone()).unwrap_or("");
    let end = text.find(['\n', '\r']).unwrap_or(text.len());
    span.start..span.start + end
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// Whether `node` is a CloudFormation intrinsic function (`{"Ref": ...}`, `{"Fn::If": ...}`,
/// `{"Condition": ...}`, or their short YAML tags): a value known only at deploy time.
fn intrinsic(node: &Node) -> bool {
    match &node.value {
        Value::Object(entries) => match entries.as_slice() {
            [entry] => {
                entry.key == "Ref" || entry.key == "Condition" || entry.key.starts_with("Fn::")
            }
            _ => false,
        },
        _ => false,
    }
}
