//! Options from JavaScript straight into [`Options`], with the same answers as the native
//! entrances' `deserialize_named` (unknown fields refused, the field at fault named).
//!
//! serde-wasm-bindgen deserializes a struct by reading only the properties it declares, so an
//! unknown option would pass unnoticed; the struct's own field names, taken from its serde
//! derive (`fields_of`), are checked first. The field at fault in an error is found as
//! `options::deserialize_named` finds it: a part of the options is to blame when removing it
//! changes the error. Going through `serde_json::Value` instead, as the native entrances do,
//! measured 10.6 KB more in the browser's gzipped `.wasm`, whose budget is 280 KB.

use js_sys::{Array, Object, Reflect};
use serde::de::{self, DeserializeOwned, Deserializer, Visitor};
use wasm_bindgen::{JsCast, JsValue};

use crate::options::{AssumptionOverrides, Options, OptionsError, Policy};

/// Deserializes the plain copy of the caller's options, naming the field at fault on failure.
pub fn deserialize(plain: &JsValue) -> Result<Options, OptionsError> {
    check_fields(plain)?;
    attempt(plain).map_err(|problem| {
        let field = error_path(plain, &problem);
        // serde-wasm-bindgen iterates a string where a list belongs (strings are iterable in
        // JavaScript) and fails inside with a JavaScript message; say what serde would.
        let serde_like = ["invalid ", "unknown ", "missing "]
            .iter()
            .any(|prefix| problem.starts_with(prefix));
        let found = value_at(plain, &field);
        let problem = match found.as_string() {
            Some(text) if !serde_like => {
                format!("invalid type: string {text:?}, expected a sequence")
            }
            _ => problem,
        };
        OptionsError { field, problem }
    })
}

/// The value at a path `error_path` returned (`policy.allowedStrategies`, `a[0]`).
fn value_at(plain: &JsValue, path: &str) -> JsValue {
    path.split('.')
        .filter(|part| !part.is_empty())
        .fold(plain.clone(), |node, part| {
            let (name, indexes) = part.split_once('[').unwrap_or((part, ""));
            let mut node =
                Reflect::get(&node, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
            for index in indexes
                .split('[')
                .filter_map(|index| index.trim_end_matches(']').parse::<u32>().ok())
            {
                node = Reflect::get_u32(&node, index).unwrap_or(JsValue::UNDEFINED);
            }
            node
        })
}

/// `Options` from `plain`, or serde's message (the JS error's `message`, without `Error: `).
fn attempt(plain: &JsValue) -> Result<Options, String> {
    serde_wasm_bindgen::from_value::<Options>(plain.clone()).map_err(|error| {
        let thrown = JsValue::from(error);
        thrown
            .dyn_ref::<js_sys::Error>()
            .and_then(|error| error.message().as_string())
            .unwrap_or_default()
    })
}

/// Refuses a property that the options' types do not declare, with serde's own wording.
fn check_fields(plain: &JsValue) -> Result<(), OptionsError> {
    known(plain, "", fields_of::<Options>())?;
    let child = |value: &JsValue, name: &str| {
        Reflect::get(value, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
    };
    let assumptions = child(plain, "assumptions");
    known(
        &assumptions,
        "assumptions",
        fields_of::<AssumptionOverrides>(),
    )?;
    let policy = child(plain, "policy");
    let policy_fields = fields_of::<Policy>();
    known(&policy, "policy", policy_fields)?;
    let environments = child(&policy, "environments");
    if is_plain_object(&environments) {
        for name in Object::keys(environments.unchecked_ref::<Object>()).iter() {
            let name = name.as_string().unwrap_or_default();
            let environment = child(&environments, &name);
            known(
                &environment,
                &format!("policy.environments.{name}"),
                policy_fields,
            )?;
        }
    }
    Ok(())
}

/// The first property of `value` (when it is an object) outside `fields`.
fn known(value: &JsValue, path: &str, fields: &'static [&'static str]) -> Result<(), OptionsError> {
    if !is_plain_object(value) {
        return Ok(());
    }
    for name in Object::keys(value.unchecked_ref::<Object>()).iter() {
        let name = name.as_string().unwrap_or_default();
        if !fields.contains(&name.as_str()) {
            let expected = match fields {
                [] => "there are no fields".to_owned(),
                [one] => format!("expected `{one}`"),
                [one, two] => format!("expected `{one}` or `{two}`"),
                _ => format!(
                    "expected one of {}",
                    fields
                        .iter()
                        .map(|field| format!("`{field}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            let field = if path.is_empty() {
                name.clone()
            } else {
                format!("{path}.{name}")
            };
            return Err(OptionsError {
                field,
                problem: format!("unknown field `{name}`, {expected}"),
            });
        }
    }
    Ok(())
}

fn is_plain_object(value: &JsValue) -> bool {
    value.is_object() && !Array::is_array(value)
}

/// The serialized field names of the struct `T`, as its serde derive declares them.
fn fields_of<T: DeserializeOwned>() -> &'static [&'static str] {
    match T::deserialize(FieldNames) {
        Err(Captured(fields)) => fields,
        Ok(_) => &[],
    }
}

/// A deserializer that only asks a struct for its field names, which serde hands to
/// `deserialize_struct`, and stops there.
struct FieldNames;

#[derive(Debug)]
struct Captured(&'static [&'static str]);

impl std::fmt::Display for Captured {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("field names")
    }
}

impl std::error::Error for Captured {}

impl de::Error for Captured {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Captured(&[])
    }
}

