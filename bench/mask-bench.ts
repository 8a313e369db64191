// The personal link masked in received mail: what `fileMail` adds to each filing, for a short reply
// and for the largest message Docket files (20 MiB of attachments, base64-encoded), link quoted or not.
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { createCaseLinks } from "../automation/case-page/case-link.ts";

export function benchMask(runs: number): void {
  const links = createCaseLinks(randomBytes(32), "https://klachten.example.nl");
  const dossier = { id: "KL-2026-0001", language: "nl" as const };
  const link = links.url(dossier) ?? "";
  const lines = (bytes: Buffer) => (bytes.toString("base64").match(/.{1,76}/g) ?? []).join("\r\n");
  const message = (attachment: Buffer, quoted: boolean) =>
    Buffer.from(
      [
        "From: Eva Jansen <eva.jansen@example.nl>",
        "To: klachten+KL-2026-0001@interforce.eu",
        "Subject: Re: KL-2026-0001",
        "Message-ID: <bench-mask@example.nl>",
        'Content-Type: multipart/mixed; boundary="b"',
        "",
        "--b",
        "Content-Type: text/html; charset=utf-8",
        "Content-Transfer-Encoding: base64",
        "",
        lines(Buffer.from(`<p>Hierbij.</p><blockquote>${quoted ? link : ""}</blockquote>`)),
        "--b",
        'Content-Type: application/pdf; name="scan.pdf"',
        "Content-Transfer-Encoding: base64",
        "",
        lines(attachment),
        "--b--",
        "",
      ].join("\r\n"),
    );
  const cases: [string, Uint8Array][] = [
    ["short reply, link quoted", message(Buffer.from("%PDF-1.4\n"), true)],
    ["20 MiB of attachments, link quoted", message(randomBytes(20 * 2 ** 20), true)],
    ["20 MiB of attachments, no link", message(randomBytes(20 * 2 ** 20), false)],
  ];
  for (const [name, raw] of cases) {
    const took: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      links.redactReceived(raw, dossier);
      took.push(performance.now() - t);
    }
    took.sort((a, b) => a - b);
    console.log(
      `mask the personal link in received mail: ${name} (${(raw.byteLength / 2 ** 20).toFixed(1)} MiB)`.padEnd(
        80,
      ) + ` median ${took[Math.floor(runs / 2)]?.toFixed(1).padStart(7)} ms`,
    );
  }
}
