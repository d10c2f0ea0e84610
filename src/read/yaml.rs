//! The YAML reader for CloudFormation templates: the first document as the reader's value
//! tree, every key and value with its byte span.
//!
//! Written here rather than taken from a library because of the browser's size budget. Measured
//! on the browser `.wasm` (gzipped, same sources): saphyr-parser 0.3, the maintained YAML 1.2
//! event parser with positions, with the tree built from its events, cost 23.7 KB of the 36.5 KB
//! by which issue 13 went over the 260 KB budget; yaml-rust2 is larger still, and serde_yaml
//! (unmaintained) keeps no positions. This reader covers what CloudFormation templates are
//! written in: block mappings and sequences (including a sequence at its key's indentation and
//! a mapping that starts on a `- ` line), flow collections over several lines, plain, single-
//! and double-quoted scalars (escapes and line folding), literal and folded block scalars with
//! chomping and indentation indicators, comments, `---` and `...`, directives, anchors (ignored)
//! and tags.
//!
//! Plain scalars take YAML's core schema (`true`/`false`, `null`/`~`/empty, numbers); quoted
//! ones stay strings. CloudFormation's short intrinsic tags become the long form's one-key
//! objects (`!Ref X` is `{"Ref": "X"}`, `!Sub s` is `{"Fn::Sub": "s"}`), so JSON and YAML
//! templates reach the service reader alike. Aliases are not followed (CloudFormation does not
//! support them) and read as `null`, with a diagnostic; complex keys (`? `) end reading with a
//! syntax error. Nesting is limited to [`MAX_DEPTH`](super::MAX_DEPTH). A syntax error stops
//! reading and keeps what was read before it.

use super::{Entry, Node, Value, MAX_DEPTH};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::scalar::parse_number;

/// Reads the first YAML document of `source`; `None` when it holds nothing.
pub fn read(source: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Node> {
    let mut reader = Reader {
        text: source,
        bytes: source.as_bytes(),
        pos: 0,
        depth: 0,
        error: None,
        diagnostics,
    };
    let root = reader.document();
    if let Some((span, message)) = reader.error.take() {
        reader.diagnostics.push(
            Diagnostic::new(
                Code::SyntaxError,
                format!("this is not valid YAML: {message}"),
            )
            .at(span)
            .with_help("Reading stopped here; the services before this point are still checked"),
        );
    }
    root
}

struct Reader<'a, 'd> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
    /// The first syntax error; reading stops at it.
    error: Option<(Span, String)>,
    diagnostics: &'d mut Vec<Diagnostic>,
}

/// A tag or anchor written before a value.
#[derive(Default)]
struct Properties {
    tag: Option<String>,
    /// Where the tag starts, so that a tagged value's span covers `!Ref Name` whole.
    start: usize,
}

impl Reader<'_, '_> {
    fn peek(&self) -> u8 {
        self.bytes.get(self.pos).copied().unwrap_or(0)
    }

    fn at(&self, offset: usize) -> u8 {
        self.bytes.get(self.pos + offset).copied().unwrap_or(0)
    }

    fn fail(&mut self, message: impl Into<String>) {
        if self.error.is_none() {
            let end = self.text[self.pos.min(self.text.len())..]
                .chars()
                .next()
                .map_or(self.pos, |c| self.pos + c.len_utf8());
            self.error = Some((self.pos..end, message.into()));
        }
    }

    fn failed(&self) -> bool {
        self.error.is_some()
    }

    /// The column of `pos` (bytes since the line's start).
    fn column(&self) -> usize {
        self.pos
            - self.text[..self.pos]
                .rfind('\n')
                .map_or(0, |newline| newline + 1)
    }

    /// Whether `byte` ends a plain token: a space, a line end or the end of the text.
    fn is_break_or_space(byte: u8) -> bool {
        matches!(byte, 0 | b' ' | b'\t' | b'\n' | b'\r')
    }

