//! Reads HCL tfvars through `hcl-edit` and evaluates constant expressions as Terraform would.
//!
//! Terraform reads a tfvars file with no evaluation context (facts section 6): only attributes,
//! no blocks; references give "Variables not allowed" and calls "Function calls not allowed".
//! Arithmetic, comparisons, logic, conditionals, templates and index or attribute access over
//! literals are evaluated here, so later stages only see plain values.

use hcl_edit::expr::{BinaryOperator, Expression, ObjectKey, TraversalOperator, UnaryOperator};
use hcl_edit::structure::Structure;
use hcl_edit::template::{Element, Template};
use hcl_edit::Span as _;

use super::{remove_duplicate_attributes, Document, Entry, Node, Value};
use crate::diagnostic::{Code, Diagnostic, Span};

/// Reads `source` as HCL.
pub fn read(source: &str) -> (Document, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    // A byte order mark is not HCL; blanking it keeps every byte offset where it was.
    let blanked;
    let text = match source.strip_prefix('\u{feff}') {
        Some(rest) => {
            blanked = format!("   {rest}");
            blanked.as_str()
        }
        None => source,
    };
    let mut unreadable = Vec::new();
    let Some(body) = parse_with_recovery(source, text, &mut unreadable, &mut diagnostics) else {
        return (Document::default(), diagnostics);
    };
    let mut attributes = Vec::new();
    for structure in body.iter() {
        match structure {
            Structure::Block(block) => {
                let span = block.ident.span().unwrap_or(0..0);
                let name = block.ident.as_str();
                diagnostics.push(
                    Diagnostic::new(
                        Code::BlockNotAllowed,
                        format!("`{name}` is a block, and a tfvars file may only set variables"),
                    )
                    .at(span)
                    .with_help(
                        "Write `name = value`; blocks such as `variable` or `module` belong in .tf files",
                    ),
                );
            }
            Structure::Attribute(attribute) => {
                let key = attribute.key.as_str().to_owned();
                let key_span = attribute.key.span().unwrap_or(0..0);
                let mut evaluator = Evaluator {
                    diagnostics: &mut diagnostics,
                    scope: Vec::new(),
                };
                if let Some(value) = evaluator.eval(&attribute.value) {
                    attributes.push(Entry {
                        key,
                        key_span,
                        value,
                    });
                }
            }
        }
    }
    let mut document = remove_duplicate_attributes(attributes, &mut diagnostics);
    document.unreadable = unreadable;
    (document, diagnostics)
}

/// How many broken top-level statements are blanked out before reading gives up.
const MAX_RECOVERIES: usize = 16;

/// Parses `text`; on a syntax error, reports it and blanks the top-level statement that holds
/// it (keeping every byte offset), so the rest of a file being typed is still read.
fn parse_with_recovery(
    source: &str,
    text: &str,
    unreadable: &mut Vec<(String, Span)>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<hcl_edit::structure::Body> {
    let mut current = text.to_owned();
    let mut reported = false;
    for _ in 0..MAX_RECOVERIES {
        match hcl_edit::parser::parse_body(&current) {
            Ok(body) => return Some(body),
            Err(error) => {
                let offset =
                    floor_char_boundary(&current, error.location().offset().min(current.len()));
                let duplicate = duplicate_attribute(&current, offset, &error);
                let is_duplicate = duplicate.is_some();
                if let Some(duplicate) = duplicate {
                    diagnostics.push(duplicate);
                } else if !reported {
                    diagnostics.push(syntax_error(source, &error));
                    reported = true;
                }
                let offset =
                    floor_char_boundary(&current, error.location().offset().min(current.len()));
                let statement = top_level_statement(&current, offset);
                if statement.is_empty() {
                    return None;
                }
                let name: String = current[statement.clone()]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                    .collect();
                if !is_duplicate {
                    unreadable.push((name, statement.clone()));
                }
                current = blank(&current, statement);
            }
        }
    }
    None
}

/// The lines of the top-level statement around `offset`: from the last line at or before it
/// that starts in column one with a name, to the next such line.
fn top_level_statement(text: &str, offset: usize) -> Span {
    let starts_statement =
        |line: &str| line.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_' || c == '"');
    let mut line_starts = vec![0];
    line_starts.extend(text.match_indices('\n').map(|(index, _)| index + 1));
    let line_of_offset = line_starts
        .partition_point(|start| *start <= offset)
        .saturating_sub(1);
    let begin = (0..=line_of_offset)
        .rev()
        .find(|line| starts_statement(&text[line_starts[*line]..]))
        .map_or(0, |line| line_starts[line]);
    let end = (line_of_offset + 1..line_starts.len())
        .find(|line| starts_statement(&text[line_starts[*line]..]))
        .map_or(text.len(), |line| line_starts[line]);
    begin..end
}

/// `text` with every character in `span` but line breaks replaced by spaces of equal length.
fn blank(text: &str, span: Span) -> String {
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..span.start]);
    for c in text[span.clone()].chars() {
        if c == '\n' || c == '\r' {
            out.push(c);
        } else {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        }
    }
    out.push_str(&text[span.end..]);
    out
}

