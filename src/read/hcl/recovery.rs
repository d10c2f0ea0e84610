//! Parses a whole file with hcl-edit, recovering from syntax errors statement by statement.
//!
//! hcl-edit stops at the first error. To keep reading, the top-level statement that holds the
//! error is blanked out (replaced by spaces, line ends kept, so every offset stays where it was)
//! and the text is parsed again, at most [`MAX_RECOVERIES`] times. A statement starts at a line
//! that begins, in column one, with a name: values are indented inside brackets, so this finds
//! where the next attribute most likely starts even when a bracket was never closed.
//!
//! Two of hcl-edit's errors are not syntax errors to Terraform. A variable set twice is
//! Terraform's "duplicate variable" (the second is blanked, the first kept). A key repeated in
//! one object is legal HCL, whose object constructor keeps the last value: the earlier entry is
//! blanked so the value read is the one Terraform uses, and a warning names both.

use hcl::edit::parser::parse_body;
use hcl::edit::structure::Body;

use crate::diagnostic::Span;

/// How many broken statements are skipped before the rest of the file is given up on. Each
/// recovery parses the file again, so this bounds the work on a file of nothing but errors.
pub const MAX_RECOVERIES: usize = 32;

/// The parsed body and what was done to the text to get it.
pub struct Parsed {
    pub body: Body,
    pub repairs: Vec<Repair>,
}

/// One change to the text that made it parse.
pub enum Repair {
    /// A top-level statement that could not be read, blanked out.
    Skipped {
        /// The name the statement starts with ([`crate::read::REST_OF_FILE`] when reading gave
        /// up on the rest of the file).
        name: String,
        span: Span,
        /// Where the error is: one character, or the end of the file.
        error_span: Span,
        message: String,
        help: &'static str,
    },
    /// A variable set a second time; its statement was blanked out.
    RepeatedVariable { name: String, key_span: Span },
    /// A key repeated in one object; the earlier entry, at `first_key_span`, was blanked out.
    RepeatedKey {
        name: String,
        key_span: Span,
        first_key_span: Span,
    },
}

const HELP: &str =
    "A tfvars file is a list of `name = value` lines; check quotes, brackets and commas here";
const HELP_GAVE_UP: &str = "Fix the errors above first; the rest of the file was not read";
const HELP_HEREDOC: &str =
    "A heredoc ends at a line holding only its delimiter (such as `EOT`); nothing after `<<` was read";
const HELP_STRING: &str = "A quoted string ends on the line it starts; add the closing `\"`";
const HELP_BRACKET: &str = "Add the closing bracket, or check the brackets inside for one too many";

/// Parses `text`, repairing what keeps it from parsing.
pub fn parse(text: &str) -> Parsed {
    let mut repairs = Vec::new();
    let mut current = text.to_owned();
    loop {
        let error = match parse_body(&current) {
            Ok(body) => return Parsed { body, repairs },
            Err(error) => error,
        };
        let offset = floor_char_boundary(&current, error.location().offset());
        let message = error.message();
        if repairs.len() >= MAX_RECOVERIES {
            let start = statement_start(&current, offset);
            repairs.push(Repair::Skipped {
                name: crate::read::REST_OF_FILE.to_owned(),
                span: start..text.len(),
                error_span: offset..next_char_boundary(&current, offset),
                message: message.to_owned(),
                help: HELP_GAVE_UP,
            });
            blank(&mut current, start..text.len());
            // What remains before `start` parsed once already; a failure here leaves nothing.
            let body = parse_body(&current).unwrap_or_default();
            return Parsed { body, repairs };
        }
        if message.contains("redefined object key") {
            if let Some(repair) = repeated_key(&mut current, offset) {
                repairs.push(repair);
                continue;
            }
        }
        let start = statement_start(&current, offset);
        let end = statement_end(&current, start, offset);
        if zero_huge_numbers(&mut current, start..end) {
            continue;
        }
        let (repair, blanked) = if message.contains("redefined attribute") {
            let name = name_at(&current, offset);
            let span = offset..statement_end(&current, offset, offset);
            let key_span = offset..offset + name.len();
            let repair = Repair::RepeatedVariable { name, key_span };
            (repair, span)
        } else if message.contains("heredoc") {
            // An unclosed heredoc takes the rest of the file, line starts and all.
            let span = start..current.len();
            let repair = Repair::Skipped {
                name: name_at(&current, start),
                span: span.clone(),
                error_span: heredoc_start(&current, start, offset),
                message: "this heredoc is never closed".to_owned(),
                help: HELP_HEREDOC,
            };
            (repair, span)
        } else {
            let span = start..end;
            let (error_span, message, help) = match left_open(&current, span.clone(), offset) {
                Some(found) => found,
                None if message.starts_with("invalid escape")
                    || message.starts_with("invalid unicode") =>
                {
                    (escape_at(&current, offset), message.to_owned(), HELP)
                }
                None => {
                    let (message, help) = explain(message);
                    (offset..next_char_boundary(&current, offset), message, help)
                }
            };
            let repair = Repair::Skipped {
                name: name_at(&current, start),
                span: span.clone(),
                error_span,
                message,
                help,
            };
            (repair, span)
        };
        blank(&mut current, blanked);
        repairs.push(repair);
    }
}

