//! The task count ECS accepts, for every source (the Portkey module's check of its Auto Scaling
//! group against a rollout's peak is the module's own, in `portkey/capacity.rs`).

use crate::config::MAX_DESIRED_COUNT;
use crate::diagnostic::{Code, Diagnostic, Fix, Span};

/// A desired task count ECS accepts (whole, 0 to [`MAX_DESIRED_COUNT`]); else `None` and
/// `invalid-task-count` for every source, located at the count as written (`written` quotes it
/// in the source's own words, and is only asked for when the count is refused).
pub(crate) fn task_count(
    count: f64,
    written: impl FnOnce() -> String,
    span: Span,
    path: String,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<u32> {
    if count.fract() == 0.0 && (0.0..=f64::from(MAX_DESIRED_COUNT)).contains(&count) {
        return Some(count as u32);
    }
    let mut diagnostic = Diagnostic::new(
        Code::InvalidTaskCount,
        format!(
            "{} is not a whole number of tasks from 0 to {MAX_DESIRED_COUNT}",
            written()
        ),
    )
    .at(span.clone())
    .at_path(path)
    .with_help("ECS runs whole tasks; its default quota is 5,000 tasks per service");
    if count.fract() != 0.0 && count > 0.0 && count < f64::from(MAX_DESIRED_COUNT) {
        let rounded = count.round().max(1.0);
        diagnostic = diagnostic.with_fix(Fix::replace(
            format!("Use {rounded} tasks"),
            span,
            crate::scalar::format_number(rounded),
        ));
    }
    diagnostics.push(diagnostic);
    None
}
