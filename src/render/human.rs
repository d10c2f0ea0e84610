//! Diagnostics as rustc-style code frames for a terminal or a log.
//!
//! Each diagnostic prints as a header (`error[code]: message`), an arrow to `file:line:column`,
//! the source lines it touches under a line-number gutter with a caret underline (`^` for the
//! diagnostic itself, `-` with a label for related places), and `= help:` / `= fix:` notes.
//! Lines and columns are 1-based and count characters. Tabs show as four spaces, East Asian
//! wide characters and emoji as two columns, control characters as `\u{FFFD}`, so the carets
//! line up in a terminal. Very long lines (minified JSON) show a window around the span. Colour
//! is ANSI escape codes, only when the caller asks for it.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::rc::Rc;

use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::position::{Encoding, LineIndex};

/// Source lines wider than this many columns show as a window around the span.
const MAX_LINE_WIDTH: usize = 100;

/// How many columns of context a window keeps before the first underlined character.
const WINDOW_LEAD: usize = 24;

/// How many characters a window keeps at most on either side of its focus, whatever their width.
const MAX_WINDOW_CHARS: usize = 4 * MAX_LINE_WIDTH;

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
///
/// Each source line shown is measured once, however many diagnostics it carries (a minified
/// file may carry thousands on one line), and each diagnostic then costs the window it shows:
/// rendering takes time linear in the source and the output.
pub fn render(file: &str, source: &str, diagnostics: &[Diagnostic], color: bool) -> String {
    let index = LineIndex::new(source);
    let mut lines = Lines::new(source, &index);
    let mut out = String::new();
    for diagnostic in diagnostics {
        out.push_str(&diagnostic_frame(file, &mut lines, diagnostic, color));
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
    diagnostic_frame(file, &mut Lines::new(source, index), diagnostic, color)
}

/// The source lines shown so far, each measured once.
struct Lines<'a> {
    source: &'a str,
    index: &'a LineIndex,
    measured: HashMap<usize, Rc<Measured>>,
    /// How many bytes of source were measured, for tests: each line shown at most once.
    measured_bytes: usize,
}

/// One source line as measured for display.
struct Measured {
    /// `bytes[i]`: the byte offset in the line where char `i` starts; one more entry for the
    /// end of the line.
    bytes: Vec<u32>,
    /// `columns[i]`: the display column (0-based) where char `i` starts; one more entry for the
    /// end of the line.
    columns: Vec<u32>,
    /// The whole line as displayed, when it fits in [`MAX_LINE_WIDTH`] columns.
    whole: Option<String>,
}

impl Measured {
    fn chars(&self) -> usize {
        self.columns.len() - 1
    }

    fn column(&self, char_index: usize) -> usize {
        self.columns[char_index.min(self.chars())] as usize
    }
}

impl<'a> Lines<'a> {
    fn new(source: &'a str, index: &'a LineIndex) -> Lines<'a> {
        Lines {
            source,
            index,
            measured: HashMap::new(),
            measured_bytes: 0,
        }
    }

    /// The text of 1-based `line`, without its line break.
    fn text(&self, line: usize) -> &'a str {
        &self.source[self.index.line_span(line, self.source)]
    }

    /// 1-based `line` measured, once.
    fn measure(&mut self, line: usize) -> Rc<Measured> {
        let text = self.text(line);
        let measured_bytes = &mut self.measured_bytes;
        let measured = self.measured.entry(line).or_insert_with(|| {
            *measured_bytes += text.len();
            // Offsets fit in `u32`: the core reads at most `MAX_INPUT_BYTES`.
            let mut bytes = Vec::new();
            let mut columns = Vec::new();
            let mut column = 0usize;
            for (offset, ch) in text.char_indices() {
                bytes.push(offset as u32);
                columns.push(column as u32);
                column += display_char(ch).1;
            }
            bytes.push(text.len() as u32);
            columns.push(column as u32);
            let whole = (column <= MAX_LINE_WIDTH)
                .then(|| text.chars().map(|ch| display_char(ch).0).collect());
            Rc::new(Measured {
                bytes,
                columns,
                whole,
            })
        });
        Rc::clone(measured)
    }
}

