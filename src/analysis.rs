//! The whole pipeline behind [`analyze`] and [`compare`], and the [`Analysis`] it returns.

use crate::checks;
use crate::config::Deployment;
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::input::{self, InputKind};
use crate::options::{Options, StrategyName};
use crate::policy::{self, PolicyScope};
use crate::read;
use crate::service::{self, Context, Module};
use crate::timeline::{self, Assumptions, Comparison, Timeline};
use crate::typecheck;

/// The largest input `analyze` reads: 8 MiB. Larger input gets one `input-too-large` diagnostic.
pub const MAX_INPUT_BYTES: usize = 8 * 1024 * 1024;

/// What `analyze` found, with byte spans (see `report` for the consumer's units).
#[derive(Debug, Clone)]
pub struct Analysis {
    /// What the module would deploy; `None` only when nothing could be read.
    pub strategy: Option<StrategyName>,
    /// Sorted by position; diagnostics without a span last.
    pub diagnostics: Vec<Diagnostic>,
    /// `None` when the deployment settings cannot be read or are outside ECS's valid values.
    pub timeline: Option<Timeline>,
    /// Which rules of `options.policy` the file was checked against; `None` without a policy
    /// or when nothing could be read.
    pub policy: Option<PolicyScope>,
    /// The kind of source read (contract section 7).
    pub input: InputKind,
    /// Every ECS service in the source, in source order; `strategy` and `timeline` above are
    /// the first one's.
    pub services: Vec<ServiceAnalysis>,
}

/// One ECS service of the source (contract section 7).
#[derive(Debug, Clone)]
pub struct ServiceAnalysis {
    /// The resource's address (`aws_ecs_service.gateway`), the logical id, or the service name.
    pub name: String,
    /// Where the service is defined.
    pub span: Option<Span>,
    pub strategy: StrategyName,
    pub timeline: Option<Timeline>,
}

/// The name the Portkey module's one service is listed under.
pub const PORTKEY_SERVICE: &str = "gateway";

/// Checks `source` and simulates its rollout. Pure: no I/O, no panics, any input.
///
/// A fix is offered only when applying it alone adds no problem (no code appears as an error or
/// warning more often in the fixed text than in `source`; information such as
/// `no-behaviour-check` may appear once a value becomes valid), so that applying any fix, or one
/// fix per diagnostic, never trades a problem for a new one. Checking costs one more analysis per fix, so at most
/// [`FIX_CHECK_BUDGET_BYTES`] of fixed text are analysed; fixes beyond that are not offered
/// (real tfvars files are a few kilobytes with a handful of fixes).
pub fn analyze(source: &str, options: &Options) -> Analysis {
    analyze_deployment(source, Context::default(), options, options.fail_at_minute).0
}

/// [`analyze`] for one Terraform file of a module whose other files are `context`: their
/// `variable` defaults and `locals` resolve this file's references (the command line's
/// directories and file lists). Diagnostics are this file's only.
pub fn analyze_in_context(source: &str, context: &[&str], options: &Options) -> Analysis {
    let module = Module::parse(context);
    let context = Context {
        module: Some(&module),
        current: None,
    };
    analyze_deployment(source, context, options, options.fail_at_minute).0
}

/// [`analyze`] for file `current` of a Terraform module read once with [`Module::parse`];
/// `source` is that file's text. The module's other files resolve its references as
/// [`analyze_in_context`]'s do, but the module is parsed once for all of its files, so checking
/// every file of a module costs time linear in its size.
pub fn analyze_in_module(
    source: &str,
    module: &Module,
    current: usize,
    options: &Options,
) -> Analysis {
    let context = Context {
        module: Some(module),
        current: Some(current),
    };
    analyze_deployment(source, context, options, options.fail_at_minute).0
}

