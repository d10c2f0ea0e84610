//! The YAML reader alone (CloudFormation templates): any text reads without panicking, every
//! span is usable and lies inside its parent's, and there is at most one syntax error.

use ecs_rollout::read::{self, Document};
use ecs_rollout::Code;

use super::common;

/// Runs the target on the fuzzer's bytes.
pub fn run(data: &[u8]) {
    let source = String::from_utf8_lossy(data);
    let mut diagnostics = Vec::new();
    let root = read::yaml::read(&source, &mut diagnostics);
    let attributes = match root.map(|node| node.value) {
        Some(read::Value::Object(entries)) => entries,
        _ => Vec::new(),
    };
    let document = Document {
        attributes,
        ..Document::default()
    };
    common::assert_document(&source, &document, &diagnostics, common::Nesting::Inside);
    let syntax_errors = diagnostics
        .iter()
        .filter(|d| d.code == Code::SyntaxError)
        .count();
    assert!(syntax_errors <= 1, "{syntax_errors} syntax errors");
}
