/**
 * Smaller promises of the mock: bounded memory for legacy Request-Ids, reproducible OTPs with
 * a seed, and card masks derived from the card id.
 */
import { expect, test } from "vitest";
import { ReplayGuard } from "../../src/mock/replay-guard.js";
import { cardMask } from "../../src/mock/stateful/card-mask.js";
import { clientOf, issueTestCard, otpOf, startTestMock } from "./helpers.js";

test("the replay guard remembers a bounded number of Request-Ids per merchant, oldest forgotten first", () => {
  const guard = new ReplayGuard({ maxIds: 3, maxBytes: 1024 });
  expect(["a", "b", "c"].map((id) => guard.firstUse("m1", id))).toEqual([true, true, true]);
  expect(guard.firstUse("m1", "a")).toBe(false);
  expect(guard.firstUse("m2", "a")).toBe(true);
  expect(guard.firstUse("m1", "d")).toBe(true); // pushes "a" out
  expect(guard.firstUse("m1", "a")).toBe(true);
  expect(guard.firstUse("m1", "d")).toBe(false);
});

test.each([
  [555, "4405********0555"],
  [100001, "4405********0001"],
  [1, "4405********0001"],
  [123456789, "4405********6789"],
])("card %i has the mask %s", (id, mask) => {
  expect(cardMask(id)).toBe(mask);
});

test("with a seed, the simulator sends the same OTPs run after run", async () => {
  const otps: string[][] = [];
  for (let run = 0; run < 2; run++) {
    const mock = await startTestMock({ mode: "stateful", seed: 99 });
    try {
      const client = clientOf(mock);
      const ids = [await issueTestCard(client), await issueTestCard(client), await issueTestCard(client)];
      otps.push(await Promise.all(ids.map((id) => otpOf(mock, id))));
    } finally {
      await mock.close();
    }
  }
  expect(otps[1]).toEqual(otps[0]);
  expect(new Set(otps[0]).size).toBeGreaterThan(1);
});
