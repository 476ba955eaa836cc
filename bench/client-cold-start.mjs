// @ts-check
/**
 * Whole-process cold start, as a serverless function or a CLI pays it on every start: a fresh
 * `node` that imports the client and creates it, against one that imports openapi-fetch and
 * creates its client, side by side (paired runs, order alternating), from this repo's root where
 * both resolve as in an app (the client through its workspace link, the toolkit by its own
 * name; both built).
 *
 *   npm run build && node bench/client-cold-start.mjs [--runs 15]
 */
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const RUNS = process.argv.includes("--runs") ? Number(process.argv[process.argv.indexOf("--runs") + 1]) : 15;
const programs = {
  "node (empty program, the floor)": "",
  "openapi-fetch: import + createClient":
    "import createClient from 'openapi-fetch'; createClient({ baseUrl: 'http://127.0.0.1:4010' });",
  "freedompay-gift-cards-client: import + createGiftCardsClient":
    "import { createGiftCardsClient } from 'freedompay-gift-cards-client'; createGiftCardsClient({ baseUrl: 'http://127.0.0.1:4010', authId: '1', secret: 's' });",
  "  diag: the same through the toolkit's re-export (freedompay-gift-cards)":
    "import { createGiftCardsClient } from 'freedompay-gift-cards'; createGiftCardsClient({ baseUrl: 'http://127.0.0.1:4010', authId: '1', secret: 's' });",
};

/** Wall ms of one fresh process. @param {string} program */
function start(program) {
  const begin = performance.now();
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", program], { cwd: ROOT, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`cold-start benchmark: the program failed: ${run.stderr}`);
  return performance.now() - begin;
}
/** @param {number[]} values */
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

const names = Object.keys(programs);
/** @type {Record<string, number[]>} */
const times = Object.fromEntries(names.map((name) => [name, []]));
for (let run = 0; run <= RUNS; run += 1) {
  const order = run % 2 === 0 ? names : [...names].reverse();
  for (const name of order) {
    const ms = start(programs[/** @type {keyof typeof programs} */ (name)]);
    if (run > 0) times[name]?.push(ms); // run 0 warms the file cache
  }
}
const [, fetchName, clientName] = /** @type {[string, string, string]} */ (names);
const ratios = (times[clientName] ?? []).map((ms, i) => ms / (times[fetchName]?.[i] ?? NaN));
console.log(
  `Cold start, whole process, median of ${RUNS} paired runs, Node ${process.version} — npm run build && node bench/client-cold-start.mjs`,
);
for (const name of names)
  console.log(
    `${name.padEnd(72)} ${median(times[name] ?? [])
      .toFixed(1)
      .padStart(6)} ms`,
  );
console.log(`client / openapi-fetch: ${median(ratios).toFixed(2)}× (median of the paired ratios)`);