/// hcl-edit refuses a body that sets a name twice; Terraform calls that a duplicate variable.
fn duplicate_attribute(
    text: &str,
    offset: usize,
    error: &hcl_edit::parser::Error,
) -> Option<Diagnostic> {
    if !error.message().contains("redefined attribute") {
        return None;
    }
    let name: String = text[offset..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect();
    if name.is_empty() {
        return None;
    }
    let span = offset..offset + name.len();
    let mut diagnostic = Diagnostic::new(
        Code::DuplicateVariable,
        format!("`{name}` is set more than once"),
    )
    .at(span)
    .at_path(name.clone())
    .with_help("Terraform refuses a tfvars file that sets a variable twice; keep one of them");
    let first = text[..offset]
        .match_indices(name.as_str())
        .find(|(index, _)| {
            let at_line_start = *index == 0 || text[..*index].ends_with(['\n', '\r']);
            let after = text[index + name.len()..].trim_start();
            at_line_start && after.starts_with('=')
        });
    if let Some((index, _)) = first {
        diagnostic = diagnostic.with_related(index..index + name.len(), "first set here");
    }
    Some(diagnostic)
}

fn syntax_error(source: &str, error: &hcl_edit::parser::Error) -> Diagnostic {
    let start = error.location().offset().min(source.len());
    let start = floor_char_boundary(source, start);
    let end = source[start..]
        .chars()
        .next()
        .filter(|c| *c != '\n' && *c != '\r')
        .map_or(start, |c| start + c.len_utf8());
    let found = match source[start..end].chars().next() {
        Some(c) => format!("unexpected `{}`", c.escape_debug()),
        None if start >= source.len() => "unexpected end of file".to_owned(),
        None => "unexpected end of line".to_owned(),
    };
    let expected = error.message().lines().next().unwrap_or("").trim();
    let message = if expected.is_empty() {
        format!("this is not valid HCL: {found}")
    } else {
        format!("this is not valid HCL: {found}, {expected}")
    };
    Diagnostic::new(Code::SyntaxError, message)
        .at(start..end)
        .with_help(
        "A tfvars file is a list of `name = value` lines; check quotes, brackets and commas here",
    )
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

fn span_of(expression: &Expression) -> Span {
    expression.span().unwrap_or(0..0)
}

/// Evaluates expressions to values, reporting what Terraform would refuse.
struct Evaluator<'d> {
    diagnostics: &'d mut Vec<Diagnostic>,
    /// Names bound by enclosing `for` expressions, innermost last.
    scope: Vec<(String, Value)>,
}

impl Evaluator<'_> {
    /// The value of `expression`, or `None` after reporting why it has none.
    fn eval(&mut self, expression: &Expression) -> Option<Node> {
        let span = span_of(expression);
        let value = match expression {
            Expression::Null(_) => Value::Null,
            Expression::Bool(value) => Value::Bool(*value.value()),
            Expression::Number(number) => match number.value().as_f64() {
                Some(number) if number.is_finite() => Value::Number(number),
                _ => return self.invalid(span, "this number is too large to represent"),
            },
            Expression::String(string) => Value::String(string.value().clone()),
            Expression::Array(array) => {
                let mut items = Vec::with_capacity(array.len());
                for item in array.iter() {
                    items.push(self.eval(item)?);
                }
                Value::List(items)
            }
            Expression::Object(object) => {
                let mut entries: Vec<Entry> = Vec::with_capacity(object.len());
                for (key, value) in object.iter() {
                    let (name, key_span) = self.object_key(key)?;
                    let value = self.eval(value.expr())?;
                    entries.push(Entry {
                        key: name,
                        key_span,
                        value,
                    });
                }
                Value::Object(entries)
            }
            Expression::StringTemplate(template) => {
                let mut text = String::new();
                for element in template.iter() {
                    self.template_element(element, &mut text)?;
                }
                Value::String(text)
            }
            Expression::HeredocTemplate(heredoc) => {
                Value::String(self.template(&heredoc.template)?)
            }
            Expression::Parenthesis(inner) => {
                return self.eval(inner.inner()).map(|node| Node {
                    value: node.value,
                    span,
                })
            }
            Expression::Variable(name) => {
                let name = name.as_str();
                match self.scope.iter().rev().find(|(bound, _)| bound == name) {
                    Some((_, value)) => value.clone(),
                    None => return self.not_allowed(
                        span,
                        format!("`{name}` is a reference, and Terraform allows no variables in a tfvars file"),
                        "Write the value itself; tfvars files are read before any variable exists",
                    ),
                }
            }
            Expression::FuncCall(call) => {
                let name = call.name.name.as_str();
                return self.not_allowed(
                    span,
                    format!("`{name}(...)` is a function call, and Terraform allows no function calls in a tfvars file"),
                    "Write the resulting value itself, or move the call into the module's .tf code",
                );
            }
            Expression::Conditional(conditional) => {
                let condition = self.eval(&conditional.cond_expr)?;
                match to_bool(&condition.value) {
                    Some(true) => self.eval(&conditional.true_expr)?.value,
                    Some(false) => self.eval(&conditional.false_expr)?.value,
                    None => {
                        return self.invalid(
                            condition.span,
                            &format!("the condition is {}, not a bool", condition.value.kind()),
                        )
                    }
                }
            }
            Expression::Traversal(traversal) => {
                let mut current = self.eval(&traversal.expr)?;
                for operator in &traversal.operators {
                    current = self.traverse(current, operator.value(), span.clone())?;
                }
                current.value
            }
            Expression::UnaryOp(operation) => {
                let operand = self.eval(&operation.expr)?;
                match (
                    operation.operator.value(),
                    to_number(&operand.value),
                    to_bool(&operand.value),
                ) {
                    (UnaryOperator::Neg, Some(number), _) => Value::Number(-number + 0.0),
                    (UnaryOperator::Not, _, Some(value)) => Value::Bool(!value),
                    (UnaryOperator::Neg, None, _) => {
                        return self
                            .invalid(span, &format!("cannot negate {}", operand.value.kind()))
                    }
                    (UnaryOperator::Not, _, None) => {
                        return self.invalid(
                            span,
                            &format!("`!` needs a bool, not {}", operand.value.kind()),
                        )
                    }
                }
            }
            Expression::BinaryOp(operation) => {
                let left = self.eval(&operation.lhs_expr)?;
                let right = self.eval(&operation.rhs_expr)?;
                match binary(*operation.operator.value(), &left.value, &right.value) {
                    Ok(value) => value,
                    Err(problem) => return self.invalid(span, &problem),
                }
            }
            Expression::ForExpr(for_expr) => return self.for_expression(for_expr, span),
        };
        Some(Node { value, span })
    }

    fn object_key(&mut self, key: &ObjectKey) -> Option<(String, Span)> {
        match key {
            ObjectKey::Ident(ident) => {
                Some((ident.as_str().to_owned(), ident.span().unwrap_or(0..0)))
            }
            ObjectKey::Expression(expression) => {
                let node = self.eval(expression)?;
                match node.value {
                    Value::String(text) => Some((text, node.span)),
                    Value::Number(number) => Some((format_number(number), node.span)),
                    Value::Bool(value) => Some((value.to_string(), node.span)),
                    other => self.invalid(
                        node.span,
                        &format!("an object key must be a string, not {}", other.kind()),
                    ),
                }
            }
        }
    }

    fn template(&mut self, template: &Template) -> Option<String> {
        let mut text = String::new();
        for element in template.iter() {
            self.template_element(element, &mut text)?;
        }
        Some(text)
    }

    fn template_element(&mut self, element: &Element, text: &mut String) -> Option<()> {
        match element {
            Element::Literal(literal) => text.push_str(literal.value()),
            Element::Interpolation(interpolation) => {
                let node = self.eval(&interpolation.expr)?;
                match to_text(&node.value) {
                    Some(value) => text.push_str(&value),
                    None => {
                        return self.invalid(
                            node.span,
                            &format!("{} cannot be inserted into a string", node.value.kind()),
                        )
                    }
                }
            }
            Element::Directive(directive) => {
                let span = directive_span(directive);
                return self.unsupported(span, "template directives (`%{ ... }`)");
            }
        }
        Some(())
    }

    fn traverse(
        &mut self,
        current: Node,
        operator: &TraversalOperator,
        span: Span,
    ) -> Option<Node> {
        let key = match operator {
            TraversalOperator::GetAttr(name) => Value::String(name.as_str().to_owned()),
            TraversalOperator::Index(index) => self.eval(index)?.value,
            TraversalOperator::LegacyIndex(index) => Value::Number(*index.value() as f64),
            TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_) => {
                return self.unsupported(span, "splat expressions (`[*]`)");
            }
        };
        let found = match (&current.value, &key) {
            (Value::List(items), key) => to_number(key)
                .filter(|index| index.fract() == 0.0 && *index >= 0.0)
                .and_then(|index| items.get(index as usize)),
            (Value::Object(entries), key) => to_text(key).and_then(|name| {
                entries
                    .iter()
                    .find(|entry| entry.key == name)
                    .map(|entry| &entry.value)
            }),
            _ => None,
        };
        match found {
            Some(node) => Some(Node {
                value: node.value.clone(),
                span,
            }),
            None => self.invalid(span, "this index or attribute does not exist in the value"),
        }
    }

    fn for_expression(&mut self, for_expr: &hcl_edit::expr::ForExpr, span: Span) -> Option<Node> {
        let collection = self.eval(&for_expr.intro.collection_expr)?;
        let pairs: Vec<(Value, Value)> = match collection.value {
            Value::List(items) => items
                .into_iter()
                .enumerate()
                .map(|(index, node)| (Value::Number(index as f64), node.value))
                .collect(),
            Value::Object(entries) => entries
                .into_iter()
                .map(|entry| (Value::String(entry.key), entry.value.value))
                .collect(),
            other => {
                return self.invalid(
                    collection.span,
                    &format!(
                        "a `for` expression needs a list or object, not {}",
                        other.kind()
                    ),
                )
            }
        };
        let key_name = for_expr
            .intro
            .key_var
            .as_ref()
            .map(|key| key.as_str().to_owned());
        let value_name = for_expr.intro.value_var.as_str().to_owned();
        if for_expr.grouping {
            return self.unsupported(span, "grouping `for` expressions (`...`)");
        }
        let mut list = Vec::new();
        let mut object: Vec<Entry> = Vec::new();
        for (key, value) in pairs {
            let depth = self.scope.len();
            if let Some(key_name) = &key_name {
                self.scope.push((key_name.clone(), key));
            }
            self.scope.push((value_name.clone(), value));
            let result = self.for_item(for_expr);
            self.scope.truncate(depth);
            let Some(item) = result? else { continue };
            match item {
                (Some(key), value) => match object.iter_mut().find(|entry| entry.key == key) {
                    Some(_) => {
                        return self.invalid(
                            value.span,
                            &format!("the `for` expression produces the key `{key}` twice"),
                        )
                    }
                    None => object.push(Entry {
                        key,
                        key_span: value.span.clone(),
                        value,
                    }),
                },
                (None, value) => list.push(value),
            }
        }
        let value = if for_expr.key_expr.is_some() {
            Value::Object(object)
        } else {
            Value::List(list)
        };
        Some(Node { value, span })
    }

    /// One iteration: `Some(None)` when the condition filters the item out.
    fn for_item(
        &mut self,
        for_expr: &hcl_edit::expr::ForExpr,
    ) -> Option<Option<(Option<String>, Node)>> {
        if let Some(condition) = &for_expr.cond {
            let node = self.eval(&condition.expr)?;
            match to_bool(&node.value) {
                Some(true) => {}
                Some(false) => return Some(None),
                None => return self.invalid(node.span, "a `for` condition must be a bool"),
            }
        }
        let key = match &for_expr.key_expr {
            Some(key_expr) => {
                let node = self.eval(key_expr)?;
                match to_text(&node.value) {
                    Some(text) => Some(text),
                    None => return self.invalid(node.span, "a `for` key must be a string"),
                }
            }
            None => None,
        };
        let value = self.eval(&for_expr.value_expr)?;
        Some(Some((key, value)))
    }

    fn not_allowed<T>(&mut self, span: Span, message: String, help: &str) -> Option<T> {
        self.diagnostics.push(
            Diagnostic::new(Code::ExpressionNotAllowed, message)
                .at(span)
                .with_help(help),
        );
        None
    }

    fn invalid<T>(&mut self, span: Span, problem: &str) -> Option<T> {
        self.diagnostics.push(
            Diagnostic::new(
                Code::InvalidExpression,
                format!("this expression cannot be evaluated: {problem}"),
            )
            .at(span)
            .with_help(
                "Terraform would stop with an error here; write the intended value directly",
            ),
        );
        None
    }

    fn unsupported<T>(&mut self, span: Span, what: &str) -> Option<T> {
        self.diagnostics.push(
            Diagnostic::new(
                Code::UnsupportedExpression,
                format!("ecs-rollout does not evaluate {what}, so this value is not checked"),
            )
            .at(span)
            .with_help(
                "Terraform may accept it; write the resulting value directly to have it checked",
            ),
        );
        None
    }
}

