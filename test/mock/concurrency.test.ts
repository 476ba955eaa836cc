/**
 * Concurrent requests never lose or duplicate a card or a unit of balance: the simulator's
 * state changes are synchronous, and this is the test that would catch an `await` slipping in
 * between reading and writing.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import type { RunningMock } from "../../src/mock/index.js";
import { specOperations } from "../../src/openapi/index.js";
import { clientOf, ISSUE, merchantState, startTestMock } from "./helpers.js";

const FACE_VALUE = new Map(
  (
    specOperations().get("listProducts")!.examples.success as { product_list: Array<{ code: number; balance: number }> }
  ).product_list.map((p) => [p.code, p.balance]),
);

let mock: RunningMock;
beforeAll(async () => {
  mock = await startTestMock({ mode: "stateful" });
});
afterAll(() => mock.close());

test("1,000 concurrent issue requests give 1,000 distinct cards and take exactly their face values", async () => {
  const client = clientOf(mock);
  const productCodes = Array.from({ length: 1000 }, (_, i) => (i % 3 === 0 ? 2 : 1));
  const results = await Promise.all(productCodes.map((product_code) => client.issueCard({ ...ISSUE, product_code })));

  const ids = results.map((res) => (res.ok ? res.data.card_id : `failed: ${res.error.message}`));
  expect(ids.filter((id) => typeof id !== "number")).toEqual([]);
  expect(new Set(ids).size).toBe(1000);
  const charged = productCodes.reduce((sum, code) => sum + FACE_VALUE.get(code)!, 0);
  expect(await merchantState(mock)).toEqual({ auth_id: "123456", partner_balance: 1_000_000 - charged, cards: 1000 });
});

test("concurrent issues against a nearly empty balance never overdraw it", async () => {
  const small = await startTestMock({ mode: "stateful", partnerBalance: 50 * 10 });
  try {
    const client = clientOf(small);
    const results = await Promise.all(Array.from({ length: 50 }, () => client.issueCard(ISSUE)));
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    expect(
      results.filter((r) => !r.ok && r.error.kind === "business" && r.error.name === "InsufficientPartnerFunds"),
    ).toHaveLength(40);
    expect(await merchantState(small)).toMatchObject({ partner_balance: 0, cards: 10 });
  } finally {
    await small.close();
  }
});
