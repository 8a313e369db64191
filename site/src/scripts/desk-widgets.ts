import { applyDeskEdit, SOURCE_FIELD } from "../../../automation/desk/desk-edit.ts";
import { fieldWords, ruleText, type ShownViolation } from "../../../automation/desk/desk-labels.ts";

/**
 * Docket's widgets in Decap CMS, written with the `h` and `createClass`
 * Decap puts on the page (no React of our own): a field shown but never
 * edited, the case file (the complainant's words read-only, the handler's
 * notes editable) and the rules and letters of the save being made.
 */
type Props = Record<string, unknown> & {
  value?: unknown;
  field?: unknown;
  forID: string;
  classNameWrapper: string;
  onChange: (value: unknown) => void;
  entry?: DraftEntry;
  getEntry?: () => DraftEntry;
};
type DraftEntry = { get(key: string): unknown; toJS(): Record<string, unknown> };
type El = unknown;
type H = (type: string, props: Record<string, unknown> | null, ...children: unknown[]) => El;
interface ClassSpec {
  render(this: { props: Props; state: Record<string, unknown> }): El;
  [key: string]: unknown;
}
export interface Decap {
  registerWidget(name: string, control: unknown, preview?: unknown): void;
  registerCustomFormat(name: string, extension: string, format: unknown): void;
  init(options: { config: unknown }): void;
}

const WORDS = {
  nl: {
    complaint: "De woorden van de klager (alleen lezen)",
    notes: "Uw aantekeningen (Onderzoek, Wederhoor, Oordeel)",
    checking: "De regels worden nagekeken…",
    fine: "Deze stap breekt geen regel.",
    broken: "Deze stap breekt een regel; opslaan kan pas als dit is opgelost:",
    none: "Opslaan verstuurt geen brieven.",
    letters: (n: number) => `Opslaan verstuurt ${n} ${n === 1 ? "brief" : "brieven"}:`,
    to: "Aan",
    text: "Tekst van de brief",
    offline: "De controle is nu niet bereikbaar; de regels worden bij het opslaan gecontroleerd.",
    invalid: "los eerst de regels op die hierboven staan",
    onGitHub:
      "Welke brieven de merge verstuurt, staat in de reactie Letters this merge will send op de pull request.",
    detail: "Melding van de controle (Engels)",
  },
  en: {
    complaint: "The complainant's words (read-only)",
    notes: "Your notes (Investigation, Hearing, Judgement)",
    checking: "Checking the rules…",
    fine: "This step breaks no rule.",
    broken: "This step breaks a rule; it can be saved once this is fixed:",
    none: "Saving sends no letters.",
    letters: (n: number) => `Saving sends ${n} letter${n === 1 ? "" : "s"}:`,
    to: "To",
    text: "Text of the letter",
    offline: "The check cannot be reached now; the rules are checked when you save.",
    invalid: "first fix the rules listed above",
    onGitHub:
      "The letters the merge will send are in the comment Letters this merge will send on the pull request.",
    detail: "",
  },
};

interface Verdict {
  violations: ShownViolation[];
  /** False when the browser judged the rules itself and no letters could be previewed. */
  remote?: boolean;
  preview?: { letters: { letter: string; to: string[]; subject: string; text: string }[] };
}

/** The rules judged in the browser, where no server answers the desk (on GitHub). */
export type LocalJudge = (change: {
  path: string;
  before: string;
  raw: string;
}) => Verdict["violations"];

