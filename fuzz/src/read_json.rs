//! The `.tfvars.json` reader alone: any text reads without panicking, every span is usable,
//! each value's span lies strictly inside its parent's, and there is at most one syntax error.

use ecs_rollout::read;
use ecs_rollout::{Code, Format};

use super::common;

/// Runs the target on the fuzzer's bytes.
pub fn run(data: &[u8]) {
    let source = String::from_utf8_lossy(data);
    let (document, diagnostics) = read::read(&source, Some(Format::Json));
    common::assert_document(&source, &document, &diagnostics, common::Nesting::Strict);
    let syntax_errors = diagnostics
        .iter()
        .filter(|d| d.code == Code::SyntaxError)
        .count();
    assert!(syntax_errors <= 1, "{syntax_errors} syntax errors");
}
