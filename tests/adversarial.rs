//! Hostile inputs, each with the outcome a user should see. None may panic, hang or produce an
//! out-of-range span.

use ecs_rollout::{analyze, Analysis, Code, Format, Options};

fn analyze_with(source: &str, format: Option<Format>) -> Analysis {
    let options = Options {
        format,
        ..Options::default()
    };
    let analysis = analyze(source, &options);
    for diagnostic in &analysis.diagnostics {
        let spans = diagnostic.span.iter().chain(
            diagnostic
                .fixes
                .iter()
                .flat_map(|fix| fix.edits.iter().map(|edit| &edit.span)),
        );
        for span in spans {
            assert!(
                span.start <= span.end && span.end <= source.len(),
                "span {span:?} out of bounds"
            );
            assert!(source.is_char_boundary(span.start) && source.is_char_boundary(span.end));
        }
    }
    analysis
}

fn codes(analysis: &Analysis) -> Vec<&'static str> {
    analysis
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect()
}

fn has(analysis: &Analysis, code: Code) -> bool {
    analysis.diagnostics.iter().any(|d| d.code == code)
}

#[test]
fn nesting_a_hundred_thousand_deep_is_a_syntax_error() {
    let depth = 100_000;
    let hcl = format!("x = {}{}\n", "[".repeat(depth), "]".repeat(depth));
    let analysis = analyze_with(&hcl, None);
    assert_eq!(codes(&analysis), ["syntax-error"]);

    let objects = format!("x = {}1{}\n", "{a = ".repeat(depth), "}".repeat(depth));
    assert!(has(&analyze_with(&objects, None), Code::SyntaxError));

    let parens = format!("x = {}1{}\n", "(".repeat(depth), ")".repeat(depth));
    assert!(has(&analyze_with(&parens, None), Code::SyntaxError));

    let json = format!("{{\"x\": {}{}}}", "[".repeat(depth), "]".repeat(depth));
    assert!(has(&analyze_with(&json, None), Code::SyntaxError));

    let operators = format!("x = 1{}\n", " + 1".repeat(depth));
    let analysis = analyze_with(&operators, None);
    assert!(has(&analysis, Code::SyntaxError), "{:?}", codes(&analysis));
}

#[test]
fn moderate_nesting_is_read() {
    let hcl = format!("project_name = {}\"x\"{}\n", "[".repeat(30), "]".repeat(30));
    let analysis = analyze_with(&hcl, None);
    assert!(has(&analysis, Code::TypeMismatch), "{:?}", codes(&analysis));
}

#[test]
fn inputs_at_and_over_the_size_limit() {
    let limit = ecs_rollout::MAX_INPUT_BYTES;
    let padding = "# padding line to reach the size limit of the analyzer.........\n";
    let mut at_limit = String::from("create_lb = true\n");
    while at_limit.len() + padding.len() <= limit {
        at_limit.push_str(padding);
    }
    at_limit.push_str(&"#".repeat(limit - at_limit.len()));
    assert_eq!(at_limit.len(), limit);
    let analysis = analyze_with(&at_limit, None);
    assert!(!has(&analysis, Code::InputTooLarge));
    assert!(analysis.timeline.is_some());

    let over = format!("{at_limit}#");
    assert_eq!(codes(&analyze_with(&over, None)), ["input-too-large"]);
}

#[test]
fn awkward_numbers() {
    // Terraform's numbers have arbitrary precision, so 1e400 is a valid (huge) number: it
    // saturates to the largest f64 and only a range check can object to it.
    let analysis = analyze_with("num_az = 1e400\n", None);
    assert!(!has(&analysis, Code::SyntaxError) && !has(&analysis, Code::TypeMismatch));
    let analysis = analyze_with("gateway_config = { desired_task_count = -0, cpu = 0.1e1, memory = 1, gateway_port = 1, mcp_port = 2 }\n", None);
    assert_eq!(analysis.timeline.map(|t| t.desired_count), Some(0));
    for text in [
        "\"NaN\"",
        "\"Infinity\"",
        "\"-inf\"",
        "\"1e999\"",
        "\"0x10\"",
    ] {
        let analysis = analyze_with(&format!("num_az = {text}\n"), None);
        assert!(
            has(&analysis, Code::TypeMismatch),
            "{text}: {:?}",
            codes(&analysis)
        );
    }
    let long_digits = format!("num_az = {}\n", "9".repeat(5000));
    let analysis = analyze_with(&long_digits, None);
    // A 5000-digit number is still a number (saturated to the largest f64): `num_az` has no
    // range rule, so only the three required variables are missing and the timeline is built.
    assert!(
        codes(&analysis)
            .iter()
            .all(|code| *code == "missing-required-variable"),
        "{:?}",
        codes(&analysis)
    );
    assert!(analysis.timeline.is_some());
    // As a string, 20 digits convert; 5000 digits overflow a double and, like "1e999", are
    // reported as a string that does not convert (only literals saturate).
    let analysis = analyze_with(&format!("num_az = \"{}\"\n", "9".repeat(20)), None);
    assert!(
        !has(&analysis, Code::TypeMismatch),
        "{:?}",
        codes(&analysis)
    );
    let analysis = analyze_with(&format!("num_az = \"{}\"\n", "9".repeat(5000)), None);
    assert!(has(&analysis, Code::TypeMismatch), "{:?}", codes(&analysis));
    let canary = "create_lb = true\ngateway_deployment_configuration = { enable_blue_green = false, canary_configuration = { canary_percent = 1e400, canary_bake_time_in_minutes = 1 } }\n";
    let analysis = analyze_with(canary, None);
    assert!(analysis.timeline.is_none());
    assert!(
        has(&analysis, Code::CanaryPercentOutOfRange),
        "{:?}",
        codes(&analysis)
    );
    let json = "{\"gateway_deployment_configuration\": {\"enable_blue_green\": false, \"canary_configuration\": {\"canary_percent\": 1e400, \"canary_bake_time_in_minutes\": 1}}, \"create_lb\": true}";
    let analysis = analyze_with(json, None);
    assert!(
        has(&analysis, Code::CanaryPercentOutOfRange),
        "{:?}",
        codes(&analysis)
    );
}

