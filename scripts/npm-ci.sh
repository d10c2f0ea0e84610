#!/usr/bin/env bash
# `npm ci` in each DIR given, unless its node_modules already match its package-lock.json.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
for dir in "$@"; do
  ensure_npm_ci "$(cd "$dir" && pwd)"
done