/// Replaces the digits of every number literal in `span` that overflows an `f64` with zeros.
///
/// Terraform's numbers have arbitrary precision, so `1e400` is a number; hcl-edit refuses it.
/// The reader takes each number's value from the original text (saturating to the largest
/// `f64`), so the zeros only let hcl-edit parse the statement. Returns whether anything changed.
fn zero_huge_numbers(text: &mut String, span: Span) -> bool {
    let bytes = text.as_bytes();
    let mut huge = Vec::new();
    let mut index = span.start;
    let mut in_string = false;
    while index < span.end.min(bytes.len()) {
        let byte = bytes[index];
        if in_string {
            match byte {
                b'\\' => index += 1,
                b'"' | b'\n' => in_string = false,
                _ => {}
            }
            index += 1;
            continue;
        }
        let after_name =
            index > 0 && (bytes[index - 1].is_ascii_alphanumeric() || bytes[index - 1] == b'_');
        if byte == b'"' {
            in_string = true;
        } else if byte == b'#' {
            while index < bytes.len() && bytes[index] != b'\n' {
                index += 1;
            }
            continue;
        } else if byte.is_ascii_digit() && !after_name {
            let end = number_end(bytes, index);
            let literal = &text[index..end];
            if literal
                .parse::<f64>()
                .is_ok_and(|value| value.is_infinite())
            {
                huge.push(index..end);
            }
            index = end;
            continue;
        }
        index += 1;
    }
    for literal in &huge {
        let zeroed: String = text[literal.clone()]
            .chars()
            .map(|c| if c.is_ascii_digit() { '0' } else { c })
            .collect();
        text.replace_range(literal.clone(), &zeroed);
    }
    !huge.is_empty()
}

/// The end of the number literal starting at `start`: digits, a fraction and an exponent.
fn number_end(bytes: &[u8], start: usize) -> usize {
    let digits = |mut index: usize| {
        while bytes.get(index).is_some_and(u8::is_ascii_digit) {
            index += 1;
        }
        index
    };
    let mut end = digits(start);
    if bytes.get(end) == Some(&b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) {
        end = digits(end + 1);
    }
    if matches!(bytes.get(end), Some(b'e' | b'E')) {
        let mut exponent = end + 1;
        if matches!(bytes.get(exponent), Some(b'+' | b'-')) {
            exponent += 1;
        }
        if bytes.get(exponent).is_some_and(u8::is_ascii_digit) {
            end = digits(exponent);
        }
    }
    end
}

/// Blanks the earlier of two entries with the key at `offset`, so the later value stands.
fn repeated_key(text: &mut String, offset: usize) -> Option<Repair> {
    let name = name_at(text, offset);
    if name.is_empty() {
        return None;
    }
    let first = previous_key(text, offset, &name)?;
    let first_end = entry_end(text, first + name.len())?;
    blank(text, first..first_end);
    Some(Repair::RepeatedKey {
        key_span: offset..offset + name.len(),
        first_key_span: first..first + name.len(),
        name,
    })
}