#[test]
fn line_endings_bom_and_control_characters() {
    let bom = "\u{feff}create_lb = true\n";
    assert!(!has(&analyze_with(bom, None), Code::SyntaxError));
    let bom_json = "\u{feff}{\"create_lb\": true}";
    assert!(!has(&analyze_with(bom_json, None), Code::SyntaxError));

    // A lone CR ends a line, as CRLF and LF do: every statement is read and positions count
    // the lines it separates. `lb_type = 5` converts to "5" and fails the module's validation.
    for newline in ["\n", "\r\n", "\r"] {
        let source = [
            "create_lb = true",
            "lb_type = 5",
            "",
            "  gateway_config = \"x\"",
            "",
        ]
        .join(newline);
        let analysis = analyze_with(&source, None);
        let report = ecs_rollout::report::report(&source, &analysis);
        let located: Vec<(&str, usize, usize)> = report
            .diagnostics
            .iter()
            .filter_map(|d| {
                d.range
                    .map(|range| (d.code, range.start.line, range.start.column))
            })
            .collect();
        assert_eq!(
            located,
            [
                ("module-validation-failed", 2, 11),
                ("type-mismatch", 4, 20)
            ],
            "{newline:?}"
        );
    }

    for control in ['\0', '\u{1}', '\u{7f}', '\u{1b}'] {
        let source = format!("create_lb = true\nproject_name = \"a{control}b\"\n{control}\n");
        let analysis = analyze_with(&source, None);
        assert!(
            has(&analysis, Code::SyntaxError),
            "{control:?}: {:?}",
            codes(&analysis)
        );
    }
}

#[test]
fn broken_strings_and_heredocs() {
    for source in [
        "project_name = \"unterminated\n",
        "project_name = \"bad escape \\q\"\n",
        "project_name = \"bad unicode \\uZZZZ\"\n",
        "project_name = <<EOT\nno end\n",
        "project_name = <<-EOT\n  still no end",
        "{\"project_name\": \"unterminated}",
        "{\"project_name\": \"\\x41\"}",
        "{\"project_name\": \"\\ud800\"}",
    ] {
        let analysis = analyze_with(source, None);
        let lone_surrogate_escape = source.contains("\\ud800");
        assert_eq!(
            has(&analysis, Code::SyntaxError),
            !lone_surrogate_escape,
            "{source:?}: {:?}",
            codes(&analysis)
        );
    }
}

#[test]
fn ten_thousand_lifecycle_stages() {
    let stages = vec!["\"POST_SCALE_UP\""; 10_000].join(", ");
    let source = format!(
        "create_lb = true\ngateway_deployment_configuration = {{ enable_blue_green = true }}\ngateway_lifecycle_hook = {{\n  enable_lifecycle_hook = true\n  lifecycle_hook_stages = [{stages}]\n}}\n"
    );
    let analysis = analyze_with(&source, None);
    let duplicates = analysis
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::DuplicateLifecycleStage)
        .count();
    assert_eq!(duplicates, 9_999);
    let timeline = analysis.timeline.expect("a valid blue/green timeline");
    assert_eq!(timeline.stages.iter().filter(|s| s.hooked).count(), 1);
}

#[test]
fn duplicate_keys_in_json() {
    let source =
        "{\"create_lb\": true, \"create_lb\": false, \"gateway_config\": {\"cpu\": 1, \"cpu\": 2}}";
    let analysis = analyze_with(source, None);
    assert!(has(&analysis, Code::DuplicateVariable));
    assert!(has(&analysis, Code::DuplicateAttribute));
}

