/**
 * A failure inside an engine (our bug, not bad input) is answered with a JSON 500 and logged,
 * and the server keeps serving the next request. A request whose signature fails gets a 401
 * that says why, and neither the answers nor the log carry the merchant's secret. The mock is
 * started as any other, with an engine (startMock's `engine` option) that throws once.
 */
import { randomBytes } from "node:crypto";
import { expect, test } from "vitest";
import { startMock, type Engine } from "../../src/mock/index.js";
import { send } from "./helpers.js";

test("an engine that throws gets a logged JSON 500, and the next request is served; no secret in any of it", async () => {
  const lines: string[] = [];
  const merchant = { authId: "123456", secret: randomBytes(24).toString("base64url") };
  let calls = 0;
  const engine: Engine = {
    answer() {
      calls++;
      if (calls === 1) throw new Error("simulated bug");
      return { httpStatus: 200, body: { datetime: "2026-11-24 12:00:00", status: 0, product_list: [] } };
    },
  };
  const mock = await startMock({
    host: "127.0.0.1",
    port: 0,
    merchants: [merchant],
    logger: (line) => lines.push(line),
    engine,
  });
  try {
    const failed = await send(mock, "/v5/cards/product_list", {}, { sign: merchant });
    expect(failed.status).toBe(500);
    expect(failed.json).toMatchObject({
      status: -1,
      message: "General error: the mock failed to answer (its bug, logged); the server keeps serving",
    });
    expect(lines.join("\n")).toContain("simulated bug");
    // The 401 path handles the merchant's credentials: a wrong secret, and a legacy Sign.
    const refused = await send(
      mock,
      "/v5/cards/product_list",
      {},
      { sign: { authId: merchant.authId, secret: `${merchant.secret}x` } },
    );
    const legacy = await send(
      mock,
      "/v5/cards/product_list",
      {},
      { sign: { ...merchant, secret: "guess", scheme: "sign" } },
    );
    expect([refused.status, legacy.status]).toEqual([401, 401]);
    for (const text of [failed.text, refused.text, legacy.text, ...lines]) expect(text).not.toContain(merchant.secret);
    const next = await send(mock, "/v5/cards/product_list", {}, { sign: merchant });
    expect(next.status).toBe(200);
  } finally {
    await mock.close();
  }
});
