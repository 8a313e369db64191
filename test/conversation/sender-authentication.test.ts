import { describe, expect, it } from "vitest";
import { senderAuthentication } from "../../automation/conversation/sender-authentication.ts";

const from = "eva.jansen@example.nl";
const results = (value: string) => ({ "authentication-results": value });

describe("the receiving server's word on the From address", () => {
  it.each([
    ["dmarc=fail", "mx.interforce.eu; dmarc=fail (p=reject dis=none) header.from=example.nl"],
    [
      "spf=fail without a DKIM signature",
      "mx.interforce.eu; spf=fail smtp.mailfrom=example.nl; dkim=none",
    ],
    [
      "spf=fail with a signature of another domain",
      "mx.interforce.eu; spf=fail smtp.mailfrom=example.nl; dkim=pass header.d=evil.example",
    ],
    [
      "dmarc=fail folded over lines and in capitals",
      "mx.interforce.eu;\r\n\tspf=none;\r\n\tDMARC=FAIL header.from=example.nl",
    ],
  ])("is forged for %s", (_name, value) => {
    expect(senderAuthentication(results(value), from)).toBe("forged");
  });

  it.each([
    ["dmarc=pass", "mx.interforce.eu; dmarc=pass header.from=example.nl"],
    [
      "a forwarded mail: spf fails, the sender's DKIM signature holds",
      "mx.interforce.eu; spf=fail smtp.mailfrom=forwarder.example; dkim=pass header.d=example.nl",
    ],
    ["a signature of the parent domain", "mx.interforce.eu; dkim=pass header.i=@example.nl"],
    ["an aligned SPF pass", "mx.interforce.eu; spf=pass smtp.mailfrom=bounces@example.nl"],
  ])("is vouched for with %s", (_name, value) => {
    expect(senderAuthentication(results(value), value.includes("parent") ? from : from)).toBe(
      "vouched",
    );
  });

  it.each([
    ["no header", {}],
    [
      "nothing decisive",
      results("mx.interforce.eu; spf=softfail smtp.mailfrom=example.nl; dkim=none"),
    ],
    [
      "an SPF pass of another domain",
      results("mx.interforce.eu; spf=pass smtp.mailfrom=evil.example"),
    ],
    ["a result hidden in a comment", results("mx.interforce.eu (dmarc=fail); spf=none")],
    ["no results at all", results("mx.interforce.eu; none")],
  ])("is unknown with %s: the address alone decides, as before", (_name, headers) => {
    expect(senderAuthentication(headers, from)).toBe("unknown");
  });
});
