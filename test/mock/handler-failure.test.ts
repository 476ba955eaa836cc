/**
 * A failure inside an engine (our bug, not bad input) is answered with a JSON 500, logged
 * without secrets, and the server keeps serving the next request.
 */
import type { AddressInfo } from "node:net";
import { expect, test } from "vitest";
import { Authenticator } from "../../src/mock/authenticate.js";
import type { Engine } from "../../src/mock/engine.js";
import { resolveMockOptions } from "../../src/mock/options.js";
import { createMockServer } from "../../src/mock/server.js";
import { send } from "./helpers.js";

test("an engine that throws gets a logged JSON 500, and the next request is served", async () => {
  const lines: string[] = [];
  const options = resolveMockOptions({ port: 0, logger: (line) => lines.push(line) });
  let calls = 0;
  const engine: Engine = {
    mode: "stateful",
    answer() {
      calls++;
      if (calls === 1) throw new Error("simulated bug");
      return { httpStatus: 200, body: { datetime: "2026-11-24 12:00:00", status: 0, product_list: [] } };
    },
  };
  const app = createMockServer(engine, new Authenticator(options.merchants, true), options);
  await app.listen({ host: "127.0.0.1", port: 0 });
  const mock = { url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` } as never;
  try {
    const failed = await send(mock, "/v5/cards/product_list", {});
    expect(failed.status).toBe(500);
    expect(failed.json).toMatchObject({ status: -1, message: "General error: the mock failed to answer (its bug, logged); the server keeps serving" });
    expect(lines.join("\n")).toContain("simulated bug");
    expect(lines.join("\n")).not.toMatch(/secret/);
    const next = await send(mock, "/v5/cards/product_list", {});
    expect(next.status).toBe(200);
  } finally {
    await app.close();
  }
});
