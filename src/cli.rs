//! The command line, as a pure function of arguments and a file reader.
//!
//! Both the native binary (`src/main.rs`) and the npm package's `bin` call [`run`], so their
//! output is byte-identical: all reading goes through a [`FileReader`], and the result comes
//! back as text plus an exit code instead of being printed. Arguments are parsed by hand to keep
//! the build small.
//!
//! Exit codes: 0 when the command did its job (for `check`, when no error-severity diagnostic
//! remains), 1 when `check` finds errors, `timeline` cannot build a timeline or `diff` finds an
//! error the first file did not have, 2 for bad arguments, unreadable files and invalid policy
//! files.
//!
//! `check --format json` prints the contract's `Analysis` object for a single file, and an array
//! of `{ "file": ..., "analysis": ... }` objects, in argument order, for several files.

use std::fmt::Write as _;

use std::rc::Rc;

use serde::Serialize;

use crate::analysis::{
    analyze, analyze_in_module, compare_services, no_service_comparison, Analysis, ServiceAnalysis,
    MAX_INPUT_BYTES,
};
use crate::diagnostic::{Code, Severity};
use crate::diff::diff_sides;
use crate::input::InputKind;
use crate::options::{AssumptionOverrides, Format, Options, RuleLevel};
use crate::render::{diff as diff_render, human, sarif};
use crate::report;
use crate::service::{is_variable_file, variable_file_order, Context, Module};
use crate::timeline;
use crate::timeline::Comparison;

/// Reads the files named on the command line; the caller decides how (std::fs, Node's fs).
///
/// The error is a short lowercase reason, printed as ``cannot read `FILE`: REASON``. To keep the
/// native and npm outputs identical, both readers use the same reasons: `no such file`,
/// `permission denied`, `is a directory`, `not valid UTF-8`, or the system's own message.
///
/// A reader may stop after [`MAX_INPUT_BYTES`] + 1 bytes: the rest cannot change the answer,
/// which is `input-too-large` for a file and a usage error for a policy file.
pub trait FileReader {
    fn read(&self, path: &str) -> Result<String, String>;

    /// The `.tf` files of `path` when it is a directory (a Terraform module), sorted, and the
    /// variable files Terraform reads from it ([`is_variable_file`]); `None` when it is not a
    /// directory or directories cannot be listed.
    fn terraform_files(&self, _path: &str) -> Option<Vec<String>> {
        None
    }
}

/// What a CLI run printed and how it ended.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CliOutput {
    pub stdout: String,
    pub stderr: String,
    pub exit_code: i32,
    /// Files `check --fix` changed, as (path, new text), in argument order: the binaries write
    /// them (the run itself does no I/O), each replaced whole.
    pub writes: Vec<(String, String)>,
}

/// What `check --fix` does with the fixes it applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FixMode {
    Off,
    Write,
    DryRun,
}

/// Exit code for a successful run.
pub const EXIT_OK: i32 = 0;
/// Exit code when `check` finds error-severity diagnostics or `timeline` has none to show.
pub const EXIT_PROBLEMS: i32 = 1;
/// Exit code for bad arguments, unreadable files and invalid policy files.
pub const EXIT_USAGE: i32 = 2;

const MAIN_HELP: &str = "\
ecs-rollout: checks Portkey Gateway ECS .tfvars files and shows what their rollout will do

Usage: ecs-rollout <COMMAND> [OPTIONS]

Commands:
  check FILE...      Report every problem in the files (exit 1 when any error remains)
  timeline FILE      Show the rollout minute by minute
  compare FILE       Show the same service under each of the four strategies
  diff BEFORE AFTER  Show what changing BEFORE into AFTER does to the rollout
  observed RECORD... Show past deployments beside their plans, and calibrate the assumptions
  rules              List every diagnostic code with its default severity
  policy-schema      Print the JSON Schema of --policy files
  lsp                Serve the Language Server Protocol on standard input and output, for editors

Options:
  -h, --help         Print help (also after a command: `ecs-rollout check --help`)
  -V, --version      Print the version
";

const CHECK_HELP: &str = "\
Usage: ecs-rollout check [OPTIONS] FILE...

Reports every problem in each FILE (`-` reads standard input).
Exits 0 when no error-severity diagnostic remains, 1 when one does, 2 on bad arguments.

Options:
  --format human|json|sarif   Output format (default: human). json prints the Analysis object,
                              or an array of {file, analysis} for several files
  --rule CODE=LEVEL           Change a code's severity: off, info, warning or error (repeatable)
  --policy FILE               Check an organisation policy, given as a JSON file
  --input-format hcl|json     Read files as HCL or JSON (default: JSON for *.json, else detect)
  --assume NAME=VALUE         Set a timeline assumption (repeatable), for example hookMinutes=5
  --fail-at MINUTES           Simulate a failure detected at that minute
  --color auto|always|never   Colour the human output (default: auto, on a terminal)
  --fix                       Apply every offered fix (one per problem) to each FILE, then
                              report what remains; the exit status is that of what remains
  --dry-run                   With --fix: print the changes as a unified diff, write nothing
  -h, --help                  Print this help
";

const TIMELINE_HELP: &str = "\
Usage: ecs-rollout timeline [OPTIONS] FILE...

Shows the rollout of every service in the FILEs minute by minute (`-` reads standard input; a
directory stands for its Terraform module).
Exits 1 when no service's deployment settings can be read and are within ECS's valid values.

Options:
  --format human|json         Output format (default: human)
  --fail-at MINUTES           Simulate a failure detected at that minute and show the rollback
  --assume NAME=VALUE         Set a timeline assumption (repeatable); NAME is one of
                              scaleUpMinutes, hookMinutes, drainMinutes, bakeTimeMinutes,
                              minimumHealthyPercent, maximumPercent, desiredCount,
                              nlbShiftDelayMinutes (numbers), loadBalancerType
                              (application|network)
  --input-format hcl|json     Read the file as HCL or JSON (default: JSON for *.json, else detect)
  -h, --help                  Print this help
";

const COMPARE_HELP: &str = "\
Usage: ecs-rollout compare [OPTIONS] FILE...

Shows each service in the FILEs under rolling, blue/green, canary and linear deployments (a
directory stands for its Terraform module).

Options:
  --format human|json         Output format (default: human)
  --assume NAME=VALUE         Set a timeline assumption (repeatable), for example hookMinutes=5
  --input-format hcl|json     Read the file as HCL or JSON (default: JSON for *.json, else detect)
  -h, --help                  Print this help
";

const DIFF_HELP: &str = "\
Usage: ecs-rollout diff [OPTIONS] BEFORE AFTER

Shows what changing BEFORE into AFTER does to the rollout: both summaries, the figures that
change, the problems the change brings and the ones it fixes.
Exits 1 when AFTER has an error BEFORE did not have, 2 on bad arguments.

Options:
  --format human|json|markdown  Output format (default: human). markdown is written for a
                                pull-request comment, with both traffic curves as a chart
  --rule CODE=LEVEL             Change a code's severity: off, info, warning or error (repeatable)
  --policy FILE                 Check an organisation policy, given as a JSON file
  --input-format hcl|json       Read both files as HCL or JSON (default: JSON for *.json, else
                                detect)
  --assume NAME=VALUE           Set a timeline assumption (repeatable), for example hookMinutes=5
  --color auto|always|never     Colour the human output (default: auto, on a terminal)
  -h, --help                    Print this help
";

#[cfg(feature = "observed")]
const OBSERVED_HELP: &str = "\
Usage: ecs-rollout observed [OPTIONS] RECORD...

