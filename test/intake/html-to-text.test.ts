import { describe, expect, it } from "vitest";
import { decodeEntities, htmlToText } from "../../automation/intake/html-to-text.ts";

describe("htmlToText", () => {
  it.each([
    [
      "blocks become lines",
      "<div>een</div><div>twee<br>drie</div><p>vier</p>",
      "een\ntwee\ndrie\n\nvier",
    ],
    ["lists get dashes", "<ul><li>een</li><li>twee</li></ul>", "- een\n- twee"],
    ["source line breaks are spaces", "<p>een\n  twee\tdrie</p>", "een twee drie"],
    ["pre keeps its lines", "<pre>a\n  b</pre>", "a\nb"],
    ["a quoted > does not end a tag", '<img alt="a > b" src=x>tekst', "tekst"],
    ["an unclosed script hides the rest", "zichtbaar<script>alert(1)", "zichtbaar"],
    ["a closing tag with spaces ends a script", "<SCRIPT>x</script >na", "na"],
    ["comments and doctype are dropped", "<!DOCTYPE html><!-- <b>x</b> -->a", "a"],
    ["a lone < is text", "1 < 2 en 3 <= 4", "1 < 2 en 3 <= 4"],
    ["a link keeps its address once", '<a href="https://x.nl">https://x.nl</a>', "https://x.nl"],
    ["mailto shows the address", "<a href='mailto:a@b.nl'>mail ons</a>", "mail ons (a@b.nl)"],
    ["javascript: links show no address", '<a href="javascript:alert(1)">klik</a>', "klik"],
    [
      "encoded tags stay text",
      "&lt;script&gt;alert(1)&lt;/script&gt;",
      "<script>alert(1)</script>",
    ],
  ])("%s", (_, html, text) => {
    expect(htmlToText(html)).toBe(text);
  });
});

describe("decodeEntities", () => {
  it("decodes named, decimal, hexadecimal and Windows-1252 references", () => {
    expect(decodeEntities("&euro;&#8364;&#x20AC;&#128; &eacute;&euml; &rsquo;&#146; &amp")).toBe(
      "€€€€ éë ’’ &",
    );
  });

  it("replaces impossible code points and leaves unknown names alone", () => {
    expect(decodeEntities("&#0;&#xD800;&#x110000; &bogus; &copy")).toBe(
      "\ufffd\ufffd\ufffd &bogus; &copy",
    );
  });
});
