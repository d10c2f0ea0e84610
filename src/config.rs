//! The checked layer: only settings ECS accepts can be represented here.
//!
//! `checks/` builds a [`Deployment`] after every check has passed; the timeline engine takes
//! nothing else, so it never meets an invalid value and never needs to fail.

use serde::{Deserialize, Serialize};

/// The deployment strategies, as ECS names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum StrategyName {
    Rolling,
    BlueGreen,
    Canary,
    Linear,
}

impl StrategyName {
    pub const ALL: [StrategyName; 4] = [
        StrategyName::Rolling,
        StrategyName::BlueGreen,
        StrategyName::Canary,
        StrategyName::Linear,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            StrategyName::Rolling => "ROLLING",
            StrategyName::BlueGreen => "BLUE_GREEN",
            StrategyName::Canary => "CANARY",
            StrategyName::Linear => "LINEAR",
        }
    }

    /// How people write it in prose.
    pub fn title(self) -> &'static str {
        match self {
            StrategyName::Rolling => "rolling",
            StrategyName::BlueGreen => "blue/green",
            StrategyName::Canary => "canary",
            StrategyName::Linear => "linear",
        }
    }
}

/// The two kinds of Elastic Load Balancing load balancer that ECS shifts traffic through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum LoadBalancerType {
    Application,
    Network,
}

impl LoadBalancerType {
    pub fn as_str(self) -> &'static str {
        match self {
            LoadBalancerType::Application => "application",
            LoadBalancerType::Network => "network",
        }
    }

    /// How people write it in prose: "an Application Load Balancer".
    pub fn title(self) -> &'static str {
        match self {
            LoadBalancerType::Application => "Application Load Balancer",
            LoadBalancerType::Network => "Network Load Balancer",
        }
    }

    pub fn from_name(name: &str) -> Option<LoadBalancerType> {
        match name {
            "application" => Some(LoadBalancerType::Application),
            "network" => Some(LoadBalancerType::Network),
            _ => None,
        }
    }
}

/// A traffic percentage in whole tenths: `Tenths(333)` is 33.3%. Always within 1 ..= 1000.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Tenths(u16);

impl Tenths {
    pub const HUNDRED: Tenths = Tenths(1000);

    /// A percentage in tenths, if it lies within 0.1% ..= 100%.
    pub fn new(tenths: u16) -> Option<Tenths> {
        (1..=1000).contains(&tenths).then_some(Tenths(tenths))
    }

    /// The percentage `percent` (such as 33.3), if it is a whole number of tenths within range.
    pub fn from_percent(percent: f64) -> Option<Tenths> {
        let scaled = percent * 10.0;
        let rounded = scaled.round();
        if !scaled.is_finite()
            || (scaled - rounded).abs() > 1e-6
            || !(1.0..=1000.0).contains(&rounded)
        {
            return None;
        }
        Tenths::new(rounded as u16)
    }

    pub fn get(self) -> u16 {
        self.0
    }

    pub fn as_percent(self) -> f64 {
        f64::from(self.0) / 10.0
    }
}

/// A bake time in whole minutes, 0 ..= 1440.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BakeMinutes(u16);

impl BakeMinutes {
    pub const MAX: u16 = 1440;

    pub fn new(minutes: u16) -> Option<BakeMinutes> {
        (minutes <= Self::MAX).then_some(BakeMinutes(minutes))
    }

    pub fn get(self) -> u16 {
        self.0
    }
}

/// The strategy the module would deploy, with its valid settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strategy {
    Rolling,
    BlueGreen,
    Canary { percent: Tenths, bake: BakeMinutes },
    Linear { step: Tenths, bake: BakeMinutes },
}

impl Strategy {
    pub fn name(self) -> StrategyName {
        match self {
            Strategy::Rolling => StrategyName::Rolling,
            Strategy::BlueGreen => StrategyName::BlueGreen,
            Strategy::Canary { .. } => StrategyName::Canary,
            Strategy::Linear { .. } => StrategyName::Linear,
        }
    }

    /// ECS's own canary defaults (facts section 2): 5% and 10 minutes.
    pub const ECS_CANARY_DEFAULTS: (Tenths, BakeMinutes) = (Tenths(50), BakeMinutes(10));
    /// ECS's own linear defaults (facts section 2): 10% and 6 minutes.
    pub const ECS_LINEAR_DEFAULTS: (Tenths, BakeMinutes) = (Tenths(100), BakeMinutes(6));

