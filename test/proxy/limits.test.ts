/**
 * The proxy holds the mock's limits, on the mock's HTTP layer: a request body over 64 KiB is
 * refused with a JSON 413 and a request that does not arrive whole in time with a JSON 408,
 * neither reaching the upstream. And what the proxy asks of that layer: an answer of raw bytes
 * is sent as it is, a failure of the handler's names the proxy, and an answer node refuses to
 * write (a header it finds invalid) is a logged 500, after which the next request is served.
 */
import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { closeHttp, serveHttp, type HttpHandler } from "../../src/http/serve.js";
import { exchange, startFixedUpstream, startTestProxy, type FixedUpstream, type TestProxy } from "./helpers.js";

const PATH = "/v5/cards/product_list";

describe("the proxy's limits", () => {
  let upstream: FixedUpstream;
  let proxy: TestProxy;
  beforeAll(async () => {
    upstream = await startFixedUpstream(
      200,
      { "content-type": "application/json" },
      '{"datetime":"2022-05-01 12:01:15","status":0,"product_list":[]}',
    );
    proxy = await startTestProxy(upstream.url, { requestTimeoutSeconds: 0.5 });
  });
  afterAll(async () => {
    await proxy.close();
    await upstream.close();
  });

  test("a body over 64 KiB gets a JSON 413 and is not forwarded; the next request is", async () => {
    const refused = await exchange(proxy.url, PATH, `{"x":"${"a".repeat(64 * 1024)}"}`);
    expect([refused.status, refused.json]).toEqual([
      413,
      {
        datetime: expect.any(String),
        status: -1,
        message: "General error: the request body is larger than 65536 bytes",
      },
    ]);
    expect(upstream.received).toHaveLength(0);
    expect((await exchange(proxy.url, PATH, {})).status).toBe(200);
    expect(upstream.received).toHaveLength(1);
  });

  test("a request that does not arrive whole in time gets a JSON 408 and is not forwarded", async () => {
    const before = upstream.received.length;
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(Number(new URL(proxy.url).port), "127.0.0.1");
      let received = "";
      socket.on("data", (chunk) => (received += chunk.toString("latin1")));
      socket.on("error", () => undefined);
      socket.on("close", () => resolve(received));
      // Half a body, then nothing: the proxy's time limit ends it.
      socket.on("connect", () =>
        socket.write(
          `POST ${PATH} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n{"a"`,
        ),
      );
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4))).toEqual({
      datetime: expect.any(String),
      status: -1,
      message: "General error: the request did not arrive whole within 0.5 s",
    });
    expect(upstream.received).toHaveLength(before);
  });
});

describe("the HTTP layer, as the proxy uses it", () => {
  const serve = async (handler: HttpHandler, lines: string[]) => {
    const server = await serveHttp(
      handler,
      { requestTimeoutSeconds: 5, logger: (line) => lines.push(line), name: "proxy" },
      "127.0.0.1",
      0,
    );
    return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  };

  test("raw bytes go out as they are, with the answer's own headers and no JSON content type; the query reaches the handler apart", async () => {
    const seen: string[] = [];
    const { server, url } = await serve((request) => {
      seen.push(`${request.path} ${request.query}`);
      return {
        httpStatus: 203,
        body: undefined,
        bytes: Buffer.from("not { json"),
        headers: { "x-one": "1", "x-many": ["a", "b"] },
      };
    }, []);
    try {
      const answer = await exchange(url, "/v5/cards/card_status?a=1&b=2", "{}");
      expect([
        answer.status,
        answer.text,
        answer.headers["content-type"],
        answer.headers["x-one"],
        answer.headers["x-many"],
      ]).toEqual([203, "not { json", undefined, "1", "a, b"]);
      expect(seen).toEqual(["/v5/cards/card_status ?a=1&b=2"]);
    } finally {
      await closeHttp(server);
    }
  });

  test("a failure of the handler, or an answer node refuses to write, is a logged JSON 500 naming the proxy; the next request is served", async () => {
    const lines: string[] = [];
    let calls = 0;
    const { server, url } = await serve(async () => {
      calls++;
      if (calls === 1) throw new Error("simulated bug");
      if (calls === 2)
        return { httpStatus: 200, body: undefined, bytes: Buffer.from("x"), headers: { "x-bad": "line\nbreak" } };
      return { httpStatus: 200, body: { ok: true } };
    }, lines);
    try {
      for (const _ of [1, 2]) {
        const failed = await exchange(url, PATH, "{}");
        expect([failed.status, failed.json]).toEqual([
          500,
          {
            datetime: expect.any(String),
            status: -1,
            message: "General error: the proxy failed to answer (its bug, logged); the server keeps serving",
          },
        ]);
      }
      expect(lines.map((line) => line.split("\n")[0])).toEqual([
        "proxy: internal error: Error: simulated bug",
        expect.stringMatching(/^proxy: internal error: TypeError.*: Invalid character in header content \["x-bad"\]$/),
      ]);
      expect((await exchange(url, PATH, "{}")).json).toEqual({ ok: true });
    } finally {
      await closeHttp(server);
    }
  });
});
