//! From hcl-edit's expression tree to the reader's values, each with the span it came from.
//!
//! Literals, lists, objects, parentheses, operators and conditionals are walked here, so every
//! value written as a literal keeps its own span and Terraform's conversion rules apply to
//! operands (`"10" + 5` is 15, `"true" && true` is true: cty converts, hcl-rs's operators do
//! not). Templates, heredocs, `for` expressions and traversals (index, attribute and splat) are
//! evaluated by `hcl::eval` with an empty context; their values carry the span of the whole
//! expression and are marked `computed`. Variable references and function calls are refused
//! before anything is evaluated, as Terraform refuses them in a tfvars file (facts section 6).

use hcl::edit::expr::{
    BinaryOperator, Conditional, Expression, ForExpr, FuncCall, Object, ObjectKey, Traversal,
    TraversalOperator, UnaryOperator,
};
#[cfg(feature = "terraform")]
use hcl::edit::template::Element;
use hcl::edit::template::ForTemplateExpr;
use hcl::edit::visit::{self, Visit};
use hcl::edit::{Decorated, Ident};
use hcl::eval::{Context, Evaluate};

use super::cost;
use crate::diagnostic::{Code, Diagnostic, Severity, Span};
use crate::read::{Entry, Node, Value};
use crate::scalar::{format_number, parse_bool, parse_number};

/// The value of one attribute, or `None` (with diagnostics) when Terraform could not read it.
pub fn attribute_value(
    text: &str,
    expr: &Expression,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Node> {
    let mut finder = References {
        text,
        bound: Vec::new(),
        found: Vec::new(),
    };
    finder.visit_expr(expr);
    if !finder.found.is_empty() {
        diagnostics.extend(finder.found);
        return None;
    }
    Converter { text, diagnostics }.node(expr)
}

#[cfg(feature = "terraform")]
/// What an expression of a Terraform `.tf` file gives: a value, a reference to a variable or a
/// local, possibly with attributes of it (`var.x`, `local.x`, `var.x.a.b`), that the same files
/// may define, or something only known when Terraform runs (another reference, a function
/// call).
pub enum Written {
    Value(Node),
    Reference(String),
    Unknown,
}

/// The value of an expression in a `.tf` file, where references are allowed (unlike tfvars).
#[cfg(feature = "terraform")]
pub fn terraform_value(
    text: &str,
    expr: &Expression,
    diagnostics: &mut Vec<Diagnostic>,
) -> Written {
    let mut finder = References {
        text,
        bound: Vec::new(),
        found: Vec::new(),
    };
    finder.visit_expr(expr);
    if finder.found.is_empty() {
        return Converter { text, diagnostics }
            .node(expr)
            .map_or(Written::Unknown, Written::Value);
    }
    // A template that is one interpolation (`"${var.x}"`) gives the interpolated value itself,
    // unconverted, as Terraform evaluates it.
    if let Expression::StringTemplate(template) = expr {
        let elements: Vec<&Element> = template.iter().collect();
        if let [Element::Interpolation(interpolation)] = elements.as_slice() {
            return terraform_value(text, &interpolation.expr, diagnostics);
        }
    }
    if let Expression::Traversal(traversal) = expr {
        if let Expression::Variable(root) = &traversal.expr {
            let attributes: Option<Vec<&str>> = traversal
                .operators
                .iter()
                .map(|operator| match operator.value() {
                    TraversalOperator::GetAttr(name) => Some(name.as_str()),
                    _ => None,
                })
                .collect();
            if let Some(attributes) = attributes.filter(|names| !names.is_empty()) {
                if matches!(root.as_str(), "var" | "local") {
                    // `var.x.a.b`: the variable `var.x`, then its attributes `a` and `b`.
                    return Written::Reference(format!(
                        "{}.{}",
                        root.as_str(),
                        attributes.join(".")
                    ));
                }
            }
        }
    }
    Written::Unknown
}

/// Finds what a tfvars file may not contain: references to anything but a `for` variable, and
/// function calls.
struct References<'t> {
    text: &'t str,
    /// Names bound by the enclosing `for` expressions and template `for` directives.
    bound: Vec<String>,
    found: Vec<Diagnostic>,
}

impl References<'_> {
    fn reference(&mut self, span: Span) {
        let written = &self.text[span.clone()];
        self.found.push(
            Diagnostic::new(
                Code::ExpressionNotAllowed,
                format!(
                    "`{written}` is a reference, and Terraform allows no references in a tfvars file"
                ),
            )
            .at(span)
            .with_help("Write the value itself; tfvars files are read before any variable exists"),
        );
    }
}

