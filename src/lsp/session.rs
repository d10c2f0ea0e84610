//! The protocol state machine: one message in, the messages to send out.
//!
//! A [`Session`] owns the open documents with their versions, the negotiated position encoding
//! and the configuration, and answers every message at once: it never blocks, never does I/O,
//! and never fails. The native binary (`ecs-rollout lsp`) and the npm package's `bin` each only
//! move framed messages between standard input and output and a `Session`, so both answer any
//! session byte for byte the same.
//!
//! Every request is answered before the next message is read, so a `$/cancelRequest` always
//! names a request already answered (or none) and is ignored, as the protocol allows. Analysis
//! runs on every change without a debounce: it takes well under a keystroke's time (`make bench`).

use std::collections::BTreeMap;

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeConfiguration, DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument,
    LogMessage, Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{CodeActionRequest, Completion, HoverRequest, Request as _};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, CompletionOptions, CompletionParams, CompletionResponse,
    DidChangeConfigurationParams, DidChangeTextDocumentParams, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, HoverParams, HoverProviderCapability, InitializeParams,
    InitializeResult, LogMessageParams, MessageType, PositionEncodingKind,
    PublishDiagnosticsParams, ServerCapabilities, ServerInfo, ShowMessageParams,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions, Uri,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::convert::{self, Text};
use super::{docs, settings};
use crate::analysis::{analyze, Analysis};
use crate::options::{Format, Options};
use crate::position::{Encoding, LineIndex};
use crate::read;

/// Where the session is in the protocol's lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Waiting for `initialize`.
    Uninitialized,
    Running,
    /// `shutdown` was answered; only `exit` matters now.
    ShutDown,
}

/// One open document and the analysis of its current text.
struct Document {
    uri: Uri,
    version: i32,
    text: String,
    index: LineIndex,
    analysis: Analysis,
}

/// The language server's state; see the module documentation.
pub struct Session {
    phase: Phase,
    encoding: Encoding,
    options: Options,
    documents: BTreeMap<String, Document>,
    exit_code: Option<i32>,
}

impl Default for Session {
    fn default() -> Session {
        Session::new()
    }
}

type Answer = Result<Value, (ErrorCode, String)>;

impl Session {
    pub fn new() -> Session {
        Session {
            phase: Phase::Uninitialized,
            encoding: Encoding::Utf16,
            options: Options::default(),
            documents: BTreeMap::new(),
            exit_code: None,
        }
    }

    /// The process exit code once `exit` has arrived: 0 after `shutdown`, 1 without it.
    pub fn exit_code(&self) -> Option<i32> {
        self.exit_code
    }

    /// The exit code when the input ends without `exit`: as if `exit` had arrived.
    pub fn exit_code_at_end_of_input(&self) -> i32 {
        self.exit_code
            .unwrap_or(if self.phase == Phase::ShutDown { 0 } else { 1 })
    }

    /// Handles one message body (JSON text). A body that is not a JSON-RPC message is answered
    /// with an `InvalidRequest` error when it carries a usable `id`, so the client stops waiting;
    /// otherwise it is logged back to the client and ignored.
    pub fn handle_text(&mut self, body: &str) -> Vec<Message> {
        let error = match serde_json::from_str::<Message>(body) {
            Ok(message) => return self.handle(message),
            Err(_) if self.exit_code.is_some() => return Vec::new(),
            Err(error) => error,
        };
        let id = serde_json::from_str::<Value>(body)
            .ok()
            .and_then(|value| value.get("id").cloned())
            .and_then(|id| serde_json::from_value::<RequestId>(id).ok());
        match id {
            Some(id) => vec![Message::Response(response(
                id,
                Err((
                    ErrorCode::InvalidRequest,
                    format!("not a JSON-RPC request: {error}"),
                )),
            ))],
            None => vec![log(
                MessageType::ERROR,
                format!("ignored a message that is not JSON-RPC: {error}"),
            )],
        }
    }

