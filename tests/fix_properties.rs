//! Issue 12: applying every offered fix, one per diagnostic and in any order, never adds a
//! problem. Over every fixture, proptest picks which fix of each diagnostic is applied and the
//! order the fixes are handed to `apply_fixes` (which keeps the first of overlapping edits); the
//! analysis of the result may hold no code as an error or warning more often than the original
//! did (information, such as `no-behaviour-check` once a canary becomes valid, may appear).
//! The same holds on generated files (`generated_file`), which pair mistakes whose fixes could
//! fight: a misspelt `lifecycle_hook_stages` with the hook enabled, conflicting strategies,
//! out-of-range values and misspelt names; and every offered fix applied alone adds nothing
//! either.

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

/// Whether `fixed` has any code as an error or warning more often than `source` has it; the
/// message names the fixes and the code.
fn added_problem(name: &str, source: &str, fixed: &str, titles: &[&String]) -> Option<String> {
    let before = code_counts(source);
    code_counts(fixed).into_iter().find_map(|(code, count)| {
        before
            .get(code)
            .is_none_or(|before| count > *before)
            .then(|| format!("{name}: fixes {titles:?} added {code} (now {count}):\n{fixed}"))
    })
}

/// Applies one fix of each diagnostic of `source` (which one by `picks`), in an order shuffled
/// by `order`, and says what that added, if anything.
fn check_one_fix_per_diagnostic(
    name: &str,
    source: &str,
    picks: &[prop::sample::Index],
    order: u64,
) -> Option<String> {
    let analysis = analyze(source, &Options::default());
    let mut chosen: Vec<&Fix> = analysis
        .diagnostics
        .iter()
        .zip(picks.iter().cycle())
        .filter(|(diagnostic, _)| !diagnostic.fixes.is_empty())
        .map(|(diagnostic, pick)| pick.get(&diagnostic.fixes))
        .collect();
    if chosen.is_empty() {
        return None;
    }
    // A deterministic shuffle from `order`.
    let mut state = order | 1;
    for index in (1..chosen.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        chosen.swap(index, (state % (index as u64 + 1)) as usize);
    }
    let fixed = apply_fixes(source, chosen.iter().copied());
    let titles: Vec<&String> = chosen.iter().map(|fix| &fix.title).collect();
    added_problem(name, source, &fixed, &titles)
}

/// Applies each offered fix of `source` alone and says what the first that adds a problem
/// added, if any.
fn check_each_fix_alone(name: &str, source: &str) -> Option<String> {
    let analysis = analyze(source, &Options::default());
    analysis
        .diagnostics
        .iter()
        .flat_map(|diagnostic| &diagnostic.fixes)
        .find_map(|fix| {
            let fixed = apply_fixes(source, [fix]);
            added_problem(name, source, &fixed, &[&fix.title])
        })
}

