#!/usr/bin/env bash
# Tests .pre-commit-hooks.yaml the way a user's repository meets it: `pre-commit try-repo` (from
# PyPI, pinned, in a venv under target/) runs the `ecs-rollout` hook of this repository in a
# temporary git repository holding good, broken and unrelated files. The hook must pass the good
# .tfvars and .tfvars.json files, fail on an error with the diagnostic shown, and never be given
# files it does not read.
#
# pre-commit builds the hook with `cargo install --path`; CARGO_TARGET_DIR points it at this
# repository's target/, so the release build `make native-release` left there is reused.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PRE_COMMIT_VERSION=4.7.0
venv="$ROOT/target/pre-commit-venv"
export PRE_COMMIT_HOME="$ROOT/target/pre-commit-home"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"

ensure_pip_tool "$venv" pre-commit "$PRE_COMMIT_VERSION" pre-commit

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cases="$ROOT/tests/diff_cases"
cp "$cases/exposure-change/after.tfvars" "$work/prod.tfvars"
cp "$cases/hcl-vs-json/after.tfvars.json" "$work/staging.tfvars.json"
cp "$cases/new-error/after.tfvars" "$work/broken.tfvars"
printf 'resource "x" "y" {\n  this is = not tfvars\n' >"$work/main.tf"
printf '{ "not": "tfvars", ' >"$work/package.json"
git -C "$work" init --quiet
git -C "$work" add .

failures=0
# try_hook NAME EXPECTED_EXIT PATTERN [ANTI_PATTERN] -- ARGS...: runs try-repo with ARGS, checks the
# exit status, that the output matches PATTERN and, when given, does not match ANTI_PATTERN.
try_hook() {
  local name="$1" expected="$2" pattern="$3" anti="$4"
  shift 5
  local output status=0
  output="$(cd "$work" && "$venv/bin/pre-commit" try-repo "$ROOT" ecs-rollout --color never "$@" 2>&1)" || status=$?
  if [ "$status" -ne "$expected" ] || ! grep -qE -- "$pattern" <<<"$output" \
    || { [ -n "$anti" ] && grep -qE -- "$anti" <<<"$output"; }; then
    echo "not ok - $name (exit $status, expected $expected)"
    sed 's/^/    /' <<<"$output"
    failures=$((failures + 1))
  else
    echo "ok - $name"
  fi
}

try_hook "good .tfvars and .tfvars.json files pass" 0 '^ecs-rollout\.+Passed' '' -- \
  --files prod.tfvars staging.tfvars.json
try_hook "an error fails the commit and is shown" 1 'error\[unknown-lifecycle-stage\]' '' -- \
  --files broken.tfvars
try_hook "files it does not read are skipped" 0 '^ecs-rollout\.+\(no files to check\)Skipped' '' -- \
  --files main.tf package.json
try_hook "every matching file is checked, and only those" 1 '--> broken\.tfvars:' 'main\.tf|package\.json' -- \
  --all-files

if [ "$failures" -ne 0 ]; then
  echo "$failures pre-commit hook test(s) failed" >&2
  exit 1
fi
echo "pre-commit hook: all tests passed"
