//! The fuzz targets on the stable toolchain, so that every `cargo test` exercises them.
//!
//! libFuzzer needs a nightly compiler (`make fuzz`); this driver runs the same target bodies
//! (`fuzz/src/`) over the seed corpus (every fixture under `tests/fixtures/`), every saved input
//! under `tests/fuzz_corpus/<target>/` (crashes fuzzing found, kept as regressions), and a fixed
//! number of mutations drawn from a seeded generator, so a failure reproduces exactly.
//!
//! `FUZZ_ITERATIONS` sets the number of mutations per target (default 2000, about a second in a
//! debug build), `FUZZ_SEED` the generator's seed and `FUZZ_TARGETS` (names separated by spaces)
//! which targets get them. A failing input is written to `target/fuzz-stable-failures/` and
//! named in the panic message.

#[path = "../fuzz/src/lib.rs"]
mod fuzz;

use std::fs;
use std::panic;
use std::path::{Path, PathBuf};

use fuzz::common::{DEFAULT_OPTIONS, OPTION_BYTES};

/// One fuzz target: its name (the directory of its saved inputs) and its body.
struct Target {
    name: &'static str,
    run: fn(&[u8]),
    /// Whether the first bytes of an input choose options (`analyze`, `fix_roundtrip`).
    takes_options: bool,
}

const TARGETS: [Target; 5] = [
    Target {
        name: "analyze",
        run: fuzz::analyze::run,
        takes_options: true,
    },
    Target {
        name: "fix_roundtrip",
        run: fuzz::fix_roundtrip::run,
        takes_options: true,
    },
    Target {
        name: "read_hcl",
        run: fuzz::read_hcl::run,
        takes_options: false,
    },
    Target {
        name: "read_json",
        run: fuzz::read_json::run,
        takes_options: false,
    },
    Target {
        name: "read_yaml",
        run: fuzz::read_yaml::run,
        takes_options: false,
    },
];

/// Option bytes that choose a policy with a `prod` environment, assumption overrides and a
/// failure at minute 4: the second prefix every fixture is seeded with.
const POLICY_OPTIONS: [u8; OPTION_BYTES] = [0x81, 16, 2, 4, 0, 100, 200, 0x85, 0xff];

/// Inputs mutations insert: the syntax of both formats, awkward numbers and escapes, and names
/// the checks react to.
#[rustfmt::skip]
const TOKENS: &[&str] = &[
    "{", "}", "[", "]", "(", ")", "\"", "=", ":", ",", "\n", "\r\n", "\r", "\\", "\\u", "\\ud800",
    "\\u00e9", "${", "%{", "%{ if true }", "%{ endif }", "~}", "<<EOT\n", "<<-EOT\n", "\nEOT\n",
    "#", "//", "/*", "*/", "?", "...", "=>", "for x in [1, 2] : ", "true", "false", "null",
    "1e400", "-0", "0.1e1", "1.5", "-1", "100", "200", "99999999999999999999", "\"NaN\"",
    "\u{feff}", "\0", "é", "🚀", "create_lb", "environment", "\"prod\"", "gateway_config",
    "desired_task_count", "gateway_deployment_configuration", "enable_blue_green",
    "canary_configuration", "canary_percent", "canary_bake_time_in_minutes",
    "linear_configuration", "step_percent", "step_bake_time_in_minutes",
    "gateway_lifecycle_hook", "enable_lifecycle_hook", "lifecycle_hook_stages",
    "\"POST_SCALE_UP\"", "\"PRODUCTION_TRAFFIC_SHIFT\"", "\"PRE_SCALE_UP\"",
    "circuit_breaker", "enable", "rollback", "bake_time_in_minutes",
    "Resources:\n", "  S:\n    Type: AWS::ECS::Service\n", "    Properties:\n", "- ", "!Ref ",
    "!Sub ", "&a ", "*a", "---\n", "'", "|\n", ">-\n", "? ", "\t", "resource \"aws_ecs_service\" \"a\" {\n",
    "deployment_configuration {", "var.x", "local.y", "\"services\": [", "\"deploymentConfiguration\": {",
];

/// SplitMix64: small, seedable and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` (`bound` > 0).
    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }
}

/// The largest input a mutation may produce, as libFuzzer's `-max_len` in `make fuzz`.
const MAX_LEN: usize = 16 * 1024;

