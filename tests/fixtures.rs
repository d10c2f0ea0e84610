//! Fixture-driven tests: every `tests/fixtures/**/*.tfvars` (and `.tfvars.json`) file is
//! analysed and its rendered diagnostics, strategy and timeline summary are compared with a
//! snapshot; every offered fix is applied and the result analysed again.

mod common;

use std::path::Path;

use ecs_rollout::{analyze, apply_fixes, render, Code, Options, Severity};

fn fixtures() -> Vec<std::path::PathBuf> {
    common::fixture_paths()
}

fn relative(path: &Path) -> String {
    path.strip_prefix(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"))
        .expect("fixture under tests/fixtures")
        .to_string_lossy()
        .replace('\\', "/")
}

/// What a user sees: the code frames, then the strategy and the timeline's key figures; for
/// other sources than the Portkey module, the kind read and every service's figures and notes.
fn rendered(name: &str, source: &str) -> String {
    let analysis = analyze(source, &Options::default());
    let mut out = render::human::render(name, source, &analysis.diagnostics, false);
    let strategy = analysis
        .strategy
        .map_or("none", |strategy| strategy.as_str());
    out.push_str(&format!("\nstrategy: {strategy}\n"));
    out.push_str(&timeline_line(analysis.timeline.as_ref()));
    if analysis.input != ecs_rollout::input::InputKind::PortkeyTfvars {
        out.push_str(&format!("input: {}\n", analysis.input.as_str()));
        for service in &analysis.services {
            out.push_str(&format!(
                "service {} ({}): {}",
                service.name,
                service.strategy.as_str(),
                timeline_line(service.timeline.as_ref())
            ));
            for note in service.timeline.iter().flat_map(|timeline| &timeline.notes) {
                out.push_str(&format!("  note: {note}\n"));
            }
        }
    }
    out
}

fn timeline_line(timeline: Option<&ecs_rollout::timeline::Timeline>) -> String {
    match timeline {
        Some(timeline) => format!(
            "timeline: {} minutes, peak {} tasks, traffic {}\n",
            timeline.total_minutes,
            timeline.peak_tasks,
            timeline
                .traffic_steps
                .iter()
                .map(|step| format!("{}%@{}", step.green_percent, step.minute))
                .collect::<Vec<_>>()
                .join(" → ")
        ),
        None => "timeline: none\n".to_owned(),
    }
}

/// One snapshot per fixture, all compared before the test fails (`insta::glob!`), so every
/// mismatch is reported, not only the first.
#[test]
fn fixtures_match_their_snapshots() {
    let mut seen = 0;
    insta::with_settings!({ snapshot_path => "snapshots/fixtures", prepend_module_to_snapshot => false }, {
        insta::glob!("fixtures/**/*.{tfvars,json,tf,yaml,yml}", |path| {
            let name = relative(path);
            let source = std::fs::read_to_string(path).expect("fixture is UTF-8");
            seen += 1;
            insta::with_settings!({ description => name.clone() }, {
                insta::assert_snapshot!(rendered(&name, &source));
            });
        });
    });
    assert_eq!(
        seen,
        fixtures().len(),
        "the glob and the fixture list disagree"
    );
}

#[test]
fn every_fix_removes_its_diagnostic() {
    let mut applied = 0;
    for path in fixtures() {
        let name = relative(&path);
        let source = std::fs::read_to_string(&path).expect("fixture is UTF-8");
        let analysis = analyze(&source, &Options::default());
        for diagnostic in &analysis.diagnostics {
            let before = analysis
                .diagnostics
                .iter()
                .filter(|d| d.code == diagnostic.code)
                .count();
            for fix in &diagnostic.fixes {
                let fixed = apply_fixes(&source, [fix]);
                let after = analyze(&fixed, &Options::default());
                let remaining = after
                    .diagnostics
                    .iter()
                    .filter(|d| d.code == diagnostic.code)
                    .count();
                assert!(
                    remaining < before,
                    "{name}: fix {:?} for {} left {remaining} of {before}:\n{fixed}",
                    fix.title,
                    diagnostic.code.as_str()
                );
                assert!(
                    !after
                        .diagnostics
                        .iter()
                        .any(|d| d.code == Code::SyntaxError),
                    "{name}: fix {:?} broke the syntax:\n{fixed}",
                    fix.title
                );
                applied += 1;
            }
        }
    }
    assert!(applied >= 20, "only {applied} fixes were exercised");
}

/// Issue 12: `check` must never say "no problems found" while `timeline` says the settings
/// cannot be read; whenever there is no timeline, an error says why, or (issue 13) the service
/// is not ECS's to deploy, or the source has no service at all.
#[test]
fn every_missing_timeline_is_explained_by_an_error() {
    for path in fixtures() {
        let name = relative(&path);
        let source = std::fs::read_to_string(&path).expect("fixture is UTF-8");
        let analysis = analyze(&source, &Options::default());
        let explained = |code: Code| analysis.diagnostics.iter().any(|d| d.code == code);
        let has_error = analysis
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error);
        if analysis.services.is_empty()
            && analysis.input != ecs_rollout::input::InputKind::PortkeyTfvars
        {
            assert!(
                explained(Code::NoService) || has_error,
                "{name}: no service and nothing says so"
            );
        }
        for service in &analysis.services {
            if service.timeline.is_none() {
                assert!(
                    has_error || explained(Code::ExternalDeploymentController),
                    "{name}: {} has no timeline and no error says why",
                    service.name
                );
            }
        }
        if analysis.timeline.is_none() && !analysis.services.is_empty() {
            assert!(
                has_error || explained(Code::ExternalDeploymentController),
                "{name}: no timeline and no error"
            );
        }
    }
}

