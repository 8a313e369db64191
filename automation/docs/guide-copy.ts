/**
 * The handlers' guide (`dossiers/README.md`) as it is copied into a new
 * dossier repository. In Docket's own folder its screenshots sit beside it
 * (`../docs/screenshots/…`); the dossier repository has no `docs/`, so there
 * each image, or table of images, becomes one sentence that says where the
 * screenshots are. Pure: text in, text out.
 */

/** An image whose file lies outside `dossiers/`: `![words](../somewhere.png)`. */
const OUTSIDE_IMAGE = /!\[([^\]]*)\]\(\.\.\/[^)\s]*(?:\s+"[^"]*")?\)/g;

const SENTENCE = {
  nl: "_De schermafbeeldingen hiervan staan in de README van Docket zelf (`docs/screenshots/` in de map van Docket)._",
  en: "_The screenshots of this are in Docket's own README (`docs/screenshots/` in Docket's folder)._",
} as const;

export function guideCopy(text: string): string {
  const lines = text.split("\n");
  const out: string[] = [];
  let language: keyof typeof SENTENCE = "nl";
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (/^## English\s*$/.test(line)) language = "en";
    if (line.startsWith("|")) {
      // A table: kept unless one of its rows is made of such images only.
      let end = i;
      while ((lines[end + 1] ?? "").startsWith("|")) end++;
      const table = lines.slice(i, end + 1);
      out.push(...(table.some(onlyOutsideImages) ? [SENTENCE[language]] : table));
      i = end;
    } else if (onlyOutsideImages(line)) {
      out.push(SENTENCE[language]);
    } else {
      // An image in running text keeps its words.
      out.push(line.replace(OUTSIDE_IMAGE, (_, words: string) => words));
    }
  }
  return out.join("\n");
}

function onlyOutsideImages(line: string): boolean {
  return (
    line.replace(OUTSIDE_IMAGE, "").trim() !== line.trim() &&
    line.replace(OUTSIDE_IMAGE, "").replace(/\|/g, "").trim() === ""
  );
}
