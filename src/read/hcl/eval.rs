//! Evaluates HCL expressions to plain values, as Terraform does for a tfvars file.
//!
//! There is no evaluation context (facts section 6): a reference is "Variables not allowed", a
//! call is "Function calls not allowed". Arithmetic, comparisons, logic, conditionals,
//! templates, index and attribute access and `for` expressions over literals are evaluated.
//! Recursion follows the tree, whose depth the parser bounds.

use super::syntax::{BinaryOp, Expr, ExprKind, ForExpr, Key, Part, UnaryOp};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::read::{Entry, Node, Value};

/// Evaluates `expr`, reporting what Terraform would refuse; `None` when it has no value.
pub fn evaluate(expr: &Expr, diagnostics: &mut Vec<Diagnostic>) -> Option<Node> {
    Evaluator {
        diagnostics,
        scope: Vec::new(),
    }
    .eval(expr)
}

struct Evaluator<'d> {
    diagnostics: &'d mut Vec<Diagnostic>,
    /// Names bound by enclosing `for` expressions, innermost last.
    scope: Vec<(String, Value)>,
}

impl Evaluator<'_> {
    fn eval(&mut self, expr: &Expr) -> Option<Node> {
        let span = expr.span.clone();
        let value = match &expr.kind {
            ExprKind::Null => Value::Null,
            ExprKind::Bool(value) => Value::Bool(*value),
            ExprKind::Number(number) => Value::Number(*number + 0.0),
            ExprKind::Template(parts) => Value::String(self.template(parts)?),
            ExprKind::Heredoc { parts, strip_indent } => {
                let text = self.template(parts)?;
                Value::String(if *strip_indent { dedent(&text) } else { text })
            }
            ExprKind::List(items) => {
                let mut values = Vec::with_capacity(items.len());
                for item in items {
                    values.push(self.eval(item)?);
                }
                Value::List(values)
            }
            ExprKind::Object(entries) => {
                let mut values: Vec<Entry> = Vec::with_capacity(entries.len());
                for (key, value) in entries {
                    let (key, key_span) = self.key(key)?;
                    let value = self.eval(value)?;
                    // HCL's object constructor keeps the last value of a repeated key silently.
                    if let Some(index) = values.iter().position(|entry| entry.key == key) {
                        let first = values.remove(index);
                        let mut diagnostic = Diagnostic::new(
                            Code::DuplicateAttribute,
                            format!("`{key}` is set twice in this object, and Terraform silently keeps the last value"),
                        )
                        .at(key_span.clone())
                        .with_help("Remove one of the two so the file says what it does")
                        .with_related(first.key_span, "first set here");
                        diagnostic.severity = crate::diagnostic::Severity::Warning;
                        self.diagnostics.push(diagnostic);
                    }
                    values.push(Entry { key, key_span, value });
                }
                Value::Object(values)
            }
            ExprKind::Variable(name) => match self.scope.iter().rev().find(|(bound, _)| bound == name) {
                Some((_, value)) => value.clone(),
                None => {
                    return self.not_allowed(
                        span,
                        format!("`{name}` is a reference, and Terraform allows no variables in a tfvars file"),
                        "Write the value itself; tfvars files are read before any variable exists",
                    )
                }
            },
            ExprKind::Call(name) => {
                return self.not_allowed(
                    span,
                    format!("`{name}(...)` is a function call, and Terraform allows no function calls in a tfvars file"),
                    "Write the resulting value itself, or move the call into the module's .tf code",
                )
            }
            ExprKind::Paren(inner) => self.eval(inner)?.value,
            ExprKind::Unary(operator, operand) => {
                let operand = self.eval(operand)?;
                match (operator, to_number(&operand.value), to_bool(&operand.value)) {
                    (UnaryOp::Negate, Some(number), _) => Value::Number(-number + 0.0),
                    (UnaryOp::Not, _, Some(value)) => Value::Bool(!value),
                    (UnaryOp::Negate, None, _) => {
                        return self.invalid(span, &format!("cannot negate {}", operand.value.kind()))
                    }
                    (UnaryOp::Not, _, None) => {
                        return self.invalid(span, &format!("`!` needs a bool, not {}", operand.value.kind()))
                    }
                }
            }
            ExprKind::Binary(operator, left, right) => {
                let left = self.eval(left)?;
                let right = self.eval(right)?;
                match binary(*operator, &left.value, &right.value) {
                    Ok(value) => value,
                    Err(problem) => return self.invalid(span, &problem),
                }
            }
            ExprKind::Conditional(condition, when_true, when_false) => {
                let condition = self.eval(condition)?;
                match to_bool(&condition.value) {
                    Some(true) => self.eval(when_true)?.value,
                    Some(false) => self.eval(when_false)?.value,
                    None => {
                        return self.invalid(
                            condition.span,
                            &format!("the condition is {}, not a bool", condition.value.kind()),
                        )
                    }
                }
            }
            ExprKind::GetAttr(target, name) => {
                let target = self.eval(target)?;
                self.lookup(target, &Value::String(name.clone()), span.clone())?
            }
            ExprKind::Index(target, index) => {
                let target = self.eval(target)?;
                let index = self.eval(index)?;
                self.lookup(target, &index.value, span.clone())?
            }
            ExprKind::Splat(_) => return self.unsupported(span, "splat expressions (`[*]`)"),
            ExprKind::For(for_expr) => return self.for_expression(for_expr, span),
        };
        Some(Node { value, span })
    }

    fn key(&mut self, key: &Key) -> Option<(String, Span)> {
        match key {
            Key::Name(name, span) => Some((name.clone(), span.clone())),
            Key::Expr(expr) => {
                let node = self.eval(expr)?;
                match to_text(&node.value) {
                    Some(text) => Some((text, node.span)),
                    None => self.invalid(
                        node.span,
                        &format!("an object key must be a string, not {}", node.value.kind()),
                    ),
                }
            }
        }
    }

    fn template(&mut self, parts: &[Part]) -> Option<String> {
        let mut text = String::new();
        for part in parts {
            match part {
                Part::Literal(literal) => text.push_str(literal),
                Part::Interpolation(expr) => {
                    let node = self.eval(expr)?;
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
                Part::Directive(span) => {
                    return self.unsupported(span.clone(), "template directives (`%{ ... }`)")
                }
            }
        }
        Some(text)
    }

    fn lookup(&mut self, target: Node, key: &Value, span: Span) -> Option<Value> {
        let found = match &target.value {
            Value::List(items) => to_number(key)
                .filter(|index| index.fract() == 0.0 && *index >= 0.0)
                .and_then(|index| items.get(index as usize)),
            Value::Object(entries) => to_text(key).and_then(|name| {
                entries
                    .iter()
                    .find(|entry| entry.key == name)
                    .map(|entry| &entry.value)
            }),
            _ => None,
        };
        match found {
            Some(node) => Some(node.value.clone()),
            None => self.invalid(span, "this index or attribute does not exist in the value"),
        }
    }

    fn for_expression(&mut self, for_expr: &ForExpr, span: Span) -> Option<Node> {
        if for_expr.grouping {
            return self.unsupported(span, "grouping `for` expressions (`...`)");
        }
        let collection = self.eval(&for_expr.collection)?;
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
        let mut list = Vec::new();
        let mut object: Vec<Entry> = Vec::new();
        for (key, value) in pairs {
            let depth = self.scope.len();
            if let Some(key_var) = &for_expr.key_var {
                self.scope.push((key_var.clone(), key));
            }
            self.scope.push((for_expr.value_var.clone(), value));
            let item = self.for_item(for_expr);
            self.scope.truncate(depth);
            match item? {
                None => {}
                Some((Some(key), value)) => {
                    if object.iter().any(|entry| entry.key == key) {
                        return self.invalid(
                            value.span,
                            &format!("the `for` expression produces the key `{key}` twice"),
                        );
                    }
                    object.push(Entry {
                        key,
                        key_span: value.span.clone(),
                        value,
                    });
                }
                Some((None, value)) => list.push(value),
            }
        }
        let value = if for_expr.key.is_some() {
            Value::Object(object)
        } else {
            Value::List(list)
        };
        Some(Node { value, span })
    }

    /// One iteration: `Some(None)` when the condition filters the item out.
    fn for_item(&mut self, for_expr: &ForExpr) -> Option<Option<(Option<String>, Node)>> {
        if let Some(condition) = &for_expr.condition {
            let node = self.eval(condition)?;
            match to_bool(&node.value) {
                Some(true) => {}
                Some(false) => return Some(None),
                None => return self.invalid(node.span, "a `for` condition must be a bool"),
            }
        }
        let key = match &for_expr.key {
            Some(key) => {
                let node = self.eval(key)?;
                match to_text(&node.value) {
                    Some(text) => Some(text),
                    None => return self.invalid(node.span, "a `for` key must be a string"),
                }
            }
            None => None,
        };
        let value = self.eval(&for_expr.value)?;
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

/// Removes the indentation common to every non-blank line, as `<<-` heredocs do.
fn dedent(text: &str) -> String {
    let indent = text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.len() - line.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let strip = line
            .char_indices()
            .take_while(|(index, c)| *index < indent && (*c == ' ' || *c == '\t'))
            .count();
        out.push_str(&line[strip..]);
    }
    out
}

/// Terraform's number conversion: numbers, and strings that hold one.
fn to_number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(number) => Some(*number),
        Value::String(text) => crate::typecheck::parse_number(text),
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
pub fn format_number(number: f64) -> String {
    if number.fract() == 0.0 && number.abs() < 1e15 {
        format!("{}", number as i64)
    } else {
        format!("{number}")
    }
}

fn binary(operator: BinaryOp, left: &Value, right: &Value) -> Result<Value, String> {
    use BinaryOp as Op;
    let numbers = || match (to_number(left), to_number(right)) {
        (Some(a), Some(b)) => Ok((a, b)),
        _ => Err(format!(
            "`{}` needs numbers, not {} and {}",
            operator.symbol(),
            left.kind(),
            right.kind()
        )),
    };
    let bools = || match (to_bool(left), to_bool(right)) {
        (Some(a), Some(b)) => Ok((a, b)),
        _ => Err(format!(
            "`{}` needs bools, not {} and {}",
            operator.symbol(),
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
        Op::Equal => Ok(Value::Bool(same_value(left, right))),
        Op::NotEqual => Ok(Value::Bool(!same_value(left, right))),
        Op::Less => numbers().map(|(a, b)| Value::Bool(a < b)),
        Op::LessEqual => numbers().map(|(a, b)| Value::Bool(a <= b)),
        Op::Greater => numbers().map(|(a, b)| Value::Bool(a > b)),
        Op::GreaterEqual => numbers().map(|(a, b)| Value::Bool(a >= b)),
        Op::Add => numbers().and_then(|(a, b)| finite(a + b)),
        Op::Subtract => numbers().and_then(|(a, b)| finite(a - b)),
        Op::Multiply => numbers().and_then(|(a, b)| finite(a * b)),
        Op::Divide => numbers().and_then(|(a, b)| {
            if b == 0.0 {
                Err("division by zero".to_owned())
            } else {
                finite(a / b)
            }
        }),
        Op::Modulo => numbers().and_then(|(a, b)| {
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
