/**
 * The named provider states of `POST /__control/state`: each sets its scene from the baseline,
 * so the contract verifier can replay an interaction against it.
 */
import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import { PROVIDER_STATES, type RunningMock } from "../../src/mock/index.js";
import { CardStatus, ErrorStatus } from "../../src/openapi/index.js";
import {
  clientOf,
  control,
  issueTestCard,
  MERCHANT,
  merchantState,
  otpOf,
  setState,
  startTestMock,
} from "./helpers.js";

const SECOND = { authId: "222222", secret: "second-secret" };
let mock: RunningMock;
beforeAll(async () => {
  mock = await startTestMock({ mode: "stateful", merchants: [MERCHANT, SECOND] });
});
afterAll(() => mock.close());
beforeEach(async () => {
  await control(mock, "POST", "/reset");
});

test("the simulator knows exactly the eight states the contracts use", () => {
  expect(Object.keys(PROVIDER_STATES)).toEqual([
    "the partner has products and a funded balance",
    "a card {card_id} awaiting its OTP {otp}",
    "an activated card {card_id}",
    "no card {card_id} exists",
    "the partner balance is empty",
    "a card {card_id} of another merchant",
    "the bank fails to issue cards",
    "a card {card_id} awaiting its OTP {otp} that the bank fails to activate",
  ]);
});

test("'the bank fails to issue cards': issuing answers -5, and charges nothing", async () => {
  expect((await setState(mock, "the bank fails to issue cards")).status).toBe(200);
  const issue = { cardholder_name: "IVANOV IVAN", phone: 79651234567, product_code: 1 };
  for (let i = 0; i < 2; i++)
    expect(await clientOf(mock).issueCard(issue)).toMatchObject({
      ok: false,
      error: { code: ErrorStatus.CardIssueFailed },
    });
  expect(await merchantState(mock)).toEqual({ auth_id: "123456", partner_balance: 1_000_000, cards: 0 });
});

test("'a card {card_id} awaiting its OTP {otp} that the bank fails to activate': the right OTP answers -9", async () => {
  const state = "a card {card_id} awaiting its OTP {otp} that the bank fails to activate";
  expect((await setState(mock, state, { card_id: 555, otp: "1234" })).status).toBe(200);
  expect(await clientOf(mock).activateCard({ card_id: 555, otp: "1234" })).toMatchObject({
    ok: false,
    error: { code: ErrorStatus.ActivationFailed },
  });
  expect(await clientOf(mock).getCardStatus({ card_id: 555 })).toMatchObject({ ok: true, data: { card_status: 1 } });
});

test("'the partner has products and a funded balance' is the baseline: no cards, full balance", async () => {
  await issueTestCard(clientOf(mock));
  expect((await setState(mock, "the partner has products and a funded balance")).status).toBe(200);
  expect(await merchantState(mock)).toEqual({ auth_id: "123456", partner_balance: 1_000_000, cards: 0 });
  expect(await clientOf(mock).listProducts()).toMatchObject({ ok: true });
});

test("'a card {card_id} awaiting its OTP {otp}': that OTP confirms that card", async () => {
  const res = await setState(mock, "a card {card_id} awaiting its OTP {otp}", { card_id: 555, otp: "1234" });
  expect(res.status).toBe(200);
  expect(await otpOf(mock, 555)).toBe("1234");
  const client = clientOf(mock);
  expect(await client.activateCard({ card_id: 555, otp: "4321" })).toMatchObject({
    ok: false,
    error: { code: ErrorStatus.IncorrectOtp },
  });
  expect(await client.activateCard({ card_id: 555, otp: "1234" })).toMatchObject({
    ok: true,
    data: { card_status: CardStatus.Activated },
  });
});

test("'a card … awaiting its OTP …' takes its params as strings too", async () => {
  expect((await setState(mock, "a card {card_id} awaiting its OTP {otp}", { card_id: "556", otp: 9876 })).status).toBe(
    200,
  );
  expect(await otpOf(mock, 556)).toBe("9876");
});

