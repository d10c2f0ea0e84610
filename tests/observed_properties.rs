//! Contract section 10's calibration, as a law: a record synthesised from a plan (its deployment
//! configuration written as ECS records it, its events and end taken from the plan's timeline)
//! calibrates back to the assumptions that built the plan.

use ecs_rollout::config::Stage;
use ecs_rollout::options::AssumptionOverrides;
use ecs_rollout::{analyze, observed, Options};
use proptest::prelude::*;
use serde_json::json;

/// The stages a hook may be called at, as ECS names them, but RECONCILE_SERVICE, which a
/// deployment with one active revision never runs.
fn hookable() -> Vec<&'static str> {
    Stage::hookable()
        .filter(|stage| *stage != Stage::ReconcileService)
        .map(Stage::as_str)
        .collect()
}

/// The deployment configuration of a blue/green, canary or linear rollout.
fn configuration() -> impl Strategy<Value = serde_json::Value> {
    let hooks = proptest::sample::subsequence(hookable(), 0..=7);
    let strategy = prop_oneof![
        Just(json!({ "strategy": "BLUE_GREEN" })),
        (1u16..=999, 0u16..=60).prop_map(|(tenths, bake)| json!({
            "strategy": "CANARY",
            "canaryConfiguration": { "canaryPercent": f64::from(tenths) / 10.0, "canaryBakeTimeInMinutes": bake }
        })),
        (30u16..=1000, 0u16..=60).prop_map(|(tenths, bake)| json!({
            "strategy": "LINEAR",
            "linearConfiguration": { "stepPercent": f64::from(tenths) / 10.0, "stepBakeTimeInMinutes": bake }
        })),
    ];
    (strategy, hooks, 0u16..=30).prop_map(|(mut configuration, hooks, bake)| {
        configuration["bakeTimeInMinutes"] = json!(bake);
        configuration["deploymentCircuitBreaker"] = json!({ "enable": true, "rollback": true });
        if !hooks.is_empty() {
            configuration["lifecycleHooks"] = json!([{
                "hookTargetArn": "arn:aws:lambda:eu-west-1:111122223333:function:check",
                "lifecycleStages": hooks
            }]);
        }
        configuration
    })
}

/// Whole seconds as minutes, as the timeline takes them.
fn minutes(seconds: u32) -> f64 {
    f64::from(seconds) / 60.0
}

const START: f64 = 1_735_689_600.0;

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn a_record_made_from_a_plan_calibrates_back_to_its_assumptions(
        configuration in configuration(),
        count in 1u32..=12,
        scale_up in 0u32..=1800,
        hook in 0u32..=900,
        drain in 0u32..=600,
    ) {
        let deployment = json!({
            "serviceDeploymentArn": "arn:aws:ecs:eu-west-1:111122223333:service-deployment/c/s/P1",
            "serviceArn": "arn:aws:ecs:eu-west-1:111122223333:service/c/s",
            "status": "SUCCESSFUL",
            "startedAt": START,
            "targetServiceRevision": { "requestedTaskCount": count },
            "deploymentConfiguration": configuration,
        });
        let service = json!({
            "serviceArn": "arn:aws:ecs:eu-west-1:111122223333:service/c/s",
            "loadBalancers": [{ "targetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/s/1" }],
        });
        let assumptions = AssumptionOverrides {
            scale_up_minutes: Some(minutes(scale_up)),
            hook_minutes: Some(minutes(hook)),
            drain_minutes: Some(minutes(drain)),
            ..AssumptionOverrides::default()
        };
        // The plan, as `analyze` draws the record's deployment under those assumptions.
        let plain = json!({ "serviceDeployments": [deployment], "services": [service] }).to_string();
        let options = Options { assumptions: assumptions.clone(), ..Options::default() };
        let plan = analyze(&plain, &options).timeline.expect("the configuration is valid");
        let stage = |name: &str| {
            plan.stages.iter().find(|stage| stage.stage == name).map(|stage| stage.minute).expect("stage in plan")
        };
        let at = |minute: f64| START + (minute * 60.0).round();
        let events = [
            (stage("SCALE_UP"), "(service s) has started 1 tasks: (task a)."),
            (stage("POST_SCALE_UP"), "(service s) registered 1 targets in (target-group t)"),
            (stage("CLEAN_UP"), "(service s) deregistered 1 targets in (target-group t)"),
            (plan.total_minutes, "(service s) has stopped 1 running tasks: (task b)."),
        ];
        let mut record = json!({ "serviceDeployments": [deployment], "services": [service] });
        record["serviceDeployments"][0]["finishedAt"] = json!(at(plan.total_minutes));
        record["services"][0]["events"] = events
            .iter()
            .rev()
            .map(|(minute, message)| json!({ "createdAt": at(*minute), "message": message }))
            .collect();

        let result = observed(&record.to_string(), &Options::default());
        let calibrated = result.calibrated_assumptions.expect("a finished deployment calibrates");
        let hooked = plan.stages.iter().any(|stage| stage.hooked);
        prop_assert_eq!(calibrated.scale_up_minutes, Some(minutes(scale_up)));
        prop_assert_eq!(calibrated.drain_minutes, Some(minutes(drain)));
        prop_assert_eq!(calibrated.hook_minutes, hooked.then(|| minutes(hook)));
        prop_assert_eq!(calibrated.nlb_shift_delay_minutes, None);
        // Under the calibrated assumptions the plan takes exactly what the record shows.
        let recalibrated = Options {
            assumptions: ecs_rollout::observed::calibrate::apply(&AssumptionOverrides::default(), &calibrated),
            ..Options::default()
        };
        let again = observed(&record.to_string(), &recalibrated);
        let deployment = &again.deployments[0];
        prop_assert_eq!(deployment.planned_minutes, deployment.observed_minutes);
    }
}
