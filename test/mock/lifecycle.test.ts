/**
 * The card lifecycle of stateful mode, one business rule per test, through the real client.
 */
import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import type { RunningMock } from "../../src/mock/index.js";
import { CardStatus, ErrorStatus, specOperations } from "../../src/openapi/index.js";
import {
  clientOf,
  control,
  ISSUE,
  issueTestCard,
  MERCHANT,
  merchantState,
  otpOf,
  startTestMock,
  wrongOtp,
} from "./helpers.js";

const OTHER = { authId: "777001", secret: "other-secret" };
const PRODUCTS = (
  specOperations().get("listProducts")!.examples.success as {
    product_list: Array<{ code: number; balance: number; currency: string }>;
  }
).product_list;
const PRODUCT_1 = PRODUCTS.find((p) => p.code === 1)!;

let mock: RunningMock;
beforeAll(async () => {
  mock = await startTestMock({ mode: "stateful", merchants: [MERCHANT, OTHER] });
});
afterAll(() => mock.close());
beforeEach(async () => {
  await control(mock, "POST", "/reset");
});

test("the product list is the spec's example catalogue", async () => {
  const res = await clientOf(mock).listProducts();
  expect(res).toMatchObject({ ok: true, data: { status: 0, product_list: PRODUCTS } });
});

test("a merchant starts with a prefunded balance of 1,000,000 and no cards", async () => {
  expect(await merchantState(mock)).toEqual({ auth_id: "123456", partner_balance: 1_000_000, cards: 0 });
});

test("issuing a card takes the product's face value from the partner balance", async () => {
  await issueTestCard(clientOf(mock), { product_code: 2 });
  expect(await merchantState(mock)).toEqual({
    auth_id: "123456",
    partner_balance: 1_000_000 - PRODUCTS.find((p) => p.code === 2)!.balance,
    cards: 1,
  });
});

test("an issued card is inactive, empty, in the product's currency, until confirmed", async () => {
  const client = clientOf(mock);
  const cardId = await issueTestCard(client);
  const res = await client.getCardStatus({ card_id: cardId });
  expect(res).toMatchObject({
    ok: true,
    data: { card_status: CardStatus.Issued, card_balance: 0, card_currency: PRODUCT_1.currency },
  });
});

test("issuing an unknown product answers -4 and charges nothing", async () => {
  const res = await clientOf(mock).issueCard({ ...ISSUE, product_code: 99 });
  expect(res).toMatchObject({
    ok: false,
    error: { kind: "business", code: ErrorStatus.ProductNotFound, name: "ProductNotFound" },
  });
  expect((await merchantState(mock)).partner_balance).toBe(1_000_000);
});

test("a client-supplied card_id is used for the new card (bulk issue)", async () => {
  const client = clientOf(mock);
  expect(await issueTestCard(client, { card_id: 424242 })).toBe(424242);
  expect(await client.getCardStatus({ card_id: 424242 })).toMatchObject({
    ok: true,
    data: { card_status: CardStatus.Issued },
  });
});

test("a client-supplied card_id that is already taken answers -5 and charges nothing", async () => {
  const client = clientOf(mock);
  await issueTestCard(client, { card_id: 424242 });
  const res = await client.issueCard({ ...ISSUE, card_id: 424242 });
  expect(res).toMatchObject({ ok: false, error: { kind: "business", code: ErrorStatus.CardIssueFailed } });
  expect(await merchantState(mock)).toMatchObject({ partner_balance: 1_000_000 - PRODUCT_1.balance, cards: 1 });
});

test("when the partner balance cannot cover the face value, issuing answers -6", async () => {
  await control(mock, "POST", "/state", { state: "the partner balance is empty" });
  const res = await clientOf(mock).issueCard(ISSUE);
  expect(res).toMatchObject({
    ok: false,
    error: { kind: "business", code: ErrorStatus.InsufficientPartnerFunds, name: "InsufficientPartnerFunds" },
  });
});

