//! The whole pipeline behind [`analyze`] and [`compare`], and the [`Analysis`] it returns.

use crate::checks;
use crate::config::Deployment;
use crate::diagnostic::{Code, Diagnostic};
use crate::options::{Options, StrategyName};
use crate::policy;
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
}

/// Checks `source` and simulates its rollout. Pure: no I/O, no panics, any input.
pub fn analyze(source: &str, options: &Options) -> Analysis {
    let (checked, mut diagnostics) = check(source, options);
    let Some(checked) = checked else {
        drop_misplaced_fixes(source, options, &mut diagnostics);
        return finish(None, diagnostics, None, options);
    };
    let assumptions = Assumptions::resolve(&options.assumptions);
    let timeline = checked
        .deployment
        .as_ref()
        .map(|deployment| timeline::build(deployment, &assumptions, options.fail_at_minute));
    if let Some(policy) = &options.policy {
        diagnostics.extend(policy::check(policy, &checked, timeline.as_ref()));
    }
    drop_misplaced_fixes(source, options, &mut diagnostics);
    finish(Some(checked.strategy), diagnostics, timeline, options)
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
    }
}
