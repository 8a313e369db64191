import { readFileSync } from "node:fs";
import { join } from "node:path";
import PostalMime from "postal-mime";
import { createCaseLinks, type CaseLinks } from "../../automation/case-page/case-link.ts";
import { createCasePageHandler } from "../../automation/case-page/case-page-handler.ts";
import { fileMail } from "../../automation/conversation/file-mail.ts";
import type { DocketConfig } from "../../automation/config/config-schema.ts";
import { dispatch } from "../../automation/dispatch/dispatch.ts";
import { createRateLimiter } from "../../automation/intake/rate-limit.ts";
import type { DossierStore } from "../../automation/store/dossier-store.ts";
import {
  CONFIG,
  createHarness,
  json,
  NOW,
  VALID,
  type Harness,
} from "../support/intake-harness.ts";

export const KEY = Buffer.alloc(32, 7);
export const SITE = "https://klachten.example.nl";

export interface PageHarness extends Harness {
  links: CaseLinks;
  logs: string[];
  /** The page's handler; work it defers is awaited. */
  request(path: string, init?: RequestInit & { client?: string }): Promise<Response>;
  /** The personal link in the acknowledgement of `id`, read from the outbox. */
  linkFromAcknowledgement(id: string): Promise<string>;
}

/** Intake, dispatch and the complainant's page on a real git repository and outbox. */
export async function createPageHarness(
  options: {
    wrongBurst?: number;
    actionBurst?: number;
    clock?: () => Date;
    store?: DossierStore;
    /** Another organisation's settings, for intake's letters, dispatch and the page. */
    config?: DocketConfig;
  } = {},
): Promise<PageHarness> {
  const logs: string[] = [];
  const h = await createHarness({
    log: (m) => logs.push(m),
    ...(options.store ? { store: options.store } : {}),
  });
  const links = createCaseLinks(KEY, SITE);
  const config = options.config ?? CONFIG;
  h.dispatchDeps.caseLinks = links;
  h.dispatchDeps.config = config;
  const clock = options.clock ?? (() => NOW);
  const handler = createCasePageHandler({
    config,
    context: h.dispatchDeps.context,
    store: h.store,
    links,
    clock,
    actionLimiter: createRateLimiter({
      burst: options.actionBurst ?? 20,
      perMinute: 5,
      now: () => 0,
    }),
    wrongLinkLimiter: createRateLimiter({
      burst: options.wrongBurst ?? 1000,
      perMinute: 1,
      now: () => 0,
    }),
    fileMessage: async (id, raw) => {
      await fileMail({ store: h.store, config, clock, caseLinks: links }, id, raw);
    },
    deliver: async (path) => {
      await dispatch(h.dispatchDeps, { only: [path] });
    },
    log: (m) => logs.push(m),
  });
  return Object.assign(h, {
    links,
    logs,
    async request(path: string, init: RequestInit & { client?: string } = {}) {
      const deferred: Promise<unknown>[] = [];
      const response = await handler(new Request(new URL(path, SITE), init), {
        clientAddress: init.client ?? "192.0.2.1",
        defer: (work) => deferred.push(work),
      });
      await Promise.all(deferred);
      return response;
    },
    async linkFromAcknowledgement(id: string) {
      const file = h.outboxFiles().find((f) => f === `${id}--acknowledgement.eml`);
      if (!file) throw new Error(`no acknowledgement of ${id} in ${h.outboxFiles().join(", ")}`);
      const mail = await PostalMime.parse(readFileSync(join(h.outbox, file)));
      const found = /https?:\/\/\S+\/(?:zaak|en\/case)\/\S+/.exec(mail.text ?? "")?.[0];
      if (!found) throw new Error(`no personal link in ${file}`);
      return found;
    },
  });
}

/** Files a complaint (in `language`) and returns its id. */
export async function fileComplaint(h: Harness, language: "nl" | "en" = "nl"): Promise<string> {
  const response = await h.post(...json({ ...VALID, language }));
  return ((await response.json()) as { id: string }).id;
}
