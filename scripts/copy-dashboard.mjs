// `node scripts/copy-dashboard.mjs <dist>`: the dashboard's page, style and script are served
// from beside the compiled src/http/dashboard.js, so they are copied there as they are (tsc
// leaves them out: they are the browser's files, not the package's modules).
import { cpSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const target = process.argv[2];
if (!target) throw new Error("usage: node scripts/copy-dashboard.mjs <dist>");
const from = join(dirname(fileURLToPath(import.meta.url)), "..", "src", "http", "dashboard");
cpSync(from, join(resolve(target), "src", "http", "dashboard"), { recursive: true });
