// @ts-check
/**
 * The journal and the SMS outbox stay bounded: a stateful mock (its own process, the built
 * package's `startMock`) gets 100,000 JWS-signed resend-code requests for one card, 10 at a time:
 * every one is journalled and "sends" an SMS, while the card store does not grow. The peer, in
 * the same run: the same flood with the journal off (`journalSize: 0`). The figure is the growth
 * of the memory held after a full garbage collection (bench/gc-on-signal.cjs) from after a
 * warm-up to after the flood; the journal keeps 1,000 entries and the outbox 1,000 messages,
 * whatever the flood.
 *
 * Run: `npm run build && node bench/journal-memory.mjs [--requests N]`
 */
import { Agent, request } from "node:http";
import { signJws } from "freedompay-gift-cards";
import { startMeasuredMock } from "./measured-mock.mjs";

const CONCURRENCY = 10;
const MiB = 1024 * 1024;
// The docs' public example merchant, the mock's default: nothing secret here.
const MERCHANT = { authId: "123456", secret: "secret" };

/** @param {number} journalSize */
function startMock(journalSize) {
  const script = `import(${JSON.stringify(new URL("../dist/src/mock/index.js", import.meta.url).href)}).then(async (m) => {
    const mock = await m.startMock({ mode: "stateful", port: 0, journalSize: ${journalSize} });
    console.log("URL " + mock.url);
  })`;
  return startMeasuredMock(["--input-type=module", "-e", script], (out) => /URL (http:\S+)/.exec(out)?.[1]);
}

/** One signed request; resolves with the answer's body. @param {string} url @param {Agent} agent @param {string} path @param {object} body */
function send(url, agent, path, body) {
  const { hostname, port } = new URL(url);
  const text = JSON.stringify(body);
  const headers = {
    "content-type": "application/json",
    "x-jws-signature": signJws({ method: "POST", uri: path, body: text, ...MERCHANT }),
  };
  return new Promise((/** @type {(answer: any) => void} */ resolve, reject) => {
    const req = request({ host: hostname, port, method: "POST", path, headers, agent }, (res) => {
      let answer = "";
      res.on("data", (chunk) => (answer += chunk));
      res.on("end", () => resolve(JSON.parse(answer)));
    });
    req.on("error", reject);
    req.end(text);
  });
}

/** @param {string} url @param {number} cardId @param {number} count */
async function flood(url, cardId, count) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let next = 0;
  const worker = async () => {
    while (next++ < count) {
      const answer = await send(url, agent, "/v5/cards/resend_code", { card_id: cardId });
      if (answer.status !== 0) throw new Error(`expected status 0, got ${JSON.stringify(answer)}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  agent.destroy();
}

/** @param {number} n */
const fmt = (n) => n.toFixed(1);

/** @param {string} label @param {number} journalSize @param {number} count */
async function measure(label, journalSize, count) {
  const mock = await startMock(journalSize);
  try {
    const agent = new Agent({ keepAlive: true });
    const issued = await send(mock.url, agent, "/v5/cards/issue_card", {
      cardholder_name: "IVANOV IVAN",
      phone: 79651234567,
      product_code: 1,
    });
    agent.destroy();
    await flood(mock.url, issued.card_id, 2000); // warm-up: JIT, sockets, and the rings filled
    const before = await mock.memory();
    const started = Date.now();
    await flood(mock.url, issued.card_id, count);
    const seconds = (Date.now() - started) / 1000;
    const after = await mock.memory();
    const sms = await (await fetch(`${mock.url}/__control/sms?limit=1000`)).json();
    const journal =
      journalSize > 0
        ? (await (await fetch(`${mock.url}/__control/requests?limit=${journalSize}`)).json()).requests.length
        : 0;
    const held = (/** @type {import("./measured-mock.mjs").Memory} */ m) => (m.heapUsed + m.external) / MiB;
    console.log(
      `| ${label} | ${fmt(held(before))} MiB | ${fmt(held(after))} MiB | **${fmt(held(after) - held(before))} MiB** | ${journal} | ${sms.messages.length} | ${seconds.toFixed(1)} s |`,
    );
  } finally {
    mock.stop();
  }
}

const argv = process.argv.slice(2);
const at = argv.indexOf("--requests");
const count = at >= 0 ? Number(argv[at + 1]) : 100_000;
console.log(
  `Journal and SMS outbox under a flood: ${count} resend-code requests (each journalled, each an SMS), ${CONCURRENCY} at a time, node ${process.version}\n`,
);
console.log(
  "| journal | held after warm-up (heap + external, after GC) | held after the flood | growth | journal entries | outbox messages | flood time |\n|---|--:|--:|--:|--:|--:|--:|",
);
await measure("on (1,000 entries)", 1000, count);
await measure("off (journalSize 0)", 0, count);
