// Vite builds a static site that works from any sub-path (`base: "./"`). The analyzer comes
// from the npm package in ../pkg ("ecs-rollout": "file:../pkg"), like any other user's.
// Three pages: the playground, the strategies guide and the embedding page. The guide and the
// embedding page load the web component from `./ecs-rollout-timeline.js` (built afterwards by
// vite.component.config.js), exactly as a docs site would, so their script tag is left alone.
import { defineConfig } from "vite";

/** Under the dev server, `/ecs-rollout-timeline.js` is the component's source module. */
function componentInDev() {
  return {
    name: "ecs-rollout-component-dev",
    apply: "serve",
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        if (req.url && /^\/ecs-rollout-timeline\.js(\?|$)/.test(req.url)) req.url = req.url.replace("/ecs-rollout-timeline.js", "/src/component/ecs-rollout-timeline.js");
        next();
      });
    },
  };
}

export default defineConfig({
  base: "./",
  plugins: [componentInDev()],
  build: {
    target: "es2022",
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    chunkSizeWarningLimit: 1024,
    rolldownOptions: { input: { index: "index.html", guide: "guide.html", embed: "embed.html" } },
  },
  preview: { host: "127.0.0.1", port: 8080, strictPort: true },
  // The dev server may read the linked package's files (its .wasm) from ../pkg.
  server: { host: "127.0.0.1", fs: { allow: [".", "../pkg"] } },
});
