/**
 * The consumer contract of the gift-cards client: every operation, its success and its
 * business errors, written with the Pact builders (src/contracts/pact) and recorded by driving
 * `createGiftCardsClient` against Pact's mock server. One file on purpose: it clears the pact
 * file first and its tests run in order, so the written contract is the same bytes every run.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, test } from "vitest";
import type { OperationId, RequestBody } from "../../../src/client/index.js";
import type { OperationOutcomes } from "../../../generated/gift-cards.runtime.js";
import type { GiftCardsOperations } from "../../../src/contracts/pact/index.js";
import { CardStatus, ErrorStatus, specOperations, type ErrorStatusName } from "../../../src/openapi/index.js";
import { clearPactFile, clientFor, pact, PACT_FILE, TEST_SECRET } from "./pact.js";

const example = <Op extends OperationId>(operationId: Op) =>
  specOperations().get(operationId)!.requestExample as RequestBody<Op>;
const ISSUE = example("issueCard");
const CONFIRM = example("activateCard") as { otp: string; card_id: number };
const CARD = { card_id: CONFIRM.card_id };
const WRONG_OTP = CONFIRM.otp === "0000" ? "9999" : "0000";

// The provider states the interactions start from (nothing is recorded until executeTest).
const funded = pact.given("the partner has products and a funded balance");
const awaiting = pact.given("a card {card_id} awaiting its OTP {otp}", { card_id: CONFIRM.card_id, otp: CONFIRM.otp });
const activated = pact.given("an activated card {card_id}", CARD);
const noCard = pact.given("no card {card_id} exists", CARD);
const emptyBalance = pact.given("the partner balance is empty");
const otherMerchant = pact.given("a card {card_id} of another merchant", CARD);
const bankFailsIssue = pact.given("the bank fails to issue cards");
const bankFailsActivation = pact.given("a card {card_id} awaiting its OTP {otp} that the bank fails to activate", {
  card_id: CONFIRM.card_id,
  otp: CONFIRM.otp,
});

beforeAll(clearPactFile);

// Pact's mock server (pact 16.3+) can answer a request yet report it "expected but not received"
// when the CPU is contended: a race in its match bookkeeping, pact-foundation/pact-reference#535
// (pact-js#1835). A retry records the interaction again; a real mismatch fails every attempt.
const UPSTREAM_RACE = { retry: 2 };

describe("successes", UPSTREAM_RACE, () => {
  test("listProducts", async () => {
    const res = await funded
      .listProducts("a product list request", {})
      .answers("success")
      .executeTest(({ url }) => clientFor(url).listProducts());
    expect(res).toMatchObject({ ok: true, data: { status: 0, product_list: [{ code: 1, name_en: "AlfaBank card" }] } });
  });

  test("issueCard", async () => {
    const res = await funded
      .issueCard("an issue request for a listed product", ISSUE)
      .answers("success")
      .executeTest(({ url }) => clientFor(url).issueCard(ISSUE));
    expect(res).toMatchObject({ ok: true, data: { status: 0, card_id: 555 } });
  });

  test("activateCard", async () => {
    const res = await awaiting
      .activateCard("a confirm request with the right OTP", CONFIRM)
      .answers("success")
      .executeTest(({ url }) => clientFor(url).activateCard(CONFIRM));
    expect(res).toMatchObject({ ok: true, data: { status: 0, card_mask: "1234********5678", card_currency: "USD" } });
  });

  test("resendCode", async () => {
    const res = await awaiting
      .resendCode("a resend-code request for a card awaiting its OTP", CARD)
      .answers("success")
      .executeTest(({ url }) => clientFor(url).resendCode(CARD));
    expect(res).toMatchObject({ ok: true, data: { status: 0 } });
  });

  test("resendCard", async () => {
    const res = await activated
      .resendCard("a resend request for an activated card", CARD)
      .answers("success")
      .executeTest(({ url }) => clientFor(url).resendCard(CARD));
    expect(res).toMatchObject({ ok: true, data: { status: 0 } });
  });

  test.each([
    ["an activated card", activated, CardStatus.Activated],
    ["a card awaiting its OTP", awaiting, CardStatus.Issued],
  ] as const)("getCardStatus of %s", async (what, state, cardStatus) => {
    const res = await state
      .getCardStatus(`a status request for ${what}`, CARD)
      .answers("success", { card_status: cardStatus })
      .executeTest(({ url }) => clientFor(url).getCardStatus(CARD));
    expect(res).toMatchObject({ ok: true, data: { card_status: cardStatus } });
  });
});

// Each row: the business error the client must surface, in which state, for what body.
/** A row per operation and one of the business statuses its spec examples document: a wrong pair does not compile. */
type BusinessErrorRow = {
  [Op in OperationId]: [
    Op,
    string,
    Exclude<OperationOutcomes[Op], "success">,
    GiftCardsOperations,
    Record<string, unknown>,
  ];
}[OperationId];

