#!/usr/bin/env bash
# Runs every fuzz target under libFuzzer for FUZZ_SECONDS each (`make fuzz`: 300), then prints
# how many inputs each one ran. With FUZZ_RUNS set (`make test` under CI), each target instead
# runs exactly that many inputs from a fresh corpus with a fixed seed (FUZZ_SEED, default 1),
# so that a red run is the same run on any machine with the pinned nightly (scripts/lib.sh).
# Installs that toolchain and cargo-fuzz when they are missing. If either cannot be installed,
# it says so and falls back to the stable-toolchain driver (tests/fuzz_stable.rs, release
# build, FUZZ_FALLBACK_ITERATIONS seeded mutations per target, default 4000 per second asked
# for), which runs the same target bodies without coverage guidance.
#
# The seed corpus is every fixture under tests/fixtures/ (behind option bytes for the targets
# that take them) plus the saved crashes in tests/fuzz_corpus/<target>/. What libFuzzer learns
# accumulates in fuzz/corpus/<target>/ (not committed); a crash lands in fuzz/artifacts/<target>/
# and fails the run.
#
# Usage: scripts/fuzz.sh [TARGET...]   (default: every target)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SECONDS_PER_TARGET="${FUZZ_SECONDS:-300}"
# The stable driver runs about 40,000 inputs a second in a release build; a tenth of that per
# second asked for keeps the fallback well within the time a libFuzzer run would take.
FALLBACK_ITERATIONS="${FUZZ_FALLBACK_ITERATIONS:-$((SECONDS_PER_TARGET * 4000))}"
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(analyze fix_roundtrip read_hcl read_json read_yaml)
# Option bytes for the targets that take them (see fuzz/src/common.rs): the defaults, and a
# policy with overrides and a failure. Octal escapes for printf.
DEFAULT_OPTIONS='\0\310\310\310\310\310\310\0\0'
POLICY_OPTIONS='\201\020\002\004\0\144\310\205\377'

ensure_fuzz_tools() {
  ensure_nightly || return 1
  if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "installing cargo-fuzz" >&2
    timeout 900 cargo install --quiet cargo-fuzz >&2 || return 1
  fi
}

stable_fallback() {
  echo "fuzz: libFuzzer is unavailable or FUZZ_STABLE is set (libFuzzer needs nightly and cargo-fuzz);" >&2
  echo "fuzz: running the stable driver instead: $FALLBACK_ITERATIONS seeded mutations per target" >&2
  cd "$ROOT"
  FUZZ_ITERATIONS="$FALLBACK_ITERATIONS" FUZZ_TARGETS="${TARGETS[*]}" \
    cargo test --quiet --release --test fuzz_stable -- --nocapture
}

seed_corpus() {
  local target="$1" dir="$ROOT/fuzz/seeds/$1" file i=0
  rm -rf "$dir"
  mkdir -p "$dir" "$ROOT/fuzz/corpus/$target"
  while IFS= read -r -d '' file; do
    i=$((i + 1))
    case "$target" in
      analyze | fix_roundtrip)
        { printf "$DEFAULT_OPTIONS"; cat "$file"; } >"$dir/fixture-$i"
        { printf "$POLICY_OPTIONS"; cat "$file"; } >"$dir/fixture-$i-policy"
        ;;
      *) cp "$file" "$dir/fixture-$i" ;;
    esac
  done < <(find "$ROOT/tests/fixtures" -type f -print0 | sort -z)
  if [ -d "$ROOT/tests/fuzz_corpus/$target" ]; then
    cp "$ROOT/tests/fuzz_corpus/$target"/* "$dir/" 2>/dev/null || true
  fi
}

# FUZZ_STABLE=1 asks for the stable driver even where libFuzzer could run.
if [ -n "${FUZZ_STABLE:-}" ] || ! ensure_fuzz_tools; then
  stable_fallback
  exit
fi

cd "$ROOT"
echo "fuzz: building the targets ($NIGHTLY, debug assertions on through fuzz/Cargo.toml)" >&2
cargo "+$NIGHTLY" fuzz build >&2

summary=()
status=0
for target in "${TARGETS[@]}"; do
  seed_corpus "$target"
  log="$ROOT/fuzz/artifacts/$target.log"
  mkdir -p "$ROOT/fuzz/artifacts/$target"
  corpus="fuzz/corpus/$target"
  if [ -n "${FUZZ_RUNS:-}" ]; then
    # A fixed sequence: no corpus from earlier runs, no time limit, no periodic re-reading of
    # the corpus directory (which depends on the clock).
    corpus="fuzz/fixed-corpus/$target"
    rm -rf "$corpus" && mkdir -p "$corpus"
    bound=(-runs="$FUZZ_RUNS" -seed="${FUZZ_SEED:-1}" -reload=0)
    echo "fuzz: $target for $FUZZ_RUNS inputs (seed ${FUZZ_SEED:-1})" >&2
  else
    bound=(-max_total_time="$SECONDS_PER_TARGET")
    echo "fuzz: $target for ${SECONDS_PER_TARGET}s" >&2
  fi
  # -timeout: one input taking 10 s is a hang; -max_len: as the stable driver's MAX_LEN.
  if cargo "+$NIGHTLY" fuzz run "$target" "$corpus" "fuzz/seeds/$target" -- \
    "${bound[@]}" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
    -print_final_stats=1 >"$log" 2>&1; then
    outcome="ok"
  else
    outcome="FAILED (see $log and fuzz/artifacts/$target/)"
    status=1
    tail -n 40 "$log" >&2
  fi
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
  summary+=("$(printf '%-14s %12s executions: %s' "$target" "${runs:-?}" "$outcome")")
done

echo "fuzz summary (libFuzzer):"
printf '  %s\n' "${summary[@]}"
if [ "$status" -ne 0 ]; then
  echo "fuzz: copy each crash input to tests/fuzz_corpus/<target>/ once fixed: it then runs in every cargo test" >&2
fi
exit "$status"
