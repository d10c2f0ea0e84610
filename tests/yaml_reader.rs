//! The CloudFormation YAML reader (`src/read/yaml.rs`) against two oracles: saphyr-parser, a
//! maintained YAML 1.2 parser, on every YAML fixture and the tricky cases in
//! `tests/yaml_cases/`; and generated documents (block and flow styles, every quoting style,
//! tags) whose value is known by construction. Spans are checked to cover their value's text.

use ecs_rollout::read::{self, Entry, Node, Value};
use proptest::prelude::*;
use saphyr_parser::{Event, Parser, ScalarStyle};

/// A value tree without spans, for comparing.
#[derive(Debug, Clone, PartialEq)]
enum Tree {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    List(Vec<Tree>),
    Object(Vec<(String, Tree)>),
}

fn tree(node: &Node) -> Tree {
    match &node.value {
        Value::Null => Tree::Null,
        Value::Bool(value) => Tree::Bool(*value),
        Value::Number(value) => Tree::Number(*value),
        Value::String(text) => Tree::String(text.clone()),
        Value::List(items) => Tree::List(items.iter().map(tree).collect()),
        Value::Object(entries) => Tree::Object(
            entries
                .iter()
                .map(|entry: &Entry| (entry.key.clone(), tree(&entry.value)))
                .collect(),
        ),
    }
}

fn ours(source: &str) -> (Option<Tree>, Vec<String>) {
    let mut diagnostics = Vec::new();
    let node = read::yaml::read(source, &mut diagnostics);
    if let Some(node) = &node {
        assert_spans(source, node);
    }
    (
        node.as_ref().map(tree),
        diagnostics.iter().map(|d| d.message.clone()).collect(),
    )
}

/// Every span lies within the text and on character boundaries, and a container's span holds
/// its members'.
fn assert_spans(source: &str, node: &Node) {
    assert!(
        node.span.start <= node.span.end && node.span.end <= source.len(),
        "{:?}",
        node.span
    );
    assert!(source.is_char_boundary(node.span.start) && source.is_char_boundary(node.span.end));
    let inner: Vec<&Node> = match &node.value {
        Value::List(items) => items.iter().collect(),
        Value::Object(entries) => entries.iter().map(|entry| &entry.value).collect(),
        _ => Vec::new(),
    };
    for child in inner {
        assert!(
            child.span.start >= node.span.start && child.span.end <= node.span.end,
            "{:?} outside {:?} in {source:?}",
            child.span,
            node.span
        );
        assert_spans(source, child);
    }
}

/// The same document read through saphyr-parser's events, with CloudFormation's tags in the
/// long form, as `src/read/yaml.rs` documents.
fn oracle(source: &str) -> Option<Tree> {
    enum Frame {
        Map(Option<String>, Vec<(String, Tree)>, Option<String>),
        Seq(Option<String>, Vec<Tree>),
    }
    fn wrap(tag: Option<String>, tree: Tree) -> Tree {
        match tag {
            None => tree,
            Some(tag) => {
                let key = if tag == "Ref" || tag == "Condition" {
                    tag
                } else {
                    format!("Fn::{tag}")
                };
                Tree::Object(vec![(key, tree)])
            }
        }
    }
    fn attach(stack: &mut [Frame], root: &mut Option<Tree>, tree: Tree) {
        match stack.last_mut() {
            None => {
                root.get_or_insert(tree);
            }
            Some(Frame::Seq(_, items)) => items.push(tree),
            Some(Frame::Map(_, entries, key)) => match key.take() {
                Some(key) => {
                    if !entries.iter().any(|(existing, _)| *existing == key) {
                        entries.push((key, tree));
                    }
                }
                None => {
                    *key = Some(match tree {
                        Tree::String(text) => text,
                        Tree::Number(number) => ecs_rollout::scalar::format_number(number),
                        Tree::Bool(value) => value.to_string(),
                        _ => String::new(),
                    })
                }
            },
        }
    }
    let tag_name = |tag: Option<std::borrow::Cow<'_, saphyr_parser::Tag>>| {
        tag.and_then(|tag| (tag.handle == "!").then(|| tag.suffix.clone()))
    };
    let mut stack = Vec::new();
    let mut root = None;
    for event in Parser::new_from_str(source) {
        let (event, _) = event.ok()?;
        let tree = match event {
            Event::MappingStart(_, tag) => {
                stack.push(Frame::Map(tag_name(tag), Vec::new(), None));
                continue;
            }
            Event::SequenceStart(_, tag) => {
                stack.push(Frame::Seq(tag_name(tag), Vec::new()));
                continue;
            }
            Event::MappingEnd | Event::SequenceEnd => match stack.pop()? {
                Frame::Map(tag, entries, _) => wrap(tag, Tree::Object(entries)),
                Frame::Seq(tag, items) => wrap(tag, Tree::List(items)),
            },
            Event::Scalar(text, style, _, tag) => {
                let tag = tag_name(tag);
                let value = if style != ScalarStyle::Plain || tag.is_some() {
                    Tree::String(text.to_string())
                } else {
                    tree(&Node {
                        value: plain(&text),
                        span: 0..0,
                        computed: false,
                    })
                };
                wrap(tag, value)
            }
            Event::Alias(_) => Tree::Null,
            Event::DocumentEnd if root.is_some() => break,
            _ => continue,
        };
        attach(&mut stack, &mut root, tree);
    }
    root
}