Shows each service deployment of an ECS deployment record (the JSON of `aws ecs
describe-service-deployments`, optionally with `aws ecs describe-services` output in the same
object or in another file given with it) beside the plan its own deployment configuration gives,
stretch by stretch, and the assumptions that would make the plan match what happened.
Exits 2 when a file cannot be read or holds no readable JSON, else 0.

Options:
  --format human|json|markdown  Output format (default: human)
  --assume NAME=VALUE           Set a timeline assumption for the plans (repeatable)
  --color auto|always|never     Colour the human output (default: auto, on a terminal)
  -h, --help                    Print this help
";

const RULES_HELP: &str = "\
Usage: ecs-rollout rules [--format human|json]

Lists every diagnostic code with its default severity and what it means.
";

const POLICY_SCHEMA_HELP: &str = "\
Usage: ecs-rollout policy-schema

Prints the JSON Schema of the files --policy accepts.
";

/// Runs `ecs-rollout ARGS...` (without the program name). `color` asks for ANSI colour in the
/// human output unless `--color` says otherwise.
pub fn run(args: &[String], files: &dyn FileReader, color: bool) -> CliOutput {
    match parse(args) {
        Ok(command) => execute(command, files, color),
        Err(error) => usage_error(&error.message, error.usage),
    }
}

/// Whether `args` ask for the language server (`lsp`, optionally with `--stdio`, which some
/// editors' clients always pass), which the native and npm binaries serve themselves.
pub fn is_lsp_command(args: &[String]) -> bool {
    matches!(args, [command, rest @ ..] if command == "lsp" && rest.iter().all(|arg| arg == "--stdio"))
}

/// A command line that cannot run, with the usage text to show under it.
#[derive(Debug)]
struct UsageError {
    message: String,
    usage: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CommandName {
    Check,
    Timeline,
    Compare,
    Diff,
    #[cfg(feature = "observed")]
    Observed,
    Rules,
    PolicySchema,
}

impl CommandName {
    fn from_name(name: &str) -> Option<CommandName> {
        match name {
            "check" => Some(CommandName::Check),
            "timeline" => Some(CommandName::Timeline),
            "compare" => Some(CommandName::Compare),
            "diff" => Some(CommandName::Diff),
            #[cfg(feature = "observed")]
            "observed" => Some(CommandName::Observed),
            "rules" => Some(CommandName::Rules),
            "policy-schema" => Some(CommandName::PolicySchema),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            CommandName::Check => "check",
            CommandName::Timeline => "timeline",
            CommandName::Compare => "compare",
            CommandName::Diff => "diff",
            #[cfg(feature = "observed")]
            CommandName::Observed => "observed",
            CommandName::Rules => "rules",
            CommandName::PolicySchema => "policy-schema",
        }
    }

    fn help(self) -> &'static str {
        match self {
            CommandName::Check => CHECK_HELP,
            CommandName::Timeline => TIMELINE_HELP,
            CommandName::Compare => COMPARE_HELP,
            CommandName::Diff => DIFF_HELP,
            #[cfg(feature = "observed")]
            CommandName::Observed => OBSERVED_HELP,
            CommandName::Rules => RULES_HELP,
            CommandName::PolicySchema => POLICY_SCHEMA_HELP,
        }
    }

    /// The `--format` values the command accepts.
    fn formats(self) -> &'static [&'static str] {
        match self {
            CommandName::Check => &["human", "json", "sarif"],
            CommandName::Timeline | CommandName::Compare | CommandName::Rules => &["human", "json"],
            CommandName::Diff => &["human", "json", "markdown"],
            #[cfg(feature = "observed")]
            CommandName::Observed => &["human", "json", "markdown"],
            CommandName::PolicySchema => &[],
        }
    }

    /// The options (besides `--help`) the command accepts.
    fn options(self) -> &'static [&'static str] {
        match self {
            CommandName::Check => &[
                "--format",
                "--rule",
                "--policy",
                "--input-format",
                "--input",
                "--assume",
                "--fail-at",
                "--color",
            ],
            CommandName::Timeline => &[
                "--format",
                "--fail-at",
                "--assume",
                "--input-format",
                "--input",
                "--color",
            ],
            CommandName::Compare => &[
                "--format",
                "--assume",
                "--input-format",
                "--input",
                "--color",
            ],
            CommandName::Diff => &[
                "--format",
                "--rule",
                "--policy",
                "--input-format",
                "--input",
                "--assume",
                "--color",
            ],
            #[cfg(feature = "observed")]
            CommandName::Observed => &["--format", "--assume", "--color"],
            CommandName::Rules => &["--format"],
            CommandName::PolicySchema => &[],
        }
    }

    /// How many files the command takes: at least, at most.
    fn file_count(self) -> (usize, usize) {
        match self {
            CommandName::Check | CommandName::Timeline | CommandName::Compare => (1, usize::MAX),
            CommandName::Diff => (2, 2),
            #[cfg(feature = "observed")]
            CommandName::Observed => (1, usize::MAX),
            CommandName::Rules | CommandName::PolicySchema => (0, 0),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OutputFormat {
    Human,
    Json,
    Sarif,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug)]
enum Command {
    Help(&'static str),
    Version,
    Run(Box<Invocation>),
}

/// A parsed command with its options.
#[derive(Debug)]
struct Invocation {
    command: CommandName,
    files: Vec<String>,
    format: OutputFormat,
    input_format: Option<Format>,
    input: Option<InputKind>,
    rules: Vec<(String, RuleLevel)>,
    policy_file: Option<String>,
    assumptions: AssumptionOverrides,
    fail_at_minute: Option<f64>,
    color: ColorChoice,
    fix: FixMode,
}

fn parse(args: &[String]) -> Result<Command, UsageError> {
    let Some(first) = args.first() else {
        return Err(UsageError {
            message: "no command given".to_string(),
            usage: MAIN_HELP,
        });
    };
    match first.as_str() {
        "-h" | "--help" | "help" => return Ok(Command::Help(MAIN_HELP)),
        // `run` only sees `lsp` when its arguments are wrong: the binaries serve it themselves.
        "lsp" => {
            return Err(UsageError {
                message: "`lsp` takes no arguments but `--stdio`: it serves the Language Server \
                          Protocol on standard input and output"
                    .to_string(),
                usage: MAIN_HELP,
            })
        }
        "-V" | "--version" => return Ok(Command::Version),
        _ => {}
    }
    let Some(command) = CommandName::from_name(first) else {
        let message = if first.starts_with('-') {
            format!("unknown option `{first}` before the command")
        } else {
            format!("unknown command `{first}`")
        };
        return Err(UsageError {
            message,
            usage: MAIN_HELP,
        });
    };
    let usage = command.help();
    let error = |message: String| UsageError { message, usage };

    let mut invocation = Invocation {
        command,
        files: Vec::new(),
        format: OutputFormat::Human,
        input_format: None,
        input: None,
        rules: Vec::new(),
        policy_file: None,
        assumptions: AssumptionOverrides::default(),
        fail_at_minute: None,
        color: ColorChoice::Auto,
        fix: FixMode::Off,
    };
    let mut dry_run = false;
    let mut rest = args[1..].iter();
    let mut only_files = false;
    while let Some(arg) = rest.next() {
        if only_files || arg == "-" || !arg.starts_with('-') {
            invocation.files.push(arg.clone());
            continue;
        }
        if arg == "--" {
            only_files = true;
            continue;
        }
        if arg == "-h" || arg == "--help" {
            return Ok(Command::Help(usage));
        }
        if command == CommandName::Check && (arg == "--fix" || arg == "--dry-run") {
            if arg == "--fix" {
                invocation.fix = FixMode::Write;
            } else {
                dry_run = true;
            }
            continue;
        }
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) => (name, Some(value.to_string())),
            None => (arg.as_str(), None),
        };
        if !command.options().contains(&name) {
            return Err(error(format!(
                "unknown option `{name}` for `{}`",
                command.name()
            )));
        }
        let value = match inline.or_else(|| rest.next().cloned()) {
            Some(value) => value,
            None => return Err(error(format!("`{name}` needs a value"))),
        };
        match name {
            "--format" => {
                invocation.format = match value.as_str() {
                    "human" | "text" if command.formats().contains(&"human") => OutputFormat::Human,
                    "json" if command.formats().contains(&"json") => OutputFormat::Json,
                    "sarif" if command.formats().contains(&"sarif") => OutputFormat::Sarif,
                    "markdown" if command.formats().contains(&"markdown") => OutputFormat::Markdown,
                    _ => {
                        return Err(error(format!(
                            "`--format` must be one of {} for `{}`, not `{value}`",
                            command.formats().join(", "),
                            command.name()
                        )))
                    }
                }
            }
            "--input" => {
                invocation.input = Some(InputKind::from_name(&value).ok_or_else(|| {
                    error(format!(
                        "`--input` must be portkey-tfvars, terraform, cloudformation, ecs-api or ecs-deployment-record, not `{value}`"
                    ))
                })?)
            }
            "--input-format" => {
                invocation.input_format = Some(match value.as_str() {
                    "hcl" => Format::Hcl,
                    "json" => Format::Json,
                    _ => {
                        return Err(error(format!(
                            "`--input-format` must be hcl or json, not `{value}`"
                        )))
                    }
                })
            }
            "--color" => {
                invocation.color = match value.as_str() {
                    "auto" => ColorChoice::Auto,
                    "always" => ColorChoice::Always,
                    "never" => ColorChoice::Never,
                    _ => {
                        return Err(error(format!(
                            "`--color` must be auto, always or never, not `{value}`"
                        )))
                    }
                }
            }
            "--rule" => invocation.rules.push(parse_rule(&value).map_err(error)?),
            "--policy" => invocation.policy_file = Some(value),
            "--assume" => parse_assumption(&value, &mut invocation.assumptions).map_err(error)?,
            "--fail-at" => {
                invocation.fail_at_minute = Some(parse_minutes("--fail-at", &value).map_err(error)?)
            }
            _ => return Err(error(format!("unknown option `{name}`"))),
        }
    }

    match (invocation.fix, dry_run) {
        (FixMode::Off, true) => return Err(error("`--dry-run` goes with `--fix`".to_string())),
        (FixMode::Write, true) => invocation.fix = FixMode::DryRun,
        _ => {}
    }
    if invocation.fix != FixMode::Off && invocation.format == OutputFormat::Sarif {
        return Err(error(
            "`--fix` reports in human or json format, not sarif".to_string(),
        ));
    }
    if invocation.fix == FixMode::Write && invocation.files.iter().any(|file| file == "-") {
        return Err(error(
            "`--fix` writes files, and `-` is standard input; use `--fix --dry-run` to see the \
             changes"
                .to_string(),
        ));
    }
    let (least, most) = command.file_count();
    let count = invocation.files.len();
    if count < least {
        let message = if least == 1 {
            format!("`{}` needs a file to read", command.name())
        } else {
            format!("`{}` needs {least} files, got {count}", command.name())
        };
        return Err(error(message));
    }
    if count > most {
        let message = if most == 0 {
            format!(
                "`{}` takes no files, got `{}`",
                command.name(),
                invocation.files[0]
            )
        } else if most == 1 {
            format!("`{}` takes one file, got {count}", command.name())
        } else {
            format!("`{}` takes {most} files, got {count}", command.name())
        };
        return Err(error(message));
    }
    Ok(Command::Run(Box::new(invocation)))
}