impl Visit for References<'_> {
    fn visit_expr(&mut self, node: &Expression) {
        match node {
            Expression::Variable(variable) => {
                if !self.bound.iter().any(|name| name == variable.as_str()) {
                    self.reference(span(variable));
                }
            }
            _ => visit::visit_expr(self, node),
        }
    }

    fn visit_traversal(&mut self, node: &Traversal) {
        // `var.docker_secret` is named whole, up to its last attribute access.
        if let Expression::Variable(variable) = &node.expr {
            if !self.bound.iter().any(|name| name == variable.as_str()) {
                let start = span(variable).start;
                let end = node
                    .operators
                    .iter()
                    .take_while(|operator| {
                        matches!(operator.value(), TraversalOperator::GetAttr(_))
                    })
                    .last()
                    .map_or(span(variable).end, |operator| span(operator).end);
                self.reference(start..end);
                return;
            }
        }
        visit::visit_traversal(self, node);
    }

    fn visit_func_call(&mut self, node: &FuncCall) {
        let span = span(node);
        let written = &self.text[span.clone()];
        let name = written.split('(').next().unwrap_or(written).trim();
        self.found.push(
            Diagnostic::new(
                Code::ExpressionNotAllowed,
                format!("`{name}` is a function call, and Terraform allows no function calls in a tfvars file"),
            )
            .at(span)
            .with_help("Write the resulting value itself, or move the call into the module's .tf code"),
        );
    }

    fn visit_for_expr(&mut self, node: &ForExpr) {
        self.visit_expr(&node.intro.collection_expr);
        let names = bound_names(&node.intro.key_var, &node.intro.value_var);
        self.bound.extend(names.iter().cloned());
        if let Some(key) = &node.key_expr {
            self.visit_expr(key);
        }
        self.visit_expr(&node.value_expr);
        if let Some(condition) = &node.cond {
            self.visit_expr(&condition.expr);
        }
        self.bound.truncate(self.bound.len() - names.len());
    }

    fn visit_for_template_expr(&mut self, node: &ForTemplateExpr) {
        self.visit_expr(&node.collection_expr);
        let names = bound_names(&node.key_var, &node.value_var);
        self.bound.extend(names.iter().cloned());
        self.visit_template(&node.template);
        self.bound.truncate(self.bound.len() - names.len());
    }
}

fn bound_names(key: &Option<Decorated<Ident>>, value: &Decorated<Ident>) -> Vec<String> {
    key.iter()
        .chain(std::iter::once(value))
        .map(|name| name.as_str().to_owned())
        .collect()
}

/// Turns a reference-free expression into a [`Node`].
struct Converter<'t, 'd> {
    text: &'t str,
    diagnostics: &'d mut Vec<Diagnostic>,
}

impl Converter<'_, '_> {
    fn node(&mut self, expr: &Expression) -> Option<Node> {
        let span = span(expr);
        let value = match expr {
            Expression::Null(_) => Value::Null,
            Expression::Bool(value) => Value::Bool(*value.value()),
            Expression::Number(number) => Value::Number(self.number(number.value(), &span)?),
            Expression::String(text) => Value::String(text.value().clone()),
            Expression::Array(items) => Value::List(
                items
                    .iter()
                    .map(|item| self.node(item))
                    .collect::<Option<Vec<_>>>()?,
            ),
            Expression::Object(object) => Value::Object(self.object(object)?),
            Expression::Parenthesis(inner) => return self.node(inner.inner()),
            Expression::Conditional(conditional) => return self.conditional(conditional),
            Expression::UnaryOp(operation) => {
                let operand = self.node(&operation.expr)?;
                return self.unary(operation.operator.value(), operand, span);
            }
            Expression::BinaryOp(operation) => {
                let left = self.node(&operation.lhs_expr)?;
                let right = self.node(&operation.rhs_expr)?;
                return match binary(*operation.operator.value(), &left.value, &right.value) {
                    Ok(value) => Some(Node {
                        value,
                        span,
                        computed: false,
                    }),
                    Err(problem) => self.invalid(span, &problem),
                };
            }
            _ => return self.evaluated(expr, span),
        };
        Some(Node {
            value,
            span,
            computed: false,
        })
    }

    /// An object's entries. A key written both bare and quoted is two keys to hcl-edit but one
    /// to Terraform, which keeps the last value.
    fn object(&mut self, object: &Object) -> Option<Vec<Entry>> {
        let mut entries: Vec<Entry> = Vec::with_capacity(object.len());
        for (key, value) in object.iter() {
            let (name, key_span) = self.key(key)?;
            let value = self.node(value.expr())?;
            if let Some(index) = entries.iter().position(|entry| entry.key == name) {
                let first = entries.remove(index);
                self.diagnostics
                    .push(duplicate_key(&name, key_span.clone(), first.key_span));
            }
            entries.push(Entry {
                key: name,
                key_span,
                value,
            });
        }
        Some(entries)
    }