    fn skip_spaces(&mut self) {
        while matches!(self.peek(), b' ' | b'\t') {
            self.pos += 1;
        }
    }

    /// Skips spaces and a comment to the end of the line (not past it).
    fn skip_to_line_end(&mut self) {
        self.skip_spaces();
        if self.peek() == b'#' {
            while !matches!(self.peek(), 0 | b'\n') {
                self.pos += 1;
            }
        }
    }

    fn at_line_end(&self) -> bool {
        matches!(self.peek(), 0 | b'\n' | b'\r' | b'#')
    }

    /// Moves to the first character of the next line that holds content (not blank, not only
    /// a comment); `false` at the end of the text or of the document.
    fn next_content(&mut self) -> bool {
        loop {
            let line_start = self.pos;
            self.skip_spaces();
            match self.peek() {
                0 => return false,
                b'\n' | b'\r' => {
                    self.pos += 1;
                }
                b'#' => self.skip_to_line_end(),
                _ => {
                    if self.column() == 0 && self.document_marker() {
                        self.pos = line_start;
                        return false;
                    }
                    if self.bytes[line_start..self.pos].contains(&b'\t') && self.column() > 0 {
                        let tab = line_start
                            + self.bytes[line_start..self.pos]
                                .iter()
                                .position(|&b| b == b'\t')
                                .unwrap_or(0);
                        self.pos = tab;
                        self.fail("a tab indents this line, and YAML indents with spaces only");
                        return false;
                    }
                    return true;
                }
            }
        }
    }

    /// `---` or `...` at the start of a line.
    fn document_marker(&self) -> bool {
        (self.text[self.pos..].starts_with("---") || self.text[self.pos..].starts_with("..."))
            && Self::is_break_or_space(self.at(3))
    }

    fn document(&mut self) -> Option<Node> {
        // Directives and the `---` that starts the document.
        loop {
            if !self.next_content() {
                if self.text[self.pos..].starts_with("---") {
                    self.pos += 3;
                    break;
                }
                return None;
            }
            if self.peek() == b'%' && self.column() == 0 {
                self.skip_line();
                continue;
            }
            break;
        }
        if !self.next_content() && self.at_line_end() {
            return None;
        }
        let node = self.block_node(-1);
        if !self.failed() && self.next_content() {
            self.fail("this line is not part of the value above it (check its indentation)");
        }
        Some(node)
    }

    fn skip_line(&mut self) {
        while !matches!(self.peek(), 0 | b'\n') {
            self.pos += 1;
        }
    }

    fn empty(&self) -> Node {
        Node {
            value: Value::Null,
            span: self.pos..self.pos,
            computed: false,
        }
    }

    /// A block node whose first character is at `pos`, more indented than `parent`.
    fn block_node(&mut self, parent: isize) -> Node {
        if self.depth >= MAX_DEPTH {
            self.fail(format!("this YAML nests deeper than {MAX_DEPTH} levels"));
            return self.empty();
        }
        self.depth += 1;
        let indent = self.column();
        let node = if self.peek() == b'-' && Self::is_break_or_space(self.at(1)) {
            self.block_sequence(indent)
        } else if self.mapping_key_here() {
            self.block_mapping(indent)
        } else {
            self.inline_value(parent)
        };
        self.depth -= 1;
        node
    }

