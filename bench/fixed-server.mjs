// @ts-check
/**
 * The baseline both benchmarks measure against: a bare node:http server on 127.0.0.1 answering
 * every request, once it is read, with one fixed, valid card-status body (the ceiling of this
 * machine for the mock, the far end of raw `fetch` for the client).
 */
import { createServer } from "node:http";

export const CARD_STATUS_BODY = JSON.stringify({
  datetime: "2026-11-24 12:00:00",
  status: 0,
  card_status: 2,
  card_currency: "USD",
  card_balance: 100,
  card_mask: "1234********5678",
});

/**
 * Resolves once listening on a free port of 127.0.0.1.
 * @returns {Promise<{ url: string; close: () => Promise<void> }>}
 */
export async function startFixedJsonServer(body = CARD_STATUS_BODY) {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      res.end(body);
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
  const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
