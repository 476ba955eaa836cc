/**
 * The typed control client a consumer's tests use against the simulator: set a state, read the
 * OTP, move the clock past it, reset; a refusal throws with the simulator's own words.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { controlClient, type RunningMock } from "../../src/mock/index.js";
import { closedPort } from "../helpers/recording-server.js";
import { clientOf, issueTestCard, startTestMock } from "./helpers.js";

let mock: RunningMock;
beforeAll(async () => {
  mock = await startTestMock({ mode: "stateful" });
});
afterAll(() => mock.close());

test("a state set through it is the simulator's, and its OTP confirms the card", async () => {
  const control = controlClient(mock.url);
  await control.setState("a card {card_id} awaiting its OTP {otp}", { card_id: 777, otp: "4321" });
  expect(await control.otp(777)).toBe("4321");
  expect(await clientOf(mock).activateCard({ card_id: 777, otp: "4321" })).toMatchObject({
    ok: true,
    data: { card_status: 2 },
  });
});

test("the clock moved past an OTP's lifetime makes it fail; reset brings back the baseline", async () => {
  const control = controlClient(mock.url);
  await control.reset();
  const cardId = await issueTestCard(clientOf(mock));
  const otp = await control.otp(cardId);
  expect(await control.advanceClock(301)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  expect(await clientOf(mock).activateCard({ card_id: cardId, otp })).toMatchObject({
    ok: false,
    error: { name: "IncorrectOtp" },
  });
  expect((await control.merchant("123456")).cards).toBe(1);
  await control.reset();
  expect(await control.merchant("123456")).toEqual({ auth_id: "123456", partner_balance: 1_000_000, cards: 0 });
});

test("the SMS outbox through it: the code sent, by phone, and a phone nothing was sent to is a refusal", async () => {
  const control = controlClient(mock.url);
  await control.reset();
  const cardId = await issueTestCard(clientOf(mock));
  const otp = await control.otp(cardId);
  expect(await control.latestSms(79651234567)).toMatchObject({ phone: "79651234567", card_id: cardId, otp });
  expect(await control.sms(79651234567, { limit: 5 })).toHaveLength(1);
  await expect(control.latestSms("70000000000")).rejects.toThrow(
    `GET ${mock.url}/__control/sms/latest?phone=70000000000: HTTP 404: no SMS sent yet to 70000000000`,
  );
});

test("a refusal throws with the simulator's message", async () => {
  const control = controlClient(mock.url);
  await expect(control.otp(424242)).rejects.toThrow(
    `GET ${mock.url}/__control/cards/424242/otp: HTTP 404: no card 424242`,
  );
  // @ts-expect-error not a state of the catalogue
  await expect(control.setState("a sunny day")).rejects.toThrow(/HTTP 400: unknown provider state "a sunny day"/);
});

test("a simulator that is not there is a refusal in one line, not a hang", async () => {
  const control = controlClient(`http://127.0.0.1:${await closedPort()}`, { timeoutMs: 2000 });
  await expect(control.reset()).rejects.toThrow("cannot reach the simulator's control API (ECONNREFUSED)");
});
