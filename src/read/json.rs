//! The `.tfvars.json` reader: a small hand-written JSON parser that keeps a byte span for every
//! key and value.
//!
//! It accepts exactly RFC 8259 JSON (plus a leading byte order mark) whose top level is an
//! object, as Terraform does. Strings are literal: a tfvars JSON file holds values, not
//! templates, so `"${var.x}"` is just text. A top-level `"//"` key is a comment, as in
//! Terraform's JSON syntax, and is skipped. The first syntax error stops reading; the top-level
//! attributes completed before it are still returned, so later stages can check them.
//!
//! Numbers become `f64`. Terraform's numbers have arbitrary precision, but every number this
//! tool checks is small, so a literal beyond the `f64` range (such as `1e400`) saturates to
//! `±f64::MAX`: it stays finite, and the range check that knows the allowed values reports it
//! at its own span with its own code. A literal too small to represent becomes 0, and `-0`
//! becomes 0.
//!
//! Nesting is limited to [`MAX_DEPTH`]: the parser checks the depth before it recurses, so a
//! file of a hundred thousand `[` fails fast with one diagnostic.

use super::{remove_duplicate_attributes, Document, Entry, Node, Value, MAX_DEPTH};
use crate::diagnostic::{Code, Diagnostic, Fix, Span};

/// Reads `source` as a `.tfvars.json` file.
pub fn read(source: &str) -> (Document, Vec<Diagnostic>) {
    let mut parser = Parser {
        source,
        bytes: source.as_bytes(),
        position: 0,
        path: Vec::new(),
        diagnostics: Vec::new(),
    };
    let mut attributes = Vec::new();
    let mut rest_unread = None;
    if let Err(error) = parser.read_top_level(&mut attributes) {
        let diagnostic = error.into_diagnostic();
        let start = diagnostic.span.as_ref().map_or(0, |span| span.start);
        rest_unread = Some(start..source.len());
        parser.diagnostics.push(diagnostic);
    }
    let mut diagnostics = parser.diagnostics;
    let mut document = remove_duplicate_attributes(attributes, &mut diagnostics);
    if let Some(span) = rest_unread {
        document
            .unreadable
            .push((super::REST_OF_FILE.to_owned(), span));
    }
    (document, diagnostics)
}

/// The one syntax error that stops reading.
struct SyntaxError {
    span: Span,
    message: String,
    help: Option<String>,
    fix: Option<Fix>,
}

impl SyntaxError {
    fn new(span: Span, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            span,
            message: message.into(),
            help: None,
            fix: None,
        }
    }

    fn with_help(mut self, help: impl Into<String>) -> SyntaxError {
        self.help = Some(help.into());
        self
    }

    fn with_fix(mut self, fix: Fix) -> SyntaxError {
        self.fix = Some(fix);
        self
    }

    fn into_diagnostic(self) -> Diagnostic {
        let mut diagnostic = Diagnostic::new(Code::SyntaxError, self.message).at(self.span);
        if let Some(help) = self.help {
            diagnostic = diagnostic.with_help(help);
        }
        if let Some(fix) = self.fix {
            diagnostic = diagnostic.with_fix(fix);
        }
        diagnostic
    }
}

type Parsed<T> = Result<T, SyntaxError>;

/// One step of the path to the value being read, for `duplicate-attribute` messages.
enum Segment<'a> {
    /// The key as read; borrowed from the source when written without escapes.
    Key(std::borrow::Cow<'a, str>),
    Index(usize),
}

struct Parser<'a> {
    source: &'a str,
    bytes: &'a [u8],
    /// The byte offset of the next unread byte; always on a character boundary.
    position: usize,
    path: Vec<Segment<'a>>,
    /// Problems that do not stop reading (duplicate keys in nested objects).
    diagnostics: Vec<Diagnostic>,
}

/// What the parser found where it expected something else: its span and how to name it.
struct Found {
    span: Span,
    text: String,
}

