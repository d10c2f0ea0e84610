//! Diagnostics as rustc-style code frames for a terminal or a log.
//!
//! Each diagnostic prints as a header (`error[code]: message`), an arrow to `file:line:column`,
//! the source lines it touches under a line-number gutter with a caret underline (`^` for the
//! diagnostic itself, `-` with a label for related places), and `= help:` / `= fix:` notes.
//! Lines and columns are 1-based and count characters. Tabs show as four spaces, East Asian
//! wide characters and emoji as two columns, control characters as `\u{FFFD}`, so the carets
//! line up in a terminal. Very long lines (minified JSON) show a window around the span. Colour
//! is ANSI escape codes, only when the caller asks for it.

use std::fmt::Write as _;

use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::position::{Encoding, LineIndex};

/// Source lines wider than this many columns show as a window around the span.
const MAX_LINE_WIDTH: usize = 100;

/// How many columns of context a window keeps before the first underlined character.
const WINDOW_LEAD: usize = 24;

/// How many diagnostics of each severity were printed, for the closing summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    /// Counts `diagnostics` on top of what is already counted.
    pub fn add(&mut self, diagnostics: &[Diagnostic]) {
        for diagnostic in diagnostics {
            match diagnostic.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }

    /// `2 errors, 1 warning`, or `no problems found`.
    pub fn summary(&self) -> String {
        let plural = |count: usize, word: &str| {
            if count == 1 {
                format!("1 {word}")
            } else {
                format!("{count} {word}s")
            }
        };
        let mut parts = Vec::new();
        if self.errors > 0 {
            parts.push(plural(self.errors, "error"));
        }
        if self.warnings > 0 {
            parts.push(plural(self.warnings, "warning"));
        }
        if self.infos > 0 {
            parts.push(format!("{} info", self.infos));
        }
        if parts.is_empty() {
            "no problems found".to_string()
        } else {
            parts.join(", ")
        }
    }
}

/// Every diagnostic of one file, each followed by a blank line; no summary.
pub fn render(file: &str, source: &str, diagnostics: &[Diagnostic], color: bool) -> String {
    let index = LineIndex::new(source);
    let mut out = String::new();
    for diagnostic in diagnostics {
        out.push_str(&render_diagnostic(file, source, &index, diagnostic, color));
        out.push('\n');
    }
    out
}

/// One diagnostic, ending with a newline.
pub fn render_diagnostic(
    file: &str,
    source: &str,
    index: &LineIndex,
    diagnostic: &Diagnostic,
    color: bool,
) -> String {
    let paint = Painter { color };
    let severity_style = match diagnostic.severity {
        Severity::Error => RED,
        Severity::Warning => YELLOW,
        Severity::Info => CYAN,
    };
    let labels = labels(source, index, diagnostic);
    let width = labels
        .iter()
        .map(|label| digits(label.line))
        .max()
        .unwrap_or(1);
    let pad = " ".repeat(width);

    let mut out = String::new();
    let header = format!(
        "{}[{}]",
        diagnostic.severity.as_str(),
        diagnostic.code.as_str()
    );
    let _ = writeln!(
        out,
        "{}{}",
        paint.paint(severity_style, &header),
        paint.paint(BOLD, &format!(": {}", diagnostic.message))
    );
    let location = match labels.iter().find(|label| label.primary) {
        Some(label) => format!("{file}:{}:{}", label.line, label.column),
        None => file.to_string(),
    };
    let _ = writeln!(out, "{pad}{} {location}", paint.paint(BLUE, "-->"));

    if !labels.is_empty() {
        let bar = paint.paint(BLUE, "|");
        let _ = writeln!(out, "{pad} {bar}");
        write_frame(
            &mut out,
            source,
            index,
            &labels,
            width,
            &paint,
            severity_style,
        );
        let _ = writeln!(out, "{pad} {bar}");
    }

    let mut notes: Vec<(&str, &str)> = Vec::new();
    if diagnostic.span.is_none() {
        if let Some(path) = &diagnostic.path {
            notes.push(("at", path));
        }
    }
    if let Some(help) = &diagnostic.help {
        notes.push(("help", help));
    }
    for fix in &diagnostic.fixes {
        notes.push(("fix", &fix.title));
    }
    for (kind, text) in notes {
        let lead = format!("{pad} = {kind}: ");
        let indent = " ".repeat(lead.chars().count());
        let mut lines = text.lines();
        let first = lines.next().unwrap_or("");
        let _ = writeln!(
            out,
            "{pad} {} {}",
            paint.paint(BLUE, "="),
            format!("{}: {first}", paint.paint(BOLD, kind)).trim_end()
        );
        for line in lines {
            let _ = writeln!(out, "{}", format!("{indent}{line}").trim_end());
        }
    }
    out
}

