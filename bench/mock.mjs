// @ts-nocheck -- rewritten by the client/mock benchmark work (issues 9 and 11): it still imports the removed bench/util.mjs
/**
 * Mock throughput: four servers on 127.0.0.1, one after the other, each loaded by autocannon
 * with 10 connections for the same duration —
 *   bare       node:http answering a fixed JSON body (the ceiling of this machine),
 *   raw Prism  prism-http-server embedded as stack-notes.md describes (logger at error level,
 *              its own request/response validation and security check on, like the CLI),
 *   Prism mode our `startMock({ mode: "prism" })` on a signed card-status request,
 *   stateful   our `startMock({ mode: "stateful" })` on a realistic signed mix: status of an
 *              active card, issue, and confirm of pre-issued cards (the first confirm of each
 *              card activates it, repeats answer -10 — both real paths).
 *
 * Why child processes: autocannon and the server must not share one event loop, or each
 * figure would measure half a server. Each server also reports its CPU time over IPC, so the
 * table shows CPU µs per request — steadier than req/s when neighbours share the machine. Each server runs in `node bench/mock.mjs --serve NAME`;
 * the requests are signed before the run, so signing costs nothing during it.
 *
 * Run alone: `npm run build && node bench/mock.mjs [--duration SECONDS] [--rounds N]`
 */
import autocannon from "autocannon";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startFixedJsonServer } from "./fixed-server.mjs";
import { fmt, heading, isMain, median, table, verdict } from "./util.mjs";

const SELF = fileURLToPath(import.meta.url);
const CONNECTIONS = 10;
const MERCHANT = { authId: "123456", secret: "secret" };
export const TARGETS = { statefulOverRawPrism: 5, statefulOverBare: 0.3, statefulP99Ms: 5, prismModeOverRawPrism: 0.85 };

// ── the servers (child side) ─────────────────────────────────────────────────────────────

async function serveBare() {
  return (await startFixedJsonServer()).url;
}

async function serveRawPrism() {
  const { getHttpOperationsFromSpec } = await import("@stoplight/prism-http");
  const { createServer: createPrismServer } = await import("@stoplight/prism-http-server");
  const { createLogger } = await import("@stoplight/prism-core");
  const { SPEC_PATH } = await import("../dist/src/openapi/load.js");
  const operations = await getHttpOperationsFromSpec(SPEC_PATH);
  const config = { checkSecurity: true, validateRequest: true, validateResponse: true, errors: false, isProxy: false, mock: { dynamic: false } };
  const server = createPrismServer(operations, { components: { logger: createLogger("PRISM", { level: "error" }) }, config, cors: false, errors: false });
  return server.listen(0, "127.0.0.1");
}

async function serveMock(mode) {
  const { startMock } = await import("../dist/src/mock/index.js");
  // A balance no run can exhaust, so issue keeps issuing instead of answering -6.
  const mock = await startMock({ mode, port: 0, merchants: [MERCHANT], partnerBalance: 1e15 });
  return mock.url;
}

const SERVERS = { bare: serveBare, "raw-prism": serveRawPrism, "prism-mode": () => serveMock("prism"), stateful: () => serveMock("stateful") };

// ── the load (parent side) ───────────────────────────────────────────────────────────────

function startServer(name) {
  // MOCK_BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the servers.
  const nodeArgs = (process.env.MOCK_BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, SELF, "--serve", name], { stdio: ["ignore", "pipe", "inherit", "ipc"] });
  /** The server's CPU time (user + system, µs) since it started, asked over IPC. */
  const cpu = () => new Promise((done) => (child.once("message", (m) => done(m.cpu)), child.send("cpu")));
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const ready = /READY (\S+)/.exec(out);
      if (ready) resolve({ url: ready[1], cpu, stop: () => new Promise((done) => (child.once("exit", done), child.kill("SIGTERM"))) });
    });
    child.once("exit", (code) => reject(new Error(`the ${name} server exited (${code}) before it was ready`)));
  });
}

async function signedRequest(path, body) {
  const { signJws } = await import("../dist/src/signing/index.js");
  const text = JSON.stringify(body);
  return {
    method: "POST",
    path,
    headers: { "content-type": "application/json", "x-jws-signature": signJws({ method: "POST", uri: path, authId: MERCHANT.authId, body: text, secret: MERCHANT.secret }) },
    body: text,
  };
}

async function call(url, request) {
  const res = await fetch(`${url}${request.path}`, { method: request.method, headers: request.headers, body: request.body });
  return { status: res.status, body: await res.json() };
}

