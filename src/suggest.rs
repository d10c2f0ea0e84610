//! "Did you mean …?": the known name closest to a misspelt one.
//!
//! Two measures. First the edit distance: case-insensitive Damerau–Levenshtein
//! in its optimal-string-alignment form (insertions, deletions, substitutions and swaps of two
//! neighbours each cost 1), accepted when it is at most a quarter of the typed name's length
//! (at least 1) and smaller than both names. Then the words between underscores: the shorter
//! name's words must all match words of the longer one, in order, exactly or as a prefix of at
//! least three letters (at least two words, no more extra words than matched ones).
//!
//! A candidate one edit away wins (`canary_precent`, `enable_bluegreen`). Otherwise the best
//! word match wins, fewest extra words first, then fewest shortened ones (`desired_count` for
//! `desired_task_count`, `PRE_PROD_TRAFFIC_SHIFT` for `PRE_PRODUCTION_TRAFFIC_SHIFT`, and
//! `PRE_TEST_TRAFFIC_SHIFT` for `TEST_TRAFFIC_SHIFT` rather than the nearer-by-letters
//! `POST_TEST_TRAFFIC_SHIFT`). Otherwise the smallest edit distance within the limit wins.
//! Ties go to the first candidate, so results are deterministic. Names longer than
//! [`MAX_NAME_CHARS`] are never compared, which bounds the cost of one call by the number of
//! candidates.

/// Names longer than this many characters get no suggestion and are never suggested.
pub const MAX_NAME_CHARS: usize = 200;

/// The candidate closest to `name`, if any is close enough to be a plausible typo.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    Candidates::new(candidates).closest(name)
}

/// Candidate names prepared once (lower-cased and split into words), for a list that many
/// names are compared with: a file of thousands of unknown variables asks the same question of
/// the module's variables thousands of times.
pub struct Candidates<'a> {
    names: Vec<(&'a str, Name)>,
}

