//! Policy fixture pairs: `tests/policy_cases/NAME.tfvars` checked against `NAME.policy.json`
//! through the command line, exactly as CI would run it; the snapshot holds the exit code and
//! everything printed. Malformed policies must be refused whole (exit 2), never half-applied.

mod common;

use std::path::Path;

use common::CaseFiles;
use ecs_rollout::cli;

#[test]
fn policy_cases_match_their_snapshots() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/policy_cases");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/policy_cases is readable")
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".policy.json").map(str::to_owned)
        })
        .collect();
    names.sort();
    assert!(names.len() >= 30, "only {} policy cases", names.len());
    for name in names {
        let args: Vec<String> = [
            "check",
            &format!("{name}.tfvars"),
            "--policy",
            &format!("{name}.policy.json"),
            "--rule",
            "missing-required-variable=off",
        ]
        .iter()
        .map(|arg| arg.to_string())
        .collect();
        let output = cli::run(&args, &CaseFiles(dir.clone()), false);
        let malformed = name.starts_with("malformed-");
        if malformed {
            assert_eq!(output.exit_code, 2, "{name}: a bad policy must be refused");
            assert!(
                output.stdout.is_empty(),
                "{name}: nothing may be checked with a bad policy"
            );
        } else {
            let violated = output.stdout.contains("policy-violation");
            assert_eq!(output.exit_code, i32::from(violated), "{name}");
        }
        let shown = format!(
            "exit code: {}\n----- stdout -----\n{}----- stderr -----\n{}",
            output.exit_code, output.stdout, output.stderr
        );
        insta::with_settings!({ snapshot_path => "snapshots/policy_cases", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(name, shown);
        });
    }
}
