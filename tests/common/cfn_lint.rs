//! cfn-lint, the reference linter of CloudFormation templates, for the tests that compare the
//! schema checks with it: it validates a template against the resource schemas AWS publishes,
//! the same `AWS::ECS::Service` schema `src/service/schema.rs` was written from.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use ecs_rollout::position::{Encoding, LineIndex};
use ecs_rollout::{analyze, Code, Options, Severity};

/// One of cfn-lint's findings.
#[derive(Debug, Clone)]
pub struct Finding {
    pub file: PathBuf,
    /// 1-based.
    pub line: usize,
    /// Such as `E3012`.
    pub rule: String,
    pub message: String,
    /// Where in the template, such as `Resources/Service/Properties/DesiredCount`.
    pub path: String,
}

/// The cfn-lint to run: the version scripts/install-cfn-lint.sh pins, since each release brings
/// newer resource schemas and an older one rejects what AWS takes now. `CFN_LINT` names it when
/// set, and then it must be that version: `make cargo-test` sets it to the one it installs, so
/// that these tests never skip there. Otherwise the one that script installed under `target/`,
/// or `cfn-lint` from the `PATH` if it is the pinned version; or `None` after saying on standard
/// error that the test is skipped and why.
pub fn program() -> Option<String> {
    let pinned = pinned_version();
    if let Ok(program) = std::env::var("CFN_LINT") {
        match version(&program) {
            Some(found) if found == pinned => return Some(program),
            found => panic!(
                "CFN_LINT is {program}, which is {}, not {pinned}",
                found.as_deref().unwrap_or("a program that does not run")
            ),
        }
    }
    let installed = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/cfn-lint-venv/bin/cfn-lint");
    let candidates = [
        installed.to_string_lossy().into_owned(),
        "cfn-lint".to_owned(),
    ];
    let mut found = Vec::new();
    for program in candidates {
        match version(&program) {
            Some(version) if version == pinned => return Some(program),
            Some(version) => found.push(format!("`{program} --version` prints `{version}`")),
            None => {}
        }
    }
    let found = if found.is_empty() {
        "cfn-lint is not installed".to_owned()
    } else {
        found.join("; ")
    };
    eprintln!(
        "skipped: {found}, and these tests compare with {pinned} (make cargo-test installs it; or set CFN_LINT to its path)"
    );
    None
}

/// The version scripts/install-cfn-lint.sh pins, as `--version` prints it.
fn pinned_version() -> String {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/install-cfn-lint.sh");
    let text = std::fs::read_to_string(&script)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", script.display()));
    let version = text
        .lines()
        .find_map(|line| line.strip_prefix("CFN_LINT_VERSION="))
        .unwrap_or_else(|| panic!("{} pins no CFN_LINT_VERSION", script.display()));
    format!("cfn-lint {}", version.trim())
}

