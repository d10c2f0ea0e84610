//! What carries the service's traffic, as the timeline's notes say it (facts section 10).
//!
//! ECS shifts the traffic of blue/green, canary and linear deployments through a load
//! balancer, Service Connect or VPC Lattice, and through nothing at all for a headless service.
//! The notes name the carriers of this service, where the load balancer's kind comes from (the
//! source's own words, or the `loadBalancerType` assumption), the delay a Network Load Balancer
//! adds to each traffic-shift stage run, and how test traffic is chosen. The diagnostics on the
//! same facts (`no-traffic-shifting`, `canary-behind-nlb`) are `checks::traffic`'s.

use crate::config::LoadBalancerType;
use crate::config::{Deployment, Stage, Traffic};

use super::assumptions::{seconds_to_minutes, Durations};
use super::plan::RawStage;
use super::render::minutes_text;

/// The header Service Connect uses by default to choose test traffic (ECS Developer Guide,
/// "Service Connect resources for Amazon ECS blue/green deployments").
pub const SERVICE_CONNECT_TEST_HEADER: &str = "x-amzn-ecs-blue-green-test";

/// The notes of a blue/green, canary or linear rollout, whose forward stage runs are `stages`.
pub(crate) fn shifting_notes(
    deployment: &Deployment,
    durations: &Durations,
    stages: &[RawStage],
    has_test_listener: bool,
) -> Vec<String> {
    let traffic = &deployment.traffic;
    let mut notes = Vec::new();
    if traffic.is_headless() {
        notes.push(
            "Nothing carries this service's traffic (no load balancer, Service Connect or VPC \
             Lattice), so ECS shifts none: both revisions run and the lifecycle stages, hooks and \
             bake happen as shown, and the production share shown is how far the deployment has \
             gone, not requests served"
                .to_owned(),
        );
        return notes;
    }
    notes.push(format!(
        "ECS shifts the traffic through {}",
        carriers(traffic)
    ));
    notes.extend(load_balancer_notes(traffic, durations, stages));
    if traffic.service_connect {
        notes.push(match &traffic.test_header {
            Some(header) => format!(
                "Over Service Connect, the test traffic stages send the new version the requests \
                 that carry the `{header}` header (the service's testTrafficRules)"
            ),
            None => format!(
                "Over Service Connect, the test traffic stages send the new version the requests \
                 that carry the `{SERVICE_CONNECT_TEST_HEADER}` header (unless the service's \
                 testTrafficRules name another)"
            ),
        });
    } else if !has_test_listener {
        notes.push(match &traffic.load_balancer {
            Some(_) => "There is no test listener (the load balancer names no test listener \
                        rule), so the test traffic stages reach nothing"
                .to_owned(),
            None => {
                "There is no test listener, so the test traffic stages reach nothing".to_owned()
            }
        });
    }
    notes
}

/// The note of a rolling deployment, whose traffic is split by healthy task count, when no
/// load balancer spreads it.
pub(crate) fn rolling_note(deployment: &Deployment) -> Option<String> {
    let traffic = &deployment.traffic;
    if traffic.load_balancer.is_some() || deployment.desired_count == 0 {
        return None;
    }
    Some(if traffic.is_headless() {
        "Nothing carries this service's traffic (no load balancer, Service Connect or VPC \
         Lattice): the share shown is the new version's share of the healthy tasks, not of \
         requests"
            .to_owned()
    } else {
        format!(
            "There is no load balancer: clients reach this service through {}, which spreads \
             requests over the healthy tasks, so the split shown (new healthy tasks out of all \
             serving tasks) is an assumption about it",
            carriers(traffic)
        )
    })
}

/// The carriers in prose: "the load balancer and Service Connect".
fn carriers(traffic: &Traffic) -> String {
    let balancer = match traffic
        .load_balancer
        .as_ref()
        .and_then(|balancer| balancer.kind)
    {
        Some(LoadBalancerType::Application) => "the Application Load Balancer",
        Some(LoadBalancerType::Network) => "the Network Load Balancer",
        None => "the load balancer",
    };
    let names: Vec<&str> = [
        (traffic.load_balancer.is_some(), balancer),
        (traffic.service_connect, "Service Connect"),
        (traffic.vpc_lattice, "VPC Lattice"),
        (traffic.unresolved, "a carrier known only at deploy time"),
    ]
    .into_iter()
    .filter_map(|(present, name)| present.then_some(name))
    .collect();
    match names.as_slice() {
        [] => "nothing".to_owned(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Which kind of load balancer this is and why, and the delay a Network Load Balancer adds.
fn load_balancer_notes(
    traffic: &Traffic,
    durations: &Durations,
    stages: &[RawStage],
) -> Vec<String> {
    let Some(balancer) = &traffic.load_balancer else {
        return Vec::new();
    };
    let mut notes = Vec::new();
    let kind = match balancer.kind {
        Some(kind) => kind,
        None => {
            notes.push(format!(
                "{}, so this timeline assumes {} (the loadBalancerType assumption)",
                balancer.kind_from,
                match durations.load_balancer_type {
                    LoadBalancerType::Application => "an Application Load Balancer",
                    LoadBalancerType::Network => "a Network Load Balancer",
                }
            ));
            durations.load_balancer_type
        }
    };
    if kind != LoadBalancerType::Network {
        return notes;
    }
    let runs = stages
        .iter()
        .filter(|stage| {
            matches!(
                stage.stage,
                Stage::TestTrafficShift | Stage::ProductionTrafficShift
            ) && !stage.rollback
        })
        .count() as u64;
    let known = if balancer.kind.is_some() {
        format!(" ({})", balancer.kind_from)
    } else {
        String::new()
    };
    notes.push(if durations.nlb_shift_delay == 0 {
        format!(
            "Behind a Network Load Balancer{known}, ECS adds a delay to TEST_TRAFFIC_SHIFT and \
             to each PRODUCTION_TRAFFIC_SHIFT (10 minutes by the ECS guide); the \
             nlbShiftDelayMinutes assumption is 0 here, so none is drawn"
        )
    } else {
        format!(
            "Behind a Network Load Balancer{known}, ECS adds {} minutes to TEST_TRAFFIC_SHIFT and \
             to each PRODUCTION_TRAFFIC_SHIFT: it sets the new weights as the stage begins (where \
             this timeline moves the share) and waits while the load balancer applies them; \
             {runs} runs here, {} minutes in all (the nlbShiftDelayMinutes assumption). One version of the ECS guide \
             also lists PRE_SCALE_UP among the delayed stages; this timeline does not delay it",
            minutes_text(seconds_to_minutes(durations.nlb_shift_delay)),
            minutes_text(seconds_to_minutes(durations.nlb_shift_delay * runs)),
        )
    });
    notes
}
