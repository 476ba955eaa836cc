/**
 * Re-signing on its own: recorded signatures go, the provider's come in, over the exact bytes
 * forwarded, with the base URL's path in the signed `uri`; hop-by-hop headers are not passed
 * on. Checked with the signing module's own verifier.
 */
import { describe, expect, test } from "vitest";
import { passedBack, reSignedHeaders, reSignedRequest, type ReplayedRequest } from "../../src/upstream/re-sign.js";
import { verifySignature } from "../../src/signing/index.js";

const recorded = {
  "x-jws-signature": "eyJ9..recorded",
  sign: "abc",
  "auth-id": "999",
  "request-id": "r-1",
  "content-type": "application/json",
  "content-length": "3",
  connection: "keep-alive",
  host: "127.0.0.1:1",
};
const CREDENTIALS = { authId: "777", secret: "provider-secret" };
const secretOf = (id: string) => (id === "777" ? "provider-secret" : undefined);

function replayed(body: string, path = "/v5/cards/card_status"): ReplayedRequest {
  return { method: "POST", path, headers: { ...recorded }, body: Buffer.from(body) };
}

describe("reSignedHeaders", () => {
  test("JWS: the recorded signature headers and hop-by-hop headers are dropped, and the forwarded bytes are signed", () => {
    const request = replayed('{"card_id":555,"name":"Ж"}');
    const headers = reSignedHeaders(request, { ...CREDENTIALS, scheme: "jws" });
    expect(Object.keys(headers).sort()).toEqual(["X-JWS-Signature", "content-type"]);
    expect(
      verifySignature(
        {
          method: "POST",
          uri: request.path,
          headers: { "x-jws-signature": headers["X-JWS-Signature"] as string },
          body: request.body,
        },
        secretOf,
      ),
    ).toEqual({ ok: true, authId: "777", scheme: "jws" });
  });

  test("legacy: Sign, Auth-Id and a fresh Request-Id replace the recorded ones", () => {
    const request = replayed('{"card_id":555}');
    const headers = reSignedHeaders(request, { ...CREDENTIALS, scheme: "sign" });
    expect(headers).not.toHaveProperty("x-jws-signature");
    expect(headers["Request-Id"]).not.toBe("r-1");
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    expect(
      verifySignature({ method: "POST", uri: request.path, headers: lower, body: request.body }, secretOf),
    ).toMatchObject({ ok: true, authId: "777", scheme: "sign" });
  });

  test("a base URL with a path signs the path the provider sees", () => {
    const request = replayed('{"card_id":555}', "/gateway/v5/cards/card_status");
    const signature = reSignedHeaders(request, { ...CREDENTIALS, scheme: "jws" })["X-JWS-Signature"] as string;
    const check = (uri: string) =>
      verifySignature({ method: "POST", uri, headers: { "x-jws-signature": signature }, body: request.body }, secretOf);
    expect(check("/gateway/v5/cards/card_status")).toMatchObject({ ok: true });
    expect(check("/v5/cards/card_status")).toMatchObject({ ok: false });
  });
});

test("passedBack keeps an answer's headers but the hop-by-hop ones and the length", () => {
  expect(
    passedBack({
      "content-type": "application/json",
      "content-length": "9",
      connection: "close",
      "transfer-encoding": "chunked",
      "x-trace": "1",
    }),
  ).toEqual({ "content-type": "application/json", "x-trace": "1" });
});

describe("reSignedRequest", () => {
  test("the URL is the base URL's, then the request's path and query; the JWS uri is that path without the query", () => {
    const body = Buffer.from('{"card_id":555}');
    const sent = reSignedRequest(
      "http://127.0.0.1:9/gateway/",
      { method: "POST", pathAndQuery: "/v5/cards/card_status?trace=1", headers: { ...recorded }, body },
      { ...CREDENTIALS, scheme: "jws" },
    );
    expect(sent.url).toBe("http://127.0.0.1:9/gateway/v5/cards/card_status?trace=1");
    expect(sent.body).toBe(body);
    expect(Object.keys(sent.headers).sort()).toEqual(["X-JWS-Signature", "content-type"]);
    const signature = sent.headers["X-JWS-Signature"] as string;
    expect(
      verifySignature(
        { method: "POST", uri: "/gateway/v5/cards/card_status", headers: { "x-jws-signature": signature }, body },
        secretOf,
      ),
    ).toMatchObject({ ok: true, authId: "777" });
  });
});
