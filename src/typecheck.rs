//! Terraform's conversion rules applied against the module's declared variable types.
//!
//! `"10"` converts to a number and `"true"` to a bool; numbers and bools convert to strings;
//! `null` converts to anything (facts section 6). A value that does not convert makes its
//! variable invalid, as it would stop `terraform plan`. Missing object attributes are reported
//! but do not invalidate the value, so the rest of the file can still be checked; unknown
//! attributes are reported and dropped, as Terraform drops them.

use crate::diagnostic::{Code, Diagnostic, Fix, Span};
use crate::read::Format;
use crate::read::{Document, Entry, Node, Value};
use crate::scalar::{parse_bool, parse_number};
use crate::schema::{self, Attribute, Type};
use crate::suggest;

/// The document after conversion to the declared types.
///
/// Values keep the raw [`Value`] shape with scalars converted (`"10"` becomes the number 10) and
/// unknown object attributes dropped; absent `optional` attributes stay absent.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Typed {
    /// The syntax the file was read as, so that fixes are written in it.
    pub format: Format,
    /// Declared variables whose value converted, in source order.
    pub variables: Vec<Entry>,
    /// Declared variables that are set but whose value does not convert.
    pub invalid: Vec<(String, Span)>,
}

impl Typed {
    pub fn get(&self, name: &str) -> Option<&Entry> {
        self.variables.iter().find(|entry| entry.key == name)
    }

    pub fn is_invalid(&self, name: &str) -> bool {
        self.invalid
            .iter()
            .any(|(invalid, _)| invalid == name || invalid == crate::read::REST_OF_FILE)
    }
}

/// Converts every declared variable in `document` and reports unknown and missing names.
pub fn check(source: &str, document: &Document, diagnostics: &mut Vec<Diagnostic>) -> Typed {
    let mut typed = Typed {
        format: document.format,
        variables: Vec::new(),
        invalid: document.unreadable.clone(),
    };
    let mut converter = Converter {
        source,
        format: document.format,
        diagnostics,
    };
    // Each unknown name's closest variable, found once; a name that two unknown names of the
    // file read as is no fix for either, since applying both would set it twice.
    let suggestions: Vec<Option<&'static str>> = document
        .attributes
        .iter()
        .map(|entry| match schema::variable(&entry.key) {
            Some(_) => None,
            None => variable_names().closest(&entry.key),
        })
        .collect();
    // Found by sorted pairs of numbers (a text's fingerprint and where it is), the one kind of
    // sort the fix checking uses too, each match confirmed on the text.
    let mut suggested: Vec<(usize, usize)> = suggestions
        .iter()
        .enumerate()
        .filter_map(|(index, name)| Some((crate::pairs::fingerprint((*name)?), index)))
        .collect();
    crate::pairs::sort_pairs(&mut suggested);
    let mut set: Vec<(usize, usize)> = document
        .attributes
        .iter()
        .enumerate()
        .map(|(index, entry)| (crate::pairs::fingerprint(&entry.key), index))
        .collect();
    crate::pairs::sort_pairs(&mut set);
    let matching = |pairs: &[(usize, usize)], name: &str, text: &dyn Fn(usize) -> bool| {
        let wanted = crate::pairs::fingerprint(name);
        let first = pairs.partition_point(|(fingerprint, _)| *fingerprint < wanted);
        pairs[first..]
            .iter()
            .take_while(|(fingerprint, _)| *fingerprint == wanted)
            .filter(|(_, index)| text(*index))
            // Two are enough to tell: 300 names may read as the same one.
            .take(2)
            .count()
    };
    for (entry, suggestion) in document.attributes.iter().zip(&suggestions) {
        let Some(variable) = schema::variable(&entry.key) else {
            let suggestion = suggestion.map(|name| Suggestion {
                name,
                set: matching(&set, name, &|index| document.attributes[index].key == name) > 0,
                shared: matching(&suggested, name, &|index| suggestions[index] == Some(name)) > 1,
            });
            converter.unknown_variable(entry, suggestion);
            continue;
        };
        match converter.convert(&entry.value, &variable.ty, &entry.key) {
            Some(value) => typed.variables.push(Entry {
                key: entry.key.clone(),
                key_span: entry.key_span.clone(),
                value,
            }),
            None => typed
                .invalid
                .push((entry.key.clone(), entry.key_span.clone())),
        }
    }
    for variable in schema::VARIABLES
        .iter()
        .filter(|variable| variable.required)
    {
        let written = document
            .attributes
            .iter()
            .any(|entry| entry.key == variable.name)
            || document
                .unreadable
                .iter()
                .any(|(name, _)| name == variable.name)
            || set_to_an_unread_expression(source, variable.name, converter.diagnostics);
        if !written {
            converter.diagnostics.push(
                Diagnostic::new(
                    Code::MissingRequiredVariable,
                    format!(
                        "`{}` is not set, and the module has no default for it",
                        variable.name
                    ),
                )
                .at_path(variable.name)
                .with_help(format!(
                    "{}. Terraform asks for it at plan time unless another file sets `{} = ...`",
                    variable.doc, variable.name
                )),
            );
        }
    }
    typed
}

