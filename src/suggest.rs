//! "Did you mean …?": the known name closest to a misspelt one.
//!
//! Two tests, tried in order. First the edit distance: case-insensitive Damerau–Levenshtein
//! in its optimal-string-alignment form (insertions, deletions, substitutions and swaps of two
//! neighbours each cost 1), accepted when it is at most a third of the typed name's length
//! (at least 1) and smaller than both names. That catches `canary_precent` and
//! `enable_bluegreen`. When nothing is that close, the words between underscores: a name whose
//! words all appear, in order, among the other's (at least two shared words, no more extra
//! words than shared ones) catches `desired_count` for `desired_task_count` and
//! `gateway_desired_task_count` for `desired_task_count`. Ties go to the first candidate, so
//! results are deterministic. Names longer than [`MAX_NAME_CHARS`] are never compared, which
//! bounds the cost of one call by the number of candidates.

/// Names longer than this many characters get no suggestion and are never suggested.
pub const MAX_NAME_CHARS: usize = 200;

/// The candidate closest to `name`, if any is close enough to be a plausible typo.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let typed = Name::new(name)?;
    let threshold = (typed.chars.len() / 3).max(1);
    let mut rows = Rows::default();
    let mut by_distance: Option<(usize, &'a str)> = None;
    let mut by_words: Option<(usize, &'a str)> = None;
    for candidate_text in candidates {
        let Some(candidate) = Name::new(candidate_text) else {
            continue;
        };
        let shorter = typed.chars.len().min(candidate.chars.len());
        let limit = threshold.min(shorter.saturating_sub(1));
        if let Some(distance) = bounded_distance(&typed.chars, &candidate.chars, limit, &mut rows) {
            if by_distance.map_or(true, |(best, _)| distance < best) {
                by_distance = Some((distance, candidate_text));
            }
        }
        if let Some(extra_words) = word_match(&typed.words, &candidate.words) {
            if by_words.map_or(true, |(best, _)| extra_words < best) {
                by_words = Some((extra_words, candidate_text));
            }
        }
    }
    by_distance.or(by_words).map(|(_, candidate)| candidate)
}

/// A name prepared for comparison: lower-case characters and its words.
struct Name {
    chars: Vec<char>,
    words: Vec<String>,
}

impl Name {
    /// `None` for an empty name or one over [`MAX_NAME_CHARS`].
    fn new(text: &str) -> Option<Name> {
        if text.is_empty() || text.chars().nth(MAX_NAME_CHARS).is_some() {
            return None;
        }
        let lower = text.to_lowercase();
        let words = lower
            .split(|c: char| c == '_' || c == '-' || c == '.' || c.is_whitespace())
            .filter(|word| !word.is_empty())
            .map(str::to_string)
            .collect();
        Some(Name {
            chars: lower.chars().collect(),
            words,
        })
    }
}

/// Three rows of the distance table, kept between candidates to avoid reallocating.
#[derive(Default)]
struct Rows {
    before_previous: Vec<usize>,
    previous: Vec<usize>,
    current: Vec<usize>,
}

/// The optimal-string-alignment distance between `a` and `b`, or `None` when it exceeds `limit`.
///
/// Stops as soon as a whole row exceeds `limit`, since the distance can only grow from there.
fn bounded_distance(a: &[char], b: &[char], limit: usize, rows: &mut Rows) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let width = b.len() + 1;
    for row in [
        &mut rows.before_previous,
        &mut rows.previous,
        &mut rows.current,
    ] {
        row.clear();
        row.resize(width, 0);
    }
    for (column, cell) in rows.previous.iter_mut().enumerate() {
        *cell = column;
    }
    for i in 1..=a.len() {
        rows.current[0] = i;
        let mut row_minimum = i;
        for j in 1..width {
            let substitution = usize::from(a[i - 1] != b[j - 1]);
            let mut cost = (rows.previous[j] + 1)
                .min(rows.current[j - 1] + 1)
                .min(rows.previous[j - 1] + substitution);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cost = cost.min(rows.before_previous[j - 2] + 1);
            }
            rows.current[j] = cost;
            row_minimum = row_minimum.min(cost);
        }
        if row_minimum > limit {
            return None;
        }
        std::mem::swap(&mut rows.before_previous, &mut rows.previous);
        std::mem::swap(&mut rows.previous, &mut rows.current);
    }
    let distance = rows.previous[b.len()];
    (distance <= limit).then_some(distance)
}

/// How many words the longer name adds, when the shorter one's words appear in it in order.
///
/// Needs at least two shared words and no more extra words than shared ones, so that a single
/// common word such as `enable` or `config` never makes two names look alike.
fn word_match(typed: &[String], candidate: &[String]) -> Option<usize> {
    let (shorter, longer) = if typed.len() <= candidate.len() {
        (typed, candidate)
    } else {
        (candidate, typed)
    };
    let extra = longer.len() - shorter.len();
    if shorter.len() < 2 || extra == 0 || extra > shorter.len() {
        return None;
    }
    let mut remaining = longer.iter();
    let in_order = shorter
        .iter()
        .all(|word| remaining.any(|other| other == word));
    in_order.then_some(extra)
}
