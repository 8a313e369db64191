import { applyDeskEdit, deskEntry, SOURCE_FIELD } from "../../../automation/desk/desk-edit.ts";
import { judgeDeskSave } from "../../../automation/desk/desk-check.ts";
import { createCalendar } from "../../../automation/domain/calendar.ts";
import type { ChangeContext } from "../../../automation/domain/check-change.ts";
import { registerDeskWidgets, type Decap } from "./desk-widgets.ts";

/**
 * Starts Decap CMS on the desk's page: loads it from /desk/cms/ (a copy of
 * the package in node_modules, never another site), registers the dossier
 * format and Docket's widgets, and starts it with the configuration the
 * page carries, generated from the dossier schema at build.
 */
declare global {
  interface Window {
    CMS_MANUAL_INIT?: boolean;
    CMS?: Decap;
  }
}

const settings = JSON.parse(
  document.getElementById("docket-desk-config")?.textContent ?? "{}",
) as Record<string, unknown> & { local_backend?: { url: string } };
if (settings.local_backend) {
  // Decap wants the local backend's full address; the page knows its own origin.
  settings.local_backend = { url: new URL(settings.local_backend.url, location.href).href };
}

const rules = JSON.parse(document.getElementById("docket-desk-rules")?.textContent ?? "{}") as Omit<
  ChangeContext,
  "calendar"
> & { closingDays: string[] };
const context: ChangeContext = {
  ...rules,
  calendar: createCalendar({ closingDays: rules.closingDays }),
};

// When a field's check stops a save, Decap has shown the field's error and then rejects the save with
// nothing (`Promise.reject()`), which nobody awaits: that is the form working, not an error of the page.
// Only that exact shape is quieted; any other rejection stays an error.
window.addEventListener("unhandledrejection", (event) => {
  if (event.reason === undefined) event.preventDefault();
});

window.CMS_MANUAL_INIT = true;
const script = document.createElement("script");
script.src = "/desk/cms/decap-cms.js";
script.addEventListener("load", () => {
  const cms = window.CMS;
  if (!cms) return;
  cms.registerCustomFormat("docket-dossier", "md", {
    fromFile: (text: string) => deskEntry(text),
    toFile: (data: Record<string, unknown>) =>
      applyDeskEdit(String(data[SOURCE_FIELD] ?? ""), data),
  });
  registerDeskWidgets(cms, document.documentElement.lang === "en" ? "en" : "nl", (change) =>
    judgeDeskSave(change, context, new Date()).violations.map((v) => ({
      field: v.field ?? "",
      rule: v.rule,
      message: v.message,
    })),
  );
  document.getElementById("docket-desk-loading")?.remove();
  cms.init({ config: settings });
});
document.head.append(script);
