# Shared helpers for the build scripts: idempotent, quiet installs of the tools `pkg/` needs.
# Sourced, not run. Every function does nothing (and prints nothing) when its tool is ready.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# The wasm-bindgen version pinned (with `=`) in Cargo.toml; the CLI must match it exactly.
pinned_wasm_bindgen_version() {
  sed -n 's/^wasm-bindgen *= *"=\([0-9.]*\)".*/\1/p' "$ROOT/Cargo.toml" | head -n 1
}

# The one nightly toolchain the project uses, pinned by date so that its unstable flags mean the
# same on every machine: libFuzzer (cargo-fuzz) and the browser's .wasm (`-Zbuild-std`, which
# compiles the standard library from rust-src for size; scripts/build-pkg.sh).
NIGHTLY=nightly-2026-05-20

# Installs $NIGHTLY (minimal profile, with rust-src) when missing. Bounded, so that a machine
# whose network cannot reach rustup's servers fails quickly; returns 1 then.
ensure_nightly() {
  if rustup run "$NIGHTLY" rustc --version >/dev/null 2>&1 &&
    [ -d "$(rustup run "$NIGHTLY" rustc --print sysroot)/lib/rustlib/src/rust/library" ]; then
    return 0
  fi
  echo "installing the $NIGHTLY toolchain (minimal profile, rust-src)" >&2
  timeout 600 rustup toolchain install "$NIGHTLY" --profile minimal --component rust-src >&2
}

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    echo "installing the wasm32-unknown-unknown target" >&2
    rustup target add wasm32-unknown-unknown >&2
  fi
}

ensure_wasm_bindgen() {
  local want have
  want="$(pinned_wasm_bindgen_version)"
  if [ -z "$want" ]; then
    echo "error: no exact wasm-bindgen pin (wasm-bindgen = \"=X.Y.Z\") in Cargo.toml" >&2
    return 1
  fi
  have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
  if [ "$have" != "$want" ]; then
    echo "installing wasm-bindgen-cli $want (found: ${have:-none})" >&2
    cargo install --quiet wasm-bindgen-cli --version "$want" >&2
  fi
}

# `npm ci` in DIR unless its node_modules already match its package-lock.json.
ensure_npm_ci() {
  local dir="$1"
  local stamp="$dir/node_modules/.ecs-rollout-lock-stamp"
  if [ -f "$stamp" ] && cmp -s "$dir/package-lock.json" "$stamp"; then
    return 0
  fi
  echo "npm ci in ${dir#"$ROOT"/}" >&2
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >&2)
  cp "$dir/package-lock.json" "$stamp"
}

# Neovim, whose built-in LSP client drives the language server in `make test-editor`: Debian's
# package (0.7 or later), installed with apt-get when missing (as root, or through sudo).
ensure_neovim() {
  if command -v nvim >/dev/null 2>&1; then
    return 0
  fi
  echo "installing neovim" >&2
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    sudo=(sudo)
  fi
  "${sudo[@]}" apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq neovim >&2
}

# Installs PACKAGE==VERSION from PyPI into the virtual environment VENV (under target/), unless
# VENV/bin/COMMAND --version already prints "COMMAND VERSION"; python3-venv comes from apt-get
# when python3 cannot make one. The pinned tools of the tests and lints (pre-commit, zizmor).
ensure_pip_tool() {
  local venv="$1" package="$2" version="$3" command="$4"
  if [ "$("$venv/bin/$command" --version 2>/dev/null)" = "$command $version" ]; then
    return 0
  fi
  if ! python3 -m venv --clear "$venv" >/dev/null 2>&1; then
    echo "installing python3-venv" >&2
    apt-get update -qq >&2 && apt-get install -y -qq python3-venv >&2
    python3 -m venv --clear "$venv"
  fi
  echo "installing $package $version" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check "$package==$version" >&2
}
