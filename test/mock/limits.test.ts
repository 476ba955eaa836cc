/**
 * The mock stays bounded in time and memory whatever a client does: a request that trickles in
 * is cut with a JSON 408 at the time limit, broken HTTP gets the API's JSON envelope, and the
 * legacy replay guard forgets the oldest Request-Ids once they exceed their byte budget. After
 * each, the next valid request is served. Timings here are limits under test, not budgets:
 * every wait is bounded by the mock's own time limit.
 */
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { RunningMock } from "../../src/mock/index.js";
import { ENTRY_OVERHEAD_BYTES, ReplayGuard } from "../../src/mock/replay-guard.js";
import { legacyHeaders } from "../../src/signing/index.js";
import { clientOf, MERCHANT, send, startTestMock } from "./helpers.js";

const STATUS = "/v5/cards/card_status";

/** Writes `head`, then `trickle` one byte at a time every `everyMs`, and resolves with all the socket received once it closes. */
function slowClient(mock: RunningMock, head: string, trickle: string, everyMs: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(mock.port, "127.0.0.1");
    let received = "";
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    socket.on("data", (chunk) => (received += chunk.toString("latin1")));
    socket.on("error", () => undefined);
    socket.on("close", () => {
      clearInterval(timer);
      resolve(received);
    });
    socket.on("connect", () => {
      socket.write(head);
      timer = setInterval(() => {
        if (sent < trickle.length && !socket.destroyed) socket.write(trickle[sent++]!);
        else clearInterval(timer);
      }, everyMs);
    });
  });
}

function jsonBodyOf(answer: string): unknown {
  return JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4));
}

describe("a request must arrive whole within the time limit", () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startTestMock({ mode: "stateful", requestTimeoutSeconds: 1 });
  });
  afterAll(() => mock.close());

  test("a body that trickles in (a byte every 300 ms) is cut with a JSON 408, and the next request is served", async () => {
    const body = '{"card_id":555}';
    const answer = await slowClient(
      mock,
      `POST ${STATUS} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
      body,
      300,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(answer).toMatch(/\r\nContent-Type: application\/json; charset=utf-8\r\n/);
    expect(jsonBodyOf(answer)).toEqual({
      datetime: expect.any(String),
      status: -1,
      message: "General error: the request did not arrive whole within 1 s",
    });
    expect(await clientOf(mock).listProducts()).toMatchObject({ ok: true });
  });

  test("headers that trickle in are cut the same way", async () => {
    const answer = await slowClient(mock, "POST ", `${STATUS} HTTP/1.1\r\nHost: x\r\n`, 300);
    expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(jsonBodyOf(answer)).toMatchObject({
      status: -1,
      message: "General error: the request did not arrive whole within 1 s",
    });
    expect(await clientOf(mock).listProducts()).toMatchObject({ ok: true });
  });
});

test("headers over node's 16 KiB limit get a JSON 431, and the next request is served", async () => {
  const mock = await startTestMock({ mode: "stateful" });
  try {
    const answer = await slowClient(
      mock,
      `POST ${STATUS} HTTP/1.1\r\nHost: x\r\nX-Big: ${"b".repeat(20 * 1024)}\r\n\r\n`,
      "",
      10,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(jsonBodyOf(answer)).toMatchObject({
      status: -1,
      message: "General error: the request headers are too large",
    });
    expect(await clientOf(mock).listProducts()).toMatchObject({ ok: true });
  } finally {
    await mock.close();
  }
});

describe("the legacy replay guard is bounded in bytes as well as in count", () => {
  test("a merchant's oldest Request-Ids are forgotten once the ids exceed the byte budget", () => {
    const guard = new ReplayGuard({ maxIds: 10_000, maxBytes: 16 * 1024 * 1024 });
    const id = (i: number) => `${i}-`.padEnd(8 * 1024, "x");
    for (let i = 0; i < 12_000; i++) expect(guard.firstUse(MERCHANT.authId, id(i))).toBe(true);
    const { ids, bytes } = guard.usage(MERCHANT.authId);
    expect(bytes).toBeLessThanOrEqual(16 * 1024 * 1024);
    expect(ids).toBe(Math.floor((16 * 1024 * 1024) / (8 * 1024 + ENTRY_OVERHEAD_BYTES)));
    expect(guard.firstUse(MERCHANT.authId, id(0))).toBe(true); // long forgotten
    expect(guard.firstUse(MERCHANT.authId, id(11_999))).toBe(false); // still remembered
  });

  test("over HTTP: 8 KB Request-Ids fill the budget, the oldest is accepted again, the newest is still a duplicate, and valid requests are served", async () => {
    const budget = 256 * 1024;
    const mock = await startTestMock({ mode: "stateful", replayBytesPerMerchant: budget });
    try {
      const body = JSON.stringify({ card_id: 555 });
      const id = (i: number) => `${i}-`.padEnd(8 * 1024, "r");
      const sendWithId = (i: number) =>
        send(mock, STATUS, body, {
          sign: false,
          headers: legacyHeaders(body, MERCHANT.authId, MERCHANT.secret, id(i)),
        });
      const fits = Math.floor(budget / (8 * 1024 + ENTRY_OVERHEAD_BYTES));
      for (let i = 0; i < 3 * fits; i++)
        expect((await sendWithId(i)).json, `request ${i}`).toMatchObject({ status: -7 });
      expect((await sendWithId(0)).json).toMatchObject({ status: -7 }); // forgotten: processed again
      expect((await sendWithId(3 * fits - 1)).json).toMatchObject({
        status: -1,
        message: `General error: duplicate Request-Id "${id(3 * fits - 1).slice(0, 64)}…"; the request was not processed`,
      });
      expect(await clientOf(mock).listProducts()).toMatchObject({ ok: true });
    } finally {
      await mock.close();
    }
  });
});