/// The nearest `name =` or `name:` before `offset`, as a whole word.
fn previous_key(text: &str, offset: usize, name: &str) -> Option<usize> {
    let before = &text[..offset];
    let mut search_end = before.len();
    while let Some(found) = before[..search_end].rfind(name) {
        let preceded = before[..found]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '-'));
        let followed = before[found + name.len()..].trim_start_matches([' ', '\t']);
        if preceded && followed.starts_with(['=', ':']) {
            return Some(found);
        }
        search_end = found;
    }
    None
}

/// The end of an object entry whose key ends at `from`: past its value and the comma after it,
/// found by counting brackets outside quoted strings.
fn entry_end(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut index = from;
    while index < bytes.len() && matches!(bytes[index], b' ' | b'\t') {
        index += 1;
    }
    if !matches!(bytes.get(index), Some(b'=' | b':')) {
        return None;
    }
    index += 1;
    let mut depth = 0usize;
    let mut started = false;
    while index < bytes.len() {
        match bytes[index] {
            b'"' => {
                index += 1;
                while index < bytes.len() && bytes[index] != b'"' && bytes[index] != b'\n' {
                    index += if bytes[index] == b'\\' { 2 } else { 1 };
                }
                started = true;
            }
            b'[' | b'{' | b'(' => {
                depth += 1;
                started = true;
            }
            b']' | b'}' | b')' if depth == 0 => return Some(index),
            b']' | b'}' | b')' => depth -= 1,
            b',' if depth == 0 => return Some(index + 1),
            b'\n' if depth == 0 && started => return Some(index),
            b' ' | b'\t' | b'\r' | b'\n' => {}
            _ => started = true,
        }
        index += 1;
    }
    None
}

/// The start of the statement that holds the error at `offset`: the last line before it that
/// starts with a name in column one. An error right at such a line means the statement before
/// it was left open, unless that statement reads well on its own (then the error is this line's).
fn statement_start(text: &str, offset: usize) -> usize {
    let line_of_error = line_start(text, offset);
    let last_before = |limit: usize| {
        statement_starts(text)
            .take_while(|start| *start < limit)
            .last()
    };
    let previous = last_before(offset).unwrap_or(line_of_error);
    if previous == line_of_error {
        // The error is inside a statement's first line. If that statement reads well alone,
        // the one before it was left open (`f = (` before `g = true`).
        return match last_before(line_of_error) {
            Some(earlier) if reads_alone(text, line_of_error) => earlier,
            _ => line_of_error,
        };
    }
    if parse_body(&text[previous..line_of_error]).is_ok() {
        line_of_error
    } else {
        previous
    }
}

/// Whether the statement starting at `line` parses on its own, up to the next statement start.
fn reads_alone(text: &str, line: usize) -> bool {
    let end = statement_starts(text)
        .find(|next| *next > line)
        .unwrap_or(text.len());
    parse_body(&text[line..end]).is_ok()
}

/// The end of the statement starting at `start` whose error is at `offset`: the next statement
/// start at or after the error, or the end of the file. When the error is on a later statement's
/// line that reads well on its own (`f = (` followed by `g = true`), the statement ends there.
fn statement_end(text: &str, start: usize, offset: usize) -> usize {
    let line = line_start(text, offset);
    if line > start && statement_starts(text).any(|next| next == line) && reads_alone(text, line) {
        return line;
    }
    statement_starts(text)
        .find(|next| *next > start && *next >= offset)
        .unwrap_or(text.len())
}

/// Offsets of the lines that begin, in column one, with a letter or `_`.
fn statement_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    std::iter::once(0)
        .chain(
            bytes
                .iter()
                .enumerate()
                .filter(|(_, byte)| **byte == b'\n')
                .map(|(index, _)| index + 1),
        )
        .filter(move |line| {
            bytes
                .get(*line)
                .is_some_and(|byte| byte.is_ascii_alphabetic() || *byte == b'_')
        })
}

/// The `<<` that opens the heredoc of the statement at `start`, or the error's place.
fn heredoc_start(text: &str, start: usize, offset: usize) -> Span {
    match text[start..offset].find("<<") {
        Some(found) => start + found..start + found + 2,
        None => offset..next_char_boundary(text, offset),
    }
}

