import { describe, expect, it } from "vitest";
import { LEADING_BYTES, readIntakeRequest } from "../../automation/intake/read-request.ts";

/** A multipart post as a browser sends it: its fields in order, then the files. */
async function post(fields: [string, string | File][], declareLength: boolean): Promise<Request> {
  const form = new FormData();
  for (const [name, value] of fields) form.append(name, value);
  const encoded = new Response(form);
  const type = encoded.headers.get("content-type") ?? "";
  const body = new Uint8Array(await encoded.arrayBuffer());
  return new Request("https://klachten.example.nl/", {
    method: "POST",
    body,
    headers: {
      "content-type": type,
      ...(declareLength ? { "content-length": String(body.length) } : {}),
    },
  });
}

const big = () => new File([new Uint8Array(22 * 1024 * 1024)], "groot.pdf");

describe("a multipart body too large to take", () => {
  it.each([true, false])(
    "gives back the text fields sent before its files (length declared: %s)",
    async (declared) => {
      const result = await readIntakeRequest(
        await post(
          [
            ["text", "Zoë schreef:\r\n«bewaard»"],
            ["submission_id", "abc12345"],
            ["attachments", big()],
            ["after", "na de bestanden"],
          ],
          declared,
        ),
      );
      expect(result).toMatchObject({ ok: false, status: 413 });
      if (result.ok) return;
      expect(result.leading).toEqual({
        text: "Zoë schreef:\r\n«bewaard»",
        submission_id: "abc12345",
      });
    },
  );

  it("gives back no field cut off by the part it reads, rather than half of it", async () => {
    const result = await readIntakeRequest(
      await post(
        [
          ["submission_id", "abc12345"],
          ["text", "x".repeat(LEADING_BYTES)],
          ["attachments", big()],
        ],
        true,
      ),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.leading).toEqual({ submission_id: "abc12345" });
  });

  it("leaves a form-encoded body too large as it was: refused unread", async () => {
    const request = new Request("https://klachten.example.nl/", {
      method: "POST",
      body: "text=x",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "content-length": "999999999",
      },
    });
    const result = await readIntakeRequest(request);
    expect(result).toMatchObject({ ok: false, status: 413 });
    expect(request.bodyUsed).toBe(false);
  });
});
