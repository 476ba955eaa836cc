/**
 * What the upstream receives from the proxy: the app's bytes as sent, signed with the merchant's
 * credentials under the chosen scheme and algorithm, for the path the upstream sees (its base
 * URL's path included); none of the app's signature headers; the app's other headers; and a
 * request for an uncompressed answer, which the proxy must read.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readJwsHeader, verifySignature } from "../../src/signing/index.js";
import { exchange, MERCHANT, startFixedUpstream, startTestProxy, type FixedUpstream } from "./helpers.js";

const BODY = '{ "card_id" : 555 }';
const APP_HEADERS = {
  "X-JWS-Signature": "eyJhcHAiOjF9..app",
  Sign: "app-sign",
  "Auth-Id": "app",
  "Request-Id": "app-request",
  "Accept-Encoding": "gzip, br",
  "X-App": "kept",
};
const secretOf = (authId: string) => (authId === MERCHANT.authId ? MERCHANT.secret : undefined);

let upstream: FixedUpstream;
beforeAll(async () => {
  upstream = await startFixedUpstream(
    200,
    { "content-type": "application/json" },
    '{"datetime":"2022-05-01 12:01:15","status":-7}',
  );
});
afterAll(() => upstream.close());

describe.each<[string, { scheme?: "jws" | "sign"; jwsAlgorithm?: "HS512" | "HS256" }, string]>([
  ["JWS, HS512 by default", {}, "HS512"],
  ["JWS, HS256", { jwsAlgorithm: "HS256" }, "HS256"],
  ["the legacy scheme", { scheme: "sign" }, "sign"],
])("%s", (_name, options, signedWith) => {
  test("the app's bytes, re-signed for the path the upstream sees, without the app's signature", async () => {
    const proxy = await startTestProxy(`${upstream.url}/gateway/`, options);
    try {
      upstream.received.length = 0;
      await exchange(proxy.url, "/v5/cards/card_status", BODY, { headers: APP_HEADERS });
      const [received] = upstream.received;
      expect(received).toMatchObject({ method: "POST", url: "/gateway/v5/cards/card_status", body: BODY });
      const { headers } = received!;
      expect([headers["accept-encoding"], headers["x-app"], headers["content-type"]]).toEqual([
        "identity",
        "kept",
        "application/json",
      ]);
      const check = verifySignature(
        { method: "POST", uri: "/gateway/v5/cards/card_status", headers, body: Buffer.from(BODY) },
        secretOf,
      );
      if (signedWith === "sign") {
        expect(check).toMatchObject({ ok: true, authId: MERCHANT.authId, scheme: "sign" });
        expect(headers["x-jws-signature"]).toBeUndefined();
        expect(headers["request-id"]).not.toBe("app-request");
      } else {
        expect(check).toMatchObject({ ok: true, authId: MERCHANT.authId, scheme: "jws" });
        expect(readJwsHeader(headers["x-jws-signature"] as string)?.alg).toBe(signedWith);
        expect([headers.sign, headers["auth-id"], headers["request-id"]]).toEqual([undefined, undefined, undefined]);
      }
    } finally {
      await proxy.close();
    }
  });
});
