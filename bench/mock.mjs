// @ts-check
/**
 * Mock throughput, in one run: four servers on 127.0.0.1, each its own process, loaded in turn
 * by autocannon (10 connections) with the same signed card-status request, round after round,
 * so a neighbour's burst on a shared machine hits all of them alike:
 *   bare         node:http answering a fixed JSON body (bench/fixed-server.mjs): the ceiling;
 *   raw Prism    the Prism CLI a user would run instead (`prism mock -v error`, 5.14.2);
 *   Prism mode   `fp-giftcards mock` (the built CLI);
 *   stateful     `fp-giftcards mock --mode stateful`, the card set up as active (status 0), its
 *                request journal on (the default, 1,000 entries);
 *   journal off  the same simulator through `startMock({ journalSize: 0 })`: what the journal
 *                costs is the CPU per request of the two, in the same run (target ≤ 1.10×).
 * Each figure is the median over the rounds; the ratios are what to read, absolute req/s move
 * with the machine. Server CPU per request is read from /proc (Linux), steadier than req/s
 * when neighbours share the cores.
 *
 * Run: `npm run build && node bench/mock.mjs [--duration SECONDS] [--rounds N]`
 * Profile a server: MOCK_BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" node bench/mock.mjs
 */
import autocannon from "autocannon";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { signJws } from "freedompay-gift-cards";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = `${ROOT}bin/fp-giftcards.js`;
const PRISM_CLI = `${ROOT}node_modules/@stoplight/prism-cli/dist/index.js`;
const SPEC = `${ROOT}openapi/gift-cards.yaml`;
const CONNECTIONS = 10;
const PATH = "/v5/cards/card_status";
const BODY = JSON.stringify({ card_id: 555 });
// The docs' public example merchant, the mock's default: nothing secret here.
const HEADERS = {
  "content-type": "application/json",
  "x-jws-signature": signJws({ method: "POST", uri: PATH, authId: "123456", body: BODY, secret: "secret" }),
};
const TARGETS = {
  statefulOverRawPrism: 6,
  statefulOverBare: 0.4,
  statefulP99Ms: 5,
  prismModeOverRawPrism: 0.85,
  journalCpu: 1.1,
};

/** @typedef {{ name: string; url: string; pid: number; stop: () => Promise<void> }} Server */
/** @typedef {{ rps: number; p50: number; p99: number; cpuUs: number | undefined }} Sample */

/** @param {number[]} values */
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
};

/** @returns {Promise<number>} a port free on 127.0.0.1 (bound, then released) */
function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/**
 * Starts `node ARGS` and resolves once `ready(stdout)` yields its URL.
 * @param {string} name @param {string[]} args @param {(out: string) => Promise<string | undefined> | string | undefined} ready
 * @returns {Promise<Server>}
 */
function startProcess(name, args, ready) {
  const nodeArgs = (process.env.MOCK_BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, ...args], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, FREEDOMPAY_MOCK_MERCHANTS: "" },
  });
  let out = "";
  child.stdout.on("data", (chunk) => (out += chunk));
  /** @returns {Promise<void>} */
  const stop = () => new Promise((done) => (child.once("exit", () => done()), child.kill("SIGINT")));
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`${name} exited (${code}) before it was ready: ${out}`)));
    const poll = async () => {
      const url = await ready(out);
      if (url) resolve({ name, url, pid: child.pid ?? 0, stop });
      else setTimeout(poll, 100);
    };
    void poll();
  });
}

/** @param {string} url */
async function answers(url) {
  try {
    return (await fetch(`${url}${PATH}`, { method: "POST", headers: HEADERS, body: BODY })).status;
  } catch {
    return 0;
  }
}

/** @returns {Promise<Server>} */
async function startBare() {
  const script = `import(${JSON.stringify(new URL("./fixed-server.mjs", import.meta.url).href)}).then(async (m) => { const s = await m.startFixedJsonServer(); process.on("SIGINT", () => process.exit(0)); console.log(s.url); })`;
  return startProcess("bare", ["-e", script], (out) => /^(http:\S+)/m.exec(out)?.[1]);
}

