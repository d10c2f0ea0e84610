//! The schema checks against cfn-lint, the reference linter of CloudFormation templates, in both
//! directions: what one reports in an `AWS::ECS::Service` the other reports on the same line.
//!
//! - Probes: one valid template (`cfn_lint_probes/base.json`, which both tools pass) and, for
//!   each of its settings that `src/service/schema.rs` describes, one template per mistake a
//!   user makes: a value of the wrong type, a misspelt name, a required property left out, an
//!   enum value in the wrong case.
//! - Fixtures: every template of `tests/fixtures/cloudformation/`.
//!
//! cfn-lint runs once over all of them. Without it, each test skips with a message; `make
//! cargo-test` installs the pinned one and never skips (`common::cfn_lint::program`).

mod common;

use std::path::{Path, PathBuf};

use common::cfn_lint::{self, disagreements, fail_on};
use ecs_rollout::service::schema::{Prop, Syntax, Ty, SERVICE};
use serde_json::{json, Value};

/// A template with one mistake, and what the mistake is.
struct Probe {
    name: String,
    template: Value,
}

/// A value of another type than `ty` that no CloudFormation reader would convert to it.
fn wrong_value(ty: Ty) -> Option<Value> {
    Some(match ty {
        Ty::Str => json!({ "Wrong": "an object" }),
        Ty::Int | Ty::Num => json!("ten"),
        Ty::Bool => json!("maybe"),
        Ty::Strings | Ty::Obj(_) | Ty::Objs(_) => json!("text"),
        Ty::Any | Ty::Map => return None,
    })
}

/// `base` with one change to the object at JSON pointer `at`.
fn changed(
    base: &Value,
    at: &str,
    change: impl FnOnce(&mut serde_json::Map<String, Value>),
) -> Value {
    let mut template = base.clone();
    if let Some(object) = template.pointer_mut(at).and_then(Value::as_object_mut) {
        change(object);
    }
    template
}

/// One probe for each mistake in each setting of `object` (at JSON pointer `at`) that `props`
/// describes, and the same for the objects in it (the first, in a list).
fn probes_of(base: &Value, at: &str, props: &'static [Prop], probes: &mut Vec<Probe>) {
    let Some(object) = base.pointer(at).and_then(Value::as_object) else {
        return;
    };
    let mut inside = Vec::new();
    for (key, value) in object {
        let Some(prop) = props
            .iter()
            .find(|prop| prop.is(Syntax::CloudFormation, key))
        else {
            continue;
        };
        let here = format!("{at}/{key}");
        let mut probe = |name: String, template: Value| probes.push(Probe { name, template });
        if let Some(wrong) = wrong_value(prop.ty) {
            probe(
                format!("{here}: {wrong}"),
                changed(base, at, |object| {
                    object.insert(key.clone(), wrong.clone());
                }),
            );
        }
        let misspelt = format!("{key}s");
        probe(
            format!("{here}: named {misspelt}"),
            changed(base, at, |object| {
                let value = object.remove(key).unwrap_or_default();
                object.insert(misspelt.clone(), value);
            }),
        );
        if prop.required(Syntax::CloudFormation) {
            probe(
                format!("{here}: left out"),
                changed(base, at, |object| {
                    object.remove(key);
                }),
            );
        }
        if let Some(text) = value.as_str().filter(|_| !prop.values.is_empty()) {
            let lower = text.to_lowercase();
            probe(
                format!("{here}: {lower}"),
                changed(base, at, |object| {
                    object.insert(key.clone(), json!(lower));
                }),
            );
        }
        match prop.ty {
            Ty::Obj(inner) => inside.push((here, inner)),
            Ty::Objs(inner) => inside.push((format!("{here}/0"), inner)),
            _ => {}
        }
    }
    for (here, inner) in inside {
        probes_of(base, &here, inner, probes);
    }
}

#[test]
fn each_mistake_in_a_service_is_found_by_both_or_neither() {
    let Some(program) = cfn_lint::program() else {
        return;
    };
    let base_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cfn_lint_probes/base.json");
    let base: Value =
        serde_json::from_str(&std::fs::read_to_string(&base_path).expect("base.json"))
            .expect("JSON");
    let mut probes = vec![Probe {
        name: "base.json, as written".to_owned(),
        template: base.clone(),
    }];
    probes_of(&base, "/Resources/Service/Properties", SERVICE, &mut probes);
    assert!(
        probes.len() > 60,
        "only {} probes: base.json lost its settings",
        probes.len()
    );
    let folder = tempfile_folder();
    let files: Vec<(String, PathBuf)> = probes
        .iter()
        .enumerate()
        .map(|(index, probe)| {
            let path = folder.join(format!("probe-{index:03}.json"));
            let text = serde_json::to_string_pretty(&probe.template).expect("JSON") + "\n";
            std::fs::write(&path, text).expect("the probe is written");
            (probe.name.clone(), path)
        })
        .collect();
    let paths: Vec<PathBuf> = files.iter().map(|(_, path)| path.clone()).collect();
    let linted = cfn_lint::schema_errors(&program, &paths);
    let found = disagreements(&files, &linted);
    let _ = std::fs::remove_dir_all(&folder);
    eprintln!(
        "{} probes, {} where the tools disagree",
        files.len(),
        found.len()
    );
    fail_on(found, files.len());
}

#[test]
fn the_cloudformation_fixtures_get_the_same_findings_from_both() {
    let Some(program) = cfn_lint::program() else {
        return;
    };
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cloudformation");
    let mut files: Vec<(String, PathBuf)> = std::fs::read_dir(&folder)
        .expect("the fixtures")
        .map(|entry| entry.expect("an entry").path())
        .map(|path| {
            (
                path.file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned(),
                path,
            )
        })
        .collect();
    files.sort();
    let paths: Vec<PathBuf> = files.iter().map(|(_, path)| path.clone()).collect();
    let linted = cfn_lint::schema_errors(&program, &paths);
    fail_on(disagreements(&files, &linted), files.len());
}

/// A new folder for the probes under the system's temporary folder.
fn tempfile_folder() -> PathBuf {
    let folder = std::env::temp_dir().join(format!("ecs-rollout-cfn-lint-{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("a temporary folder");
    folder
}
