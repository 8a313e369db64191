import { readFile } from "node:fs/promises";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { join } from "node:path";
import { ROUTES } from "../../site/src/lib/routes.ts";
import { fillThankYouPage } from "../intake/thank-you-page.ts";

/** The site's thank-you pages and their built files. */
const PAGES = new Map<string, string>(
  Object.values(ROUTES.thanks).map((path) => [path, join(...path.split("/"), "index.html")]),
);

/** The headers the static pages get from the Node server, for the page written here. */
const HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "content-security-policy":
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'self'",
};

/**
 * Lets `server` answer `GET /bedankt/?id=KL-2026-0001` (and the English
 * page) with the case number written into the page, so that it shows
 * without JavaScript. Every other request goes to the server's own handler.
 */
export function serveThankYouPages(server: Server, siteDir: string): void {
  const handlers = server.listeners("request") as ((
    req: IncomingMessage,
    res: ServerResponse,
  ) => void)[];
  server.removeAllListeners("request");
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const file = PAGES.get(url.pathname);
    if (!file || !url.searchParams.has("id") || (req.method !== "GET" && req.method !== "HEAD")) {
      for (const handler of handlers) handler.call(server, req, res);
      return;
    }
    readFile(join(siteDir, file), "utf8").then(
      (html) => {
        const body = fillThankYouPage(html, url.searchParams.get("id"));
        res.writeHead(200, { ...HEADERS, "content-length": Buffer.byteLength(body) });
        res.end(req.method === "HEAD" ? undefined : body);
      },
      () => {
        for (const handler of handlers) handler.call(server, req, res);
      },
    );
  });
}
