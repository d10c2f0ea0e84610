//! Laws of the timeline engine, checked over generated valid deployments and assumptions
//! (including non-finite and out-of-range overrides, which must be cleaned up, never panic).

use ecs_rollout::config::{
    BakeMinutes, CircuitBreaker, Deployment, Listener, Listeners, LoadBalancer, Protocol, Stage,
    Strategy as RolloutStrategy, Tenths, Traffic,
};
use ecs_rollout::options::{AssumptionOverrides, LoadBalancerType};
use ecs_rollout::timeline::{self, Assumptions, PhaseName, Timeline};
use proptest::prelude::*;

fn strategy() -> impl Strategy<Value = RolloutStrategy> {
    prop_oneof![
        Just(RolloutStrategy::Rolling),
        Just(RolloutStrategy::BlueGreen),
        (1u16..=1000, 0u16..=1440).prop_map(|(percent, bake)| RolloutStrategy::Canary {
            percent: Tenths::new(percent).unwrap(),
            bake: BakeMinutes::new(bake).unwrap(),
        }),
        (30u16..=1000, 0u16..=1440).prop_map(|(step, bake)| RolloutStrategy::Linear {
            step: Tenths::new(step).unwrap(),
            bake: BakeMinutes::new(bake).unwrap(),
        }),
    ]
}

fn deployment() -> impl Strategy<Value = Deployment> {
    (
        strategy(),
        prop_oneof![0u32..=30, 0u32..=5000],
        any::<(bool, bool)>(),
        proptest::sample::subsequence(Stage::hookable().collect::<Vec<_>>(), 0..=8),
        any::<bool>(),
        prop_oneof![
            Just(None),
            Just(Some(LoadBalancerType::Application)),
            Just(Some(LoadBalancerType::Network)),
        ],
        any::<bool>(),
    )
        .prop_map(
            |(strategy, desired_count, breaker, hooks, lb, kind, service_connect)| {
                let advanced = strategy != RolloutStrategy::Rolling;
                let listener = |port| Listener {
                    port: Some(port),
                    protocol: Some(Protocol::Http),
                };
                Deployment {
                    strategy,
                    desired_count,
                    circuit_breaker: CircuitBreaker {
                        enable: breaker.0,
                        rollback: breaker.1,
                    },
                    hooked_stages: hooks,
                    listeners: lb.then(|| Listeners {
                        production: listener(80),
                        test: advanced.then(|| listener(8080)),
                    }),
                    traffic: Traffic {
                        load_balancer: lb.then(|| LoadBalancer {
                            kind,
                            kind_from: "generated".to_owned(),
                        }),
                        service_connect,
                        ..Traffic::default()
                    },
                    autoscaling: None,
                }
            },
        )
}

/// An override: absent, an ordinary value, or something that must be cleaned up.
fn override_value(ordinary: std::ops::Range<f64>) -> impl Strategy<Value = Option<f64>> {
    prop_oneof![
        3 => Just(None),
        6 => ordinary.prop_map(Some),
        1 => prop_oneof![
            Just(f64::NAN),
            Just(f64::INFINITY),
            Just(f64::NEG_INFINITY),
            Just(-5.0),
            Just(1e12),
        ]
        .prop_map(Some),
    ]
}

fn overrides() -> impl Strategy<Value = AssumptionOverrides> {
    (
        override_value(0.0..30.0),
        override_value(0.0..30.0),
        override_value(0.0..10.0),
        override_value(0.0..60.0),
        override_value(0.0..100.0),
        override_value(100.0..300.0),
        override_value(0.0..30.0),
        prop_oneof![
            Just(None),
            Just(Some(LoadBalancerType::Application)),
            Just(Some(LoadBalancerType::Network)),
        ],
    )
        .prop_map(
            |(scale_up, hook, drain, bake, minimum, maximum, nlb_delay, kind)| {
                AssumptionOverrides {
                    scale_up_minutes: scale_up,
                    hook_minutes: hook,
                    drain_minutes: drain,
                    bake_time_minutes: bake,
                    minimum_healthy_percent: minimum,
                    maximum_percent: maximum,
                    desired_count: None,
                    nlb_shift_delay_minutes: nlb_delay,
                    load_balancer_type: kind,
                }
            },
        )
}

fn is_whole_tenth(percent: f64) -> bool {
    (0.0..=100.0).contains(&percent) && ((percent * 10.0).round() - percent * 10.0).abs() < 1e-9
}

