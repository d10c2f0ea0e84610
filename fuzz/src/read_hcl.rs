//! The HCL reader alone: any text reads without panicking, every span is usable and each
//! value's span lies inside its parent's. Constant expressions are evaluated, so a value may
//! share its parent's span (a list built by a `for` expression, say); it may never leave it.

use ecs_rollout::read;
use ecs_rollout::Format;

use super::common;

/// Runs the target on the fuzzer's bytes.
pub fn run(data: &[u8]) {
    let source = String::from_utf8_lossy(data);
    let (document, diagnostics) = read::read(&source, Some(Format::Hcl));
    common::assert_document(&source, &document, &diagnostics, common::Nesting::Inside);
}