    /// ECS's own defaults for canary (5% / 10 min), used by `compare` when the file has none.
    /// The strategy `name` with the share and bake ECS accepted, or `None` when canary or linear
    /// lacks one of them.
    pub fn from_parts(
        name: StrategyName,
        share: Option<Tenths>,
        bake: Option<BakeMinutes>,
    ) -> Option<Strategy> {
        match (name, share, bake) {
            (StrategyName::Rolling, _, _) => Some(Strategy::Rolling),
            (StrategyName::BlueGreen, _, _) => Some(Strategy::BlueGreen),
            (StrategyName::Canary, Some(percent), Some(bake)) => {
                Some(Strategy::Canary { percent, bake })
            }
            (StrategyName::Linear, Some(step), Some(bake)) => Some(Strategy::Linear { step, bake }),
            _ => None,
        }
    }

    pub fn default_canary() -> Strategy {
        let (percent, bake) = Strategy::ECS_CANARY_DEFAULTS;
        Strategy::Canary { percent, bake }
    }

    /// ECS's own defaults for linear (10% / 6 min), used by `compare` when the file has none.
    pub fn default_linear() -> Strategy {
        let (step, bake) = Strategy::ECS_LINEAR_DEFAULTS;
        Strategy::Linear { step, bake }
    }
}

/// The deployment circuit breaker as the module sends it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CircuitBreaker {
    pub enable: bool,
    pub rollback: bool,
}

/// An ECS deployment lifecycle stage, in the order a deployment passes them (facts section 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    ReconcileService,
    PreScaleUp,
    ScaleUp,
    PostScaleUp,
    TestTrafficShift,
    PostTestTrafficShift,
    PreProductionTrafficShift,
    ProductionTrafficShift,
    PostProductionTrafficShift,
    BakeTime,
    CleanUp,
}

impl Stage {
    pub const ALL: [Stage; 11] = [
        Stage::ReconcileService,
        Stage::PreScaleUp,
        Stage::ScaleUp,
        Stage::PostScaleUp,
        Stage::TestTrafficShift,
        Stage::PostTestTrafficShift,
        Stage::PreProductionTrafficShift,
        Stage::ProductionTrafficShift,
        Stage::PostProductionTrafficShift,
        Stage::BakeTime,
        Stage::CleanUp,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::ReconcileService => "RECONCILE_SERVICE",
            Stage::PreScaleUp => "PRE_SCALE_UP",
            Stage::ScaleUp => "SCALE_UP",
            Stage::PostScaleUp => "POST_SCALE_UP",
            Stage::TestTrafficShift => "TEST_TRAFFIC_SHIFT",
            Stage::PostTestTrafficShift => "POST_TEST_TRAFFIC_SHIFT",
            Stage::PreProductionTrafficShift => "PRE_PRODUCTION_TRAFFIC_SHIFT",
            Stage::ProductionTrafficShift => "PRODUCTION_TRAFFIC_SHIFT",
            Stage::PostProductionTrafficShift => "POST_PRODUCTION_TRAFFIC_SHIFT",
            Stage::BakeTime => "BAKE_TIME",
            Stage::CleanUp => "CLEAN_UP",
        }
    }

    pub fn from_name(name: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|stage| stage.as_str() == name)
    }

    /// The stages a lifecycle hook may be attached to, in deployment order.
    pub fn hookable() -> impl Iterator<Item = Stage> + Clone {
        Stage::ALL.into_iter().filter(|stage| stage.is_hookable())
    }

    /// Whether a lifecycle hook may be attached to this stage.
    pub fn is_hookable(self) -> bool {
        !matches!(self, Stage::ScaleUp | Stage::BakeTime | Stage::CleanUp)
    }

    /// What happens at this stage, in one line, for completion and hover docs.
    pub fn doc(self) -> &'static str {
        match self {
            Stage::ReconcileService => {
                "Before the deployment starts, only when more than one service revision is active"
            }
            Stage::PreScaleUp => "Before the new (green) tasks are started",
            Stage::ScaleUp => "The new tasks start and pass health checks (cannot be hooked)",
            Stage::PostScaleUp => "After the new tasks are running and healthy",
            Stage::TestTrafficShift => "Test-listener traffic moves to the new tasks",
            Stage::PostTestTrafficShift => {
                "After test traffic reaches the new tasks: validate them on the test port"
            }
            Stage::PreProductionTrafficShift => {
                "Before each production traffic shift (newest stage)"
            }
            Stage::ProductionTrafficShift => {
                "Production traffic moves to the new tasks; runs once per shift"
            }
            Stage::PostProductionTrafficShift => "After production traffic has moved",
            Stage::BakeTime => {
                "Both versions stay up for the deployment bake time (cannot be hooked)"
            }
            Stage::CleanUp => "The old tasks are stopped (cannot be hooked)",
        }
    }
}

