/**
 * The proxy in front of upstreams that drift from the spec: the simulator behind a drift proxy
 * that rewrites chosen answers (a missing field, a wrong type, an undocumented status, an HTTP
 * 500, a field echoing the holder's name), and fixed upstreams for what is not JSON or not an
 * answer of the API (HTML, a redirect). Each deviation is one line, in full; the app gets each
 * answer exactly as the upstream sent it; recordings and lines hold none of the holder's data.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import type { RunningMock } from "../../src/mock/index.js";
import { startDriftProxy, type Answer, type DriftProxy } from "../contracts/verify/drift-proxy.js";
import {
  appClient,
  exchange,
  expectNoneOf,
  HOLDER,
  MERCHANT,
  startFixedUpstream,
  startSimulator,
  startTestProxy,
  type FixedUpstream,
  type TestProxy,
} from "./helpers.js";

const STATUS_PATH = "/v5/cards/card_status";
const ISSUE_PATH = "/v5/cards/issue_card";

let simulator: RunningMock;
let cardId: number;
beforeAll(async () => {
  simulator = await startSimulator();
  const setup = await startTestProxy(simulator.url);
  const issued = await appClient(setup).issueCard({ ...HOLDER, product_code: 1 });
  await setup.close();
  if (!issued.ok) throw new Error(issued.error.message);
  cardId = issued.data.card_id;
});
afterAll(() => simulator.close());

type Rewrite = (body: Record<string, unknown>) => Answer;

describe.each<[string, string, Rewrite, string[]]>([
  [
    "a missing field",
    STATUS_PATH,
    ({ card_mask: _gone, ...body }) => ({ httpStatus: 200, body }),
    ["proxy: getCardStatus answer /card_mask: expected present (required), actual missing"],
  ],
  [
    "a wrong type",
    STATUS_PATH,
    (body) => ({ httpStatus: 200, body: { ...body, card_balance: "100" } }),
    ['proxy: getCardStatus answer /card_balance: expected integer, actual "100" (string)'],
  ],
  [
    "two drifts at once, a line each",
    STATUS_PATH,
    (body) => ({ httpStatus: 200, body: { ...body, card_status: 9, card_currency: "usd" } }),
    [
      "proxy: getCardStatus answer /card_status: expected one of 0, 1, 2, 3, 4, 5, actual 9 (integer)",
      'proxy: getCardStatus answer /card_currency: expected a string matching ^[A-Z]{3}$, actual "usd" (string)',
    ],
  ],
  [
    "a business status the operation does not document",
    STATUS_PATH,
    (body) => ({ httpStatus: 200, body: { datetime: body.datetime, status: -6, message: "Not enough funds" } }),
    [
      "proxy: getCardStatus answer /status: expected an outcome getCardStatus documents (0, -1, -7), actual -6 (InsufficientPartnerFunds)",
    ],
  ],
  [
    "a status outside the directory",
    STATUS_PATH,
    (body) => ({ httpStatus: 200, body: { datetime: body.datetime, status: -42 } }),
    [
      "proxy: getCardStatus answer /status: expected one of -1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11, actual -42 (integer)",
    ],
  ],
  [
    "an HTTP status the spec does not document",
    STATUS_PATH,
    (body) => ({ httpStatus: 500, body: { datetime: body.datetime, status: -1, message: "internal error" } }),
    ["proxy: getCardStatus answer HTTP status: expected 200 or 401, actual 500"],
  ],
  [
    "an answer echoing the holder's name and phone",
    ISSUE_PATH,
    (body) => ({
      httpStatus: 200,
      body: { ...body, cardholder_name: HOLDER.cardholder_name, note: `sms sent to ${HOLDER.phone}` },
    }),
    [
      `proxy: issueCard answer /cardholder_name: expected absent (no such field in the spec), actual "${"*".repeat(HOLDER.cardholder_name.length)}" (string)`,
      `proxy: issueCard answer /note: expected absent (no such field in the spec), actual "sms sent to ${"*".repeat(String(HOLDER.phone).length)}" (string)`,
    ],
  ],
])("%s", (_name, path, rewrite, lines) => {
  let drift: DriftProxy;
  let proxy: TestProxy;
  let sent: string | undefined;
  beforeAll(async () => {
    drift = await startDriftProxy(simulator.url, (at, answer) => {
      if (at !== path) return undefined;
      const drifted = rewrite(answer.body);
      sent = JSON.stringify(drifted.body);
      return drifted;
    });
    proxy = await startTestProxy(drift.url);
  });
  afterAll(async () => {
    await proxy.close();
    await drift.close();
  });

  test("is reported in one line per deviation, passed on unchanged, and recorded redacted", async () => {
    const body = path === ISSUE_PATH ? { ...HOLDER, product_code: 1 } : { card_id: cardId };
    const answer = await exchange(proxy.url, path, body);
    expect(answer.text).toBe(sent);
    expect(proxy.lines).toEqual(lines);
    const [recording] = proxy.recordings();
    // The body as JSON (redacted), an HTTP 500's too.
    expect((recording!.answer as { body?: { status?: unknown } }).body?.status).toBe(
      (JSON.parse(sent!) as { status: unknown }).status,
    );
    expect(recording!.validation.ok).toBe(false);
    expect(recording!.validation.deviations).toHaveLength(lines.length);
    expectNoneOf([...proxy.files(), ...proxy.lines], [MERCHANT.secret, HOLDER.cardholder_name, HOLDER.phone]);
  });
});

describe("answers that are not the API's", () => {
  let upstream: FixedUpstream | undefined;
  let proxy: TestProxy | undefined;
  afterEach(async () => {
    await proxy?.close();
    await upstream?.close();
  });

  const through = async (status: number, headers: Record<string, string | string[]>, body: string) => {
    upstream = await startFixedUpstream(status, headers, body);
    proxy = await startTestProxy(upstream.url);
    return exchange(proxy.url, STATUS_PATH, { card_id: 555 });
  };

  test("an HTML page: the app gets it byte for byte with its headers, and one line says it is not JSON", async () => {
    const page = "<html><body>Service Unavailable   \r\n</body></html>";
    const answer = await through(
      200,
      { "content-type": "text/html", "x-trace": "abc", "set-cookie": ["a=1", "b=2"] },
      page,
    );
    expect([
      answer.status,
      answer.text,
      answer.headers["content-type"],
      answer.headers["x-trace"],
      answer.headers["set-cookie"],
    ]).toEqual([200, page, "text/html", "abc", ["a=1", "b=2"]]);
    expect(proxy!.lines).toEqual([
      'proxy: getCardStatus answer body: expected a JSON body, actual "<html><body>Service Unavailable   \\r\\n</body></html>" (not JSON)',
    ]);
    expect(proxy!.recordings()[0]!.answer).toEqual({
      http_status: 200,
      content_type: "text/html",
      bytes: Buffer.byteLength(page),
      text: page,
    });
  });

  test("JSON served as another type", async () => {
    const body = '{"datetime":"2022-05-01 12:01:15","status":-7}';
    const answer = await through(200, { "content-type": "text/plain" }, body);
    expect(answer.text).toBe(body);
    expect(proxy!.lines).toEqual([
      "proxy: getCardStatus answer Content-Type: expected application/json, actual text/plain",
    ]);
  });

  test("an answer nested 100 000 levels deep is passed on, and reported and recorded cut short", async () => {
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    const answer = await through(200, { "content-type": "application/json" }, deep);
    expect(answer.text).toBe(deep);
    expect(proxy!.lines).toEqual([
      `proxy: getCardStatus answer body: expected object, actual ${"[".repeat(32)}"[nested deeper than 32 leve… (array)`,
    ]);
    expect(JSON.stringify(proxy!.recordings()[0]!.answer)).toContain('"[nested deeper than 32 levels: not recorded]"');
  });

  test("a redirect is passed back to the app, never followed", async () => {
    const answer = await through(302, { location: "http://127.0.0.1:9/elsewhere" }, "");
    expect([answer.status, answer.headers.location]).toEqual([302, "http://127.0.0.1:9/elsewhere"]);
    expect(upstream!.received).toHaveLength(1);
    expect(proxy!.lines).toEqual([
      "proxy: getCardStatus answer HTTP status: expected 200 or 401, actual 302, a redirect to http://127.0.0.1:9/elsewhere (passed on, not followed)",
    ]);
    expect(proxy!.recordings()[0]!.answer).toEqual({
      http_status: 302,
      location: "http://127.0.0.1:9/elsewhere",
      bytes: 0,
    });
  });

  test("a 401 is as the spec says, and says that the upstream refused the proxy's signature", async () => {
    const body = '{"datetime":"2022-05-01 12:01:15","status":-1,"message":"invalid signature"}';
    await through(401, { "content-type": "application/json" }, body);
    expect(proxy!.lines).toEqual([
      "proxy: getCardStatus HTTP 401 status -1 (GeneralError): as the spec says; the upstream refused the proxy's signature: check the merchant's id, secret and signature scheme",
    ]);
    expect(proxy!.recordings()[0]!.validation).toEqual({ ok: true, branch: "unauthorized", deviations: [] });
  });

  test("a request the spec has no operation for is forwarded, signed, and recorded as unknown, unchecked", async () => {
    const answer = await through(404, { "content-type": "application/json" }, '{"error":"no such path"}');
    expect(answer.status).toBe(404);
    const unknown = await exchange(proxy!.url, "/v5/cards/card_info?verbose=1", undefined, { method: "GET" });
    expect(unknown.text).toBe('{"error":"no such path"}');
    expect(
      upstream!.received.map(
        (r) => `${r.method} ${r.url} ${r.headers["x-jws-signature"] === undefined ? "unsigned" : "signed"}`,
      ),
    ).toEqual(["POST /v5/cards/card_status signed", "GET /v5/cards/card_info?verbose=1 signed"]);
    expect(proxy!.lines).toEqual([
      "proxy: getCardStatus answer HTTP status: expected 200 or 401, actual 404",
      "proxy: GET /v5/cards/card_info is not an operation of the spec: forwarded, HTTP 404 passed on unchecked",
    ]);
    expect(proxy!.recordings()[1]).toMatchObject({
      operation: null,
      method: "GET",
      path: "/v5/cards/card_info",
      validation: { ok: false, skipped: "not an operation of the spec", deviations: [] },
    });
  });
});
