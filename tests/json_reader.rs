//! Tests for the `.tfvars.json` reader: fixture files with snapshots, tables of inputs and
//! expected results, and properties over generated input.

use std::fmt::Write as _;

use ecs_rollout::read::{self, Document, Entry, Node, Value, MAX_DEPTH};
use ecs_rollout::{Code, Diagnostic, Format, Span};
use proptest::prelude::*;

fn read_json(source: &str) -> (Document, Vec<Diagnostic>) {
    read::read(source, Some(Format::Json))
}

/// The source text a span covers, shortened and escaped for a one-line dump.
fn covered(source: &str, span: &Span) -> String {
    let text = source
        .get(span.clone())
        .unwrap_or("<span not on char boundaries>");
    let shown: String = text.chars().take(40).collect();
    let ellipsis = if shown.len() < text.len() { "…" } else { "" };
    format!(
        "{}..{} `{}{ellipsis}`",
        span.start,
        span.end,
        shown.escape_debug()
    )
}

/// A readable dump of what the reader returned, with the text behind every span.
fn dump(source: &str, document: &Document, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::from("attributes:\n");
    for entry in &document.attributes {
        dump_entry(&mut out, source, entry, 1);
    }
    out.push_str("diagnostics:\n");
    for diagnostic in diagnostics {
        let span = diagnostic
            .span
            .as_ref()
            .map_or("no span".to_string(), |span| covered(source, span));
        writeln!(
            out,
            "  {} {} at {span}",
            diagnostic.severity.as_str(),
            diagnostic.code.as_str()
        )
        .unwrap();
        writeln!(out, "    message: {}", diagnostic.message).unwrap();
        if let Some(path) = &diagnostic.path {
            writeln!(out, "    path: {path}").unwrap();
        }
        if let Some(help) = &diagnostic.help {
            writeln!(out, "    help: {help}").unwrap();
        }
        for related in &diagnostic.related {
            writeln!(
                out,
                "    related: {} at {}",
                related.message,
                covered(source, &related.span)
            )
            .unwrap();
        }
        for fix in &diagnostic.fixes {
            writeln!(out, "    fix: {}", fix.title).unwrap();
            for edit in &fix.edits {
                writeln!(
                    out,
                    "      replace {} with {:?}",
                    covered(source, &edit.span),
                    edit.new_text
                )
                .unwrap();
            }
        }
    }
    out
}

fn dump_entry(out: &mut String, source: &str, entry: &Entry, indent: usize) {
    write!(
        out,
        "{}{:?} key {} = ",
        "  ".repeat(indent),
        entry.key,
        covered(source, &entry.key_span)
    )
    .unwrap();
    dump_node(out, source, &entry.value, indent);
}

fn dump_node(out: &mut String, source: &str, node: &Node, indent: usize) {
    let at = format!("{}..{}", node.span.start, node.span.end);
    match &node.value {
        Value::List(elements) => {
            writeln!(out, "list {at}").unwrap();
            for element in elements {
                write!(out, "{}- ", "  ".repeat(indent + 1)).unwrap();
                dump_node(out, source, element, indent + 1);
            }
        }
        Value::Object(entries) => {
            writeln!(out, "object {at}").unwrap();
            for entry in entries {
                dump_entry(out, source, entry, indent + 1);
            }
        }
        Value::Null => writeln!(out, "null {}", covered(source, &node.span)).unwrap(),
        Value::Bool(value) => {
            writeln!(out, "bool {value} {}", covered(source, &node.span)).unwrap()
        }
        Value::Number(value) => {
            writeln!(out, "number {value:?} {}", covered(source, &node.span)).unwrap()
        }
        Value::String(value) => {
            writeln!(out, "string {value:?} {}", covered(source, &node.span)).unwrap()
        }
    }
}

#[test]
fn fixtures() {
    insta::glob!("json_reader/*.json", |path| {
        let source = std::fs::read_to_string(path).unwrap();
        let (document, diagnostics) = read_json(&source);
        check_spans(&source, &document, &diagnostics);
        insta::assert_snapshot!(dump(&source, &document, &diagnostics));
    });
}