    /// Whether the line from `pos` starts with `key:` (a plain or quoted key and a colon that
    /// is followed by a space or the line's end).
    fn mapping_key_here(&self) -> bool {
        let rest = &self.text[self.pos..];
        let line = rest.split('\n').next().unwrap_or("");
        if line.starts_with('?')
            && Self::is_break_or_space(line.as_bytes().get(1).copied().unwrap_or(0))
        {
            return true;
        }
        if let Some(quote) = line.chars().next().filter(|c| *c == '"' || *c == '\'') {
            let mut escaped = false;
            for (index, c) in line.char_indices().skip(1) {
                if quote == '"' && c == '\\' && !escaped {
                    escaped = true;
                    continue;
                }
                if c == quote && !escaped {
                    return line[index + 1..].trim_start().starts_with(':');
                }
                escaped = false;
            }
            return false;
        }
        if matches!(
            line.as_bytes().first(),
            Some(b'[' | b'{' | b'!' | b'&' | b'*' | b'|' | b'>' | b'#')
        ) {
            return false;
        }
        let bytes = line.as_bytes();
        for index in 0..bytes.len() {
            if bytes[index] == b'#' && index > 0 && matches!(bytes[index - 1], b' ' | b'\t') {
                return false;
            }
            if bytes[index] == b':'
                && Self::is_break_or_space(bytes.get(index + 1).copied().unwrap_or(0))
            {
                return true;
            }
        }
        false
    }

    /// A block sequence whose first `-` is at `pos`, at column `indent`.
    fn block_sequence(&mut self, indent: usize) -> Node {
        let start = self.pos;
        let mut items = Vec::new();
        loop {
            // Past the `-` and its spaces.
            self.pos += 1;
            self.skip_spaces();
            let item = if self.at_line_end() {
                let here = self.pos;
                self.skip_to_line_end();
                let line_end = self.pos;
                if self.next_content() && self.column() > indent {
                    self.block_node(indent as isize)
                } else {
                    self.pos = line_end;
                    Node {
                        value: Value::Null,
                        span: here..here,
                        computed: false,
                    }
                }
            } else {
                // A node on the `-` line (`- key: value` starts a mapping at that column).
                self.block_node(indent as isize)
            };
            items.push(item);
            if self.failed() {
                break;
            }
            let line_end = self.pos;
            if !self.next_content() {
                self.pos = line_end;
                break;
            }
            if self.column() == indent && self.peek() == b'-' && Self::is_break_or_space(self.at(1))
            {
                continue;
            }
            self.pos = line_end;
            break;
        }
        let end = items.last().map_or(self.pos, |item: &Node| item.span.end);
        Node {
            value: Value::List(items),
            span: start..end.max(start),
            computed: false,
        }
    }

    fn block_mapping(&mut self, indent: usize) -> Node {
        let start = self.pos;
        let mut entries: Vec<Entry> = Vec::new();
        loop {
            if self.peek() == b'?' {
                self.fail("complex keys (`? `) are not supported");
                break;
            }
            let (key, key_span) = self.mapping_key();
            if self.failed() {
                break;
            }
            // After the colon.
            self.pos += 1;
            self.skip_spaces();
            let value = self.mapping_value(indent);
            if entries.iter().any(|entry| entry.key == key) {
                self.diagnostics.push(
                    Diagnostic::new(Code::DuplicateAttribute, format!("`{key}` is set more than once in this mapping"))
                        .at(key_span.clone())
                        .with_help("CloudFormation refuses a template with a key repeated in one mapping; keep one of them"),
                );
            } else {
                entries.push(Entry {
                    key,
                    key_span,
                    value,
                });
            }
            if self.failed() {
                break;
            }
            let line_end = self.pos;
            if !self.next_content() {
                self.pos = line_end;
                break;
            }
            let column = self.column();
            if column != indent || (self.peek() == b'-' && Self::is_break_or_space(self.at(1))) {
                self.pos = line_end;
                if column > indent {
                    self.next_content();
                    self.fail("this line is indented more than the key before it, but that key already has a value");
                }
                break;
            }
            if !self.mapping_key_here() {
                self.fail("expected `key: value` at this indentation");
                break;
            }
        }
        let end = entries.last().map_or(self.pos, |entry| {
            entry.value.span.end.max(entry.key_span.end)
        });
        Node {
            value: Value::Object(entries),
            span: start..end.max(start),
            computed: false,
        }
    }

