/**
 * A counter under a short field (`data-counter` on its `.field`): how many
 * characters are left, or how many too many, as people type. The field no
 * longer stops typing at its limit; the check on sending names the problem.
 * Screen readers hear the count when typing pauses, from a polite live region,
 * and with the field's description when they reach it.
 */
export function addCounters(root: ParentNode): void {
  for (const field of root.querySelectorAll<HTMLElement>("[data-counter]")) {
    const control = field.querySelector<HTMLInputElement | HTMLTextAreaElement>("input, textarea");
    const max = Number(field.dataset.max);
    if (!control || !(max > 0)) continue;
    const id = field.dataset.counter ?? `${control.id}-counter`;
    const shown = document.createElement("p");
    shown.className = "counter";
    shown.id = id;
    const spoken = document.createElement("p");
    spoken.className = "sr-only";
    spoken.setAttribute("aria-live", "polite");
    control.after(shown, spoken);
    control.removeAttribute("maxlength");
    const described = control.getAttribute("aria-describedby");
    control.setAttribute("aria-describedby", described ? `${described} ${id}` : id);

    const message = () => {
      const left = max - control.value.length;
      const data = field.dataset;
      const text =
        left >= 0
          ? left === 1
            ? data.msgLeftOne
            : data.msgLeft
          : left === -1
            ? data.msgOverOne
            : data.msgOver;
      shown.classList.toggle("over", left < 0);
      return (text ?? "").replace("{n}", String(Math.abs(left)));
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const update = () => {
      shown.textContent = message();
      clearTimeout(timer);
      timer = setTimeout(() => (spoken.textContent = message()), 1000);
    };
    shown.textContent = message();
    control.addEventListener("input", update);
  }
}
