// @ts-check
import process from "node:process";
import { URL, fileURLToPath } from "node:url";
import { defineConfig } from "astro/config";

/**
 * The complaint site: static pages in site/dist, served by `docket serve`
 * beside the intake API, or by any static host (netlify.toml).
 *
 * `site` is the public address, used for the absolute hreflang links in each
 * page's head: SITE_URL, else Netlify's URL, else the local server's address.
 */
const port = process.env.PORT ?? "4321";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  site: process.env.SITE_URL || process.env.URL || `http://localhost:${port}`,
  output: "static",
  // Caches stay in the project's node_modules, out of site/.
  cacheDir: "../node_modules/.cache/astro",
  trailingSlash: "always",
  compressHTML: true,
  devToolbar: { enabled: false },
  build: { format: "directory", inlineStylesheets: "always" },
  // No images are processed: no sharp needed.
  image: { service: { entrypoint: "astro/assets/services/noop" } },
  vite: {
    cacheDir: "../node_modules/.cache/vite-site",
    // Scripts stay same-origin files: the server's CSP allows no inline script.
    build: { assetsInlineLimit: 0 },
  },
});