// The builder takes only the statuses an operation documents (generated from the spec).
export function onlyDocumentedOutcomes(ops: GiftCardsOperations): void {
  // @ts-expect-error getCardStatus documents CardNotFound, never IncorrectOtp
  void ops.getCardStatus("a status request", { card_id: 555 }).answers("IncorrectOtp");
}

const businessErrors: BusinessErrorRow[] = [
  [
    "issueCard",
    "an issue request with a lower-case cardholder name",
    "InvalidCardholderName",
    funded,
    { ...ISSUE, cardholder_name: "ivanov ivan" },
  ],
  ["issueCard", "an issue request with a too-short phone number", "InvalidPhone", funded, { ...ISSUE, phone: 123 }],
  [
    "issueCard",
    "an issue request for an unknown product code",
    "ProductNotFound",
    funded,
    { ...ISSUE, product_code: 999 },
  ],
  ["issueCard", "an issue request while the partner balance is empty", "InsufficientPartnerFunds", emptyBalance, ISSUE],
  ["issueCard", "an issue request the bank fails", "CardIssueFailed", bankFailsIssue, ISSUE],
  ["activateCard", "a confirm request the bank fails to activate", "ActivationFailed", bankFailsActivation, CONFIRM],
  ["activateCard", "a confirm request with a wrong OTP", "IncorrectOtp", awaiting, { ...CONFIRM, otp: WRONG_OTP }],
  ["activateCard", "a confirm request for an unknown card", "CardNotFound", noCard, CONFIRM],
  ["activateCard", "a confirm request for an already activated card", "CardAlreadyActivated", activated, CONFIRM],
  ["activateCard", "a confirm request for another merchant's card", "AccessDenied", otherMerchant, CONFIRM],
  ["resendCode", "a resend-code request for an unknown card", "CardNotFound", noCard, CARD],
  ["resendCode", "a resend-code request for an activated card", "CardAlreadyActivated", activated, CARD],
  ["resendCard", "a resend request for a card not activated yet", "GeneralError", awaiting, CARD],
  ["resendCard", "a resend request for an unknown card", "CardNotFound", noCard, CARD],
  ["resendCard", "a resend request for another merchant's card", "AccessDenied", otherMerchant, CARD],
  ["getCardStatus", "a status request for an unknown card", "CardNotFound", noCard, CARD],
  ["getCardStatus", "a status request for another merchant's card", "CardNotFound", otherMerchant, CARD],
];

describe("business errors", UPSTREAM_RACE, () => {
  test.each(businessErrors)("%s: %s → %s", async (operationId, description, name, state, body) => {
    // Bodies that break the schema on purpose (a too-short phone) are sent as they are.
    const res = await state[operationId](description, body as never)
      .answers(name as never)
      .executeTest(({ url }) => clientFor(url)[operationId](body as never));
    expect(res).toMatchObject({ ok: false, error: { kind: "business", code: ErrorStatus[name], name } });
  });
});

// Last, after every interaction above has been written (a file's tests run in order).
describe("the written contract", () => {
  test("holds every interaction, each with a provider state, and no secret or recorded signature", () => {
    const contract = readFileSync(PACT_FILE, "utf8");
    expect(contract).not.toContain(TEST_SECRET);
    const { interactions } = JSON.parse(contract) as {
      interactions: {
        description: string;
        providerStates?: unknown[];
        request: { headers: Record<string, string[]> };
      }[];
    };
    expect(interactions).toHaveLength(7 + businessErrors.length);
    for (const { description, providerStates, request } of interactions) {
      expect(providerStates, description).toHaveLength(1);
      expect(request.headers["X-JWS-Signature"]?.[0], description).toMatch(/\.\.re-signed-by-the-verifier$/);
    }
  });
});