fn directive_span(directive: &hcl_edit::template::Directive) -> Span {
    use hcl_edit::template::Directive;
    match directive {
        Directive::If(directive) => span_of(&directive.if_expr.cond_expr),
        Directive::For(directive) => span_of(&directive.for_expr.collection_expr),
    }
}

/// Terraform's number conversion: numbers, and strings that hold one.
fn to_number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(number) => Some(*number),
        Value::String(text) => text
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite() && !text.trim().is_empty()),
        _ => None,
    }
}

/// Terraform's bool conversion: bools, and the strings "true" and "false".
fn to_bool(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(value) => Some(*value),
        Value::String(text) if text == "true" => Some(true),
        Value::String(text) if text == "false" => Some(false),
        _ => None,
    }
}

/// Terraform's string conversion: strings, numbers and bools.
fn to_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(format_number(*number)),
        Value::Bool(value) => Some(value.to_string()),
        _ => None,
    }
}

/// A number as Terraform prints it: no trailing `.0` on whole numbers.
pub(crate) fn format_number(number: f64) -> String {
    if number.fract() == 0.0 && number.abs() < 1e15 {
        format!("{}", number as i64)
    } else {
        format!("{number}")
    }
}

fn binary(operator: BinaryOperator, left: &Value, right: &Value) -> Result<Value, String> {
    use BinaryOperator as Op;
    let numbers = || match (to_number(left), to_number(right)) {
        (Some(a), Some(b)) => Ok((a, b)),
        _ => Err(format!(
            "`{}` needs numbers, not {} and {}",
            operator.as_str(),
            left.kind(),
            right.kind()
        )),
    };
    let bools = || match (to_bool(left), to_bool(right)) {
        (Some(a), Some(b)) => Ok((a, b)),
        _ => Err(format!(
            "`{}` needs bools, not {} and {}",
            operator.as_str(),
            left.kind(),
            right.kind()
        )),
    };
    let finite = |number: f64| {
        if number.is_finite() {
            Ok(Value::Number(number + 0.0))
        } else {
            Err("the result is too large to represent".to_owned())
        }
    };
    match operator {
        Op::Eq => Ok(Value::Bool(same_value(left, right))),
        Op::NotEq => Ok(Value::Bool(!same_value(left, right))),
        Op::Less => numbers().map(|(a, b)| Value::Bool(a < b)),
        Op::LessEq => numbers().map(|(a, b)| Value::Bool(a <= b)),
        Op::Greater => numbers().map(|(a, b)| Value::Bool(a > b)),
        Op::GreaterEq => numbers().map(|(a, b)| Value::Bool(a >= b)),
        Op::Plus => numbers().and_then(|(a, b)| finite(a + b)),
        Op::Minus => numbers().and_then(|(a, b)| finite(a - b)),
        Op::Mul => numbers().and_then(|(a, b)| finite(a * b)),
        Op::Div => numbers().and_then(|(a, b)| {
            if b == 0.0 {
                Err("division by zero".to_owned())
            } else {
                finite(a / b)
            }
        }),
        Op::Mod => numbers().and_then(|(a, b)| {
            if b == 0.0 {
                Err("modulo by zero".to_owned())
            } else {
                finite(a % b)
            }
        }),
        Op::And => bools().map(|(a, b)| Value::Bool(a && b)),
        Op::Or => bools().map(|(a, b)| Value::Bool(a || b)),
    }
}

/// Value equality as Terraform sees it: spans do not matter.
fn same_value(left: &Value, right: &Value) -> bool {
    match (left, right) {
        (Value::List(a), Value::List(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same_value(&a.value, &b.value))
        }
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len()
                && a.iter().all(|entry| {
                    b.iter().any(|other| {
                        other.key == entry.key && same_value(&entry.value.value, &other.value.value)
                    })
                })
        }
        (a, b) => a == b,
    }
}
