import type { z } from "zod";
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { declaredDossier } from "../../automation/audit/history.ts";
import {
  deskConfig,
  FIXED_FIELDS,
  ORDER_FIELD,
  type DeskField,
} from "../../automation/desk/desk-config.ts";
import {
  FIELD_WORDS,
  fieldWords,
  ORDER_WORDS,
  RULE_WORDS,
  ruleText,
} from "../../automation/desk/desk-labels.ts";
import { RULES } from "../../automation/domain/violation.ts";
import { dossierPath } from "../../automation/domain/dossier-layout.ts";
import { dossierSchema } from "../../automation/domain/dossier-schema.ts";

/** Every field path of the dossier schema, as `information.complete`, with its schema. */
function schemaFields(schema: z.ZodType, prefix = ""): Map<string, z.ZodType> {
  const out = new Map<string, z.ZodType>();
  let inner = schema;
  while (["optional", "nullable"].includes(inner._zod.def.type)) {
    inner = (inner._zod.def as unknown as { innerType: z.ZodType }).innerType;
  }
  if (inner._zod.def.type === "array") {
    return schemaFields((inner._zod.def as unknown as { element: z.ZodType }).element, prefix);
  }
  const shape = (inner as unknown as { shape?: Record<string, z.ZodType> }).shape;
  if (!shape) return out;
  for (const [key, child] of Object.entries(shape)) {
    const path = prefix ? `${prefix}.${key}` : key;
    out.set(path, child);
    for (const [p, s] of schemaFields(child, path)) out.set(p, s);
  }
  return out;
}

/**
 * Every field path of the desk's form (Docket's own widgets for rules and the case file aside); with
 * `desk`, also the desk-only values a dossier never holds.
 */
function formFields(fields: DeskField[], prefix = "", desk = false): Map<string, DeskField> {
  const out = new Map<string, DeskField>();
  for (const field of fields) {
    if (field.widget === "docket-rules" || field.widget === "docket-case-file") continue;
    if (!prefix && !desk && field.name === ORDER_FIELD) continue;
    const path = prefix ? `${prefix}.${field.name}` : field.name;
    out.set(path, field);
    if (Array.isArray(field.fields)) {
      for (const [p, f] of formFields(field.fields as DeskField[], path)) out.set(p, f);
    }
    // A fixed block is shown whole: its fields are in the labels it carries.
    if (field.labels) {
      for (const key of Object.keys(field.labels))
        out.set(`${path}.${key}`, { ...field, name: key });
    }
  }
  return out;
}

const config = (language: "nl" | "en") =>
  deskConfig({
    language,
    categories: [
      { id: "invoice", label: { nl: "Factuur", en: "Invoice" } },
      { id: "service", label: { nl: "Dienstverlening", en: "Service" } },
    ],
    backend: { name: "proxy", proxy_url: "/api/desk/v1" },
    publishMode: "simple",
  });

const fieldsOf = (language: "nl" | "en") =>
  ((config(language).collections as { fields: DeskField[] }[])[0]?.fields ?? []) as DeskField[];

