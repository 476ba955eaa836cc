/** The proxy keeps a journal too (outcome `proxied`), redacted, and serves the dashboard; other `/__control` calls go upstream. */
import { afterAll, beforeAll, expect, test } from "vitest";
import type { RunningMock } from "../../src/mock/index.js";
import {
  appClient,
  expectNoneOf,
  HOLDER,
  MERCHANT,
  startSimulator,
  startTestProxy,
  type TestProxy,
} from "./helpers.js";

let simulator: RunningMock;
let proxy: TestProxy;
beforeAll(async () => {
  simulator = await startSimulator();
  proxy = await startTestProxy(simulator.url);
});
afterAll(async () => {
  await proxy.close();
  await simulator.close();
});

test("each exchange is journalled, newest first, proxied and redacted; the page is the proxy's", async () => {
  const client = appClient(proxy);
  const issued = await client.issueCard({ ...HOLDER, product_code: 1 });
  expect(issued.ok).toBe(true);
  const res = await fetch(`${proxy.url}/__control/requests?limit=5`);
  const { requests } = (await res.json()) as { requests: Record<string, unknown>[] };
  expect(requests).toEqual([
    expect.objectContaining({
      method: "POST",
      path: "/v5/cards/issue_card",
      operation: "issueCard",
      http_status: 200,
      status: 0,
      outcome: "proxied",
    }),
  ]);
  expectNoneOf([JSON.stringify(requests)], [HOLDER.cardholder_name, HOLDER.phone, MERCHANT.secret]);
  expect(await fetch(`${proxy.url}/__dashboard/about.json`).then((r) => r.json())).toMatchObject({
    kind: "proxy",
    mode: "proxy",
  });
  // Not the proxy's: forwarded to the simulator behind it.
  expect((await fetch(`${proxy.url}/__control/health`)).status).toBe(200);
});