/// A tfvars file made of the module's required settings and a few mistakes whose fixes could
/// interact: the lifecycle hook (enabled or not, its stages under their name or a misspelt one,
/// stage names right, misspelt, unhookable or repeated), the strategies (blue/green, canary and
/// linear in any combination, percentages and bakes in or out of ECS's ranges), the circuit
/// breaker, the load balancer's kind and misspelt variable names.
fn generated_file() -> impl Strategy<Value = String> {
    let stage = prop::sample::select(vec![
        "PRE_TEST_TRAFFIC_SHIFT",
        "POST_TEST_TRAFFIC_SHIFT",
        "TEST_TRAFFIC_SHIFT",
        "PRODUCTION_TRAFFIC_SHIFT",
        "SCALE_UP",
        "POST_SCALE_UP",
        "BAKE_TIME",
        "PRE_SCALEUP",
    ]);
    let hook = (
        prop::option::of(any::<bool>()),
        prop::sample::select(vec![
            "lifecycle_hook_stages",
            "lifecycle_hook_stage",
            "lifecycle_stages",
        ]),
        prop::option::of(prop::collection::vec(stage, 0..3)),
    );
    let percent = prop::sample::select(vec!["0.05", "10", "12.34", "50", "150", "2", "33"]);
    let bake = prop::sample::select(vec!["0", "5", "1200", "2.5", "2000"]);
    let strategies = (
        any::<bool>(),
        prop::option::of((percent.clone(), bake.clone())),
        prop::option::of((percent, bake)),
    );
    let breaker = prop::option::of((any::<bool>(), any::<bool>()));
    let extra = prop::collection::vec(
        prop::sample::select(vec![
            "gateway_lifecycle_hok = {}",
            "gateway_lifecycle_hook_1 = {}",
            "gateway_lifecycle_hook_2 = {}",
            "lb_typ = \"application\"",
            "create_lbs = true",
            "lb_type = \"application\"",
            "lb_type = \"network\"",
        ]),
        0..3,
    );
    (hook, strategies, breaker, extra).prop_map(
        |((enable, stages_key, stages), (blue_green, canary, linear), breaker, extra)| {
            let mut text = String::from(
                "create_new_vpc = true\nvpc_cidr = \"10.0.0.0/16\"\ndocker_cred_secret_arn = \"arn:aws:secretsmanager:us-east-1:123456789012:secret:docker\"\nobject_storage = {\n  log_store_bucket = \"logs\"\n  bucket_region    = \"us-east-1\"\n}\ncreate_lb = true\n",
            );
            text.push_str("gateway_deployment_configuration = {\n");
            if blue_green {
                text.push_str("  enable_blue_green = true\n");
            }
            if let Some((percent, bake)) = canary {
                text.push_str(&format!(
                    "  canary_configuration = {{\n    canary_percent = {percent}\n    canary_bake_time_in_minutes = {bake}\n  }}\n"
                ));
            }
            if let Some((percent, bake)) = linear {
                text.push_str(&format!(
                    "  linear_configuration = {{\n    step_percent = {percent}\n    step_bake_time_in_minutes = {bake}\n  }}\n"
                ));
            }
            text.push_str("}\n");
            if enable.is_some() || stages.is_some() {
                text.push_str("gateway_lifecycle_hook = {\n");
                if let Some(enable) = enable {
                    text.push_str(&format!("  enable_lifecycle_hook = {enable}\n"));
                }
                if let Some(stages) = stages {
                    let list: Vec<String> =
                        stages.iter().map(|stage| format!("\"{stage}\"")).collect();
                    text.push_str(&format!("  {stages_key} = [{}]\n", list.join(", ")));
                }
                text.push_str("}\n");
            }
            if let Some((enable, rollback)) = breaker {
                text.push_str(&format!(
                    "gateway_deployment_circuit_breaker = {{\n  enable   = {enable}\n  rollback = {rollback}\n}}\n"
                ));
            }
            for line in extra {
                text.push_str(line);
                text.push('\n');
            }
            text
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn applying_one_fix_per_diagnostic_adds_no_diagnostic(
        picks in prop::collection::vec(any::<prop::sample::Index>(), 64),
        order in any::<u64>(),
    ) {
        for (name, source) in fixtures() {
            if let Some(problem) = check_one_fix_per_diagnostic(&name, &source, &picks, order) {
                prop_assert!(false, "{}", problem);
            }
        }
    }

    #[test]
    fn applying_one_fix_per_diagnostic_of_a_generated_file_adds_no_diagnostic(
        source in generated_file(),
        picks in prop::collection::vec(any::<prop::sample::Index>(), 64),
        order in any::<u64>(),
    ) {
        if let Some(problem) = check_one_fix_per_diagnostic("generated", &source, &picks, order) {
            prop_assert!(false, "{}", problem);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn each_fix_of_a_generated_file_alone_adds_no_diagnostic(source in generated_file()) {
        if let Some(problem) = check_each_fix_alone("generated", &source) {
            prop_assert!(false, "{}", problem);
        }
    }
}

#[test]
fn each_fix_of_a_fixture_alone_adds_no_diagnostic() {
    for (name, source) in fixtures() {
        if let Some(problem) = check_each_fix_alone(&name, &source) {
            panic!("{problem}");
        }
    }
}

/// The case of issue 23: with the hook enabled and its stages misspelt, the rename is offered
/// and disabling the hook is not, since both together would leave stages for a disabled hook.
#[test]
fn a_misspelt_stage_list_is_renamed_not_answered_by_disabling_the_hook() {
    let source = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/fix-conflicts/misspelt-hook-stages.tfvars"
    ))
    .expect("fixture is readable");
    let analysis = analyze(&source, &Options::default());
    let fixes = |code: &str| -> Vec<&str> {
        analysis
            .diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.code.as_str() == code)
            .flat_map(|diagnostic| diagnostic.fixes.iter().map(|fix| fix.title.as_str()))
            .collect()
    };
    assert_eq!(
        fixes("unknown-attribute"),
        ["Rename to `lifecycle_hook_stages`"]
    );
    assert!(fixes("lifecycle-hook-without-stages").is_empty());
}
