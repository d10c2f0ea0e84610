//! The whole pipeline behind [`analyze`] and [`compare`], and the [`Analysis`] it returns.

use crate::checks;
use crate::config::Deployment;
use crate::diagnostic::{Code, Diagnostic};
use crate::options::{Options, StrategyName};
use crate::policy::{self, PolicyScope};
use crate::read;
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
}

/// Checks `source` and simulates its rollout. Pure: no I/O, no panics, any input.
///
/// A fix is offered only when applying it alone adds no problem (no code appears as an error or
/// warning more often in the fixed text than in `source`; information such as
/// `no-behaviour-check` may appear once a value becomes valid), so that applying any fix, or one
/// fix per diagnostic, never trades a problem for a new one. Checking costs one more analysis per fix, so at most
/// [`FIX_CHECK_BUDGET_BYTES`] of fixed text are analysed; fixes beyond that are not offered
/// (real tfvars files are a few kilobytes with a handful of fixes).
pub fn analyze(source: &str, options: &Options) -> Analysis {
    analyze_deployment(source, options, options.fail_at_minute).0
}

/// [`analyze`] with the failure minute given apart from `options` (`diff` simulates none), and
/// the checked deployment the timeline was built from (for `diff`'s summary).
pub(crate) fn analyze_deployment(
    source: &str,
    options: &Options,
    fail_at_minute: Option<f64>,
) -> (Analysis, Option<Deployment>) {
    // Options the CLI and the package would refuse are refused here too, whole: a policy is
    // never half-applied, an assumption never silently replaced.
    if let Err(error) = options.validate() {
        let diagnostic = Diagnostic::new(
            Code::InvalidOptions,
            format!("the option {error}, so nothing was checked"),
        )
        .with_help("Correct the option; `Options::validate` says the same before analysing");
        let analysis = Analysis {
            strategy: None,
            diagnostics: vec![diagnostic],
            timeline: None,
            policy: None,
        };
        return (analysis, None);
    }
    let (mut analysis, deployment) = analyze_once(source, options, fail_at_minute);
    drop_fixes_that_add_diagnostics(source, options, &mut analysis.diagnostics);
    (analysis, deployment)
}

/// How many bytes of fixed text `analyze` re-analyses to check its fixes, in all.
pub const FIX_CHECK_BUDGET_BYTES: usize = 4 * 1024 * 1024;

/// Removes the fixes whose result has a code more often than `source` has it, and those beyond
/// the checking budget.
fn drop_fixes_that_add_diagnostics(
    source: &str,
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
            let after = counts(&analyze_once(&fixed, &checking, None).0.diagnostics);
            after
                .iter()
                .all(|(code, count)| before.get(code).is_some_and(|before| count <= before))
        });
    }
}

/// `analyze` without the check of its fixes, with the checked deployment (for `diff`).
fn analyze_once(
    source: &str,
    options: &Options,
    fail_at_minute: Option<f64>,
) -> (Analysis, Option<Deployment>) {
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
    let analysis = finish(
        Some(checked.strategy),
        diagnostics,
        timeline,
        scope,
        options,
    );
    (analysis, checked.deployment)
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
    comparison
}

/// Reads, type-checks and checks `source`; `None` when nothing could be read at all.
fn check(source: &str, options: &Options) -> (Option<checks::Checked>, Vec<Diagnostic>) {
    if source.len() > MAX_INPUT_BYTES {
        let diagnostic = Diagnostic::new(
            Code::InputTooLarge,
            format!(
                "the input is {} bytes, over the limit of {} bytes (8 MiB)",
                source.len(),
                MAX_INPUT_BYTES
            ),
        )
        .with_help("Real tfvars files are a few kilobytes; check that this is the file you meant");
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
    }
}
