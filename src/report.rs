//! The serialisable output model: an [`Analysis`] in the contract's JSON shape (section 2).
//!
//! The core speaks in byte spans; consumers speak in UTF-16 code units with 1-based lines and
//! columns, so `source.slice(range.start.offset, range.end.offset)` in JavaScript gives the text
//! a diagnostic points at. This module does that conversion once, for the CLI's `--format json`,
//! the SARIF renderer and the WebAssembly boundary alike. Field order follows the structs below,
//! so the JSON text is deterministic.

use serde::Serialize;

use crate::analysis::Analysis;
use crate::config::StrategyName;
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::diff::{Change, Diff, RolloutSummary};
use crate::input::InputKind;
use crate::policy::PolicyScope;
use crate::position::{Encoding, LineIndex, Position};
use crate::timeline::Timeline;

/// An [`Analysis`] as consumers see it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub strategy: Option<StrategyName>,
    pub diagnostics: Vec<DiagnosticReport>,
    pub timeline: Option<Timeline>,
    /// Addition: which rules of `options.policy` applied (the environment that chose them);
    /// absent without a policy.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub policy: Option<PolicyScope>,
    /// The kind of source read (contract section 7).
    pub input: InputKind,
    /// Every ECS service of the source, in source order.
    pub services: Vec<ServiceReport>,
}

/// One ECS service of the source (contract section 7).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct ServiceReport {
    pub name: String,
    pub range: Option<RangeReport>,
    pub strategy: StrategyName,
    pub timeline: Option<Timeline>,
}

/// One diagnostic with its ranges in UTF-16 code units.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
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
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct RangeReport {
    pub start: Position,
    pub end: Position,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct FixReport {
    pub title: String,
    pub edits: Vec<EditReport>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct EditReport {
    pub range: RangeReport,
    pub new_text: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
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
        policy: analysis.policy.clone(),
        input: analysis.input,
        services: analysis
            .services
            .iter()
            .map(|service| ServiceReport {
                name: service.name.clone(),
                range: service.span.as_ref().map(|span| range(&index, span)),
                strategy: service.strategy,
                timeline: service.timeline.clone(),
            })
            .collect(),
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

/// A [`Diff`] as consumers see it (contract `RolloutDiff`).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct DiffReport {
    pub before: Option<RolloutSummary>,
    pub after: Option<RolloutSummary>,
    pub changes: Vec<Change>,
    /// Ranges into `after`.
    pub new_diagnostics: Vec<DiagnosticReport>,
    /// Ranges into `before`.
    pub fixed_diagnostics: Vec<DiagnosticReport>,
    /// Addition to the contract: one line saying whether the change adds an error and what it
    /// changes, the first line of every rendering of the diff.
    pub verdict: String,
}

/// Converts `diff`, whose diagnostics index into their own side, to the consumer's units.
pub fn diff_report(before: &str, after: &str, diff: Diff) -> DiffReport {
    let convert = |source: &str, diagnostics: &[Diagnostic]| {
        let index = LineIndex::new(source);
        diagnostics
            .iter()
            .map(|diagnostic| diagnostic_report(&index, diagnostic))
            .collect()
    };
    let verdict = diff.verdict();
    DiffReport {
        new_diagnostics: convert(after, &diff.new_diagnostics),
        fixed_diagnostics: convert(before, &diff.fixed_diagnostics),
        before: diff.before,
        after: diff.after,
        changes: diff.changes,
        verdict,
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
/// Numbers print as JavaScript's `JSON.stringify` prints them: a whole number has no `.0`
/// (`17`, not `17.0`), so the CLI's JSON reads the same as the npm package's values. The values
/// this crate produces (plain structs, strings, finite numbers) always serialise, so the
/// fallback text is never expected; it keeps the function total instead of panicking.
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    let mut out = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, JsNumbers::default());
    match value.serialize(&mut serializer) {
        Ok(()) => {
            let mut json = String::from_utf8(out).unwrap_or_default();
            json.push('\n');
            json
        }
        Err(error) => format!(
            "{{\"error\": {}}}\n",
            serde_json::Value::String(error.to_string())
        ),
    }
}

/// serde_json's pretty printer, writing whole floats as integers.
#[derive(Default)]
struct JsNumbers {
    pretty: serde_json::ser::PrettyFormatter<'static>,
}

/// The largest integer a double holds exactly (2^53).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_992.0;

impl serde_json::ser::Formatter for JsNumbers {
    fn write_f64<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        value: f64,
    ) -> std::io::Result<()> {
        if value.fract() == 0.0 && value.abs() <= MAX_SAFE_INTEGER {
            // `as` is exact here: the value is whole and within i64's range.
            write!(writer, "{}", value as i64)
        } else {
            self.pretty.write_f64(writer, value)
        }
    }

    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.pretty.begin_array(w)
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.pretty.end_array(w)
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.pretty.begin_array_value(w, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.pretty.end_array_value(w)
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.pretty.begin_object(w)
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.pretty.end_object(w)
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.pretty.begin_object_key(w, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.pretty.begin_object_value(w)
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.pretty.end_object_value(w)
    }
}

/// [`Observed`] as consumers see it (contract `Observed`): diagnostics with UTF-16 ranges.
#[cfg(feature = "observed")]
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct ObservedReport {
    pub deployments: Vec<crate::observed::ObservedDeployment>,
    pub calibrated_assumptions: Option<crate::observed::Calibrated>,
    /// Addition: each calibrated assumption's median and spread over the finished deployments.
    pub calibration: Vec<crate::observed::Spread>,
    /// Addition: the record's checks and what could not be read, ranges into their own file.
    pub diagnostics: Vec<DiagnosticReport>,
}

/// Converts `observed`, whose diagnostics point into `sources`, to the consumer's units.
#[cfg(feature = "observed")]
pub fn observed_report(sources: &[&str], observed: crate::observed::Observed) -> ObservedReport {
    let indexes: Vec<crate::position::LineIndex> = sources
        .iter()
        .map(|source| crate::position::LineIndex::new(source))
        .collect();
    let diagnostics = observed
        .diagnostics
        .iter()
        .filter_map(|(file, diagnostic)| {
            let index = indexes.get(*file)?;
            Some(diagnostic_report(index, diagnostic))
        })
        .collect();
    ObservedReport {
        deployments: observed.deployments,
        calibrated_assumptions: observed.calibrated_assumptions,
        calibration: observed.calibration,
        diagnostics,
    }
}

#[cfg(test)]
mod tests {
    use super::to_json;

    #[test]
    fn numbers_print_as_javascript_prints_them() {
        let cases: [(f64, &str); 7] = [
            (17.0, "17"),
            (-0.0, "0"),
            (33.3, "33.3"),
            (99.9, "99.9"),
            (0.1, "0.1"),
            (-2.5, "-2.5"),
            (1e300, "1e+300"),
        ];
        for (number, expected) in cases {
            assert_eq!(to_json(&number), format!("{expected}\n"), "{number}");
        }
        assert_eq!(to_json(&f64::NAN), "null\n");
        assert_eq!(to_json(&[1.0, 2.5]), "[\n  1,\n  2.5\n]\n");
    }
}