/// What was left open in the statement `span` when hcl-edit gave up on it as a whole (it then
/// reports the statement's start, which says little): a string at the end of its line, or the
/// outermost bracket never closed.
fn left_open(text: &str, span: Span, offset: usize) -> Option<(Span, String, &'static str)> {
    if offset != span.start {
        return None;
    }
    let mut brackets: Vec<(usize, char)> = Vec::new();
    let mut quote: Option<usize> = None;
    let mut chars = text[span.clone()].char_indices();
    while let Some((index, c)) = chars.next() {
        let at = span.start + index;
        match (quote, c) {
            (Some(_), '\\') => {
                chars.next();
            }
            (Some(open), '\n') => {
                return Some((
                    open..open + 1,
                    "this string is never closed".to_owned(),
                    HELP_STRING,
                ))
            }
            (Some(_), '"') => quote = None,
            (Some(_), _) => {}
            (None, '"') => quote = Some(at),
            (None, '#') => {
                for (_, c) in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            (None, '[' | '{' | '(') => brackets.push((at, c)),
            (None, ']' | '}' | ')') => {
                brackets.pop();
            }
            _ => {}
        }
    }
    if let Some(open) = quote {
        return Some((
            open..open + 1,
            "this string is never closed".to_owned(),
            HELP_STRING,
        ));
    }
    let (at, bracket) = *brackets.first()?;
    let (what, closing) = match bracket {
        '{' => ("object", '}'),
        '[' => ("list", ']'),
        _ => ("parenthesis", ')'),
    };
    Some((
        at..at + 1,
        format!("this {what} is never closed: the statement ends before its `{closing}`"),
        HELP_BRACKET,
    ))
}

/// hcl-edit's message for the commonest mistakes, said as a person would, with what to do.
/// hcl-edit lists the tokens its grammar expected; a user wants to know what is missing.
fn explain(message: &str) -> (String, &'static str) {
    let said = |text: &str, help: &'static str| (text.to_owned(), help);
    if message.contains("expected newline or eof") {
        return said(
            "expected a new line after this value",
            "Each attribute stands on its own line; separate the values of a list or an object with commas",
        );
    }
    if message.contains("expected `=` or `:`") {
        return said(
            "expected `=` after the attribute name",
            "Object attributes are written `name = value`",
        );
    }
    if message.starts_with("invalid expression") {
        return said(
            "expected a value here",
            "Write a value: a number, a \"string\", true, false, null, a [list] or an { object }",
        );
    }
    match message {
        "expected `]`" => said("expected `,` or the closing `]` of this list", HELP_BRACKET),
        "expected `}`" => said("expected the closing `}` of this object", HELP_BRACKET),
        "expected `)`" => said("expected the closing `)`", HELP_BRACKET),
        "unexpected token" => said("unexpected text here", HELP),
        _ => (message.to_owned(), HELP),
    }
}

/// The escape sequence hcl-edit refused near `offset`: from its backslash to the next quote,
/// blank or backslash.
fn escape_at(text: &str, offset: usize) -> Span {
    let line = line_start(text, offset);
    let Some(backslash) = text[line..offset].rfind('\\').map(|found| line + found) else {
        return offset..next_char_boundary(text, offset);
    };
    let end = text[backslash + 1..]
        .find(|c: char| c == '"' || c == '\\' || c.is_whitespace())
        .map_or(text.len(), |found| backslash + 1 + found);
    backslash..end
}

fn name_at(text: &str, offset: usize) -> String {
    text[offset..]
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
        .collect()
}

fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |index| index + 1)
}

/// Replaces every byte of `span` but line feeds with a space.
fn blank(text: &mut String, span: Span) {
    let blanked: String = text[span.clone()]
        .bytes()
        .map(|byte| if byte == b'\n' { '\n' } else { ' ' })
        .collect();
    text.replace_range(span, &blanked);
}

fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn next_char_boundary(text: &str, offset: usize) -> usize {
    text[offset..]
        .chars()
        .next()
        .map_or(offset, |c| offset + c.len_utf8())
}
