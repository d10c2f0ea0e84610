#!/usr/bin/env bash
# Runs each part of `make test` in turn (`make PART`), then prints how long each took, so that
# where the time goes is on every run's last lines (issue 25). A part that fails stops the run
# with its exit status, after the times so far.
set -uo pipefail

make_cmd="${MAKE:-make}"
names=()
seconds=()

summary() {
  echo
  echo "make test: time per part"
  local total=0
  for index in "${!names[@]}"; do
    printf '  %-16s %5d s\n' "${names[$index]}" "${seconds[$index]}"
    total=$((total + seconds[index]))
  done
  printf '  %-16s %5d s\n' "total" "$total"
}

for part in "$@"; do
  started=$(date +%s)
  "$make_cmd" --no-print-directory "$part"
  status=$?
  names+=("$part")
  seconds+=($(($(date +%s) - started)))
  if [ "$status" -ne 0 ]; then
    summary
    echo "make test: \`$part\` failed (exit $status)"
    exit "$status"
  fi
done
summary
