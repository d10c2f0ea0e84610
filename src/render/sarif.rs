//! Diagnostics as a SARIF 2.1.0 log, for GitHub code scanning and other SARIF tools.
//!
//! One run holds the results of every file checked. `tool.driver.rules` lists every code with
//! its summary and default level; each diagnostic becomes one result whose `ruleId` is its code.
//! Regions are 1-based and count UTF-16 code units (`columnKind: "utf16CodeUnits"`), the same
//! units as the JSON report. Fixes become SARIF `fixes` with one replacement per edit, and
//! related places become `relatedLocations`.

use serde_json::{json, Map, Value};

use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::position::{Encoding, LineIndex};

/// Where SARIF 2.1.0's JSON Schema lives.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// One checked file: its name as given on the command line, its text and what was found.
pub struct FileResults<'a> {
    pub file: &'a str,
    pub source: &'a str,
    pub diagnostics: &'a [Diagnostic],
}

/// The SARIF log for `files`, as pretty-printed JSON with a final newline.
pub fn render(files: &[FileResults<'_>]) -> String {
    crate::report::to_json(&sarif_log(files))
}

/// The SARIF log for `files` as a JSON value.
pub fn sarif_log(files: &[FileResults<'_>]) -> Value {
    let rules = crate::rules();
    let rule_index = |code: &str| rules.iter().position(|rule| rule.code == code);
    let driver_rules: Vec<Value> = rules
        .iter()
        .map(|rule| {
            json!({
                "id": rule.code,
                "shortDescription": { "text": rule.summary },
                "defaultConfiguration": { "level": level(rule.default_severity) },
            })
        })
        .collect();

    let mut results = Vec::new();
    for file in files {
        let index = LineIndex::new(file.source);
        let uri = artifact_uri(file.file);
        for diagnostic in file.diagnostics {
            let mut result = Map::new();
            result.insert("ruleId".into(), json!(diagnostic.code.as_str()));
            if let Some(position) = rule_index(diagnostic.code.as_str()) {
                result.insert("ruleIndex".into(), json!(position));
            }
            result.insert("level".into(), json!(level(diagnostic.severity)));
            result.insert(
                "message".into(),
                json!({ "text": message_text(diagnostic) }),
            );
            result.insert(
                "locations".into(),
                json!([location(&uri, &index, diagnostic.span.as_ref())]),
            );
            if !diagnostic.related.is_empty() {
                let related: Vec<Value> = diagnostic
                    .related
                    .iter()
                    .enumerate()
                    .map(|(id, related)| {
                        let mut place = location(&uri, &index, Some(&related.span));
                        place["id"] = json!(id);
                        place["message"] = json!({ "text": related.message });
                        place
                    })
                    .collect();
                result.insert("relatedLocations".into(), Value::Array(related));
            }
            if !diagnostic.fixes.is_empty() {
                let fixes: Vec<Value> = diagnostic
                    .fixes
                    .iter()
                    .map(|fix| {
                        let replacements: Vec<Value> = fix
                            .edits
                            .iter()
                            .map(|edit| {
                                json!({
                                    "deletedRegion": region(&index, &edit.span),
                                    "insertedContent": { "text": edit.new_text },
                                })
                            })
                            .collect();
                        json!({
                            "description": { "text": fix.title },
                            "artifactChanges": [{
                                "artifactLocation": { "uri": uri },
                                "replacements": replacements,
                            }],
                        })
                    })
                    .collect();
                result.insert("fixes".into(), Value::Array(fixes));
            }
            if let Some(path) = &diagnostic.path {
                result.insert("properties".into(), json!({ "path": path }));
            }
            results.push(Value::Object(result));
        }
    }

    json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "ecs-rollout",
                    "version": crate::VERSION,
                    "rules": driver_rules,
                },
            },
            "columnKind": "utf16CodeUnits",
            "results": results,
        }],
    })
}

/// SARIF's level for a severity.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The message, with the help on a second line: code-scanning views show only the message.
fn message_text(diagnostic: &Diagnostic) -> String {
    match &diagnostic.help {
        Some(help) => format!("{}\nHelp: {help}", diagnostic.message),
        None => diagnostic.message.clone(),
    }
}

fn location(uri: &str, index: &LineIndex, span: Option<&Span>) -> Value {
    let mut physical = json!({ "artifactLocation": { "uri": uri } });
    if let Some(span) = span {
        physical["region"] = region(index, span);
    }
    json!({ "physicalLocation": physical })
}

/// A 1-based region in UTF-16 code units; `endColumn` is just past the last character.
fn region(index: &LineIndex, span: &Span) -> Value {
    let (start, end) = index.range(span, Encoding::Utf16);
    json!({
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
    })
}

/// A file name as a URI reference: relative paths stay relative (GitHub resolves them against
/// the repository root), absolute ones become `file://` URIs, `\` becomes `/`, and any byte
/// outside the unreserved set is percent-encoded.
pub fn artifact_uri(file: &str) -> String {
    let path = file.replace('\\', "/");
    let drive =
        path.len() >= 2 && path.as_bytes()[1] == b':' && path.as_bytes()[0].is_ascii_alphabetic();
    let (prefix, rest) = if drive {
        ("file:///", path.as_str())
    } else if let Some(rest) = path.strip_prefix('/') {
        ("file:///", rest)
    } else {
        ("", path.as_str())
    };
    let mut uri = prefix.to_string();
    for (i, byte) in rest.bytes().enumerate() {
        let keep = byte.is_ascii_alphanumeric()
            || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/')
            || (drive && i == 1 && byte == b':');
        if keep {
            uri.push(byte as char);
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}