/// `CODE=LEVEL`, with CODE a known diagnostic code.
fn parse_rule(value: &str) -> Result<(String, RuleLevel), String> {
    let Some((code, level)) = value.split_once('=') else {
        return Err(format!("`--rule` takes CODE=LEVEL, not `{value}`"));
    };
    if Code::from_name(code).is_none() {
        return Err(format!(
            "unknown rule `{code}` in `--rule {value}`; `ecs-rollout rules` lists them"
        ));
    }
    let level = match level {
        "off" => RuleLevel::Off,
        "info" => RuleLevel::Info,
        "warning" => RuleLevel::Warning,
        "error" => RuleLevel::Error,
        _ => {
            return Err(format!(
                "the level in `--rule {value}` must be off, info, warning or error"
            ))
        }
    };
    Ok((code.to_string(), level))
}

/// `NAME=NUMBER`, with NAME one of the assumption names of the contract's `Options`, or
/// `loadBalancerType=application|network`.
fn parse_assumption(value: &str, assumptions: &mut AssumptionOverrides) -> Result<(), String> {
    let Some((name, number)) = value.split_once('=') else {
        return Err(format!("`--assume` takes NAME=VALUE, not `{value}`"));
    };
    if name == "loadBalancerType" {
        let kind = crate::options::LoadBalancerType::from_name(number.trim()).ok_or_else(|| {
            "`--assume loadBalancerType` takes `application` or `network`".to_owned()
        })?;
        assumptions.load_balancer_type = Some(kind);
        return Ok(());
    }
    let slot = match name {
        "scaleUpMinutes" => &mut assumptions.scale_up_minutes,
        "hookMinutes" => &mut assumptions.hook_minutes,
        "drainMinutes" => &mut assumptions.drain_minutes,
        "bakeTimeMinutes" => &mut assumptions.bake_time_minutes,
        "minimumHealthyPercent" => &mut assumptions.minimum_healthy_percent,
        "maximumPercent" => &mut assumptions.maximum_percent,
        "desiredCount" => &mut assumptions.desired_count,
        "nlbShiftDelayMinutes" => &mut assumptions.nlb_shift_delay_minutes,
        _ => {
            return Err(format!(
                "unknown assumption `{name}`; use scaleUpMinutes, hookMinutes, drainMinutes, \
                 bakeTimeMinutes, minimumHealthyPercent, maximumPercent, desiredCount, \
                 nlbShiftDelayMinutes or loadBalancerType"
            ))
        }
    };
    *slot = Some(parse_minutes(&format!("--assume {name}"), number)?);
    Ok(())
}

/// A finite number that is not negative.
fn parse_minutes(option: &str, value: &str) -> Result<f64, String> {
    match value.trim().parse::<f64>() {
        Ok(number) if number.is_finite() && number >= 0.0 => Ok(number),
        _ => Err(format!(
            "`{option}` needs a number of 0 or more, not `{value}`"
        )),
    }
}

fn usage_error(message: &str, usage: &str) -> CliOutput {
    let usage_line = usage
        .lines()
        .find(|line| line.starts_with("Usage:"))
        .unwrap_or("Usage: ecs-rollout <COMMAND> [OPTIONS]");
    CliOutput {
        stdout: String::new(),
        stderr: format!(
            "error: {message}\n\n{usage_line}\nRun `ecs-rollout --help` for more information.\n"
        ),
        exit_code: EXIT_USAGE,
        writes: Vec::new(),
    }
}

fn failure(message: String) -> CliOutput {
    CliOutput {
        stdout: String::new(),
        stderr: format!("error: {message}\n"),
        exit_code: EXIT_USAGE,
        writes: Vec::new(),
    }
}

