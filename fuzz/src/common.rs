//! What the fuzz targets share: splitting the fuzzer's bytes into options and source text, and
//! checking that every span in an analysis is usable.

use ecs_rollout::input::InputKind;
use ecs_rollout::options::{AssumptionOverrides, LoadBalancerType};
use ecs_rollout::position::{Encoding, LineIndex};
use ecs_rollout::read::{Document, Node, Value};
use ecs_rollout::{Analysis, Diagnostic, Format, Options, Policy, RuleLevel, Span, StrategyName};

/// How many leading bytes choose the options; the rest is the source text.
pub const OPTION_BYTES: usize = 9;

/// Option bytes that give the default options (format detected, no overrides, no failure, no
/// rule levels, no policy): the prefix of seeds made from plain `.tfvars` files.
pub const DEFAULT_OPTIONS: [u8; OPTION_BYTES] = [0, 200, 200, 200, 200, 200, 200, 0, 0];

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
        desired_count: None,
        // No bytes of their own, so that the seeds' prefix keeps its length.
        nlb_shift_delay_minutes: minutes(byte(2) ^ byte(3)),
        load_balancer_type: match byte(5) % 3 {
            0 => None,
            1 => Some(LoadBalancerType::Application),
            _ => Some(LoadBalancerType::Network),
        },
    };
    let mut rules = ecs_rollout::options::Keyed::default();
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
    // Equal bytes 1 and 4 mean no failure, so the default prefix simulates none.
    // Bits 2 to 4 of the first byte force a kind of source (contract section 7); both seed
    // prefixes leave them 0, so seeds are detected as a user's files are.
    let input = match (byte(0) >> 2) & 0x7 {
        1 => Some(InputKind::Terraform),
        2 => Some(InputKind::Cloudformation),
        3 => Some(InputKind::EcsApi),
        4 => Some(InputKind::PortkeyTfvars),
        _ => None,
    };
    let options = Options {
        input,
        format,
        assumptions,
        fail_at_minute: minutes(byte(1) ^ byte(4)).filter(|_| byte(1) != byte(4)),
        rules,
        policy: policy(byte(8), minutes),
    };
    (options, String::from_utf8_lossy(body).into_owned())
}

/// A policy chosen by one byte: none when its low bit is clear, otherwise rules picked by its
/// other bits, sometimes with a `prod` environment that overrides them.
fn policy(byte: u8, minutes: impl Fn(u8) -> Option<f64>) -> Option<Policy> {
    if byte & 1 == 0 {
        return None;
    }
    let strategies: Vec<StrategyName> = StrategyName::ALL
        .into_iter()
        .enumerate()
        .filter(|(index, _)| byte & (2 << index) != 0)
        .map(|(_, strategy)| strategy)
        .collect();
    let rules = Policy {
        allowed_strategies: Some(strategies),
        require_circuit_breaker_rollback: Some(byte & 0x20 != 0),
        max_first_exposure_percent: minutes(byte.rotate_left(3)),
        min_bake_minutes: minutes(byte.rotate_left(5)),
        max_total_minutes: minutes(byte.rotate_left(1)),
        required_lifecycle_stages: Some(vec!["POST_SCALE_UP".to_owned(), "NOT_A_STAGE".to_owned()])
            .filter(|_| byte & 0x40 != 0),
        environments: None,
    };
    let environments = (byte & 0x80 != 0).then(|| {
        let prod = Policy {
            environments: None,
            min_bake_minutes: minutes(byte ^ 0x55),
            ..rules.clone()
        };
        [("prod".to_owned(), prod)].into_iter().collect()
    });
    Some(Policy {
        environments,
        ..rules
    })
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

/// Panics unless the consumer's view of `analysis` is right: every range's UTF-16 offset counts
/// the code units before the span, lines and columns start at 1, and the JSON serialises.
pub fn assert_report(source: &str, analysis: &Analysis) {
    let index = LineIndex::new(source);
    for diagnostic in &analysis.diagnostics {
        let Some(span) = &diagnostic.span else {
            continue;
        };
        let (start, end) = index.range(span, Encoding::Utf16);
        let units = |byte: usize| source[..byte].encode_utf16().count();
        assert_eq!(start.offset, units(span.start), "UTF-16 start of {span:?}");
        assert_eq!(end.offset, units(span.end), "UTF-16 end of {span:?}");
        assert!(start.line >= 1 && start.column >= 1 && end.line >= start.line);
    }
    let json = ecs_rollout::report::analysis_to_json(source, analysis);
    assert!(
        json.starts_with("{\n"),
        "the report did not serialise: {json}"
    );
}

/// How a value's span must relate to its parent's.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Nesting {
    /// Strictly inside, as in JSON where a container's brackets surround its members.
    Strict,
    /// Inside or equal, as in HCL where an evaluated expression may stand for its whole text.
    Inside,
}

/// Panics unless every span in a read document and its diagnostics is usable and each value
/// lies inside its parent as `nesting` requires.
pub fn assert_document(
    source: &str,
    document: &Document,
    diagnostics: &[Diagnostic],
    nesting: Nesting,
) {
    for entry in &document.attributes {
        assert_span(source, &entry.key_span, "key");
        assert_node(source, &entry.value, nesting);
    }
    for (_, span) in &document.unreadable {
        assert_span(source, span, "unreadable");
    }
    for diagnostic in diagnostics {
        if let Some(span) = &diagnostic.span {
            assert_span(source, span, diagnostic.code.as_str());
        }
        for related in &diagnostic.related {
            assert_span(source, &related.span, "related");
        }
    }
}

fn assert_node(source: &str, node: &Node, nesting: Nesting) {
    assert_span(source, &node.span, "value");
    let children: Vec<&Node> = match &node.value {
        Value::List(elements) => elements.iter().collect(),
        Value::Object(entries) => entries.iter().map(|entry| &entry.value).collect(),
        _ => Vec::new(),
    };
    for child in children {
        let (outer, inner) = (&node.span, &child.span);
        let inside = match nesting {
            Nesting::Strict => outer.start < inner.start && inner.end < outer.end,
            Nesting::Inside => outer.start <= inner.start && inner.end <= outer.end,
        };
        assert!(inside, "value span {inner:?} is not inside {outer:?}");
        assert_node(source, child, nesting);
    }
}