    /// A key at `pos`, leaving `pos` on its colon.
    fn mapping_key(&mut self) -> (String, Span) {
        let start = self.pos;
        let key = match self.peek() {
            b'"' => self.double_quoted(),
            b'\'' => self.single_quoted(),
            _ => {
                while !(matches!(self.peek(), 0 | b'\n')
                    || self.peek() == b':' && Self::is_break_or_space(self.at(1)))
                {
                    self.pos += 1;
                }
                self.text[start..self.pos].trim_end().to_owned()
            }
        };
        let key_end = self.pos;
        self.skip_spaces();
        if self.peek() != b':' {
            self.fail("expected `:` after this key");
        }
        (key, start..key_end)
    }

    /// The value after `key:` (the position is after the colon and its spaces).
    fn mapping_value(&mut self, indent: usize) -> Node {
        let properties = self.properties();
        if self.failed() {
            return self.empty();
        }
        let here = self.pos;
        self.skip_to_line_end();
        if self.at_line_end() {
            // The value is on the following lines: more indented, or a sequence at this one.
            let line_end = self.pos;
            let node = if self.next_content()
                && (self.column() > indent
                    || (self.column() == indent
                        && self.peek() == b'-'
                        && Self::is_break_or_space(self.at(1))))
            {
                self.block_node(indent as isize)
            } else {
                self.pos = line_end;
                Node {
                    value: Value::Null,
                    span: here..here,
                    computed: false,
                }
            };
            return tagged(properties, node);
        }
        self.pos = here;
        let node = self.inline_value(indent as isize);
        tagged(properties, node)
    }

    /// A tag (`!Ref`, `!!str`) and an anchor (`&name`, ignored) before a value, in any order.
    fn properties(&mut self) -> Properties {
        let mut properties = Properties::default();
        loop {
            match self.peek() {
                b'!' => {
                    let start = self.pos;
                    properties.start = start;
                    while !Self::is_break_or_space(self.peek())
                        && !matches!(self.peek(), b',' | b']' | b'}')
                    {
                        self.pos += 1;
                    }
                    let tag = &self.text[start..self.pos];
                    // `!Ref` is CloudFormation's; `!!str` and other handles are YAML's own.
                    if let Some(name) = tag
                        .strip_prefix('!')
                        .filter(|name| !name.starts_with('!') && !name.is_empty())
                    {
                        properties.tag = Some(name.to_owned());
                    }
                    self.skip_spaces();
                }
                b'&' => {
                    while !Self::is_break_or_space(self.peek()) {
                        self.pos += 1;
                    }
                    self.skip_spaces();
                }
                _ => return properties,
            }
        }
    }

    /// A value that starts on the current line: a flow collection, a quoted or plain scalar or
    /// a block scalar; `parent` is the indentation of the node it belongs to.
    fn inline_value(&mut self, parent: isize) -> Node {
        let properties = self.properties();
        let start = self.pos;
        if self.at_line_end() {
            // `- !Ref` alone, or a tag before a block on the next lines.
            let line_end = self.pos;
            self.skip_to_line_end();
            if self.next_content() && self.column() as isize > parent {
                let node = self.block_node(parent);
                return tagged(properties, node);
            }
            self.pos = line_end;
            return tagged(properties, self.empty());
        }
        let node = match self.peek() {
            b'[' | b'{' => self.flow_collection(),
            b'"' | b'\'' => self.quoted_scalar(),
            b'|' | b'>' => self.block_scalar(parent),
            b'*' => {
                while !Self::is_break_or_space(self.peek()) {
                    self.pos += 1;
                }
                self.diagnostics.push(
                    Diagnostic::new(Code::UnsupportedExpression, "this YAML alias is not followed, so the value it stands for is not checked")
                        .at(start..self.pos)
                        .with_help("Write the value itself; CloudFormation does not support YAML aliases"),
                );
                Node {
                    value: Value::Null,
                    span: start..self.pos,
                    computed: false,
                }
            }
            b'-' if Self::is_break_or_space(self.at(1)) && parent >= 0 => {
                self.fail("a sequence cannot start on the same line as its key");
                self.empty()
            }
            _ => self.plain_scalar(parent, false),
        };
        if !self.failed() {
            self.skip_to_line_end();
        }
        if !self.failed() && !matches!(self.peek(), 0 | b'\n' | b'\r') {
            self.fail("unexpected text after this value");
        }
        let plain = properties.tag.is_none();
        let node = if plain {
            node
        } else {
            self.typed_as_string(node)
        };
        tagged(properties, node)
    }