function expectAnswer(what, answer, statuses) {
  if (answer.status !== 200 || !statuses.includes(answer.body.status)) {
    throw new Error(`mock benchmark: ${what} answered HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
  }
}

/** The card-status request every single-request target gets. */
const statusRequest = () => signedRequest("/v5/cards/card_status", { card_id: 555 });

/** Issue + activate one card for the status requests, and pre-issue cards for the confirms. */
async function statefulMix(url, pending = 400) {
  const issue = await signedRequest("/v5/cards/issue_card", { cardholder_name: "IVANOV IVAN IVANOVICH", phone: 79651234567, product_code: 1 });
  const otpOf = async (id) => (await (await fetch(`${url}/__control/cards/${id}/otp`)).json()).otp;
  const issueOne = async () => {
    const answer = await call(url, issue);
    expectAnswer("issue", answer, [0]);
    return answer.body.card_id;
  };
  const active = await issueOne();
  const confirmActive = await signedRequest("/v5/cards/activate_card", { card_id: active, otp: await otpOf(active) });
  expectAnswer("confirm", await call(url, confirmActive), [0]);
  const status = await signedRequest("/v5/cards/card_status", { card_id: active });
  expectAnswer("status", await call(url, status), [0]);
  const ids = await Promise.all(Array.from({ length: pending }, issueOne));
  const otps = await Promise.all(ids.map(otpOf));
  const confirms = await Promise.all(ids.map((card_id, i) => signedRequest("/v5/cards/activate_card", { card_id, otp: otps[i] })));
  return confirms.flatMap((confirm) => [status, issue, confirm]);
}

function load(url, requests, duration) {
  return autocannon({ url, connections: CONNECTIONS, duration, requests, pipelining: 1 });
}

/** One timed load of a running server; throws if any answer failed (a failure would be fast). */
async function measureOnce(name, server, prepare, duration) {
  const requests = await prepare(server.url);
  await load(server.url, requests, 1); // warm-up (JIT, connections), not counted
  const cpuBefore = await server.cpu();
  const result = await load(server.url, requests, duration);
  const cpuUs = (await server.cpu()) - cpuBefore;
  if (result.errors > 0 || result.timeouts > 0 || result.non2xx > 0) {
    throw new Error(`mock benchmark: ${name} had ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers`);
  }
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, cpuPerRequest: cpuUs / result.requests.total };
}

/** The median of each figure over the rounds, and the spread of req/s. */
function combine(name, samples) {
  const mid = (values) => median(values);
  const rps = samples.map((s) => s.rps);
  return {
    name,
    rps: mid(rps),
    p50: mid(samples.map((s) => s.p50)),
    p99: mid(samples.map((s) => s.p99)),
    cpuPerRequest: mid(samples.map((s) => s.cpuPerRequest)),
    min: Math.min(...rps),
    max: Math.max(...rps),
  };
}

/**
 * The four servers stay up for the whole run and are measured in turn, round after round, so
 * a neighbour's burst on this shared machine hits all of them alike; each figure is the median
 * over the rounds. The stateful simulator is reset before each of its rounds.
 */
export async function run({ duration = 5, rounds = 3, log = console.log } = {}) {
  const command = "npm run build && node bench/mock.mjs";
  log(heading(`Mock throughput (autocannon, ${CONNECTIONS} connections, ${duration} s × ${rounds} rounds each, 127.0.0.1)`, command));
  const single = async (url) => {
    const request = await statusRequest();
    expectAnswer("card status", await call(url, request), [0]);
    return [request];
  };
  const freshMix = async (url) => {
    await fetch(`${url}/__control/reset`, { method: "POST" });
    return statefulMix(url);
  };
  const plan = [
    ["bare", single],
    ["raw-prism", single],
    ["prism-mode", single],
    ["stateful", freshMix],
  ];
  const servers = [];
  let combined;
  try {
    for (const [name] of plan) servers.push(await startServer(name));
    const samples = plan.map(() => []);
    for (let round = 1; round <= rounds; round++) {
      for (const [i, [name, prepare]] of plan.entries()) {
        const figures = await measureOnce(name, servers[i], prepare, duration);
        samples[i].push(figures);
        log(`  round ${round} ${name}: ${fmt(figures.rps, 0)} req/s, p50 ${figures.p50} ms, p99 ${figures.p99} ms, server CPU ${fmt(figures.cpuPerRequest)} µs/request`);
      }
    }
    combined = plan.map(([name], i) => combine(name, samples[i]));
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
  const [bare, rawPrism, prismMode, stateful] = combined;

  const ratios = {
    statefulOverRawPrism: stateful.rps / rawPrism.rps,
    statefulOverBare: stateful.rps / bare.rps,
    prismModeOverRawPrism: prismMode.rps / rawPrism.rps,
  };
  const met = {
    statefulOverRawPrism: ratios.statefulOverRawPrism >= TARGETS.statefulOverRawPrism,
    statefulOverBare: ratios.statefulOverBare >= TARGETS.statefulOverBare,
    statefulP99: stateful.p99 < TARGETS.statefulP99Ms,
    prismModeOverRawPrism: ratios.prismModeOverRawPrism >= TARGETS.prismModeOverRawPrism,
  };
  const row = (label, f) => [label, `${fmt(f.rps, 0)} (${fmt(f.min, 0)}–${fmt(f.max, 0)})`, `${f.p50} ms`, `${f.p99} ms`, `${fmt(f.cpuPerRequest)} µs`];
  log("");
  log(table([
    ["server", "req/s median (min–max)", "p50", "p99", "server CPU / request"],
    row("bare node:http, fixed JSON (ceiling)", bare),
    row("raw embedded Prism (error-level log)", rawPrism),
    row("Prism mode (signed card status)", prismMode),
    row("stateful mode (status, issue, confirm)", stateful),
  ]));
  log("");
  log(table([
    ["ratio", "value", "target", ""],
    ["stateful / raw Prism", `${fmt(ratios.statefulOverRawPrism, 2)}×`, `≥ ${TARGETS.statefulOverRawPrism}×`, verdict(met.statefulOverRawPrism)],
    ["stateful / bare", `${fmt(ratios.statefulOverBare * 100, 0)}%`, `≥ ${TARGETS.statefulOverBare * 100}%`, verdict(met.statefulOverBare)],
    ["stateful p99", `${stateful.p99} ms`, `< ${TARGETS.statefulP99Ms} ms`, verdict(met.statefulP99)],
    ["Prism mode / raw Prism", `${fmt(ratios.prismModeOverRawPrism * 100, 0)}%`, `≥ ${TARGETS.prismModeOverRawPrism * 100}%`, verdict(met.prismModeOverRawPrism)],
  ]));
  // Throughput moves with the neighbours on a shared machine; CPU time per request much less.
  log(`\nserver CPU per request: raw Prism / stateful ${fmt(rawPrism.cpuPerRequest / stateful.cpuPerRequest, 2)}×, stateful / bare ${fmt(stateful.cpuPerRequest / bare.cpuPerRequest, 2)}×, Prism mode / raw Prism ${fmt((prismMode.cpuPerRequest / rawPrism.cpuPerRequest) * 100, 0)}%`);
  return {
    name: "mock",
    command,
    figures: { bare, rawPrism, prismMode, stateful, ratios },
    summary: [
      ["stateful req/s (p99)", `${fmt(stateful.rps, 0)} (${stateful.p99} ms)`, `p99 < ${TARGETS.statefulP99Ms} ms`, verdict(met.statefulP99)],
      ["stateful / raw Prism", `${fmt(ratios.statefulOverRawPrism, 2)}×`, `≥ ${TARGETS.statefulOverRawPrism}×`, verdict(met.statefulOverRawPrism)],
      ["stateful / bare", `${fmt(ratios.statefulOverBare * 100, 0)}%`, `≥ ${TARGETS.statefulOverBare * 100}%`, verdict(met.statefulOverBare)],
      ["Prism mode / raw Prism", `${fmt(ratios.prismModeOverRawPrism * 100, 0)}%`, `≥ ${TARGETS.prismModeOverRawPrism * 100}%`, verdict(met.prismModeOverRawPrism)],
      ["server CPU µs/request: stateful vs raw Prism", `${fmt(stateful.cpuPerRequest)} vs ${fmt(rawPrism.cpuPerRequest)} (${fmt(rawPrism.cpuPerRequest / stateful.cpuPerRequest, 2)}× less)`, "", ""],
    ],
  };
}

if (isMain(import.meta.url)) {
  const argv = process.argv.slice(2);
  const serve = argv.indexOf("--serve");
  if (serve >= 0) {
    const name = argv[serve + 1];
    if (!SERVERS[name]) throw new Error(`--serve takes one of ${Object.keys(SERVERS).join(", ")}`);
    const url = await SERVERS[name]();
    process.on("message", (message) => {
      if (message !== "cpu") return;
      const { user, system } = process.cpuUsage();
      process.send({ cpu: user + system });
    });
    process.stdout.write(`READY ${url}\n`);
    process.on("SIGTERM", () => process.exit(0));
  } else {
    const option = (flag, fallback) => {
      const i = argv.indexOf(flag);
      const value = i >= 0 ? Number(argv[i + 1]) : fallback;
      if (!(value > 0)) throw new Error(`${flag} needs a positive number`);
      return value;
    };
    await run({ duration: option("--duration", 5), rounds: option("--rounds", 3) });
  }
}
