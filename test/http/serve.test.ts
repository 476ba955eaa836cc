/**
 * The HTTP layer's options that only some of its users set: a body limit of their own (verify's
 * guard takes pact bodies up to 1 MiB) and the observer that hears of each exchange (the hook a
 * journal attaches to). Real HTTP over 127.0.0.1.
 */
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeHttp, serveHttp, type ServedExchange } from "../../src/http/serve.js";

const exchanges: ServedExchange[] = [];
const logged: string[] = [];
let url = "";
let server: Awaited<ReturnType<typeof serveHttp>>;

beforeAll(async () => {
  server = await serveHttp(
    (request) => {
      if (request.path === "/boom") throw new Error("simulated bug");
      return { httpStatus: 200, body: { path: request.path, query: request.query, bytes: request.body.length } };
    },
    {
      requestTimeoutSeconds: 10,
      logger: (line) => logged.push(line),
      name: "test server",
      bodyLimitBytes: 16,
      onExchange: (e) => exchanges.push(e),
    },
    "127.0.0.1",
    0,
  );
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => closeHttp(server));

test("the observer hears of each answered, refused and failed request: method, path without query, status, outcome", async () => {
  exchanges.length = 0;
  const ok = await fetch(`${url}/ok?x=1`, { method: "POST", body: "0123456789abcdef" });
  expect(await ok.json()).toEqual({ path: "/ok", query: "?x=1", bytes: 16 });
  const big = await fetch(`${url}/big`, { method: "POST", body: "0123456789abcdefg" });
  expect(big.status).toBe(413);
  expect((await big.json()) as object).toMatchObject({
    status: -1,
    message: "General error: the request body is larger than 16 bytes",
  });
  const boom = await fetch(`${url}/boom`);
  expect(boom.status).toBe(500);
  expect((await boom.json()) as object).toMatchObject({
    message: "General error: the test server failed to answer (its bug, logged); the server keeps serving",
  });
  expect(exchanges.map(({ method, path, status, outcome }) => ({ method, path, status, outcome }))).toEqual([
    { method: "POST", path: "/ok", status: 200, outcome: "answered" },
    { method: "POST", path: "/big", status: 413, outcome: "refused" },
    { method: "GET", path: "/boom", status: 500, outcome: "failed" },
  ]);
  for (const exchange of exchanges) {
    expect(exchange.durationMs).toBeGreaterThanOrEqual(0);
    expect(exchange.at).toBeGreaterThan(0);
  }
  expect(logged.join("\n")).toContain("simulated bug");
});
