//! Hover and completion: the module's documentation at the cursor, and the names that fit there.
//!
//! Both read `schema.rs` (the same table `schema()` is generated from) and the lifecycle stages
//! of `config.rs`, so the editor shows the text the playground and the JSON Schema show.
//! Hovering the deployment settings adds a summary of the rollout the document describes.

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, Documentation, Hover, HoverContents,
    MarkupContent, MarkupKind, TextEdit,
};

use super::context::{context_at, is_name_byte, Context};
use super::convert::Text;
use crate::analysis::Analysis;
use crate::config::Stage;
use crate::input::InputKind;
use crate::read::Format;
use crate::schema::{self, Type, VARIABLES};

/// The variable whose settings choose the strategy; hovering in it shows the rollout summary.
const DEPLOYMENT_VARIABLE: &str = "gateway_deployment_configuration";

/// The list whose items are lifecycle stage names.
const STAGES_ATTRIBUTE: &str = "lifecycle_hook_stages";

/// A variable or attribute of the schema, for docs.
struct Entry {
    name: &'static str,
    ty: Type,
    doc: &'static str,
    /// `Default: ...`, `Required` or `Optional`.
    note: String,
}

/// The variable or attribute at `path` (variable first, then attribute names).
fn entry(path: &[String]) -> Option<Entry> {
    let (first, rest) = path.split_first()?;
    let variable = schema::variable(first)?;
    let mut entry = Entry {
        name: variable.name,
        ty: variable.ty,
        doc: variable.doc,
        note: if variable.required {
            "Required".to_string()
        } else {
            format!("Default: `{}`", variable.default)
        },
    };
    for name in rest {
        let Type::Object(attributes) = entry.ty else {
            return None;
        };
        let attribute = attributes.iter().find(|attribute| attribute.name == name)?;
        entry = Entry {
            name: attribute.name,
            ty: attribute.ty,
            doc: attribute.doc,
            note: if attribute.optional {
                "Optional"
            } else {
                "Required"
            }
            .to_string(),
        };
    }
    Some(entry)
}

/// The entries that may be written inside the object at `path`.
fn children(path: &[String]) -> Vec<Entry> {
    if path.is_empty() {
        return VARIABLES
            .iter()
            .filter_map(|variable| entry(&[variable.name.to_string()]))
            .collect();
    }
    let Some(Entry {
        ty: Type::Object(attributes),
        ..
    }) = entry(path)
    else {
        return Vec::new();
    };
    attributes
        .iter()
        .filter_map(|attribute| {
            let mut child = path.to_vec();
            child.push(attribute.name.to_string());
            entry(&child)
        })
        .collect()
}

fn markdown(value: String) -> MarkupContent {
    MarkupContent {
        kind: MarkupKind::Markdown,
        value,
    }
}

fn entry_markdown(entry: &Entry) -> String {
    format!(
        "**`{}`**: `{}`\n\n{}\n\n{}",
        entry.name,
        entry.ty.describe(),
        entry.doc,
        entry.note
    )
}

fn stage_markdown(stage: Stage) -> String {
    format!(
        "**`{}`**: ECS lifecycle stage\n\n{}",
        stage.as_str(),
        stage.doc()
    )
}

/// The rollout in one paragraph (strategy, total minutes, first exposure and peak tasks), then
/// what carries its traffic and the assumptions it rests on.
pub fn rollout_summary(analysis: &Analysis) -> String {
    let Some(timeline) = &analysis.timeline else {
        return "**Rollout**: none, the deployment settings are not valid (see the diagnostics)"
            .to_string();
    };
    let carriers: Vec<&str> = timeline
        .notes
        .iter()
        .filter(|note| {
            [
                "ECS shifts the traffic",
                "Nothing carries",
                "Behind a Network Load Balancer",
            ]
            .iter()
            .any(|start| note.starts_with(start))
        })
        .map(String::as_str)
        .collect();
    let mut text = format!(
        "**Rollout**: {}, {} minutes in total; the first shift moves {} % of production; \
         at most {} tasks run",
        timeline.strategy.title(),
        timeline.total_minutes,
        crate::policy::first_exposure(timeline),
        timeline.peak_tasks
    );
    for note in carriers {
        text.push_str("\n\n");
        text.push_str(note);
    }
    text.push_str("\n\n");
    text.push_str(&crate::timeline::assumptions_text(&timeline.assumptions));
    text
}

