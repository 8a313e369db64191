import { describe, expect, it } from "vitest";
import { fillThankYouPage } from "../../automation/intake/thank-you-page.ts";

const BUILT = [
  '<a class="lang-switch" href="/en/thank-you/" hreflang="en" data-keep-query>English</a>',
  '<p class="lead dossier-line" data-dossier>',
  'Je dossiernummer is <strong class="dossier-id" data-dossier-id></strong>.',
  "</p>",
].join("\n");

describe("fillThankYouPage", () => {
  it("writes the case number in, shows its line and keeps it on the language switch", () => {
    const page = fillThankYouPage(BUILT, "KL-2026-0042");
    expect(page).toContain('<strong class="dossier-id" data-dossier-id>KL-2026-0042</strong>');
    expect(page).toContain('<p class="lead dossier-line shown" data-dossier>');
    expect(page).toContain('href="/en/thank-you/?id=KL-2026-0042"');
  });

  it.each([null, "", "<script>alert(1)</script>", "KL-2026-1 OR 1=1", "kl-2026-0042"])(
    "leaves the page as built for %j",
    (id) => {
      expect(fillThankYouPage(BUILT, id)).toBe(BUILT);
    },
  );
});
