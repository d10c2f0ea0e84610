// The docs-site web component as one ES module, `dist/ecs-rollout-timeline.js`, with the
// analyzer's .wasm beside it as `dist/ecs-rollout-timeline.wasm`, and the example configs the
// guide loads by URL in `dist/examples/`. Run after the main build
// (`npm run build` does both); it adds to dist/ without emptying it.
//
// Library mode inlines every asset it finds, and the wasm-bindgen glue names its .wasm with
// `new URL('ecs_rollout_bg.wasm', import.meta.url)`, which would put 320 KB of base64 into the
// script. So the glue's URL is rewritten to the file emitted next to the bundle and marked
// for Vite to leave alone: at run time it resolves against the script's own URL, wherever the
// host serves the two files. The same goes for the `observed` analyzer's glue and .wasm (issue
// 26), `ecs-rollout-timeline-full.wasm`, which the component fetches only for a deployment
// record; the glue itself is bundled into the one module (3 KB gzipped), so a host serves one
// script and two .wasm files.
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

/** Each glue module of the package, the URL it names its .wasm by, and the file emitted for it. */
const GLUES = [
  { glue: /ecs_rollout\.js$/, url: "new URL('ecs_rollout_bg.wasm', import.meta.url)", file: "ecs-rollout-timeline.wasm", wasm: "ecs_rollout_bg.wasm" },
  { glue: /ecs_rollout_full\.js$/, url: "new URL('ecs_rollout_full_bg.wasm', import.meta.url)", file: "ecs-rollout-timeline-full.wasm", wasm: "ecs_rollout_full_bg.wasm" },
];
const wasmSource = (name) => fileURLToPath(new URL(`./node_modules/ecs-rollout/dist/web/${name}`, import.meta.url));

function wasmNextToModule() {
  const rewritten = new Set();
  return {
    name: "ecs-rollout-wasm-next-to-module",
    enforce: "pre",
    transform(code, id) {
      const entry = GLUES.find(({ glue }) => glue.test(id.split("?")[0]));
      if (!entry) return null;
      if (!code.includes(entry.url)) this.error(`the wasm-bindgen glue ${id} no longer contains ${entry.url}; update vite.component.config.js`);
      rewritten.add(entry.file);
      return { code: code.replace(entry.url, `new URL(/* @vite-ignore */ ${JSON.stringify(entry.file)}, import.meta.url)`), map: null };
    },
    generateBundle() {
      for (const { file, wasm } of GLUES) {
        if (!rewritten.has(file)) this.error(`the wasm-bindgen glue for ${wasm} was not bundled; the component would lack an analyzer`);
        this.emitFile({ type: "asset", fileName: file, source: readFileSync(wasmSource(wasm)) });
      }
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
    // One module: the `observed` glue's dynamic import is bundled in, not split into a chunk.
    rolldownOptions: { output: { minify: true, codeSplitting: false } },
    lib: {
      entry: "src/component/ecs-rollout-timeline.js",
      formats: ["es"],
      fileName: () => "ecs-rollout-timeline.js",
    },
  },
});
