/**
 * The current Freedom Pay signature: a detached JWS in `X-JWS-Signature`, HS512 in one revision
 * of docs.freedompay.kz/doc-760202 and HS256 in another (which is current is unknown). The
 * payload segment is left out of the header value, so the server recomputes it from the body
 * it received: the bytes signed must be the bytes sent.
 */
import { createHmac, createSecretKey, type KeyObject } from "node:crypto";

export const JWS_HEADER = "X-JWS-Signature";

/** The documented algorithms and the HMAC hash of each; no other `alg` is accepted. */
export const JWS_ALGORITHMS = { HS512: "sha512", HS256: "sha256" } as const;
export type JwsAlgorithm = keyof typeof JWS_ALGORITHMS;

export interface JwsRequest {
  /** HTTP method; upper-cased into the JWT header. */
  method: string;
  /** Request path without host, e.g. `/v5/cards/issue_card`. */
  uri: string;
  /** Merchant id; always a string in the JWT header. */
  authId: string;
  /** Undocumented; the docs' example sends an empty string. */
  params?: string;
  /** `HS512` (default: the revision with a known-answer vector) or `HS256`. */
  alg?: JwsAlgorithm;
  /** The exact request body as sent (a string is taken as UTF-8). */
  body: string | Uint8Array;
  secret: string;
}

/**
 * The JWT header, with its fields in the order of the HS512 revision's example (the order
 * changes the bytes, and so the signature; a verifier hashes the header it received, so any
 * order verifies).
 */
export function jwsHeader({
  method,
  uri,
  authId,
  params = "",
  alg = "HS512",
}: Omit<JwsRequest, "body" | "secret">): string {
  return JSON.stringify({ uri, auth_id: String(authId), method: method.toUpperCase(), params, alg });
}

// A server checks every request with one of a few secrets: each is made a key once, not per request.
const keys = new Map<string, KeyObject>();
function keyOf(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) {
    if (keys.size >= 64) keys.clear();
    keys.set(secret, (key = createSecretKey(Buffer.from(secret, "utf8"))));
  }
  return key;
}

/** base64url(HMAC(secret, encodedHeader + "." + base64url(body))), no padding; SHA-512 for HS512, SHA-256 for HS256. */
export function jwsSignature(
  encodedHeader: string,
  body: string | Uint8Array,
  secret: string,
  alg: JwsAlgorithm = "HS512",
): string {
  // A view of the bytes, not a copy.
  const bytes =
    typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  return createHmac(JWS_ALGORITHMS[alg], keyOf(secret))
    .update(encodedHeader)
    .update(".")
    .update(bytes.toString("base64url"))
    .digest("base64url");
}

/**
 * The `X-JWS-Signature` value for one request.
 * @example
 * signJws({ method: "POST", uri: "/v5/cards/card_status", authId: "123456", body: '{"card_id":555}', secret: "secret" });
 * // => "eyJ1cmkiOi…..<signature>"
 */
export function signJws(request: JwsRequest): string {
  const encodedHeader = Buffer.from(jwsHeader(request)).toString("base64url");
  return `${encodedHeader}..${jwsSignature(encodedHeader, request.body, request.secret, request.alg)}`;
}