/// The variable an unknown name reads as, and whether renaming to it would set it twice.
#[derive(Clone, Copy)]
struct Suggestion {
    name: &'static str,
    /// The file already sets `name`.
    set: bool,
    /// Another unknown name of the file reads as `name` too.
    shared: bool,
}

struct Converter<'a> {
    source: &'a str,
    format: Format,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl Converter<'_> {
    fn unknown_variable(&mut self, entry: &Entry, suggestion: Option<Suggestion>) {
        let mut diagnostic = Diagnostic::new(
            Code::UnknownVariable,
            format!("`{}` is not a variable of the Portkey module", entry.key),
        )
        .at(entry.key_span.clone())
        .at_path(entry.key.clone());
        match suggestion {
            // Renaming to a name the file already sets would give `duplicate-variable`.
            Some(Suggestion { name, set: true, .. }) => {
                diagnostic = diagnostic.with_help(format!(
                    "It looks like `{name}`, which this file already sets; Terraform only warns about undeclared variables, so this value is ignored: remove it"
                ));
            }
            // So would renaming two names to the one both look like.
            Some(Suggestion { name, shared: true, .. }) => {
                diagnostic = diagnostic.with_help(format!(
                    "Did you mean `{name}`? Other names here look like it too; Terraform only warns about undeclared variables, so this value is ignored"
                ));
            }
            Some(Suggestion { name, .. }) => {
                diagnostic = diagnostic
                    .with_help(format!(
                        "Did you mean `{name}`? Terraform only warns about undeclared variables, so this value is ignored"
                    ))
                    .with_fix(self.rename(&entry.key_span, name));
            }
            None => {
                diagnostic = diagnostic.with_help(
                    "Terraform only warns about undeclared variables, so this value is ignored; remove it or check the name",
                )
            }
        }
        self.diagnostics.push(diagnostic);
    }

    /// A fix that renames the key at `key_span`, keeping its quotes when it has them.
    fn rename(&self, key_span: &Span, name: &str) -> Fix {
        let quoted = self
            .source
            .get(key_span.clone())
            .is_some_and(|text| text.starts_with('"'));
        let new_text = if quoted {
            format!("\"{name}\"")
        } else {
            name.to_owned()
        };
        Fix::replace(format!("Rename to `{name}`"), key_span.clone(), new_text)
    }

    /// `node` converted to `ty`, or `None` after reporting why it does not convert.
    fn convert(&mut self, node: &Node, ty: &Type, path: &str) -> Option<Node> {
        let converted = match (&node.value, ty) {
            (Value::Null, _) => Value::Null,
            (Value::String(text), Type::String) => Value::String(text.clone()),
            (Value::Number(number), Type::String) => {
                Value::String(crate::scalar::format_number(*number))
            }
            (Value::Bool(value), Type::String) => Value::String(value.to_string()),
            (Value::Number(number), Type::Number) => Value::Number(*number),
            (Value::String(text), Type::Number) => match parse_number(text) {
                Some(number) => Value::Number(number),
                None => return self.mismatch(node, ty, path),
            },
            (Value::Bool(value), Type::Bool) => Value::Bool(*value),
            (Value::String(text), Type::Bool) => match parse_bool(text) {
                Some(value) => Value::Bool(value),
                None => return self.mismatch(node, ty, path),
            },
            (Value::List(items), Type::List(item_type)) => {
                let mut converted = Vec::with_capacity(items.len());
                let mut failed = false;
                for (index, item) in items.iter().enumerate() {
                    match self.convert(item, item_type, &format!("{path}[{index}]")) {
                        Some(item) => converted.push(item),
                        None => failed = true,
                    }
                }
                if failed {
                    return None;
                }
                Value::List(converted)
            }
            (Value::Object(entries), Type::Map(item_type)) => {
                let mut converted = Vec::with_capacity(entries.len());
                let mut failed = false;
                for entry in entries {
                    match self.convert(&entry.value, item_type, &format!("{path}.{}", entry.key)) {
                        Some(value) => converted.push(Entry {
                            key: entry.key.clone(),
                            key_span: entry.key_span.clone(),
                            value,
                        }),
                        None => failed = true,
                    }
                }
                if failed {
                    return None;
                }
                Value::Object(converted)
            }
            (Value::Object(entries), Type::Object(attributes)) => {
                Value::Object(self.convert_object(node, entries, attributes, path)?)
            }
            _ => return self.mismatch(node, ty, path),
        };
        Some(Node {
            value: converted,
            span: node.span.clone(),
            computed: node.computed,
        })
    }

    fn convert_object(
        &mut self,
        node: &Node,
        entries: &[Entry],
        attributes: &[Attribute],
        path: &str,
    ) -> Option<Vec<Entry>> {
        let mut converted = Vec::with_capacity(entries.len());
        let mut failed = false;
        for entry in entries {
            let entry_path = format!("{path}.{}", entry.key);
            let Some(attribute) = attributes
                .iter()
                .find(|attribute| attribute.name == entry.key)
            else {
                self.unknown_attribute(entry, attributes, path, &entry_path);
                continue;
            };
            match self.convert(&entry.value, &attribute.ty, &entry_path) {
                Some(value) => converted.push(Entry {
                    key: entry.key.clone(),
                    key_span: entry.key_span.clone(),
                    value,
                }),
                None => failed = true,
            }
        }
        for attribute in attributes.iter().filter(|attribute| !attribute.optional) {
            if !entries.iter().any(|entry| entry.key == attribute.name) {
                self.missing_attribute(node, entries, attributes, attribute, path);
            }
        }
        (!failed).then_some(converted)
    }

    fn unknown_attribute(
        &mut self,
        entry: &Entry,
        attributes: &[Attribute],
        path: &str,
        entry_path: &str,
    ) {
        let names = attributes.iter().map(|attribute| attribute.name);
        let known = attributes
            .iter()
            .map(|attribute| format!("`{}`", attribute.name))
            .collect::<Vec<_>>()
            .join(", ");
        let mut diagnostic = unknown_attribute(
            format!(
                "`{path}` has no attribute `{}`, so Terraform drops it silently",
                entry.key
            ),
            entry.key_span.clone(),
            entry_path.to_owned(),
        );
        diagnostic = match suggest::closest(&entry.key, names) {
            Some(name) => diagnostic
                .with_help(format!("Did you mean `{name}`? The attributes are {known}"))
                .with_fix(self.rename(&entry.key_span, name)),
            None => diagnostic.with_help(format!("The attributes are {known}")),
        };
        self.diagnostics.push(diagnostic);
    }

    fn missing_attribute(
        &mut self,
        node: &Node,
        entries: &[Entry],
        attributes: &[Attribute],
        attribute: &Attribute,
        path: &str,
    ) {
        // An unknown attribute that reads as a typo of this one: renaming it is the fix, the
        // same edit `unknown-attribute` offers, so applying both cannot add it twice.
        let typo = entries.iter().find(|entry| {
            !attributes.iter().any(|known| known.name == entry.key)
                && suggest::closest(&entry.key, attributes.iter().map(|known| known.name))
                    == Some(attribute.name)
        });
        let mut diagnostic = missing_attribute(
            format!("`{path}` lacks the required attribute `{}`, so `terraform plan` fails", attribute.name),
            self.opening_brace(node),
            format!("{path}.{}", attribute.name),
        )
        .with_help(format!(
            "Add `{} = ...` ({}). The object type makes it required, even though the module has a default for the whole variable",
            attribute.name,
            attribute.doc
        ));
        match (typo, attribute.fix_value) {
            (Some(typo), _) => {
                diagnostic = diagnostic.with_fix(self.rename(&typo.key_span, attribute.name));
            }
            (None, Some(value)) => {
                diagnostic = diagnostic.with_fix(self.insert_attribute(
                    node,
                    entries,
                    attribute.name,
                    value,
                ));
            }
            (None, None) => {}
        }
        self.diagnostics.push(diagnostic);
    }

    /// The `{` that opens an object, the smallest span that shows where an attribute belongs.
    fn opening_brace(&self, node: &Node) -> Span {
        match self.source.get(node.span.clone()) {
            Some(text) if text.starts_with('{') => node.span.start..node.span.start + 1,
            _ => node.span.clone(),
        }
    }

    /// A fix that adds `name = value` as the first attribute of the object at `node`.
    fn insert_attribute(&self, node: &Node, entries: &[Entry], name: &str, value: &str) -> Fix {
        let at = node.span.start + 1;
        let json = self.is_json();
        let assignment = if json {
            format!("\"{name}\": {value}")
        } else {
            format!("{name} = {value}")
        };
        let first_line_break = entries.first().and_then(|first| {
            let between = self.source.get(at..first.key_span.start)?;
            between
                .contains('\n')
                .then(|| indentation_before(self.source, first.key_span.start))
        });
        let separator = if json && !entries.is_empty() { "," } else { "" };
        let new_text = match first_line_break {
            Some(indent) => format!("\n{indent}{assignment}{separator}"),
            None if entries.is_empty() => format!(" {assignment} "),
            None => format!(" {assignment},"),
        };
        Fix {
            title: format!("Add `{name} = {value}`"),
            edits: vec![crate::diagnostic::Edit {
                span: at..at,
                new_text,
            }],
        }
    }

    fn is_json(&self) -> bool {
        self.format == Format::Json
    }

    fn mismatch<T>(&mut self, node: &Node, ty: &Type, path: &str) -> Option<T> {
        let shown = describe_value(&node.value);
        let help = match (&node.value, ty) {
            (Value::String(_), Type::Number) => {
                "Write a number such as `10`; a string converts only when it holds a number"
                    .to_owned()
            }
            (Value::String(_), Type::Bool) => {
                "Write `true` or `false`; only the strings \"true\" and \"false\" convert to a bool"
                    .to_owned()
            }
            (_, Type::Object(attributes)) => format!(
                "Write an object: `{{ {} }}`",
                attributes
                    .iter()
                    .filter(|attribute| !attribute.optional)
                    .map(|attribute| format!("{} = ...", attribute.name))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            _ => format!("Write a value of type {}", ty.describe()),
        };
        self.diagnostics.push(type_mismatch(
            format!(
                "`{path}` must be {}, but {shown} does not convert to it",
                article(ty)
            ),
            node.span.clone(),
            path.to_owned(),
            help,
        ));
        None
    }
}

