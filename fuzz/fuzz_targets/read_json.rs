//! The `.tfvars.json` reader alone: any text reads without panicking, every span is usable,
//! and each value's span is nested inside its parent's.

#![no_main]

use ecs_rollout::read::{self, Node, Value};
use ecs_rollout::{Code, Format};
use libfuzzer_sys::fuzz_target;

#[path = "../common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let source = String::from_utf8_lossy(data);
    let (document, diagnostics) = read::read(&source, Some(Format::Json));
    for entry in &document.attributes {
        common::assert_span(&source, &entry.key_span, "key");
        check_node(&source, &entry.value);
    }
    for diagnostic in &diagnostics {
        if let Some(span) = &diagnostic.span {
            common::assert_span(&source, span, diagnostic.code.as_str());
        }
        for related in &diagnostic.related {
            common::assert_span(&source, &related.span, "related");
        }
    }
    let syntax_errors = diagnostics
        .iter()
        .filter(|d| d.code == Code::SyntaxError)
        .count();
    assert!(syntax_errors <= 1, "{syntax_errors} syntax errors");
});

fn check_node(source: &str, node: &Node) {
    common::assert_span(source, &node.span, "value");
    let children: Vec<&Node> = match &node.value {
        Value::List(elements) => elements.iter().collect(),
        Value::Object(entries) => entries.iter().map(|entry| &entry.value).collect(),
        _ => Vec::new(),
    };
    for child in children {
        assert!(node.span.start < child.span.start && child.span.end < node.span.end);
        check_node(source, child);
    }
}
