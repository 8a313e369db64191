import type { z } from "zod";
import { dossierSchema } from "../domain/dossier-schema.ts";
import type { Language } from "../intake/intake-messages.ts";
import { CHOICE_WORDS, FIELD_WORDS, ORDER_WORDS } from "./desk-labels.ts";

/**
 * The desk's Decap CMS configuration, generated from the dossier schema so
 * the two cannot drift: one form field per field of the frontmatter, its
 * widget from the field's type, its choices from the schema's enums. Fields
 * that never change (and the times Docket records) are shown, not edited.
 * Pure: the backend and the categories come in as arguments.
 */

/** Fields a handler never edits: fixed at intake, or written by Docket when a letter goes out. */
export const FIXED_FIELDS: ReadonlySet<string> = new Set([
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
]);

/** Fields the desk shows as a choice of words, not as a yes/no switch: `null` is a third answer. */
export const CODED_FIELDS: ReadonlySet<string> = new Set(["information.complete"]);

/** The order of the form: what is fixed, then the steps of the procedure, then who is involved. */
const ORDER = [
  "id",
  "received_at",
  "channel",
  "terms",
  "status",
  "information",
  "liability",
  "staff_involved",
  "delay",
  "judgement",
  "closed_at",
  "summary",
  "category",
  "language",
  "complainant",
  "handler",
  "page_link",
  "thread",
  "erasure",
  "schema",
];

export const RULES_FIELD = "docket_check";

/**
 * The one value of the form that is not in a dossier: the case's place in the list, computed when the
 * desk reads a dossier (`deskEntry`) and never written back (`applyDeskEdit` writes only the schema's
 * fields). Decap sorts on entry data only, so the list opens on it: open cases first, by the date
 * their position is due, then the closed and withdrawn ones.
 */
export const ORDER_FIELD = "desk_order";

/**
 * Decap's commit messages for a case saved on the desk. Decap's templates
 * know the entry's path, not the case's id, so the `Dossier:` trailer names
 * the dossier by its path (`dossiers/2026/KL-2026-0001/dossier.md`), which
 * the audit reads as the case's id. The desk neither creates nor deletes a
 * dossier; media keep Decap's own messages.
 */
export const DESK_COMMIT_MESSAGES = {
  create: "Create {{path}} on the desk\n\nDossier: {{path}}\n",
  update: "Update {{path}} on the desk\n\nDossier: {{path}}\n",
} as const;
export const BODY_FIELD = "body";

export interface DeskConfigOptions {
  language: Language;
  categories: readonly { id: string; label: Record<Language, string> }[];
  /** The configured handlers' names: the list can be narrowed to one handler's cases, or grouped by handler. */
  handlers?: readonly string[];
  /** Decap's backend block: GitHub with its repository, or the local server's proxy. */
  backend: Record<string, unknown>;
  /** Decap's local backend: the address of `docket serve`'s desk API when the desk runs there. */
  localBackend?: { url: string };
  publishMode: "simple" | "editorial_workflow";
}

/**
 * Decap's backend block: on GitHub (`GITHUB_REPOSITORY` at build) its GitHub backend, at `GITHUB_API_URL`
 * when that is not GitHub's own (`api_root`, an Enterprise Server's `https://HOST/api/v3`), signing in
 * through the desk-auth function on the site; else `docket serve`'s desk API.
 */
