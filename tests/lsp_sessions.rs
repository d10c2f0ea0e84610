//! Scripted language-server sessions (`tests/lsp_sessions/*.lsp`) against the native binary.
//!
//! Each script is sent to `ecs-rollout lsp` as one stream on standard input; what the server
//! writes back, decoded frame by frame, and its exit code are one insta snapshot. The npm
//! package's server must answer the same scripts byte for byte the same
//! (`pkg/test/lsp.test.mjs`), so both read the script format below the same way.
//!
//! Script lines: `#` comments and blank lines are skipped; a line starting with `{` is a message
//! (`"jsonrpc": "2.0"` is added when missing) framed with its `Content-Length`; `raw "..."` sends
//! the JSON string's text as it is, unframed; `hex ...` sends bytes given in hexadecimal;
//! `repeat COUNT LINE` sends what LINE (one of these) sends COUNT times, for large inputs. A
//! string value `"@file:PATH"` in a message stands for the text of `tests/lsp_sessions/PATH`.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::Value;

/// The bytes a script sends.
fn input(script: &str, dir: &Path) -> Vec<u8> {
    let mut bytes = Vec::new();
    for (number, line) in script.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (count, line) = match line.strip_prefix("repeat ") {
            Some(rest) => {
                let (count, line) = rest.split_once(' ').expect("repeat COUNT LINE");
                (count.parse::<usize>().expect("a count"), line.trim())
            }
            None => (1, line),
        };
        let sent = line_bytes(line, number, dir);
        for _ in 0..count {
            bytes.extend_from_slice(&sent);
        }
    }
    bytes
}

/// The bytes one script line sends.
fn line_bytes(line: &str, number: usize, dir: &Path) -> Vec<u8> {
    let mut bytes = Vec::new();
    if let Some(text) = line.strip_prefix("raw ") {
        let text: String = serde_json::from_str(text)
            .unwrap_or_else(|error| panic!("line {}: {error}", number + 1));
        bytes.extend_from_slice(text.as_bytes());
    } else if let Some(hex) = line.strip_prefix("hex ") {
        let digits: Vec<u8> = hex.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
        for pair in digits.chunks(2) {
            let pair = std::str::from_utf8(pair).unwrap();
            bytes.push(u8::from_str_radix(pair, 16).unwrap());
        }
    } else {
        let mut message: Value = serde_json::from_str(line)
            .unwrap_or_else(|error| panic!("line {}: {error}", number + 1));
        substitute_files(&mut message, dir);
        if let Value::Object(fields) = &mut message {
            fields
                .entry("jsonrpc")
                .or_insert_with(|| Value::String("2.0".into()));
        }
        let body = serde_json::to_string(&message).unwrap();
        bytes.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
        bytes.extend_from_slice(body.as_bytes());
    }
    bytes
}

fn substitute_files(value: &mut Value, dir: &Path) {
    match value {
        Value::String(text) => {
            if let Some(path) = text.strip_prefix("@file:") {
                *text = std::fs::read_to_string(dir.join(path)).unwrap();
            }
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|item| substitute_files(item, dir)),
        Value::Object(fields) => fields
            .values_mut()
            .for_each(|field| substitute_files(field, dir)),
        _ => {}
    }
}

/// The server's output as readable text: each frame's body, pretty-printed, then the exit code.
fn transcript(output: &[u8], exit_code: Option<i32>) -> String {
    let mut text = String::new();
    let mut rest = output;
    let mut count = 0;
    while !rest.is_empty() {
        let header_end = rest
            .windows(4)
            .position(|window| window == b"\r\n\r\n")
            .expect("a frame header ends with a blank line");
        let header = std::str::from_utf8(&rest[..header_end]).unwrap();
        let length: usize = header
            .strip_prefix("Content-Length: ")
            .expect("the only header is Content-Length")
            .parse()
            .unwrap();
        let body = &rest[header_end + 4..header_end + 4 + length];
        let value: Value = serde_json::from_slice(body).expect("every body is JSON");
        count += 1;
        text.push_str(&format!("--- {count}\n"));
        text.push_str(&serde_json::to_string_pretty(&value).unwrap());
        text.push('\n');
        rest = &rest[header_end + 4 + length..];
    }
    text.push_str(&format!("--- exit code {exit_code:?}\n"));
    text
}

/// Runs the native server on `input` and returns its standard output and exit code.
fn serve(input: Vec<u8>) -> (Vec<u8>, Option<i32>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ecs-rollout"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // The server may exit before reading everything (after `exit`); a closed pipe is expected.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    (output.stdout, output.status.code())
}

#[test]
fn lsp_sessions_match_their_snapshots() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lsp_sessions");
    let mut scripts: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "lsp"))
        .collect();
    scripts.sort();
    assert!(!scripts.is_empty(), "no scripts in {}", dir.display());
    for path in scripts {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let script = std::fs::read_to_string(&path).unwrap();
        let (output, exit_code) = serve(input(&script, &dir));
        insta::with_settings!({ snapshot_path => "snapshots/lsp_sessions", prepend_module_to_snapshot => false, description => format!("tests/lsp_sessions/{name}.lsp") }, {
            insta::assert_snapshot!(name, transcript(&output, exit_code));
        });
    }
}
