//! Snapshot tests of the timeline engine: one table row per deployment case, rendered as text.
//!
//! A new case is a new row in `CASES`; `INSTA_UPDATE=always cargo test --test timeline_snapshots`
//! writes its snapshot, which must then be read and checked by hand.

use ecs_rollout::config::{
    BakeMinutes, CircuitBreaker, Deployment, Listener, Listeners, LoadBalancer, Protocol, Stage,
    Strategy, Tenths, Traffic,
};
use ecs_rollout::options::{AssumptionOverrides, LoadBalancerType};
use ecs_rollout::timeline::{self, Assumptions};

/// One row of the table: a deployment, assumption overrides and an optional failure minute.
struct Case {
    name: &'static str,
    strategy: Strategy,
    desired_count: u32,
    breaker: (bool, bool),
    hooks: &'static [Stage],
    load_balancer: bool,
    /// The load balancer is a Network Load Balancer (an Application one otherwise).
    network: bool,
    service_connect: bool,
    overrides: Overrides,
    fail_at_minute: Option<f64>,
}

/// Assumption overrides as a compact tuple-like struct, `None` meaning the default.
#[derive(Clone, Copy, Default)]
struct Overrides {
    scale_up: Option<f64>,
    hook: Option<f64>,
    drain: Option<f64>,
    bake_time: Option<f64>,
    minimum_healthy: Option<f64>,
    maximum: Option<f64>,
    nlb_delay: Option<f64>,
}

const NONE: Overrides = Overrides {
    scale_up: None,
    hook: None,
    drain: None,
    bake_time: None,
    minimum_healthy: None,
    maximum: None,
    nlb_delay: None,
};

const fn rolling_limits(minimum_healthy: f64, maximum: f64) -> Overrides {
    Overrides {
        minimum_healthy: Some(minimum_healthy),
        maximum: Some(maximum),
        ..NONE
    }
}

const DOC_HOOKS: &[Stage] = &[Stage::TestTrafficShift, Stage::PreProductionTrafficShift];

fn canary(tenths: u16, bake: u16) -> Strategy {
    Strategy::Canary {
        percent: Tenths::new(tenths).unwrap(),
        bake: BakeMinutes::new(bake).unwrap(),
    }
}

fn linear(tenths: u16, bake: u16) -> Strategy {
    Strategy::Linear {
        step: Tenths::new(tenths).unwrap(),
        bake: BakeMinutes::new(bake).unwrap(),
    }
}

/// A row with the strategies document's defaults: one task, breaker with rollback, no hooks, a
/// TLS load balancer, default assumptions, no failure.
const fn case(name: &'static str, strategy: Strategy) -> Case {
    Case {
        name,
        strategy,
        desired_count: 1,
        breaker: (true, true),
        hooks: &[],
        load_balancer: true,
        network: false,
        service_connect: false,
        overrides: NONE,
        fail_at_minute: None,
    }
}

impl Case {
    const fn count(mut self, desired_count: u32) -> Case {
        self.desired_count = desired_count;
        self
    }
    const fn hooks(mut self, hooks: &'static [Stage]) -> Case {
        self.hooks = hooks;
        self
    }
    const fn breaker(mut self, enable: bool, rollback: bool) -> Case {
        self.breaker = (enable, rollback);
        self
    }
    const fn no_load_balancer(mut self) -> Case {
        self.load_balancer = false;
        self
    }
    const fn network(mut self) -> Case {
        self.network = true;
        self
    }
    const fn service_connect(mut self) -> Case {
        self.service_connect = true;
        self
    }
    const fn assume(mut self, overrides: Overrides) -> Case {
        self.overrides = overrides;
        self
    }
    const fn fail_at(mut self, minute: f64) -> Case {
        self.fail_at_minute = Some(minute);
        self
    }