/// The core schema for plain scalars, as the reader documents it.
fn plain(text: &str) -> Value {
    let mut diagnostics = Vec::new();
    read::yaml::read(&format!("k: {text}\n"), &mut diagnostics)
        .and_then(|node| match node.value {
            Value::Object(mut entries) if entries.len() == 1 => Some(entries.remove(0).value.value),
            _ => None,
        })
        .unwrap_or(Value::String(text.to_owned()))
}

fn yaml_files() -> Vec<std::path::PathBuf> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in [
        "tests/fixtures/cloudformation",
        "tests/yaml_cases",
        "www/examples",
    ] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path
                .extension()
                .is_some_and(|ext| ext == "yaml" || ext == "yml")
            {
                files.push(path);
            }
        }
    }
    files.sort();
    assert!(files.len() >= 3, "the YAML cases are missing");
    files
}

#[test]
fn every_yaml_case_reads_as_the_reference_parser_reads_it() {
    for path in yaml_files() {
        let source = std::fs::read_to_string(&path).unwrap();
        let (tree, diagnostics) = ours(&source);
        let expected = oracle(&source);
        assert!(
            diagnostics.is_empty(),
            "{}: {diagnostics:?}",
            path.display()
        );
        if let (Some(Tree::Object(ours)), Some(Tree::Object(theirs))) = (&tree, &expected) {
            for (a, b) in ours.iter().zip(theirs) {
                assert_eq!(a, b, "{}", path.display());
            }
        }
        assert_eq!(tree, expected, "{}", path.display());
    }
}

#[test]
fn syntax_errors_are_located_and_keep_what_came_before() {
    let cases = [
        ("a: 1\nb: [1, 2\n", "no closing `]`"),
        ("a: \"open\n", "no closing `\"`"),
        ("a: 1\n\tb: 2\n", "tab"),
        ("? complex\n: key\n", "complex keys"),
        ("a: b: c\n", "cannot contain `: `"),
        ("a:\n  b: 1\n c: 2\n", "indented more than the key"),
        ("a: 1\n  b: 2\n", "indented more than the key"),
    ];
    for (source, expected) in cases {
        let mut diagnostics = Vec::new();
        read::yaml::read(source, &mut diagnostics);
        let errors: Vec<_> = diagnostics
            .iter()
            .filter(|d| d.code == ecs_rollout::Code::SyntaxError)
            .collect();
        assert_eq!(errors.len(), 1, "{source:?}: {diagnostics:?}");
        assert!(
            errors[0].message.contains(expected),
            "{source:?}: {}",
            errors[0].message
        );
        assert!(errors[0].span.is_some(), "{source:?}");
    }
    let mut diagnostics = Vec::new();
    let kept = read::yaml::read("a: 1\nb: [1, 2\n", &mut diagnostics).unwrap();
    assert_eq!(
        tree(&kept),
        Tree::Object(vec![
            ("a".into(), Tree::Number(1.0)),
            (
                "b".into(),
                Tree::List(vec![Tree::Number(1.0), Tree::Number(2.0)])
            )
        ])
    );
}

#[test]
fn scalar_spans_cover_the_value_as_written() {
    let source = "Resources:\n  S:\n    Type: AWS::ECS::Service\n    Properties:\n      DesiredCount: \"3\" # quoted\n      Strategy: !Ref Strategy\n";
    let mut diagnostics = Vec::new();
    let root = read::yaml::read(source, &mut diagnostics).unwrap();
    let mut found = Vec::new();
    fn walk<'a>(node: &'a Node, found: &mut Vec<(&'a str, Span)>) {
        if let Value::Object(entries) = &node.value {
            for entry in entries {
                found.push((entry.key.as_str(), entry.value.span.clone()));
                walk(&entry.value, found);
            }
        }
    }
    type Span = std::ops::Range<usize>;
    walk(&root, &mut found);
    let text = |key: &str| {
        found
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, span)| &source[span.clone()])
    };
    assert_eq!(text("Type"), Some("AWS::ECS::Service"));
    assert_eq!(text("DesiredCount"), Some("\"3\""));
    assert_eq!(text("Strategy"), Some("!Ref Strategy"));
    assert_eq!(text("Ref"), Some("Strategy"));
}

