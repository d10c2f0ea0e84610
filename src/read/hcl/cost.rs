//! An upper bound on what evaluating an expression builds, measured before `hcl::eval` runs.
//!
//! `for` expressions and template `for` directives multiply: four nested `for`s over a list of
//! 60 numbers, a 554-byte line, build 13 million values; in the fuzz build that ran for over two
//! minutes and took 1.9 GB before this bound existed. `hcl::eval` cannot be interrupted, so the
//! size is estimated from the syntax first: a literal counts one for its value plus its
//! characters when it is a string, a `for` counts its body once per element of its collection,
//! and a name bound by a `for` counts as much as the largest element it can stand for. A number
//! counts one whatever its digits, so this is a measure of the work, not of bytes; what matters
//! is that it multiplies wherever evaluation does.

use hcl::edit::expr::{Expression, ObjectKey, TraversalOperator};
use hcl::edit::template::{Directive, Element, Template};

/// What a tfvars file can reasonably build: a `for` over a few hundred values, with room to
/// spare. Evaluating this much takes well under a second.
pub const MAX_EVALUATED: u64 = 20_000;

/// The bound for `expr`: values plus characters it can build (saturating at `u64::MAX`).
pub fn evaluated_size(expr: &Expression) -> u64 {
    Measure::default().expression(expr).total
}

/// How large a value can be, and, when it is a collection, how many elements it has and how
/// large the largest one can be.
#[derive(Clone, Copy)]
struct Shape {
    total: u64,
    count: u64,
    each: u64,
}

impl Shape {
    /// A value of which nothing more is known than its size.
    fn opaque(total: u64) -> Shape {
        Shape {
            total,
            count: total,
            each: total,
        }
    }

    fn larger(self, other: Shape) -> Shape {
        Shape {
            total: self.total.max(other.total),
            count: self.count.max(other.count),
            each: self.each.max(other.each),
        }
    }
}

/// The names bound by the enclosing `for`s, each with the size of what it stands for.
#[derive(Default)]
struct Measure {
    names: Vec<(String, u64)>,
}

impl Measure {
    fn expression(&mut self, expr: &Expression) -> Shape {
        match expr {
            Expression::Null(_) | Expression::Bool(_) | Expression::Number(_) => Shape::opaque(1),
            Expression::String(text) => Shape::opaque(1 + text.len() as u64),
            Expression::Array(array) => {
                let items: Vec<Shape> = array.iter().map(|item| self.expression(item)).collect();
                collection(&items)
            }
            Expression::Object(object) => {
                let mut entries = Vec::new();
                for (key, value) in object.iter() {
                    let key = match key {
                        ObjectKey::Ident(name) => Shape::opaque(1 + name.as_str().len() as u64),
                        ObjectKey::Expression(expr) => self.expression(expr),
                    };
                    entries.push(key.larger(self.expression(value.expr())));
                }
                collection(&entries)
            }
            Expression::StringTemplate(template) => Shape::opaque(self.template(template)),
            Expression::HeredocTemplate(heredoc) => Shape::opaque(self.template(&heredoc.template)),
            Expression::Parenthesis(inner) => self.expression(inner.inner()),
            Expression::Variable(name) => Shape::opaque(self.bound(name.as_str())),
            Expression::Conditional(conditional) => {
                let condition = self.expression(&conditional.cond_expr).total;
                let result = self
                    .expression(&conditional.true_expr)
                    .larger(self.expression(&conditional.false_expr));
                Shape {
                    total: result.total.saturating_add(condition),
                    ..result
                }
            }
            Expression::FuncCall(call) => {
                let args = call.args.iter().map(|arg| self.expression(arg).total);
                Shape::opaque(args.fold(1, u64::saturating_add))
            }
            Expression::Traversal(traversal) => {
                let mut total = self.expression(&traversal.expr).total;
                for operator in &traversal.operators {
                    if let TraversalOperator::Index(index) = operator.value() {
                        total = total.saturating_add(self.expression(index).total);
                    }
                }
                Shape::opaque(total)
            }
            Expression::UnaryOp(operation) => {
                Shape::opaque(1 + self.expression(&operation.expr).total)
            }
            Expression::BinaryOp(operation) => {
                let left = self.expression(&operation.lhs_expr).total;
                let right = self.expression(&operation.rhs_expr).total;
                Shape::opaque(left.saturating_add(right).saturating_add(1))
            }
            Expression::ForExpr(for_expr) => {
                let intro = &for_expr.intro;
                let collection = self.expression(&intro.collection_expr);
                let key = intro.key_var.as_ref().map(|name| name.as_str());
                let body = self.within(key, intro.value_var.as_str(), collection, |this| {
                    let mut size = this.expression(&for_expr.value_expr).total;
                    if let Some(key) = &for_expr.key_expr {
                        size = size.saturating_add(this.expression(key).total);
                    }
                    if let Some(cond) = &for_expr.cond {
                        size = size.saturating_add(this.expression(&cond.expr).total);
                    }
                    size
                });
                Shape {
                    total: repeated(collection, body),
                    count: collection.count,
                    each: body,
                }
            }
        }
    }

