//! Hover and completion in a CloudFormation template, an ECS API JSON file or a Terraform
//! `aws_ecs_service`, from the same table their checks read (`service/schema.rs`): the property
//! under the cursor with its type, values, required-ness and doc, and the properties that may be
//! written in the object at the cursor, in that source's names.
//!
//! Where the cursor is comes from a forgiving scan of the text before it: the object path of
//! JSON (`context.rs`), the keys of less indented lines in YAML, and the enclosing blocks in
//! HCL (`dynamic "x"` standing for the block `x`, its `content` left out).

use lsp_types::{CompletionItem, CompletionItemKind, CompletionTextEdit, Documentation, TextEdit};

use super::context::{context_at, is_name_byte};
use super::convert::Text;
use crate::input::InputKind;
use crate::service::schema::{self, Prop, Syntax, Ty};

/// The syntax of a document read as `kind`, when it is one the service schema describes.
pub fn syntax(kind: InputKind) -> Option<Syntax> {
    match kind {
        InputKind::Cloudformation => Some(Syntax::CloudFormation),
        InputKind::EcsApi => Some(Syntax::Api),
        InputKind::Terraform => Some(Syntax::Terraform),
        // A deployment record nests each configuration under `serviceDeployments[]`; the schema's
        // paths start at a service.
        InputKind::PortkeyTfvars | InputKind::EcsDeploymentRecord => None,
    }
}

/// Where the cursor is: the path of the object it is in, from the service's own properties,
/// and whether a property name may be written there.
struct Place {
    path: Vec<String>,
    expects_key: bool,
    /// Inside a quoted key (JSON): names are written without their quotes.
    quoted: bool,
}

/// The place of byte `offset`, when it is inside a service's properties.
fn place(source: &str, syntax: Syntax, offset: usize) -> Option<Place> {
    let json = source.trim_start().starts_with('{');
    match syntax {
        Syntax::Terraform => hcl_place(source, offset),
        _ if json => {
            let context = context_at(source, offset);
            let path = match syntax {
                Syntax::CloudFormation => under_properties(&context.path)?,
                _ if context.path.first().is_some_and(|name| name == "services") => {
                    context.path[1..].to_vec()
                }
                _ => context.path,
            };
            Some(Place {
                path,
                expects_key: context.expects_key,
                quoted: context.string_start.is_some(),
            })
        }
        _ => yaml_place(source, offset),
    }
}

/// The part of a CloudFormation path below `Resources.<id>.Properties`.
fn under_properties(path: &[String]) -> Option<Vec<String>> {
    match path {
        [resources, _, properties, rest @ ..]
            if resources == "Resources" && properties == "Properties" =>
        {
            Some(rest.to_vec())
        }
        _ => None,
    }
}

/// The keys of the less indented lines above `offset` in a YAML document (a `- ` item marker
/// counts as indentation), below `Resources.<id>.Properties`.
fn yaml_place(source: &str, offset: usize) -> Option<Place> {
    let offset = floor(source, offset);
    let line_start = source[..offset].rfind('\n').map_or(0, |at| at + 1);
    let before = &source[line_start..offset];
    let typed = before.trim_start_matches([' ', '-']);
    let expects_key = typed.chars().all(|c| c.is_ascii_alphanumeric());
    let mut indent = before.len() - typed.len();
    let mut path = Vec::new();
    for line in source[..line_start].lines().rev() {
        let Some((key_indent, key)) = yaml_key(line) else {
            continue;
        };
        if key_indent < indent {
            path.push(key.to_owned());
            indent = key_indent;
            if indent == 0 {
                break;
            }
        }
    }
    path.reverse();
    Some(Place {
        path: under_properties(&path)?,
        expects_key,
        quoted: false,
    })
}

/// The indentation and key of a YAML line `key:` or `- key:` (with a value or not).
fn yaml_key(line: &str) -> Option<(usize, &str)> {
    let content = line.trim_start_matches([' ', '-']);
    let indent = line.len() - content.len();
    let end = content.find(':')?;
    let key = content[..end].trim_matches(['"', '\'']);
    (!key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'))
        .then_some((indent, key))
}

/// The blocks around `offset` in HCL, inside a `resource "aws_ecs_service"` block.
fn hcl_place(source: &str, offset: usize) -> Option<Place> {
    let offset = floor(source, offset);
    let bytes = &source.as_bytes()[..offset];
    let mut frames: Vec<String> = Vec::new();
    let mut line_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'\n' => line_start = i + 1,
            b'{' => frames.push(header(&source[line_start..i])),
            b'}' => {
                frames.pop();
            }
            _ => {}
        }
        i += 1;
    }
    let (first, rest) = frames.split_first()?;
    if first != "resource aws_ecs_service" {
        return None;
    }
    let typed = &source[line_start..offset];
    Some(Place {
        path: rest
            .iter()
            .filter(|name| *name != "content")
            .cloned()
            .collect(),
        expects_key: typed
            .bytes()
            .all(|b| b == b' ' || b == b'\t' || is_name_byte(b)),
        quoted: false,
    })
}

