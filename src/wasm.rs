//! The JavaScript boundary: the only module that imports `wasm_bindgen` or builds `JsValue`s.
//!
//! Each export checks its arguments, calls the pure core, and hands back plain JSON-shaped
//! values with camelCase fields and UTF-16 positions (via `report`). Every value crosses through
//! serde-wasm-bindgen, and the TypeScript declarations of those values are generated from the
//! same Rust types by tsify. Misuse of the API (a non-string source, a mistyped or unknown
//! option, a negative or non-finite number, a policy field that cannot be enforced) throws a JS
//! `TypeError` naming the bad argument; what is valid is decided by `Options::validate`, as for
//! the CLI and the Rust API. Options are first copied into plain data through `Reflect` calls
//! that catch, so a throwing getter or a hostile `Proxy` becomes a `TypeError` instead of an
//! exception unwinding through wasm frames; the instance stays usable after any of them.

#[cfg(feature = "cli")]
use js_sys::Function;
use js_sys::{Array, Object, Reflect, TypeError};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[cfg(feature = "cli")]
use crate::cli::{self, FileReader};
use crate::options::Options;

/// How deep an options object may nest; the deepest real one (`policy.environments.x.…`) is 4.
const MAX_OPTIONS_DEPTH: usize = 16;

/// The longest array read from JS, so that `new Array(2 ** 32 - 1)` fails fast instead of hanging.
const MAX_ARRAY_ITEMS: u32 = 100_000;

/// The contract's names (section 2) for the types generated from the Rust structs.
#[wasm_bindgen(typescript_custom_section)]
const CONTRACT_NAMES: &'static str = r#"
/** What `analyze` returns (contract section 2). */
export type Analysis = Report;
export type Diagnostic = DiagnosticReport;
export type Range = RangeReport;
export type Fix = FixReport;
export type TextEdit = EditReport;
export type Edit = EditReport;
export type Related = RelatedReport;
export type Listener = ListenerView;
export type Listeners = ListenersView;
export type CliOutput = CliResult;
export type RolloutDiff = DiffReport;
export type RolloutChange = Change;
"#;

#[wasm_bindgen]
extern "C" {
    /// `Array.isArray`, which throws for a revoked `Proxy`; the error is caught here.
    #[wasm_bindgen(js_namespace = Array, js_name = isArray, catch)]
    fn is_array_or_throw(value: &JsValue) -> Result<bool, JsValue>;
}

/// Runs once when the module is instantiated, so that a panic names its location on the console.
/// Node's build only: the browser's aborts on a panic without formatting a message
/// (scripts/build-pkg.sh), so there the hook would never run.
#[cfg(feature = "cli")]
#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

/// `analyze(source, options?)`: diagnostics and the rollout timeline (contract section 2).
#[cfg(not(feature = "lazy-wasm"))]
#[wasm_bindgen(js_name = analyze, unchecked_return_type = "Analysis")]
pub fn analyze_js(
    #[wasm_bindgen(unchecked_param_type = "string")] source: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Options | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let source = source_text(&source)?;
    let options = read_options(&options)?;
    let analysis = crate::analyze(&source, &options);
    let mut report = crate::report::report(&source, &analysis);
    // `services[0].timeline` is the top-level `timeline` (contract section 7): it crosses the
    // boundary once and both properties hold the same object, which saves the page a copy on
    // every keystroke.
    let shared = match report.services.first_mut() {
        Some(first) if report.timeline.is_some() => first.timeline.take(),
        _ => None,
    };
    let value = to_js(&report)?;
    if shared.is_some() {
        let timeline = Reflect::get(&value, &JsValue::from_str("timeline"))?;
        let services = Reflect::get(&value, &JsValue::from_str("services"))?;
        let first = Reflect::get_u32(&services, 0)?;
        Reflect::set(&first, &JsValue::from_str("timeline"), &timeline)?;
    }
    Ok(value)
}

/// `compare(source, options?)`: the same service under each of the four strategies.
#[cfg(not(feature = "lazy-wasm"))]
#[wasm_bindgen(js_name = compare, unchecked_return_type = "Comparison")]
pub fn compare_js(
    #[wasm_bindgen(unchecked_param_type = "string")] source: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Options | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let source = source_text(&source)?;
    let options = read_options(&options)?;
    to_js(&crate::compare(&source, &options))
}

