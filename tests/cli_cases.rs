//! End-to-end CLI cases from `tests/cli_cases.txt`, run through the pure `cli::run`.
//!
//! Files come from `tests/cli_files/` through an in-memory [`FileReader`], so the cases see the
//! same reasons for unreadable files as the native binary. Each case's exit code, stdout and
//! stderr are one insta snapshot.

use std::collections::BTreeMap;
use std::path::Path;

use ecs_rollout::cli::{self, CliOutput, FileReader};

/// Serves the files of one directory by name, and nothing else.
struct MemoryReader {
    files: BTreeMap<String, String>,
}

impl MemoryReader {
    fn from_dir(dir: &Path) -> MemoryReader {
        let mut files = BTreeMap::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                // A directory's files are served as `directory/file` (one level, as modules are).
                for inner in std::fs::read_dir(&path).unwrap() {
                    let inner = inner.unwrap().path();
                    let inner_name = inner.file_name().unwrap().to_string_lossy().into_owned();
                    files.insert(
                        format!("{name}/{inner_name}"),
                        std::fs::read_to_string(&inner).unwrap(),
                    );
                }
            } else {
                files.insert(name, std::fs::read_to_string(&path).unwrap());
            }
        }
        MemoryReader { files }
    }
}

impl FileReader for MemoryReader {
    fn read(&self, path: &str) -> Result<String, String> {
        self.files
            .get(path)
            .cloned()
            .ok_or_else(|| "no such file".to_string())
    }

    fn terraform_files(&self, path: &str) -> Option<Vec<String>> {
        let prefix = format!("{path}/");
        let inside: Vec<String> = self
            .files
            .keys()
            .filter(|name| name.starts_with(&prefix))
            .cloned()
            .collect();
        (!inside.is_empty()).then(|| {
            inside
                .into_iter()
                .filter(|name| {
                    name.ends_with(".tf") || ecs_rollout::service::is_variable_file(name)
                })
                .collect()
        })
    }
}

struct Case {
    name: String,
    args: Vec<String>,
}

/// Parses the case table; panics with the line number on a malformed line.
fn cases(table: &str) -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    let mut pending: Option<String> = None;
    for (number, line) in table.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(header) = line.strip_prefix("== ") {
            assert!(
                pending.is_none(),
                "line {}: case without `$` line",
                number + 1
            );
            let name = header;
            assert!(
                !cases.iter().any(|case| case.name == name),
                "line {}: case `{name}` twice",
                number + 1
            );
            pending = Some(name.to_string());
        } else if let Some(command) = line.strip_prefix('$') {
            let name = pending
                .take()
                .unwrap_or_else(|| panic!("line {}: `$` without `==` header", number + 1));
            cases.push(Case {
                name,
                args: split_args(command),
            });
        } else {
            panic!("line {}: expected `== NAME` or `$ ARGS`", number + 1);
        }
    }
    assert!(pending.is_none(), "the last case has no `$` line");
    cases
}

/// Splits on spaces, keeping single-quoted parts together.
fn split_args(command: &str) -> Vec<String> {
    let mut args = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut started = false;
    for ch in command.chars() {
        match ch {
            '\'' => {
                quoted = !quoted;
                started = true;
            }
            ' ' if !quoted => {
                if started {
                    args.push(std::mem::take(&mut current));
                    started = false;
                }
            }
            _ => {
                current.push(ch);
                started = true;
            }
        }
    }
    if started {
        args.push(current);
    }
    args
}

fn shown(args: &[String], output: &CliOutput) -> String {
    let mut shown = format!(
        "$ ecs-rollout {}\nexit code: {}\n----- stdout -----\n{}----- stderr -----\n{}",
        args.join(" "),
        output.exit_code,
        output.stdout,
        output.stderr
    );
    // `check --fix`: what the binaries would write.
    for (path, text) in &output.writes {
        shown.push_str(&format!("----- written to {path} -----\n{text}"));
    }
    shown
}

#[test]
fn cli_cases() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let table = std::fs::read_to_string(root.join("cli_cases.txt")).unwrap();
    let reader = MemoryReader::from_dir(&root.join("cli_files"));
    for case in cases(&table) {
        let output = cli::run(&case.args, &reader, false);
        let again = cli::run(&case.args, &reader, false);
        assert_eq!(output, again, "`{}` is not deterministic", case.name);
        insta::assert_snapshot!(case.name.as_str(), shown(&case.args, &output));
    }
}

#[test]
fn case_table_parses() {
    let table =
        "# comment\n== a\n$ check x\n\n== b\n$ timeline --fail-at 3 'a b.tfvars'\n== c\n$\n";
    let parsed = cases(table);
    let summary: Vec<(&str, Vec<&str>)> = parsed
        .iter()
        .map(|case| {
            (
                case.name.as_str(),
                case.args.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("a", vec!["check", "x"]),
            ("b", vec!["timeline", "--fail-at", "3", "a b.tfvars"]),
            ("c", vec![]),
        ]
    );
}

/// Every usage error exits 2 with nothing on stdout and a message on stderr that ends with the
/// pointer to `--help`.
#[test]
fn usage_errors_exit_2_with_a_pointer_to_help() {
    let reader = MemoryReader {
        files: BTreeMap::new(),
    };
    let bad: &[&[&str]] = &[
        &[],
        &["nope"],
        &["check"],
        &["check", "--format"],
        &["check", "--format", "yaml", "x"],
        &["diff", "a"],
        &["rules", "x"],
        &["check", "--rule", "x=off", "f"],
        &["timeline", "--fail-at", "-1", "f"],
        &["timeline", "--fail-at", "NaN", "f"],
    ];
    for args in bad {
        let args: Vec<String> = args.iter().map(|arg| arg.to_string()).collect();
        let output = cli::run(&args, &reader, true);
        assert_eq!(output.exit_code, cli::EXIT_USAGE, "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}");
        assert!(output.stderr.starts_with("error: "), "{args:?}");
        assert!(
            output
                .stderr
                .ends_with("Run `ecs-rollout --help` for more information.\n"),
            "{args:?}"
        );
        assert!(
            !output.stderr.contains('\x1b'),
            "no colour on stderr: {args:?}"
        );
    }
}

/// The rules listing names every code once, in the contract's order.
#[test]
fn rules_lists_every_code() {
    let reader = MemoryReader {
        files: BTreeMap::new(),
    };
    let output = cli::run(&["rules".to_string()], &reader, false);
    assert_eq!(output.exit_code, 0);
    let listed: Vec<&str> = output
        .stdout
        .lines()
        .map(|line| line.split_whitespace().next().unwrap())
        .collect();
    let codes: Vec<&str> = ecs_rollout::Code::ALL
        .iter()
        .map(|code| code.as_str())
        .collect();
    assert_eq!(listed, codes);
}
