//! ECS's rules on the settings of a canary or linear rollout, from any source (facts section 2):
//! shares, bakes, and deployments too long for CloudFormation.

use super::nulls;
use crate::config::{BakeMinutes, Strategy, Tenths};
use crate::diagnostic::{Code, Diagnostic, Fix, Span};
use crate::read::{Entry, Value};
use crate::scalar::format_number;

/// CloudFormation refuses an ECS linear deployment whose bakes add up to more than this.
const LONG_DEPLOYMENT_MINUTES: u32 = 33 * 60;

/// Who reads the configuration, for `long-deployment`: CloudFormation refuses such a stack
/// operation, Terraform and the API let it run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LongDeploymentSource {
    Terraform,
    CloudFormation,
    Api,
}

/// `long-deployment`: the deployment time CloudFormation computes (its `CanaryConfiguration`
/// and `LinearConfiguration` reference pages): the deployment bake plus the canary bake, or
/// plus the step bake times the step count, over 33 hours. An error for a CloudFormation
/// template, which CloudFormation refuses; a warning elsewhere, where it only runs long.
pub(crate) fn long_deployment(
    settings: Strategy,
    deployment_bake_minutes: u32,
    span: Span,
    path: String,
    source: LongDeploymentSource,
) -> Option<Diagnostic> {
    let (bakes, bake, what, name) = match settings {
        Strategy::Canary { bake, .. } => (1, bake, "the canary bake", "canary"),
        Strategy::Linear { step, bake } => {
            (u32::from(step_bakes(step)), bake, "step bakes", "linear")
        }
        _ => return None,
    };
    let total = u32::from(bake.get()) * bakes + deployment_bake_minutes;
    if total <= LONG_DEPLOYMENT_MINUTES {
        return None;
    }
    let counted = match settings {
        Strategy::Linear { .. } => format!("{bakes} {what} of {} minutes", bake.get()),
        _ => format!("{what} of {} minutes", bake.get()),
    };
    let mut diagnostic = Diagnostic::new(
        Code::LongDeployment,
        format!(
            "{counted} plus the {deployment_bake_minutes}-minute deployment bake add up to {total} minutes ({:.1} hours)",
            f64::from(total) / 60.0
        ),
    )
    .at(span)
    .at_path(path);
    diagnostic = match source {
        LongDeploymentSource::CloudFormation => {
            diagnostic.severity = crate::diagnostic::Severity::Error;
            diagnostic.with_help("CloudFormation will refuse this stack operation: it rejects ECS canary and linear deployments whose computed time exceeds 33 hours; use a larger step or shorter bakes")
        }
        LongDeploymentSource::Terraform => diagnostic.with_help(format!("CloudFormation refuses ECS {name} deployments over 33 hours, and Terraform does not check it; use a larger step or a shorter bake")),
        LongDeploymentSource::Api => diagnostic.with_help(format!("The ECS API accepts it, but the rollout runs well over a day (CloudFormation refuses ECS {name} deployments over 33 hours); use a larger step or a shorter bake")),
    };
    Some(diagnostic)
}

/// Step bakes in a linear rollout: 100/p − 1 when p divides 100, else floor(100/p) (facts §4).
pub fn step_bakes(step: Tenths) -> u16 {
    let step = step.get();
    if 1000 % step == 0 {
        1000 / step - 1
    } else {
        1000 / step
    }
}

pub(crate) struct PercentRule {
    min_tenths: u16,
    code: Code,
    what: &'static str,
    /// ECS's own default share, offered as a fix for a value out of range.
    ecs_default: Tenths,
}

impl PercentRule {
    pub(crate) const CANARY: PercentRule = PercentRule {
        min_tenths: 1,
        code: Code::CanaryPercentOutOfRange,
        what: "the canary's share of production traffic",
        ecs_default: Strategy::ECS_CANARY_DEFAULTS.0,
    };
    pub(crate) const STEP: PercentRule = PercentRule {
        min_tenths: 30,
        code: Code::StepPercentOutOfRange,
        what: "the share of production traffic moved at each step",
        ecs_default: Strategy::ECS_LINEAR_DEFAULTS.0,
    };
}

/// The fixes of a number ECS refuses for being out of its range: the nearest value it accepts,
/// unless that value is itself a poor choice the caller names (`avoid`: a share of 100 moves all
/// traffic at once, a bake of 0 leaves no time to look), and ECS's default when it has one.
fn out_of_range_fixes(
    span: &Span,
    value: f64,
    range: (f64, f64),
    avoid: Option<f64>,
    ecs_default: Option<f64>,
    unit: &str,
) -> Vec<Fix> {
    let nearest = value.clamp(range.0, range.1);
    let mut fixes = Vec::new();
    if avoid != Some(nearest) && Some(nearest) != ecs_default {
        let bound = if nearest == range.0 {
            "smallest"
        } else {
            "largest"
        };
        fixes.push(Fix::replace(
            format!(
                "Use {}{unit}, the {bound} value ECS accepts",
                format_number(nearest)
            ),
            span.clone(),
            format_number(nearest),
        ));
    }
    if let Some(default) = ecs_default {
        fixes.push(Fix::replace(
            format!("Use {}{unit}, ECS's default", format_number(default)),
            span.clone(),
            format_number(default),
        ));
    }
    fixes
}

