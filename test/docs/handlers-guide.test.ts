import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, normalize } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { guideCopy } from "../../automation/docs/guide-copy.ts";
import { PROJECT_ROOT } from "../../automation/runtime.ts";
import { createLocalGitStore, handlersGuide } from "../../automation/store/local-git-store.ts";

/** Every relative link and image target of a Markdown text (not addresses, not anchors). */
function relativeTargets(text: string): string[] {
  return [...text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
    .map((m) => m[1] ?? "")
    .filter((t) => !/^[a-z]+:|^#/.test(t));
}

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe("the handlers' guide copied into a new dossier repository", () => {
  it("carries no link to a file the repository does not have", async () => {
    dir = mkdtempSync(join(tmpdir(), "docket-guide-"));
    const repo = join(dir, "repo");
    const store = createLocalGitStore({
      dir: repo,
      author: { name: "Docket", email: "docket@example.nl" },
      initialFiles: handlersGuide(PROJECT_ROOT),
    });
    await store.list("dossiers");
    const copy = execFileSync("git", ["show", "main:dossiers/README.md"], {
      cwd: repo,
      encoding: "utf8",
    });
    const files = new Set(
      execFileSync("git", ["ls-tree", "-r", "--name-only", "main"], { cwd: repo, encoding: "utf8" })
        .split("\n")
        .filter(Boolean),
    );
    const broken = relativeTargets(copy).filter(
      (t) => !files.has(normalize(join("dossiers", t.split("#")[0] ?? ""))),
    );
    expect(broken).toEqual([]);
    // The screenshots are pointed to, in Dutch and in English.
    expect(copy).toContain("De schermafbeeldingen hiervan staan in de README van Docket zelf");
    expect(copy).toContain("The screenshots of this are in Docket's own README");
  });

  it("keeps its images in Docket's own folder, where they exist", () => {
    const guide = readFileSync(join(PROJECT_ROOT, "dossiers", "README.md"), "utf8");
    const images = relativeTargets(guide).filter((t) => t.endsWith(".png"));
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) {
      expect(existsSync(join(PROJECT_ROOT, "dossiers", image)), image).toBe(true);
    }
    expect(dirname(images[0] ?? "")).toBe("../docs/screenshots");
  });

  it("replaces an image, or a table of images, by one sentence in the section's language", () => {
    const text = [
      "# Dossiers",
      "## Nederlands",
      "Tekst met ![een plaatje](../docs/a.png) erin.",
      "![Een stap](../docs/screenshots/step.png)",
      "",
      "| Kolom |",
      "| ----- |",
      "| tekst |",
      "## English",
      "| One | Two |",
      "| --- | --- |",
      '| ![A](../docs/a.png) | ![B](../docs/b.png "B") |',
      "",
      "![Kept](screenshots/here.png)",
    ].join("\n");
    expect(guideCopy(text).split("\n")).toEqual([
      "# Dossiers",
      "## Nederlands",
      "Tekst met een plaatje erin.",
      "_De schermafbeeldingen hiervan staan in de README van Docket zelf (`docs/screenshots/` in de map van Docket)._",
      "",
      "| Kolom |",
      "| ----- |",
      "| tekst |",
      "## English",
      "_The screenshots of this are in Docket's own README (`docs/screenshots/` in Docket's folder)._",
      "",
      "![Kept](screenshots/here.png)",
    ]);
  });
});
