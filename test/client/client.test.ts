import { createHash, createHmac, randomBytes } from "node:crypto";
import { inspect } from "node:util";
import { afterEach, describe, expect, expectTypeOf, test } from "vitest";
import { signingMiddleware } from "../../src/client/sign-middleware.js";
import {
  createGiftCardsClient,
  ErrorStatus,
  signJws,
  type GiftCardsResult,
  type SuccessBody,
} from "../../src/index.js";
import {
  closedPort,
  json,
  startRecordingServer,
  type Handler,
  type RecordingServer,
} from "../helpers/recording-server.js";

const DATETIME = "2026-11-24 12:00:00";
const CARD = {
  datetime: DATETIME,
  status: 0,
  card_status: 2,
  card_currency: "USD",
  card_balance: 100,
  card_mask: "1234********5678",
};

let server: RecordingServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(
  handler: Handler,
  options: {
    timeoutMs?: number;
    scheme?: "jws" | "sign";
    jwsAlgorithm?: "HS512" | "HS256";
    validateResponses?: boolean;
  } = {},
) {
  server = await startRecordingServer(handler);
  return createGiftCardsClient({ baseUrl: server.url, authId: "123456", secret: "secret", ...options });
}

describe("signing on the wire", () => {
  test("the bytes received are the bytes signed (independent HMAC over what arrived)", async () => {
    const client = await clientFor(json({ datetime: DATETIME, status: 0, card_id: 555 }));
    // Non-ASCII and an escaped quote: the signature must cover the exact UTF-8 bytes.
    const res = await client.issueCard({ cardholder_name: "O'BRIEN ANNA", phone: 79651234567, product_code: 1 });
    expect(res.ok).toBe(true);
    const received = server!.requests[0]!;
    const [encodedHeader, empty, signature] = String(received.headers["x-jws-signature"]).split(".");
    expect(empty).toBe("");
    expect(JSON.parse(Buffer.from(encodedHeader!, "base64url").toString())).toEqual({
      uri: "/v5/cards/issue_card",
      auth_id: "123456",
      method: "POST",
      params: "",
      alg: "HS512",
    });
    const expected = createHmac("sha512", "secret")
      .update(`${encodedHeader}.${received.body.toString("base64url")}`)
      .digest("base64url");
    expect(signature).toBe(expected);
    expect(received.headers["content-type"]).toBe("application/json");
    expect(received.body.toString()).toBe('{"cardholder_name":"O\'BRIEN ANNA","phone":79651234567,"product_code":1}');
  });

  test("HS256 on request: the header says so, and the signature is HMAC-SHA256 over what arrived", async () => {
    const client = await clientFor(json(CARD), { jwsAlgorithm: "HS256" });
    expect(await client.getCardStatus({ card_id: 555 })).toMatchObject({ ok: true });
    const received = server!.requests[0]!;
    const [encodedHeader, , signature] = String(received.headers["x-jws-signature"]).split(".");
    expect(JSON.parse(Buffer.from(encodedHeader!, "base64url").toString())).toMatchObject({
      alg: "HS256",
      uri: "/v5/cards/card_status",
    });
    expect(signature).toBe(
      createHmac("sha256", "secret")
        .update(`${encodedHeader}.${received.body.toString("base64url")}`)
        .digest("base64url"),
    );
  });

  test("a base URL with a path: the request goes under it, and the signed uri is the path the server sees", async () => {
    server = await startRecordingServer(json(CARD));
    const client = createGiftCardsClient({ baseUrl: `${server.url}/gateway/`, authId: "123456", secret: "secret" });
    expect(await client.getCardStatus({ card_id: 555 })).toMatchObject({ ok: true });
    const received = server.requests[0]!;
    expect(received.url).toBe("/gateway/v5/cards/card_status");
    const jwt = JSON.parse(
      Buffer.from(String(received.headers["x-jws-signature"]).split(".")[0]!, "base64url").toString(),
    );
    expect(jwt.uri).toBe("/gateway/v5/cards/card_status");
  });

  test("a non-ASCII body is signed as the UTF-8 bytes that arrive", async () => {
    const client = await clientFor(json({ datetime: DATETIME, status: -2 }));
    await client.issueCard({ cardholder_name: "ИВАНОВ ИВАН", phone: 79651234567, product_code: 1 });
    const received = server!.requests[0]!;
    const [encodedHeader, , signature] = String(received.headers["x-jws-signature"]).split(".");
    expect(received.body.toString("utf8")).toContain("ИВАНОВ ИВАН");
    expect(signature).toBe(
      createHmac("sha512", "secret")
        .update(`${encodedHeader}.${received.body.toString("base64url")}`)
        .digest("base64url"),
    );
  });

  test("a Request the client did not build is signed from its body bytes", async () => {
    const body = '{"card_id":555}';
    const request = new Request("http://127.0.0.1/v5/cards/card_status", { method: "POST", body });
    const middleware = signingMiddleware({ authId: "123456", secret: "secret", scheme: "jws" });
    const signed = (await middleware.onRequest!({ request } as never)) as Request;
    expect(signed.headers.get("x-jws-signature")).toBe(
      signJws({ method: "POST", uri: "/v5/cards/card_status", authId: "123456", body, secret: "secret" }),
    );
    expect(await signed.text()).toBe(body);
  });

  test("raw, the openapi-fetch client, signs what it sends the same way", async () => {
    const client = await clientFor(json(CARD));
    const answer = await client.raw.POST("/v5/cards/card_status", { body: { card_id: 555 } });
    expect(answer.data).toEqual(CARD);
    const received = server!.requests[0]!;
    expect(received.body.toString()).toBe('{"card_id":555}');
    expect(received.headers["x-jws-signature"]).toBe(
      signJws({
        method: "POST",
        uri: "/v5/cards/card_status",
        authId: "123456",
        body: received.body,
        secret: "secret",
      }),
    );
  });

  test("the legacy scheme sends Sign over the received bytes, Auth-Id, and a fresh Request-Id", async () => {
    const client = await clientFor(json({ datetime: DATETIME, status: 0 }), { scheme: "sign" });
    await client.resendCode({ card_id: 555 });
    await client.resendCode({ card_id: 555 });
    const [first, second] = server!.requests;
    expect(first!.headers.sign).toBe(
      createHash("sha256")
        .update(Buffer.concat([first!.body, Buffer.from("secret")]))
        .digest("hex"),
    );
    expect(first!.headers["auth-id"]).toBe("123456");
    expect(first!.headers["request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(first!.headers["request-id"]).not.toBe(second!.headers["request-id"]);
    expect(first!.headers["x-jws-signature"]).toBeUndefined();
  });

  test("an injected fetch is the one used, by the methods and by raw", async () => {
    server = await startRecordingServer(json(CARD));
    const seen: string[] = [];
    const client = createGiftCardsClient({
      baseUrl: server.url,
      authId: "123456",
      secret: "secret",
      fetch: (input, init) => {
        seen.push(input instanceof Request ? input.url : String(input));
        return fetch(input, init);
      },
    });
    await client.getCardStatus({ card_id: 555 });
    await client.raw.POST("/v5/cards/resend_code", { body: { card_id: 555 } });
    expect(seen).toEqual([`${server.url}/v5/cards/card_status`, `${server.url}/v5/cards/resend_code`]);
  });
});

describe("results", () => {
  test("a success resolves to ok with the typed body", async () => {
    const client = await clientFor(json(CARD));
    const res = await client.activateCard({ card_id: 555, otp: "1234" });
    expect(res).toMatchObject({ ok: true, data: CARD });
    expectTypeOf(res).toEqualTypeOf<GiftCardsResult<SuccessBody<"activateCard">>>();
    if (res.ok) {
      expectTypeOf(res.data.card_mask).toEqualTypeOf<string>();
      expectTypeOf(res.data.status).toEqualTypeOf<0>();
      // @ts-expect-error a success body has no message
      void res.data.message;
    } else {
      expectTypeOf(res.error.kind).toEqualTypeOf<"business" | "http" | "network" | "timeout" | "invalid_response">();
    }
  });

  test("listProducts needs no argument", async () => {
    const client = await clientFor(json({ datetime: DATETIME, status: 0, product_list: [] }));
    expect(await client.listProducts()).toMatchObject({ ok: true, data: { product_list: [] } });
    expect(server!.requests[0]!.body.toString()).toBe("{}");
  });

  const businessCodes = Object.entries(ErrorStatus).map(([name, code]) => [name, code] as const);
  test.each(businessCodes)("status %s (%i) becomes a business error with its name", async (name, code) => {
    const client = await clientFor(json({ datetime: DATETIME, status: code, message: "from the server" }));
    const res = await client.getCardStatus({ card_id: 555 });
    expect(res).toMatchObject({ ok: false, error: { kind: "business", code, name, message: "from the server" } });
  });

  test("a business error without a message is named by the spec", async () => {
    const client = await clientFor(json({ datetime: DATETIME, status: ErrorStatus.IncorrectOtp }));
    const res = await client.activateCard({ card_id: 555, otp: "0000" });
    expect(res).toMatchObject({
      ok: false,
      error: { kind: "business", code: -8, name: "IncorrectOtp", message: "IncorrectOtp" },
    });
  });
});

describe("every failure resolves, typed", () => {
  test("connection refused is a network error", async () => {
    const port = await closedPort();
    const client = createGiftCardsClient({ baseUrl: `http://127.0.0.1:${port}`, authId: "123456", secret: "secret" });
    const res = await client.getCardStatus({ card_id: 1 });
    expect(res).toMatchObject({
      ok: false,
      error: {
        kind: "network",
        message: `request to http://127.0.0.1:${port}/v5/cards/card_status failed: ECONNREFUSED`,
      },
    });
  });

  test("a server that never answers is a timeout", async () => {
    const client = await clientFor(() => undefined, { timeoutMs: 150 });
    const res = await client.getCardStatus({ card_id: 1 });
    expect(res).toMatchObject({ ok: false, error: { kind: "timeout", timeoutMs: 150 } });
  });

  test("a body that stalls after the headers is a timeout too", async () => {
    const client = await clientFor(
      (_req, res) => {
        res.writeHead(200, { "content-type": "application/json", "content-length": "500" });
        res.write('{"datetime":');
      },
      { timeoutMs: 150 },
    );
    const res = await client.getCardStatus({ card_id: 1 });
    expect(res).toMatchObject({ ok: false, error: { kind: "timeout", timeoutMs: 150 } });
  });

  test("a 500 is an http error with its status and body", async () => {
    const client = await clientFor(json({ message: "boom" }, 500));
    const res = await client.getCardStatus({ card_id: 1 });
    expect(res).toMatchObject({
      ok: false,
      error: { kind: "http", status: 500, message: "HTTP 500: boom", body: { message: "boom" } },
    });
  });

  test("a 401 is an http error carrying the server's reason", async () => {
    const client = await clientFor(json({ datetime: DATETIME, status: -1, message: "invalid signature" }, 401));
    const res = await client.getCardStatus({ card_id: 1 });
    expect(res).toMatchObject({
      ok: false,
      error: { kind: "http", status: 401, message: "HTTP 401: invalid signature" },
    });
  });

  test("a body that is not JSON is an invalid response", async () => {
    const client = await clientFor((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>maintenance</html>");
    });
    const res = await client.getCardStatus({ card_id: 1 });
    expect(res).toMatchObject({
      ok: false,
      error: { kind: "invalid_response", message: "the answer is not JSON", body: "<html>maintenance</html>" },
    });
  });

  test("a body cut off mid-way is a network error", async () => {
    const client = await clientFor((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "200" });
      res.write('{"datetime":"2026-11-24 12:00:00","sta');
      setTimeout(() => res.destroy(), 20);
    });
    const res = await client.getCardStatus({ card_id: 1 });
    expect(res).toMatchObject({ ok: false, error: { kind: "network" } });
  });

  test("an empty 200 is an invalid response", async () => {
    const client = await clientFor((_req, res) => {
      res.writeHead(200, { "content-length": "0" });
      res.end();
    });
    expect(await client.resendCard({ card_id: 1 })).toMatchObject({ ok: false, error: { kind: "invalid_response" } });
  });

  test("a body that breaks the spec is an invalid response naming the violation", async () => {
    const client = await clientFor(json({ ...CARD, card_mask: "1234-5678" }));
    const res = await client.getCardStatus({ card_id: 1 });
    expect(res).toMatchObject({
      ok: false,
      error: {
        kind: "invalid_response",
        message:
          'the answer to getCardStatus breaks the spec: /card_mask must match pattern "^[0-9]{4}\\*{8}[0-9]{4}$"',
        violations: [{ path: "/card_mask", keyword: "pattern" }],
      },
    });
  });

  test("an undocumented status is an invalid response", async () => {
    const client = await clientFor(json({ datetime: DATETIME, status: -42 }));
    const res = await client.getCardStatus({ card_id: 1 });
    expect(res).toMatchObject({
      ok: false,
      error: { kind: "invalid_response", violations: [{ path: "/status", keyword: "enum" }] },
    });
  });

  test("with validateResponses off, an extra field passes through", async () => {
    const client = await clientFor(json({ ...CARD, loyalty: 7 }), { validateResponses: false });
    expect(await client.getCardStatus({ card_id: 1 })).toMatchObject({ ok: true, data: { loyalty: 7 } });
  });

  test("no error carries the secret: a 401, a 500, a redirect, an over-long answer, a refused connection, a timeout", async () => {
    const secret = randomBytes(24).toString("base64url");
    const results = [];
    const answers: Handler[] = [
      json({ message: "boom" }, 401),
      json({ message: "boom" }, 500),
      (_req, res) => {
        res.writeHead(302, { location: "http://127.0.0.1:9/elsewhere" });
        res.end();
      },
      json({ ...CARD, padding: "x".repeat(2000) }),
    ];
    for (const answer of answers) {
      server = await startRecordingServer(answer);
      results.push(
        await createGiftCardsClient({
          baseUrl: server.url,
          authId: "123456",
          secret,
          maxResponseBytes: 1000,
        }).getCardStatus({ card_id: 1 }),
      );
      await server.close();
      server = undefined;
    }
    const refused = `http://127.0.0.1:${await closedPort()}`;
    results.push(
      await createGiftCardsClient({ baseUrl: refused, authId: "123456", secret }).getCardStatus({ card_id: 1 }),
    );
    server = await startRecordingServer(() => undefined); // never answers
    results.push(
      await createGiftCardsClient({ baseUrl: server.url, authId: "123456", secret, timeoutMs: 200 }).getCardStatus({
        card_id: 1,
      }),
    );
    expect(results.map((res) => !res.ok && res.error.kind)).toEqual([
      "http",
      "http",
      "http",
      "invalid_response",
      "network",
      "timeout",
    ]);
    for (const res of results) expect(inspect(res, { depth: 6 })).not.toContain(secret);
  });
});