    /// What to send when the transport read a header block without a valid `Content-Length`:
    /// the bytes are skipped and the client is told in its log.
    pub fn handle_bad_header(&self) -> Vec<Message> {
        if self.exit_code.is_some() {
            return Vec::new();
        }
        vec![log(
            MessageType::ERROR,
            "ignored a message without a valid Content-Length header".to_string(),
        )]
    }

    /// What to send when the transport skipped a message body of `length` bytes, over
    /// [`MAX_MESSAGE_BYTES`]: the client is told in its log.
    pub fn handle_oversized_body(&self, length: u64) -> Vec<Message> {
        if self.exit_code.is_some() {
            return Vec::new();
        }
        vec![log(
            MessageType::ERROR,
            format!(
                "ignored a message of {length} bytes, over the limit of {MAX_MESSAGE_BYTES} bytes"
            ),
        )]
    }

    /// Handles one message and returns the messages to send, in order.
    pub fn handle(&mut self, message: Message) -> Vec<Message> {
        if self.exit_code.is_some() {
            return Vec::new();
        }
        match message {
            Message::Request(request) => self.request(request),
            Message::Notification(notification) => self.notification(notification),
            // The server sends no requests, so no response is awaited.
            Message::Response(_) => Vec::new(),
        }
    }

    fn request(&mut self, request: Request) -> Vec<Message> {
        let Request { id, method, params } = request;
        let mut after = Vec::new();
        let answer = match (self.phase, method.as_str()) {
            (Phase::Uninitialized, "initialize") => self.initialize(params, &mut after),
            (Phase::Uninitialized, _) => Err((
                ErrorCode::ServerNotInitialized,
                "the server is not initialized".to_string(),
            )),
            (_, "initialize") => Err((
                ErrorCode::InvalidRequest,
                "the server is already initialized".to_string(),
            )),
            (Phase::ShutDown, _) => Err((
                ErrorCode::InvalidRequest,
                "the server is shutting down".to_string(),
            )),
            (_, "shutdown") => {
                self.phase = Phase::ShutDown;
                Ok(Value::Null)
            }
            (_, CodeActionRequest::METHOD) => {
                parse(params).map(|params| to_value(self.code_actions(params)))
            }
            (_, HoverRequest::METHOD) => parse(params).map(|params| to_value(self.hover(params))),
            (_, Completion::METHOD) => {
                parse(params).map(|params| to_value(self.completion(params)))
            }
            _ => Err((
                ErrorCode::MethodNotFound,
                format!("unknown request `{method}`"),
            )),
        };
        let mut out = vec![Message::Response(response(id, answer))];
        out.append(&mut after);
        out
    }

    fn notification(&mut self, notification: Notification) -> Vec<Message> {
        let Notification { method, params } = notification;
        if method == "exit" {
            self.exit_code = Some(self.exit_code_at_end_of_input());
            return Vec::new();
        }
        if self.phase != Phase::Running {
            return Vec::new();
        }
        let outcome = match method.as_str() {
            DidOpenTextDocument::METHOD => parse(params).map(|params| self.open(params)),
            DidChangeTextDocument::METHOD => parse(params).map(|params| self.change(params)),
            DidCloseTextDocument::METHOD => parse(params).map(|params| self.close(params)),
            DidChangeConfiguration::METHOD => parse(params)
                .map(|params: DidChangeConfigurationParams| self.configure(&params.settings)),
            // `initialized`, `didSave`, `$/cancelRequest`, `$/setTrace` and any other
            // notification need no answer.
            _ => Ok(Vec::new()),
        };
        outcome.unwrap_or_else(|(_, message)| {
            vec![log(
                MessageType::ERROR,
                format!("ignored `{method}`: {message}"),
            )]
        })
    }

