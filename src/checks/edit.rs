//! Small text edits that fixes are made of.

use crate::diagnostic::{Edit, Fix, Span};
use crate::options::Format;
use crate::read::Node;

/// A fix that sets a top-level variable: replaces its value when present, else appends a line
/// in the file's `format`.
pub fn set_variable(
    source: &str,
    format: Format,
    existing: Option<&Node>,
    name: &str,
    value: &str,
) -> Fix {
    let title = format!("Set `{name} = {value}`");
    if let Some(node) = existing {
        return Fix::replace(title, node.span.clone(), value);
    }
    if format == Format::Json {
        let Some(close) = source.rfind('}') else {
            return Fix::replace(title, source.len()..source.len(), "");
        };
        let has_entries = source[..close].trim_end().ends_with(|c: char| c != '{');
        let separator = if has_entries { "," } else { "" };
        return Fix {
            title,
            edits: vec![Edit {
                span: close..close,
                new_text: format!("{separator}\n  \"{name}\": {value}\n"),
            }],
        };
    }
    let newline = if source.is_empty() || source.ends_with('\n') {
        ""
    } else {
        "\n"
    };
    let line = format!("{name} = {value}\n");
    // Appending reads naturally, but an unterminated heredoc, string or comment at the end of
    // the file would swallow the new line. The start of the file (after a byte order mark) is
    // always a fresh statement, so the line goes there when appending would not be read.
    let appended = format!("{source}{newline}{line}");
    let (document, _) = crate::read::read(&appended, Some(Format::Hcl));
    let (at, new_text) = if document.attributes.iter().any(|entry| entry.key == name) {
        (source.len(), format!("{newline}{line}"))
    } else {
        (if source.starts_with('\u{feff}') { 3 } else { 0 }, line)
    };
    Fix {
        title,
        edits: vec![Edit {
            span: at..at,
            new_text,
        }],
    }
}

/// Whether `node` is written as its own string literal (`"NAME"`, no interpolation), so that an
/// edit of its span changes that value alone. An item computed by an expression (such as the
/// `s` of `[for s in [...] : s]`) has a span shared with other items, and gets no fix.
pub fn is_own_string_literal(source: &str, node: &Node) -> bool {
    source.get(node.span.clone()).is_some_and(|text| {
        text.len() >= 2
            && text.starts_with('"')
            && text.ends_with('"')
            && !text.contains("${")
            && !text.contains("%{")
    })
}

/// A fix that removes item `index` of `items` from a list, with the comma that separates it.
pub fn remove_list_item(title: String, items: &[Node], index: usize) -> Fix {
    let span: Span = match (
        index.checked_sub(1).and_then(|before| items.get(before)),
        items.get(index + 1),
    ) {
        (_, Some(next)) => items[index].span.start..next.span.start,
        (Some(previous), None) => previous.span.end..items[index].span.end,
        (None, None) => items[index].span.clone(),
    };
    Fix::replace(title, span, "")
}
