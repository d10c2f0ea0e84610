//! Real files from other projects, in `../shared/corpus/real/` beside the repository (never
//! committed here: `make lint` checks that no committed file copies one): the Portkey module's
//! samples and documentation snippets, public CloudFormation templates and the ECS API's
//! samples. Each test reads its folder when it exists and skips with a message when it does not
//! (`make test-realworld` runs them alone).

mod common;

use ecs_rollout::{analyze, Analysis, Code, Options, Severity};

/// The codes of `analysis`'s error-severity diagnostics.
fn error_codes(analysis: &Analysis) -> Vec<&'static str> {
    analysis
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.code.as_str())
        .collect()
}

/// The Portkey module's own files in `../shared/corpus/real/portkey/` (never committed here):
/// the ones `terraform plan` accepts (`realworld-portkey.json`, from the corpus README) get no
/// error, the others at least one; and
/// no file gets the retired `load-balancer-required`.
#[test]
fn module_files_the_module_accepts_get_no_error() {
    let Some(corpus) = common::real_corpus("portkey") else {
        return;
    };
    let plan: serde_json::Value = serde_json::from_str(include_str!("realworld-portkey.json"))
        .expect("tests/realworld-portkey.json is JSON");
    for (list, accepted) in [("accepted", true), ("refused", false)] {
        let names = plan[list].as_array().expect("a list of file names");
        assert!(!names.is_empty(), "{list}");
        for name in names.iter().filter_map(|name| name.as_str()) {
            let source = std::fs::read_to_string(corpus.join(name))
                .unwrap_or_else(|error| panic!("{name}: {error}"));
            let analysis = analyze(&source, &Options::default());
            let errors = error_codes(&analysis);
            assert_eq!(errors.is_empty(), accepted, "{name}: errors {errors:?}");
            // The command line a CI job or pre-commit runs: exit 0 exactly when accepted.
            let output = ecs_rollout::cli::run(
                &["check".to_owned(), (*name).to_owned()],
                &common::CaseFiles(corpus.clone()),
                false,
            );
            assert_eq!(
                output.exit_code,
                if accepted { 0 } else { 1 },
                "{name}: {}",
                output.stdout
            );
            assert!(
                analysis
                    .diagnostics
                    .iter()
                    .all(|d| d.code != Code::LoadBalancerRequired),
                "{name}"
            );
        }
    }
}

/// The ECS API samples of `../shared/corpus/real/ecs-api/` (never committed here): every one is
/// read as the ECS API's JSON, with no error, and each of its services is drawn.
#[test]
fn real_ecs_api_samples_are_read_as_the_api() {
    let Some(corpus) = common::real_corpus("ecs-api") else {
        return;
    };
    let mut read = 0;
    for entry in std::fs::read_dir(&corpus).expect("the corpus folder is readable") {
        let path = entry.expect("an entry").path();
        if path.extension().and_then(|ext| ext.to_str()) != Some("json") {
            continue;
        }
        let name = path.display().to_string();
        let source = std::fs::read_to_string(&path).expect("UTF-8");
        let analysis = analyze(&source, &Options::default());
        assert_eq!(
            analysis.input,
            ecs_rollout::input::InputKind::EcsApi,
            "{name}"
        );
        let errors = error_codes(&analysis);
        assert!(errors.is_empty(), "{name}: {errors:?}");
        assert!(
            !analysis.services.is_empty() && analysis.services.iter().all(|s| s.timeline.is_some()),
            "{name}"
        );
        read += 1;
    }
    assert!(read >= 4, "only {read} samples");
}

/// The two templates of the corpus that are Mustache, not YAML (its PROVENANCE.md names them).
const NOT_YAML: &[&str] = &[
    "moveinc-service.template",
    "moveinc-service-canary.template",
];

