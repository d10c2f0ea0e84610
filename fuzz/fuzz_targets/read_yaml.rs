//! libFuzzer entry for `ecs_rollout_fuzz::read_yaml` (see that module for what it checks).

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ecs_rollout_fuzz::read_yaml::run(data));
