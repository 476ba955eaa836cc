// @ts-check
/**
 * The mock's memory under a legacy replay flood: `fp-giftcards mock --mode stateful` (the
 * built CLI, its own process) gets 12,000 legacy-signed card-status requests, each with a
 * fresh 8 KB Request-Id (94 MiB of ids in all), 10 at a time. The replay guard must keep only
 * its budget (16 MiB per merchant). The peer, in the same run: a fresh mock given the same
 * flood with 36-byte ids, i.e. what the traffic itself costs. The figure is the growth of the
 * memory the server still holds after a full garbage collection (bench/gc-on-signal.cjs,
 * preloaded) from after a warm-up to after the flood; resident memory (VmRSS) is shown too,
 * but it also counts garbage V8 has not collected yet.
 *
 * Run: `npm run build && node bench/mock-memory.mjs [--requests N]`
 */
import { randomUUID } from "node:crypto";
import { Agent, request } from "node:http";
import { fileURLToPath } from "node:url";
import { signLegacy } from "freedompay-gift-cards";
import { startMeasuredMock } from "./measured-mock.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const PATH = "/v5/cards/card_status";
const BODY = JSON.stringify({ card_id: 555 });
// The docs' public example merchant, the mock's default: nothing secret here.
const SIGN = signLegacy(BODY, "secret");
const CONCURRENCY = 10;

const MiB = 1024 * 1024;

/** @returns {Promise<import("./measured-mock.mjs").MeasuredMock>} */
function startMock() {
  return startMeasuredMock(
    [`${ROOT}bin/fp-giftcards.js`, "mock", "--mode", "stateful", "--port", "0"],
    (out) => (out.includes("Ctrl-C") ? /listening on (http:\S+)/.exec(out)?.[1] : undefined),
    { ...process.env, FREEDOMPAY_MOCK_MERCHANTS: "" },
  );
}

/** One legacy-signed request; resolves with the answer's `status`. @param {string} url @param {Agent} agent @param {string} requestId */
function send(url, agent, requestId) {
  const { hostname, port } = new URL(url);
  return new Promise((/** @type {(status: number) => void} */ resolve, reject) => {
    const headers = { "content-type": "application/json", sign: SIGN, "auth-id": "123456", "request-id": requestId };
    const req = request({ host: hostname, port, method: "POST", path: PATH, headers, agent }, (res) => {
      let text = "";
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => resolve(JSON.parse(text).status));
    });
    req.on("error", reject);
    req.end(BODY);
  });
}

/** @param {string} url @param {number} count @param {(i: number) => string} id */
async function flood(url, count, id) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const status = await send(url, agent, id(next++));
      if (status !== -7) throw new Error(`expected -7 (no card 555), got ${status}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  agent.destroy();
}

/** @param {string} label @param {number} count @param {(i: number) => string} id */
async function measure(label, count, id) {
  const mock = await startMock();
  try {
    await flood(mock.url, 500, () => randomUUID()); // warm-up: JIT, sockets, heap settled
    const before = await mock.memory();
    const started = Date.now();
    await flood(mock.url, count, id);
    const seconds = (Date.now() - started) / 1000;
    const after = await mock.memory();
    const held = (/** @type {import("./measured-mock.mjs").Memory} */ m) => (m.heapUsed + m.external) / MiB;
    console.log(
      `| ${label} | ${fmt(held(before))} MiB | ${fmt(held(after))} MiB | **${fmt(held(after) - held(before))} MiB** | ${fmt((after.rss - before.rss) / MiB)} MiB | ${seconds.toFixed(1)} s |`,
    );
  } finally {
    mock.stop();
  }
}

/** @param {number} n */
const fmt = (n) => n.toFixed(1);

const argv = process.argv.slice(2);
const at = argv.indexOf("--requests");
const count = at >= 0 ? Number(argv[at + 1]) : 12_000;
console.log(
  `Mock memory under a legacy replay flood: ${count} requests, ${CONCURRENCY} at a time, node ${process.version}\n`,
);
console.log(
  "| Request-Ids | held after warm-up (heap + external, after GC) | held after the flood | growth | RSS growth (with garbage) | flood time |\n|---|--:|--:|--:|--:|--:|",
);
await measure("36-byte UUIDs (the traffic alone)", count, () => randomUUID());
await measure(`8 KB each (${fmt((count * 8192) / 1048576)} MiB of ids)`, count, (i) => `${i}-`.padEnd(8192, "r"));