/// Laws every timeline keeps, with or without a rollback.
fn check_laws(deployment: &Deployment, assumptions: &Assumptions, timeline: &Timeline) {
    // Phases are contiguous from 0 to the total.
    let mut at = 0.0;
    for phase in &timeline.phases {
        assert_eq!(
            phase.start_minute, at,
            "phases must be contiguous: {phase:?}"
        );
        assert!(phase.end_minute >= phase.start_minute, "{phase:?}");
        assert!(is_whole_tenth(phase.green_percent), "{phase:?}");
        at = phase.end_minute;
    }
    assert_eq!(at, timeline.total_minutes, "phases must end at the total");
    assert!(
        timeline.phases.len() <= 50,
        "{} phases",
        timeline.phases.len()
    );

    // Traffic starts at 0%, moves in time order, in whole tenths.
    let steps = &timeline.traffic_steps;
    assert_eq!((steps[0].minute, steps[0].green_percent), (0.0, 0.0));
    for pair in steps.windows(2) {
        assert!(pair[1].minute >= pair[0].minute, "{pair:?}");
        assert_ne!(
            pair[1].green_percent, pair[0].green_percent,
            "one point per change"
        );
    }
    assert!(steps.iter().all(|step| is_whole_tenth(step.green_percent)));
    assert!(steps
        .iter()
        .all(|step| step.minute <= timeline.total_minutes));

    // Never decreasing before a rollback; ends at 100% (or 0% after one).
    let turn = steps
        .windows(2)
        .position(|pair| pair[1].green_percent < pair[0].green_percent);
    match &timeline.rollback {
        None => {
            assert_eq!(
                turn, None,
                "traffic decreased without a rollback: {steps:?}"
            );
            assert_eq!(steps.last().unwrap().green_percent, 100.0);
        }
        Some(rollback) => match rollback.restored_minute {
            Some(restored) => {
                assert_eq!(steps.last().unwrap().green_percent, 0.0);
                if let Some(turn) = turn {
                    assert!(steps[turn + 1..]
                        .windows(2)
                        .all(|pair| pair[1].green_percent < pair[0].green_percent));
                    assert_eq!(steps[turn].green_percent, rollback.green_percent_at_failure);
                    assert!(steps[turn].minute <= rollback.at_minute);
                }
                assert!(rollback.at_minute <= restored);
                assert!(restored <= timeline.total_minutes);
                assert!(is_whole_tenth(rollback.green_percent_at_failure));
                assert!(timeline
                    .phases
                    .iter()
                    .any(|phase| phase.name == PhaseName::Rollback));
            }
            // Stopped in place (breaker with rollback = false): the rollout ends at the failure
            // with the share it had, and nothing rolls back.
            None => {
                assert_eq!(
                    turn, None,
                    "traffic decreased without a rollback: {steps:?}"
                );
                assert_eq!(
                    steps.last().unwrap().green_percent,
                    rollback.green_percent_at_failure
                );
                assert_eq!(timeline.total_minutes, rollback.at_minute);
                assert!(timeline
                    .phases
                    .iter()
                    .all(|phase| phase.name != PhaseName::Rollback));
            }
        },
    }

    // Stages come in time order, once each except the production shift pair.
    let minutes: Vec<f64> = timeline.stages.iter().map(|stage| stage.minute).collect();
    assert!(
        minutes.windows(2).all(|pair| pair[1] >= pair[0]),
        "{minutes:?}"
    );
    for stage in &timeline.stages {
        let hookable = Stage::from_name(stage.stage).is_some_and(Stage::is_hookable);
        assert!(!stage.hooked || hookable, "{stage:?}");
        assert_ne!(stage.stage, "RECONCILE_SERVICE");
    }

    // Peak tasks stay within what the strategy allows.
    let count = u64::from(deployment.desired_count);
    let limit = match deployment.strategy {
        RolloutStrategy::Rolling => {
            let maximum = count * assumptions.maximum_percent as u64 / 100;
            maximum.max(count + 1)
        }
        _ => 2 * count,
    };
    assert!(
        u64::from(timeline.peak_tasks) <= limit,
        "peak {} > {limit}",
        timeline.peak_tasks
    );
    let threshold = timeline.circuit_breaker_threshold;
    // Canary and linear show no threshold, as the breaker never triggers their rollback (the
    // sources disagree on its coverage, facts section 5, and the notes say so).
    let covered = matches!(
        deployment.strategy,
        RolloutStrategy::Rolling | RolloutStrategy::BlueGreen
    );
    assert_eq!(
        threshold.is_some(),
        deployment.circuit_breaker.enable && covered
    );
    assert!(threshold.is_none_or(|t| (3..=200).contains(&t)));
}

