//! TEMPORARY stand-in (pkg worktree only, to be replaced by the real module): the JSON Schema
//! of the Portkey module's `.tfvars.json`.

use serde_json::{json, Value};

/// A JSON Schema (draft 2020-12) for the module's `.tfvars.json`.
pub fn schema() -> Value {
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Portkey Gateway ECS module variables",
        "type": "object",
    })
}
