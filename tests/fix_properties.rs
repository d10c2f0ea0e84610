//! Issue 12: applying every offered fix, one per diagnostic and in any order, never adds a
//! problem. Over every fixture, proptest picks which fix of each diagnostic is applied and the
//! order the fixes are handed to `apply_fixes` (which keeps the first of overlapping edits); the
//! analysis of the result may hold no code as an error or warning more often than the original
//! did (information, such as `no-behaviour-check` once a canary becomes valid, may appear).

use std::collections::BTreeMap;
mod common;

use ecs_rollout::{analyze, apply_fixes, Fix, Options, Severity};
use proptest::prelude::*;

fn fixtures() -> Vec<(String, String)> {
    let paths = common::fixture_paths();
    paths
        .into_iter()
        .map(|path| {
            let source = std::fs::read_to_string(&path).expect("fixture is UTF-8");
            (path.to_string_lossy().into_owned(), source)
        })
        .collect()
}

fn code_counts(source: &str) -> BTreeMap<&'static str, usize> {
    let mut counts = BTreeMap::new();
    for diagnostic in analyze(source, &Options::default())
        .diagnostics
        .into_iter()
        .filter(|diagnostic| diagnostic.severity != Severity::Info)
    {
        *counts.entry(diagnostic.code.as_str()).or_insert(0) += 1;
    }
    counts
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn applying_one_fix_per_diagnostic_adds_no_diagnostic(
        picks in prop::collection::vec(any::<prop::sample::Index>(), 64),
        order in any::<u64>(),
    ) {
        for (name, source) in fixtures() {
            let analysis = analyze(&source, &Options::default());
            let mut chosen: Vec<&Fix> = analysis
                .diagnostics
                .iter()
                .zip(picks.iter().cycle())
                .filter(|(diagnostic, _)| !diagnostic.fixes.is_empty())
                .map(|(diagnostic, pick)| pick.get(&diagnostic.fixes))
                .collect();
            if chosen.is_empty() {
                continue;
            }
            // A deterministic shuffle from `order`.
            let mut state = order | 1;
            for index in (1..chosen.len()).rev() {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                chosen.swap(index, (state % (index as u64 + 1)) as usize);
            }
            let fixed = apply_fixes(&source, chosen.iter().copied());
            let before = code_counts(&source);
            let after = code_counts(&fixed);
            for (code, count) in &after {
                prop_assert!(
                    before.get(code).is_some_and(|before| count <= before),
                    "{}: fixes {:?} added {} (now {}):\n{}",
                    name,
                    chosen.iter().map(|fix| &fix.title).collect::<Vec<_>>(),
                    code,
                    count,
                    fixed
                );
            }
        }
    }
}
