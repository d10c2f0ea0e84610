//! Every fix does what it says: after applying one diagnostic's fix and analysing again, that
//! diagnostic is gone from its place (or, when an identical one moved into that place, there
//! are fewer of its code), and the fixed text still analyses without panicking.

use ecs_rollout::{Analysis, Code, Diagnostic, Fix, Span};

use super::common;

/// Analysing very many fixes of one input would make the fuzzer slow without finding more.
const MAX_FIXES_TRIED: usize = 16;

/// Runs the target on the fuzzer's bytes.
pub fn run(data: &[u8]) {
    let (options, source) = common::split(data);
    let analysis = ecs_rollout::analyze(&source, &options);
    common::assert_spans(&source, &analysis);

    let with_fixes = analysis
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.span.is_some())
        .flat_map(|diagnostic| diagnostic.fixes.iter().map(move |fix| (diagnostic, fix)));
    for (diagnostic, fix) in with_fixes.take(MAX_FIXES_TRIED) {
        let fixed = ecs_rollout::apply_fixes(&source, [fix]);
        let after = ecs_rollout::analyze(&fixed, &options);
        common::assert_spans(&fixed, &after);
        check_fixed(&analysis, diagnostic, fix, &after);
    }

    let all_fixed =
        ecs_rollout::apply_fixes(&source, analysis.diagnostics.iter().flat_map(|d| &d.fixes));
    let after = ecs_rollout::analyze(&all_fixed, &options);
    common::assert_spans(&all_fixed, &after);
}

/// Panics when `diagnostic` still appears at its place after `fix` was applied.
fn check_fixed(before: &Analysis, diagnostic: &Diagnostic, fix: &Fix, after: &Analysis) {
    let Some(span) = &diagnostic.span else { return };
    let Some(place) = place_after_edits(span, fix) else {
        return;
    };
    let count = |analysis: &Analysis, code: Code| {
        analysis
            .diagnostics
            .iter()
            .filter(|d| d.code == code)
            .count()
    };
    let still_there = after.diagnostics.iter().any(|d| {
        d.code == diagnostic.code
            && d.message == diagnostic.message
            && d.span.as_ref().map(|s| s.start) == Some(place)
    });
    let fewer = count(after, diagnostic.code) < count(before, diagnostic.code);
    assert!(
        !still_there || fewer,
        "the fix {:?} left `{}` ({}) at byte {place}",
        fix.title,
        diagnostic.code.as_str(),
        diagnostic.message
    );
}

/// Where the start of `span` lies once the fix's edits are applied: unchanged before the
/// first edit, shifted after the last one, and at the start of an edit it overlaps.
///
/// `None` when the edits overlap each other, since `apply_fixes` then skips some of them.
fn place_after_edits(span: &Span, fix: &Fix) -> Option<usize> {
    let mut edits: Vec<_> = fix.edits.iter().collect();
    edits.sort_by_key(|edit| edit.span.start);
    if edits
        .windows(2)
        .any(|pair| pair[0].span.end > pair[1].span.start)
    {
        return None;
    }
    let mut shift: isize = 0;
    for edit in edits {
        if span.start < edit.span.start {
            break;
        }
        if span.start < edit.span.end || edit.span.is_empty() && span.start == edit.span.start {
            return usize::try_from(edit.span.start as isize + shift).ok();
        }
        shift += edit.new_text.len() as isize - edit.span.len() as isize;
    }
    usize::try_from(span.start as isize + shift).ok()
}