test("confirming with the right OTP activates the card with the face value, currency and its mask", async () => {
  const client = clientOf(mock);
  const cardId = await issueTestCard(client, { card_id: 555 });
  const res = await client.activateCard({ card_id: cardId, otp: await otpOf(mock, cardId) });
  expect(res).toMatchObject({
    ok: true,
    data: {
      status: 0,
      card_status: CardStatus.Activated,
      card_balance: PRODUCT_1.balance,
      card_currency: PRODUCT_1.currency,
      card_mask: "4405********0555",
    },
  });
  expect(await client.getCardStatus({ card_id: cardId })).toMatchObject({
    ok: true,
    data: { card_status: CardStatus.Activated, card_balance: PRODUCT_1.balance },
  });
});

test("confirming with a wrong OTP answers -8 and leaves the card issued", async () => {
  const client = clientOf(mock);
  const cardId = await issueTestCard(client);
  const res = await client.activateCard({ card_id: cardId, otp: wrongOtp(await otpOf(mock, cardId)) });
  expect(res).toMatchObject({
    ok: false,
    error: { kind: "business", code: ErrorStatus.IncorrectOtp, name: "IncorrectOtp" },
  });
  expect(await client.getCardStatus({ card_id: cardId })).toMatchObject({
    ok: true,
    data: { card_status: CardStatus.Issued },
  });
});

test("confirming an activated card again answers -10", async () => {
  const client = clientOf(mock);
  const cardId = await issueTestCard(client);
  const otp = await otpOf(mock, cardId);
  await client.activateCard({ card_id: cardId, otp });
  const res = await client.activateCard({ card_id: cardId, otp });
  expect(res).toMatchObject({ ok: false, error: { kind: "business", code: ErrorStatus.CardAlreadyActivated } });
});

test("confirming without card_id activates the merchant's most recently issued unconfirmed card", async () => {
  const client = clientOf(mock);
  const older = await issueTestCard(client);
  const newer = await issueTestCard(client);
  const res = await client.activateCard({ otp: await otpOf(mock, newer) });
  expect(res).toMatchObject({ ok: true, data: { card_status: CardStatus.Activated } });
  expect(await client.getCardStatus({ card_id: newer })).toMatchObject({
    ok: true,
    data: { card_status: CardStatus.Activated },
  });
  expect(await client.getCardStatus({ card_id: older })).toMatchObject({
    ok: true,
    data: { card_status: CardStatus.Issued },
  });
  // The next confirm without card_id is about the older card, still waiting.
  expect(await client.activateCard({ otp: await otpOf(mock, older) })).toMatchObject({ ok: true });
});

test("confirming without card_id when no card awaits confirmation answers -7", async () => {
  const res = await clientOf(mock).activateCard({ otp: "1234" });
  expect(res).toMatchObject({ ok: false, error: { kind: "business", code: ErrorStatus.CardNotFound } });
});

test("an OTP expires after 300 s on the simulated clock and is then answered like a wrong one", async () => {
  const client = clientOf(mock);
  const cardId = await issueTestCard(client);
  const otp = await otpOf(mock, cardId);
  await control(mock, "POST", "/clock", { advance_seconds: 301 });
  expect(await client.activateCard({ card_id: cardId, otp })).toMatchObject({
    ok: false,
    error: { code: ErrorStatus.IncorrectOtp },
  });
});

test("an OTP still works just before its 300 s are up", async () => {
  const client = clientOf(mock);
  const cardId = await issueTestCard(client);
  const otp = await otpOf(mock, cardId);
  await control(mock, "POST", "/clock", { advance_seconds: 290 });
  expect(await client.activateCard({ card_id: cardId, otp })).toMatchObject({ ok: true });
});