    /// A tagged plain scalar stays a string (`!Ref 10` refers to `10`, it is no number).
    fn typed_as_string(&self, mut node: Node) -> Node {
        if matches!(node.value, Value::Number(_) | Value::Bool(_) | Value::Null) {
            node.value = Value::String(self.text[node.span.clone()].trim().to_owned());
        }
        node
    }

    /// A plain scalar: to the line's end or a comment, continued on more indented lines (in a
    /// block); in a flow collection, up to `,`, `]`, `}` or `: `.
    fn plain_scalar(&mut self, parent: isize, flow: bool) -> Node {
        let start = self.pos;
        let mut end = self.pos;
        let mut text = String::new();
        loop {
            let line_start = self.pos;
            while !matches!(self.peek(), 0 | b'\n' | b'\r') {
                let byte = self.peek();
                if byte == b'#'
                    && self.pos > line_start
                    && matches!(self.bytes[self.pos - 1], b' ' | b'\t')
                {
                    break;
                }
                // In a flow collection a `:` before `,`, `]` or `}` ends an implicit key too
                // (`[empty:, next]`).
                let ends_flow_key = flow && matches!(self.at(1), b',' | b']' | b'}');
                if byte == b':' && (Self::is_break_or_space(self.at(1)) || ends_flow_key) {
                    if flow {
                        break;
                    }
                    self.fail("a plain value cannot contain `: `; quote it");
                    return self.empty();
                }
                if flow && matches!(byte, b',' | b']' | b'}' | b'[' | b'{') {
                    break;
                }
                self.pos += 1;
            }
            let piece = self.text[line_start..self.pos].trim_end();
            if !piece.is_empty() {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(piece.trim_start());
                end = line_start + self.text[line_start..self.pos].trim_end().len();
            }
            if flow && !matches!(self.peek(), 0 | b'\n' | b'\r') {
                break;
            }
            // A continuation line is more indented than the parent and is no key or comment.
            let line_end = self.pos;
            if flow
                || !self.next_content()
                || (self.column() as isize) <= parent
                || self.mapping_key_here()
                || self.peek() == b'#'
            {
                self.pos = if flow { self.pos } else { line_end };
                break;
            }
        }
        self.pos = self.pos.max(end);
        if !flow {
            self.pos = end;
        }
        Node {
            value: plain_value(&text),
            span: start..end,
            computed: false,
        }
    }

    /// A single- or double-quoted scalar from its opening quote, as a string node.
    fn quoted_scalar(&mut self) -> Node {
        let start = self.pos;
        let text = if self.peek() == b'"' {
            self.double_quoted()
        } else {
            self.single_quoted()
        };
        string(text, start..self.pos)
    }

