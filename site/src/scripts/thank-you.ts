/**
 * The thank-you page: shows the case number from `?id=` when it is one
 * (KL-2026-0001), as text, and carries it over to the other language's page.
 */
const DOSSIER_ID = /^[A-Z]{1,8}-\d{4}-\d{4,}$/;

const id = new URLSearchParams(location.search).get("id") ?? "";
const valid = DOSSIER_ID.test(id);
for (const line of document.querySelectorAll<HTMLElement>("[data-dossier]")) {
  const slot = line.querySelector<HTMLElement>("[data-dossier-id]");
  if (valid && slot) slot.textContent = id;
  line.classList.toggle("shown", valid);
  line.hidden = !valid;
}
if (valid) {
  for (const link of document.querySelectorAll<HTMLAnchorElement>("a[data-keep-query]")) {
    link.setAttribute("href", `${link.pathname}?id=${encodeURIComponent(id)}`);
  }
}
export {};
