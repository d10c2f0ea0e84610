//! Reads HCL tfvars files through hcl-rs: `hcl::edit` parses with byte spans, `hcl::eval`
//! evaluates what Terraform evaluates in a tfvars file (facts section 6).
//!
//! A tfvars file holds only attributes; blocks are reported. A broken top-level statement is
//! reported and blanked out, and the rest of the file is parsed again (`recovery.rs`), so an
//! editor keeps its diagnostics while the user types. hcl-edit bounds its own recursion (64
//! nested levels, 128 chained operators) and reports deeper input as a parse error, so no text
//! can overflow the stack, natively or in WebAssembly's 1 MiB.

mod convert;
mod cost;
mod recovery;

#[cfg(feature = "terraform")]
pub use convert::{terraform_value, Written};

use hcl::edit::structure::Structure;
use hcl::edit::Span as _;

use super::{duplicate_variable, remove_duplicate_attributes, Document, Entry};
use crate::diagnostic::{Code, Diagnostic};
use recovery::Repair;

/// Reads `source` as HCL.
pub fn read(source: &str) -> (Document, Vec<Diagnostic>) {
    let text = normalize(source);
    let parsed = recovery::parse(&text);
    let mut diagnostics = Vec::new();
    let mut attributes = Vec::new();
    let mut unreadable = Vec::new();
    for structure in parsed.body.iter() {
        match structure {
            Structure::Attribute(attribute) => {
                let name = attribute.key.as_str().to_owned();
                let key_span = attribute.key.span().unwrap_or(0..0);
                match convert::attribute_value(&text, &attribute.value, &mut diagnostics) {
                    Some(value) => attributes.push(Entry {
                        key: name,
                        key_span,
                        value,
                    }),
                    // Set, but to nothing Terraform could read: later stages must not call the
                    // variable missing.
                    None => unreadable.push((name, attribute.value.span().unwrap_or(key_span))),
                }
            }
            Structure::Block(block) => diagnostics.push(
                Diagnostic::new(
                    Code::BlockNotAllowed,
                    format!(
                        "`{}` is a block, and a tfvars file may only set variables",
                        block.ident.as_str()
                    ),
                )
                .at(block.ident.span().unwrap_or(0..0))
                .with_help(
                    "Write `name = value`; blocks such as `variable` or `module` belong in .tf files",
                ),
            ),
        }
    }
    for repair in parsed.repairs {
        match repair {
            Repair::Skipped {
                name,
                span,
                error_span,
                message,
                help,
            } => {
                diagnostics.push(syntax_error(&text, error_span, &message, help));
                unreadable.push((name, span));
            }
            Repair::RepeatedVariable { name, key_span, .. } => {
                let first = attributes
                    .iter()
                    .find(|entry: &&Entry| entry.key == name)
                    .map(|entry| entry.key_span.clone());
                diagnostics.push(duplicate_variable(&name, key_span, first));
            }
            Repair::RepeatedKey {
                name,
                key_span,
                first_key_span,
            } => diagnostics.push(convert::duplicate_key(&name, key_span, first_key_span)),
        }
    }
    let mut document = remove_duplicate_attributes(attributes, &mut diagnostics);
    document.unreadable = unreadable;
    (document, diagnostics)
}

#[cfg(all(test, feature = "terraform"))]
thread_local! {
    /// How many `.tf` files this thread parsed, for tests that count work.
    pub static TERRAFORM_PARSES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

#[cfg(feature = "terraform")]
/// Parses a Terraform `.tf` file: its body (broken top-level statements blanked out, as for
/// tfvars), the text its spans refer to (the source with a byte order mark blanked), and the
/// syntax errors found.
pub fn parse_terraform(source: &str) -> (hcl::edit::structure::Body, String, Vec<Diagnostic>) {
    #[cfg(test)]
    TERRAFORM_PARSES.with(|parses| parses.set(parses.get() + 1));
    let text = normalize(source);
    let parsed = recovery::parse(&text);
    let mut diagnostics = Vec::new();
    for repair in parsed.repairs {
        if let Repair::Skipped {
            error_span,
            message,
            help,
            ..
        } = repair
        {
            diagnostics.push(syntax_error(&text, error_span, &message, help));
        }
    }
    (parsed.body, text.into_owned(), diagnostics)
}

/// The `syntax-error` for a statement recovery skipped.
fn syntax_error(
    text: &str,
    error_span: crate::diagnostic::Span,
    message: &str,
    help: &'static str,
) -> Diagnostic {
    Diagnostic::new(
        Code::SyntaxError,
        format!("this is not valid HCL: {message}"),
    )
    .at(on_char_boundaries(text, error_span))
    .with_help(help)
}

/// `span` widened to whole characters of `text`: recovery measures in a copy where blanked
/// characters became one space per byte, so its offsets may fall inside a character here.
fn on_char_boundaries(text: &str, span: crate::diagnostic::Span) -> crate::diagnostic::Span {
    let mut start = span.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// A copy of `source` that hcl-edit reads as Terraform would, with every byte at its place: the
/// byte order mark becomes spaces and a lone carriage return (old Mac line ends) a line feed.
fn normalize(source: &str) -> std::borrow::Cow<'_, str> {
    let bytes = source.as_bytes();
    let bom = source.starts_with('\u{feff}');
    // Most files have neither, and are read as they are without a copy.
    let lone_return = |index: usize| bytes[index] == b'\r' && bytes.get(index + 1) != Some(&b'\n');
    if !bom && (!bytes.contains(&b'\r') || !(0..bytes.len()).any(lone_return)) {
        return std::borrow::Cow::Borrowed(source);
    }
    let mut text = String::with_capacity(source.len());
    let body = match source.strip_prefix('\u{feff}') {
        Some(rest) => {
            text.push_str("   ");
            rest
        }
        None => source,
    };
    // A carriage return is one byte that no other character's UTF-8 contains, so the text can
    // be copied in runs between the lone ones.
    let mut run = 0;
    let body_bytes = body.as_bytes();
    for index in 0..body_bytes.len() {
        if body_bytes[index] == b'\r' && body_bytes.get(index + 1) != Some(&b'\n') {
            text.push_str(&body[run..index]);
            text.push('\n');
            run = index + 1;
        }
    }
    text.push_str(&body[run..]);
    std::borrow::Cow::Owned(text)
}