test("'an activated card {card_id}': the card is active with its face value", async () => {
  expect((await setState(mock, "an activated card {card_id}", { card_id: 555 })).status).toBe(200);
  const client = clientOf(mock);
  expect(await client.getCardStatus({ card_id: 555 })).toMatchObject({
    ok: true,
    data: { card_status: CardStatus.Activated, card_balance: 50 },
  });
  expect(await client.activateCard({ card_id: 555, otp: "1234" })).toMatchObject({
    ok: false,
    error: { code: ErrorStatus.CardAlreadyActivated },
  });
});

test("'no card {card_id} exists': that card is unknown (-7), even after it existed", async () => {
  await setState(mock, "an activated card {card_id}", { card_id: 555 });
  expect((await setState(mock, "no card {card_id} exists", { card_id: 555 })).status).toBe(200);
  expect(await clientOf(mock).getCardStatus({ card_id: 555 })).toMatchObject({
    ok: false,
    error: { code: ErrorStatus.CardNotFound },
  });
});

test("'the partner balance is empty': issuing answers -6", async () => {
  expect((await setState(mock, "the partner balance is empty")).status).toBe(200);
  expect((await merchantState(mock)).partner_balance).toBe(0);
  expect(
    await clientOf(mock).issueCard({ cardholder_name: "IVANOV IVAN", phone: 79651234567, product_code: 1 }),
  ).toMatchObject({
    ok: false,
    error: { code: ErrorStatus.InsufficientPartnerFunds },
  });
});

test("'a card {card_id} of another merchant': the default merchant gets -11 (or -7 where -11 is not documented)", async () => {
  expect((await setState(mock, "a card {card_id} of another merchant", { card_id: 555 })).status).toBe(200);
  expect(await clientOf(mock).resendCard({ card_id: 555 })).toMatchObject({
    ok: false,
    error: { code: ErrorStatus.AccessDenied },
  });
  expect(await clientOf(mock).getCardStatus({ card_id: 555 })).toMatchObject({
    ok: false,
    error: { code: ErrorStatus.CardNotFound },
  });
  // The other merchant here is the second configured one, who may use it.
  expect(await clientOf(mock, SECOND).getCardStatus({ card_id: 555 })).toMatchObject({ ok: true });
});

test("'a card … of another merchant' works with a single configured merchant too", async () => {
  const single = await startTestMock({ mode: "stateful" });
  try {
    await setState(single, "a card {card_id} of another merchant", { card_id: 555 });
    expect(await clientOf(single).resendCard({ card_id: 555 })).toMatchObject({
      ok: false,
      error: { code: ErrorStatus.AccessDenied },
    });
  } finally {
    await single.close();
  }
});

test("params.auth_id sets the scene for another configured merchant", async () => {
  await setState(mock, "an activated card {card_id}", { card_id: 555, auth_id: SECOND.authId });
  expect(await clientOf(mock, SECOND).getCardStatus({ card_id: 555 })).toMatchObject({ ok: true });
  expect(await clientOf(mock).resendCard({ card_id: 555 })).toMatchObject({
    ok: false,
    error: { code: ErrorStatus.AccessDenied },
  });
});

test("every state starts from the baseline", async () => {
  await setState(mock, "an activated card {card_id}", { card_id: 555 });
  await setState(mock, "an activated card {card_id}", { card_id: 556 });
  expect(await clientOf(mock).getCardStatus({ card_id: 555 })).toMatchObject({
    ok: false,
    error: { code: ErrorStatus.CardNotFound },
  });
  expect((await merchantState(mock)).cards).toBe(1);
});

test("an unknown state is a 400 that lists the known states", async () => {
  const res = await setState(mock, "a card awaiting its OTP");
  expect(res.status).toBe(400);
  const known = Object.keys(PROVIDER_STATES);
  expect(res.json).toEqual({
    message: `unknown provider state "a card awaiting its OTP"; known states: ${known.map((s) => JSON.stringify(s)).join(", ")}`,
    known_states: known,
  });
});

