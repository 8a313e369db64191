/**
 * The plain text of an HTML e-mail, for complaints that come without a text
 * part. Nothing is rendered or run: a small scanner drops every tag (with
 * quoted `>` inside attributes), skips what is never text (scripts, styles,
 * the head, comments), turns blocks into line breaks, keeps the address of a
 * web link beside its text, and decodes character references. What comes
 * out is text; `&lt;script&gt;` becomes the characters `<script>`, which the
 * dossier stores inertly and letters escape.
 */
export function htmlToText(html: string): string {
  const out: string[] = [];
  let pre = 0;
  let link: { href: string; start: number } | undefined;
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf("<", i);
    out.push(textOf(html.slice(i, lt < 0 ? html.length : lt), pre > 0));
    if (lt < 0) break;
    if (html.startsWith("<!--", lt)) {
      const end = html.indexOf("-->", lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    const tag = TAG.exec(html.slice(lt, lt + 80));
    if (!tag) {
      if (/^<[!?]/.test(html.slice(lt, lt + 2))) i = tagEnd(html, lt + 2);
      else {
        out.push("<"); // a lone `<` is text
        i = lt + 1;
      }
      continue;
    }
    const closing = tag[1] === "/";
    const name = (tag[2] ?? "").toLowerCase();
    const end = tagEnd(html, lt + tag[0].length);
    const attributes = html.slice(lt + tag[0].length, end);
    i = end;
    if (!closing && SKIPPED.has(name)) {
      const close = new RegExp(`</${name}\\s*>`, "gi");
      close.lastIndex = i;
      const found = close.exec(html);
      i = found ? found.index + found[0].length : html.length;
      continue;
    }
    if (name === "pre") pre = Math.max(0, pre + (closing ? -1 : 1));
    if (name === "a" && !closing) {
      const href = decodeEntities(
        HREF.exec(attributes)
          ?.slice(1)
          .find((v) => v !== undefined) ?? "",
      );
      link = /^(https?:|mailto:)/i.test(href.trim())
        ? { href: href.trim(), start: out.length }
        : undefined;
    } else if (name === "a" && link) {
      const shown = link.href.replace(/^mailto:/i, "");
      if (!out.slice(link.start).join("").includes(shown)) out.push(` (${shown})`);
      link = undefined;
    }
    if (name === "br") out.push("\n");
    else if (name === "li" && !closing) out.push(`${LINE}- `);
    else if (PARAGRAPHS.has(name)) out.push(PARAGRAPH);
    else if (LINES.has(name)) out.push(LINE);
    else if ((name === "td" || name === "th") && !closing) out.push(" ");
  }
  return out
    .join("")
    .replace(/[ \t]*[\uE000\uE001][\uE000\uE001 \t]*/g, (run) =>
      run.includes(PARAGRAPH) ? "\n\n" : "\n",
    )
    .replace(/\u00a0/g, " ")
    .replace(/\u00ad/g, "")
    .split("\n")
    .map((line) => line.replace(/^ +|[ \t]+$/g, ""))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Where blocks meet: runs of these become one line break, or a blank line if a paragraph is in it. */
const LINE = "\uE000";
const PARAGRAPH = "\uE001";
const TAG = /^<(\/?)([A-Za-z][A-Za-z0-9-]*)/;
const HREF = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i;
const SKIPPED = words("script style head title template");
const PARAGRAPHS = words("p h1 h2 h3 h4 h5 h6 blockquote table ul ol pre hr");
const LINES = words("div tr li section article header footer dt dd address");

function words(list: string): Set<string> {
  return new Set(list.split(" "));
}

/** The index after the `>` that ends a tag begun before `from`, skipping quoted values. */
function tagEnd(html: string, from: number): number {
  let quote: string | undefined;
  for (let i = from; i < html.length; i++) {
    const c = html[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ">") return i + 1;
  }
  return html.length;
}

function textOf(raw: string, preformatted: boolean): string {
  const text = decodeEntities(
    preformatted ? raw.replace(/\r\n?/g, "\n") : raw.replace(/[ \t\r\n\f]+/g, " "),
  );
  return text.replace(/[\uE000\uE001]/g, "");
}

/** Latin-1's named references, in code point order from U+00A0. */
const LATIN1 = (
  "nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn " +
  "sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave " +
  "Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml " +
  "ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN " +
  "szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute " +
  "icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml " +
  "yacute thorn yuml"
).split(" ");

/** Other references e-mail programs write, as name and character pairs. */
const OTHERS =
  "amp & lt < gt > quot \" apos ' euro € ndash – mdash — lsquo ‘ rsquo ’ sbquo ‚ ldquo “ " +
  "rdquo ” bdquo „ hellip … bull • trade ™ dagger † permil ‰ lsaquo ‹ rsaquo › OElig Œ " +
  "oelig œ Scaron Š scaron š Yuml Ÿ fnof ƒ circ ˆ tilde ˜";

const NAMED = new Map<string, string>([
  ...LATIN1.map((name, i): [string, string] => [name, String.fromCodePoint(0xa0 + i)]),
  ...pairs(OTHERS),
  ["ensp", "\u2002"],
  ["emsp", "\u2003"],
  ["thinsp", "\u2009"],
  ["zwnj", "\u200c"],
  ["zwj", "\u200d"],
]);

function pairs(list: string): [string, string][] {
  const parts = list.split(" ");
  return parts.flatMap((name, i): [string, string][] =>
    i % 2 === 0 ? [[name, parts[i + 1] ?? ""]] : [],
  );
}

/** Windows-1252 characters that HTML reads for the C1 code points 0x80-0x9F. */
const C1 = new Map<number, string>(
  [..."€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ"].map((c, i) => [0x80 + i, c]),
);

/** Numeric references and the named ones above; anything unknown stays as written. */
export function decodeEntities(text: string): string {
  return text.replace(
    /&(?:#(\d{1,8})|#[xX]([0-9A-Fa-f]{1,7})|([A-Za-z][A-Za-z0-9]{1,31}));?/g,
    (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
      if (name !== undefined) {
        const legacy = ["amp", "lt", "gt", "quot", "nbsp"].includes(name);
        const value = NAMED.get(name);
        return value !== undefined && (whole.endsWith(";") || legacy) ? value : whole;
      }
      const code = dec !== undefined ? Number(dec) : parseInt(hex ?? "", 16);
      const c1 = C1.get(code);
      if (c1 !== undefined) return c1;
      if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return "\ufffd";
      return String.fromCodePoint(code);
    },
  );
}
