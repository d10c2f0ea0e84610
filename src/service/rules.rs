//! ECS's rules over one [`Service`], whatever its source (the Portkey module's too, read by
//! `portkey/`): the strategy's name, the task count, the minimum healthy and maximum percents,
//! the canary and linear settings and bakes (`checks::strategy`), lifecycle stages
//! (`checks::lifecycle`), the circuit breaker, what carries the traffic, and long deployments,
//! an error where CloudFormation refuses them. Where the Portkey module decides otherwise than
//! ECS (its defaults, its hard-coded bake, its listeners), its `ModuleConventions` say so.

use super::{Field, Service, Setting};
use crate::checks::assemble::{assemble, Defaults, Parts};
use crate::checks::lifecycle::{self, judge_stage};
use crate::checks::strategy::{
    check_bake, check_percent, long_deployment, LongDeploymentSource, PercentRule,
};
use crate::checks::{circuit_breaker, nulls};
use crate::checks::{Checked, Locations};
use crate::config::StrategyName;
use crate::config::{
    BakeMinutes, CircuitBreaker, Listener, Listeners, LoadBalancer, Stage, Strategy, Tenths,
    Traffic,
};
use crate::diagnostic::{Code, Diagnostic, Fix};
use crate::input::InputKind;
use crate::read::Value;
use crate::timeline::AssumptionOverrides;
use crate::timeline::Assumptions;

/// Settings of the file that the timeline takes as its assumptions unless the caller gives
/// them: the deployment bake time and the rolling percents.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileAssumptions {
    pub bake_time_minutes: Option<f64>,
    pub minimum_healthy_percent: Option<f64>,
    pub maximum_percent: Option<f64>,
}

impl FileAssumptions {
    /// The timeline's assumptions: the caller's overrides, then the file's settings, then the
    /// documented defaults.
    pub fn under(&self, overrides: &AssumptionOverrides) -> Assumptions {
        let mut merged = overrides.clone();
        merged.bake_time_minutes = merged.bake_time_minutes.or(self.bake_time_minutes);
        merged.minimum_healthy_percent = merged
            .minimum_healthy_percent
            .or(self.minimum_healthy_percent);
        merged.maximum_percent = merged.maximum_percent.or(self.maximum_percent);
        Assumptions::resolve(&merged)
    }
}

/// The outcome for one service of any source (the Portkey module's too, `portkey::check`): the
/// checked deployment, which policy, `compare` and the timeline take alike, the file's assumptions, and
/// the notes the timeline adds.
pub struct ServiceOutcome {
    pub checked: Checked,
    /// The task count, when the source's can be used.
    pub desired_count: Option<u32>,
    pub assumptions: FileAssumptions,
    pub notes: Vec<String>,
}