/// [`analyze`] with the failure minute given apart from `options` (`diff` simulates none), and
/// the checked deployment the timeline was built from (for `diff`'s summary).
pub(crate) fn analyze_deployment(
    source: &str,
    context: Context<'_>,
    options: &Options,
    fail_at_minute: Option<f64>,
) -> (Analysis, Option<Deployment>) {
    // Options the CLI and the package would refuse are refused here too, whole: a policy is
    // never half-applied, an assumption never silently replaced.
    if let Err(error) = options.validate() {
        let diagnostic = invalid_options(&error);
        let analysis = Analysis {
            strategy: None,
            diagnostics: vec![diagnostic],
            timeline: None,
            policy: None,
            input: options.input.unwrap_or_default(),
            services: Vec::new(),
        };
        return (analysis, None);
    }
    // The kind is decided once, so that a fix's result is read as the same kind.
    let options = &Options {
        input: Some(options.input.unwrap_or_else(|| input::detect(source))),
        ..options.clone()
    };
    let (mut analysis, deployment) = analyze_once(source, context, options, fail_at_minute);
    drop_fixes_that_add_diagnostics(source, context, options, &mut analysis.diagnostics);
    (analysis, deployment)
}

/// How many bytes of fixed text `analyze` re-analyses to check its fixes, in all.
pub const FIX_CHECK_BUDGET_BYTES: usize = 4 * 1024 * 1024;

/// Removes the fixes whose result has a code more often than `source` has it, and those beyond
/// the checking budget.
fn drop_fixes_that_add_diagnostics(
    source: &str,
    context: Context<'_>,
    options: &Options,
    diagnostics: &mut [Diagnostic],
) {
    let counts = |diagnostics: &[Diagnostic]| {
        let mut counts = std::collections::BTreeMap::new();
        for diagnostic in diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.severity != crate::diagnostic::Severity::Info)
        {
            *counts.entry(diagnostic.code).or_insert(0usize) += 1;
        }
        counts
    };
    let before = counts(diagnostics);
    let checking = Options {
        fail_at_minute: None,
        ..options.clone()
    };
    let mut budget = FIX_CHECK_BUDGET_BYTES;
    for diagnostic in diagnostics.iter_mut() {
        diagnostic.fixes.retain(|fix| {
            let fixed = crate::diagnostic::apply_fixes(source, [fix]);
            let Some(left) = budget.checked_sub(fixed.len().max(1)) else {
                budget = 0;
                return false;
            };
            budget = left;
            let after = counts(&analyze_once(&fixed, context, &checking, None).0.diagnostics);
            after
                .iter()
                .all(|(code, count)| before.get(code).is_some_and(|before| count <= before))
        });
    }
}

/// `analyze` without the check of its fixes, with the checked deployment (for `diff`).
fn analyze_once(
    source: &str,
    context: Context<'_>,
    options: &Options,
    fail_at_minute: Option<f64>,
) -> (Analysis, Option<Deployment>) {
    let kind = options.input.unwrap_or_else(|| input::detect(source));
    if kind != InputKind::PortkeyTfvars {
        return analyze_services(source, context, kind, options, fail_at_minute);
    }
    let (checked, mut diagnostics) = check(source, options);
    let Some(checked) = checked else {
        drop_misplaced_fixes(source, options, &mut diagnostics);
        return (finish(None, diagnostics, None, None, options), None);
    };
    let assumptions = Assumptions::resolve(&options.assumptions);
    let timeline = checked
        .deployment
        .as_ref()
        .map(|deployment| timeline::build(deployment, &assumptions, fail_at_minute));
    let scope = options.policy.as_ref().map(|policy| {
        let scope = policy::scope(policy, &checked);
        diagnostics.extend(policy::check(policy, &scope, &checked, timeline.as_ref()));
        scope
    });
    drop_misplaced_fixes(source, options, &mut diagnostics);
    let mut analysis = finish(
        Some(checked.strategy),
        diagnostics,
        timeline,
        scope,
        options,
    );
    analysis.services = vec![ServiceAnalysis {
        name: PORTKEY_SERVICE.to_owned(),
        span: None,
        strategy: checked.strategy,
        timeline: analysis.timeline.clone(),
    }];
    (analysis, checked.deployment)
}

