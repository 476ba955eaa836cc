/**
 * The mock without its socket (`createMockHandler`): the same router, pipeline and engine that
 * `startMock` serves, answering in process — what an adapter such as MSW handlers calls. And
 * what a started mock shows of its options: merchant ids, never a secret but the docs' example.
 */
import { randomBytes } from "node:crypto";
import { expect, test } from "vitest";
import { createMockHandler, type RawRequest } from "../../src/mock/index.js";
import { signatureHeaders } from "../../src/signing/index.js";
import { MERCHANT, startTestMock } from "./helpers.js";

function signed(path: string, body: string, merchant = MERCHANT): RawRequest {
  const signature = signatureHeaders({ scheme: "jws", method: "POST", uri: path, body, ...merchant });
  // As node hands headers over: names in lower case.
  const headers = Object.fromEntries(
    Object.entries({ "content-type": "application/json", ...signature }).map(([name, value]) => [
      name.toLowerCase(),
      value,
    ]),
  );
  return { method: "POST", path, headers, body: Buffer.from(body) };
}

test("answers in process as the server does: a signed request, a bad signature, the control API, an unknown path", async () => {
  const mock = await createMockHandler({ mode: "stateful" });
  const issued = await mock.handle(
    signed(
      "/v5/cards/issue_card",
      JSON.stringify({ cardholder_name: "IVANOV IVAN", phone: 79651234567, product_code: 1 }),
    ),
  );
  expect(issued).toMatchObject({ httpStatus: 200, body: { status: 0, card_id: 100_001 } });
  const otp = await mock.handle({
    method: "GET",
    path: "/__control/cards/100001/otp",
    headers: {},
    body: Buffer.alloc(0),
  });
  expect(otp).toMatchObject({ httpStatus: 200, body: { card_id: 100_001 } });
  const forged = await mock.handle(
    signed("/v5/cards/product_list", "{}", { authId: MERCHANT.authId, secret: "guess" }),
  );
  expect(forged.httpStatus).toBe(401);
  expect(
    (await mock.handle({ method: "POST", path: "/v5/nothing", headers: {}, body: Buffer.alloc(0) })).httpStatus,
  ).toBe(404);
});

test("a started mock's options name its merchants without their secrets, but for the docs' public example", async () => {
  const secret = randomBytes(24).toString("base64url");
  const mock = await startTestMock({ mode: "stateful", merchants: [MERCHANT, { authId: "222222", secret }] });
  try {
    expect(mock.options.merchants).toEqual([{ authId: "123456", secret: "secret" }, { authId: "222222" }]);
    expect(JSON.stringify(mock.options)).not.toContain(secret);
  } finally {
    await mock.close();
  }
});
