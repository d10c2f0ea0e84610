//! Any bytes, any options: `analyze`, `compare` and `observed` return without panicking, every span they
//! report lies inside the source on character boundaries, and the report (the contract's JSON
//! shape with UTF-16 positions) can be built and serialised.

use super::common;

/// Analyses the source chosen by `data` with the options chosen by its first bytes.
pub fn run(data: &[u8]) {
    let (options, source) = common::split(data);
    let analysis = ecs_rollout::analyze(&source, &options);
    common::assert_spans(&source, &analysis);
    common::assert_report(&source, &analysis);
    if data.first().is_some_and(|byte| byte & 0x80 != 0) {
        let _ = ecs_rollout::compare(&source, &options);
    }
    // Contract section 10: any text read as a deployment record returns, with every
    // diagnostic's span inside the source on character boundaries.
    if analysis.input == ecs_rollout::input::InputKind::EcsDeploymentRecord
        || data.first().is_some_and(|byte| byte & 0x40 != 0)
    {
        let observed = ecs_rollout::observed(&source, &options);
        for (_, diagnostic) in &observed.diagnostics {
            if let Some(span) = &diagnostic.span {
                assert!(
                    span.start <= span.end
                        && source.is_char_boundary(span.start)
                        && source.is_char_boundary(span.end),
                    "observed span {span:?} is not inside the source"
                );
            }
        }
        let _ = ecs_rollout::report::observed_report(&[&source], observed);
    }
}