/// Every public CloudFormation template of `../shared/corpus/real/cloudformation/` is read
/// without a crash; every one that is valid YAML or JSON (all but the two Mustache files its
/// PROVENANCE.md names) without `syntax-error`, with every `AWS::ECS::Service` found; and the CDK
/// integration templates, the public ones that use ECS's own strategies, with the strategy
/// their names say.
#[test]
fn real_cloudformation_templates_are_read_whole() {
    let Some(corpus) = common::real_corpus("cloudformation") else {
        return;
    };
    let mut files = Vec::new();
    let mut folders = vec![corpus];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("the corpus folder is readable") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().and_then(|ext| ext.to_str()) != Some("md") {
                files.push(path);
            }
        }
    }
    assert!(files.len() >= 50, "only {} templates", files.len());
    for path in files {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let source = std::fs::read_to_string(&path).expect("UTF-8");
        let analysis = analyze(&source, &Options::default());
        if NOT_YAML.contains(&name.as_str()) {
            assert!(
                analysis
                    .diagnostics
                    .iter()
                    .any(|d| d.code == Code::SyntaxError),
                "{name}"
            );
            continue;
        }
        assert_eq!(
            analysis.input,
            ecs_rollout::input::InputKind::Cloudformation,
            "{name}"
        );
        let syntax: Vec<&str> = analysis
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::SyntaxError)
            .map(|d| d.message.as_str())
            .collect();
        assert!(syntax.is_empty(), "{name}: {syntax:?}");
        // The resources' `Type` lines, found by their text: the least indented of them (a
        // CodeDeploy hook's `Target` names the same type further in).
        let indents: Vec<usize> = source
            .lines()
            .filter(|line| {
                let line = line.trim().trim_end_matches(',');
                line == "Type: AWS::ECS::Service"
                    || line == "Type: 'AWS::ECS::Service'"
                    || line == "Type: \"AWS::ECS::Service\""
                    || line.replace(' ', "") == "\"Type\":\"AWS::ECS::Service\""
            })
            .map(|line| line.len() - line.trim_start().len())
            .collect();
        let least = indents.iter().min().copied().unwrap_or(0);
        let declared = indents.iter().filter(|indent| **indent == least).count();
        assert_eq!(analysis.services.len(), declared, "{name}: services found");
        for (marker, strategy) in [
            ("cdk-integ-blue-green", "BLUE_GREEN"),
            ("cdk-integ-canary", "CANARY"),
            ("cdk-integ-linear", "LINEAR"),
        ] {
            if name.starts_with(marker) {
                let found: Vec<&str> = analysis
                    .services
                    .iter()
                    .map(|s| s.strategy.as_str())
                    .collect();
                assert_eq!(found, [strategy], "{name}");
                assert!(
                    analysis.services.iter().all(|s| s.timeline.is_some()),
                    "{name}: drawn"
                );
            }
        }
    }
}

/// The schema's findings on the public CloudFormation templates (`type-mismatch`,
/// `unknown-attribute`, `missing-attribute`) are cfn-lint's too: each is on a line where
/// cfn-lint reports a schema error (E3xxx), so none is a false positive by the resource schema
/// both read. Runs where cfn-lint is (`common::cfn_lint::program`; `make cargo-test` installs
/// the pinned one) and skips with a message otherwise.
#[test]
fn schema_findings_on_real_templates_are_cfn_lints_too() {
    let Some(corpus) = common::real_corpus("cloudformation") else {
        return;
    };
    let Some(program) = common::cfn_lint::program() else {
        return;
    };
    let mut files = Vec::new();
    let mut folders = vec![corpus];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("the corpus folder is readable") {
            let path = entry.expect("an entry").path();
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            if path.is_dir() {
                folders.push(path);
            } else if !name.ends_with(".md") && !NOT_YAML.contains(&name.as_ref()) {
                files.push(path);
            }
        }
    }
    let linted = common::cfn_lint::schema_errors(&program, &files);
    let files: Vec<(String, std::path::PathBuf)> = files
        .into_iter()
        .map(|path| (path.display().to_string(), path))
        .collect();
    let found = common::cfn_lint::disagreements(&files, &linted);
    eprintln!(
        "{} real templates, {} where cfn-lint and ecs-rollout disagree",
        files.len(),
        found.len()
    );
    common::cfn_lint::fail_on(found, files.len());
}
