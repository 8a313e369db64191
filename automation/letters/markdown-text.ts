import type { MarkedToken, Token, Tokens } from "marked";

/**
 * `markdownText`: a letter's Markdown as plain text that reads well in any
 * mail client: headings, emphasis and code as their words, list items with
 * a bullet, code in ‘quotes’, a link as its text with the address after it.
 * No Markdown marks are left. Pure; `tokens` are the lexer's tokens the HTML part is rendered
 * from, so both parts read the template the same way.
 */
export function markdownText(tokens: readonly Token[]): string {
  return blocks(tokens, "").replace(/\n{3,}/g, "\n\n");
}

const BULLET = "• ";

function blocks(tokens: readonly Token[], indent: string): string {
  const out: string[] = [];
  for (const token of tokens as MarkedToken[]) {
    switch (token.type) {
      case "space":
        break;
      case "heading":
      case "paragraph":
        out.push(indented(inline(token.tokens), indent));
        break;
      case "text":
        out.push(indented(token.tokens ? inline(token.tokens) : token.text, indent));
        break;
      case "list":
        out.push(list(token, indent));
        break;
      case "blockquote":
        out.push(blocks(token.tokens, `${indent}  `));
        break;
      case "code":
        out.push(indented(token.text, indent));
        break;
      case "hr":
        out.push(`${indent}———`);
        break;
      case "table":
        out.push(table(token, indent));
        break;
      case "html":
        out.push(indented(token.text.trim(), indent));
        break;
      default:
        out.push(indented(token.raw.trim(), indent));
    }
  }
  return out.filter((block) => block !== "").join("\n\n");
}

function list(token: Tokens.List, indent: string): string {
  const start = typeof token.start === "number" ? token.start : 1;
  const items = token.items.map((item, index) => {
    const mark = token.ordered ? `${start + index}. ` : BULLET;
    const body = blocks(item.tokens, `${indent}${" ".repeat(mark.length)}`).trimStart();
    return `${indent}${mark}${body}`;
  });
  return items.join(token.loose ? "\n\n" : "\n");
}

function table(token: Tokens.Table, indent: string): string {
  const row = (cells: Tokens.TableCell[]) => cells.map((c) => inline(c.tokens)).join(" | ");
  return [row(token.header), ...token.rows.map(row)].map((line) => `${indent}${line}`).join("\n");
}

function inline(tokens: readonly Token[]): string {
  return (tokens as MarkedToken[])
    .map((token) => {
      switch (token.type) {
        case "strong":
        case "em":
        case "del":
          return inline(token.tokens);
        case "link":
          return link(inline(token.tokens), token.href);
        case "image":
          return token.text;
        case "br":
          return "\n";
        case "codespan":
          // A field name or value the reader types: set off by quotes instead of backticks.
          return `‘${decodeEntities(token.text)}’`;
        case "escape":
          return token.text;
        case "text":
          return "tokens" in token && token.tokens
            ? inline(token.tokens)
            : decodeEntities(token.text);
        default:
          return "text" in token ? token.text : token.raw;
      }
    })
    .join("");
}

/** `[KL-2026-0001](https://…)` → "KL-2026-0001 (https://…)"; a bare address once. */
function link(text: string, href: string): string {
  const target = href.replace(/^mailto:/i, "");
  return text === target || text === href ? text : `${text} (${target})`;
}

function indented(text: string, indent: string): string {
  return text
    .split("\n")
    .map((line) => `${indent}${line}`)
    .join("\n");
}

/** marked leaves the entities of the source in text tokens: `&amp;` reads as `&` in a text part. */
function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}
