//! Any bytes, any options: `analyze` and `compare` return without panicking, every span they
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
}
