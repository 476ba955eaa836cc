/**
 * The client on a hostile network, each case produced for real over loopback: redirects to
 * another origin, answers too long or endless, bodies that trickle. Nothing signed leaves for
 * another origin, memory stays bounded, and every case resolves to a typed error.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, test } from "vitest";
import { pour } from "../helpers/pour.mjs";
import {
  createGiftCardsClient,
  DEFAULT_MAX_RESPONSE_BYTES,
  ResponseTooLarge,
  type GiftCardsClientOptions,
} from "../../src/client/index.js";
import { json, startRecordingServer, type Handler, type RecordingServer } from "../helpers/recording-server.js";

const CARD = {
  datetime: "2026-11-24 12:00:00",
  status: 0,
  card_status: 2,
  card_currency: "USD",
  card_balance: 100,
  card_mask: "1234********5678",
};
const servers: RecordingServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(handler: Handler): Promise<RecordingServer> {
  const server = await startRecordingServer(handler);
  servers.push(server);
  return server;
}

function clientOf(server: RecordingServer, options: Partial<GiftCardsClientOptions> = {}) {
  return createGiftCardsClient({ baseUrl: server.url, authId: "123456", secret: "secret", ...options });
}

describe("a redirect is never followed", () => {
  const cases = [301, 302, 303, 307, 308].flatMap((status) =>
    (["jws", "sign"] as const).map((scheme) => [status, scheme] as const),
  );
  test.each(cases)(
    "HTTP %i (scheme %s) is an http error naming the Location; the other origin receives nothing",
    async (status, scheme) => {
      const elsewhere = await serve(json(CARD));
      const location = `${elsewhere.url}/collect`;
      const origin = await serve((_req, res) => {
        res.writeHead(status, { location, "content-type": "text/plain" });
        res.end("moved");
      });
      const res = await clientOf(origin, { scheme }).getCardStatus({ card_id: 555 });
      expect(res).toMatchObject({
        ok: false,
        error: {
          kind: "http",
          status,
          location,
          message: `HTTP ${status}: a redirect to ${location}, not followed (the client never follows redirects)`,
        },
      });
      expect(origin.requests).toHaveLength(1);
      expect(elsewhere.requests).toEqual([]);
    },
  );

  test("a redirect without a Location says so", async () => {
    const origin = await serve((_req, res) => {
      res.writeHead(302);
      res.end();
    });
    const res = await clientOf(origin).resendCode({ card_id: 555 });
    expect(res).toMatchObject({
      ok: false,
      error: {
        kind: "http",
        status: 302,
        message: "HTTP 302: a redirect, not followed (the client never follows redirects)",
      },
    });
    expect(!res.ok && "location" in res.error).toBe(false);
  });

  test("raw gets the 3xx back as it is, and sends nothing to the Location either", async () => {
    const elsewhere = await serve(json(CARD));
    const origin = await serve((_req, res) => {
      res.writeHead(307, { location: `${elsewhere.url}/collect` });
      res.end();
    });
    const answer = await clientOf(origin).raw.POST("/v5/cards/card_status", {
      body: { card_id: 555 },
      redirect: "follow",
    });
    expect(answer.response.status).toBe(307);
    expect(answer.data).toBeUndefined();
    expect(elsewhere.requests).toEqual([]);
  });
});

describe("an answer longer than maxResponseBytes is refused, and no more of it is read", () => {
  test(`the default limit is 1 MiB: a declared 2 MiB answer is an invalid_response`, async () => {
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(1024 * 1024);
    let written: Promise<number> | undefined;
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(2 * 1024 * 1024) });
      written = pour(res, 2 * 1024 * 1024);
    });
    const res = await clientOf(server).getCardStatus({ card_id: 1 });
    expect(res).toMatchObject({
      ok: false,
      error: {
        kind: "invalid_response",
        message: "the answer is longer than maxResponseBytes (1048576 bytes); the client stopped reading it",
        violations: [],
      },
    });
    expect(res.response?.status).toBe(200);
    await written;
  });

  test("an endless answer ends in the same error long before the timeout, and the client hangs up", async () => {
    let written: Promise<number> | undefined;
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      written = pour(res, Infinity);
    });
    const res = await clientOf(server, { maxResponseBytes: 64 * 1024, timeoutMs: 60_000 }).getCardStatus({
      card_id: 1,
    });
    expect(res).toMatchObject({
      ok: false,
      error: {
        kind: "invalid_response",
        message: "the answer is longer than maxResponseBytes (65536 bytes); the client stopped reading it",
      },
    });
    // The server's writes stop once the client cancels: the socket closes. What it managed to
    // write is the limit plus what loopback socket buffers hold, far from endless.
    expect(await written).toBeLessThan(64 * 1024 * 1024);
  });

  test("an over-long error answer is an http error with its status, its body unread", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(500, { "content-type": "text/html" });
      void pour(res, Infinity);
    });
    const res = await clientOf(server, { maxResponseBytes: 1000 }).getCardStatus({ card_id: 1 });
    expect(res).toMatchObject({
      ok: false,
      error: {
        kind: "http",
        status: 500,
        message: "HTTP 500: the answer is longer than maxResponseBytes (1000 bytes); the client stopped reading it",
      },
    });
    expect(!res.ok && res.error.kind === "http" && res.error.body).toBeUndefined();
  });

  test("the limit is inclusive: an answer of exactly maxResponseBytes is read, one byte more is not", async () => {
    const body = JSON.stringify(CARD);
    const server = await serve(json(CARD));
    const exact = Buffer.byteLength(body);
    expect(await clientOf(server, { maxResponseBytes: exact }).getCardStatus({ card_id: 1 })).toMatchObject({
      ok: true,
      data: CARD,
    });
    expect(await clientOf(server, { maxResponseBytes: exact - 1 }).getCardStatus({ card_id: 1 })).toMatchObject({
      ok: false,
      error: { kind: "invalid_response" },
    });
  });

  test("raw's read of an endless answer fails too, with ResponseTooLarge", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      void pour(res, Infinity);
    });
    const read = clientOf(server, { maxResponseBytes: 64 * 1024 }).raw.POST("/v5/cards/card_status", {
      body: { card_id: 1 },
    });
    await expect(read).rejects.toBeInstanceOf(ResponseTooLarge);
    await expect(read).rejects.toMatchObject({
      maxResponseBytes: 65536,
      message: "the answer is longer than maxResponseBytes (65536 bytes)",
    });
  });

  test("in an app's own process, a fast 200 MB answer, an endless one and a gzip bomb leave its peak memory within 64 MiB of where it was", () => {
    // The built client by its package name, on plain Node (test/client/fixtures/big-answers.mjs).
    const script = fileURLToPath(new URL("./fixtures/big-answers.mjs", import.meta.url));
    const results = JSON.parse(execFileSync(process.execPath, [script], { encoding: "utf8" })) as Record<
      string,
      { kind: string; message: string; peakGrowthKiB: number }
    >;
    const refused = "the answer is longer than maxResponseBytes (1048576 bytes); the client stopped reading it";
    for (const name of ["fast", "endless", "gzip"]) {
      expect(results[name]).toMatchObject({ kind: "invalid_response", message: refused });
      expect(results[name]!.peakGrowthKiB).toBeLessThan(64 * 1024);
    }
  });
});

describe("one deadline covers the whole exchange", () => {
  test("a body that trickles in under the size limit is a timeout, for the methods and for raw", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write("{");
      const drip = setInterval(() => res.write(" "), 20);
      res.on("close", () => clearInterval(drip));
    });
    const client = clientOf(server, { timeoutMs: 300 });
    expect(await client.getCardStatus({ card_id: 1 })).toMatchObject({
      ok: false,
      error: { kind: "timeout", timeoutMs: 300 },
    });
    await expect(client.raw.POST("/v5/cards/card_status", { body: { card_id: 1 } })).rejects.toMatchObject({
      name: "TimeoutError",
    });
  });
});
