import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { isDeskPage } from "../../automation/desk/desk-csp.ts";
import { ensureSiteBuilt, SITE_DIST } from "../browser/support/site-build.ts";

/**
 * Decap CMS loads on the desk's pages only: every other page of the built
 * site, the complaint form first, loads no file of the desk's and no file
 * that names Decap, and the form's own script stays as small as it was.
 */

/** The complaint form's scripts, all together: what the form weighed before the desk, with room to spare. */
const FORM_SCRIPT_BUDGET = 8 * 1024;

function pages(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "cms" ? [] : pages(path);
    return name.endsWith(".html") ? [path] : [];
  });
}

/** The site path a built page answers at: `en/desk/index.html` → `/en/desk/`. */
function sitePath(file: string): string {
  return `/${relative(SITE_DIST, file).replace(/index\.html$/, "")}`;
}

/** Every file a page loads by itself: its scripts and stylesheets, and the modules those import. */
function loaded(html: string): Map<string, string> {
  const found = new Map<string, string>();
  const queue = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="(\/[^"]+)"/g)]
    .map((m) => m[1] ?? "")
    .filter((url) => /\.(?:js|mjs|css)$/.test(url));
  while (queue.length > 0) {
    const url = queue.shift() ?? "";
    if (found.has(url)) continue;
    const text = readFileSync(join(SITE_DIST, url), "utf8");
    found.set(url, text);
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+|\/[^"']+)["']/g)) {
      queue.push(new URL(m[1] ?? "", `http://site${url}`).pathname);
    }
  }
  return found;
}

describe("Decap CMS on the desk's pages only", () => {
  beforeAll(async () => {
    await ensureSiteBuilt();
  }, 180_000);

  it("loads Decap on /desk/ and /en/desk/, from the site itself", () => {
    const desk = pages(SITE_DIST).filter((file) => isDeskPage(sitePath(file)));
    expect(desk.map(sitePath).sort()).toEqual(["/desk/", "/en/desk/"]);
    for (const file of desk) {
      const scripts = [...loaded(readFileSync(file, "utf8")).values()].join("\n");
      expect(scripts, sitePath(file)).toContain("/desk/cms/decap-cms.js");
    }
  });

  it("loads nothing of the desk's on any other page", () => {
    const others = pages(SITE_DIST).filter((file) => !isDeskPage(sitePath(file)));
    expect(others.map(sitePath)).toContain("/");
    for (const file of others) {
      const html = readFileSync(file, "utf8");
      expect(html, sitePath(file)).not.toMatch(/decap|docket-desk|\/desk\//i);
      for (const [url, text] of loaded(html)) {
        expect(url, sitePath(file)).not.toMatch(/desk/i);
        expect(text, `${sitePath(file)} loads ${url}`).not.toMatch(/decap|docket-desk|\/desk\//i);
      }
    }
  });

  it.each(["/", "/en/"])(
    "keeps the complaint form's scripts on %s as light as they were",
    (path) => {
      const html = readFileSync(join(SITE_DIST, path, "index.html"), "utf8");
      const scripts = [...loaded(html)].filter(([url]) => url.endsWith(".js"));
      expect(scripts.length).toBeGreaterThan(0);
      const bytes = scripts.reduce((sum, [, text]) => sum + Buffer.byteLength(text), 0);
      expect(bytes, scripts.map(([url]) => url).join(", ")).toBeLessThanOrEqual(FORM_SCRIPT_BUDGET);
    },
  );
});
