/**
 * Whether the mail server that received a message vouches for its From
 * address, as far as it says: the topmost `Authentication-Results` header
 * (RFC 8601), which the server nearest to Docket added last. Headers further
 * down may be the sender's own inventions and are not read. Pure.
 *
 * - `forged`: explicit evidence against the From address: `dmarc=fail`, or
 *   `spf=fail` (the domain lists its servers and this was none of them)
 *   without a DKIM signature of the From domain that passed. Such mail is
 *   kept but its sender is trusted with nothing.
 * - `vouched`: `dmarc=pass`, or a passing DKIM signature or SPF check of the
 *   From domain (or a parent of it).
 * - `unknown`: no header, or nothing decisive in it (`none`, `softfail`,
 *   `temperror`…): as trusted as mail ever was, by address alone.
 */
export type SenderAuthentication = "forged" | "vouched" | "unknown";

interface Result {
  method: string;
  result: string;
  /** The domains the result is about: header.d, header.i, header.from, smtp.mailfrom. */
  domains: string[];
}

export function senderAuthentication(
  headers: Readonly<Record<string, string>>,
  fromAddress: string,
): SenderAuthentication {
  const header = headers["authentication-results"];
  if (header === undefined) return "unknown";
  const results = parseResults(header);
  const fromDomain = fromAddress.slice(fromAddress.lastIndexOf("@") + 1).toLowerCase();
  const aligned = (r: Result) =>
    r.domains.some((d) => d === fromDomain || fromDomain.endsWith(`.${d}`));
  const passed = (method: string) =>
    results.some((r) => r.method === method && r.result === "pass" && aligned(r));
  if (results.some((r) => r.method === "dmarc" && r.result === "fail")) return "forged";
  if (results.some((r) => r.method === "dmarc" && r.result === "pass")) return "vouched";
  if (passed("dkim")) return "vouched";
  if (results.some((r) => r.method === "spf" && r.result === "fail")) return "forged";
  return passed("spf") ? "vouched" : "unknown";
}

/** `mx.example.nl; dmarc=pass (p=reject) header.from=example.nl; spf=fail smtp.mailfrom=…` */
function parseResults(header: string): Result[] {
  // Comments in parentheses say nothing that counts (and may hold anything).
  const text = header.replace(/\([^()]*\)/g, " ");
  const [, ...resinfos] = text.split(";");
  return resinfos.flatMap((part) => {
    const match = /^\s*([a-z][a-z0-9-]*)\s*=\s*([a-z]+)\b(.*)$/is.exec(part);
    if (!match) return [];
    const [, method = "", result = "", rest = ""] = match;
    const domains = [...rest.matchAll(/\b(?:header\.[a-z]+|smtp\.mailfrom)\s*=\s*"?([^\s";]+)/gi)]
      .map((m) => (m[1] ?? "").toLowerCase())
      .map((value) => value.slice(value.lastIndexOf("@") + 1))
      .filter((d) => d !== "");
    return [{ method: method.toLowerCase(), result: result.toLowerCase(), domains }];
  });
}