    fn deployment(&self) -> Deployment {
        let advanced = !matches!(self.strategy, Strategy::Rolling);
        let protocol = if self.network {
            Protocol::Tls
        } else {
            Protocol::Https
        };
        let listener = |port| Listener {
            port: Some(port),
            protocol: Some(protocol),
        };
        let kind = if self.network {
            LoadBalancerType::Network
        } else {
            LoadBalancerType::Application
        };
        Deployment {
            strategy: self.strategy,
            desired_count: self.desired_count,
            circuit_breaker: CircuitBreaker {
                enable: self.breaker.0,
                rollback: self.breaker.1,
            },
            hooked_stages: self.hooks.to_vec(),
            listeners: self.load_balancer.then(|| Listeners {
                production: listener(443),
                test: advanced.then(|| listener(8443)),
            }),
            traffic: Traffic {
                load_balancer: self.load_balancer.then(|| LoadBalancer {
                    kind: Some(kind),
                    kind_from: format!("the case says `{}`", kind.as_str()),
                }),
                service_connect: self.service_connect,
                ..Traffic::default()
            },
            autoscaling: None,
        }
    }

    fn assumptions(&self) -> Assumptions {
        let o = self.overrides;
        Assumptions::resolve(&AssumptionOverrides {
            scale_up_minutes: o.scale_up,
            hook_minutes: o.hook,
            drain_minutes: o.drain,
            bake_time_minutes: o.bake_time,
            minimum_healthy_percent: o.minimum_healthy,
            maximum_percent: o.maximum,
            desired_count: None,
            nlb_shift_delay_minutes: o.nlb_delay,
            load_balancer_type: None,
        })
    }
}

fn cases() -> Vec<Case> {
    let blue_green = Strategy::BlueGreen;
    let rolling = Strategy::Rolling;
    vec![
        // The strategies document's four example configurations.
        case("doc_blue_green_hooks", blue_green).hooks(DOC_HOOKS),
        case("doc_canary_10_percent_5_min", canary(100, 5)),
        case("doc_linear_20_percent_5_min", linear(200, 5)),
        case("doc_rolling", rolling),
        // Linear and canary edges.
        case("linear_step_3_percent", linear(30, 1)),
        case("linear_step_33_3_percent", linear(333, 2)),
        case("linear_step_100_percent", linear(1000, 5)),
        case("linear_step_bake_0", linear(250, 0)),
        case("canary_0_1_percent", canary(1, 10)),
        case("canary_100_percent", canary(1000, 10)),
        case("canary_bake_0", canary(50, 0)),
        case("blue_green_bake_time_0", blue_green).assume(Overrides {
            bake_time: Some(0.0),
            ..NONE
        }),
        case("linear_no_load_balancer", linear(500, 3)).no_load_balancer(),
        // What carries the traffic (facts section 10).
        case("headless_blue_green", blue_green).no_load_balancer(),
        case("service_connect_canary", canary(100, 5))
            .no_load_balancer()
            .service_connect(),
        case("service_connect_and_alb_blue_green", blue_green).service_connect(),
        case("nlb_linear_20_percent", linear(200, 5)).network(),
        case("nlb_canary_hooks", canary(100, 5))
            .network()
            .hooks(DOC_HOOKS),
        case("nlb_blue_green_delay_0", blue_green)
            .network()
            .assume(Overrides {
                nlb_delay: Some(0.0),
                ..NONE
            }),
        case("fail_nlb_linear_in_a_shift", linear(200, 5))
            .network()
            .fail_at(30.0),
        // Desired counts.
        case("rolling_desired_0", rolling).count(0),
        case("blue_green_desired_0", blue_green).count(0),
        case("rolling_desired_400", rolling).count(400),
        case("canary_desired_400", canary(50, 10)).count(400),
        case("rolling_desired_5000_max_101", rolling)
            .count(5000)
            .assume(rolling_limits(100.0, 101.0)),
        // Rolling limits.
        case("rolling_min_50_max_100", rolling)
            .count(4)
            .assume(rolling_limits(50.0, 100.0)),
        case("rolling_min_100_max_150", rolling)
            .count(4)
            .assume(rolling_limits(100.0, 150.0)),
        case("rolling_min_0_max_100_outage", rolling)
            .count(4)
            .assume(rolling_limits(0.0, 100.0)),
        case("rolling_min_100_max_100_stuck", rolling)
            .count(3)
            .assume(rolling_limits(100.0, 100.0)),
        case("rolling_hooks_ignored", rolling).hooks(DOC_HOOKS),
        // Hooks on every hookable stage.
        case("linear_hooks_every_stage", linear(250, 4))
            .hooks(Stage::hookable().collect::<Vec<_>>().leak()),
        case("canary_hooks_every_stage_hook_2_min", canary(100, 5))
            .hooks(Stage::hookable().collect::<Vec<_>>().leak())
            .assume(Overrides {
                hook: Some(2.0),
                ..NONE
            }),
        // A failure in each phase.
        case("fail_blue_green_scale_up", blue_green).fail_at(1.0),
        case("fail_blue_green_test_traffic_hook", blue_green)
            .hooks(DOC_HOOKS)
            .fail_at(2.75),
        case("fail_blue_green_bake_time", blue_green).fail_at(3.0),
        case("fail_blue_green_clean_up", blue_green).fail_at(3.75),
        case("fail_blue_green_breaker_off", blue_green)
            .breaker(false, false)
            .fail_at(3.0),
        case("fail_canary_bake", canary(100, 5)).fail_at(4.0),
        case("fail_canary_production_shift_hook", canary(100, 5))
            .hooks(&[Stage::ProductionTrafficShift])
            .fail_at(8.0),
        case("fail_linear_step_bake_2", linear(200, 5))
            .hooks(DOC_HOOKS)
            .fail_at(10.0),
        case("fail_linear_pre_production_hook", linear(200, 5))
            .hooks(DOC_HOOKS)
            .fail_at(8.75),
        case("fail_linear_at_the_shift_minute", linear(200, 5)).fail_at(7.5),
        case("fail_linear_bake_time", linear(200, 5)).fail_at(23.0),
        case("fail_rolling_first_wave", rolling)
            .count(4)
            .fail_at(1.0),
        case("fail_rolling_second_wave", rolling)
            .count(4)
            .fail_at(3.0),
        case("fail_rolling_rollback_off", rolling)
            .count(4)
            .breaker(true, false)
            .fail_at(3.0),
        case("fail_rolling_min_50_max_100", rolling)
            .count(4)
            .assume(rolling_limits(50.0, 100.0))
            .fail_at(5.0),
        case("fail_rolling_5000_max_101", rolling)
            .count(5000)
            .assume(rolling_limits(100.0, 101.0))
            .fail_at(200.0),
        case("fail_at_minute_0", linear(200, 5)).fail_at(0.0),
        case("fail_at_the_end_gives_no_rollback", blue_green).fail_at(4.5),
        case("fail_negative_gives_no_rollback", blue_green).fail_at(-1.0),
    ]
}

