/**
 * Bad input never hurts the mock: a generated stream of malformed requests (broken JSON, wrong
 * content types, empty and oversized bodies, unknown paths and methods, deep nesting, odd
 * unicode, random bytes, garbage signatures, broken HTTP) goes to both modes. Every answer must
 * be a defined status with a JSON body — never a 5xx — and the next valid request must work.
 * The stream is seeded (reproducible) and bounded by count; how fast it goes is bench/'s business.
 */
import { Agent, request } from "node:http";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { BODY_LIMIT_BYTES, type MockMode, type RunningMock } from "../../src/mock/index.js";
import { signatureHeaders, signJws } from "../../src/signing/index.js";
import { specOperations } from "../../src/openapi/index.js";
import { clientOf, MERCHANT, startTestMock } from "./helpers.js";

const COUNT = 2000;
const DEFINED = new Set([200, 400, 401, 404, 405, 413, 431]);

interface Fuzzed {
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  return { int, pick, bytes: (n: number) => Buffer.from(Array.from({ length: n }, () => int(256))) };
}

const PATHS = [...specOperations().values()].map((op) => op.path);
const ODD_STRINGS = [
  "\ud800",
  "\udfff",
  "😀",
  "\u202eRTL",
  "\u200b",
  "\u0000",
  "Ωμέγα",
  "ИВАНОВ",
  "\uFEFF",
  "a\\u0000b",
  "'\"<>&",
];
const CONTENT_TYPES = [
  "text/plain",
  "application/xml",
  "multipart/form-data; boundary=x",
  "application/x-www-form-urlencoded",
  "application/json; charset=latin1",
  "APPLICATION/JSON",
  "application/json;;",
  "*/*",
  "application",
  "\u00e9/json",
];
const METHODS = ["GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "PROPFIND", "TRACE", "SEARCH"];

function generate(seed: number): Fuzzed[] {
  const r = prng(seed);
  const valid = [
    '{"card_id":555}',
    '{"otp":"1234","card_id":555}',
    '{"cardholder_name":"IVANOV IVAN","phone":79651234567,"product_code":1}',
    "{}",
  ];
  const makers: Array<
    () => Omit<Fuzzed, "method" | "headers"> & { method?: string; headers?: Record<string, string> }
  > = [
    () => ({ kind: "truncated JSON", path: r.pick(PATHS), body: Buffer.from(r.pick(valid).slice(0, 1 + r.int(12))) }),
    () => ({ kind: "random bytes", path: r.pick(PATHS), body: r.bytes(1 + r.int(300)) }),
    () => ({
      kind: "wrong content type",
      path: r.pick(PATHS),
      body: Buffer.from(r.pick(valid)),
      headers: { "content-type": r.pick(CONTENT_TYPES) },
    }),
    () => ({ kind: "empty body", path: r.pick(PATHS), body: Buffer.alloc(0) }),
    () => ({ kind: "no body, no content type", path: r.pick(PATHS), headers: {} }),
    () => ({
      kind: "oversized body",
      path: r.pick(PATHS),
      body: Buffer.alloc(BODY_LIMIT_BYTES + 1 + r.int(4096), 0x20),
    }),
    () => ({
      kind: "unknown path",
      path: `/${["v5", "v4", "cards", "__control", "..", "%00", "%ZZ", "é", "a".repeat(r.int(3000))]
        .slice(0, 1 + r.int(4))
        .map(() => r.pick(["v5", "cards", "x", "%2e%2e", "%00", "issue_card", "😀", "a".repeat(r.int(300))]))
        .join("/")}`,
      body: Buffer.from("{}"),
    }),
    () => ({
      kind: "query and trailing slash",
      path: `${r.pick(PATHS)}${r.pick(["/", "?x=1", "?__code=500", "//", "?prefer=code=500"])}`,
      body: Buffer.from(r.pick(valid)),
    }),
    () => ({ kind: "other method", method: r.pick(METHODS), path: r.pick(PATHS), body: Buffer.from(r.pick(valid)) }),
    () => {
      const depth = 100 + r.int(20_000);
      const array = r.int(2) === 0;
      const nested = array ? "[".repeat(depth) + "]".repeat(depth) : '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
      return {
        kind: "deep nesting",
        path: r.pick(PATHS),
        body: Buffer.from(r.int(2) === 0 ? nested : `{"card_id":${nested}}`),
      };
    },
    () => {
      const odd = r.pick(ODD_STRINGS);
      const field = r.pick(["cardholder_name", "otp", "card_id", "phone", odd]);
      return {
        kind: "odd unicode",
        path: r.pick(PATHS),
        body: Buffer.from(JSON.stringify({ [field]: odd.repeat(1 + r.int(50)), product_code: 1, phone: 79651234567 })),
      };
    },
    () => ({
      kind: "huge numbers",
      path: r.pick(PATHS),
      body: Buffer.from(
        `{"card_id":${r.pick(["1e400", "-0", "9".repeat(400), "0.0000001", "NaN", "Infinity", "0x10"])}}`,
      ),
    }),
    () => ({
      kind: "garbage JWS",
      path: r.pick(PATHS),
      body: Buffer.from(r.pick(valid)),
      headers: {
        "content-type": "application/json",
        "x-jws-signature": r.pick([
          "..",
          "a..b",
          "a.b.c",
          "%%%..%%%",
          `${Buffer.from("null").toString("base64url")}..x`,
          `${Buffer.from('{"alg":"none"}').toString("base64url")}..x`,
          `${Buffer.from("[1]").toString("base64url")}..x`,
          r.bytes(40).toString("base64"),
        ]),
      },
    }),
    () => ({
      kind: "garbage legacy",
      path: r.pick(PATHS),
      body: Buffer.from(r.pick(valid)),
      headers: {
        "content-type": "application/json",
        sign: r.bytes(32).toString("hex"),
        "auth-id": r.pick(["123456", "", "x".repeat(200), "%00"]),
        "request-id": String(r.int(10)),
      },
    }),
  ];
  return Array.from({ length: COUNT }, () => {
    const made = r.pick(makers)();
    const method = made.method ?? "POST";
    const headers: Record<string, string> = { "content-type": "application/json", ...made.headers };
    // Half the stream is signed correctly over its bytes, so it reaches the JSON and schema steps.
    if (made.body && !made.headers?.["x-jws-signature"] && !made.headers?.sign && r.int(2) === 0) {
      Object.assign(
        headers,
        signatureHeaders({
          scheme: "jws",
          method,
          uri: made.path.split("?")[0]!,
          body: made.body,
          authId: MERCHANT.authId,
          secret: MERCHANT.secret,
        }),
      );
    }
    return { ...made, method, headers };
  });
}

interface Outcome {
  status: number;
  contentType: string;
  text: string;
}

function sendRaw(baseUrl: string, agent: Agent, fuzzed: Fuzzed): Promise<Outcome> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    // node:http refuses non-ASCII in a path; percent-encode it (literal `%ZZ` stays broken on purpose).
    const path = fuzzed.path.replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c));
    const req = request(
      { host: hostname, port, method: fuzzed.method, path, headers: fuzzed.headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers["content-type"] ?? ""),
            text: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        res.on("error", reject);
      },
    );
    // An oversized body may be answered (413) and the socket closed before it is all written.
    req.on("error", (error: NodeJS.ErrnoException) =>
      error.code === "ECONNRESET" || error.code === "EPIPE"
        ? resolve({ status: -1, contentType: "", text: "" })
        : reject(error),
    );
    req.end(fuzzed.body);
  });
}

