//! The YAML reader for CloudFormation templates, on saphyr-parser's events: the first document
//! as the reader's value tree, every key and value with its byte span.
//!
//! Plain scalars take YAML's core schema (`true`/`false`, `null`/`~`/empty, numbers); quoted
//! ones stay strings. CloudFormation's short intrinsic tags become the long form's one-key
//! objects (`!Ref X` is `{"Ref": "X"}`, `!Sub s` is `{"Fn::Sub": "s"}`), so JSON and YAML
//! templates reach the service reader alike. Aliases are not followed (CloudFormation templates
//! do not use them) and read as `null`, with a diagnostic. Nesting is limited to
//! [`MAX_DEPTH`](super::MAX_DEPTH), like the other readers. A syntax error stops reading and
//! keeps what was read before it.

use std::borrow::Cow;

use saphyr_parser::{Event, Parser, ScalarStyle, Tag};

use super::{Entry, Node, Value, MAX_DEPTH};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::scalar::parse_number;

/// A collection being read, with what it holds so far.
enum Frame {
    Mapping {
        start: usize,
        tag: Option<String>,
        entries: Vec<Entry>,
        key: Option<(String, Span)>,
    },
    Sequence {
        start: usize,
        tag: Option<String>,
        items: Vec<Node>,
    },
}

/// Reads the first YAML document of `source`; `None` when it holds nothing readable.
pub fn read(source: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Node> {
    let offsets = ByteOffsets::new(source);
    let mut stack: Vec<Frame> = Vec::new();
    let mut root: Option<Node> = None;
    for event in Parser::new_from_str(source) {
        let (event, span) = match event {
            Ok(event) => event,
            Err(error) => {
                let at = offsets.byte(error.marker().index());
                diagnostics.push(
                    Diagnostic::new(
                        Code::SyntaxError,
                        format!("this is not valid YAML: {}", error.info()),
                    )
                    .at(at..next_char_end(source, at))
                    .with_help(
                        "Reading stopped here; the services before this point are still checked",
                    ),
                );
                break;
            }
        };
        let start = offsets.byte(span.start.index());
        let end = offsets.byte(span.end.index()).max(start);
        let node = match event {
            Event::DocumentEnd if root.is_some() || !stack.is_empty() => break,
            Event::MappingStart(..) | Event::SequenceStart(..) if stack.len() >= MAX_DEPTH => {
                diagnostics.push(
                    Diagnostic::new(
                        Code::SyntaxError,
                        format!("this YAML nests deeper than {MAX_DEPTH} levels"),
                    )
                    .at(start..end.max(start + 1).min(source.len()))
                    .with_help("Real templates nest a few levels; reading stopped here"),
                );
                break;
            }
            Event::MappingStart(_, tag) => {
                stack.push(Frame::Mapping {
                    start,
                    tag: tag_name(tag),
                    entries: Vec::new(),
                    key: None,
                });
                continue;
            }
            Event::SequenceStart(_, tag) => {
                stack.push(Frame::Sequence {
                    start,
                    tag: tag_name(tag),
                    items: Vec::new(),
                });
                continue;
            }
            Event::MappingEnd | Event::SequenceEnd => match stack.pop() {
                Some(Frame::Mapping {
                    start: from,
                    tag,
                    entries,
                    ..
                }) => tagged(tag, Value::Object(entries), from..end.max(from)),
                Some(Frame::Sequence {
                    start: from,
                    tag,
                    items,
                }) => tagged(tag, Value::List(items), from..end.max(from)),
                None => continue,
            },
            Event::Scalar(text, style, _, tag) => {
                let value = scalar(&text, style, tag.is_some());
                tagged(tag_name(tag), value, start..end)
            }
            Event::Alias(_) => {
                diagnostics.push(
                    Diagnostic::new(
                        Code::UnsupportedExpression,
                        "this YAML alias is not followed, so the value it stands for is not checked",
                    )
                    .at(start..end.max(start + 1).min(source.len()))
                    .with_help("Write the value itself; CloudFormation templates rarely use anchors and aliases"),
                );
                Node {
                    value: Value::Null,
                    span: start..end,
                    computed: false,
                }
            }
            _ => continue,
        };
        attach(&mut stack, &mut root, node);
    }
    // After a syntax error, the collections still open keep what they had.
    while let Some(frame) = stack.pop() {
        let node = match frame {
            Frame::Mapping {
                start,
                tag,
                entries,
                ..
            } => tagged(tag, Value::Object(entries), start..source.len()),
            Frame::Sequence { start, tag, items } => {
                tagged(tag, Value::List(items), start..source.len())
            }
        };
        attach(&mut stack, &mut root, node);
    }
    root
}

/// Adds a finished node to the collection it belongs to (as a key or a value in a mapping).
fn attach(stack: &mut [Frame], root: &mut Option<Node>, node: Node) {
    match stack.last_mut() {
        None => {
            root.get_or_insert(node);
        }
        Some(Frame::Sequence { items, .. }) => items.push(node),
        Some(Frame::Mapping { entries, key, .. }) => match key.take() {
            Some((key, key_span)) => entries.push(Entry {
                key,
                key_span,
                value: node,
            }),
            None => {
                let name = match node.value {
                    Value::String(text) => text,
                    Value::Number(number) => crate::scalar::format_number(number),
                    Value::Bool(value) => value.to_string(),
                    _ => String::new(),
                };
                *key = Some((name, node.span));
            }
        },
    }
}

/// A plain scalar in YAML's core schema; a quoted one, or one with a tag, is a string.
fn scalar(text: &str, style: ScalarStyle, tagged: bool) -> Value {
    if style != ScalarStyle::Plain || tagged {
        return Value::String(text.to_owned());
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => Value::Null,
        "true" | "True" | "TRUE" => Value::Bool(true),
        "false" | "False" | "FALSE" => Value::Bool(false),
        _ => match parse_number(text) {
            Some(number)
                if text.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '.') =>
            {
                Value::Number(number)
            }
            _ => Value::String(text.to_owned()),
        },
    }
}