/// A place to underline: the diagnostic's own span or a related one.
struct Label {
    primary: bool,
    /// 1-based line and column (in chars) of the start.
    line: usize,
    column: usize,
    /// 0-based char indices into the line's text.
    start_char: usize,
    end_char: usize,
    message: Option<String>,
}

/// The labels of `diagnostic`, primary first, each confined to its first line.
fn labels(source: &str, index: &LineIndex, diagnostic: &Diagnostic) -> Vec<Label> {
    let mut labels = Vec::new();
    if let Some(span) = &diagnostic.span {
        labels.push(label(source, index, span, true, None));
    }
    for related in &diagnostic.related {
        labels.push(label(
            source,
            index,
            &related.span,
            false,
            Some(related.message.clone()),
        ));
    }
    labels
}

fn label(
    source: &str,
    index: &LineIndex,
    span: &Span,
    primary: bool,
    message: Option<String>,
) -> Label {
    let (start, end) = index.range(span, Encoding::Chars);
    let line_text = &source[index.line_span(start.line, source)];
    let line_chars = line_text.chars().count();
    // A span that ends right after a line break ends, for display, at the end of that line.
    let end_line = if end.line > start.line && end.column == 1 {
        end.line - 1
    } else {
        end.line
    };
    let start_char = (start.column - 1).min(line_chars);
    let (end_char, continues) = if end_line == start.line {
        let end_char = if end.line == start.line {
            end.column - 1
        } else {
            line_chars
        };
        (end_char.min(line_chars).max(start_char), None)
    } else {
        (line_chars.max(start_char), Some(end_line))
    };
    let message = match (message, continues) {
        (Some(text), Some(line)) => Some(format!("{text} (continues to line {line})")),
        (None, Some(line)) => Some(format!("continues to line {line}")),
        (text, None) => text,
    };
    Label {
        primary,
        line: start.line,
        column: start.column,
        start_char,
        end_char,
        message,
    }
}

/// The source lines under `labels`, each followed by its underlines.
fn write_frame(
    out: &mut String,
    source: &str,
    index: &LineIndex,
    labels: &[Label],
    width: usize,
    paint: &Painter,
    severity_style: &str,
) {
    let mut lines: Vec<usize> = labels.iter().map(|label| label.line).collect();
    lines.sort_unstable();
    lines.dedup();
    let pad = " ".repeat(width);
    let bar = paint.paint(BLUE, "|");
    let mut previous: Option<usize> = None;
    for &line in &lines {
        match previous {
            Some(before) if line == before + 2 => {
                write_source_line(out, source, index, before + 1, width, paint, None);
            }
            Some(before) if line > before + 2 => {
                let _ = writeln!(out, "{}", paint.paint(BLUE, "..."));
            }
            _ => {}
        }
        previous = Some(line);
        let mut on_line: Vec<&Label> = labels.iter().filter(|l| l.line == line).collect();
        on_line.sort_by_key(|label| (label.start_char, !label.primary));
        let focus = on_line.first().map_or(0, |label| label.start_char);
        let shown = write_source_line(out, source, index, line, width, paint, Some(focus));
        for label in on_line {
            let start = shown.column(label.start_char);
            let end = shown.column(label.end_char).max(start + 1);
            let (mark, style) = if label.primary {
                ("^", severity_style)
            } else {
                ("-", BLUE)
            };
            let mut underline = mark.repeat(end - start);
            if let Some(message) = &label.message {
                underline.push(' ');
                underline.push_str(message);
            }
            let _ = writeln!(
                out,
                "{pad} {bar} {}{}",
                " ".repeat(start),
                paint.paint(style, &underline)
            );
        }
    }
}

/// Writes one numbered source line and returns how its characters map to display columns.
fn write_source_line(
    out: &mut String,
    source: &str,
    index: &LineIndex,
    line: usize,
    width: usize,
    paint: &Painter,
    focus: Option<usize>,
) -> ShownLine {
    let text = &source[index.line_span(line, source)];
    let shown = ShownLine::new(text, focus.unwrap_or(0));
    let number = paint.paint(BLUE, &format!("{line:>width$} |"));
    if shown.text.is_empty() {
        let _ = writeln!(out, "{number}");
    } else {
        let _ = writeln!(out, "{number} {}", shown.text);
    }
    shown
}

