//! Whether the EC2 capacity the module creates can hold a rollout's peak (facts section 8).
//!
//! Blue/green, canary and linear start the new version at full count beside the old one, so the
//! cluster needs room for twice the gateway's tasks. With `create_cluster` (the default) the
//! module's capacity provider is an Auto Scaling group of at most `max_asg_size` instances of
//! `instance_type`; every task uses the `awsvpc` network mode (module
//! `modules/ecs-service/main.tf`), so it needs its own network interface on the instance. The
//! module's user data turns on the `awsvpcTrunking` account setting (`asg.tf`); whether the
//! listed burstable types get a trunk interface was not verified, so the check assumes they do
//! not and its help says so.

use crate::checks::attribute;
use crate::config::Strategy;
use crate::diagnostic::{Code, Diagnostic};
use crate::read::{Entry, Value};
use crate::typecheck::Typed;

/// One EC2 instance type: vCPUs, memory in MiB and the most network interfaces it takes.
struct InstanceType {
    name: &'static str,
    vcpus: u32,
    memory_mib: u32,
    network_interfaces: u32,
}

const fn instance(
    name: &'static str,
    vcpus: u32,
    memory_gib: u32,
    network_interfaces: u32,
) -> InstanceType {
    InstanceType {
        name,
        vcpus,
        memory_mib: memory_gib * 1024,
        network_interfaces,
    }
}

/// The burstable types the module defaults to (`t4g.medium`) and its docs use (`t4g.large`),
/// with their x86 counterparts. vCPUs and memory: Amazon EC2 User Guide, "General purpose
/// instances", hardware specifications. Network interfaces: the `ENILimit` of each type in
/// `aws/amazon-vpc-cni-k8s` `pkg/vpc/vpc_ip_resource_limit.go` (generated from EC2's
/// DescribeInstanceTypes). Types not listed are not checked.
const INSTANCE_TYPES: &[InstanceType] = &[
    instance("t4g.micro", 2, 1, 2),
    instance("t4g.small", 2, 2, 3),
    instance("t4g.medium", 2, 4, 3),
    instance("t4g.large", 2, 8, 3),
    instance("t4g.xlarge", 4, 16, 4),
    instance("t4g.2xlarge", 8, 32, 4),
    instance("t3.micro", 2, 1, 2),
    instance("t3.small", 2, 2, 3),
    instance("t3.medium", 2, 4, 3),
    instance("t3.large", 2, 8, 3),
    instance("t3.xlarge", 4, 16, 4),
    instance("t3.2xlarge", 8, 32, 4),
];

/// ECS counts 1,024 CPU units per vCPU (ECS Developer Guide, task definition `cpu`).
const CPU_UNITS_PER_VCPU: u32 = 1024;

/// `capacity-exceeded` when the peak of an advanced strategy cannot fit the Auto Scaling
/// group's largest size.
pub fn check(
    typed: &Typed,
    strategy: Strategy,
    desired_count: u32,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if matches!(strategy, Strategy::Rolling) || !own_cluster(typed) {
        return;
    }
    let instance_type = string(typed, "instance_type").unwrap_or("t4g.medium");
    let Some(instance) = INSTANCE_TYPES.iter().find(|t| t.name == instance_type) else {
        return;
    };
    let (Some(max_instances), Some(cpu), Some(memory)) = (
        whole(typed.get("max_asg_size").map(|entry| &entry.value.value), 3),
        task_size(typed, "cpu", 256),
        task_size(typed, "memory", 1024),
    ) else {
        return;
    };
    let by_cpu = instance.vcpus * CPU_UNITS_PER_VCPU / cpu.max(1);
    let by_memory = instance.memory_mib / memory.max(1);
    // The instance's primary network interface takes one (ECS Developer Guide, "Increasing
    // Amazon ECS Linux container instance network interfaces").
    let by_interfaces = instance.network_interfaces.saturating_sub(1);
    let per_instance = by_cpu.min(by_memory).min(by_interfaces);
    let fits = u64::from(per_instance) * u64::from(max_instances);
    let peak = u64::from(desired_count) * 2;
    if peak <= fits {
        return;
    }
    let limit = if per_instance == by_interfaces {
        "network interfaces"
    } else if per_instance == by_cpu {
        "CPU"
    } else {
        "memory"
    };
    let span = typed
        .get("max_asg_size")
        .map(|entry| entry.value.span.clone())
        .or_else(|| {
            typed
                .get("gateway_deployment_configuration")
                .map(|entry| entry.key_span.clone())
        });
    let defaulted = if typed.get("max_asg_size").is_none() || typed.get("instance_type").is_none() {
        " (with the module's defaults, `instance_type = \"t4g.medium\"` and `max_asg_size = 3`, where unset)"
    } else {
        ""
    };
    let mut diagnostic = Diagnostic::new(
        Code::CapacityExceeded,
        format!(
            "{} runs {peak} gateway tasks at its peak ({desired_count} old beside {desired_count} new), but {max_instances} {instance_type} instance(s){defaulted} hold at most {fits} ({per_instance} per instance, limited by {limit})",
            strategy.name().title()
        ),
    )
    .at_path("max_asg_size")
    .with_help(format!(
        "The deployment then waits in SCALE_UP for room that never comes. Raise `max_asg_size` or choose a larger `instance_type`. Each {instance_type} has {} vCPU, {} MiB and {} network interfaces, one of them the instance's own, and every task needs one (awsvpc); the data service, Redis and ECS's own memory reservation are not counted, so the real limit may be lower. The module turns on ENI trunking (awsvpcTrunking), which ecs-rollout assumes does not apply to this type; where it does, more tasks fit",
        instance.vcpus, instance.memory_mib, instance.network_interfaces
    ));
    if let Some(span) = span {
        diagnostic = diagnostic.at(span);
    }
    diagnostics.push(diagnostic);
}

/// Whether the module creates the cluster and its EC2 capacity provider (`create_cluster`,
/// default true); otherwise the capacity is someone else's.
fn own_cluster(typed: &Typed) -> bool {
    !matches!(
        typed.get("create_cluster").map(|entry| &entry.value.value),
        Some(Value::Bool(false))
    )
}

fn string<'a>(typed: &'a Typed, name: &str) -> Option<&'a str> {
    match &typed.get(name)?.value.value {
        Value::String(text) => Some(text),
        _ => None,
    }
}

/// A whole, positive number; `default` when the value is absent.
fn whole(value: Option<&Value>, default: u32) -> Option<u32> {
    match value {
        None => Some(default),
        Some(Value::Number(number)) if number.fract() == 0.0 && *number >= 1.0 => {
            Some(number.min(f64::from(u32::MAX)) as u32)
        }
        _ => None,
    }
}

/// `gateway_config.cpu` or `.memory`; the module's default when the object is not set.
fn task_size(typed: &Typed, key: &str, default: u32) -> Option<u32> {
    match typed.get("gateway_config") {
        None => Some(default),
        Some(config) => whole(
            attribute(&config.value, key).map(|entry: &Entry| &entry.value.value),
            default,
        ),
    }
}
