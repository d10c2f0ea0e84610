//! `check --fix` on every fixture (issue 25): the fixed text has no code more often than the
//! original had it, every code whose diagnostics all offered a fix is gone, and a second
//! `--fix` finds nothing it could not apply before (the fixes converge).

mod common;

use std::collections::BTreeMap;

use ecs_rollout::{analyze, cli, Code, Options, Severity};

/// How many error and warning diagnostics of each code `source` has.
fn counts(source: &str) -> BTreeMap<Code, usize> {
    let mut counts = BTreeMap::new();
    for diagnostic in analyze(source, &Options::default()).diagnostics {
        if diagnostic.severity != Severity::Info {
            *counts.entry(diagnostic.code).or_insert(0) += 1;
        }
    }
    counts
}

#[test]
fn check_fix_removes_what_it_fixes_and_adds_nothing() {
    let mut changed = 0;
    for path in common::fixture_paths() {
        let dir = path.parent().expect("a fixture folder");
        let file = path
            .file_name()
            .expect("a file name")
            .to_string_lossy()
            .into_owned();
        let source = std::fs::read_to_string(&path).expect("UTF-8");
        let analysis = analyze(&source, &Options::default());
        let output = cli::run(
            &["check".to_owned(), "--fix".to_owned(), file.clone()],
            &common::CaseFiles(dir.to_path_buf()),
            false,
        );
        let Some((written_to, fixed)) = output.writes.first() else {
            assert!(
                analysis.diagnostics.iter().all(|d| d.fixes.is_empty()),
                "{}: fixes offered but nothing written",
                path.display()
            );
            continue;
        };
        assert_eq!(written_to, &file);
        changed += 1;
        let before = counts(&source);
        let after = counts(fixed);
        for (code, count) in &after {
            assert!(
                before.get(code).is_some_and(|was| count <= was),
                "{}: --fix added {}",
                path.display(),
                code.as_str()
            );
        }
        for code in before.keys() {
            let all_fixable = analysis
                .diagnostics
                .iter()
                .filter(|d| d.code == *code)
                .all(|d| !d.fixes.is_empty());
            if all_fixable {
                assert!(
                    !after.contains_key(code),
                    "{}: {} remains after --fix",
                    path.display(),
                    code.as_str()
                );
            }
        }
        // The exit status is that of what remains.
        let errors_remain = analyze(fixed, &Options::default())
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error);
        assert_eq!(
            output.exit_code,
            i32::from(errors_remain),
            "{}",
            path.display()
        );
    }
    assert!(changed >= 10, "only {changed} fixtures were changed");
}
