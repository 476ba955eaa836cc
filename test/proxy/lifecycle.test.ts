/**
 * The proxy in front of the simulator, which checks every signature: an app with no secret of
 * the merchant's goes through a card's whole lifecycle, so every request was re-signed by the
 * proxy. Each exchange is reported in one line, answered as the simulator answered, and
 * recorded without the holder's name, phone or OTP, and without the secret.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { RunningMock } from "../../src/mock/index.js";
import { otpOf, wrongOtp } from "../mock/helpers.js";
import {
  appClient,
  exchange,
  expectNoneOf,
  HOLDER,
  MERCHANT,
  startSimulator,
  startTestProxy,
  type TestProxy,
} from "./helpers.js";

let simulator: RunningMock;
beforeAll(async () => {
  simulator = await startSimulator();
});
afterAll(() => simulator.close());

describe("a whole lifecycle through the proxy", () => {
  let proxy: TestProxy;
  beforeAll(async () => {
    proxy = await startTestProxy(simulator.url);
  });
  afterAll(() => proxy.close());

  test("every call is answered as the simulator answers, reported in one line, and recorded redacted", async () => {
    const app = appClient(proxy);
    expect(await app.listProducts()).toMatchObject({ ok: true, data: { status: 0, product_list: expect.any(Array) } });
    const issued = await app.issueCard({ ...HOLDER, product_code: 1 });
    if (!issued.ok) throw new Error(`issuing failed: ${issued.error.message}`);
    const cardId = issued.data.card_id;
    const otp = await otpOf(simulator, cardId);
    expect(await app.resendCard({ card_id: cardId })).toMatchObject({
      ok: false,
      error: { kind: "business", code: -1 },
    });
    expect(await app.activateCard({ card_id: cardId, otp: wrongOtp(otp) })).toMatchObject({
      ok: false,
      error: { kind: "business", code: -8 },
    });
    expect(await app.resendCode({ card_id: cardId })).toMatchObject({ ok: true });
    const fresh = await otpOf(simulator, cardId);
    expect(await app.activateCard({ card_id: cardId, otp: fresh })).toMatchObject({
      ok: true,
      data: { card_status: 2, card_currency: "USD" },
    });
    expect(await app.activateCard({ card_id: cardId, otp: fresh })).toMatchObject({
      ok: false,
      error: { kind: "business", code: -10 },
    });
    expect(await app.resendCard({ card_id: cardId })).toMatchObject({ ok: true });
    expect(await app.getCardStatus({ card_id: cardId })).toMatchObject({ ok: true, data: { card_status: 2 } });
    expect(await app.getCardStatus({ card_id: 999_999 })).toMatchObject({
      ok: false,
      error: { kind: "business", code: -7 },
    });

    expect(proxy.lines).toEqual([
      "proxy: listProducts HTTP 200 status 0 (success): as the spec says",
      "proxy: issueCard HTTP 200 status 0 (success): as the spec says",
      // The simulator's own decision (resend before activation is -1, the general error every operation may answer).
      "proxy: resendCard HTTP 200 status -1 (GeneralError): as the spec says",
      "proxy: activateCard HTTP 200 status -8 (IncorrectOtp): as the spec says",
      "proxy: resendCode HTTP 200 status 0 (success): as the spec says",
      "proxy: activateCard HTTP 200 status 0 (success): as the spec says",
      "proxy: activateCard HTTP 200 status -10 (CardAlreadyActivated): as the spec says",
      "proxy: resendCard HTTP 200 status 0 (success): as the spec says",
      "proxy: getCardStatus HTTP 200 status 0 (success): as the spec says",
      "proxy: getCardStatus HTTP 200 status -7 (CardNotFound): as the spec says",
    ]);

    const recordings = proxy.recordings();
    expect(recordings.map((r) => r.operation)).toEqual([
      "listProducts",
      "issueCard",
      "resendCard",
      "activateCard",
      "resendCode",
      "activateCard",
      "activateCard",
      "resendCard",
      "getCardStatus",
      "getCardStatus",
    ]);
    expect(recordings[1]).toMatchObject({
      version: 1,
      method: "POST",
      path: "/v5/cards/issue_card",
      scheme: "jws",
      request: {
        content_type: "application/json",
        body: { cardholder_name: "*".repeat(HOLDER.cardholder_name.length), phone: 99999999999, product_code: 1 },
      },
      answer: { http_status: 200, body: { status: 0, card_id: cardId } },
      validation: { ok: true, branch: "success", deviations: [] },
    });
    expect(recordings[2]!.validation).toEqual({ ok: true, branch: "error", deviations: [] });
    expect(recordings[5]!.request.body).toEqual({ card_id: cardId, otp: "*".repeat(fresh.length) });
    for (const recording of recordings) expect(recording.timing_ms).toBeGreaterThanOrEqual(0);
    // No header but the content type is kept: no signature of the app's or the proxy's.
    expectNoneOf(
      [...proxy.files(), ...proxy.lines],
      [
        MERCHANT.secret,
        HOLDER.cardholder_name,
        HOLDER.phone,
        otp,
        fresh,
        "X-JWS-Signature",
        "x-jws-signature",
        "not-the-merchant-secret",
      ],
    );
  });

  test("an app that sends no signature at all is signed too", async () => {
    const answer = await exchange(proxy.url, "/v5/cards/product_list", {});
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ status: 0 });
  });
});

describe.each<[string, { scheme?: "jws" | "sign"; jwsAlgorithm?: "HS256" }]>([
  ["the legacy scheme (Sign, Auth-Id, Request-Id)", { scheme: "sign" }],
  ["JWS with HS256", { jwsAlgorithm: "HS256" }],
])("%s", (_name, options) => {
  let proxy: TestProxy;
  beforeAll(async () => {
    proxy = await startTestProxy(simulator.url, options);
  });
  afterAll(() => proxy.close());

  test("the simulator accepts the proxy's signatures", async () => {
    const app = appClient(proxy);
    const issued = await app.issueCard({ ...HOLDER, product_code: 1 });
    expect(issued).toMatchObject({ ok: true });
    expect(await app.getCardStatus({ card_id: issued.ok ? issued.data.card_id : 0 })).toMatchObject({
      ok: true,
      data: { card_status: 1 },
    });
    expect(proxy.lines).toEqual([
      "proxy: issueCard HTTP 200 status 0 (success): as the spec says",
      "proxy: getCardStatus HTTP 200 status 0 (success): as the spec says",
    ]);
    expect(proxy.recordings().map((r) => r.scheme)).toEqual([options.scheme ?? "jws", options.scheme ?? "jws"]);
  });
});