fn execute(command: Command, files: &dyn FileReader, color: bool) -> CliOutput {
    let invocation = match command {
        Command::Help(text) => return success(text.to_string()),
        Command::Version => return success(format!("ecs-rollout {}\n", crate::VERSION)),
        Command::Run(invocation) => *invocation,
    };
    let color = match invocation.color {
        ColorChoice::Auto => color,
        ColorChoice::Always => true,
        ColorChoice::Never => false,
    };
    match invocation.command {
        CommandName::Rules => run_rules(invocation.format),
        CommandName::PolicySchema => success(format!(
            "{}\n",
            serde_json::to_string_pretty(&crate::policy::schema()).unwrap_or_default()
        )),
        CommandName::Check => run_check(&invocation, files, color),
        CommandName::Timeline => run_timeline(&invocation, files),
        CommandName::Compare => run_compare(&invocation, files),
        CommandName::Diff => run_diff(&invocation, files, color),
        #[cfg(feature = "observed")]
        CommandName::Observed => run_observed(&invocation, files, color),
    }
}

fn success(stdout: String) -> CliOutput {
    CliOutput {
        stdout,
        stderr: String::new(),
        exit_code: EXIT_OK,
        writes: Vec::new(),
    }
}

fn run_rules(format: OutputFormat) -> CliOutput {
    let rules = crate::rules();
    if format == OutputFormat::Json {
        return success(report::to_json(&rules));
    }
    let width = rules.iter().map(|rule| rule.code.len()).max().unwrap_or(0);
    let mut out = String::new();
    for rule in &rules {
        let _ = writeln!(
            out,
            "{:width$}  {:7}  {}",
            rule.code,
            rule.default_severity.as_str(),
            rule.summary
        );
    }
    success(out)
}

/// A file that was read, with the options to analyse it with.
struct Input {
    file: String,
    source: String,
    options: Options,
    /// The Terraform module this file was read with (a directory, or several `.tf` files given
    /// together), parsed once for all of its files, and this file's place in it: the other files'
    /// variable defaults and locals may resolve its references.
    module: Option<(Rc<Module>, usize)>,
}

impl Input {
    /// The module this file is read in, for resolving its references.
    fn context(&self) -> Context<'_> {
        match &self.module {
            None => Context::default(),
            Some((module, index)) => Context {
                module: Some(module),
                current: Some(*index),
            },
        }
    }

    fn analyze(&self) -> Analysis {
        match &self.module {
            None => analyze(&self.source, &self.options),
            Some((module, index)) => analyze_in_module(&self.source, module, *index, &self.options),
        }
    }
}

/// Reads the policy file (if any) and every file, or explains which could not be read.
fn read_inputs(invocation: &Invocation, files: &dyn FileReader) -> Result<Vec<Input>, CliOutput> {
    let policy = match &invocation.policy_file {
        None => None,
        Some(path) => {
            let text = files
                .read(path)
                .map_err(|reason| failure(format!("cannot read policy file `{path}`: {reason}")))?;
            if text.len() > MAX_INPUT_BYTES {
                return Err(failure(format!(
                    "policy file `{path}` is over the limit of {MAX_INPUT_BYTES} bytes (8 MiB)"
                )));
            }
            Some(
                crate::options::parse_policy(&text)
                    .map_err(|reason| failure(format!("invalid policy file `{path}`: {reason}")))?,
            )
        }
    };
    let base = Options {
        input: invocation.input,
        format: invocation.input_format,
        assumptions: invocation.assumptions.clone(),
        fail_at_minute: invocation.fail_at_minute,
        rules: invocation.rules.iter().cloned().collect(),
        policy,
    };

    let mut inputs = Vec::new();
    let mut errors = String::new();
    // A directory stands for its `.tf` files, one Terraform module, and the variable files
    // Terraform reads from it (`terraform.tfvars`, `*.auto.tfvars`, ...), whose values override
    // the `variable` defaults; those are read as the module's values, not checked as files.
    let mut paths = Vec::new();
    let mut variable_files = Vec::new();
    for file in &invocation.files {
        match files.terraform_files(file) {
            Some(inside) => {
                let (values, tf): (Vec<String>, Vec<String>) =
                    inside.into_iter().partition(|path| is_variable_file(path));
                if tf.is_empty() {
                    let _ = writeln!(errors, "error: `{file}` is a directory with no .tf file");
                }
                paths.extend(tf);
                variable_files.extend(values);
            }
            None => paths.push(file.clone()),
        }
    }
    variable_file_order(&mut variable_files);
    let mut assigned = Vec::new();
    for file in &variable_files {
        match files.read(file) {
            Ok(text) if text.len() <= MAX_INPUT_BYTES => assigned.push((file, text)),
            Ok(_) => {
                let _ = writeln!(
                    errors,
                    "error: `{file}` is over the limit of {MAX_INPUT_BYTES} bytes (8 MiB)"
                );
            }
            Err(reason) => {
                let _ = writeln!(errors, "error: cannot read `{file}`: {reason}");
            }
        }
    }
    for file in &paths {
        match files.read(file) {
            Ok(source) => {
                let mut options = base.clone();
                let lower = file.to_ascii_lowercase();
                if options.format.is_none() && lower.ends_with(".json") {
                    options.format = Some(Format::Json);
                }
                if options.input.is_none() && lower.ends_with(".tf") {
                    options.input = Some(InputKind::Terraform);
                }
                inputs.push(Input {
                    file: file.clone(),
                    source,
                    options,
                    module: None,
                });
            }
            Err(reason) => {
                let _ = writeln!(errors, "error: cannot read `{file}`: {reason}");
            }
        }
    }
    // `.tf` files read together are one module: each resolves references in the others. The
    // module is parsed once, so that reading it costs time linear in its size.
    let terraform: Vec<usize> = (0..inputs.len())
        .filter(|&index| inputs[index].options.input == Some(InputKind::Terraform))
        .collect();
    if terraform.len() > 1 || (!terraform.is_empty() && !assigned.is_empty()) {
        let sources: Vec<&str> = terraform
            .iter()
            .map(|&index| inputs[index].source.as_str())
            .collect();
        let mut module = Module::parse(&sources);
        for (file, text) in &assigned {
            module.assign(file, text);
        }
        let module = Rc::new(module);
        for (place, &index) in terraform.iter().enumerate() {
            inputs[index].module = Some((Rc::clone(&module), place));
        }
    }
    if errors.is_empty() {
        Ok(inputs)
    } else {
        Err(CliOutput {
            stdout: String::new(),
            stderr: errors,
            exit_code: EXIT_USAGE,
            writes: Vec::new(),
        })
    }
}

fn run_check(invocation: &Invocation, files: &dyn FileReader, color: bool) -> CliOutput {
    let inputs = match read_inputs(invocation, files) {
        Ok(inputs) => inputs,
        Err(output) => return output,
    };
    let mut inputs = inputs;
    let mut analyses: Vec<Analysis> = inputs.iter().map(Input::analyze).collect();
    let mut fixed = Vec::new();
    if invocation.fix != FixMode::Off {
        for (input, analysis) in inputs.iter_mut().zip(analyses.iter_mut()) {
            let original = input.source.clone();
            let applied = fix_all(input, analysis);
            if applied > 0 {
                fixed.push((input.file.clone(), original, input.source.clone(), applied));
            }
        }
    }
    drop_module_no_service(&inputs, &mut analyses);
    let mut output = check_output(&inputs, &analyses, invocation.format, color);
    if invocation.fix == FixMode::Off {
        return output;
    }
    let mut report = String::new();
    for (file, before, after, applied) in &fixed {
        let noun = if *applied == 1 { "fix" } else { "fixes" };
        match invocation.fix {
            FixMode::DryRun => {
                report.push_str(&unified_diff(file, before, after));
                let _ = writeln!(
                    output.stderr,
                    "`{file}`: {applied} {noun} would be applied (--dry-run: nothing written)"
                );
            }
            _ => {
                output.writes.push((file.clone(), after.clone()));
                let _ = writeln!(output.stderr, "`{file}`: {applied} {noun} applied");
            }
        }
    }
    if fixed.is_empty() {
        let _ = writeln!(output.stderr, "no fix to apply");
    }
    if invocation.fix == FixMode::DryRun {
        // The diff is what a dry run is for; what would remain follows it.
        output.stdout = report + &output.stdout;
    }
    output
}