#[test]
fn every_variable_set_to_every_wrong_type() {
    let wrong_values = ["\"text\"", "12", "true", "[1, 2]", "{ a = 1 }", "[[\"x\"]]"];
    for variable in ecs_rollout::schema::VARIABLES {
        for value in wrong_values {
            let source = format!("{} = {value}\n", variable.name);
            let analysis = analyze_with(&source, None);
            let accepted = analysis.diagnostics.iter().all(|d| {
                !matches!(
                    d.code,
                    Code::TypeMismatch | Code::MissingAttribute | Code::UnknownAttribute
                )
            });
            let convertible = match variable.ty {
                ecs_rollout::schema::Type::String => matches!(value, "\"text\"" | "12" | "true"),
                ecs_rollout::schema::Type::Number => value == "12",
                ecs_rollout::schema::Type::Bool => value == "true",
                ecs_rollout::schema::Type::List(item) => {
                    value == "[1, 2]" && *item == ecs_rollout::schema::Type::String
                }
                ecs_rollout::schema::Type::Map(_) => value == "{ a = 1 }",
                // An object never accepts `{ a = 1 }`: `a` is unknown and required ones are missing.
                ecs_rollout::schema::Type::Object(_) => false,
            };
            if convertible {
                assert!(accepted, "{source}: {:?}", codes(&analysis));
            } else {
                assert!(!accepted, "{source} was accepted");
            }
        }
    }
}

#[test]
fn huge_rolling_service_keeps_the_timeline_small() {
    let source = "gateway_config = { desired_task_count = 5000, cpu = 256, memory = 512, gateway_port = 1, mcp_port = 2 }\n";
    let options = Options {
        assumptions: ecs_rollout::options::AssumptionOverrides {
            minimum_healthy_percent: Some(99.0),
            maximum_percent: Some(100.0),
            ..Default::default()
        },
        ..Options::default()
    };
    let analysis = analyze(source, &options);
    let timeline = analysis.timeline.expect("a rolling timeline");
    assert!(
        timeline.phases.len() <= 100,
        "{} phases",
        timeline.phases.len()
    );
    assert!(
        timeline.traffic_steps.len() <= 200,
        "{} steps",
        timeline.traffic_steps.len()
    );
}

#[test]
fn a_wrongly_typed_create_lb_is_one_problem_not_two() {
    // Found by the fix round-trip fuzz target: `create_lb` was reported as "not set" and its fix
    // appended a second `create_lb`. The type mismatch alone is reported, and
    // `load-balancer-required` is retired (facts section 10).
    let source =
        "create_lb = \"yes\"\ngateway_deployment_configuration = { enable_blue_green = true }\n";
    let analysis = analyze_with(source, None);
    assert!(has(&analysis, Code::TypeMismatch));
    assert!(
        !has(&analysis, Code::LoadBalancerRequired),
        "{:?}",
        codes(&analysis)
    );
}

#[test]
fn failing_at_the_printed_end_minute_is_after_the_rollout() {
    // Found by the timeline property tests: 64.1 minutes times 60 is 3845.9999999999995 in
    // floating point, which used to become second 3845 and roll back in the last second.
    let source = "gateway_config = { desired_task_count = 5, cpu = 256, memory = 512, gateway_port = 1, mcp_port = 2 }\n";
    let mut options = Options {
        assumptions: ecs_rollout::options::AssumptionOverrides {
            scale_up_minutes: Some(15.685830991525314),
            drain_minutes: Some(1.3645652027723327),
            minimum_healthy_percent: Some(53.667328792304566),
            maximum_percent: Some(124.13398568618206),
            ..Default::default()
        },
        ..Options::default()
    };
    let end = analyze(source, &options)
        .timeline
        .expect("a timeline")
        .total_minutes;
    assert_eq!(end, 64.1);
    options.fail_at_minute = Some(end);
    assert!(analyze(source, &options)
        .timeline
        .expect("a timeline")
        .rollback
        .is_none());
    options.fail_at_minute = Some(end - 1.0 / 60.0);
    assert!(analyze(source, &options)
        .timeline
        .expect("a timeline")
        .rollback
        .is_some());
}

#[test]
fn text_forced_into_the_other_format_gets_no_fixes() {
    // Found by the fix round-trip fuzz target: JSON-looking text read as HCL (the caller's
    // choice) was offered JSON fixes, which landed in text the HCL reader skips.
    let json = "{\"gateway_deployment_configration\": {\"enable_blue_green\": true}}";
    let fixes = |format| {
        analyze_with(json, format)
            .diagnostics
            .iter()
            .map(|d| d.fixes.len())
            .sum::<usize>()
    };
    assert!(fixes(None) > 0 && fixes(Some(Format::Json)) > 0);
    assert_eq!(fixes(Some(Format::Hcl)), 0);
    let hcl = "gateway_deployment_configration = { enable_blue_green = true }\n";
    assert_eq!(
        analyze_with(hcl, Some(Format::Json))
            .diagnostics
            .iter()
            .map(|d| d.fixes.len())
            .sum::<usize>(),
        0
    );
}