/// `diff(before, after, options?)`: what changing `before` into `after` does to the rollout
/// (contract section 8), with each side's ranges in its own text.
#[cfg(not(feature = "lazy-wasm"))]
#[wasm_bindgen(js_name = diff, unchecked_return_type = "RolloutDiff")]
pub fn diff_js(
    #[wasm_bindgen(unchecked_param_type = "string")] before: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] after: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Options | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let text = |value: &JsValue, name: &str| {
        value
            .as_string()
            .ok_or_else(|| type_error(format!("{name} must be a string, got {}", describe(value))))
    };
    let (before, after) = (text(&before, "before")?, text(&after, "after")?);
    let options = read_options(&options)?;
    let diff = crate::diff(&before, &after, &options);
    to_js(&crate::report::diff_report(&before, &after, diff))
}

/// The contract's name (section 10) for what `observed` returns, in builds that have it.
#[cfg(feature = "observed")]
#[wasm_bindgen(typescript_custom_section)]
const OBSERVED_NAMES: &'static str = r#"
/** What `observed` returns (contract section 10). */
export type Observed = ObservedReport;
"#;

/// `observed(source, options?)`: each service deployment of an ECS deployment record beside its
/// plan, and the calibrated assumptions (contract section 10).
#[cfg(feature = "observed")]
#[wasm_bindgen(js_name = observed, unchecked_return_type = "Observed")]
pub fn observed_js(
    #[wasm_bindgen(unchecked_param_type = "string")] source: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Options | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let source = source_text(&source)?;
    let options = read_options(&options)?;
    let observed = crate::observed::observed(&source, &options);
    to_js(&crate::report::observed_report(&[&source], observed))
}

/// `hover(source, offset, options?)`: the language server's hover at UTF-16 `offset` (the
/// property or variable there, with its type, values and docs), or `null`. In every build with
/// the `lsp` feature: Node's and the browser's second `.wasm`, not its main one.
#[cfg(feature = "lsp")]
#[wasm_bindgen(js_name = hover, unchecked_return_type = "HoverHelp | null")]
pub fn hover_js(
    #[wasm_bindgen(unchecked_param_type = "string")] source: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] offset: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Options | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let (source, offset, options) = help_arguments(&source, &offset, &options)?;
    to_js(&crate::lsp::help::hover(&source, offset, &options))
}

/// `completions(source, offset, options?)`: the language server's completions at UTF-16
/// `offset`, each with the range of the name already typed that it replaces.
#[cfg(feature = "lsp")]
#[wasm_bindgen(js_name = completions, unchecked_return_type = "CompletionHelp[]")]
pub fn completions_js(
    #[wasm_bindgen(unchecked_param_type = "string")] source: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] offset: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Options | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let (source, offset, options) = help_arguments(&source, &offset, &options)?;
    to_js(&crate::lsp::help::completions(&source, offset, &options))
}

/// The arguments of `hover` and `completions`, each checked: a `TypeError` names the first
/// that is wrong.
#[cfg(feature = "lsp")]
fn help_arguments(
    source: &JsValue,
    offset: &JsValue,
    options: &JsValue,
) -> Result<(String, usize, Options), JsValue> {
    Ok((
        source_text(source)?,
        text_offset(offset)?,
        read_options(options)?,
    ))
}

/// A position in a string as JavaScript counts it: a whole number of UTF-16 units, 0 or more;
/// else a `TypeError`.
#[cfg(feature = "lsp")]
fn text_offset(offset: &JsValue) -> Result<usize, JsValue> {
    match offset.as_f64() {
        Some(number) if number >= 0.0 && number.fract() == 0.0 && number <= 9.0e15 => {
            Ok(number as usize)
        }
        _ => Err(type_error(format!(
            "offset must be a whole number of 0 or more, got {}",
            describe(offset)
        ))),
    }
}

/// `rules()`: every diagnostic code with its default severity and summary. Constant, so the
/// browser build leaves it out with the schemas and its entry returns the list as data.
#[cfg(feature = "schemas")]
#[wasm_bindgen(js_name = rules, unchecked_return_type = "RuleInfo[]")]
pub fn rules_js() -> Result<JsValue, JsValue> {
    to_js(&crate::rules())
}

/// `schema()`: the JSON Schema (draft 2020-12) of the module's `.tfvars.json`.
#[cfg(feature = "schemas")]
#[wasm_bindgen(js_name = schema, unchecked_return_type = "object")]
pub fn schema_js() -> Result<JsValue, JsValue> {
    to_js(&crate::json_schema::schema())
}

