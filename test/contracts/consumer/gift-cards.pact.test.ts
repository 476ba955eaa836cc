/**
 * The consumer contract of the gift-cards client: every operation, its success and its
 * business errors, recorded by driving `createGiftCardsClient` against Pact's mock server.
 * One file on purpose: it clears the pact file first and its tests run in order, so the
 * written contract is the same bytes on every run.
 */
import { readFileSync } from "node:fs";
import { MatchersV3 } from "@pact-foundation/pact";
import { beforeAll, describe, expect, test } from "vitest";
import { CardStatus, ErrorStatus, type ErrorStatusName } from "../../../src/openapi/index.js";
import {
  cardMask, clearPactFile, clientFor, currency, datetime, integer, newPact, operation, PACT_FILE,
  requestHeaders, responseHeaders, STATE, TEST_SECRET,
} from "./pact.js";

type OperationId = "listProducts" | "issueCard" | "activateCard" | "resendCard" | "resendCode" | "getCardStatus";
type State = [string, Record<string, string | number>?];

const ISSUE = operation("issueCard").request;
const CONFIRM = operation("activateCard").request as { otp: string; card_id: number };
const awaiting = { card_id: CONFIRM.card_id, otp: CONFIRM.otp };
const card = { card_id: CONFIRM.card_id };
const WRONG_OTP = CONFIRM.otp === "0000" ? "9999" : "0000";

async function record(operationId: OperationId, description: string, [state, params]: State, body: Record<string, unknown>, response: unknown) {
  const { path } = operation(operationId);
  return newPact()
    .addInteraction()
    .given(state, params)
    .uponReceiving(description)
    .withRequest("POST", path, (req) => req.headers(requestHeaders(path)).jsonBody(body))
    .willRespondWith(200, (res) => res.headers(responseHeaders).jsonBody(response))
    // Through the client method named like the operation: the contract is what it really sends.
    .executeTest(({ url }) => clientFor(url)[operationId](body as never));
}

/** The card fields of Confirm's and Status's answers, with the spec's example values. */
function cardDetails(cardStatus: unknown) {
  const example = operation("activateCard").success;
  return { datetime: datetime(), status: 0, card_status: cardStatus, card_currency: currency(), card_balance: integer(example.card_balance as number), card_mask: cardMask() };
}

beforeAll(clearPactFile);

// Pact's mock server (pact 16.3+) can answer a request yet report it "expected but not received"
// when the CPU is contended: a race in its match bookkeeping, pact-foundation/pact-reference#535
// (pact-js#1835). A retry records the interaction again; a real mismatch fails every attempt.
const UPSTREAM_RACE = { retry: 2 };

describe("successes", UPSTREAM_RACE, () => {
  test("listProducts", async () => {
    const product = (operation("listProducts").success.product_list as Record<string, string | number>[])[0]!;
    const { string, eachLike } = MatchersV3;
    const listed = { code: integer(product.code as number), name: string(product.name as string), name_en: string(product.name_en as string), currency: currency(), balance: integer(product.balance as number), image: string(product.image as string) };
    const res = await record("listProducts", "a product list request", [STATE.funded], {}, { datetime: datetime(), status: 0, product_list: eachLike(listed) });
    expect(res).toMatchObject({ ok: true, data: { status: 0, product_list: [product] } });
  });

  test("issueCard", async () => {
    const cardId = operation("issueCard").success.card_id as number;
    const res = await record("issueCard", "an issue request for a listed product", [STATE.funded], ISSUE, { datetime: datetime(), status: 0, card_id: integer(cardId) });
    expect(res).toMatchObject({ ok: true, data: { status: 0, card_id: cardId } });
  });

  test("activateCard", async () => {
    const example = operation("activateCard").success;
    const res = await record("activateCard", "a confirm request with the right OTP", [STATE.awaitingOtp, awaiting], CONFIRM, cardDetails(integer(example.card_status as number)));
    expect(res).toMatchObject({ ok: true, data: { status: 0, card_mask: example.card_mask, card_currency: example.card_currency } });
  });

  test("resendCode", async () => {
    const res = await record("resendCode", "a resend-code request for a card awaiting its OTP", [STATE.awaitingOtp, awaiting], card, { datetime: datetime(), status: 0 });
    expect(res).toMatchObject({ ok: true, data: { status: 0 } });
  });

  test("resendCard", async () => {
    const res = await record("resendCard", "a resend request for an activated card", [STATE.activated, card], card, { datetime: datetime(), status: 0 });
    expect(res).toMatchObject({ ok: true, data: { status: 0 } });
  });

  test("getCardStatus of an activated card", async () => {
    const res = await record("getCardStatus", "a status request for an activated card", [STATE.activated, card], card, cardDetails(CardStatus.Activated));
    expect(res).toMatchObject({ ok: true, data: { card_status: CardStatus.Activated } });
  });

  test("getCardStatus of a card awaiting its OTP", async () => {
    const res = await record("getCardStatus", "a status request for a card awaiting its OTP", [STATE.awaitingOtp, awaiting], card, cardDetails(CardStatus.Issued));
    expect(res).toMatchObject({ ok: true, data: { card_status: CardStatus.Issued } });
  });
});