test("after 3 wrong codes the OTP is dead: even the right one answers -8, until a resend sends a new one", async () => {
  const client = clientOf(mock);
  const cardId = await issueTestCard(client);
  const otp = await otpOf(mock, cardId);
  for (let i = 0; i < 3; i++) {
    expect(await client.activateCard({ card_id: cardId, otp: wrongOtp(otp) })).toMatchObject({
      ok: false,
      error: { code: ErrorStatus.IncorrectOtp, message: "Incorrect OTP" },
    });
  }
  expect(await client.activateCard({ card_id: cardId, otp })).toMatchObject({
    ok: false,
    error: {
      code: ErrorStatus.IncorrectOtp,
      message: "Incorrect OTP: too many wrong codes; ask for a new one (resend_code)",
    },
  });
  expect(await client.resendCode({ card_id: cardId })).toMatchObject({ ok: true });
  expect(await client.activateCard({ card_id: cardId, otp: await otpOf(mock, cardId) })).toMatchObject({
    ok: true,
    data: { card_status: CardStatus.Activated },
  });
});

test("two wrong codes leave the right one working", async () => {
  const client = clientOf(mock);
  const cardId = await issueTestCard(client);
  const otp = await otpOf(mock, cardId);
  await client.activateCard({ card_id: cardId, otp: wrongOtp(otp) });
  await client.activateCard({ card_id: cardId, otp: wrongOtp(otp) });
  expect(await client.activateCard({ card_id: cardId, otp })).toMatchObject({ ok: true });
});

test("the number of attempts can be configured", async () => {
  const strict = await startTestMock({ mode: "stateful", otpAttempts: 1 });
  try {
    const client = clientOf(strict);
    const cardId = await issueTestCard(client);
    const otp = await otpOf(strict, cardId);
    await client.activateCard({ card_id: cardId, otp: wrongOtp(otp) });
    expect(await client.activateCard({ card_id: cardId, otp })).toMatchObject({
      ok: false,
      error: { code: ErrorStatus.IncorrectOtp },
    });
  } finally {
    await strict.close();
  }
});

test("resending the code sends a new OTP and the old one no longer works", async () => {
  const client = clientOf(mock);
  const cardId = await issueTestCard(client);
  const old = await otpOf(mock, cardId);
  let fresh = old;
  // Four digits can repeat; resend until the code differs (a repeat is legitimately the same code).
  for (let i = 0; i < 20 && fresh === old; i++) {
    expect(await client.resendCode({ card_id: cardId })).toMatchObject({ ok: true, data: { status: 0 } });
    fresh = await otpOf(mock, cardId);
  }
  expect(fresh).not.toBe(old);
  expect(await client.activateCard({ card_id: cardId, otp: old })).toMatchObject({
    ok: false,
    error: { code: ErrorStatus.IncorrectOtp },
  });
  expect(await client.activateCard({ card_id: cardId, otp: fresh })).toMatchObject({ ok: true });
});

test("resending the code restarts the OTP lifetime", async () => {
  const client = clientOf(mock);
  const cardId = await issueTestCard(client);
  await control(mock, "POST", "/clock", { advance_seconds: 250 });
  await client.resendCode({ card_id: cardId });
  await control(mock, "POST", "/clock", { advance_seconds: 250 });
  expect(await client.activateCard({ card_id: cardId, otp: await otpOf(mock, cardId) })).toMatchObject({ ok: true });
});

test("resending the code of an activated card answers -10", async () => {
  const client = clientOf(mock);
  const cardId = await issueTestCard(client);
  await client.activateCard({ card_id: cardId, otp: await otpOf(mock, cardId) });
  expect(await client.resendCode({ card_id: cardId })).toMatchObject({
    ok: false,
    error: { code: ErrorStatus.CardAlreadyActivated },
  });
});

test("resending an activated card's details succeeds", async () => {
  const client = clientOf(mock);
  const cardId = await issueTestCard(client);
  await client.activateCard({ card_id: cardId, otp: await otpOf(mock, cardId) });
  expect(await client.resendCard({ card_id: cardId })).toMatchObject({ ok: true, data: { status: 0 } });
});

