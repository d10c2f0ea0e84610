//! Diagnostics as plain data: what is wrong, where (in bytes), why, and how to fix it.
//!
//! Every check in the crate produces [`Diagnostic`] values; nothing here renders them.
//! Rendering lives in `render/`, conversion to the consumer's units in `report.rs`.

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// A byte range into the analysed source.
pub type Span = Range<usize>;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

macro_rules! codes {
    ($($variant:ident = $name:literal, $severity:ident, $summary:literal;)*) => {
        /// Every diagnostic code the analyzer can report (contract section 4).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($variant,)*
        }

        impl Code {
            /// All codes, in the order the contract lists them.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable kebab-case name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }

            /// The severity a diagnostic has unless `Options.rules` says otherwise.
            pub fn default_severity(self) -> Severity {
                match self {
                    $(Code::$variant => Severity::$severity,)*
                }
            }

            /// One line saying what the code means.
            pub fn summary(self) -> &'static str {
                match self {
                    $(Code::$variant => $summary,)*
                }
            }

            /// The code with this kebab-case name, if any.
            pub fn from_name(name: &str) -> Option<Code> {
                match name {
                    $($name => Some(Code::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

codes! {
    SyntaxError = "syntax-error", Error, "The file is not valid HCL or JSON";
    BlockNotAllowed = "block-not-allowed", Error, "A block such as `variable \"x\" {}` cannot appear in a tfvars file";
    ExpressionNotAllowed = "expression-not-allowed", Error, "A variable reference, function call or other expression that Terraform refuses in tfvars";
    InvalidExpression = "invalid-expression", Error, "A constant expression that Terraform cannot evaluate, such as a division by zero";
    UnsupportedExpression = "unsupported-expression", Warning, "An expression Terraform evaluates but ecs-rollout does not (`%` inside a template or `for`), so its value is not checked";
    DuplicateVariable = "duplicate-variable", Error, "The same variable is set twice";
    DuplicateAttribute = "duplicate-attribute", Error, "An object sets the same attribute twice";
    UnknownVariable = "unknown-variable", Warning, "A variable the Portkey module does not declare";
    MissingRequiredVariable = "missing-required-variable", Warning, "A variable the module requires is not set";
    InputTooLarge = "input-too-large", Error, "The input is over the documented size limit";
    TypeMismatch = "type-mismatch", Error, "A value that cannot convert to the variable's declared type";
    MissingAttribute = "missing-attribute", Error, "An object lacks an attribute its type requires";
    UnknownAttribute = "unknown-attribute", Warning, "An attribute the object type does not have; Terraform drops it silently";
    ModuleValidationFailed = "module-validation-failed", Error, "One of the module's own validation conditions fails";
    NullNotAllowed = "null-not-allowed", Error, "A variable the module reads attributes from is `null`, so `terraform plan` fails";
    ModuleDefaultApplied = "module-default-applied", Info, "A `null` that the module replaces with its own default before ECS sees it";
    InvalidTaskCount = "invalid-task-count", Error, "A desired task count that is not a whole number from 0 to 5000";
    ConflictingStrategies = "conflicting-strategies", Error, "More than one of blue/green, canary and linear is configured";
    LoadBalancerRequired = "load-balancer-required", Info, "Retired and never reported: ECS shifts traffic through Service Connect or VPC Lattice as well as a load balancer, and runs headless blue/green (the code stays so that rule settings naming it still work)";
    NoTrafficShifting = "no-traffic-shifting", Warning, "A canary or linear rollout on a service with no load balancer, Service Connect or VPC Lattice, so no traffic is shifted";
    CanaryBehindNlb = "canary-behind-nlb", Warning, "A canary or linear rollout behind a Network Load Balancer, which versions of the ECS guide disagree on supporting";
    CanaryPercentOutOfRange = "canary-percent-out-of-range", Error, "`canary_percent` must be between 0.1 and 100";
    StepPercentOutOfRange = "step-percent-out-of-range", Error, "`step_percent` must be between 3 and 100";
    PercentNotMultipleOfTenth = "percent-not-multiple-of-tenth", Error, "ECS accepts traffic percentages only in steps of 0.1";
    BakeTimeOutOfRange = "bake-time-out-of-range", Error, "Bake times must be between 0 and 1440 minutes";
    BakeTimeNotWhole = "bake-time-not-whole", Error, "Bake times must be whole minutes";
    FullShiftInOneStep = "full-shift-in-one-step", Warning, "All production traffic moves at once, as with blue/green";
    NoBakeTime = "no-bake-time", Warning, "A bake of 0 minutes leaves no time to notice a bad version";
    LongDeployment = "long-deployment", Warning, "The bakes add up to more than 33 hours";
    CircuitBreakerDisabled = "circuit-breaker-disabled", Warning, "The deployment circuit breaker is off";
    RollbackDisabled = "rollback-disabled", Warning, "The circuit breaker stops a failed deployment but does not restore the old version";
    RollbackWithoutCircuitBreaker = "rollback-without-circuit-breaker", Warning, "Rollback is on but the circuit breaker is off, so rollback never happens";
    UnknownLifecycleStage = "unknown-lifecycle-stage", Error, "Not an ECS lifecycle stage name";
    UnhookableLifecycleStage = "unhookable-lifecycle-stage", Error, "SCALE_UP, BAKE_TIME and CLEAN_UP are stages that cannot carry a hook";
    DuplicateLifecycleStage = "duplicate-lifecycle-stage", Warning, "A lifecycle stage is listed twice";
    LifecycleHookWithoutStages = "lifecycle-hook-without-stages", Error, "The lifecycle hook is enabled with no stages";
    LifecycleStagesIgnored = "lifecycle-stages-ignored", Warning, "Stages are listed while the lifecycle hook is disabled";
    LifecycleHookOnRolling = "lifecycle-hook-on-rolling", Warning, "Lifecycle hooks are configured for a rolling deployment, where ECS documents none";
    CapacityExceeded = "capacity-exceeded", Warning, "The rollout's peak tasks do not fit the EC2 Auto Scaling group's largest size";
    NoBehaviourCheck = "no-behaviour-check", Info, "A canary or linear rollout with nothing that checks the new version before it gets all traffic";
    UnresolvedValue = "unresolved-value", Info, "A setting that refers to a variable, parameter or resource whose value the source does not give, so ECS's default stands in";
    ExternalDeploymentController = "external-deployment-controller", Info, "The service is deployed by CodeDeploy or an external controller, so ECS's deployment settings and this timeline do not apply";
    UnknownStrategy = "unknown-strategy", Error, "A deployment strategy ECS does not know; it takes ROLLING, BLUE_GREEN, CANARY or LINEAR";
    DeploymentPercentOutOfRange = "deployment-percent-out-of-range", Error, "A minimum healthy percent outside 0 to 100, or a maximum percent below 100";
    NoService = "no-service", Warning, "The source defines no ECS service, so there is nothing to check or draw";
    InputNotSupported = "input-not-supported", Error, "This build of ecs-rollout leaves out the reader of this kind of source";
    PolicyViolation = "policy-violation", Error, "An organisation policy rule fails";
    InvalidOptions = "invalid-options", Error, "The options given to the analyzer are not valid, so nothing was checked (the Rust API's answer to what the CLI and the package refuse)";
    DeploymentRolledBack = "deployment-rolled-back", Info, "A deployment in an ECS deployment record was rolled back; the message gives the recorded reason";
    DeploymentStopped = "deployment-stopped", Info, "A deployment in an ECS deployment record was stopped; the message gives the recorded reason";
    DeploymentSlowerThanPlanned = "deployment-slower-than-planned", Warning, "A recorded deployment took more than twice its plan; the message names the stretch where the time went";
    UnreadableRecordValue = "unreadable-record-value", Warning, "A time in an ECS deployment record that cannot be read, so it is left out";
}

/// One text replacement: the bytes in `span` become `new_text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub new_text: String,
}

/// A machine-applicable fix: a title for the button and the edits it makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A fix that replaces one span.
    pub fn replace(title: impl Into<String>, span: Span, new_text: impl Into<String>) -> Fix {
        Fix {
            title: title.into(),
            edits: vec![Edit {
                span,
                new_text: new_text.into(),
            }],
        }
    }
}

/// Secondary information pointing at another place, such as the first of two duplicates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub span: Span,
    pub message: String,
}

/// One problem found in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    /// Where in the configuration, such as `gateway_config.desired_task_count` or `stages[2]`.
    pub path: Option<String>,
    pub span: Option<Span>,
    pub help: Option<String>,
    pub fixes: Vec<Fix>,
    pub related: Vec<Related>,
}

impl Diagnostic {
    /// A diagnostic with the code's default severity and nothing but a message.
    pub fn new(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: code.default_severity(),
            message: message.into(),
            path: None,
            span: None,
            help: None,
            fixes: Vec::new(),
            related: Vec::new(),
        }
    }

    pub fn at(mut self, span: Span) -> Diagnostic {
        self.span = Some(span);
        self
    }

    pub fn at_path(mut self, path: impl Into<String>) -> Diagnostic {
        self.path = Some(path.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Diagnostic {
        self.fixes.push(fix);
        self
    }

    pub fn with_related(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.related.push(Related {
            span,
            message: message.into(),
        });
        self
    }
}

/// Applies the edits of `fixes` to `source`, in the order of their spans (by start, then end,
/// then as given).
///
/// Overlapping edits are skipped after the first one, so the result is always well formed.
pub fn apply_fixes<'a>(source: &str, fixes: impl IntoIterator<Item = &'a Fix>) -> String {
    apply_fixes_placed(source, fixes).0
}

/// [`apply_fixes`], also returning where each fix's edits are in the result (none for an edit
/// left out because it overlaps an earlier one), for checking fixes by where their text lands.
pub(crate) fn apply_fixes_placed<'a>(
    source: &str,
    fixes: impl IntoIterator<Item = &'a Fix>,
) -> (String, Vec<Vec<Span>>) {
    let edits: Vec<(usize, &Edit)> = fixes
        .into_iter()
        .enumerate()
        .flat_map(|(index, fix)| fix.edits.iter().map(move |edit| (index, edit)))
        .collect();
    let count = edits.iter().map(|(index, _)| index + 1).max().unwrap_or(0);
    // By start, then by end within a run of equal starts, each time keeping the given order for
    // ties: pairs of numbers through the crate's one sort (`pairs`), no standard sort instance.
    let mut order: Vec<(usize, usize)> = edits
        .iter()
        .enumerate()
        .map(|(position, (_, edit))| (edit.span.start, position))
        .collect();
    crate::pairs::sort_pairs(&mut order);
    let mut run = 0;
    while run < order.len() {
        let start = order[run].0;
        let end = run
            + order[run..]
                .iter()
                .take_while(|(at, _)| *at == start)
                .count();
        if end - run > 1 {
            let mut by_end: Vec<(usize, usize)> = order[run..end]
                .iter()
                .map(|&(_, position)| (edits[position].1.span.end, position))
                .collect();
            crate::pairs::sort_pairs(&mut by_end);
            for (slot, (_, position)) in order[run..end].iter_mut().zip(by_end) {
                slot.1 = position;
            }
        }
        run = end;
    }
    let mut placed = vec![Vec::new(); count];
    let mut out = String::with_capacity(source.len());
    let mut cursor = 0;
    for (_, position) in order {
        let (index, edit) = edits[position];
        let in_bounds = edit.span.end <= source.len()
            && source.is_char_boundary(edit.span.start)
            && source.is_char_boundary(edit.span.end);
        if edit.span.start < cursor || !in_bounds {
            continue;
        }
        out.push_str(&source[cursor..edit.span.start]);
        placed[index].push(out.len()..out.len() + edit.new_text.len());
        out.push_str(&edit.new_text);
        cursor = edit.span.end;
    }
    out.push_str(&source[cursor..]);
    (out, placed)
}
