import PostalMime from "postal-mime";
import type { ChangeContext } from "../domain/check-change.ts";
import { checkDossier } from "../domain/check-dossier.ts";
import { dossierPath } from "../domain/dossier-layout.ts";
import { ID_PATTERN, type Dossier } from "../domain/dossier-schema.ts";
import type { DossierStore } from "../store/dossier-store.ts";
import { isComplainantLetter, type SentLetter } from "./case-view.ts";

/** Read for an id that is not one: the same one request as for a real dossier. */
const NO_SUCH_PATH = "dossiers/0000/XX-0000-0000/dossier.md";

/**
 * The dossier behind a link, in one request to the store, whether or not the
 * id exists: what a link is checked against. Undefined for an unknown id or
 * a dossier that does not pass its schema.
 */
export async function readLinkedDossier(
  store: Pick<DossierStore, "read">,
  context: ChangeContext,
  id: string,
  now: Date,
): Promise<Dossier | undefined> {
  const path = ID_PATTERN.test(id) ? dossierPath(id) : NO_SUCH_PATH;
  const text = (await store.read([path])).get(path);
  // The same parsing on every path: a missing dossier is parsed as a stand-in.
  const checked = checkDossier(path, text ?? STAND_IN, context, now);
  return text === undefined ? undefined : checked.dossier;
}

/**
 * The letters sent to the complainant, from their copies in
 * `correspondence/`: two more requests (a listing and one read of them all).
 */
export async function readSentLetters(
  store: Pick<DossierStore, "list" | "read">,
  id: string,
): Promise<SentLetter[]> {
  const folder = dossierPath(id).slice(0, -"dossier.md".length);
  const paths = (await store.list(`${folder}correspondence`)).filter((p) => {
    const key = /\/\d{4}-([a-z0-9_-]+)\.eml$/.exec(p)?.[1];
    return key !== undefined && isComplainantLetter(key);
  });
  if (paths.length === 0) return [];
  const texts = await store.read(paths);
  const letters: SentLetter[] = [];
  for (const path of paths) {
    const raw = texts.get(path);
    if (raw === undefined) continue;
    const mail = await PostalMime.parse(raw);
    const key = /\/\d{4}-([a-z0-9_-]+)\.eml$/.exec(path)?.[1] ?? "";
    const sentAt = new Date(mail.date ?? "");
    letters.push({
      key,
      sentAt: Number.isNaN(sentAt.getTime()) ? new Date(0) : sentAt,
      subject: mail.subject ?? "",
      text: mail.text ?? "",
    });
  }
  return letters;
}

/** A dossier the size of a real one, parsed when the id is unknown. */
const STAND_IN = `---
id: XX-0000-0000
schema: 1
received_at: 2026-01-05T09:00:00+01:00
channel: web
language: nl
status: received
summary: "Stand-in"
category: other
complainant: { name: "Stand-in", email: stand-in@example.invalid }
handler: { name: "Stand-in", email: stand-in@example.invalid }
terms: { information_due: 2026-01-12, judgement_due: 2026-01-12, resolution_due: 2026-02-05 }
---

## Klacht

~~~text
Stand-in.
~~~
`;
