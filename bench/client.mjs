// @ts-nocheck -- rewritten by the client/mock benchmark work (issues 9 and 11): it still imports the removed bench/util.mjs
/**
 * Client overhead: what `createGiftCardsClient` costs per call over a bare `fetch`, against one
 * node:http server on 127.0.0.1 answering a fixed, valid card-status body. Same server, same
 * process, same run, so only the ratio means something — absolute µs move with the machine.
 *
 * Besides the two headline lines, diagnostic variants peel the client apart: openapi-fetch
 * alone, plus the signing middleware, the full client without validation, and the client's
 * own signing and result code over fetch(url, init) with no Request object (the proposed fix).
 * signJws, signLegacy and response validation are also timed alone (no HTTP), so a regression
 * can be traced to its layer.
 *
 * Run alone: `npm run build && node bench/client.mjs [--calls N] [--rounds N]`
 */
import createClient from "openapi-fetch";
import { createGiftCardsClient, signJws, signLegacy } from "../dist/src/index.js";
import { signingMiddleware } from "../dist/src/client/sign-middleware.js";
import { fromResponse } from "../dist/src/client/to-result.js";
import { signatureHeaders } from "../dist/src/signing/headers.js";
import { operationValidators } from "../dist/src/openapi/validators.js";
import { CARD_STATUS_BODY, startFixedJsonServer } from "./fixed-server.mjs";
import { fmt, fmtSpread, heading, isMain, summarize, table, verdict } from "./util.mjs";

export const TARGET_RATIO = 1.3;
const PATH = "/v5/cards/card_status";
const AUTH_ID = "123456";
// A throwaway credential for a local server; never a real merchant's secret.
const SECRET = "bench-secret";
const REQUEST = { card_id: 555 };
const ANSWER = CARD_STATUS_BODY;

