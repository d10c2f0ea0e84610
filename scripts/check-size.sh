#!/usr/bin/env bash
# Fails loudly when the gzipped browser .wasm (the analyzer without the command line) exceeds
# its budget (280 KB = 286720 bytes, the product definition's budget for the browser .wasm with
# all four sources): each dependency must pay for its bytes there.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
budget=286720
wasm="$ROOT/pkg/dist/web/ecs_rollout_bg.wasm"
if [ ! -f "$wasm" ]; then
  echo "error: $wasm is missing; run make pkg first" >&2
  exit 1
fi
raw=$(wc -c <"$wasm")
gzipped=$(gzip -9 -c "$wasm" | wc -c)
echo "ecs_rollout_bg.wasm: $raw bytes, $gzipped bytes gzipped (budget $budget)"
if [ "$gzipped" -gt "$budget" ]; then
  echo "error: the gzipped .wasm is $gzipped bytes, over the budget of $budget bytes by $((gzipped - budget))" >&2
  exit 1
fi

# The second browser .wasm (issue 26): the same analyzer with `observed`, fetched only when a text
# is a deployment record. It is not under the budget above, which is what every page load pays;
# its size is printed so that its growth is seen.
observed_wasm="$ROOT/pkg/dist/web/ecs_rollout_full_bg.wasm"
if [ ! -f "$observed_wasm" ]; then
  echo "error: $observed_wasm is missing; run make pkg first" >&2
  exit 1
fi
echo "ecs_rollout_full_bg.wasm (loaded only for a deployment record or for hover and completion outside the tfvars, outside the budget):" \
  "$(wc -c <"$observed_wasm") bytes, $(gzip -9 -c "$observed_wasm" | wc -c) bytes gzipped"
