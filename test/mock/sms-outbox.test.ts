/**
 * The SMS outbox over the served control API: what the simulator "sent", newest first, by
 * phone; the same outbox `freedompay-gift-cards/msw`'s `control.sms()` reads in process.
 */
import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import type { RunningMock } from "../../src/mock/index.js";
import { clientOf, control, ISSUE, issueTestCard, otpOf, startTestMock } from "./helpers.js";

let mock: RunningMock;
beforeAll(async () => {
  mock = await startTestMock({ mode: "stateful" });
});
afterAll(() => mock.close());
beforeEach(async () => {
  await control(mock, "POST", "/reset");
});

test("every code sent is in the outbox, newest first, filtered by phone and limited", async () => {
  const client = clientOf(mock);
  const first = await issueTestCard(client);
  const second = await issueTestCard(client, { phone: 77011234567 });
  await client.resendCode({ card_id: first });
  const all = (await control(mock, "GET", "/sms")).json as {
    messages: { card_id: number; phone: number; otp: string }[];
  };
  expect(all.messages.map((m) => m.card_id)).toEqual([first, second, first]);
  expect(all.messages[0]).toMatchObject({
    phone: ISSUE.phone,
    otp: await otpOf(mock, first),
    text: expect.stringContaining(String(first)),
  });
  const mine = (await control(mock, "GET", `/sms?phone=${ISSUE.phone}&limit=1`)).json as { messages: unknown[] };
  expect(mine.messages).toHaveLength(1);
  expect((await control(mock, "GET", "/sms/latest?phone=77011234567")).json).toMatchObject({
    card_id: second,
    phone: 77011234567,
  });
});

test("no message is a 404, a bad limit a 400, and a reset empties the outbox", async () => {
  expect(await control(mock, "GET", "/sms/latest")).toMatchObject({
    status: 404,
    json: { message: "no SMS sent yet" },
  });
  expect(await control(mock, "GET", "/sms?limit=0")).toMatchObject({
    status: 400,
    json: { message: "limit must be a whole number, at least 1, got 0" },
  });
  await issueTestCard(clientOf(mock));
  await control(mock, "POST", "/reset");
  expect((await control(mock, "GET", "/sms")).json).toEqual({ messages: [] });
});