    /// A double-quoted scalar from its opening quote, with escapes and line folding.
    fn double_quoted(&mut self) -> String {
        self.pos += 1;
        let mut text = String::new();
        loop {
            match self.peek() {
                0 => {
                    self.fail("this quoted value has no closing `\"`");
                    return text;
                }
                b'"' => {
                    self.pos += 1;
                    return text;
                }
                b'\\' => {
                    self.pos += 1;
                    let escape = self.peek();
                    self.pos += 1;
                    match escape {
                        b'n' => text.push('\n'),
                        b't' | b'\t' => text.push('\t'),
                        b'r' => text.push('\r'),
                        b'0' => text.push('\0'),
                        b' ' => text.push(' '),
                        b'"' => text.push('"'),
                        b'/' => text.push('/'),
                        b'\\' => text.push('\\'),
                        b'e' => text.push('\u{1b}'),
                        b'N' => text.push('\u{85}'),
                        b'_' => text.push('\u{a0}'),
                        b'\n' => self.skip_spaces(),
                        b'x' | b'u' | b'U' => {
                            let digits = match escape {
                                b'x' => 2,
                                b'u' => 4,
                                _ => 8,
                            };
                            let hex = self.text.get(self.pos..self.pos + digits).unwrap_or("");
                            match u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
                                Some(c) if hex.len() == digits => {
                                    text.push(c);
                                    self.pos += digits;
                                }
                                _ => {
                                    self.fail("this escape is not a valid character code");
                                    return text;
                                }
                            }
                        }
                        _ => {
                            self.pos -= 1;
                            self.fail("this is not a YAML escape");
                            return text;
                        }
                    }
                }
                b'\n' | b'\r' => {
                    self.fold_lines(&mut text);
                }
                _ => {
                    let rest = &self.text[self.pos..];
                    let c = rest.chars().next().unwrap_or(' ');
                    text.push(c);
                    self.pos += c.len_utf8();
                }
            }
        }
    }

    /// A single-quoted scalar from its opening quote (`''` is a quote), with line folding.
    fn single_quoted(&mut self) -> String {
        self.pos += 1;
        let mut text = String::new();
        loop {
            match self.peek() {
                0 => {
                    self.fail("this quoted value has no closing `'`");
                    return text;
                }
                b'\'' if self.at(1) == b'\'' => {
                    text.push('\'');
                    self.pos += 2;
                }
                b'\'' => {
                    self.pos += 1;
                    return text;
                }
                b'\n' | b'\r' => self.fold_lines(&mut text),
                _ => {
                    let c = self.text[self.pos..].chars().next().unwrap_or(' ');
                    text.push(c);
                    self.pos += c.len_utf8();
                }
            }
        }
    }

    /// Folds the line break at `pos` inside a quoted scalar: one break is a space, each further
    /// empty line a newline; trailing spaces before it and indentation after it are dropped.
    fn fold_lines(&mut self, text: &mut String) {
        while text.ends_with([' ', '\t']) {
            text.pop();
        }
        let mut breaks = 0;
        while matches!(self.peek(), b'\n' | b'\r' | b' ' | b'\t') {
            if self.peek() == b'\n' {
                breaks += 1;
            }
            self.pos += 1;
        }
        if breaks <= 1 {
            text.push(' ');
        } else {
            text.extend(std::iter::repeat_n('\n', breaks - 1));
        }
    }

    /// A literal (`|`) or folded (`>`) block scalar from its indicator.
    fn block_scalar(&mut self, parent: isize) -> Node {
        let start = self.pos;
        let literal = self.peek() == b'|';
        self.pos += 1;
        let mut chomp = b'c';
        let mut explicit = None;
        while let byte @ (b'-' | b'+' | b'1'..=b'9') = self.peek() {
            match byte {
                b'-' | b'+' => chomp = byte,
                digit => explicit = Some(usize::from(digit - b'0')),
            }
            self.pos += 1;
        }
        self.skip_to_line_end();
        if !self.at_line_end() {
            self.fail("expected the end of the line after a block scalar's indicator");
            return self.empty();
        }
        let mut lines: Vec<&str> = Vec::new();
        let mut indent = explicit.map(|extra| (parent.max(0) as usize) + extra);
        let mut end = self.pos;
        while self.peek() != 0 {
            // At a line break: look at the next line.
            let newline = self.pos;
            if self.peek() == b'\r' {
                self.pos += 1;
            }
            if self.peek() == b'\n' {
                self.pos += 1;
            }
            let line_start = self.pos;
            let line_end = self.text[line_start..]
                .find('\n')
                .map_or(self.text.len(), |at| line_start + at);
            let line = self.text[line_start..line_end].trim_end_matches('\r');
            let spaces = line.len() - line.trim_start_matches(' ').len();
            if line.trim().is_empty() {
                lines.push("");
                self.pos = line_end;
                continue;
            }
            let wanted = *indent.get_or_insert(spaces);
            if spaces < wanted || (spaces as isize) <= parent {
                self.pos = newline;
                break;
            }
            lines.push(&line[wanted..]);
            self.pos = line_end;
            end = line_end;
        }
        // Trailing empty lines belong to the chomping, not the text.
        let trailing = lines
            .iter()
            .rev()
            .take_while(|line| line.is_empty())
            .count();
        let content = &lines[..lines.len() - trailing];
        let mut text = String::new();
        for (index, line) in content.iter().enumerate() {
            if index > 0 {
                let previous = content[index - 1];
                let plain = |line: &str| !line.is_empty() && !line.starts_with([' ', '\t']);
                if literal {
                    text.push('\n');
                } else if plain(previous) && plain(line) {
                    text.push(' ');
                } else if !(plain(previous) && line.is_empty()) {
                    // Folding drops the break after a text line that empty lines follow; each
                    // empty line, and a break around more-indented lines, is a newline.
                    text.push('\n');
                }
            }
            text.push_str(line);
        }
        match chomp {
            b'-' => {}
            b'+' => {
                if !content.is_empty() {
                    text.push('\n');
                }
                text.extend(std::iter::repeat_n('\n', trailing));
            }
            _ if !content.is_empty() => text.push('\n'),
            _ => {}
        }
        if self.pos < end {
            self.pos = end;
        }
        self.pos = end.max(self.pos.min(end));
        Node {
            value: Value::String(text),
            span: start..end,
            computed: false,
        }
    }

    /// A flow sequence or mapping from its opening bracket, over any number of lines.
    fn flow_collection(&mut self) -> Node {
        if self.depth >= MAX_DEPTH {
            self.fail(format!("this YAML nests deeper than {MAX_DEPTH} levels"));
            return self.empty();
        }
        self.depth += 1;
        let start = self.pos;
        let mapping = self.peek() == b'{';
        let close = if mapping { b'}' } else { b']' };
        self.pos += 1;
        let mut items = Vec::new();
        let mut entries: Vec<Entry> = Vec::new();
        loop {
            self.skip_flow_space();
            if self.failed() {
                break;
            }
            if self.peek() == close {
                self.pos += 1;
                break;
            }
            if self.peek() == 0 {
                self.fail(format!(
                    "this flow collection has no closing `{}`",
                    close as char
                ));
                break;
            }
            if mapping {
                let key_start = self.pos;
                let key = match self.peek() {
                    b'"' => self.double_quoted(),
                    b'\'' => self.single_quoted(),
                    _ => {
                        while !matches!(self.peek(), 0 | b'\n' | b',' | b'}' | b':') {
                            self.pos += 1;
                        }
                        self.text[key_start..self.pos].trim_end().to_owned()
                    }
                };
                let key_span =
                    key_start..key_start + self.text[key_start..self.pos].trim_end().len();
                self.skip_flow_space();
                let value = if self.peek() == b':' {
                    self.pos += 1;
                    self.skip_flow_space();
                    if matches!(self.peek(), b',' | b'}') {
                        self.empty()
                    } else {
                        self.flow_value()
                    }
                } else {
                    self.empty()
                };
                entries.push(Entry {
                    key,
                    key_span,
                    value,
                });
            } else {
                let item = self.flow_value();
                items.push(self.single_pair(item));
            }
            self.skip_flow_space();
            match self.peek() {
                b',' => self.pos += 1,
                byte if byte == close => {}
                0 => {
                    self.fail(format!(
                        "this flow collection has no closing `{}`",
                        close as char
                    ));
                    break;
                }
                _ => {
                    if !self.failed() {
                        self.fail(format!(
                            "expected `,` or `{}` in this flow collection",
                            close as char
                        ));
                    }
                    break;
                }
            }
        }
        self.depth -= 1;
        Node {
            value: if mapping {
                Value::Object(entries)
            } else {
                Value::List(items)
            },
            span: start..self.pos,
            computed: false,
        }
    }

    /// `item` of a flow sequence, or, when `: ` follows it on its line, the single-pair mapping
    /// it is the key of (YAML 1.2, "flow sequence entries": `[Condition: A, Condition: B]` is
    /// a sequence of two one-entry mappings, as `!Or` conditions are written).
    fn single_pair(&mut self, item: Node) -> Node {
        let after_blanks = (0..)
            .find(|&offset| !matches!(self.at(offset), b' ' | b'\t'))
            .unwrap_or(0);
        let colon = self.at(after_blanks) == b':'
            && matches!(
                self.at(after_blanks + 1),
                b' ' | b'\t' | b'\n' | b'\r' | b',' | b']' | 0
            );
        if !colon || self.failed() {
            return item;
        }
        let key = match &item.value {
            Value::String(text) => text.clone(),
            Value::Number(_) | Value::Bool(_) | Value::Null => self
                .text
                .get(item.span.clone())
                .unwrap_or_default()
                .trim()
                .to_owned(),
            // A collection as a key cannot name a CloudFormation property.
            _ => {
                self.fail("a flow collection cannot be a mapping key here");
                return item;
            }
        };
        self.pos += after_blanks + 1;
        self.skip_flow_space();
        let value = if matches!(self.peek(), b',' | b']') {
            self.empty()
        } else {
            self.flow_value()
        };
        let span = item.span.start..value.span.end.max(item.span.end);
        Node {
            value: Value::Object(vec![Entry {
                key,
                key_span: item.span,
                value,
            }]),
            span,
            computed: false,
        }
    }

    fn skip_flow_space(&mut self) {
        loop {
            match self.peek() {
                b' ' | b'\t' | b'\n' | b'\r' => self.pos += 1,
                b'#' => self.skip_to_line_end(),
                _ => return,
            }
        }
    }

    /// One value inside a flow collection.
    fn flow_value(&mut self) -> Node {
        let properties = self.properties();
        let node = match self.peek() {
            b'[' | b'{' => self.flow_collection(),
            b'"' | b'\'' => self.quoted_scalar(),
            b',' | b']' | b'}' => self.empty(),
            _ => self.plain_scalar(-1, true),
        };
        let node = if properties.tag.is_some() {
            self.typed_as_string(node)
        } else {
            node
        };
        tagged(properties, node)
    }
}

fn string(text: String, span: Span) -> Node {
    Node {
        value: Value::String(text),
        span,
        computed: false,
    }
}

/// A plain scalar in YAML's core schema.
fn plain_value(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => Value::Null,
        "true" | "True" | "TRUE" => Value::Bool(true),
        "false" | "False" | "FALSE" => Value::Bool(false),
        _ => match parse_number(text) {
            Some(number)
                if text.starts_with(|c: char| {
                    c.is_ascii_digit() || c == '-' || c == '.' || c == '+'
                }) =>
            {
                Value::Number(number)
            }
            _ => Value::String(text.to_owned()),
        },
    }
}

/// A value under a CloudFormation short tag, as the long form writes it: `!Ref X` is
/// `{"Ref": X}`, `!Condition X` is `{"Condition": X}`, and `!Sub` and the others
/// `{"Fn::Sub": ...}`.
fn tagged(properties: Properties, node: Node) -> Node {
    let Some(tag) = properties.tag else {
        return node;
    };
    let key = match tag.as_str() {
        "Ref" | "Condition" => tag,
        _ => format!("Fn::{tag}"),
    };
    let span = properties.start.min(node.span.start)..node.span.end;
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
