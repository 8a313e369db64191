import { createHash } from "node:crypto";
import type { DocketConfig } from "../config/config-schema.ts";
import type { Dossier } from "../domain/dossier-schema.ts";
import type { Attachment } from "../intake/attachments.ts";
import { replyAddress } from "../mail/reply-address.ts";
import { addressDomain, formatAddress } from "../mail/eml.ts";
import { foldHeader, formatRfc5322Date, quotedPrintable } from "../mail/mime.ts";

const MIME_TYPES: Record<Attachment["type"], string> = {
  pdf: "application/pdf",
  png: "image/png",
  jpeg: "image/jpeg",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  txt: "text/plain",
};

export interface InformationInput {
  dossier: Dossier;
  config: DocketConfig;
  /** What the complainant typed. */
  text: string;
  /** Checked as at intake (`checkAttachments`). */
  attachments: readonly Attachment[];
  /** The form's one-time id: the same post makes the same Message-ID, so it is filed once. */
  submissionId: string;
  now: Date;
}

/**
 * What the complainant adds on their page, as the mail they could have sent:
 * from their own address to the dossier's plus address
 * (`klachten+KL-2026-0001@…`), in reply to our acknowledgement (or their own
 * first mail), with the text and the attachments. It is filed exactly like a
 * mailed reply. Pure: an RFC 5322 message with CRLF line ends.
 */
export function informationMessage(input: InformationInput): Uint8Array {
  const { dossier, config, text, attachments, now } = input;
  const domain = addressDomain(config.mail.from);
  const root = dossier.thread ?? `<${dossier.id}@${domain}>`;
  const hash = createHash("sha256")
    .update(`${dossier.id}\0${input.submissionId}`)
    .digest("hex")
    .slice(0, 32);
  const messageId = `<page.${hash}.${dossier.id}@${domain}>`;
  const to = replyAddress(config, dossier.id);
  const subject =
    dossier.language === "nl"
      ? `Aanvulling op mijn klacht ${dossier.id}`
      : `More information on my complaint ${dossier.id}`;
  const boundary = `=_docket_page_${hash}`;
  const headers = [
    foldHeader("Date", formatRfc5322Date(now, config.timezone)),
    foldHeader(
      "From",
      formatAddress({ name: dossier.complainant.name, address: dossier.complainant.email }, "From"),
    ),
    foldHeader("To", formatAddress({ address: to }, "To")),
    foldHeader("Subject", subject),
    foldHeader("Message-ID", messageId),
    foldHeader("In-Reply-To", root),
    foldHeader("References", root),
    "X-Docket-Source: complainant-page",
    "MIME-Version: 1.0",
    `Content-Type: multipart/mixed;\r\n boundary="${boundary}"`,
  ];
  const parts = [
    [
      `--${boundary}`,
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: quoted-printable",
      "",
      quotedPrintable(text.replace(/\r\n?/g, "\n")),
    ].join("\r\n"),
    ...attachments.map((a) => {
      // The safe name without intake's number: filing numbers it among the dossier's attachments.
      const name = a.fileName.replace(/^\d+-/, "");
      return [
        `--${boundary}`,
        `Content-Type: ${MIME_TYPES[a.type]}; name="${name}"`,
        `Content-Disposition: attachment; filename="${name}"`,
        "Content-Transfer-Encoding: base64",
        "",
        (
          Buffer.from(a.bytes)
            .toString("base64")
            .match(/.{1,76}/g) ?? []
        ).join("\r\n"),
      ].join("\r\n");
    }),
  ];
  return Buffer.from([...headers, "", ...parts, `--${boundary}--`, ""].join("\r\n"), "utf8");
}
