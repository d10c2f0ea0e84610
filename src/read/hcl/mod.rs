//! Reads HCL tfvars files: a small parser for HCL's native syntax and an evaluator for the
//! constant expressions Terraform accepts in them (facts section 6).
//!
//! A tfvars file holds only attributes; blocks are reported. A broken top-level statement is
//! reported and skipped, so the rest of a file being typed is still read. The parser is written
//! here rather than taken from hcl-edit: hcl-edit cost 81 KB of the 150 KB gzipped `.wasm`
//! budget on its own, and a tfvars file needs only HCL's expression language, not its editing.

mod eval;
mod parser;
mod syntax;

pub use eval::format_number;

use super::{remove_duplicate_attributes, Document, Entry};
use crate::diagnostic::{Code, Diagnostic};
use parser::Item;

/// Reads `source` as HCL.
pub fn read(source: &str) -> (Document, Vec<Diagnostic>) {
    let (items, skipped) = parser::parse_body(source);
    let mut diagnostics = Vec::new();
    let mut attributes = Vec::new();
    let mut unreadable = Vec::new();
    for item in items {
        match item {
            Item::Attribute {
                name,
                name_span,
                value,
            } => {
                if let Some(value) = eval::evaluate(&value, &mut diagnostics) {
                    attributes.push(Entry {
                        key: name,
                        key_span: name_span,
                        value,
                    });
                }
            }
            Item::Block { name, name_span } => diagnostics.push(
                Diagnostic::new(
                    Code::BlockNotAllowed,
                    format!("`{name}` is a block, and a tfvars file may only set variables"),
                )
                .at(name_span)
                .with_help("Write `name = value`; blocks such as `variable` or `module` belong in .tf files"),
            ),
        }
    }
    for skipped in skipped {
        let mut diagnostic = Diagnostic::new(
            Code::SyntaxError,
            format!("this is not valid HCL: {}", skipped.error.message),
        )
        .at(skipped.error.span);
        diagnostic = diagnostic.with_help(
            skipped
                .error
                .help
                .unwrap_or("A tfvars file is a list of `name = value` lines; check quotes, brackets and commas here"),
        );
        diagnostics.push(diagnostic);
        unreadable.push((skipped.name, skipped.span));
    }
    let mut document = remove_duplicate_attributes(attributes, &mut diagnostics);
    document.unreadable = unreadable;
    (document, diagnostics)
}
