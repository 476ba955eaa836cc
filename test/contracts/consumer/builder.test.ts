/**
 * The Pact builders as a consumer repo uses them: a misspelt state, param, field or answer
 * name does not compile (checked by the `static` type-check of this file) and, for callers
 * without types, throws at once; an interaction written with them records the spec's answer
 * with matchers derived from its schema, and nothing secret.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { giftCardsPact, MatchersV3, PROVIDER_NAME } from "../../../src/contracts/pact/index.js";

const dir = mkdtempSync(join(tmpdir(), "fp-pact-builder-"));
const pact = giftCardsPact({ consumer: "builder-test", dir });

describe("mistakes are compile errors, and run-time errors for untyped callers", () => {
  test.each<[string, () => unknown, string]>([
    [
      "a misspelt state",
      // @ts-expect-error a misspelt state
      () => pact.given("an activated crad {card_id}", { card_id: 555 }),
      'unknown provider state "an activated crad {card_id}"; known states: "the partner has products and a funded balance", ',
    ],
    [
      "a misspelt param",
      // @ts-expect-error a misspelt param
      () => pact.given("an activated card {card_id}", { card_idd: 555 }),
      'provider state "an activated card {card_id}" needs param "card_id"',
    ],
    [
      "a missing param",
      // @ts-expect-error a missing param
      () => pact.given("a card {card_id} awaiting its OTP {otp}", { card_id: 555 }),
      'provider state "a card {card_id} awaiting its OTP {otp}" needs param "otp"',
    ],
    [
      "an undocumented answer",
      () =>
        pact
          .given("an activated card {card_id}", { card_id: 555 })
          .getCardStatus("x", { card_id: 555 })
          // @ts-expect-error an answer the operation does not document
          .answers("IncorectOtp"),
      'getCardStatus has no answer "IncorectOtp" in the spec; it has: success, GeneralError, CardNotFound',
    ],
  ])("%s", (_name, make, message) => {
    expect(make).toThrow(message);
  });

  test("fields are typed by the spec (these lines only have to fail to compile)", () => {
    const card = pact.given("an activated card {card_id}", { card_id: 555 });
    // @ts-expect-error a misspelt request field
    void card.getCardStatus("a status request", { card_idd: 555 });
    // @ts-expect-error a request field of the wrong type
    void card.getCardStatus("a status request", { card_id: "555" });
    // @ts-expect-error an override of a field the answer does not have
    void card.getCardStatus("a status request", { card_id: 555 }).answers("success", { card_statuss: 2 });
    // A state's own params plus the merchant it is set up for type-check:
    void pact.given("a card {card_id} awaiting its OTP {otp}", { card_id: 555, otp: "1234", auth_id: "222222" });
  });
});

test("an interaction records the spec's example with schema matchers, the signature by shape, and no secret", async () => {
  const res = await pact
    .given("a card {card_id} awaiting its OTP {otp}", { card_id: 555, otp: "1234" })
    .getCardStatus("a status request for a card awaiting its OTP", { card_id: 555 })
    .answers("success", { card_status: 1, card_balance: MatchersV3.integer(0) })
    .executeTest(({ client }) => client.getCardStatus({ card_id: 555 }));
  expect(res).toMatchObject({ ok: true, data: { card_status: 1, card_balance: 0, card_mask: "1234********5678" } });

  const written = JSON.parse(readFileSync(join(dir, `builder-test-${PROVIDER_NAME}.json`), "utf8"));
  const [interaction] = written.interactions;
  expect(written.provider).toEqual({ name: PROVIDER_NAME });
  expect(interaction.providerStates).toEqual([
    { name: "a card {card_id} awaiting its OTP {otp}", params: { card_id: 555, otp: "1234" } },
  ]);
  expect(interaction.request.headers["X-JWS-Signature"][0]).toMatch(/^[A-Za-z0-9_-]+\.\.re-signed-by-the-verifier$/);
  expect(interaction.response.body.content).toEqual({
    datetime: "2022-05-01 12:01:15",
    status: 0,
    card_status: 1,
    card_currency: "USD",
    card_balance: 0,
    card_mask: "1234********5678",
  });
  const rules = interaction.response.matchingRules.body;
  expect(rules["$.datetime"].matchers[0]).toMatchObject({ match: "regex" });
  expect(rules["$.card_currency"].matchers[0]).toEqual({ match: "regex", regex: "^[A-Z]{3}$" });
  expect(rules["$.card_mask"].matchers[0]).toEqual({ match: "regex", regex: "^[0-9]{4}\\*{8}[0-9]{4}$" });
  expect(rules["$.card_balance"].matchers[0]).toEqual({ match: "integer" });
  // Exact: the outcome, and the override given as a plain value.
  expect(rules["$.status"]).toBeUndefined();
  expect(rules["$.card_status"]).toBeUndefined();
});