/** @returns {Promise<Server>} */
async function startRawPrism() {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  return startProcess(
    "raw Prism CLI",
    [PRISM_CLI, "mock", "-h", "127.0.0.1", "-p", String(port), "-v", "error", SPEC],
    async () => ((await answers(url)) === 200 ? url : undefined),
  );
}

/** @param {"prism" | "stateful"} mode @returns {Promise<Server>} */
async function startOurs(mode) {
  const server = await startProcess(
    `fp-giftcards mock --mode ${mode}`,
    [BIN, "mock", "--mode", mode, "--port", "0"],
    (out) => (out.includes("Ctrl-C") ? /listening on (http:\S+)/.exec(out)?.[1] : undefined),
  );
  if (mode === "stateful") {
    const state = { state: "an activated card {card_id}", params: { card_id: 555 } };
    await fetch(`${server.url}/__control/state`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(state),
    });
  }
  return server;
}

/** The simulator with its journal off, through the built package's `startMock`. @returns {Promise<Server>} */
async function startJournalOff() {
  const script = `import(${JSON.stringify(new URL("../dist/src/mock/index.js", import.meta.url).href)}).then(async (m) => { const mock = await m.startMock({ mode: "stateful", port: 0, journalSize: 0 }); process.on("SIGINT", () => process.exit(0)); console.log(mock.url); })`;
  const server = await startProcess(
    "stateful, journal off",
    ["--input-type=module", "-e", script],
    (out) => /^(http:\S+)/m.exec(out)?.[1],
  );
  const state = { state: "an activated card {card_id}", params: { card_id: 555 } };
  await fetch(`${server.url}/__control/state`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(state),
  });
  return server;
}

/** Server CPU time in µs (user + system) from /proc, or undefined off Linux. @param {number} pid */
function cpuUs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100; // clock ticks at USER_HZ 100
  } catch {
    return undefined;
  }
}

/** @param {Server} server @param {number} duration @returns {Promise<Sample>} */
async function measure(server, duration) {
  const options = {
    url: `${server.url}${PATH}`,
    method: /** @type {const} */ ("POST"),
    headers: HEADERS,
    body: BODY,
    connections: CONNECTIONS,
  };
  await autocannon({ ...options, duration: 1 }); // warm-up (JIT, connections), not counted
  const before = cpuUs(server.pid);
  const result = await autocannon({ ...options, duration });
  const after = cpuUs(server.pid);
  if (result.errors > 0 || result.timeouts > 0 || result.non2xx > 0) {
    throw new Error(
      `${server.name}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers`,
    );
  }
  const cpu = before === undefined || after === undefined ? undefined : (after - before) / result.requests.total;
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, cpuUs: cpu };
}

/** @param {number} n @param {number} [digits] */
const fmt = (n, digits = 0) =>
  n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

