/**
 * Pact Broker pass-through, against a minimal broker on 127.0.0.1 that speaks just enough HAL
 * to be asked for the pacts to verify: the token, selectors, pending, WIP and branch options
 * must reach it as the Pact Broker API expects them.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { verifyContracts } from "../../../src/contracts/verify-contracts.js";
import { startMock, type RunningMock } from "../../../src/mock/index.js";

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({
    mode: "stateful",
    host: "127.0.0.1",
    port: 0,
    merchants: [{ authId: "1", secret: "s" }],
    auth: true,
  });
});
afterAll(() => mock.close());

async function startBroker(seen: Seen[]) {
  const server = createServer((req: IncomingMessage, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk));
    req.on("end", () => {
      seen.push({ method: req.method ?? "", url: req.url ?? "", authorization: req.headers.authorization, body });
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      res.writeHead(200, { "content-type": "application/hal+json" });
      // The root names the for-verification resource; a GET of it gives its self link; the POST there asks.
      const self = { self: { href: `${base}${req.url}` } };
      const answer =
        req.url === "/"
          ? {
              _links: {
                "pb:provider-pacts-for-verification": {
                  href: `${base}/pacts/provider/{provider}/for-verification`,
                  templated: true,
                },
              },
            }
          : req.method === "GET"
            ? { _links: self }
            : { _embedded: { pacts: [] }, _links: self };
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

test("the broker is asked for the provider's pacts with the token, selectors, pending, WIP and branch", async () => {
  const seen: Seen[] = [];
  const broker = await startBroker(seen);
  const report = await verifyContracts({
    providerBaseUrl: mock.url,
    credentials: { authId: "1", secret: "s", scheme: "jws" },
    broker: {
      url: broker.url,
      token: "tok-123",
      providerVersion: "1.0.0",
      providerBranch: "main",
      enablePending: true,
      includeWipPactsSince: "2026-01-01",
      consumerVersionSelectors: [{ mainBranch: true }],
    },
  });
  await broker.close();
  expect(seen.map(({ method, url, authorization }) => [method, url, authorization])).toEqual([
    ["GET", "/", "Bearer tok-123"],
    ["GET", "/pacts/provider/freedompay-gift-cards/for-verification", "Bearer tok-123"],
    ["POST", "/pacts/provider/freedompay-gift-cards/for-verification", "Bearer tok-123"],
  ]);
  expect(JSON.parse(seen[2]!.body)).toMatchObject({
    consumerVersionSelectors: [{ mainBranch: true }],
    includePendingStatus: true,
    includeWipPactsSince: "2026-01-01",
    providerVersionBranch: "main",
  });
  // No pacts in this broker: nothing verified, and the run fails saying so.
  expect(report).toMatchObject({ ok: false, total: 0, failures: [{ interaction: "Failed to load pact" }] });
  expect(report.failures[0]!.mismatches[0]!.message).toMatch(/^No pacts found for provider 'freedompay-gift-cards'/);
});
