import { createHash, createHmac } from "node:crypto";
import { describe, expect, test } from "vitest";
import { jwsHeader, signJws, signLegacy, signatureHeaders, verifySignature } from "../../src/signing/index.js";

// The documented known-answer vector (docs.freedompay.kz/doc-760202), verified byte for byte.
const VECTOR = {
  method: "POST",
  uri: "/v5/card-api/request/status",
  authId: "123456",
  params: "",
  body: '{"request_id":"828cf71d-a447-4a67-a149-c1df8bc197ca"}',
  secret: "secret",
  header: '{"uri":"/v5/card-api/request/status","auth_id":"123456","method":"POST","params":"","alg":"HS512"}',
  value:
    "eyJ1cmkiOiIvdjUvY2FyZC1hcGkvcmVxdWVzdC9zdGF0dXMiLCJhdXRoX2lkIjoiMTIzNDU2IiwibWV0aG9kIjoiUE9TVCIsInBhcmFtcyI6IiIsImFsZyI6IkhTNTEyIn0..f1sQoeIpX_ZjOaykQzSeylvvKaVrEQV4gNM2ACFbEMkFDUV9Zk5WO1yQGEWez-vnQMVHodLBDVEyh5Xm2-3MjQ",
};

// HS256 (the other revision of doc-760202): that page gives no secret, so its example cannot be
// reproduced. This vector is OURS: the documented request above, signed HS256 with the secret
// "secret" and our header order, computed once with node:crypto's HMAC-SHA256 directly.
const OUR_HS256_VECTOR = {
  ...VECTOR,
  alg: "HS256" as const,
  header: '{"uri":"/v5/card-api/request/status","auth_id":"123456","method":"POST","params":"","alg":"HS256"}',
  value:
    "eyJ1cmkiOiIvdjUvY2FyZC1hcGkvcmVxdWVzdC9zdGF0dXMiLCJhdXRoX2lkIjoiMTIzNDU2IiwibWV0aG9kIjoiUE9TVCIsInBhcmFtcyI6IiIsImFsZyI6IkhTMjU2In0..H3fwN5FEZgAu8fnbo-VsWaQ2X-FoRFSpKzKedtUutwA",
};

describe("signJws", () => {
  test("reproduces the documented known-answer vector", () => {
    expect(signJws(VECTOR)).toBe(VECTOR.value);
  });

  test("writes the JWT header fields in the documented order", () => {
    expect(jwsHeader({ method: "post", uri: VECTOR.uri, authId: "123456" })).toBe(VECTOR.header);
  });

  test("signs bytes and the same string alike", () => {
    expect(signJws({ ...VECTOR, body: Buffer.from(VECTOR.body) })).toBe(VECTOR.value);
  });

  test("HS256 on request: our own vector, and the same as an independent HMAC-SHA256", () => {
    expect(jwsHeader(OUR_HS256_VECTOR)).toBe(OUR_HS256_VECTOR.header);
    expect(signJws(OUR_HS256_VECTOR)).toBe(OUR_HS256_VECTOR.value);
    const encoded = Buffer.from(OUR_HS256_VECTOR.header).toString("base64url");
    const independent = createHmac("sha256", "secret")
      .update(`${encoded}.${Buffer.from(VECTOR.body).toString("base64url")}`)
      .digest("base64url");
    expect(OUR_HS256_VECTOR.value).toBe(`${encoded}..${independent}`);
  });

  test("a different body gives a different signature", () => {
    expect(signJws({ ...VECTOR, body: VECTOR.body.replace("828c", "928c") })).not.toBe(VECTOR.value);
  });
});

describe("signLegacy", () => {
  test("is hex SHA-256 of the body followed by the secret", () => {
    const body = '{"card_id":555}';
    expect(signLegacy(body, "secret")).toBe(
      createHash("sha256")
        .update(body + "secret")
        .digest("hex"),
    );
  });

  test("signatureHeaders gives each legacy request a fresh Request-Id", () => {
    const a = signatureHeaders({ scheme: "sign", method: "POST", uri: "/x", body: "{}", authId: "1", secret: "s" });
    const b = signatureHeaders({ scheme: "sign", method: "POST", uri: "/x", body: "{}", authId: "1", secret: "s" });
    expect(a["Auth-Id"]).toBe("1");
    expect(a["Request-Id"]).not.toBe(b["Request-Id"]);
  });
});

