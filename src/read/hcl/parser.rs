//! A recursive-descent parser for HCL's native syntax, limited to what a tfvars file can hold.
//!
//! It reads a body of attributes (and blocks, so that they can be reported), and the full
//! expression language: literals, string templates and heredocs, lists, objects, operators,
//! conditionals, function calls, traversals and `for` expressions. Recursion is bounded by
//! [`MAX_DEPTH`] nested brackets and [`MAX_OPERATORS`] operators per value, so no input can
//! overflow the stack, natively or in WebAssembly.

use super::syntax::{BinaryOp, Expr, ExprKind, ForExpr, Key, Part, UnaryOp};
use crate::diagnostic::Span;
use crate::read::MAX_DEPTH;

/// The most unary and binary operators one value may hold; evaluation recurses once per
/// operator, so this bounds the stack it needs.
pub const MAX_OPERATORS: usize = 256;

/// Why the input is not valid HCL, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub span: Span,
    pub message: String,
    pub help: Option<&'static str>,
    /// The error consumed the rest of the file (an unclosed heredoc), so nothing after it can
    /// be read.
    pub swallows_rest: bool,
}

/// One top-level statement.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Attribute {
        name: String,
        name_span: Span,
        value: Expr,
    },
    Block {
        name: String,
        name_span: Span,
    },
}

/// A statement that could not be read: the error and the bytes skipped.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    pub error: SyntaxError,
    /// The name the skipped statement starts with, if any.
    pub name: String,
    pub span: Span,
}

/// Parses a whole file, skipping each broken top-level statement so the rest is still read.
pub fn parse_body(source: &str) -> (Vec<Item>, Vec<Skipped>) {
    let mut parser = Parser {
        source,
        bytes: source.as_bytes(),
        position: 0,
        depth: 0,
        operators: 0,
        newlines: true,
    };
    if source.starts_with('\u{feff}') {
        parser.position = '\u{feff}'.len_utf8();
    }
    let mut items = Vec::new();
    let mut skipped = Vec::new();
    loop {
        parser.newlines = true;
        parser.skip_trivia();
        if parser.at_end() {
            break;
        }
        let start = parser.position;
        parser.depth = 0;
        parser.operators = 0;
        match parser.item() {
            Ok(item) => items.push(item),
            Err(error) => {
                let end = if error.swallows_rest {
                    source.len()
                } else {
                    next_statement(source, start + 1)
                };
                let name = source[start..end]
                    .chars()
                    .take_while(|c| is_name_char(*c))
                    .collect();
                skipped.push(Skipped {
                    error,
                    name,
                    span: start..end,
                });
                parser.position = end;
            }
        }
    }
    (items, skipped)
}

/// The start of the first line after `from` that begins, in column one, with a name: where
/// the next top-level statement most likely starts, since values are indented inside brackets.
fn next_statement(source: &str, from: usize) -> usize {
    let bytes = source.as_bytes();
    let mut index = from.min(bytes.len());
    while index < bytes.len() {
        if bytes[index] == b'\n' || bytes[index] == b'\r' {
            let line = index + 1;
            if bytes
                .get(line)
                .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_')
            {
                return line;
            }
        }
        index += 1;
    }
    bytes.len()
}

fn is_name_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

type Parsed<T> = Result<T, SyntaxError>;

struct Parser<'a> {
    source: &'a str,
    bytes: &'a [u8],
    /// The next unread byte; always on a character boundary.
    position: usize,
    depth: usize,
    operators: usize,
    /// Whether line breaks are insignificant here (inside brackets, parentheses, `${}`).
    newlines: bool,
}