/// The other kinds of source (contract section 7): every service read, ECS's rules on each,
/// a timeline for each that ECS deploys, and the policy on each.
fn analyze_services(
    source: &str,
    context: Context<'_>,
    kind: InputKind,
    options: &Options,
    fail_at_minute: Option<f64>,
) -> (Analysis, Option<Deployment>) {
    let mut diagnostics = Vec::new();
    if let Some(too_large) = too_large(source) {
        let mut analysis = finish(None, vec![too_large], None, None, options);
        analysis.input = kind;
        return (analysis, None);
    }
    let services = service::read(source, kind, context, &mut diagnostics).unwrap_or_default();
    if !service::ANY_READER {
        // Nothing can have been read: the rules below stay out of such a build.
        let mut analysis = finish(None, diagnostics, None, None, options);
        analysis.input = kind;
        return (analysis, None);
    }
    let mut analyses = Vec::new();
    let mut first_deployment = None;
    let mut scope = None;
    for (index, service) in services.iter().enumerate() {
        let outcome = service::check(source, kind, service, &mut diagnostics);
        let assumptions = outcome.assumptions.under(&options.assumptions);
        let timeline = outcome.checked.deployment.as_ref().map(|deployment| {
            let mut timeline = timeline::build(deployment, &assumptions, fail_at_minute);
            timeline.notes.extend(outcome.notes.iter().cloned());
            timeline
        });
        if let Some(policy) = &options.policy {
            let service_scope = policy::scope(policy, &outcome.checked);
            diagnostics.extend(policy::check(
                policy,
                &service_scope,
                &outcome.checked,
                timeline.as_ref(),
            ));
            scope.get_or_insert(service_scope);
        }
        if index == 0 {
            first_deployment = outcome.checked.deployment.clone();
        }
        analyses.push(ServiceAnalysis {
            name: service.name.clone(),
            span: service.span.clone(),
            strategy: outcome.checked.strategy,
            timeline,
        });
    }
    let first = analyses.first();
    let mut analysis = finish(
        first.map(|service| service.strategy),
        diagnostics,
        first.and_then(|service| service.timeline.clone()),
        scope,
        options,
    );
    analysis.input = kind;
    analysis.services = analyses;
    (analysis, first_deployment)
}

/// `invalid-options`, for every entrance that takes options: nothing is checked with options
/// that [`Options::validate`] refuses.
pub(crate) fn invalid_options(error: &crate::options::OptionsError) -> Diagnostic {
    Diagnostic::new(
        Code::InvalidOptions,
        format!("the option {error}, so nothing was checked"),
    )
    .with_help("Correct the option; `Options::validate` says the same before analysing")
}

/// `input-too-large` when `source` is over [`MAX_INPUT_BYTES`].
pub(crate) fn too_large(source: &str) -> Option<Diagnostic> {
    (source.len() > MAX_INPUT_BYTES).then(|| {
        Diagnostic::new(
            Code::InputTooLarge,
            format!(
                "the input is {} bytes, over the limit of {} bytes (8 MiB)",
                source.len(),
                MAX_INPUT_BYTES
            ),
        )
        .with_help("Real tfvars files are a few kilobytes; check that this is the file you meant")
    })
}

/// Fixes are written in the syntax the text looks like (`read::detect_format`). When the caller
/// forces the other format (JSON-looking text read as HCL, say), their edits could land in the
/// wrong syntax and change nothing, so none are offered.
fn drop_misplaced_fixes(source: &str, options: &Options, diagnostics: &mut [Diagnostic]) {
    if options
        .format
        .is_some_and(|format| format != read::detect_format(source))
    {
        for diagnostic in diagnostics {
            diagnostic.fixes.clear();
        }
    }
}

/// The service in `source` under each of the four strategies.
///
/// The same service as the file describes (count, breaker, hooks, listeners); a value that
/// cannot be read or that ECS would refuse falls back to ECS's or the module's default, and the
/// comparison's notes say which.
pub fn compare(source: &str, options: &Options) -> Comparison {
    compare_services(source, Context::default(), options)
        .into_iter()
        .next()
        .map(|(_, comparison)| comparison)
        .unwrap_or_else(|| no_service_comparison(options))
}

