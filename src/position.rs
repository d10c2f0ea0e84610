//! Byte offsets to line/column positions, in the units each consumer counts in.
//!
//! The core keeps every span as a byte range; this module converts them once, at the edge.
//! A [`LineIndex`] is built once per source in O(n) and answers each lookup in O(log n): it
//! records where lines start and where the non-ASCII characters are, so a lookup never rescans
//! the text.
//!
//! Lines end at `\n`, `\r\n` or a lone `\r`, as CodeMirror and most editors count them; a
//! `\r\n` pair is one line break. No other character (such as U+2028) ends a line. A byte order
//! mark is an ordinary character: it counts towards offsets and columns like any other.

use std::ops::Range;

use serde::Serialize;

/// The unit an offset or column counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-16 code units: JavaScript string indices, the contract's unit, SARIF's `utf16CodeUnits`.
    Utf16,
    /// Unicode scalar values (Rust `char`s), as the human renderer counts columns.
    Chars,
    /// UTF-8 bytes, the core's own unit.
    Bytes,
}

/// A point in the source: `offset` from the start, 1-based `line`, 1-based `column`.
///
/// `offset` and `column` count in the [`Encoding`] the position was made with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Position {
    pub offset: usize,
    pub line: usize,
    pub column: usize,
}

/// A character that takes more than one UTF-8 byte.
#[derive(Debug, Clone, Copy)]
struct WideChar {
    start: usize,
    utf8_len: usize,
    utf16_len: usize,
}

/// Line starts and non-ASCII characters of one source, for O(log n) position lookups.
#[derive(Debug, Clone)]
pub struct LineIndex {
    len: usize,
    /// Byte offset where each line starts; the first is always 0.
    line_starts: Vec<usize>,
    /// Every character of two or more UTF-8 bytes, in order.
    wide_chars: Vec<WideChar>,
    /// `utf16_saved[i]`: how many fewer UTF-16 units than bytes the first `i` wide chars take.
    utf16_saved: Vec<usize>,
    /// `chars_saved[i]`: how many fewer chars than bytes the first `i` wide chars take.
    chars_saved: Vec<usize>,
}

impl LineIndex {
    /// Indexes `source` in one pass.
    pub fn new(source: &str) -> LineIndex {
        let mut line_starts = vec![0];
        let mut wide_chars = Vec::new();
        let bytes = source.as_bytes();
        for (start, ch) in source.char_indices() {
            match ch {
                '\n' => line_starts.push(start + 1),
                '\r' if bytes.get(start + 1) != Some(&b'\n') => line_starts.push(start + 1),
                _ if !ch.is_ascii() => wide_chars.push(WideChar {
                    start,
                    utf8_len: ch.len_utf8(),
                    utf16_len: ch.len_utf16(),
                }),
                _ => {}
            }
        }
        let mut utf16_saved = Vec::with_capacity(wide_chars.len() + 1);
        let mut chars_saved = Vec::with_capacity(wide_chars.len() + 1);
        utf16_saved.push(0);
        chars_saved.push(0);
        for wide in &wide_chars {
            utf16_saved
                .push(utf16_saved.last().copied().unwrap_or(0) + wide.utf8_len - wide.utf16_len);
            chars_saved.push(chars_saved.last().copied().unwrap_or(0) + wide.utf8_len - 1);
        }
        LineIndex {
            len: source.len(),
            line_starts,
            wide_chars,
            utf16_saved,
            chars_saved,
        }
    }

    /// The number of lines; a source ending in a line break has an empty last line.
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The source length in bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the source is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// `byte` moved back to the start of the character it falls in, and to the end of the
    /// source when past it.
    pub fn clamp(&self, byte: usize) -> usize {
        let byte = byte.min(self.len);
        let before = self.wide_chars_before(byte);
        match before.checked_sub(1).map(|i| self.wide_chars[i]) {
            Some(wide) if wide.start + wide.utf8_len > byte => wide.start,
            _ => byte,
        }
    }

    /// The position of `byte` (clamped as [`clamp`](Self::clamp) does) in `encoding`.
    pub fn position(&self, byte: usize, encoding: Encoding) -> Position {
        let byte = self.clamp(byte);
        let line = self.line_starts.partition_point(|&start| start <= byte) - 1;
        let line_start = self.line_starts[line];
        let offset = self.convert(byte, encoding);
        Position {
            offset,
            line: line + 1,
            column: offset - self.convert(line_start, encoding) + 1,
        }
    }

    /// The positions of both ends of `span`; the end is never before the start.
    pub fn range(&self, span: &Range<usize>, encoding: Encoding) -> (Position, Position) {
        let start = self.position(span.start, encoding);
        let end = self.position(span.end.max(span.start), encoding);
        (start, end)
    }

    /// The byte range of 1-based `line`, without its line break; empty past the last line.
    pub fn line_span(&self, line: usize, source: &str) -> Range<usize> {
        let Some(&start) = line.checked_sub(1).and_then(|i| self.line_starts.get(i)) else {
            return self.len..self.len;
        };
        let mut end = self.line_starts.get(line).copied().unwrap_or(self.len);
        let text = source.as_bytes();
        if end > start && text.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > start && text.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        start..end
    }

