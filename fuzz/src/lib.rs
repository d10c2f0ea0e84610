//! The bodies of the fuzz targets, shared by the libFuzzer binaries in `fuzz_targets/` (nightly,
//! `cargo fuzz run`) and by the stable-toolchain driver `tests/fuzz_stable.rs`, which replays the
//! seed corpus, every saved crash and a fixed number of deterministic mutations.
//!
//! Each `run` takes the fuzzer's raw bytes and panics when an invariant breaks; it never panics
//! otherwise. The crate `ecs_rollout` must be in scope under that name.

pub mod analyze;
pub mod common;
pub mod fix_roundtrip;
pub mod read_hcl;
pub mod read_json;
pub mod read_yaml;