    fn key(&mut self, key: &ObjectKey) -> Option<(String, Span)> {
        match key {
            ObjectKey::Ident(name) => Some((name.as_str().to_owned(), span(name))),
            ObjectKey::Expression(expr) => {
                let node = self.node(expr)?;
                let name = match &node.value {
                    Value::String(text) => text.clone(),
                    Value::Number(number) => format_number(*number),
                    Value::Bool(value) => value.to_string(),
                    other => {
                        let problem =
                            format!("an object key must be a string, not {}", other.kind());
                        return self.invalid(node.span, &problem);
                    }
                };
                Some((name, span(expr)))
            }
        }
    }

    fn conditional(&mut self, conditional: &Conditional) -> Option<Node> {
        let condition = self.node(&conditional.cond_expr)?;
        let chosen = match to_bool(&condition.value) {
            Some(chosen) => chosen,
            None => {
                let problem = format!(
                    "the condition must be a bool, not {}",
                    condition.value.kind()
                );
                return self.invalid(condition.span, &problem);
            }
        };
        // Terraform evaluates both results, so an error in either one is reported.
        let when_true = self.node(&conditional.true_expr)?;
        let when_false = self.node(&conditional.false_expr)?;
        Some(if chosen { when_true } else { when_false })
    }

    fn unary(&mut self, operator: &UnaryOperator, operand: Node, span: Span) -> Option<Node> {
        let value = match operator {
            UnaryOperator::Neg => match to_number(&operand.value) {
                Some(number) => Value::Number(-number + 0.0),
                None => {
                    let problem = format!("`-` needs a number, not {}", operand.value.kind());
                    return self.invalid(span, &problem);
                }
            },
            UnaryOperator::Not => match to_bool(&operand.value) {
                Some(value) => Value::Bool(!value),
                None => {
                    let problem = format!("`!` needs a bool, not {}", operand.value.kind());
                    return self.invalid(span, &problem);
                }
            },
        };
        Some(Node {
            value,
            span,
            computed: false,
        })
    }

    /// Templates, heredocs, `for` expressions and traversals, through `hcl::eval`.
    fn evaluated(&mut self, expr: &Expression, span: Span) -> Option<Node> {
        let mut modulo = Modulo(None);
        modulo.visit_expr(expr);
        if let Some(operation) = modulo.0 {
            return self.unsupported(
                operation,
                "`%` inside a template, `for` expression or index is not evaluated here".to_owned(),
                "Terraform would compute it, but hcl-rs's integer `%` can crash; write the resulting value",
            );
        }
        let size = cost::evaluated_size(expr);
        if size > cost::MAX_EVALUATED {
            return self.unsupported(
                span,
                format!(
                    "this expression could build up to {size} values and characters; \
                     ecs-rollout evaluates at most {}",
                    cost::MAX_EVALUATED
                ),
                "Terraform would compute it; write the values the deployment settings need",
            );
        }
        let expression: hcl::Expression = expr.clone().into();
        match expression.evaluate(&Context::new()) {
            Ok(value) => match from_hcl(value, &span, false) {
                Some(node) => Some(node),
                None => self.invalid(span, "the result is too large to represent"),
            },
            Err(error) => {
                let problem = eval_problem(error.kind());
                self.invalid(span, &problem)
            }
        }
    }

    /// A number literal, read from the text as written (recovery may have zeroed the digits of
    /// one too large for hcl-edit). Terraform's numbers have arbitrary precision; beyond `f64` a
    /// literal saturates to `f64::MAX`, so the range check that knows the allowed values reports
    /// it at its own span.
    fn number(&mut self, number: &hcl::Number, span: &Span) -> Option<f64> {
        let written = self.text.get(span.clone()).unwrap_or_default();
        let value = written
            .parse::<f64>()
            .ok()
            .or_else(|| number.as_f64())
            .unwrap_or(0.0);
        Some(if value.is_finite() {
            value + 0.0
        } else {
            f64::MAX.copysign(value)
        })
    }

    /// `unsupported-expression`: Terraform would evaluate this, but it is not handed to
    /// `hcl::eval` here.
    fn unsupported<T>(&mut self, span: Span, message: String, help: &str) -> Option<T> {
        self.diagnostics.push(
            Diagnostic::new(Code::UnsupportedExpression, message)
                .at(span)
                .with_help(help),
        );
        None
    }

