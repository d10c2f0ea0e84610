//! The native `ecs-rollout` binary: real files, a real terminal, and nothing else.
//!
//! All behaviour lives in [`ecs_rollout::cli::run`]; this file only reads files from disk (or
//! standard input for `-`), decides whether to colour (standard output is a terminal and
//! `NO_COLOR` is unset or empty), prints and exits with the code `run` returns.

use std::io::{IsTerminal, Read, Write};

use ecs_rollout::cli::{self, FileReader};

/// Reads files with `std::fs`, and standard input for `-`.
struct DiskReader;

impl FileReader for DiskReader {
    fn read(&self, path: &str) -> Result<String, String> {
        let bytes = if path == "-" {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|error| reason(&error))?;
            bytes
        } else {
            std::fs::read(path).map_err(|error| reason(&error))?
        };
        String::from_utf8(bytes).map_err(|_| "not valid UTF-8".to_string())
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

fn main() {
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|arg| arg.to_string_lossy().into_owned())
        .collect();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
    let color = std::io::stdout().is_terminal() && !no_color;
    let output = cli::run(&args, &DiskReader, color);
    // A closed pipe (`ecs-rollout check x | head`) is not worth a panic; the exit code stands.
    let _ = std::io::stdout().write_all(output.stdout.as_bytes());
    let _ = std::io::stderr().write_all(output.stderr.as_bytes());
    std::process::exit(output.exit_code);
}
