//! What a caller can ask of `analyze`: the input format, timeline assumptions, a simulated
//! failure, severity overrides and an organisation policy (contract sections 2 and 6).
//!
//! [`Options::validate`] is the one place that decides whether options can be used: the Rust
//! API, the command line, the wasm boundary and the playground (through the package) all ask it,
//! so a policy is never half-applied and an assumption is never silently replaced.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::diagnostic::Severity;
pub use crate::keyed::Keyed;

// The types an `Options` is made of live with the layer that uses them; they are re-exported
// here so that callers name every option from one place.
pub use crate::config::{LoadBalancerType, StrategyName};
pub use crate::policy::Policy;
pub use crate::read::Format;
pub use crate::timeline::AssumptionOverrides;

/// A severity override for one code, or `off` to silence it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    Off,
    Info,
    Warning,
    Error,
}

impl RuleLevel {
    /// The severity this level gives, or `None` for `off`.
    pub fn severity(self) -> Option<Severity> {
        match self {
            RuleLevel::Off => None,
            RuleLevel::Info => Some(Severity::Info),
            RuleLevel::Warning => Some(Severity::Warning),
            RuleLevel::Error => Some(Severity::Error),
        }
    }
}

/// Everything `analyze` and `compare` accept besides the source text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(target_arch = "wasm32", tsify(hashmap_as_object))]
pub struct Options {
    /// The kind of source (contract section 7); detected from the text when absent.
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub input: Option<crate::input::InputKind>,
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub format: Option<Format>,
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub assumptions: AssumptionOverrides,
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub fail_at_minute: Option<f64>,
    #[serde(default)]
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(optional, type = "Record<string, RuleLevel>")
    )]
    pub rules: Keyed<RuleLevel>,
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub policy: Option<Policy>,
}

/// Why options cannot be used: the field at fault, as a dotted path from the top of [`Options`]
/// (`assumptions.hookMinutes`, `policy.environments.prod.minBakeMinutes`), and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionsError {
    pub field: String,
    pub problem: String,
}

impl std::fmt::Display for OptionsError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "`{}` {}", self.field, self.problem)
    }
}

impl Options {
    /// The kind `source` is read as: the one these options name, or the one it is detected as.
    pub fn input_kind(&self, source: &str) -> crate::input::InputKind {
        self.input.unwrap_or_else(|| crate::input::detect(source))
    }

    /// Checks what the types cannot say: assumptions and the failure minute are finite and not
    /// negative (larger values are clamped, as the timeline documents), every rule names a
    /// diagnostic code, and every policy field can be enforced.
    pub fn validate(&self) -> Result<(), OptionsError> {
        check_rule_count(self.rules.len())?;
        let numbers = self
            .assumptions
            .named()
            .map(|(name, value)| (format!("assumptions.{name}"), value));
        let numbers = numbers
            .into_iter()
            .chain([("failAtMinute".to_owned(), self.fail_at_minute)]);
        for (field, value) in numbers {
            if let Some(number) = value {
                if !(number.is_finite() && number >= 0.0) {
                    return Err(OptionsError {
                        field,
                        problem: format!("must be a number of 0 or more, not {number}"),
                    });
                }
            }
        }
        for name in self.rules.keys() {
            if crate::diagnostic::Code::from_name(name).is_none() {
                return Err(OptionsError {
                    field: format!("rules.{name}"),
                    problem: "is not a diagnostic code (`rules()` lists them)".to_owned(),
                });
            }
        }
        if let Some(policy) = &self.policy {
            crate::policy::validate(policy).map_err(|error| OptionsError {
                field: format!("policy.{}", error.field),
                problem: error.problem,
            })?;
        }
        Ok(())
    }
}

/// The most entries `rules` can have: one per diagnostic code. More is always invalid, so every
/// entrance (here, the wasm boundary, the language server's settings) refuses it by the count
/// alone, before reading any entry.
pub fn max_rules() -> usize {
    crate::diagnostic::Code::ALL.len()
}

/// Refuses a `rules` object of `count` entries when it has more than [`max_rules`].
pub fn check_rule_count(count: usize) -> Result<(), OptionsError> {
    if count > max_rules() {
        return Err(OptionsError {
            field: "rules".to_owned(),
            problem: format!(
                "has {count} entries, more than the {} diagnostic codes (`rules()` lists them)",
                max_rules()
            ),
        });
    }
    Ok(())
}

/// Deserializes `T` from a JSON value, naming the field at fault on failure (the unknown field
/// itself, or the one whose value has the wrong type).
pub fn deserialize_named<T: DeserializeOwned>(value: Value) -> Result<T, OptionsError> {
    match serde_json::from_value::<T>(value.clone()) {
        Ok(parsed) => Ok(parsed),
        Err(error) => {
            let problem = error.to_string();
            let field = error_path::<T>(&value, &problem);
            Err(OptionsError { field, problem })
        }
    }
}

