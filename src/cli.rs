//! The command line, as a pure function of arguments and a file reader. PLACEHOLDER.
//!
//! Both the native binary (`src/main.rs`) and the npm package's `bin` call [`run`], so their
//! output is byte-identical.

/// Reads the files named on the command line; the caller decides how (std::fs, Node's fs).
pub trait FileReader {
    fn read(&self, path: &str) -> Result<String, String>;
}

/// What a CLI run printed and how it ended.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CliOutput {
    pub stdout: String,
    pub stderr: String,
    pub exit_code: i32,
}

/// Runs `ecs-rollout ARGS...` (without the program name). `color` asks for ANSI colour.
pub fn run(_args: &[String], _files: &dyn FileReader, _color: bool) -> CliOutput {
    CliOutput::default()
}