impl Parser<'_> {
    fn at_end(&self) -> bool {
        self.position >= self.bytes.len()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.position).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<u8> {
        self.bytes.get(self.position + offset).copied()
    }

    fn starts_with(&self, text: &str) -> bool {
        self.bytes[self.position..].starts_with(text.as_bytes())
    }

    fn next_char(&self) -> Option<char> {
        self.source[self.position..].chars().next()
    }

    /// The span of the character at the current position (empty at the end).
    fn here(&self) -> Span {
        let length = self.next_char().map_or(0, char::len_utf8);
        self.position..self.position + length
    }

    /// How the user would name what is at the current position.
    fn found(&self) -> String {
        match self.next_char() {
            None => "the end of the file".to_owned(),
            Some('\n' | '\r') => "the end of the line".to_owned(),
            Some(c) if c.is_control() => format!("the control character U+{:04X}", c as u32),
            Some(c) => format!("`{c}`"),
        }
    }

    fn error<T>(&self, message: String, help: Option<&'static str>) -> Parsed<T> {
        Err(SyntaxError {
            span: self.here(),
            message,
            help,
            swallows_rest: false,
        })
    }

    fn expected<T>(&self, what: &str) -> Parsed<T> {
        self.error(format!("expected {what}, found {}", self.found()), None)
    }

    /// Skips spaces, comments and, where they are insignificant, line breaks.
    fn skip_trivia(&mut self) {
        while let Some(byte) = self.peek() {
            match byte {
                b' ' | b'\t' => self.position += 1,
                b'\n' | b'\r' if self.newlines => self.position += 1,
                b'#' => self.skip_line_comment(),
                b'/' if self.peek_at(1) == Some(b'/') => self.skip_line_comment(),
                b'/' if self.peek_at(1) == Some(b'*') => {
                    let rest = &self.source[self.position + 2..];
                    self.position = match rest.find("*/") {
                        Some(end) => self.position + 2 + end + 2,
                        None => self.bytes.len(),
                    };
                }
                _ => break,
            }
        }
    }

    fn skip_line_comment(&mut self) {
        while let Some(byte) = self.peek() {
            if byte == b'\n' || byte == b'\r' {
                break;
            }
            self.position += 1;
        }
        // Stop on a character boundary even if the comment held multi-byte characters.
        while !self.source.is_char_boundary(self.position) {
            self.position += 1;
        }
    }

    /// Runs `parse` with line breaks significant or not, restoring the setting afterwards.
    fn with_newlines<T>(
        &mut self,
        allowed: bool,
        parse: impl FnOnce(&mut Self) -> Parsed<T>,
    ) -> Parsed<T> {
        let saved = self.newlines;
        self.newlines = allowed;
        let result = parse(self);
        self.newlines = saved;
        result
    }

    /// Runs `parse` one nesting level deeper, refusing input nested beyond [`MAX_DEPTH`].
    fn nested<T>(&mut self, parse: impl FnOnce(&mut Self) -> Parsed<T>) -> Parsed<T> {
        if self.depth >= MAX_DEPTH {
            return self.error(
                format!("the value is nested more than {MAX_DEPTH} levels deep"),
                Some("Real tfvars values nest a few levels; flatten this value"),
            );
        }
        self.depth += 1;
        let result = parse(self);
        self.depth -= 1;
        result
    }

    fn count_operator(&mut self) -> Parsed<()> {
        self.operators += 1;
        if self.operators > MAX_OPERATORS {
            return self.error(
                format!("the value uses more than {MAX_OPERATORS} operators"),
                Some("Write the resulting value instead of such a long expression"),
            );
        }
        Ok(())
    }

    fn name(&mut self) -> Option<(String, Span)> {
        let start = self.position;
        if !self.peek().is_some_and(|b| is_name_start(b as char)) {
            return None;
        }
        while self.peek().is_some_and(|b| is_name_char(b as char)) {
            self.position += 1;
        }
        Some((
            self.source[start..self.position].to_owned(),
            start..self.position,
        ))
    }

    /// Whether the keyword `word` comes next, as a whole word.
    fn at_keyword(&self, word: &str) -> bool {
        self.starts_with(word)
            && !self
                .bytes
                .get(self.position + word.len())
                .is_some_and(|b| is_name_char(*b as char))
    }

    fn eat(&mut self, text: &str) -> bool {
        if self.starts_with(text) {
            self.position += text.len();
            true
        } else {
            false
        }
    }

    fn item(&mut self) -> Parsed<Item> {
        let Some((name, name_span)) = self.name() else {
            return self.expected("a variable name");
        };
        self.newlines = false;
        self.skip_trivia();
        if self.peek() == Some(b'=') && self.peek_at(1) != Some(b'=') {
            self.position += 1;
            self.skip_trivia();
            let value = self.expression()?;
            self.skip_trivia();
            if !self.at_end() && !matches!(self.peek(), Some(b'\n' | b'\r')) {
                return self.error(
                    format!("expected a new line after the value of `{name}`, found {}", self.found()),
                    Some("Each attribute stands on its own line; separate values in a list or object with commas"),
                );
            }
            return Ok(Item::Attribute {
                name,
                name_span,
                value,
            });
        }
        // A block: labels, then a body in braces.
        loop {
            match self.peek() {
                Some(b'{') => break,
                Some(b'"') => {
                    self.template_string()?;
                }
                Some(byte) if is_name_start(byte as char) => {
                    self.name();
                }
                _ => {
                    return self.error(
                        format!("expected `=` after `{name}`, found {}", self.found()),
                        Some("A tfvars file sets variables as `name = value`"),
                    )
                }
            }
            self.skip_trivia();
        }
        self.position += 1;
        self.nested(|parser| parser.block_body())?;
        Ok(Item::Block { name, name_span })
    }

    /// The statements of a block, up to and including its closing brace.
    fn block_body(&mut self) -> Parsed<()> {
        loop {
            self.newlines = true;
            self.skip_trivia();
            match self.peek() {
                None => return self.expected("`}` to close the block"),
                Some(b'}') => {
                    self.position += 1;
                    return Ok(());
                }
                _ => {
                    self.item()?;
                }
            }
        }
    }

    fn expression(&mut self) -> Parsed<Expr> {
        let condition = self.binary(1)?;
        let save = self.position;
        self.skip_trivia();
        if self.peek() != Some(b'?') {
            self.position = save;
            return Ok(condition);
        }
        self.position += 1;
        self.count_operator()?;
        self.skip_trivia();
        let when_true = self.expression()?;
        self.skip_trivia();
        if !self.eat(":") {
            return self.expected("`:` between the two results of the conditional");
        }
        self.skip_trivia();
        let when_false = self.expression()?;
        let span = condition.span.start..when_false.span.end;
        Ok(Expr {
            kind: ExprKind::Conditional(
                Box::new(condition),
                Box::new(when_true),
                Box::new(when_false),
            ),
            span,
        })
    }

    /// Binary operators by precedence climbing: left-associative, at least `min` strong.
    fn binary(&mut self, min: u8) -> Parsed<Expr> {
        let mut left = self.unary()?;
        loop {
            let save = self.position;
            self.skip_trivia();
            let Some((operator, length)) = self.binary_operator() else {
                self.position = save;
                return Ok(left);
            };
            if operator.precedence() < min {
                self.position = save;
                return Ok(left);
            }
            self.position += length;
            self.count_operator()?;
            self.skip_trivia();
            let right = self.binary(operator.precedence() + 1)?;
            let span = left.span.start..right.span.end;
            left = Expr {
                kind: ExprKind::Binary(operator, Box::new(left), Box::new(right)),
                span,
            };
        }
    }

    fn binary_operator(&self) -> Option<(BinaryOp, usize)> {
        let two = [self.peek()?, self.peek_at(1).unwrap_or(0)];
        let operator = match &two {
            b"||" => (BinaryOp::Or, 2),
            b"&&" => (BinaryOp::And, 2),
            b"==" => (BinaryOp::Equal, 2),
            b"!=" => (BinaryOp::NotEqual, 2),
            b"<=" => (BinaryOp::LessEqual, 2),
            b">=" => (BinaryOp::GreaterEqual, 2),
            [b'<', _] => (BinaryOp::Less, 1),
            [b'>', _] => (BinaryOp::Greater, 1),
            [b'+', _] => (BinaryOp::Add, 1),
            [b'-', _] => (BinaryOp::Subtract, 1),
            [b'*', _] => (BinaryOp::Multiply, 1),
            [b'/', _] => (BinaryOp::Divide, 1),
            [b'%', _] => (BinaryOp::Modulo, 1),
            _ => return None,
        };
        Some(operator)
    }

    fn unary(&mut self) -> Parsed<Expr> {
        let mut operators = Vec::new();
        loop {
            match (self.peek(), self.peek_at(1)) {
                (Some(b'-'), _) => operators.push((UnaryOp::Negate, self.position)),
                (Some(b'!'), next) if next != Some(b'=') => {
                    operators.push((UnaryOp::Not, self.position))
                }
                _ => break,
            }
            self.position += 1;
            self.count_operator()?;
            self.skip_trivia();
        }
        let mut operand = self.postfix()?;
        while let Some((operator, start)) = operators.pop() {
            let span = start..operand.span.end;
            operand = Expr {
                kind: ExprKind::Unary(operator, Box::new(operand)),
                span,
            };
        }
        Ok(operand)
    }

    /// A primary value followed by attribute access, indexes and splats.
    fn postfix(&mut self) -> Parsed<Expr> {
        let mut value = self.primary()?;
        loop {
            let start = value.span.start;
            if matches!(self.peek(), Some(b'.' | b'[')) {
                // Each step nests the tree one level deeper, like an operator.
                self.count_operator()?;
            }
            if self.peek() == Some(b'.') {
                if self.peek_at(1) == Some(b'*') {
                    self.position += 2;
                    value = Expr {
                        kind: ExprKind::Splat(Box::new(value)),
                        span: start..self.position,
                    };
                } else if self.peek_at(1).is_some_and(|b| b.is_ascii_digit()) {
                    self.position += 1;
                    let index_start = self.position;
                    while self.peek().is_some_and(|b| b.is_ascii_digit()) {
                        self.position += 1;
                    }
                    let digits = &self.source[index_start..self.position];
                    let index = Expr {
                        kind: ExprKind::Number(digits.parse::<f64>().unwrap_or(f64::MAX)),
                        span: index_start..self.position,
                    };
                    value = Expr {
                        kind: ExprKind::Index(Box::new(value), Box::new(index)),
                        span: start..self.position,
                    };
                } else {
                    self.position += 1;
                    let Some((name, _)) = self.name() else {
                        return self.expected("an attribute name after `.`");
                    };
                    value = Expr {
                        kind: ExprKind::GetAttr(Box::new(value), name),
                        span: start..self.position,
                    };
                }
            } else if self.peek() == Some(b'[') {
                self.position += 1;
                if self.eat("*]") {
                    value = Expr {
                        kind: ExprKind::Splat(Box::new(value)),
                        span: start..self.position,
                    };
                    continue;
                }
                let index = self.nested(|parser| {
                    parser.with_newlines(true, |parser| {
                        parser.skip_trivia();
                        let index = parser.expression()?;
                        parser.skip_trivia();
                        if !parser.eat("]") {
                            return parser.expected("`]` after the index");
                        }
                        Ok(index)
                    })
                })?;
                value = Expr {
                    kind: ExprKind::Index(Box::new(value), Box::new(index)),
                    span: start..self.position,
                };
            } else {
                return Ok(value);
            }
        }
    }

    fn primary(&mut self) -> Parsed<Expr> {
        let start = self.position;
        let kind = match self.peek() {
            Some(b'0'..=b'9') => self.number(),
            Some(b'"') => ExprKind::Template(self.template_string()?),
            Some(b'<') if self.starts_with("<<") => self.heredoc()?,
            Some(b'[') => self.nested(|parser| parser.list())?,
            Some(b'{') => self.nested(|parser| parser.object())?,
            Some(b'(') => {
                self.position += 1;
                let inner = self.nested(|parser| {
                    parser.with_newlines(true, |parser| {
                        parser.skip_trivia();
                        let inner = parser.expression()?;
                        parser.skip_trivia();
                        if parser.at_end() {
                            return Err(parser.unclosed(start, "parenthesis", ')'));
                        }
                        if !parser.eat(")") {
                            return parser.expected("`)` to close the parenthesis");
                        }
                        Ok(inner)
                    })
                })?;
                ExprKind::Paren(Box::new(inner))
            }
            Some(byte) if is_name_start(byte as char) => {
                let (name, _) = self.name().unwrap_or_default();
                match name.as_str() {
                    "true" => ExprKind::Bool(true),
                    "false" => ExprKind::Bool(false),
                    "null" => ExprKind::Null,
                    _ if self.starts_with("::") || self.peek() == Some(b'(') => self.call(name)?,
                    _ => ExprKind::Variable(name),
                }
            }
            _ => return self.expected("a value"),
        };
        Ok(Expr {
            kind,
            span: start..self.position,
        })
    }

    fn number(&mut self) -> ExprKind {
        let start = self.position;
        let digits = |parser: &mut Self| {
            while parser.peek().is_some_and(|b| b.is_ascii_digit()) {
                parser.position += 1;
            }
        };
        digits(self);
        if self.peek() == Some(b'.') && self.peek_at(1).is_some_and(|b| b.is_ascii_digit()) {
            self.position += 1;
            digits(self);
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            let exponent = match self.peek_at(1) {
                Some(b'+' | b'-') => 2,
                _ => 1,
            };
            if self.peek_at(exponent).is_some_and(|b| b.is_ascii_digit()) {
                self.position += exponent;
                digits(self);
            }
        }
        // Terraform's numbers have arbitrary precision; one beyond f64 saturates, as in the
        // JSON reader, so the range checks report it with their own codes.
        let number = self.source[start..self.position]
            .parse::<f64>()
            .unwrap_or(f64::MAX);
        ExprKind::Number(if number.is_infinite() {
            f64::MAX
        } else {
            number
        })
    }

    fn call(&mut self, mut name: String) -> Parsed<ExprKind> {
        while self.eat("::") {
            let Some((part, _)) = self.name() else {
                return self.expected("a function name after `::`");
            };
            name.push_str("::");
            name.push_str(&part);
        }
        if !self.eat("(") {
            return self.expected("`(` after the function name");
        }
        self.nested(|parser| {
            parser.with_newlines(true, |parser| loop {
                parser.skip_trivia();
                if parser.eat(")") {
                    return Ok(());
                }
                parser.expression()?;
                parser.skip_trivia();
                parser.eat("...");
                parser.skip_trivia();
                if parser.eat(",") {
                    continue;
                }
                if parser.eat(")") {
                    return Ok(());
                }
                return parser.expected("`,` or `)` in the function call");
            })
        })?;
        Ok(ExprKind::Call(name))
    }

    /// The error for a bracket still open at the end of the file, pointing at the bracket.
    fn unclosed(&self, open: usize, what: &str, close: char) -> SyntaxError {
        SyntaxError {
            span: open..open + 1,
            message: format!("this {what} is never closed: the file ends before its `{close}`"),
            help: Some("Add the closing bracket, or check the brackets inside for one too many"),
            swallows_rest: false,
        }
    }

    fn list(&mut self) -> Parsed<ExprKind> {
        let open = self.position;
        self.position += 1;
        self.with_newlines(true, |parser| {
            parser.skip_trivia();
            if parser.at_keyword("for") {
                return parser
                    .for_expression(b']')
                    .map(|for_expr| ExprKind::For(Box::new(for_expr)));
            }
            let mut items = Vec::new();
            loop {
                parser.skip_trivia();
                if parser.at_end() {
                    return Err(parser.unclosed(open, "list", ']'));
                }
                if parser.eat("]") {
                    return Ok(ExprKind::List(items));
                }
                items.push(parser.expression()?);
                parser.skip_trivia();
                if parser.eat(",") {
                    continue;
                }
                if parser.eat("]") {
                    return Ok(ExprKind::List(items));
                }
                return parser.error(
                    format!(
                        "expected `,` or `]` after a list item, found {}",
                        parser.found()
                    ),
                    Some("Separate list items with commas"),
                );
            }
        })
    }

    fn object(&mut self) -> Parsed<ExprKind> {
        let open = self.position;
        self.position += 1;
        self.with_newlines(true, |parser| {
            parser.skip_trivia();
            if parser.at_keyword("for") {
                return parser.for_expression(b'}').map(|for_expr| ExprKind::For(Box::new(for_expr)));
            }
            let mut entries = Vec::new();
            loop {
                parser.newlines = true;
                parser.skip_trivia();
                if parser.at_end() {
                    return Err(parser.unclosed(open, "object", '}'));
                }
                if parser.eat("}") {
                    return Ok(ExprKind::Object(entries));
                }
                parser.newlines = false;
                let key = parser.object_key()?;
                parser.skip_trivia();
                if !(parser.eat("=") || parser.eat(":")) {
                    return parser.error(
                        format!("expected `=` after the attribute name, found {}", parser.found()),
                        Some("Object attributes are written `name = value`"),
                    );
                }
                parser.skip_trivia();
                let value = parser.expression()?;
                entries.push((key, value));
                parser.skip_trivia();
                match parser.peek() {
                    Some(b',') => parser.position += 1,
                    Some(b'\n' | b'\r' | b'}') => {}
                    _ => {
                        return parser.error(
                            format!(
                                "expected a new line, `,` or `}}` after an object attribute, found {}",
                                parser.found()
                            ),
                            Some("Put each attribute of an object on its own line, or separate them with commas"),
                        )
                    }
                }
            }
        })
    }

    fn object_key(&mut self) -> Parsed<Key> {
        if self.peek().is_some_and(|b| is_name_start(b as char)) {
            let save = self.position;
            let (name, span) = self.name().unwrap_or_default();
            let after = self.position;
            self.skip_trivia();
            let assigns = matches!(self.peek(), Some(b'=' | b':')) && self.peek_at(1) != Some(b'=');
            self.position = after;
            if assigns {
                return Ok(Key::Name(name, span));
            }
            self.position = save;
        }
        let key = self.postfix()?;
        Ok(Key::Expr(key))
    }

    fn for_expression(&mut self, close: u8) -> Parsed<ForExpr> {
        self.position += "for".len();
        self.skip_trivia();
        let Some((first, _)) = self.name() else {
            return self.expected("a name after `for`");
        };
        self.skip_trivia();
        let (key_var, value_var) = if self.eat(",") {
            self.skip_trivia();
            let Some((second, _)) = self.name() else {
                return self.expected("a second name after `,`");
            };
            (Some(first), second)
        } else {
            (None, first)
        };
        self.skip_trivia();
        if !self.at_keyword("in") {
            return self.expected("`in` in the `for` expression");
        }
        self.position += 2;
        self.skip_trivia();
        let collection = self.expression()?;
        self.skip_trivia();
        if !self.eat(":") {
            return self.expected("`:` after the collection of the `for` expression");
        }
        self.skip_trivia();
        let first_result = self.expression()?;
        self.skip_trivia();
        let (key, value, grouping) = if close == b'}' {
            if !self.eat("=>") {
                return self.expected("`=>` between key and value of the `for` expression");
            }
            self.skip_trivia();
            let value = self.expression()?;
            self.skip_trivia();
            let grouping = self.eat("...");
            (Some(first_result), value, grouping)
        } else {
            (None, first_result, false)
        };
        self.skip_trivia();
        let condition = if self.at_keyword("if") {
            self.position += 2;
            self.skip_trivia();
            Some(self.expression()?)
        } else {
            None
        };
        self.skip_trivia();
        if self.peek() != Some(close) {
            return self.expected(if close == b']' {
                "`]` to end the `for` expression"
            } else {
                "`}` to end the `for` expression"
            });
        }
        self.position += 1;
        Ok(ForExpr {
            key_var,
            value_var,
            collection,
            key,
            value,
            condition,
            grouping,
        })
    }

    /// A quoted string with its interpolations, the position just past its closing quote.
    fn template_string(&mut self) -> Parsed<Vec<Part>> {
        let open = self.position;
        self.position += 1;
        let mut parts = Vec::new();
        let mut literal = String::new();
        loop {
            let Some(c) = self.next_char() else {
                return Err(self.unclosed_string(open));
            };
            match c {
                '"' => {
                    self.position += 1;
                    break;
                }
                '\n' | '\r' => return Err(self.unclosed_string(open)),
                '\\' => literal.push(self.escape()?),
                _ => {
                    if !self.template_piece(&mut parts, &mut literal)? {
                        if c.is_control() && c != '\t' {
                            return self.error(
                                format!(
                                    "a string cannot hold the control character U+{:04X}",
                                    c as u32
                                ),
                                Some("Write it as an escape such as \\n or \\u0000, or remove it"),
                            );
                        }
                        literal.push(c);
                        self.position += c.len_utf8();
                    }
                }
            }
        }
        if !literal.is_empty() || parts.is_empty() {
            parts.push(Part::Literal(literal));
        }
        Ok(parts)
    }

    fn unclosed_string(&self, open: usize) -> SyntaxError {
        SyntaxError {
            span: open..open + 1,
            message: "this string is not closed before the end of the line".to_owned(),
            help: Some(
                "Add the closing `\"`; for text over several lines use a heredoc (<<EOT ... EOT)",
            ),
            swallows_rest: false,
        }
    }

    /// Reads `${...}`, `$${`, `%{...}` or `%%{` at the current position into the template.
    /// Returns `false` when none of them is there.
    fn template_piece(&mut self, parts: &mut Vec<Part>, literal: &mut String) -> Parsed<bool> {
        if self.eat("$${") {
            literal.push_str("${");
        } else if self.eat("%%{") {
            literal.push_str("%{");
        } else if self.starts_with("${") {
            self.position += 2;
            if !literal.is_empty() {
                parts.push(Part::Literal(std::mem::take(literal)));
            }
            let expr = self.nested(|parser| {
                parser.with_newlines(true, |parser| {
                    parser.eat("~");
                    parser.skip_trivia();
                    let expr = parser.expression()?;
                    parser.skip_trivia();
                    parser.eat("~");
                    if !parser.eat("}") {
                        return parser.expected("`}` to close the interpolation");
                    }
                    Ok(expr)
                })
            })?;
            parts.push(Part::Interpolation(expr));
        } else if self.starts_with("%{") {
            let start = self.position;
            let Some(end) = self.source[start..].find('}') else {
                return self.expected("`}` to close the template directive");
            };
            self.position = start + end + 1;
            if !literal.is_empty() {
                parts.push(Part::Literal(std::mem::take(literal)));
            }
            parts.push(Part::Directive(start..self.position));
        } else {
            return Ok(false);
        }
        Ok(true)
    }

    fn escape(&mut self) -> Parsed<char> {
        let start = self.position;
        self.position += 1;
        let Some(c) = self.next_char() else {
            return self.expected("an escape after `\\`");
        };
        self.position += c.len_utf8();
        let digits = match c {
            'n' => return Ok('\n'),
            'r' => return Ok('\r'),
            't' => return Ok('\t'),
            '"' => return Ok('"'),
            '\\' => return Ok('\\'),
            'u' => 4,
            'U' => 8,
            _ => {
                return Err(SyntaxError {
                    span: start..self.position,
                    message: format!("`\\{c}` is not a valid escape"),
                    help: Some(
                        "HCL strings know \\n, \\r, \\t, \\\", \\\\, \\uNNNN and \\UNNNNNNNN",
                    ),
                    swallows_rest: false,
                })
            }
        };
        let hex = self
            .source
            .get(self.position..self.position + digits)
            .unwrap_or("");
        let code = (hex.len() == digits && hex.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| u32::from_str_radix(hex, 16).ok())
            .flatten();
        match code {
            Some(code) => {
                self.position += digits;
                Ok(char::from_u32(code).unwrap_or('\u{fffd}'))
            }
            None => Err(SyntaxError {
                span: start..self.position,
                message: format!("`\\{c}` needs {digits} hexadecimal digits"),
                help: None,
                swallows_rest: false,
            }),
        }
    }

    /// `<<EOT` or `<<-EOT`, its lines, and the closing `EOT` line.
    fn heredoc(&mut self) -> Parsed<ExprKind> {
        let open = self.position;
        self.position += 2;
        let strip_indent = self.eat("-");
        let Some((delimiter, _)) = self.name() else {
            return self.expected("a delimiter name after `<<`");
        };
        if !(self.eat("\r\n") || self.eat("\n")) {
            return self.expected("a new line after the heredoc delimiter");
        }
        let content_start = self.position;
        let mut line_start = content_start;
        let content_end = loop {
            let line_end = self.source[line_start..]
                .find('\n')
                .map_or(self.bytes.len(), |index| line_start + index);
            let line = &self.source[line_start..line_end];
            if line.trim() == delimiter {
                let indent = line.len() - line.trim_start().len();
                self.position = line_start + indent + delimiter.len();
                break line_start;
            }
            if line_end >= self.bytes.len() {
                return Err(SyntaxError {
                    span: open..open + 2,
                    message: format!("this heredoc is never closed by a `{delimiter}` line"),
                    help: Some("End the heredoc with a line holding only its delimiter"),
                    swallows_rest: true,
                });
            }
            line_start = line_end + 1;
        };
        let after = self.position;
        self.position = content_start;
        let mut parts = Vec::new();
        let mut literal = String::new();
        while self.position < content_end {
            if !self.template_piece(&mut parts, &mut literal)? {
                let c = self.next_char().unwrap_or('\u{fffd}');
                literal.push(c);
                self.position += c.len_utf8();
            }
        }
        self.position = after;
        if !literal.is_empty() || parts.is_empty() {
            parts.push(Part::Literal(literal));
        }
        Ok(ExprKind::Heredoc {
            parts,
            strip_indent,
        })
    }
}