/// Where in `value` the deserialization error `message` comes from, such as
/// `assumptions.hookMinutes`, without a path-tracking deserializer (serde_path_to_error costs
/// about 7 KB of the browser's gzipped `.wasm` for a path in a few error messages).
///
/// Every option may be left out, so a part of `options` is to blame exactly when removing it
/// changes the error; the search descends through the first such part at each level. A value of
/// the wrong shape stops the descent there: removing one of its children leaves the error as it
/// was. Options are small and this runs only on misuse.
fn error_path<T: DeserializeOwned>(options: &Value, message: &str) -> String {
    let mut path = String::new();
    let mut steps: Vec<Step> = Vec::new();
    loop {
        let Some(node) = node_at(options, &steps) else {
            return path;
        };
        let children: Vec<Step> = match node {
            Value::Object(fields) => fields.keys().cloned().map(Step::Key).collect(),
            Value::Array(items) => (0..items.len()).map(Step::Index).collect(),
            _ => return path,
        };
        let blamed = children.into_iter().find(|child| {
            let without = without_node(options, &steps, child);
            let error = serde_json::from_value::<T>(without)
                .err()
                .map(|error| error.to_string());
            error.as_deref() != Some(message)
        });
        let Some(child) = blamed else {
            return path;
        };
        match &child {
            Step::Key(key) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Step::Index(index) => path.push_str(&format!("[{index}]")),
        }
        steps.push(child);
    }
}

/// One step down into a JSON value: an object's key or an array's index.
enum Step {
    Key(String),
    Index(usize),
}

fn node_at<'a>(value: &'a Value, steps: &[Step]) -> Option<&'a Value> {
    steps.iter().try_fold(value, |node, step| match step {
        Step::Key(key) => node.get(key),
        Step::Index(index) => node.get(index),
    })
}

/// A copy of `value` without the child `child` of the node that `steps` lead to.
///
/// Objects are rebuilt with `insert`, which the .wasm has anyway, rather than `collect` or
/// `remove`, which would each add a few kilobytes.
fn without_node(value: &Value, steps: &[Step], child: &Step) -> Value {
    let (target, rest) = match steps.split_first() {
        Some((first, rest)) => (first, Some(rest)),
        None => (child, None),
    };
    match (value, target) {
        (Value::Object(fields), Step::Key(key)) => {
            let mut copy = Map::new();
            for (name, field) in fields {
                match rest {
                    None if name == key => {}
                    Some(rest) if name == key => {
                        copy.insert(name.clone(), without_node(field, rest, child));
                    }
                    _ => {
                        copy.insert(name.clone(), field.clone());
                    }
                }
            }
            Value::Object(copy)
        }
        (Value::Array(items), Step::Index(index)) => {
            let mut copy = Vec::with_capacity(items.len());
            for (position, item) in items.iter().enumerate() {
                match rest {
                    None if position == *index => {}
                    Some(rest) if position == *index => copy.push(without_node(item, rest, child)),
                    _ => copy.push(item.clone()),
                }
            }
            Value::Array(copy)
        }
        _ => value.clone(),
    }
}

/// Parses a policy file (the command line's `--policy`, the language server's `policy` setting)
/// and checks it with the same rule as every other entrance (`Options::validate`), naming the
/// field at fault.
pub fn parse_policy(text: &str) -> Result<Policy, String> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|error| error.to_string())?;
    let policy: Policy = deserialize_named(value).map_err(|error| {
        let problem = error.problem.replace("expected f64", "expected a number");
        match error.field.as_str() {
            "." | "" => problem,
            field => format!("`{field}`: {problem}"),
        }
    })?;
    // The policy part of `Options::validate`, with fields named from the top of the file.
    crate::policy::validate(&policy).map_err(|error| error.to_string())?;
    Ok(policy)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_rules_than_codes_are_refused_by_their_count() {
        let mut options = Options {
            rules: (0..=max_rules())
                .map(|number| (format!("code-{number}"), RuleLevel::Off))
                .collect(),
            ..Options::default()
        };
        let error = options.validate().unwrap_err();
        assert_eq!(error.field, "rules");
        assert!(error.problem.contains("more than the"), "{}", error.problem);
        // As many as there are codes: each entry is then checked by name.
        options.rules = (1..=max_rules())
            .map(|number| (format!("code-{number}"), RuleLevel::Off))
            .collect();
        assert_eq!(options.validate().unwrap_err().field, "rules.code-1");
    }
}
