/**
 * Prism mode: the spec's examples, picked with `Prefer`, or bodies generated from its schemas
 * — reproducible with a seed, and always valid against the spec.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import type { RunningMock } from "../../src/mock/index.js";
import { loadSpec, deref, operationValidators, specOperations } from "../../src/openapi/index.js";
import { clientOf, send, startTestMock, VALID } from "./helpers.js";

const OPERATIONS = [...specOperations().values()];
const UNAUTHORIZED_EXAMPLE = deref<{
  content: { "application/json": { examples: { Unauthorized: { value: unknown } } } };
}>(loadSpec(), loadSpec().components.responses!.Unauthorized).content["application/json"].examples.Unauthorized.value;

let mock: RunningMock;
beforeAll(async () => {
  mock = await startTestMock({ mode: "prism" });
});
afterAll(() => mock.close());

test("without a preference, each operation answers its spec's success example", async () => {
  for (const op of OPERATIONS) {
    const res = await send(mock, op.path, VALID[op.operationId]);
    expect(res.status, op.operationId).toBe(200);
    expect(res.json, op.operationId).toEqual(op.examples.success);
  }
});

test("the client reads Prism's answers as successes", async () => {
  expect(await clientOf(mock).activateCard({ otp: "1234", card_id: 555 })).toMatchObject({
    ok: true,
    data: { status: 0 },
  });
});

test("Prefer: example=<name> serves every named example of every operation", async () => {
  let served = 0;
  for (const op of OPERATIONS) {
    for (const [name, value] of Object.entries(op.examples)) {
      const res = await send(mock, op.path, VALID[op.operationId], { headers: { prefer: `example=${name}` } });
      expect(res.status, `${op.operationId} ${name}`).toBe(200);
      expect(res.json, `${op.operationId} ${name}`).toEqual(value);
      served++;
    }
  }
  expect(served).toBeGreaterThan(20);
});

test("Prefer: example=IncorrectOtp makes the client see a business error -8", async () => {
  const res = await send(mock, "/v5/cards/activate_card", VALID.activateCard, {
    headers: { prefer: "example=IncorrectOtp" },
  });
  expect(res.json).toMatchObject({ status: -8, message: "Incorrect OTP" });
});

test("Prefer: code=401 and example=Unauthorized serve the spec's 401 example", async () => {
  for (const prefer of ["code=401", "example=Unauthorized", "code=401, example=Unauthorized"]) {
    const res = await send(mock, "/v5/cards/card_status", VALID.getCardStatus, { headers: { prefer } });
    expect(res.status, prefer).toBe(401);
    expect(res.json, prefer).toEqual(UNAUTHORIZED_EXAMPLE);
  }
});

test("a Prefer naming an example the operation lacks is a 400 listing its examples", async () => {
  const res = await send(mock, "/v5/cards/card_status", VALID.getCardStatus, {
    headers: { prefer: "example=IncorrectOtp" },
  });
  expect(res.status).toBe(400);
  expect(res.json).toMatchObject({
    status: -1,
    message:
      'General error: Prefer: no example "IncorrectOtp" for getCardStatus; known examples: success, GeneralError, CardNotFound, Unauthorized',
  });
});

test("a Prefer naming an undocumented code is a 400", async () => {
  const res = await send(mock, "/v5/cards/card_status", VALID.getCardStatus, { headers: { prefer: "code=404" } });
  expect(res.status).toBe(400);
  expect(res.json).toMatchObject({
    message: "General error: Prefer: code=404 is not an answer of getCardStatus; it documents 200, 401",
  });
});

test.each(["__proto__", "constructor", "toString"])(
  "Prefer: example=%s (an Object property, not an example) is a 400 listing the examples",
  async (name) => {
    const res = await send(mock, "/v5/cards/card_status", VALID.getCardStatus, {
      headers: { prefer: `example=${name}, ${name}=1` },
    });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({
      message: `General error: Prefer: no example "${name}" for getCardStatus; known examples: success, GeneralError, CardNotFound, Unauthorized`,
    });
    expect((await send(mock, "/v5/cards/card_status", VALID.getCardStatus)).status).toBe(200);
  },
);

test("Prefer never bypasses the signature check", async () => {
  const res = await send(mock, "/v5/cards/card_status", VALID.getCardStatus, {
    sign: false,
    headers: { prefer: "example=success" },
  });
  expect(res.status).toBe(401);
});

async function dynamicBodies(seed: number): Promise<unknown[]> {
  const dynamic = await startTestMock({ mode: "prism", dynamic: true, seed });
  try {
    const bodies: unknown[] = [];
    for (const op of OPERATIONS) bodies.push((await send(dynamic, op.path, VALID[op.operationId])).json);
    return bodies;
  } finally {
    await dynamic.close();
  }
}

test("dynamic bodies with the same seed are the same, run after run, and valid against the spec", async () => {
  const first = await dynamicBodies(42);
  const second = await dynamicBodies(42);
  expect(second).toEqual(first);
  OPERATIONS.forEach((op, i) => {
    expect(operationValidators(op.operationId).response(first[i]), op.operationId).toEqual([]);
  });
  // Generated, not the examples.
  expect(first).not.toEqual(OPERATIONS.map((op) => op.examples.success));
});

test("a different seed gives different dynamic bodies", async () => {
  expect(await dynamicBodies(7)).not.toEqual(await dynamicBodies(8));
});

test("dynamic bodies never carry fields the spec does not define", async () => {
  const dynamic = await startTestMock({ mode: "prism", dynamic: true });
  try {
    for (let i = 0; i < 30; i++) {
      for (const op of OPERATIONS) {
        const res = await send(dynamic, op.path, VALID[op.operationId]);
        expect(operationValidators(op.operationId).response(res.json), `${op.operationId}: ${res.text}`).toEqual([]);
      }
    }
  } finally {
    await dynamic.close();
  }
});
