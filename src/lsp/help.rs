//! The language server's hover and completion for an editor that does not speak the protocol:
//! the npm package's `hover` and `completions` exports (the playground asks them for every
//! source but the module's `.tfvars`, whose docs it reads from `schema()`), answering with the
//! same text as `textDocument/hover` and `textDocument/completion`, in JavaScript's units.

use lsp_types::{CompletionTextEdit, Documentation, HoverContents, MarkupContent};

use super::convert::Text;
use super::docs;
use crate::options::Options;
use crate::position::{Encoding, LineIndex};

/// A hover: its Markdown and the UTF-16 range of the name it is about.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct HoverHelp {
    pub markdown: String,
    pub from: usize,
    pub to: usize,
}

/// One completion: the name, a short detail (its type), its docs as Markdown, and the text that
/// replaces the UTF-16 range `from..to` (the part of the name already typed).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct CompletionHelp {
    pub label: String,
    pub detail: String,
    pub documentation: String,
    pub insert: String,
    pub from: usize,
    pub to: usize,
}

/// The hover at UTF-16 `offset` of `source` read as `options` say (or as detected). In the
/// module's deployment settings it ends with the rollout summary of `source` analysed with
/// `options`, except in the browser's second `.wasm` (the `lazy-wasm` feature), which carries no
/// analyzer of its own: its editor asks it only outside the module's tfvars.
pub fn hover(source: &str, offset: usize, options: &Options) -> Option<HoverHelp> {
    let index = LineIndex::new(source);
    let text = utf16_text(source, &index);
    let kind = options.input_kind(source);
    #[cfg(not(feature = "lazy-wasm"))]
    let summary = || Some(docs::rollout_summary(&crate::analyze(source, options)));
    #[cfg(feature = "lazy-wasm")]
    let summary = || None;
    let hover = docs::hover(&text, kind, byte_at(source, offset), summary)?;
    let markdown = match hover.contents {
        HoverContents::Markup(content) => content.value,
        _ => return None,
    };
    let span = text.span(hover.range?);
    Some(HoverHelp {
        markdown,
        from: index.position(span.start, Encoding::Utf16).offset,
        to: index.position(span.end, Encoding::Utf16).offset,
    })
}

/// The completions at UTF-16 `offset` of `source` read as `options` say (or as detected).
pub fn completions(source: &str, offset: usize, options: &Options) -> Vec<CompletionHelp> {
    let index = LineIndex::new(source);
    let text = utf16_text(source, &index);
    let kind = options.input_kind(source);
    let format = options
        .format
        .unwrap_or_else(|| crate::read::detect_format(source));
    docs::completion(&text, format, kind, byte_at(source, offset))
        .into_iter()
        .filter_map(|item| {
            let Some(CompletionTextEdit::Edit(edit)) = item.text_edit else {
                return None;
            };
            let span = text.span(edit.range);
            Some(CompletionHelp {
                detail: item.detail.unwrap_or_default(),
                documentation: match item.documentation {
                    Some(Documentation::MarkupContent(MarkupContent { value, .. })) => value,
                    Some(Documentation::String(value)) => value,
                    None => String::new(),
                },
                label: item.label,
                insert: edit.new_text,
                from: index.position(span.start, Encoding::Utf16).offset,
                to: index.position(span.end, Encoding::Utf16).offset,
            })
        })
        .collect()
}

/// `source` as the protocol layer reads it, in JavaScript's units.
fn utf16_text<'a>(source: &'a str, index: &'a LineIndex) -> Text<'a> {
    Text {
        source,
        index,
        encoding: Encoding::Utf16,
    }
}

/// The byte offset of UTF-16 `offset` (the end of the source past it, the start of a character
/// inside it).
fn byte_at(source: &str, offset: usize) -> usize {
    let mut units = 0;
    for (byte, character) in source.char_indices() {
        if units >= offset {
            return byte;
        }
        units += character.len_utf16();
        if units > offset {
            return byte;
        }
    }
    source.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_offsets_become_character_starts() {
        let source = "a\u{1F600}b";
        assert_eq!(byte_at(source, 0), 0);
        assert_eq!(byte_at(source, 1), 1);
        // Inside the surrogate pair: the start of the emoji.
        assert_eq!(byte_at(source, 2), 1);
        assert_eq!(byte_at(source, 3), 5);
        assert_eq!(byte_at(source, 99), source.len());
    }
}