describe("the desk's configuration and the dossier schema", () => {
  const schema = schemaFields(dossierSchema);

  it.each(["nl", "en"] as const)(
    "has one form field for every field of the schema, and no other but the list's order (%s)",
    (language) => {
      const form = formFields(fieldsOf(language), "", true);
      expect([...form.keys()].sort()).toEqual([...schema.keys(), ORDER_FIELD].sort());
      // The one desk-only value is hidden in the form, and no dossier field bears its name.
      expect(form.get(ORDER_FIELD)).toEqual({
        name: ORDER_FIELD,
        label: ORDER_WORDS[language],
        widget: "hidden",
        required: false,
      });
      expect(schema.has(ORDER_FIELD)).toBe(false);
    },
  );

  it.each(["nl", "en"] as const)(
    "opens the list of cases on the desk's order: open cases first, by due date (%s)",
    (language) => {
      const collection = (config(language).collections as Record<string, unknown>[])[0] ?? {};
      const sortable = collection.sortable_fields as (string | Record<string, unknown>)[];
      expect(sortable.filter((s) => typeof s !== "string")).toEqual([
        { field: ORDER_FIELD, label: ORDER_WORDS[language], default_sort: "asc" },
      ]);
      expect(ORDER_WORDS).toEqual({
        nl: "Open zaken eerst, op termijn",
        en: "Open cases first, by due date",
      });
    },
  );

  it("offers exactly the schema's choices for every enumerated field", () => {
    const form = formFields(fieldsOf("en"));
    for (const [path, field] of schema) {
      let inner = field;
      while (["optional", "nullable"].includes(inner._zod.def.type)) {
        inner = (inner._zod.def as unknown as { innerType: z.ZodType }).innerType;
      }
      const fixed = [...FIXED_FIELDS].some((f) => path === f || path.startsWith(`${f}.`));
      if (inner._zod.def.type !== "enum" || fixed) continue;
      const entries = Object.values((inner._zod.def as unknown as { entries: object }).entries);
      const options = (form.get(path)?.options as { value: string }[]).map((o) => o.value);
      expect(options, path).toEqual(entries);
    }
  });

  it("never lets a fixed field be edited, and every other field can be", () => {
    const form = formFields(fieldsOf("en"));
    for (const [path, field] of form) {
      const fixed = [...FIXED_FIELDS].some((f) => path === f || path.startsWith(`${f}.`));
      expect(field.widget === "docket-fixed", path).toBe(fixed);
    }
    expect(FIXED_FIELDS).toEqual(
      new Set([
        "id",
        "schema",
        "received_at",
        "channel",
        "terms",
        "thread",
        "information.requested_at",
        "staff_involved.informed_at",
        "liability.insurer_informed_at",
        "erasure",
      ]),
    );
  });

  it("has words in Dutch and English for every field, and none for a field that is gone", () => {
    expect(Object.keys(FIELD_WORDS).sort()).toEqual([...schema.keys()].sort());
    for (const words of Object.values(FIELD_WORDS)) {
      expect(words.label.nl).not.toBe("");
      expect(words.label.en).not.toBe("");
    }
  });

  it("names the field of a broken rule as the form does: the step, the item, the field", () => {
    expect(fieldWords("staff_involved[0].summary", "en")).toBe(
      "Step 5: hear the staff involved › 1 › Summary of the comment",
    );
    expect(fieldWords("delay.new_date", "nl")).toBe("Stap 6: uitstel › Nieuwe datum");
    expect(fieldWords("status", "en")).toBe("Status");
    // Every field of the schema has words; a field the desk does not know keeps its path.
    for (const path of schema.keys()) expect(fieldWords(path, "nl"), path).not.toBe(path);
    expect(fieldWords("unknown.field", "en")).toBe("unknown.field");
  });

  it("has the handler's words in Dutch and English for every rule a step can break", () => {
    expect(Object.keys(RULE_WORDS).sort()).toEqual(Object.keys(RULES).sort());
    for (const [rule, words] of Object.entries(RULE_WORDS)) {
      expect(words.nl, rule).toMatch(/\S/);
      expect(words.en, rule).toMatch(/\S/);
      expect(words.nl, rule).not.toBe(words.en);
    }
  });

  it("shows a broken rule on the Dutch desk in the handler's words, on the English one as checked", () => {
    const broken = {
      field: "delay.new_date",
      rule: "delay",
      message: "delay.new_date must be after the judgement term 2026-12-01",
    };
    expect(ruleText(broken, "nl")).toBe(
      "Uitstel heeft een reden en een nieuwe datum ná de termijn voor het oordeel.",
    );
    expect(ruleText(broken, "en")).toBe(broken.message);
    // A code the desk does not know keeps the check's message.
    expect(ruleText({ ...broken, rule: "unknown" }, "nl")).toBe(broken.message);
  });

  it("shows the complainant's words read-only and never lets the desk create or delete a dossier", () => {
    const collection = (config("nl").collections as Record<string, unknown>[])[0] ?? {};
    expect(collection.create).toBe(false);
    expect(collection.delete).toBe(false);
    expect(fieldsOf("nl").find((f) => f.name === "body")?.widget).toBe("docket-case-file");
  });

  it("offers the configured categories", () => {
    const category = formFields(fieldsOf("nl")).get("category");
    expect(category?.options).toEqual([
      { label: "Factuur", value: "invoice" },
      { label: "Dienstverlening", value: "service" },
    ]);
  });

  it("writes a Dossier: trailer naming the case's path into every commit a save makes", () => {
    const backend = config("en").backend as { commit_messages?: Record<string, string> };
    for (const kind of ["create", "update"]) {
      const template = backend.commit_messages?.[kind] ?? "";
      // Decap fills {{path}} with the entry's path; git reads the trailer from the message's last paragraph.
      const message = template.replaceAll("{{path}}", dossierPath("KL-2026-0001"));
      const trailers = execFileSync("git", ["interpret-trailers", "--parse", "--no-divider"], {
        input: message,
        encoding: "utf8",
      });
      expect(trailers, kind).toBe("Dossier: dossiers/2026/KL-2026-0001/dossier.md\n");
      expect(declaredDossier(trailers.slice("Dossier: ".length).trim())).toBe("KL-2026-0001");
    }
  });
});

describe("the desk's list", () => {
  const collection = (handlers: string[]) =>
    (
      deskConfig({
        language: "nl",
        categories: [{ id: "invoice", label: { nl: "Factuur", en: "Invoice" } }],
        handlers,
        backend: { name: "proxy", proxy_url: "/api/desk/v1" },
        publishMode: "simple",
      }).collections as {
        view_filters: { label: string; field: string; pattern: string }[];
        view_groups: { field: string }[];
      }[]
    )[0];

  it("narrows to one handler's cases by their exact name, and groups by handler", () => {
    const list = collection(["Sanne de Vries", "J. (Joris) Bakker+"]);
    const byHandler = list?.view_filters.filter((f) => f.field === "handler.name") ?? [];
    expect(byHandler.map((f) => f.label)).toEqual([
      "Zaken van Sanne de Vries",
      "Zaken van J. (Joris) Bakker+",
    ]);
    // Decap tests the pattern against the value: only that handler, whatever characters the name has.
    const [sanne, joris] = byHandler.map((f) => new RegExp(f.pattern));
    expect(sanne?.test("Sanne de Vries")).toBe(true);
    expect(sanne?.test("Sanne de Vries-Jansen")).toBe(false);
    expect(joris?.test("J. (Joris) Bakker+")).toBe(true);
    expect(joris?.test("Jx (Joris) Bakker")).toBe(false);
    expect(list?.view_groups.map((g) => g.field)).toEqual(["handler.name", "status"]);
  });

  it("has no handler filters when none are given", () => {
    expect(collection([])?.view_filters.map((f) => f.field)).toEqual(["status"]);
  });
});