test.each(["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"])(
  "a state named %j (an Object property, not a state) is a 400 with the known states, and nothing is reset",
  async (name) => {
    await setState(mock, "an activated card {card_id}", { card_id: 555 });
    const res = await setState(mock, name);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({
      message: `unknown provider state ${JSON.stringify(name)}; known states: ${Object.keys(PROVIDER_STATES)
        .map((s) => JSON.stringify(s))
        .join(", ")}`,
      known_states: Object.keys(PROVIDER_STATES),
    });
    // The scene set up before is untouched, and the simulator serves on.
    expect(await clientOf(mock).getCardStatus({ card_id: 555 })).toMatchObject({
      ok: true,
      data: { card_status: CardStatus.Activated },
    });
  },
);

test("bad params reset nothing either", async () => {
  await setState(mock, "an activated card {card_id}", { card_id: 555 });
  expect((await setState(mock, "an activated card {card_id}", { card_id: "abc" })).status).toBe(400);
  expect(await clientOf(mock).getCardStatus({ card_id: 555 })).toMatchObject({
    ok: true,
    data: { card_status: CardStatus.Activated },
  });
});

test.each([
  ["/cards/__proto__/otp", "no card __proto__"],
  ["/cards/constructor/otp", "no card constructor"],
  ["/merchants/__proto__", "no merchant __proto__"],
  ["/merchants/toString", "no merchant toString"],
  ["/merchants/%ZZ", undefined],
])("the control API's other lookups take names too: GET %s is a 404", async (path, message) => {
  const res = await control(mock, "GET", path);
  expect(res.status).toBe(404);
  if (message) expect(res.json).toEqual({ message });
});

test.each([
  // The words `check` uses for the same mistake (src/provider-states owns them).
  [
    "a missing card_id",
    "an activated card {card_id}",
    {},
    'provider state "an activated card {card_id}" needs param "card_id"',
  ],
  [
    "an unknown param",
    "an activated card {card_id}",
    { card_idd: 555 },
    'provider state "an activated card {card_id}" needs param "card_id"',
  ],
  [
    "an unknown param beside the right ones",
    "an activated card {card_id}",
    { card_id: 555, colour: "red" },
    'provider state "an activated card {card_id}" takes no param "colour" (it takes card_id, auth_id)',
  ],
  [
    "a card_id that is not a number",
    "an activated card {card_id}",
    { card_id: "abc" },
    'provider state "an activated card {card_id}": params.card_id "abc" is not a card id: must be integer',
  ],
  [
    "a card_id of 0",
    "no card {card_id} exists",
    { card_id: 0 },
    'provider state "no card {card_id} exists": params.card_id 0 is not a card id: must be >= 1',
  ],
  [
    "an OTP with letters",
    "a card {card_id} awaiting its OTP {otp}",
    { card_id: 1, otp: "12ab" },
    'provider state "a card {card_id} awaiting its OTP {otp}": params.otp "12ab" is not an OTP: must match pattern "^[0-9]{4,8}$"',
  ],
  [
    "an unknown auth_id",
    "the partner balance is empty",
    { auth_id: "nobody" },
    'params.auth_id "nobody" is not a configured merchant',
  ],
])("bad params (%s) are a 400 with one line", async (_name, state, params, message) => {
  const res = await setState(mock, state, params);
  expect(res.status).toBe(400);
  expect(res.json).toEqual({ message });
});

test("Pact's setup action sets the scene, and a teardown leaves the state as it is", async () => {
  const setup = await control(mock, "POST", "/state", {
    action: "setup",
    state: "an activated card {card_id}",
    params: { card_id: 555 },
  });
  expect(setup.status).toBe(200);
  const teardown = await control(mock, "POST", "/state", {
    action: "teardown",
    state: "an activated card {card_id}",
    params: { card_id: 555 },
  });
  expect(teardown.status).toBe(200);
  expect(await clientOf(mock).getCardStatus({ card_id: 555 })).toMatchObject({ ok: true });
  const odd = await control(mock, "POST", "/state", { action: "undo", state: "an activated card {card_id}" });
  expect(odd.status).toBe(400);
  expect(odd.json).toEqual({ message: 'action must be "setup" or "teardown", got "undo"' });
});

test("a state request that is not a JSON object is a 400", async () => {
  const res = await fetch(`${mock.url}/__control/state`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "[1,2",
  });
  expect(res.status).toBe(400);
  expect(await res.json()).toEqual({ message: 'send {"state": "…", "params": {…}} as a JSON object' });
});
