//! The expression tree of HCL's native syntax, as far as a tfvars file can use it.
//!
//! The parser builds it and the evaluator walks it; every node keeps its byte span.

use crate::diagnostic::Span;

#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    Negate,
    Not,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOp {
    Or,
    And,
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,
}

impl BinaryOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Or => "||",
            BinaryOp::And => "&&",
            BinaryOp::Equal => "==",
            BinaryOp::NotEqual => "!=",
            BinaryOp::Less => "<",
            BinaryOp::LessEqual => "<=",
            BinaryOp::Greater => ">",
            BinaryOp::GreaterEqual => ">=",
            BinaryOp::Add => "+",
            BinaryOp::Subtract => "-",
            BinaryOp::Multiply => "*",
            BinaryOp::Divide => "/",
            BinaryOp::Modulo => "%",
        }
    }

    /// Binding strength: higher binds tighter (HCL's operator precedence).
    pub fn precedence(self) -> u8 {
        match self {
            BinaryOp::Or => 1,
            BinaryOp::And => 2,
            BinaryOp::Equal | BinaryOp::NotEqual => 3,
            BinaryOp::Less | BinaryOp::LessEqual | BinaryOp::Greater | BinaryOp::GreaterEqual => 4,
            BinaryOp::Add | BinaryOp::Subtract => 5,
            BinaryOp::Multiply | BinaryOp::Divide | BinaryOp::Modulo => 6,
        }
    }
}

/// One piece of a string template or heredoc.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    Literal(String),
    Interpolation(Expr),
    /// `%{ if }`, `%{ for }` and friends, which this reader does not evaluate.
    Directive(Span),
}

/// An object key: a bare name is the name itself, anything else is an expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Key {
    Name(String, Span),
    Expr(Expr),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ForExpr {
    pub key_var: Option<String>,
    pub value_var: String,
    pub collection: Expr,
    /// `Some` for an object `for` (`{for k, v in x : k => v}`).
    pub key: Option<Expr>,
    pub value: Expr,
    pub condition: Option<Expr>,
    /// The `...` grouping mode of object `for` expressions.
    pub grouping: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    Null,
    Bool(bool),
    Number(f64),
    Template(Vec<Part>),
    /// `<<EOT` or, when `strip_indent`, `<<-EOT`.
    Heredoc {
        parts: Vec<Part>,
        strip_indent: bool,
    },
    List(Vec<Expr>),
    Object(Vec<(Key, Expr)>),
    Variable(String),
    Call(String),
    Paren(Box<Expr>),
    Unary(UnaryOp, Box<Expr>),
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    Conditional(Box<Expr>, Box<Expr>, Box<Expr>),
    GetAttr(Box<Expr>, String),
    Index(Box<Expr>, Box<Expr>),
    Splat(Box<Expr>),
    For(Box<ForExpr>),
}