async function main() {
  const argv = process.argv.slice(2);
  /** @param {string} flag @param {number} fallback */
  const option = (flag, fallback) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? Number(argv[i + 1]) : fallback;
  };
  const duration = option("--duration", 5);
  const rounds = option("--rounds", 3);
  console.log(
    `Mock throughput: autocannon, ${CONNECTIONS} connections, signed card status, ${duration} s × ${rounds} rounds per server, 127.0.0.1`,
  );
  console.log(
    `node ${process.version}, load average ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")}\n`,
  );
  /** @type {Server[]} */
  const servers = [];
  try {
    servers.push(
      await startBare(),
      await startRawPrism(),
      await startOurs("prism"),
      await startOurs("stateful"),
      await startJournalOff(),
    );
    /** @type {Sample[][]} */
    const samples = servers.map(() => []);
    for (let round = 1; round <= rounds; round++) {
      for (const [i, server] of servers.entries()) {
        const sample = await measure(server, duration);
        samples[i]?.push(sample);
        console.log(
          `round ${round} ${server.name.padEnd(32)} ${fmt(sample.rps).padStart(7)} req/s  p50 ${sample.p50} ms  p99 ${sample.p99} ms  CPU ${sample.cpuUs === undefined ? "n/a" : fmt(sample.cpuUs, 1)} µs/request`,
        );
      }
    }
    const figures = samples.map((list) => ({
      rps: median(list.map((s) => s.rps)),
      min: Math.min(...list.map((s) => s.rps)),
      max: Math.max(...list.map((s) => s.rps)),
      p50: median(list.map((s) => s.p50)),
      p99: median(list.map((s) => s.p99)),
      cpuUs: list.every((s) => s.cpuUs !== undefined) ? median(list.map((s) => /** @type {number} */ (s.cpuUs))) : NaN,
    }));
    const [bare, rawPrism, prismMode, stateful, journalOff] =
      /** @type {[typeof figures[0], typeof figures[0], typeof figures[0], typeof figures[0], typeof figures[0]]} */ (
        figures
      );
    // The journal's cost, round by round: CPU per request with it on over off.
    const journalCpu = median(
      (samples[3] ?? []).map((s, round) => (s.cpuUs ?? NaN) / (samples[4]?.[round]?.cpuUs ?? NaN)),
    );
    console.log("\n| server | req/s median (min–max) | p50 | p99 | server CPU / request |\n|---|--:|--:|--:|--:|");
    for (const [i, f] of figures.entries()) {
      console.log(
        `| ${servers[i]?.name} | ${fmt(f.rps)} (${fmt(f.min)}–${fmt(f.max)}) | ${f.p50} ms | ${f.p99} ms | ${fmt(f.cpuUs, 1)} µs |`,
      );
    }
    /** @param {boolean} met */
    const verdict = (met) => (met ? "met" : "missed");
    // The servers of one round ran back to back: the median of the per-round ratios cancels the
    // drift between rounds (the headline figure, as for the client); the ratio of medians is shown too.
    /** @param {number} a @param {number} b */
    const ratio = (a, b) => ({
      perRound: median((samples[a] ?? []).map((s, round) => s.rps / (samples[b]?.[round]?.rps ?? NaN))),
      ofMedians: (figures[a]?.rps ?? NaN) / (figures[b]?.rps ?? NaN),
    });
    const [overRaw, overBare, prismOverRaw] = [ratio(3, 1), ratio(3, 0), ratio(2, 1)];
    /** @param {{ perRound: number; ofMedians: number }} r */
    const shown = (r) => `${fmt(r.perRound, 2)}× (${fmt(r.ofMedians, 2)}×)`;
    const rows = [
      [
        "stateful / raw Prism CLI",
        shown(overRaw),
        `≥ ${TARGETS.statefulOverRawPrism}×`,
        verdict(overRaw.perRound >= TARGETS.statefulOverRawPrism),
      ],
      [
        "stateful / bare node:http",
        shown(overBare),
        `≥ ${TARGETS.statefulOverBare}×`,
        verdict(overBare.perRound >= TARGETS.statefulOverBare),
      ],
      [
        "stateful p99",
        `${stateful.p99} ms`,
        `≤ ${TARGETS.statefulP99Ms} ms`,
        verdict(stateful.p99 <= TARGETS.statefulP99Ms),
      ],
      [
        "Prism mode / raw Prism CLI",
        shown(prismOverRaw),
        `≥ ${TARGETS.prismModeOverRawPrism}×`,
        verdict(prismOverRaw.perRound >= TARGETS.prismModeOverRawPrism),
      ],
      ["server CPU per request, raw Prism CLI / stateful", `${fmt(rawPrism.cpuUs / stateful.cpuUs, 2)}×`, "", ""],
      ["server CPU per request, stateful / bare", `${fmt(stateful.cpuUs / bare.cpuUs, 2)}×`, "", ""],
      [
        "server CPU per request, journal on / off",
        `${fmt(journalCpu, 2)}× (${fmt(stateful.cpuUs / journalOff.cpuUs, 2)}×)`,
        `≤ ${TARGETS.journalCpu}×`,
        verdict(journalCpu <= TARGETS.journalCpu),
      ],
    ];
    console.log("\n| ratio | median of the per-round ratios (ratio of the medians) | target | |\n|---|--:|---|---|");
    for (const row of rows) console.log(`| ${row.join(" | ")} |`);
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

await main();