/// Checks `service`, read from a source of `kind`.
pub fn check(
    source: &str,
    kind: InputKind,
    service: &Service,
    diagnostics: &mut Vec<Diagnostic>,
) -> ServiceOutcome {
    let mut notes = service.notes.clone();
    let mut locations = Locations::default();
    for unresolved in &service.unresolved {
        let stands_in = unresolved
            .field
            .map_or("nothing is read from it", |field| default_text(field));
        diagnostics.push(
            Diagnostic::new(
                Code::UnresolvedValue,
                format!(
                    "`{}` is `{}`, whose value is known only at deploy time; {stands_in} stands in",
                    unresolved.path,
                    first_line(&unresolved.written)
                ),
            )
            .at(unresolved.span.clone())
            .at_path(unresolved.path.clone())
            .with_help("ecs-rollout reads literal values (and, in Terraform, variable defaults and locals); set the timeline's assumptions to try other values"),
        );
        if unresolved.field.is_some() {
            notes.push(format!(
                "`{}` is `{}`, not known before deploy time: this timeline uses {}",
                unresolved.path,
                first_line(&unresolved.written),
                stands_in.trim_end_matches(',')
            ));
        }
    }
    if let Some(repeated) = &service.repeated {
        notes.push(format!(
            "`{}` has `{repeated}`: every instance has these settings, so it is drawn once",
            service.name
        ));
    }

    let strategy_name = match &service.chosen_strategy {
        Some((name, at)) => {
            locations.strategy = at.clone();
            *name
        }
        None => strategy(source, service, &mut locations, diagnostics),
    };
    let module = service.module.as_ref();
    let controller =
        service
            .setting(Field::Controller)
            .and_then(|setting| match &setting.entry.value.value {
                // A value outside ECS, CODE_DEPLOY and EXTERNAL is the schema's
                // `type-mismatch` (`validate.rs`); ECS's own controller stands in.
                Value::String(name) if name == "CODE_DEPLOY" || name == "EXTERNAL" => {
                    Some((name.clone(), setting))
                }
                _ => None,
            });
    if let Some((name, setting)) = &controller {
        diagnostics.push(
            Diagnostic::new(
                Code::ExternalDeploymentController,
                format!("`{}` is `{name}`: ECS does not run this service's deployments, so no timeline is drawn", setting.path),
            )
            .at(setting.entry.value.span.clone())
            .at_path(setting.path.clone())
            .with_help(match name.as_str() {
                "CODE_DEPLOY" => "CodeDeploy runs blue/green deployments from its own deployment group and AppSpec; ECS's deployment strategies, bakes and lifecycle hooks apply only with the ECS controller",
                _ => "An external controller creates task sets itself; ECS's deployment strategies, bakes and lifecycle hooks apply only with the ECS controller",
            }),
        );
    }

    let share_and_bake =
        strategy_settings(source, service, strategy_name, &mut locations, diagnostics);
    check_branches(source, service, diagnostics);
    let settings = if service.is_unusable(Field::Strategy) {
        None
    } else {
        Strategy::from_parts(strategy_name, share_and_bake.0, share_and_bake.1)
    };

    let mut assumptions = FileAssumptions::default();
    let bake_minutes = match (service.setting(Field::BakeTime), module) {
        (None, Some(module)) => module.bake_minutes,
        (Some(setting), _) => {
            let mut found = Vec::new();
            let bake = check_bake(
                source,
                &setting.entry,
                &setting.path,
                "deployment",
                &mut found,
            );
            // `no-bake-time` is about canary and step bakes; a deployment bake of 0 is usual.
            diagnostics.extend(found.into_iter().filter(|d| d.code != Code::NoBakeTime));
            bake.map_or(0, |bake| u32::from(bake.get()))
        }
        (None, None) => {
            if service.unresolved(Field::BakeTime).is_none()
                && strategy_name != StrategyName::Rolling
            {
                notes.push(match kind {
                    InputKind::Terraform => "No deployment bake time is set: this timeline assumes none (0 minutes), the AWS provider's documented default for `bake_time_in_minutes`".to_owned(),
                    _ => "No deployment bake time is set: this timeline assumes none (0 minutes, the default the AWS Terraform provider documents for ECS), so set the bakeTimeMinutes assumption if yours differs".to_owned(),
                });
            }
            0
        }
    };
    assumptions.bake_time_minutes = Some(f64::from(bake_minutes));
    if let (Some(settings), Some(setting)) = (settings, bake_setting(service, strategy_name)) {
        let long_source = match kind {
            InputKind::Cloudformation => LongDeploymentSource::CloudFormation,
            InputKind::EcsApi | InputKind::EcsDeploymentRecord => LongDeploymentSource::Api,
            _ => LongDeploymentSource::Terraform,
        };
        diagnostics.extend(long_deployment(
            settings,
            bake_minutes,
            setting.entry.value.span.clone(),
            setting.path.clone(),
            long_source,
        ));
    }

    assumptions.minimum_healthy_percent =
        percent_limit(source, service, Field::MinimumHealthyPercent, diagnostics);
    assumptions.maximum_percent =
        percent_limit(source, service, Field::MaximumPercent, diagnostics);
    let desired_count = desired_count(source, kind, service, &mut notes, diagnostics);
    let circuit_breaker = if controller.is_some() {
        // The breaker is ECS's; another controller's deployments are not ECS's to stop.
        Some(CircuitBreaker {
            enable: false,
            rollback: false,
        })
    } else {
        circuit_breaker(service, &mut locations, diagnostics)
    };
    let circuit_breaker = circuit_breaker.filter(|_| !service.is_unusable(Field::BreakerEnable));
    let hooked_stages = hooks(source, service, strategy_name, &mut locations, diagnostics);

    let traffic = traffic(service);
    if controller.is_none() {
        diagnostics.extend(crate::checks::traffic::check(
            strategy_name,
            &traffic,
            crate::checks::traffic::Place {
                span: locations.strategy.clone().or_else(|| service.span.clone()),
                path: match kind {
                    InputKind::PortkeyTfvars => "lb_type".to_owned(),
                    _ => service.name.clone(),
                },
                load_balancer: service.load_balancer.as_ref().map(|lb| lb.span.clone()),
                switch_to_application: match kind {
                    InputKind::PortkeyTfvars => "`lb_type = \"application\"`",
                    InputKind::Terraform => "`load_balancer_type = \"application\"` on the `aws_lb`, with HTTP or HTTPS target groups",
                    InputKind::Cloudformation => "`Type: application` on the `AWS::ElasticLoadBalancingV2::LoadBalancer`, with HTTP or HTTPS target groups",
                    _ => "an Application Load Balancer's target groups in `loadBalancers`",
                },
            },
        ));
    }
    let listeners = match module {
        Some(module) => module.listeners,
        None => service.load_balancer.as_ref().map(|_| Listeners {
            production: Listener::unknown(),
            test: service.test_listener.then(Listener::unknown),
        }),
    };

    let (deployment, compare_base, fallbacks) = assemble(
        Parts {
            strategy: strategy_name,
            settings,
            shares: share_and_bake,
            circuit_breaker,
            hooked_stages: hooked_stages.clone(),
            desired_count,
            listeners,
            traffic,
            autoscaling: module.and_then(|module| module.autoscaling),
            deployable: controller.is_none() && module.is_none_or(|module| module.deployable),
        },
        &defaults(service, strategy_name),
    );
    // Judged on the service as far as it can be read (unusable values replaced by defaults),
    // so that fixing an unusable value never brings it up as a new diagnostic.
    if let Some(stages) = &hooked_stages {
        if !service.alarms && controller.is_none() {
            diagnostics.extend(no_behaviour_check(
                service,
                compare_base.strategy,
                stages,
                &locations,
            ));
        }
    }
    ServiceOutcome {
        desired_count,
        checked: Checked {
            strategy: strategy_name,
            deployment,
            environment: module.and_then(|module| module.environment.clone()),
            circuit_breaker,
            hooked_stages,
            locations,
            compare_base,
            fallbacks,
        },
        assumptions,
        notes,
    }
}

