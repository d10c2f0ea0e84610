//! A JSON Schema (draft 2020-12) for the module's `.tfvars.json`, built from `schema.rs`.
//!
//! Editors use it to complete and check files. Terraform's conversions are part of the schema:
//! a number may be written as a numeric string and a bool as "true" or "false", and any value
//! may be null. Unknown attributes are allowed (Terraform drops them) but not suggested.

use serde_json::{json, Map, Value};

use crate::config::Stage;
use crate::schema::{Type, VARIABLES};

/// The schema as a JSON value.
pub fn schema() -> Value {
    let mut properties = Map::new();
    for variable in VARIABLES {
        let mut property = type_schema(&variable.ty, variable.name);
        if let Value::Object(object) = &mut property {
            object.insert("description".into(), Value::String(variable.doc.to_owned()));
            if !variable.required {
                object.insert(
                    "$comment".into(),
                    Value::String(format!("Default: {}", variable.default)),
                );
            }
        }
        properties.insert(variable.name.to_owned(), property);
    }
    let required: Vec<&str> = VARIABLES
        .iter()
        .filter(|variable| variable.required)
        .map(|variable| variable.name)
        .collect();
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://ecs-rollout.invalid/schema/portkey-gateway-ecs.tfvars.json",
        "title": "Portkey Gateway ECS module variables (.tfvars.json)",
        "type": "object",
        "properties": properties,
        "required": required,
    })
}

fn type_schema(ty: &Type, name: &str) -> Value {
    match ty {
        Type::String => json!({ "type": ["string", "number", "boolean", "null"] }),
        Type::Number => number_schema(name),
        Type::Bool => json!({
            "anyOf": [
                { "type": ["boolean", "null"] },
                { "enum": ["true", "false"] }
            ]
        }),
        Type::List(item) => json!({
            "type": ["array", "null"],
            "items": item_schema(item, name),
        }),
        Type::Map(item) => json!({
            "type": ["object", "null"],
            "additionalProperties": type_schema(item, name),
        }),
        Type::Object(attributes) => {
            let mut properties = Map::new();
            for attribute in attributes.iter() {
                let mut property = type_schema(&attribute.ty, attribute.name);
                if let Value::Object(object) = &mut property {
                    object.insert(
                        "description".into(),
                        Value::String(attribute.doc.to_owned()),
                    );
                }
                properties.insert(attribute.name.to_owned(), property);
            }
            let required: Vec<&str> = attributes
                .iter()
                .filter(|attribute| !attribute.optional)
                .map(|attribute| attribute.name)
                .collect();
            json!({
                "type": ["object", "null"],
                "properties": properties,
                "required": required,
            })
        }
    }
}

/// Lists of lifecycle stages name their valid values, each with what happens at it (the one
/// text the language server's hover shows too), so that editors reading the schema (and the
/// playground, through `schema()`) complete and explain stage names from it.
fn item_schema(item: &Type, list_name: &str) -> Value {
    if list_name == "lifecycle_hook_stages" {
        let hookable: Vec<Value> = Stage::hookable()
            .map(|stage| json!({ "const": stage.as_str(), "description": stage.doc() }))
            .collect();
        return json!({ "anyOf": hookable });
    }
    type_schema(item, list_name)
}

/// Numbers, with ECS's ranges where this project knows them (facts section 2).
fn number_schema(name: &str) -> Value {
    let numeric = match name {
        "canary_percent" => json!({ "type": "number", "minimum": 0.1, "maximum": 100 }),
        "step_percent" => json!({ "type": "number", "minimum": 3, "maximum": 100 }),
        "canary_bake_time_in_minutes" | "step_bake_time_in_minutes" => {
            json!({ "type": "integer", "minimum": 0, "maximum": 1440 })
        }
        "desired_task_count" => json!({ "type": "integer", "minimum": 0, "maximum": 5000 }),
        _ => json!({ "type": "number" }),
    };
    json!({
        "anyOf": [
            numeric,
            { "type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?$" },
            { "type": "null" }
        ]
    })
}
