// Vite builds a static site that works from any sub-path (`base: "./"`). With
// ECS_ROLLOUT_MOCK=1, and only then, `ecs-rollout/web` resolves to the dev-only mock in mock/.
import { defineConfig } from "vite";
import { fileURLToPath } from "node:url";

const useMock = process.env.ECS_ROLLOUT_MOCK === "1";

export default defineConfig({
  base: "./",
  resolve: useMock ? { alias: { "ecs-rollout/web": fileURLToPath(new URL("./mock/ecs-rollout-web.js", import.meta.url)) } } : {},
  build: {
    target: "es2022",
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    chunkSizeWarningLimit: 1024,
  },
  preview: { host: "127.0.0.1", port: 8080, strictPort: true },
  server: { host: "127.0.0.1" },
});