impl<'a> Parser<'a> {
    /// Reads the top-level object into `attributes`, which keeps every attribute completed
    /// before a syntax error.
    fn read_top_level(&mut self, attributes: &mut Vec<Entry>) -> Parsed<()> {
        if self.source.starts_with('\u{feff}') {
            self.position = '\u{feff}'.len_utf8();
        }
        self.skip_whitespace();
        match self.peek() {
            Some(b'{') => {}
            None => {
                return Err(SyntaxError::new(
                    self.position..self.position,
                    "the file is empty, but a .tfvars.json file must hold one JSON object",
                )
                .with_help("Write the variables as `{ \"name\": value, ... }`"));
            }
            Some(_) => {
                let found = self.found();
                let kind = match self.peek() {
                    Some(b'[') => "a list",
                    Some(b'"') => "a string",
                    Some(b'-' | b'0'..=b'9') => "a number",
                    _ => match found.text.as_str() {
                        "`true`" | "`false`" => "a bool",
                        "`null`" => "null",
                        _ => "",
                    },
                };
                let message = if kind.is_empty() {
                    format!(
                        "expected a JSON object `{{` at the top of a .tfvars.json file, found {}",
                        found.text
                    )
                } else {
                    format!(
                        "a .tfvars.json file must hold one JSON object, but this one holds {kind}"
                    )
                };
                return Err(SyntaxError::new(found.span, message)
                    .with_help("Write the variables as `{ \"name\": value, ... }`"));
            }
        }
        self.position += 1;
        self.read_members(attributes, 1, true)?;
        self.skip_whitespace();
        if self.position < self.bytes.len() {
            let found = self.found();
            return Err(SyntaxError::new(
                found.span,
                format!(
                    "expected the end of the file after the top-level object, found {}",
                    found.text
                ),
            )
            .with_help("A .tfvars.json file holds exactly one JSON object"));
        }
        Ok(())
    }

    /// Reads the members of an object whose `{` has been consumed, through its `}`.
    ///
    /// `depth` counts the object itself. At the top level, `"//"` keys are comments and
    /// duplicates are left to [`remove_duplicate_attributes`]; inside values they are reported
    /// here.
    fn read_members(
        &mut self,
        entries: &mut Vec<Entry>,
        depth: usize,
        top_level: bool,
    ) -> Parsed<()> {
        self.skip_whitespace();
        if self.peek() == Some(b'}') {
            self.position += 1;
            return Ok(());
        }
        loop {
            self.skip_whitespace();
            let (key, key_span) = self.read_key()?;
            self.skip_whitespace();
            self.expect_colon()?;
            self.skip_whitespace();
            // A key without escapes is its text in the source, between the quotes.
            let segment = match self.source.get(key_span.clone()) {
                Some(text) if text == key => std::borrow::Cow::Borrowed(text),
                _ => std::borrow::Cow::Owned(key.clone()),
            };
            self.path.push(Segment::Key(segment));
            let value = self.read_value(depth);
            self.path.pop();
            let value = value?;
            if !(top_level && key == "//") {
                entries.push(Entry {
                    key,
                    key_span,
                    value,
                });
            }
            if self.separator_or_close(b'}', "object", "an object value")? {
                return Ok(());
            }
        }
    }

    /// Reads an object key: a string in double quotes. The span excludes the quotes.
    fn read_key(&mut self) -> Parsed<(String, Span)> {
        if self.peek() == Some(b'"') {
            let start = self.position;
            let key = self.read_string()?;
            return Ok((key, start + 1..self.position - 1));
        }
        let found = self.found();
        let message = format!(
            "expected an attribute name in double quotes, found {}",
            found.text
        );
        let error = SyntaxError::new(found.span, message);
        Err(match self.peek() {
            Some(b'\'') => error.with_help("JSON strings use double quotes `\"`"),
            Some(b'/') => error.with_help(
                "JSON has no comments; at the top level, Terraform reads a `\"//\"` key as one: `\"//\": \"text\"`",
            ),
            Some(byte) if byte.is_ascii_alphabetic() || byte == b'_' => {
                error.with_help("In a JSON file every name is quoted: `\"name\": value`")
            }
            _ => error,
        })
    }

    fn expect_colon(&mut self) -> Parsed<()> {
        if self.peek() == Some(b':') {
            self.position += 1;
            return Ok(());
        }
        let found = self.found();
        let error = SyntaxError::new(
            found.span.clone(),
            format!(
                "expected `:` after the attribute name, found {}",
                found.text
            ),
        );
        Err(if self.peek() == Some(b'=') {
            error
                .with_help("JSON separates a name from its value with `:`, not `=`")
                .with_fix(Fix::replace("Replace `=` with `:`", found.span, ":"))
        } else {
            error
        })
    }

    /// Reads any value at the current position. `depth` is the nesting of its container.
    fn read_value(&mut self, depth: usize) -> Parsed<Node> {
        let start = self.position;
        let value = match self.peek() {
            Some(b'{') => {
                self.check_depth(depth)?;
                self.position += 1;
                let mut entries = Vec::new();
                self.read_members(&mut entries, depth + 1, false)?;
                Value::Object(self.remove_duplicate_keys(entries))
            }
            Some(b'[') => {
                self.check_depth(depth)?;
                self.position += 1;
                Value::List(self.read_elements(depth + 1)?)
            }
            Some(b'"') => Value::String(self.read_string()?),
            Some(b'-' | b'0'..=b'9') => Value::Number(self.read_number()?),
            Some(b't') if self.eat_word("true") => Value::Bool(true),
            Some(b'f') if self.eat_word("false") => Value::Bool(false),
            Some(b'n') if self.eat_word("null") => Value::Null,
            _ => return Err(self.expected_value()),
        };
        Ok(Node {
            value,
            span: start..self.position,
            computed: false,
        })
    }