    fn invalid<T>(&mut self, span: Span, problem: &str) -> Option<T> {
        self.diagnostics.push(
            Diagnostic::new(
                Code::InvalidExpression,
                format!("this expression has no value: {problem}"),
            )
            .at(span)
            .with_help("Terraform would refuse this file; write the value you mean"),
        );
        None
    }
}

/// Finds a `%` operation. hcl-primitives' integer remainder panics on a zero divisor, so no `%`
/// is handed to `hcl::eval`; outside templates, `for` expressions and traversals this module
/// evaluates `%` itself.
struct Modulo(Option<Span>);

impl Visit for Modulo {
    fn visit_binary_op(&mut self, node: &hcl::edit::expr::BinaryOp) {
        if *node.operator.value() == BinaryOperator::Mod {
            self.0.get_or_insert_with(|| span(node));
        }
        visit::visit_binary_op(self, node);
    }
}

/// `duplicate-attribute` for `name` set again at `span` in one object, first set at `first`.
pub fn duplicate_key(name: &str, span: Span, first: Span) -> Diagnostic {
    let mut diagnostic = Diagnostic::new(
        Code::DuplicateAttribute,
        format!(
            "`{name}` is set twice in this object, and Terraform silently keeps the last value"
        ),
    )
    .at(span)
    .with_help("Remove one of the two so the file says what it does")
    .with_related(first, "first set here");
    diagnostic.severity = Severity::Warning;
    diagnostic
}

/// What `hcl::eval` found wrong, in words. Written here rather than with the error's `Display`,
/// which prints the values involved through hcl-rs's formatter and so would bring all of it into
/// the browser's `.wasm` (measured: about 3 KB gzipped, the margin to the size budget).
fn eval_problem(kind: &hcl::eval::ErrorKind) -> String {
    use hcl::eval::ErrorKind;
    match kind {
        ErrorKind::Message(message) => message.clone(),
        ErrorKind::Unexpected(value, expected) => {
            format!("expected {expected}, not {}", hcl_kind(value))
        }
        ErrorKind::Index(index) => format!("there is no item {index}"),
        ErrorKind::UnaryOp(operator, value) => format!(
            "`{}` does not apply to {}",
            operator.as_str(),
            hcl_kind(value)
        ),
        ErrorKind::BinaryOp(left, operator, right) => format!(
            "`{}` does not apply to {} and {}",
            operator.as_str(),
            hcl_kind(left),
            hcl_kind(right)
        ),
        ErrorKind::NoSuchKey(key) => format!("there is no attribute `{key}`"),
        ErrorKind::KeyExists(key) => format!("the key `{key}` is produced twice"),
        _ => "Terraform would not evaluate this".to_owned(),
    }
}

/// What a user would call this kind of hcl-rs value.
fn hcl_kind(value: &hcl::Value) -> &'static str {
    match value {
        hcl::Value::Null => "null",
        hcl::Value::Bool(_) => "a bool",
        hcl::Value::Number(_) => "a number",
        hcl::Value::String(_) => "a string",
        hcl::Value::Array(_) => "a list",
        hcl::Value::Object(_) => "an object",
    }
}

/// An evaluated value, every part located at the expression it came from; `part` for the items
/// and attributes inside it.
fn from_hcl(value: hcl::Value, span: &Span, part: bool) -> Option<Node> {
    let value = match value {
        hcl::Value::Null => Value::Null,
        hcl::Value::Bool(value) => Value::Bool(value),
        hcl::Value::Number(number) => {
            let number = number.as_f64()?;
            if !number.is_finite() {
                return None;
            }
            Value::Number(number + 0.0)
        }
        hcl::Value::String(text) => Value::String(text),
        hcl::Value::Array(items) => Value::List(
            items
                .into_iter()
                .map(|item| from_hcl(item, span, true))
                .collect::<Option<_>>()?,
        ),
        hcl::Value::Object(entries) => Value::Object(
            entries
                .into_iter()
                .map(|(key, value)| {
                    Some(Entry {
                        key,
                        key_span: span.clone(),
                        value: from_hcl(value, span, true)?,
                    })
                })
                .collect::<Option<_>>()?,
        ),
    };
    Some(Node {
        value,
        span: span.clone(),
        computed: part,
    })
}

fn span(node: &impl hcl::edit::Span) -> Span {
    node.span().unwrap_or(0..0)
}

/// Terraform's number conversion: numbers, and strings that hold one.
fn to_number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(number) => Some(*number),
        Value::String(text) => parse_number(text),
        _ => None,
    }
}

/// Terraform's bool conversion: bools, and the strings "true" and "false".
fn to_bool(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(value) => Some(*value),
        Value::String(text) => parse_bool(text),
        _ => None,
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

/// Value equality as Terraform sees it: spans do not matter, object keys are unordered.
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
