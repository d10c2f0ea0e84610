#!/usr/bin/env bash
# Fails when a file the repository tracks (git ls-files) is a copy of a file under
# ../shared/corpus/real/ (issue 25): the corpus holds other people's files, to be read by the tests and
# never committed here. A file counts as a copy when its bytes are identical, or when both are
# the same once comment lines (`#` or `//` first), blank lines and all whitespace are removed, so
# that a copy with a header comment added or its indentation changed is still caught.
# Without ../shared/corpus/real/ beside the repository it says so and succeeds.
#
# Fast on purpose: each side is read once, corpus files are hashed (sha256sum) and normalised
# (awk) once, and the lookups are awk's hash tables; no process per file.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CORPUS_SHOWN="../shared/corpus/real"
CORPUS="$ROOT/$CORPUS_SHOWN"
cd "$ROOT"

if [ ! -d "$CORPUS" ]; then
  echo "check-no-corpus-copies: skipped, $CORPUS_SHOWN does not exist beside the repository"
  exit 0
fi

export LC_ALL=C
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The tracked files that exist in the work tree (a deletion not yet committed has none), named
# `./path` so that awk never takes a name with `=` for an assignment.
tracked=()
while IFS= read -r -d '' path; do
  if [ -f "$path" ]; then
    tracked+=("./$path")
  fi
done < <(git ls-files -z)

corpus=()
while IFS= read -r -d '' path; do
  corpus+=("$path")
done < <(cd "$ROOT" && find "$CORPUS_SHOWN/" -type f -print0 | sort -z)

if [ "${#corpus[@]}" -eq 0 ] || [ "${#tracked[@]}" -eq 0 ]; then
  echo "check-no-corpus-copies: nothing to compare"
  exit 0
fi

# One line per file: its normalised text (no whitespace is left in it, so a tab can follow),
# then its name. A file that is only comments and blank lines has no line: it proves nothing.
normalise() {
  awk '
    function flush() {
      if (name != "" && text != "") printf "%s\t%s\n", text, name
      text = ""
    }
    FILENAME != name { flush(); name = FILENAME }
    /^[[:space:]]*(#|\/\/)/ { next }
    { gsub(/[[:space:]]+/, ""); text = text $0 }
    END { flush() }
  ' "$@"
}

normalise "${corpus[@]}" >"$work/corpus.norm"
normalise "${tracked[@]}" >"$work/tracked.norm"
sha256sum -- "${corpus[@]}" >"$work/corpus.sha"
sha256sum -- "${tracked[@]}" >"$work/tracked.sha"

# Each tracked file that equals a corpus file: how (identical bytes, or identical once
# normalised) and which corpus files it equals.
awk -F '\t' '
  FILENAME ~ /corpus\.sha$/ {
    hash = substr($0, 1, 64); file = substr($0, 67)
    if (hash in exact) exact[hash] = exact[hash] " and " file; else exact[hash] = file
    next
  }
  FILENAME ~ /tracked\.sha$/ {
    hash = substr($0, 1, 64); file = substr($0, 69)
    if (hash in exact) { found[file] = "identical to " exact[hash] }
    next
  }
  FILENAME ~ /corpus\.norm$/ {
    if ($1 in same) same[$1] = same[$1] " and " $2; else same[$1] = $2
    next
  }
  FILENAME ~ /tracked\.norm$/ {
    file = substr($2, 3)
    if (!(file in found) && ($1 in same)) {
      found[file] = "the same as " same[$1] " once comments and whitespace are removed"
    }
  }
  END {
    count = 0
    for (file in found) { print file ": " found[file] | "sort"; count++ }
    close("sort")
    if (count > 0) {
      printf "check-no-corpus-copies: %d committed file(s) copy %s/; write the fixture yourself (facts carry over, files do not) and read the corpus from the tests instead\n", count, corpus > "/dev/stderr"
      exit 1
    }
  }
' corpus="$CORPUS_SHOWN" "$work/corpus.sha" "$work/tracked.sha" "$work/corpus.norm" "$work/tracked.norm" || exit 1

echo "check-no-corpus-copies: no committed file copies $CORPUS_SHOWN/ (${#tracked[@]} files against ${#corpus[@]})"
