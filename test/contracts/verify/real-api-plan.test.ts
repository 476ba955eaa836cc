/**
 * Which interactions a real API can verify (no network): every state carries a setup routine
 * or its reason, by type; an interaction that sends a state value as written, not injected,
 * is not replayed against a real API, where that card would be someone else's.
 */
import { describe, expect, test } from "vitest";
import { readPactDir } from "../../../src/contracts/pact-files.js";
import { planRealApi, realApiHolder } from "../../../src/contracts/real-api.js";
import { REAL_API_STATES, type NotVerifiable, type RealApiSetup } from "../../../src/contracts/real-api-states.js";
import { createGiftCardsClient } from "../../../src/client/index.js";
import { plantInContract } from "./planted.js";

const client = createGiftCardsClient({ baseUrl: "http://127.0.0.1:9", authId: "1", secret: "s" });
const holder = { cardholder_name: "IVANOV IVAN IVANOVICH", phone: 79651234567, product_code: 1 };

describe("the table's type forces a routine or a reason for every state (these lines only have to fail to compile)", () => {
  test("neither, both, or a missing state", () => {
    // @ts-expect-error neither a routine nor a reason
    const neither: RealApiSetup<"no card {card_id} exists"> | NotVerifiable = {};
    // @ts-expect-error both a routine and a reason
    const both: RealApiSetup<"no card {card_id} exists"> | NotVerifiable = {
      setUp: async () => ({}),
      notVerifiable: "why",
    };
    // @ts-expect-error a value the state does not have
    const wrongValue: RealApiSetup<"no card {card_id} exists"> = { setUp: async () => ({ card_idd: 1 }) };
    // @ts-expect-error a state of the catalogue left out
    const missing: typeof REAL_API_STATES = { "the partner balance is empty": { notVerifiable: "why" } };
    expect([neither, both, wrongValue, missing]).toHaveLength(4);
  });
});

test("a state value sent as written (a contract without injection) is not verifiable, with why", () => {
  const dir = plantInContract({ "a status request for an unknown card": (i) => delete i.request.generators });
  const plan = planRealApi(readPactDir(dir), { client, holder });
  expect(plan.notVerifiable).toContainEqual({
    interaction: '"a status request for an unknown card" (given no card {card_id} exists {"card_id":555})',
    reason:
      "the request sends card_id 555 as written, not injected from the state (write the contract with freedompay-gift-cards/pact, which injects it)",
  });
  expect(plan.verifiable[0]!.interactions.map((i) => i.description)).not.toContain(
    "a status request for an unknown card",
  );
});

test("fresh cards go to the contract's holder, or to FREEDOMPAY_TEST_PHONE", () => {
  const pacts = readPactDir(plantInContract({}));
  expect(realApiHolder(pacts)).toEqual(holder);
  expect(realApiHolder(pacts, "79001234567")).toEqual({ ...holder, phone: 79001234567 });
  expect(realApiHolder(pacts, "+79001234567")).toEqual({ ...holder, phone: "+79001234567" });
});
