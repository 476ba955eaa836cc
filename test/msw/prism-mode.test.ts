/**
 * `mode: "prism"`: the spec's examples behind the same signature and schema checks, on the
 * origin given; the control API, which needs the simulator, refuses in one line.
 */
import { setupServer } from "msw/node";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createGiftCardsClient } from "../../src/client/index.js";
import { giftCardsHandlers } from "../../src/msw/index.js";
import { specOperations } from "../../src/openapi/index.js";

const BASE = "https://gift-cards.test";
const { handlers, control } = giftCardsHandlers({ mode: "prism", baseUrl: BASE });
const server = setupServer(...handlers);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

test("answers the spec's success example, on the base URL given", async () => {
  const client = createGiftCardsClient({ baseUrl: BASE, authId: "123456", secret: "secret" });
  const example = specOperations().get("listProducts")!.examples.success as { product_list: unknown[] };
  expect(await client.listProducts()).toMatchObject({
    ok: true,
    data: { status: 0, product_list: example.product_list },
  });
  expect(await client.issueCard({ cardholder_name: "IVANOV IVAN", phone: 1, product_code: 1 })).toMatchObject({
    ok: false,
    error: { name: "InvalidPhone" },
  });
});

test("a signature with the wrong secret is a 401 here too", async () => {
  const client = createGiftCardsClient({ baseUrl: BASE, authId: "123456", secret: "wrong" });
  expect(await client.listProducts()).toMatchObject({ ok: false, error: { kind: "http", status: 401 } });
});

test("control needs the simulator", async () => {
  await expect(control.otp(1)).rejects.toThrow(
    'control: GET /__control/cards/1/otp needs the simulator; giftCardsHandlers({ mode: "prism" }) has no state',
  );
});