/// How `compare` names the service's parts, and what stands in for each that cannot be used:
/// the module's own names and defaults for the Portkey module, the source's settings and ECS's
/// defaults for the others.
fn defaults(service: &Service, strategy: StrategyName) -> Defaults {
    if service.module.is_some() {
        let (share, bake) = match strategy {
            StrategyName::Canary => ("`canary_percent`", "`canary_bake_time_in_minutes`"),
            _ => ("`step_percent`", "`step_bake_time_in_minutes`"),
        };
        let module = crate::config::Deployment::module_default();
        return Defaults {
            share: share.to_owned(),
            bake: bake.to_owned(),
            strategy: "`gateway_deployment_configuration`".to_owned(),
            strategy_instead: (module.strategy, "the module's default, rolling"),
            desired_count: "`gateway_config.desired_task_count`".to_owned(),
            desired_count_instead: (module.desired_count, "the module's default, 1 task"),
            circuit_breaker: "`gateway_deployment_circuit_breaker`".to_owned(),
            circuit_breaker_instead: (
                module.circuit_breaker,
                "the module's default, on with rollback",
            ),
            hooks: "`gateway_lifecycle_hook`".to_owned(),
        };
    }
    let named = |field: Field, otherwise: &str| {
        service.setting(field).map_or_else(
            || otherwise.to_owned(),
            |setting| format!("`{}`", setting.path),
        )
    };
    let (share, bake) = match strategy {
        StrategyName::Canary => (
            named(Field::CanaryPercent, "the canary share"),
            named(Field::CanaryBake, "the canary bake time"),
        ),
        _ => (
            named(Field::StepPercent, "the step share"),
            named(Field::StepBake, "the step bake time"),
        ),
    };
    let off = CircuitBreaker {
        enable: false,
        rollback: false,
    };
    Defaults {
        share,
        bake,
        strategy: named(Field::Strategy, "the strategy"),
        strategy_instead: (Strategy::Rolling, "ECS's default, rolling"),
        desired_count: named(Field::DesiredCount, "the task count"),
        desired_count_instead: (1, "1 task"),
        circuit_breaker: named(Field::BreakerEnable, "the circuit breaker"),
        circuit_breaker_instead: (off, "ECS's default, no circuit breaker"),
        hooks: "the lifecycle hooks".to_owned(),
    }
}

