/**
 * Neither mode can drift from the spec: a broad corpus of valid and invalid requests goes to
 * both, and every answer is checked against the spec's response schemas (the same compiled
 * validators the client uses) for the HTTP status it came with.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { MockMode, RunningMock } from "../../src/mock/index.js";
import { deref, loadSpec, operationValidators, specOperations, type SpecOperation } from "../../src/openapi/index.js";
import { control, MERCHANT, send, setState, startTestMock, VALID } from "./helpers.js";

/** Values each field may legitimately take, edges included. */
const GOOD_VALUES: Record<string, unknown[]> = {
  cardholder_name: ["A", "O'BRIEN ANNA", "ANNA-MARIA SMITH", "X".repeat(100)],
  phone: [10000000000, 99999999999, 79651234567],
  product_code: [1, 2, 3, 2147483647],
  card_id: [1, 555, 100001, 9007199254740991],
  otp: ["0000", "1234", "12345678"],
};
/** Values no field accepts, or only some do. */
const ODD_VALUES: unknown[] = [
  null,
  true,
  "",
  "x",
  -1,
  0,
  1.5,
  1e20,
  [],
  {},
  "ИВАНОВ",
  "😀",
  "\u0000",
  "12ab",
  "123456789",
  9007199254740993,
  "X".repeat(101),
  "ivanov ivan",
  9999999999,
  100000000000,
  2147483648,
  "555",
  { nested: { deeper: [1] } },
];

function fieldsOf(op: SpecOperation): string[] {
  return Object.keys((deref(loadSpec(), op.requestSchema).properties ?? {}) as object);
}

/** [label, body] pairs: valid bodies, each field varied, each field removed, extras, non-objects, broken JSON. */
function corpus(op: SpecOperation): Array<[string, unknown]> {
  const base = VALID[op.operationId]!;
  const cases: Array<[string, unknown]> = [["valid", base]];
  for (const field of fieldsOf(op)) {
    for (const value of [...(GOOD_VALUES[field] ?? []), ...ODD_VALUES])
      cases.push([`${field}=${JSON.stringify(value)}`, { ...base, [field]: value }]);
    const { [field]: _removed, ...without } = base;
    cases.push([`without ${field}`, without]);
  }
  cases.push(["an extra field", { ...base, extra: 1 }], ["a __proto__ field", JSON.parse('{"__proto__":{"x":1}}')]);
  for (const body of [null, [], "string", 42, true]) cases.push([`body ${JSON.stringify(body)}`, JSON.stringify(body)]);
  for (const text of ["{", '{"card_id":555', "{'card_id':555}", "\uFEFF{}", "{}{}"])
    cases.push([`text ${JSON.stringify(text)}`, text]);
  return cases;
}

describe.each<MockMode>(["prism", "stateful"])("%s mode", (mode) => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startTestMock({ mode });
  });
  afterAll(() => mock.close());

  test.each([...specOperations().values()].map((op) => [op.operationId, op] as const))(
    "every answer of %s is valid against the spec",
    async (_id, op) => {
      if (mode === "stateful") {
        // A scene in which the valid request succeeds: confirm and resend code need a waiting card.
        const waiting = op.operationId === "activateCard" || op.operationId === "resendCode";
        if (waiting) await setState(mock, "a card {card_id} awaiting its OTP {otp}", { card_id: 555, otp: "1234" });
        else await setState(mock, "an activated card {card_id}", { card_id: 555 });
      }
      const validators = operationValidators(op.operationId);
      const cases = corpus(op);
      const signedOnce: Array<[string, unknown, Parameters<typeof send>[3]]> = cases.map(([label, body]) => [
        label,
        body,
        {},
      ]);
      // And the same valid request unsigned, wrongly signed, and with the legacy scheme.
      signedOnce.push(["unsigned", VALID[op.operationId], { sign: false }]);
      signedOnce.push(["wrong secret", VALID[op.operationId], { sign: { authId: MERCHANT.authId, secret: "nope" } }]);
      signedOnce.push(["legacy scheme", VALID[op.operationId], { sign: { ...MERCHANT, scheme: "sign" } }]);
      let successes = 0;
      for (const [label, body, options] of signedOnce) {
        const res = await send(mock, op.path, body, options);
        expect([200, 401], `${label}: HTTP ${res.status} ${res.text}`).toContain(res.status);
        expect(validators.response(res.json, res.status), `${label}: ${res.text}`).toEqual([]);
        if ((res.json as { status?: number }).status === 0) successes++;
      }
      expect(successes, "some requests of the corpus succeed").toBeGreaterThan(0);
      expect(signedOnce.length).toBeGreaterThan(op.operationId === "listProducts" ? 10 : 40);
    },
  );
});

test("the stateful corpus leaves the simulator consistent: balance matches the cards issued", async () => {
  const mock = await startTestMock({ mode: "stateful" });
  try {
    const op = specOperations().get("issueCard")!;
    for (const [, body] of corpus(op)) await send(mock, op.path, body);
    const merchant = (await control(mock, "GET", "/merchants/123456")).json as {
      partner_balance: number;
      cards: number;
    };
    expect(merchant.cards).toBeGreaterThan(5);
    // Products 1 and 2 cost 50 and 100; only product_code 2 variants issue product 2.
    const spent = 1_000_000 - merchant.partner_balance;
    expect(spent % 50).toBe(0);
    expect(spent).toBeGreaterThanOrEqual(merchant.cards * 50);
  } finally {
    await mock.close();
  }
});
