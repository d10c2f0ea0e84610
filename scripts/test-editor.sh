#!/usr/bin/env bash
# The language server in a real editor: headless Neovim (tests/editor/neovim.lua) fixes a copy of
# tests/lsp_sessions/docs/canary.tfvars through the native server (`ecs-rollout lsp`) and then the
# npm one (`node pkg/bin/ecs-rollout.mjs lsp`); each transcript must equal
# tests/editor/neovim.expected. Needs target/release/ecs-rollout and pkg/ built (`make test-editor`
# builds both) and installs Neovim when missing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_neovim
cd "$ROOT"
native="$ROOT/target/release/ecs-rollout"
expected="$ROOT/tests/editor/neovim.expected"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

status=0
for server in native npm; do
  case "$server" in
    native) command="$native lsp" ;;
    npm) command="$(command -v node) $ROOT/pkg/bin/ecs-rollout.mjs lsp" ;;
  esac
  mkdir -p "$work/$server"
  cp "$ROOT/tests/lsp_sessions/docs/canary.tfvars" "$work/$server/canary.tfvars"
  transcript="$work/$server.transcript"
  if ! ECS_ROLLOUT_SERVER="$command" ECS_ROLLOUT_CLI="$native" \
    ECS_ROLLOUT_FILE="$work/$server/canary.tfvars" HOME="$work" \
    timeout 120 nvim --headless --clean -u NONE -i NONE -n \
    -c "luafile tests/editor/neovim.lua" >"$transcript" 2>"$work/$server.stderr"; then
    echo "neovim with the $server server failed:" >&2
    cat "$transcript" "$work/$server.stderr" >&2
    status=1
    continue
  fi
  if ! diff -u "$expected" "$transcript" >&2; then
    echo "neovim with the $server server: the transcript differs from tests/editor/neovim.expected" >&2
    status=1
    continue
  fi
  echo "neovim with the $server server: diagnostics, quick fix, save, clean"
done
exit "$status"
