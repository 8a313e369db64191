import { caseSteps, writeHistory } from "./audit-bench.ts";
const dir = process.argv[2] ?? "";
const count = Number(process.argv[3] ?? 1000);
await writeHistory(dir, count, 6);
const ids = Array.from(
  { length: Number(process.argv[4] ?? 100) },
  (_, n) => caseSteps(n, count, 6)[0]?.files[0]?.path.split("/")[2] ?? "",
);
console.log(ids.join(" "));
