//! The HCL reader: a table of inputs and the values or errors they give, and properties over
//! generated values written both as HCL and as JSON.

use ecs_rollout::read::{read, Document, Entry, Node, Value};
use ecs_rollout::{Code, Diagnostic, Format};
use proptest::prelude::*;

/// A compact, span-free rendering of a value, for table expectations.
fn show(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(value) => value.to_string(),
        Value::Number(number) => format!("{number}"),
        Value::String(text) => format!("{text:?}"),
        Value::List(items) => format!(
            "[{}]",
            items
                .iter()
                .map(|n| show(&n.value))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Value::Object(entries) => format!(
            "{{{}}}",
            entries
                .iter()
                .map(|e| format!("{}: {}", e.key, show(&e.value.value)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn read_hcl(source: &str) -> (Document, Vec<Diagnostic>) {
    let (document, diagnostics) = read(source, Some(Format::Hcl));
    for diagnostic in &diagnostics {
        if let Some(span) = &diagnostic.span {
            assert!(
                span.end <= source.len()
                    && source.is_char_boundary(span.start)
                    && source.is_char_boundary(span.end)
            );
        }
    }
    document_spans_are_sound(source, &document.attributes);
    (document, diagnostics)
}

fn document_spans_are_sound(source: &str, entries: &[Entry]) {
    fn check_node(source: &str, node: &Node) {
        assert!(node.span.start <= node.span.end && node.span.end <= source.len());
        match &node.value {
            Value::List(items) => items.iter().for_each(|item| check_node(source, item)),
            Value::Object(entries) => document_spans_are_sound(source, entries),
            _ => {}
        }
    }
    for entry in entries {
        assert!(entry.key_span.end <= source.len());
        check_node(source, &entry.value);
    }
}

/// `x = <expression>` evaluates to the value shown.
const VALUES: &[(&str, &str)] = &[
    ("1", "1"),
    ("-2.5", "-2.5"),
    ("1e3", "1000"),
    ("0.1e1", "1"),
    ("-0", "0"),
    ("true", "true"),
    ("null", "null"),
    ("\"a\\tb\\n\\\"c\\\\\"", "\"a\\tb\\n\\\"c\\\\\""),
    ("\"\\u00e9\\U0001F680\"", "\"é🚀\""),
    ("\"$${literal} %%{literal}\"", "\"${literal} %{literal}\""),
    ("\"port ${8000 + 787}\"", "\"port 8787\""),
    ("\"${true} ${1.5} ${\"x\"}\"", "\"true 1.5 x\""),
    // A template that is one interpolation alone has that value's own type (HCL's spec).
    ("\"${~ 1 ~}\"", "1"),
    ("\"x${~ 1 ~}\"", "\"x1\""),
    ("[1, 2][*]", "[1, 2]"),
    ("[{ a = 1 }, { a = 2 }][*].a", "[1, 2]"),
    ("[{ a = 1 }, { a = 2 }].*.a", "[1, 2]"),
    ("\"%{ for a in [1, 2] }${a}%{ endfor }\"", "\"12\""),
    ("\"%{ if 1 < 2 }yes%{ else }no%{ endif }\"", "\"yes\""),
    (
        "{for s in [\"a\", \"b\", \"a\"] : s => 1...}",
        "{a: [1, 1], b: [1]}",
    ),
    ("\"a\u{0}b\"", "\"a\\0b\""),
    ("[]", "[]"),
    ("[1, \"two\", [3],]", "[1, \"two\", [3]]"),
    ("[\n  1,\n  2\n]", "[1, 2]"),
    ("{}", "{}"),
    ("{ a = 1, b = \"x\" }", "{a: 1, b: \"x\"}"),
    (
        "{\n  a = 1\n  b = { c = [true] }\n}",
        "{a: 1, b: {c: [true]}}",
    ),
    (
        "{ \"quoted key\" = 1, data-service = 2, (\"paren\") = 3 }",
        "{quoted key: 1, data-service: 2, paren: 3}",
    ),
    ("{ a: 1 }", "{a: 1}"),
    ("1 + 2 * 3", "7"),
    ("(1 + 2) * 3", "9"),
    ("10 - 4 - 3", "3"),
    ("7 % 4", "3"),
    ("\"10\" + 5", "15"),
    ("1 < 2 && 2 <= 2 && 3 > 2 && 3 >= 3", "true"),
    ("1 == 1 && \"a\" != \"b\"", "true"),
    ("[1, 2] == [1, 2]", "true"),
    ("!false || false", "true"),
    ("- -3", "3"),
    ("true ? \"yes\" : \"no\"", "\"yes\""),
    ("1 > 2 ? 1 : 2 > 1 ? 20 : 30", "20"),
    ("[10, 20, 30][1]", "20"),
    ("[10, 20, 30].2", "30"),
    ("{ a = { b = 5 } }.a.b", "5"),
    ("{ a = 1 }[\"a\"]", "1"),
    ("[for s in [\"a\", \"b\"] : \"${s}!\"]", "[\"a!\", \"b!\"]"),
    ("[for i, s in [\"a\", \"b\"] : i if s != \"a\"]", "[1]"),
    (
        "{for k, v in { a = 1, b = 2 } : v => k}",
        "{1: \"a\", 2: \"b\"}",
    ),
    ("<<EOT\nhello\n  world\nEOT", "\"hello\\n  world\\n\""),
    (
        "<<-EOT\n    hello\n      ${1 + 1}\n    EOT",
        "\"hello\\n  2\\n\"",
    ),
    ("1 # comment", "1"),
    ("1 // comment", "1"),
    ("/* block */ 1", "1"),
    ("[1, /* inside */ 2]", "[1, 2]"),
];

#[test]
fn values_evaluate_as_terraform_would() {
    let mut wrong = Vec::new();
    for (expression, expected) in VALUES {
        let source = format!("x = {expression}\n");
        let (document, diagnostics) = read_hcl(&source);
        let shown = match (diagnostics.as_slice(), document.attributes.as_slice()) {
            ([], [attribute]) => show(&attribute.value.value),
            _ => format!("{diagnostics:?}"),
        };
        if shown != *expected {
            wrong.push(format!("{expression}: got {shown}, expected {expected}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Inputs that must give one diagnostic with this code whose span covers this text.
const PROBLEMS: &[(&str, Code, &str)] = &[
    ("x = var.env\n", Code::ExpressionNotAllowed, "var.env"),
    ("x = local.y.z\n", Code::ExpressionNotAllowed, "local.y.z"),
    ("x = var.list[0]\n", Code::ExpressionNotAllowed, "var.list"),
    (
        "x = [for s in var.x : s]\n",
        Code::ExpressionNotAllowed,
        "var.x",
    ),
    ("x = é\n", Code::ExpressionNotAllowed, "é"),
    (
        "x = upper(\"a\")\n",
        Code::ExpressionNotAllowed,
        "upper(\"a\")",
    ),
    (
        "x = provider::aws::arn_parse(\"a\")\n",
        Code::ExpressionNotAllowed,
        "provider::aws::arn_parse(\"a\")",
    ),
    ("x = 1 / 0\n", Code::InvalidExpression, "1 / 0"),
    (
        "x = \"${1 / 0}\"\n",
        Code::InvalidExpression,
        "\"${1 / 0}\"",
    ),
    (
        "x = [for i in [0] : 1 / i]\n",
        Code::InvalidExpression,
        "[for i in [0] : 1 / i]",
    ),
    (
        "x = [for i in [0] : 1 % i]\n",
        Code::UnsupportedExpression,
        "1 % i",
    ),
    ("x = \"${7 % 0}\"\n", Code::UnsupportedExpression, "7 % 0"),
    ("x = { a = 1 }.b\n", Code::InvalidExpression, "{ a = 1 }.b"),
    ("x = \"a\" * 2\n", Code::InvalidExpression, "\"a\" * 2"),
    ("x = [1][5]\n", Code::InvalidExpression, "[1][5]"),
    ("x = 1 ? 2 : 3\n", Code::InvalidExpression, "1"),
    (
        "variable \"x\" {\n  default = 1\n}\n",
        Code::BlockNotAllowed,
        "variable",
    ),
    ("locals {}\n", Code::BlockNotAllowed, "locals"),
    ("x = 1\nx = 2\n", Code::DuplicateVariable, "x"),
    ("x = { a = 1, a = 2 }\n", Code::DuplicateAttribute, "a"),
    ("x = \"open\n", Code::SyntaxError, "\""),
    ("x = \"bad \\q escape\"\n", Code::SyntaxError, "\\q"),
    ("x = \"\\u12\"\n", Code::SyntaxError, "\\u12"),
    ("x = [1 2]\n", Code::SyntaxError, "2"),
    ("x = [1,\n", Code::SyntaxError, "\n"),
    ("x = { a = 1 b = 2 }\n", Code::SyntaxError, "b"),
    ("x = { a 1 }\n", Code::SyntaxError, " "),
    ("x = (1\n", Code::SyntaxError, "\n"),
    ("x = <<EOT\nnever closed\n", Code::SyntaxError, "<<"),
    ("x = 1 y = 2\n", Code::SyntaxError, "y"),
    ("x 1\n", Code::SyntaxError, "1"),
    ("= 1\n", Code::SyntaxError, "="),
    ("x = \n", Code::SyntaxError, "\n"),
    ("x = 1 +\n2\n", Code::SyntaxError, "\n"),
];

#[test]
fn problems_are_reported_at_their_place() {
    let mut wrong = Vec::new();
    for (source, code, pointed) in PROBLEMS {
        let (_, diagnostics) = read_hcl(source);
        let found: Vec<_> = diagnostics.iter().filter(|d| d.code == *code).collect();
        let pointed_at = match found.as_slice() {
            [one] => one.span.clone().map(|span| &source[span]),
            _ => None,
        };
        if pointed_at != Some(*pointed) {
            wrong.push(format!(
                "{source:?}: expected {} at {pointed:?}, got {diagnostics:?}",
                code.as_str()
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_broken_statement_does_not_hide_the_others() {
    let source = "a = 1\nb = [1,\n  2\nc = \"three\"\nd = { e = 1 }\nf = (\ng = true\n";
    let (document, diagnostics) = read_hcl(source);
    let names: Vec<&str> = document.attributes.iter().map(|e| e.key.as_str()).collect();
    assert_eq!(names, ["a", "c", "d", "g"]);
    let unreadable: Vec<&str> = document
        .unreadable
        .iter()
        .map(|(name, _)| name.as_str())
        .collect();
    assert_eq!(unreadable, ["b", "f"]);
    assert_eq!(
        diagnostics
            .iter()
            .filter(|d| d.code == Code::SyntaxError)
            .count(),
        2
    );
}

#[test]
fn line_endings_and_byte_order_mark() {
    for source in [
        "\u{feff}a = 1\r\nb = [1,\r\n 2]\r\n",
        "a = 1\rb = [1,\r 2]\r",
        "a = 1\nb = [1,\n 2]",
    ] {
        let (document, diagnostics) = read_hcl(source);
        assert!(diagnostics.is_empty(), "{source:?}: {diagnostics:?}");
        assert_eq!(document.attributes.len(), 2, "{source:?}");
        assert_eq!(
            &source[document.attributes[1].value.span.clone()].replace(['\r', '\n'], ""),
            "[1, 2]"
        );
    }
}

#[test]
fn deep_nesting_and_long_operator_chains_are_refused_quickly() {
    for source in [
        format!("x = {}\n", "[".repeat(100_000)),
        format!("x = {}1{}\n", "(".repeat(100_000), ")".repeat(100_000)),
        format!("x = \"{}\"\n", "${\"".repeat(10_000)),
        format!("x = 1{}\n", " + 1".repeat(100_000)),
        format!("x = {}1\n", "-".repeat(100_000)),
        format!("x = {}\n", "a.".repeat(100_000)),
    ] {
        let (_, diagnostics) = read_hcl(&source);
        assert!(diagnostics
            .iter()
            .any(|d| d.code == Code::SyntaxError || d.code == Code::ExpressionNotAllowed));
    }
    let (document, diagnostics) = read_hcl(&format!("x = {}1{}\n", "[".repeat(60), "]".repeat(60)));
    assert!(diagnostics.is_empty() && document.attributes.len() == 1);
}

/// A generated value, written as HCL and as JSON.
#[derive(Debug, Clone)]
enum Tree {
    Bool(bool),
    Number(i32),
    Text(String),
    List(Vec<Tree>),
    Object(Vec<(String, Tree)>),
}

fn tree() -> impl Strategy<Value = Tree> {
    let leaf = prop_oneof![
        any::<bool>().prop_map(Tree::Bool),
        any::<i32>().prop_map(Tree::Number),
        "[a-zA-Z0-9 é🚀_.-]{0,12}".prop_map(Tree::Text),
    ];
    leaf.prop_recursive(4, 40, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Tree::List),
            prop::collection::btree_map("[a-z][a-z0-9_]{0,8}", inner, 0..5)
                .prop_map(|map| Tree::Object(map.into_iter().collect())),
        ]
    })
}

fn as_hcl(tree: &Tree) -> String {
    match tree {
        Tree::Bool(value) => value.to_string(),
        Tree::Number(number) => number.to_string(),
        Tree::Text(text) => format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\"")),
        Tree::List(items) => format!(
            "[{}]",
            items.iter().map(as_hcl).collect::<Vec<_>>().join(", ")
        ),
        Tree::Object(entries) => format!(
            "{{\n{}\n}}",
            entries
                .iter()
                .map(|(key, value)| format!("  {key} = {}", as_hcl(value)))
                .collect::<Vec<_>>()
                .join("\n")
        ),
    }
}

fn as_json(tree: &Tree) -> String {
    match tree {
        Tree::Bool(value) => value.to_string(),
        Tree::Number(number) => number.to_string(),
        Tree::Text(text) => format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\"")),
        Tree::List(items) => format!(
            "[{}]",
            items.iter().map(as_json).collect::<Vec<_>>().join(", ")
        ),
        Tree::Object(entries) => format!(
            "{{{}}}",
            entries
                .iter()
                .map(|(key, value)| format!("\"{key}\": {}", as_json(value)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// What hcl-rs on its own makes of `source`: parsed, evaluated with an empty context (as
/// Terraform reads a tfvars file), and deserialized; `None` when it refuses the text.
fn hcl_rs_reading(source: &str) -> Option<hcl::Value> {
    use hcl::eval::{Context, Evaluate};
    let body = hcl::parse(source).ok()?;
    let body = body.evaluate(&Context::new()).ok()?;
    hcl::from_body(body).ok()
}

/// Our reading of a whole document as an hcl-rs value, for comparison.
fn as_hcl_value(entries: &[Entry]) -> hcl::Value {
    fn value(node: &Node) -> hcl::Value {
        match &node.value {
            Value::Null => hcl::Value::Null,
            Value::Bool(flag) => hcl::Value::Bool(*flag),
            Value::Number(number) => hcl::Value::from(*number),
            Value::String(text) => hcl::Value::String(text.clone()),
            Value::List(items) => hcl::Value::Array(items.iter().map(value).collect()),
            Value::Object(entries) => object(entries),
        }
    }
    fn object(entries: &[Entry]) -> hcl::Value {
        hcl::Value::Object(
            entries
                .iter()
                .map(|entry| (entry.key.clone(), value(&entry.value)))
                .collect(),
        )
    }
    object(entries)
}

/// Numbers compare as f64: hcl-rs keeps integers apart from floats, Terraform does not.
fn normalized(value: hcl::Value) -> hcl::Value {
    match value {
        hcl::Value::Number(number) => hcl::Value::from(number.as_f64().unwrap_or(f64::NAN)),
        hcl::Value::Array(items) => hcl::Value::Array(items.into_iter().map(normalized).collect()),
        hcl::Value::Object(entries) => hcl::Value::Object(
            entries
                .into_iter()
                .map(|(key, value)| (key, normalized(value)))
                .collect(),
        ),
        other => other,
    }
}

/// Every HCL fixture that reads without a problem reads to the same values as hcl-rs alone
/// gives, except where Terraform's conversions make operators more lenient than hcl-rs's.
#[test]
fn fixtures_read_as_hcl_rs_reads_them() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut compared = 0;
    let mut folders = vec![root.join("fixtures"), root.join("cli_files")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("a fixture folder") {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            if path
                .extension()
                .is_none_or(|extension| extension != "tfvars")
            {
                continue;
            }
            let source = std::fs::read_to_string(&path).expect("a fixture");
            let (document, diagnostics) = read(&source, Some(Format::Hcl));
            let Some(theirs) = hcl_rs_reading(&source) else {
                continue;
            };
            if !diagnostics.is_empty() {
                continue;
            }
            assert_eq!(
                normalized(as_hcl_value(&document.attributes)),
                normalized(theirs),
                "{}",
                path.display()
            );
            compared += 1;
        }
    }
    assert!(compared >= 20, "only {compared} fixtures compared");
}

proptest! {
    #[test]
    fn generated_files_read_as_hcl_rs_reads_them(value in tree()) {
        let hcl = format!("x = {}\n", as_hcl(&value));
        let (ours, _) = read_hcl(&hcl);
        let theirs = hcl_rs_reading(&hcl).expect("hcl-rs reads generated values");
        prop_assert_eq!(normalized(as_hcl_value(&ours.attributes)), normalized(theirs));
    }

    #[test]
    fn hcl_and_json_give_the_same_values(value in tree()) {
        let hcl = format!("x = {}\n", as_hcl(&value));
        let json = format!("{{\"x\": {}}}", as_json(&value));
        let (from_hcl, hcl_diagnostics) = read_hcl(&hcl);
        let (from_json, json_diagnostics) = read(&json, Some(Format::Json));
        prop_assert!(hcl_diagnostics.is_empty(), "{hcl}: {hcl_diagnostics:?}");
        prop_assert!(json_diagnostics.is_empty());
        prop_assert_eq!(show(&from_hcl.attributes[0].value.value), show(&from_json.attributes[0].value.value));
    }

    #[test]
    fn any_text_reads_without_panicking(source in "(?s).{0,200}") {
        read_hcl(&source);
    }

    #[test]
    fn damaged_files_read_without_panicking(cut in 0usize..400, insert in "[\\[\\]{}()\"$%<>=,:\n\\\\#*/-]{0,3}") {
        let base = include_str!("fixtures/examples/production.tfvars");
        let cut = base.char_indices().map(|(i, _)| i).nth(cut % base.chars().count()).unwrap_or(0);
        let damaged = format!("{}{insert}{}", &base[..cut], &base[cut..]);
        read_hcl(&damaged);
    }
}
