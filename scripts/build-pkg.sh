#!/usr/bin/env bash
# Builds the npm package in pkg/: the release .wasm, wasm-bindgen glue for Node (CommonJS) and
# for browsers (ES module, `--target web`), each .wasm shrunk by binaryen's wasm-opt from npm.
# Installs whatever is missing first; the output depends only on the sources and the pins.
# `--deps-only` installs and stops.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_wasm_target
ensure_nightly
ensure_wasm_bindgen
ensure_npm_ci "$ROOT/pkg"
if [ "${1:-}" = "--deps-only" ]; then
  exit 0
fi

cd "$ROOT"
dist="$ROOT/pkg/dist"

# The build is a function of these files alone (sources, manifests, pins and the steps below):
# when they are what the last build was made from, it stands, so that every part of `make test`
# can depend on `pkg` without building it again (issue 25).
inputs_hash() {
  git -C "$ROOT" ls-files -co --exclude-standard -- src Cargo.toml Cargo.lock \
    scripts/build-pkg.sh scripts/lib.sh scripts/write-types.mjs \
    | LC_ALL=C sort | while IFS= read -r file; do
      [ -f "$file" ] && printf '%s\n' "$file" && cat "$file"
    done | sha256sum | cut -d' ' -f1
}
stamp="$dist/.inputs"
hash="$(inputs_hash)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$hash" ] && [ -f "$dist/web/ecs_rollout_bg.wasm" ] \
  && [ -f "$dist/web/ecs_rollout_full_bg.wasm" ] && [ -f "$dist/node/ecs_rollout_bg.wasm" ]; then
  echo "pkg/dist is up to date with its sources"
  exit 0
fi
wasm_opt="$ROOT/pkg/node_modules/.bin/wasm-opt"

# The features Rust 1.95 enables by default for wasm32-unknown-unknown, and no others. wasm-opt
# runs after wasm-bindgen, which has read the `target_features` section by then, so it goes too.
features=(
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-reference-types --enable-multivalue
)
strip_flags=("${features[@]}" --strip-debug --strip-producers --strip-target-features)
# The browser's .wasm is shrunk as well: `--converge` repeats -Oz while it still shrinks the
# module (issue 23: about 0.6 KB gzipped). Node's is only stripped. Its load is what a command
# line, a pre-commit hook or the Action pays on every run, and V8 compiles each function on its
# first call, so the first `analyze()` pays for the code it runs: measured on issue 22's build,
# median of 41 fresh processes from import to the first analyze of the module's dev.tfvars,
# 30.8 ms after -Oz and 26.7 ms stripped only, for 1,934,304 and 2,028,221 bytes (733 and 741 KB
# gzipped) and a steady analyze 3 to 8% slower (97.6 against 101.2 µs on dev.tfvars).
# `--low-memory-unused` lets -Oz fold a constant added to an address into the load's or store's
# offset, which is exact unless the addition wraps past 2^32 into the first 1 KB of memory. Rust
# never forms such an address: rustc links wasm32 with the stack first, so a stack that
# overflows goes below zero and traps either way. It saved 2,453 bytes gzipped on the browser
# .wasm of issue 22 (287,311 without it, 284,858 with).
shrink_flags=("${features[@]}" -Oz --converge --low-memory-unused
  --strip-debug --strip-producers --strip-target-features)