/// The most rounds `fix_all` runs: each applies one fix per diagnostic, so a second round is
/// only for fixes that became possible once the first ones were made.
const FIX_ROUNDS: usize = 4;

/// Applies the first fix of every diagnostic that offers one to `input` (non-overlapping edits
/// at once, as the property tests apply them), analyses again, and repeats while fixes remain
/// and the text changes; `analysis` ends as the fixed text's. Returns how many fixes were
/// applied.
fn fix_all(input: &mut Input, analysis: &mut Analysis) -> usize {
    let mut applied = 0;
    for _ in 0..FIX_ROUNDS {
        let fixes = non_overlapping(
            analysis
                .diagnostics
                .iter()
                .filter_map(|diagnostic| diagnostic.fixes.first()),
        );
        if fixes.is_empty() {
            break;
        }
        let text = crate::diagnostic::apply_fixes(&input.source, fixes.iter().copied());
        if text == input.source {
            break;
        }
        applied += fixes.len();
        input.source = text;
        *analysis = input.analyze();
    }
    applied
}

/// The fixes among `fixes` whose edits overlap none of an earlier one's (in source order), so
/// that all of them apply at once and the count of applied fixes is exact.
fn non_overlapping<'a>(
    fixes: impl Iterator<Item = &'a crate::diagnostic::Fix>,
) -> Vec<&'a crate::diagnostic::Fix> {
    let mut taken: Vec<&crate::diagnostic::Fix> = Vec::new();
    let mut spans: Vec<std::ops::Range<usize>> = Vec::new();
    for fix in fixes {
        let clashes = fix.edits.iter().any(|edit| {
            spans.iter().any(|span| {
                edit.span.start < span.end.max(span.start + 1)
                    && span.start < edit.span.end.max(edit.span.start + 1)
            })
        });
        if !clashes {
            spans.extend(fix.edits.iter().map(|edit| edit.span.clone()));
            taken.push(fix);
        }
    }
    taken
}

/// `before` and `after` of `file` as a unified diff (three lines of context), as `diff -u` and
/// `git diff` print it.
fn unified_diff(file: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{file}"), &format!("b/{file}"))
        .to_string()
}

/// In a Terraform module read whole, most files (variables, outputs) define no service: that
/// is only worth saying when no file of the module does.
fn drop_module_no_service(inputs: &[Input], analyses: &mut [Analysis]) {
    let module: Vec<usize> = (0..inputs.len())
        .filter(|&index| inputs[index].module.is_some())
        .collect();
    if module
        .iter()
        .any(|&index| !analyses[index].services.is_empty())
    {
        for index in module {
            analyses[index]
                .diagnostics
                .retain(|diagnostic| diagnostic.code != crate::diagnostic::Code::NoService);
        }
    }
}

/// What `check` prints for `inputs` and their analyses, in argument order.
fn check_output(
    inputs: &[Input],
    analyses: &[Analysis],
    format: OutputFormat,
    color: bool,
) -> CliOutput {
    let has_errors = analyses.iter().any(|analysis| {
        analysis
            .diagnostics
            .iter()
            .any(|diagnostic| diagnostic.severity == Severity::Error)
    });

    let stdout = match format {
        // `check` refuses `--format markdown` when parsing; human text stands in for it here.
        OutputFormat::Human | OutputFormat::Markdown => {
            let mut out = String::new();
            let mut counts = human::Counts::default();
            for (input, analysis) in inputs.iter().zip(analyses) {
                out.push_str(&human::render(
                    &input.file,
                    &input.source,
                    &analysis.diagnostics,
                    color,
                ));
                if let Some(scope) = &analysis.policy {
                    let _ = writeln!(
                        out,
                        "policy: `{}` was checked against {}",
                        input.file, scope.summary
                    );
                }
                counts.add(&analysis.diagnostics);
            }
            out.push_str(&counts.summary());
            if inputs.len() > 1 {
                let _ = write!(out, " in {} files", inputs.len());
            }
            out.push('\n');
            out
        }
        OutputFormat::Json => {
            if let ([input], [analysis]) = (inputs, analyses) {
                report::analysis_to_json(&input.source, analysis)
            } else {
                let entries: Vec<FileReport> = inputs
                    .iter()
                    .zip(analyses)
                    .map(|(input, analysis)| FileReport {
                        file: &input.file,
                        analysis: report::report(&input.source, analysis),
                    })
                    .collect();
                report::to_json(&entries)
            }
        }
        OutputFormat::Sarif => {
            let results: Vec<sarif::FileResults> = inputs
                .iter()
                .zip(analyses)
                .map(|(input, analysis)| sarif::FileResults {
                    file: &input.file,
                    source: &input.source,
                    diagnostics: &analysis.diagnostics,
                })
                .collect();
            sarif::render(&results)
        }
    };
    CliOutput {
        stdout,
        stderr: String::new(),
        exit_code: if has_errors { EXIT_PROBLEMS } else { EXIT_OK },
        writes: Vec::new(),
    }
}

/// One file's entry in `check --format json` with several files.
#[derive(Serialize)]
struct FileReport<'a> {
    file: &'a str,
    analysis: report::Report,
}

/// A note for stderr when `analysis` has errors the timeline or comparison does not show.
fn error_note(file: &str, analysis: &Analysis) -> String {
    let errors = analysis
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.severity == Severity::Error)
        .count();
    match errors {
        0 => String::new(),
        1 => format!("note: `{file}` has 1 error; `ecs-rollout check {file}` shows it\n"),
        _ => format!("note: `{file}` has {errors} errors; `ecs-rollout check {file}` shows them\n"),
    }
}

fn run_timeline(invocation: &Invocation, files: &dyn FileReader) -> CliOutput {
    let inputs = match read_inputs(invocation, files) {
        Ok(inputs) => inputs,
        Err(output) => return output,
    };
    if inputs.is_empty() {
        return failure("`timeline` needs a file to read".to_string());
    }
    // Every service of every file given (a directory's files, several sources), in order; a
    // file of a module that defines none (its variables.tf) adds none.
    let analyses: Vec<(&Input, Analysis)> = inputs
        .iter()
        .map(|input| (input, input.analyze()))
        .collect();
    timeline_output(&analyses, invocation.format)
}