/// A source line as displayed: possibly a window of it, with tabs and control characters
/// replaced, and the display column where each character starts.
struct ShownLine {
    text: String,
    /// `columns[i]`: the display column (0-based) where char `i` of the line starts; one more
    /// entry for the end of the line.
    columns: Vec<usize>,
}

impl ShownLine {
    fn new(line: &str, focus: usize) -> ShownLine {
        let pieces: Vec<(String, usize)> = line.chars().map(display_char).collect();
        let mut full = Vec::with_capacity(pieces.len() + 1);
        let mut column = 0;
        for (_, width) in &pieces {
            full.push(column);
            column += width;
        }
        full.push(column);
        if column <= MAX_LINE_WIDTH {
            let text = pieces.iter().map(|(text, _)| text.as_str()).collect();
            return ShownLine {
                text,
                columns: full,
            };
        }

        // Too wide: keep a window that starts a little before the focus.
        let focus = focus.min(pieces.len());
        let mut start = focus;
        while start > 0 && full[focus] - full[start - 1] <= WINDOW_LEAD {
            start -= 1;
        }
        let budget = MAX_LINE_WIDTH - 6;
        let mut end = start;
        while end < pieces.len() && full[end + 1] - full[start] <= budget {
            end += 1;
        }
        let lead = if start > 0 { "..." } else { "" };
        let tail = if end < pieces.len() { "..." } else { "" };
        let mut text = lead.to_string();
        text.extend(pieces[start..end].iter().map(|(text, _)| text.as_str()));
        text.push_str(tail);
        let columns = (0..full.len())
            .map(|i| lead.len() + full[i.clamp(start, end)] - full[start])
            .collect();
        ShownLine { text, columns }
    }

    /// The display column of char index `char_index`, clamped to the line.
    fn column(&self, char_index: usize) -> usize {
        let last = self.columns.len() - 1;
        self.columns[char_index.min(last)]
    }
}

/// How a character shows in a terminal, and how many columns it takes.
fn display_char(ch: char) -> (String, usize) {
    match ch {
        '\t' => ("    ".to_string(), 4),
        '\u{feff}' => (String::new(), 0),
        _ if ch.is_control() => ("\u{fffd}".to_string(), 1),
        _ => (ch.to_string(), char_width(ch)),
    }
}

/// Columns a printable character takes: 0 for combining marks and joiners, 2 for East Asian
/// wide characters and emoji, 1 otherwise. An approximation of Unicode's East Asian Width that
/// covers the characters configuration files meet, without a width table.
fn char_width(ch: char) -> usize {
    match ch {
        '\u{0300}'..='\u{036f}'
        | '\u{200b}'..='\u{200f}'
        | '\u{20d0}'..='\u{20ff}'
        | '\u{fe00}'..='\u{fe0f}'
        | '\u{e0100}'..='\u{e01ef}' => 0,
        '\u{1100}'..='\u{115f}'
        | '\u{2e80}'..='\u{303e}'
        | '\u{3041}'..='\u{33ff}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{a000}'..='\u{a4cf}'
        | '\u{ac00}'..='\u{d7a3}'
        | '\u{f900}'..='\u{faff}'
        | '\u{fe30}'..='\u{fe4f}'
        | '\u{ff00}'..='\u{ff60}'
        | '\u{ffe0}'..='\u{ffe6}'
        | '\u{1f300}'..='\u{1f64f}'
        | '\u{1f900}'..='\u{1f9ff}'
        | '\u{20000}'..='\u{3fffd}' => 2,
        _ => 1,
    }
}

fn digits(number: usize) -> usize {
    number.to_string().len()
}

const RED: &str = "\x1b[1;31m";
const YELLOW: &str = "\x1b[1;33m";
const CYAN: &str = "\x1b[1;36m";
const BLUE: &str = "\x1b[1;34m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// Wraps text in ANSI styles when colour is on.
struct Painter {
    color: bool,
}

impl Painter {
    fn paint(&self, style: &str, text: &str) -> String {
        if self.color && !text.is_empty() {
            format!("{style}{text}{RESET}")
        } else {
            text.to_string()
        }
    }
}
