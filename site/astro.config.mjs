// @ts-check
import process from "node:process";
import { URL, fileURLToPath } from "node:url";
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { defineConfig } from "astro/config";
import { deskHeadersFile } from "../automation/desk/desk-csp.ts";
import { githubEndpoints } from "../automation/store/github-endpoints.ts";

/**
 * The complaint site: static pages in site/dist, served by `docket serve`
 * beside the intake API, or by any static host (netlify.toml).
 *
 * `site` is the public address, used for the absolute hreflang links in each
 * page's head: SITE_URL, else Netlify's URL, else the local server's address.
 */
const port = process.env.PORT ?? "4321";

/**
 * The handler's desk runs Decap CMS from Docket's own node_modules: its
 * files are copied to /desk/cms/ at build, so nothing is loaded from another
 * site. Only the desk's pages load them.
 */
/** @type {import("astro").AstroIntegration} */
const deskFiles = {
  name: "docket-desk-files",
  hooks: {
    "astro:build:done": ({ dir }) => {
      const from = join(
        dirname(createRequire(import.meta.url).resolve("decap-cms/package.json")),
        "dist",
      );
      const to = join(fileURLToPath(dir), "desk", "cms");
      mkdirSync(to, { recursive: true });
      for (const file of readdirSync(from)) {
        if (/(^|\.)decap-cms\.js$|\.wasm$/.test(file))
          copyFileSync(join(from, file), join(to, file));
      }
      // Netlify's header rules: the desk's CSP names the GitHub API it was built for (GITHUB_API_URL).
      writeFileSync(
        join(fileURLToPath(dir), "_headers"),
        deskHeadersFile(githubEndpoints(process.env).apiUrl),
      );
    },
  },
};

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  site: process.env.SITE_URL || process.env.URL || `http://localhost:${port}`,
  output: "static",
  integrations: [deskFiles],
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
    build: {
      // Scripts stay same-origin files: the server's CSP allows no inline script.
      assetsInlineLimit: 0,
      rollupOptions: {
        /**
         * gray-matter (the desk's in-browser check reads dossiers with it) carries an
         * `eval` for `---js` front matter. Docket never reaches it: a dossier must open
         * with a bare `---` line, so its YAML engine is the only one used
         * (splitDossier). Said here once instead of on every build.
         */
        onLog(level, log, handler) {
          if (log.code === "EVAL" && log.id?.includes("/gray-matter/")) return;
          handler(level, log);
        },
      },
    },
  },
});
