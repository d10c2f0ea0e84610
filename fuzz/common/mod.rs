//! What both fuzz targets share: splitting the fuzzer's bytes into options and source text,
//! and checking that every span in an analysis is usable.

// Each target includes this file and uses only part of it.
#![allow(dead_code)]

use ecs_rollout::options::AssumptionOverrides;
use ecs_rollout::{Analysis, Format, Options, RuleLevel, Span};

/// How many leading bytes choose the options; the rest is the source text.
const OPTION_BYTES: usize = 8;

/// Splits `data` into options chosen by its first bytes and the source text after them.
///
/// Invalid UTF-8 is replaced rather than rejected, so that every input reaches the analyzer.
pub fn split(data: &[u8]) -> (Options, String) {
    let (head, body) = data.split_at(data.len().min(OPTION_BYTES));
    let byte = |index: usize| head.get(index).copied().unwrap_or(0);
    let format = match byte(0) % 3 {
        0 => None,
        1 => Some(Format::Hcl),
        _ => Some(Format::Json),
    };
    let minutes = |value: u8| match value {
        0..=199 => Some(f64::from(value) / 4.0),
        200..=249 => None,
        250 => Some(-1.0),
        251 => Some(f64::NAN),
        252 => Some(f64::INFINITY),
        253 => Some(1e300),
        254 => Some(0.1),
        _ => Some(-0.0),
    };
    let assumptions = AssumptionOverrides {
        scale_up_minutes: minutes(byte(1)),
        hook_minutes: minutes(byte(2)),
        drain_minutes: minutes(byte(3)),
        bake_time_minutes: minutes(byte(4)),
        minimum_healthy_percent: minutes(byte(5)).map(|value| value * 2.0),
        maximum_percent: minutes(byte(6)).map(|value| value * 4.0),
    };
    let mut rules = std::collections::BTreeMap::new();
    let level = match byte(7) % 4 {
        0 => RuleLevel::Off,
        1 => RuleLevel::Info,
        2 => RuleLevel::Warning,
        _ => RuleLevel::Error,
    };
    if byte(7) >= 128 {
        let codes = ecs_rollout::Code::ALL;
        let code = codes[usize::from(byte(7)) % codes.len()];
        rules.insert(code.as_str().to_string(), level);
    }
    let options = Options {
        format,
        assumptions,
        fail_at_minute: minutes(byte(1) ^ byte(4)),
        rules,
        policy: None,
    };
    (options, String::from_utf8_lossy(body).into_owned())
}

/// Panics unless `span` lies inside `source` on character boundaries.
pub fn assert_span(source: &str, span: &Span, what: &str) {
    assert!(
        span.start <= span.end
            && span.end <= source.len()
            && source.is_char_boundary(span.start)
            && source.is_char_boundary(span.end),
        "{what} span {span:?} is not valid in a source of {} bytes",
        source.len()
    );
}

/// Panics unless every span of every diagnostic, related note and fix is usable.
pub fn assert_spans(source: &str, analysis: &Analysis) {
    for diagnostic in &analysis.diagnostics {
        if let Some(span) = &diagnostic.span {
            assert_span(source, span, diagnostic.code.as_str());
        }
        for related in &diagnostic.related {
            assert_span(source, &related.span, "related");
        }
        for edit in diagnostic.fixes.iter().flat_map(|fix| &fix.edits) {
            assert_span(source, &edit.span, "fix");
        }
    }
}