/// What `timeline` prints for the analysed inputs.
fn timeline_output(analyses: &[(&Input, Analysis)], format: OutputFormat) -> CliOutput {
    let services: Vec<(&Input, &Analysis, &ServiceAnalysis)> = analyses
        .iter()
        .flat_map(|(input, analysis)| {
            analysis
                .services
                .iter()
                .map(move |service| (*input, analysis, service))
        })
        .collect();
    let stderr: String = analyses
        .iter()
        .map(|(input, analysis)| error_note(&input.file, analysis))
        .collect();
    let drawn = services
        .iter()
        .any(|(_, _, service)| service.timeline.is_some());
    let exit_code = if drawn { EXIT_OK } else { EXIT_PROBLEMS };
    let stdout = match (format, services.as_slice()) {
        // One shape whatever the number of services: an array of `{ name, source, timeline }`.
        (OutputFormat::Json, _) => report::to_json(
            &services
                .iter()
                .map(|(input, _, service)| ServiceTimeline {
                    name: &service.name,
                    source: &input.file,
                    timeline: service.timeline.as_ref(),
                })
                .collect::<Vec<_>>(),
        ),
        (_, [(_, _, service)]) if service.timeline.is_some() => service
            .timeline
            .as_ref()
            .map(timeline::render_text)
            .unwrap_or_default(),
        // One service that cannot be drawn, or none: the errors that say why.
        (_, [] | [_]) => {
            let (input, analysis) = services
                .first()
                .map(|(input, analysis, _)| (*input, *analysis))
                .unwrap_or((analyses[0].0, &analyses[0].1));
            return no_timeline(input, analysis);
        }
        _ => {
            let several_files = analyses
                .iter()
                .filter(|(_, analysis)| !analysis.services.is_empty())
                .count()
                > 1;
            let mut out = String::new();
            for (input, analysis, service) in &services {
                let _ = write!(out, "== {} ({})", service.name, service.strategy.title());
                if several_files {
                    let _ = write!(out, " in {}", input.file);
                }
                out.push('\n');
                match &service.timeline {
                    Some(timeline) => out.push_str(&timeline::render_text(timeline)),
                    None => out.push_str(&no_timeline_reason(analysis, service)),
                }
                out.push('\n');
            }
            out
        }
    };
    CliOutput {
        stdout,
        stderr,
        exit_code,
        writes: Vec::new(),
    }
}

/// One service's timeline in `timeline --format json`: its name, the file it is defined in,
/// and its timeline (`null` when it cannot be drawn).
#[derive(serde::Serialize)]
struct ServiceTimeline<'a> {
    name: &'a str,
    source: &'a str,
    timeline: Option<&'a crate::timeline::Timeline>,
}

/// `timeline` for a file whose one service cannot be drawn (or that has none): the errors.
fn no_timeline(input: &Input, analysis: &Analysis) -> CliOutput {
    let errors: Vec<_> = analysis
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.severity == Severity::Error)
        .cloned()
        .collect();
    let external = analysis
        .services
        .first()
        .map(|service| no_timeline_reason(analysis, service))
        .filter(|reason| reason.contains("ECS does not run"));
    let mut stderr = match external {
        Some(reason) => format!(
            "error: no timeline for `{}`: {}\n",
            input.file,
            reason.trim_end().trim_start_matches("No timeline: ")
        ),
        None => format!(
            "error: no timeline for `{}`: its deployment settings cannot be read or are outside \
             ECS's valid values\n\n",
            input.file
        ),
    };
    stderr.push_str(&human::render(&input.file, &input.source, &errors, false));
    CliOutput {
        stdout: String::new(),
        stderr,
        exit_code: EXIT_PROBLEMS,
        writes: Vec::new(),
    }
}

/// Why `service` has no timeline: another deployment controller runs it (the
/// `external-deployment-controller` diagnostic inside the service), or its settings cannot be
/// used.
fn no_timeline_reason(
    analysis: &crate::Analysis,
    service: &crate::analysis::ServiceAnalysis,
) -> String {
    let external = analysis.diagnostics.iter().find(|diagnostic| {
        diagnostic.code == Code::ExternalDeploymentController
            && match (&diagnostic.span, &service.span) {
                (Some(at), Some(within)) => within.start <= at.start && at.end <= within.end,
                _ => analysis.services.len() == 1,
            }
    });
    match external {
        Some(diagnostic) => format!(
            "No timeline: {}\n",
            diagnostic.message.replace(['\r', '\n'], " ")
        ),
        None => "No timeline: its deployment settings cannot be read or are outside ECS's valid values (see `check`)\n".to_owned(),
    }
}

fn run_compare(invocation: &Invocation, files: &dyn FileReader) -> CliOutput {
    let inputs = match read_inputs(invocation, files) {
        Ok(inputs) => inputs,
        Err(output) => return output,
    };
    let Some(first) = inputs.first() else {
        return failure("`compare` needs a file to read".to_string());
    };
    // Every service of every file given, as `timeline` takes them.
    let mut compared: Vec<(&Input, String, Comparison)> = Vec::new();
    let mut stderr = String::new();
    for input in &inputs {
        for (name, comparison) in compare_services(&input.source, input.context(), &input.options) {
            compared.push((input, name, comparison));
        }
        stderr.push_str(&error_note(&input.file, &input.analyze()));
    }
    if compared.is_empty() {
        compared.push((first, String::new(), no_service_comparison(&first.options)));
    }
    let stdout = match (invocation.format, compared.as_slice()) {
        (OutputFormat::Json, _) => report::to_json(
            &compared
                .iter()
                .map(|(input, name, comparison)| ServiceComparison {
                    name,
                    source: &input.file,
                    comparison,
                })
                .collect::<Vec<_>>(),
        ),
        (_, [(_, _, comparison)]) => timeline::render_comparison_text(comparison),
        _ => {
            let several_files = compared
                .iter()
                .any(|(input, _, _)| input.file != compared[0].0.file);
            let mut out = String::new();
            for (input, name, comparison) in &compared {
                let _ = write!(out, "== {name}");
                if several_files {
                    let _ = write!(out, " in {}", input.file);
                }
                out.push('\n');
                out.push_str(&timeline::render_comparison_text(comparison));
                out.push('\n');
            }
            out
        }
    };
    CliOutput {
        stdout,
        stderr,
        exit_code: EXIT_OK,
        writes: Vec::new(),
    }
}

/// One service's row of `compare --format json`: its name, file and comparison (the same array
/// shape as `timeline`'s).
#[derive(serde::Serialize)]
struct ServiceComparison<'a> {
    name: &'a str,
    source: &'a str,
    comparison: &'a Comparison,
}

fn run_diff(invocation: &Invocation, files: &dyn FileReader, color: bool) -> CliOutput {
    let inputs = match read_inputs(invocation, files) {
        Ok(inputs) => inputs,
        Err(output) => return output,
    };
    let [before, after] = inputs.as_slice() else {
        return failure("`diff` needs two files to read".to_string());
    };
    let diff = diff_sides(
        &before.source,
        &before.options,
        &after.source,
        &after.options,
    );
    let sides = diff_render::Sides {
        before_file: &before.file,
        before_source: &before.source,
        after_file: &after.file,
        after_source: &after.source,
    };
    let exit_code = if diff.new_errors() > 0 {
        EXIT_PROBLEMS
    } else {
        EXIT_OK
    };
    let stdout = match invocation.format {
        OutputFormat::Json => {
            report::to_json(&report::diff_report(&before.source, &after.source, diff))
        }
        OutputFormat::Markdown => diff_render::markdown(
            &sides,
            &report::diff_report(&before.source, &after.source, diff),
        ),
        _ => diff_render::human(&sides, &diff, color),
    };
    CliOutput {
        stdout,
        stderr: String::new(),
        exit_code,
        writes: Vec::new(),
    }
}

