//! Small text edits that fixes are made of.

use crate::diagnostic::{Fix, Span};
use crate::read::Node;

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