#[test]
fn timeline_text_snapshots() {
    let cases = cases();
    let mut names: Vec<&str> = cases.iter().map(|case| case.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), cases.len(), "case names must be unique");
    for case in &cases {
        let timeline =
            timeline::build(&case.deployment(), &case.assumptions(), case.fail_at_minute);
        insta::assert_snapshot!(case.name, timeline::render_text(&timeline));
    }
}

#[test]
fn comparison_text_snapshots() {
    let rows = [
        case("compare_doc_blue_green_hooks", Strategy::BlueGreen).hooks(DOC_HOOKS),
        case("compare_doc_canary", canary(100, 5)),
        case("compare_doc_linear", linear(200, 5)),
        case("compare_rolling_25_tasks_no_lb", Strategy::Rolling)
            .count(25)
            .no_load_balancer()
            .breaker(false, false),
    ];
    for case in &rows {
        let comparison = timeline::compare(&case.deployment(), &case.assumptions());
        insta::assert_snapshot!(case.name, timeline::render_comparison_text(&comparison));
    }
}

#[test]
fn timeline_json_shape() {
    let case = case("json", linear(333, 2)).hooks(DOC_HOOKS).fail_at(5.0);
    let timeline = timeline::build(&case.deployment(), &case.assumptions(), case.fail_at_minute);
    let json = serde_json::to_string_pretty(&timeline).unwrap();
    insta::assert_snapshot!("timeline_json_linear_33_3_with_rollback", json);
}

#[test]
fn comparison_json_shape() {
    let case = case("json", canary(100, 5)).hooks(DOC_HOOKS);
    let comparison = timeline::compare(&case.deployment(), &case.assumptions());
    let json = serde_json::to_string_pretty(&comparison).unwrap();
    insta::assert_snapshot!("comparison_json_canary", json);
}