/// `observed RECORD...`: the files read together as one record (contract section 10).
#[cfg(feature = "observed")]
fn run_observed(invocation: &Invocation, files: &dyn FileReader, color: bool) -> CliOutput {
    use crate::render::observed as render;
    let inputs = match read_inputs(invocation, files) {
        Ok(inputs) => inputs,
        Err(output) => return output,
    };
    let sources: Vec<&str> = inputs.iter().map(|input| input.source.as_str()).collect();
    let Some(first) = inputs.first() else {
        return failure("`observed` needs a file to read".to_string());
    };
    let observed = crate::observed::observed_files(&sources, &first.options);
    let unreadable = observed.diagnostics.iter().any(|(_, d)| {
        matches!(
            d.code,
            Code::SyntaxError | Code::InputTooLarge | Code::InvalidOptions
        )
    });
    let named: Vec<(&str, &str)> = inputs
        .iter()
        .map(|input| (input.file.as_str(), input.source.as_str()))
        .collect();
    let stdout = match invocation.format {
        OutputFormat::Json | OutputFormat::Markdown => {
            let files_of: Vec<usize> = observed.diagnostics.iter().map(|(file, _)| *file).collect();
            let report = crate::report::observed_report(&sources, observed);
            if invocation.format == OutputFormat::Markdown {
                let names: Vec<&str> = if inputs.len() > 1 {
                    files_of
                        .iter()
                        .map(|&file| inputs[file].file.as_str())
                        .collect()
                } else {
                    Vec::new()
                };
                render::markdown(&report, &names)
            } else if inputs.len() == 1 {
                report::to_json(&report)
            } else {
                // Several files: each diagnostic names the file its range points into.
                let mut value = serde_json::to_value(&report).unwrap_or_default();
                if let Some(list) = value.get_mut("diagnostics").and_then(|v| v.as_array_mut()) {
                    for (diagnostic, file) in list.iter_mut().zip(files_of) {
                        if let Some(object) = diagnostic.as_object_mut() {
                            object.insert("file".to_owned(), inputs[file].file.clone().into());
                        }
                    }
                }
                report::to_json(&value)
            }
        }
        _ => render::human(&named, &observed, color),
    };
    CliOutput {
        stdout,
        stderr: String::new(),
        exit_code: if unreadable { EXIT_USAGE } else { EXIT_OK },
        writes: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    //! The output half of `check` and `timeline`, on hand-built analyses (no analyzer needed).

    use super::*;
    use crate::diagnostic::Diagnostic;
    use crate::options::StrategyName;
    use crate::timeline::{Assumptions, Timeline, TrafficStep};
    use serde_json::Value;

    /// Serves one policy file of `size` bytes and one small tfvars file.
    struct PolicyOfSize(usize);

    impl FileReader for PolicyOfSize {
        fn read(&self, path: &str) -> Result<String, String> {
            match path {
                "policy.json" => Ok(format!("{{{}}}", " ".repeat(self.0 - 2))),
                _ => Ok("environment = \"dev\"\n".to_string()),
            }
        }
    }

    #[test]
    fn a_policy_file_over_the_input_limit_is_a_usage_error() {
        let args: Vec<String> = ["check", "--policy", "policy.json", "dev.tfvars"]
            .map(String::from)
            .to_vec();
        let at_limit = run(&args, &PolicyOfSize(MAX_INPUT_BYTES), false);
        assert_ne!(at_limit.exit_code, EXIT_USAGE, "{}", at_limit.stderr);
        let over = run(&args, &PolicyOfSize(MAX_INPUT_BYTES + 1), false);
        assert_eq!(over.exit_code, EXIT_USAGE);
        assert_eq!(
            over.stderr,
            "error: policy file `policy.json` is over the limit of 8388608 bytes (8 MiB)\n"
        );
        assert!(over.stdout.is_empty());
    }

    /// Serves a directory `module` of `.tf` files, each defining a variable the next one uses.
    struct Module(usize);

    impl FileReader for Module {
        fn terraform_files(&self, path: &str) -> Option<Vec<String>> {
            (path == "module").then(|| (0..self.0).map(|i| format!("module/f{i:04}.tf")).collect())
        }

        fn read(&self, path: &str) -> Result<String, String> {
            let number: usize = path
                .trim_start_matches("module/f")
                .trim_end_matches(".tf")
                .parse()
                .map_err(|_| "no such file".to_owned())?;
            let next = (number + 1) % self.0;
            Ok(format!(
                "variable \"count_{number}\" {{\n  default = 2\n}}\n\n\
                 resource \"aws_ecs_service\" \"svc_{number}\" {{\n  name          = \"svc_{number}\"\n  desired_count = var.count_{next}\n}}\n"
            ))
        }
    }

    #[test]
    fn a_module_is_parsed_once_for_all_of_its_files() {
        let files = 300;
        let args: Vec<String> = ["check", "--format", "json", "module"]
            .map(String::from)
            .to_vec();
        let parses = || crate::read::hcl::TERRAFORM_PARSES.with(|parses| parses.get());
        let before = parses();
        let output = run(&args, &Module(files), false);
        let parsed = parses() - before;
        assert_eq!(output.exit_code, EXIT_OK, "{}", output.stderr);
        // Each file once for the module and once as itself: linear, where parsing the other
        // files again for each file would be `files * files`.
        assert_eq!(parsed, 2 * files);
        // The references across files still resolve: every service has a desired count of 2.
        let value: Value = serde_json::from_str(&output.stdout).unwrap();
        let unresolved = value
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|file| file["analysis"]["diagnostics"].as_array().unwrap())
            .filter(|diagnostic| diagnostic["code"] == "unresolved-value")
            .count();
        assert_eq!(unresolved, 0);
    }

    fn input(file: &str, source: &str) -> Input {
        Input {
            file: file.to_string(),
            source: source.to_string(),
            options: Options::default(),
            module: None,
        }
    }

    fn analysis(diagnostics: Vec<Diagnostic>, timeline: Option<Timeline>) -> Analysis {
        Analysis {
            strategy: timeline.as_ref().map(|timeline| timeline.strategy),
            diagnostics,
            timeline: timeline.clone(),
            policy: None,
            input: Default::default(),
            services: vec![crate::analysis::ServiceAnalysis {
                name: crate::analysis::PORTKEY_SERVICE.to_owned(),
                span: None,
                strategy: timeline
                    .as_ref()
                    .map_or(StrategyName::Rolling, |timeline| timeline.strategy),
                timeline,
            }],
        }
    }

    fn problem(code: Code, source: &str, text: &str) -> Diagnostic {
        let start = source.find(text).unwrap();
        Diagnostic::new(code, format!("`{text}` is wrong")).at(start..start + text.len())
    }

    fn timeline() -> Timeline {
        Timeline {
            strategy: StrategyName::BlueGreen,
            total_minutes: 8.0,
            desired_count: 1,
            peak_tasks: 2,
            circuit_breaker_threshold: None,
            listeners: None,
            traffic_steps: vec![TrafficStep {
                minute: 0.0,
                green_percent: 0.0,
            }],
            phases: Vec::new(),
            stages: Vec::new(),
            assumptions: Assumptions {
                scale_up_minutes: 3.0,
                hook_minutes: 0.0,
                drain_minutes: 0.0,
                bake_time_minutes: 1.0,
                minimum_healthy_percent: 100.0,
                maximum_percent: 200.0,
                desired_count: None,
                nlb_shift_delay_minutes: 10.0,
                load_balancer_type: crate::options::LoadBalancerType::Application,
            },
            rollback: None,
            notes: Vec::new(),
        }
    }

    const DEV: &str = "create_lb = maybe\nnum_az = 2\n";
    const PROD: &str = "enviroment = \"prod\"\n";

    /// Two files: an error in the first, a warning in the second.
    fn two_files() -> (Vec<Input>, Vec<Analysis>) {
        let inputs = vec![input("dev.tfvars", DEV), input("prod.tfvars", PROD)];
        let analyses = vec![
            analysis(vec![problem(Code::TypeMismatch, DEV, "maybe")], None),
            analysis(
                vec![problem(Code::UnknownVariable, PROD, "enviroment")],
                None,
            ),
        ];
        (inputs, analyses)
    }

    #[test]
    fn check_exits_1_only_when_an_error_remains() {
        let cases = [
            (vec![], EXIT_OK),
            (vec![Code::UnknownVariable], EXIT_OK),
            (
                vec![Code::UnknownVariable, Code::TypeMismatch],
                EXIT_PROBLEMS,
            ),
        ];
        for (codes, expected) in cases {
            let diagnostics: Vec<Diagnostic> = codes
                .iter()
                .map(|&code| problem(code, DEV, "maybe"))
                .collect();
            for format in [OutputFormat::Human, OutputFormat::Json, OutputFormat::Sarif] {
                let output = check_output(
                    &[input("dev.tfvars", DEV)],
                    &[analysis(diagnostics.clone(), None)],
                    format,
                    false,
                );
                assert_eq!(output.exit_code, expected, "{codes:?} {format:?}");
                assert!(output.stderr.is_empty());
            }
        }
    }

    #[test]
    fn check_human_lists_every_file_and_one_summary() {
        let (inputs, analyses) = two_files();
        let output = check_output(&inputs, &analyses, OutputFormat::Human, false);
        assert!(output.stdout.contains(" --> dev.tfvars:1:13\n"));
        assert!(output.stdout.contains(" --> prod.tfvars:1:1\n"));
        assert!(output.stdout.ends_with("\n1 error, 1 warning in 2 files\n"));
        let colored = check_output(&inputs, &analyses, OutputFormat::Human, true);
        assert!(colored.stdout.contains("\x1b[1;31merror[type-mismatch]"));
    }

    #[test]
    fn check_json_is_the_analysis_for_one_file_and_an_array_for_several() {
        let (inputs, analyses) = two_files();
        let one = check_output(&inputs[..1], &analyses[..1], OutputFormat::Json, false);
        let value: Value = serde_json::from_str(&one.stdout).unwrap();
        assert_eq!(value["diagnostics"][0]["code"], "type-mismatch");
        assert!(value["timeline"].is_null() && value["strategy"].is_null());

        let several = check_output(&inputs, &analyses, OutputFormat::Json, false);
        let value: Value = serde_json::from_str(&several.stdout).unwrap();
        let files: Vec<&Value> = value
            .as_array()
            .unwrap()
            .iter()
            .map(|e| &e["file"])
            .collect();
        assert_eq!(files, ["dev.tfvars", "prod.tfvars"]);
        assert_eq!(
            value[1]["analysis"]["diagnostics"][0]["code"],
            "unknown-variable"
        );
    }

    #[test]
    fn check_sarif_has_one_run_with_every_file() {
        let (inputs, analyses) = two_files();
        let output = check_output(&inputs, &analyses, OutputFormat::Sarif, false);
        let value: Value = serde_json::from_str(&output.stdout).unwrap();
        let results = value["runs"][0]["results"].as_array().unwrap();
        let uris: Vec<&Value> = results
            .iter()
            .map(|result| &result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
            .collect();
        assert_eq!(uris, ["dev.tfvars", "prod.tfvars"]);
        assert_eq!(value["runs"].as_array().unwrap().len(), 1);
    }

    #[test]
    fn timeline_without_one_exits_1_and_shows_the_errors() {
        let diagnostics = vec![
            problem(Code::TypeMismatch, DEV, "maybe"),
            problem(Code::UnknownVariable, DEV, "num_az"),
        ];
        let output = timeline_output(
            &[(&input("dev.tfvars", DEV), analysis(diagnostics, None))],
            OutputFormat::Human,
        );
        assert_eq!(output.exit_code, EXIT_PROBLEMS);
        assert!(output.stdout.is_empty());
        assert!(output
            .stderr
            .starts_with("error: no timeline for `dev.tfvars`"));
        assert!(output.stderr.contains("error[type-mismatch]"));
        assert!(!output.stderr.contains("unknown-variable"), "errors only");
    }

    #[test]
    fn timeline_json_prints_the_timeline_and_notes_errors() {
        let output = timeline_output(
            &[(
                &input("dev.tfvars", DEV),
                analysis(
                    vec![problem(Code::TypeMismatch, DEV, "maybe")],
                    Some(timeline()),
                ),
            )],
            OutputFormat::Json,
        );
        assert_eq!(output.exit_code, EXIT_OK);
        let value: Value = serde_json::from_str(&output.stdout).unwrap();
        assert_eq!(value[0]["name"], "gateway");
        assert_eq!(value[0]["source"], "dev.tfvars");
        assert_eq!(value[0]["timeline"]["strategy"], "BLUE_GREEN");
        assert_eq!(value[0]["timeline"]["totalMinutes"], 8.0);
        assert_eq!(
            output.stderr,
            "note: `dev.tfvars` has 1 error; `ecs-rollout check dev.tfvars` shows it\n"
        );
    }

    #[test]
    fn json_file_names_select_the_json_reader() {
        struct Files;
        impl FileReader for Files {
            fn read(&self, path: &str) -> Result<String, String> {
                Ok(format!("# {path}"))
            }
        }
        let cases = [
            (&["check", "a.tfvars.json"][..], Some(Format::Json)),
            (&["check", "A.JSON"][..], Some(Format::Json)),
            (&["check", "a.tfvars"][..], None),
            (
                &["check", "--input-format", "hcl", "a.json"][..],
                Some(Format::Hcl),
            ),
            (
                &["check", "--input-format=json", "a.tfvars"][..],
                Some(Format::Json),
            ),
        ];
        for (args, expected) in cases {
            let args: Vec<String> = args.iter().map(|arg| arg.to_string()).collect();
            let Ok(Command::Run(invocation)) = parse(&args) else {
                panic!("{args:?} does not parse");
            };
            let Ok(inputs) = read_inputs(&invocation, &Files) else {
                panic!("{args:?} cannot read");
            };
            assert_eq!(inputs[0].options.format, expected, "{args:?}");
        }
    }

    #[test]
    fn options_reach_the_analyzer() {
        let args: Vec<String> = [
            "check",
            "--rule",
            "no-bake-time=off",
            "--rule=rollback-disabled=error",
            "--assume",
            "hookMinutes=5",
            "--assume",
            "maximumPercent=150.5",
            "--fail-at",
            "12",
            "f.tfvars",
        ]
        .iter()
        .map(|arg| arg.to_string())
        .collect();
        let Ok(Command::Run(invocation)) = parse(&args) else {
            panic!("does not parse");
        };
        struct Files;
        impl FileReader for Files {
            fn read(&self, _path: &str) -> Result<String, String> {
                Ok(String::new())
            }
        }
        let Ok(inputs) = read_inputs(&invocation, &Files) else {
            panic!("cannot read");
        };
        let options = &inputs[0].options;
        assert_eq!(options.rules.get("no-bake-time"), Some(&RuleLevel::Off));
        assert_eq!(
            options.rules.get("rollback-disabled"),
            Some(&RuleLevel::Error)
        );
        assert_eq!(options.assumptions.hook_minutes, Some(5.0));
        assert_eq!(options.assumptions.maximum_percent, Some(150.5));
        assert_eq!(options.fail_at_minute, Some(12.0));
        assert_eq!(options.policy, None);
    }
}
