//! What carries a canary's or linear rollout's traffic (facts section 10), one rule for every
//! source: `service::check` describes each service's carriers (the Portkey module's too: Service
//! Connect always, and its load balancer with `create_lb`) as a [`Traffic`] and asks [`check`].
//!
//! ECS shifts blue/green, canary and linear traffic through a load balancer, Service Connect or
//! VPC Lattice, none more required than another. Headless blue/green is valid (the timeline says
//! that no traffic moves); headless canary or linear is `no-traffic-shifting`, and canary or
//! linear behind a Network Load Balancer is `canary-behind-nlb`, since two current versions of
//! the ECS guide disagree on whether that is supported. `load-balancer-required` is retired.

use crate::config::Traffic;
use crate::config::{LoadBalancerType, StrategyName};
use crate::diagnostic::{Code, Diagnostic, Span};

/// Where the diagnostics of one service go.
pub struct Place {
    /// The setting that chooses the strategy, else the service.
    pub span: Option<Span>,
    pub path: String,
    /// Where the load balancer (or its kind) is written, for related information.
    pub load_balancer: Option<Span>,
    /// How to turn the load balancer into an Application Load Balancer in this source's terms,
    /// for the help text.
    pub switch_to_application: &'static str,
}

/// The diagnostic, if any, on what carries the traffic of a `strategy` rollout.
pub fn check(strategy: StrategyName, traffic: &Traffic, place: Place) -> Option<Diagnostic> {
    if !matches!(strategy, StrategyName::Canary | StrategyName::Linear) {
        return None;
    }
    let title = strategy.title();
    let diagnostic = if traffic.is_headless() {
        Diagnostic::new(
            Code::NoTrafficShifting,
            format!(
                "this {title} rollout has nothing to shift traffic through: the service has no load balancer, Service Connect or VPC Lattice, so its percentages move no requests"
            ),
        )
        .with_help("ECS shifts canary and linear traffic through an Application or Network Load Balancer, Service Connect or VPC Lattice. A headless service (a worker or a queue consumer) has none of them: deploy it blue/green, which ECS runs without traffic shifting (both revisions run, hooks and bake still happen), or give it one of those carriers")
    } else {
        let balancer = traffic.load_balancer.as_ref()?;
        if balancer.kind != Some(LoadBalancerType::Network) {
            return None;
        }
        Diagnostic::new(
            Code::CanaryBehindNlb,
            format!(
                "this {title} rollout runs behind a Network Load Balancer ({}), which the ECS guide's versions disagree on: the English page lists Network Load Balancers among the resources for canary and linear deployments, while a current translation of the canary page says canary deployments do not support them and to use blue/green instead",
                balancer.kind_from
            ),
        )
        .with_help(format!(
            "Try the rollout outside production first, or deploy blue/green, which every version supports behind a Network Load Balancer, or use an Application Load Balancer ({}). Behind a Network Load Balancer ECS also adds about 10 minutes to every traffic shift (see the timeline)",
            place.switch_to_application
        ))
    };
    let mut diagnostic = diagnostic.at_path(place.path);
    if let Some(span) = place.span {
        diagnostic = diagnostic.at(span);
    }
    if let Some(span) = place.load_balancer {
        diagnostic = diagnostic.with_related(span, "the load balancer is here".to_owned());
    }
    Some(diagnostic)
}
