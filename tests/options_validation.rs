//! `Options::validate`, the one rule every entrance uses: a table of option objects (as JS or a
//! policy file would give them) and the field each one is refused for, and what `analyze` does
//! with options it refuses.

use ecs_rollout::options::deserialize_named;
use ecs_rollout::{analyze, Code, Options};

/// Options as JSON, and the field named when they are refused (`None`: accepted).
const CASES: &[(&str, Option<&str>)] = &[
    ("{}", None),
    (
        r#"{"assumptions": {"hookMinutes": 5, "maximumPercent": 5000}}"#,
        None,
    ),
    (
        r#"{"assumptions": {"hookMinutes": -1}}"#,
        Some("assumptions.hookMinutes"),
    ),
    (
        r#"{"assumptions": {"drainMinutes": "5"}}"#,
        Some("assumptions.drainMinutes"),
    ),
    (
        r#"{"assumptions": {"hookMinuts": 5}}"#,
        Some("assumptions.hookMinuts"),
    ),
    (r#"{"failAtMinute": -0.5}"#, Some("failAtMinute")),
    (r#"{"rules": {"no-bake-time": "off"}}"#, None),
    (
        r#"{"rules": {"no-such-code": "off"}}"#,
        Some("rules.no-such-code"),
    ),
    (
        r#"{"rules": {"no-bake-time": "loud"}}"#,
        Some("rules.no-bake-time"),
    ),
    (r#"{"format": "yaml"}"#, Some("format")),
    (
        r#"{"policy": {"maxFirstExposurePercent": 150}}"#,
        Some("policy.maxFirstExposurePercent"),
    ),
    (
        r#"{"policy": {"allowedStrategies": []}}"#,
        Some("policy.allowedStrategies"),
    ),
    (
        r#"{"policy": {"allowedStrategies": ["CANARY", "ROLLOUT"]}}"#,
        Some("policy.allowedStrategies[1]"),
    ),
    (
        r#"{"policy": {"environments": {"prod": {"minBakeMinutes": 5000}}}}"#,
        Some("policy.environments.prod.minBakeMinutes"),
    ),
    (
        r#"{"policy": {"requiredLifecycleStages": ["SCALE_UP"]}}"#,
        Some("policy.requiredLifecycleStages[0]"),
    ),
];

fn validate(json: &str) -> Result<Options, String> {
    let value = serde_json::from_str(json).expect("the case is JSON");
    let options: Options = deserialize_named(value).map_err(|error| error.field)?;
    options.validate().map_err(|error| error.field)?;
    Ok(options)
}

#[test]
fn each_refusal_names_its_field() {
    let mut wrong = Vec::new();
    for (json, field) in CASES {
        let got = validate(json).err();
        if got.as_deref() != *field {
            wrong.push(format!("{json}: expected {field:?}, got {got:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn analyze_refuses_invalid_options_whole() {
    let source = include_str!("fixtures/examples/production.tfvars");
    let mut options = Options {
        policy: Some(ecs_rollout::Policy {
            allowed_strategies: Some(vec![ecs_rollout::StrategyName::Rolling]),
            max_first_exposure_percent: Some(500.0),
            ..Default::default()
        }),
        ..Options::default()
    };
    let analysis = analyze(source, &options);
    let codes: Vec<Code> = analysis.diagnostics.iter().map(|d| d.code).collect();
    // Not half-applied: no `policy-violation` for the valid `allowedStrategies` either.
    assert_eq!(codes, [Code::InvalidOptions]);
    assert!(analysis.diagnostics[0]
        .message
        .contains("policy.maxFirstExposurePercent"));
    assert!(analysis.timeline.is_none());

    options.policy = None;
    options.assumptions.hook_minutes = Some(f64::NAN);
    let analysis = analyze(source, &options);
    assert_eq!(analysis.diagnostics.len(), 1);
    assert_eq!(analysis.diagnostics[0].code, Code::InvalidOptions);
}