/** Raw bytes on a socket, for what no HTTP client sends: broken request lines and headers. */
function sendBytes(baseUrl: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let answer = "";
    socket.on("data", (c) => (answer += c.toString("latin1")));
    socket.on("close", () => resolve(answer));
    socket.on("error", () => resolve(answer));
    socket.end(bytes);
  });
}

describe.each<[MockMode, number]>([
  ["prism", 1],
  ["stateful", 2],
])("%s mode", (mode, seed) => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startTestMock({ mode });
  });
  afterAll(() => mock.close());

  test(`a seeded stream of ${COUNT} malformed requests gets only defined JSON answers`, async () => {
    const stream = generate(seed);
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    const bad: string[] = [];
    const seenStatuses = new Set<number>();
    let sent = 0;
    let next = 0;
    const worker = async () => {
      while (next < stream.length) {
        const fuzzed = stream[next++]!;
        const outcome = await sendRaw(mock.url, agent, fuzzed);
        sent++;
        if (outcome.status === -1) continue; // reset while an oversized body was still being sent
        seenStatuses.add(outcome.status);
        const problem = !DEFINED.has(outcome.status)
          ? `HTTP ${outcome.status}`
          : fuzzed.method !== "HEAD" && !isJson(outcome)
            ? "a body that is not JSON"
            : undefined;
        if (problem && bad.length < 5)
          bad.push(
            `${fuzzed.kind} ${fuzzed.method} ${fuzzed.path.slice(0, 60)} → ${problem}: ${outcome.text.slice(0, 200)}`,
          );
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    agent.destroy();
    expect(bad).toEqual([]);
    expect(sent).toBe(COUNT);
    expect([...seenStatuses].sort()).toEqual(expect.arrayContaining([200, 401, 404, 405, 413]));
    // Still serving: a valid, signed request through the client.
    expect(await clientOf(mock).listProducts()).toMatchObject({ ok: true, data: { status: 0 } });
  });

  test("broken HTTP on the socket is answered 400 with JSON, and the server keeps serving", async () => {
    for (const bytes of [
      "GARBAGE\r\n\r\n",
      "POST /v5/cards/card_status HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
      "POST / HTTP/1.1\r\n\u0000bad header\r\n\r\n",
      "\u0016\u0003\u0001\u0000\u00a5\u0001\u0000",
    ]) {
      const answer = await sendBytes(mock.url, bytes);
      expect(answer).toMatch(/^HTTP\/1\.1 400 /);
      expect(answer.slice(answer.indexOf("\r\n\r\n") + 4)).toMatch(/^\{.*\}$/);
    }
    const body = "{}";
    const path = "/v5/cards/product_list";
    const res = await fetch(`${mock.url}${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-jws-signature": signJws({
          method: "POST",
          uri: path,
          authId: MERCHANT.authId,
          body,
          secret: MERCHANT.secret,
        }),
      },
      body,
    });
    expect(res.status).toBe(200);
  });
});

function isJson(outcome: Outcome): boolean {
  if (!outcome.contentType.startsWith("application/json")) return false;
  try {
    JSON.parse(outcome.text);
    return true;
  } catch {
    return false;
  }
}