# Node gets the command line too (for `npx ecs-rollout`) and every reader; browsers get the
# analyzer with all four readers (Portkey tfvars, Terraform, CloudFormation, the ECS API) within
# the product's 280 KB (286,720 bytes) gzipped budget for the browser .wasm with all four sources
# (scripts/check-size.sh). Measured gzipped on the browser .wasm for issue 20, with the schemas
# written out as data (below): 269,839 bytes with CloudFormation and the ECS API, 277,915 with
# Terraform too. A build that leaves a reader out answers its kind with `input-not-supported`.
WEB_FEATURES="terraform,cloudformation,ecs-api"
#
# Node's build is optimised for speed (the profile's opt-level 3) with the stable toolchain.
# The browser's is optimised for size, and built with the pinned nightly so that the standard
# library is compiled with it (-Zbuild-std) and a panic aborts at once instead of formatting
# a message (-Cpanic=immediate-abort; the core does not panic, and a panic traps the browser's
# instance either way). Measured on the browser .wasm with issues 12 and 15, the same sources
# and the same nightly, gzipped: 283.2 KB without these flags, 257.1 KB with them.
# Each function prints the path of the .wasm it built. Neither strips it: wasm-bindgen reads the
# `target_features` section that `strip = true` would remove; wasm-opt strips names and debug
# info afterwards instead.
build_node() {
  CARGO_PROFILE_RELEASE_STRIP=false \
    cargo build --quiet --release --target wasm32-unknown-unknown --lib
  echo "${CARGO_TARGET_DIR:-$ROOT/target}/wasm32-unknown-unknown/release/ecs_rollout.wasm"
}
# `build_web FEATURES` builds the browser's .wasm with those features. Both browser builds share
# one target directory: cargo keeps each feature set's artifacts apart, and the standard library
# and the dependencies are compiled once for both.
build_web() {
  local target_dir="${CARGO_TARGET_DIR:-$ROOT/target}/web"
  CARGO_PROFILE_RELEASE_STRIP=false CARGO_PROFILE_RELEASE_OPT_LEVEL=z \
    RUSTFLAGS="-Zlocation-detail=none -Zfmt-debug=shallow -Zunstable-options -Cpanic=immediate-abort" \
    cargo "+$NIGHTLY" build --quiet --release --target wasm32-unknown-unknown --lib \
    --no-default-features --features "$1" -Zbuild-std=std,panic_abort \
    --target-dir "$target_dir"
  echo "$target_dir/wasm32-unknown-unknown/release/ecs_rollout.wasm"
}
# `bind TARGET OUT_DIR NAME WASM`: the wasm-bindgen glue NAME.js and NAME_bg.wasm, stripped,
# and shrunk too for browsers.
bind() {
  wasm-bindgen --target "$1" --out-dir "$2" --out-name "$3" "$4"
  if [ "$1" = nodejs ]; then
    "$wasm_opt" "${strip_flags[@]}" "$2/$3_bg.wasm" -o "$2/$3_bg.wasm"
  else
    "$wasm_opt" "${shrink_flags[@]}" "$2/$3_bg.wasm" -o "$2/$3_bg.wasm"
  fi
}
rm -rf "$dist"
bind nodejs "$dist/node" ecs_rollout "$(build_node)"
bind web "$dist/web" ecs_rollout "$(build_web "$WEB_FEATURES")"
# The browser's second .wasm: the same analyzer with what the main one has no room for within its
# budget, `observed` (issue 26) and the language server's hover and completion (`lsp`, issue 22).
# The browser entry's `observed()`, `hover()` and `completions()` load it on their first call:
# the page for a deployment record, or for help in another source than the module's tfvars, so
# a page that needs neither never fetches it. It exports only those (`lazy-wasm`), so the main
# one's analyzer stays out of it, and scripts/check-size.sh holds it to the same budget.
bind web "$dist/web" ecs_rollout_full "$(build_web "$WEB_FEATURES,observed,lsp,lazy-wasm")"

# The package's types come from the Node build's declarations (generated from the Rust types).
node "$ROOT/scripts/write-types.mjs"
# Only the package's own index.d.ts is published; the glue's declarations are build input.
rm -f "$dist"/*/ecs_rollout*.d.ts

# The package is "type": "module"; the nodejs glue is CommonJS.
printf '{ "type": "commonjs" }\n' >"$dist/node/package.json"

# The browser build has no `schema()` or `policySchema()` (the `schemas` feature): their output is
# constant, so it is written once here from Node's build, for the browser entry to return.
node -e '
  const engine = require(process.argv[1]);
  const text = (value) => JSON.stringify(value);
  process.stdout.write("// Generated by scripts/build-pkg.sh from the Node build'"'"'s schema(), policySchema() and rules().\n"
    + "export const schema = " + text(engine.schema()) + ";\n"
    + "export const policySchema = " + text(engine.policySchema()) + ";\n"
    + "export const rules = " + text(engine.rules()) + ";\n");
' "$dist/node/ecs_rollout.js" >"$dist/web/schemas.js"

version="$(sed -n 's/^version *= *"\(.*\)"/\1/p' Cargo.toml | head -n 1)"
printf '// Generated by scripts/build-pkg.sh from Cargo.toml.\nexport const version = "%s";\n' \
  "$version" >"$dist/web/version.js"

printf '%s\n' "$hash" >"$stamp"
