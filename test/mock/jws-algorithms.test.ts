/**
 * Both documented revisions of the JWS signature reach the mock: HS512 and HS256, in any
 * header key order, `typ` or not, on both modes; anything else, or a wrong secret, is a 401.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { MockMode, RunningMock } from "../../src/mock/index.js";
import { createGiftCardsClient } from "../../src/client/index.js";
import { signJws } from "../../src/signing/index.js";
import { MERCHANT, send, startTestMock } from "./helpers.js";

const PATH = "/v5/cards/product_list";
const BODY = "{}";

describe.each<MockMode>(["prism", "stateful"])("%s mode", (mode) => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startTestMock({ mode });
  });
  afterAll(() => mock.close());

  const signed = (alg: "HS512" | "HS256", secret = MERCHANT.secret) => ({
    sign: false as const,
    headers: {
      "x-jws-signature": signJws({ method: "POST", uri: PATH, authId: MERCHANT.authId, body: BODY, secret, alg }),
    },
  });

  test.each(["HS512", "HS256"] as const)("%s is accepted", async (alg) => {
    const res = await send(mock, PATH, BODY, signed(alg));
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: 0 });
  });

  test.each(["HS512", "HS256"] as const)("the client signing %s gets its answer", async (jwsAlgorithm) => {
    const client = createGiftCardsClient({ baseUrl: mock.url, ...MERCHANT, jwsAlgorithm });
    expect(await client.listProducts()).toMatchObject({ ok: true, data: { status: 0 } });
    const wrong = createGiftCardsClient({ baseUrl: mock.url, authId: MERCHANT.authId, secret: "guess", jwsAlgorithm });
    expect(await wrong.listProducts()).toMatchObject({ ok: false, error: { kind: "http", status: 401 } });
  });

  test.each(["HS512", "HS256"] as const)("%s with a wrong secret is a 401", async (alg) => {
    const res = await send(mock, PATH, BODY, signed(alg, "guess"));
    expect(res.status).toBe(401);
    expect(res.json).toMatchObject({
      status: -1,
      message: expect.stringMatching(
        /^General error: the signature does not match the body: received \d+ bytes of body, SHA-256 [0-9a-f]{64}; /,
      ),
    });
  });
});
