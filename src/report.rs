//! The serialisable output model: an [`Analysis`] in the contract's JSON shape (section 2).
//!
//! The core speaks in byte spans; consumers speak in UTF-16 code units with 1-based lines and
//! columns, so `source.slice(range.start.offset, range.end.offset)` in JavaScript gives the text
//! a diagnostic points at. This module does that conversion once, for the CLI's `--format json`,
//! the SARIF renderer and the WebAssembly boundary alike. Field order follows the structs below,
//! so the JSON text is deterministic.

use serde::Serialize;

use crate::analysis::Analysis;
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::options::StrategyName;
use crate::position::{Encoding, LineIndex, Position};
use crate::timeline::Timeline;

/// An [`Analysis`] as consumers see it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub strategy: Option<StrategyName>,
    pub diagnostics: Vec<DiagnosticReport>,
    pub timeline: Option<Timeline>,
}

/// One diagnostic with its ranges in UTF-16 code units.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DiagnosticReport {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub path: Option<String>,
    pub range: Option<RangeReport>,
    pub help: Option<String>,
    pub fixes: Vec<FixReport>,
    /// Secondary locations, such as the first of two duplicates (beyond the contract).
    pub related: Vec<RelatedReport>,
}

/// A range between two positions; `end` is exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RangeReport {
    pub start: Position,
    pub end: Position,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FixReport {
    pub title: String,
    pub edits: Vec<EditReport>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EditReport {
    pub range: RangeReport,
    pub new_text: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RelatedReport {
    pub range: RangeReport,
    pub message: String,
}

/// Converts `analysis`, whose spans index into `source`, to the consumer's units.
pub fn report(source: &str, analysis: &Analysis) -> Report {
    let index = LineIndex::new(source);
    Report {
        strategy: analysis.strategy,
        diagnostics: analysis
            .diagnostics
            .iter()
            .map(|diagnostic| diagnostic_report(&index, diagnostic))
            .collect(),
        timeline: analysis.timeline.clone(),
    }
}

/// Converts one diagnostic with an index already built for its source.
pub fn diagnostic_report(index: &LineIndex, diagnostic: &Diagnostic) -> DiagnosticReport {
    DiagnosticReport {
        code: diagnostic.code.as_str(),
        severity: diagnostic.severity,
        message: diagnostic.message.clone(),
        path: diagnostic.path.clone(),
        range: diagnostic.span.as_ref().map(|span| range(index, span)),
        help: diagnostic.help.clone(),
        fixes: diagnostic
            .fixes
            .iter()
            .map(|fix| FixReport {
                title: fix.title.clone(),
                edits: fix
                    .edits
                    .iter()
                    .map(|edit| EditReport {
                        range: range(index, &edit.span),
                        new_text: edit.new_text.clone(),
                    })
                    .collect(),
            })
            .collect(),
        related: diagnostic
            .related
            .iter()
            .map(|related| RelatedReport {
                range: range(index, &related.span),
                message: related.message.clone(),
            })
            .collect(),
    }
}

/// A byte span as a range in UTF-16 code units.
pub fn range(index: &LineIndex, span: &Span) -> RangeReport {
    let (start, end) = index.range(span, Encoding::Utf16);
    RangeReport { start, end }
}

/// `analysis` as pretty-printed JSON with a final newline: the CLI's `--format json`.
pub fn analysis_to_json(source: &str, analysis: &Analysis) -> String {
    to_json(&report(source, analysis))
}

/// Any serialisable value as pretty-printed JSON with a final newline.
///
/// The values this crate produces (plain structs, strings, finite numbers) always serialise, so
/// the fallback text is never expected; it keeps the function total instead of panicking.
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    match serde_json::to_string_pretty(value) {
        Ok(mut json) => {
            json.push('\n');
            json
        }
        Err(error) => format!(
            "{{\"error\": {}}}\n",
            serde_json::Value::String(error.to_string())
        ),
    }
}
