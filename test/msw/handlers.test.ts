/**
 * `freedompay-gift-cards/msw` as a consumer uses it: their own `setupServer` with our handlers
 * beside one of theirs, the real client pointed at the API's production host, and nothing
 * leaving the process (`onUnhandledRequest: "error"`).
 */
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { createGiftCardsClient } from "../../src/client/index.js";
import { giftCardsHandlers } from "../../src/msw/index.js";

const API = "https://api.freedompay.kz";
const MERCHANT = { authId: "123456", secret: "secret" };
const HOLDER = { cardholder_name: "IVANOV IVAN IVANOVICH", phone: 79651234567 };

const { handlers, control, answer } = giftCardsHandlers();
const weather = http.get("https://weather.example/today", () => HttpResponse.json({ sky: "clear" }));
const server = setupServer(...handlers, weather);
const client = createGiftCardsClient({ baseUrl: API, ...MERCHANT });

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(async () => {
  server.resetHandlers();
  await control.reset();
});
afterAll(() => server.close());

test("a card's whole lifecycle, with the OTP the simulator sent", async () => {
  const products = await client.listProducts();
  if (!products.ok) throw new Error(products.error.message);
  const product = products.data.product_list[0]!;
  const before = await control.merchant(MERCHANT.authId);

  const issued = await client.issueCard({ ...HOLDER, product_code: product.code });
  if (!issued.ok) throw new Error(issued.error.message);
  const cardId = issued.data.card_id;
  expect(await control.merchant(MERCHANT.authId)).toMatchObject({
    partner_balance: before.partner_balance - product.balance,
    cards: 1,
  });
  const sms = await control.latestSms(HOLDER.phone);
  expect(sms).toMatchObject({ phone: String(HOLDER.phone), card_id: cardId, otp: await control.otp(cardId) });

  expect(await client.activateCard({ card_id: cardId, otp: "0000" === sms.otp ? "0001" : "0000" })).toMatchObject({
    ok: false,
    error: { kind: "business", name: "IncorrectOtp" },
  });
  expect(await client.activateCard({ card_id: cardId, otp: sms.otp! })).toMatchObject({
    ok: true,
    data: { status: 0, card_status: 2, card_balance: product.balance, card_currency: product.currency },
  });
  expect(await client.activateCard({ card_id: cardId, otp: sms.otp! })).toMatchObject({
    ok: false,
    error: { name: "CardAlreadyActivated" },
  });
  expect(await client.resendCard({ card_id: cardId })).toMatchObject({ ok: true });
  expect(await client.getCardStatus({ card_id: cardId })).toMatchObject({ ok: true, data: { card_status: 2 } });
  expect((await control.sms(HOLDER.phone)).map((m) => m.card_id)).toEqual([cardId, cardId]);
});

test("an OTP past its lifetime on the simulated clock is refused like a wrong one", async () => {
  const issued = await client.issueCard({ ...HOLDER, product_code: 1 });
  if (!issued.ok) throw new Error(issued.error.message);
  const otp = await control.otp(issued.data.card_id);
  await control.advanceClock(301);
  expect(await client.activateCard({ card_id: issued.data.card_id, otp })).toMatchObject({
    ok: false,
    error: { name: "IncorrectOtp" },
  });
});

test("a provider state of the catalogue sets up the scene", async () => {
  await control.setState("a card {card_id} awaiting its OTP {otp}", { card_id: 555, otp: "1234" });
  expect(await client.activateCard({ card_id: 555, otp: "1234" })).toMatchObject({
    ok: true,
    data: { card_status: 2 },
  });
  await expect(control.setState("an activated card {card_id}", { card_idd: 5 } as never)).rejects.toThrow(/card_id/);
});

test("a request signed with the wrong secret is answered 401, as the real API does", async () => {
  const stranger = createGiftCardsClient({ baseUrl: API, authId: MERCHANT.authId, secret: "not-the-secret" });
  expect(await stranger.listProducts()).toMatchObject({ ok: false, error: { kind: "http", status: 401 } });
});