/// What stands in for an unresolved `field`.
fn default_text(field: Field) -> &'static str {
    match field {
        Field::Strategy => "ECS's default, ROLLING,",
        Field::DesiredCount => "1 task (set the desiredCount assumption to try others)",
        Field::MinimumHealthyPercent => "ECS's default, 100%,",
        Field::MaximumPercent => "ECS's default, 200%,",
        Field::BakeTime => "no deployment bake (0 minutes)",
        Field::CanaryPercent => "ECS's default canary share, 5%,",
        Field::CanaryBake => "ECS's default canary bake, 10 minutes,",
        Field::StepPercent => "ECS's default step, 10%,",
        Field::StepBake => "ECS's default step bake, 6 minutes,",
        Field::BreakerEnable | Field::BreakerRollback => "ECS's default, no circuit breaker,",
        Field::Controller => "ECS's own deployment controller",
        Field::LifecycleHooks => "no lifecycle hook,",
    }
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or(text).trim()
}

/// The strategy's name from the source's own field; ECS's default, rolling, when absent.
fn strategy(
    source: &str,
    service: &Service,
    locations: &mut Locations,
    diagnostics: &mut Vec<Diagnostic>,
) -> StrategyName {
    let Some(setting) = service.setting(Field::Strategy) else {
        return StrategyName::Rolling;
    };
    locations.strategy = Some(setting.entry.value.span.clone());
    let name = match &setting.entry.value.value {
        Value::String(name) => name.clone(),
        Value::Null => return StrategyName::Rolling,
        other => other.kind().to_owned(),
    };
    let known = [
        StrategyName::Rolling,
        StrategyName::BlueGreen,
        StrategyName::Canary,
        StrategyName::Linear,
    ];
    if let Some(strategy) = known.into_iter().find(|strategy| strategy.as_str() == name) {
        return strategy;
    }
    let upper = name.trim().to_ascii_uppercase().replace(['-', ' '], "_");
    let meant = known
        .into_iter()
        .find(|strategy| strategy.as_str() == upper)
        .or_else(|| {
            crate::suggest::closest(&upper, known.iter().map(|strategy| strategy.as_str()))
                .and_then(|closest| {
                    known
                        .into_iter()
                        .find(|strategy| strategy.as_str() == closest)
                })
        });
    let mut diagnostic = Diagnostic::new(
        Code::UnknownStrategy,
        format!("`{name}` is not a deployment strategy ECS knows"),
    )
    .at(setting.entry.value.span.clone())
    .at_path(setting.path.clone())
    .with_help("ECS takes ROLLING, BLUE_GREEN, CANARY or LINEAR, in capitals");
    if let Some(meant) = meant {
        let text = if source
            .get(setting.entry.value.span.clone())
            .is_some_and(|written| written.starts_with(['"', '\'']))
            || !matches!(setting.entry.value.value, Value::String(_))
        {
            format!("\"{}\"", meant.as_str())
        } else {
            meant.as_str().to_owned()
        };
        diagnostic = diagnostic.with_fix(Fix::replace(
            format!("Use `{}`", meant.as_str()),
            setting.entry.value.span.clone(),
            text,
        ));
    }
    diagnostics.push(diagnostic);
    // ECS refuses the service; the timeline is drawn for nothing.
    StrategyName::Rolling
}