export function deskBackend(options: {
  repository: string | undefined;
  apiUrl: string;
  siteOrigin: string;
  authPath: string;
  apiPath: string;
}): Record<string, unknown> {
  if (!options.repository) return { name: "proxy", proxy_url: options.apiPath, branch: "main" };
  return {
    name: "github",
    repo: options.repository,
    branch: "main",
    ...(options.apiUrl === "https://api.github.com" ? {} : { api_root: options.apiUrl }),
    base_url: options.siteOrigin,
    auth_endpoint: options.authPath.replace(/^\//, ""),
  };
}

export type DeskField = Record<string, unknown> & { name: string; widget: string };

export function deskConfig(options: DeskConfigOptions): Record<string, unknown> {
  const { language } = options;
  const shape = dossierSchema.shape as Record<string, z.ZodType>;
  const names = Object.keys(shape).sort((a, b) => rank(a) - rank(b));
  const fields: DeskField[] = [
    {
      name: RULES_FIELD,
      label: words(language, "Regels en brieven", "Rules and letters"),
      widget: "docket-rules",
      required: false,
    },
    ...names.map((name) => formField(name, shape[name] as z.ZodType, name, options, true)),
    { name: ORDER_FIELD, label: ORDER_WORDS[language], widget: "hidden", required: false },
    {
      name: BODY_FIELD,
      label: words(
        language,
        "Dossier: de woorden van de klager en uw aantekeningen",
        "Case file: the complainant's words and your notes",
      ),
      widget: "docket-case-file",
      required: false,
    },
  ];
  return {
    load_config_file: false,
    locale: language,
    backend: { ...options.backend, commit_messages: DESK_COMMIT_MESSAGES },
    ...(options.localBackend ? { local_backend: options.localBackend } : {}),
    publish_mode: options.publishMode,
    show_preview_links: false,
    media_folder: "dossiers/.desk-media",
    collections: [
      {
        name: "dossiers",
        label: words(language, "Zaken", "Cases"),
        label_singular: words(language, "Zaak", "Case"),
        folder: "dossiers",
        extension: "md",
        format: "docket-dossier",
        path: "{{year}}/{{slug}}/dossier",
        create: false,
        delete: false,
        identifier_field: "id",
        summary: "{{id}} · {{terms.judgement_due}} · {{status}} · {{summary}}",
        sortable_fields: [
          { field: ORDER_FIELD, label: ORDER_WORDS[language], default_sort: "asc" },
          "terms.judgement_due",
          "terms.resolution_due",
          "status",
          "id",
        ],
        view_filters: [
          {
            label: words(language, "Open zaken", "Open cases"),
            field: "status",
            pattern: "^(received|in_progress|awaiting_information|hearing|judged)$",
          },
          // Filters combine: "open cases" and a handler's name give that handler's open cases.
          ...(options.handlers ?? []).map((name) => ({
            label: words(language, `Zaken van ${name}`, `Cases of ${name}`),
            field: "handler.name",
            pattern: `^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`,
          })),
        ],
        view_groups: [
          { label: words(language, "Behandelaar", "Handler"), field: "handler.name" },
          { label: words(language, "Status", "Status"), field: "status" },
        ],
        editor: { preview: false },
        fields,
      },
    ],
  };
}

function formField(
  path: string,
  schema: z.ZodType,
  name: string,
  options: DeskConfigOptions,
  /** Whether the block the field is in is always there. */
  present: boolean,
): DeskField {
  const { language } = options;
  const field: DeskField = {
    name,
    label: labelOf(path, language),
    widget: "string",
    // What every dossier has from intake on is required; the rest is filled in as the case needs it.
    required: present && schema._zod.def.type !== "optional",
  };
  const hint = FIELD_WORDS[path]?.hint?.[language];
  if (hint) field.hint = hint;
  const inner = unwrap(schema);
  if (FIXED_FIELDS.has(path)) {
    // A fixed block (or list of blocks) is shown with the desk's words for its fields.
    const def = inner._zod.def as unknown as { type: string; element?: z.ZodType };
    const block = def.type === "array" && def.element ? unwrap(def.element) : inner;
    const shape = (block as unknown as { shape?: Record<string, unknown> }).shape;
    const labels = shape
      ? Object.fromEntries(
          Object.keys(shape).map((key) => [key, labelOf(`${path}.${key}`, language)]),
        )
      : undefined;
    return { ...field, widget: "docket-fixed", ...(labels ? { labels } : {}) };
  }
  const def = inner._zod.def as unknown as Record<string, unknown> & { type: string };
  if (CODED_FIELDS.has(path)) {
    return {
      ...field,
      widget: "select",
      options: ["null", "false", "true"].map((v) => choice(v, language)),
    };
  }
  if (path === "category") {
    return {
      ...field,
      widget: "select",
      options: options.categories.map((c) => ({ label: c.label[language], value: c.id })),
    };
  }
  switch (def.type) {
    case "boolean":
      return { ...field, widget: "boolean" };
    case "enum":
      return {
        ...field,
        widget: "select",
        options: Object.values(def.entries as Record<string, string>).map((v) =>
          choice(v, language),
        ),
      };
    case "object":
      return {
        ...field,
        widget: "object",
        collapsed: false,
        fields: objectFields(inner, path, options, field.required === true),
      };
    case "array": {
      const element = def.element as z.ZodType;
      return {
        ...field,
        widget: "list",
        allow_add: true,
        collapsed: false,
        fields: objectFields(element, path, options, false),
      };
    }
    case "string":
      return { ...field, ...stringWidget(inner) };
    case "number":
      return { ...field, widget: "number", value_type: "int", min: 1 };
    default:
      throw new Error(
        `the desk has no form for ${path} (a ${def.type}): add one in desk-config.ts`,
      );
  }
}

function objectFields(
  schema: z.ZodType,
  path: string,
  options: DeskConfigOptions,
  present: boolean,
): DeskField[] {
  const shape = (unwrap(schema) as unknown as { shape: Record<string, z.ZodType> }).shape;
  return Object.entries(shape).map(([key, child]) =>
    formField(`${path}.${key}`, child, key, options, present),
  );
}

/** Widget of a text field from its checks: a time, a date, one line or free text. */
function stringWidget(schema: z.ZodType): Record<string, unknown> {
  const def = schema._zod.def as unknown as {
    format?: string;
    checks?: { _zod: { def: Record<string, unknown> } }[];
  };
  const checks = (def.checks ?? []).map((c) => c._zod.def);
  if (def.format === "datetime") {
    return {
      widget: "datetime",
      format: "YYYY-MM-DDTHH:mm:ssZ",
      date_format: "YYYY-MM-DD",
      time_format: "HH:mm",
    };
  }
  if (checks.some((c) => c.check === "custom")) {
    return {
      widget: "datetime",
      format: "YYYY-MM-DD",
      date_format: "YYYY-MM-DD",
      time_format: false,
    };
  }
  const max = checks.find((c) => c.check === "max_length")?.maximum;
  return { widget: typeof max === "number" && max > 1000 ? "text" : "string" };
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (["optional", "nullable"].includes(current._zod.def.type)) {
    current = (current._zod.def as unknown as { innerType: z.ZodType }).innerType;
  }
  return current;
}

function labelOf(path: string, language: Language): string {
  const found = FIELD_WORDS[path];
  if (!found) throw new Error(`the desk has no label for ${path}: add one in desk-labels.ts`);
  return found.label[language];
}

function choice(value: string, language: Language) {
  return { label: CHOICE_WORDS[value]?.[language] ?? value, value };
}

function rank(name: string): number {
  const at = ORDER.indexOf(name);
  return at === -1 ? ORDER.length : at;
}

function words(language: Language, nl: string, en: string): string {
  return language === "nl" ? nl : en;
}
