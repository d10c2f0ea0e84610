//! The raw layer: a tfvars file as attributes and plain values, each with its byte span.
//!
//! Both readers (HCL through hcl-rs, JSON by hand) produce the same [`Document`], so every
//! later stage is format-blind. Reading never fails: problems become diagnostics and the
//! readable part of the file is still returned.

pub(crate) mod hcl;
mod json;
#[cfg(feature = "observed")]
pub mod time;
#[cfg(feature = "cloudformation")]
pub mod yaml;

use crate::diagnostic::{Code, Diagnostic, Span};
use serde::{Deserialize, Serialize};

/// The input format; `None` in [`Options::format`] means detect it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Format {
    #[default]
    Hcl,
    Json,
}

/// A value as written, after constant expressions have been evaluated.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    List(Vec<Node>),
    Object(Vec<Entry>),
}

impl Value {
    /// What a user would call this kind of value, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a bool",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::List(_) => "a list",
            Value::Object(_) => "an object",
        }
    }
}

/// A value and the bytes it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Span,
    /// This value is one part of a list or object that an expression computed (an item of a
    /// `for`, say), so `span` covers the whole expression, not this part alone: a fix must not
    /// replace it.
    pub computed: bool,
}

/// `key = value`, at the top level or inside an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    pub key_span: Span,
    pub value: Node,
}

/// The readable attributes of a tfvars file, in source order, duplicates removed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// The syntax the text was read as, detected or forced by the caller.
    pub format: Format,
    pub attributes: Vec<Entry>,
    /// Top-level statements skipped after a syntax error, by the name they start with
    /// ([`REST_OF_FILE`] when reading stopped there).
    pub unreadable: Vec<(String, Span)>,
}

/// The name under which [`Document::unreadable`] records that reading stopped at a syntax
/// error, so any variable may have been in the unread rest.
pub const REST_OF_FILE: &str = "*";

/// The deepest nesting of lists, objects and parentheses the readers accept.
///
/// Real tfvars files nest four or five levels; the limit keeps the recursive parts of reading,
/// checking and dropping within a WebAssembly stack of 1 MiB.
pub const MAX_DEPTH: usize = 64;

/// Reads `source` as HCL or JSON (detected from the first non-blank character when `format` is
/// `None`).
pub fn read(source: &str, format: Option<Format>) -> (Document, Vec<Diagnostic>) {
    let format = format.unwrap_or_else(|| detect_format(source));
    let (mut document, diagnostics) = match format {
        Format::Hcl => hcl::read(source),
        Format::Json => json::read(source),
    };
    document.format = format;
    (document, diagnostics)
}

/// JSON when the first non-blank character (after an optional byte order mark) is `{`.
pub fn detect_format(source: &str) -> Format {
    let body = source.strip_prefix('\u{feff}').unwrap_or(source);
    match body.trim_start().chars().next() {
        Some('{') => Format::Json,
        _ => Format::Hcl,
    }
}

/// Keeps the first of each top-level name and reports the others as `duplicate-variable`.
fn remove_duplicate_attributes(
    attributes: Vec<Entry>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Document {
    // Each name's first occurrence, found in `O(n log n)` so that a file with many names is read
    // quickly.
    let keys: Vec<&str> = attributes.iter().map(|entry| entry.key.as_str()).collect();
    let first = crate::pairs::first_of_equal(&keys);
    let spans: Vec<Span> = attributes
        .iter()
        .map(|entry| entry.key_span.clone())
        .collect();
    let mut kept: Vec<Entry> = Vec::with_capacity(attributes.len());
    for (index, entry) in attributes.into_iter().enumerate() {
        if first[index] == index {
            kept.push(entry);
        } else {
            diagnostics.push(duplicate_variable(
                &entry.key,
                entry.key_span.clone(),
                Some(spans[first[index]].clone()),
            ));
        }
    }
    Document {
        format: Format::Hcl,
        attributes: kept,
        unreadable: Vec::new(),
    }
}

/// `duplicate-variable` for `name` set again at `span`, first set at `first`.
fn duplicate_variable(name: &str, span: Span, first: Option<Span>) -> Diagnostic {
    let diagnostic = Diagnostic::new(
        Code::DuplicateVariable,
        format!("`{name}` is set more than once"),
    )
    .at(span)
    .at_path(name.to_owned())
    .with_help("Terraform refuses a tfvars file that sets a variable twice; keep one of them");
    match first {
        Some(first) => diagnostic.with_related(first, "first set here"),
        None => diagnostic,
    }
}