test("a request the spec refuses is HTTP 200 with the field's negative status", async () => {
  expect(await client.issueCard({ ...HOLDER, phone: 12, product_code: 1 })).toMatchObject({
    ok: false,
    error: { kind: "business", name: "InvalidPhone" },
  });
});

test("an override answers once, then the simulator answers again", async () => {
  await control.setState("a card {card_id} awaiting its OTP {otp}", { card_id: 555, otp: "1234" });
  server.use(answer("activateCard", "IncorrectOtp", { once: true }));
  expect(await client.activateCard({ card_id: 555, otp: "1234" })).toMatchObject({
    ok: false,
    error: { name: "IncorrectOtp" },
  });
  expect(await client.activateCard({ card_id: 555, otp: "1234" })).toMatchObject({
    ok: true,
    data: { card_status: 2 },
  });
});

test("an override by body or by function, still behind the signature check", async () => {
  // The function gets the parsed body and the request, its body still unread.
  server.use(
    answer("getCardStatus", async ({ body, request }) => ({
      datetime: "2026-01-01 00:00:00",
      status: 0,
      card_status: 4,
      card_currency: "KZT",
      card_balance: body.card_id + ((await request.json()) as { card_id: number }).card_id,
      card_mask: "1234********5678",
    })),
  );
  expect(await client.getCardStatus({ card_id: 77 })).toMatchObject({
    ok: true,
    data: { card_status: 4, card_balance: 154 },
  });
  const stranger = createGiftCardsClient({ baseUrl: API, authId: MERCHANT.authId, secret: "wrong" });
  expect(await stranger.getCardStatus({ card_id: 77 })).toMatchObject({
    ok: false,
    error: { kind: "http", status: 401 },
  });
  // A name the operation does not document is a type error, and at run time a one-line refusal.
  // @ts-expect-error listProducts has no IncorrectOtp answer
  expect(() => answer("listProducts", "IncorrectOtp")).toThrow(
    'answer: listProducts has no answer "IncorrectOtp" in the spec; it has: success, GeneralError',
  );
});

test("reset() isolates tests: each starts with no cards and a full balance (1/2)", async () => {
  await client.issueCard({ ...HOLDER, product_code: 1 });
  expect(await control.merchant(MERCHANT.authId)).toMatchObject({ cards: 1 });
});

test("reset() isolates tests: each starts with no cards and a full balance (2/2)", async () => {
  expect(await control.merchant(MERCHANT.authId)).toMatchObject({ partner_balance: 1_000_000, cards: 0 });
  await expect(control.latestSms()).rejects.toThrow("control: GET /__control/sms/latest: no SMS sent yet");
});

test("the user's own handler beside ours still answers", async () => {
  expect(await (await fetch("https://weather.example/today")).json()).toEqual({ sky: "clear" });
});

test("the test sandbox's and the documented mirror's hosts are answered too", async () => {
  for (const baseUrl of ["https://test-api.freedompay.kz", "https://api.freedompay.kg"]) {
    expect(await createGiftCardsClient({ baseUrl, ...MERCHANT }).listProducts()).toMatchObject({ ok: true });
  }
});

test("parallel requests keep the balance exact: every issue charged once, every card distinct", async () => {
  const products = await client.listProducts();
  if (!products.ok) throw new Error(products.error.message);
  const { code, balance } = products.data.product_list[1]!;
  const before = (await control.merchant(MERCHANT.authId)).partner_balance;
  const results = await Promise.all(
    Array.from({ length: 40 }, () => client.issueCard({ ...HOLDER, product_code: code })),
  );
  const ids = results.map((r) => (r.ok ? r.data.card_id : r.error.message));
  expect(new Set(ids).size).toBe(40);
  expect(await control.merchant(MERCHANT.authId)).toMatchObject({ partner_balance: before - 40 * balance, cards: 40 });
});