/// `policySchema()`: the JSON Schema (draft 2020-12) of `options.policy` and of `--policy` files.
#[cfg(feature = "schemas")]
#[wasm_bindgen(js_name = policySchema, unchecked_return_type = "object")]
pub fn policy_schema_js() -> Result<JsValue, JsValue> {
    to_js(&crate::policy::schema())
}

/// The crate version; the package entry points expose it as the `version` string.
#[wasm_bindgen(js_name = packageVersion)]
pub fn package_version() -> String {
    crate::VERSION.to_string()
}

/// What `runCli` returns: the command line's output and exit status.
#[cfg(feature = "cli")]
#[derive(Serialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
pub struct CliResult {
    pub stdout: String,
    pub stderr: String,
    pub exit_code: i32,
    /// Files `check --fix` changed, as `[path, text]` pairs for the caller to write.
    #[tsify(type = "[string, string][]")]
    pub writes: Vec<(String, String)>,
}

/// `runCli(argv, readFile, color, terraformFiles?)`: the command line as a pure function, for
/// the npm `bin`.
///
/// `readFile(path)` returns the file's text or throws; what it throws becomes the CLI's error
/// message for that file. `terraformFiles(path)`, when given, returns the sorted `.tf` files of
/// `path` when it is a directory (a Terraform module) and `null` otherwise, as the native
/// binary lists them; without it, no argument is read as a directory.
#[cfg(feature = "cli")]
#[wasm_bindgen(js_name = runCli, unchecked_return_type = "CliResult")]
pub fn run_cli_js(
    #[wasm_bindgen(unchecked_param_type = "string[]")] argv: JsValue,
    #[wasm_bindgen(unchecked_param_type = "(path: string) => string")] read_file: JsValue,
    #[wasm_bindgen(unchecked_param_type = "boolean")] color: JsValue,
    // `Option` makes the parameter optional in the generated types; its doc comment above says
    // what the function returns.
    terraform_files: Option<Function>,
) -> Result<JsValue, JsValue> {
    let args = string_array(&argv, "argv")?;
    let read_file: Function = read_file.dyn_into().map_err(|other| {
        type_error(format!(
            "readFile must be a function, got {}",
            describe(&other)
        ))
    })?;
    // wasm-bindgen does not check an imported type: a value that is not a function is refused
    // here.
    if let Some(value) = &terraform_files {
        if !JsValue::from(value.clone()).is_function() {
            return Err(type_error(format!(
                "terraformFiles must be a function, got {}",
                describe(value)
            )));
        }
    }
    let Some(color) = color.as_bool() else {
        return Err(type_error(format!(
            "color must be a boolean, got {}",
            describe(&color)
        )));
    };
    let reader = JsFileReader {
        read_file,
        terraform_files,
    };
    let output = cli::run(&args, &reader, color);
    to_js(&CliResult {
        stdout: output.stdout,
        stderr: output.stderr,
        exit_code: output.exit_code,
        writes: output.writes,
    })
}

/// Reads files and lists directories through the caller's JS functions.
#[cfg(feature = "cli")]
struct JsFileReader {
    read_file: Function,
    terraform_files: Option<Function>,
}

#[cfg(feature = "cli")]
impl FileReader for JsFileReader {
    fn terraform_files(&self, path: &str) -> Option<Vec<String>> {
        let listed = self
            .terraform_files
            .as_ref()?
            .call1(&JsValue::UNDEFINED, &JsValue::from_str(path))
            .ok()?;
        if !is_array(&listed) {
            return None;
        }
        let items: Array = plain_copy(&listed, "terraformFiles", 0)
            .ok()?
            .unchecked_into();
        items.iter().map(|item| item.as_string()).collect()
    }

    fn read(&self, path: &str) -> Result<String, String> {
        let text = self
            .read_file
            .call1(&JsValue::UNDEFINED, &JsValue::from_str(path))
            .map_err(|thrown| thrown_message(&thrown))?;
        text.as_string()
            .ok_or_else(|| format!("readFile returned {}, not a string", describe(&text)))
    }
}

/// The source text, or a `TypeError` when it is not a string.
fn source_text(source: &JsValue) -> Result<String, JsValue> {
    source
        .as_string()
        .ok_or_else(|| type_error(format!("source must be a string, got {}", describe(source))))
}