/// The name a `{` opened on a line with `text` before it stands for: a block's type (the first
/// label of `dynamic`, `resource` and its type), or the name an object is assigned to.
fn header(text: &str) -> String {
    let text = text.trim();
    if let Some((name, _)) = text.split_once('=') {
        return name.trim().to_owned();
    }
    let mut words = text.split_whitespace().map(|word| word.trim_matches('"'));
    match words.next() {
        Some("dynamic") => words.next().unwrap_or("").to_owned(),
        Some("resource") => format!("resource {}", words.next().unwrap_or("")),
        Some(word) => word.to_owned(),
        None => String::new(),
    }
}

fn floor(source: &str, offset: usize) -> usize {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The properties that may be written in the object at `path`.
fn members_at(syntax: Syntax, path: &[String]) -> Option<Vec<&'static Prop>> {
    let mut members = schema::members(schema::SERVICE, syntax, true);
    for name in path {
        let prop = members
            .iter()
            .find(|prop| prop.name_in(syntax).as_deref() == Some(name.as_str()))?;
        members = match prop.ty {
            Ty::Obj(props) | Ty::Objs(props) => schema::members(props, syntax, false),
            _ => return None,
        };
    }
    Some(members)
}

fn type_name(ty: Ty, syntax: Syntax) -> &'static str {
    match (ty, syntax) {
        (Ty::Str, _) => "string",
        (Ty::Int, _) => "integer",
        (Ty::Num, _) => "number",
        (Ty::Bool, _) => "boolean",
        (Ty::Any, _) => "any value",
        (Ty::Strings, _) => "list of strings",
        (Ty::Map, _) => "map of strings",
        (Ty::Obj(_), Syntax::Terraform) => "block",
        (Ty::Objs(_), Syntax::Terraform) => "blocks",
        (Ty::Obj(_), _) => "object",
        (Ty::Objs(_), _) => "list of objects",
    }
}

/// The doc of `prop`: its type, what it does, whether it is required, and its values.
fn prop_markdown(prop: &Prop, syntax: Syntax, name: &str) -> String {
    let mut text = format!(
        "**`{name}`**: {}\n\n{}\n\n{}",
        type_name(prop.ty, syntax),
        prop.doc,
        if required(prop, syntax) {
            "Required"
        } else {
            "Optional"
        }
    );
    if !prop.values.is_empty() {
        let values: Vec<String> = prop
            .values_in(syntax)
            .iter()
            .map(|v| format!("`{v}`"))
            .collect();
        text.push_str(&format!(". Values: {}", values.join(", ")));
    }
    text
}

/// Whether `syntax` requires `prop`, including those whose absence `rules.rs` judges.
fn required(prop: &Prop, syntax: Syntax) -> bool {
    match syntax {
        Syntax::Terraform => prop.flags & schema::RT != 0,
        _ => prop.flags & schema::R != 0,
    }
}

/// The hover for the property name `name` at `span`, when it is one of the service's.
pub fn hover(source: &str, syntax: Syntax, span: std::ops::Range<usize>) -> Option<String> {
    let name = source.get(span.clone())?;
    let place = place(source, syntax, span.start)?;
    let members = members_at(syntax, &place.path)?;
    let prop = members
        .iter()
        .find(|prop| prop.name_in(syntax).as_deref() == Some(name))?;
    Some(prop_markdown(prop, syntax, name))
}

/// The property names that may be written at `offset`, replacing the name typed before it.
pub fn completion(
    text: &Text,
    syntax: Syntax,
    offset: usize,
    typed: std::ops::Range<usize>,
) -> Vec<CompletionItem> {
    let Some(place) = place(text.source, syntax, offset) else {
        return Vec::new();
    };
    if !place.expects_key {
        return Vec::new();
    }
    let json = text.source.trim_start().starts_with('{');
    let Some(members) = members_at(syntax, &place.path) else {
        return Vec::new();
    };
    members
        .into_iter()
        .filter_map(|prop| {
            let name = prop.name_in(syntax)?;
            let new_text = if json && !place.quoted {
                format!("\"{name}\"")
            } else {
                name.clone()
            };
            Some(CompletionItem {
                label: name.clone(),
                kind: Some(CompletionItemKind::FIELD),
                detail: Some(type_name(prop.ty, syntax).to_owned()),
                documentation: Some(Documentation::MarkupContent(lsp_types::MarkupContent {
                    kind: lsp_types::MarkupKind::Markdown,
                    value: prop_markdown(prop, syntax, &name),
                })),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                    text.range(&typed),
                    new_text,
                ))),
                ..CompletionItem::default()
            })
        })
        .collect()
}
