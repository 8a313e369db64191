import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
  "utf8",
);

/**
 * The little of the browser that the callbacks given to `page.evaluate` use.
 * They run in the page, but are type-checked here, where the project's lib
 * has no DOM: they reach the page through `globalThis as unknown as InPage`.
 */
export interface InPage {
  document: {
    activeElement: PageElement | null;
    body: PageElement;
    documentElement: PageElement;
    getElementById(id: string): PageElement | null;
    querySelector(selector: string): PageElement | null;
  };
  getComputedStyle(element: PageElement): {
    outlineStyle: string;
    outlineWidth: string;
    backgroundColor: string;
    transitionDuration: string;
    color: string;
    fontFamily: string;
    borderTopColor: string;
  };
  scrollTo(x: number, y: number): void;
  axe: { run(context: unknown, options: object): Promise<{ violations: AxeViolation[] }> };
}

export interface PageElement {
  id: string;
  tagName: string;
  className: string;
  scrollWidth: number;
  clientWidth: number;
  getAttribute(name: string): string | null;
  closest(selector: string): PageElement | null;
  submit(): void;
}

/** WCAG 2.0, 2.1 and 2.2, levels A and AA. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * Runs axe-core (from node_modules, injected through the DevTools protocol,
 * so the page's CSP stays on) and returns the violations in short form.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (tags) => {
    const { axe, document } = globalThis as unknown as InPage;
    const result = await axe.run(document, { runOnly: { type: "tag", values: tags } });
    return result.violations;
  }, WCAG_TAGS);
  return violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(", ")}`,
  );
}

/** Collects what a page must never do: script errors, CSP violations, requests to other origins. */
export function watchPage(page: Page, base: string): { problems: string[] } {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith(`${base}/`) && !url.startsWith("data:"))
      problems.push(`request to another origin: ${url}`);
  });
  return { problems };
}

export const COMPLAINT = {
  name: "Eva Jansen",
  email: "eva.jansen@example.nl",
  category: "invoice",
  summary: "Factuur bevat uren die niet gewerkt zijn",
  description: "Op mijn factuur van oktober staan 12 uur die niet gewerkt zijn.",
};

/** Fills every required field with a valid complaint. */
export async function fillComplaint(page: Page, values = COMPLAINT): Promise<void> {
  await page.fill("#field-name", values.name);
  await page.fill("#field-email", values.email);
  await page.selectOption("#field-category", values.category);
  await page.fill("#field-summary", values.summary);
  await page.fill("#field-description", values.description);
  await page.check("#field-consent");
}

/** The page scrolls sideways: the document is wider than the window. */
export function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as InPage;
    const root = document.documentElement;
    return root.scrollWidth > root.clientWidth || document.body.scrollWidth > root.clientWidth;
  });
}

/** A description of the focused element: its id, else its tag and href or class. */
export function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as InPage;
    const el = document.activeElement;
    if (!el || el === document.body) return "body";
    if (el.id) return `#${el.id}`;
    const href = el.getAttribute("href");
    return href ? `a[href="${href}"]` : `${el.tagName.toLowerCase()}.${el.className}`;
  });
}

export const DOSSIER_ID = /^[A-Z]{1,8}-\d{4}-\d{4,}$/;
