/**
 * The current Freedom Pay signature: a detached JWS, HS512, in `X-JWS-Signature`.
 * docs.freedompay.kz/doc-760202. The payload segment is left out of the header value, so the
 * server recomputes it from the body it received: the bytes signed must be the bytes sent.
 */
import { createHmac } from "node:crypto";

export const JWS_HEADER = "X-JWS-Signature";

export interface JwsRequest {
  /** HTTP method; upper-cased into the JWT header. */
  method: string;
  /** Request path without host, e.g. `/v5/cards/issue_card`. */
  uri: string;
  /** Merchant id; always a string in the JWT header. */
  authId: string;
  /** Undocumented; the docs' example sends an empty string. */
  params?: string;
  /** The exact request body as sent (a string is taken as UTF-8). */
  body: string | Uint8Array;
  secret: string;
}

/** The JWT header, with its fields in the documented order (the order changes the bytes). */
export function jwsHeader({ method, uri, authId, params = "" }: Omit<JwsRequest, "body" | "secret">): string {
  return JSON.stringify({ uri, auth_id: String(authId), method: method.toUpperCase(), params, alg: "HS512" });
}

/** base64url(HMAC-SHA512(secret, encodedHeader + "." + base64url(body))), no padding. */
export function jwsSignature(encodedHeader: string, body: string | Uint8Array, secret: string): string {
  const payload = Buffer.from(body).toString("base64url");
  return createHmac("sha512", secret).update(`${encodedHeader}.${payload}`).digest("base64url");
}

/**
 * The `X-JWS-Signature` value for one request.
 * @example
 * signJws({ method: "POST", uri: "/v5/cards/card_status", authId: "123456", body: '{"card_id":555}', secret: "secret" });
 * // => "eyJ1cmkiOi…..<signature>"
 */
export function signJws(request: JwsRequest): string {
  const encodedHeader = Buffer.from(jwsHeader(request)).toString("base64url");
  return `${encodedHeader}..${jwsSignature(encodedHeader, request.body, request.secret)}`;
}
