// Builds the web client into web/dist: hashed files under dist/static/ and a
// manifest (dist/.vite/manifest.json) that the C++ server reads to write the
// <script> and <link> tags of each page (src/web/assets.cpp).
import { defineConfig } from "vite";
import { NodePackageImporter } from "sass";

export default defineConfig({
  base: "/",
  publicDir: "public",
  build: {
    outDir: "dist",
    assetsDir: "static",
    emptyOutDir: true,
    manifest: true,
    target: "es2020",
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: {
        site: "src/entries/site.ts",
        charts: "src/entries/charts.ts",
        map: "src/entries/map.ts",
      },
    },
  },
  css: {
    // GOV.UK Frontend still ships an old IE hack ("min-width: 0\0") that
    // lightningcss rejects; skip that one rule instead of failing the build.
    lightningcss: { errorRecovery: true },
    preprocessorOptions: {
      scss: { importers: [new NodePackageImporter()], quietDeps: true },
    },
  },
});
