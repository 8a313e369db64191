import type { IncomingHttpHeaders } from "node:http";
import { ConfigError } from "../errors.ts";

/**
 * `DOCKET_TRUST_PROXY`: how many reverse proxies of your own stand in front of the server (each adds the
 * address it got the request from to `X-Forwarded-For`). Unset or `0`: none, the socket's peer is the client.
 */
export function parseTrustProxy(value: string | undefined): number {
  const text = value?.trim() ?? "";
  if (text === "") return 0;
  if (!/^\d{1,2}$/.test(text)) {
    throw new ConfigError(
      `DOCKET_TRUST_PROXY must be the number of proxies in front of Docket, e.g. 1; got "${text}".`,
    );
  }
  return Number(text);
}

/**
 * The client's address behind `hops` trusted proxies: the right-most `X-Forwarded-For` entry that none of
 * them added. Entries further left are whatever the client wrote and are never believed. With fewer entries
 * than hops (a proxy that does not add the header) the left-most one is taken.
 */
export function clientAddress(
  forwardedFor: string | string[] | undefined,
  peer: string | undefined,
  hops: number,
): string {
  const chain = [
    ...[forwardedFor ?? []]
      .flat()
      .flatMap((header) => header.split(","))
      .map((entry) => entry.trim())
      .filter(Boolean),
    peer ?? "unknown",
  ];
  if (hops <= 0) return chain.at(-1) ?? "unknown";
  return chain[Math.max(0, chain.length - 1 - hops)] ?? "unknown";
}

/**
 * The origin the browser used: behind trusted proxies the scheme and host they forward
 * (`X-Forwarded-Proto`, `X-Forwarded-Host`, the outermost proxy's first), else the `Host` header over http.
 */
export function requestOrigin(headers: IncomingHttpHeaders, hops: number): string {
  const first = (value: string | string[] | undefined) =>
    [value ?? []].flat()[0]?.split(",")[0]?.trim() || undefined;
  const host = (hops > 0 ? first(headers["x-forwarded-host"]) : undefined) ?? headers.host;
  const proto = hops > 0 ? first(headers["x-forwarded-proto"]) : undefined;
  const scheme = proto === "https" || proto === "http" ? proto : "http";
  const safeHost = host && /^[A-Za-z0-9.[\]:-]+$/.test(host) ? host : "localhost";
  return `${scheme}://${safeHost}`;
}
