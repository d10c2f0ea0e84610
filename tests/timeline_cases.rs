//! Timeline fixtures: each `tests/timeline_cases/NAME.tfvars` goes through `ecs-rollout
//! timeline` (with the arguments of an optional first line `# args: ...`) and the printed table
//! and chart are compared with a snapshot. A new case is a new file.

mod common;

use std::path::Path;

use common::CaseFiles;
use ecs_rollout::cli;

#[test]
fn timeline_cases_match_their_snapshots() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/timeline_cases");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/timeline_cases is readable")
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".tfvars"))
        .collect();
    names.sort();
    assert!(names.len() >= 20, "only {} timeline cases", names.len());
    for name in names {
        let source = std::fs::read_to_string(dir.join(&name)).expect("case is UTF-8");
        let mut args = vec!["timeline".to_owned(), name.clone()];
        if let Some(extra) = source
            .lines()
            .next()
            .and_then(|line| line.strip_prefix("# args:"))
        {
            args.extend(extra.split_whitespace().map(str::to_owned));
        }
        let output = cli::run(&args, &CaseFiles(dir.clone()), false);
        assert_eq!(output.exit_code, 0, "{name}: {}", output.stderr);
        let shown = format!(
            "$ ecs-rollout {}\n{}{}",
            args.join(" "),
            output.stdout,
            output.stderr
        );
        let snapshot = name.trim_end_matches(".tfvars").to_owned();
        insta::with_settings!({ snapshot_path => "snapshots/timeline_cases", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(snapshot, shown);
        });
    }
}