/// Whether ECS accepts the share `entry` (at `path`, its full path), with the diagnostics that
/// say why not; Portkey's and every other source's percentages are judged here.
pub(crate) fn check_percent(
    source: &str,
    entry: &Entry,
    path: &str,
    rule: PercentRule,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Tenths> {
    let path = path.to_owned();
    let Value::Number(percent) = nulls::resolve(entry, &path) else {
        return None;
    };
    let span = entry.value.span.clone();
    let quoted = nulls::quoted(source, entry, &path);
    let defaulted = nulls::default_for(entry, &path).is_some();
    let min = f64::from(rule.min_tenths) / 10.0;
    if !(min..=100.0).contains(&percent) {
        let mut diagnostic = Diagnostic::new(
            rule.code,
            format!(
                "{quoted} is outside {} to 100, so ECS refuses it",
                format_number(min)
            ),
        )
        .at(span.clone())
        .at_path(path.clone())
        .with_help(format!(
            "`{}` is {}, a percentage from {} to 100 in steps of 0.1",
            entry.key,
            rule.what,
            format_number(min)
        ));
        if percent.is_finite() {
            for fix in out_of_range_fixes(
                &span,
                percent,
                (min, 100.0),
                Some(100.0),
                Some(rule.ecs_default.as_percent()),
                "%",
            ) {
                diagnostic = diagnostic.with_fix(fix);
            }
        }
        diagnostics.push(diagnostic);
        return None;
    }
    let Some(tenths) = Tenths::from_percent(percent) else {
        let rounded = ((percent * 10.0).round() / 10.0).max(min);
        let rounded_text = format_number(rounded);
        diagnostics.push(
            Diagnostic::new(
                Code::PercentNotMultipleOfTenth,
                format!("{quoted} is not a multiple of 0.1, so the ECS API refuses it"),
            )
            .at(span.clone())
            .at_path(path.clone())
            .with_help("ECS takes traffic percentages in steps of 0.1; the Terraform provider does not check this, the API does at deploy time")
            .with_fix(Fix::replace(format!("Round to {rounded_text}"), span, rounded_text)),
        );
        return None;
    };
    if tenths == Tenths::HUNDRED {
        diagnostics.push(
            Diagnostic::new(
                Code::FullShiftInOneStep,
                format!("{quoted} moves all production traffic at once, as blue/green does"),
            )
            .at(span)
            .at_path(path.clone())
            .with_help("Use a smaller share to limit the blast radius, or say what you mean with `enable_blue_green = true`"),
        );
    }
    if defaulted {
        diagnostics.extend(nulls::default_applied(entry, &path));
    }
    Some(tenths)
}

/// Whether ECS accepts the bake time `entry` (at `path`, its full path), with the diagnostics
/// that say why not; every source's bake times are judged here.
pub(crate) fn check_bake(
    source: &str,
    entry: &Entry,
    path: &str,
    kind: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<BakeMinutes> {
    let path = path.to_owned();
    let Value::Number(minutes) = nulls::resolve(entry, &path) else {
        return None;
    };
    let span: Span = entry.value.span.clone();
    let quoted = nulls::quoted(source, entry, &path);
    let max = f64::from(BakeMinutes::MAX);
    if !(0.0..=max).contains(&minutes) {
        let ecs_default = match kind {
            "canary" => Some(f64::from(Strategy::ECS_CANARY_DEFAULTS.1.get())),
            "step" => Some(f64::from(Strategy::ECS_LINEAR_DEFAULTS.1.get())),
            _ => None,
        };
        let mut diagnostic = Diagnostic::new(
            Code::BakeTimeOutOfRange,
            format!("{quoted} is outside 0 to 1440 minutes"),
        )
        .at(span.clone())
        .at_path(path.clone())
        .with_help("ECS accepts bake times from 0 to 1440 minutes (24 hours)");
        if minutes.is_finite() {
            for fix in
                out_of_range_fixes(&span, minutes, (0.0, max), Some(0.0), ecs_default, " min")
            {
                diagnostic = diagnostic.with_fix(fix);
            }
        }
        diagnostics.push(diagnostic);
        return None;
    }
    if minutes.fract() != 0.0 {
        let rounded = format_number(minutes.round());
        diagnostics.push(
            Diagnostic::new(
                Code::BakeTimeNotWhole,
                format!("{quoted} is not a whole number of minutes"),
            )
            .at(span.clone())
            .at_path(path.clone())
            .with_help("ECS takes bake times in whole minutes")
            .with_fix(Fix::replace(format!("Round to {rounded}"), span, rounded)),
        );
        return None;
    }
    let bake = BakeMinutes::new(minutes as u16)?;
    if bake.get() == 0 {
        diagnostics.push(
            Diagnostic::new(
                Code::NoBakeTime,
                format!("{quoted} leaves no time to notice a bad version before more traffic moves"),
            )
            .at(span)
            .at_path(path.clone())
            .with_help(format!(
                "A {kind} bake is the window in which alarms or hooks can stop the rollout; a few minutes is usual"
            )),
        );
    }
    diagnostics.extend(nulls::default_applied(entry, &path));
    Some(bake)
}
