/**
 * The request filter on its own: recorded signatures go, the provider's come in, over the
 * exact bytes Pact's proxy forwards, with the base URL's path in the signed `uri`. Checked
 * with the signing module's own verifier.
 */
import { describe, expect, test } from "vitest";
import { forwardedBytes, reSigningFilter, type FilterableRequest } from "../../../src/contracts/re-sign.js";
import { verifySignature } from "../../../src/signing/index.js";

const recorded = { "x-jws-signature": "eyJ9..recorded", sign: "abc", "auth-id": "999", "request-id": "r-1", "content-type": "application/json", "content-length": "3" };

function filtered(body: unknown, scheme: "jws" | "sign", basePath = ""): FilterableRequest {
  const req: FilterableRequest = { method: "POST", path: "/v5/cards/card_status", headers: { ...recorded }, body };
  let called = false;
  reSigningFilter({ authId: "777", secret: "provider-secret", scheme }, basePath)(req, undefined, () => (called = true));
  expect(called).toBe(true);
  return req;
}

describe("reSigningFilter", () => {
  test("JWS: the recorded headers are dropped and the forwarded bytes are signed", () => {
    const req = filtered({ card_id: 555, name: "Ж" }, "jws");
    const body = forwardedBytes(req.body);
    expect(body.toString()).toBe('{"card_id":555,"name":"Ж"}');
    expect(req.headers["content-length"]).toBe(String(body.length)); // bytes, not characters
    expect(req.headers).not.toHaveProperty("sign");
    expect(req.headers).not.toHaveProperty("auth-id");
    expect(verifySignature({ method: "POST", uri: "/v5/cards/card_status", headers: req.headers, body }, (id) => (id === "777" ? "provider-secret" : undefined))).toEqual({ ok: true, authId: "777", scheme: "jws" });
  });

  test("legacy: Sign, Auth-Id and a fresh Request-Id replace the recorded ones", () => {
    const req = filtered(Buffer.from('{"card_id":555}'), "sign");
    expect(req.headers).not.toHaveProperty("x-jws-signature");
    expect(req.headers["request-id"]).not.toBe("r-1");
    const check = verifySignature({ method: "POST", uri: "/v5/cards/card_status", headers: req.headers, body: Buffer.from('{"card_id":555}') }, () => "provider-secret");
    expect(check).toMatchObject({ ok: true, authId: "777", scheme: "sign" });
  });

  test("a base URL with a path signs the path the provider sees", () => {
    const req = filtered({ card_id: 555 }, "jws", "/gateway/");
    const body = forwardedBytes(req.body);
    const secretOf = () => "provider-secret";
    expect(verifySignature({ method: "POST", uri: "/gateway/v5/cards/card_status", headers: req.headers, body }, secretOf)).toMatchObject({ ok: true });
    expect(verifySignature({ method: "POST", uri: "/v5/cards/card_status", headers: req.headers, body }, secretOf)).toMatchObject({ ok: false });
  });
});