/// `argv` as strings, or a `TypeError` naming the first item that is not one.
#[cfg(feature = "cli")]
fn string_array(value: &JsValue, name: &str) -> Result<Vec<String>, JsValue> {
    if !is_array(value) {
        return Err(type_error(format!(
            "{name} must be an array of strings, got {}",
            describe(value)
        )));
    }
    let items: Array = plain_copy(value, name, 0)?.unchecked_into();
    items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            item.as_string().ok_or_else(|| {
                type_error(format!(
                    "{name}[{index}] must be a string, got {}",
                    describe(&item)
                ))
            })
        })
        .collect()
}

/// Reads and checks `options`; `undefined` and `null` mean the defaults.
///
/// The value is first copied into plain data (`plain_copy`), then carried across by
/// serde-wasm-bindgen, deserialized naming any field at fault, and checked by
/// [`Options::validate`], the rule every entrance shares.
fn read_options(options: &JsValue) -> Result<Options, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(Options::default());
    }
    if !options.is_object() || is_array(options) {
        return Err(type_error(format!(
            "options must be an object, got {}",
            describe(options)
        )));
    }
    let plain = plain_copy(options, "options", 0)?;
    reject_arrays_as_objects(&plain)?;
    // Straight into `Options`, with unknown fields refused and the field at fault named by
    // `wasm_options` (through a JSON value as natively, it costs the browser 10.6 KB more).
    let parsed: Options = crate::wasm_options::deserialize(&plain).map_err(|error| {
        let path = match error.field.as_str() {
            "." | "" => "options".to_owned(),
            field => format!("options.{field}"),
        };
        type_error(serde_message(&path, &error.problem))
    })?;
    parsed
        .validate()
        .map_err(|error| type_error(format!("options.{} {}", error.field, error.problem)))?;
    Ok(parsed)
}

