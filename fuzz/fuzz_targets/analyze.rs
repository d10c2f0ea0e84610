//! Any bytes, any options: `analyze` and `compare` return without panicking, and every span
//! they report lies inside the source on character boundaries.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let (options, source) = common::split(data);
    let analysis = ecs_rollout::analyze(&source, &options);
    common::assert_spans(&source, &analysis);
    if data.first().is_some_and(|byte| byte & 0x80 != 0) {
        let _ = ecs_rollout::compare(&source, &options);
    }
});
