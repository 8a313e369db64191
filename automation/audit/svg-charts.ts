/**
 * Bar charts as inline SVG: no script, no external resource, a text label
 * on every bar, and an accessible name (`role="img"`, `<title>`, `<desc>`
 * that reads out the figures). Pure.
 */

export interface Bar {
  label: string;
  value: number;
}

export interface Series {
  name: string;
  colour: string;
  /** Colour of a count written on a bar of this series. */
  ink: string;
}

export interface StackedRow {
  label: string;
  values: number[];
}

const WIDTH = 640;
const LABEL = 190;
const PLOT = 380;
const ROW = 26;
const BAR = 18;

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

function frame(id: string, title: string, description: string, height: number, body: string[]) {
  return [
    `<svg role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${WIDTH} ${height}" width="100%" class="chart">`,
    `<title id="${id}-title">${escapeXml(title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(description)}</desc>`,
    ...body,
    "</svg>",
  ].join("\n");
}

/** Horizontal bars, one per label, with the count beside each. */
export function barChart(options: { id: string; title: string; bars: readonly Bar[] }): string {
  const { id, title, bars } = options;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const body = bars.map((b, i) => {
    const y = 8 + i * ROW;
    const w = (b.value / max) * PLOT;
    return [
      `<text x="${LABEL - 8}" y="${y + BAR / 2}" text-anchor="end" dominant-baseline="middle" class="label">${escapeXml(b.label)}</text>`,
      `<rect x="${LABEL}" y="${y}" width="${w.toFixed(1)}" height="${BAR}" class="bar"/>`,
      `<text x="${(LABEL + w + 6).toFixed(1)}" y="${y + BAR / 2}" dominant-baseline="middle" class="value">${b.value}</text>`,
    ].join("");
  });
  const description = bars.map((b) => `${b.label}: ${b.value}`).join("; ") || "no data";
  return frame(id, title, description, 16 + Math.max(1, bars.length) * ROW, body);
}

/** One stacked bar per row, its segments in the order of `series`, with a legend below. */
export function stackedBarChart(options: {
  id: string;
  title: string;
  series: readonly Series[];
  rows: readonly StackedRow[];
}): string {
  const { id, title, series, rows } = options;
  const max = Math.max(1, ...rows.map((r) => r.values.reduce((a, b) => a + b, 0)));
  const body: string[] = [];
  rows.forEach((row, i) => {
    const y = 8 + i * ROW;
    body.push(
      `<text x="${LABEL - 8}" y="${y + BAR / 2}" text-anchor="end" dominant-baseline="middle" class="label">${escapeXml(row.label)}</text>`,
    );
    let x = LABEL;
    row.values.forEach((value, s) => {
      const w = (value / max) * PLOT;
      const style = series[s];
      if (w <= 0 || !style) return;
      body.push(
        `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${BAR}" fill="${style.colour}"><title>${escapeXml(`${row.label}, ${style.name}: ${value}`)}</title></rect>`,
      );
      if (w >= 8 * String(value).length + 6) {
        body.push(
          `<text x="${(x + w / 2).toFixed(1)}" y="${y + BAR / 2}" text-anchor="middle" dominant-baseline="middle" style="fill: ${style.ink}" class="value">${value}</text>`,
        );
      }
      x += w;
    });
    const total = row.values.reduce((a, b) => a + b, 0);
    body.push(
      `<text x="${(x + 6).toFixed(1)}" y="${y + BAR / 2}" dominant-baseline="middle" class="value">${total}</text>`,
    );
  });
  const legendY = 14 + rows.length * ROW;
  series.forEach((s, i) => {
    const x = LABEL + i * 105;
    body.push(
      `<rect x="${x}" y="${legendY}" width="12" height="12" fill="${s.colour}"/>`,
      `<text x="${x + 17}" y="${legendY + 6}" dominant-baseline="middle" class="label">${escapeXml(s.name)}</text>`,
    );
  });
  const description =
    rows
      .map(
        (r) => `${r.label}: ${r.values.map((v, s) => `${series[s]?.name ?? s} ${v}`).join(", ")}`,
      )
      .join("; ") || "no data";
  return frame(id, title, description, legendY + 22, body);
}
