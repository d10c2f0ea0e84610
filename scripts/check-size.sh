#!/usr/bin/env bash
# Fails loudly when a gzipped browser .wasm exceeds its budget (280 KB = 286720 bytes, the
# product definition's budget for the browser .wasm with all four sources): each dependency must
# pay for its bytes there. Both browser .wasm files are held to it: the main one, which every
# page load fetches, and the second one (`ecs_rollout_full`: `observed`, `hover`, `completions`),
# fetched only when a page needs it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
budget=286720
status=0
for name in ecs_rollout_bg ecs_rollout_full_bg; do
  wasm="$ROOT/pkg/dist/web/$name.wasm"
  if [ ! -f "$wasm" ]; then
    echo "error: $wasm is missing; run make pkg first" >&2
    exit 1
  fi
  raw=$(wc -c <"$wasm")
  gzipped=$(gzip -9 -c "$wasm" | wc -c)
  echo "$name.wasm: $raw bytes, $gzipped bytes gzipped (budget $budget)"
  if [ "$gzipped" -gt "$budget" ]; then
    echo "error: the gzipped $name.wasm is $gzipped bytes, over the budget of $budget bytes by $((gzipped - budget))" >&2
    status=1
  fi
done
exit "$status"