/// [`compare`] for every service of `source` read in `context` (a Terraform module's other
/// files), in source order, each under its name (the Portkey module's one service is
/// [`PORTKEY_SERVICE`]); empty when the source defines no service that can be read.
pub fn compare_services(
    source: &str,
    context: Context<'_>,
    options: &Options,
) -> Vec<(String, Comparison)> {
    let kind = options.input.unwrap_or_else(|| input::detect(source));
    if kind != InputKind::PortkeyTfvars {
        return compare_each_service(source, kind, context, options);
    }
    let (checked, _) = check(source, options);
    let (deployment, fallbacks) = match checked {
        Some(checked) => (checked.compare_base, checked.fallbacks),
        None => (
            Deployment::module_default(),
            vec![
                "nothing in the file can be read, so this comparison uses the module's defaults"
                    .to_owned(),
            ],
        ),
    };
    let mut comparison =
        timeline::compare(&deployment, &Assumptions::resolve(&options.assumptions));
    comparison.notes = fallbacks;
    vec![(PORTKEY_SERVICE.to_owned(), comparison)]
}

/// The comparison of a source with no service: one task, rolling, with the breaker on.
pub fn no_service_comparison(options: &Options) -> Comparison {
    let mut comparison = timeline::compare(
        &Deployment::module_default(),
        &Assumptions::resolve(&options.assumptions),
    );
    comparison.notes = vec![
        "the source defines no ECS service that can be read, so this comparison uses one task, rolling, with the breaker on".to_owned(),
    ];
    comparison
}

/// [`compare_services`] for a source of another kind than the Portkey module's.
fn compare_each_service(
    source: &str,
    kind: InputKind,
    context: Context<'_>,
    options: &Options,
) -> Vec<(String, Comparison)> {
    let mut diagnostics = Vec::new();
    if too_large(source).is_some() || !service::ANY_READER {
        return Vec::new();
    }
    let services = service::read(source, kind, context, &mut diagnostics).unwrap_or_default();
    services
        .iter()
        .map(|found| {
            let outcome = service::check(source, kind, found, &mut diagnostics);
            let mut comparison = timeline::compare(
                &outcome.checked.compare_base,
                &outcome.assumptions.under(&options.assumptions),
            );
            comparison.notes = outcome.checked.fallbacks;
            (found.name.clone(), comparison)
        })
        .collect()
}

/// Reads, type-checks and checks `source`; `None` when nothing could be read at all.
fn check(source: &str, options: &Options) -> (Option<checks::Checked>, Vec<Diagnostic>) {
    if let Some(diagnostic) = too_large(source) {
        return (None, vec![diagnostic]);
    }
    let (document, mut diagnostics) = read::read(source, options.format);
    let nothing_read =
        document.attributes.is_empty() && diagnostics.iter().any(|d| d.code == Code::SyntaxError);
    if nothing_read {
        return (None, diagnostics);
    }
    let typed = typecheck::check(source, &document, &mut diagnostics);
    let checked = checks::run(source, &typed, &mut diagnostics);
    (Some(checked), diagnostics)
}

/// Applies severity overrides and sorts by position.
fn finish(
    strategy: Option<StrategyName>,
    diagnostics: Vec<Diagnostic>,
    timeline: Option<Timeline>,
    policy: Option<PolicyScope>,
    options: &Options,
) -> Analysis {
    let mut diagnostics: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter_map(|mut diagnostic| {
            if let Some(level) = options.rules.get(diagnostic.code.as_str()) {
                diagnostic.severity = level.severity()?;
            }
            Some(diagnostic)
        })
        .collect();
    diagnostics.sort_by_key(|d| match &d.span {
        Some(span) => (0, span.start, span.end),
        None => (1, 0, 0),
    });
    Analysis {
        strategy,
        diagnostics,
        timeline,
        policy,
        input: options.input.unwrap_or_default(),
        services: Vec::new(),
    }
}
