import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import PostalMime from "postal-mime";
import type { Locator, Page } from "playwright-core";
import { startServe, type ServeHarness } from "../../support/serve-harness.ts";

/** What `npm start` runs, on a fresh embedded repository and outbox, on a free port. */
export type DocketServe = ServeHarness;

export function startDocketServe(): Promise<DocketServe> {
  return startServe({ prefix: "docket-desk-" });
}

/**
 * The letters Docket committed for a dossier, by letter, as main of the repository has them: the part of
 * a key that tells one letter of a kind from another (a staff member's hash, a delay's new date) left off.
 */
export function lettersSent(repo: string, folder: string): string[] {
  return execFileSync("git", ["ls-tree", "--name-only", "main", `${folder}/correspondence/`], {
    cwd: repo,
    encoding: "utf8",
  })
    .split("\n")
    .filter(Boolean)
    .map((p) => (p.split("/").pop() ?? "").replace(/^\d{4}-/, "").replace(/\.eml$/, ""))
    .map((k) => k.replace(/-[0-9a-f]{8}$/, "").replace(/-\d{4}-\d{2}-\d{2}$/, ""));
}

/** A letter as it went out, from the outbox: its subject, its addresses and its text. */
export async function letterSent(
  outbox: string,
  id: string,
  letter: string,
): Promise<{ subject: string; to: string[]; text: string }> {
  const files = readdirSync(outbox).filter((f) => f.startsWith(`${id}--${letter}`));
  if (files.length !== 1)
    throw new Error(
      `expected one ${letter} for ${id} in the outbox, found ${files.join(", ") || "none"}`,
    );
  const mail = await PostalMime.parse(readFileSync(join(outbox, files[0] ?? ""), "utf8"));
  return {
    subject: mail.subject ?? "",
    to: (mail.to ?? []).map((a) => a.address ?? ""),
    text: mail.text ?? "",
  };
}

/** Commits on main whose subject a desk save wrote. */
export function deskCommits(repo: string): string[] {
  return execFileSync("git", ["log", "--format=%s", "main"], { cwd: repo, encoding: "utf8" })
    .split("\n")
    .filter((s) => s.endsWith("(desk)"));
}

export async function waitFor(what: string, test: () => boolean, log = () => ""): Promise<void> {
  const until = Date.now() + 20_000;
  while (!test()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}\n${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The form control of a field, by its label on the desk (Decap adds "(optional)", in Dutch "(optioneel)", to some). */
export function field(page: Page, label: string): Locator {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return page.getByLabel(new RegExp(`^${escaped}( \\((optional|optioneel)\\))?$`));
}

/** Chooses an option of a select field by typing its words and pressing Enter, as a keyboard user does. */
export async function choose(page: Page, label: string, option: string): Promise<void> {
  await field(page, label).first().focus();
  await page.keyboard.type(option);
  await page.keyboard.press("Enter");
}

/** The rules and letters the desk shows for the save being made, once its check has answered. */
export async function rulesShown(page: Page): Promise<string> {
  const rules = page.locator(".docket-rules");
  await rules.filter({ hasNotText: /Checking the rules|De regels worden nagekeken/ }).waitFor();
  await page.waitForTimeout(400);
  await rules.filter({ hasNotText: /Checking the rules|De regels worden nagekeken/ }).waitFor();
  return rules.innerText();
}

/** Opens a case on the desk, fresh from the repository. */
export async function openCase(page: Page, base: string, id: string): Promise<void> {
  const year = id.split("-")[1];
  await page.goto(`${base}/en/desk/#/collections/dossiers/entries/${year}/${id}/dossier`);
  await page.reload();
  const login = page.getByRole("button", { name: "Login" });
  await Promise.race([login.waitFor(), field(page, "Status").waitFor()]);
  if (await login.isVisible()) await login.click();
  await field(page, "Status").waitFor();
}

/** Saves the form: Publish, then Publish now, and waits until Decap says it is saved. */
export async function publish(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Publish" }).first().click();
  await page.getByRole("menuitem", { name: "Publish now" }).click();
}