/// One diagnostic, ending with a newline.
fn diagnostic_frame(
    file: &str,
    lines: &mut Lines<'_>,
    diagnostic: &Diagnostic,
    color: bool,
) -> String {
    let paint = Painter { color };
    let severity_style = match diagnostic.severity {
        Severity::Error => RED,
        Severity::Warning => YELLOW,
        Severity::Info => CYAN,
    };
    let labels = labels(lines, diagnostic);
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
        write_frame(&mut out, lines, &labels, width, &paint, severity_style);
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
fn labels(lines: &mut Lines<'_>, diagnostic: &Diagnostic) -> Vec<Label> {
    let mut labels = Vec::new();
    if let Some(span) = &diagnostic.span {
        labels.push(label(lines, span, true, None));
    }
    for related in &diagnostic.related {
        labels.push(label(
            lines,
            &related.span,
            false,
            Some(related.message.clone()),
        ));
    }
    labels
}

fn label(lines: &mut Lines<'_>, span: &Span, primary: bool, message: Option<String>) -> Label {
    let (start, end) = lines.index.range(span, Encoding::Chars);
    let line_chars = lines.measure(start.line).chars();
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
    lines_of: &mut Lines<'_>,
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
                write_source_line(out, lines_of, before + 1, width, paint, None);
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
        let shown = write_source_line(out, lines_of, line, width, paint, Some(focus));
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
    lines: &mut Lines<'_>,
    line: usize,
    width: usize,
    paint: &Painter,
    focus: Option<usize>,
) -> ShownLine {
    let shown = ShownLine::new(lines.text(line), lines.measure(line), focus.unwrap_or(0));
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
    measured: Rc<Measured>,
    /// The chars shown, `start..end`, and the width of the marker before them; the whole line
    /// when it fits.
    window: Option<(usize, usize, usize)>,
}

impl ShownLine {
    /// `line` (measured as `measured`) as shown around char index `focus`: only the window
    /// shown is read, never the whole line.
    fn new(line: &str, measured: Rc<Measured>, focus: usize) -> ShownLine {
        if let Some(whole) = &measured.whole {
            return ShownLine {
                text: whole.clone(),
                measured,
                window: None,
            };
        }

        // Too wide: keep a window that starts a little before the focus.
        let full = |i: usize| measured.columns[i] as usize;
        let chars = measured.chars();
        let focus = focus.min(chars);
        // Zero-width characters take no column: the window is bounded in characters too.
        let mut start = focus;
        while start > 0
            && focus - start < MAX_WINDOW_CHARS
            && full(focus) - full(start - 1) <= WINDOW_LEAD
        {
            start -= 1;
        }
        let budget = MAX_LINE_WIDTH - 6;
        let mut end = start;
        while end < chars
            && end - start < 2 * MAX_WINDOW_CHARS
            && full(end + 1) - full(start) <= budget
        {
            end += 1;
        }
        let lead = if start > 0 { "..." } else { "" };
        let tail = if end < chars { "..." } else { "" };
        let mut text = lead.to_string();
        let shown = &line[measured.bytes[start] as usize..measured.bytes[end] as usize];
        text.extend(shown.chars().map(|ch| display_char(ch).0));
        text.push_str(tail);
        ShownLine {
            text,
            measured,
            window: Some((start, end, lead.len())),
        }
    }

    /// The display column of char index `char_index`, clamped to the line.
    fn column(&self, char_index: usize) -> usize {
        match self.window {
            None => self.measured.column(char_index),
            Some((start, end, lead)) => {
                lead + self.measured.column(char_index.clamp(start, end))
                    - self.measured.column(start)
            }
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;

    /// A minified file: one line of `count` keys, each with a diagnostic.
    fn one_line(count: usize) -> (String, Vec<Diagnostic>) {
        let mut source = String::from("{");
        let mut diagnostics = Vec::new();
        for number in 0..count {
            if number > 0 {
                source.push(',');
            }
            let start = source.len() + 1;
            source.push_str(&format!("\"unknown_key_{number:05}\":{number}"));
            diagnostics.push(
                Diagnostic::new(Code::UnknownVariable, format!("key {number}"))
                    .at(start..start + 17),
            );
        }
        source.push('}');
        (source, diagnostics)
    }

    #[test]
    fn a_line_with_thousands_of_diagnostics_is_measured_once() {
        let (source, diagnostics) = one_line(6000);
        let index = LineIndex::new(&source);
        let mut lines = Lines::new(&source, &index);
        let mut out = String::new();
        for diagnostic in &diagnostics {
            out.push_str(&diagnostic_frame("f.json", &mut lines, diagnostic, false));
        }
        assert_eq!(lines.measured_bytes, source.len());
        // Every line printed is a window of the source line, never all of it.
        let widest = out.lines().map(|line| line.chars().count()).max().unwrap();
        assert!(widest <= MAX_LINE_WIDTH + 10, "{widest} columns");
    }

    #[test]
    fn windows_end_with_an_ellipsis_on_each_side_cut() {
        let (source, diagnostics) = one_line(200);
        let out = render("f.json", &source, &diagnostics[100..101], false);
        let shown = out.lines().find(|line| line.starts_with("1 | ")).unwrap();
        assert!(
            shown.starts_with("1 | ...") && shown.ends_with("..."),
            "{shown}"
        );
        assert!(shown.contains("unknown_key_00100"), "{shown}");
    }
}
