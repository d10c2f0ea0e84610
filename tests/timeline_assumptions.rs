//! `Assumptions::resolve`: documented defaults, and cleanup of odd overrides, as a table.

use ecs_rollout::options::AssumptionOverrides;
use ecs_rollout::timeline::Assumptions;

const DEFAULTS: Assumptions = Assumptions {
    scale_up_minutes: 2.5,
    hook_minutes: 0.5,
    drain_minutes: 1.0,
    bake_time_minutes: 1.0,
    minimum_healthy_percent: 100.0,
    maximum_percent: 200.0,
    desired_count: None,
    nlb_shift_delay_minutes: 10.0,
    load_balancer_type: ecs_rollout::options::LoadBalancerType::Application,
};

#[test]
fn resolve_fills_defaults_and_cleans_up_overrides() {
    // (what is overridden, the override, the field as resolved)
    type Set = fn(&mut AssumptionOverrides, f64);
    type Get = fn(&Assumptions) -> f64;
    let scale_up: (Set, Get) = (|o, v| o.scale_up_minutes = Some(v), |a| a.scale_up_minutes);
    let hook: (Set, Get) = (|o, v| o.hook_minutes = Some(v), |a| a.hook_minutes);
    let drain: (Set, Get) = (|o, v| o.drain_minutes = Some(v), |a| a.drain_minutes);
    let bake: (Set, Get) = (
        |o, v| o.bake_time_minutes = Some(v),
        |a| a.bake_time_minutes,
    );
    let minimum: (Set, Get) = (
        |o, v| o.minimum_healthy_percent = Some(v),
        |a| a.minimum_healthy_percent,
    );
    let maximum: (Set, Get) = (|o, v| o.maximum_percent = Some(v), |a| a.maximum_percent);
    // `desiredCount` has no fixed default (the file's count); unset reads as -1 here.
    let count: (Set, Get) = (
        |o, v| o.desired_count = Some(v),
        |a| a.desired_count.map_or(-1.0, f64::from),
    );
    let table: &[(&str, (Set, Get), f64, f64)] = &[
        ("scale-up as given", scale_up, 4.0, 4.0),
        ("scale-up to whole seconds", scale_up, 0.1, 0.1),
        ("scale-up negative", scale_up, -3.0, 0.0),
        ("scale-up NaN", scale_up, f64::NAN, 2.5),
        ("scale-up infinite", scale_up, f64::INFINITY, 2.5),
        ("scale-up over a day", scale_up, 5000.0, 1440.0),
        ("hook zero", hook, 0.0, 0.0),
        ("hook over a day", hook, 2000.0, 1440.0),
        ("drain over the load balancer cap", drain, 90.0, 60.0),
        ("drain negative infinity", drain, f64::NEG_INFINITY, 1.0),
        ("bake time zero", bake, 0.0, 0.0),
        ("bake time 30 s", bake, 0.5, 0.5),
        ("minimum healthy rounded", minimum, 49.6, 50.0),
        ("minimum healthy negative", minimum, -10.0, 0.0),
        ("minimum healthy over 100", minimum, 150.0, 100.0),
        ("maximum under 100", maximum, 50.0, 100.0),
        ("maximum huge", maximum, 1e9, 1000.0),
        ("maximum NaN", maximum, f64::NAN, 200.0),
        ("desired count as given", count, 6.0, 6.0),
        ("desired count rounded", count, 2.4, 2.0),
        ("desired count negative", count, -3.0, 0.0),
        ("desired count over the quota", count, 9999.0, 5000.0),
        ("desired count NaN", count, f64::NAN, -1.0),
    ];
    assert_eq!(
        Assumptions::resolve(&AssumptionOverrides::default()),
        DEFAULTS
    );
    for (label, (set, get), given, expected) in table {
        let mut overrides = AssumptionOverrides::default();
        set(&mut overrides, *given);
        let resolved = Assumptions::resolve(&overrides);
        assert_eq!(get(&resolved), *expected, "{label}");
        // Everything else keeps its default.
        let changed = fields(&resolved)
            .iter()
            .zip(fields(&DEFAULTS))
            .filter(|(field, default)| *field != default)
            .count();
        assert!(changed <= 1, "{label}: other fields changed: {resolved:?}");
    }
}

#[test]
fn resolve_gives_whole_seconds() {
    let resolved = Assumptions::resolve(&AssumptionOverrides {
        hook_minutes: Some(0.01),
        ..AssumptionOverrides::default()
    });
    // 0.6 s rounds to one whole second.
    assert_eq!(resolved.hook_minutes, 1.0 / 60.0);
}

fn fields(assumptions: &Assumptions) -> [f64; 6] {
    [
        assumptions.scale_up_minutes,
        assumptions.hook_minutes,
        assumptions.drain_minutes,
        assumptions.bake_time_minutes,
        assumptions.minimum_healthy_percent,
        assumptions.maximum_percent,
    ]
}
