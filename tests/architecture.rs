//! The shape of the crate, checked from its sources (issue 22): every diagnostic code has one
//! emitting place, so a rule is written once for every source, and the top-level modules import
//! each other without a circle.
//!
//! Both checks read `src/` as text. A code is "emitted" where a `Diagnostic::new(Code::…)` is
//! written, or where a rule's table gives it as a `code: Code::…` field to a
//! `Diagnostic::new(rule.code, …)` in the same file; matching on a code or filtering by it is
//! not emitting it. Test
//! modules (a `#[cfg(test)]` module and everything after it in a file) are left out.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use ecs_rollout::diagnostic::Code;

/// Each code and the one place that emits it: a file, or a folder whose files each read one
/// syntax (the readers report a syntax error or a repeated key in their own syntax). A code
/// that nothing emits (a retired one) has no entry.
const EMITTERS: &[(&str, &str)] = &[
    ("syntax-error", "src/read/"),
    ("block-not-allowed", "src/read/hcl/mod.rs"),
    ("expression-not-allowed", "src/read/hcl/convert.rs"),
    ("invalid-expression", "src/read/hcl/convert.rs"),
    ("unsupported-expression", "src/read/"),
    ("duplicate-attribute", "src/read/"),
    ("duplicate-variable", "src/read/mod.rs"),
    ("unknown-variable", "src/typecheck.rs"),
    ("unknown-attribute", "src/typecheck.rs"),
    ("missing-attribute", "src/typecheck.rs"),
    ("missing-required-variable", "src/typecheck.rs"),
    ("type-mismatch", "src/typecheck.rs"),
    ("null-not-allowed", "src/checks/nulls.rs"),
    ("module-default-applied", "src/checks/nulls.rs"),
    (
        "module-validation-failed",
        "src/portkey/module_validation.rs",
    ),
    ("conflicting-strategies", "src/portkey/strategy.rs"),
    ("canary-percent-out-of-range", "src/checks/strategy.rs"),
    ("step-percent-out-of-range", "src/checks/strategy.rs"),
    ("percent-not-multiple-of-tenth", "src/checks/strategy.rs"),
    ("bake-time-out-of-range", "src/checks/strategy.rs"),
    ("bake-time-not-whole", "src/checks/strategy.rs"),
    ("no-bake-time", "src/checks/strategy.rs"),
    ("full-shift-in-one-step", "src/checks/strategy.rs"),
    ("long-deployment", "src/checks/strategy.rs"),
    ("no-traffic-shifting", "src/checks/traffic.rs"),
    ("canary-behind-nlb", "src/checks/traffic.rs"),
    ("circuit-breaker-disabled", "src/checks/circuit_breaker.rs"),
    ("rollback-disabled", "src/checks/circuit_breaker.rs"),
    (
        "rollback-without-circuit-breaker",
        "src/checks/circuit_breaker.rs",
    ),
    ("unknown-lifecycle-stage", "src/checks/lifecycle.rs"),
    ("unhookable-lifecycle-stage", "src/checks/lifecycle.rs"),
    ("duplicate-lifecycle-stage", "src/checks/lifecycle.rs"),
    ("lifecycle-hook-without-stages", "src/checks/lifecycle.rs"),
    ("lifecycle-stages-ignored", "src/portkey/mod.rs"),
    ("lifecycle-hook-on-rolling", "src/checks/lifecycle.rs"),
    ("no-behaviour-check", "src/checks/lifecycle.rs"),
    ("invalid-task-count", "src/checks/capacity.rs"),
    ("capacity-exceeded", "src/portkey/capacity.rs"),
    ("unknown-strategy", "src/service/rules.rs"),
    ("deployment-percent-out-of-range", "src/service/rules.rs"),
    ("external-deployment-controller", "src/service/rules.rs"),
    ("unresolved-value", "src/service/rules.rs"),
    ("no-service", "src/service/mod.rs"),
    ("input-not-supported", "src/service/mod.rs"),
    ("policy-violation", "src/policy.rs"),
    ("deployment-rolled-back", "src/observed/checks.rs"),
    ("deployment-stopped", "src/observed/checks.rs"),
    ("deployment-slower-than-planned", "src/observed/checks.rs"),
    ("unreadable-record-value", "src/observed/mod.rs"),
    ("input-too-large", "src/analysis.rs"),
    ("invalid-options", "src/analysis.rs"),
];

