import { marked } from "marked";
import { describe, expect, it } from "vitest";
import {
  decodeEncodedWords,
  maskAddress,
  maskEmail,
  maskName,
} from "../../automation/github/mask-address.ts";
import {
  codeSpan,
  escapeMarkdown,
  fencedBlock,
  isGitHubLogin,
  neutralizeMentions,
} from "../../automation/github/markdown.ts";
import { encodedWords } from "../../automation/mail/mime.ts";

describe("maskAddress", () => {
  it.each([
    ["Eva Jansen <eva.jansen@example.nl>", "E*** J*** <e***@example.nl>"],
    ['"Jansen, Eva" <eva@example.nl>', "J***, E*** <e***@example.nl>"],
    ["Anne-Marie de Vries <a@example.nl>", "A***-M*** d*** V*** <a***@example.nl>"],
    ["eva.jansen@example.nl", "e***@example.nl"],
    ["<eva@example.nl>", "e***@example.nl"],
    [
      `${encodedWords("Émile Zoë Ĳsselmeer").join(" ")} <emile@example.fr>`,
      "É*** Z*** Ĳ*** <e***@example.fr>",
    ],
  ])("%s → %s", (input, masked) => {
    expect(maskAddress(input)).toBe(masked);
  });

  it("hides how long a name or local part is", () => {
    expect(maskName("Bo")).toBe("B***");
    expect(maskName("Bartholomeus")).toBe("B***");
    expect(maskEmail("a.very.long.local.part@example.nl")).toBe("a***@example.nl");
  });

  it("decodes RFC 2047 words as Docket writes them, and Q-encoding", () => {
    expect(decodeEncodedWords(encodedWords("Zoë ".repeat(20).trim()).join(" "))).toBe(
      "Zoë ".repeat(20).trim(),
    );
    expect(decodeEncodedWords("=?utf-8?Q?Zo=C3=AB_Jansen?=")).toBe("Zoë Jansen");
  });
});

describe("Markdown for GitHub", () => {
  const hostile = [
    "# Kop",
    "<script>alert(1)</script> <img src=x onerror=alert(1)>",
    "@octocat and @acme/handlers, mail klachten@example.nl",
    "```",
    "````` five",
    "</details>",
    "[link](javascript:alert(1)) ![x](https://evil.example/x.png)",
  ].join("\r\n");

  it("fences text with more backticks than any run inside, so no line can close the block", () => {
    const block = fencedBlock(hostile);
    const lines = block.split("\n");
    expect(lines[0]).toBe("``````text");
    expect(lines.at(-1)).toBe("``````");
    expect(block).not.toContain("\r");
    const html = marked.parse(block, { async: false });
    expect(html.match(/<pre>/g)).toHaveLength(1);
    expect(html).not.toMatch(/<(script|img|a|h1)\b/);
    expect(html).toContain("&lt;/details&gt;");
  });

  it("breaks mentions with a zero-width space but leaves e-mail addresses alone", () => {
    expect(neutralizeMentions("@octocat (@acme/team) klachten@example.nl a-b@c.nl @")).toBe(
      "@\u200boctocat (@\u200bacme/team) klachten@example.nl a-b@c.nl @",
    );
    expect(fencedBlock("hi @octocat")).toContain("@\u200boctocat");
  });

  it("puts text into a code span that nothing inside can end", () => {
    expect(codeSpan("a ``b`` c")).toBe("``` a ``b`` c ```");
    const html = marked.parseInline(codeSpan("<b>x</b> `y`"), { async: false });
    expect(html).toBe("<code>&lt;b&gt;x&lt;/b&gt; `y`</code>");
  });

  it("escapes markup in inline text", () => {
    const html = marked.parseInline(escapeMarkdown("*Piet* | <b>x</b> [a](b) @c"), {
      async: false,
    });
    expect(html).not.toMatch(/<(em|b|a)\b/);
    expect(html).toContain("@\u200bc");
  });

  it.each([
    ["sannedevries", true],
    ["sanne-de-vries", true],
    ["-sanne", false],
    ["sanne--vries", false],
    ["sanne vries", false],
    ["a".repeat(40), false],
  ])("isGitHubLogin(%s) is %s", (login, valid) => {
    expect(isGitHubLogin(login)).toBe(valid);
  });
});