    fn initialize(&mut self, params: Value, after: &mut Vec<Message>) -> Answer {
        let params: InitializeParams = parse(params)?;
        let offers_utf8 = params
            .capabilities
            .general
            .and_then(|general| general.position_encodings)
            .is_some_and(|encodings| encodings.contains(&PositionEncodingKind::UTF8));
        let (encoding, kind) = if offers_utf8 {
            (Encoding::Bytes, PositionEncodingKind::UTF8)
        } else {
            (Encoding::Utf16, PositionEncodingKind::UTF16)
        };
        self.encoding = encoding;
        self.phase = Phase::Running;
        if let Some(options) = &params.initialization_options {
            after.extend(self.configure(options));
        }
        let capabilities = ServerCapabilities {
            position_encoding: Some(kind),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            completion_provider: Some(CompletionOptions {
                trigger_characters: Some(vec!["\"".to_string()]),
                ..CompletionOptions::default()
            }),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                ..CodeActionOptions::default()
            })),
            ..ServerCapabilities::default()
        };
        Ok(to_value(InitializeResult {
            capabilities,
            server_info: Some(ServerInfo {
                name: "ecs-rollout".to_string(),
                version: Some(crate::VERSION.to_string()),
            }),
        }))
    }

    /// Applies new settings and re-publishes every open document, or explains the refusal.
    fn configure(&mut self, value: &Value) -> Vec<Message> {
        match settings::apply(&self.options, value) {
            Ok(options) => {
                self.options = options;
                let keys: Vec<String> = self.documents.keys().cloned().collect();
                keys.iter().filter_map(|key| self.reanalyze(key)).collect()
            }
            Err(reason) => vec![Message::Notification(Notification::new(
                ShowMessage::METHOD.to_string(),
                ShowMessageParams {
                    typ: MessageType::ERROR,
                    message: format!(
                        "ecs-rollout: settings not applied, the current ones stay: {reason}"
                    ),
                },
            ))],
        }
    }

    fn open(&mut self, params: DidOpenTextDocumentParams) -> Vec<Message> {
        let document = params.text_document;
        let key = document.uri.as_str().to_string();
        let analysis = analyze(&document.text, &self.options_for(&document.uri));
        self.documents.insert(
            key.clone(),
            Document {
                index: LineIndex::new(&document.text),
                uri: document.uri,
                version: document.version,
                text: document.text,
                analysis,
            },
        );
        self.publish(&key).into_iter().collect()
    }

    fn change(&mut self, params: DidChangeTextDocumentParams) -> Vec<Message> {
        let key = params.text_document.uri.as_str().to_string();
        let encoding = self.encoding;
        let Some(document) = self.documents.get_mut(&key) else {
            return vec![log(
                MessageType::WARNING,
                format!("ignored a change to `{key}`, which is not open"),
            )];
        };
        let version = params.text_document.version;
        let text = std::mem::take(&mut document.text);
        let index = std::mem::replace(&mut document.index, LineIndex::new(""));
        match apply_changes(text, index, encoding, params.content_changes) {
            Ok(Applied { text, index, .. }) => {
                document.text = text;
                document.index = index;
                document.version = version;
                self.reanalyze(&key).into_iter().collect()
            }
            Err(count) => {
                // The client's text and ours would differ from now on: the document is closed
                // (its problems cleared) until the client opens it again.
                let uri = document.uri.clone();
                self.documents.remove(&key);
                vec![
                    Message::Notification(Notification::new(
                        ShowMessage::METHOD.to_string(),
                        ShowMessageParams {
                            typ: MessageType::ERROR,
                            message: format!(
                                "ecs-rollout ignored a change of {count} edits to `{key}`: out of \
                                 order, they would re-read more than {MAX_REINDEXED_BYTES} bytes; \
                                 the document is closed until it is opened again"
                            ),
                        },
                    )),
                    publish_message(PublishDiagnosticsParams::new(uri, Vec::new(), None)),
                ]
            }
        }
    }

    fn close(&mut self, params: DidCloseTextDocumentParams) -> Vec<Message> {
        let Some(document) = self.documents.remove(params.text_document.uri.as_str()) else {
            return Vec::new();
        };
        // Closing clears the document's problems from the client's list.
        vec![publish_message(PublishDiagnosticsParams::new(
            document.uri,
            Vec::new(),
            None,
        ))]
    }

    /// The options for one document: the configuration, and JSON for `*.json` files.
    fn options_for(&self, uri: &Uri) -> Options {
        let mut options = self.options.clone();
        if uri.path().as_str().ends_with(".json") {
            options.format = Some(Format::Json);
        }
        options
    }

    fn reanalyze(&mut self, key: &str) -> Option<Message> {
        let options = self.options_for(&self.documents.get(key)?.uri);
        let document = self.documents.get_mut(key)?;
        document.analysis = analyze(&document.text, &options);
        self.publish(key)
    }

    fn publish(&self, key: &str) -> Option<Message> {
        let document = self.documents.get(key)?;
        let text = self.text(document);
        let diagnostics = document
            .analysis
            .diagnostics
            .iter()
            .map(|diagnostic| convert::diagnostic(&text, &document.uri, diagnostic))
            .collect();
        Some(publish_message(PublishDiagnosticsParams::new(
            document.uri.clone(),
            diagnostics,
            Some(document.version),
        )))
    }

    fn text<'a>(&self, document: &'a Document) -> Text<'a> {
        Text {
            source: &document.text,
            index: &document.index,
            encoding: self.encoding,
        }
    }

    fn code_actions(&self, params: CodeActionParams) -> Vec<CodeActionOrCommand> {
        let Some(document) = self.documents.get(params.text_document.uri.as_str()) else {
            return Vec::new();
        };
        let wants_quickfix = params.context.only.as_ref().is_none_or(|kinds| {
            kinds
                .iter()
                .any(|kind| CodeActionKind::QUICKFIX.as_str().starts_with(kind.as_str()))
        });
        if !wants_quickfix {
            return Vec::new();
        }
        let text = self.text(document);
        let asked = text.span(params.range);
        let mut actions = Vec::new();
        for diagnostic in &document.analysis.diagnostics {
            let touches = diagnostic
                .span
                .as_ref()
                .is_some_and(|span| span.start <= asked.end && asked.start <= span.end);
            if !touches {
                continue;
            }
            let published = convert::diagnostic(&text, &document.uri, diagnostic);
            let preferred = diagnostic.fixes.len() == 1;
            for fix in &diagnostic.fixes {
                actions.push(CodeActionOrCommand::CodeAction(convert::code_action(
                    &text,
                    &document.uri,
                    published.clone(),
                    fix,
                    preferred,
                )));
            }
        }
        actions
    }

    fn hover(&self, params: HoverParams) -> Option<lsp_types::Hover> {
        let place = params.text_document_position_params;
        let document = self.documents.get(place.text_document.uri.as_str())?;
        let text = self.text(document);
        let offset = text.offset(place.position);
        docs::hover(&text, document.analysis.input, offset, || {
            Some(docs::rollout_summary(&document.analysis))
        })
    }

    fn completion(&self, params: CompletionParams) -> Option<CompletionResponse> {
        let place = params.text_document_position;
        let document = self.documents.get(place.text_document.uri.as_str())?;
        let text = self.text(document);
        let offset = text.offset(place.position);
        let format = match self.options_for(&document.uri).format {
            Some(format) => format,
            None => read::detect_format(&document.text),
        };
        Some(CompletionResponse::Array(docs::completion(
            &text,
            format,
            document.analysis.input,
            offset,
        )))
    }
}

