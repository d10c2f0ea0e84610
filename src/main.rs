//! The native `ecs-rollout` binary: real files, a real terminal, and nothing else.
//!
//! All behaviour lives in [`ecs_rollout::cli::run`]; this file only reads files from disk (or
//! standard input for `-`), decides whether to colour (standard output is a terminal and
//! `NO_COLOR` is unset or empty), writes the files `check --fix` changed, prints and exits with
//! the code `run` returns.
//!
//! Every read stops after [`MAX_INPUT_BYTES`] + 1 bytes, so `check /dev/zero` or a huge policy
//! file costs at most that much memory: the core answers any longer text with
//! `input-too-large` (or, for a policy file, a usage error) whatever the rest would have been.
//! `pkg/bin/read.mjs` reads by the same rules, so both binaries print the same bytes.
//!
//! `ecs-rollout lsp` moves Language Server Protocol messages between standard input and output
//! and an [`ecs_rollout::lsp::Session`], which does all the rest.

use std::io::{BufRead, IsTerminal, Read, Write};

use ecs_rollout::cli::{self, FileReader};
use ecs_rollout::lsp::{Session, MAX_HEADER_LINE_BYTES, MAX_MESSAGE_BYTES};
use ecs_rollout::MAX_INPUT_BYTES;

/// Reads files with `std::fs`, and standard input for `-`.
struct DiskReader;

impl FileReader for DiskReader {
    fn terraform_files(&self, path: &str) -> Option<Vec<String>> {
        let entries = std::fs::read_dir(path).ok()?;
        let mut files: Vec<String> = entries
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| {
                path.is_file()
                    && (path.extension().is_some_and(|ext| ext == "tf")
                        || ecs_rollout::service::is_variable_file(&path.to_string_lossy()))
            })
            .map(|path| path.to_string_lossy().into_owned())
            .collect();
        files.sort();
        Some(files)
    }

    fn read(&self, path: &str) -> Result<String, String> {
        let bytes = if path == "-" {
            read_bounded(std::io::stdin().lock())
        } else {
            std::fs::File::open(path).and_then(read_bounded)
        };
        text_of(bytes.map_err(|error| reason(&error))?)
    }
}

/// At most [`MAX_INPUT_BYTES`] + 1 bytes of `reader`: enough for the core to tell that a longer
/// input is over the limit.
fn read_bounded(reader: impl Read) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_INPUT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The text of what was read. A read cut at the limit may end inside a character, and what
/// follows the limit was never seen, so text over the limit is decoded with replacement
/// characters (which never make it shorter) and left to the core's size check.
fn text_of(bytes: Vec<u8>) -> Result<String, String> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(error) if error.as_bytes().len() > MAX_INPUT_BYTES => {
            Ok(String::from_utf8_lossy(error.as_bytes()).into_owned())
        }
        Err(_) => Err("not valid UTF-8".to_string()),
    }
}

/// The short reason `FileReader` documents for an I/O error.
fn reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::IsADirectory => "is a directory".to_string(),
        _ => error.to_string(),
    }
}

/// One read from the client: a message body, a header block without a usable length, a body
/// over [`MAX_MESSAGE_BYTES`] (skipped), or the end of the input.
enum Frame {
    Body(Vec<u8>),
    BadHeader,
    Oversized(u64),
    End,
}

