/**
 * A failure inside an engine (our bug, not bad input) is answered with a JSON 500 and logged,
 * and the server keeps serving the next request. A request whose signature fails gets a 401
 * that says why, and neither the answers nor the log carry the merchant's secret. The mock is
 * composed here as `startMock` composes it, with an engine that throws once.
 */
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { expect, test } from "vitest";
import { Authenticator } from "../../src/mock/authenticate.js";
import type { Engine } from "../../src/mock/engine.js";
import { closeHttp, serveHttp } from "../../src/http/serve.js";
import { resolveMockOptions } from "../../src/mock/options.js";
import { operationHandler } from "../../src/mock/pipeline.js";
import { createRouter } from "../../src/mock/router.js";
import { operationValidators } from "../../src/openapi/index.js";
import { send } from "./helpers.js";

test("an engine that throws gets a logged JSON 500, and the next request is served; no secret in any of it", async () => {
  const lines: string[] = [];
  const merchant = { authId: "123456", secret: randomBytes(24).toString("base64url") };
  const options = resolveMockOptions({ port: 0, merchants: [merchant], logger: (line) => lines.push(line) });
  let calls = 0;
  const engine: Engine = {
    answer() {
      calls++;
      if (calls === 1) throw new Error("simulated bug");
      return { httpStatus: 200, body: { datetime: "2026-11-24 12:00:00", status: 0, product_list: [] } };
    },
  };
  const auth = new Authenticator(options.merchants, true, { maxIds: 10, maxBytes: 1024 });
  const validators = operationValidators("listProducts");
  const operations = new Map([[validators.operation.path, operationHandler(validators, (request) => auth.authenticate(request), engine)]]);
  const server = await serveHttp(createRouter({ operations }), options, "127.0.0.1", 0);
  const mock = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` } as never;
  try {
    const failed = await send(mock, "/v5/cards/product_list", {}, { sign: merchant });
    expect(failed.status).toBe(500);
    expect(failed.json).toMatchObject({ status: -1, message: "General error: the mock failed to answer (its bug, logged); the server keeps serving" });
    expect(lines.join("\n")).toContain("simulated bug");
    // The 401 path handles the merchant's credentials: a wrong secret, and a legacy Sign.
    const refused = await send(mock, "/v5/cards/product_list", {}, { sign: { authId: merchant.authId, secret: `${merchant.secret}x` } });
    const legacy = await send(mock, "/v5/cards/product_list", {}, { sign: { ...merchant, secret: "guess", scheme: "sign" } });
    expect([refused.status, legacy.status]).toEqual([401, 401]);
    for (const text of [failed.text, refused.text, legacy.text, ...lines]) expect(text).not.toContain(merchant.secret);
    const next = await send(mock, "/v5/cards/product_list", {}, { sign: merchant });
    expect(next.status).toBe(200);
  } finally {
    await closeHttp(server);
  }
});