fn sources() -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, found: &mut Vec<(PathBuf, String)>) {
        let mut entries: Vec<_> = fs::read_dir(dir)
            .expect("src/ is readable")
            .map(|entry| entry.expect("a directory entry").path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|extension| extension == "rs") {
                let text = fs::read_to_string(&path).expect("a source file is UTF-8");
                found.push((path, without_tests(&strip_comments(&text))));
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    walk(&root.join("src"), &mut found);
    found
        .into_iter()
        .map(|(path, text)| {
            let relative = path
                .strip_prefix(root)
                .expect("under the crate")
                .to_path_buf();
            (relative, text)
        })
        .collect()
}

/// The text before the file's test module (`#[cfg(test)]` on a `mod`), if it has one; a
/// `#[cfg(test)]` item elsewhere (a counter the tests read) stays.
fn without_tests(text: &str) -> String {
    let mut from = 0;
    while let Some(found) = text[from..].find("#[cfg(test)]") {
        let at = from + found;
        let after = text[at + "#[cfg(test)]".len()..].trim_start();
        if after.starts_with("mod ") || after.starts_with("pub mod ") {
            return text[..at].to_owned();
        }
        from = at + 1;
    }
    text.to_owned()
}

/// The text without `//` comments (documentation mentions codes without emitting them). A `//`
/// inside a string literal is rare enough in this crate's sources that cutting there only ever
/// hides text, never invents it.
fn strip_comments(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            Some(index) if !line[..index].contains('"') => &line[..index],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The code names after each `Diagnostic::new(` in `text` (and in its rule tables' `code:`
/// fields when it builds diagnostics from them), by their Rust variant names.
fn emitted_variants(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let calls: Vec<usize> = text
        .match_indices("Diagnostic::new(")
        .map(|(index, _)| index + "Diagnostic::new(".len())
        .collect();
    let from_table = calls
        .iter()
        .any(|index| text[*index..].trim_start().starts_with("rule.code"));
    let table_fields = text
        .match_indices("code: Code::")
        .map(|(index, _)| index + "code: ".len());
    for index in calls
        .iter()
        .copied()
        .chain(table_fields.filter(|_| from_table))
    {
        let rest = text[index..].trim_start();
        if from_table && rest.starts_with("rule.code") {
            continue;
        }
        let rest = rest.strip_prefix("crate::diagnostic::").unwrap_or(rest);
        let variant: String = rest
            .strip_prefix("Code::")
            .map(|after| {
                after
                    .chars()
                    .take_while(char::is_ascii_alphanumeric)
                    .collect()
            })
            .unwrap_or_default();
        // A code passed in as a value would escape this table, so it is refused as well.
        found.push(if variant.is_empty() {
            "<not a Code:: literal>".to_owned()
        } else {
            variant
        });
    }
    found
}

fn variant_name(code: Code) -> String {
    format!("{code:?}")
}

#[test]
fn every_code_has_one_emitting_place() {
    let table: BTreeMap<&str, &str> = EMITTERS.iter().copied().collect();
    assert_eq!(
        table.len(),
        EMITTERS.len(),
        "a code is listed twice in EMITTERS"
    );
    let by_variant: BTreeMap<String, Code> = Code::ALL
        .iter()
        .map(|code| (variant_name(*code), *code))
        .collect();
    let mut places: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, text) in sources() {
        for variant in emitted_variants(&text) {
            places
                .entry(variant)
                .or_default()
                .insert(path.to_string_lossy().replace('\\', "/"));
        }
    }
    let mut problems = Vec::new();
    for (variant, files) in &places {
        let Some(code) = by_variant.get(variant) else {
            problems.push(format!("{files:?} build a diagnostic from `{variant}`"));
            continue;
        };
        let name = code.as_str();
        match table.get(name) {
            None => problems.push(format!(
                "`{name}` is emitted in {files:?} but EMITTERS gives it no place"
            )),
            Some(place) => {
                let outside: Vec<_> = files
                    .iter()
                    .filter(|file| !file.starts_with(place))
                    .collect();
                if !outside.is_empty() {
                    problems.push(format!(
                        "`{name}` belongs to {place} but is also emitted in {outside:?}: call that place's emitter instead"
                    ));
                }
            }
        }
    }
    for (name, place) in &table {
        let Some(code) = Code::from_name(name) else {
            problems.push(format!("EMITTERS lists `{name}`, which is not a code"));
            continue;
        };
        if !places.contains_key(&variant_name(code)) {
            problems.push(format!(
                "EMITTERS gives `{name}` to {place}, which does not emit it"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The top-level module (`checks`, `read`, …) a file under `src/` belongs to.
fn module_of(path: &Path) -> Option<String> {
    let mut parts = path.strip_prefix("src").ok()?.components();
    let first = parts.next()?.as_os_str().to_string_lossy().into_owned();
    let name = first.strip_suffix(".rs").unwrap_or(&first).to_owned();
    (!matches!(name.as_str(), "lib" | "main")).then_some(name)
}

/// The top-level modules `text` names through `crate::`.
fn imports(text: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    text.match_indices("crate::")
        .map(|(index, _)| {
            text[index + "crate::".len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect::<String>()
        })
        .filter(|name| modules.contains(name))
        .collect()
}

#[test]
fn modules_import_each_other_without_a_circle() {
    let sources = sources();
    let modules: BTreeSet<String> = sources
        .iter()
        .filter_map(|(path, _)| module_of(path))
        .collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, text) in &sources {
        let Some(module) = module_of(path) else {
            continue;
        };
        let mut uses = imports(text, &modules);
        uses.remove(&module);
        graph.entry(module).or_default().extend(uses);
    }
    // Depth-first search; a module met again while still on the path closes a circle.
    fn visit(
        module: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|on_path| on_path == module) {
            let mut circle = path[start..].to_vec();
            circle.push(module.to_owned());
            return Some(circle);
        }
        if done.contains(module) {
            return None;
        }
        path.push(module.to_owned());
        for next in graph.get(module).into_iter().flatten() {
            if let Some(circle) = visit(next, graph, path, done) {
                return Some(circle);
            }
        }
        path.pop();
        done.insert(module.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    for module in graph.keys() {
        if let Some(circle) = visit(module, &graph, &mut Vec::new(), &mut done) {
            panic!(
                "the modules import each other in a circle: {}",
                circle.join(" → ")
            );
        }
    }
}