/// ECS's ranges on each plain branch of a `Fn::If`: either may be deployed, so a value ECS
/// refuses in either is reported there (the timeline, which cannot know the branch, uses ECS's
/// default and says so).
fn check_branches(source: &str, service: &Service, diagnostics: &mut Vec<Diagnostic>) {
    for (field, setting) in &service.branches {
        let (entry, path) = (&setting.entry, setting.path.as_str());
        let mut found = Vec::new();
        match field {
            Field::CanaryPercent => {
                check_percent(source, entry, path, PercentRule::CANARY, &mut found);
            }
            Field::StepPercent => {
                check_percent(source, entry, path, PercentRule::STEP, &mut found);
            }
            Field::CanaryBake => {
                check_bake(source, entry, path, "canary", &mut found);
            }
            Field::StepBake => {
                check_bake(source, entry, path, "step", &mut found);
            }
            Field::BakeTime => {
                check_bake(source, entry, path, "deployment", &mut found);
            }
            _ => {}
        }
        // A branch's `no-bake-time` or `full-shift-in-one-step` is a choice the other branch may
        // not make; only what ECS refuses is reported.
        diagnostics.extend(
            found
                .into_iter()
                .filter(|diagnostic| diagnostic.severity == crate::diagnostic::Severity::Error),
        );
    }
}

/// The chosen canary's or linear's share and bake, each `None` when ECS would refuse it; ECS's
/// defaults when the block is absent (API reference, `CanaryConfiguration` and
/// `LinearConfiguration`).
fn strategy_settings(
    source: &str,
    service: &Service,
    strategy: StrategyName,
    locations: &mut Locations,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Option<Tenths>, Option<BakeMinutes>) {
    let (share_field, bake_field, rule, kind_name, defaults) = match strategy {
        StrategyName::Canary => (
            Field::CanaryPercent,
            Field::CanaryBake,
            PercentRule::CANARY,
            "canary",
            Strategy::ECS_CANARY_DEFAULTS,
        ),
        StrategyName::Linear => (
            Field::StepPercent,
            Field::StepBake,
            PercentRule::STEP,
            "step",
            Strategy::ECS_LINEAR_DEFAULTS,
        ),
        _ => return (None, None),
    };
    // A share or bake the source leaves unusable is neither read nor replaced by ECS's default.
    let share = match service.setting(share_field) {
        None if service.is_unusable(share_field) => None,
        Some(setting) => {
            let located = setting.entry.value.span.clone();
            match strategy {
                StrategyName::Canary => locations.canary_percent = Some(located),
                _ => locations.step_percent = Some(located),
            }
            check_percent(source, &setting.entry, &setting.path, rule, diagnostics)
        }
        None => Some(defaults.0),
    };
    let bake = match service.setting(bake_field) {
        None if service.is_unusable(bake_field) => None,
        Some(setting) => {
            let located = setting.entry.value.span.clone();
            match strategy {
                StrategyName::Canary => locations.canary_bake = Some(located),
                _ => locations.step_bake = Some(located),
            }
            check_bake(
                source,
                &setting.entry,
                &setting.path,
                kind_name,
                diagnostics,
            )
        }
        None => Some(defaults.1),
    };
    (share, bake)
}