/// What `program --version` prints, if it runs.
fn version(program: &str) -> Option<String> {
    let output = Command::new(program).arg("--version").output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// cfn-lint's rules that check a value against the resource schema itself: an unknown
/// property (E3002), a required one (E3003), a type (E3012), an enum (E3030), a list's length
/// (E3032) and a number's range (E3034). Its other E3 rules relate properties or resources to
/// each other (E3044: a Fargate service's `SchedulingStrategy` must be `REPLICA`; E3052: an
/// `awsvpc` task definition needs the service's `NetworkConfiguration`), which the schema checks
/// do not model, and are not compared.
const SCHEMA_RULES: &[&str] = &["E3002", "E3003", "E3012", "E3030", "E3032", "E3034"];

/// cfn-lint's errors of the resource schema ([`SCHEMA_RULES`]) in `files`, linted in one run.
pub fn schema_errors(program: &str, files: &[PathBuf]) -> Vec<Finding> {
    let output = Command::new(program)
        .args(["--format", "json", "--"])
        .args(files)
        .output()
        .expect("cfn-lint runs");
    let report: serde_json::Value =
        serde_json::from_slice(&output.stdout).unwrap_or_else(|error| {
            panic!(
                "cfn-lint printed no JSON ({error}): {}",
                String::from_utf8_lossy(&output.stderr)
            )
        });
    let text = |value: &serde_json::Value| match value {
        serde_json::Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    report
        .as_array()
        .expect("cfn-lint's report is a list")
        .iter()
        .filter_map(|finding| {
            let rule = finding.pointer("/Rule/Id")?.as_str()?;
            SCHEMA_RULES.contains(&rule).then(|| Finding {
                file: PathBuf::from(finding["Filename"].as_str().unwrap_or_default()),
                line: finding
                    .pointer("/Location/Start/LineNumber")
                    .and_then(serde_json::Value::as_u64)
                    .unwrap_or_default() as usize,
                rule: rule.to_owned(),
                message: text(&finding["Message"]),
                path: finding
                    .pointer("/Location/Path")
                    .and_then(serde_json::Value::as_array)
                    .map(|path| path.iter().map(text).collect::<Vec<_>>().join("/"))
                    .unwrap_or_default(),
            })
        })
        .collect()
}

/// Whether `finding` is in `file`, which cfn-lint may have named relatively or absolutely.
pub fn is_in(finding: &Finding, file: &Path) -> bool {
    finding.file == file || file.ends_with(&finding.file) || finding.file.ends_with(file)
}

/// What `analyze` says of a template: the logical ids of its services, and each problem it
/// reports (a warning or an error) with its line, whether it is one of the schema's, and what.
fn our_findings(source: &str) -> (Vec<String>, Vec<(usize, bool, String)>) {
    let analysis = analyze(source, &Options::default());
    let index = LineIndex::new(source);
    let services = analysis
        .services
        .iter()
        .map(|service| service.name.clone())
        .collect();
    let findings = analysis
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.severity >= Severity::Warning)
        .map(|diagnostic| {
            let start = diagnostic.span.as_ref().map_or(0, |span| span.start);
            let line = index.position(start, Encoding::Bytes).line;
            let schema = matches!(
                diagnostic.code,
                Code::TypeMismatch | Code::UnknownAttribute | Code::MissingAttribute
            );
            (
                line,
                schema,
                format!("{}: {}", diagnostic.code.as_str(), diagnostic.message),
            )
        })
        .collect();
    (services, findings)
}

/// Where cfn-lint and `analyze` disagree on each file, within the properties of its services:
/// a line where cfn-lint finds an error of the resource schema and `analyze` reports nothing,
/// or one where `analyze` reports a mistake of the schema (a type, a name or a required
/// property) and cfn-lint does not. ECS's own rules (ranges, strategies, stages, the breaker)
/// go further than the resource schema, so their other findings are not compared.
pub fn disagreements(files: &[(String, PathBuf)], linted: &[Finding]) -> Vec<String> {
    let mut found = Vec::new();
    for (name, path) in files {
        let source = std::fs::read_to_string(path).expect("the template was written");
        let (services, ours) = our_findings(&source);
        let theirs: Vec<&Finding> = linted
            .iter()
            .filter(|finding| is_in(finding, path))
            .filter(|finding| {
                services.iter().any(|service| {
                    finding
                        .path
                        .starts_with(&format!("Resources/{service}/Properties"))
                })
            })
            .collect();
        let our_lines: BTreeSet<usize> = ours.iter().map(|(line, _, _)| *line).collect();
        let their_lines: BTreeSet<usize> = theirs.iter().map(|finding| finding.line).collect();
        let missed = theirs
            .iter()
            .any(|finding| !our_lines.contains(&finding.line));
        let extra = ours
            .iter()
            .any(|(line, schema, _)| *schema && !their_lines.contains(line));
        if missed || extra {
            let ours = ours
                .iter()
                .map(|(line, _, what)| format!("    ecs-rollout, line {line}: {what}"));
            let theirs = theirs.iter().map(|finding| {
                format!(
                    "    cfn-lint, line {}: {} {} ({})",
                    finding.line, finding.rule, finding.message, finding.path
                )
            });
            found.push(format!(
                "{name}:\n{}",
                ours.chain(theirs).collect::<Vec<_>>().join("\n")
            ));
        }
    }
    found
}

/// Fails with every disagreement, of `of` templates compared.
pub fn fail_on(disagreements: Vec<String>, of: usize) {
    assert!(
        disagreements.is_empty(),
        "{} of {of} templates where cfn-lint and ecs-rollout disagree:\n\n{}",
        disagreements.len(),
        disagreements.join("\n\n")
    );
}