// Each row: what is sent, in which state, and the business error the client must surface.
const businessErrors: [OperationId, string, State, Record<string, unknown>, ErrorStatusName][] = [
  ["issueCard", "an issue request with a lower-case cardholder name", [STATE.funded], { ...ISSUE, cardholder_name: "ivanov ivan" }, "InvalidCardholderName"],
  ["issueCard", "an issue request with a too-short phone number", [STATE.funded], { ...ISSUE, phone: 123 }, "InvalidPhone"],
  ["issueCard", "an issue request for an unknown product code", [STATE.funded], { ...ISSUE, product_code: 999 }, "ProductNotFound"],
  ["issueCard", "an issue request while the partner balance is empty", [STATE.emptyBalance], ISSUE, "InsufficientPartnerFunds"],
  ["activateCard", "a confirm request with a wrong OTP", [STATE.awaitingOtp, awaiting], { ...CONFIRM, otp: WRONG_OTP }, "IncorrectOtp"],
  ["activateCard", "a confirm request for an unknown card", [STATE.noCard, card], CONFIRM, "CardNotFound"],
  ["activateCard", "a confirm request for an already activated card", [STATE.activated, card], CONFIRM, "CardAlreadyActivated"],
  ["activateCard", "a confirm request for another merchant's card", [STATE.otherMerchant, card], CONFIRM, "AccessDenied"],
  ["resendCode", "a resend-code request for an unknown card", [STATE.noCard, card], card, "CardNotFound"],
  ["resendCode", "a resend-code request for an activated card", [STATE.activated, card], card, "CardAlreadyActivated"],
  ["resendCard", "a resend request for an unknown card", [STATE.noCard, card], card, "CardNotFound"],
  ["resendCard", "a resend request for another merchant's card", [STATE.otherMerchant, card], card, "AccessDenied"],
  ["getCardStatus", "a status request for an unknown card", [STATE.noCard, card], card, "CardNotFound"],
  ["getCardStatus", "a status request for another merchant's card", [STATE.otherMerchant, card], card, "AccessDenied"],
];

describe("business errors", UPSTREAM_RACE, () => {
  test.each(businessErrors)("%s: %s → %s", async (operationId, description, state, body, name) => {
    const code = ErrorStatus[name];
    const res = await record(operationId, description, state, body, { datetime: datetime(), status: code });
    expect(res).toMatchObject({ ok: false, error: { kind: "business", code, name } });
  });
});

// Last, after every interaction above has been written (a file's tests run in order).
describe("the written contract", () => {
  test("holds every interaction, each with a provider state, and no secret or recorded signature", () => {
    const contract = readFileSync(PACT_FILE, "utf8");
    expect(contract).not.toContain(TEST_SECRET);
    const { interactions } = JSON.parse(contract) as { interactions: { description: string; providerStates?: unknown[]; request: { headers: Record<string, string[]> } }[] };
    expect(interactions).toHaveLength(7 + businessErrors.length);
    for (const { description, providerStates, request } of interactions) {
      expect(providerStates, description).toHaveLength(1);
      expect(request.headers["X-JWS-Signature"]?.[0], description).toMatch(/\.\.re-signed-by-the-verifier$/);
    }
  });
});