/// `unknown-attribute`, for every schema (the module's variables here, a service's properties
/// in `service/validate.rs`): a name the schema does not have, located at the name.
pub(crate) fn unknown_attribute(message: String, span: Span, path: String) -> Diagnostic {
    Diagnostic::new(Code::UnknownAttribute, message)
        .at(span)
        .at_path(path)
}

/// `missing-attribute`, for every schema: a required name the object lacks.
pub(crate) fn missing_attribute(message: String, span: Span, path: String) -> Diagnostic {
    Diagnostic::new(Code::MissingAttribute, message)
        .at(span)
        .at_path(path)
}

/// `type-mismatch`, for every source: a value of a type its setting cannot take, located at the
/// value; `message` says both types in the source's own words and `help` what to write.
pub(crate) fn type_mismatch(
    message: String,
    span: Span,
    path: String,
    help: impl Into<String>,
) -> Diagnostic {
    Diagnostic::new(Code::TypeMismatch, message)
        .at(span)
        .at_path(path)
        .with_help(help)
}

fn article(ty: &Type) -> String {
    match ty {
        Type::Object(_) => "an object".to_owned(),
        _ => format!("a {}", ty.describe()),
    }
}

fn describe_value(value: &Value) -> String {
    match value {
        Value::String(text) if text.chars().count() <= 40 => format!("the string \"{text}\""),
        Value::String(_) => "the string".to_owned(),
        Value::Number(number) => format!("the number {}", crate::scalar::format_number(*number)),
        Value::Bool(value) => format!("`{value}`"),
        other => other.kind().to_owned(),
    }
}

