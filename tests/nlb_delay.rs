//! Facts section 10, through the whole pipeline: behind the Portkey module's Network Load
//! Balancer (its `lb_type` default), ECS adds `nlbShiftDelayMinutes` to `TEST_TRAFFIC_SHIFT` and
//! to each `PRODUCTION_TRAFFIC_SHIFT`. One row per strategy: the same file behind an Application
//! Load Balancer and behind the default one, with the delay at 10 and at 0.

use ecs_rollout::options::AssumptionOverrides;
use ecs_rollout::timeline::Timeline;
use ecs_rollout::{analyze, Options};

/// (name, the `gateway_deployment_configuration` value, traffic-shift stage runs)
const ROWS: &[(&str, &str, u32)] = &[
    // One test shift and five production shifts of 20%.
    (
        "linear 5 × 20%",
        "{ enable_blue_green = false, linear_configuration = { step_percent = 20, step_bake_time_in_minutes = 5 } }",
        6,
    ),
    // One test shift, the canary's shift and the shift to 100%.
    (
        "canary 10%",
        "{ enable_blue_green = false, canary_configuration = { canary_percent = 10, canary_bake_time_in_minutes = 15 } }",
        3,
    ),
    // One test shift and one production shift.
    ("blue/green", "{ enable_blue_green = true }", 2),
    // Three steps of 33.3% and the last to 100%.
    (
        "linear 33.3%",
        "{ enable_blue_green = false, linear_configuration = { step_percent = 33.3, step_bake_time_in_minutes = 2 } }",
        5,
    ),
];

fn timeline(configuration: &str, lb_type: Option<&str>, delay: Option<f64>) -> Timeline {
    let lb_type = lb_type.map_or(String::new(), |kind| format!("lb_type = \"{kind}\"\n"));
    let source =
        format!("create_lb = true\n{lb_type}gateway_deployment_configuration = {configuration}\n");
    let options = Options {
        assumptions: AssumptionOverrides {
            nlb_shift_delay_minutes: delay,
            ..AssumptionOverrides::default()
        },
        ..Options::default()
    };
    analyze(&source, &options)
        .timeline
        .unwrap_or_else(|| panic!("a timeline for {source}"))
}

#[test]
fn the_default_network_load_balancer_adds_ten_minutes_to_each_traffic_shift() {
    for &(name, configuration, runs) in ROWS {
        let application = timeline(configuration, Some("application"), None);
        let default_network = timeline(configuration, None, None);
        let written_network = timeline(configuration, Some("network"), None);
        assert_eq!(
            default_network.total_minutes - application.total_minutes,
            f64::from(runs * 10),
            "{name}: {runs} runs of 10 minutes"
        );
        assert_eq!(
            written_network.total_minutes, default_network.total_minutes,
            "{name}: `network` written or left to the module's default"
        );
        let delayed: Vec<&str> = default_network
            .stages
            .iter()
            .filter(|stage| stage.delay_minutes == Some(10.0))
            .map(|stage| stage.stage)
            .collect();
        assert_eq!(delayed.len() as u32, runs, "{name}: {delayed:?}");
        assert_eq!(delayed[0], "TEST_TRAFFIC_SHIFT", "{name}");
        assert!(
            delayed[1..]
                .iter()
                .all(|stage| *stage == "PRODUCTION_TRAFFIC_SHIFT"),
            "{name}: {delayed:?}"
        );
        assert!(
            default_network
                .notes
                .iter()
                .any(|note| note.contains("PRE_SCALE_UP")),
            "{name}: the notes name the PRE_SCALE_UP disagreement"
        );
    }
}

#[test]
fn a_delay_of_zero_draws_the_network_load_balancer_like_an_application_one() {
    for &(name, configuration, _) in ROWS {
        let application = timeline(configuration, Some("application"), Some(0.0));
        let network = timeline(configuration, None, Some(0.0));
        assert_eq!(network.total_minutes, application.total_minutes, "{name}");
        assert_eq!(network.traffic_steps, application.traffic_steps, "{name}");
        assert!(
            network
                .stages
                .iter()
                .all(|stage| stage.delay_minutes.is_none()),
            "{name}"
        );
    }
}

#[test]
fn the_test_shift_delay_comes_before_production_sees_the_new_version() {
    for &(name, configuration, _) in ROWS {
        let application = timeline(configuration, Some("application"), None);
        let network = timeline(configuration, None, None);
        let first_exposure = |timeline: &Timeline| timeline.traffic_steps[1].minute;
        assert_eq!(
            first_exposure(&network) - first_exposure(&application),
            10.0,
            "{name}: production first moves after the test shift's delay"
        );
    }
}

#[test]
fn without_a_load_balancer_there_is_no_delay_and_no_error() {
    for &(name, configuration, _) in ROWS {
        let source =
            format!("create_lb = false\ngateway_deployment_configuration = {configuration}\n");
        let analysis = analyze(&source, &Options::default());
        assert!(
            analysis
                .diagnostics
                .iter()
                .all(|d| d.severity != ecs_rollout::Severity::Error),
            "{name}: {:?}",
            analysis.diagnostics
        );
        let timeline = analysis.timeline.expect("a timeline");
        assert!(timeline
            .stages
            .iter()
            .all(|stage| stage.delay_minutes.is_none()));
        assert!(
            timeline
                .notes
                .iter()
                .any(|note| note.contains("x-amzn-ecs-blue-green-test")),
            "{name}: Service Connect's test header is named"
        );
    }
}