function flag(argv, name, fallback) {
  const i = argv.indexOf(name);
  const value = i >= 0 ? Number(argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} needs a positive integer`);
  return value;
}


function check(condition, what) {
  if (!condition) throw new Error(`client benchmark: ${what} did not get the expected answer`);
}

/** The HTTP variants: each makes one call and checks the answer (an unnoticed failure would be fast). */
function httpVariants(baseUrl) {
  const url = `${baseUrl}${PATH}`;
  const client = createGiftCardsClient({ baseUrl, authId: AUTH_ID, secret: SECRET });
  const unvalidated = createGiftCardsClient({ baseUrl, authId: AUTH_ID, secret: SECRET, validateResponses: false });
  const bare = createClient({ baseUrl });
  const signed = createClient({ baseUrl });
  signed.use(signingMiddleware({ authId: AUTH_ID, secret: SECRET, scheme: "jws" }));
  const validators = operationValidators("getCardStatus");
  return [
    {
      name: "raw fetch (POST JSON, read JSON)",
      headline: "raw",
      async call() {
        const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(REQUEST) });
        check((await res.json()).status === 0, "raw fetch");
      },
    },
    {
      name: "createGiftCardsClient().getCardStatus (sign + validate + result)",
      headline: "client",
      async call() {
        check((await client.getCardStatus(REQUEST)).ok, "the client");
      },
    },
    {
      name: "  diag: openapi-fetch POST alone (no signing, no validation)",
      async call() {
        check((await bare.POST(PATH, { body: REQUEST })).data?.status === 0, "openapi-fetch");
      },
    },
    {
      name: "  diag: openapi-fetch + the client's signing middleware",
      async call() {
        check((await signed.POST(PATH, { body: REQUEST })).data?.status === 0, "openapi-fetch + signing");
      },
    },
    {
      name: "  diag: client with validateResponses: false",
      async call() {
        check((await unvalidated.getCardStatus(REQUEST)).ok, "the unvalidated client");
      },
    },
    {
      // Alternative fix, keeping openapi-fetch: sign the serialized string before the call (no
      // middleware, so no request.clone()), sent as is by an identity bodySerializer.
      name: "  diag: openapi-fetch, body signed before the call (no clone)",
      async call() {
        const body = JSON.stringify(REQUEST);
        const headers = signatureHeaders({ scheme: "jws", method: "POST", uri: PATH, body, authId: AUTH_ID, secret: SECRET });
        const answer = await bare.POST(PATH, { body, bodySerializer: (text) => text, headers, parseAs: "text", signal: AbortSignal.timeout(30_000) });
        check(fromResponse(answer.response, answer.data, validators, true).ok, "openapi-fetch, signed before");
      },
    },
    {
      // What the fix proposed in BENCHMARKS.md would cost: the client's own signing and result
      // code (compiled), but fetch(url, init) with the signed string — no Request object.
      name: "  diag: proposed fix — fetch(url, init) + signatureHeaders + fromResponse",
      async call() {
        const body = JSON.stringify(REQUEST);
        const headers = { "content-type": "application/json", ...signatureHeaders({ scheme: "jws", method: "POST", uri: PATH, body, authId: AUTH_ID, secret: SECRET }) };
        const res = await fetch(url, { method: "POST", headers, body, signal: AbortSignal.timeout(30_000) });
        check(fromResponse(res, await res.text(), validators, true).ok, "the proposed fix");
      },
    },
  ];
}

async function timeCalls(call, calls) {
  const start = performance.now();
  for (let i = 0; i < calls; i += 1) await call();
  return ((performance.now() - start) * 1000) / calls;
}

/**
 * One round: every variant makes `calls` calls, in blocks of BLOCK taken in turn (the order
 * rotating each turn), so background load on a shared 2-core machine falls on all variants
 * alike instead of on whichever ran during a burst. Returns µs per call for each variant.
 */
const BLOCK = 100;
async function interleavedRound(variants, calls) {
  const totals = variants.map(() => 0);
  const blocks = Math.ceil(calls / BLOCK);
  for (let b = 0; b < blocks; b += 1) {
    const size = Math.min(BLOCK, calls - b * BLOCK);
    for (let k = 0; k < variants.length; k += 1) {
      const i = (k + b) % variants.length;
      totals[i] += (await timeCalls(variants[i].call, size)) * size;
    }
  }
  return totals.map((micros) => micros / calls);
}

function timeSync(fn, iterations) {
  const start = performance.now();
  for (let i = 0; i < iterations; i += 1) fn();
  return ((performance.now() - start) * 1000) / iterations;
}

/**
 * Runs the benchmark, prints its tables, and returns the summary rows for bench/run.mjs.
 * @param {{ calls?: number, rounds?: number, warmup?: number, log?: (line: string) => void }} [options]
 */
export async function run({ calls = 2000, rounds = 5, warmup = 500, log = console.log } = {}) {
  const command = "npm run build && node bench/client.mjs";
  log(heading(`Client overhead (${calls} sequential calls per variant × ${rounds} rounds, interleaved in blocks of ${BLOCK}; per call)`, command));
  const server = await startFixedJsonServer();
  try {
    const variants = httpVariants(server.url);
    for (const variant of variants) await timeCalls(variant.call, warmup);
    const samples = variants.map(() => []);
    const ratios = [];
    const rawIndex = variants.findIndex((v) => v.headline === "raw");
    const clientIndex = variants.findIndex((v) => v.headline === "client");
    for (let round = 0; round < rounds; round += 1) {
      const perCall = await interleavedRound(variants, calls);
      perCall.forEach((micros, i) => samples[i].push(micros));
      ratios.push(perCall[clientIndex] / perCall[rawIndex]);
    }
    const stats = samples.map(summarize);
    const rawMedian = stats[0].median;
    log(
      table([
        ["variant", "µs/call median (min–max)", "× raw fetch"],
        ...variants.map((variant, i) => [variant.name, fmtSpread(stats[i]), `${fmt(stats[i].median / rawMedian, 2)}×`]),
      ]),
    );
    const ratio = summarize(ratios);
    const [raw, full, bare, signed, , , fixed] = stats.map((stat) => stat.median);
    const delta = (a, b) => `${a - b >= 0 ? "+" : "−"}${fmt(Math.abs(a - b), 0)} µs`;
    log(
      `\nwhere the client's extra time goes (differences of medians): openapi-fetch's Request path ${delta(bare, raw)}, ` +
        `signing middleware ${delta(signed, bare)}, the client's own timeout/validation/result ${delta(full, signed)}; ` +
        `without a Request object (proposed fix) ${delta(fixed, raw)} over raw fetch`,
    );

    const iterations = 20_000;
    const body = JSON.stringify(REQUEST);
    const validators = operationValidators("getCardStatus");
    const parsed = JSON.parse(ANSWER);
    const isolated = [
      ["signJws (HS512 detached JWS)", () => signJws({ method: "POST", uri: PATH, authId: AUTH_ID, body, secret: SECRET })],
      ["signLegacy (SHA-256 Sign)", () => signLegacy(body, SECRET)],
      ["response validation (Ajv, parsed body)", () => validators.response(parsed)],
      ["JSON.parse + response validation", () => validators.response(JSON.parse(ANSWER))],
    ];
    for (const [, fn] of isolated) timeSync(fn, iterations);
    const isolatedSamples = isolated.map(() => []);
    for (let round = 0; round < rounds; round += 1) {
      isolated.forEach(([, fn], i) => isolatedSamples[i].push(timeSync(fn, iterations)));
    }
    log(`\nIn isolation, no HTTP (${iterations} iterations × ${rounds} rounds):`);
    log(table([["step", "µs/call median (min–max)"], ...isolated.map(([name], i) => [name, fmtSpread(summarize(isolatedSamples[i]), (v) => fmt(v, 2))])]));

    const met = ratio.median <= TARGET_RATIO;
    log(`\nclient / raw fetch: ${fmt(ratio.median, 2)}× (per-round ${fmt(ratio.min, 2)}–${fmt(ratio.max, 2)}×), target ≤ ${TARGET_RATIO}× — ${verdict(met)}`);
    return {
      name: "client",
      command,
      summary: [
        ["raw fetch, µs/call", fmt(stats[0].median), "", ""],
        ["client, µs/call", fmt(stats[1].median), "", ""],
        ["client / raw fetch", `${fmt(ratio.median, 2)}×`, `≤ ${TARGET_RATIO}×`, verdict(met)],
        ["signJws alone, µs/call", fmt(summarize(isolatedSamples[0]).median, 2), "", ""],
        ["response validation alone, µs/call", fmt(summarize(isolatedSamples[2]).median, 2), "", ""],
      ],
    };
  } finally {
    await server.close();
  }
}

if (isMain(import.meta.url)) {
  const argv = process.argv.slice(2);
  await run({ calls: flag(argv, "--calls", 2000), rounds: flag(argv, "--rounds", 5) });
}