proptest! {
    #[test]
    fn forward_timelines_keep_the_laws(deployment in deployment(), overrides in overrides()) {
        let assumptions = Assumptions::resolve(&overrides);
        let timeline = timeline::build(&deployment, &assumptions, None);
        prop_assert!(timeline.rollback.is_none());
        check_laws(&deployment, &assumptions, &timeline);
        // The production shift stages repeat once per shift for traffic-shifting strategies.
        let shifts = match deployment.strategy {
            RolloutStrategy::Rolling => 0,
            RolloutStrategy::BlueGreen => 1,
            RolloutStrategy::Canary { .. } => 2,
            RolloutStrategy::Linear { step, .. } => 1000u16.div_ceil(step.get()) as usize,
        };
        for stage in ["PRE_PRODUCTION_TRAFFIC_SHIFT", "PRODUCTION_TRAFFIC_SHIFT"] {
            let count = timeline.stages.iter().filter(|event| event.stage == stage).count();
            prop_assert_eq!(count, shifts);
        }
    }

    #[test]
    fn failures_roll_back_and_keep_the_laws(
        deployment in deployment(),
        overrides in overrides(),
        fraction in -0.2f64..1.2,
    ) {
        let assumptions = Assumptions::resolve(&overrides);
        let forward = timeline::build(&deployment, &assumptions, None);
        let fail_at = forward.total_minutes * fraction + fraction.min(0.0);
        let timeline = timeline::build(&deployment, &assumptions, Some(fail_at));
        let inside = fail_at >= 0.0 && (fail_at * 60.0).floor() < forward.total_minutes * 60.0;
        prop_assert_eq!(timeline.rollback.is_some(), inside, "fail at {}", fail_at);
        check_laws(&deployment, &assumptions, &timeline);
    }

    #[test]
    fn failures_at_scheduled_minutes_keep_the_laws(
        deployment in deployment(),
        overrides in overrides(),
        pick in any::<proptest::sample::Index>(),
    ) {
        let assumptions = Assumptions::resolve(&overrides);
        let forward = timeline::build(&deployment, &assumptions, None);
        let mut minutes: Vec<f64> = forward.phases.iter().map(|phase| phase.start_minute).collect();
        minutes.extend(forward.stages.iter().map(|stage| stage.minute));
        minutes.extend(forward.traffic_steps.iter().map(|step| step.minute));
        minutes.push(forward.total_minutes);
        let fail_at = minutes[pick.index(minutes.len())];
        let timeline = timeline::build(&deployment, &assumptions, Some(fail_at));
        prop_assert_eq!(timeline.rollback.is_some(), fail_at < forward.total_minutes);
        check_laws(&deployment, &assumptions, &timeline);
    }

    #[test]
    fn bakes_alone_separate_canary_and_linear_shifts(
        deployment in deployment(),
        bake_time in 0.0f64..5.0,
        drain in 0.0f64..5.0,
    ) {
        let bake = match deployment.strategy {
            RolloutStrategy::Canary { bake, .. } | RolloutStrategy::Linear { bake, .. } => bake.get(),
            _ => return Ok(()),
        };
        let assumptions = Assumptions::resolve(&AssumptionOverrides {
            scale_up_minutes: Some(0.0),
            hook_minutes: Some(0.0),
            drain_minutes: Some(drain),
            bake_time_minutes: Some(bake_time),
            nlb_shift_delay_minutes: Some(0.0),
            ..AssumptionOverrides::default()
        });
        let timeline = timeline::build(&deployment, &assumptions, None);
        for pair in timeline.traffic_steps[1..].windows(2) {
            prop_assert_eq!(pair[1].minute - pair[0].minute, f64::from(bake));
        }
    }

    /// Behind a Network Load Balancer every `TEST_TRAFFIC_SHIFT` and `PRODUCTION_TRAFFIC_SHIFT`
    /// run lasts the delay longer (facts section 10): the rollout grows by the delay times the
    /// number of those runs, each gap between two production shifts by one delay, and nothing
    /// changes behind an Application Load Balancer or with a delay of 0.
    #[test]
    fn a_network_load_balancer_delays_each_traffic_shift(
        deployment in deployment(),
        overrides in overrides(),
        delay_minutes in 0u32..=30,
    ) {
        let with_kind = |kind| {
            let mut variant = deployment.clone();
            variant.traffic.load_balancer = Some(LoadBalancer {
                kind: Some(kind),
                kind_from: "generated".to_owned(),
            });
            variant
        };
        let assumptions = Assumptions::resolve(&AssumptionOverrides {
            nlb_shift_delay_minutes: Some(f64::from(delay_minutes)),
            ..overrides
        });
        let application = timeline::build(&with_kind(LoadBalancerType::Application), &assumptions, None);
        let network = timeline::build(&with_kind(LoadBalancerType::Network), &assumptions, None);
        let runs = network
            .stages
            .iter()
            .filter(|stage| matches!(stage.stage, "TEST_TRAFFIC_SHIFT" | "PRODUCTION_TRAFFIC_SHIFT"))
            .count();
        let delayed = network.stages.iter().filter(|stage| stage.delay_minutes.is_some()).count();
        prop_assert_eq!(delayed, if delay_minutes == 0 { 0 } else { runs });
        prop_assert!(application.stages.iter().all(|stage| stage.delay_minutes.is_none()));
        let grown = network.total_minutes - application.total_minutes;
        prop_assert!((grown - f64::from(delay_minutes) * runs as f64).abs() < 1e-9);
        let gaps = |timeline: &Timeline| -> Vec<f64> {
            timeline.traffic_steps[1..].windows(2).map(|pair| pair[1].minute - pair[0].minute).collect()
        };
        if deployment.strategy == RolloutStrategy::Rolling {
            return Ok(());
        }
        for (slow, fast) in gaps(&network).iter().zip(gaps(&application)) {
            prop_assert!((slow - fast - f64::from(delay_minutes)).abs() < 1e-9);
        }
    }
}
