import { benchErase } from "./erase-bench.ts";
await benchErase(Number(process.env.N ?? 1000), 6, Number(process.env.E ?? 100));
