// @ts-check
/**
 * A request through `freedompay-gift-cards/msw`'s handlers (signature check, the spec's request
 * schema, the stateful simulator) against the same request through a hand-written MSW handler
 * answering a fixed, valid card-status body: one `setupServer`, one client, the same process and
 * run, so only the ratio means something. The fixed handler is put in front with `server.use`
 * for its blocks and removed for ours; the two take turns in blocks of 100 calls, so background
 * load falls on both alike, and every answer is checked (a failing call would be fast). The
 * figure is this process's CPU per request (client, MSW and handler all run here), which the
 * other processes of a busy machine disturb less than wall time; wall time is shown beside it.
 *
 *   npm run build && node bench/msw.mjs [--calls 2000] [--rounds 5]
 */
import { createGiftCardsClient } from "freedompay-gift-cards-client";
import { giftCardsHandlers } from "freedompay-gift-cards/msw";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { CARD_STATUS_BODY } from "./fixed-server.mjs";

/** @param {string} name @param {number} fallback */
const flag = (name, fallback) =>
  process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback;
const CALLS = flag("--calls", 2000);
const ROUNDS = flag("--rounds", 5);
const BLOCK = 100;
const API = "https://api.freedompay.kz";
const MERCHANT = { authId: "123456", secret: "bench-secret" }; // a throwaway credential, in process only

/** @param {number[]} values */
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

const { handlers, control } = giftCardsHandlers({ merchants: [MERCHANT] });
const fixed = http.post(
  `${API}/v5/cards/card_status`,
  () => new HttpResponse(CARD_STATUS_BODY, { headers: { "content-type": "application/json" } }),
);
const server = setupServer(...handlers);
server.listen({ onUnhandledRequest: "error" });
await control.setState("an activated card {card_id}", { card_id: 555 });
const client = createGiftCardsClient({ baseUrl: API, ...MERCHANT });

/** @type {[string, () => void][]} */
const variants = [
  ["hand-written MSW handler, fixed JSON", () => server.use(fixed)],
  ["freedompay-gift-cards/msw (signature, schema, simulator)", () => server.resetHandlers()],
];

/** Mean CPU and wall µs per call of `calls` sequential calls. @param {number} calls */
async function time(calls) {
  const start = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < calls; i += 1) {
    const res = await client.getCardStatus({ card_id: 555 });
    if (!res.ok || res.data.card_status !== 2)
      throw new Error(`msw benchmark: an unexpected answer ${JSON.stringify(res.ok ? res.data : res.error)}`);
  }
  const used = process.cpuUsage(cpu);
  return { cpu: (used.user + used.system) / calls, wall: ((performance.now() - start) * 1000) / calls };
}

for (const [, use] of variants) {
  use();
  await time(300); // warm-up
}
/** @type {number[][]} CPU µs per call, per variant, per round */
const rounds = variants.map(() => []);
/** @type {number[][]} wall µs per call, per variant, per round */
const walls = variants.map(() => []);
for (let round = 0; round < ROUNDS; round += 1) {
  const totals = variants.map(() => ({ cpu: 0, wall: 0 }));
  for (let block = 0; block < CALLS / BLOCK; block += 1) {
    for (let k = 0; k < variants.length; k += 1) {
      const i = (k + block) % variants.length;
      /** @type {[string, () => void]} */ (variants[i])[1]();
      const { cpu, wall } = await time(BLOCK);
      const total = /** @type {{ cpu: number, wall: number }} */ (totals[i]);
      total.cpu += cpu * BLOCK;
      total.wall += wall * BLOCK;
    }
  }
  totals.forEach((total, i) => {
    rounds[i]?.push(total.cpu / CALLS);
    walls[i]?.push(total.wall / CALLS);
  });
}
server.close();

console.log(
  `Per request, ${CALLS} calls × ${ROUNDS} rounds, Node ${process.version} — npm run build && node bench/msw.mjs`,
);
const base = /** @type {number[]} */ (rounds[0]);
variants.forEach(([name], i) => {
  const own = /** @type {number[]} */ (rounds[i]);
  const ratios = own.map((micros, round) => micros / /** @type {number} */ (base[round]));
  const wall = median(/** @type {number[]} */ (walls[i]));
  const range = `(${Math.min(...own).toFixed(0)}–${Math.max(...own).toFixed(0)})`;
  console.log(
    `${name.padEnd(58)} CPU ${median(own).toFixed(1).padStart(7)} µs ${range}  ` +
      `${median(ratios).toFixed(2)}× the hand-written handler; wall ${wall.toFixed(0)} µs`,
  );
});
