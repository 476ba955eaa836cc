/**
 * The proxy never crashes and never hangs on a bad upstream. Each hostile upstream answers its
 * first request honestly (through the simulator), then refuses, closes, answers garbage,
 * stalls, trickles, or sends without end. Every fault gets the app a JSON 502 (504 for a stall)
 * in the API's envelope and one report line, within the proxy's upstream time limit; the next
 * request is served the same way; the recordings say there was no answer.
 */
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { RunningMock } from "../../src/mock/index.js";
import { startHostileProvider, type Hostility, type HostileProvider } from "../contracts/verify/hostile-providers.js";
import { exchange, expectNoneOf, MERCHANT, startSimulator, startTestProxy, type TestProxy } from "./helpers.js";

const PATH = "/v5/cards/product_list";

let simulator: RunningMock;
beforeAll(async () => {
  simulator = await startSimulator();
});
afterAll(() => simulator.close());

describe.each<[Hostility, number, string]>([
  ["close", 502, "closed the connection without answering (ECONNRESET)"],
  ["garbage", 502, "answered with something that is not HTTP (HPE_INVALID_CONSTANT)"],
  ["stall", 504, "did not answer within 1 s"],
  ["slow-body", 504, "did not answer within 1 s"],
  ["endless", 502, "sent more than 1048576 bytes in answer"],
])("an upstream that turns to %s", (hostility, httpStatus, fault) => {
  let hostile: HostileProvider;
  let proxy: TestProxy;
  beforeAll(async () => {
    hostile = await startHostileProvider(hostility, simulator.url, 1);
    proxy = await startTestProxy(hostile.url, { upstreamTimeoutSeconds: 1 });
  });
  afterAll(async () => {
    await proxy.close();
    await hostile.close();
  });

  test(`gets the app a JSON ${httpStatus} and one line per request, and the next request is served`, async () => {
    const honest = await exchange(proxy.url, PATH, {});
    expect(honest.status).toBe(200);
    const what = `the upstream at ${hostile.url} (POST ${PATH}) ${fault}`;
    for (let i = 0; i < 2; i++) {
      const answer = await exchange(proxy.url, PATH, {});
      expect(answer.status).toBe(httpStatus);
      expect(answer.headers["content-type"]).toBe("application/json; charset=utf-8");
      expect(answer.json).toEqual({
        datetime: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
        status: -1,
        message: `General error: fp-giftcards proxy: ${what}`,
      });
    }
    const line = `proxy: listProducts: no answer: ${what}; the app got HTTP ${httpStatus}`;
    expect(proxy.lines).toEqual(["proxy: listProducts HTTP 200 status 0 (success): as the spec says", line, line]);
    expect(proxy.recordings().map((r) => [r.answer, r.validation])).toEqual([
      [expect.objectContaining({ http_status: 200 }), { ok: true, branch: "success", deviations: [] }],
      [{ error: what }, { ok: false, skipped: "no answer", deviations: [] }],
      [{ error: what }, { ok: false, skipped: "no answer", deviations: [] }],
    ]);
    expectNoneOf([...proxy.files(), ...proxy.lines], [MERCHANT.secret]);
  });
});

test("an upstream that refuses connections gets the app a JSON 502", async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise((resolve) => closed.close(resolve));
  const proxy = await startTestProxy(url);
  try {
    const answer = await exchange(proxy.url, PATH, {});
    const what = `cannot reach the upstream at ${url} (POST ${PATH}) (ECONNREFUSED)`;
    expect([answer.status, answer.json]).toEqual([
      502,
      { datetime: expect.any(String), status: -1, message: `General error: fp-giftcards proxy: ${what}` },
    ]);
    expect(proxy.lines).toEqual([`proxy: listProducts: no answer: ${what}; the app got HTTP 502`]);
  } finally {
    await proxy.close();
  }
});