    /// Fails when a list or object opening here would nest deeper than [`MAX_DEPTH`].
    fn check_depth(&self, depth: usize) -> Parsed<()> {
        if depth < MAX_DEPTH {
            return Ok(());
        }
        Err(SyntaxError::new(
            self.position..self.position + 1,
            format!("lists and objects are nested more than {MAX_DEPTH} levels deep"),
        )
        .with_help("Real tfvars files nest a few levels; check for a runaway `[` or `{`"))
    }

    /// Reads the elements of a list whose `[` has been consumed, through its `]`.
    fn read_elements(&mut self, depth: usize) -> Parsed<Vec<Node>> {
        let mut elements = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.position += 1;
            return Ok(elements);
        }
        loop {
            self.skip_whitespace();
            self.path.push(Segment::Index(elements.len()));
            let element = self.read_value(depth);
            self.path.pop();
            elements.push(element?);
            if self.separator_or_close(b']', "list", "a list element")? {
                return Ok(elements);
            }
        }
    }

    /// After an item of an object or list: consumes a `,` (refusing a trailing one) and returns
    /// `false`, or consumes the closing bracket and returns `true`.
    fn separator_or_close(&mut self, close: u8, container: &str, item: &str) -> Parsed<bool> {
        self.skip_whitespace();
        match self.peek() {
            Some(b',') => {
                let comma = self.position;
                self.position += 1;
                self.skip_whitespace();
                if self.peek() == Some(close) {
                    return Err(trailing_comma(
                        comma,
                        self.position,
                        container,
                        close as char,
                    ));
                }
                Ok(false)
            }
            Some(byte) if byte == close => {
                self.position += 1;
                Ok(true)
            }
            _ => {
                let found = self.found();
                let mut error = SyntaxError::new(
                    found.span,
                    format!(
                        "expected `,` or `{}` after {item}, found {}",
                        close as char, found.text
                    ),
                );
                if close == b'}' && self.peek() == Some(b'"') {
                    error = error.with_help("Put a `,` between the entries of an object");
                }
                Err(error)
            }
        }
    }

    /// Keeps the first of each key in a nested object and reports the others.
    fn remove_duplicate_keys(&mut self, entries: Vec<Entry>) -> Vec<Entry> {
        // Most objects have a few keys: compared pairwise first, without allocating.
        let few_and_distinct = entries.len() <= 16
            && entries
                .iter()
                .enumerate()
                .all(|(index, entry)| entries[..index].iter().all(|other| other.key != entry.key));
        if few_and_distinct {
            return entries;
        }
        let keys: Vec<&str> = entries.iter().map(|entry| entry.key.as_str()).collect();
        let duplicate_of: Vec<Option<usize>> = crate::pairs::first_of_equal(&keys)
            .into_iter()
            .enumerate()
            .map(|(index, first)| (first != index).then_some(first))
            .collect();
        if duplicate_of.iter().all(Option::is_none) {
            return entries;
        }
        for (entry, first) in entries.iter().zip(&duplicate_of) {
            let Some(first) = first else { continue };
            let path = self.path_to(&entry.key);
            self.diagnostics.push(
                Diagnostic::new(
                    Code::DuplicateAttribute,
                    format!("`{}` is set more than once in this object", entry.key),
                )
                .at(entry.key_span.clone())
                .at_path(path)
                .with_help("Terraform refuses an object that sets the same attribute twice; keep one of them")
                .with_related(entries[*first].key_span.clone(), "first set here"),
            );
        }
        entries
            .into_iter()
            .zip(duplicate_of)
            .filter_map(|(entry, first)| first.is_none().then_some(entry))
            .collect()
    }

    /// The path of `key` inside the value being read, such as `gateway_config.cpu`.
    fn path_to(&self, key: &str) -> String {
        let mut path = String::new();
        for segment in &self.path {
            match segment {
                Segment::Key(name) => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(name);
                }
                Segment::Index(index) => path.push_str(&format!("[{index}]")),
            }
        }
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(key);
        path
    }

    /// Reads a string whose opening `"` is at the current position, through its closing `"`.
    fn read_string(&mut self) -> Parsed<String> {
        self.position += 1;
        let mut text = String::new();
        loop {
            let run_start = self.position;
            while let Some(&byte) = self.bytes.get(self.position) {
                if byte == b'"' || byte == b'\\' || byte < 0x20 {
                    break;
                }
                self.position += 1;
            }
            // The loop stops only at ASCII bytes or the end, so both ends are char boundaries.
            text.push_str(&self.source[run_start..self.position]);
            match self.peek() {
                Some(b'"') => {
                    self.position += 1;
                    return Ok(text);
                }
                Some(b'\\') => self.read_escape(&mut text)?,
                Some(byte) => return Err(control_character(self.position, byte)),
                None => {
                    let end = self.bytes.len();
                    return Err(SyntaxError::new(
                        end..end,
                        "unterminated string: the file ends before its closing `\"`",
                    ));
                }
            }
        }
    }

    /// Reads one escape sequence starting at the `\` under the cursor and appends its text.
    fn read_escape(&mut self, text: &mut String) -> Parsed<()> {
        let backslash = self.position;
        self.position += 1;
        let escaped = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.position += 1;
                let unit = self.read_hex4(backslash)?;
                text.push(self.finish_utf16(unit)?);
                return Ok(());
            }
            None => {
                let end = self.bytes.len();
                return Err(SyntaxError::new(
                    end..end,
                    "unterminated string: the file ends inside an escape sequence",
                ));
            }
            Some(_) => {
                let end = self.position + self.char_len_at(self.position);
                let sequence = &self.source[backslash..end];
                return Err(SyntaxError::new(
                    backslash..end,
                    format!("`{sequence}` is not a valid escape in a JSON string"),
                )
                .with_help(
                    "JSON knows `\\\"`, `\\\\`, `\\/`, `\\b`, `\\f`, `\\n`, `\\r`, `\\t` and `\\uXXXX`; write a backslash as `\\\\`",
                ));
            }
        };
        self.position += 1;
        text.push(escaped);
        Ok(())
    }

    /// Turns a UTF-16 code unit into a character, reading the low half of a surrogate pair
    /// when one follows. A lone surrogate becomes U+FFFD, as most JSON readers do.
    fn finish_utf16(&mut self, unit: u16) -> Parsed<char> {
        if !(0xD800..0xDC00).contains(&unit) {
            return Ok(char::from_u32(u32::from(unit)).unwrap_or(char::REPLACEMENT_CHARACTER));
        }
        let next_is_escape = self.bytes.get(self.position..self.position + 2) == Some(b"\\u");
        if !next_is_escape {
            return Ok(char::REPLACEMENT_CHARACTER);
        }
        let saved = self.position;
        self.position += 2;
        let low = self.read_hex4(saved)?;
        if !(0xDC00..0xE000).contains(&low) {
            // Not a pair: leave the second escape to be read on its own.
            self.position = saved;
            return Ok(char::REPLACEMENT_CHARACTER);
        }
        let scalar = 0x10000 + ((u32::from(unit) - 0xD800) << 10) + (u32::from(low) - 0xDC00);
        Ok(char::from_u32(scalar).unwrap_or(char::REPLACEMENT_CHARACTER))
    }

    /// Reads the four hex digits of a `\u` escape that began at `backslash`.
    fn read_hex4(&mut self, backslash: usize) -> Parsed<u16> {
        let mut unit: u16 = 0;
        for _ in 0..4 {
            let digit = self.peek().and_then(|byte| (byte as char).to_digit(16));
            let Some(digit) = digit else {
                let end = match self.peek() {
                    Some(_) => self.position + self.char_len_at(self.position),
                    None => self.position,
                };
                let sequence = &self.source[backslash..end];
                return Err(SyntaxError::new(
                    backslash..end,
                    format!("`{sequence}` is not a valid escape: `\\u` takes exactly four hexadecimal digits"),
                ));
            };
            unit = unit * 16 + digit as u16;
            self.position += 1;
        }
        Ok(unit)
    }

    /// Reads a number by JSON's grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    fn read_number(&mut self) -> Parsed<f64> {
        let start = self.position;
        if self.peek() == Some(b'-') {
            self.position += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.position += 1;
                if matches!(self.peek(), Some(b'0'..=b'9')) {
                    return Err(SyntaxError::new(
                        start..self.position + 1,
                        "a JSON number cannot start with `0` followed by more digits",
                    )
                    .with_help("Remove the leading zeros, or quote the value if it is text"));
                }
            }
            Some(b'1'..=b'9') => self.skip_digits(),
            _ => return Err(self.expected_digit("after `-`")),
        }
        if self.peek() == Some(b'.') {
            self.position += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.expected_digit("after the decimal point"));
            }
            self.skip_digits();
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.position += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.position += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.expected_digit("in the exponent"));
            }
            self.skip_digits();
        }
        let text = &self.source[start..self.position];
        // The grammar above is a subset of what `f64::from_str` accepts, so this cannot fail.
        let number: f64 = text.parse().unwrap_or(0.0);
        Ok(if number.is_infinite() {
            f64::MAX.copysign(number)
        } else if number == 0.0 {
            0.0
        } else {
            number
        })
    }

    fn skip_digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.position += 1;
        }
    }

    fn expected_digit(&self, place: &str) -> SyntaxError {
        let found = self.found();
        SyntaxError::new(
            found.span,
            format!("expected a digit {place} in a number, found {}", found.text),
        )
    }

    /// The error for a position where a value should start.
    fn expected_value(&self) -> SyntaxError {
        let found = self.found();
        let message = format!("expected a value, found {}", found.text);
        let error = SyntaxError::new(found.span, message);
        let word = self.word_at(self.position);
        match self.peek() {
            Some(b'\'') => error.with_help("JSON strings use double quotes `\"`"),
            Some(b'/') => error.with_help("JSON has no comments"),
            _ if ["True", "TRUE", "False", "FALSE"].contains(&word) => {
                error.with_help("JSON's literals are lower case: `true` and `false`")
            }
            _ if !word.is_empty() => {
                error.with_help("A string must be in double quotes; a bool is `true` or `false`")
            }
            _ if self.source[..self.position].trim_end().ends_with(':') => {
                error.with_help("Write a value after the `:`")
            }
            _ => error,
        }
    }

    /// Consumes `word` when it is next and is not followed by more letters.
    fn eat_word(&mut self, word: &str) -> bool {
        if self.word_at(self.position) == word {
            self.position += word.len();
            true
        } else {
            false
        }
    }

    /// The run of letters, digits and underscores starting at `start` (possibly empty).
    fn word_at(&self, start: usize) -> &'a str {
        let rest = &self.source[start..];
        let length = rest
            .char_indices()
            .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '_'))
            .map_or(rest.len(), |(index, _)| index);
        &rest[..length]
    }

    /// Names what is at the cursor: a word, one character, or the end of the file.
    fn found(&self) -> Found {
        let start = self.position;
        let Some(character) = self.source[start..].chars().next() else {
            return Found {
                span: start..start,
                text: "the end of the file".to_string(),
            };
        };
        let word = self.word_at(start);
        if !word.is_empty() {
            let shown: String = word.chars().take(24).collect();
            let ellipsis = if shown.len() < word.len() { "…" } else { "" };
            return Found {
                span: start..start + word.len(),
                text: format!("`{shown}{ellipsis}`"),
            };
        }
        let span = start..start + character.len_utf8();
        let text = if character == '"' {
            "`\"`".to_string()
        } else if character.is_control() || character == '\u{feff}' {
            format!("the invisible character U+{:04X}", u32::from(character))
        } else if character == '`' {
            "a backtick".to_string()
        } else {
            format!("`{character}`")
        };
        Found { span, text }
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.position += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.position).copied()
    }

    /// The length in bytes of the character starting at `index` (a char boundary).
    fn char_len_at(&self, index: usize) -> usize {
        self.source[index..]
            .chars()
            .next()
            .map_or(0, char::len_utf8)
    }
}

/// The error for a comma at `comma` directly followed by `closing` at `closing_at`.
fn trailing_comma(comma: usize, closing_at: usize, container: &str, closing: char) -> SyntaxError {
    SyntaxError::new(
        closing_at..closing_at + 1,
        format!("expected another {container} entry after `,`, found `{closing}`"),
    )
    .with_help("JSON does not allow a comma after the last entry")
    .with_fix(Fix::replace(
        "Remove the trailing comma",
        comma..comma + 1,
        "",
    ))
}

/// The error for a raw control character at `index` inside a string.
fn control_character(index: usize, byte: u8) -> SyntaxError {
    let span = index..index + 1;
    match byte {
        b'\n' | b'\r' => SyntaxError::new(span, "a string cannot span lines in JSON")
            .with_help("Close the string with `\"`, or write the line break as `\\n`"),
        b'\t' => SyntaxError::new(
            span,
            "a tab character must be written as `\\t` in a JSON string",
        ),
        _ => SyntaxError::new(
            span,
            format!("the control character U+{byte:04X} must be escaped in a JSON string"),
        )
        .with_help(format!("Write it as `\\u{byte:04x}`")),
    }
}