/// The whitespace at the start of the line holding `offset`.
/// The module's variable names, prepared once for "did you mean".
fn variable_names() -> &'static suggest::Candidates<'static> {
    static NAMES: std::sync::OnceLock<suggest::Candidates<'static>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        suggest::Candidates::new(schema::VARIABLES.iter().map(|variable| variable.name))
    })
}

fn indentation_before(source: &str, offset: usize) -> String {
    let line_start = source[..offset]
        .rfind(['\n', '\r'])
        .map_or(0, |index| index + 1);
    source[line_start..offset]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect()
}

/// Whether the file sets `name` to a value the reader reported and left out (such as
/// `docker_cred_secret_arn = var.docker_secret`): the variable is set, just not readable, so it
/// is not "missing". Found in the text, since the reader keeps no entry for such a value: a line
/// that starts with `name =` (or `"name":` in JSON), followed by an expression diagnostic before
/// the next line that starts another top-level statement.
fn set_to_an_unread_expression(source: &str, name: &str, diagnostics: &[Diagnostic]) -> bool {
    let expression_problems: Vec<usize> = diagnostics
        .iter()
        .filter(|diagnostic| {
            matches!(
                diagnostic.code,
                Code::ExpressionNotAllowed | Code::InvalidExpression | Code::UnsupportedExpression
            )
        })
        .filter_map(|diagnostic| diagnostic.span.as_ref().map(|span| span.start))
        .collect();
    if expression_problems.is_empty() {
        return false;
    }
    let mut offset = 0;
    let mut open: Option<usize> = None;
    for line in source.split_inclusive('\n') {
        let starts_statement =
            line.starts_with(|c: char| c.is_ascii_alphabetic() || c == '"' || c == '_');
        let trimmed = line.trim_start();
        let sets_name = [name.to_owned(), format!("\"{name}\"")].iter().any(|key| {
            trimmed
                .strip_prefix(key.as_str())
                .is_some_and(|rest| rest.trim_start().starts_with(['=', ':']))
        });
        if let Some(start) = open {
            if starts_statement && !sets_name {
                if expression_problems
                    .iter()
                    .any(|&at| (start..offset).contains(&at))
                {
                    return true;
                }
                open = None;
            }
        }
        if sets_name {
            open = Some(offset);
        }
        offset += line.len();
    }
    open.is_some_and(|start| expression_problems.iter().any(|&at| at >= start))
}