impl<'a> Candidates<'a> {
    pub fn new(candidates: impl IntoIterator<Item = &'a str>) -> Candidates<'a> {
        let names = candidates
            .into_iter()
            .filter_map(|text| Some((text, Name::new(text)?)))
            .collect();
        Candidates { names }
    }

    /// The candidate closest to `name`, as [`closest`] says.
    pub fn closest(&self, name: &str) -> Option<&'a str> {
        let typed = Name::new(name)?;
        let threshold = (typed.chars.len() / 4).max(1);
        let mut rows = Rows::default();
        let mut by_distance: Option<(usize, &'a str)> = None;
        let mut by_words: Option<(WordDifference, &'a str)> = None;
        for (candidate_text, candidate) in &self.names {
            if let Some(difference) = word_difference(&typed.words, &candidate.words) {
                if by_words.is_none_or(|(best, _)| difference < best) {
                    by_words = Some((difference, *candidate_text));
                }
            }
        }
        // The distance only decides when it is at most 1 if the words found a candidate, and a
        // later candidate only wins with a smaller one: no table needs to go further.
        let mut cap = if by_words.is_some() { 1 } else { threshold };
        for (candidate_text, candidate) in &self.names {
            let candidate_text: &'a str = candidate_text;
            let shorter = typed.chars.len().min(candidate.chars.len());
            let limit = threshold.min(shorter.saturating_sub(1)).min(cap);
            if typed.chars.len().abs_diff(candidate.chars.len()) > limit
                || typed.letters.distance_at_least(&candidate.letters) > limit
            {
                continue;
            }
            if let Some(distance) =
                bounded_distance(&typed.chars, &candidate.chars, limit, &mut rows)
            {
                if by_distance.is_none_or(|(best, _)| distance < best) {
                    by_distance = Some((distance, candidate_text));
                    match distance.checked_sub(1) {
                        Some(smaller) => cap = smaller,
                        None => break,
                    }
                }
            }
        }
        match (by_distance, by_words) {
            (Some((distance, candidate)), _) if distance <= 1 => Some(candidate),
            (_, Some((_, candidate))) => Some(candidate),
            (by_distance, None) => by_distance.map(|(_, candidate)| candidate),
        }
    }
}

/// A name prepared for comparison: lower-case characters, how many of each it has, and its
/// words.
struct Name {
    chars: Vec<char>,
    letters: Letters,
    words: Vec<String>,
}

/// How many characters of each of 64 classes a name has (a character's class is its code
/// modulo 64, which keeps the letters, digits, `_`, `-` and `.` apart).
struct Letters {
    counts: [u8; 64],
    total: usize,
}

impl Letters {
    fn new(chars: &[char]) -> Letters {
        let mut counts = [0u8; 64];
        for &c in chars {
            let count = &mut counts[c as usize % 64];
            *count = count.saturating_add(1);
        }
        Letters {
            counts,
            total: chars.len(),
        }
    }

    /// A lower bound of the edit distance between the two names: the characters one has more
    /// of than the other, by class (an insertion, deletion or substitution changes that by at
    /// most one, a swap not at all; counting characters of one class together can only make
    /// the bound smaller). With `d` the differences per class, one side's excess is
    /// `(sum |d| + length difference) / 2`.
    fn distance_at_least(&self, other: &Letters) -> usize {
        // At most 64 × 255 apart, so a `u16` holds the sum (and the compiler vectorises it).
        let apart = self
            .counts
            .iter()
            .zip(&other.counts)
            .fold(0u16, |sum, (a, b)| {
                sum.wrapping_add(u16::from(a.abs_diff(*b)))
            });
        (usize::from(apart) + self.total.abs_diff(other.total)) / 2
    }
}

impl Name {
    /// `None` for an empty name or one over [`MAX_NAME_CHARS`].
    fn new(text: &str) -> Option<Name> {
        if text.is_empty() || text.chars().nth(MAX_NAME_CHARS).is_some() {
            return None;
        }
        let lower = text.to_ascii_lowercase();
        let words = lower
            .split(|c: char| c == '_' || c == '-' || c == '.' || c.is_ascii_whitespace())
            .filter(|word| !word.is_empty())
            .map(str::to_string)
            .collect();
        let chars: Vec<char> = lower.chars().collect();
        Some(Name {
            letters: Letters::new(&chars),
            chars,
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
/// Only the cells at most `limit` from the diagonal are computed (a cell further away costs
/// more than `limit`; those read next to the band count as `limit + 1`), and it stops as soon
/// as a whole row exceeds `limit`, since the distance can only grow from there.
fn bounded_distance(a: &[char], b: &[char], limit: usize, rows: &mut Rows) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let over = limit + 1;
    let width = b.len() + 1;
    for row in [
        &mut rows.before_previous,
        &mut rows.previous,
        &mut rows.current,
    ] {
        row.clear();
        row.resize(width, over);
    }
    for (column, cell) in rows.previous.iter_mut().enumerate().take(over) {
        *cell = column;
    }
    for i in 1..=a.len() {
        let first = i.saturating_sub(limit).max(1);
        let last = (i + limit).min(b.len());
        rows.current[0] = i.min(over);
        if first > 1 {
            rows.current[first - 1] = over;
        }
        let mut row_minimum = rows.current[0];
        for j in first..=last {
            let substitution = usize::from(a[i - 1] != b[j - 1]);
            let mut cost = (rows.previous[j] + 1)
                .min(rows.current[j - 1] + 1)
                .min(rows.previous[j - 1] + substitution);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cost = cost.min(rows.before_previous[j - 2] + 1);
            }
            let cost = cost.min(over);
            rows.current[j] = cost;
            row_minimum = row_minimum.min(cost);
        }
        if last < b.len() {
            rows.current[last + 1] = over;
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

/// How far apart two names are word by word: extra words first, then words matched only as
/// a prefix (`prod` for `production`, `config` for `configuration`).
type WordDifference = (usize, usize);

/// The word difference between two names, when the shorter one's words all match words of
/// the longer one, in order.
///
/// Needs at least two words in the shorter name and no more extra words than it has, so
/// that a single common word such as `enable` or `config` never makes two names look alike.
fn word_difference(typed: &[String], candidate: &[String]) -> Option<WordDifference> {
    let (shorter, longer) = if typed.len() <= candidate.len() {
        (typed, candidate)
    } else {
        (candidate, typed)
    };
    let extra = longer.len() - shorter.len();
    if shorter.len() < 2 || extra > shorter.len() {
        return None;
    }
    let mut prefix_matches = 0;
    let mut remaining = longer.iter();
    for word in shorter {
        let matched = remaining.find(|other| words_match(word, other))?;
        if matched != word {
            prefix_matches += 1;
        }
    }
    Some((extra, prefix_matches))
}

/// Equal words, or a word of at least three letters that begins the other.
fn words_match(a: &str, b: &str) -> bool {
    // Most words differ in their first letter, which is cheaper to see than to compare them.
    if a.as_bytes().first() != b.as_bytes().first() {
        return false;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short == long || (short.len() >= 3 && long.starts_with(short))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{bounded_distance, Rows};

    /// The optimal-string-alignment distance by its textbook definition, with the full table.
    fn full_table_distance(a: &[char], b: &[char]) -> usize {
        let mut table = vec![vec![0; b.len() + 1]; a.len() + 1];
        for (i, row) in table.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in table[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let substitution = usize::from(a[i - 1] != b[j - 1]);
                table[i][j] = (table[i - 1][j] + 1)
                    .min(table[i][j - 1] + 1)
                    .min(table[i - 1][j - 1] + substitution);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    table[i][j] = table[i][j].min(table[i - 2][j - 2] + 1);
                }
            }
        }
        table[a.len()][b.len()]
    }

    #[test]
    fn known_distances() {
        let table = [
            ("", "", 0),
            ("abc", "", 3),
            ("canary_precent", "canary_percent", 1),
            ("ca", "abc", 3),
            ("kitten", "sitting", 3),
            ("enable_bluegreen", "enable_blue_green", 1),
        ];
        for (a, b, expected) in table {
            let a: Vec<char> = a.chars().collect();
            let b: Vec<char> = b.chars().collect();
            let distance = bounded_distance(&a, &b, 10, &mut Rows::default());
            assert_eq!(distance, Some(expected), "{a:?} {b:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn the_bounded_distance_agrees_with_the_full_table(
            a in "[abc_]{0,12}",
            b in "[abc_]{0,12}",
            limit in 0usize..8,
        ) {
            let a: Vec<char> = a.chars().collect();
            let b: Vec<char> = b.chars().collect();
            let exact = full_table_distance(&a, &b);
            let bounded = bounded_distance(&a, &b, limit, &mut Rows::default());
            prop_assert_eq!(bounded, (exact <= limit).then_some(exact));
        }
    }
}
