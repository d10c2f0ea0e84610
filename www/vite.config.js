// Vite builds a static site that works from any sub-path (`base: "./"`). The analyzer comes
// from the npm package in ../pkg ("ecs-rollout": "file:../pkg"), like any other user's.
import { defineConfig } from "vite";

export default defineConfig({
  base: "./",
  build: {
    target: "es2022",
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    chunkSizeWarningLimit: 1024,
  },
  preview: { host: "127.0.0.1", port: 8080, strictPort: true },
  // The dev server may read the linked package's files (its .wasm) from ../pkg.
  server: { host: "127.0.0.1", fs: { allow: [".", "../pkg"] } },
});
