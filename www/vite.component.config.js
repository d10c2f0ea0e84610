// The docs-site web component as one ES module, `dist/ecs-rollout-timeline.js`, with the
// analyzer's .wasm beside it as `dist/ecs-rollout-timeline.wasm`, and the example configs the
// guide loads by URL in `dist/examples/`. Run after the main build
// (`npm run build` does both); it adds to dist/ without emptying it.
//
// Library mode inlines every asset it finds, and the wasm-bindgen glue names its .wasm with
// `new URL('ecs_rollout_bg.wasm', import.meta.url)`, which would put 320 KB of base64 into the
// script. So the glue's URL is rewritten to the file emitted next to the bundle and marked
// for Vite to leave alone: at run time it resolves against the script's own URL, wherever the
// host serves the two files.
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const WASM_FILE = "ecs-rollout-timeline.wasm";
const GLUE_URL = "new URL('ecs_rollout_bg.wasm', import.meta.url)";
const wasmSource = fileURLToPath(new URL("./node_modules/ecs-rollout/dist/web/ecs_rollout_bg.wasm", import.meta.url));

function wasmNextToModule() {
  let rewritten = false;
  return {
    name: "ecs-rollout-wasm-next-to-module",
    enforce: "pre",
    transform(code, id) {
      if (!/ecs_rollout\.js$/.test(id.split("?")[0])) return null;
      if (!code.includes(GLUE_URL)) this.error(`the wasm-bindgen glue ${id} no longer contains ${GLUE_URL}; update vite.component.config.js`);
      rewritten = true;
      return { code: code.replace(GLUE_URL, `new URL(/* @vite-ignore */ ${JSON.stringify(WASM_FILE)}, import.meta.url)`), map: null };
    },
    generateBundle() {
      if (!rewritten) this.error("the wasm-bindgen glue was not bundled; the component would have no analyzer");
      this.emitFile({ type: "asset", fileName: WASM_FILE, source: readFileSync(wasmSource) });
    },
  };
}

/** The example configs (tfvars, Terraform, CloudFormation, ECS API JSON), which guide.html loads with `src`, as plain files in dist/examples/. */
function exampleFiles() {
  const dir = new URL("./examples/", import.meta.url);
  return {
    name: "ecs-rollout-example-files",
    generateBundle() {
      for (const name of readdirSync(dir).filter((file) => /\.(tfvars|tf|yaml|json)$/.test(file))) {
        this.emitFile({ type: "asset", fileName: `examples/${name}`, source: readFileSync(new URL(name, dir)) });
      }
    },
  };
}

export default defineConfig({
  base: "./",
  publicDir: false,
  plugins: [wasmNextToModule(), exampleFiles()],
  build: {
    outDir: "dist",
    emptyOutDir: false,
    target: "es2022",
    sourcemap: false,
    reportCompressedSize: true,
    // Served to browsers as it is, not bundled again: whitespace goes too (library mode keeps
    // it by default for downstream bundlers).
    rolldownOptions: { output: { minify: true } },
    lib: {
      entry: "src/component/ecs-rollout-timeline.js",
      formats: ["es"],
      fileName: () => "ecs-rollout-timeline.js",
    },
  },
});
