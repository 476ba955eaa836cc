/**
 * The legacy signature of the kg/uz mirrors and the older freedompay.money docs: headers
 * `Sign` (hex SHA-256 of the body followed by the secret), `Auth-Id` and a unique `Request-Id`.
 * The `Sign` values printed on those pages do not match their own inputs, so there is no
 * published vector; the tests check the definition with an independent hash.
 */
import { createHash, randomUUID } from "node:crypto";

export const LEGACY_HEADERS = { sign: "Sign", authId: "Auth-Id", requestId: "Request-Id" } as const;

/**
 * The `Sign` value: hex SHA-256 of the exact body string followed by the secret.
 * @example
 * signLegacy('{"card_id":555}', "secret"); // => 64 hex digits
 */
export function signLegacy(body: string | Uint8Array, secret: string): string {
  return createHash("sha256")
    .update(Buffer.concat([Buffer.from(body), Buffer.from(secret)]))
    .digest("hex");
}

/** The three legacy headers for one request, with a fresh `Request-Id`. */
export function legacyHeaders(
  body: string | Uint8Array,
  authId: string,
  secret: string,
  requestId: string = randomUUID(),
) {
  return {
    [LEGACY_HEADERS.sign]: signLegacy(body, secret),
    [LEGACY_HEADERS.authId]: String(authId),
    [LEGACY_HEADERS.requestId]: requestId,
  };
}
