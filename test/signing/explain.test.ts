/**
 * A refused signature explains itself: what differs, with both values, and the likely cause —
 * never the expected signature, never a secret.
 */
import { createHash, createHmac } from "node:crypto";
import { describe, expect, test } from "vitest";
import { explainRefusal, signJws, signLegacy, verifySignature, type ReceivedRequest } from "../../src/signing/index.js";

const SECRET = "s3cret-value";
const secretOf = (authId: string) => (authId === "123456" ? SECRET : undefined);
const uri = "/v5/cards/card_status";
const body = '{"card_id":555}';
const sha = (text: string) => createHash("sha256").update(text).digest("hex");

/** A detached JWS over `jwtHeader` as given, by an independent HMAC over `payload` (the body by default). */
function jws(jwtHeader: object, options: { payload?: string; secret?: string; hash?: string } = {}) {
  const h = Buffer.from(JSON.stringify(jwtHeader)).toString("base64url");
  const input = `${h}.${options.payload ?? Buffer.from(body).toString("base64url")}`;
  return `${h}..${createHmac(options.hash ?? "sha512", options.secret ?? SECRET)
    .update(input)
    .digest("base64url")}`;
}
const good = { uri, auth_id: "123456", method: "POST", params: "", alg: "HS512" };

function explain(headers: ReceivedRequest["headers"], sent = body, path = uri): string {
  const request = { method: "POST", uri: path, headers, body: sent };
  expect(verifySignature(request, secretOf).ok).toBe(false);
  const text = explainRefusal(request, secretOf);
  expect(text).not.toContain(SECRET);
  return text;
}

describe("explainRefusal", () => {
  test.each([
    ["a trailing slash", `${uri}/`, "a trailing slash in uri"],
    ["a query string", `${uri}?x=1`, "a query string in uri (send the path alone)"],
    ["a full URL", `https://api.example${uri}`, "a full URL in uri (send the path alone)"],
    ["another path", "/v5/cards/issue_card", "a signature made for another operation's path"],
  ])("a uri with %s names both values and the cause", (_name, sentUri, cause) => {
    expect(explain({ "x-jws-signature": jws({ ...good, uri: sentUri }) })).toBe(
      `the JWS header's uri is ${JSON.stringify(sentUri)}, the request path is "${uri}"; likely cause: ${cause}`,
    );
  });

  test("a method, an alg and an auth_id that differ are named with both values", () => {
    expect(explain({ "x-jws-signature": jws({ ...good, method: "post" }) })).toBe(
      'the JWS header\'s method is "post", the request\'s is "POST" (the method is compared in upper case)',
    );
    expect(explain({ "x-jws-signature": jws({ ...good, alg: "RS256" }) })).toBe(
      'the JWS header\'s alg is "RS256"; this API takes "HS512" or "HS256"',
    );
    expect(explain({ "x-jws-signature": jws({ ...good, auth_id: "999" }) })).toBe(
      'the JWS header\'s auth_id is "999", which is not a merchant this server knows',
    );
  });

  test("a re-serialised body: its length and SHA-256, the signing input, and the cause found", () => {
    const pretty = JSON.stringify(JSON.parse(body), null, 2);
    const text = explain({ "x-jws-signature": jws(good) }, pretty);
    expect(text).toBe(
      `received ${Buffer.byteLength(pretty)} bytes of body, SHA-256 ${sha(pretty)}; the signature is checked as ` +
        'base64url(HMAC-SHA512(secret of auth_id "123456", base64url(header) + "." + base64url(body bytes))), the header ' +
        "exactly as received; likely cause: the signature matches this body re-serialised as compact JSON: sign the exact bytes you send",
    );
  });

  test.each([
    [
      "a secret with a trailing newline",
      { secret: `${SECRET}\n` },
      "the signature matches the secret with whitespace around it (a trailing newline from a file?): trim the secret",
    ],
    [
      "the raw body as payload",
      { payload: body },
      "the signature was made over the raw body; the payload segment is base64url(body bytes)",
    ],
    [
      "HS256's hash under alg HS512",
      { hash: "sha256" },
      "the signature was made with HS256 while the header says alg HS512",
    ],
    [
      "another secret",
      { secret: "other" },
      "a body re-serialised between signing and sending (sign the exact bytes you send); another merchant's secret, or a secret with whitespace around it",
    ],
  ])("a body mismatch from %s names the cause", (_name, options, cause) => {
    expect(explain({ "x-jws-signature": jws(good, options) })).toMatch(
      new RegExp(`; likely cause: ${cause.replace(/[()?+.]/g, "\\$&")}$`),
    );
  });

  test("the other scheme's header is named when both came", () => {
    const text = explain({ "x-jws-signature": jws(good, { secret: "other" }), sign: signLegacy(body, SECRET) });
    expect(text).toContain("a legacy Sign header came too: with both, X-JWS-Signature is the one checked");
  });

  test("the explanation never carries the expected signature", () => {
    const expected = signJws({ method: "POST", uri, authId: "123456", body: '{"card_id":556}', secret: SECRET }).split(
      "..",
    )[1]!;
    expect(explain({ "x-jws-signature": jws(good, { secret: "other" }) }, '{"card_id":556}')).not.toContain(expected);
  });

  test("legacy: missing headers, a re-serialised body", () => {
    expect(explain({ sign: "ab" })).toBe("missing Auth-Id, Request-Id; the legacy scheme sends all three");
    const pretty = '{ "card_id": 555 }';
    expect(explain({ sign: signLegacy(body, SECRET), "auth-id": "123456", "request-id": "r1" }, pretty)).toBe(
      `received ${pretty.length} bytes of body, SHA-256 ${sha(pretty)}; Sign is checked as hex SHA-256(body bytes followed by ` +
        'the secret of Auth-Id "123456"); likely cause: the Sign matches this body re-serialised as compact JSON: sign the exact bytes you send',
    );
  });
});
