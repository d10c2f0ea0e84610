#!/usr/bin/env bash
# Installs cfn-lint (from PyPI, pinned, in a venv under target/) for the tests that compare the
# schema checks with it (tests/cfn_lint.rs, tests/realworld.rs), and prints its path. Its
# resource schemas are the ones AWS publishes, which src/service/schema.rs was written from.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CFN_LINT_VERSION=1.58.0
venv="$ROOT/target/cfn-lint-venv"
ensure_pip_tool "$venv" cfn-lint "$CFN_LINT_VERSION" cfn-lint
echo "$venv/bin/cfn-lint"