/// Reads one `Content-Length`-framed message in memory bounded by [`MAX_MESSAGE_BYTES`] and
/// time linear in its bytes. Header lines end at `\n` (one `\r` before it is dropped), only
/// their first [`MAX_HEADER_LINE_BYTES`] bytes are read, and a blank line ends the block; header
/// names are case-insensitive, headers other than `Content-Length` are ignored, and its value is
/// one to fifteen digits (a `+` may lead), on a line not cut short. Repeated `Content-Length`
/// headers of the same length count as one; a block with none, a malformed one or two that
/// disagree is a bad header, and no body is read. A body over [`MAX_MESSAGE_BYTES`] is skipped,
/// exactly its length. `pkg/bin/lsp.mjs` frames by the same rules.
fn read_frame(input: &mut impl BufRead) -> std::io::Result<Frame> {
    let mut length = None;
    let mut valid = true;
    let mut line = Vec::new();
    loop {
        let Some(cut) = read_header_line(input, &mut line)? else {
            return Ok(Frame::End);
        };
        let text = String::from_utf8_lossy(&line);
        let text = text.strip_suffix('\n').unwrap_or(&text);
        let text = text.strip_suffix('\r').unwrap_or(text);
        if text.is_empty() && !cut {
            break;
        }
        if let Some((name, value)) = text.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                match content_length(value.trim()).filter(|_| !cut) {
                    Some(parsed) if length.is_none_or(|known| known == parsed) => {
                        length = Some(parsed)
                    }
                    _ => valid = false,
                }
            }
        }
    }
    let Some(length) = length.filter(|_| valid) else {
        return Ok(Frame::BadHeader);
    };
    if length > MAX_MESSAGE_BYTES {
        let skipped = std::io::copy(&mut input.take(length), &mut std::io::sink())?;
        if skipped < length {
            return Ok(Frame::End);
        }
        return Ok(Frame::Oversized(length));
    }
    let mut body = Vec::new();
    input.take(length).read_to_end(&mut body)?;
    if (body.len() as u64) < length {
        return Ok(Frame::End);
    }
    Ok(Frame::Body(body))
}

/// Reads one header line into `line`, keeping at most [`MAX_HEADER_LINE_BYTES`] bytes of it
/// (with its `\n`) and skipping the rest: `None` at the end of the input, else whether the line
/// was cut.
fn read_header_line(input: &mut impl BufRead, line: &mut Vec<u8>) -> std::io::Result<Option<bool>> {
    line.clear();
    let mut cut = false;
    let mut read_any = false;
    loop {
        let available = input.fill_buf()?;
        if available.is_empty() {
            return Ok(read_any.then_some(cut));
        }
        read_any = true;
        let (taken, done) = match available.iter().position(|&byte| byte == b'\n') {
            Some(end) => (end + 1, true),
            None => (available.len(), false),
        };
        let room = MAX_HEADER_LINE_BYTES.saturating_sub(line.len());
        if taken > room {
            cut = true;
        }
        line.extend_from_slice(&available[..taken.min(room)]);
        input.consume(taken);
        if done {
            return Ok(Some(cut));
        }
    }
}

/// A `Content-Length` value: one to fifteen decimal digits, optionally after a `+`.
fn content_length(value: &str) -> Option<u64> {
    let digits = value.strip_prefix('+').unwrap_or(value);
    let well_formed =
        (1..=15).contains(&digits.len()) && digits.bytes().all(|byte| byte.is_ascii_digit());
    well_formed.then(|| digits.parse().ok()).flatten()
}

/// Serves the language server on standard input and output; returns the exit code.
fn serve_lsp() -> i32 {
    let mut session = Session::new();
    let mut input = std::io::stdin().lock();
    let mut output = std::io::stdout().lock();
    loop {
        let messages = match read_frame(&mut input) {
            Ok(Frame::Body(body)) => session.handle_text(&String::from_utf8_lossy(&body)),
            Ok(Frame::BadHeader) => session.handle_bad_header(),
            Ok(Frame::Oversized(length)) => session.handle_oversized_body(length),
            Ok(Frame::End) | Err(_) => return session.exit_code_at_end_of_input(),
        };
        for message in messages {
            // `lsp-server` frames and flushes each message.
            if message.write(&mut output).is_err() {
                return session.exit_code_at_end_of_input();
            }
        }
        if let Some(code) = session.exit_code() {
            return code;
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|arg| arg.to_string_lossy().into_owned())
        .collect();
    if cli::is_lsp_command(&args) {
        std::process::exit(serve_lsp());
    }
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
    let color = std::io::stdout().is_terminal() && !no_color;
    let output = cli::run(&args, &DiskReader, color);
    // `check --fix`: the fixed files, written before anything is printed, so a failed write
    // is said and ends the run with status 2.
    for (path, text) in &output.writes {
        if let Err(error) = std::fs::write(path, text) {
            let _ = writeln!(
                std::io::stderr(),
                "error: cannot write `{path}`: {}",
                reason(&error)
            );
            std::process::exit(cli::EXIT_USAGE);
        }
    }
    // A closed pipe (`ecs-rollout check x | head`) is not worth a panic; the exit code stands.
    let _ = std::io::stdout().write_all(output.stdout.as_bytes());
    let _ = std::io::stderr().write_all(output.stderr.as_bytes());
    std::process::exit(output.exit_code);
}
