/**
 * Progressive enhancement of the complaint form: checks fields as people
 * go, an error summary that takes focus and links to each field, sending
 * with fetch without a reload, one submission id per form load (a double
 * click files once), and on failure the input kept with a message to retry.
 * Without this script the form posts and the server answers with pages.
 */
import { addCounters } from "./character-count.ts";
import { checkField, type Control } from "./field-check.ts";

interface Problem {
  message: string;
  control?: Control;
  label?: string;
}

const found = document.querySelector<HTMLFormElement>("form[data-complaint-form]");
if (found) enhance(found);

function enhance(form: HTMLFormElement): void {
  const summary = part<HTMLElement>("#error-summary");
  const summaryList = part<HTMLElement>("#error-summary-list");
  const status = part<HTMLElement>("#form-status");
  const notice = part<HTMLElement>("#form-notice");
  const button = part<HTMLButtonElement>("button[type=submit]");
  const submissionId = part<HTMLInputElement>("input[name=submission_id]");
  const text = form.dataset;
  const fields = [...form.querySelectorAll<HTMLElement>("[data-field]")];
  let problems: Problem[] = [];
  let sending = false;
  let sent = false;

  submissionId.value = randomId();
  addCounters(form);
  for (const control of fields.map(controlOf)) {
    if (control) control.dataset.describedby = control.getAttribute("aria-describedby") ?? "";
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (sending) return;
    const found = fields.flatMap((field) => {
      const control = controlOf(field);
      const message = control ? checkField(control, field.dataset) : undefined;
      showFieldError(field, message);
      return message && control ? [{ message, control, label: field.dataset.label }] : [];
    });
    if (found.length > 0) return showSummary(found);
    hideSummary();
    void send();
  });

  // Fields are checked when left (change), and errors clear as soon as they are fixed (input).
  const recheck = (event: Event, always: boolean) => {
    const field = (event.target as Element).closest<HTMLElement>("[data-field]");
    const control = field && controlOf(field);
    if (!field || !control || (!always && !field.classList.contains("has-error"))) return;
    showFieldError(field, checkField(control, field.dataset));
    if (!summary.hidden) refreshSummary();
  };
  form.addEventListener("input", (event) => recheck(event, false));
  form.addEventListener("change", (event) => recheck(event, true));

  summaryList.addEventListener("click", (event) => {
    const link = (event.target as Element).closest("a");
    const target = link && document.getElementById(link.hash.slice(1));
    if (!target) return;
    event.preventDefault();
    (target.closest("[data-field]") ?? target).scrollIntoView({ block: "start" });
    target.focus({ preventScroll: true });
  });

  // Back from the thank-you page (back/forward cache): a fresh form for a new complaint.
  window.addEventListener("pageshow", (event) => {
    if (!event.persisted || !sent) return;
    form.reset();
    submissionId.value = randomId();
    sent = sending = button.disabled = false;
    status.textContent = "";
  });

  async function send(): Promise<void> {
    sending = button.disabled = true;
    notice.textContent = "";
    status.textContent = text.msgSending ?? "";
    let response: Response;
    try {
      response = await fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { accept: "application/json" },
        credentials: "same-origin",
      });
    } catch {
      return fail(text.msgNetwork);
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (response.status === 201 && isRecord(body) && typeof body.id === "string") {
      sent = true;
      status.textContent = text.msgSent ?? "";
      location.assign(`${text.thanks ?? "/"}?id=${encodeURIComponent(body.id)}`);
      return;
    }
    if (response.status === 422 && isRecord(body) && isRecord(body.errors)) {
      done();
      return showSummary(serverProblems(body.errors));
    }
    if (response.status === 413) {
      done();
      const attachments = fields.find((f) => f.dataset.field === "attachments");
      return showSummary(serverProblems({ attachments: attachments?.dataset.msgTotal }));
    }
    const refusal = response.status === 429 && isRecord(body) ? body.message : undefined;
    fail(typeof refusal === "string" ? refusal : text.msgFailed);
  }

  function done(): void {
    sending = button.disabled = false;
    status.textContent = "";
  }

  function fail(message: string | undefined): void {
    done();
    notice.textContent = message ?? "";
    button.focus();
  }

  /** The server's 422 `errors`, shown at their fields where there is one. */
  function serverProblems(errors: Record<string, unknown>): Problem[] {
    const list: Problem[] = [];
    for (const [name, message] of Object.entries(errors)) {
      if (typeof message !== "string") continue;
      const field = fields.find((f) => f.dataset.field === name);
      const control = field && controlOf(field);
      if (field && control) showFieldError(field, message);
      list.push(field && control ? { message, control, label: field.dataset.label } : { message });
    }
    return list.length > 0 ? list : [{ message: text.msgFailed ?? "" }];
  }

  function showSummary(list: Problem[]): void {
    problems = list;
    renderSummary();
    summary.hidden = false;
    summary.focus();
  }

  function refreshSummary(): void {
    problems = problems.flatMap((p) => {
      if (!p.control) return [p];
      const error = document.getElementById(`${p.control.id}-error`);
      return error?.textContent ? [{ ...p, message: error.textContent }] : [];
    });
    if (problems.length === 0) hideSummary();
    else renderSummary();
  }

  function renderSummary(): void {
    summaryList.replaceChildren(
      ...problems.map((p) => {
        const item = document.createElement("li");
        if (!p.control) {
          item.textContent = p.message;
          return item;
        }
        const link = document.createElement("a");
        link.href = `#${p.control.id}`;
        link.textContent = p.label ? `${p.label}: ${p.message}` : p.message;
        item.append(link);
        return item;
      }),
    );
  }

  function hideSummary(): void {
    problems = [];
    summary.hidden = true;
    summaryList.replaceChildren();
  }
}

/** Shows or clears a field's error: the message under its label, aria-invalid and aria-describedby. */
function showFieldError(field: HTMLElement, message: string | undefined): void {
  const control = controlOf(field);
  if (!control) return;
  const errorId = `${control.id}-error`;
  let error = document.getElementById(errorId);
  const described = control.dataset.describedby ?? "";
  field.classList.toggle("has-error", Boolean(message));
  if (!message) {
    error?.remove();
    control.removeAttribute("aria-invalid");
    if (described) control.setAttribute("aria-describedby", described);
    else control.removeAttribute("aria-describedby");
    return;
  }
  if (!error) {
    error = document.createElement("p");
    error.className = "error";
    error.id = errorId;
    if (control.type === "checkbox") field.append(error);
    else control.before(error);
  }
  error.textContent = message;
  control.setAttribute("aria-invalid", "true");
  control.setAttribute("aria-describedby", `${described} ${errorId}`.trim());
}

function controlOf(field: HTMLElement): Control | null {
  return field.querySelector<Control>("input, select, textarea");
}

/** An element the form's markup always has; missing means the page is broken. */
function part<T extends Element>(selector: string): T {
  const element = document.querySelector<T>(selector);
  if (!element) throw new Error(`complaint form: ${selector} is missing`);
  return element;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** A submission id as the API accepts it: 32 hex digits from the browser's random source. */
function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