/// Transport protocol of a load balancer listener.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    Http,
    Https,
    Tcp,
    Tls,
}

impl Protocol {
    pub fn as_str(self) -> &'static str {
        match self {
            Protocol::Http => "HTTP",
            Protocol::Https => "HTTPS",
            Protocol::Tcp => "TCP",
            Protocol::Tls => "TLS",
        }
    }
}

/// One load balancer listener.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Listener {
    /// `None` where the source does not say (a load balancer of a Terraform resource,
    /// CloudFormation or the API names target groups and rules, not listener ports).
    pub port: Option<u16>,
    pub protocol: Option<Protocol>,
}

impl Listener {
    /// A listener the service uses but whose port and protocol its source does not give.
    pub fn unknown() -> Listener {
        Listener {
            port: None,
            protocol: None,
        }
    }
}

/// The production listener and, for advanced strategies, the test listener.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Listeners {
    pub production: Listener,
    pub test: Option<Listener>,
}

/// A load balancer in front of the service, with its kind when the source says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadBalancer {
    /// `None` where the source does not say which kind it is: the `loadBalancerType`
    /// assumption decides, and a note says so.
    pub kind: Option<LoadBalancerType>,
    /// Where the kind comes from, in the source's own terms, for the timeline's notes
    /// ("`lb_type` is not set, and the module's default is `network`").
    pub kind_from: String,
}

/// What shifts the service's traffic during a blue/green, canary or linear deployment (facts
/// section 10): any one of a load balancer, Service Connect or VPC Lattice; none for a
/// headless service, which ECS may still deploy blue/green, shifting no traffic.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Traffic {
    pub load_balancer: Option<LoadBalancer>,
    pub service_connect: bool,
    /// The header Service Connect chooses test traffic by, when the source names one other
    /// than ECS's default.
    pub test_header: Option<String>,
    pub vpc_lattice: bool,
    /// A carrier whose presence the source leaves to deploy time; the service is then not
    /// taken as headless.
    pub unresolved: bool,
}

impl Traffic {
    /// Whether nothing carries the service's traffic: no load balancer, Service Connect or VPC
    /// Lattice, and none that deploy time may add.
    pub fn is_headless(&self) -> bool {
        self.load_balancer.is_none()
            && !self.service_connect
            && !self.vpc_lattice
            && !self.unresolved
    }
}

/// The largest desired task count the analyzer models; ECS's default quota is 5,000 tasks per
/// service.
pub const MAX_DESIRED_COUNT: u32 = 5000;

/// Everything the timeline needs, all of it valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deployment {
    pub strategy: Strategy,
    /// `gateway_config.desired_task_count`, 0 ..= [`MAX_DESIRED_COUNT`].
    pub desired_count: u32,
    pub circuit_breaker: CircuitBreaker,
    /// Hookable stages the lifecycle hook is called at; empty when the hook is off.
    pub hooked_stages: Vec<Stage>,
    /// `None` without a load balancer.
    pub listeners: Option<Listeners>,
    /// What shifts the traffic: load balancer, Service Connect, VPC Lattice or nothing.
    pub traffic: Traffic,
    /// `gateway_autoscaling` when it is on: the running count lies between these (facts §8).
    pub autoscaling: Option<Autoscaling>,
}

/// The gateway's autoscaling range, in tasks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Autoscaling {
    pub min: u32,
    pub max: u32,
}

impl Deployment {
    /// The module's defaults: rolling, one task, breaker with rollback, no hook, no load balancer
    /// (the gateway always has Service Connect).
    pub fn module_default() -> Deployment {
        Deployment {
            strategy: Strategy::Rolling,
            desired_count: 1,
            circuit_breaker: CircuitBreaker {
                enable: true,
                rollback: true,
            },
            hooked_stages: Vec::new(),
            listeners: None,
            traffic: Traffic {
                service_connect: true,
                ..Traffic::default()
            },
            autoscaling: None,
        }
    }

    pub fn is_hooked(&self, stage: Stage) -> bool {
        self.hooked_stages.contains(&stage)
    }
}
