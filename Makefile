# Entry points for developers and CI. Every target installs what it needs (idempotently, quietly
# when already done): the wasm32 target, wasm-bindgen-cli at the version pinned in Cargo.toml,
# and npm packages with `npm ci` from committed lockfiles.

EXAMPLE ?= tests/fixtures/examples/production.tfvars
NPM_CI := scripts/npm-ci.sh

.PHONY: test lint cargo-test pkg pkg-test-deps test-pkg test-www www-test size bench check-example playground www

test: lint cargo-test pkg test-pkg size test-www

lint:
	cargo fmt --check
	cargo clippy --quiet --all-targets -- -D warnings
	scripts/build-pkg.sh --deps-only
	cargo clippy --quiet --target wasm32-unknown-unknown --lib -- -D warnings

# CI replays one fixed sequence of property-test cases so that a red run can be reproduced;
# locally every run explores new cases (failures are saved in tests/*.proptest-regressions).
cargo-test:
	$(if $(CI),PROPTEST_RNG_SEED=20261127) cargo test --quiet

# The npm package in pkg/: release .wasm, Node and browser glue, wasm-opt (binaryen from npm).
pkg:
	scripts/build-pkg.sh

pkg-test-deps:
	$(NPM_CI) pkg pkg/test/vite-app

test-pkg: pkg pkg-test-deps
	cd pkg && node --test test/*.test.mjs

size: pkg
	scripts/check-size.sh

bench: pkg
	$(NPM_CI) bench
	cargo build --quiet --release --example bench_native
	node bench/bench.mjs

check-example:
	cargo run --quiet --release -- check $(EXAMPLE)

# The playground: `www`, `playground`, `test-www` and `bench-www`.
include www/make.mk