test("resending the details of a card not yet activated answers -1 saying so", async () => {
  const client = clientOf(mock);
  const cardId = await issueTestCard(client);
  const res = await client.resendCard({ card_id: cardId });
  expect(res).toMatchObject({
    ok: false,
    error: {
      kind: "business",
      code: ErrorStatus.GeneralError,
      message: `General error: card ${cardId} is not activated yet; confirm it first`,
    },
  });
});

test.each([
  ["status", (c: ReturnType<typeof clientOf>) => c.getCardStatus({ card_id: 999_999 })],
  ["confirm", (c: ReturnType<typeof clientOf>) => c.activateCard({ card_id: 999_999, otp: "1234" })],
  ["resend code", (c: ReturnType<typeof clientOf>) => c.resendCode({ card_id: 999_999 })],
  ["resend", (c: ReturnType<typeof clientOf>) => c.resendCard({ card_id: 999_999 })],
])("%s of an unknown card answers -7", async (_name, call) => {
  expect(await call(clientOf(mock))).toMatchObject({
    ok: false,
    error: { kind: "business", code: ErrorStatus.CardNotFound, name: "CardNotFound" },
  });
});

// Another merchant's card: -11 where the spec's error list for the operation has AccessDenied
// (Confirm, Resend), else -7, "card id invalid or not found" (Status, Resend code).
test.each([
  [
    "confirm",
    (c: ReturnType<typeof clientOf>, id: number) => c.activateCard({ card_id: id, otp: "1234" }),
    "AccessDenied",
  ],
  ["resend", (c: ReturnType<typeof clientOf>, id: number) => c.resendCard({ card_id: id }), "AccessDenied"],
  ["status", (c: ReturnType<typeof clientOf>, id: number) => c.getCardStatus({ card_id: id }), "CardNotFound"],
  ["resend code", (c: ReturnType<typeof clientOf>, id: number) => c.resendCode({ card_id: id }), "CardNotFound"],
] as const)("%s of another merchant's card answers %s", async (_name, call, name) => {
  const cardId = await issueTestCard(clientOf(mock, OTHER));
  expect(await call(clientOf(mock), cardId)).toMatchObject({
    ok: false,
    error: { kind: "business", code: ErrorStatus[name], name },
  });
});

test("merchants have separate balances and card counts", async () => {
  await issueTestCard(clientOf(mock, OTHER));
  expect(await merchantState(mock, OTHER.authId)).toEqual({
    auth_id: OTHER.authId,
    partner_balance: 1_000_000 - PRODUCT_1.balance,
    cards: 1,
  });
  expect(await merchantState(mock)).toEqual({ auth_id: "123456", partner_balance: 1_000_000, cards: 0 });
});

test("a confirm without card_id never reaches another merchant's waiting card", async () => {
  await issueTestCard(clientOf(mock, OTHER));
  expect(await clientOf(mock).activateCard({ otp: "1234" })).toMatchObject({
    ok: false,
    error: { code: ErrorStatus.CardNotFound },
  });
});

test("the legacy signature scheme works through the whole lifecycle", async () => {
  const client = clientOf(mock, undefined, "sign");
  const cardId = await issueTestCard(client);
  expect(await client.activateCard({ card_id: cardId, otp: await otpOf(mock, cardId) })).toMatchObject({ ok: true });
});

test("an OTP lifetime can be configured", async () => {
  const short = await startTestMock({ mode: "stateful", otpLifetimeSeconds: 10 });
  try {
    const client = clientOf(short);
    const cardId = await issueTestCard(client);
    const otp = await otpOf(short, cardId);
    await control(short, "POST", "/clock", { advance_seconds: 11 });
    expect(await client.activateCard({ card_id: cardId, otp })).toMatchObject({
      ok: false,
      error: { code: ErrorStatus.IncorrectOtp },
    });
  } finally {
    await short.close();
  }
});