/// Serde lets an array stand for a struct (`assumptions: [1, 2, 3, 4, 5, 6]`); JS callers must
/// write objects, so an array where an options object belongs is a `TypeError`.
fn reject_arrays_as_objects(options: &JsValue) -> Result<(), JsValue> {
    let field = |value: &JsValue, name: &str| {
        Reflect::get(value, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
    };
    let policy = field(options, "policy");
    let mut objects = vec![
        (
            "options.assumptions".to_owned(),
            field(options, "assumptions"),
        ),
        ("options.policy".to_owned(), policy.clone()),
    ];
    let environments = field(&policy, "environments");
    if environments.is_object() && !is_array(&environments) {
        for name in Object::keys(environments.unchecked_ref::<Object>()).iter() {
            let name = name.as_string().unwrap_or_default();
            let value = field(&environments, &name);
            objects.push((format!("options.policy.environments.{name}"), value));
        }
    }
    for (path, value) in objects {
        if is_array(&value) {
            return Err(type_error(format!(
                "{path} must be an object, got an array"
            )));
        }
    }
    Ok(())
}

/// Copies a JS value into plain data (objects, arrays, strings, finite numbers, booleans and
/// null), reading every property through `Reflect` (whose errors are caught), so getters and
/// proxies run once, here, and their failures become `TypeError`s naming the field; the copy is
/// then safe to hand to serde-wasm-bindgen. `undefined` fields are left out, as in TypeScript.
fn plain_copy(value: &JsValue, path: &str, depth: usize) -> Result<JsValue, JsValue> {
    if depth > MAX_OPTIONS_DEPTH {
        return Err(type_error(format!(
            "{path} is nested too deeply (is it circular?)"
        )));
    }
    if value.is_null() || value.is_undefined() {
        return Ok(JsValue::NULL);
    }
    if value.as_bool().is_some() || value.as_string().is_some() {
        return Ok(value.clone());
    }
    if let Some(number) = value.as_f64() {
        if number.is_finite() {
            return Ok(value.clone());
        }
        return Err(type_error(format!(
            "{path} must be a finite number, got {}",
            js_number(number)
        )));
    }
    if !value.is_object() || value.is_function() {
        return Err(type_error(format!(
            "{path} must be plain data, got {}",
            describe(value)
        )));
    }
    let unreadable = |thrown: JsValue| {
        type_error(format!(
            "{path} could not be read: {}",
            thrown_message(&thrown)
        ))
    };
    // Read once: a proxy's `ownKeys` runs once, and a large object is listed once.
    let keys = Reflect::own_keys(value).map_err(unreadable)?;
    if is_array_or_throw(value).map_err(unreadable)? {
        let length = Reflect::get(value, &JsValue::from_str("length"))
            .map_err(unreadable)?
            .as_f64()
            .unwrap_or(0.0) as u32;
        if length > MAX_ARRAY_ITEMS {
            return Err(type_error(format!(
                "{path} has {length} items, more than the {MAX_ARRAY_ITEMS} allowed"
            )));
        }
        let items = Array::new();
        for index in 0..length {
            let item_path = format!("{path}[{index}]");
            let item = Reflect::get_u32(value, index).map_err(|thrown| {
                type_error(format!(
                    "{item_path} could not be read: {}",
                    thrown_message(&thrown)
                ))
            })?;
            items.push(&plain_copy(&item, &item_path, depth + 1)?);
        }
        return Ok(items.into());
    }
    let object: &Object = value.unchecked_ref();
    let copy = Object::new();
    // A `rules` object is refused by its size before any entry is copied or read.
    if path == "options.rules" {
        crate::options::check_rule_count(keys.length() as usize)
            .map_err(|error| type_error(format!("options.{} {}", error.field, error.problem)))?;
    }
    for key in keys.iter() {
        let Some(name) = key.as_string() else {
            continue;
        };
        let field_path = format!("{path}.{name}");
        let unreadable_field = |thrown: JsValue| {
            type_error(format!(
                "{field_path} could not be read: {}",
                thrown_message(&thrown)
            ))
        };
        let descriptor =
            Reflect::get_own_property_descriptor(object, &key).map_err(unreadable_field)?;
        let enumerable = Reflect::get(&descriptor, &JsValue::from_str("enumerable"))
            .map_err(unreadable_field)?
            .is_truthy();
        if !enumerable {
            continue;
        }
        let field = Reflect::get(value, &key).map_err(unreadable_field)?;
        if field.is_undefined() {
            continue;
        }
        let field = plain_copy(&field, &field_path, depth + 1)?;
        Reflect::set(&copy, &key, &field).map_err(unreadable_field)?;
    }
    Ok(copy.into())
}

/// Rewrites a serde error about the value at `path` into a sentence a JS caller understands.
fn serde_message(path: &str, message: &str) -> String {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (name, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let expected = expected.trim_start_matches(", expected ").replace('`', "");
        let parent = path.rsplit_once('.').map_or(path, |(parent, _)| parent);
        return format!("{parent} has no option named \"{name}\" (expected {expected})");
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        return format!(
            "{path} must be {}, got {}",
            js_kind_name(expected),
            js_found(found)
        );
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (found, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let expected = expected
            .trim_start_matches(", expected ")
            .replace('`', "\"");
        return format!("{path} must be {expected}, got \"{found}\"");
    }
    format!("{path}: {message}")
}

/// Serde's name for an expected type, in JS words.
fn js_kind_name(expected: &str) -> &str {
    match expected {
        "f64" | "f32" | "u32" | "i64" | "u64" => "a number",
        "a sequence" => "an array",
        "a map" => "an object",
        "string or map" => "a string",
        _ if expected.starts_with("struct ") => "an object",
        _ if expected.starts_with("enum ") => "a string",
        _ => expected,
    }
}

/// Serde's description of an unexpected value (`integer \`5\``), in JS words (`5`).
fn js_found(found: &str) -> String {
    let quoted = ["integer `", "floating point `", "boolean `"]
        .iter()
        .find_map(|prefix| found.strip_prefix(prefix));
    if let Some(rest) = quoted {
        // Serde writes a float with `.0` (`5.0`); JavaScript prints the number as `5`.
        let number = rest.trim_end_matches('`');
        return number.strip_suffix(".0").unwrap_or(number).to_string();
    }
    match found {
        "map" => "an object".to_string(),
        "sequence" => "an array".to_string(),
        "unit value" => "null".to_string(),
        _ => found.strip_prefix("string ").unwrap_or(found).to_string(),
    }
}

/// A number as JavaScript prints it, for the non-finite values Rust spells differently.
fn js_number(number: f64) -> String {
    if number.is_nan() {
        "NaN".to_string()
    } else if number.is_infinite() {
        let sign = if number < 0.0 { "-" } else { "" };
        format!("{sign}Infinity")
    } else {
        number.to_string()
    }
}

/// What a JS value is, in the words of a `TypeError` message.
fn describe(value: &JsValue) -> String {
    if value.is_null() {
        return "null".to_string();
    }
    if is_array(value) {
        return "an array".to_string();
    }
    match value.js_typeof().as_string().as_deref() {
        Some("undefined") => "undefined".to_string(),
        Some("object") => "an object".to_string(),
        Some(kind) => format!("a {kind}"),
        None => "a value".to_string(),
    }
}

/// The message of something thrown by JS code: an `Error`'s message, or the value as a string.
fn thrown_message(thrown: &JsValue) -> String {
    if let Some(error) = thrown.dyn_ref::<js_sys::Error>() {
        return String::from(error.message());
    }
    thrown
        .as_string()
        .unwrap_or_else(|| format!("{} was thrown", describe(thrown)))
}

/// `Array.isArray`, false for the revoked proxies on which it throws.
fn is_array(value: &JsValue) -> bool {
    is_array_or_throw(value).unwrap_or(false)
}

fn type_error(message: String) -> JsValue {
    TypeError::new(&message).into()
}

/// Any serializable value as a plain JS value, through serde-wasm-bindgen: maps become plain
/// objects and `None` becomes `null`, as the contract's JSON shape has them.
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|error| js_sys::Error::new(&error.to_string()).into())
}

