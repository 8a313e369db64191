import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { extname, join, normalize, resolve, sep } from "node:path";
import { Readable } from "node:stream";
import type { IntakeContext } from "../intake/intake-handler.ts";
import { deskCsp, isDeskPage } from "../desk/desk-csp.ts";
import { clientAddress, requestOrigin } from "./forwarded.ts";

export type WebHandler = (request: Request, context: IntakeContext) => Promise<Response>;

export interface NodeServerOptions {
  /** Handles every request under `/api/`. */
  api: WebHandler;
  /** Pages the server writes beside the API (the complainant's page): those whose path `match`es. */
  pages?: { match: (pathname: string) => boolean; handle: WebHandler };
  /** The built site, served as static files. */
  siteDir?: string;
  /**
   * How many reverse proxies of your own are in front (`DOCKET_TRUST_PROXY`): the client is then the
   * right-most `X-Forwarded-For` address they did not add, and the request's origin is the scheme and host
   * they forward. 0 (default): the socket's peer and the `Host` header.
   */
  trustProxy?: number;
  /** GitHub's API for the desk's pages on GitHub (`GITHUB_API_URL`): their CSP lets them reach it. */
  githubApiUrl?: string;
  log?: (message: string) => void;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".woff2": "font/woff2",
  ".wasm": "application/wasm",
};

/**
 * The Node adapter: turns Node's request into a web `Request`, runs the
 * handler, and writes the `Response` back; serves the site's files beside
 * it. `drain()` waits for work deferred past the responses.
 */
export function createNodeServer(options: NodeServerOptions): Server & { drain(): Promise<void> } {
  const pending = new Set<Promise<unknown>>();
  const log = options.log ?? (() => undefined);
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`server: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end("Internal error");
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const hops = options.trustProxy ?? 0;
    const url = new URL(req.url ?? "/", requestOrigin(req.headers, hops));
    const page = options.pages?.match(url.pathname) ? options.pages.handle : undefined;
    if (page || url.pathname.startsWith("/api/")) {
      const request = toRequest(req, url);
      const response = await (page ?? options.api)(request, {
        clientAddress: clientAddress(
          req.headers["x-forwarded-for"],
          req.socket.remoteAddress,
          hops,
        ),
        defer: (work) => {
          const tracked = work.finally(() => pending.delete(tracked));
          pending.add(tracked);
        },
      });
      await writeResponse(response, res);
      return;
    }
    serveStatic(options.siteDir, url.pathname, req.method ?? "GET", res, options.githubApiUrl);
  }

  return Object.assign(server, {
    async drain() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  });
}

function toRequest(req: IncomingMessage, url: URL): Request {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(key, v));
    else if (value !== undefined) headers.set(key, value);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(url, {
    method: req.method ?? "GET",
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: "half" } : {}),
  } as RequestInit);
}

async function writeResponse(response: Response, res: ServerResponse): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, key) => res.setHeader(key, value));
  setSecurityHeaders(res);
  if (!response.body) {
    res.end();
    return;
  }
  const body = Buffer.from(await response.arrayBuffer());
  res.end(body);
}

function setSecurityHeaders(res: ServerResponse): void {
  if (!res.hasHeader("x-content-type-options")) res.setHeader("x-content-type-options", "nosniff");
  if (!res.hasHeader("referrer-policy")) res.setHeader("referrer-policy", "same-origin");
  if (!res.hasHeader("content-security-policy")) {
    res.setHeader(
      "content-security-policy",
      "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'self'",
    );
  }
}

function serveStatic(
  siteDir: string | undefined,
  pathname: string,
  method: string,
  res: ServerResponse,
  githubApiUrl: string | undefined,
): void {
  if (method !== "GET" && method !== "HEAD") {
    res
      .writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain; charset=utf-8" })
      .end("Method not allowed");
    return;
  }
  const file = siteDir ? resolveFile(siteDir, pathname) : undefined;
  if (!file) {
    const notFound = siteDir ? join(siteDir, "404.html") : undefined;
    res.statusCode = 404;
    setSecurityHeaders(res);
    if (notFound && existsSync(notFound)) {
      res.setHeader("content-type", TYPES[".html"] ?? "text/html");
      createReadStream(notFound).pipe(res);
    } else {
      res.setHeader("content-type", "text/plain; charset=utf-8");
      res.end("Not found");
    }
    return;
  }
  res.statusCode = 200;
  res.setHeader("content-type", TYPES[extname(file)] ?? "application/octet-stream");
  if (isDeskPage(pathname)) res.setHeader("content-security-policy", deskCsp(githubApiUrl));
  res.setHeader(
    "cache-control",
    file.includes(`${sep}_astro${sep}`) ? "public, max-age=31536000, immutable" : "no-cache",
  );
  setSecurityHeaders(res);
  if (method === "HEAD") res.end();
  else createReadStream(file).pipe(res);
}

/** A file inside `root` for a URL path, or undefined; `..` and encoded tricks cannot leave `root`. */
export function resolveFile(root: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes("\0")) return undefined;
  const base = resolve(root);
  const target = resolve(base, `.${normalize(`/${decoded}`)}`);
  if (target !== base && !target.startsWith(base + sep)) return undefined;
  for (const candidate of [target, join(target, "index.html"), `${target}.html`]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}