describe("verifySignature", () => {
  const secrets = (id: string) => (id === "123456" ? "secret" : undefined);
  const body = '{"card_id":555}';
  const uri = "/v5/cards/card_status";
  const jws = signJws({ method: "POST", uri, authId: "123456", body, secret: "secret" });
  const hmac = (h: string, b: string, s: string) =>
    createHmac("sha512", s)
      .update(`${h}.${Buffer.from(b).toString("base64url")}`)
      .digest("base64url");

  test("accepts the signature the client makes", () => {
    expect(verifySignature({ method: "POST", uri, headers: { "x-jws-signature": jws }, body }, secrets)).toEqual({
      ok: true,
      authId: "123456",
      scheme: "jws",
    });
  });

  test("accepts a legacy signature and reports its Request-Id", () => {
    const headers = Object.fromEntries(
      Object.entries(
        signatureHeaders({ scheme: "sign", method: "POST", uri, body, authId: "123456", secret: "secret" }),
      ).map(([k, v]) => [k.toLowerCase(), v]),
    );
    const result = verifySignature({ method: "POST", uri, headers, body }, secrets);
    expect(result).toMatchObject({ ok: true, scheme: "sign", authId: "123456", requestId: headers["request-id"] });
  });

  const encodedHeader = jws.split("..")[0]!;
  test.each([
    ["no signature", {}, body, uri, "no signature: send X-JWS-Signature (or the legacy Sign, Auth-Id and Request-Id)"],
    [
      "a tampered body",
      { "x-jws-signature": jws },
      body.replace("555", "556"),
      uri,
      "the signature does not match the body",
    ],
    [
      "another path",
      { "x-jws-signature": jws },
      body,
      "/v5/cards/issue_card",
      "the JWS uri does not match the request path",
    ],
    [
      "a wrong secret",
      { "x-jws-signature": `${encodedHeader}..${hmac(encodedHeader, body, "other")}` },
      body,
      uri,
      "the signature does not match the body",
    ],
    [
      "an attached payload",
      { "x-jws-signature": jws.replace("..", ".e30.") },
      body,
      uri,
      "X-JWS-Signature is not a detached JWS (header..signature)",
    ],
    ["garbage", { "x-jws-signature": "abc" }, body, uri, "X-JWS-Signature is not a detached JWS (header..signature)"],
    [
      "a header that is not JSON",
      { "x-jws-signature": `${Buffer.from("not json").toString("base64url")}..${jws.split("..")[1]}` },
      body,
      uri,
      "the JWS header is not a base64url JSON object",
    ],
    [
      "a legacy request without Request-Id",
      { sign: signLegacy(body, "secret"), "auth-id": "123456" },
      body,
      uri,
      "the legacy scheme needs Sign, Auth-Id and Request-Id",
    ],
  ])("refuses %s", (_name, headers, sentBody, path, reason) => {
    expect(verifySignature({ method: "POST", uri: path, headers, body: sentBody }, secrets)).toEqual({
      ok: false,
      reason,
    });
  });

  /** A detached JWS over `jwtHeader` exactly as given (any key order, any alg), by an independent HMAC. */
  const detached = (jwtHeader: object, hash: "sha512" | "sha256" | "sha384", secret = "secret") => {
    const h = Buffer.from(JSON.stringify(jwtHeader)).toString("base64url");
    return `${h}..${createHmac(hash, secret)
      .update(`${h}.${Buffer.from(body).toString("base64url")}`)
      .digest("base64url")}`;
  };

  test.each([
    ["HS512 as the client signs it", { uri, auth_id: "123456", method: "POST", params: "", alg: "HS512" }, "sha512"],
    ["HS256 in our key order", { uri, auth_id: "123456", method: "POST", params: "", alg: "HS256" }, "sha256"],
    // The HS256 revision's own example header: other key order, and a typ.
    [
      "HS256 as the other revision writes it (typ, another key order)",
      { alg: "HS256", typ: "JWT", auth_id: "123456", uri, method: "POST", params: "" },
      "sha256",
    ],
    ["HS512 with typ and no params", { alg: "HS512", typ: "JWT", method: "POST", uri, auth_id: "123456" }, "sha512"],
  ] as const)("accepts %s", (_name, jwtHeader, hash) => {
    expect(
      verifySignature(
        { method: "POST", uri, headers: { "x-jws-signature": detached(jwtHeader, hash) }, body },
        secrets,
      ),
    ).toEqual({ ok: true, authId: "123456", scheme: "jws" });
  });

  test.each([
    ["HS384", { uri, auth_id: "123456", method: "POST", alg: "HS384" }, "sha384"],
    ["none", { uri, auth_id: "123456", method: "POST", alg: "none" }, "sha512"],
    ["an inherited name", { uri, auth_id: "123456", method: "POST", alg: "toString" }, "sha512"],
  ] as const)("refuses alg %s", (_name, jwtHeader, hash) => {
    expect(
      verifySignature(
        { method: "POST", uri, headers: { "x-jws-signature": detached(jwtHeader, hash) }, body },
        secrets,
      ),
    ).toEqual({ ok: false, reason: "the JWS alg must be HS512 or HS256" });
  });

  test("an HS256 header signed with HS512's hash (or a wrong secret) does not verify", () => {
    const header = { uri, auth_id: "123456", method: "POST", params: "", alg: "HS256" };
    for (const value of [detached(header, "sha512"), detached(header, "sha256", "guess")]) {
      expect(verifySignature({ method: "POST", uri, headers: { "x-jws-signature": value }, body }, secrets)).toEqual({
        ok: false,
        reason: "the signature does not match the body",
      });
    }
  });

  test.each([
    ["a number", 123456, "number"],
    ["missing", undefined, "undefined"],
  ] as const)("refuses an auth_id that is %s, saying it must be a string", (_name, authId, kind) => {
    const value = detached({ uri, auth_id: authId, method: "POST", params: "", alg: "HS512" }, "sha512");
    expect(verifySignature({ method: "POST", uri, headers: { "x-jws-signature": value }, body }, secrets)).toEqual({
      ok: false,
      reason: `the JWS auth_id must be a string, e.g. "123456" (got ${kind})`,
    });
  });

  test("refuses an unknown merchant", () => {
    const other = signJws({ method: "POST", uri, authId: "999", body, secret: "secret" });
    expect(verifySignature({ method: "POST", uri, headers: { "x-jws-signature": other }, body }, secrets)).toEqual({
      ok: false,
      reason: "unknown auth_id",
    });
  });
});