    /// The byte offset of the character at `column` units (counted in `encoding`, 0-based) of
    /// 1-based `line` of `source`: the start of the character that unit falls in, and the end
    /// of the line (before its break) past it; the end of the source past the last line. Found
    /// in O(log² n), without reading the line.
    pub fn offset_in_line(
        &self,
        line: usize,
        column: usize,
        encoding: Encoding,
        source: &str,
    ) -> usize {
        let span = self.line_span(line, source);
        let target = self.convert(span.start, encoding).saturating_add(column);
        if self.convert(span.end, encoding) <= target {
            return span.end;
        }
        // The largest byte of the line whose character starts at or before the target unit.
        let (mut low, mut high) = (span.start, span.end);
        while low < high {
            let middle = low + (high - low).div_ceil(2);
            if self.convert(self.clamp(middle), encoding) <= target {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        self.clamp(low)
    }

    /// How many wide characters start before `byte`.
    fn wide_chars_before(&self, byte: usize) -> usize {
        self.wide_chars.partition_point(|wide| wide.start < byte)
    }

    /// `byte`, which must be on a character boundary, counted in `encoding`.
    fn convert(&self, byte: usize, encoding: Encoding) -> usize {
        let before = self.wide_chars_before(byte);
        match encoding {
            Encoding::Bytes => byte,
            Encoding::Utf16 => byte - self.utf16_saved[before],
            Encoding::Chars => byte - self.chars_saved[before],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The obvious O(n) answer, to check the index against.
    fn naive(source: &str, byte: usize, encoding: Encoding) -> Position {
        let mut byte = byte.min(source.len());
        while !source.is_char_boundary(byte) {
            byte -= 1;
        }
        let count = |text: &str| match encoding {
            Encoding::Bytes => text.len(),
            Encoding::Utf16 => text.encode_utf16().count(),
            Encoding::Chars => text.chars().count(),
        };
        let before = &source[..byte];
        let mut line = 1;
        let mut line_start = 0;
        let bytes = source.as_bytes();
        for (i, &b) in before.as_bytes().iter().enumerate() {
            let breaks = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if breaks {
                line += 1;
                line_start = i + 1;
            }
        }
        Position {
            offset: count(before),
            line,
            column: count(&source[line_start..byte]) + 1,
        }
    }

    #[test]
    fn counts_line_breaks_like_an_editor() {
        let source = "a\r\nb\rc\nd";
        let index = LineIndex::new(source);
        assert_eq!(index.line_count(), 4);
        let lines: Vec<&str> = (1..=4)
            .map(|l| &source[index.line_span(l, source)])
            .collect();
        assert_eq!(lines, ["a", "b", "c", "d"]);
        assert_eq!(
            index.position(7, Encoding::Utf16),
            Position {
                offset: 7,
                line: 4,
                column: 1
            }
        );
    }

    #[test]
    fn offsets_inside_a_character_clamp_to_its_start() {
        let source = "é🎉x";
        let index = LineIndex::new(source);
        assert_eq!(index.clamp(1), 0);
        assert_eq!(index.clamp(4), 2);
        assert_eq!(index.position(4, Encoding::Utf16).offset, 1);
        assert_eq!(index.position(6, Encoding::Utf16).offset, 3);
        assert_eq!(index.position(6, Encoding::Chars).column, 3);
        assert_eq!(index.position(99, Encoding::Utf16).offset, 4);
    }

    /// The obvious answer to `offset_in_line`: walk the line.
    fn naive_offset(source: &str, line: usize, column: usize, encoding: Encoding) -> usize {
        let index = LineIndex::new(source);
        let span = index.line_span(line, source);
        let mut units = 0;
        for (start, ch) in source[span.clone()].char_indices() {
            let width = match encoding {
                Encoding::Utf16 => ch.len_utf16(),
                Encoding::Bytes => ch.len_utf8(),
                Encoding::Chars => 1,
            };
            if units + width > column {
                return span.start + start;
            }
            units += width;
        }
        span.end
    }

    proptest! {
        #[test]
        fn offsets_in_a_line_agree_with_a_walk(
            source in "[a\u{e9}\u{1F389}\r\n\t\u{4e2d}]{0,40}",
            line in 1usize..8,
            column in 0usize..50,
        ) {
            let index = LineIndex::new(&source);
            for encoding in [Encoding::Utf16, Encoding::Chars, Encoding::Bytes] {
                prop_assert_eq!(
                    index.offset_in_line(line, column, encoding, &source),
                    naive_offset(&source, line, column, encoding)
                );
            }
        }

        #[test]
        fn agrees_with_a_naive_scan(
            source in "[a\u{e9}\u{1F389}\r\n\t\u{4e2d}]{0,40}",
            byte in 0usize..200,
        ) {
            let index = LineIndex::new(&source);
            for encoding in [Encoding::Utf16, Encoding::Chars, Encoding::Bytes] {
                prop_assert_eq!(index.position(byte, encoding), naive(&source, byte, encoding));
            }
        }
    }
}