#[test]
fn every_code_but_policy_has_a_fixture() {
    let mut seen = std::collections::BTreeSet::new();
    for path in fixtures() {
        let source = std::fs::read_to_string(&path).expect("fixture is UTF-8");
        for diagnostic in analyze(&source, &Options::default()).diagnostics {
            seen.insert(diagnostic.code);
        }
        // The record's own checks (contract section 10) are `observed`'s.
        if path.to_string_lossy().contains("deployment-record") {
            for (_, diagnostic) in ecs_rollout::observed(&source, &Options::default()).diagnostics {
                seen.insert(diagnostic.code);
            }
        }
    }
    seen.insert(Code::InputTooLarge); // Generated by `input_over_the_limit_is_refused` below.
                                      // Only a build without a reader answers it (the browser's, for Terraform):
                                      // www/tests/sources.e2e.test.mjs.
    seen.insert(Code::InputNotSupported);
    assert!(
        !seen.contains(&Code::LoadBalancerRequired),
        "load-balancer-required is retired"
    );
    let missing: Vec<&str> = Code::ALL
        .iter()
        .filter(|code| !matches!(code, Code::PolicyViolation | Code::InvalidOptions))
        // Retired (facts section 10): no input gives it any more.
        .filter(|code| **code != Code::LoadBalancerRequired)
        .filter(|code| !seen.contains(code))
        .map(|code| code.as_str())
        .collect();
    assert!(missing.is_empty(), "codes without a fixture: {missing:?}");
}

#[test]
fn input_over_the_limit_is_refused() {
    let source = format!(
        "project_name = \"{}\"\n",
        "x".repeat(ecs_rollout::MAX_INPUT_BYTES)
    );
    let analysis = analyze(&source, &Options::default());
    let codes: Vec<&str> = analysis
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect();
    assert_eq!(codes, ["input-too-large"]);
    assert!(analysis.strategy.is_none() && analysis.timeline.is_none());
    let at_limit = format!(
        "project_name = \"{}\"\n",
        "x".repeat(ecs_rollout::MAX_INPUT_BYTES - 20)
    );
    let analysis = analyze(&at_limit, &Options::default());
    assert!(analysis
        .diagnostics
        .iter()
        .all(|d| d.code != Code::InputTooLarge));
}

#[test]
fn rules_option_changes_and_silences_severities() {
    let source = "gateway_deployment_circuit_breaker = { enable = false, rollback = false }\n";
    let mut options = Options::default();
    options.rules.insert(
        "circuit-breaker-disabled".into(),
        ecs_rollout::RuleLevel::Error,
    );
    options.rules.insert(
        "missing-required-variable".into(),
        ecs_rollout::RuleLevel::Off,
    );
    let analysis = analyze(source, &options);
    let codes: Vec<(&str, Severity)> = analysis
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.severity))
        .collect();
    assert_eq!(codes, [("circuit-breaker-disabled", Severity::Error)]);
}
