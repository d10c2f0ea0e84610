//! Where the cursor is, for hover and completion: which object or list it is in, and whether an
//! attribute name or a value belongs there.
//!
//! Editors ask while the text is half typed, so this is a forgiving scan of the text before the
//! cursor rather than a parse: it follows braces, brackets, strings and comments of both HCL and
//! JSON and remembers the name each object or list was assigned to. A syntax error before the
//! cursor only makes the answer less precise, never fails.

/// What surrounds a byte offset.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Context {
    /// The names of the enclosing attributes, outermost first (empty at the top level).
    pub path: Vec<String>,
    /// The innermost bracket is a list (`[`), not an object.
    pub in_list: bool,
    /// An attribute name may be written here.
    pub expects_key: bool,
    /// The offset is inside a string literal; the byte after its opening quote.
    pub string_start: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bracket {
    Object,
    List,
}

/// The context at `offset` in `source` (clamped to the text, on a character boundary).
pub fn context_at(source: &str, offset: usize) -> Context {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let bytes = &source.as_bytes()[..offset];
    let mut frames: Vec<(Bracket, Option<String>)> = Vec::new();
    let mut expects_key = true;
    let mut last_name: Option<String> = None;
    let mut pending_name: Option<String> = None;
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        match byte {
            b'"' => {
                let start = i + 1;
                match string_end(bytes, start) {
                    StringEnd::Quote(end) => {
                        last_name = Some(String::from_utf8_lossy(&bytes[start..end]).into_owned());
                        i = end + 1;
                    }
                    // An unclosed string ends with its line, as HCL and JSON readers recover.
                    StringEnd::LineBreak(end) => i = end,
                    StringEnd::Cursor => return finish(frames, expects_key, Some(start)),
                }
                continue;
            }
            b'#' => i = line_end(bytes, i),
            b'/' if bytes.get(i + 1) == Some(&b'/') => i = line_end(bytes, i),
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = find(bytes, i + 2, b"*/").map_or(bytes.len(), |end| end + 2);
                continue;
            }
            b'=' | b':' => {
                pending_name = last_name.take();
                expects_key = false;
            }
            b'{' => {
                frames.push((Bracket::Object, pending_name.take()));
                expects_key = true;
            }
            b'[' => {
                frames.push((Bracket::List, pending_name.take()));
                expects_key = false;
            }
            b'}' | b']' => {
                frames.pop();
                expects_key = false;
                pending_name = None;
                last_name = None;
            }
            b',' | b'\n' => {
                let in_object = frames
                    .last()
                    .is_none_or(|(bracket, _)| *bracket == Bracket::Object);
                if in_object {
                    expects_key = true;
                    pending_name = None;
                }
            }
            _ if is_name_byte(byte) => {
                let start = i;
                while i < bytes.len() && is_name_byte(bytes[i]) {
                    i += 1;
                }
                last_name = Some(String::from_utf8_lossy(&bytes[start..i]).into_owned());
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    finish(frames, expects_key, None)
}

fn finish(
    frames: Vec<(Bracket, Option<String>)>,
    expects_key: bool,
    string_start: Option<usize>,
) -> Context {
    let in_list = frames
        .last()
        .is_some_and(|(bracket, _)| *bracket == Bracket::List);
    Context {
        path: frames.into_iter().filter_map(|(_, name)| name).collect(),
        in_list,
        expects_key: expects_key && !in_list,
        string_start,
    }
}

/// Whether `byte` can be part of an HCL identifier.
pub fn is_name_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'-'
}

/// How a string whose text starts at some offset ends before the cursor, if it does.
enum StringEnd {
    /// At this closing quote.
    Quote(usize),
    /// Unclosed, at this line break.
    LineBreak(usize),
    /// Not before the cursor: the cursor is inside the string.
    Cursor,
}

fn string_end(bytes: &[u8], start: usize) -> StringEnd {
    let mut i = start;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return StringEnd::Quote(i),
            b'\n' => return StringEnd::LineBreak(i),
            _ => i += 1,
        }
    }
    StringEnd::Cursor
}

fn line_end(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&byte| byte == b'\n')
        .map_or(bytes.len(), |at| from + at)
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|window| window == needle)
        .map(|at| from + at)
}