/// The name of a tag written with the primary handle (`!Ref` is `Ref`); other tags are ignored.
fn tag_name(tag: Option<Cow<'_, Tag>>) -> Option<String> {
    let tag = tag?;
    (tag.handle == "!").then(|| tag.suffix.clone())
}

/// A value under a CloudFormation short tag, as the long form writes it: `!Ref X` is
/// `{"Ref": X}`, `!Condition X` is `{"Condition": X}`, and `!Sub` and the others `{"Fn::Sub": ...}`.
fn tagged(tag: Option<String>, value: Value, span: Span) -> Node {
    let node = Node {
        value,
        span: span.clone(),
        computed: false,
    };
    let Some(tag) = tag else {
        return node;
    };
    let key = match tag.as_str() {
        "Ref" | "Condition" => tag,
        _ => format!("Fn::{tag}"),
    };
    Node {
        value: Value::Object(vec![Entry {
            key,
            key_span: span.start..span.start,
            value: node,
        }]),
        span,
        computed: false,
    }
}

/// The end of the character starting at byte `at`, for a one-character diagnostic range.
fn next_char_end(source: &str, at: usize) -> usize {
    source
        .get(at..)
        .and_then(|rest| rest.chars().next())
        .map_or(at, |c| at + c.len_utf8())
}

/// saphyr-parser counts positions in characters; diagnostics need bytes.
struct ByteOffsets {
    /// The byte offset of each character, or `None` when every character is one byte.
    starts: Option<Vec<usize>>,
    len: usize,
}

impl ByteOffsets {
    fn new(source: &str) -> ByteOffsets {
        let starts =
            (!source.is_ascii()).then(|| source.char_indices().map(|(offset, _)| offset).collect());
        ByteOffsets {
            starts,
            len: source.len(),
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        match &self.starts {
            None => char_index.min(self.len),
            Some(starts) => starts.get(char_index).copied().unwrap_or(self.len),
        }
    }
}
