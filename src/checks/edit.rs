//! Small text edits that fixes are made of.

use crate::diagnostic::{Fix, Span};
use crate::read::Node;

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
