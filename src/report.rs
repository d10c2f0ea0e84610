//! TEMPORARY stand-in (pkg worktree only, to be replaced by the real `report` module): turns an
//! [`Analysis`] into the contract's JSON, converting byte spans to UTF-16 positions.

use serde_json::{json, Value};

use crate::analysis::Analysis;
use crate::diagnostic::{Diagnostic, Span};

/// The contract's `Analysis` object (camelCase, UTF-16 positions) for `analysis` of `source`.
pub fn analysis_to_json_value(source: &str, analysis: &Analysis) -> Value {
    let lines = LineIndex::new(source);
    json!({
        "strategy": analysis.strategy,
        "diagnostics": analysis
            .diagnostics
            .iter()
            .map(|diagnostic| diagnostic_json(&lines, diagnostic))
            .collect::<Vec<_>>(),
        "timeline": analysis.timeline,
    })
}

fn diagnostic_json(lines: &LineIndex, diagnostic: &Diagnostic) -> Value {
    json!({
        "code": diagnostic.code.as_str(),
        "severity": diagnostic.severity,
        "message": diagnostic.message,
        "path": diagnostic.path,
        "range": diagnostic.span.as_ref().map(|span| lines.range(span)),
        "help": diagnostic.help,
        "fixes": diagnostic.fixes.iter().map(|fix| json!({
            "title": fix.title,
            "edits": fix.edits.iter().map(|edit| json!({
                "range": lines.range(&edit.span),
                "newText": edit.new_text,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

/// Byte offset to UTF-16 offset, line and column, through the start of each line.
struct LineIndex<'a> {
    source: &'a str,
    /// For each line: its start as (byte offset, UTF-16 offset).
    starts: Vec<(usize, usize)>,
}

impl<'a> LineIndex<'a> {
    fn new(source: &'a str) -> LineIndex<'a> {
        let mut starts = vec![(0, 0)];
        let mut utf16 = 0;
        for (byte, character) in source.char_indices() {
            utf16 += character.len_utf16();
            if character == '\n' {
                starts.push((byte + 1, utf16));
            }
        }
        LineIndex { source, starts }
    }

    fn range(&self, span: &Span) -> Value {
        json!({ "start": self.position(span.start), "end": self.position(span.end) })
    }

    fn position(&self, byte: usize) -> Value {
        let mut byte = byte.min(self.source.len());
        while !self.source.is_char_boundary(byte) {
            byte -= 1;
        }
        let line = self.starts.partition_point(|&(start, _)| start <= byte) - 1;
        let (line_byte, line_utf16) = self.starts[line];
        let column: usize = self.source[line_byte..byte]
            .chars()
            .map(char::len_utf16)
            .sum();
        json!({ "offset": line_utf16 + column, "line": line + 1, "column": column + 1 })
    }
}