/// The value of the only attribute of `{"v": <literal>}`.
fn single_value(literal: &str) -> Value {
    let source = format!("{{\"v\": {literal}}}");
    let (document, diagnostics) = read_json(&source);
    assert!(diagnostics.is_empty(), "{literal}: {diagnostics:?}");
    assert_eq!(document.attributes.len(), 1, "{literal}");
    document.attributes[0].value.value.clone()
}

#[test]
fn strings_decode_every_escape() {
    let table: &[(&str, &str)] = &[
        (r#""plain""#, "plain"),
        (r#""""#, ""),
        (r#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{8}\u{c}\n\r\t"),
        (r#""\u0041\u00e9\u00E9""#, "Aéé"),
        (r#""\u20ac""#, "€"),
        (r#""\ud83d\ude00""#, "😀"),
        (r#""\uD83D\uDE00""#, "😀"),
        (r#""\ud800""#, "\u{fffd}"),
        (r#""\udc00""#, "\u{fffd}"),
        (r#""\ud800x""#, "\u{fffd}x"),
        (r#""\ud800\u0041""#, "\u{fffd}A"),
        (r#""\ud800\ud800\udc00""#, "\u{fffd}\u{10000}"),
        (r#""\udc00\ud800""#, "\u{fffd}\u{fffd}"),
        (r#""\u0000""#, "\0"),
        (r#""déjà 🚀""#, "déjà 🚀"),
        (r#""${var.x} %{ if a }""#, "${var.x} %{ if a }"),
        ("\"\u{7f}\"", "\u{7f}"),
    ];
    for (literal, expected) in table {
        assert_eq!(
            single_value(literal),
            Value::String(expected.to_string()),
            "{literal}"
        );
    }
}

#[test]
fn numbers_follow_the_json_grammar() {
    let table: &[(&str, f64)] = &[
        ("0", 0.0),
        ("-0", 0.0),
        ("-0.0e5", 0.0),
        ("7", 7.0),
        ("-12", -12.0),
        ("12.5", 12.5),
        ("0.1", 0.1),
        ("1e2", 100.0),
        ("1E+2", 100.0),
        ("25e-1", 2.5),
        ("1e400", f64::MAX),
        ("-1e400", -f64::MAX),
        ("1e-400", 0.0),
        ("-1e-400", 0.0),
        ("123456789012345678901234567890", 1.2345678901234568e29),
    ];
    for (literal, expected) in table {
        let Value::Number(number) = single_value(literal) else {
            panic!("{literal} is not a number");
        };
        assert_eq!(number, *expected, "{literal}");
        assert!(
            number.is_sign_positive() || *expected < 0.0,
            "{literal} keeps a negative zero"
        );
    }
}

#[test]
fn literals() {
    assert_eq!(single_value("true"), Value::Bool(true));
    assert_eq!(single_value("false"), Value::Bool(false));
    assert_eq!(single_value("null"), Value::Null);
    assert_eq!(single_value(" \t\r\n[ ] "), Value::List(Vec::new()));
    assert_eq!(single_value("{ }"), Value::Object(Vec::new()));
}

/// `(input, expected message, expected text under the span)`.
const SYNTAX_ERRORS: &[(&str, &str, &str)] = &[
    ("", "the file is empty, but a .tfvars.json file must hold one JSON object", ""),
    ("  \n", "the file is empty, but a .tfvars.json file must hold one JSON object", ""),
    ("[]", "a .tfvars.json file must hold one JSON object, but this one holds a list", "["),
    ("\"x\"", "a .tfvars.json file must hold one JSON object, but this one holds a string", "\""),
    ("12", "a .tfvars.json file must hold one JSON object, but this one holds a number", "12"),
    ("true", "a .tfvars.json file must hold one JSON object, but this one holds a bool", "true"),
    ("null", "a .tfvars.json file must hold one JSON object, but this one holds null", "null"),
    ("a = 1", "expected a JSON object `{` at the top of a .tfvars.json file, found `a`", "a"),
    ("{", "expected an attribute name in double quotes, found the end of the file", ""),
    ("{a: 1}", "expected an attribute name in double quotes, found `a`", "a"),
    ("{'a': 1}", "expected an attribute name in double quotes, found `'`", "'"),
    ("{1: 1}", "expected an attribute name in double quotes, found `1`", "1"),
    ("{\"a\" 1}", "expected `:` after the attribute name, found `1`", "1"),
    ("{\"a\" = 1}", "expected `:` after the attribute name, found `=`", "="),
    ("{\"a\":}", "expected a value, found `}`", "}"),
    ("{\"a\": yes}", "expected a value, found `yes`", "yes"),
    ("{\"a\": True}", "expected a value, found `True`", "True"),
    ("{\"a\": nulls}", "expected a value, found `nulls`", "nulls"),
    ("{\"a\": 'x'}", "expected a value, found `'`", "'"),
    ("{\"a\": NaN}", "expected a value, found `NaN`", "NaN"),
    ("{\"a\": +1}", "expected a value, found `+`", "+"),
    ("{\"a\": .5}", "expected a value, found `.`", "."),
    ("{\"a\": 1 \"b\": 2}", "expected `,` or `}` after an object value, found `\"`", "\""),
    ("{\"a\": 1]", "expected `,` or `}` after an object value, found `]`", "]"),
    ("{\"a\": 1,}", "expected another object entry after `,`, found `}`", "}"),
    ("{\"a\": [1,]}", "expected another list entry after `,`, found `]`", "]"),
    ("{\"a\": [1 2]}", "expected `,` or `]` after a list element, found `2`", "2"),
    ("{\"a\": [1}", "expected `,` or `]` after a list element, found `}`", "}"),
    ("{\"a\": [,]}", "expected a value, found `,`", ","),
    ("{\"a\": 1}}", "expected the end of the file after the top-level object, found `}`", "}"),
    ("{} x", "expected the end of the file after the top-level object, found `x`", "x"),
    ("{\"a\": 01}", "a JSON number cannot start with `0` followed by more digits", "01"),
    ("{\"a\": -01}", "a JSON number cannot start with `0` followed by more digits", "-01"),
    ("{\"a\": -}", "expected a digit after `-` in a number, found `}`", "}"),
    ("{\"a\": -x}", "expected a digit after `-` in a number, found `x`", "x"),
    ("{\"a\": 1.}", "expected a digit after the decimal point in a number, found `}`", "}"),
    ("{\"a\": 1.e5}", "expected a digit after the decimal point in a number, found `e5`", "e5"),
    ("{\"a\": 1e}", "expected a digit in the exponent in a number, found `}`", "}"),
    ("{\"a\": 1e+}", "expected a digit in the exponent in a number, found `}`", "}"),
    ("{\"a\": 1x}", "expected `,` or `}` after an object value, found `x`", "x"),
    ("{\"a\": 0x10}", "expected `,` or `}` after an object value, found `x10`", "x10"),
    ("{\"a\": \"x", "unterminated string: the file ends before its closing `\"`", ""),
    ("{\"a\": \"x\\", "unterminated string: the file ends inside an escape sequence", ""),
    ("{\"a\": \"x\ny\"}", "a string cannot span lines in JSON", "\n"),
    ("{\"a\": \"x\ty\"}", "a tab character must be written as `\\t` in a JSON string", "\t"),
    ("{\"a\": \"x\u{1}y\"}", "the control character U+0001 must be escaped in a JSON string", "\u{1}"),
    ("{\"a\": \"\\x\"}", "`\\x` is not a valid escape in a JSON string", "\\x"),
    ("{\"a\": \"\\é\"}", "`\\é` is not a valid escape in a JSON string", "\\é"),
    ("{\"a\": \"\\'\"}", "`\\'` is not a valid escape in a JSON string", "\\'"),
    (
        "{\"a\": \"\\u12\"}",
        "`\\u12\"` is not a valid escape: `\\u` takes exactly four hexadecimal digits",
        "\\u12\"",
    ),
    (
        "{\"a\": \"\\u12é\"}",
        "`\\u12é` is not a valid escape: `\\u` takes exactly four hexadecimal digits",
        "\\u12é",
    ),
    (
        "{\"a\": \"\\ud800\\u12",
        "`\\u12` is not a valid escape: `\\u` takes exactly four hexadecimal digits",
        "\\u12",
    ),
    ("{\"a\": 1 // note\n}", "expected `,` or `}` after an object value, found `/`", "/"),
    ("{\"a\": /* note */ 1}", "expected a value, found `/`", "/"),
    ("{\"a\": \u{a0}1}", "expected a value, found `\u{a0}`", "\u{a0}"),
    ("{\"a\": \u{feff}1}", "expected a value, found the invisible character U+FEFF", "\u{feff}"),
    ("\u{feff}\u{feff}{}", "expected a JSON object `{` at the top of a .tfvars.json file, found the invisible character U+FEFF", "\u{feff}"),
];

#[test]
fn syntax_errors_point_at_the_failure() {
    for (source, message, under_span) in SYNTAX_ERRORS {
        let (document, diagnostics) = read_json(source);
        check_spans(source, &document, &diagnostics);
        let syntax_errors: Vec<&Diagnostic> = diagnostics
            .iter()
            .filter(|d| d.code == Code::SyntaxError)
            .collect();
        assert_eq!(syntax_errors.len(), 1, "{source:?}: {diagnostics:?}");
        let error = syntax_errors[0];
        assert_eq!(error.message, *message, "{source:?}");
        assert!(!error.message.ends_with('.'), "{source:?}");
        let span = error.span.clone().expect("a syntax error has a span");
        assert_eq!(&source[span], *under_span, "{source:?}");
    }
}

#[test]
fn fixes_for_syntax_errors_repair_the_file() {
    let table: &[(&str, &str)] = &[
        ("{\"a\": 1,}", "{\"a\": 1}"),
        ("{\"a\": [1, 2 ,\n]}", "{\"a\": [1, 2 \n]}"),
        ("{\"a\" = 1}", "{\"a\" : 1}"),
    ];
    for (source, repaired) in table {
        let (_, diagnostics) = read_json(source);
        let fixed = ecs_rollout::apply_fixes(source, diagnostics.iter().flat_map(|d| &d.fixes));
        assert_eq!(fixed, *repaired, "{source:?}");
        let (_, after) = read_json(&fixed);
        assert!(after.is_empty(), "{fixed:?}: {after:?}");
    }
}

fn keys(document: &Document) -> Vec<&str> {
    document
        .attributes
        .iter()
        .map(|entry| entry.key.as_str())
        .collect()
}

#[test]
fn attributes_before_a_syntax_error_are_kept() {
    let table: &[(&str, &[&str])] = &[
        ("{\"a\": 1, \"b\": 2, \"c\": [1,", &["a", "b"]),
        ("{\"a\": 1, \"b\": {\"x\": 1}, \"c\" 3}", &["a", "b"]),
        ("{\"a\": 1, \"b\": 2 \"c\": 3}", &["a", "b"]),
        ("{\"a\": 1, \"b\": 2,}", &["a", "b"]),
        ("{\"a\": {\"x\": [1, 2]}, \"b\": {\"y\": tru}}", &["a"]),
        ("{\"a\": 1} trailing", &["a"]),
        ("[\"a\"]", &[]),
    ];
    for (source, expected) in table {
        let (document, diagnostics) = read_json(source);
        assert_eq!(keys(&document), *expected, "{source:?}");
        assert_eq!(diagnostics.len(), 1, "{source:?}: {diagnostics:?}");
    }
}

#[test]
fn a_top_level_comment_key_is_skipped_but_nested_ones_are_data() {
    let (document, diagnostics) = read_json(r#"{"//": "note", "a": {"//": 1}, "//": "again"}"#);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(keys(&document), ["a"]);
    let Value::Object(entries) = &document.attributes[0].value.value else {
        panic!("`a` is an object");
    };
    assert_eq!(entries[0].key, "//");
}

#[test]
fn nested_duplicates_keep_the_first_and_name_the_path() {
    let source = r#"{"g": {"x": [{"k": 1, "k": 2, "k": 3}], "y": 0, "y": 1}}"#;
    let (document, diagnostics) = read_json(source);
    let found: Vec<(Code, &str, &str, &str)> = diagnostics
        .iter()
        .map(|d| {
            (
                d.code,
                d.path.as_deref().unwrap_or(""),
                &source[d.span.clone().unwrap()],
                &source[d.related[0].span.clone()],
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (Code::DuplicateAttribute, "g.x[0].k", "k", "k"),
            (Code::DuplicateAttribute, "g.x[0].k", "k", "k"),
            (Code::DuplicateAttribute, "g.y", "y", "y"),
        ]
    );
    assert_eq!(diagnostics[0].span, Some(23..24));
    assert_eq!(diagnostics[1].span, Some(31..32));
    assert_eq!(diagnostics[0].related[0].span, 15..16);
    let Value::Object(g) = &document.attributes[0].value.value else {
        panic!("object")
    };
    let Value::List(x) = &g[0].value.value else {
        panic!("list")
    };
    let Value::Object(k) = &x[0].value else {
        panic!("object")
    };
    assert_eq!(k.len(), 1);
    assert_eq!(k[0].value.value, Value::Number(1.0));
    assert_eq!(g[1].value.value, Value::Number(0.0));
}

#[test]
fn nesting_is_limited_without_deep_recursion() {
    let at_limit = format!(
        "{{\"a\": {}{}}}",
        "[".repeat(MAX_DEPTH - 1),
        "]".repeat(MAX_DEPTH - 1)
    );
    let (document, diagnostics) = read_json(&at_limit);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(keys(&document), ["a"]);

    let over_limit = format!(
        "{{\"a\": {}{}}}",
        "[".repeat(MAX_DEPTH),
        "]".repeat(MAX_DEPTH)
    );
    let (_, diagnostics) = read_json(&over_limit);
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(
        diagnostics[0].message,
        "lists and objects are nested more than 64 levels deep"
    );
    let expected_start = "{\"a\": ".len() + MAX_DEPTH - 1;
    assert_eq!(
        diagnostics[0].span,
        Some(expected_start..expected_start + 1)
    );

    for opener in ["[", "{\"k\":"] {
        let hostile = format!("{{\"kept\": 1, \"a\": {}", opener.repeat(100_000));
        let (document, diagnostics) = read_json(&hostile);
        assert_eq!(keys(&document), ["kept"]);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].code, Code::SyntaxError);
    }
}

#[test]
fn large_inputs_are_read_in_linear_time() {
    let count = 200_000;
    let mut wide = String::from("{");
    for index in 0..count {
        write!(wide, "\"name_{index}\": {{\"k\": {index}, \"k\": 0}},").unwrap();
    }
    wide.push_str("\"name_0\": 1}");
    let (document, diagnostics) = read_json(&wide);
    assert_eq!(document.attributes.len(), count);
    assert_eq!(diagnostics.len(), count + 1);
    assert_eq!(
        diagnostics
            .iter()
            .filter(|d| d.code == Code::DuplicateVariable)
            .count(),
        1
    );

    let long_string = format!(
        "{{\"s\": \"{}\\n{}\"}}",
        "é".repeat(1_000_000),
        "x".repeat(1_000_000)
    );
    let (document, diagnostics) = read_json(&long_string);
    assert!(diagnostics.is_empty());
    let Value::String(text) = &document.attributes[0].value.value else {
        panic!("string")
    };
    assert_eq!(text.chars().count(), 2_000_001);
}

/// Every span the reader returns lies inside `source` on character boundaries.
fn check_spans(source: &str, document: &Document, diagnostics: &[Diagnostic]) {
    fn check(source: &str, span: &Span, what: &str) {
        assert!(
            span.start <= span.end
                && span.end <= source.len()
                && source.is_char_boundary(span.start)
                && source.is_char_boundary(span.end),
            "{what} span {span:?} is not valid in {source:?}"
        );
    }
    fn check_node(source: &str, node: &Node) {
        check(source, &node.span, "value");
        match &node.value {
            Value::List(elements) => {
                for element in elements {
                    assert!(
                        node.span.start < element.span.start && element.span.end < node.span.end
                    );
                    check_node(source, element);
                }
            }
            Value::Object(entries) => {
                for entry in entries {
                    check_entry(source, entry);
                    assert!(
                        node.span.start < entry.key_span.start
                            && entry.value.span.end < node.span.end
                    );
                }
            }
            _ => assert!(!node.span.is_empty()),
        }
    }
    fn check_entry(source: &str, entry: &Entry) {
        check(source, &entry.key_span, "key");
        assert!(entry.key_span.end < entry.value.span.start);
        check_node(source, &entry.value);
    }
    for entry in &document.attributes {
        check_entry(source, entry);
    }
    for diagnostic in diagnostics {
        if let Some(span) = &diagnostic.span {
            check(source, span, "diagnostic");
        }
        for related in &diagnostic.related {
            check(source, &related.span, "related");
        }
        for edit in diagnostic.fixes.iter().flat_map(|fix| &fix.edits) {
            check(source, &edit.span, "fix");
        }
    }
    assert!(
        diagnostics
            .iter()
            .filter(|d| d.code == Code::SyntaxError)
            .count()
            <= 1
    );
}

/// Converts what the reader returned back to JSON data, to compare with what was written.
fn to_json(value: &Value) -> serde_json::Value {
    match value {
        Value::Null => serde_json::Value::Null,
        Value::Bool(value) => serde_json::Value::Bool(*value),
        Value::Number(value) => serde_json::json!(value),
        Value::String(value) => serde_json::Value::String(value.clone()),
        Value::List(elements) => elements.iter().map(|node| to_json(&node.value)).collect(),
        Value::Object(entries) => entries
            .iter()
            .map(|entry| (entry.key.clone(), to_json(&entry.value.value)))
            .collect(),
    }
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<f64>()
            .prop_filter("finite", |n| n.is_finite())
            .prop_map(|n| serde_json::json!(if n == 0.0 { 0.0 } else { n })),
        any::<String>().prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(6, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            prop::collection::btree_map("[a-z_/é]{0,8}", inner, 0..6)
                .prop_map(|map| serde_json::Value::Object(map.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_and_spans_are_valid(source in any::<String>()) {
        let (document, diagnostics) = read_json(&source);
        check_spans(&source, &document, &diagnostics);
    }

    #[test]
    fn never_panics_on_json_like_text(
        body in "[\\[\\]{}\":,\\\\/ \n\tu0-9a-fA-FeE.+\\-éڭ😀\u{1}]{0,80}",
    ) {
        let source = format!("{{\"a\": {body}");
        let (document, diagnostics) = read_json(&source);
        check_spans(&source, &document, &diagnostics);
    }

    #[test]
    fn damaged_files_keep_valid_spans(cut in 0usize..2000, length in 0usize..40, insert in "[\\[\\]{}\",:x\\\\]{0,3}") {
        let original = include_str!("json_reader/valid-sample.json");
        let start = cut % original.len();
        let end = (start + length).min(original.len());
        prop_assume!(original.is_char_boundary(start) && original.is_char_boundary(end));
        let source = format!("{}{insert}{}", &original[..start], &original[end..]);
        let (document, diagnostics) = read_json(&source);
        check_spans(&source, &document, &diagnostics);
    }

    #[test]
    fn reads_back_what_serde_json_writes(
        entries in prop::collection::btree_map("[a-z_é]{1,10}", json_value(), 0..8),
        pretty in any::<bool>(),
    ) {
        let written = serde_json::Value::Object(entries.into_iter().collect());
        let source = if pretty {
            serde_json::to_string_pretty(&written).unwrap()
        } else {
            serde_json::to_string(&written).unwrap()
        };
        let (document, diagnostics) = read_json(&source);
        prop_assert!(diagnostics.is_empty(), "{:?}", diagnostics);
        check_spans(&source, &document, &diagnostics);
        let read_back: serde_json::Map<String, serde_json::Value> = document
            .attributes
            .iter()
            .map(|entry| (entry.key.clone(), to_json(&entry.value.value)))
            .collect();
        prop_assert_eq!(serde_json::Value::Object(read_back), written);
        for entry in &document.attributes {
            let key_literal = serde_json::to_string(&entry.key).unwrap();
            prop_assert_eq!(&source[entry.key_span.start - 1..entry.key_span.end + 1], key_literal.as_str());
            // The value's span covers exactly its text: reading that text alone gives it again.
            let alone = format!("{{\"v\": {}}}", &source[entry.value.span.clone()]);
            let (reread, _) = read_json(&alone);
            prop_assert_eq!(to_json(&reread.attributes[0].value.value), to_json(&entry.value.value));
        }
    }
}
