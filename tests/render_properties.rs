//! Properties of the renderers over generated sources and spans: they never panic, whatever the
//! spans (past the end, inside a character, reversed), the human output carries no control
//! characters from the source, and the report's UTF-16 offsets always slice the clamped text.

use ecs_rollout::position::LineIndex;
use ecs_rollout::render::{human, sarif};
use ecs_rollout::{report, Analysis, Code, Diagnostic, Fix};
use proptest::prelude::*;

/// Sources mixing ASCII, accents, emoji, CJK, tabs, every line ending and control characters.
fn source() -> impl Strategy<Value = String> {
    "[ab=\"{}\u{e9}\u{1F389}\u{4e2d}\t\r\n\u{1b}\u{0}\u{feff}]{0,60}"
}

fn diagnostic(start: usize, end: usize, related: usize) -> Diagnostic {
    Diagnostic::new(Code::TypeMismatch, "problem")
        .at(start..end)
        .with_help("help")
        .with_fix(Fix::replace("fix", end..start, "x"))
        .with_related(related..related + 1, "here")
}

proptest! {
    #[test]
    fn renderers_accept_any_span(
        source in source(),
        spans in prop::collection::vec((0usize..300, 0usize..300, 0usize..300), 0..4),
    ) {
        let diagnostics: Vec<Diagnostic> = spans
            .iter()
            .map(|&(start, end, related)| diagnostic(start, end, related))
            .collect();
        let rendered = human::render("f.tfvars", &source, &diagnostics, false);
        prop_assert!(
            !rendered.chars().any(|ch| ch.is_control() && ch != '\n'),
            "control character in:\n{}", rendered
        );
        prop_assert_eq!(rendered.matches("error[type-mismatch]").count(), diagnostics.len());

        let analysis = Analysis { strategy: None, diagnostics: diagnostics.clone(), timeline: None, policy: None, input: Default::default(), services: Vec::new() };
        let shown = report::report(&source, &analysis);
        let utf16: Vec<u16> = source.encode_utf16().collect();
        let index = LineIndex::new(&source);
        for (diagnostic, shown) in diagnostics.iter().zip(&shown.diagnostics) {
            let span = diagnostic.span.clone().unwrap();
            let range = shown.range.unwrap();
            prop_assert!(range.start.offset <= range.end.offset);
            let sliced = String::from_utf16(&utf16[range.start.offset..range.end.offset]).unwrap();
            let start = index.clamp(span.start);
            let end = index.clamp(span.end).max(start);
            prop_assert_eq!(sliced, &source[start..end]);
        }

        let log = sarif::render(&[sarif::FileResults {
            file: "f.tfvars",
            source: &source,
            diagnostics: &diagnostics,
        }]);
        prop_assert!(serde_json::from_str::<serde_json::Value>(&log).is_ok());
    }
}