/// The setting whose value `long-deployment` points at: the canary or step bake.
fn bake_setting(service: &Service, strategy: StrategyName) -> Option<&Setting> {
    match strategy {
        StrategyName::Canary => service.setting(Field::CanaryBake),
        StrategyName::Linear => service.setting(Field::StepBake),
        _ => None,
    }
    .or_else(|| service.setting(Field::BakeTime))
}

/// `MinimumHealthyPercent` (0 to 100) or `MaximumPercent` (at least 100), whole numbers (facts
/// section 2); the value for the timeline's assumptions when ECS accepts it.
fn percent_limit(
    source: &str,
    service: &Service,
    field: Field,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<f64> {
    let setting = service.setting(field)?;
    let value = match setting.entry.value.value {
        Value::Number(value) => value,
        // Another type is the schema's `type-mismatch` (`validate.rs`).
        _ => return None,
    };
    let (valid, rule) = match field {
        Field::MinimumHealthyPercent => (
            (0.0..=100.0).contains(&value),
            "a whole percentage from 0 to 100",
        ),
        _ => (
            (100.0..=f64::from(u16::MAX)).contains(&value),
            "a whole percentage of at least 100",
        ),
    };
    if valid && value.fract() == 0.0 {
        return Some(value);
    }
    let written = source
        .get(setting.entry.value.span.clone())
        .unwrap_or("")
        .trim();
    diagnostics.push(
        Diagnostic::new(
            Code::DeploymentPercentOutOfRange,
            format!("`{}` is {written}, but ECS takes {rule}", setting.entry.key),
        )
        .at(setting.entry.value.span.clone())
        .at_path(setting.path.clone())
        .with_help("For a replica service the minimum healthy percent is 0 to 100 (default 100) and the maximum percent at least 100 (default 200); rolling deployments keep the running task count between them"),
    );
    None
}

/// The desired task count: whole, 0 to 5,000; the source's default when absent (Terraform's
/// `desired_count` defaults to 0, CloudFormation's `DesiredCount` to 1 for a new service, the
/// Portkey module's to 1, and a `null` there takes the inner module's default, also 1).
fn desired_count(
    source: &str,
    kind: InputKind,
    service: &Service,
    notes: &mut Vec<String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<u32> {
    if service.is_unusable(Field::DesiredCount) {
        return None;
    }
    let Some(setting) = service.setting(Field::DesiredCount) else {
        if service.unresolved(Field::DesiredCount).is_some() {
            return Some(1);
        }
        let (count, why) = match kind {
            InputKind::PortkeyTfvars => return Some(1),
            InputKind::Terraform => (0, "the provider's default for `desired_count` is 0"),
            InputKind::Cloudformation => (
                1,
                "CloudFormation starts a new service with 1 task when `DesiredCount` is absent",
            ),
            _ => (1, "`desiredCount` is absent; this timeline assumes 1 task"),
        };
        notes.push(format!(
            "No task count is set: {why}; set the desiredCount assumption to try others"
        ));
        return Some(count);
    };
    let (entry, path) = (&setting.entry, setting.path.as_str());
    diagnostics.extend(nulls::default_applied(entry, path));
    let count = match nulls::resolve(entry, path) {
        Value::Number(count) => count,
        // Another type is the schema's `type-mismatch` (`validate.rs`).
        _ => return None,
    };
    let written = || match kind {
        InputKind::PortkeyTfvars => nulls::quoted(source, entry, path),
        _ => {
            let written = source.get(entry.value.span.clone()).unwrap_or("").trim();
            format!("`{}` is {}, which", entry.key, first_line(written))
        }
    };
    crate::checks::capacity::task_count(
        count,
        written,
        entry.value.span.clone(),
        setting.path.clone(),
        diagnostics,
    )
}

/// The circuit breaker: off unless the source turns it on (ECS's default for every source but
/// the Portkey module, whose inner module's breaker is on, with rollback, when the file does
/// not write one, and whose `null` flags take that module's defaults).
fn circuit_breaker(
    service: &Service,
    locations: &mut Locations,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<CircuitBreaker> {
    if service.is_unusable(Field::BreakerEnable) {
        return None;
    }
    if service
        .module
        .as_ref()
        .is_some_and(|module| !module.breaker_written)
    {
        return Some(crate::config::Deployment::module_default().circuit_breaker);
    }
    // Each flag as ECS receives it, and whether the source writes it (a `null` the module
    // replaces is not something the file can be edited at).
    let flag = |field: Field| -> Result<Option<(bool, &Setting, bool)>, ()> {
        let Some(setting) = service.setting(field) else {
            return Ok(None);
        };
        let written = setting.entry.value.value != Value::Null;
        match nulls::resolve(&setting.entry, &setting.path) {
            Value::Bool(value) => Ok(Some((value, setting, written))),
            Value::Null => Ok(None),
            _ => Err(()),
        }
    };
    // Another type is the schema's `type-mismatch` (`validate.rs`).
    let (Ok(enable), Ok(rollback)) = (flag(Field::BreakerEnable), flag(Field::BreakerRollback))
    else {
        return None;
    };
    for (_, setting, _) in enable.iter().chain(rollback.iter()) {
        diagnostics.extend(nulls::default_applied(&setting.entry, &setting.path));
    }
    locations.circuit_breaker = enable.map(|(_, setting, _)| setting.entry.value.span.clone());
    locations.rollback = rollback.map(|(_, setting, _)| setting.entry.value.span.clone());
    let breaker = CircuitBreaker {
        enable: enable.is_some_and(|(value, _, _)| value),
        rollback: rollback.is_some_and(|(value, _, _)| value),
    };
    if enable.is_none()
        && service.unresolved(Field::BreakerEnable).is_none()
        && service.module.is_none()
    {
        diagnostics.push(circuit_breaker::not_configured(
            service.span.clone(),
            service.name.clone(),
        ));
    }
    // A breaker switched on or off at deploy time (`!If`, `!Ref`) is judged by neither value.
    if service.unresolved(Field::BreakerEnable).is_some() {
        return Some(breaker);
    }
    let written = |flag: Option<(bool, &Setting, bool)>| {
        flag.filter(|(_, _, written)| *written)
            .map(|(_, setting, _)| circuit_breaker::Written {
                span: setting.entry.value.span.clone(),
                path: setting.path.clone(),
            })
    };
    circuit_breaker::judge(
        &circuit_breaker::Flags {
            enable: breaker.enable,
            enable_at: written(enable),
            rollback: breaker.rollback,
            rollback_at: written(rollback),
            whose: "",
        },
        diagnostics,
    );
    Some(breaker)
}

/// The hooked stages, in the order a deployment passes them; `None` when the source leaves its
/// hooks unusable. Every hook's stage names are judged, a disabled one's too.
fn hooks(
    source: &str,
    service: &Service,
    strategy: StrategyName,
    locations: &mut Locations,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Vec<Stage>> {
    if service.is_unusable(Field::LifecycleHooks) {
        return None;
    }
    let mut stages = Vec::new();
    // The stage list of the last enabled hook that lists any, for `lifecycle-hook-on-rolling`.
    let mut listing = None;
    for hook in &service.hooks {
        locations.lifecycle_hook = Some(hook.switch.clone().unwrap_or(hook.span.clone()));
        let items = match hook
            .stages
            .as_ref()
            .map(|setting| &setting.entry.value.value)
        {
            Some(Value::List(items)) => items.as_slice(),
            Some(_) => continue,
            None => &[],
        };
        if items.is_empty() && !hook.disabled {
            let (span, path) = match &hook.stages {
                Some(setting) => (setting.entry.value.span.clone(), setting.path.clone()),
                None => (hook.span.clone(), hook.path.clone()),
            };
            // A hook with a switch names its list (the last part of its path when the list is
            // not written).
            let message = match &hook.switch {
                Some(_) => format!(
                    "the lifecycle hook is enabled but `{}` lists no stage",
                    path.rsplit('.').next().unwrap_or(&path)
                ),
                None => "this lifecycle hook lists no stage".to_owned(),
            };
            diagnostics.push(lifecycle::without_stages(
                &message,
                Some(span),
                path,
                hook.switch.clone(),
            ));
        }
        let Some(setting) = &hook.stages else {
            continue;
        };
        locations.lifecycle_stages = Some(setting.entry.value.span.clone());
        if !hook.disabled && !items.is_empty() {
            listing = Some(setting);
        }
        let mut own = Vec::new();
        for (index, item) in items.iter().enumerate() {
            let Value::String(name) = &item.value else {
                continue;
            };
            let path = format!("{}[{index}]", setting.path);
            match judge_stage(items, index, name, &own, &path) {
                Ok(stage) => {
                    own.push(stage);
                    if !hook.disabled && !stages.contains(&stage) {
                        stages.push(stage);
                    }
                }
                Err(mut diagnostic) => {
                    if item.computed || !own_literal(source, item, name) {
                        diagnostic.fixes.clear();
                    }
                    diagnostics.push(*diagnostic);
                }
            }
        }
    }
    if let (Some(setting), StrategyName::Rolling) = (listing, strategy) {
        diagnostics.push(lifecycle::on_rolling(
            Some(setting.entry.value.span.clone()),
            setting.path.clone(),
        ));
    }
    Some(
        Stage::ALL
            .into_iter()
            .filter(|stage| stages.contains(stage))
            .collect(),
    )
}

/// Whether `item` is written as the literal `name` (quoted or, in YAML, plain), so that an edit
/// of its span changes that stage alone.
fn own_literal(source: &str, item: &crate::read::Node, name: &str) -> bool {
    source.get(item.span.clone()).is_some_and(|text| {
        let text = text.trim();
        text == name
            || text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) == Some(name)
            || text.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')) == Some(name)
    })
}

/// `no-behaviour-check` for a service without CloudWatch alarms.
fn no_behaviour_check(
    service: &Service,
    settings: Strategy,
    stages: &[Stage],
    locations: &Locations,
) -> Option<Diagnostic> {
    match &service.module {
        // The module creates no CloudWatch alarms (facts section 8), so only a hook can check
        // the new version's behaviour.
        Some(module) => lifecycle::no_behaviour_check(
            settings,
            stages,
            module.deployment_configuration_at.clone(),
            "gateway_lifecycle_hook".to_owned(),
            "The module creates no CloudWatch alarms, and the circuit breaker only sees tasks that fail to start or fail health checks. Enable `gateway_lifecycle_hook` with a stage such as `POST_TEST_TRAFFIC_SHIFT` or `PRE_PRODUCTION_TRAFFIC_SHIFT`, and make its Lambda answer FAILED when the new version misbehaves",
        ),
        None => lifecycle::no_behaviour_check(
            settings,
            stages,
            locations.strategy.clone().or_else(|| service.span.clone()),
            service.name.clone(),
            "Enable the deployment's CloudWatch alarms, or add a lifecycle hook at a stage such as POST_TEST_TRAFFIC_SHIFT or PRE_PRODUCTION_TRAFFIC_SHIFT whose Lambda answers FAILED when the new version misbehaves; the circuit breaker only sees tasks that fail to start or fail health checks",
        ),
    }
}

/// What carries the service's traffic, as its source says (facts section 10).
fn traffic(service: &Service) -> Traffic {
    Traffic {
        load_balancer: service.load_balancer.as_ref().map(|balancer| LoadBalancer {
            kind: balancer.kind,
            kind_from: balancer.kind_from.clone(),
        }),
        service_connect: service.service_connect,
        test_header: service.test_header.clone(),
        vpc_lattice: service.vpc_lattice,
        unresolved: service.carrier_unresolved,
    }
}