impl<'de> Deserializer<'de> for FieldNames {
    type Error = Captured;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Captured> {
        Err(Captured(&[]))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Captured> {
        Err(Captured(fields))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

/// Where in `plain` the deserialization error `message` comes from (`assumptions.hookMinutes`,
/// `policy.allowedStrategies[0]`): the search descends through the first child whose removal
/// changes the error, as `options::deserialize_named` does natively.
fn error_path(plain: &JsValue, message: &str) -> String {
    let mut path = String::new();
    let mut steps: Vec<JsValue> = Vec::new();
    loop {
        let node = steps.iter().fold(plain.clone(), |node, step| {
            Reflect::get(&node, step).unwrap_or(JsValue::UNDEFINED)
        });
        if !node.is_object() {
            return path;
        }
        let children: Vec<JsValue> = if Array::is_array(&node) {
            let length = node.unchecked_ref::<Array>().length();
            (0..length).map(JsValue::from).collect()
        } else {
            Object::keys(node.unchecked_ref::<Object>())
                .iter()
                .collect()
        };
        let blamed = children.into_iter().find(|child| {
            let without = copy_without(plain, &steps, child);
            attempt(&without).err().as_deref() != Some(message)
        });
        let Some(child) = blamed else {
            return path;
        };
        match child.as_string() {
            Some(key) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(&key);
            }
            None => path.push_str(&format!("[{}]", child.as_f64().unwrap_or(0.0))),
        }
        steps.push(child);
    }
}

/// A copy of plain data `value` without the child `child` of the node `steps` lead to.
fn copy_without(value: &JsValue, steps: &[JsValue], child: &JsValue) -> JsValue {
    let (target, rest) = match steps.split_first() {
        Some((first, rest)) => (first, Some(rest)),
        None => (child, None),
    };
    if Array::is_array(value) {
        let items = Array::new();
        for (index, item) in value.unchecked_ref::<Array>().iter().enumerate() {
            let here = target.as_f64() == Some(index as f64);
            match rest {
                None if here => {}
                Some(rest) if here => {
                    items.push(&copy_without(&item, rest, child));
                }
                _ => {
                    items.push(&item);
                }
            }
        }
        return items.into();
    }
    if !value.is_object() {
        return value.clone();
    }
    let copy = Object::new();
    for key in Object::keys(value.unchecked_ref::<Object>()).iter() {
        let field = Reflect::get(value, &key).unwrap_or(JsValue::UNDEFINED);
        let here = key.as_string() == target.as_string() && target.as_string().is_some();
        let field = match rest {
            None if here => continue,
            Some(rest) if here => copy_without(&field, rest, child),
            _ => field,
        };
        let _ = Reflect::set(&copy, &key, &field);
    }
    copy.into()
}
