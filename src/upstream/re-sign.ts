/**
 * Re-signing a request for a provider. A pact records whatever signature the consumer's test
 * produced, under the consumer's test secret, and an app behind `fp-giftcards proxy` has no
 * secret at all: neither signature proves anything to a provider, and neither is trusted. Each
 * received signature header is dropped and the request is signed again with the provider's
 * credentials, by the same `signatureHeaders` the client uses, over the exact bytes that are
 * then forwarded (verify's provider guard and the proxy send these headers with those bytes).
 */
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";
import { JWS_HEADER, LEGACY_HEADERS, signatureHeaders, type SigningCredentials } from "freedompay-gift-cards-client";
import type { ProviderRequest } from "./send.js";

const RECORDED = new Set(
  [JWS_HEADER, LEGACY_HEADERS.sign, LEGACY_HEADERS.authId, LEGACY_HEADERS.requestId].map((h) => h.toLowerCase()),
);
/** Headers about one connection, never forwarded (RFC 9110 §7.6.1), and the length, set anew. */
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "te",
  "trailer",
  "upgrade",
  "host",
  "content-length",
]);

export interface ReplayedRequest {
  method: string;
  /** The path as the provider sees it: the base URL's path, then the pact's. */
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * The headers to send the provider: the recorded ones minus signatures and hop-by-hop headers,
 * plus a fresh signature over `body` for `path`.
 * @example
 * reSignedHeaders({ method: "POST", path: "/v5/cards/card_status", headers, body }, { authId: "123456", secret, scheme: "jws" });
 * // { "content-type": "application/json", "X-JWS-Signature": "eyJ1cmkiOi…" }
 */
export function reSignedHeaders(request: ReplayedRequest, credentials: SigningCredentials): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined && !RECORDED.has(name) && !HOP_BY_HOP.has(name)) headers[name] = value;
  }
  return {
    ...headers,
    ...signatureHeaders({ ...credentials, method: request.method, uri: request.path, body: request.body }),
  };
}

/** A request received for a provider: its path and query are relative to the provider's base URL. */
export interface ForwardedRequest {
  method: string;
  /** e.g. `/v5/cards/card_status`, or with a query `/v5/…?x=1`. */
  pathAndQuery: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * The request to send the provider at `baseUrl`: the base URL's path, then the request's; the
 * headers re-signed for that path (the JWS `uri`) over `body`, which is sent as it is.
 * @example
 * reSignedRequest("https://test-api.freedompay.kz", { method: "POST", pathAndQuery: "/v5/cards/card_status", headers, body }, credentials);
 * // { method: "POST", url: "https://test-api.freedompay.kz/v5/cards/card_status", headers: { …, "X-JWS-Signature": "eyJ1cmkiOi…" }, body }
 */
export function reSignedRequest(
  baseUrl: string,
  request: ForwardedRequest,
  credentials: SigningCredentials,
): ProviderRequest {
  const base = new URL(baseUrl);
  const basePath = base.pathname.replace(/\/+$/, "");
  const { method, pathAndQuery, headers, body } = request;
  const path = `${basePath}${pathAndQuery.split("?")[0]}`;
  return {
    method,
    url: `${base.origin}${basePath}${pathAndQuery}`,
    headers: reSignedHeaders({ method, path, headers, body }, credentials),
    body,
  };
}

/** Answer headers to pass back (to Pact, to the app): all but the hop-by-hop ones (the length is set anew). */
export function passedBack(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const kept: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined && !HOP_BY_HOP.has(name)) kept[name] = value;
  return kept;
}