/// The language server for `npx ecs-rollout lsp` (contract section 9): the same
/// [`crate::lsp::Session`] the native binary runs. `pkg/bin/lsp.mjs` frames messages on Node's
/// standard input and output and hands this class one message body (JSON text) at a time; each
/// method returns the bodies to send back, in order. Not part of the package's public API, so
/// left out of generated TypeScript.
#[cfg(feature = "cli")]
#[wasm_bindgen(js_name = LspSession, skip_typescript)]
pub struct LspSession(crate::lsp::Session);

#[cfg(feature = "cli")]
#[wasm_bindgen(js_class = LspSession)]
impl LspSession {
    #[wasm_bindgen(constructor)]
    pub fn new() -> LspSession {
        LspSession(crate::lsp::Session::new())
    }

    /// Handles one message body.
    pub fn receive(&mut self, body: &str) -> Vec<String> {
        lsp_bodies(self.0.handle_text(body))
    }

    /// Answers a header block without a valid `Content-Length`.
    #[wasm_bindgen(js_name = badHeader)]
    pub fn bad_header(&self) -> Vec<String> {
        lsp_bodies(self.0.handle_bad_header())
    }

    /// Answers a body of `length` bytes that was skipped, over `maxMessageBytes`.
    #[wasm_bindgen(js_name = oversizedBody)]
    pub fn oversized_body(&self, length: f64) -> Vec<String> {
        lsp_bodies(self.0.handle_oversized_body(length as u64))
    }

    /// The longest message body the transport reads ([`crate::lsp::MAX_MESSAGE_BYTES`]).
    #[wasm_bindgen(js_name = maxMessageBytes)]
    pub fn max_message_bytes() -> f64 {
        crate::lsp::MAX_MESSAGE_BYTES as f64
    }

    /// The longest header line the transport reads ([`crate::lsp::MAX_HEADER_LINE_BYTES`]).
    #[wasm_bindgen(js_name = maxHeaderLineBytes)]
    pub fn max_header_line_bytes() -> f64 {
        crate::lsp::MAX_HEADER_LINE_BYTES as f64
    }

    /// The exit code once `exit` has arrived, else `undefined`.
    #[wasm_bindgen(js_name = exitCode)]
    pub fn exit_code(&self) -> Option<i32> {
        self.0.exit_code()
    }

    /// The exit code when standard input ends without `exit`.
    #[wasm_bindgen(js_name = exitCodeAtEndOfInput)]
    pub fn exit_code_at_end_of_input(&self) -> i32 {
        self.0.exit_code_at_end_of_input()
    }
}

#[cfg(feature = "cli")]
fn lsp_bodies(messages: Vec<crate::lsp::Message>) -> Vec<String> {
    messages.iter().map(crate::lsp::body).collect()
}

/// `isLspCommand(argv)`: whether the arguments (strings) ask for the language server.
#[cfg(feature = "cli")]
#[wasm_bindgen(js_name = isLspCommand, skip_typescript)]
pub fn is_lsp_command_js(argv: Vec<String>) -> bool {
    crate::cli::is_lsp_command(&argv)
}
