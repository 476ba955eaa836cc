/**
 * The simulator's control API: each endpoint, and its one-line answers to mistakes.
 */
import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import type { RunningMock } from "../../src/mock/index.js";
import { ErrorStatus } from "../../src/openapi/index.js";
import { clientOf, control, issueTestCard, merchantState, otpOf, send, startTestMock } from "./helpers.js";

let mock: RunningMock;
beforeAll(async () => {
  mock = await startTestMock({ mode: "stateful" });
});
afterAll(() => mock.close());
beforeEach(async () => {
  await control(mock, "POST", "/reset");
});

test("health answers ok with the mode", async () => {
  const res = await control(mock, "GET", "/health");
  expect(res.status).toBe(200);
  expect(res.json).toMatchObject({ status: "ok", mode: "stateful" });
});

test("reset forgets every card and refunds every merchant", async () => {
  const client = clientOf(mock);
  const cardId = await issueTestCard(client);
  expect((await control(mock, "POST", "/reset")).json).toEqual({ reset: true });
  expect(await merchantState(mock)).toEqual({ auth_id: "123456", partner_balance: 1_000_000, cards: 0 });
  expect(await client.getCardStatus({ card_id: cardId })).toMatchObject({
    ok: false,
    error: { code: ErrorStatus.CardNotFound },
  });
});

test("reset also winds the clock back to real time", async () => {
  const before = (await control(mock, "POST", "/clock", { advance_seconds: 86_400 * 400 })).json as { now: string };
  await control(mock, "POST", "/reset");
  const after = (await control(mock, "GET", "/health")).json as { now: string };
  expect(Number(after.now.slice(0, 4))).toBeLessThan(Number(before.now.slice(0, 4)));
});

test("the OTP endpoint reads the code the simulator 'sent'", async () => {
  const cardId = await issueTestCard(clientOf(mock));
  const res = await control(mock, "GET", `/cards/${cardId}/otp`);
  expect(res.status).toBe(200);
  expect(res.json).toEqual({ card_id: cardId, otp: expect.stringMatching(/^[0-9]{4}$/) });
});

test("the OTP of an unknown card is a 404 with a message", async () => {
  const res = await control(mock, "GET", "/cards/999999/otp");
  expect(res.status).toBe(404);
  expect(res.json).toEqual({ message: "no card 999999" });
});

test("an activated card has no OTP any more", async () => {
  const client = clientOf(mock);
  const cardId = await issueTestCard(client);
  await client.activateCard({ card_id: cardId, otp: await otpOf(mock, cardId) });
  const res = await control(mock, "GET", `/cards/${cardId}/otp`);
  expect(res.status).toBe(404);
  expect(res.json).toEqual({ message: `card ${cardId} awaits no confirmation code (it is already activated)` });
});

test("the clock moves forward by the seconds asked", async () => {
  const res = await control(mock, "POST", "/clock", { advance_seconds: 3600 });
  expect(res.status).toBe(200);
  expect(res.json).toMatchObject({ advanced_seconds: 3600 });
  // Answers are dated on the simulated clock.
  const answer = await clientOf(mock).listProducts();
  const dated = answer.ok ? Date.parse(`${answer.data.datetime}Z`) : NaN;
  expect(dated - Date.now()).toBeGreaterThan(3500_000);
});

test.each([
  ["no body", undefined],
  ["a negative number", { advance_seconds: -5 }],
  ["a string", { advance_seconds: "60" }],
  ["another field", { seconds: 60 }],
])("the clock refuses %s with a 400", async (_name, body) => {
  const res = await control(mock, "POST", "/clock", body);
  expect(res.status).toBe(400);
  expect(res.json).toEqual({ message: 'send {"advance_seconds": N} with N a non-negative number of seconds' });
});

test("the clock cannot be moved past the last date an answer can carry", async () => {
  const res = await control(mock, "POST", "/clock", { advance_seconds: 1e15 });
  expect(res.status).toBe(400);
  expect(res.json).toEqual({ message: "advance_seconds would move the clock past 9999-12-31 23:59:59" });
  expect(await clientOf(mock).listProducts()).toMatchObject({ ok: true });
});

test("the merchant endpoint shows the partner balance and the number of cards", async () => {
  await issueTestCard(clientOf(mock));
  await issueTestCard(clientOf(mock), { product_code: 2 });
  expect(await merchantState(mock)).toEqual({ auth_id: "123456", partner_balance: 1_000_000 - 50 - 100, cards: 2 });
});

test("an unknown merchant is a 404", async () => {
  const res = await control(mock, "GET", "/merchants/999");
  expect(res.status).toBe(404);
  expect(res.json).toEqual({ message: "no merchant 999" });
});

test("the control API lives under /__control only, never under /v5", async () => {
  expect((await send(mock, "/v5/__control/health", {})).status).toBe(404);
  expect((await send(mock, "/v5/cards/__control/reset", {})).status).toBe(404);
});

test("the control API is absent in Prism mode", async () => {
  const prism = await startTestMock({ mode: "prism" });
  try {
    const res = await control(prism, "GET", "/health");
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ status: -1 });
  } finally {
    await prism.close();
  }
});

test("sandbox-like: no control API at all and no OTP in the SMS line, while the lifecycle still works", async () => {
  const lines: string[] = [];
  const sandbox = await startTestMock({ mode: "stateful", sandboxLike: true, logger: (line) => lines.push(line) });
  try {
    const cardId = await issueTestCard(clientOf(sandbox));
    for (const [method, path] of [
      ["GET", "/health"],
      ["POST", "/state"],
      ["GET", `/cards/${cardId}/otp`],
      ["POST", "/reset"],
    ] as const) {
      expect((await control(sandbox, method, path)).status, `${method} ${path}`).toBe(404);
    }
    expect(lines).toEqual([
      `sms to 7965***4567: card ${cardId} confirmation code (not shown: --sandbox-like, as the real sandbox's SMS)`,
    ]);
    expect(await clientOf(sandbox).getCardStatus({ card_id: cardId })).toMatchObject({
      ok: true,
      data: { card_status: 1 },
    });
  } finally {
    await sandbox.close();
  }
});

test("the state setup answers the values it used, as the spec's requests take them (for Pact's injected values)", async () => {
  const res = await control(mock, "POST", "/state", {
    state: "a card {card_id} awaiting its OTP {otp}",
    params: { card_id: "556", otp: 9876 },
  });
  expect(res).toMatchObject({ status: 200, json: { card_id: 556, otp: "9876" } });
  expect((await control(mock, "POST", "/state", { state: "the partner balance is empty", params: {} })).json).toEqual(
    {},
  );
});
