//! Diff cases: each folder of `tests/diff_cases/` holds a `before` and an `after` file (`.tfvars`
//! or `.tfvars.json`). Each case goes through the Rust API and the command line in every format;
//! one snapshot holds the three outputs and the exit code. The laws every diff must obey are
//! checked on the same cases: a file compared with itself changes nothing, swapping the sides
//! swaps new and fixed problems and the before and after values, and the CLI's JSON is the API's.

mod common;

use std::path::{Path, PathBuf};

use common::CaseFiles;
use ecs_rollout::report::{diff_report, to_json};
use ecs_rollout::{cli, diff, Options, Severity};

/// The file in `dir` whose name starts with `side.`, with the options its extension selects.
fn side(dir: &Path, side: &str) -> (String, String, Options) {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("case folder is readable")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(&format!("{side}.")))
        .collect();
    assert_eq!(names.len(), 1, "{}: one `{side}` file", dir.display());
    let name = names.remove(0);
    let source = std::fs::read_to_string(dir.join(&name)).expect("case file is UTF-8");
    let options = Options {
        format: name.ends_with(".json").then_some(ecs_rollout::Format::Json),
        ..Options::default()
    };
    (name, source, options)
}

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diff_cases");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("tests/diff_cases is readable")
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| path.is_dir())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 7, "only {} diff cases", dirs.len());
    dirs
}

fn run(dir: &Path, args: &[&str]) -> cli::CliOutput {
    let args: Vec<String> = args.iter().map(|arg| arg.to_string()).collect();
    cli::run(&args, &CaseFiles(dir.to_path_buf()), false)
}

#[test]
fn diff_cases_match_their_snapshots() {
    for dir in cases() {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let (before_file, before, before_options) = side(&dir, "before");
        let (after_file, after, after_options) = side(&dir, "after");
        let api = ecs_rollout::diff::diff_sides(&before, &before_options, &after, &after_options);
        let api_json = to_json(&diff_report(&before, &after, api.clone()));

        let mut shown = String::new();
        for format in ["human", "json", "markdown"] {
            let output = run(
                &dir,
                &["diff", "--format", format, &before_file, &after_file],
            );
            let adds_error = api
                .new_diagnostics
                .iter()
                .any(|diagnostic| diagnostic.severity == Severity::Error);
            assert_eq!(output.exit_code, i32::from(adds_error), "{name} {format}");
            assert!(
                output.stderr.is_empty(),
                "{name} {format}: {}",
                output.stderr
            );
            if format == "json" {
                assert_eq!(
                    output.stdout, api_json,
                    "{name}: the CLI's JSON is the API's"
                );
            }
            shown.push_str(&format!(
                "===== {format} (exit {}) =====\n",
                output.exit_code
            ));
            shown.push_str(&output.stdout);
        }
        insta::with_settings!({ snapshot_path => "snapshots/diff_cases", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(name, shown);
        });
    }
}

#[test]
fn a_file_compared_with_itself_changes_nothing() {
    for dir in cases() {
        for which in ["before", "after"] {
            let (_, source, options) = side(&dir, which);
            let same = diff(&source, &source, &options);
            assert_eq!(same.before, same.after, "{}", dir.display());
            assert!(same.changes.is_empty(), "{}", dir.display());
            assert!(same.new_diagnostics.is_empty(), "{}", dir.display());
            assert!(same.fixed_diagnostics.is_empty(), "{}", dir.display());
        }
    }
}

#[test]
fn swapping_the_sides_swaps_the_diff() {
    for dir in cases() {
        let (_, before, before_options) = side(&dir, "before");
        let (_, after, after_options) = side(&dir, "after");
        let forward =
            ecs_rollout::diff::diff_sides(&before, &before_options, &after, &after_options);
        let backward =
            ecs_rollout::diff::diff_sides(&after, &after_options, &before, &before_options);
        assert_eq!(forward.before, backward.after, "{}", dir.display());
        assert_eq!(
            forward.new_diagnostics,
            backward.fixed_diagnostics,
            "{}",
            dir.display()
        );
        assert_eq!(
            forward.fixed_diagnostics,
            backward.new_diagnostics,
            "{}",
            dir.display()
        );
        let fields = |diff: &ecs_rollout::Diff| {
            diff.changes
                .iter()
                .map(|change| (change.field, change.before.clone(), change.after.clone()))
                .collect::<Vec<_>>()
        };
        let swapped: Vec<_> = fields(&backward)
            .into_iter()
            .map(|(field, before, after)| (field, after, before))
            .collect();
        assert_eq!(fields(&forward), swapped, "{}", dir.display());
    }
}

/// The summary's figures are the ones `compare` shows for the same strategy.
#[test]
fn summary_figures_are_compare_figures() {
    for dir in cases() {
        let (_, source, options) = side(&dir, "after");
        let Some(summary) = diff(&source, &source, &options).after else {
            continue;
        };
        let comparison = ecs_rollout::compare(&source, &options);
        let row = comparison
            .rows
            .iter()
            .find(|row| row.strategy == summary.strategy)
            .expect("compare has every strategy");
        assert_eq!(
            (
                row.total_minutes,
                row.first_exposure_percent,
                row.minutes_to_full_traffic
            ),
            (
                summary.total_minutes,
                summary.first_exposure_percent,
                summary.minutes_to_full_traffic
            ),
            "{}",
            dir.display()
        );
    }
}
