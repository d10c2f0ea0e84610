//! Conversions between the core's byte spans and the protocol's positions, in one place.
//!
//! The core speaks in byte offsets; the protocol in 0-based lines and characters counted in the
//! negotiated `positionEncoding`: UTF-16 code units unless the client offers UTF-8. Diagnostics,
//! fixes and related locations become their `lsp-types` counterparts here and nowhere else.

use lsp_types::{
    CodeAction, CodeActionKind, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, Position, Range, TextEdit, Uri, WorkspaceEdit,
};

use crate::diagnostic::{Diagnostic, Fix, Severity, Span};
use crate::position::{Encoding, LineIndex};

/// The `source` every published diagnostic carries.
pub const SOURCE: &str = "ecs-rollout";

/// One open document's text with its line index, so conversions never rescan it.
pub struct Text<'a> {
    pub source: &'a str,
    pub index: &'a LineIndex,
    pub encoding: Encoding,
}

impl Text<'_> {
    /// The protocol position of a byte offset.
    pub fn position(&self, byte: usize) -> Position {
        let point = self.index.position(byte, self.encoding);
        Position::new(to_u32(point.line - 1), to_u32(point.column - 1))
    }

    /// The protocol range of a byte span.
    pub fn range(&self, span: &Span) -> Range {
        Range::new(
            self.position(span.start),
            self.position(span.end.max(span.start)),
        )
    }

    /// The byte offset of a protocol position. A line past the end means the end of the text,
    /// a character past the end of its line the end of that line, and a character inside a
    /// multi-unit character the start of it, so any position the client sends lands somewhere.
    pub fn offset(&self, position: Position) -> usize {
        self.index.offset_in_line(
            position.line as usize + 1,
            position.character as usize,
            self.encoding,
            self.source,
        )
    }

    /// The byte span of a protocol range, its ends in order.
    pub fn span(&self, range: Range) -> Span {
        let start = self.offset(range.start);
        let end = self.offset(range.end);
        start.min(end)..start.max(end)
    }
}

/// A diagnostic as the protocol publishes it; one without a place sits at the start of the file.
pub fn diagnostic(text: &Text, uri: &Uri, diagnostic: &Diagnostic) -> lsp_types::Diagnostic {
    let range = diagnostic
        .span
        .as_ref()
        .map(|span| text.range(span))
        .unwrap_or_default();
    let message = match &diagnostic.help {
        Some(help) => format!("{}\n{help}", diagnostic.message),
        None => diagnostic.message.clone(),
    };
    let related: Vec<DiagnosticRelatedInformation> = diagnostic
        .related
        .iter()
        .map(|related| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), text.range(&related.span)),
            message: related.message.clone(),
        })
        .collect();
    lsp_types::Diagnostic {
        range,
        severity: Some(severity(diagnostic.severity)),
        code: Some(NumberOrString::String(diagnostic.code.as_str().to_string())),
        source: Some(SOURCE.to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..lsp_types::Diagnostic::default()
    }
}

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// A fix as a `quickfix` code action whose workspace edit changes this one document.
pub fn code_action(
    text: &Text,
    uri: &Uri,
    fixed: lsp_types::Diagnostic,
    fix: &Fix,
    preferred: bool,
) -> CodeAction {
    let edits = fix
        .edits
        .iter()
        .map(|edit| TextEdit::new(text.range(&edit.span), edit.new_text.clone()))
        .collect();
    CodeAction {
        title: fix.title.clone(),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![fixed]),
        edit: Some(WorkspaceEdit {
            changes: Some([(uri.clone(), edits)].into_iter().collect()),
            ..WorkspaceEdit::default()
        }),
        is_preferred: preferred.then_some(true),
        ..CodeAction::default()
    }
}

/// Positions beyond `u32::MAX` units cannot occur: sources are at most 8 MiB.
fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}