    /// Characters and values a template can build.
    fn template(&mut self, template: &Template) -> u64 {
        let mut total: u64 = 1;
        for element in template.iter() {
            let size = match element {
                Element::Literal(text) => text.len() as u64,
                Element::Interpolation(interpolation) => self.expression(&interpolation.expr).total,
                Element::Directive(directive) => match directive.as_ref() {
                    Directive::If(if_directive) => {
                        let branch = &if_directive.if_expr;
                        let condition = self.expression(&branch.cond_expr).total;
                        let then = self.template(&branch.template);
                        let otherwise = if_directive
                            .else_expr
                            .as_ref()
                            .map_or(0, |else_expr| self.template(&else_expr.template));
                        condition.saturating_add(then.max(otherwise))
                    }
                    Directive::For(for_directive) => {
                        let for_expr = &for_directive.for_expr;
                        let collection = self.expression(&for_expr.collection_expr);
                        let key = for_expr.key_var.as_ref().map(|name| name.as_str());
                        let body =
                            self.within(key, for_expr.value_var.as_str(), collection, |this| {
                                this.template(&for_expr.template)
                            });
                        repeated(collection, body)
                    }
                },
            };
            total = total.saturating_add(size);
        }
        total
    }

    /// Measures `body` with the names of a `for` bound: the key (an index or one of the
    /// collection's keys) and the value, each at most as large as the collection's elements.
    fn within(
        &mut self,
        key: Option<&str>,
        value: &str,
        collection: Shape,
        body: impl FnOnce(&mut Self) -> u64,
    ) -> u64 {
        let bound = self.names.len();
        if let Some(key) = key {
            self.names.push((key.to_owned(), collection.each));
        }
        self.names.push((value.to_owned(), collection.each));
        let size = body(self);
        self.names.truncate(bound);
        size
    }

    /// The size a name stands for: the innermost `for` that binds it, or 1 for a name no `for`
    /// binds (which `hcl::eval` refuses without building anything).
    fn bound(&self, name: &str) -> u64 {
        self.names
            .iter()
            .rev()
            .find(|(bound, _)| bound == name)
            .map_or(1, |(_, size)| *size)
    }
}

/// A list or object of `items`.
fn collection(items: &[Shape]) -> Shape {
    Shape {
        total: items
            .iter()
            .map(|item| item.total)
            .fold(1, u64::saturating_add),
        count: items.len() as u64,
        each: items.iter().map(|item| item.total).max().unwrap_or(0),
    }
}

/// A body of size `body` built once per element of `collection`, plus the collection itself.
fn repeated(collection: Shape, body: u64) -> u64 {
    collection
        .count
        .saturating_mul(body)
        .saturating_add(collection.total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn size(source: &str) -> u64 {
        let body: hcl::edit::structure::Body = format!("a = {source}\n").parse().expect("parses");
        let attribute = body.get_attribute("a").expect("attribute");
        evaluated_size(&attribute.value)
    }

    #[test]
    fn literal_collections_count_their_values() {
        assert_eq!(size("[1, 2, 3]"), 4);
        assert_eq!(size(r#"{ a = "xy" }"#), 4);
    }

    #[test]
    fn for_expressions_multiply_by_their_collection() {
        let list = format!("[{}]", vec!["1"; 60].join(","));
        let one = size(&format!("[for a in {list} : 1]"));
        let two = size(&format!("[for a in {list} : [for b in {list} : 1]]"));
        assert!((120..200).contains(&one), "{one}");
        assert!(two > 60 * 60, "{two}");
        let four = format!(
            "[for a in {list} : [for b in {list} : [for c in {list} : [for d in {list} : 1]]]]"
        );
        assert!(size(&four) > 60 * 60 * 60 * 60);
    }

    #[test]
    fn names_stand_for_their_elements() {
        let doubled = size(r#"[for x in ["aaaaaaaaaa", "b"] : "${x}${x}"]"#);
        assert!(doubled >= 2 * 22, "{doubled}");
        let nested = size("[for x in [[1, 2, 3, 4]] : [x, x, x, x]]");
        assert!(nested >= 4 * 5, "{nested}");
    }

    #[test]
    fn template_for_directives_multiply_too() {
        let list = format!("[{}]", vec!["1"; 50].join(","));
        let text =
            format!(r#""%{{for a in {list}}}%{{for b in {list}}}xyz%{{endfor}}%{{endfor}}""#);
        assert!(size(&text) > 50 * 50 * 3);
    }
}
