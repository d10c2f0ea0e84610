//! Laws of the language server's `Session` over generated message sequences: whatever arrives
//! (edits anywhere, positions past the end, any settings, text that is not JSON-RPC), it never
//! panics, answers every request exactly once with its id, and after any edits publishes what
//! a fresh session publishes for the text the client now holds.

use ecs_rollout::lsp::{self, Message, Session};
use ecs_rollout::position::LineIndex;
use proptest::prelude::*;
use serde_json::{json, Value};

const URI: &str = "file:///p/test.tfvars";

const SEED: &str = "gateway_deployment_configuration = {\n  enable_blue_green = false\n  canary_configuration = { canary_percent = 5, canary_bake_time_in_minutes = 3 }\n}\ngateway_lifecycle_hook = { enable_lifecycle_hook = true, lifecycle_hook_stages = [\"BAKE_TIME\"] }\n# é 🚀\n";

#[derive(Debug, Clone)]
enum Step {
    Change {
        start: (u32, u32),
        end: (u32, u32),
        text: String,
    },
    Replace(String),
    Hover(u32, u32),
    Complete(u32, u32),
    Actions((u32, u32), (u32, u32)),
    Configure(Value),
    Garbage(String),
    Cancel(i32),
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[ -~\n]{0,12}",
        Just("\"".to_string()),
        Just("{".to_string()),
        Just("\r\n".to_string()),
        Just("🚀é".to_string()),
        Just("canary_percent = 0.05\n".to_string()),
        Just("lifecycle_hook_stages = [\"PRE".to_string()),
    ]
}

fn place() -> impl Strategy<Value = (u32, u32)> {
    prop_oneof![(0u32..8, 0u32..90), (any::<u32>(), any::<u32>())]
}

fn settings() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        Just(json!({ "rules": { "no-bake-time": "off" } })),
        Just(json!({ "ecs-rollout": { "policy": { "minBakeMinutes": 10 } } })),
        Just(json!({ "policy": { "allowedStrategies": ["NOPE"] } })),
        Just(json!({ "assumptions": { "hookMinutes": -3 } })),
        Just(json!([1, 2])),
        Just(json!("rules")),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (place(), place(), text()).prop_map(|(start, end, text)| Step::Change { start, end, text }),
        1 => text().prop_map(Step::Replace),
        2 => place().prop_map(|(line, character)| Step::Hover(line, character)),
        2 => place().prop_map(|(line, character)| Step::Complete(line, character)),
        1 => (place(), place()).prop_map(|(start, end)| Step::Actions(start, end)),
        1 => settings().prop_map(Step::Configure),
        1 => "[ -~]{0,40}".prop_map(Step::Garbage),
        1 => any::<i32>().prop_map(Step::Cancel),
    ]
}

fn position((line, character): (u32, u32)) -> Value {
    json!({ "line": line, "character": character })
}

/// Where the client's copy of the text stands after `change`, by the protocol's own rules.
fn apply(text: &mut String, start: (u32, u32), end: (u32, u32), new_text: &str) {
    let offset = |(line, character): (u32, u32), text: &str| {
        let index = LineIndex::new(text);
        let span = index.line_span(line as usize + 1, text);
        let mut units = 0;
        for (at, ch) in text[span.clone()].char_indices() {
            if units + ch.len_utf16() > character as usize {
                return span.start + at;
            }
            units += ch.len_utf16();
        }
        span.end
    };
    let (a, b) = (offset(start, text), offset(end, text));
    text.replace_range(a.min(b)..a.max(b), new_text);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn any_sequence_is_answered_and_stays_in_range(steps in proptest::collection::vec(step(), 1..25)) {
        let mut session = Session::new();
        let mut client_text = SEED.to_string();
        let mut sent = vec![
            json!({ "jsonrpc": "2.0", "id": 0, "method": "initialize", "params": { "capabilities": {} } }).to_string(),
            json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": { "textDocument": { "uri": URI, "languageId": "terraform-vars", "version": 1, "text": SEED } } }).to_string(),
        ];
        let mut requests = vec![0];
        for (number, step) in steps.iter().enumerate() {
            let id = number as i32 + 1;
            let document = json!({ "uri": URI });
            let message = match step {
                Step::Change { start, end, text } => {
                    apply(&mut client_text, *start, *end, text);
                    json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": { "textDocument": { "uri": URI, "version": id + 1 }, "contentChanges": [{ "range": { "start": position(*start), "end": position(*end) }, "text": text }] } }).to_string()
                }
                Step::Replace(text) => {
                    client_text = text.clone();
                    json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": { "textDocument": { "uri": URI, "version": id + 1 }, "contentChanges": [{ "text": text }] } }).to_string()
                }
                Step::Hover(line, character) => {
                    requests.push(id);
                    json!({ "jsonrpc": "2.0", "id": id, "method": "textDocument/hover", "params": { "textDocument": document, "position": position((*line, *character)) } }).to_string()
                }
                Step::Complete(line, character) => {
                    requests.push(id);
                    json!({ "jsonrpc": "2.0", "id": id, "method": "textDocument/completion", "params": { "textDocument": document, "position": position((*line, *character)) } }).to_string()
                }
                Step::Actions(start, end) => {
                    requests.push(id);
                    json!({ "jsonrpc": "2.0", "id": id, "method": "textDocument/codeAction", "params": { "textDocument": document, "range": { "start": position(*start), "end": position(*end) }, "context": { "diagnostics": [] } } }).to_string()
                }
                Step::Configure(settings) => json!({ "jsonrpc": "2.0", "method": "workspace/didChangeConfiguration", "params": { "settings": settings } }).to_string(),
                Step::Garbage(text) => text.clone(),
                Step::Cancel(id) => json!({ "jsonrpc": "2.0", "method": "$/cancelRequest", "params": { "id": id } }).to_string(),
            };
            sent.push(message);
        }
        let mut answered = Vec::new();
        let mut last_published = None;
        for body in &sent {
            for message in session.handle_text(body) {
                // Every message the server sends is valid JSON-RPC.
                let text = lsp::body(&message);
                prop_assert!(serde_json::from_str::<Value>(&text).is_ok());
                match message {
                    Message::Response(response) => answered.push(response.id.to_string().parse::<i32>().unwrap()),
                    Message::Notification(notification) if notification.method == "textDocument/publishDiagnostics" => {
                        last_published = Some(notification.params);
                    }
                    _ => {}
                }
            }
        }
        prop_assert_eq!(answered, requests);
        // The server's copy is the client's: a fresh session opening the client's text, with the
        // same settings, publishes the same diagnostics as the edited one last did.
        let mut fresh = Session::new();
        fresh.handle_text(&sent[0]);
        for step in &steps {
            if let Step::Configure(settings) = step {
                fresh.handle_text(&json!({ "jsonrpc": "2.0", "method": "workspace/didChangeConfiguration", "params": { "settings": settings } }).to_string());
            }
        }
        let opened = fresh.handle_text(&json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": { "textDocument": { "uri": URI, "languageId": "terraform-vars", "version": 1, "text": client_text } } }).to_string());
        let Some(Message::Notification(expected)) = opened.into_iter().next() else {
            panic!("didOpen publishes");
        };
        let published = last_published.expect("didOpen publishes");
        prop_assert_eq!(&published["diagnostics"], &expected.params["diagnostics"]);
    }
}
