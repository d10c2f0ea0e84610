# Entry points for developers and CI. Every target installs what it needs (idempotently, quietly
# when already done): the wasm32 target, wasm-bindgen-cli at the version pinned in Cargo.toml,
# and npm packages with `npm ci` from committed lockfiles.

EXAMPLE ?= tests/fixtures/examples/production.tfvars
NPM_CI := scripts/npm-ci.sh

.PHONY: test lint cargo-test test-realworld pkg pkg-test-deps test-pkg test-editor test-action test-pre-commit test-www www-test size bench check-example playground www

# Every part in turn, the browser tests last; the run closes on the time each part took
# (scripts/timed-parts.sh), and a failing part stops it with its status.
TEST_PARTS := lint cargo-test fuzz-short pkg test-pkg test-editor test-action test-pre-commit size test-www
test:
	@scripts/timed-parts.sh $(TEST_PARTS)

# The first step fails when a committed file copies one of ../shared/corpus/real/ (issue 25).
lint:
	scripts/check-no-corpus-copies.sh
	cargo fmt --check
	cargo clippy --quiet --all-targets -- -D warnings
	scripts/build-pkg.sh --deps-only
	cargo clippy --quiet --target wasm32-unknown-unknown --lib -- -D warnings
	scripts/lint-action.sh

# CI replays one fixed sequence of property-test cases so that a red run can be reproduced;
# locally every run explores new cases (failures are saved in tests/*.proptest-regressions).
# The schema checks are compared with cfn-lint (tests/cfn_lint.rs, tests/realworld.rs), pinned
# and installed into target/cfn-lint-venv by scripts/install-cfn-lint.sh.
cargo-test:
	CFN_LINT="$$(scripts/install-cfn-lint.sh)" $(if $(CI),PROPTEST_RNG_SEED=20261127) cargo test --quiet

# Real files from other projects, read from ../shared/corpus/real/ when it is there (each test
# skips with a message otherwise; `cargo test` in cargo-test runs them too, and so does
# pkg/test/realworld.test.mjs for the npm package).
test-realworld:
	CFN_LINT="$$(scripts/install-cfn-lint.sh)" cargo test --quiet --test realworld

# The npm package in pkg/: release .wasm, Node and browser glue, wasm-opt (binaryen from npm).
pkg:
	scripts/build-pkg.sh

pkg-test-deps:
	$(NPM_CI) pkg pkg/test/vite-app

test-pkg: pkg pkg-test-deps
	cd pkg && node --test test/*.test.mjs

# The language server in a real editor: headless Neovim (installed with apt-get when missing)
# fixes a file through the native server and the npm one (scripts/test-editor.sh).
test-editor: native-release pkg
	scripts/test-editor.sh

# The GitHub Action's script (action/run.mjs) against temporary git repositories, with the
# package built in pkg/ that the action ships, and zizmor (pinned, installed into
# target/zizmor-venv) on action.yml and the workflow README.md documents.
test-action: pkg
	node --test action/test/

# The pre-commit hook through `pre-commit try-repo` (pinned, installed into target/pre-commit-venv);
# pre-commit's `cargo install` reuses the release build in target/.
test-pre-commit: native-release
	scripts/test-pre-commit.sh

size: pkg
	scripts/check-size.sh

bench: pkg
	$(NPM_CI) bench
	cargo build --quiet --release --bin ecs-rollout --example bench_native
	node bench/bench.mjs
	@echo "language server, per didChange of a 12 KB file (analyse + publishDiagnostics), native:"
	@cargo run --quiet --release --example bench_lsp

check-example:
	cargo run --quiet --release -- check $(EXAMPLE)

# The playground: `www`, `playground`, `test-www` and `bench-www`.
include www/make.mk

# ---- Hardening (issue 8): fuzzing, and what `make test` adds for it -------------------------
#   make fuzz          every libFuzzer target for FUZZ_SECONDS each (default 300; nightly and
#                      cargo-fuzz are installed when missing), e.g. `make fuzz FUZZ_SECONDS=3600`
#   make fuzz-short    the bounded run in `make test`: FUZZ_SHORT_SECONDS (60) each for `analyze`
#                      and `fix_roundtrip`, half that for the readers alone, which run about ten
#                      times as many inputs a second and are reached through `analyze` as well.
#                      Under CI, a fixed number of inputs with a fixed seed instead (about as
#                      many as those seconds run on a CI machine), so that CI's verdict is the
#                      same on every run and a red one can be replayed here.
# If no nightly toolchain can be installed, both fall back to the stable driver
# (tests/fuzz_stable.rs) with a fixed count of seeded mutations. Every `cargo test` also replays
# the seed corpus and tests/fuzz_corpus/ through the same target bodies.
# `make test` also runs the package's hardening tests (pkg/test/hardening-*.test.mjs, including
# native-against-npm determinism, hence the release binary) and the page's (www/tests/hardening*).
FUZZ_SECONDS ?= 300
FUZZ_SHORT_SECONDS ?= 60

.PHONY: fuzz fuzz-short native-release

fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh $(FUZZ_TARGETS)

fuzz-short:
	FUZZ_SECONDS=$(FUZZ_SHORT_SECONDS) $(if $(CI),FUZZ_RUNS=8000) scripts/fuzz.sh analyze fix_roundtrip
	FUZZ_SECONDS=$$(( $(FUZZ_SHORT_SECONDS) / 2 )) $(if $(CI),FUZZ_RUNS=6000) scripts/fuzz.sh read_hcl
	FUZZ_SECONDS=$$(( $(FUZZ_SHORT_SECONDS) / 2 )) $(if $(CI),FUZZ_RUNS=300000) scripts/fuzz.sh read_json
	FUZZ_SECONDS=$$(( $(FUZZ_SHORT_SECONDS) / 2 )) $(if $(CI),FUZZ_RUNS=100000) scripts/fuzz.sh read_yaml

native-release:
	cargo build --quiet --release

test-pkg: native-release
