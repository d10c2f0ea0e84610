//! Renderer tests driven by the fixtures in `tests/render_cases/*.json`.
//!
//! Each fixture is a source text and hand-built diagnostics whose spans are given by the text
//! they cover (the analyzer is not involved). For every fixture this test snapshots the human
//! rendering, the JSON report and the SARIF log, and checks three invariants: the UTF-16 offsets
//! of the report slice out the same text as the byte spans, the human output has a header for
//! every diagnostic, and the SARIF log has every property the 2.1.0 schema requires.
//!
//! Fixture fields: `about` (what the case shows), `file` (default `main.tfvars`), `source` or
//! `lines` joined by `eol` (default `\n`), `color`, `strategy`, and `diagnostics`, each with
//! `code`, `severity` (default: the code's), `message`, `path`, `at`, `help`, `fixes`
//! (`{title, edits: [{at, newText}]}`) and `related` (`[{at, message}]`). An `at` is a string
//! (its first occurrence), or `{text, nth, to, empty}` (the `nth` occurrence of `text`, extended
//! to the end of the next `to`, or the empty span at its start), `{eof: true}` or
//! `{bytes: [start, end]}`.

use std::collections::BTreeSet;
use std::ops::Range;

use ecs_rollout::diagnostic::Related;
use ecs_rollout::options::StrategyName;
use ecs_rollout::position::{Encoding, LineIndex};
use ecs_rollout::render::{human, sarif};
use ecs_rollout::timeline::{
    Assumptions, ListenerView, ListenersView, Phase, PhaseName, Rollback, RollbackTrigger,
    StageEvent, Timeline, TrafficStep,
};
use ecs_rollout::{report, Analysis, Code, Diagnostic, Edit, Fix, Severity};
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    #[allow(dead_code)]
    about: String,
    file: Option<String>,
    source: Option<String>,
    lines: Option<Vec<String>>,
    eol: Option<String>,
    #[serde(default)]
    color: bool,
    strategy: Option<StrategyName>,
    diagnostics: Vec<DiagnosticCase>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DiagnosticCase {
    code: String,
    severity: Option<Severity>,
    message: String,
    path: Option<String>,
    at: Option<At>,
    help: Option<String>,
    #[serde(default)]
    fixes: Vec<FixCase>,
    #[serde(default)]
    related: Vec<RelatedCase>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FixCase {
    title: String,
    edits: Vec<EditCase>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct EditCase {
    at: At,
    new_text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RelatedCase {
    at: At,
    message: String,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum At {
    Text(String),
    Spec(AtSpec),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AtSpec {
    text: Option<String>,
    nth: Option<usize>,
    to: Option<String>,
    #[serde(default)]
    empty: bool,
    #[serde(default)]
    eof: bool,
    bytes: Option<[usize; 2]>,
}

impl At {
    fn span(&self, source: &str) -> Range<usize> {
        let spec = match self {
            At::Text(text) => {
                return find(source, text, 1).unwrap_or_else(|| panic!("`{text}` not in source"))
            }
            At::Spec(spec) => spec,
        };
        if let Some([start, end]) = spec.bytes {
            return start..end;
        }
        if spec.eof {
            return source.len()..source.len();
        }
        let text = spec.text.as_deref().expect("`at` needs text, eof or bytes");
        let found = find(source, text, spec.nth.unwrap_or(1))
            .unwrap_or_else(|| panic!("`{text}` (occurrence {:?}) not in source", spec.nth));
        if spec.empty {
            return found.start..found.start;
        }
        match &spec.to {
            Some(to) => {
                let end = source[found.end..]
                    .find(to.as_str())
                    .unwrap_or_else(|| panic!("`{to}` not after `{text}`"));
                found.start..found.end + end + to.len()
            }
            None => found,
        }
    }
}

/// The byte span of the `nth` (1-based) occurrence of `text`.
fn find(source: &str, text: &str, nth: usize) -> Option<Range<usize>> {
    source
        .match_indices(text)
        .nth(nth.checked_sub(1)?)
        .map(|(start, found)| start..start + found.len())
}

impl Case {
    fn source(&self) -> String {
        match (&self.source, &self.lines) {
            (Some(source), None) => source.clone(),
            (None, Some(lines)) => lines.join(self.eol.as_deref().unwrap_or("\n")),
            _ => panic!("a case needs exactly one of `source` and `lines`"),
        }
    }

    fn analysis(&self, source: &str) -> Analysis {
        let diagnostics = self
            .diagnostics
            .iter()
            .map(|case| {
                let code = Code::from_name(&case.code)
                    .unwrap_or_else(|| panic!("unknown code `{}`", case.code));
                Diagnostic {
                    code,
                    severity: case.severity.unwrap_or(code.default_severity()),
                    message: case.message.clone(),
                    path: case.path.clone(),
                    span: case.at.as_ref().map(|at| at.span(source)),
                    help: case.help.clone(),
                    fixes: case
                        .fixes
                        .iter()
                        .map(|fix| Fix {
                            title: fix.title.clone(),
                            edits: fix
                                .edits
                                .iter()
                                .map(|edit| Edit {
                                    span: edit.at.span(source),
                                    new_text: edit.new_text.clone(),
                                })
                                .collect(),
                        })
                        .collect(),
                    related: case
                        .related
                        .iter()
                        .map(|related| Related {
                            span: related.at.span(source),
                            message: related.message.clone(),
                        })
                        .collect(),
                }
            })
            .collect();
        Analysis {
            strategy: self.strategy,
            diagnostics,
            timeline: None,
            policy: None,
            input: Default::default(),
            services: Vec::new(),
        }
    }
}

#[test]
fn render_cases() {
    insta::glob!("render_cases/*.json", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let case: Case = serde_json::from_str(&text)
            .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        let source = case.source();
        let file = case
            .file
            .clone()
            .unwrap_or_else(|| "main.tfvars".to_string());
        let analysis = case.analysis(&source);

        let mut counts = human::Counts::default();
        counts.add(&analysis.diagnostics);
        let rendered = human::render(&file, &source, &analysis.diagnostics, case.color);
        for diagnostic in &analysis.diagnostics {
            let header = format!(
                "{}[{}]",
                diagnostic.severity.as_str(),
                diagnostic.code.as_str()
            );
            assert!(rendered.contains(&header), "no `{header}` in:\n{rendered}");
        }
        insta::assert_snapshot!("human", format!("{rendered}{}\n", counts.summary()));

        let json = report::analysis_to_json(&source, &analysis);
        let value: Value = serde_json::from_str(&json).unwrap();
        assert_offsets_slice_the_same_text(&source, &analysis, &value);
        insta::assert_snapshot!("json", json);

        let log = sarif::sarif_log(&[sarif::FileResults {
            file: &file,
            source: &source,
            diagnostics: &analysis.diagnostics,
        }]);
        assert_valid_sarif(&log);
        assert_eq!(
            log["runs"][0]["results"].as_array().unwrap().len(),
            analysis.diagnostics.len()
        );
        let mut shown = log.clone();
        let rules = &mut shown["runs"][0]["tool"]["driver"]["rules"];
        *rules = Value::String(format!("{} rules", rules.as_array().unwrap().len()));
        insta::assert_snapshot!("sarif", serde_json::to_string_pretty(&shown).unwrap());
    });
}

/// `source.slice(start.offset, end.offset)` in UTF-16 gives the text the byte span covers (after
/// clamping to character boundaries), for every range in the report.
fn assert_offsets_slice_the_same_text(source: &str, analysis: &Analysis, report: &Value) {
    let utf16: Vec<u16> = source.encode_utf16().collect();
    let index = LineIndex::new(source);
    let mut spans: Vec<(Range<usize>, &Value)> = Vec::new();
    for (diagnostic, shown) in analysis
        .diagnostics
        .iter()
        .zip(report["diagnostics"].as_array().unwrap().iter())
    {
        if let Some(span) = &diagnostic.span {
            spans.push((span.clone(), &shown["range"]));
        } else {
            assert!(shown["range"].is_null());
        }
        for (fix, shown_fix) in diagnostic
            .fixes
            .iter()
            .zip(shown["fixes"].as_array().unwrap())
        {
            for (edit, shown_edit) in fix.edits.iter().zip(shown_fix["edits"].as_array().unwrap()) {
                spans.push((edit.span.clone(), &shown_edit["range"]));
            }
        }
        for (related, shown_related) in diagnostic
            .related
            .iter()
            .zip(shown["related"].as_array().unwrap())
        {
            spans.push((related.span.clone(), &shown_related["range"]));
        }
    }
    for (span, range) in spans {
        let start = range["start"]["offset"].as_u64().unwrap() as usize;
        let end = range["end"]["offset"].as_u64().unwrap() as usize;
        let sliced = String::from_utf16(&utf16[start..end]).unwrap();
        let bytes = index.clamp(span.start)..index.clamp(span.end);
        assert_eq!(sliced, source[bytes], "range {range} for span {span:?}");
        let start_position = index.position(span.start, Encoding::Utf16);
        assert_eq!(range["start"]["line"], start_position.line);
        assert_eq!(range["start"]["column"], start_position.column);
    }
}

/// Checks the properties SARIF 2.1.0's schema requires, and the ones GitHub code scanning reads.
fn assert_valid_sarif(log: &Value) {
    let levels = ["none", "note", "warning", "error"];
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let runs = log["runs"].as_array().expect("runs is an array");
    assert_eq!(runs.len(), 1, "one run");
    let run = &runs[0];
    let driver = &run["tool"]["driver"];
    assert!(!driver["name"].as_str().expect("driver.name").is_empty());
    assert!(driver["version"].is_string());
    assert!(["utf16CodeUnits", "unicodeCodePoints"].contains(&run["columnKind"].as_str().unwrap()));
    let rules = driver["rules"].as_array().expect("driver.rules");
    let mut ids = BTreeSet::new();
    for rule in rules {
        let id = rule["id"].as_str().expect("rule.id");
        assert!(ids.insert(id), "rule `{id}` twice");
        assert!(rule["shortDescription"]["text"].is_string());
        assert!(levels.contains(&rule["defaultConfiguration"]["level"].as_str().unwrap()));
    }
    for result in run["results"].as_array().expect("results") {
        assert!(result["message"]["text"].is_string(), "result.message.text");
        let rule_id = result["ruleId"].as_str().unwrap();
        let rule_index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[rule_index]["id"], rule_id);
        assert!(levels.contains(&result["level"].as_str().unwrap()));
        for location in result["locations"].as_array().unwrap() {
            assert_valid_location(location);
        }
        if let Some(related) = result.get("relatedLocations") {
            for location in related.as_array().unwrap() {
                assert!(location["id"].as_i64().unwrap() >= -1);
                assert!(location["message"]["text"].is_string());
                assert_valid_location(location);
            }
        }
        if let Some(fixes) = result.get("fixes") {
            for fix in fixes.as_array().unwrap() {
                assert!(fix["description"]["text"].is_string());
                let changes = fix["artifactChanges"].as_array().expect("artifactChanges");
                assert!(!changes.is_empty(), "artifactChanges has at least one item");
                for change in changes {
                    assert!(change["artifactLocation"]["uri"].is_string());
                    let replacements = change["replacements"].as_array().expect("replacements");
                    assert!(
                        !replacements.is_empty(),
                        "replacements has at least one item"
                    );
                    for replacement in replacements {
                        assert_valid_region(&replacement["deletedRegion"]);
                        assert!(replacement["insertedContent"]["text"].is_string());
                    }
                }
            }
        }
    }
}

fn assert_valid_location(location: &Value) {
    let physical = &location["physicalLocation"];
    assert!(physical["artifactLocation"]["uri"].is_string());
    if let Some(region) = physical.get("region") {
        assert_valid_region(region);
    }
}

fn assert_valid_region(region: &Value) {
    let field = |name: &str| {
        region[name]
            .as_u64()
            .unwrap_or_else(|| panic!("region.{name} in {region}"))
    };
    assert!(field("startLine") >= 1 && field("startColumn") >= 1);
    assert!(field("endLine") >= field("startLine"));
    if field("endLine") == field("startLine") {
        assert!(field("endColumn") >= field("startColumn"));
    }
}

#[test]
fn sarif_lists_every_rule_with_its_default_level() {
    let log = sarif::sarif_log(&[]);
    assert_valid_sarif(&log);
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert_eq!(rules.len(), Code::ALL.len());
    for (rule, code) in rules.iter().zip(Code::ALL) {
        assert_eq!(rule["id"], code.as_str());
        assert_eq!(rule["shortDescription"]["text"], code.summary());
        let level = match code.default_severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "note",
        };
        assert_eq!(rule["defaultConfiguration"]["level"], level);
    }
    assert_eq!(log["runs"][0]["results"], Value::Array(Vec::new()));
}

#[test]
fn sarif_puts_several_files_in_one_run() {
    let first = "create_lb = maybe\n";
    let second = "num_az = \"two\"\n";
    let problem = |source: &str, text: &str| {
        let start = source.find(text).unwrap();
        vec![
            Diagnostic::new(Code::TypeMismatch, format!("{text} is wrong"))
                .at(start..start + text.len()),
        ]
    };
    let first_diagnostics = problem(first, "maybe");
    let second_diagnostics = problem(second, "\"two\"");
    let log = sarif::sarif_log(&[
        sarif::FileResults {
            file: "envs/dev.tfvars",
            source: first,
            diagnostics: &first_diagnostics,
        },
        sarif::FileResults {
            file: "envs\\prod copy.tfvars",
            source: second,
            diagnostics: &second_diagnostics,
        },
    ]);
    assert_valid_sarif(&log);
    let results = log["runs"][0]["results"].as_array().unwrap();
    let uris: Vec<&str> = results
        .iter()
        .map(|result| {
            result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(uris, ["envs/dev.tfvars", "envs/prod%20copy.tfvars"]);
    assert_eq!(
        results[1]["locations"][0]["physicalLocation"]["region"]["startColumn"],
        10
    );
}

#[test]
fn artifact_uris_are_uri_references() {
    let cases = [
        ("main.tfvars", "main.tfvars"),
        ("./envs/a b.tfvars", "./envs/a%20b.tfvars"),
        ("/home/me/prod.tfvars", "file:///home/me/prod.tfvars"),
        ("C:\\work\\prod.tfvars", "file:///C:/work/prod.tfvars"),
        ("é#1.tfvars", "%C3%A9%231.tfvars"),
    ];
    for (file, uri) in cases {
        assert_eq!(sarif::artifact_uri(file), uri, "{file}");
    }
}

#[test]
fn summary_counts_each_severity() {
    let cases: [(&[Severity], &str); 4] = [
        (&[], "no problems found"),
        (&[Severity::Error], "1 error"),
        (
            &[Severity::Warning, Severity::Error, Severity::Warning],
            "1 error, 2 warnings",
        ),
        (
            &[
                Severity::Info,
                Severity::Error,
                Severity::Error,
                Severity::Info,
            ],
            "2 errors, 2 info",
        ),
    ];
    for (severities, expected) in cases {
        let diagnostics: Vec<Diagnostic> = severities
            .iter()
            .map(|&severity| Diagnostic {
                severity,
                ..Diagnostic::new(Code::SyntaxError, "x")
            })
            .collect();
        let mut counts = human::Counts::default();
        counts.add(&diagnostics);
        assert_eq!(counts.summary(), expected);
    }
}

/// The timeline serialises with the contract's camelCase names and optional fields left out.
#[test]
fn report_includes_the_timeline() {
    let timeline = Timeline {
        strategy: StrategyName::Canary,
        total_minutes: 17.0,
        desired_count: 2,
        peak_tasks: 4,
        circuit_breaker_threshold: Some(3),
        listeners: Some(ListenersView {
            production: ListenerView {
                port: Some(443),
                protocol: Some("HTTPS"),
            },
            test: None,
        }),
        traffic_steps: vec![
            TrafficStep {
                minute: 0.0,
                green_percent: 0.0,
            },
            TrafficStep {
                minute: 3.0,
                green_percent: 5.0,
            },
            TrafficStep {
                minute: 13.0,
                green_percent: 100.0,
            },
        ],
        phases: vec![
            Phase {
                name: PhaseName::ScaleUp,
                start_minute: 0.0,
                end_minute: 3.0,
                green_percent: 0.0,
                blue_tasks: 2,
                green_tasks: 2,
                step: None,
                waves: None,
            },
            Phase {
                name: PhaseName::CanaryBake,
                start_minute: 3.0,
                end_minute: 13.0,
                green_percent: 5.0,
                blue_tasks: 2,
                green_tasks: 2,
                step: Some(1),
                waves: None,
            },
        ],
        stages: vec![StageEvent {
            stage: "PRODUCTION_TRAFFIC_SHIFT",
            minute: 3.0,
            hooked: true,
            step: Some(1),
            rollback: false,
            delay_minutes: None,
        }],
        assumptions: Assumptions {
            scale_up_minutes: 3.0,
            hook_minutes: 0.0,
            drain_minutes: 0.0,
            bake_time_minutes: 1.0,
            minimum_healthy_percent: 100.0,
            maximum_percent: 200.0,
            desired_count: None,
            nlb_shift_delay_minutes: 10.0,
            load_balancer_type: ecs_rollout::options::LoadBalancerType::Application,
        },
        rollback: Some(Rollback {
            at_minute: 5.0,
            green_percent_at_failure: 5.0,
            restored_minute: Some(5.5),
            trigger: RollbackTrigger::CircuitBreaker,
        }),
        notes: Vec::new(),
    };
    let analysis = Analysis {
        strategy: Some(StrategyName::Canary),
        diagnostics: Vec::new(),
        timeline: Some(timeline),
        policy: None,
        input: Default::default(),
        services: Vec::new(),
    };
    insta::assert_snapshot!(report::analysis_to_json("", &analysis));
}