/// The largest message body a transport reads: twice the analyser's input limit, room for a
/// document at that limit with its JSON escapes. A longer body is skipped unread, byte for
/// byte, and answered with [`Session::handle_oversized_body`].
pub const MAX_MESSAGE_BYTES: u64 = 2 * crate::analysis::MAX_INPUT_BYTES as u64;

/// The longest header line a transport reads: the rest of a longer line is skipped, and a
/// `Content-Length` line cut so is malformed.
pub const MAX_HEADER_LINE_BYTES: usize = 1024;

/// How many bytes of text one `didChange` may re-read to apply its edits: edits in descending
/// order (each before the previous one, as clients send a multi-cursor edit) are applied
/// together in one pass, and each edit out of that order first re-reads the text so far.
pub const MAX_REINDEXED_BYTES: usize = 8 * crate::analysis::MAX_INPUT_BYTES;

/// A document's text after a `didChange`, with its index and how many bytes were read to make
/// them (for tests: linear in the text and the edits, whatever their number).
struct Applied {
    text: String,
    index: LineIndex,
    indexed_bytes: usize,
}

/// Applies `changes` in order, as the protocol says: each range is in the text the previous
/// changes left. A run of ranged edits in descending order is applied in one pass over the
/// text; an edit after the run's last one applies the run first. The error is the number of
/// edits when that would re-read more than [`MAX_REINDEXED_BYTES`].
fn apply_changes(
    text: String,
    index: LineIndex,
    encoding: Encoding,
    changes: Vec<lsp_types::TextDocumentContentChangeEvent>,
) -> Result<Applied, usize> {
    let count = changes.len();
    let mut applied = Applied {
        text,
        index,
        indexed_bytes: 0,
    };
    // Edits not yet applied, each before the previous one, as byte spans of `applied.text`.
    let mut pending: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let flush = |applied: &mut Applied, pending: &mut Vec<(std::ops::Range<usize>, String)>| {
        if pending.is_empty() {
            return;
        }
        let mut text = String::with_capacity(applied.text.len());
        let mut cursor = 0;
        for (span, replacement) in pending.drain(..).rev() {
            text.push_str(&applied.text[cursor..span.start]);
            text.push_str(&replacement);
            cursor = span.end;
        }
        text.push_str(&applied.text[cursor..]);
        applied.index = LineIndex::new(&text);
        applied.indexed_bytes += text.len();
        applied.text = text;
    };
    for change in changes {
        let Some(range) = change.range else {
            pending.clear();
            applied.index = LineIndex::new(&change.text);
            applied.indexed_bytes += change.text.len();
            applied.text = change.text;
            continue;
        };
        let span_in = |applied: &Applied| {
            Text {
                source: &applied.text,
                index: &applied.index,
                encoding,
            }
            .span(range)
        };
        let mut span = span_in(&applied);
        // The text before the run's last edit is as the client has it, so a range there means
        // the same in both; at that edit's very start only when no line ends there (a position
        // past the end of a line stops at its break in our text, but not in the client's).
        let fits = pending.last().is_none_or(|(last, _)| {
            span.end < last.start
                || (span.end == last.start
                    && !matches!(
                        applied.text.as_bytes().get(last.start),
                        None | Some(b'\n' | b'\r')
                    ))
        });
        if !fits {
            flush(&mut applied, &mut pending);
            if applied.indexed_bytes > MAX_REINDEXED_BYTES {
                return Err(count);
            }
            span = span_in(&applied);
        }
        pending.push((span, change.text));
    }
    flush(&mut applied, &mut pending);
    Ok(applied)
}

