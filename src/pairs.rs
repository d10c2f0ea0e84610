//! Sorting and finding texts as pairs of numbers, for the fix checking (`analysis.rs`) and the
//! type checker's suggestions (`typecheck.rs`): one heapsort of `(usize, usize)` pairs costs the
//! browser's `.wasm` a few hundred bytes where each instance of the standard library's sorts, hash
//! maps and B-trees cost some thousands (issue 23).

/// Sorts pairs of numbers, in place: a heapsort, a few hundred bytes of the browser's .wasm
/// where the standard library's sorts cost some thousands for each type they sort. Every sort of
/// the fix checking and of `typecheck`'s suggestions is of such pairs, through this one.
pub(crate) fn sort_pairs(pairs: &mut [(usize, usize)]) {
    fn sift_down(pairs: &mut [(usize, usize)], mut root: usize, end: usize) {
        loop {
            let mut child = 2 * root + 1;
            if child >= end {
                return;
            }
            if child + 1 < end && pairs[child] < pairs[child + 1] {
                child += 1;
            }
            if pairs[root] >= pairs[child] {
                return;
            }
            pairs.swap(root, child);
            root = child;
        }
    }
    let length = pairs.len();
    for root in (0..length / 2).rev() {
        sift_down(pairs, root, length);
    }
    for end in (1..length).rev() {
        pairs.swap(0, end);
        sift_down(pairs, 0, end);
    }
}

/// A number standing for `text`, to sort and find texts by as pairs of numbers (equal texts
/// have equal numbers; unequal ones almost never do).
pub(crate) fn fingerprint(text: &str) -> usize {
    // FNV-1a.
    text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    }) as usize
}

/// For each of `keys`, the index of the first key equal to it (its own index when it is the
/// first): in `O(n log n)` through fingerprints, without a hash map (issue 23). Keys whose
/// fingerprints collide but differ are told apart by comparing them.
pub(crate) fn first_of_equal(keys: &[&str]) -> Vec<usize> {
    let mut order: Vec<(usize, usize)> = keys
        .iter()
        .enumerate()
        .map(|(index, key)| (fingerprint(key), index))
        .collect();
    sort_pairs(&mut order);
    let mut first: Vec<usize> = (0..keys.len()).collect();
    let mut start = 0;
    let mut distinct: Vec<usize> = Vec::new();
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && order[end].0 == order[start].0 {
            end += 1;
        }
        // One fingerprint, in index order: each key's first equal is the earliest of the
        // distinct keys met so far in the group (one, unless fingerprints collide).
        distinct.clear();
        for &(_, index) in &order[start..end] {
            match distinct.iter().find(|&&seen| keys[seen] == keys[index]) {
                Some(&seen) => first[index] = seen,
                None => distinct.push(index),
            }
        }
        start = end;
    }
    first
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_of_equal_points_at_the_first_equal_key() {
        let keys = ["a", "b", "a", "c", "b", "a", ""];
        assert_eq!(first_of_equal(&keys), [0, 1, 0, 3, 1, 0, 6]);
        assert_eq!(first_of_equal(&[]), Vec::<usize>::new());
    }

    /// The heapsort orders pairs as the standard library's sort does, for any length.
    #[test]
    fn sort_pairs_sorts() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for length in 0..200 {
            let mut pairs: Vec<(usize, usize)> = (0..length)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    ((state % 7) as usize, (state >> 32) as usize % 5)
                })
                .collect();
            let mut expected = pairs.clone();
            expected.sort_unstable();
            sort_pairs(&mut pairs);
            assert_eq!(pairs, expected);
        }
    }
}
