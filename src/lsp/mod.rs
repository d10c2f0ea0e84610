//! The language server (contract section 9): a thin protocol layer over the pure analyzer.
//!
//! [`Session`] is the whole server as a state machine, one JSON-RPC message in and the messages
//! to send out, so the native binary and the npm package share it and differ only in how they
//! move bytes. `convert.rs` holds every conversion between byte spans and protocol positions,
//! `docs.rs` hover and completion (`help.rs` gives the same to editors that do not speak the protocol, through the npm package), `context.rs` the cursor's place in half-typed text, and
//! `settings.rs` the configuration. The protocol types are `lsp-types` and `lsp-server`'s, the
//! crates rust-analyzer uses.

mod context;
mod convert;
mod docs;
pub mod help;
mod service_docs;
mod session;
mod settings;

pub use lsp_server::Message;
pub use session::{Session, MAX_HEADER_LINE_BYTES, MAX_MESSAGE_BYTES, MAX_REINDEXED_BYTES};

/// A message's JSON body, exactly as `lsp-server` writes it after its `Content-Length` header,
/// so every transport sends the same bytes.
pub fn body(message: &Message) -> String {
    let mut framed = Vec::new();
    // Writing to a `Vec` cannot fail, and the protocol types always serialise.
    let _ = message.write(&mut framed);
    let text = String::from_utf8_lossy(&framed);
    match text.split_once("\r\n\r\n") {
        Some((_, body)) => body.to_string(),
        None => String::new(),
    }
}
