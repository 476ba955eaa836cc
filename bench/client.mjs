// @ts-check
/**
 * The client per call against raw fetch: one loopback server answering a fixed, valid card-status
 * body (fixed-server.mjs), the same process, the same run, so only ratios mean something. The
 * variants take turns in blocks of 100 calls, so background load falls on all of them alike;
 * every answer is checked (a failing call would be fast). Then signing and validation alone: the
 * "signJws computed" row shows what signing costs among the I/O, where caches are cold.
 *
 *   npm run build && node bench/client.mjs [--calls 2000] [--rounds 5]
 */
import { createGiftCardsClient, signJws, signLegacy } from "freedompay-gift-cards-client";
import { operationTable } from "../generated/gift-cards.runtime.js";
import { CARD_STATUS_BODY, startFixedJsonServer } from "./fixed-server.mjs";

/** @param {string} name @param {number} fallback */
const flag = (name, fallback) =>
  process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback;
const CALLS = flag("--calls", 2000);
const ROUNDS = flag("--rounds", 5);
const BLOCK = 100;
const PATH = "/v5/cards/card_status";
const SECRET = "bench-secret"; // a throwaway credential for a local server
const body = JSON.stringify({ card_id: 555 });

/** @param {number[]} values */
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
/** @param {boolean} ok @param {string} what */
const check = (ok, what) => {
  if (!ok) throw new Error(`client benchmark: ${what} did not get the expected answer`);
};

const server = await startFixedJsonServer();
const options = { baseUrl: server.url, authId: "123456", secret: SECRET };
const client = createGiftCardsClient(options);
const unvalidated = createGiftCardsClient({ ...options, validateResponses: false });
/** @type {[string, () => Promise<void>][]} */
const variants = [
  [
    "raw fetch (POST JSON, read JSON)",
    async () => {
      const res = await fetch(`${server.url}${PATH}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      check((await res.json()).status === 0, "raw fetch");
    },
  ],
  [
    "  diag: raw fetch, and signJws computed (not sent)",
    async () => {
      signJws({ method: "POST", uri: PATH, authId: "123456", body, secret: SECRET });
      const res = await fetch(`${server.url}${PATH}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      check((await res.json()).status === 0, "raw fetch");
    },
  ],
  [
    "client.getCardStatus (signed, guarded, validated)",
    async () => check((await client.getCardStatus({ card_id: 555 })).ok, "the client"),
  ],
  [
    "  diag: the same, validateResponses: false",
    async () => check((await unvalidated.getCardStatus({ card_id: 555 })).ok, "the unvalidated client"),
  ],
  [
    "  diag: client.raw.POST (openapi-fetch, same signing and guards)",
    async () => check((await client.raw.POST(PATH, { body: { card_id: 555 } })).data?.status === 0, "raw"),
  ],
];

/** Mean µs per call of `calls` sequential calls. @param {() => Promise<void>} call @param {number} calls */
async function time(call, calls) {
  const start = performance.now();
  for (let i = 0; i < calls; i += 1) await call();
  return ((performance.now() - start) * 1000) / calls;
}

for (const [, call] of variants) await time(call, 300); // warm-up
/** @type {number[][]} µs per call, per variant, per round */
const rounds = variants.map(() => []);
for (let round = 0; round < ROUNDS; round += 1) {
  const totals = variants.map(() => 0);
  for (let block = 0; block < CALLS / BLOCK; block += 1) {
    for (let k = 0; k < variants.length; k += 1) {
      const i = (k + block) % variants.length;
      totals[i] =
        (totals[i] ?? 0) + (await time(/** @type {[string, () => Promise<void>]} */ (variants[i])[1], BLOCK)) * BLOCK;
    }
  }
  totals.forEach((total, i) => rounds[i]?.push(total / CALLS));
}
await server.close();

console.log(
  `Per call, ${CALLS} calls × ${ROUNDS} rounds, Node ${process.version} — npm run build && node bench/client.mjs`,
);
const raw = /** @type {number[]} */ (rounds[0]);
variants.forEach(([name], i) => {
  const own = /** @type {number[]} */ (rounds[i]);
  const ratios = own.map((micros, round) => micros / /** @type {number} */ (raw[round]));
  console.log(
    `${name.padEnd(66)} ${median(own).toFixed(1).padStart(7)} µs  (${Math.min(...own).toFixed(0)}–${Math.max(...own).toFixed(0)})  ${median(ratios).toFixed(2)}× raw fetch`,
  );
});

/** Mean µs of a synchronous step. @param {() => unknown} step */
function timeSync(step, iterations = 20_000) {
  for (let i = 0; i < 2000; i += 1) step();
  const start = performance.now();
  for (let i = 0; i < iterations; i += 1) step();
  return ((performance.now() - start) * 1000) / iterations;
}
const answer = JSON.parse(CARD_STATUS_BODY);
const { success } = operationTable.getCardStatus;
check(success(answer), "the generated validator");
console.log("\nAlone, no HTTP (median of 5 × 20,000):");
for (const [name, step] of /** @type {[string, () => unknown][]} */ ([
  [
    "signJws (HS512 detached JWS, as the client signs)",
    () => signJws({ method: "POST", uri: PATH, authId: "123456", body, secret: SECRET }),
  ],
  ["signLegacy (SHA-256 Sign)", () => signLegacy(body, SECRET)],
  ["validation (generated validator, parsed body)", () => success(answer)],
  ["JSON.parse + validation", () => success(JSON.parse(CARD_STATUS_BODY))],
])) {
  console.log(
    `${name.padEnd(66)} ${median([0, 1, 2, 3, 4].map(() => timeSync(step)))
      .toFixed(2)
      .padStart(7)} µs`,
  );
}