export function registerDeskWidgets(cms: Decap, language: "nl" | "en", judge: LocalJudge): void {
  const w = WORDS[language];
  const global = window as unknown as { h: H; createClass: (spec: ClassSpec) => unknown };
  const { h, createClass } = global;

  const fixed = createClass({
    render() {
      const { value, forID, classNameWrapper, field } = this.props;
      const labels = (field as { get(key: string): { toJS(): Record<string, string> } | undefined })
        ?.get("labels")
        ?.toJS();
      return h(
        "div",
        {
          id: forID,
          className: `${classNameWrapper} docket-fixed`,
          style: { whiteSpace: "pre-line" },
        },
        shownValue(value, labels ?? {}),
      );
    },
  });

  const caseFile = createClass({
    render() {
      const { value, forID, classNameWrapper, onChange } = this.props;
      const body = typeof value === "string" ? value : "";
      const [words, notes] = splitCaseFile(body);
      return h(
        "div",
        { className: classNameWrapper },
        h("p", { id: `${forID}-words-label` }, w.complaint),
        h(
          "pre",
          { className: "docket-words", tabIndex: 0, "aria-labelledby": `${forID}-words-label` },
          complaintText(words),
        ),
        h("label", { htmlFor: forID }, w.notes),
        h("textarea", {
          id: forID,
          rows: 12,
          value: notes,
          style: { width: "100%", fontFamily: "inherit", fontSize: "1rem" },
          onChange: (event: { target: { value: string } }) => onChange(words + event.target.value),
        }),
      );
    },
  });

  const rules = createClass({
    getInitialState() {
      return { verdict: undefined, pending: false, offline: false, raw: "" };
    },
    // Decap renders a field again only when its own value changes: the widget reads the form as it
    // is now (getEntry) a few times a second, and asks the server only when the dossier would differ.
    componentDidMount(this: Checker) {
      this.check();
      this.poll = window.setInterval(() => this.check(), 250);
    },
    componentWillUnmount(this: Checker) {
      window.clearInterval(this.poll);
      window.clearTimeout(this.timer);
    },
    check(this: Checker) {
      const entry = this.props.getEntry?.() ?? this.props.entry;
      if (!entry) return;
      const data = (entry.get("data") as { toJS(): Record<string, unknown> }).toJS();
      const path = String(entry.get("path") ?? "");
      let raw: string;
      try {
        raw = applyDeskEdit(String(data[SOURCE_FIELD] ?? ""), data);
      } catch {
        return;
      }
      if (raw === this.state.raw) return;
      this.setState({ raw, pending: true });
      window.clearTimeout(this.timer);
      this.timer = window.setTimeout(() => {
        fetch("/api/desk/v1", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ action: "docketCheck", params: { path, raw } }),
        })
          .then(async (response) => {
            if (response.status === 404 || response.status === 405) return { local: true } as const;
            if (!response.ok) throw new Error(String(response.status));
            return (await response.json()) as Verdict;
          })
          .then((answer) => {
            // No desk API here (GitHub): the same rules, judged in the browser; the letters are in the
            // pull request's preview comment.
            const verdict: Verdict =
              "local" in answer
                ? {
                    violations: judge({ path, before: String(data[SOURCE_FIELD] ?? ""), raw }),
                    remote: false,
                  }
                : answer;
            if (this.state.raw === raw) this.setState({ verdict, pending: false, offline: false });
          })
          .catch(() => this.setState({ pending: false, offline: true }));
      }, 300);
    },
    isValid(this: Checker) {
      const found = this.state.verdict?.violations ?? [];
      const first = found[0];
      return first ? { error: { message: `${w.invalid}: ${ruleText(first, language)}` } } : true;
    },
    render(this: Checker) {
      const { forID, classNameWrapper } = this.props;
      const { verdict, pending, offline } = this.state;
      const found = verdict?.violations ?? [];
      const letters = verdict?.preview?.letters ?? [];
      const status = pending
        ? w.checking
        : offline
          ? w.offline
          : found.length > 0
            ? w.broken
            : w.fine;
      return h(
        "div",
        {
          id: forID,
          className: `${classNameWrapper} docket-rules`,
          role: "status",
          "aria-live": "polite",
        },
        h("p", { className: found.length > 0 ? "docket-broken" : "docket-fine" }, status),
        found.length > 0
          ? h(
              "ul",
              null,
              // The field as the form names it, then the rule: in Dutch the handler's words, with the
              // check's exact message (the words of a refused push, in English) folded under them.
              ...found.map((v) => {
                const text = ruleText(v, language);
                const shown = v.field ? `${fieldWords(v.field, language)}: ${text}` : text;
                return text === v.message
                  ? h("li", null, shown)
                  : h(
                      "li",
                      null,
                      shown,
                      h(
                        "details",
                        { className: "docket-detail" },
                        h("summary", null, w.detail),
                        h("p", { lang: "en" }, v.message),
                      ),
                    );
              }),
            )
          : null,
        !pending && !offline && found.length === 0 && verdict
          ? h(
              "div",
              null,
              h(
                "p",
                null,
                verdict.remote === false
                  ? w.onGitHub
                  : letters.length === 0
                    ? w.none
                    : w.letters(letters.length),
              ),
              ...letters.map((l) =>
                h(
                  "details",
                  { className: "docket-letter" },
                  h("summary", null, `${l.subject} — ${w.to}: ${l.to.join(", ")}`),
                  h("pre", { "aria-label": w.text }, l.text),
                ),
              ),
            )
          : null,
      );
    },
  } as unknown as ClassSpec);

  cms.registerWidget("docket-fixed", fixed);
  cms.registerWidget("docket-case-file", caseFile);
  cms.registerWidget("docket-rules", rules);
}

type Checker = {
  props: Props;
  state: { verdict?: Verdict; pending: boolean; offline: boolean; raw: string };
  setState(state: Partial<Checker["state"]>): void;
  timer?: number;
  poll?: number;
  check(): void;
};

/** A fixed value as text: an object's fields one per line; a list's items apart by an empty line. */
function shownValue(value: unknown, labels: Record<string, string>): string {
  const plain =
    value && typeof value === "object" && "toJS" in value
      ? (value as { toJS(): unknown }).toJS()
      : value;
  if (Array.isArray(plain)) {
    return plain.length === 0 ? "—" : plain.map((item) => shownValue(item, labels)).join("\n\n");
  }
  if (plain && typeof plain === "object") {
    return Object.entries(plain as Record<string, unknown>)
      .map(([k, v]) => `${labels[k] ?? k}: ${String(v)}`)
      .join("\n");
  }
  return plain === undefined || plain === null ? "—" : String(plain);
}

/** The body up to the end of the complainant's fenced words, and the handler's part after it. */
export function splitCaseFile(body: string): [string, string] {
  const lines = body.split("\n");
  const heading = lines.findIndex((l) => l.trim() === "## Klacht");
  if (heading === -1) return ["", body];
  const open = lines.findIndex((l, i) => i > heading && /^(~{3,}|`{3,})/.test(l.trim()));
  const fence = /^(~{3,}|`{3,})/.exec(lines[open]?.trim() ?? "")?.[1];
  const close = fence ? lines.findIndex((l, i) => i > open && l.trim() === fence) : -1;
  if (close === -1) return ["", body];
  const words = `${lines.slice(0, close + 1).join("\n")}\n`;
  return [words, body.slice(words.length)];
}

function complaintText(words: string): string {
  const lines = words.replace(/\n$/, "").split("\n");
  const open = lines.findIndex((l) => /^(~{3,}|`{3,})/.test(l.trim()));
  return lines.slice(open + 1, -1).join("\n");
}
