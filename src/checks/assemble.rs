//! The checked deployment, assembled once for every source from the parts its checks found:
//! the [`Deployment`] the timeline draws when every part is usable, and the same service for
//! `compare` (contract section 2), where each unusable part is replaced by its source's default
//! and the replacement named in a fallback note.

use crate::config::{
    Autoscaling, BakeMinutes, CircuitBreaker, Deployment, Listeners, Stage, Strategy, StrategyName,
    Tenths, Traffic,
};

/// What a source's checks made of its deployment settings; `None` where a part cannot be read
/// or ECS would refuse it.
pub struct Parts {
    pub strategy: StrategyName,
    pub settings: Option<Strategy>,
    /// The chosen canary's or linear's share and bake, each `None` when it cannot be used: what
    /// `compare` keeps of a strategy whose other half is refused.
    pub shares: (Option<Tenths>, Option<BakeMinutes>),
    pub circuit_breaker: Option<CircuitBreaker>,
    pub hooked_stages: Option<Vec<Stage>>,
    pub desired_count: Option<u32>,
    pub listeners: Option<Listeners>,
    pub traffic: Traffic,
    pub autoscaling: Option<Autoscaling>,
    /// Whether ECS would deploy these settings at all: `false` when something outside the
    /// parts refuses them (a module variable `terraform plan` rejects, another controller).
    pub deployable: bool,
}

/// How a source names each part, and the defaults that stand in for it in `compare`.
pub struct Defaults {
    /// The canary's or linear's share and bake settings, in the source's words.
    pub share: String,
    pub bake: String,
    /// The strategy's setting, and what stands in when none can be used.
    pub strategy: String,
    pub strategy_instead: (Strategy, &'static str),
    pub desired_count: String,
    pub desired_count_instead: (u32, &'static str),
    pub circuit_breaker: String,
    pub circuit_breaker_instead: (CircuitBreaker, &'static str),
    pub hooks: String,
}

/// The deployment the timeline draws (`None` unless every part is usable), the service for
/// `compare`, and the notes naming what `compare` replaced.
pub fn assemble(
    parts: Parts,
    defaults: &Defaults,
) -> (Option<Deployment>, Deployment, Vec<String>) {
    let deployment = match (
        parts.settings,
        parts.circuit_breaker,
        parts.hooked_stages.clone(),
        parts.desired_count,
    ) {
        (Some(strategy), Some(circuit_breaker), Some(hooked_stages), Some(desired_count))
            if parts.deployable =>
        {
            Some(Deployment {
                strategy,
                desired_count,
                circuit_breaker,
                hooked_stages,
                listeners: parts.listeners,
                traffic: parts.traffic.clone(),
                autoscaling: parts.autoscaling,
            })
        }
        _ => None,
    };
    let mut fallbacks = Vec::new();
    let mut fall_back = |what: &str, instead: &str| {
        fallbacks.push(format!(
            "{what} cannot be used, so this comparison uses {instead}"
        ));
    };
    let strategy = match (parts.settings, parts.strategy) {
        (Some(settings), _) => settings,
        (None, StrategyName::Canary | StrategyName::Linear) => {
            let (default_share, default_bake) = match parts.strategy {
                StrategyName::Canary => Strategy::ECS_CANARY_DEFAULTS,
                _ => Strategy::ECS_LINEAR_DEFAULTS,
            };
            let share = parts.shares.0.unwrap_or_else(|| {
                fall_back(
                    &defaults.share,
                    &format!("ECS's default, {}%", default_share.as_percent()),
                );
                default_share
            });
            let bake = parts.shares.1.unwrap_or_else(|| {
                fall_back(
                    &defaults.bake,
                    &format!("ECS's default, {} minutes", default_bake.get()),
                );
                default_bake
            });
            match parts.strategy {
                StrategyName::Canary => Strategy::Canary {
                    percent: share,
                    bake,
                },
                _ => Strategy::Linear { step: share, bake },
            }
        }
        (None, _) => {
            fall_back(&defaults.strategy, defaults.strategy_instead.1);
            defaults.strategy_instead.0
        }
    };
    let desired_count = parts.desired_count.unwrap_or_else(|| {
        fall_back(&defaults.desired_count, defaults.desired_count_instead.1);
        defaults.desired_count_instead.0
    });
    let circuit_breaker = parts.circuit_breaker.unwrap_or_else(|| {
        fall_back(
            &defaults.circuit_breaker,
            defaults.circuit_breaker_instead.1,
        );
        defaults.circuit_breaker_instead.0
    });
    let hooked_stages = parts.hooked_stages.unwrap_or_else(|| {
        fall_back(&defaults.hooks, "no hook");
        Vec::new()
    });
    let compare_base = Deployment {
        strategy,
        desired_count,
        circuit_breaker,
        hooked_stages,
        listeners: parts.listeners,
        traffic: parts.traffic,
        autoscaling: parts.autoscaling,
    };
    (deployment, compare_base, fallbacks)
}