/// Changes `input` once: a bit flip, an inserted token, a deleted or duplicated range, a
/// splice with another seed, or (for targets that take them) new option bytes.
fn mutate(rng: &mut Rng, input: &mut Vec<u8>, seeds: &[Vec<u8>], takes_options: bool) {
    let at = |rng: &mut Rng, input: &Vec<u8>| rng.below(input.len() + 1);
    match rng.below(7) {
        0 if !input.is_empty() => {
            let index = rng.below(input.len());
            input[index] ^= 1 << rng.below(8);
        }
        1 | 2 => {
            let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
            let index = at(rng, input);
            input.splice(index..index, token.iter().copied());
        }
        3 if !input.is_empty() => {
            let start = rng.below(input.len());
            let end = (start + 1 + rng.below(32)).min(input.len());
            input.drain(start..end);
        }
        4 if !input.is_empty() => {
            let start = rng.below(input.len());
            let end = (start + 1 + rng.below(64)).min(input.len());
            let copy = input[start..end].to_vec();
            let index = at(rng, input);
            input.splice(index..index, copy);
        }
        5 => {
            let other = &seeds[rng.below(seeds.len())];
            let from = rng.below(other.len() + 1);
            let index = at(rng, input);
            input.truncate(index);
            input.extend_from_slice(&other[from..]);
        }
        _ if takes_options && input.len() >= OPTION_BYTES => {
            for byte in &mut input[..OPTION_BYTES] {
                if rng.below(3) == 0 {
                    *byte = rng.next() as u8;
                }
            }
        }
        _ => input.push(rng.next() as u8),
    }
    input.truncate(MAX_LEN);
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every file under `dir`, sorted by path, so that runs are reproducible.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The seed corpus of `target`: every fixture (behind both option prefixes when the target
/// takes options) and every input saved for it under `tests/fuzz_corpus/`.
fn seeds(target: &Target) -> Vec<(String, Vec<u8>)> {
    let mut seeds = Vec::new();
    let fixtures = files_under(&repo().join("tests/fixtures"));
    assert!(fixtures.len() > 40, "the fixtures are missing");
    for path in fixtures {
        let text = fs::read(&path).expect("a readable fixture");
        let name = path.display().to_string();
        if target.takes_options {
            for prefix in [DEFAULT_OPTIONS, POLICY_OPTIONS] {
                seeds.push((name.clone(), [&prefix[..], &text].concat()));
            }
        } else {
            seeds.push((name, text));
        }
    }
    for path in files_under(&repo().join("tests/fuzz_corpus").join(target.name)) {
        let bytes = fs::read(&path).expect("a readable corpus file");
        seeds.push((path.display().to_string(), bytes));
    }
    seeds
}

/// Runs `target` on `input`; on a panic, saves the input and fails with its path.
fn run_one(target: &Target, what: &str, input: &[u8]) {
    if panic::catch_unwind(|| (target.run)(input)).is_ok() {
        return;
    }
    let dir = repo().join("target/fuzz-stable-failures");
    fs::create_dir_all(&dir).expect("a writable target directory");
    let hash = input.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x100_0000_01b3)
    });
    let path = dir.join(format!("{}-{hash:016x}", target.name));
    fs::write(&path, input).expect("a writable failure file");
    panic!(
        "fuzz target {} failed on {what}; the input is saved as {} (replay it with \
         `cargo +nightly fuzz run {} {}`, or copy it to tests/fuzz_corpus/{}/ as a regression)",
        target.name,
        path.display(),
        target.name,
        path.display(),
        target.name
    );
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

#[test]
fn every_target_accepts_the_seed_corpus_and_the_saved_crashes() {
    for target in &TARGETS {
        for (name, input) in seeds(target) {
            run_one(target, &name, &input);
        }
    }
}

#[test]
fn every_target_survives_seeded_mutations() {
    let iterations = env_number("FUZZ_ITERATIONS", 2000);
    let seed = env_number("FUZZ_SEED", 0xec50_11ed_u64);
    let chosen = std::env::var("FUZZ_TARGETS").unwrap_or_default();
    let chosen =
        |name: &str| chosen.trim().is_empty() || chosen.split_whitespace().any(|c| c == name);
    for target in TARGETS.iter().filter(|target| chosen(target.name)) {
        let corpus: Vec<Vec<u8>> = seeds(target).into_iter().map(|(_, bytes)| bytes).collect();
        let mut rng = Rng(seed ^ target.name.len() as u64);
        for iteration in 0..iterations {
            let mut input = corpus[rng.below(corpus.len())].clone();
            for _ in 0..1 + rng.below(8) {
                mutate(&mut rng, &mut input, &corpus, target.takes_options);
            }
            let what = format!("mutation {iteration} of seed {seed:#x}");
            run_one(target, &what, &input);
        }
        eprintln!("{}: {iterations} mutations passed", target.name);
    }
}