fn parse<T: DeserializeOwned>(params: Value) -> Result<T, (ErrorCode, String)> {
    serde_json::from_value(params).map_err(|error| (ErrorCode::InvalidParams, error.to_string()))
}

/// Protocol types always serialise; `null` stands in for the impossible failure.
fn to_value<T: serde::Serialize>(value: T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

fn response(id: RequestId, answer: Answer) -> Response {
    match answer {
        Ok(result) => Response::new_ok(id, result),
        Err((code, message)) => Response::new_err(id, code as i32, message),
    }
}

fn publish_message(params: PublishDiagnosticsParams) -> Message {
    Message::Notification(Notification::new(
        PublishDiagnostics::METHOD.to_string(),
        params,
    ))
}

fn log(typ: MessageType, message: String) -> Message {
    Message::Notification(Notification::new(
        LogMessage::METHOD.to_string(),
        LogMessageParams { typ, message },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range, TextDocumentContentChangeEvent};

    fn edit(line: u32, start: u32, end: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(
                Position::new(line, start),
                Position::new(line, end),
            )),
            range_length: None,
            text: text.to_owned(),
        }
    }

    fn apply(text: &str, changes: Vec<TextDocumentContentChangeEvent>) -> Result<Applied, usize> {
        let index = LineIndex::new(text);
        apply_changes(text.to_owned(), index, Encoding::Utf16, changes)
    }

    #[test]
    fn settings_with_more_rules_than_codes_are_refused_by_their_count() {
        let rules: serde_json::Map<String, Value> = (0..=crate::options::max_rules())
            .map(|number| (format!("code-{number}"), Value::from("off")))
            .collect();
        let settings = serde_json::json!({ "rules": rules });
        let error = settings::apply(&Options::default(), &settings).unwrap_err();
        assert!(error.starts_with("invalid `rules`: has "), "{error}");
    }

    #[test]
    fn edits_in_descending_order_are_applied_in_one_pass() {
        let text = format!("# {}\nx = 1\n", "a".repeat(20_000));
        // Every `a` replaced by `b`, from the last to the first: 20,000 edits.
        let changes = (0..20_000)
            .rev()
            .map(|i| edit(0, 2 + i, 3 + i, "b"))
            .collect();
        let applied = apply(&text, changes).unwrap();
        assert_eq!(applied.text, format!("# {}\nx = 1\n", "b".repeat(20_000)));
        // One pass: the text read once, not once per edit.
        assert_eq!(applied.indexed_bytes, applied.text.len());
    }

    #[test]
    fn edits_at_the_same_place_apply_in_order() {
        let changes = vec![edit(0, 1, 1, "A"), edit(0, 1, 1, "B"), edit(0, 0, 1, "")];
        assert_eq!(apply("xy", changes).unwrap().text, "BAy");
    }

    #[test]
    fn edits_out_of_order_give_the_text_sequential_edits_give() {
        // Ascending edits, an edit at the end of a line the previous edit joined to the next,
        // and one past the end of a line: each must see the text the previous ones left.
        let changes = vec![
            edit(0, 1, 2, "X"),
            edit(0, 2, 3, "Y"),
            edit(0, 3, 0, ""),
            edit(1, 0, 0, "Z"),
            edit(0, 99, 99, "!"),
        ];
        let mut text = String::from("abc\ndef\nghi");
        for change in changes.clone() {
            let index = LineIndex::new(&text);
            let range = change.range.unwrap();
            let span = Text {
                source: &text,
                index: &index,
                encoding: Encoding::Utf16,
            }
            .span(range);
            text.replace_range(span, &change.text);
        }
        assert_eq!(apply("abc\ndef\nghi", changes).unwrap().text, text);
    }

    #[test]
    fn edits_out_of_order_are_refused_past_the_budget() {
        let text = format!("# {}\n", "a".repeat(1 << 20));
        let ascending: Vec<_> = (0..70).map(|i| edit(0, 2 + i, 3 + i, "b")).collect();
        assert_eq!(apply(&text, ascending).err(), Some(70));
        let few: Vec<_> = (0..3).map(|i| edit(0, 2 + i, 3 + i, "b")).collect();
        let applied = apply(&text, few).unwrap();
        assert!(applied.text.starts_with("# bbba"));
        assert!(applied.indexed_bytes <= 3 * applied.text.len());
    }
}
