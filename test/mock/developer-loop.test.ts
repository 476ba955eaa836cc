/**
 * The developer's loop through the real HTTP server: the SMS outbox, fault injection, the
 * request journal (with refusals explained, bodies redacted) and its live event stream.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { ErrorStatus, errorStatusDescription } from "../../src/openapi/index.js";
import { signJws } from "../../src/signing/index.js";
import type { RunningMock } from "../../src/mock/index.js";
import { clientOf, control, ISSUE, issueTestCard, MERCHANT, send, setState, startTestMock } from "./helpers.js";

const STATUS = "/v5/cards/card_status";

async function call(mock: RunningMock, method: "GET" | "POST" | "DELETE", path: string, body?: unknown) {
  const res = await fetch(`${mock.url}/__control${path}`, {
    method,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe("stateful mode", () => {
  let mock: RunningMock;
  const lines: string[] = [];
  beforeAll(async () => {
    mock = await startTestMock({ mode: "stateful", logger: (line) => lines.push(line) });
  });
  afterAll(() => mock.close());
  beforeEach(async () => {
    await control(mock, "POST", "/reset");
    lines.length = 0;
  });

  test("every SMS the simulator sends is in the outbox, newest first, with its OTP", async () => {
    const client = clientOf(mock);
    const first = await issueTestCard(client);
    const second = await issueTestCard(client, { phone: 77011112233 });
    await client.resendCode({ card_id: first });
    const latest = await call(mock, "GET", "/sms/latest?phone=79651234567");
    const otp = ((await control(mock, "GET", `/cards/${first}/otp`)).json as { otp: string }).otp;
    expect(latest).toEqual({
      status: 200,
      json: {
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        phone: "79651234567",
        card_id: first,
        text: `Your gift card confirmation code: ${otp}`,
        otp,
      },
    });
    const all = await call(mock, "GET", "/sms?limit=10");
    expect((all.json.messages as { card_id: number }[]).map((m) => m.card_id)).toEqual([first, second, first]);
    expect((await call(mock, "GET", "/sms?phone=77011112233")).json.messages).toHaveLength(1);
    expect(await call(mock, "GET", "/sms?limit=0")).toEqual({
      status: 400,
      json: { message: 'limit must be a whole number from 1 to 1000; got "0"' },
    });
    expect(lines).toContain(`sms to 7965***4567: card ${first} confirmation code ${otp}`);
  });

  test("an activated card's resend is an SMS without an OTP; none sent yet is a 404", async () => {
    expect(await call(mock, "GET", "/sms/latest")).toEqual({ status: 404, json: { message: "no SMS sent yet" } });
    await setState(mock, "an activated card {card_id}", { card_id: 555 });
    expect((await clientOf(mock).resendCard({ card_id: 555 })).ok).toBe(true);
    expect((await call(mock, "GET", "/sms/latest")).json).toMatchObject({
      card_id: 555,
      otp: null,
      text: expect.stringContaining("4405********0555"),
    });
  });

  test("a fault answers the operation's documented status, the spec's example, `times` times; nothing is charged", async () => {
    const client = clientOf(mock);
    const set = await call(mock, "POST", "/faults", {
      operation: "issueCard",
      status: ErrorStatus.CardIssueFailed,
      times: 1,
    });
    expect(set).toEqual({
      status: 200,
      json: {
        fault: { operation: "issueCard", status: -5, probability: 1, times: 1 },
        faults: [{ operation: "issueCard", status: -5, probability: 1, times: 1 }],
      },
    });
    const before = await control(mock, "GET", `/merchants/${MERCHANT.authId}`);
    expect(await client.issueCard(ISSUE)).toMatchObject({
      ok: false,
      error: { kind: "business", code: -5, message: errorStatusDescription(-5) },
    });
    expect((await control(mock, "GET", `/merchants/${MERCHANT.authId}`)).json).toEqual(before.json);
    expect((await client.issueCard(ISSUE)).ok).toBe(true);
    expect((await call(mock, "GET", "/faults")).json).toEqual({ faults: [] });
  });

  test("a fault until cleared, and DELETE clears it", async () => {
    await call(mock, "POST", "/faults", { operation: "activateCard", status: ErrorStatus.ActivationFailed });
    const client = clientOf(mock);
    for (let i = 0; i < 2; i++)
      expect(await client.activateCard({ otp: "1234" })).toMatchObject({ ok: false, error: { code: -9 } });
    expect(await call(mock, "DELETE", "/faults")).toEqual({ status: 200, json: { faults: [] } });
    expect(await client.activateCard({ otp: "1234" })).toMatchObject({
      ok: false,
      error: { code: ErrorStatus.CardNotFound },
    });
  });

  test.each([
    [
      "a status the operation does not document",
      { operation: "getCardStatus", status: -9 },
      "getCardStatus documents the business statuses -1 (GeneralError), -7 (CardNotFound); got status -9",
    ],
    [
      "an unknown operation",
      { operation: "cancelCard", status: -1 },
      'operation must be one of listProducts, issueCard, activateCard, resendCard, resendCode, getCardStatus; got "cancelCard"',
    ],
    [
      "a probability out of range",
      { operation: "issueCard", status: -5, probability: 2 },
      "probability must be a number above 0 and at most 1; got 2",
    ],
    [
      "a count that is not whole",
      { operation: "issueCard", status: -5, times: 0.5 },
      "times must be a positive integer (or absent: until cleared); got 0.5",
    ],
  ])("a fault with %s is a 400", async (_name, body, message) => {
    expect(await call(mock, "POST", "/faults", body)).toEqual({ status: 400, json: { message } });
  });

  test("the journal: newest first, a refusal with its explanation, bodies redacted, never a signature", async () => {
    const client = clientOf(mock);
    const cardId = await issueTestCard(client);
    const body = JSON.stringify({ card_id: cardId });
    const jws = signJws({ method: "POST", uri: `${STATUS}/`, authId: MERCHANT.authId, body, secret: MERCHANT.secret });
    await send(mock, STATUS, body, { sign: false, headers: { "x-jws-signature": jws } });
    const { json } = await call(mock, "GET", "/requests?limit=2");
    const [refused, issued] = json.requests as Record<string, unknown>[];
    expect(refused).toEqual({
      id: expect.any(Number),
      at: expect.any(String),
      method: "POST",
      path: STATUS,
      operation: "getCardStatus",
      http_status: 401,
      status: -1,
      outcome: "refused",
      reason: "the JWS uri does not match the request path",
      explanation: `the JWS header's uri is "${STATUS}/", the request path is "${STATUS}"; likely cause: a trailing slash in uri`,
      duration_ms: expect.any(Number),
      request: { card_id: cardId },
      answer: expect.objectContaining({ status: -1 }),
    });
    expect(issued).toMatchObject({
      operation: "issueCard",
      outcome: "answered",
      http_status: 200,
      status: 0,
      request: { cardholder_name: "*********************", phone: 99999999999, product_code: 1 },
    });
    const text = JSON.stringify(json);
    expect(text).not.toContain(jws.split("..")[1]);
    expect(text).not.toContain("79651234567");
    expect(text).not.toContain(MERCHANT.secret + '"');
    expect(lines).toContain(
      `mock: refused POST ${STATUS} (HTTP 401): the JWS uri does not match the request path: the JWS header's uri is "${STATUS}/", the request path is "${STATUS}"; likely cause: a trailing slash in uri`,
    );
  });

  test("the event stream carries each journal entry and SMS as it happens", async () => {
    const controller = new AbortController();
    const res = await fetch(`${mock.url}/__control/events`, { signal: controller.signal });
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const reader = res.body!.getReader();
    const cardId = await issueTestCard(clientOf(mock));
    let text = "";
    while (!(text.includes("event: request") && text.includes("event: sms")))
      text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    expect(text).toContain(`"card_id":${cardId}`);
  });
});

test("the journal keeps at most journalSize entries, newest first, a 413 among them", async () => {
  const mock = await startTestMock({ mode: "stateful", journalSize: 3 });
  try {
    for (const cardId of [1, 2, 3, 4]) await send(mock, STATUS, { card_id: cardId });
    await send(mock, STATUS, JSON.stringify({ card_id: 5, pad: "x".repeat(70_000) }));
    const { json } = await call(mock, "GET", "/requests?limit=3");
    const requests = json.requests as { http_status: number; outcome: string; request: unknown }[];
    expect(requests.map((r) => [r.http_status, r.outcome])).toEqual([
      [413, "refused"],
      [200, "answered"],
      [200, "answered"],
    ]);
    expect(requests.slice(1).map((r) => r.request)).toEqual([{ card_id: 4 }, { card_id: 3 }]);
    expect(await call(mock, "GET", "/requests?limit=4")).toEqual({
      status: 400,
      json: { message: 'limit must be a whole number from 1 to 3; got "4"' },
    });
  } finally {
    await mock.close();
  }
});

test("prism mode journals too, and serves the dashboard page", async () => {
  const mock = await startTestMock({ mode: "prism" });
  try {
    await send(mock, STATUS, { card_id: 555 }, { sign: false });
    const { json } = await call(mock, "GET", "/requests");
    expect(json.requests).toEqual([
      expect.objectContaining({ operation: "getCardStatus", outcome: "refused", http_status: 401 }),
    ]);
    const page = await fetch(`${mock.url}/__dashboard`);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await page.text()).toContain('<script src="/__dashboard/dashboard.js"');
    expect((await fetch(`${mock.url}/__dashboard/dashboard.js`)).status).toBe(200);
    expect((await fetch(`${mock.url}/__dashboard/../package.json`)).status).toBe(404);
  } finally {
    await mock.close();
  }
});