/// The name under or just before the cursor, as a byte range (possibly empty).
fn name_around(source: &str, offset: usize) -> std::ops::Range<usize> {
    let bytes = source.as_bytes();
    let mut start = offset.min(bytes.len());
    while start > 0 && is_name_byte(bytes[start - 1]) {
        start -= 1;
    }
    let mut end = offset.min(bytes.len());
    while end < bytes.len() && is_name_byte(bytes[end]) {
        end += 1;
    }
    start..end
}

/// Whether an `=` or `:` follows the name ending at `end` (past a closing quote and blanks).
fn is_key(source: &str, end: usize) -> bool {
    let rest = source[end..]
        .trim_start_matches('"')
        .trim_start_matches([' ', '\t']);
    rest.starts_with('=') || rest.starts_with(':')
}

/// Whether the context is an item of the lifecycle stages list.
fn in_stage_list(context: &Context) -> bool {
    context.in_list
        && context
            .path
            .last()
            .is_some_and(|name| name == STAGES_ATTRIBUTE)
}

/// The hover at byte `offset` of a source of `kind`: docs of the name there, and in the
/// deployment settings the rollout summary `summary` gives (none where it gives none); in another
/// source than the module's tfvars, the service's property there (`service_docs.rs`).
pub fn hover(
    text: &Text,
    kind: InputKind,
    offset: usize,
    summary: impl FnOnce() -> Option<String>,
) -> Option<Hover> {
    let span = name_around(text.source, offset);
    if span.is_empty() {
        return None;
    }
    let name = &text.source[span.clone()];
    if let Some(syntax) = super::service_docs::syntax(kind) {
        let value = match Stage::from_name(name) {
            Some(stage) => stage_markdown(stage),
            None => super::service_docs::hover(text.source, syntax, span.clone())?,
        };
        return Some(Hover {
            contents: HoverContents::Markup(markdown(value)),
            range: Some(text.range(&span)),
        });
    }
    let context = context_at(text.source, span.start);
    let value = if in_stage_list(&context) {
        stage_markdown(Stage::from_name(name)?)
    } else if is_key(text.source, span.end) {
        let mut path = context.path;
        path.push(name.to_string());
        let mut value = entry_markdown(&entry(&path)?);
        if path[0] == DEPLOYMENT_VARIABLE {
            if let Some(summary) = summary() {
                value.push_str("\n\n---\n\n");
                value.push_str(&summary);
            }
        }
        value
    } else {
        return None;
    };
    Some(Hover {
        contents: HoverContents::Markup(markdown(value)),
        range: Some(text.range(&span)),
    })
}

/// The completions at byte `offset`: variable names at the top level, attribute names inside
/// an object, stage names inside `lifecycle_hook_stages`; in another source than the module's
/// tfvars, the service's property names there (`service_docs.rs`).
pub fn completion(
    text: &Text,
    format: Format,
    kind: InputKind,
    offset: usize,
) -> Vec<CompletionItem> {
    let typed = name_around(text.source, offset).start..offset.min(text.source.len());
    if let Some(syntax) = super::service_docs::syntax(kind) {
        return super::service_docs::completion(text, syntax, offset, typed);
    }
    let context = context_at(text.source, offset);
    let quote = |name: &str| match context.string_start {
        Some(_) => name.to_string(),
        None => format!("\"{name}\""),
    };
    let item =
        |label: String, kind, detail: String, doc: String, new_text: String| CompletionItem {
            label,
            kind: Some(kind),
            detail: Some(detail),
            documentation: Some(Documentation::MarkupContent(markdown(doc))),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                text.range(&typed),
                new_text,
            ))),
            ..CompletionItem::default()
        };
    if in_stage_list(&context) {
        return Stage::hookable()
            .map(|stage| {
                item(
                    stage.as_str().to_string(),
                    CompletionItemKind::ENUM_MEMBER,
                    "lifecycle stage".to_string(),
                    stage.doc().to_string(),
                    quote(stage.as_str()),
                )
            })
            .collect();
    }
    if !context.expects_key {
        return Vec::new();
    }
    let kind = if context.path.is_empty() {
        CompletionItemKind::VARIABLE
    } else {
        CompletionItemKind::FIELD
    };
    children(&context.path)
        .into_iter()
        .map(|entry| {
            let new_text = match format {
                Format::Json => quote(entry.name),
                Format::Hcl => entry.name.to_string(),
            };
            item(
                entry.name.to_string(),
                kind,
                entry.ty.describe(),
                format!("{}\n\n{}", entry.doc, entry.note),
                new_text,
            )
        })
        .collect()
}
