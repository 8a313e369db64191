import type { AuditReport } from "./audit-report.ts";

/**
 * The report as JSON, exactly `JSON.stringify(report, null, 2)` and a line
 * end, in pieces of about `size` characters: a history of 100,000 commits
 * makes a JSON text of about 100 MB, which need not be held whole. Pure.
 */
export function* auditJson(report: AuditReport, size = 1 << 20): Generator<string> {
  let piece = "{\n";
  const entries = Object.entries(report).filter(([, value]) => value !== undefined);
  for (const [i, [key, value]] of entries.entries()) {
    const comma = i < entries.length - 1 ? "," : "";
    if (key === "dossiers" && Array.isArray(value) && value.length > 0) {
      piece += '  "dossiers": [\n';
      for (const [j, dossier] of value.entries()) {
        piece += `    ${indent(JSON.stringify(dossier, null, 2), "    ")}${j < value.length - 1 ? "," : ""}\n`;
        if (piece.length >= size) {
          yield piece;
          piece = "";
        }
      }
      piece += `  ]${comma}\n`;
    } else {
      piece += `  ${JSON.stringify(key)}: ${indent(JSON.stringify(value, null, 2), "  ")}${comma}\n`;
    }
  }
  yield `${piece}}\n`;
}

function indent(json: string, by: string): string {
  return json.replace(/\n/g, `\n${by}`);
}
