# The playground (issue 5): included from the top-level Makefile, which provides `pkg`
# (builds pkg/, the npm package that www/ depends on as "file:../pkg").
#   make www         build the static site into www/dist (works from any sub-path)
#   make playground  build everything and serve it on http://127.0.0.1:8080
#   make test-www    unit tests and end-to-end tests in Debian's chromium
#   make bench-www   keystroke latency, time to first chart and transfer size; the web
#                    component's size (budget: 60 KB gzipped beyond the .wasm) and first render

WWW_CHROMIUM ?= /usr/bin/chromium
WWW_STAMP := www/node_modules/.package-lock.json
# No tool may download a browser: the tests drive Debian's chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: www playground test-www bench-www www-chromium

$(WWW_STAMP): www/package.json www/package-lock.json | pkg
	cd www && npm ci --no-audit --no-fund

# The playground and the guide pages, then the docs-site web component (dist/ecs-rollout-timeline.js
# and its .wasm) next to them.
www: pkg $(WWW_STAMP)
	cd www && npx vite build
	cd www && npx vite build --config vite.component.config.js --logLevel warn

playground: www
	@echo "ecs-rollout playground: http://127.0.0.1:8080/"
	cd www && npx vite preview --host 127.0.0.1 --port 8080 --strictPort

www-chromium:
	@test -x $(WWW_CHROMIUM) || (apt-get update && apt-get install -y chromium)

test-www: www www-chromium
	cd www && node tests/run.mjs

bench-www: www www-chromium
	cd www && node bench/bench.mjs
	cd www && node bench/component.mjs