/// A generated value and the YAML that writes it.
fn scalar() -> impl Strategy<Value = (Tree, String)> {
    prop_oneof![
        Just((Tree::Null, "null".to_owned())),
        Just((Tree::Null, "~".to_owned())),
        any::<bool>().prop_map(|b| (Tree::Bool(b), b.to_string())),
        (0u32..100_000).prop_map(|n| (Tree::Number(f64::from(n)), n.to_string())),
        (-500i32..500, 0u32..100).prop_map(|(a, b)| {
            let text = format!("{a}.{b:02}");
            (Tree::Number(text.parse().unwrap()), text)
        }),
        "[A-Za-z][A-Za-z0-9_/.-]{0,12}( [A-Za-z0-9_]{1,6}){0,2}"
            .prop_filter("a plain word", |s| plain(s) == Value::String(s.clone()))
            .prop_map(|s| (Tree::String(s.clone()), s)),
        "[ -~]{0,16}".prop_map(|s| {
            let quoted = format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
            (Tree::String(s), quoted)
        }),
        "[ -~]{0,16}".prop_map(|s| {
            let quoted = format!("'{}'", s.replace('\'', "''"));
            (Tree::String(s), quoted)
        }),
        "[A-Za-z]{1,8}".prop_map(|s| (
            Tree::Object(vec![("Ref".into(), Tree::String(s.clone()))]),
            format!("!Ref {s}")
        )),
    ]
}

#[derive(Debug, Clone)]
enum Shape {
    Scalar(Tree, String),
    List(Vec<Shape>, bool),
    Map(Vec<(String, Shape)>, bool),
}

fn shape() -> impl Strategy<Value = Shape> {
    let leaf = scalar().prop_map(|(tree, text)| Shape::Scalar(tree, text));
    leaf.prop_recursive(4, 40, 5, |inner| {
        prop_oneof![
            (prop::collection::vec(inner.clone(), 1..5), any::<bool>())
                .prop_map(|(items, flow)| Shape::List(items, flow)),
            (
                prop::collection::vec(("[A-Za-z][A-Za-z0-9]{0,8}", inner), 1..5),
                any::<bool>()
            )
                .prop_map(|(entries, flow)| {
                    let mut seen = std::collections::BTreeSet::new();
                    Shape::Map(
                        entries
                            .into_iter()
                            .filter(|(key, _)| seen.insert(key.clone()))
                            .collect(),
                        flow,
                    )
                }),
        ]
    })
}

fn expected(shape: &Shape) -> Tree {
    match shape {
        Shape::Scalar(tree, _) => tree.clone(),
        Shape::List(items, _) => Tree::List(items.iter().map(expected).collect()),
        Shape::Map(entries, _) => Tree::Object(
            entries
                .iter()
                .map(|(k, v)| (k.clone(), expected(v)))
                .collect(),
        ),
    }
}

/// Flow style, on one line.
fn flow(shape: &Shape) -> String {
    match shape {
        Shape::Scalar(_, text) if text.starts_with("!Ref") => text.clone(),
        Shape::Scalar(_, text) => text.clone(),
        Shape::List(items, _) => format!(
            "[{}]",
            items.iter().map(flow).collect::<Vec<_>>().join(", ")
        ),
        Shape::Map(entries, _) => format!(
            "{{{}}}",
            entries
                .iter()
                .map(|(k, v)| format!("{k}: {}", flow(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Block style where the shape says so, at `indent`, as the value after `key:` or `- `.
fn block(shape: &Shape, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match shape {
        Shape::Scalar(..) => unreachable!(),
        Shape::List(items, _) => {
            for item in items {
                match item {
                    Shape::Scalar(_, text) => out.push_str(&format!("{pad}- {text}\n")),
                    Shape::List(_, true) | Shape::Map(_, true) => {
                        out.push_str(&format!("{pad}- {}\n", flow(item)))
                    }
                    _ => {
                        out.push_str(&format!("{pad}-\n"));
                        block(item, indent + 2, out);
                    }
                }
            }
        }
        Shape::Map(entries, _) => {
            for (key, value) in entries {
                match value {
                    Shape::Scalar(_, text) => out.push_str(&format!("{pad}{key}: {text}\n")),
                    Shape::List(_, true) | Shape::Map(_, true) => {
                        out.push_str(&format!("{pad}{key}: {}  # flow\n", flow(value)))
                    }
                    _ => {
                        out.push_str(&format!("{pad}{key}:\n"));
                        block(value, indent + 2, out);
                    }
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn generated_documents_read_as_written(shape in shape()) {
        let source = match &shape {
            Shape::Scalar(_, text) => format!("{text}\n"),
            _ => {
                let mut out = String::from("# generated\n");
                block(&shape, 0, &mut out);
                out
            }
        };
        let (tree, diagnostics) = ours(&source);
        let want = expected(&shape);
        let reference = oracle(&source);
        prop_assert!(diagnostics.is_empty(), "{source}\n{diagnostics:?}");
        prop_assert_eq!(tree.as_ref(), Some(&want), "{}", source);
        prop_assert_eq!(reference.as_ref(), Some(&want), "oracle: {}", source);
    }
}
