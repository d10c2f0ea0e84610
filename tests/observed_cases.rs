//! Contract section 10: every ECS deployment record of `tests/fixtures/deployment-record/` is
//! read by `observed`, and one snapshot per fixture holds what a user sees (the text form: each
//! deployment beside its plan, stretch by stretch, its events and the calibrated assumptions)
//! and the JSON the package returns (the plan itself reduced to its phases and figures).

use ecs_rollout::observed::observed;
use ecs_rollout::report::observed_report;
use ecs_rollout::{render, Options};

fn snapshot(name: &str, source: &str) -> String {
    let result = observed(source, &Options::default());
    let text = render::observed::human(&[(name, source)], &result, false);
    let mut json = serde_json::to_value(observed_report(&[source], result)).expect("serialises");
    for deployment in json["deployments"].as_array_mut().into_iter().flatten() {
        let plan = &mut deployment["plan"];
        if let Some(plan) = plan.as_object_mut() {
            plan.retain(|key, _| {
                [
                    "strategy",
                    "totalMinutes",
                    "desiredCount",
                    "trafficSteps",
                    "phases",
                    "assumptions",
                ]
                .contains(&key.as_str())
            });
        }
    }
    format!(
        "{text}\n--- JSON (plan reduced to its phases) ---\n{}\n",
        serde_json::to_string_pretty(&json).expect("serialises")
    )
}

#[test]
fn records_match_their_snapshots() {
    let mut seen = 0;
    insta::with_settings!({ snapshot_path => "snapshots/observed", prepend_module_to_snapshot => false }, {
        insta::glob!("fixtures/deployment-record/*.json", |path| {
            let name = format!(
                "deployment-record/{}",
                path.file_name().expect("a file").to_string_lossy()
            );
            let source = std::fs::read_to_string(path).expect("fixture is UTF-8");
            seen += 1;
            insta::with_settings!({ description => name.clone() }, {
                insta::assert_snapshot!(snapshot(&name, &source));
            });
        });
    });
    assert!(seen >= 5, "only {seen} records");
}

/// The markdown form writes record text only inside code spans, so a hostile event message or
/// status cannot become markup in a pull request or a job summary.
#[test]
fn markdown_keeps_record_text_in_code_spans() {
    let source = r#"{"serviceDeployments": [{"serviceDeploymentArn": "arn:x/<img src=x>|`y`",
        "status": "<script>**x**</script>", "statusReason": "a\nb",
        "startedAt": "2025-01-01T00:00:00Z", "stoppedAt": "2025-01-01T00:01:00Z",
        "rollback": {"reason": "| [link](http://e) |"}}]}"#;
    let report = observed_report(&[source], observed(source, &Options::default()));
    let markdown = render::observed::markdown(&report, &[]);
    for line in markdown.lines() {
        for hostile in ["<img", "<script>", "[link]"] {
            if let Some(at) = line.find(hostile) {
                let ticks = line[..at].matches('`').count();
                assert!(ticks % 2 == 1, "{hostile} outside a code span: {line}");
            }
        }
    }
}

/// Any text is an answer, never a panic: the record reader takes whatever JSON it is given.
#[test]
fn odd_records_never_panic() {
    for source in [
        "",
        "{",
        "{\"serviceDeployments\": 5}",
        "{\"serviceDeployments\": [1, null, {}], \"services\": [{\"events\": [{}, 3]}]}",
        "{\"serviceDeployments\": [{\"startedAt\": 1e300, \"finishedAt\": -1, \"status\": 7}]}",
        "{\"serviceDeployments\": [{\"startedAt\": \"2025-01-01T00:00:00Z\", \"finishedAt\": \"2024-01-01T00:00:00Z\", \"status\": \"SUCCESSFUL\", \"deploymentConfiguration\": {\"strategy\": \"CANARY\", \"canaryConfiguration\": {\"canaryPercent\": 500}}}]}",
    ] {
        let result = observed(source, &Options::default());
        let _ = render::observed::human(&[("x", source)], &result, false);
        let report = observed_report(&[source], result);
        let _ = render::observed::markdown(&report, &[]);
    }
}
